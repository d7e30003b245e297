"""Web pages to articles (analysis.corpus.pages) and when two texts are the same story
(analysis.corpus.identity), on the local site's own pages (tests/support/web/)."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from analysis.corpus import identity, pages
from tests.support.local_web import WEB_ROOT

WEB = WEB_ROOT


def _page(name: str, base: str = "https://example.test") -> pages.Page:
    html = (WEB / name).read_bytes().replace(b"{base}", base.encode())
    return pages.parse_page(html, name, url=f"{base}/{name}")


def test_german_article_main_text_without_page_furniture() -> None:
    page = _page("de/kursk-truppen.html")
    assert page.title == "Seoul: Mehr nordkoreanische Soldaten in Kursk"
    assert page.site_name == "Morgenkurier"
    assert page.canonical_url == "https://example.test/de/kursk-truppen.html"
    assert page.published == dt.date(2025, 2, 3)  # JSON-LD datePublished
    assert (page.language, page.language_detected, page.date_from_text) == ("de", None, False)
    assert "rund 11.500\nnordkoreanische" not in page.text  # one paragraph per line
    assert "rund 11.500 nordkoreanische Soldaten in der russischen Region Kursk" in page.text
    for furniture in ("Cookies", "Alle akzeptieren", "Impressum", "Mehr zum Thema",
                      "Kim Jong Un empfängt", "Lesen Sie auch", "Von Jana Beispiel", "Abo"):
        assert furniture not in page.text, furniture


def test_english_article_date_from_meta_and_language_from_html_lang() -> None:
    page = _page("en/troops-and-shells.html")
    assert page.published == dt.date(2025, 2, 5)
    assert page.language == "en"  # lang="en-GB"
    assert "about 12,000 North Korean troops remain deployed" in page.text
    assert "Photo: Agency" not in page.text and "Accept all" not in page.text


def test_date_from_a_time_element() -> None:
    page = _page("de/raketen-lieferungen.html")
    assert page.published == dt.date(2025, 2, 7)
    assert "bis zu 150\nballistische" not in page.text and "bis zu 150 ballistische" in page.text


def test_language_detected_when_the_page_does_not_say() -> None:
    page = _page("en/no-language-stated.html")
    assert page.language == "en"
    assert page.language_detected is not None and page.language_detected > 0.9


def test_undated_page_has_no_date() -> None:
    page = _page("en/undated-analysis.html")
    assert page.published is None


def test_section_front_is_not_an_article() -> None:
    with pytest.raises(pages.NotAnArticleError, match="section.html: not an article"):
        _page("section.html")


def test_page_over_the_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pages, "MAX_PAGE_BYTES", 1000)
    with pytest.raises(pages.PageTooLargeError, match="page limit"):
        _page("de/kursk-truppen.html")
    saved = tmp_path / "big.html"
    saved.write_bytes((WEB / "de/kursk-truppen.html").read_bytes())
    with pytest.raises(pages.PageTooLargeError, match="big.html"):
        pages.read_saved_page(saved)


def test_saved_page_gzip_and_web_archive(tmp_path: Path) -> None:
    html = (WEB / "en/troops-and-shells.html").read_bytes()
    packed = tmp_path / "story.html.gz"
    packed.write_bytes(gzip.compress(html))
    assert pages.read_saved_page(packed) == (html, "")
    archive = tmp_path / "story.mhtml"
    archive.write_bytes(
        b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.test/en/story\r\n"
        b"Subject: story\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
        b'\ttype="text/html";\r\n\tboundary="----B"\r\n\r\n------B\r\n'
        b"Content-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        b"Content-Transfer-Encoding: binary\r\n"
        b"Content-Location: https://example.test/en/story\r\n\r\n" + html + b"\r\n------B--\r\n"
    )
    found, saved_from = pages.read_saved_page(archive)
    assert saved_from == "https://example.test/en/story"
    assert b"about 12,000 North Korean troops" in found
    assert pages.is_page_path(packed) and pages.is_page_path(archive)
    assert not pages.is_page_path(tmp_path / "story.txt")


def test_syndicated_copy_has_the_same_fingerprint() -> None:
    original = _page("de/kursk-truppen.html")
    copy = _page("wire/nordkorea-kursk-seoul.html")
    assert original.canonical_url != copy.canonical_url and original.title != copy.title
    assert identity.text_fingerprint(original.text, original.title) == \
        identity.text_fingerprint(copy.text, copy.title)
    other = _page("de/raketen-lieferungen.html")
    assert identity.text_fingerprint(other.text, other.title) != \
        identity.text_fingerprint(original.text, original.title)


def test_url_keys_ignore_tracking_case_port_and_fragment() -> None:
    same = {identity.url_key(u) for u in (
        "https://example.org/politik/a-1",
        "HTTPS://Example.ORG:443/politik/a-1?utm_source=rss&utm_medium=feed",
        "https://example.org/politik/a-1#comments",
    )}
    assert len(same) == 1
    assert identity.url_key("https://example.org/politik/a-2") not in same


def test_ids_from_urls_are_readable_and_distinct() -> None:
    first = identity.id_for_url("https://example.org/politik/nordkorea-truppen-100.html")
    second = identity.id_for_url("https://example.org/welt/nordkorea-truppen-100.html")
    assert first.startswith("nordkorea-truppen-100_") and first != second
    assert identity.id_for_url("https://example.org/") .startswith("example-org_")
    assert identity.slug("Pjöngjang – Übersicht!") == "pjongjang-ubersicht"


@pytest.mark.parametrize("bad", ["ftp://example.org/a", "example.org/a", "https:///nohost"])
def test_only_http_urls_are_fetched(bad: str) -> None:
    with pytest.raises(identity.UrlError, match="not an http"):
        identity.check_web_url(bad)


def test_page_in_a_legacy_encoding_is_decoded_by_its_declaration() -> None:
    html = (WEB / "de/raketen-lieferungen.html").read_text(encoding="utf-8")
    html = html.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = pages.parse_page(html.encode("cp1252"), "raketen-1252.html")
    assert "Größenordnung" in page.text and "Einschätzung" in page.text
