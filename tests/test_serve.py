"""`archiver serve`: Datasette over a crawled archive, queried over HTTP on 127.0.0.1 (and in headless Chromium)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from archiver.sample_portal import SamplePortal

from .conftest import distinct_sentences


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as resp:  # noqa: S310 (loopback)
        return resp.read()


@pytest.fixture(scope="module")
def served_db(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    return tmp_path_factory.mktemp("serve") / "archive.db"


@pytest.fixture(scope="module")
def served(served_db):  # type: ignore[no-untyped-def]
    pytest.importorskip("datasette")
    db = served_db
    with SamplePortal() as portal:
        crawl = subprocess.run([sys.executable, "-m", "archiver.cli", "crawl", *portal.start_urls, "--db", str(db),
                                "-s", "AUTOTHROTTLE_START_DELAY=0"], capture_output=True, text=True, timeout=120)
    assert crawl.returncode == 0, crawl.stderr
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "archiver.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            _get(base + "/-/versions.json")
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("archiver serve did not start")
    yield base
    proc.terminate()
    proc.wait(timeout=30)
    time.sleep(1)
    with pytest.raises(OSError):  # stopping `archiver serve` stopped Datasette: nothing listens any more
        _get(base + "/-/versions.json")


def _search(base: str, q: str) -> list[dict]:
    return json.loads(_get(f"{base}/archive/search.json?_shape=array&q={urllib.parse.quote(q)}"))


def test_search_finds_two_character_words_in_both_scripts(served: str) -> None:
    simplified, traditional = _search(served, "经济"), _search(served, "經濟")
    assert len(simplified) >= 2 and simplified == traditional
    assert any("[经济]" in r["snippet"] for r in simplified) and any("[經濟]" in r["snippet"] for r in simplified)
    assert _search(served, "") == []  # an empty query matches nothing, and is no error


def test_traditional_word_finds_simplified_articles(served: str) -> None:
    hits = _search(served, "鐵路")  # 铁路 in simplified articles
    assert hits and all("铁路" in h["snippet"] or "鐵路" in h["snippet"] for h in hits)


def test_tables_are_read_only_with_facets_and_raw_capture(served: str) -> None:
    page = json.loads(_get(f"{served}/archive/articles.json?_shape=objects&_size=1&_facet=site"))
    row = page["rows"][0]
    assert "site" in page["facet_results"] if isinstance(page["facet_results"], dict) else page["facet_results"]
    raw = _get(f"{served}/-/archiver/raw/archive/{row['id']}").decode("utf-8", "replace")
    assert raw.startswith("http://127.0.0.1:") and "<html" in raw.lower()
    gbk = json.loads(_get(f"{served}/archive.json?_shape=array&sql=" + urllib.parse.quote(
        "select id, title from articles where charset in ('gbk', 'gb18030', 'gb2312') limit 1")))[0]
    with urllib.request.urlopen(f"{served}/-/archiver/raw/archive/{gbk['id']}", timeout=30) as resp:  # noqa: S310
        assert "charset=utf-8" in resp.headers["content-type"]
        assert gbk["title"] in resp.read().decode("utf-8")  # a GBK page, decoded, not left to the browser's guess
    html = _get(f"{served}/archive/articles/{row['id']}").decode()
    assert html.count("<p>") >= 2  # the body is shown as paragraphs


def test_search_page_renders_results_in_chromium(served: str, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    url = f"{served}/archive/search?q={urllib.parse.quote('经济')}"
    result = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url],
                            capture_output=True, text=True, timeout=120)
    dom = result.stdout
    assert "<table" in dom and "经济" in dom
    assert dom.count("<tr") >= 3  # a header row and at least two results, rendered by the browser


def test_every_column_is_described(tmp_path: Path) -> None:
    import sqlite3

    from archiver.serve import metadata
    from archiver.store import Archive

    db = tmp_path / "a.db"
    Archive(db).close()
    conn = sqlite3.connect(db)
    tables = metadata("a")["databases"]["a"]["tables"]
    for table in ("articles", "duplicates", "runs", "sites", "article_versions", "url_aliases"):
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")} - {"id"}
        assert columns <= set(tables[table]["columns"]), (table, columns - set(tables[table]["columns"]))


def test_serve_on_a_port_in_use_is_a_one_line_usage_error(served_db: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = subprocess.run([sys.executable, "-m", "archiver.cli", "serve", "--db", str(served_db), "--port",
                                 str(busy.getsockname()[1])], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "cannot listen on" in result.stderr


def test_served_archive_shows_what_a_crawl_writes_while_it_runs(served: str, served_db: Path) -> None:
    # Last in this module: it adds articles. Datasette used to open the archive immutable, and then
    # ignored the WAL: stale counts and "database disk image is malformed" during a crawl.
    from archiver.store import Archive

    count_sql = f"{served}/archive.json?_shape=array&sql=" + urllib.parse.quote("select count(*) as n from articles")
    before = json.loads(_get(count_sql))[0]["n"]
    archive = Archive(served_db)
    archive.write_batch([{"url": f"http://127.0.0.1:9/new/{i}.html", "site": "127.0.0.1:9", "title": f"新到文章{i}",
                          "body": "".join(distinct_sentences(f"serve-{i}")),
                          "fetched_at": "2024-05-21T10:00:00+08:00"} for i in range(30)])
    try:
        assert json.loads(_get(count_sql))[0]["n"] == before + 30  # seen while the writer still holds the WAL
        newest = json.loads(_get(f"{served}/archive/articles.json?_shape=array&_sort_desc=id&_size=3"))
        assert newest[0]["title"] == "新到文章29"
    finally:
        archive.close()
