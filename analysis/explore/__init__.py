"""Stage 7, explore: interactive filtering in JupyterLab.

In: claims and events frames, the corpus.
Out: filter functions (unit, actor, claimant, place, dates, language, text search) and the
``ClaimsExplorer`` widget app whose table, chart and map update together.
"""
