"""Stage 2, lexicon: the vocabularies as data.

In: ``data/lexicon/**.csv`` (one folder per language plus shared tables) and the gazetteer
``data/geo/gazetteer_kursk.csv``.
Out: the one reader for those CSV files and the one language discovery (``reader``), the
one trie/pattern builder used by every finder (``patterns``), the gazetteer and what a
location code says about its country (``gazetteer``), the event-type vocabulary
(``event_types``), the case forms of the claimants lexicon (``inflection``), and one
:func:`~analysis.lexicon.caches.clear_caches` for every cache of every stage (``caches``).
"""
