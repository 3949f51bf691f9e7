"""`archiver serve`: Datasette over the archive, read-only, with the archiver plugin and metadata."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from .exceptions import UsageError

SEARCH_SQL = """select a.id, a.published, a.site, a.title, archiver_snippet(a.body, :q) as snippet, a.url
from articles_fts join articles a on a.id = articles_fts.rowid
where articles_fts match archiver_match(:q)
order by a.published is null, a.published desc, a.id desc limit 100"""

COLUMNS = {
    "url": "Canonical URL of the article (page 1 of a split article)",
    "site": "Site key: the URL's host without www./m., with its port",
    "title": "Headline as shown, site suffix and pinyin annotations removed",
    "byline": "The raw byline text the names came from",
    "authors": "JSON list of writers (记者, 作者, 文, 通讯员), role words removed",
    "photographers": "JSON list of photo credits (摄, 图)",
    "source": "The 来源 outlet",
    "editor": "The 责任编辑 / 编辑 name",
    "published": "Publish time, ISO 8601 (+08:00 when the page gives no zone; date only when it shows no time)",
    "body": "The article, one paragraph per line, in the page's own script",
    "captions": "JSON list of image captions",
    "keywords": "JSON list of keywords",
    "charset": "Decoding used for the page",
    "flags": "JSON list of quality notes (pinyin_stripped, mojibake_repaired, garbled, no_date …)",
    "fetched_at": "When the page was fetched (UTC)",
    "gone_at": "When the article started answering 404/410 (it is kept)",
    "warc_file": "WARC file holding the raw capture (linked)",
    "warc_offset": "Offset of the capture's record in the WARC file",
    "warc_records": "JSON list of [file, offset] for every page of the article",
    "caption_images": "JSON list: the image URL each caption belongs to",
    "images": "JSON list of the body's image URLs",
    "published_raw": "The date text as found on the page",
    "lang": "Language from the page", "script": "hans (simplified) or hant (traditional)",
    "site_name": "Site name from og:site_name or the title suffix",
    "charset_source": "How the charset was decided: header, meta, detected, utf8-valid, bom",
    "page_urls": "JSON list of the pages the body was stitched from",
    "first_seen": "First fetch (UTC)", "last_seen": "Latest fetch (UTC)",
    "content_hash": "SHA-1 of the body reduced to letters and digits",
    "extractor_version": "Version of the extractor that produced the row",
    "http_status": "Status of the answer that marked the article gone",
}
TABLE_COLUMNS = {
    "duplicates": {"url": "URL of the copy", "site": "Site of the copy", "article_id": "The origin article",
                   "similarity": "1.0 for an identical body, lower for a near-duplicate (estimated Jaccard)",
                   "title": "Title of the copy", "content_hash": "Body hash of the copy",
                   "fetched_at": "When the copy was fetched"},
    "runs": {"started_at": "Start (UTC)", "finished_at": "End (UTC)", "start_urls": "JSON list of start URLs",
             "pid": "Process id of the crawl", "pages_fetched": "Pages fetched", "articles_new": "New articles",
             "articles_updated": "Articles whose content changed", "articles_unchanged": "Articles seen again unchanged",
             "articles_duplicate": "Copies linked to an origin", "dropped": "Pages dropped as not articles",
             "errors": "Failed fetches", "status": "running, ok, errors, failed or interrupted",
             "exit_code": "Exit code of the crawl", "reason": "Why the crawl stopped"},
    "sites": {"site": "Site key", "name": "Site name", "hosts": "JSON list of hosts seen",
              "icp": "ICP licence number", "police_record": "公网安备 record", "copyright": "Copyright line",
              "contact": "JSON list of contact lines", "first_crawl": "First crawl (UTC)",
              "last_crawl": "Latest crawl (UTC)", "article_count": "Articles stored"},
    "article_versions": {"article_id": "The article", "title": "Earlier title", "body": "Earlier body",
                         "content_hash": "Earlier body hash", "fetched_at": "When that text was fetched",
                         "superseded_at": "When a changed text replaced it"},
    "url_aliases": {"url": "A URL the article was reached by", "article_id": "The article",
                    "first_seen": "When that URL was first seen"},
}


def metadata(db_name: str) -> dict:
    """Datasette metadata: descriptions, facets and canned queries."""
    return {
        "title": "portal-archiver",
        "description": "Articles archived from Chinese regional news portals. Search works on 2-character words "
                       "and on both scripts (经济 finds 經濟).",
        "databases": {db_name: {
            "tables": {
                "articles": {"description": "One row per article (the origin of a syndicated story)",
                             "columns": COLUMNS, "facets": ["site", "source"], "facet_dates": ["published"],
                             "sort_desc": "published", "label_column": "title"},
                "duplicates": {"description": "Syndicated copies linked to their origin article, with similarity",
                               "columns": TABLE_COLUMNS["duplicates"]},
                "runs": {"description": "One row per crawl run: pages, new/updated/duplicate articles, errors, status",
                         "columns": TABLE_COLUMNS["runs"]},
                "sites": {"description": "Per site: name, hosts, ICP licence, 公网安备, copyright, contact, counts",
                          "columns": TABLE_COLUMNS["sites"]},
                "article_versions": {"description": "Earlier texts of articles that changed on a revisit",
                                     "columns": TABLE_COLUMNS["article_versions"]},
                "url_aliases": {"description": "Every URL an article was reached by",
                                "columns": TABLE_COLUMNS["url_aliases"]},
                "articles_fts": {"hidden": True}, "minhash": {"hidden": True}, "lsh": {"hidden": True},
            },
            "queries": {
                "search": {"title": "Search (Chinese, either script)", "sql": SEARCH_SQL,
                           "description": "Words separated by spaces must all appear; newest first."},
                "latest": {"title": "Latest articles",
                           "sql": "select id, published, site, title, source from articles "
                                  "order by published desc limit 100"},
                "clusters": {"title": "Syndication clusters",
                             "sql": "select a.id, a.title, a.published, a.url as origin, count(d.id) as copies, "
                                    "group_concat(d.url, ' ') as copy_urls from duplicates d join articles a "
                                    "on a.id = d.article_id group by a.id order by copies desc limit 100"},
                "by_author": {"title": "Articles by author",
                              "sql": "select a.id, a.published, a.title from articles a, json_each(a.authors) j "
                                     "where j.value = :author order by a.published desc"},
                "gone": {"title": "Gone articles (404/410 on revisit)",
                         "sql": "select id, gone_at, http_status, title, url from articles "
                                "where gone_at is not null order by gone_at desc"},
                "runs": {"title": "Crawl runs", "sql": "select * from runs order by id desc"},
            },
        }},
    }


def serve(db: Path, host: str, port: int) -> int:
    """Run Datasette until interrupted; returns its exit code."""
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise UsageError("serve needs Datasette: pip install 'portal-archiver[serve]'") from None
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: closed connections do not count
        try:
            probe.bind((host, port))
        except OSError as exc:  # Datasette would print a page of log and exit 3, the archive-locked code
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    with tempfile.TemporaryDirectory(prefix="archiver-serve-") as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(db.stem), ensure_ascii=False), "utf-8")
        plugins = Path(tmp) / "plugins"
        plugins.mkdir()
        (plugins / "archiver_plugin.py").write_text("from archiver.datasette_plugin import *  # noqa: F401,F403\n"
                                                    "from archiver.datasette_plugin import (prepare_connection,\n"
                                                    "    render_cell, register_routes)  # noqa: F401\n")
        # Read-only connections, not immutable ones: a crawl may be writing, and an immutable open
        # ignores the WAL (stale pages, "database disk image is malformed"). Immutable only where
        # nothing can write (read-only storage, where SQLite cannot make the -shm file).
        writable = os.access(db, os.W_OK) and os.access(db.parent, os.W_OK)
        cmd = [sys.executable, "-m", "datasette", "serve", *([str(db)] if writable else ["-i", str(db)]),
               "--host", host, "--port", str(port),
               "--metadata", str(meta), "--plugins-dir", str(plugins), "--setting", "sql_time_limit_ms", "3000"]
        proc = subprocess.Popen(cmd)
        # Stopping `archiver serve` (SIGTERM from a service manager, Ctrl-C) stops Datasette too.
        signal.signal(signal.SIGTERM, lambda signum, frame: proc.terminate())
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            proc.wait()
            return 0
