"""A small loopback server that misbehaves on purpose: rate limits, refusals, crawler traps."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

ARTICLE = ("<html><head><meta charset='utf-8'><title>{title}</title></head><body><h1>{title}</h1>"
           "<div class='info'>2024-03-01 10:00 来源：测试日报</div><div class='content'>{paragraphs}</div></body></html>")

Handler = Callable[[BaseHTTPRequestHandler, int], tuple[int, dict[str, str], bytes]]


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # socketserver's backlog of 5 drops SYNs under a crawl: 1 s client retries


class HostileServer:
    """Serves ``routes(path, hit_count) -> (status, headers, body)`` on 127.0.0.1; logs (time, path)."""

    def __init__(self, route: Callable[[str, int], tuple[int, dict[str, str], bytes]]):
        self.route = route
        self.log: list[tuple[float, str]] = []
        self.hits: dict[str, int] = {}
        lock = threading.Lock()
        outer = self

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:  # noqa: N802
                with lock:
                    outer.hits[self.path] = outer.hits.get(self.path, 0) + 1
                    n = outer.hits[self.path]
                    outer.log.append((time.monotonic(), self.path))
                status, headers, body = outer.route(self.path, n)
                self.send_response(status)
                for k, v in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = _Server(("127.0.0.1", 0), _H)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "HostileServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def article(title: str) -> bytes:
    """A small article page whose text differs from every other title's (no near-duplicates)."""
    from archiver.sample_portal import ARTICLES

    seed = sum(map(ord, title)) % len(ARTICLES)
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLES[seed].paragraphs[:4])
    return ARTICLE.format(title=title, paragraphs=paragraphs).encode()
