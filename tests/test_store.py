"""The SQLite archive: batched writes, versions, gone marks, syndication links, sites, migrations."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import threading
from pathlib import Path

import pytest

from archiver.exceptions import StorageError
from archiver.schema import MIGRATIONS
from archiver.search import shadow
from archiver.store import Archive


def item(url: str, body: str, **extra) -> dict:  # type: ignore[no-untyped-def]
    base = {"url": url, "site": "x.cn", "title": "标题", "body": body, "content_hash": f"h-{body}",
            "fetched_at": "2024-03-01T00:00:00+00:00", "authors": ["张三"],
            "site_facts": {"name": "某某网", "icp": "浙ICP备1号", "contact": ["电话：0571-1234567"]}}
    return {**base, **extra}


@pytest.fixture
def archive(tmp_path: Path):  # type: ignore[no-untyped-def]
    a = Archive(tmp_path / "a.db")
    yield a
    a.close()


def test_new_unchanged_updated_with_history(archive: Archive) -> None:
    assert archive.write_batch([item("http://x.cn/1.html", "第一版")])["new"] == 1
    assert archive.write_batch([item("http://x.cn/1.html", "第一版", fetched_at="2024-03-02")])["unchanged"] == 1
    assert archive.write_batch([item("http://x.cn/1.html", "第二版", fetched_at="2024-03-03")])["updated"] == 1
    conn = archive.db.conn
    assert conn.execute("SELECT body, last_seen FROM articles").fetchone() == ("第二版", "2024-03-03")
    assert conn.execute("SELECT body, superseded_at FROM article_versions").fetchall() == [("第一版", "2024-03-03")]


def test_gone_is_marked_never_deleted(archive: Archive) -> None:
    archive.write_batch([item("http://x.cn/1.html", "正文")])
    counts = archive.write_batch([{"kind": "gone", "url": "http://x.cn/1.html", "status": 404,
                                   "fetched_at": "2024-04-01"}])
    assert counts["gone"] == 1
    row = archive.db.conn.execute("SELECT body, gone_at, http_status FROM articles").fetchone()
    assert row == ("正文", "2024-04-01", 404)


def test_earliest_published_copy_is_the_origin(archive: Archive) -> None:
    archive.write_batch([item("http://b.cn/copy.html", "同一篇", site="b.cn", published="2024-02-25T08:40:00+08:00")])
    archive.write_batch([item("http://a.cn/orig.html", "同一篇", site="a.cn", published="2024-02-24")])
    conn = archive.db.conn
    assert conn.execute("SELECT url FROM articles").fetchall() == [("http://a.cn/orig.html",)]
    assert conn.execute("SELECT url, article_id FROM duplicates").fetchall() == [("http://b.cn/copy.html", 1)]


def test_sites_table_keeps_site_facts(archive: Archive) -> None:
    archive.write_batch([item("http://www.x.cn/1.html", "一"), item("http://m.x.cn/2.html", "二")])
    row = archive.db.conn.execute("SELECT name, hosts, icp, contact, article_count FROM sites").fetchone()
    assert row[0] == "某某网" and json.loads(row[1]) == ["www.x.cn", "m.x.cn"] and row[2] == "浙ICP备1号"
    assert json.loads(row[3]) == ["电话：0571-1234567"] and row[4] == 2


def test_a_bad_item_does_not_cost_its_batch(archive: Archive) -> None:
    archive.write_batch([item("http://x.cn/1.html", "一")])
    counts = archive.write_batch([item("http://x.cn/2.html", "二"), {"url": None, "fetched_at": "x"},
                                  item("http://x.cn/3.html", "三")])
    assert counts["new"] == 2 and counts["failed"] == 1
    assert archive.count() == 3
    assert archive.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_migration_from_v1_indexes_existing_rows(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0][0] + "PRAGMA user_version = 1;")
    conn.execute("INSERT INTO articles (url, title, body) VALUES ('http://x.cn/1.html', '經濟新聞', '經濟發展')")
    conn.commit()
    conn.close()
    archive = Archive(db)
    try:
        assert archive.db.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        from archiver.search import search
        assert [h.url for h in search(archive.db.conn, "经济")] == ["http://x.cn/1.html"]
    finally:
        archive.close()


STORY = ("记者从市交通运输局获悉，地铁三号线首列车日前进入动态调试阶段，计划年底前开通试运营。"
         "三号线全长二十八公里，设车站二十二座，串联老城区、高铁站和新区。"
         "市交通运输局有关负责人表示，将加快推进站点配套建设，确保按期通车。")
OTHER = ("今年以来，县里投资一点二亿元新建三座小型水库，目前已全部蓄水，可解决山区十万群众的饮水困难问题。"
         "据县水利局介绍，三座水库总库容达到八百万立方米，配套建设的输水管道长达六十公里。")


def test_migration_from_v7_resigns_and_reindexes(tmp_path: Path) -> None:
    """An archive of the previous release (64-permutation MinHash in lsh_bands, unicode61 FTS) upgrades in place."""
    db = tmp_path / "v7.db"
    conn = sqlite3.connect(db, isolation_level=None)
    for sql, _ in MIGRATIONS[:7]:
        conn.executescript(sql)
    conn.execute("PRAGMA user_version = 7")
    conn.execute("INSERT INTO articles (url, title, body, content_hash, published) VALUES "
                 "('http://a.cn/1.html', '地铁三号线', ?, 'h1', '2024-02-24')", (STORY,))
    conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (1, '地铁 铁三 三号', '旧的影子')")
    conn.execute("INSERT INTO minhash VALUES (1, ?)", (b"\0" * 256,))  # an old-style signature
    conn.execute("INSERT INTO lsh_bands VALUES (0, 42, 1)")
    conn.close()
    archive = Archive(db)
    try:
        c = archive.db.conn
        assert c.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert c.execute("SELECT count(*) FROM sqlite_master WHERE name = 'lsh_bands'").fetchone()[0] == 0
        assert c.execute("SELECT count(*) FROM lsh WHERE article_id = 1").fetchone()[0] == 16
        assert c.execute("SELECT sig FROM minhash").fetchone()[0] != b"\0" * 256
        assert c.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone() == (8,)
        from archiver.search import search
        assert [h.url for h in search(c, "通车")] == ["http://a.cn/1.html"]  # rebuilt from the body
        copy = "来源：江城新闻网\n" + STORY.replace("。", "。\n").replace("二十二座", "22座")
        assert archive.duplicate_of(item("http://b.cn/1.html", copy))[0] == 1
        counts = archive.write_batch([item("http://b.cn/1.html", copy, published="2024-02-25")])
        assert counts["duplicate"] == 1
    finally:
        archive.close()


def test_duplicate_of_detects_without_writing(archive: Archive) -> None:
    archive.write_batch([item("http://a.cn/1.html", STORY), item("http://c.cn/2.html", OTHER)])
    assert archive.duplicate_of(item("http://z.cn/1.html", STORY)) == (1, 1.0)  # same hash
    found = archive.duplicate_of(item("http://z.cn/2.html", STORY[:-10] + "确保年内通车。", content_hash="x"))
    assert found is not None and found[0] == 1 and 0.5 <= found[1] < 1.0
    unrelated = "各地加强秋冬季森林防火工作，组织巡山护林队伍开展拉网式排查，清理林下可燃物，确保不发生重大森林火灾。"
    assert archive.duplicate_of(item("http://z.cn/3.html", unrelated, content_hash="y")) is None
    assert archive.count() == 2 and archive.count("duplicates") == 0


def test_corrupt_file_is_a_storage_error(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(b"garbage" * 1000)
    with pytest.raises(StorageError):
        Archive(db)


def test_near_duplicate_copy_is_linked_with_its_similarity(archive: Archive) -> None:
    story = ("记者从市交通运输局获悉，地铁三号线首列车日前进入动态调试阶段，计划年底前开通试运营。"
             "三号线全长二十八公里，设车站二十二座，串联老城区、高铁站和新区。"
             "市交通运输局有关负责人表示，将加快推进站点配套建设，确保按期通车。")
    other = ("今年以来，县里投资一点二亿元新建三座小型水库，目前已全部蓄水，可解决山区十万群众的饮水困难问题。"
             "据县水利局介绍，三座水库总库容达到八百万立方米，配套建设的输水管道长达六十公里。")
    archive.write_batch([item("http://a.cn/1.html", story, published="2024-02-24")])
    # Re-wrapped, a byline added, one sentence edited: a different exact hash, the same story.
    copy = "来源：江城新闻网 记者 徐静\n" + story.replace("。", "。\n").replace("二十二座", "22座")
    counts = archive.write_batch([item("http://b.cn/9.html", copy, site="b.cn", content_hash="other",
                                       published="2024-02-25"), item("http://c.cn/2.html", other, site="c.cn")])
    assert counts == {"new": 1, "updated": 0, "unchanged": 0, "duplicate": 1, "gone": 0, "skipped": 0, "failed": 0}
    url, article_id, sim = archive.db.conn.execute("SELECT url, article_id, similarity FROM duplicates").fetchone()
    assert (url, article_id) == ("http://b.cn/9.html", 1) and 0.5 <= sim < 1.0


def test_every_url_of_a_record_is_an_alias(archive: Archive) -> None:
    archive.write_batch([item("http://x.cn/a.html", "正文", aliases=["http://x.cn/a.html?utm_source=wx",
                                                                   "http://x.cn/old/a.html"])])
    archive.write_batch([item("http://x.cn/a.html", "正文", aliases=["HTTP://X.CN/a.html#top"])])
    rows = archive.db.conn.execute("SELECT url, article_id FROM url_aliases ORDER BY url").fetchall()
    assert rows == [("HTTP://X.CN/a.html#top", 1), ("http://x.cn/a.html", 1),
                    ("http://x.cn/a.html?utm_source=wx", 1), ("http://x.cn/old/a.html", 1)]


def test_date_only_copy_does_not_displace_a_timed_original(archive: Archive) -> None:
    archive.write_batch([item("http://a.cn/1.html", "同一篇正文", published="2024-02-24T08:40:00+08:00")])
    archive.write_batch([item("http://b.cn/1.html", "同一篇正文", site="b.cn", published="2024-02-24")])
    assert archive.db.conn.execute("SELECT url FROM articles").fetchall() == [("http://a.cn/1.html",)]


def test_updated_article_is_re_signed_for_near_duplicates(archive: Archive) -> None:
    old = "旧的正文讲述城市交通建设的进展情况，地铁线路正在加紧施工，预计明年通车运营。" * 3
    new = "新的正文介绍乡村学校的智慧课堂建设，山区孩子可以和城里学生同上一堂课程。" * 3
    archive.write_batch([item("http://a.cn/1.html", old)])
    archive.write_batch([item("http://a.cn/1.html", new, fetched_at="2024-03-05")])
    counts = archive.write_batch([item("http://c.cn/9.html", new + "（完）", site="c.cn", content_hash="x")])
    assert counts["duplicate"] == 1  # a copy of the new text links to the updated article


def test_reextraction_keeps_gone_marks(archive: Archive) -> None:
    archive.write_batch([item("http://a.cn/1.html", "正文")])
    archive.write_batch([{"kind": "gone", "url": "http://a.cn/1.html", "status": 410, "fetched_at": "2024-04-01"}])
    archive.replace_extraction(1, {"title": "新标题", "body": "正文"})
    assert archive.db.conn.execute("SELECT gone_at FROM articles").fetchone() == ("2024-04-01",)


def _bulk(n: int, offset: int = 0) -> list[dict]:
    """Distinct articles (random characters: no two are near-duplicates), some in traditional script."""
    pool = "".join(dict.fromkeys(STORY + OTHER + "經濟發展學校醫院環境體育農業")).replace("，", "").replace("。", "")
    out = []
    for i in range(offset, offset + n):
        rng = random.Random(i)
        body = "。".join("".join(rng.choice(pool) for _ in range(30)) for _ in range(10))
        out.append(item(f"http://bulk.cn/{i}.html", body, title=f"标题{i}", content_hash=f"bulk-{i}"))
    return out


def _index(conn: sqlite3.Connection, table: str = "articles_fts") -> list[tuple]:
    """Every (term, rowid, column, offset) a search index holds: the contentless index keeps no text."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_vocab USING fts5vocab(main, {table}, 'instance')")
    return conn.execute(f"SELECT term, doc, col, offset FROM temp.{table}_vocab ORDER BY doc, col, offset").fetchall()


def _index_is_the_stored_text(conn: sqlite3.Connection) -> None:
    """The index holds exactly the shadows of the articles' stored titles and bodies (no stale tokens)."""
    conn.execute("CREATE VIRTUAL TABLE temp.expected USING fts5(title, body, tokenize = 'ascii')")
    conn.executemany("INSERT INTO temp.expected (rowid, title, body) VALUES (?, ?, ?)",
                     [(i, shadow(t), shadow(b)) for i, t, b in conn.execute("SELECT id, title, body FROM articles")])
    conn.execute("CREATE VIRTUAL TABLE temp.expected_vocab USING fts5vocab(temp, expected, 'instance')")
    expected = conn.execute("SELECT term, doc, col, offset FROM temp.expected_vocab ORDER BY doc, col, offset").fetchall()
    assert expected and _index(conn) == expected
    conn.execute("DROP TABLE temp.expected_vocab")
    conn.execute("DROP TABLE temp.expected")


def test_search_index_follows_every_change_of_the_text(archive: Archive) -> None:
    """New, updated, taken over by an earlier copy, re-extracted, updated without a title: no stale token."""
    conn = archive.db.conn
    archive.write_batch([item("http://x.cn/1.html", "苹果丰收，果农增收。", title="苹果丰收"),
                         item("http://b.cn/copy.html", "水库蓄水已经完成。", site="b.cn", published="2024-02-25")])
    archive.write_batch([item("http://x.cn/1.html", "梨子减产，果农发愁。", title="梨子减产", fetched_at="2024-03-03")])
    archive.write_batch([item("http://a.cn/orig.html", "水库蓄水已经完成。", site="a.cn", title="水库蓄水",
                              published="2024-02-24")])
    archive.replace_extraction(1, {"title": "梨子减产了", "body": "梨子减产，果农发愁，价格上涨。"})
    archive.write_batch([{k: v for k, v in item("http://x.cn/1.html", "梨子丰收。", fetched_at="2024-03-05").items()
                          if k != "title"}])
    _index_is_the_stored_text(conn)
    from archiver.search import search
    assert search(conn, "苹果") == [] and search(conn, "发愁") == []
    assert [h.url for h in search(conn, "梨子丰收")] == ["http://x.cn/1.html"]
    assert [h.url for h in search(conn, "梨子减产了")] == ["http://x.cn/1.html"]  # the stored title
    assert [h.url for h in search(conn, "蓄水")] == ["http://a.cn/orig.html"]


def test_search_index_is_rebuilt_when_text_folding_changed(tmp_path: Path) -> None:
    """An index built by another OpenCC (here: one that folded 梨 to 苹) is rebuilt on open, once."""
    archive = Archive(tmp_path / "a.db")
    archive.write_batch([item("http://x.cn/1.html", "梨子丰收，果农增收。", title="梨子丰收")])
    conn = archive.db.conn
    conn.execute("INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', 1, ?, ?)",
                 (shadow("梨子丰收"), shadow("梨子丰收，果农增收。")))
    conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (1, ?, ?)",
                 (shadow("苹子丰收"), shadow("苹子丰收，果农增收。")))
    conn.execute("UPDATE archive_meta SET value = 'another opencc' WHERE key = 'fold'")
    archive.close()
    archive = Archive(tmp_path / "a.db")
    conn = archive.db.conn
    try:
        _index_is_the_stored_text(conn)
        from archiver.search import search
        assert [h.url for h in search(conn, "梨子")] == ["http://x.cn/1.html"] and search(conn, "苹子") == []
        assert conn.execute("SELECT value FROM archive_meta WHERE key = 'fold'").fetchone()[0] != "another opencc"
    finally:
        archive.close()


def _derived(archive: Archive) -> tuple[list, list, list]:
    conn = archive.db.conn
    return (_index(conn),
            conn.execute("SELECT article_id, sig FROM minhash ORDER BY article_id").fetchall(),
            conn.execute("SELECT key, article_id FROM lsh ORDER BY key, article_id").fetchall())


def test_helper_process_prepares_large_batches_exactly_as_inline(tmp_path: Path) -> None:
    items = _bulk(300)
    items[7] = item("http://bulk.cn/bad.html", None, content_hash="bad")  # an item without body
    items[8] = {"url": "http://bulk.cn/broken.html", "fetched_at": "x", "body": 42, "content_hash": "broken"}
    results = []
    for helper in (False, True):
        archive = Archive(tmp_path / f"helper-{helper}.db", helper_process=helper)
        try:
            counts = archive.write_batch(items)
            counts2 = archive.write_batch(_bulk(250, offset=300) + items[:5])  # 5 unchanged in a large batch
            assert (archive._preparer.pool is not None) == helper
            results.append((counts, counts2, _derived(archive)))
        finally:
            archive.close()
    assert results[0] == results[1]
    assert results[0][0]["failed"] == 1 and results[0][0]["new"] == 299
    assert results[0][1]["unchanged"] == 5


def test_a_dead_helper_process_costs_nothing(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.db", helper_process=True)
    try:
        archive.write_batch(_bulk(200))
        assert archive._preparer.pool is not None
        for pid in list(archive._preparer.pool._processes):
            os.kill(pid, signal.SIGKILL)
        counts = archive.write_batch(_bulk(250, offset=200))
        assert counts["new"] == 250 and counts["failed"] == 0
        assert archive.count("minhash") == archive.count()
        assert archive.count("articles_fts") == archive.count()
    finally:
        archive.close()


def test_ctrl_c_to_the_process_group_does_not_reach_the_helper(tmp_path: Path) -> None:
    """The helper ignores SIGINT: the archive's process decides how to stop (the ingester finishes its batch)."""
    archive = Archive(tmp_path / "a.db", helper_process=True)
    try:
        archive.write_batch(_bulk(200))
        pool = archive._preparer.pool
        assert pool is not None
        pids = list(pool._processes)
        timers = [threading.Timer(delay, lambda: [os.kill(pid, signal.SIGINT) for pid in pids
                                                  if Path(f"/proc/{pid}").exists()])
                  for delay in (0.02, 0.1, 0.3)]  # while it prepares the next batch
        for timer in timers:
            timer.start()
        counts = archive.write_batch(_bulk(1500, offset=200))
        for timer in timers:
            timer.join()
        assert counts["new"] == 1500
        assert archive._preparer.pool is pool and all(Path(f"/proc/{pid}").exists() for pid in pids)  # still there
    finally:
        archive.close()
