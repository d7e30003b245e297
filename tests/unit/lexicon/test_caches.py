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
