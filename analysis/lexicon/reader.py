"""The one reader of the vocabularies: ``data/lexicon/[<language>/]<name>.csv``.

See ``data/lexicon/README.md`` for the files. Adding a term or a language is a data change.

* **Languages.** A language is a folder of ``data/lexicon/``. Each extractor needs its own
  file there (the claims rules ``units.csv``, the number reader ``qualifiers.csv``, the date
  finder ``dates.csv``), so "supported" is asked per file: :func:`supported_languages` lists
  the folders holding it and :func:`check_language` raises one error naming them. A
  language is only ever a folder name found by listing ``data/lexicon/``, never a path.
* **Tables.** :func:`table` returns a file's rows as dicts of stripped strings, optionally
  checking that the header has some columns. Every problem (missing file, unreadable CSV,
  a row with more cells than the header, missing columns) raises
  :class:`~analysis.core.errors.ExtractionError` naming the file and what to do.

Files are read once per process: the caches go through :mod:`analysis.lexicon.caches`, and
they are keyed by the folder, so a test that points ``paths.LEXICON_DIR`` elsewhere gets
the files there (grammars built from them still need :func:`~analysis.lexicon.caches.clear_caches`).
"""

from __future__ import annotations

import csv
from pathlib import Path

from analysis.core import paths
from analysis.core.errors import ExtractionError
from analysis.core.languages import CLAIMS_FILE, language_folders
from analysis.lexicon.caches import cached


@cached
def _folders(folder: Path) -> tuple[str, ...]:
    """The language folders of ``folder`` (a lexicon directory), sorted."""
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name for p in folder.iterdir() if p.is_dir()))


@cached
def _folders_with(folder: Path, file: str) -> tuple[str, ...]:
    return language_folders(folder, file)  # the one discovery, shared with the corpus stage


def supported_languages(file: str = CLAIMS_FILE) -> tuple[str, ...]:
    """Language codes whose folder in ``data/lexicon/`` holds ``file``, sorted."""
    return _folders_with(paths.LEXICON_DIR, file)


def check_language(language: str, file: str = CLAIMS_FILE, what: str = "claims") -> str:
    """Return ``language`` if its folder holds ``file``; else raise naming the supported ones.

    ``what`` names the lexicon in the message ("number", "dates").
    """
    if not isinstance(language, str) or language not in supported_languages(file):
        shown = ", ".join(supported_languages(file)) or "none"
        raise ExtractionError(
            f"language {language!r} has no {what} lexicon (no {paths.LEXICON_DIR}/<language>/"
            f"{file}); supported: {shown}"
        )
    return language


@cached
def _read(path: Path, columns: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or ())]
            if missing:
                raise ExtractionError(
                    f"lexicon file {path}: header must be {','.join(columns)} (lacks "
                    f"{', '.join(missing)}); fix its header"
                )
            rows = []
            for row in reader:
                if None in row:  # more cells than the header has columns
                    raise ExtractionError(
                        f"lexicon file {path}, line {reader.line_num}: more cells than columns; "
                        "quote values that contain commas"
                    )
                rows.append({key: (value or "").strip() for key, value in row.items()})
    except FileNotFoundError:
        raise ExtractionError(f"lexicon file {path} is missing; restore it from git") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ExtractionError(f"lexicon file {path} is unreadable ({exc}); fix the CSV") from None
    return tuple(rows)


def table_path(language: str | None, name: str) -> Path:
    """Where ``table(language, name)`` reads from; the language must be a lexicon folder."""
    if language is None:
        return paths.LEXICON_DIR / f"{name}.csv"
    if not isinstance(language, str) or language not in _folders(paths.LEXICON_DIR):
        check_language(language)  # not a folder at all: the claims lexicon's error
    return paths.LEXICON_DIR / language / f"{name}.csv"


def table(
    language: str | None, name: str, columns: tuple[str, ...] = ()
) -> tuple[dict[str, str], ...]:
    """Rows of ``data/lexicon/<language>/<name>.csv`` (``data/lexicon/<name>.csv`` for None).

    ``columns``: the header must have these (else a one-line error naming the file).
    """
    return _read(table_path(language, name), tuple(columns))


def term_key(term: str) -> str:
    """The lookup key of a term, as listed or as matched in a text: lower case, single spaces.

    Patterns match a space in a term as any white space and the first letter in either case
    (:mod:`analysis.lexicon.patterns`); the key maps every such spelling to one entry.
    """
    if term.isalpha():  # one plain word, the usual case: nothing to collapse
        return term.lower()
    return " ".join(term.split()).lower()


def terms(language: str, name: str, role: str | None = None, column: str = "role") -> list[str]:
    """The ``term`` column of a lexicon file, optionally only rows whose ``column == role``."""
    return [
        row["term"]
        for row in table(language, name)
        if row.get("term") and (role is None or row.get(column) == role)
    ]
