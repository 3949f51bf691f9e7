"""The SQLite archive: schema, migrations, batched writes, runs."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator

import sqlite_utils

from .exceptions import StorageError
from .dedup import SIMILARITY_THRESHOLD, from_blob, similarity
from .prepare import HELPER_MIN_TEXTS, Prepared, Preparer, prepare
from .dates import in_china_time
from .schema import MIGRATIONS, index_near_duplicates, refresh_search_index, unindex_search
from .search import shadow

logger = logging.getLogger(__name__)

DEFAULT_DB = Path("data") / "archive.db"
BUSY_TIMEOUT_MS = 10_000
JSON_COLUMNS = ("authors", "photographers", "captions", "caption_images", "images", "keywords", "flags", "page_urls",
                "warc_records")
ARTICLE_COLUMNS = frozenset(
    "id url site title byline authors photographers source editor published published_raw body captions "
    "caption_images images keywords lang script site_name charset charset_source flags page_urls fetched_at "
    "first_seen last_seen content_hash extractor_version warc_file warc_offset warc_records".split())


def default_db_path() -> Path:
    """``$ARCHIVER_DB`` or ``data/archive.db``."""
    return Path(os.environ.get("ARCHIVER_DB") or DEFAULT_DB)


def now_iso() -> str:
    """Current UTC time, ISO 8601 to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# Errors of one malformed item (not of the database): it is left out, its batch is kept.
BAD_ITEM = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError, KeyError, TypeError, ValueError)


def _published_earlier(a: str | None, b: str | None) -> bool:
    """True when ``a`` is strictly earlier than ``b``; unknown dates, or unknown times on the same day, never win."""
    if not a or not b:
        return False
    if a[:10] != b[:10]:
        return a[:10] < b[:10]
    return len(a) > 10 and len(b) > 10 and a[:16] < b[:16]


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed whole, or rolled back whole (COMMIT itself may fail on a full disk)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite has already rolled back after some errors (SQLITE_FULL)
            conn.execute("ROLLBACK")
        raise


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def _not_an_archive(version: int, tables: list[str]) -> str | None:
    """Why a database with this user_version and these tables is not an archive, or None (an archive, or new)."""
    if version == 0:
        return f"a SQLite database with other tables ({', '.join(tables[:5])})" if tables else None
    if not {"articles", "runs"} <= set(tables):  # another program's database that numbers its own schema
        return f"a SQLite database with other tables ({', '.join(tables[:5]) or 'none'})"
    return None


def check_archive(path: Path) -> None:
    """Raise StorageError unless ``path`` holds an archive (read without writing to it)."""
    from urllib.request import pathname2url

    if path.stat().st_size == 0:
        raise StorageError(f"{path} is an empty file, not an archive")
    conn = sqlite3.connect(f"file:{pathname2url(str(path.resolve()))}?mode=ro", uri=True)
    try:
        version, other = conn.execute("PRAGMA user_version").fetchone()[0], _tables(conn)
    except sqlite3.DatabaseError:
        return  # not a database, or not readable so here (a WAL archive in a read-only folder): opening it says why
    finally:
        conn.close()
    if reason := _not_an_archive(version, other) or ("an empty SQLite database" if version == 0 else None):
        raise StorageError(f"{path} is not an archive: {reason}")


class Archive:
    """One open archive database. Writes go through :meth:`write_batch` in one transaction each."""

    def __init__(self, path: str | os.PathLike[str], helper_process: bool | None = False, read_only: bool = False):
        """``helper_process``: prepare large batches in a second process (None: when there is a second core).

        Off by default: a spawned helper re-imports the caller's main script, which a library user's
        script without an ``if __name__ == "__main__"`` guard would run again. The ingester and the
        benchmark turn it on.

        ``read_only``: for an archive on read-only storage (queries only; it must be at the current schema).
        """
        self.path = Path(path)
        self._preparer = Preparer(helper_process)
        if read_only:
            self._open_read_only()
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if reason := _not_an_archive(conn.execute("PRAGMA user_version").fetchone()[0], _tables(conn)):
                conn.close()  # before WAL mode or a migration writes to another program's database
                raise StorageError(f"{self.path} is not an archive: {reason}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            if quota := int(os.environ.get("ARCHIVER_MAX_DB_BYTES") or 0):
                # A size cap behaves as a full disk does (SQLITE_FULL): the same error path, exit 4.
                page_size = conn.execute("PRAGMA page_size").fetchone()[0]
                conn.execute(f"PRAGMA max_page_count = {max(1, quota // page_size)}")
            self.db = sqlite_utils.Database(conn)
            self._migrate()
            if refresh_search_index(conn):
                logger.warning("search index of %s rebuilt: text folding changed (an OpenCC or Python upgrade)",
                               self.path)
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StorageError(f"cannot open archive {self.path}: {exc}") from exc

    def _open_read_only(self) -> None:
        from urllib.request import pathname2url

        uri = f"file:{pathname2url(str(self.path.resolve()))}"
        try:
            try:
                conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            except sqlite3.OperationalError:
                # A WAL archive in a folder we cannot write: no -shm file can be made, so read it as immutable.
                conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                wal = self.path.with_name(self.path.name + "-wal")
                if wal.exists() and wal.stat().st_size:
                    logger.warning("%s is read-only and has an uncheckpointed -wal file: its last changes are not "
                                   "seen (open it once where it can be written to checkpoint them)", self.path)
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot open archive {self.path} read-only: {exc}") from exc
        if version != len(MIGRATIONS):
            conn.close()
            raise StorageError(f"archive {self.path} is read-only and at schema {version}, not {len(MIGRATIONS)}: "
                               "open it once where it can be written to upgrade it")
        self.db = sqlite_utils.Database(conn)

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        conn = self.db.conn
        for step in range(version, len(MIGRATIONS)):
            sql, python_step = MIGRATIONS[step]
            # One transaction per step: a killed upgrade leaves the old version intact.
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("PRAGMA user_version").fetchone()[0] > step:  # another process upgraded meanwhile
                conn.execute("COMMIT")
                continue
            try:
                for statement in filter(str.strip, sql.split(";")):
                    conn.execute(statement)
                if python_step:
                    python_step(conn)
                conn.execute(f"PRAGMA user_version = {step + 1}")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection (and the helper process, if one was started)."""
        self._preparer.close()
        self.db.conn.close()

    # --- runs -----------------------------------------------------------------
    def start_run(self, start_urls: Iterable[str]) -> int:
        """Insert a ``runs`` row in state "running"; returns its id."""
        with self.db.conn:
            return int(self.db["runs"].insert({"started_at": now_iso(), "start_urls": json.dumps(list(start_urls)),
                                               "pid": os.getpid(), "status": "running"}).last_pk)

    def finish_run(self, run_id: int, **fields: Any) -> None:
        """Close a run row with its counts and status."""
        try:
            with self.db.conn:
                self.db["runs"].update(run_id, {"finished_at": now_iso(), **fields})
        except sqlite3.DatabaseError as exc:  # a full disk: the row stays "running" (the next run marks it)
            raise StorageError(f"cannot record the run in {self.path}: {exc}") from exc

    def run(self, run_id: int) -> dict[str, Any]:
        """One runs row as a dict."""
        return dict(self.db["runs"].get(run_id))

    # --- articles -------------------------------------------------------------
    def write_batch(self, items: list[dict[str, Any]]) -> dict[str, int]:
        """Store normalised article dicts in one transaction.

        Returns counts: new, updated (same URL, changed content), unchanged, duplicate (same or
        nearly the same content as another URL: linked in ``duplicates``, not stored twice), gone,
        skipped, and failed (a malformed item, logged and left out; the rest of its batch is kept).
        """
        counts = {"new": 0, "updated": 0, "unchanged": 0, "duplicate": 0, "gone": 0, "skipped": 0, "failed": 0}
        try:
            self._transaction(items, counts)
        except BAD_ITEM:
            # One bad item must not cost its batch: write them one by one, leaving out the bad one.
            counts = dict.fromkeys(counts, 0)
            for item in items:
                try:
                    self._transaction([item], counts)
                except BAD_ITEM as exc:
                    logger.error("cannot store %s: %s", item.get("url"), exc)
                    counts["failed"] += 1
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot write to archive {self.path}: {exc}") from exc
        return counts

    def _transaction(self, items: list[dict[str, Any]], counts: dict[str, int]) -> None:
        done = dict.fromkeys(counts, 0)
        with immediate(self.db.conn):
            prepared = self._prepare_ahead(items)
            for i, item in enumerate(items):
                done[self._write_one(item, prepared.pop(i)() if i in prepared else None)] += 1
        for key, n in done.items():
            counts[key] += n

    def _prepare_ahead(self, items: list[dict[str, Any]]) -> dict[int, Callable[[], Prepared]]:
        """Getters of the Prepared of a large batch's new or changed texts (unchanged pages need none)."""
        if not self._preparer.wanted or len(items) < HELPER_MIN_TEXTS:
            return {}
        stored = self._stored_hashes(items)
        todo = [i for i, item in enumerate(items) if item.get("kind") != "gone"
                and stored.get(item.get("url")) != item.get("content_hash")]
        return self._preparer.ahead(items, todo)

    def _stored_hashes(self, items: list[dict[str, Any]]) -> dict[str, str]:
        """URL -> stored content hash, for the batch's URLs already archived."""
        urls = list({item["url"] for item in items if isinstance(item.get("url"), str)})
        found: dict[str, str] = {}
        for start in range(0, len(urls), 500):  # under SQLite's bound-parameter limit
            chunk = urls[start : start + 500]
            found.update(self.db.conn.execute(
                f"SELECT url, content_hash FROM articles WHERE url IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def _write_one(self, item: dict[str, Any], prep: Prepared | None = None) -> str:
        if item.get("kind") == "gone":
            return self._mark_gone(item)
        row = {k: (json.dumps(v, ensure_ascii=False) if k in JSON_COLUMNS else v)
               for k, v in item.items() if k in ARTICLE_COLUMNS and k != "id"}
        if "published" in row:  # one clock for ordering and --since/--until (the raw text keeps the page's zone)
            row["published"] = in_china_time(row["published"])
        conn = self.db.conn
        self._note_site(item)
        existing = conn.execute("SELECT id, content_hash, title, body, fetched_at FROM articles WHERE url = ?",
                                (row["url"],)).fetchone()
        if existing:
            self._note_aliases(existing[0], item)
            if existing[1] == row.get("content_hash"):
                conn.execute("UPDATE articles SET last_seen = ?, gone_at = NULL WHERE id = ?",
                             (row["fetched_at"], existing[0]))
                return "unchanged"
            # Changed content: the old text goes to the history, the row takes the new one.
            prep = prep or prepare(item)
            conn.execute("INSERT INTO article_versions (article_id, title, body, content_hash, fetched_at, "
                         "superseded_at) VALUES (?, ?, ?, ?, ?, ?)",
                         (existing[0], existing[2], existing[3], existing[1], existing[4], row["fetched_at"]))
            row["last_seen"] = row["fetched_at"]
            self._update(existing[0], row, prep, fetched=True)
            index_near_duplicates(conn, existing[0], None, prep.sig, keys=prep.keys)
            return "updated"
        prep = prep or prepare(item)
        twin = self._same_body(row.get("content_hash"))
        similarity_found = 1.0
        if not twin:
            near = self._near_twin(prep)
            if near:
                similarity_found, twin = near
        if twin:
            kept_id, copy = twin[0], row
            if _published_earlier(row.get("published"), twin[4]):
                # The new page is the origin: it takes over the article row, the old one becomes the copy.
                old_hash = conn.execute("SELECT content_hash FROM articles WHERE id = ?", (kept_id,)).fetchone()[0]
                self._update(kept_id, {**row, "first_seen": row["fetched_at"], "last_seen": row["fetched_at"]},
                             prep, fetched=True)
                conn.execute("UPDATE sites SET article_count = article_count - 1 WHERE site = ?", (twin[2],))
                conn.execute("UPDATE sites SET article_count = article_count + 1 WHERE site = ?", (row.get("site"),))
                self._note_aliases(kept_id, item)
                if similarity_found < 1.0:
                    index_near_duplicates(conn, kept_id, None, prep.sig, keys=prep.keys)
                copy = {"url": twin[1], "site": twin[2], "title": twin[3], "fetched_at": twin[5],
                        "content_hash": old_hash}
            conn.execute("INSERT OR REPLACE INTO duplicates (url, site, article_id, similarity, title, content_hash, "
                         "fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (copy["url"], copy.get("site"), kept_id, round(similarity_found, 4), copy.get("title"),
                          copy.get("content_hash"), copy["fetched_at"]))
            return "duplicate"
        row["first_seen"] = row["last_seen"] = row["fetched_at"]
        cols = ", ".join(f"[{k}]" for k in row)
        cur = conn.execute(f"INSERT INTO articles ({cols}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
        conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                     (cur.lastrowid, prep.title_shadow, prep.body_shadow))
        conn.execute("UPDATE sites SET article_count = article_count + 1 WHERE site = ?", (row.get("site"),))
        index_near_duplicates(conn, cur.lastrowid, None, prep.sig, fresh=True, keys=prep.keys)
        self._note_aliases(cur.lastrowid, item)
        return "new"

    def _note_aliases(self, article_id: int, item: dict[str, Any]) -> None:
        """Every URL a record was reached by (before canonicalisation, before redirects) points to it."""
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO url_aliases (url, article_id, first_seen) VALUES (?, ?, ?)",
            [(url, article_id, item["fetched_at"]) for url in dict.fromkeys([item["url"], *item.get("aliases", [])])])

    def duplicate_of(self, item: dict[str, Any]) -> tuple[int, float] | None:
        """The stored article an article dict duplicates (same body hash: 1.0, else estimated Jaccard), or None.

        The detection step of :meth:`write_batch` on its own: nothing is written.
        """
        exact = self._same_body(item.get("content_hash"))
        if exact:
            return exact[0], 1.0
        near = self._near_twin(prepare(item, search=False))
        return (near[1][0], near[0]) if near else None

    def _same_body(self, content_hash: str | None) -> tuple[Any, ...] | None:
        """The first stored article with this body hash: (id, url, site, title, published, fetched_at)."""
        return self.db.conn.execute("SELECT id, url, site, title, published, fetched_at FROM articles "
                                    "WHERE content_hash = ? ORDER BY id LIMIT 1", (content_hash,)).fetchone()

    def _near_twin(self, prep: Prepared) -> tuple[float, tuple[Any, ...]] | None:
        """The most similar stored article above the near-duplicate threshold, via the LSH bands."""
        sig, keys = prep.sig, prep.keys
        if sig is None:
            return None
        conn = self.db.conn
        best: tuple[float, int] | None = None
        for candidate, stored in conn.execute(
                "SELECT article_id, sig FROM minhash WHERE article_id IN "
                f"(SELECT article_id FROM lsh WHERE key IN ({','.join('?' * len(keys))}))", keys):
            score = similarity(sig, from_blob(stored))
            if score >= SIMILARITY_THRESHOLD and (best is None or score > best[0]):
                best = (score, candidate)
        if best is None:
            return None
        twin = conn.execute("SELECT id, url, site, title, published, fetched_at FROM articles WHERE id = ?",
                            (best[1],)).fetchone()
        return best[0], twin

    def _update(self, article_id: int, row: dict[str, Any], prep: Prepared, fetched: bool = False) -> None:
        """Overwrite columns and the search row; ``fetched``: the page answered again, so it is not gone."""
        conn = self.db.conn
        if "published" in row:
            row = {**row, "published": in_china_time(row["published"])}
        sets = ", ".join(f"[{k}] = ?" for k in row) + (", gone_at = NULL" if fetched else "")
        unindex_search(conn, article_id)  # before the UPDATE: it reads the text the row was indexed with
        conn.execute(f"UPDATE articles SET {sets} WHERE id = ?", [*row.values(), article_id])
        shadows = (prep.title_shadow, prep.body_shadow)
        if "title" not in row or "body" not in row:  # the index holds the shadows of the stored text
            shadows = tuple(map(shadow, conn.execute("SELECT title, body FROM articles WHERE id = ?",
                                                     (article_id,)).fetchone()))
        conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", (article_id, *shadows))

    def replace_extraction(self, article_id: int, fields: dict[str, Any]) -> None:
        """Overwrite an article's extracted fields (re-extraction), re-indexing search and near-duplicates."""
        prep = prepare(fields)
        with immediate(self.db.conn) as conn:
            self._update(article_id, fields, prep)
            index_near_duplicates(conn, article_id, None, prep.sig, keys=prep.keys)

    def _mark_gone(self, item: dict[str, Any]) -> str:
        """A stored article that now answers 404/410 is marked, never deleted."""
        cur = self.db.conn.execute("UPDATE articles SET gone_at = coalesce(gone_at, ?), http_status = ? "
                                   "WHERE url = ?", (item["fetched_at"], item.get("status"), item["url"]))
        return "gone" if cur.rowcount else "skipped"  # a dead link we never stored

    def _note_site(self, item: dict[str, Any]) -> None:
        """Keep the per-site record: name, hosts, ICP licence, 公网安备, copyright, contact, crawl times."""
        site = item.get("site")
        if not site:
            return
        facts = item.get("site_facts") or {}
        host = urlsplit(item["url"]).netloc
        conn = self.db.conn
        row = conn.execute("SELECT hosts FROM sites WHERE site = ?", (site,)).fetchone()
        hosts = json.loads(row[0]) if row and row[0] else []
        if host not in hosts:
            hosts.append(host)
        conn.execute(
            "INSERT INTO sites (site, name, hosts, icp, police_record, copyright, contact, first_crawl, last_crawl) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(site) DO UPDATE SET "
            "name = coalesce(excluded.name, name), hosts = excluded.hosts, icp = coalesce(excluded.icp, icp), "
            "police_record = coalesce(excluded.police_record, police_record), "
            "copyright = coalesce(excluded.copyright, copyright), contact = coalesce(excluded.contact, contact), "
            "last_crawl = excluded.last_crawl",
            (site, facts.get("name") or item.get("site_name"), json.dumps(hosts), facts.get("icp"),
             facts.get("police_record"), facts.get("copyright"),
             json.dumps(facts["contact"], ensure_ascii=False) if facts.get("contact") else None,
             item["fetched_at"], item["fetched_at"]))

    def count(self, table: str = "articles") -> int:
        """Row count of a table."""
        return int(self.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
