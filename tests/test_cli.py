"""The command line: contracts, one-line errors and exit codes."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT


def run(*args: str, cwd: Path | None = None, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "archiver.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd)


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("archiver: error:")
    assert "Traceback" not in result.stderr
    return lines[0]


def test_extract_jsonl_contract() -> None:
    page = FIXTURES / "extract" / "big5-traditional" / "body.html"
    result = run("extract", "--jsonl", str(page))
    assert result.returncode == 0
    record = json.loads(result.stdout.strip())
    for key in ("url", "title", "byline", "authors", "source", "editor", "published", "body", "captions",
                "keywords", "site_name", "charset", "input"):
        assert key in record
    assert record["title"] == "港鐵新線下月通車 沿線居民出行更便利"
    assert record["input"] == str(page)


def test_extract_missing_file_is_one_line() -> None:
    result = run("extract", "/nonexistent/page.html")
    assert result.returncode == 1
    _one_line_error(result)


def test_crawl_rejects_malformed_url(tmp_path: Path) -> None:
    result = run("crawl", "not a url", "--db", str(tmp_path / "a.db"))
    assert result.returncode == 2
    assert "not an http(s) URL" in _one_line_error(result)


def test_crawl_corrupt_database_exits_4(tmp_path: Path) -> None:
    db = tmp_path / "corrupt.db"
    db.write_bytes(b"this is not a sqlite database" * 100)
    result = run("crawl", "http://127.0.0.1:9/", "--db", str(db))
    assert result.returncode == 4
    assert "cannot open archive" in _one_line_error(result)
    assert db.read_bytes().startswith(b"this is not")  # never overwritten


def test_crawl_unreachable_site_exits_1(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run("crawl", f"http://127.0.0.1:{port}/", "--db", str(tmp_path / "a.db"), "-s", "RETRY_TIMES=0")
    assert result.returncode == 1
    assert "no page could be fetched" in result.stdout
    assert "Traceback" not in result.stderr and "Connection was refused" in result.stderr  # one line per failure


def test_unknown_command_and_option_are_usage_errors() -> None:
    assert run("frobnicate").returncode == 2
    assert run("crawl", "--max-pages", "zero", "http://127.0.0.1/").returncode == 2


def test_scrapy_list_from_repo_root() -> None:
    result = subprocess.run([sys.executable, "-m", "scrapy", "list"], capture_output=True, text=True, cwd=ROOT,
                            timeout=60)
    assert result.stdout.split() == ["portal"]


def test_second_crawl_on_a_locked_archive_exits_3(tmp_path: Path) -> None:
    from archiver.lock import ArchiveLock

    db = tmp_path / "a.db"
    with ArchiveLock(db):
        result = run("crawl", "http://127.0.0.1:9/", "--db", str(db))
    assert result.returncode == 3
    line = _one_line_error(result)
    assert f"pid {__import__('os').getpid()} since" in line


def test_stale_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    from archiver.lock import ArchiveLock

    db = tmp_path / "a.db"
    Path(f"{db}.lock").write_text("pid 999999 since 2020-01-01T00:00:00+00:00\n")  # holder died: no flock held
    with ArchiveLock(db) as lock:
        assert Path(f"{db}.lock").read_text().startswith(f"pid {__import__('os').getpid()}")
    assert lock.fd is None


def test_demo_crawls_the_sample_portal_and_shows_two_queries(tmp_path: Path) -> None:
    result = run("demo", "--db", str(tmp_path / "demo.db"), timeout=180)
    assert result.returncode == 0, result.stderr
    assert "articles new 51" in result.stdout and "duplicate 1" in result.stdout
    assert "-- latest five articles" in result.stdout
    search_part = result.stdout.split("-- Chinese search", 1)[1]
    assert "[经济]" in search_part and "[經濟]" in search_part  # one query, both scripts
    assert (tmp_path / "warc").is_dir()


BAD_INPUT = [  # (scenario, arguments with {db}/{dir} placeholders, exit code, words the one line must hold)
    ("unknown site", ["crawl", "--site", "no-such-portal", "--db", "{db}"], 2, "no-such-portal"),
    ("malformed URL", ["crawl", "htp:/bad", "--db", "{db}"], 2, "not an http(s) URL"),
    ("bad date", ["search", "经济", "--since", "last week", "--db", "{db}"], 2, "YYYY-MM-DD"),
    ("bad export date", ["export", "--format", "jsonl", "--since", "2024-13", "--out", "{dir}/x.jsonl", "--db", "{db}"],
     2, "YYYY-MM-DD"),
    ("bad search query", ["search", '"*"', "--db", "{db}"], 2, "nothing to search for"),
    ("bad time limit", ["crawl", "http://127.0.0.1:9/", "--time-limit", "soon", "--db", "{db}"], 2, "--time-limit"),
    ("corrupt DB file", ["stats", "--db", "{dir}/corrupt.db"], 4, "cannot open archive"),
    ("DB path is a folder", ["search", "经济", "--db", "{dir}"], 2, "is a directory"),
    ("DB in a missing folder", ["stats", "--db", "{dir}/missing/a.db"], 4, "no archive at"),
    ("unknown extract input", ["extract", "{dir}/missing.html"], 1, "cannot read"),
    ("impossible date", ["search", "经济", "--since", "2024-02-30", "--db", "{db}"], 2, "calendar date"),
    ("huge limit", ["search", "经济", "--limit", "99999999999999999999", "--db", "{db}"], 2, "--limit"),
    ("export into a missing folder", ["export", "--out", "{dir}/missing/x.jsonl", "--db", "{db}"], 2,
     "folder does not exist"),
    ("export onto a folder", ["export", "--out", "{dir}", "--db", "{db}"], 2, "is a folder"),
    ("non-numeric setting", ["crawl", "http://127.0.0.1:9/", "-s", "ARCHIVER_MAX_ERROR_RATIO=abc", "--db", "{db}"], 2,
     "expects a number"),
    ("fractional count setting", ["crawl", "http://127.0.0.1:9/", "-s", "CONCURRENT_REQUESTS=1.5", "--db", "{db}"], 2,
     "expects a whole number"),
    ("non-boolean flag setting", ["crawl", "http://127.0.0.1:9/", "-s", "AUTOTHROTTLE_ENABLED=maybe", "--db", "{db}"],
     2, "expects true or false"),
    ("unbalanced IPv6 URL", ["crawl", "http://[::1", "--db", "{db}"], 2, "not an http(s) URL"),
    ("missing WARC folder", ["reextract", "--warc-dir", "{dir}/no-warc", "--db", "{db}"], 2, "no such folder"),
    ("archive damaged inside", ["stats", "--db", "{dir}/damaged.db"], 4, "malformed"),
    ("export onto the archive", ["export", "--out", "{db}", "--db", "{db}"], 2, "archive's own data"),
    ("report onto the archive's WAL", ["report", "--out", "{db}-wal", "--db", "{db}"], 2, "archive's own data"),
    ("unknown --site in a search", ["search", "经济", "--site", "no-such.example", "--db", "{db}"], 2,
     "no such site"),
    ("read command on an empty file", ["search", "经济", "--db", "{dir}/empty.db"], 4, "empty file, not an archive"),
    ("read command on another program's database", ["stats", "--db", "{dir}/other.db"], 4, "not an archive"),
    ("crawl into another program's database", ["crawl", "http://127.0.0.1:9/", "--db", "{dir}/other.db"], 4,
     "not an archive"),
    ("explicit --db that does not exist", ["sites", "--db", "{dir}/typo.db"], 4, "no archive at"),
    ("read command on a database that numbers its own schema", ["stats", "--db", "{dir}/app.db"], 4,
     "not an archive"),
    ("report onto a hard link of the archive", ["report", "--out", "{dir}/hard.db", "--db", "{db}"], 2,
     "archive's own data"),
]


def test_bad_input_is_one_line_and_a_documented_exit_code(tmp_path: Path, reliability) -> None:  # type: ignore[no-untyped-def]
    from archiver.store import Archive

    db = tmp_path / "a.db"
    Archive(db).close()
    (tmp_path / "corrupt.db").write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    (tmp_path / "empty.db").write_bytes(b"")
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    other.commit()
    other.close()
    app = sqlite3.connect(tmp_path / "app.db")  # many programs set user_version for their own schema
    app.execute("CREATE TABLE t (x)")
    app.execute("PRAGMA user_version = 3")
    app.commit()
    app.close()
    os.link(db, tmp_path / "hard.db")
    untouched = {name: (tmp_path / name).read_bytes() for name in ("empty.db", "other.db", "app.db", "hard.db")}
    damaged = Archive(tmp_path / "damaged.db")  # a valid header, junk over its tables' pages
    damaged.write_batch([{"url": f"http://127.0.0.1:9/a/{i}.html", "title": f"标题{i}", "body": f"第{i}篇正文。" * 200,
                          "site": "127.0.0.1:9", "fetched_at": "2024-05-20T10:00:00+08:00"} for i in range(30)])
    damaged.close()
    with open(tmp_path / "damaged.db", "r+b") as f:
        f.seek(8192)
        f.write(b"\x17" * 60_000)
    rows = reliability.section("Bad input")
    for scenario, args, code, words in BAD_INPUT:
        argv = [a.format(db=db, dir=tmp_path) for a in args]
        result = run(*argv)
        assert result.returncode == code, (scenario, result.stderr)
        line = _one_line_error(result)
        assert words in line, (scenario, line)
        rows.append([scenario, "`archiver " + " ".join(a.replace(str(tmp_path), "DIR") for a in argv) + "`", code,
                     "one line: " + line.replace(str(tmp_path), "DIR")])
    assert {name: (tmp_path / name).read_bytes() for name in untouched} == untouched  # never written to
    assert not (tmp_path / "other.db-wal").exists()
    assert Archive(db).count() == 0  # the archive export and report were aimed at is whole


def test_export_writes_through_a_symlink_and_keeps_an_old_file_when_it_fails(tmp_path: Path) -> None:
    from archiver.store import Archive

    db = tmp_path / "a.db"
    archive = Archive(db)
    archive.write_batch([{"url": "http://127.0.0.1:9/a/1.html", "title": "标题", "body": "正文。" * 50,
                          "site": "127.0.0.1:9", "fetched_at": "2024-05-20T10:00:00+08:00"}])
    archive.close()
    real, link = tmp_path / "real.jsonl", tmp_path / "link.jsonl"
    real.write_text("old\n")
    link.symlink_to(real)
    assert run("export", "--out", str(link), "--db", str(db)).returncode == 0
    assert link.is_symlink() and json.loads(real.read_text().splitlines()[0])["title"] == "标题"
    kept = tmp_path / "kept.jsonl"
    kept.write_text("precious\n")
    bad = run("export", "--out", str(kept), "--since", "2024-02-30", "--db", str(db))
    assert bad.returncode == 2 and kept.read_text() == "precious\n"


def test_read_commands_work_on_a_read_only_mount(tmp_path: Path, reliability) -> None:  # type: ignore[no-untyped-def]
    """search/stats/export on an archive whose folder is mounted read-only (needs the right to mount; else skipped)."""
    from archiver.store import Archive

    src, mnt = tmp_path / "src", tmp_path / "ro"
    src.mkdir()
    mnt.mkdir()
    archive = Archive(src / "a.db")
    topics = ["港口吞吐量", "农业生产", "工业投资", "消费市场", "外贸进出口"]
    archive.write_batch([{"url": f"http://127.0.0.1:9/a/{i}.html", "title": f"{t}：经济运行平稳",
                          "body": "".join(f"{t}第{j}项指标同比增长百分之{i * 7 + j}，{t}经济运行平稳。" for j in range(30)),
                          "site": "127.0.0.1:9", "fetched_at": "2024-05-20T10:00:00+08:00"}
                         for i, t in enumerate(topics)])
    archive.close()
    bound = subprocess.run(["mount", "--bind", str(src), str(mnt)], capture_output=True)
    if bound.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bound.stderr.decode(errors='replace').strip()}")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(mnt)], capture_output=True).returncode != 0:
            pytest.skip("cannot remount read-only here")
        found = run("search", "经济", "--db", str(mnt / "a.db"), "--json")
        stats = run("stats", "--db", str(mnt / "a.db"))
        out = tmp_path / "x.jsonl"
        export = run("export", "--out", str(out), "--db", str(mnt / "a.db"))
        crawl = run("crawl", "http://127.0.0.1:9/", "--db", str(mnt / "a.db"))
    finally:
        subprocess.run(["umount", str(mnt)], check=True)
    assert found.returncode == 0 and len(found.stdout.splitlines()) == 5, found.stderr
    assert stats.returncode == 0 and "articles 5" in stats.stdout
    assert export.returncode == 0 and len(out.read_text().splitlines()) == 5
    assert crawl.returncode == 4 and "Traceback" not in crawl.stderr  # writing is a storage failure, one line
    reliability.section("Bad input").append(
        ["archive on a read-only mount", "`archiver search|stats|export` and `archiver crawl` on a read-only bind mount",
         4, "reads work (5 hits, 5 rows exported); the crawl exits 4 with one line"])
