"""Stage 1, corpus: the articles and their catalog.

In: ``seeds/*.txt`` and ``seeds/catalog.csv``, files, saved web pages and URLs a user adds,
and the feeds of ``data/feeds.toml``.
Out: validated, normalised :class:`~.catalog.Article` objects (text UTF-8, BOM dropped,
line endings LF, Unicode NFC, :mod:`~.text`; every character offset downstream refers to
this text), the catalog (:mod:`~.catalog`), adding articles under the catalog lock with
duplicate checks (:mod:`~.adding`, :mod:`~.identity`), web pages to text and metadata
(:mod:`~.pages`), polite downloads (:mod:`~.download`), feeds (:mod:`~.feeds`,
:mod:`~.fetch`) and the commands ``corpus check|add|fetch`` (:mod:`~.cli`).
"""
