"""One crawl per archive: an advisory lock beside the database file.

flock() is released by the kernel when its holder dies, so a lock left by a
killed crawl (kill -9, a reboot) is stale by construction and simply taken over.
The file's text names the holder for the message the second crawl prints.
"""

from __future__ import annotations

import fcntl
import os
from datetime import datetime, timezone
from pathlib import Path

from .exceptions import LockedError


class ArchiveLock:
    """Context manager holding ``<archive>.lock``; raises LockedError if another process holds it."""

    def __init__(self, db_path: str | os.PathLike[str]):
        self.path = Path(f"{db_path}.lock")
        self.fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise LockedError naming the holder's PID and start time."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise LockedError(f"archive is locked by {holder}") from None
        os.ftruncate(fd, 0)
        stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        os.pwrite(fd, f"pid {os.getpid()} since {stamp}\n".encode(), 0)
        self.fd = fd

    def release(self) -> None:
        """Release the lock (the file stays; its content is only informative)."""
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> "ArchiveLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
