"""core.paths: NK_CLAIMS_CORPUS moves the corpus (seeds, facts, overrides) and nothing else."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from analysis.core import paths

CORPUS_PATHS = ("SEEDS_DIR", "CATALOG_PATH", "FACTS_DIR", "CURATED_DIR")
ROOT_PATHS = ("DATA_DIR", "LEXICON_DIR", "GEO_DIR", "FACTS_DICTIONARY_PATH", "NOTEBOOKS_DIR",
              "REPORTS_DIR", "REFERENCE_CORPUS_DIR")


def test_the_suite_runs_on_the_reference_corpus() -> None:
    assert os.environ[paths.CORPUS_ENV] == str(paths.REFERENCE_CORPUS_DIR)
    assert paths.CORPUS_DIR == paths.REFERENCE_CORPUS_DIR
    for name in CORPUS_PATHS:
        assert getattr(paths, name).is_relative_to(paths.REFERENCE_CORPUS_DIR), name
    for name in ROOT_PATHS[:-1]:
        assert not getattr(paths, name).is_relative_to(paths.REFERENCE_CORPUS_DIR), name
    assert (paths.CATALOG_PATH.is_file() and (paths.FACTS_DIR / "claims.csv").is_file()
            and (paths.CURATED_DIR / "overrides.csv").is_file())


def _paths_in_subprocess(corpus: str | None, cwd: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != paths.CORPUS_ENV}
    if corpus is not None:
        env[paths.CORPUS_ENV] = corpus
    names = ("ROOT", "CORPUS_DIR", *CORPUS_PATHS, *ROOT_PATHS)
    code = (
        "import json; from analysis.core import paths; "
        f"print(json.dumps({{n: str(getattr(paths, n)) for n in {names!r}}}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, cwd=cwd, check=True)
    return json.loads(result.stdout)


def test_corpus_variable_relocates_seeds_facts_and_overrides_only(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    moved = _paths_in_subprocess("mine", tmp_path)  # relative: from the working directory
    corpus = tmp_path.resolve() / "mine"
    assert moved["CORPUS_DIR"] == str(corpus)
    assert moved["SEEDS_DIR"] == str(corpus / "seeds")
    assert moved["CATALOG_PATH"] == str(corpus / "seeds" / "catalog.csv")
    assert moved["FACTS_DIR"] == str(corpus / "data" / "facts")
    assert moved["CURATED_DIR"] == str(corpus / "data" / "curated")
    default = _paths_in_subprocess(None, tmp_path)
    for name in ROOT_PATHS:
        assert moved[name] == default[name] == str(getattr(paths, name)), name


def test_without_the_variable_the_corpus_is_the_project(tmp_path: Path) -> None:
    for unset in (None, ""):
        default = _paths_in_subprocess(unset, tmp_path)
        root = Path(default["ROOT"])
        assert default["CORPUS_DIR"] == str(root) == str(paths.ROOT)
        assert default["SEEDS_DIR"] == str(root / "seeds")
        assert default["FACTS_DIR"] == str(root / "data" / "facts")
