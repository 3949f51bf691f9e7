"""Stage 4: batched writes to the SQLite archive, and the run's ``runs`` row."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals

from archiver.exceptions import StorageError
from archiver.store import Archive, default_db_path

logger = logging.getLogger(__name__)


class SQLiteStorePipeline:
    """Writes items in batches of ``ARCHIVER_BATCH_SIZE``, one transaction each; records the run."""

    def __init__(self, crawler, db_path: str, batch_size: int, max_error_ratio: float):  # type: ignore[no-untyped-def]
        self.crawler = crawler
        self.db_path = db_path
        self.batch_size = batch_size
        self.max_error_ratio = max_error_ratio
        self.batch: list[dict[str, Any]] = []
        self.counts = {"new": 0, "updated": 0, "unchanged": 0, "duplicate": 0, "gone": 0, "skipped": 0, "failed": 0}
        self.archive: Archive | None = None
        self.run_id: int | None = None
        self.closed = False  # the run row is finished and the archive closed

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        s = crawler.settings
        pipeline = cls(crawler, s.get("ARCHIVER_DB") or str(default_db_path()), s.getint("ARCHIVER_BATCH_SIZE"),
                       s.getfloat("ARCHIVER_MAX_ERROR_RATIO"))
        # The close reason is known only at spider_closed, after close_spider has flushed.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        crawler.archiver_store = pipeline  # run_crawl salvages a forced stop through it (see salvage)
        return pipeline

    def open_spider(self, spider=None) -> None:  # type: ignore[no-untyped-def]
        self.archive = Archive(self.db_path)
        spider = spider or self.crawler.spider
        self.run_id = self.archive.start_run(getattr(spider, "start_urls", []))
        self.crawler.stats.set_value("archiver/run_id", self.run_id)

    def process_item(self, item: dict[str, Any], spider=None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            self._flush()
        return item

    def _flush(self) -> None:
        if not self.batch or self.archive is None:
            return
        if self.crawler.stats.get_value("archiver/storage_error"):
            # Stopping on a storage failure: what is still in flight is not stored (the next run
            # fetches it again, the archive not knowing it), and the error is not repeated.
            self.batch.clear()
            return
        try:
            counts = self.archive.write_batch(self.batch)
        except StorageError as exc:
            storage_failed(self.crawler, str(exc))
            self.batch.clear()
            return
        self.batch.clear()
        for key, n in counts.items():
            self.counts[key] += n
            self.crawler.stats.inc_value(f"archiver/articles/{key}", n)

    def close_spider(self, spider=None) -> None:  # type: ignore[no-untyped-def]
        self._flush()

    def salvage(self) -> bool:
        """After a forced stop (a second Ctrl-C), which skips close_spider: store the batch in hand and
        close the run as interrupted. True if there was anything to do."""
        if self.archive is None or self.run_id is None or self.closed:
            return False
        self._flush()
        self.spider_closed(None, "forced_shutdown")
        return True

    def spider_closed(self, spider, reason: str) -> None:  # type: ignore[no-untyped-def]
        """Close the ``runs`` row with counts, status and exit code; close the archive."""
        if self.archive is None or self.run_id is None or self.closed:
            return
        self.closed = True
        stats = self.crawler.stats
        pages = stats.get_value("archiver/pages", 0)
        errors = stats.get_value("archiver/errors", 0)
        exit_code, status, reason = outcome(stats, reason, self.max_error_ratio)
        stats.set_value("archiver/exit_code", exit_code)
        try:
            self.archive.finish_run(
                self.run_id, pages_fetched=pages, articles_new=self.counts["new"],
                articles_updated=self.counts["updated"], articles_unchanged=self.counts["unchanged"],
                articles_duplicate=self.counts["duplicate"], dropped=stats.get_value("archiver/dropped", 0),
                errors=errors + self.counts["failed"], status=status, exit_code=exit_code, reason=str(reason))
        except StorageError as exc:
            if not stats.get_value("archiver/storage_error"):
                logger.error("%s", exc)
            stats.set_value("archiver/storage_error", str(exc))
            stats.set_value("archiver/exit_code", 4)
        finally:
            self.archive.close()


def outcome(stats, reason: str, max_error_ratio: float,  # type: ignore[no-untyped-def]
            shared: bool = False) -> tuple[int, str, str]:
    """(exit code, status, reason) of a finished crawl from its stats and Scrapy's close reason.

    ``shared``: one of several workers, which may fairly find that the others fetched everything.
    """
    pages = stats.get_value("archiver/pages", 0)
    errors = stats.get_value("archiver/errors", 0)
    if stats.get_value("archiver/storage_error"):
        return 4, "failed", str(stats.get_value("archiver/storage_error"))
    if reason in ("shutdown", "forced_shutdown"):  # Ctrl-C or SIGTERM: the shell's convention for an interrupt
        return 130, "interrupted", reason
    # Nothing fetched and nothing failed is fine for one of several workers, or when a resumed queue held
    # nothing more (its last pages were archived meanwhile, or the stopped run had just emptied it).
    if pages == 0 and not (not errors and (shared or stats.get_value("archiver/resumed_queue"))):
        return 1, "failed", "no page could be fetched"
    if errors and errors / max(1, pages + errors) > max_error_ratio:
        return 1, "errors", reason
    if reason not in ("finished", "closespider_pagecount", "closespider_timeout", "closespider_itemcount"):
        return 1, "interrupted", reason
    return 0, "ok", reason


def stop_crawl(crawler, reason: str) -> None:  # type: ignore[no-untyped-def]
    """Close the spider from a pipeline (the engine's coroutine, scheduled on the reactor)."""
    from scrapy.utils.defer import deferred_from_coro

    deferred_from_coro(crawler.engine.close_spider_async(reason=reason))


def storage_failed(crawler, message: str) -> None:  # type: ignore[no-untyped-def]
    """Record a storage failure (exit 4) and stop the crawl; only the first one is logged."""
    if crawler.stats.get_value("archiver/storage_error"):
        return
    logger.error("%s", message)
    crawler.stats.set_value("archiver/storage_error", message)
    stop_crawl(crawler, "storage_error")
