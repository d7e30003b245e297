"""The cache registry: one clear_caches() empties every registered cache."""

from __future__ import annotations

from analysis.lexicon.caches import cached, clear_caches, lru_cached, registered


def test_clear_caches_empties_every_registered_cache() -> None:
    calls: list[str] = []
    before = registered()

    @cached
    def grammar(language: str) -> str:
        calls.append(language)
        return language.upper()

    @lru_cached(maxsize=2)
    def lookup(word: str) -> int:
        calls.append(word)
        return len(word)

    assert registered() == before + 2
    assert grammar("de") == "DE" and grammar("de") == "DE"
    assert lookup("Kursk") == 5 and lookup("Kursk") == 5
    assert calls == ["de", "Kursk"]
    clear_caches()
    grammar("de")
    lookup("Kursk")
    assert calls == ["de", "Kursk", "de", "Kursk"]


def test_no_stage_from_lexicon_on_caches_outside_the_registry() -> None:
    """A ``functools`` cache in lexicon/ or extract/ would survive ``clear_caches()``."""
    import ast

    from analysis.core import paths

    unregistered = []
    for stage in ("lexicon", "extract"):
        for path in sorted((paths.ROOT / "analysis" / stage).glob("*.py")):
            if path.name == "caches.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module == "functools":
                    names = {alias.name for alias in node.names}
                    if names & {"cache", "lru_cache"}:
                        unregistered.append(path.name)
                if isinstance(node, ast.Attribute) and node.attr in ("cache", "lru_cache"):
                    if isinstance(node.value, ast.Name) and node.value.id == "functools":
                        unregistered.append(path.name)
    assert unregistered == []


def test_clear_caches_rebuilds_the_extractors_from_edited_files(tmp_path, monkeypatch) -> None:
    import datetime as dt
    import shutil

    from analysis.core import paths
    from analysis.extract.claims import find_claims

    copy = tmp_path / "lexicon"
    shutil.copytree(paths.LEXICON_DIR, copy)
    monkeypatch.setattr(paths, "LEXICON_DIR", copy)
    sentence = "Es sind 300 Lastwagen in Kursk."
    published = dt.date(2024, 11, 12)
    clear_caches()
    try:
        assert find_claims(sentence, "de", published) == []
        with (copy / "de" / "units.csv").open("a", encoding="utf-8") as handle:
            handle.write("lastwagen,other,suffix\n")  # the README's example of a data change
        assert find_claims(sentence, "de", published) == []  # compiled once per process ...
        clear_caches()
        rows = find_claims(sentence, "de", published)  # ... rebuilt after clear_caches()
        assert [(row["quote"], row["unit"]) for row in rows] == [("300 Lastwagen", "other")]
    finally:
        clear_caches()
