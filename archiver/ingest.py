"""The single writer of a distributed crawl: drains the workers' Redis queue into the archive and WARC files.

Reliable-queue pattern: a message moves from ``records`` to ``records:processing`` (LMOVE, one
atomic step), and leaves it only after the SQLite transaction holding its batch committed. An
ingester killed at any point leaves its batch in ``processing``; the next one starts there.
Replaying is harmless: a re-stored article is "unchanged", and a response whose WARC position
is already recorded is not written twice.
"""

from __future__ import annotations

import base64
import logging
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import redis

from .distributed import Keys, connect, unpack
from .exceptions import StorageError
from .lock import ArchiveLock
from .store import Archive
from .warc import WarcSeries

logger = logging.getLogger(__name__)

WARC_INDEX_DAYS = 7  # how long a response's WARC position is kept for records still to come


class Ingester:
    """Drains one Redis namespace into one archive; :meth:`run` returns the ``runs`` row."""

    def __init__(self, client: redis.Redis, keys: Keys, archive: Archive, warc: WarcSeries | None, *,
                 batch_size: int = 200, idle_timeout: float = 30.0, worker_ttl: float = 60.0):
        self.client, self.keys, self.archive, self.warc = client, keys, archive, warc
        self.batch_size, self.idle_timeout, self.worker_ttl = batch_size, idle_timeout, worker_ttl
        self.counts = {"new": 0, "updated": 0, "unchanged": 0, "duplicate": 0, "gone": 0, "skipped": 0, "failed": 0}
        self.pages = self.worker_errors = self.workers_done = self.bad_messages = 0
        self.positions: dict[str, tuple[str, int]] = {}  # response id -> (WARC file, offset), this session
        self.stopping = False

    def run(self) -> None:
        """Ingest until no worker is alive and nothing arrived for ``idle_timeout`` (0: never stop)."""
        idle_since: float | None = None
        while not self.stopping:
            batch = self.take()
            if batch:
                idle_since = None
                self.ingest(batch)
                continue
            if self.workers_alive() or self.client.llen(self.keys.records):
                idle_since = None
                continue
            idle_since = idle_since or time.monotonic()
            if self.idle_timeout and time.monotonic() - idle_since >= self.idle_timeout:
                break

    def take(self) -> list[bytes]:
        """The next batch, oldest first: a dead ingester's unfinished batch, else up to batch_size new messages."""
        left = self.client.lrange(self.keys.processing, 0, -1)
        if left:
            logger.warning("resuming %d messages an earlier ingester took and did not commit", len(left))
            return left[::-1]
        first = self.client.blmove(self.keys.records, self.keys.processing, 1, "RIGHT", "LEFT")
        if first is None:
            return []
        batch = [first]
        while len(batch) < self.batch_size:
            data = self.client.lmove(self.keys.records, self.keys.processing, "RIGHT", "LEFT")
            if data is None:
                break
            batch.append(data)
        return batch

    def ingest(self, batch: list[bytes]) -> None:
        """WARC first, then the rows in one transaction, then the acknowledgement."""
        items: list[dict[str, Any]] = []
        written: dict[str, str] = {}
        for data in batch:
            try:
                message = unpack(data)
                kind = message["type"]
            except Exception as exc:  # noqa: BLE001 (a foreign or damaged message costs itself only)
                self.bad_messages += 1
                logger.error("skipping a message that is not archiver's: %s", exc)
                continue
            if kind == "response":
                self.pages += 1
                position = self.write_response(message)
                if position:
                    written[message["id"]] = f"{position[0]}\t{position[1]}"
            elif kind == "item":
                items.append(message["item"])
            elif kind == "worker":
                self.workers_done += 1
                self.worker_errors += int(message.get("errors") or 0)
        if written:
            self.client.hset(self.keys.warc, mapping=written)
            self.client.expire(self.keys.warc, WARC_INDEX_DAYS * 86400)
        for item in items:
            self.place_warc(item)
        done = self.archive.write_batch(items)  # StorageError leaves the batch in processing
        for key, n in done.items():
            self.counts[key] += n
        self.client.delete(self.keys.processing)

    def write_response(self, message: dict[str, Any]) -> tuple[str, int] | None:
        """Append a raw response to the WARC files, unless an earlier (killed) ingester already did."""
        if self.warc is None:
            return None
        known = self.client.hget(self.keys.warc, message["id"])
        if known:
            name, offset = known.decode().split("\t")
            self.positions[message["id"]] = (name, int(offset))
            return None
        try:
            position = self.warc.write(message["url"], int(message["status"]),
                                       [tuple(h) for h in message["headers"]], base64.b64decode(message["body"]))
        except OSError as exc:  # a full disk: nothing acknowledged, the batch is redone next time
            raise StorageError(f"cannot write WARC file in {self.warc.directory}: {exc.strerror or exc}") from exc
        self.positions[message["id"]] = position
        return position

    def place_warc(self, item: dict[str, Any]) -> None:
        """Swap the workers' ``@<response id>`` references for WARC file and offset."""
        def resolve(ref: list[Any]) -> list[Any] | None:
            if not (ref and isinstance(ref[0], str) and ref[0].startswith("@")):
                return ref
            rid = ref[0][1:]
            if rid not in self.positions:
                known = self.client.hget(self.keys.warc, rid)
                if not known:
                    return None
                name, offset = known.decode().split("\t")
                self.positions[rid] = (name, int(offset))
            return list(self.positions[rid])

        if item.get("warc_file"):
            placed = resolve([item["warc_file"], item.get("warc_offset", 0)])
            item["warc_file"], item["warc_offset"] = placed if placed else (None, None)
        if item.get("warc_records"):
            item["warc_records"] = [r for r in (resolve(list(ref)) for ref in item["warc_records"]) if r]

    def workers_alive(self) -> bool:
        """True while some worker's heartbeat is younger than the worker TTL."""
        now = int(self.client.time()[0])
        return bool(self.client.zcount(self.keys.workers, now - self.worker_ttl, "+inf"))


def run_ingest(redis_url: str, db: Path, *, prefix: str = "archiver", idle_timeout: float = 30.0,
               worker_ttl: float = 60.0, batch_size: int = 200, warc_dir: Path | None = None,
               warc_max_bytes: int = 1024 ** 3, capture: bool = True) -> dict[str, Any]:
    """Run an ingester into ``db`` (holding its lock: the only writer); returns its ``runs`` row."""
    from .crawl import close_interrupted_runs

    client = connect(redis_url)
    with ArchiveLock(db):
        archive = Archive(db, helper_process=None)  # the single writer of a fleet: large batches use a second core
        close_interrupted_runs(db)
        run_id = archive.start_run([f"{redis_url} ({prefix})"])
        warc = WarcSeries(warc_dir or db.parent / "warc", warc_max_bytes) if capture else None
        ingester = Ingester(client, Keys(prefix), archive, warc, batch_size=batch_size, idle_timeout=idle_timeout,
                            worker_ttl=worker_ttl)

        def stop(signum: int, frame: Any) -> None:  # finish the batch in hand, then leave
            ingester.stopping = True

        previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
        status, exit_code, reason = "ok", 0, "queue drained, no worker left"
        try:
            ingester.run()
            if ingester.stopping:
                status, exit_code, reason = "interrupted", 1, "stopped by a signal"
        except StorageError as exc:
            status, exit_code, reason = "failed", 4, str(exc)
        except redis.RedisError as exc:
            status, exit_code, reason = "failed", 4, f"Redis failed: {exc}"
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)
            if warc is not None:
                warc.close()
            c = ingester.counts
            run = {"id": run_id, "status": status, "exit_code": exit_code, "reason": reason}
            try:
                archive.finish_run(run_id, pages_fetched=ingester.pages, articles_new=c["new"],
                                   articles_updated=c["updated"], articles_unchanged=c["unchanged"],
                                   articles_duplicate=c["duplicate"], dropped=0,
                                   errors=ingester.worker_errors + c["failed"] + ingester.bad_messages,
                                   status=status, exit_code=exit_code, reason=reason)
                run = archive.run(run_id)
                run["total_articles"] = archive.count()
                run["total_duplicates"] = archive.count("duplicates")
            except sqlite3.DatabaseError as exc:  # a full disk: the row stays "running", marked interrupted later
                logger.error("cannot record the run: %s", exc)
            finally:
                archive.close()
    if exit_code == 4:
        raise StorageError(reason)
    run["workers_done"] = ingester.workers_done
    run["db"] = str(db)
    return run
