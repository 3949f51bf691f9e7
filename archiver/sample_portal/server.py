"""Serve the sample portal's two sites over HTTP on 127.0.0.1 (ephemeral ports)."""

from __future__ import annotations

import threading
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from .site import NOT_FOUND, Page, build_pages


@lru_cache(maxsize=1)
def _pages() -> dict[str, dict[str, Page]]:
    from . import ARTICLES  # the records the pages are rendered from

    return build_pages(ARTICLES)


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer

    def version_string(self) -> str:
        return "nginx"

    def _answer(self, with_body: bool) -> None:
        path = self.path.split("#", 1)[0]
        self.server.log(path)
        status, headers, body = self.server.pages.get(path, NOT_FOUND)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._answer(True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: tests read ``SamplePortal.requests_log`` instead."""


class _SiteServer(ThreadingHTTPServer):
    request_queue_size = 128  # socketserver's backlog of 5 drops SYNs under a crawl: 1 s client retries
    daemon_threads = True

    def __init__(self, site: str, pages: dict[str, Page], portal: SamplePortal, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.site, self.pages, self._portal = site, pages, portal

    def log(self, path: str) -> None:
        self._portal._record(self.site, path)


class SamplePortal:
    """Both sample sites, each served by its own HTTP server on 127.0.0.1.

    Use as a context manager (or call :meth:`start` / :meth:`stop`). Pages are rendered once
    per process and are byte-identical on every run; only the ports change.
    """

    def __init__(self, ports: tuple[int, int] | None = None) -> None:
        """``ports``: fixed ports for the main and partner sites (URLs stay the same from run to run, so a
        second crawl into the same archive is incremental); ephemeral ones if not given or taken."""
        self.ports = ports
        self.pages = _pages()
        self.requests_log: list[tuple[str, str]] = []  # (site, path + query) in serving order
        self._lock = threading.Lock()
        self._servers: dict[str, _SiteServer] = {}
        self._threads: list[threading.Thread] = []

    def _record(self, site: str, path: str) -> None:
        with self._lock:
            self.requests_log.append((site, path))

    def start(self) -> SamplePortal:
        """Bind both servers (to ``ports``, else ephemeral ports) and serve them from daemon threads."""
        if self._servers:
            return self
        servers: list[_SiteServer] = []
        try:
            for site, port in zip(("main", "partner"), self.ports or (0, 0)):
                servers.append(_SiteServer(site, self.pages[site], self, port))
        except OSError:  # a fixed port is taken: ephemeral ports (the URLs then differ from earlier runs)
            for server in servers:
                server.server_close()
            self.ports = None
            servers = [_SiteServer(site, self.pages[site], self) for site in ("main", "partner")]
        for server in servers:
            site = server.site
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                      name=f"sample-portal-{site}", daemon=True)
            thread.start()
            self._servers[site] = server
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        """Shut both servers down and close their sockets."""
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def url(self, site: str, path: str = "/") -> str:
        """Absolute URL of ``path`` on ``site`` ("main" or "partner"); needs :meth:`start`."""
        if site not in self._servers:
            raise RuntimeError("SamplePortal is not started")
        host, port = self._servers[site].server_address[:2]
        return f"http://{host}:{port}{path}"

    @property
    def main_url(self) -> str:
        """``http://127.0.0.1:PORT/`` of 江城新闻网."""
        return self.url("main")

    @property
    def partner_url(self) -> str:
        """``http://127.0.0.1:PORT/`` of 越州在线."""
        return self.url("partner")

    @property
    def start_urls(self) -> list[str]:
        """[main_url, partner_url]."""
        return [self.main_url, self.partner_url]

    def __enter__(self) -> SamplePortal:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
