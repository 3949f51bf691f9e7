"""Distributed crawling: workers share a frontier in a real redis-server on 127.0.0.1; one ingester stores.

Compared with a single-process crawl of the same sample portal: the same articles, the same
content, the same linked copies, whatever is killed (kill -9) along the way.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archiver.distributed import Keys, connect, pack, response_message
from archiver.ingest import Ingester
from archiver.sample_portal import ARTICLES, SamplePortal
from archiver.store import Archive
from archiver.warc import read_response

from .conftest import articles_stored

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server is not installed (.ci/run installs it)")

TTL = "2"  # seconds of silence after which a worker counts as dead
WORKER = ["-s", f"ARCHIVER_REDIS_WORKER_TTL={TTL}", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0.05",
          "--idle-timeout", "2"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path: Path):  # type: ignore[no-untyped-def]
    port = _free_port()
    proc = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            connect(url).close()
            break
        except Exception:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def portal():  # type: ignore[no-untyped-def]
    with SamplePortal() as p:
        yield p


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "archiver.cli", *args]


@pytest.fixture(scope="module")
def reference(portal, tmp_path_factory):  # type: ignore[no-untyped-def]
    """A single-process crawl of the same portal: what the distributed crawls must match."""
    db = tmp_path_factory.mktemp("single") / "archive.db"
    result = subprocess.run(cli("crawl", *portal.start_urls, "--db", str(db), "-s", "AUTOTHROTTLE_ENABLED=0"),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return contents(db)


def contents(db: Path) -> dict[str, object]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {"articles": dict(conn.execute("SELECT url, content_hash FROM articles")),
                "copies": dict(conn.execute("SELECT d.url, a.url FROM duplicates d JOIN articles a ON a.id = d.article_id")),
                "urls": conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()}
    finally:
        conn.close()


def start_worker(portal, redis_url: str, tmp_path: Path, name: str) -> subprocess.Popen[str]:  # type: ignore[no-untyped-def]
    return subprocess.Popen(cli("crawl", *portal.start_urls, "--redis", redis_url, "--db", str(tmp_path / "none.db"),
                                *WORKER), stdout=subprocess.PIPE, stderr=open(tmp_path / f"{name}.log", "w"),
                            text=True)


def start_ingester(redis_url: str, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(cli("ingest", "--redis", redis_url, "--db", str(db), "--idle-timeout", "3",
                                "--worker-ttl", TTL, "--batch-size", "5"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(predicate, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_two_workers_and_an_ingester_store_what_one_process_stores(portal, reference, redis_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "archive.db"
    ingester = start_ingester(redis_url, db)
    workers = [start_worker(portal, redis_url, tmp_path, f"w{i}") for i in range(2)]
    outs = [w.communicate(timeout=120)[0] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], [(tmp_path / f"w{i}.log").read_text()[-2000:] for i in range(2)]
    out, err = ingester.communicate(timeout=60)
    assert ingester.returncode == 0, err
    assert "worker reports received 2" in out
    # Both workers fetched pages: the frontier really was shared.
    pages = [int(o.split("pages fetched ")[1].split(",")[0]) for o in outs]
    assert all(n > 0 for n in pages), outs
    got = contents(db)
    assert got == reference
    assert len(got["articles"]) == len({a.path for a in ARTICLES if not a.syndicated_from}) == 51
    # Every article row points at its raw response in the ingester's WARC files.
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT url, warc_file, warc_offset FROM articles").fetchall()
    conn.close()
    for url, warc_file, offset in rows:
        assert warc_file and not warc_file.startswith("@")
        target, _, body = read_response(tmp_path / "warc" / warc_file, offset)
        assert target == url and body
    # The run is over: nothing left queued, in flight or uncommitted.
    client = connect(redis_url)
    keys = Keys("archiver")
    assert client.zcard(keys.requests) == 0 and client.llen(keys.records) == 0 and client.llen(keys.processing) == 0
    assert client.keys("archiver:inflight:*") == []


@pytest.mark.parametrize("seed", [1, 2])
def test_kill_a_worker_and_the_ingester_loses_nothing(portal, reference, redis_url, tmp_path, seed,  # type: ignore[no-untyped-def]
                                                      reliability) -> None:
    rng = random.Random(seed)
    db = tmp_path / "archive.db"
    client = connect(redis_url)
    keys = Keys("archiver")
    ingester = start_ingester(redis_url, db)
    victim = start_worker(portal, redis_url, tmp_path, "victim")
    survivor = start_worker(portal, redis_url, tmp_path, "survivor")
    # kill -9 the victim while it holds requests in flight, a random way into the crawl.
    threshold = rng.randint(8, 30)
    victim_inflight = f"archiver:inflight:*:{victim.pid}:*"

    def victim_busy() -> bool:
        held = client.keys(victim_inflight)
        return client.scard(keys.dupefilter) >= threshold and bool(held) and client.hlen(held[0]) > 0

    wait_for(victim_busy)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    # kill -9 the ingester once it has stored a random number of articles, then start another.
    stored = rng.randint(5, 30)

    wait_for(lambda: articles_stored(db) >= stored or survivor.poll() is not None)
    ingester.send_signal(signal.SIGKILL)
    ingester.wait(timeout=10)
    ingester = start_ingester(redis_url, db)
    out = survivor.communicate(timeout=120)[0]
    assert survivor.returncode == 0, (tmp_path / "survivor.log").read_text()[-2000:]
    reclaimed = int(out.split("requeued from dead workers ")[1].split()[0])
    assert reclaimed > 0  # the victim's in-flight requests were taken over, not lost
    i_out, i_err = ingester.communicate(timeout=60)
    assert ingester.returncode == 0, i_err
    got = contents(db)
    missing = set(reference["articles"]) - set(got["articles"])
    assert not missing
    assert got == reference  # integrity ok, same articles and copies, no row twice
    runs = sqlite3.connect(db).execute("SELECT status FROM runs ORDER BY id").fetchall()
    assert [r[0] for r in runs] == ["interrupted", "ok"]
    reliability.section("Process faults").append(
        [f"kill -9 of a Redis worker and of the ingester (seed {seed})",
         f"two workers, one ingester; SIGKILL to a worker holding requests once {threshold} URLs were queued, "
         f"to the ingester once {stored} articles were stored; a new ingester started",
         f"the other worker requeued {reclaimed} in-flight requests; same 51 articles and linked copy as a "
         "single-process crawl, integrity ok, none twice"])


def test_ingester_finishes_a_dead_ingesters_batch_once(redis_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Messages taken (LMOVE) by an ingester that died before committing are stored by the next one, once."""
    client = connect(redis_url)
    keys = Keys("t")
    body = "<html><body><p>正文</p></body></html>".encode()
    item = {"url": "http://127.0.0.1/a/1.html", "site": "127.0.0.1", "title": "标题", "body": "经济" * 60,
            "content_hash": "h1", "fetched_at": "2026-01-01T00:00:00+00:00", "warc_file": "@r1", "warc_offset": 0,
            "warc_records": [["@r1", 0]], "flags": [], "captions": [], "caption_images": [], "images": [],
            "keywords": [], "authors": [], "page_urls": ["http://127.0.0.1/a/1.html"]}
    # As a dead ingester leaves them: moved to processing (newest at the head), never acknowledged.
    for message in (response_message("r1", item["url"], 200, [["Content-Type", "text/html"]], body),
                    pack({"type": "item", "item": item})):
        client.lpush(keys.processing, message)
    client.lpush(keys.records, pack({"type": "item", "item": {**item, "fetched_at": "2026-01-02T00:00:00+00:00"}}))
    from archiver.warc import WarcSeries

    for attempt in range(2):  # a second ingester over the same queue changes nothing
        archive = Archive(tmp_path / "a.db")
        ingester = Ingester(client, keys, archive, WarcSeries(tmp_path / "warc", 1 << 30), batch_size=10,
                            idle_timeout=0.5, worker_ttl=2)
        ingester.run()
        archive.close()
        assert client.llen(keys.processing) == 0 and client.llen(keys.records) == 0
        if attempt == 0:
            assert ingester.counts["new"] == 1 and ingester.counts["unchanged"] == 1
    conn = sqlite3.connect(tmp_path / "a.db")
    (url, warc_file, offset, last_seen), = conn.execute(
        "SELECT url, warc_file, warc_offset, last_seen FROM articles").fetchall()
    assert last_seen.startswith("2026-01-02")  # the later record was applied after the resumed one
    assert read_response(tmp_path / "warc" / warc_file, offset)[2] == body
    assert len(list((tmp_path / "warc").iterdir())) == 1


def test_worker_without_redis_is_a_one_line_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    port = _free_port()  # nothing listens there
    for args in (("crawl", "http://127.0.0.1:9/", "--redis", f"redis://127.0.0.1:{port}/0"),
                 ("ingest", "--redis", f"redis://127.0.0.1:{port}/0", "--db", str(tmp_path / "a.db"))):
        result = subprocess.run(cli(*args), capture_output=True, text=True, timeout=60)
        assert result.returncode == 4
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "cannot reach Redis" in lines[0], result.stderr
    assert not (tmp_path / "a.db").exists()  # nothing created before Redis answered


def test_ingester_on_a_full_disk_exits_4_and_keeps_its_batch(redis_url, tmp_path, reliability) -> None:  # type: ignore[no-untyped-def]
    client = connect(redis_url)
    keys = Keys("full")
    db = tmp_path / "a.db"
    Archive(db).close()
    cap = db.stat().st_size + 700_000  # room for some batches of five, not for all forty
    for i in range(40):
        rng = random.Random(i)  # unrelated texts: no two are near-duplicates
        text = f"第{i}篇。" + "".join(chr(0x4E00 + rng.randrange(20000)) for _ in range(3000))
        client.lpush(keys.records, pack({"type": "item", "item": {
            "url": f"http://127.0.0.1/a/{i}.html", "site": "127.0.0.1", "title": f"标题{i}", "body": text,
            "content_hash": f"h{i}", "fetched_at": "2026-01-01T00:00:00+00:00", "flags": [], "captions": [],
            "caption_images": [], "images": [], "keywords": [], "authors": [], "page_urls": []}}))
    args = ["ingest", "--redis", redis_url, "--db", str(db), "--prefix", "full", "--idle-timeout", "0.5",
            "--worker-ttl", "1", "--batch-size", "5"]
    full = subprocess.run(cli(*args), capture_output=True, text=True, timeout=60,
                          env={**os.environ, "ARCHIVER_MAX_DB_BYTES": str(cap)})
    assert full.returncode == 4, full.stderr
    assert "Traceback" not in full.stderr
    line = full.stderr.strip().splitlines()[-1]
    assert line.startswith("archiver: error:") and "full" in line
    kept = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < kept < 40
    assert client.llen(keys.processing) == 5  # the batch that failed, not acknowledged
    again = subprocess.run(cli(*args), capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone() == (40, 40)
    assert client.llen(keys.processing) == 0 and client.llen(keys.records) == 0
    reliability.section("Process faults").append(
        ["ingester meets a full disk", "40 records queued; ARCHIVER_MAX_DB_BYTES a little above the empty archive",
         f"exit 4 ({line.split('error: ', 1)[-1].replace(str(tmp_path), 'DIR')}); {kept} stored, the failed batch kept in Redis; "
         "a rerun with room stored all 40, none twice"])
