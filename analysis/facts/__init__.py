"""Stage 4, facts: the committed tables and everything that reads them.

In: the corpus (to build), ``data/facts/*.csv`` (to load), ``data/curated/overrides.csv``.
Out: one module per job: build, staleness and typed loading of ``data/facts/claims.csv``
and ``events.csv`` (:mod:`.store`), the data dictionary ``data/facts/README.md`` generated
from the schema (:mod:`.dictionary`), the analysts' overrides validated against the schema
(:mod:`.overrides`), the one "known by date X" filter (:mod:`.known`), contradictions
between claims (:mod:`.consistency`) and the ``facts build|check`` command (:mod:`.cli`).
"""
