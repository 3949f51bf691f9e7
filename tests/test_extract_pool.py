"""Extraction in a worker process: the same Articles as inline, no orphans after kill -9, a dead worker costs nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

from archiver.extract import extract
from archiver.extract_pool import ExtractPool

from .conftest import FIXTURES, ROOT

PAGES = sorted((FIXTURES / "extract").glob("*/body.html"))
URL = "http://news.example.cn/a/2024/0301/1.html"


def test_worker_gives_the_same_articles_as_inline() -> None:
    async def run() -> list:
        pool = ExtractPool(1)
        try:
            return await asyncio.gather(*(pool.extract(p.read_bytes(), URL, {}) for p in PAGES))
        finally:
            pool.close()

    assert [a.to_dict() for a in asyncio.run(run())] == [extract(p.read_bytes(), URL, {}).to_dict() for p in PAGES]


def test_a_killed_worker_falls_back_to_inline_extraction() -> None:
    async def run() -> tuple:
        pool = ExtractPool(1)
        first = await pool.extract(PAGES[0].read_bytes(), URL, {})
        os.kill(pool.process.pid, signal.SIGKILL)
        time.sleep(0.5)
        second = await pool.extract(PAGES[1].read_bytes(), URL, {})
        return first, second, pool.workers

    first, second, workers = asyncio.run(run())
    assert first.to_dict() == extract(PAGES[0].read_bytes(), URL, {}).to_dict()
    assert second.to_dict() == extract(PAGES[1].read_bytes(), URL, {}).to_dict()
    assert workers == 0  # the rest of the crawl extracts inline


CHILD = """
import asyncio
from archiver.extract_pool import ExtractPool
async def main():
    pool = ExtractPool(1)
    await pool.extract(b"<html><body><p>x</p></body></html>", "http://x/", {})
    print("ready", flush=True)
    await asyncio.sleep(60)
if __name__ == "__main__":
    asyncio.run(main())
"""


def test_worker_exits_when_the_crawl_is_killed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    script = tmp_path / "crawl.py"
    script.write_text(CHILD)
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    workers = [pid for pid in _children(proc.pid) if "spawn_main" in open(f"/proc/{pid}/cmdline").read()]
    assert workers
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(os.path.exists(f"/proc/{pid}") for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(os.path.exists(f"/proc/{pid}") and "spawn_main" in open(f"/proc/{pid}/cmdline").read()
                   for pid in workers)


def _children(parent: int) -> list[str]:
    """Pids whose parent is ``parent``, from /proc (no procps needed)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                status = open(f"/proc/{entry}/status").read()
            except OSError:
                continue
            if f"\nPPid:\t{parent}\n" in status:
                found.append(entry)
    return found


def test_a_crawl_with_the_worker_stores_every_article(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from archiver.sample_portal import SamplePortal

    db = tmp_path / "a.db"
    with SamplePortal() as portal:
        result = subprocess.run([sys.executable, "-m", "archiver.cli", "crawl", *portal.start_urls, "--db", str(db),
                                 "-s", "ARCHIVER_EXTRACT_PROCESSES=1", "-s", "AUTOTHROTTLE_ENABLED=0"],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone() == (51, 51)
    assert conn.execute("SELECT count(*) FROM duplicates").fetchone()[0] == 1
