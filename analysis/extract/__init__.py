"""Stage 3, extract: from one article's text to claims and events. Pure: no files written.

In: :class:`~analysis.corpus.catalog.Article` objects and the lexicon.
Out: typed frames (the schema's claim and event columns, :mod:`analysis.core.tables`) with
character offsets into the article text: sentences → numbers, dates, mentions (places,
actors, claimants) → claims and events. Commands ``extract`` and ``events``.
Extraction never imports storage (``facts``).
"""
