"""`python -m analysis facts build|check`: what is stale, and the one line that says the fix."""

from __future__ import annotations

import pytest

from analysis.cli import main
from analysis.facts import store


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def facts_in_tmp(tmp_path, monkeypatch):
    """The facts files in tmp_path, built from the (reference) corpus."""
    for name, file in (("claims_path", "claims.csv"), ("events_path", "events.csv"),
                       ("dictionary_path", "README.md")):
        monkeypatch.setattr(store, name, lambda file=file: tmp_path / file)
    return tmp_path


def test_build_writes_tables_and_dictionary_then_check_passes(facts_in_tmp, capsys) -> None:
    code, out, _ = run(["facts", "build"], capsys)
    assert code == 0
    assert sorted(line.rsplit("/", 1)[-1] for line in out.splitlines()) == [
        "README.md", "claims.csv", "events.csv"]
    assert (facts_in_tmp / "claims.csv").read_text(encoding="utf-8").count("\n") == 6
    code, out, err = run(["facts", "check"], capsys)
    assert (code, err) == (0, "") and "up to date" in out


def test_stale_dictionary_fails_check_naming_make_facts(facts_in_tmp, capsys) -> None:
    run(["facts", "build"], capsys)
    (facts_in_tmp / "README.md").write_text("# edited by hand\n", encoding="utf-8")
    code, _, err = run(["facts", "check"], capsys)
    assert code == 1
    assert err.splitlines() == [
        f"stale: {facts_in_tmp / 'README.md'}",
        "facts are stale: run `make facts` and commit the result",
    ]


def _overrides(folder, row: str, monkeypatch):
    """An overrides file with one ``row``, in use instead of the corpus's."""
    path = folder / "overrides.csv"
    path.write_text(f"claim_id,field,value,reason,reviewer,date\n{row}\n", encoding="utf-8")
    monkeypatch.setattr("analysis.facts.overrides.OVERRIDES_PATH", path)
    return path


def test_stale_override_fails_check_naming_the_file(facts_in_tmp, monkeypatch, capsys) -> None:
    run(["facts", "build"], capsys)
    overrides = _overrides(facts_in_tmp, "gone:1,actor,RUS,re-extracted,ana,2024-11-20",
                           monkeypatch)
    code, out, err = run(["facts", "check"], capsys)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "stale override: claim gone:1 (actor) no longer exists",
        f"overrides are stale: update or remove them in {overrides}",
    ]


def test_malformed_override_is_one_line_exit_2(facts_in_tmp, monkeypatch, capsys) -> None:
    run(["facts", "build"], capsys)
    overrides = _overrides(facts_in_tmp, 'a:1,flags,["made_up"],why,ana,2024-11-20', monkeypatch)
    code, _, err = run(["facts", "check"], capsys)
    assert code == 2 and len(err.splitlines()) == 1
    assert f"{overrides} line 2" in err and "made_up" in err and "location_conflict" in err
