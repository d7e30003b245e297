"""Polite downloads of feeds and article pages (urllib3, urllib.robotparser).

* **One request at a time.** A run downloads sequentially, so no host ever has two
  requests from us open at once, and waits :attr:`Politeness.delay_seconds` between two
  requests to the same host (longer if the host's robots.txt asks for a ``Crawl-delay``,
  up to :attr:`Politeness.max_crawl_delay`).
* **robots.txt** is read once per host with the standard library's robotparser and
  respected for our user agent (``nk-claims``): 401/403 forbid the whole host, a missing
  file (404) allows it, an unreachable one skips the host.
* **User agent** names the project and how to reach its documentation.
* **Timeouts** on connect and on each read, and a cap on the whole download.
* **Retries with backoff** on 429 and 5xx only (urllib3's Retry: at once, then after 2, 4 ... times
  :attr:`Politeness.backoff_seconds`, or the server's ``Retry-After`` up to
  :attr:`Politeness.max_retry_after`); never on 4xx, which will not change.
* **Limits**: at most :attr:`Politeness.max_redirects` redirects (a loop ends there), only
  HTML for pages (a PDF or an image is refused before its body is read), at most
  :attr:`Politeness.max_page_bytes` (refused from ``Content-Length`` or while reading).

Every failure is a :class:`DownloadError` whose ``reason`` is a few words for the fetch
summary ("HTTP 404", "timeout", "unreachable host", "redirect loop" ...).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from analysis.core.errors import CorpusError
from analysis.corpus.pages import MAX_PAGE_BYTES

ROBOTS_AGENT = "nk-claims"


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("nk-claims")
    except metadata.PackageNotFoundError:  # a checkout used without installing it
        return "0"


USER_AGENT = (
    f"{ROBOTS_AGENT}/{_version()} (news corpus for research on North Korea's military support "
    "for Russia; python -m analysis corpus fetch; honours robots.txt)"
)
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Content types a page or feed can never be; refused before the body is read.
BINARY_TYPES = ("application/pdf", "image/", "audio/", "video/", "application/zip",
                "application/octet-stream", "font/")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Politeness:
    """How ``corpus fetch`` and ``corpus add URL`` treat the hosts they download from."""

    user_agent: str = USER_AGENT
    delay_seconds: float = 2.0
    timeout_seconds: float = 20.0
    retries: int = 3
    backoff_seconds: float = 2.0
    max_retry_after: int = 120
    max_redirects: int = 5
    max_page_bytes: int = MAX_PAGE_BYTES
    max_crawl_delay: float = 60.0


class DownloadError(CorpusError):
    """A download failed; ``reason`` is the short form for the fetch summary."""

    def __init__(self, url: str, reason: str, detail: str = "") -> None:
        super().__init__(f"{url}: {reason}{f' ({detail})' if detail else ''}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class Download:
    """A successful download."""

    url: str  # as requested
    final_url: str  # after redirects
    content_type: str
    body: bytes


class Downloader:
    """Downloads one URL at a time, politely (see the module docstring).

    ``sleep`` and ``clock`` are injectable so that tests check the pauses without waiting.
    """

    def __init__(self, policy: Politeness | None = None, *,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        import urllib3

        self.policy = policy or Politeness()
        self._sleep = sleep
        self._clock = clock
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | DownloadError] = {}
        self._pool = urllib3.PoolManager(headers={"User-Agent": self.policy.user_agent})

    def close(self) -> None:
        self._pool.clear()

    # --- public -------------------------------------------------------------------------

    def fetch_page(self, url: str) -> Download:
        """An HTML page, if robots.txt allows it; else :class:`DownloadError`."""
        self._check_robots(url)
        return self._get(url, accept=HTML_TYPES)

    def fetch_feed(self, url: str) -> Download:
        """A feed (any non-binary content type: feeds are served as XML, RSS, even HTML)."""
        self._check_robots(url)
        return self._get(url, accept=None)

    # --- robots.txt ---------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
            # robots.txt is the customary first request: the page follows without the pause.
            self._last_request.pop(parts.netloc, None)
        robots = self._robots[origin]
        if isinstance(robots, DownloadError):
            raise DownloadError(url, robots.reason, "robots.txt could not be read")
        if not robots.can_fetch(self.policy.user_agent, url):
            raise DownloadError(url, "disallowed by robots.txt")

    def _read_robots(self, origin: str) -> RobotFileParser | DownloadError:
        robots = RobotFileParser(f"{origin}/robots.txt")
        try:
            answer = self._get(f"{origin}/robots.txt", accept=None, allow_status=True)
        except DownloadError as exc:
            return exc
        status, body = answer
        if status in (401, 403):
            robots.disallow_all = True
        elif 400 <= status < 500:
            robots.allow_all = True
        elif status >= 500:
            return DownloadError(f"{origin}/robots.txt", f"HTTP {status}")
        else:
            robots.parse(body.decode("utf-8", "replace").splitlines())
        return robots

    def _delay_for(self, host: str) -> float:
        delay = self.policy.delay_seconds
        for origin, robots in self._robots.items():
            if urlsplit(origin).netloc == host and isinstance(robots, RobotFileParser):
                asked = robots.crawl_delay(self.policy.user_agent)
                if asked:
                    delay = max(delay, min(float(asked), self.policy.max_crawl_delay))
        return delay

    # --- one request --------------------------------------------------------------------

    def _wait_turn(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self._delay_for(host) - self._clock()
            if wait > 0:
                self._sleep(wait)

    def _retry(self):  # noqa: ANN202 (urllib3.Retry, imported lazily)
        from urllib3.util.retry import Retry

        policy = self.policy
        return Retry(
            total=None, connect=0, read=0, other=0, status=policy.retries,
            redirect=policy.max_redirects, status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}), backoff_factor=policy.backoff_seconds,
            respect_retry_after_header=True, retry_after_max=policy.max_retry_after,
            raise_on_status=False, raise_on_redirect=True,
        )

    def _get(self, url: str, *, accept: tuple[str, ...] | None, allow_status: bool = False):  # noqa: ANN202
        """GET ``url``: a :class:`Download`, or ``(status, body)`` with ``allow_status``."""
        import urllib3
        from urllib3.exceptions import HTTPError, MaxRetryError, TimeoutError

        host = urlsplit(url).netloc
        self._wait_turn(host)
        policy = self.policy
        started = self._clock()
        try:
            response = self._pool.request(
                "GET", url, preload_content=False, retries=self._retry(),
                timeout=urllib3.Timeout(connect=policy.timeout_seconds,
                                        read=policy.timeout_seconds),
            )
            try:
                if allow_status:
                    return response.status, self._read_body(url, response, started)
                if response.status >= 400:
                    raise DownloadError(url, f"HTTP {response.status}")
                content_type = _content_type(response.headers.get("Content-Type", ""))
                self._check_type(url, content_type, accept)
                body = self._read_body(url, response, started)
                # geturl() may be the path alone; resolve it against the requested URL.
                final_url = urljoin(url, response.geturl() or url)
                return Download(url=url, final_url=final_url,
                                content_type=content_type, body=body)
            finally:
                response.release_conn()
        except MaxRetryError as exc:
            raise DownloadError(url, *_failure(exc.reason)) from None
        except TimeoutError:
            raise DownloadError(url, "timeout", f"no answer within {policy.timeout_seconds:g} s"
                                ) from None
        except HTTPError as exc:
            raise DownloadError(url, *_failure(exc)) from None
        finally:
            self._last_request[host] = self._clock()

    def _check_type(self, url: str, content_type: str, accept: tuple[str, ...] | None) -> None:
        if content_type.startswith(BINARY_TYPES) or (
            accept is not None and content_type and content_type not in accept
        ):
            raise DownloadError(url, "not an HTML page", content_type)

    def _read_body(self, url: str, response, started: float) -> bytes:  # noqa: ANN001
        limit = self.policy.max_page_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise DownloadError(url, "over the size limit",
                                f"{int(declared):,} bytes > {limit:,}")
        chunks, size = [], 0
        deadline = started + 3 * self.policy.timeout_seconds
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise DownloadError(url, "over the size limit", f"more than {limit:,} bytes")
            if self._clock() > deadline:
                raise DownloadError(url, "timeout", "the download is too slow")
            chunks.append(chunk)
        return b"".join(chunks)


def _content_type(header: str) -> str:
    return header.split(";", 1)[0].strip().lower()


def _failure(reason: object) -> tuple[str, str]:
    """(short reason, detail) for a urllib3 failure."""
    from urllib3.exceptions import (
        ConnectTimeoutError,
        NameResolutionError,
        NewConnectionError,
        ProtocolError,
        ReadTimeoutError,
        ResponseError,
        SSLError,
    )

    text = str(reason)
    # Order matters: NameResolutionError < NewConnectionError < ConnectTimeoutError.
    if isinstance(reason, NameResolutionError):
        return "unreachable host", "name not resolved"
    if isinstance(reason, NewConnectionError):
        return "unreachable host", "connection refused or no route"
    if isinstance(reason, ConnectTimeoutError | ReadTimeoutError):
        return "timeout", text.rsplit(":", 1)[-1].strip()
    if isinstance(reason, ResponseError) and "redirect" in text:
        return "redirect loop", "too many redirects"
    if isinstance(reason, SSLError):
        return "TLS error", text[:120]
    if isinstance(reason, ProtocolError):
        return "connection broken", text[:120]
    return "download failed", text[:120]
