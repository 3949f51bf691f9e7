"""Archive schema and its migrations (PRAGMA user_version counts the steps applied)."""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from typing import Any, Callable

from .dates import in_china_time
from .dedup import band_keys, from_blob, signature, to_blob
from .search import shadow
from .text import fold

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


def unindex_search(conn: sqlite3.Connection, row_id: int) -> None:
    """Take an article's tokens out of the search index before its title or body changes.

    The index is contentless (V13): it keeps no copy of the shadows, so FTS5 needs the shadow the row
    was indexed with, rebuilt here from the stored text (every change of ``shadow`` rebuilds the index).
    """
    old = conn.execute("SELECT title, body FROM articles WHERE id = ?", (row_id,)).fetchone()
    if old:
        conn.execute("INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                     (row_id, shadow(old[0]), shadow(old[1])))


def _index_existing(conn: sqlite3.Connection) -> None:
    for row_id, title, body in conn.cursor().execute("SELECT id, title, body FROM articles"):  # streamed
        conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", (row_id, shadow(title), shadow(body)))


V3 = """
CREATE TABLE minhash (article_id INTEGER PRIMARY KEY REFERENCES articles(id), sig BLOB NOT NULL);
CREATE TABLE lsh_bands (band INTEGER NOT NULL, key INTEGER NOT NULL, article_id INTEGER NOT NULL);
CREATE INDEX lsh_bands_lookup ON lsh_bands(band, key);
CREATE INDEX lsh_bands_article ON lsh_bands(article_id);
"""


def index_near_duplicates(conn: sqlite3.Connection, article_id: int, body: str | None,
                          sig: Any = None, fresh: bool = False, keys: list[int] | None = None) -> None:
    """(Re)write an article's MinHash signature (given, or computed from ``body``) and LSH band keys."""
    if not fresh:
        stored = conn.execute("SELECT sig FROM minhash WHERE article_id = ?", (article_id,)).fetchone()
        if stored:
            conn.executemany("DELETE FROM lsh WHERE key = ? AND article_id = ?",
                             [(key, article_id) for key in band_keys(from_blob(stored[0]))])
            conn.execute("DELETE FROM minhash WHERE article_id = ?", (article_id,))
    if sig is None:
        sig = signature(body)
    if sig is None:
        return
    conn.execute("INSERT INTO minhash (article_id, sig) VALUES (?, ?)", (article_id, to_blob(sig)))
    conn.executemany("INSERT OR IGNORE INTO lsh (key, article_id) VALUES (?, ?)",
                     [(key, article_id) for key in (keys or band_keys(sig))])


def _sign_existing(conn: sqlite3.Connection) -> None:
    for row_id, body in conn.execute("SELECT id, body FROM articles").fetchall():
        index_near_duplicates(conn, row_id, body, fresh=True)


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


# One-permutation MinHash (new signatures) and one LSH key column with the band hashed in: a WITHOUT
# ROWID table is 1 B-tree insert per band instead of 3 (row + two indexes), and half the bytes.
# The search index moves to FTS5's ascii tokenizer (the shadow is space-separated tokens already), and
# merges its segments 8 at a time instead of 4: inserts 20% cheaper at 40k articles, queries as fast.
V8 = """
DROP TABLE lsh_bands;
DELETE FROM minhash;
CREATE TABLE lsh (key INTEGER NOT NULL, article_id INTEGER NOT NULL, PRIMARY KEY (key, article_id)) WITHOUT ROWID;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize = 'ascii');
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
"""


def _rebuild_derived(conn: sqlite3.Connection) -> None:
    _index_existing(conn)
    _sign_existing(conn)


# Shadows keep letter/digit chunks apart ("19.1" no longer matches "19个…1万"): rebuild the search index.
V9 = "DELETE FROM articles_fts;"
# Shadows keep Han runs apart ("该公司，司法机关" no longer matches 公司法) and index 〇 and the
# supplementary-plane characters (嗰, 𠮷): rebuild the search index.
V10 = V9
# Shadows hold each Han character once, not at every occurrence (a third fewer tokens to index and
# store), and split letters from digits (Mate finds Mate60): rebuild the search index.
V12 = V9
# The search index keeps no copy of the shadows it indexes (content=''): 11 KB less per article (the
# shadows were 10 KB of text) and inserts ~10% cheaper. It holds up to 32 MB of new tokens in memory
# (1 MB by default) before writing a segment: a batch of 500 articles (~20 MB) becomes one segment
# at COMMIT instead of ~20 small ones to merge (FTS5 alone, bench/fts_layouts.py: 2,879 -> 3,693/s). Later
# migrations that rebuild it empty it with the 'delete-all' command (a contentless table refuses DELETE).
V13 = """
CREATE TABLE archive_meta (key TEXT PRIMARY KEY, value TEXT);
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize = 'ascii', content = '');
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 33554432);
"""


def _published_in_china_time(conn: sqlite3.Connection) -> None:
    """Publish times stored with another zone move to +08:00: one clock for ordering and date filters."""
    rows = conn.execute("SELECT id, published FROM articles WHERE length(published) > 19 "
                        "AND substr(published, -6) != '+08:00'").fetchall()
    conn.executemany("UPDATE articles SET published = ? WHERE id = ?", [(in_china_time(p), i) for i, p in rows])


# Every character the shadows fold: Latin, Greek, Cyrillic, the Han blocks, full-width forms.
_FOLD_PROBE = ((0x20, 0x250), (0x370, 0x530), (0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0xFF00, 0xFFF0))


@functools.cache
def fold_fingerprint() -> str:
    """A digest of what ``fold`` makes of each character: it changes with OpenCC's tables or Python's Unicode."""
    return hashlib.sha1(fold("".join(chr(c) for lo, hi in _FOLD_PROBE for c in range(lo, hi))).encode()).hexdigest()


def refresh_search_index(conn: sqlite3.Connection) -> bool:
    """Rebuild the search index if text folding changed since it was built; True if it was rebuilt.

    Queries are folded by the running code, so after an OpenCC upgrade an old index would miss what
    the conversion now gives, and removing a row's tokens (contentless index) would name other tokens
    than were indexed. ~4 ms to check; the rebuild runs once, in one transaction.
    """
    current = fold_fingerprint()
    if conn.execute("SELECT value FROM archive_meta WHERE key = 'fold'").fetchone() == (current,):
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        stored = conn.execute("SELECT value FROM archive_meta WHERE key = 'fold'").fetchone()
        # None: migration 13 has just built the index with this folding.
        rebuild = stored is not None and stored[0] != current
        if rebuild:
            conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
            _index_existing(conn)
        conn.execute("INSERT OR REPLACE INTO archive_meta (key, value) VALUES ('fold', ?)", (current,))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return rebuild


# Index i upgrades schema version i -> i + 1: SQL, plus an optional Python step run in the same transaction.
MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None] | None]] = [
    (V1, None), (V2, _index_existing), (V3, None), (V4, None), (V5, None), (V6, None),  # V3's signatures: V8
    ("SELECT 1;", _reindex_search), (V8, _rebuild_derived), (V9, _index_existing), (V10, _index_existing),
    ("SELECT 1;", _published_in_china_time), (V12, _index_existing),
    (V13, _index_existing)]
