"""Read-only views of the archive for the CLI: stats, duplicate clusters, streaming export."""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from datetime import datetime, timedelta
from typing import IO, Any, Iterator

from .dates import CHINA_TZ
from .exceptions import UsageError
from .search import article_filters

EXPORT_COLUMNS = ("id", "url", "site", "title", "byline", "authors", "source", "editor", "published", "body",
                  "captions", "keywords", "lang", "script", "charset", "fetched_at", "content_hash", "gone_at")
JSON_LIST_COLUMNS = ("authors", "captions", "keywords")


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Per-site counts, articles per day (last 30 days), duplicate share, gone articles, last runs."""
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    copies = conn.execute("SELECT count(*) FROM duplicates").fetchone()[0]
    return {
        "articles": articles,
        "linked_copies": copies,
        "duplicate_share": round(copies / (articles + copies), 4) if articles + copies else 0.0,
        "gone": conn.execute("SELECT count(*) FROM articles WHERE gone_at IS NOT NULL").fetchone()[0],
        "sites": [dict(zip(("site", "name", "articles", "last_crawl"), r)) for r in conn.execute(
            "SELECT a.site, s.name, count(*), s.last_crawl FROM articles a LEFT JOIN sites s ON s.site = a.site "
            "GROUP BY a.site ORDER BY count(*) DESC")],
        "per_day": per_day(conn),
        "runs": [dict(zip(("id", "started_at", "finished_at", "status", "pages", "new", "errors"), r))
                 for r in conn.execute("SELECT id, started_at, finished_at, status, pages_fetched, articles_new, "
                                       "errors FROM runs ORDER BY id DESC LIMIT 5")],
    }


def per_day(conn: sqlite3.Connection, days: int = 30) -> list[dict[str, Any]]:
    """Articles published on each of the last ``days`` days up to today (China time), days without any included."""
    today = datetime.now(CHINA_TZ).date()
    first = today - timedelta(days=days - 1)
    counts = dict(conn.execute(
        "SELECT substr(published, 1, 10) AS day, count(*) FROM articles WHERE day BETWEEN ? AND ? GROUP BY day",
        (first.isoformat(), today.isoformat())).fetchall())
    return [{"day": d.isoformat(), "articles": counts.get(d.isoformat(), 0)}
            for d in (first + timedelta(days=i) for i in range(days))]


def clusters(conn: sqlite3.Connection, limit: int = 50) -> list[dict[str, Any]]:
    """Syndication clusters: each origin article with its linked copies."""
    out = []
    for origin_id, url, title, published, n in conn.execute(
            "SELECT a.id, a.url, a.title, a.published, count(d.id) FROM duplicates d JOIN articles a "
            "ON a.id = d.article_id GROUP BY a.id ORDER BY count(d.id) DESC, a.published LIMIT ?", (limit,)):
        copies = [dict(zip(("url", "site", "similarity", "fetched_at"), r)) for r in conn.execute(
            "SELECT url, site, similarity, fetched_at FROM duplicates WHERE article_id = ? ORDER BY fetched_at",
            (origin_id,))]
        out.append({"id": origin_id, "url": url, "title": title, "published": published, "copies": copies})
    return out


def _rows(conn: sqlite3.Connection, site: str | list[str] | None, since: str | None) -> Iterator[dict[str, Any]]:
    where, args = article_filters("", site, since)
    sql = f"SELECT {', '.join(EXPORT_COLUMNS)} FROM articles {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY id"
    for row in conn.execute(sql, args):  # the cursor streams: constant memory
        record = dict(zip(EXPORT_COLUMNS, row))
        for key in JSON_LIST_COLUMNS:
            record[key] = (json.loads(record[key]) if record[key] else None) or []  # "null" reads as no entries
        yield record


def export(conn: sqlite3.Connection, fmt: str, out: IO[str] | str, site: str | list[str] | None = None,
           since: str | None = None, batch: int = 1000) -> int:
    """Write articles as jsonl, csv or parquet; returns the number written."""
    rows = _rows(conn, site, since)
    n = 0
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise UsageError("parquet export needs pyarrow: pip install 'portal-archiver[parquet]'") from exc
        # One schema for every batch: types guessed per batch differ where a column is empty in one
        # batch and filled in the next (byline, editor, gone_at), and the writer refuses the second.
        schema = pa.schema([(c, pa.int64() if c == "id" else pa.list_(pa.string()) if c in JSON_LIST_COLUMNS
                             else pa.string()) for c in EXPORT_COLUMNS])
        with pq.ParquetWriter(str(out), schema) as writer:
            chunk: list[dict[str, Any]] = []
            for record in rows:
                chunk.append(record)
                if len(chunk) >= batch:
                    writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                    n += len(chunk)
                    chunk = []
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
        return n
    stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        if fmt == "jsonl":
            for record in rows:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
        elif fmt == "csv":
            writer_csv = csv.DictWriter(stream, fieldnames=EXPORT_COLUMNS)
            writer_csv.writeheader()
            for record in rows:
                writer_csv.writerow({k: ("|".join(v) if k in JSON_LIST_COLUMNS else v) for k, v in record.items()})
                n += 1
        else:
            raise UsageError(f"unknown export format {fmt!r}: use jsonl, csv or parquet")
    finally:
        if stream is not sys.stdout:
            stream.close()
    return n
