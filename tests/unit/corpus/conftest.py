"""The ``seeds`` fixture: a throw-away seeds folder with one good article."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.corpus.corpus_cases import GOOD_TEXT, HEADER


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a1.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "catalog.csv").write_text(
        HEADER + "a1,a1.txt,Titel,Blatt,,2024-05-02,de,\n", encoding="utf-8"
    )
    return folder
