"""Stage 0, core: what every stage shares. Nothing here knows about news.

In: nothing (environment variables that select the corpus or move the tree, see :mod:`.paths`).
Out: where things live (:mod:`.paths`), the user-facing error classes (:mod:`.errors`),
atomic writes (:mod:`.atomic`), the table schema — every column with its type,
description and allowed values, flag meanings (:mod:`.schema`) — the one table codec for
CSV, JSON lines and Parquet (:mod:`.tables`), the one number, estimate and date formatter
(:mod:`.labels`: facts use it for contradiction reasons, viz for every figure and table)
parameter validators (:mod:`.params`) and which languages have a lexicon
(:mod:`.languages`).
"""
