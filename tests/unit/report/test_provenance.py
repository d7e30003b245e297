"""analysis.report.provenance: what a run's manifest records about its inputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.core import paths
from analysis.report import provenance
from analysis.report.provenance import (
    git_state,
    input_hashes,
    package_versions,
    sha256_file,
    short_hash,
)


def test_git_state_outside_a_checkout_is_null(tmp_path: Path) -> None:
    assert git_state(tmp_path) == {"commit": None, "dirty": None}
    state = git_state(paths.ROOT)
    if state["commit"] is not None:  # the project checkout itself
        assert re.fullmatch(r"[0-9a-f]{40}", state["commit"]) and isinstance(state["dirty"], bool)


def test_input_hashes_cover_corpus_data_and_every_code_module() -> None:
    keys = set(input_hashes([]))
    for folder in (paths.SEEDS_DIR, paths.FACTS_DIR, paths.LEXICON_DIR, paths.GEO_DIR):
        relative = folder.relative_to(paths.ROOT).as_posix()  # e.g. the corpus in use
        assert any(key.startswith(f"{relative}/") for key in keys), relative
    # code of every stage, not only analysis/*.py: a change anywhere makes a new run-id
    assert {"analysis/cli.py", "analysis/report/runner.py", "analysis/extract/claims.py"} <= keys
    assert not any("__pycache__" in key for key in keys)


def test_input_hashes_change_with_file_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "catalog.csv").write_text("id\n", encoding="utf-8")
    monkeypatch.setattr(provenance, "INPUT_GLOBS", ((tmp_path / "seeds", "*"),))
    extra = tmp_path / "x.ipynb"
    extra.write_text("one", encoding="utf-8")
    before = input_hashes([extra, None, tmp_path / "missing.yaml"])
    assert set(before) == {str(extra.resolve()), str((tmp_path / "seeds/catalog.csv").resolve())}
    assert before[str(extra.resolve())] == sha256_file(extra)
    extra.write_text("two", encoding="utf-8")
    after = input_hashes([extra])
    assert before[str(extra.resolve())] != after[str(extra.resolve())]
    assert {k: v for k, v in before.items() if k != str(extra.resolve())} == {
        k: v for k, v in after.items() if k != str(extra.resolve())
    }
    assert short_hash(before, {}) != short_hash(after, {})
    assert short_hash(before, {}) != short_hash(before, {"as_of": "2024-11-11"})
    assert re.fullmatch(r"[0-9a-f]{8}", short_hash(before, {}))


def test_package_versions_name_python_and_missing_packages() -> None:
    import pandas as pd

    versions = package_versions(("pandas", "no-such-package-nk"))
    assert versions["pandas"] == pd.__version__
    assert versions["no-such-package-nk"] is None and versions["python"]
