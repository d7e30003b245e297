"""The feeds file (data/feeds.toml) and reading feeds (analysis.corpus.feeds)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.core import paths
from analysis.corpus.feeds import Feed, FeedError, FeedsFileError, load_feeds, parse_feed
from tests.support.local_web import WEB_ROOT

BASE = "https://example.test"


def _feed(keywords: tuple[str, ...] = ("Nordkorea", "North Korean troops", "Kursk")) -> Feed:
    return Feed(name="t", url=f"{BASE}/feed.xml", language=None, outlet="", keywords=keywords)


def _body(name: str) -> bytes:
    return (WEB_ROOT / "feeds" / name).read_bytes().replace(b"{base}", BASE.encode())


def test_the_committed_feeds_file_is_valid() -> None:
    config = load_feeds(paths.DATA_DIR / "feeds.toml")
    assert len(config.feeds) >= 4
    languages = {feed.language for feed in config.feeds}
    assert {"de", "en"} <= languages
    assert all(feed.url.startswith("https://") for feed in config.feeds)
    # general news feeds are filtered; tag feeds on the subject may take every entry
    assert sum(bool(feed.keywords) for feed in config.feeds) >= 4
    german = next(f for f in config.feeds if f.language == "de")
    assert german.matches("Nordkoreanische Soldaten an der Front")
    assert config.politeness.delay_seconds >= 1 and config.politeness.timeout_seconds > 0


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Nordkoreas Armee schickt weitere Einheiten", True),  # a keyword starts the word
        ("nordkoreanische Soldaten in Kursk", True),  # case does not matter
        ("Officials count North Korean\n troops near the border", True),  # across white space
        ("Kurskorrektur an der Börse", True),  # starts a word: still a keyword hit
        ("Südnordkorea", False),  # inside a word: not a hit
        ("North Korean cuisine in Seoul", False),  # only part of a phrase
        ("Wetter: Am Wochenende wird es frostig", False),
    ],
)
def test_keyword_filter(text: str, kept: bool) -> None:
    assert _feed().matches(text) is kept


def test_empty_keyword_list_keeps_every_entry() -> None:
    assert _feed(()).matches("Wetter: Am Wochenende wird es frostig")


def test_rss_entries_with_links_titles_and_dates() -> None:
    entries = parse_feed(_feed(), _body("news.xml"))
    assert len(entries) == 5
    first = entries[0]
    assert first.link == f"{BASE}/de/kursk-truppen.html?utm_source=rss&utm_medium=feed"
    assert first.published == dt.date(2025, 2, 3)
    assert "Nordkorea" in entries[3].text  # a <category> counts
    assert "<b>" not in entries[2].text and "North Korean troops" in entries[2].text


def test_atom_entries() -> None:
    entries = parse_feed(_feed(), _body("english.atom"))
    assert [e.published for e in entries] == [dt.date(2025, 2, 5), dt.date(2025, 2, 10),
                                              dt.date(2025, 2, 10)]
    assert entries[0].link.endswith("/en/troops-and-shells.html#comments")


def test_entry_without_link_is_kept_with_an_empty_link() -> None:
    entries = parse_feed(_feed(), _body("failures.xml"))
    assert entries[0].link == "" and "ohne Link" in entries[0].title


def test_malformed_feed() -> None:
    with pytest.raises(FeedError, match="malformed feed"):
        parse_feed(_feed(), _body("broken.xml"))


def test_an_html_page_is_not_a_feed() -> None:
    html = (WEB_ROOT / "section.html").read_bytes()
    with pytest.raises(FeedError, match="not an RSS or Atom feed|malformed"):
        parse_feed(_feed(), html)


GOOD = '[[feeds]]\nname = "A"\nurl = "https://example.test/rss"\nlanguage = "de"\n'


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        ("[[feeds]\nname = 1", ("not valid TOML",)),
        ("[fetch]\ndelay = 2\n" + GOOD, ("unknown setting [fetch] delay", "delay_seconds")),
        ("[fetch]\ndelay_seconds = -1\n" + GOOD, ("delay_seconds = -1", ">= 0")),
        ("[fetch]\nretries = 1.5\n" + GOOD, ("retries = 1.5",)),
        ("[fetch]\nmax_articles = 0\n" + GOOD, ("max_articles",)),
        ("[fetch]\ndelay_seconds = 1\n", ("no [[feeds]]",)),
        ('[[feeds]]\nname = "A"\n', ("feed 1 (A) has no url",)),
        ('[[feeds]]\nname = "A"\nurl = "feed.xml"\n', ("feed 1 (A)", "not an http(s) URL")),
        (GOOD.replace('"de"', '"deutsch"'), ("feed 1 (A)", "ISO 639-1")),
        (GOOD + "keywords = [1, 2]\n", ("keywords", "list of non-empty strings")),
        (GOOD + 'keyword = ["x"]\n', ("unknown key(s) keyword",)),
        ("[extra]\n" + GOOD, ("unknown table(s) extra",)),
    ],
)
def test_bad_feeds_file(content: str, needles: tuple[str, ...], tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FeedsFileError) as caught:
        load_feeds(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path))
    for needle in needles:
        assert needle in message, (needle, message)


def test_missing_feeds_file(tmp_path: Path) -> None:
    with pytest.raises(FeedsFileError, match="feeds file not found"):
        load_feeds(tmp_path / "nope.toml")


def test_keywords_by_language_and_per_feed(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(
        '[keywords]\nde = ["Nordkorea"]\nen = ["North Korea"]\n'
        + GOOD + '[[feeds]]\nurl = "https://example.test/en"\nlanguage = "en"\n'
        '[[feeds]]\nurl = "https://example.test/all"\n'
        '[[feeds]]\nurl = "https://example.test/own"\nkeywords = ["Kursk"]\n', encoding="utf-8")
    german, english, mixed, own = load_feeds(path).feeds
    assert german.keywords == ("Nordkorea",) and english.keywords == ("North Korea",)
    assert mixed.keywords == ("Nordkorea", "North Korea") and mixed.name == "feed 3"
    assert own.keywords == ("Kursk",)
