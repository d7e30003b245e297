"""Where things live in the project tree, and which corpus the package works on.

Everything is relative to the project root (the folder holding ``pyproject.toml``), so the
package works from a clone in any folder. Two environment variables move things, read once
when this module is first imported:

``NK_CLAIMS_CORPUS``
    A folder laid out like the project's corpus part: ``seeds/`` (articles and
    ``catalog.csv``), ``data/facts/`` (the tables built from them) and ``data/curated/``
    (the analysts' overrides of those tables). It relocates :data:`SEEDS_DIR`,
    :data:`CATALOG_PATH`, :data:`FACTS_DIR` and :data:`CURATED_DIR`; the vocabularies,
    geodata, notebooks and ``reports/`` stay at the root. Relative paths are taken from the
    working directory. The test suite and ``make notebooks`` set it to
    :data:`REFERENCE_CORPUS_DIR`, so that tests and the notebooks' stored outputs never
    depend on the articles a user has added.
``NK_CLAIMS_ROOT``
    The project root itself (default: the folder this package was installed from).
"""

from __future__ import annotations

import os
from pathlib import Path

CORPUS_ENV = "NK_CLAIMS_CORPUS"

ROOT: Path = Path(os.environ.get("NK_CLAIMS_ROOT", Path(__file__).resolve().parents[2]))
# The fixed corpus the tests and the committed notebook outputs are made from.
REFERENCE_CORPUS_DIR: Path = ROOT / "tests" / "reference"
# The corpus in use: the project root (the user's articles) unless NK_CLAIMS_CORPUS says else.
CORPUS_DIR: Path = (
    Path(os.environ[CORPUS_ENV]).resolve() if os.environ.get(CORPUS_ENV) else ROOT
)

SEEDS_DIR: Path = CORPUS_DIR / "seeds"
CATALOG_PATH: Path = SEEDS_DIR / "catalog.csv"
FACTS_DIR: Path = CORPUS_DIR / "data" / "facts"
CURATED_DIR: Path = CORPUS_DIR / "data" / "curated"

DATA_DIR: Path = ROOT / "data"
LEXICON_DIR: Path = DATA_DIR / "lexicon"
GEO_DIR: Path = DATA_DIR / "geo"
# The data dictionary documents the schema, not a corpus: it stays at the root.
FACTS_DICTIONARY_PATH: Path = DATA_DIR / "facts" / "README.md"
NOTEBOOKS_DIR: Path = ROOT / "notebooks"
REPORTS_DIR: Path = ROOT / "reports"
