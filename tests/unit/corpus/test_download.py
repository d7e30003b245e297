"""Polite downloads (analysis.corpus.download) against the local web site."""

from __future__ import annotations

import pytest

from analysis.corpus.download import USER_AGENT, Downloader, DownloadError, Politeness
from tests.support.local_web import HUGE_BYTES, LocalWeb

FAST = Politeness(delay_seconds=0, timeout_seconds=1, retries=2, backoff_seconds=0,
                  max_page_bytes=HUGE_BYTES // 2)


@pytest.fixture
def downloader() -> Downloader:
    client = Downloader(FAST)
    yield client
    client.close()


def test_page_is_downloaded_with_the_project_user_agent(local_web: LocalWeb,
                                                        downloader: Downloader) -> None:
    got = downloader.fetch_page(local_web.url("/de/kursk-truppen.html?utm_source=x"))
    assert got.content_type == "text/html"
    assert b"Seoul: Mehr nordkoreanische Soldaten" in got.body
    assert USER_AGENT in local_web.agents
    assert USER_AGENT.startswith("nk-claims/") and "robots.txt" in USER_AGENT


@pytest.mark.parametrize(
    ("path", "reason", "requests"),
    [
        ("/de/geloescht.html", "HTTP 404", 1),  # never retried: it will not change
        ("/status/500", "HTTP 500", 3),  # the first try and two retries
        ("/loop/a", "redirect loop", None),
        ("/files/bericht.pdf", "not an HTML page", 1),
        ("/img/karte.png", "not an HTML page", 1),
        ("/huge.html", "over the size limit", 1),
        ("/en/private/members-only.html", "disallowed by robots.txt", 0),
    ],
)
def test_failures_have_a_short_reason(path: str, reason: str, requests: int | None,
                                      local_web: LocalWeb, downloader: Downloader) -> None:
    before = local_web.hits[path]
    with pytest.raises(DownloadError) as caught:
        downloader.fetch_page(local_web.url(path))
    assert caught.value.reason == reason
    assert str(caught.value).startswith(local_web.url(path) + ": " + reason)
    if requests is not None:
        assert local_web.hits[path] - before == requests


def test_redirect_loop_stops_after_the_limit(local_web: LocalWeb,
                                             downloader: Downloader) -> None:
    before = local_web.hits["/loop/a"] + local_web.hits["/loop/b"]
    with pytest.raises(DownloadError, match="redirect loop"):
        downloader.fetch_page(local_web.url("/loop/a"))
    assert local_web.hits["/loop/a"] + local_web.hits["/loop/b"] - before == \
        FAST.max_redirects + 1


def test_timeout(local_web: LocalWeb) -> None:
    client = Downloader(Politeness(delay_seconds=0, timeout_seconds=0.3, retries=0))
    with pytest.raises(DownloadError) as caught:
        client.fetch_page(local_web.url("/slow"))
    assert caught.value.reason == "timeout"


def test_unreachable_host(local_web: LocalWeb, downloader: Downloader) -> None:
    with pytest.raises(DownloadError) as caught:
        downloader.fetch_page(local_web.closed_base + "/de/kursk-truppen.html")
    assert caught.value.reason == "unreachable host"


def test_503_is_retried_until_the_page_comes(local_web: LocalWeb,
                                             downloader: Downloader) -> None:
    path = "/flaky/download-test/de/raketen-lieferungen.html"
    got = downloader.fetch_page(local_web.url(path))
    assert b"Nordkorea liefert weitere Raketen" in got.body
    assert local_web.hits[path] == 3


def test_backoff_and_retry_after_are_waited(local_web: LocalWeb,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import urllib3.util.retry

    waited: list[float] = []
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", waited.append)
    client = Downloader(Politeness(delay_seconds=0, timeout_seconds=1, retries=3,
                                   backoff_seconds=0.5, max_retry_after=10))
    client.fetch_page(local_web.url("/busy/backoff-test/en/troops-and-shells.html"))
    assert waited == [3.0]  # the server's Retry-After on its 429
    waited.clear()
    client.fetch_page(local_web.url("/flaky/backoff-test/en/troops-and-shells.html"))
    assert waited == [1.0]  # exponential backoff: none before the first retry, 2 x 0.5 s


def test_a_pause_between_two_requests_to_the_same_host(local_web: LocalWeb) -> None:
    now = [100.0]
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(round(seconds, 3))
        now[0] += seconds

    client = Downloader(Politeness(delay_seconds=2.5, timeout_seconds=1),
                        sleep=sleep, clock=lambda: now[0])
    client.fetch_page(local_web.url("/de/kursk-truppen.html"))
    assert pauses == []  # robots.txt, then the page: the customary first pair
    now[0] += 1.0
    client.fetch_page(local_web.url("/en/troops-and-shells.html"))
    assert pauses == [1.5]  # 2.5 s after the previous request ended


@pytest.mark.parametrize(("robots_txt", "delay"), [
    (["User-agent: nk-claims", "Crawl-delay: 7", "Disallow: /admin/"], 7),
    (["User-agent: *", "Crawl-delay: 600"], 30),  # capped at max_crawl_delay
    (["User-agent: otherbot", "Crawl-delay: 20"], 1),  # not for us
])
def test_robots_crawl_delay_is_respected(robots_txt: list[str], delay: float) -> None:
    from urllib.robotparser import RobotFileParser

    client = Downloader(Politeness(delay_seconds=1, max_crawl_delay=30))
    robots = RobotFileParser()
    robots.parse(robots_txt)
    client._robots["http://news.example.test"] = robots
    assert client._delay_for("news.example.test") == delay
