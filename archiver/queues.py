"""The crawl's on-disk request queue (JOBDIR), made to fail like the rest of storage on a full disk."""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path
from typing import Any

from scrapy.core.scheduler import Scheduler
from scrapy.extensions.spiderstate import SpiderState
from scrapy.squeues import PickleFifoDiskQueue

logger = logging.getLogger(__name__)


class DiskQueue(PickleFifoDiskQueue):
    """Scrapy's pickle FIFO disk queue; a write that fails (ENOSPC) stops the crawl with exit 4.

    Scrapy's scheduler handles only ValueError from a disk queue (it keeps that request in
    memory); an OSError would surface as a traceback for every request still being queued.
    """

    crawler: Any = None

    @classmethod
    def from_crawler(cls, crawler, key: str, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        queue = super().from_crawler(crawler, key, *args, **kwargs)
        queue.crawler = crawler
        return queue

    def push(self, request) -> None:  # type: ignore[no-untyped-def]
        try:
            super().push(request)
        except OSError as exc:
            from pipelines.store_sqlite import storage_failed

            storage_failed(self.crawler, f"cannot write the crawl's request queue in {self.path}: "
                                         f"{exc.strerror or exc}")
            raise ValueError(str(exc)) from exc  # the scheduler keeps the request in memory


class DiskScheduler(Scheduler):
    """Scrapy's scheduler; saving the queue's state at close may meet a full disk too.

    Then the state is simply not saved: the next run finds no ``active.json``, starts its queue
    afresh, and the archive (which knows what it stored) skips what is done.
    """

    def close(self, reason: str):  # type: ignore[no-untyped-def]
        try:
            return super().close(reason)
        except OSError as exc:
            logger.warning("could not save the crawl's request queue: %s", exc.strerror or exc)
            return None


class JobState(SpiderState):
    """Scrapy's spider state in JOBDIR (what a budget-stopped crawl had queued), kept like the queue.

    Written to a side file and renamed, so a full disk leaves the previous state, not half a pickle;
    a state that cannot be read is no state: the crawl then queues what its pages link, as a fresh one.
    """

    def spider_closed(self, spider) -> None:  # type: ignore[no-untyped-def]
        if not isinstance(getattr(spider, "state", None), dict):
            return
        side = Path(f"{self.statefn}.tmp")
        try:
            with side.open("wb") as f:
                pickle.dump(spider.state, f, protocol=4)
            os.replace(side, self.statefn)
        except OSError as exc:
            side.unlink(missing_ok=True)
            logger.warning("could not save the crawl's state: %s", exc.strerror or exc)

    def spider_opened(self, spider) -> None:  # type: ignore[no-untyped-def]
        try:
            super().spider_opened(spider)
        except Exception as exc:  # noqa: BLE001 (any unreadable pickle: truncated, foreign protocol, junk)
            logger.warning("ignoring the crawl's saved state: %s", exc)
            spider.state = {}
        if not isinstance(spider.state, dict):
            logger.warning("ignoring the crawl's saved state: not a mapping")
            spider.state = {}
