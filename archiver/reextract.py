"""Re-run the current extractor over the stored WARC records, without network."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from .extract import extract
from .records import append_page, article_item
from .store import Archive
from .warc import read_response

logger = logging.getLogger(__name__)
# Columns a re-extraction may change (URL, site, capture and crawl times stay).
EXTRACTED = ("title", "byline", "authors", "photographers", "source", "editor", "published", "published_raw", "body",
             "captions", "caption_images", "images", "keywords", "lang", "script", "site_name", "charset",
             "charset_source", "flags", "extractor_version")


def _rebuild(warc_dir: Path, url: str, records: list[list[Any]], fetched_at: str) -> dict[str, Any]:
    first_url, headers, body = read_response(warc_dir / records[0][0], records[0][1])
    item = article_item(extract(body, first_url or url, headers), url, fetched_at, tuple(records[0]))
    for name, offset in records[1:]:
        page_url, headers, body = read_response(warc_dir / name, offset)
        append_page(item, extract(body, page_url, headers), page_url, (name, offset))
    return item


def reextract(archive: Archive, warc_dir: Path, since: str | None = None) -> dict[str, int]:
    """Re-extract articles fetched on or after ``since``; returns counts: seen, changed, missing (WARC unreadable)."""
    from pipelines.normalize import content_hash

    conn = archive.db.conn
    sql = "SELECT id, url, fetched_at, warc_records, " + ", ".join(EXTRACTED) + " FROM articles " \
          "WHERE warc_records IS NOT NULL AND warc_records != '[]'" + (" AND fetched_at >= ?" if since else "")
    counts = {"seen": 0, "changed": 0, "missing": 0}
    for row in conn.execute(sql, [since] if since else []).fetchall():
        counts["seen"] += 1
        article_id, url, fetched_at, records = row[0], row[1], row[2], json.loads(row[3])
        try:
            item = _rebuild(warc_dir, url, records, fetched_at)
        except (OSError, ValueError) as exc:
            logger.warning("cannot re-read %s from WARC: %s", url, exc)
            counts["missing"] += 1
            continue
        item["content_hash"] = content_hash(item.get("body"))
        old = dict(zip(EXTRACTED, row[4:]))
        new = {k: (json.dumps(item.get(k), ensure_ascii=False) if isinstance(item.get(k), list) else item.get(k))
               for k in EXTRACTED}
        if new != old:
            archive.replace_extraction(article_id, {**new, "content_hash": item["content_hash"]})
            counts["changed"] += 1
    return counts
