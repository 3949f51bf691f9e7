"""The hostile web: a loopback server that misbehaves on purpose, one scenario per page.

Each scenario is linked from the home page next to a good article; the crawl must go on, log and
count the bad page, stay bounded in time and memory, and keep the good article. The table of
outcomes goes to docs/RELIABILITY.md (tests/conftest.py says when).
"""

from __future__ import annotations

import gzip
import os
import threading
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .hostile_server import HostileServer, article

ROOT = Path(__file__).resolve().parent.parent
GOOD = "/news/2024/0301/100.html"
BIG = b"<html><body>" + b"<p>" + "很长的页面。".encode() * 200 + b"</p>" * 1 + b"x" * (50 * 1024 * 1024) + b"</body></html>"
BOMB = gzip.compress(b"<html><body>" + b"\0" * (200 * 1024 * 1024) + b"</body></html>", compresslevel=9)

# name -> (what the page does, route for its path)
SCENARIOS = {
    "http-500": ("answers 500 every time", lambda n: (500, {}, b"oops")),
    "http-502": ("answers 502", lambda n: (502, {}, b"bad gateway")),
    "http-503-then-ok": ("503 with Retry-After: 1, then the article", lambda n: (503, {"Retry-After": "1"}, b"busy")
                         if n == 1 else (200, {}, article("暂时不可用后恢复"))),
    "http-429-then-ok": ("429 with Retry-After: 1, then the article", lambda n: (429, {"Retry-After": "1"}, b"slow down")
                         if n == 1 else (200, {}, article("限流之后的正常文章"))),
    "hang": ("never answers (sleeps past the download timeout)", "hang"),
    "truncated": ("declares a longer body than it sends, then closes", "truncated"),
    "reset": ("closes the connection without an answer", "reset"),
    "gzip-bomb": ("gzip body that inflates to 200 MB", lambda n: (200, {"Content-Encoding": "gzip"}, BOMB)),
    "huge-page": ("a 50 MB page", lambda n: (200, {}, BIG)),
    "binary-as-html": ("random bytes served as text/html", lambda n: (200, {}, os.urandom(200_000))),
    "wrong-charset": ("GBK article served as charset=utf-8", lambda n: (200, {"Content-Type": "text/html; charset=utf-8"},
                      article("字符集说谎的页面").decode().replace("utf-8", "gb2312").encode("gb18030"))),
    "redirect-loop": ("redirects to itself forever", lambda n: (302, {"Location": f"?again={n}"}, b"")),
    "pdf": ("a PDF", lambda n: (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n" + os.urandom(5000))),
    "image": ("a PNG image", lambda n: (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + os.urandom(5000))),
    "malformed-html": ("unclosed, misnested markup", lambda n: (200, {}, b"<html><body><div><p>\xe6\x96\x87<table><tr><td>"
                       + "断开的标签，".encode() * 50 + b"<b><i></b></i><div></p></html></body>")),
    "empty": ("an empty 200 answer", lambda n: (200, {}, b"")),
    "slow": ("answers the article after 2 s (within the timeout)", "slow"),
    "calendar": ("an endless calendar: every day's page links the next 30 days", "calendar"),
    "bad-links": ("links with invalid URLs", lambda n: (200, {}, b'<a href="http://[::1">x</a><a href="ht!tp://a b">y</a>'
                  b'<a href="javascript:alert(1)">z</a><a href="http://127.0.0.1:99999/x">p</a>' + article("坏链接页面"))),
}


# Article-shaped URLs (/2024/0301/<id>.html), so the pages that are articles are recognised as such.
PATHS = {name: f"/news/2024/0301/{200 + i}.html" for i, name in enumerate(SCENARIOS)}
PATHS["calendar"] = "/calendar/events.html"
NAMES = {path: name for name, path in PATHS.items()}


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("hostile")

    def route(path: str, n: int):  # type: ignore[no-untyped-def]
        if path == "/":
            links = "".join(f'<a href="{PATHS[name]}">{name}</a>' for name in SCENARIOS)
            return 200, {}, (links + f'<a href="{GOOD}">good</a>').encode()
        if path == GOOD:
            return 200, {}, article("风浪中的正常文章")
        path, _, query = path.partition("?")
        behaviour = SCENARIOS[NAMES[path]][1] if path in NAMES else None
        if behaviour == "calendar":
            day = int(query.rsplit("=", 1)[-1]) if query else 0
            return 200, {}, "".join(f'<a href="?day={d}">{d}</a>' for d in range(day + 1, day + 31)).encode()
        if behaviour == "slow":
            time.sleep(2)
            return 200, {}, article("慢吞吞的正常文章")
        if behaviour == "hang":
            time.sleep(8)
            return 200, {}, b"too late"
        if behaviour in ("truncated", "reset"):
            return behaviour, {}, b""  # handled by the server class below
        if behaviour is None:
            return 404, {}, b""
        return behaviour(n)

    server = RawHostileServer(route)
    db = tmp / "a.db"
    with server:
        start = time.monotonic()
        # Peak resident memory of the crawl, sampled from /proc (ru_maxrss would count the pages of
        # this test process that the child shares between fork and exec: BIG and BOMB alone are 250 MB).
        proc = subprocess.Popen(
            [sys.executable, "-m", "archiver.cli", "crawl", server.url, "--db", str(db), "-s", "DOWNLOAD_TIMEOUT=3",
             "-s", "RETRY_TIMES=1", "-s", "AUTOTHROTTLE_START_DELAY=0", "-s", "AUTOTHROTTLE_MAX_DELAY=1",
             "-s", "DOWNLOAD_MAXSIZE=20000000", "-v"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak_kb = [0]
        sampler = threading.Thread(target=_sample_rss, args=(proc, peak_kb), daemon=True)
        sampler.start()
        stdout, stderr = proc.communicate(timeout=300)
        sampler.join()
        result = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
        elapsed = time.monotonic() - start
        hits = dict(server.hits)
    peak_mb = peak_kb[0] / 1024
    return {"result": result, "db": db, "elapsed": elapsed, "hits": hits, "peak_mb": peak_mb}


def _sample_rss(proc: subprocess.Popen[str], peak_kb: list[int]) -> None:
    while proc.poll() is None:
        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
        except OSError:
            break
        rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        peak_kb[0] = max(peak_kb[0], rss)
        time.sleep(0.05)


class RawHostileServer(HostileServer):
    """Adds transport-level misbehaviour (truncated bodies, resets) to HostileServer."""

    def __init__(self, route):  # type: ignore[no-untyped-def]
        super().__init__(route)
        handler = self.httpd.RequestHandlerClass
        original = handler.do_GET

        def do_get(h) -> None:  # type: ignore[no-untyped-def]
            status, _, _ = route(h.path, 1) if NAMES.get(h.path) in ("truncated", "reset") else (None, 0, 0)
            if status:
                self.hits[h.path] = self.hits.get(h.path, 0) + 1
            if status == "truncated":
                h.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html><p>half")
                h.wfile.flush()
                h.connection.shutdown(socket.SHUT_RDWR)
                return
            if status == "reset":
                h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                h.connection.close()
                return
            original(h)

        handler.do_GET = do_get


def test_crawl_survives_every_scenario(hostile_crawl, reliability) -> None:  # type: ignore[no-untyped-def]
    result = hostile_crawl["result"]
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stdout
    assert hostile_crawl["elapsed"] < 200
    conn = sqlite3.connect(hostile_crawl["db"])
    # Test pages reuse sample-portal paragraphs, so two may be linked as syndicated copies: count both.
    titles = {t for (t,) in conn.execute("SELECT title FROM articles UNION SELECT title FROM duplicates")}
    assert "风浪中的正常文章" in titles            # the good article is archived
    assert "暂时不可用后恢复" in titles            # 503 + Retry-After, then served
    assert "限流之后的正常文章" in titles          # 429 + Retry-After, then served
    assert "字符集说谎的页面" in titles            # decoded despite the lying header
    assert "坏链接页面" in titles                  # invalid links do not stop the page
    assert "慢吞吞的正常文章" in titles            # slow but within the timeout
    assert hostile_crawl["peak_mb"] < 400         # the 50 MB page and the 200 MB bomb are never held whole
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    bodies = [b for (b,) in conn.execute("SELECT body FROM articles")]
    assert not any("\x00" in b or "\ufffd" in b for b in bodies)
    run = conn.execute("SELECT status, errors, pages_fetched FROM runs").fetchone()
    assert run[1] >= 5  # 500, 502, hang, truncated, reset … are counted as errors
    write_reliability(hostile_crawl, titles, run, reliability)


def test_redirect_loop_is_bounded(hostile_crawl) -> None:  # type: ignore[no-untyped-def]
    loop = PATHS["redirect-loop"]
    hits = sum(n for path, n in hostile_crawl["hits"].items() if path.startswith(loop))
    assert 1 <= hits <= 25  # REDIRECT_MAX_TIMES (20) and no more


def test_endless_calendar_stays_within_the_trap_caps(hostile_crawl) -> None:  # type: ignore[no-untyped-def]
    pages = sum(n for path, n in hostile_crawl["hits"].items() if path.startswith(PATHS["calendar"]))
    assert 30 < pages <= 101  # ARCHIVER_MAX_QUERY_VARIANTS (100) per path, plus the bare page


def test_failures_are_retried_a_bounded_number_of_times(hostile_crawl) -> None:  # type: ignore[no-untyped-def]
    assert hostile_crawl["hits"].get(PATHS["http-500"], 0) == 2  # the first try and RETRY_TIMES=1


def write_reliability(crawl, titles, run, reliability) -> None:  # type: ignore[no-untyped-def]
    """The hostile-web section of docs/RELIABILITY.md: each scenario and what this run observed."""
    log = crawl["result"].stderr
    rows = reliability.section(
        "Hostile web", f"DOWNLOAD_TIMEOUT=3, RETRY_TIMES=1. Run: status {run[0]}, {run[2]} pages fetched, {run[1]} "
        f"errors counted, {crawl['elapsed']:.1f} s, peak RSS {crawl['peak_mb']:.0f} MB; the good article archived: "
        f"{'风浪中的正常文章' in titles}.")
    for name, (what, _) in SCENARIOS.items():
        path = PATHS[name]
        said = [ln for ln in log.splitlines() if path in ln]
        title = {"http-503-then-ok": "暂时不可用后恢复", "http-429-then-ok": "限流之后的正常文章", "wrong-charset": "字符集说谎的页面", "bad-links": "坏链接页面",
                 "slow": "慢吞吞的正常文章"}.get(name)
        got = sum(n for p, n in crawl["hits"].items() if p.split("?", 1)[0] == path)
        if title and title in titles:
            outcome = "archived"
        elif any("Gave up retrying" in ln for ln in said):
            reason = next(ln for ln in said if "Gave up retrying" in ln).rsplit("): ", 1)[-1][:60]
            outcome = f"gave up after retries ({reason}): logged, counted as an error"
        elif any("exceeded DOWNLOAD_MAXSIZE" in ln for ln in said):
            outcome = "dropped while decompressing, past DOWNLOAD_MAXSIZE: logged, counted as skipped"
        elif any("fetch failed" in ln for ln in said):
            reason = next(ln for ln in said if "fetch failed" in ln).split(": ", 2)[-1][:60]
            outcome = f"failed fetch ({reason}): logged, counted as an error"
        elif name == "redirect-loop":
            outcome = f"{got} requests along the redirect chain, then dropped"
        elif name == "calendar":
            outcome = f"{got} pages, then refused by the trap caps (query variants per path)"
        elif crawl["hits"].get(path):
            outcome = "fetched, not an article: dropped"
        else:
            outcome = "not fetched"
        rows.append([name, what, got, outcome])
