"""Stage 2, lexicon: the vocabularies as data.

In: ``data/lexicon/**.csv`` (one folder per language plus shared tables) and the gazetteer
``data/geo/gazetteer_kursk.csv``.
Out: the one reader for those CSV files, the list of supported languages, the one
trie/pattern builder used by every finder, the gazetteer, and :func:`clear_caches`.
"""
