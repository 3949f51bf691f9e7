"""Archive schema and its migrations (PRAGMA user_version counts the steps applied)."""

from __future__ import annotations

import sqlite3
from typing import Any, Callable

from .dedup import band_keys, signature, to_blob
from .search import shadow

V1 = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, site TEXT, title TEXT, byline TEXT,
    authors TEXT, photographers TEXT, source TEXT, editor TEXT, published TEXT, published_raw TEXT,
    body TEXT, captions TEXT, caption_images TEXT, images TEXT, keywords TEXT, lang TEXT, script TEXT,
    site_name TEXT, charset TEXT, charset_source TEXT, flags TEXT, page_urls TEXT, fetched_at TEXT,
    first_seen TEXT, last_seen TEXT, content_hash TEXT, extractor_version TEXT
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_site_published ON articles(site, published);
CREATE TABLE duplicates (
    id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, site TEXT,
    article_id INTEGER REFERENCES articles(id), similarity REAL, title TEXT, content_hash TEXT, fetched_at TEXT
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY, started_at TEXT, finished_at TEXT, start_urls TEXT, pid INTEGER,
    pages_fetched INTEGER, articles_new INTEGER, articles_updated INTEGER, articles_unchanged INTEGER,
    articles_duplicate INTEGER, dropped INTEGER, errors INTEGER, status TEXT, exit_code INTEGER, reason TEXT
);
"""
V2 = """
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0');
CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id), title TEXT, body TEXT,
    content_hash TEXT, fetched_at TEXT, superseded_at TEXT
);
CREATE INDEX article_versions_article ON article_versions(article_id);
CREATE TABLE sites (
    site TEXT PRIMARY KEY, name TEXT, hosts TEXT, icp TEXT, police_record TEXT, copyright TEXT, contact TEXT,
    first_crawl TEXT, last_crawl TEXT, article_count INTEGER DEFAULT 0
);
ALTER TABLE articles ADD COLUMN gone_at TEXT;
ALTER TABLE articles ADD COLUMN http_status INTEGER;
"""


def _index_existing(conn: sqlite3.Connection) -> None:
    for row_id, title, body in conn.execute("SELECT id, title, body FROM articles").fetchall():
        conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", (row_id, shadow(title), shadow(body)))


V3 = """
CREATE TABLE minhash (article_id INTEGER PRIMARY KEY REFERENCES articles(id), sig BLOB NOT NULL);
CREATE TABLE lsh_bands (band INTEGER NOT NULL, key INTEGER NOT NULL, article_id INTEGER NOT NULL);
CREATE INDEX lsh_bands_lookup ON lsh_bands(band, key);
CREATE INDEX lsh_bands_article ON lsh_bands(article_id);
"""


def index_near_duplicates(conn: sqlite3.Connection, article_id: int, body: str | None,
                          sig: Any = None, fresh: bool = False) -> None:
    """(Re)write an article's MinHash signature (given, or computed from ``body``) and LSH band keys."""
    if not fresh:
        conn.execute("DELETE FROM lsh_bands WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM minhash WHERE article_id = ?", (article_id,))
    if sig is None:
        sig = signature(body)
    if sig is None:
        return
    conn.execute("INSERT INTO minhash (article_id, sig) VALUES (?, ?)", (article_id, to_blob(sig)))
    conn.executemany("INSERT INTO lsh_bands (band, key, article_id) VALUES (?, ?, ?)",
                     [(band, key, article_id) for band, key in enumerate(band_keys(sig))])


def _sign_existing(conn: sqlite3.Connection) -> None:
    for row_id, body in conn.execute("SELECT id, body FROM articles").fetchall():
        index_near_duplicates(conn, row_id, body)


V4 = """
ALTER TABLE articles ADD COLUMN warc_file TEXT;
ALTER TABLE articles ADD COLUMN warc_offset INTEGER;
ALTER TABLE articles ADD COLUMN warc_records TEXT;
"""


V5 = """
CREATE TABLE url_aliases (url TEXT PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id), first_seen TEXT);
CREATE INDEX url_aliases_article ON url_aliases(article_id);
"""


# Search sorts every match by date: a covering index spares it reading whole article rows (3-4x faster).
V6 = """
CREATE INDEX articles_id_published ON articles(id, published, site);
"""


def _reindex_search(conn: sqlite3.Connection) -> None:
    """Shadows gained single-character tokens: rebuild the search index."""
    conn.execute("DELETE FROM articles_fts")
    _index_existing(conn)


# Index i upgrades schema version i -> i + 1: SQL, plus an optional Python step run in the same transaction.
MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None] | None]] = [
    (V1, None), (V2, _index_existing), (V3, _sign_existing), (V4, None), (V5, None), (V6, None),
    ("SELECT 1;", _reindex_search)]
