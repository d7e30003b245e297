"""Which languages have a lexicon: the folders of ``data/lexicon/`` holding a given file.

The one language discovery. :mod:`analysis.lexicon.reader` wraps it in its caches for the
extractors; the corpus stage (before the lexicon in the data flow) asks it directly, to
flag articles in a language the lexicon lacks (kept in the corpus, no claims extracted).
A language is only ever a folder name found by listing the folder, never a path.
"""

from __future__ import annotations

from pathlib import Path

from analysis.core import paths

# The file that makes a language supported by the claims rules.
CLAIMS_FILE = "units.csv"


def language_folders(folder: Path, file: str = CLAIMS_FILE) -> tuple[str, ...]:
    """Names of the sub-folders of ``folder`` that hold ``file``, sorted (none: empty)."""
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name for p in folder.iterdir() if p.is_dir() and (p / file).is_file()))


def lexicon_languages(file: str = CLAIMS_FILE) -> tuple[str, ...]:
    """Language codes whose folder in ``data/lexicon/`` holds ``file`` (default: claims)."""
    return language_folders(paths.LEXICON_DIR, file)
