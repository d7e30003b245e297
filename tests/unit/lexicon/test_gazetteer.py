"""The one gazetteer reader (extraction and geo read the same rows) and location codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.core import paths
from analysis.core.errors import AnalysisError, ExtractionError
from analysis.lexicon.gazetteer import (
    GAZETTEER_FILE,
    country_of,
    gazetteer,
    gazetteer_header,
    gazetteer_path,
    place_kind,
)


class OtherError(AnalysisError):
    """Stands for a later stage's own error class (geo passes ``GeoError``)."""


def test_rows_are_every_column_as_strings() -> None:
    rows = gazetteer()
    header = gazetteer_header()
    sudzha = next(row for row in rows if row["name"] == "Sudzha")
    assert (sudzha["name_de"], sudzha["iso_a2"]) == ("Sudscha", "RU")
    assert all(list(row) == list(header) for row in rows)
    assert all(isinstance(value, str) for row in rows for value in row.values())
    assert gazetteer_path() == paths.GEO_DIR / GAZETTEER_FILE


def test_geo_reads_the_same_rows_typed_as_pandas_reads_the_csv() -> None:
    from analysis.geo import layers as geo

    frame = pd.DataFrame(geo.load_gazetteer().drop(columns="geometry"))
    expected = pd.read_csv(gazetteer_path(), encoding="utf-8", dtype={"geonameid": "string"})
    pd.testing.assert_frame_equal(frame, expected)
    assert list(frame["name"]) == [row["name"] for row in gazetteer()]


def test_extraction_finds_every_gazetteer_town_by_its_names() -> None:
    from analysis.extract.mentions import find_places
    from analysis.lexicon import reader

    for language, columns in (("en", ("name",)), ("de", ("name", "name_de"))):
        lexicon_terms = {row["term"].lower() for row in reader.table(language, "places")}
        for row in gazetteer():
            for written in {row[column] for column in columns}:
                if written.lower() in lexicon_terms:
                    continue  # the lexicon wins: "Kursk" means the region
                found = find_places(f"Sie sind in {written} angekommen.", language)
                assert [(p.text, p.code, p.kind) for p in found] == [
                    (written, row["name"], "town")
                ], (language, written)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "gazetteer_kursk.csv is missing; copy it from the geodata bundle"),
        ("name,lat,lon\nSudzha,51.2,35.3\n", "lacks column(s) admin1_iso, iso_a2, kind"),
        (b"name\n\xff\n", "is unreadable"),
    ],
)
def test_bad_gazetteer_raises_the_callers_error_class(
    tmp_path: Path, content: str | bytes | None, message: str
) -> None:
    path = tmp_path / GAZETTEER_FILE
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ExtractionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        gazetteer(tmp_path)
    with pytest.raises(OtherError, match=str(tmp_path)) as caught:
        gazetteer(tmp_path, error=OtherError)
    assert not isinstance(caught.value, ExtractionError)


def test_a_gazetteer_cut_short_names_the_file_and_line(tmp_path: Path) -> None:
    """A download or copy that stopped mid-row: the town would get no coordinates (and be
    silently dropped from maps), so the reader refuses the file instead (issue 15, item 9)."""
    text = gazetteer_path().read_text(encoding="utf-8")
    cut = text.index("\nSudzha,") + len("\nSudzha,Sudscha,")
    (tmp_path / GAZETTEER_FILE).write_text(text[:cut], encoding="utf-8")
    with pytest.raises(ExtractionError) as caught:
        gazetteer(tmp_path)
    message = str(caught.value)
    assert str(tmp_path / GAZETTEER_FILE) in message and "line 3: fewer cells" in message
    assert "\n" not in message


def test_another_folder_is_read_on_its_own(tmp_path: Path) -> None:
    shutil.copy(gazetteer_path(), tmp_path / GAZETTEER_FILE)
    lines = (tmp_path / GAZETTEER_FILE).read_text(encoding="utf-8").splitlines()
    (tmp_path / GAZETTEER_FILE).write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    assert len(gazetteer(tmp_path)) == 1
    assert len(gazetteer()) == len(lines) - 1 > 1


@pytest.mark.parametrize(
    ("code", "country"),
    [("RU-KRS", "RUS"), ("UA-59", "UKR"), ("RUS", "RUS"), ("Sudzha", "RUS"), ("Sumy", "UKR"),
     ("Atlantis", None), (None, None), ("KP-01", "PRK")],
)
def test_country_of(code: str | None, country: str | None) -> None:
    assert country_of(code) == country


def test_place_kind() -> None:
    assert [place_kind(c) for c in ("RUS", "RU-KRS", "Sudzha")] == ["country", "region", "town"]
