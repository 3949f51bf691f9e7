"""Process faults: a full disk (a real tmpfs where the machine lets us mount one, and SQLite's page cap).

Each ends with a clear one-line error, exit code 4, an archive that passes integrity_check with
every row whole, and a rerun (with room again) that completes to the same articles.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archiver.sample_portal import SamplePortal

FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "ARCHIVER_BATCH_SIZE=5"]


def archiver(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "archiver.cli", *args], capture_output=True, text=True, timeout=180,
                          env={**os.environ, **(env or {})})


def error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if "ERROR" in ln or ln.startswith("archiver: error")]


def check_whole(db: Path) -> int:
    """integrity_check ok and no half-written article; returns the article count."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM articles WHERE body IS NULL OR title IS NULL").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == n
        assert conn.execute("SELECT count(*) FROM minhash").fetchone()[0] == n
        return n
    finally:
        conn.close()


@pytest.fixture(scope="module")
def portal():  # type: ignore[no-untyped-def]
    with SamplePortal() as p:
        yield p


def test_archive_size_cap_acts_as_a_full_disk(portal, tmp_path, reliability) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "a.db"
    full = archiver("crawl", *portal.start_urls, "--db", str(db), *FAST, env={"ARCHIVER_MAX_DB_BYTES": "400000"})
    assert full.returncode == 4, full.stderr[-2000:]
    assert "Traceback" not in full.stderr + full.stdout
    errors = error_lines(full.stderr)
    assert len(errors) == 1 and "database or disk is full" in errors[0]
    kept = check_whole(db)
    assert 0 < kept < 51
    run = sqlite3.connect(db).execute("SELECT status, exit_code FROM runs").fetchone()
    assert run == ("failed", 4)
    again = archiver("crawl", *portal.start_urls, "--db", str(db), *FAST)
    assert again.returncode == 0, again.stderr[-2000:]
    assert check_whole(db) == 51
    assert sqlite3.connect(db).execute("SELECT count(*) - count(DISTINCT url) FROM articles").fetchone()[0] == 0
    reliability.section("Process faults").append(
        ["archive full (crawl)", "ARCHIVER_MAX_DB_BYTES=400000 (SQLite max_page_count: SQLITE_FULL, as a full disk)",
         f"exit 4, one error line; integrity ok, {kept} whole articles kept; a rerun with room completed to 51"])


def test_real_full_disk(portal, tmp_path, reliability) -> None:  # type: ignore[no-untyped-def]
    """Archive and WARC files on a 1 MB tmpfs (needs the right to mount, as root in CI; else skipped)."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        db = mnt / "a.db"
        full = archiver("crawl", *portal.start_urls, "--db", str(db), *FAST)
        assert full.returncode == 4, full.stderr[-2000:]
        assert "Traceback" not in full.stderr + full.stdout
        errors = error_lines(full.stderr)
        assert 1 <= len(errors) <= 2, errors  # the WARC writer and the archive may each hit it once
        assert all("No space left" in e or "disk is full" in e for e in errors)
        kept = check_whole(db)
        # Room again: the same archive, moved to a roomy folder, is finished by a rerun.
        roomy = tmp_path / "roomy"
        subprocess.run(["cp", "-r", str(mnt), str(roomy)], check=True)
    finally:
        subprocess.run(["umount", str(mnt)], check=True)
    again = archiver("crawl", *portal.start_urls, "--db", str(roomy / "a.db"), *FAST)
    assert again.returncode == 0, again.stderr[-2000:]
    assert check_whole(roomy / "a.db") == 51
    reliability.section("Process faults").append(
        ["disk full (crawl)", "archive and WARC files on a 1 MB tmpfs",
         f"exit 4 ({'; '.join(e.split('] ERROR: ')[-1].replace(str(mnt), 'MNT') for e in errors)}); integrity ok, {kept} whole "
         "articles kept; a rerun with room completed to 51"])


BULK_WRITER = """
import os, random, sys, time
from archiver.store import Archive

def items(start, n):
    pool = "经济发展学校医院环境体育农业交通运输市民企业建设服务项目群众社区乡村振兴"
    for i in range(start, start + n):
        rng = random.Random(i)
        body = "。".join("".join(rng.choice(pool) for _ in range(30)) for _ in range(12))
        yield {"url": f"http://bulk.cn/{i}.html", "site": "bulk.cn", "title": f"标题{i}", "body": body,
               "content_hash": f"h{i}", "fetched_at": "2024-03-01T00:00:00+00:00"}

if __name__ == "__main__":
    archive = Archive(sys.argv[1], helper_process=True)
    archive.write_batch(list(items(0, 300)))
    print(*archive._preparer.pool._processes, flush=True)
    start = 300
    while True:  # until killed
        archive.write_batch(list(items(start, 300)))
        start += 300
"""


def test_kill_of_a_bulk_writer_leaves_a_whole_archive_and_no_helper(tmp_path, reliability) -> None:  # type: ignore[no-untyped-def]
    """kill -9 while a large batch is being prepared in the helper process and written."""
    db = tmp_path / "bulk.db"
    script = tmp_path / "writer.py"
    script.write_text(BULK_WRITER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(db)], stdout=subprocess.PIPE, text=True)
    try:
        helpers = [int(pid) for pid in proc.stdout.readline().split()]  # type: ignore[union-attr]
        assert helpers, "no helper process was started"
        time.sleep(1.5)  # mid-way through a later batch
        proc.kill()
        proc.wait(timeout=10)
    finally:
        proc.kill()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    alive = [pid for pid in helpers if Path(f"/proc/{pid}").exists()
             and "Z" not in Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]]
    assert not alive, f"helper process {alive} outlived its killed parent"
    kept = check_whole(db)
    assert kept % 300 == 0 and kept >= 300  # whole batches only
    reliability.section("Process faults").append(
        ["kill -9 of a bulk writer", "batches of 300 prepared in the helper process; SIGKILL 1.5 s after the first",
         f"integrity ok, {kept} articles in whole batches, every one with its search row and signature; "
         f"the helper process exited on its own"])
