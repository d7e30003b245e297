"""Stage 7, explore: interactive filtering in JupyterLab.

In: claims and events frames, the corpus.
Out: filter functions (:mod:`.filters`: unit, actor, claimant, place, dates, language, text
search), what the explorer shows of a claim (:mod:`.detail`) and the ``ClaimsExplorer``
widget app (:mod:`.app`) whose table, chart and map update together; over a facts dataset
of any size, ``DatasetExplorer`` (:mod:`.large`) pushes each filter change down to the facts
stage and draws aggregates.
"""
