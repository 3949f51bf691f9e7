"""Read-only views of the archive for the CLI: stats, duplicate clusters, streaming export."""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from typing import IO, Any, Iterator

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
        "per_day": [dict(zip(("day", "articles"), r)) for r in conn.execute(
            "SELECT substr(published, 1, 10) AS day, count(*) FROM articles "
            "WHERE day >= date('now', '-30 days') GROUP BY day ORDER BY day")],
        "runs": [dict(zip(("id", "started_at", "finished_at", "status", "pages", "new", "errors"), r))
                 for r in conn.execute("SELECT id, started_at, finished_at, status, pages_fetched, articles_new, "
                                       "errors FROM runs ORDER BY id DESC LIMIT 5")],
    }


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


def _rows(conn: sqlite3.Connection, site: str | None, since: str | None) -> Iterator[dict[str, Any]]:
    where, args = article_filters("", site, since)
    sql = f"SELECT {', '.join(EXPORT_COLUMNS)} FROM articles {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY id"
    for row in conn.execute(sql, args):  # the cursor streams: constant memory
        record = dict(zip(EXPORT_COLUMNS, row))
        for key in JSON_LIST_COLUMNS:
            record[key] = json.loads(record[key]) if record[key] else []
        yield record


def export(conn: sqlite3.Connection, fmt: str, out: IO[str] | str, site: str | None = None,
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
        writer = None
        chunk: list[dict[str, Any]] = []
        for record in rows:
            chunk.append({k: (json.dumps(v, ensure_ascii=False) if k in JSON_LIST_COLUMNS else v)
                          for k, v in record.items()})
            if len(chunk) >= batch:
                table = pa.Table.from_pylist(chunk)
                writer = writer or pq.ParquetWriter(str(out), table.schema)
                writer.write_table(table)
                n += len(chunk)
                chunk = []
        if chunk or writer is None:
            table = pa.Table.from_pylist(chunk) if chunk else pa.table({c: [] for c in EXPORT_COLUMNS})
            writer = writer or pq.ParquetWriter(str(out), table.schema)
            writer.write_table(table)
            n += len(chunk)
        writer.close()
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
