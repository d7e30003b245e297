"""Stage 4, facts: the committed tables and everything that reads them.

In: the corpus (to build), ``data/facts/*.csv`` (to load), ``data/curated/overrides.csv``.
Out: ``data/facts/claims.csv`` and ``events.csv`` (built by ``facts build``, checked for
staleness by ``facts check``), typed loaders with the analysts' overrides applied, the one
"known by date X" filter, and contradictions between claims.
"""
