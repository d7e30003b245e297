"""Stage 1, corpus: the articles and their catalog.

In: ``seeds/*.txt`` and ``seeds/catalog.csv`` (or a file a user adds).
Out: validated, normalised :class:`~.catalog.Article` objects (text UTF-8, BOM dropped,
line endings LF, :mod:`~.text`; every character offset downstream refers to this text),
the catalog (:mod:`~.catalog`), and the commands ``corpus check|add`` (:mod:`~.cli`).
"""
