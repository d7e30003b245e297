"""Stage 4, facts: the committed tables and everything that reads them.

In: the corpus (to build), ``data/facts/*.csv`` (to load), ``data/curated/overrides.csv``.
Out: one module per job: build, staleness and typed loading of ``data/facts/claims.csv`` and
``events.csv`` (:mod:`.store`), the Parquet facts of a corpus of any size built in batches
on local cores or a Dask cluster (:mod:`.dataset`, ``facts build --out``: its layout on
disk :mod:`.layout`, the extraction batches :mod:`.batches`, each month's plan and update
:mod:`.months`) with each part's rows sorted by the filter columns (:mod:`.partitions`), the
one reader with the notebooks'
filters pushed down by DuckDB (:mod:`.query`, SQL in :mod:`.sql`: notebooks, the report, the
explorer and the benchmarks read through it), the data dictionary ``data/facts/README.md``
generated from the schema (:mod:`.dictionary`), the analysts' overrides validated against
the schema (:mod:`.overrides`), the one "known by date X" filter (:mod:`.known`),
contradictions between claims (:mod:`.consistency`) and the ``facts build|check`` command
(:mod:`.cli`).
"""
