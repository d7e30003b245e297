"""Where things live in the project tree.

Everything is relative to the project root (the folder holding ``pyproject.toml``),
so the package works from a clone in any folder. ``NK_CLAIMS_ROOT`` overrides the root,
which tests use to run against a throw-away copy of the tree.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT: Path = Path(os.environ.get("NK_CLAIMS_ROOT", Path(__file__).resolve().parents[2]))
SEEDS_DIR: Path = ROOT / "seeds"
CATALOG_PATH: Path = SEEDS_DIR / "catalog.csv"
DATA_DIR: Path = ROOT / "data"
LEXICON_DIR: Path = DATA_DIR / "lexicon"
FACTS_DIR: Path = DATA_DIR / "facts"
CURATED_DIR: Path = DATA_DIR / "curated"
GEO_DIR: Path = DATA_DIR / "geo"
NOTEBOOKS_DIR: Path = ROOT / "notebooks"
REPORTS_DIR: Path = ROOT / "reports"
