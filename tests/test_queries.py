"""Analysts' read views: export formats over real archives, the per-day figures, --site resolution."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from archiver.dates import CHINA_TZ
from archiver.queries import export, stats
from archiver.store import Archive

from .conftest import distinct_sentences


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "archiver.cli", *args], capture_output=True, text=True, timeout=120)




def _text(seed: int) -> str:
    return "".join(distinct_sentences(seed)) + "经济发展。"


def _article(i: int, **extra: object) -> dict:
    return {"url": f"http://news.example.cn/a/{i}.html", "title": f"第{i}条新闻标题", "site": "news.example.cn",
            "body": _text(i), "fetched_at": "2024-05-20T10:00:00+08:00",
            "published": "2024-05-20T09:00:00+08:00", **extra}


def test_parquet_export_keeps_one_schema_when_a_column_is_empty_in_early_batches(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    db = tmp_path / "a.db"
    archive = Archive(db)
    # the first 1,200 articles have no byline or editor; the next 300 have them (a batch is 1,000 rows)
    archive.write_batch([_article(i) for i in range(1200)])
    archive.write_batch([_article(i, byline="记者 张三", editor="李四", authors=["张三"]) for i in range(1200, 1500)])
    n = export(archive.db.conn, "parquet", str(tmp_path / "out.parquet"))
    archive.close()
    table = pq.read_table(tmp_path / "out.parquet")
    assert n == table.num_rows == 1500
    assert str(table.schema.field("byline").type) == "string" and str(table.schema.field("id").type) == "int64"
    rows = table.to_pylist()
    assert rows[0]["byline"] is None and rows[0]["authors"] == []
    assert rows[-1]["byline"] == "记者 张三" and rows[-1]["authors"] == ["张三"]


def test_empty_parquet_export_has_typed_columns(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    archive = Archive(tmp_path / "a.db")
    n = export(archive.db.conn, "parquet", str(tmp_path / "out.parquet"), site="nowhere.example")
    archive.close()
    schema = pq.read_schema(tmp_path / "out.parquet")
    assert n == 0 and str(schema.field("title").type) == "string" and str(schema.field("keywords").type) == "list<element: string>"


def test_csv_and_jsonl_export_read_a_stored_null_list_as_empty(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.db")
    archive.write_batch([_article(1)])
    archive.db.conn.execute("UPDATE articles SET authors = 'null', keywords = NULL")  # as older writers left them
    export(archive.db.conn, "csv", str(tmp_path / "out.csv"))
    export(archive.db.conn, "jsonl", str(tmp_path / "out.jsonl"))
    archive.close()
    row = next(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert row["authors"] == "" and row["title"] == "第1条新闻标题"
    record = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert record["authors"] == [] and record["keywords"] == []


def test_per_day_covers_the_last_30_days_up_to_today_only(tmp_path: Path) -> None:
    today = datetime.now(CHINA_TZ).date()
    days = {-40: 1, -29: 2, -3: 1, 0: 3, 1: 1, 400: 1}  # offset from today -> articles published that day
    archive = Archive(tmp_path / "a.db")
    i = 0
    for offset, count in days.items():
        day = (today + timedelta(days=offset)).isoformat()
        archive.write_batch([_article(i + k, published=f"{day}T08:00:00+08:00") for k in range(count)])
        i += count
    figures = stats(archive.db.conn)
    archive.close()
    per_day = figures["per_day"]
    assert len(per_day) == 30 and per_day[-1]["day"] == today.isoformat()
    assert per_day[0]["day"] == (today - timedelta(days=29)).isoformat()
    assert sum(d["articles"] for d in per_day) == 6  # -29, -3 and today; not -40, tomorrow or next year
    assert per_day[-1]["articles"] == 3 and per_day[0]["articles"] == 2
    text = run("stats", "--db", str(tmp_path / "a.db")).stdout
    assert "published in the last 30 days: 6" in text and f"{today.isoformat()}      3" in text


def test_site_takes_a_site_key_in_any_case_with_www_or_a_registry_name(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    registry = tmp_path / "sites.toml"
    registry.write_text('[[site]]\nname = "ex"\nstart_urls = ["https://www.news.example.cn/"]\n', encoding="utf-8")
    archive = Archive(db)
    archive.write_batch([_article(1), {**_article(2), "url": "http://other.example.cn/a/2.html", "site": "other.example.cn"}])
    archive.close()
    by_key = run("export", "--db", str(db), "--site", "WWW.News.Example.cn", "--out", str(tmp_path / "k.jsonl"))
    by_name = run("search", "经济", "--db", str(db), "--site", "ex", "--sites", str(registry), "--json")
    assert by_key.returncode == 0 and "1 articles written" in by_key.stdout
    assert [json.loads(line)["url"] for line in by_name.stdout.splitlines()] == ["http://news.example.cn/a/1.html"]


def test_publish_times_in_other_zones_sort_and_filter_on_china_time(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.db")
    archive.write_batch([
        _article(1, published="2024-05-09T01:00:00+08:00"),
        _article(2, published="2024-05-08T23:30:00Z"),        # 2024-05-09 07:30 in China: the newer one
        _article(3, published="2024-05-08T12:00:00-05:00"),   # 2024-05-09 01:00 in China
        _article(4, published="2024-05-08"),
    ])
    rows = dict(archive.db.conn.execute("SELECT url, published FROM articles"))
    archive.close()
    assert rows["http://news.example.cn/a/2.html"] == "2024-05-09T07:30:00+08:00"
    assert rows["http://news.example.cn/a/3.html"] == "2024-05-09T01:00:00+08:00"
    assert rows["http://news.example.cn/a/4.html"] == "2024-05-08"
    hits = run("search", "经济发展", "--db", str(tmp_path / "a.db"), "--since", "2024-05-09", "--json")
    assert [json.loads(line)["url"][-6:] for line in hits.stdout.splitlines()] == ["2.html", "3.html", "1.html"]


def test_migration_moves_stored_publish_times_to_china_time(tmp_path: Path) -> None:
    import sqlite3

    from archiver.schema import MIGRATIONS

    db = tmp_path / "a.db"
    conn = sqlite3.connect(db, isolation_level=None)  # an archive written before migration 11 kept the page's zone
    for sql, _ in MIGRATIONS[:10]:
        conn.executescript(sql)
    conn.execute("PRAGMA user_version = 10")
    conn.execute("INSERT INTO articles (url, title, body, published) VALUES (?, ?, ?, ?)",
                 ("http://news.example.cn/a/1.html", "标题", _text(1), "2024-05-08T23:30:00+00:00"))
    conn.close()
    archive = Archive(db)
    assert archive.db.conn.execute("SELECT published FROM articles").fetchone()[0] == "2024-05-09T07:30:00+08:00"
    archive.close()


def test_export_into_a_closed_pipe_and_hit_counts_and_sites_outside_the_registry(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    archive = Archive(db)
    archive.write_batch([_article(i) for i in range(300)])
    archive.close()
    piped = subprocess.run(f"{sys.executable} -m archiver.cli export --db {db} --out - | head -1", shell=True,
                           capture_output=True, text=True, timeout=120, executable="/bin/bash")
    status = subprocess.run(f"set -o pipefail; {sys.executable} -m archiver.cli export --db {db} --out - | head -1 "
                            ">/dev/null", shell=True, timeout=120, executable="/bin/bash", capture_output=True, text=True)
    assert json.loads(piped.stdout)["id"] == 1 and status.returncode == 0 and status.stderr == ""
    assert run("search", "经济发展", "--db", str(db), "--limit", "5").stdout.splitlines()[-1] == \
        "5 hit(s) (the newest 5: --limit for more)"
    listing = run("sites", "--db", str(db)).stdout
    assert "also in the archive: 1 sites not in the registry" in listing and "news.example.cn" in listing


def test_a_publish_time_at_the_ends_of_the_calendar_is_stored_as_written(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.db")  # converting it to +08:00 overflowed and cost the whole batch
    counts = archive.write_batch([_article(1, published="9999-12-31T23:00:00-05:00"), _article(2)])
    rows = dict(archive.db.conn.execute("SELECT url, published FROM articles"))
    archive.close()
    assert counts["new"] == 2 and rows["http://news.example.cn/a/1.html"] == "9999-12-31T23:00:00-05:00"


def test_site_given_as_a_host_with_a_slash(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.db")
    archive.write_batch([_article(1)])
    archive.close()
    result = run("search", "经济发展", "--db", str(tmp_path / "a.db"), "--site", "news.example.cn/")
    assert result.returncode == 0 and result.stdout.endswith("1 hit(s)\n")
