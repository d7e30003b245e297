"""One month of a facts dataset: what a build must do there, and doing it (a task).

**Plan** (:func:`plan_month`, in the driver, one month at a time): the month's record
(:mod:`.layout`) says, per article built, the file state it was extracted from. An article
of the catalog is looked at again only when it is new to the month, its ``published`` or
``language`` or the extractor version changed, its file's size or modification time
changed (then its content hash decides), or its rows are missing (an interrupted build);
articles in the record but no longer in the month are dropped. The plan goes to
``staging/plan/<month>.parquet``; a month with nothing to do gets no task at all.

**Finalize** (:func:`finalize_month`, a task after the month's extract batches): the rows
of the articles extracted now go into a new part, ``part-<n>.parquet`` (sorted like every
part); a part that held rows of articles extracted again or dropped is rewritten without
them (or removed when nothing is left); untouched parts and untouched months are not
rewritten. When a month has more than :data:`MAX_PARTS` parts they are compacted into one.
The month's record is written last.

**Interrupted builds.** A reader never sees an article's rows twice in a month (an article
whose ``published`` moved to another month may show in both while the two months are
written), and the next run repairs whatever an interruption left: before parts are changed
in place the ids whose rows go are written to an intent file, and the next run extracts
those articles again; a new or compacted part is not named by the old record, so the next
run removes it (a compacted part is written under a pending name, the record is committed,
the old parts are removed and only then is it moved into place, which the next run
finishes if need be).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analysis.core.atomic import atomic_write_text
from analysis.facts.batches import Entry, plan_file, plan_schema, write_table
from analysis.facts.layout import (
    ROW_TABLES,
    TABLES,
    articles_schema,
    intent_path,
    month_dir,
    part_path,
    pending_path,
    read_intent,
    read_record,
    record_path,
    recover_month,
    schema_of,
)
from analysis.facts.partitions import CLUSTER_ORDER, write_sorted

MAX_PARTS = 8  # parts per month before they are compacted into one


def drops_file(staging: str | Path, month: str) -> Path:
    return Path(staging) / "plan" / f"{month}-drop.json"


def plan_month(out: Path, staging: Path, month: str, entries: Sequence[Entry],
               version: str) -> dict[str, Any]:
    """Decide what the build does in ``month`` (``entries``: the catalog's articles there).

    Returns ``extract`` (articles to hash and perhaps extract), ``drop`` (articles whose
    rows go) and ``touched`` (the month needs a finalize task).
    """
    import pyarrow as pa

    record = read_record(out, month)
    missing = recover_month(out, month, {row["part"] for row in record})
    forced = read_intent(out, month) | {r["article_id"] for r in record if r["part"] in missing}
    known = {row["article_id"]: row for row in record}
    planned, present = [], set()
    for entry in sorted(entries, key=lambda e: e.article_id):
        present.add(entry.article_id)
        old = known.get(entry.article_id)
        if (old is None or entry.article_id in forced or old["published"] != entry.published
                or old["language"] != entry.language or old["extractor_version"] != version):
            planned.append((entry, None))
        elif _stat(entry.path) != (old["size"], old["mtime_ns"]) or \
                old["file"] != os.path.basename(entry.path):
            planned.append((entry, old["content_hash"]))
    drops = sorted(set(known) - present)
    if not entries and not record:  # only leftovers of an interrupted first build
        for table in TABLES:
            shutil.rmtree(month_dir(out, table, month), ignore_errors=True)
    if not planned and not drops:
        return {"extract": 0, "drop": 0, "touched": False}
    columns = list(zip(*[(e.article_id, e.path, e.published, e.language, known_hash)
                         for e, known_hash in planned], strict=True)) or [[]] * 5
    write_table(pa.table(columns, schema=plan_schema()), plan_file(staging, month))
    atomic_write_text(drops_file(staging, month), json.dumps(drops))
    return {"extract": len(planned), "drop": len(drops), "touched": True}


def _stat(path: str) -> tuple[int | None, int | None]:
    try:
        status = os.stat(path)
    except OSError:
        return None, None  # looked at by the batch, which says what is wrong
    return status.st_size, status.st_mtime_ns


def finalize_month(out: str, staging: str, month: str,
                   batch_results: list[dict[str, int]]) -> dict[str, int]:
    """Write the month's new part, rewrite the parts that lose rows, commit the record."""
    import pyarrow.parquet as pq

    out_path = Path(out)
    record = read_record(out_path, month)
    old = {row["article_id"]: row for row in record}
    recover_month(out_path, month, {row["part"] for row in record})  # a retried task
    drops = set(json.loads(drops_file(staging, month).read_text(encoding="utf-8")))
    staged = [row for path in sorted((Path(staging) / "records").glob(f"{month}-*.parquet"))
              for row in pq.ParquetFile(path).read().to_pylist()]
    extracted = {row["article_id"] for row in staged if row.pop("extracted")}
    new_part = max((row["part"] for row in record), default=-1) + 1
    final = {key: row for key, row in old.items() if key not in drops}
    for row in staged:
        if row["article_id"] in extracted:
            final[row["article_id"]] = {**row, "part": new_part}
        else:  # same content: same rows, where they were; the file's new time recorded
            previous = old[row["article_id"]]
            final[row["article_id"]] = {**row, "part": previous["part"],
                                        "claims": previous["claims"],
                                        "events": previous["events"]}
    dropping = (drops | extracted) & set(old)
    if not extracted and not dropping and all(final[k] == old[k] for k in final):
        return {"month_rewritten": 0, "extracted": 0}
    staged_rows = {table: sorted((Path(staging) / table).glob(f"{month}-*.parquet"))
                   for table in ROW_TABLES}
    if not final:
        _remove_month(out_path, month, dropping)
    elif len({row["part"] for row in final.values()}) > MAX_PARTS:
        _compact(out_path, month, record, final, new_part, staged_rows)
    else:
        _update_parts(out_path, month, old, final, dropping, new_part if extracted else None,
                      staged_rows)
    return {"month_rewritten": 1, "extracted": len(extracted)}


def _kept(ids: Sequence[str]) -> Any:
    import pyarrow as pa

    return pa.table({"article_id": pa.array(sorted(ids), pa.string())})


def _write_part(target: Path, table: str, sources: list[Path], keep: Any = None,
                filtered: int = 0) -> None:
    import pyarrow as pa

    if not sources:
        write_table(pa.Table.from_pylist([], schema_of(table)), target)
        return
    write_sorted(target, schema_of(table).names, CLUSTER_ORDER[table], sources, keep=keep,
                 filtered=filtered, schema=schema_of(table))


def _update_parts(out: Path, month: str, old: dict[str, dict], final: dict[str, dict],
                  dropping: set[str], new_part: int | None,
                  staged_rows: dict[str, list[Path]]) -> None:
    """Drop rows from the parts that lose articles, add the new part, commit the record."""
    if dropping:
        atomic_write_text(intent_path(out, month), json.dumps(sorted(dropping)))
    for part in sorted({old[key]["part"] for key in dropping}):
        kept = [key for key, row in final.items() if row["part"] == part]
        for table in ROW_TABLES:
            target = part_path(out, table, month, part)
            if not kept:
                target.unlink(missing_ok=True)
            elif target.is_file():
                _write_part(target, table, [target], keep=_kept(kept), filtered=1)
    if new_part is not None:
        for table in ROW_TABLES:
            _write_part(part_path(out, table, month, new_part), table, staged_rows[table])
    _write_record(out, month, final)
    intent_path(out, month).unlink(missing_ok=True)


def _compact(out: Path, month: str, record: list[dict], final: dict[str, dict],
             new_part: int, staged_rows: dict[str, list[Path]]) -> None:
    """Every kept row and the new rows into one part (pending until the record names it)."""
    old_parts = sorted({row["part"] for row in record})
    kept = [key for key, row in final.items() if row["part"] != new_part]
    for table in ROW_TABLES:
        sources = [p for p in (part_path(out, table, month, n) for n in old_parts)
                   if p.is_file()]
        _write_part(pending_path(out, table, month, new_part), table,
                    sources + staged_rows[table], keep=_kept(kept), filtered=len(sources))
    _write_record(out, month, {key: {**row, "part": new_part} for key, row in final.items()})
    for table in ROW_TABLES:
        for part in old_parts:
            part_path(out, table, month, part).unlink(missing_ok=True)
        _move_into_place(pending_path(out, table, month, new_part),
                         part_path(out, table, month, new_part))
    intent_path(out, month).unlink(missing_ok=True)


def _move_into_place(pending: Path, target: Path) -> None:
    os.replace(pending, target)


def _remove_month(out: Path, month: str, dropping: set[str]) -> None:
    """Every article of the month left the catalog: its folders go, the record last."""
    atomic_write_text(intent_path(out, month), json.dumps(sorted(dropping)))
    for table in (*ROW_TABLES, "articles"):
        shutil.rmtree(month_dir(out, table, month), ignore_errors=True)


def _write_record(out: Path, month: str, final: dict[str, dict]) -> None:
    import pyarrow as pa

    schema = articles_schema()
    rows = [{name: final[key][name] for name in schema.names} for key in sorted(final)]
    write_table(pa.Table.from_pylist(rows, schema), record_path(out, month))

