"""The SQLite archive: schema, migrations, batched writes, runs."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

from .exceptions import StorageError

DEFAULT_DB = Path("data") / "archive.db"
BUSY_TIMEOUT_MS = 10_000
JSON_COLUMNS = ("authors", "photographers", "captions", "caption_images", "images", "keywords", "flags", "page_urls")
ARTICLE_COLUMNS = frozenset(
    "id url site title byline authors photographers source editor published published_raw body captions "
    "caption_images images keywords lang script site_name charset charset_source flags page_urls fetched_at "
    "first_seen last_seen content_hash extractor_version".split())


def default_db_path() -> Path:
    """``$ARCHIVER_DB`` or ``data/archive.db``."""
    return Path(os.environ.get("ARCHIVER_DB") or DEFAULT_DB)


def now_iso() -> str:
    """Current UTC time, ISO 8601 to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


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
MIGRATIONS = [V1]  # index i upgrades schema version i -> i + 1


def _published_earlier(a: str | None, b: str | None) -> bool:
    """True when ``a`` is a strictly earlier day-or-time than ``b`` (unknown dates never win)."""
    if not a or not b:
        return False
    return a[:16] < b[:16] if a[:10] == b[:10] else a[:10] < b[:10]


class Archive:
    """One open archive database. Writes go through :meth:`write_batch` in one transaction each."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            self.db = sqlite_utils.Database(conn)
            self._migrate()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StorageError(f"cannot open archive {self.path}: {exc}") from exc

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version, len(MIGRATIONS)):
            # One script per step, atomic: a killed upgrade leaves the old version intact.
            self.db.conn.executescript(f"BEGIN; {MIGRATIONS[step]} PRAGMA user_version = {step + 1}; COMMIT;")

    def close(self) -> None:
        """Close the connection."""
        self.db.conn.close()

    # --- runs -----------------------------------------------------------------
    def start_run(self, start_urls: Iterable[str]) -> int:
        """Insert a ``runs`` row in state "running"; returns its id."""
        with self.db.conn:
            return int(self.db["runs"].insert({"started_at": now_iso(), "start_urls": json.dumps(list(start_urls)),
                                               "pid": os.getpid(), "status": "running"}).last_pk)

    def finish_run(self, run_id: int, **fields: Any) -> None:
        """Close a run row with its counts and status."""
        with self.db.conn:
            self.db["runs"].update(run_id, {"finished_at": now_iso(), **fields})

    def run(self, run_id: int) -> dict[str, Any]:
        """One runs row as a dict."""
        return dict(self.db["runs"].get(run_id))

    # --- articles -------------------------------------------------------------
    def write_batch(self, items: list[dict[str, Any]]) -> dict[str, int]:
        """Store normalised article dicts in one transaction.

        Returns counts: new, updated (same URL, changed content), unchanged, duplicate
        (same content as another URL: recorded in ``duplicates`` and linked, not stored twice).
        """
        counts = {"new": 0, "updated": 0, "unchanged": 0, "duplicate": 0}
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for item in items:
                    counts[self._write_one(item)] += 1
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot write to archive {self.path}: {exc}") from exc
        return counts

    def _write_one(self, item: dict[str, Any]) -> str:
        row = {k: (json.dumps(v, ensure_ascii=False) if k in JSON_COLUMNS else v)
               for k, v in item.items() if k in ARTICLE_COLUMNS and k != "id"}
        conn = self.db.conn
        existing = conn.execute("SELECT id, content_hash FROM articles WHERE url = ?", (row["url"],)).fetchone()
        if existing:
            if existing[1] == row.get("content_hash"):
                conn.execute("UPDATE articles SET last_seen = ? WHERE id = ?", (row["fetched_at"], existing[0]))
                return "unchanged"
            row["last_seen"] = row["fetched_at"]
            sets = ", ".join(f"[{k}] = ?" for k in row)
            conn.execute(f"UPDATE articles SET {sets} WHERE id = ?", [*row.values(), existing[0]])
            return "updated"
        twin = conn.execute("SELECT id, url, site, title, published, fetched_at FROM articles "
                            "WHERE content_hash = ? ORDER BY id LIMIT 1", (row.get("content_hash"),)).fetchone()
        if twin:
            kept_id, copy = twin[0], row
            if _published_earlier(row.get("published"), twin[4]):
                # The new page is the origin: it takes over the article row, the old one becomes the copy.
                sets = ", ".join(f"[{k}] = ?" for k in row)
                conn.execute(f"UPDATE articles SET {sets}, first_seen = ?, last_seen = ? WHERE id = ?",
                             [*row.values(), row["fetched_at"], row["fetched_at"], kept_id])
                copy = {"url": twin[1], "site": twin[2], "title": twin[3], "fetched_at": twin[5],
                        "content_hash": row.get("content_hash")}
            conn.execute("INSERT OR REPLACE INTO duplicates (url, site, article_id, similarity, title, content_hash, "
                         "fetched_at) VALUES (?, ?, ?, 1.0, ?, ?, ?)",
                         (copy["url"], copy.get("site"), kept_id, copy.get("title"), copy.get("content_hash"),
                          copy["fetched_at"]))
            return "duplicate"
        row["first_seen"] = row["last_seen"] = row["fetched_at"]
        cols = ", ".join(f"[{k}]" for k in row)
        conn.execute(f"INSERT INTO articles ({cols}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
        return "new"

    def count(self, table: str = "articles") -> int:
        """Row count of a table."""
        return int(self.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
