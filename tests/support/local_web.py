"""A local web site for the ingestion tests: standard library only, a free port, one thread.

It serves the pages and feeds in ``tests/support/web/`` (written for the tests, see the
README there; ``{base}`` in a file becomes this server's address, ``{closed}`` an address
where nothing listens) and the failure cases by path:

==========================  ===========================================================
``/status/<code>``          that HTTP status, always
``/flaky/<key>/<path>``     503 twice (per key), then the file at ``<path>``
``/busy/<key>/<path>``      429 with ``Retry-After: 3`` once (per key), then the file
``/loop/a``, ``/loop/b``    redirect to each other, forever
``/slow``                   waits (up to 5 s, or until :meth:`LocalWeb.release`) first
``/files/bericht.pdf``      a small PDF (``application/pdf``)
``/img/karte.png``          a small PNG (``image/png``)
``/huge.html``              an HTML page of :data:`HUGE_BYTES`, without Content-Length
anything else missing       404
==========================  ===========================================================

Every request is counted per path in :attr:`LocalWeb.hits` (``/robots.txt`` too), and
its user agent kept in :attr:`LocalWeb.agents`.
"""

from __future__ import annotations

import socket
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

WEB_ROOT = Path(__file__).resolve().parent / "web"
HUGE_BYTES = 600_000
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".xml": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


def _closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalWeb:
    """The server; :attr:`base` is its address (``http://127.0.0.1:<port>``)."""

    def __init__(self, root: Path = WEB_ROOT) -> None:
        self.root = root
        self.hits: Counter[str] = Counter()
        self.agents: set[str] = set()  # every User-Agent header seen
        self._lock = threading.Lock()
        self._release = threading.Event()
        self.closed_base = f"http://127.0.0.1:{_closed_port()}"
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="local-web", daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def release(self) -> None:
        """Let every waiting ``/slow`` request finish now."""
        self._release.set()

    def close(self) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def render(self, relative: str) -> bytes | None:
        """A file of the site with its placeholders filled in; None if there is none."""
        path = (self.root / relative.lstrip("/")).resolve()
        if not path.is_file() or not path.is_relative_to(self.root):
            return None
        data = path.read_bytes()
        return data.replace(b"{base}", self.base.encode()).replace(
            b"{closed}", self.closed_base.encode())

    def _count(self, key: str) -> int:
        with self._lock:
            self.hits[key] += 1
            return self.hits[key]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        web = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "LocalWeb/1.0"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # keep test output clean

            def _send(self, status: int, body: bytes = b"", content_type: str = "text/plain",
                      headers: dict[str, str] | None = None, length: bool = True) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    if length:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout, size limit): that is the test

            def _file(self, relative: str) -> None:
                data = web.render(relative)
                if data is None:
                    self._send(404, b"not found")
                    return
                suffix = Path(relative).suffix
                self._send(200, data, CONTENT_TYPES.get(suffix, "application/octet-stream"))

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path.split("?", 1)[0].split("#", 1)[0]
                hits = web._count(path)
                web.agents.add(self.headers.get("User-Agent", ""))
                parts = path.strip("/").split("/")
                if parts[0] == "status" and len(parts) == 2 and parts[1].isdigit():
                    self._send(int(parts[1]), b"status page")
                elif parts[0] == "flaky" and len(parts) > 2:
                    if hits <= 2:
                        self._send(503, b"busy, try again")
                    else:
                        self._file("/".join(parts[2:]))
                elif parts[0] == "busy" and len(parts) > 2:
                    if hits <= 1:
                        self._send(429, b"slow down", headers={"Retry-After": "3"})
                    else:
                        self._file("/".join(parts[2:]))
                elif path in ("/loop/a", "/loop/b"):
                    other = "/loop/b" if path == "/loop/a" else "/loop/a"
                    self._send(302, b"", headers={"Location": web.base + other})
                elif path == "/slow":
                    web._release.wait(5)
                    self._file("en/troops-and-shells.html")
                elif path == "/files/bericht.pdf":
                    self._send(200, PDF, "application/pdf")
                elif path == "/img/karte.png":
                    self._send(200, PNG, "image/png")
                elif path == "/huge.html":
                    filler = b"<p>" + b"Nordkorea " * 100 + b"</p>\n"
                    body = b"<html lang='de'><body>" + filler * (HUGE_BYTES // len(filler))
                    self._send(200, body, "text/html", length=False)
                else:
                    self._file(path)

        return Handler


@pytest.fixture(scope="session")
def local_web() -> Iterator[LocalWeb]:
    """The ingestion tests' local web site: one server per test process (xdist worker), on
    a free port of 127.0.0.1, in a thread (imported by tests/conftest.py)."""
    web = LocalWeb()
    yield web
    web.close()
