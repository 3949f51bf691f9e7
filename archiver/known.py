"""Incremental crawls: what the archive already holds, asked per URL (state in the archive, not in memory)."""

from __future__ import annotations

import sqlite3
from urllib.request import pathname2url
from datetime import datetime, timedelta, timezone
from pathlib import Path

KNOWN_SQL = (
    "SELECT published FROM articles WHERE url = :u "
    "UNION ALL SELECT a.published FROM url_aliases x JOIN articles a ON a.id = x.article_id WHERE x.url = :u "
    "UNION ALL SELECT NULL FROM duplicates WHERE url = :u LIMIT 1")


class KnownUrls:
    """Read-only view of the archive's URLs; a missing or empty archive knows nothing."""

    def __init__(self, db_path: str | Path, revisit_days: float = 0):
        self.conn: sqlite3.Connection | None = None
        self.cutoff = None
        if revisit_days > 0:
            self.cutoff = (datetime.now(timezone.utc) - timedelta(days=revisit_days)).date().isoformat()
        if Path(db_path).is_file():
            try:
                self.conn = sqlite3.connect(f"file:{pathname2url(str(Path(db_path).resolve()))}?mode=ro", uri=True,
                                            timeout=10)
                self.conn.execute("SELECT 1 FROM url_aliases LIMIT 1")
            except sqlite3.DatabaseError:
                if self.conn is not None:
                    self.conn.close()
                self.conn = None  # an archive from before aliases, or unreadable: treat every URL as new

    def skip(self, url: str) -> bool:
        """True when ``url`` is archived and not due for a revisit (published within ``revisit_days``)."""
        if self.conn is None:
            return False
        row = self.conn.execute(KNOWN_SQL, {"u": url}).fetchone()
        if row is None:
            return False
        published = row[0]
        return not (self.cutoff and published and published[:10] >= self.cutoff)

    def close(self) -> None:
        """Close the connection."""
        if self.conn is not None:
            self.conn.close()
