"""Stage 4 on a Redis worker: push records to the queue the ingester drains (in place of the SQLite store)."""

from __future__ import annotations

import logging
from typing import Any

import redis
from scrapy import signals

from archiver.distributed import Keys, connect, pack
from pipelines.store_sqlite import outcome, storage_failed

logger = logging.getLogger(__name__)


class RedisPushPipeline:
    """LPUSHes each record; at the end, the worker's own counts for the ingester's ``runs`` row."""

    def __init__(self, crawler, client: redis.Redis, keys: Keys, max_error_ratio: float):  # type: ignore[no-untyped-def]
        self.crawler = crawler
        self.client = client
        self.keys = keys
        self.max_error_ratio = max_error_ratio
        self.pushed = 0

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        s = crawler.settings
        pipeline = cls(crawler, connect(s.get("REDIS_URL")), Keys(s.get("ARCHIVER_REDIS_PREFIX")),
                       s.getfloat("ARCHIVER_MAX_ERROR_RATIO"))
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def process_item(self, item: dict[str, Any], spider=None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        try:
            self.client.lpush(self.keys.records, pack({"type": "item", "item": item}))
        except redis.RedisError as exc:
            # The request stays in flight (unacknowledged), so another worker fetches it again.
            storage_failed(self.crawler, f"cannot push to Redis: {exc}")
            raise
        self.pushed += 1
        self.crawler.stats.inc_value("archiver/redis/pushed")
        return item

    def spider_closed(self, spider, reason: str) -> None:  # type: ignore[no-untyped-def]
        stats = self.crawler.stats
        exit_code, status, reason = outcome(stats, reason, self.max_error_ratio, shared=True)
        stats.set_value("archiver/exit_code", exit_code)
        report = {"type": "worker", "pages": stats.get_value("archiver/pages", 0),
                  "errors": stats.get_value("archiver/errors", 0), "records": self.pushed,
                  "status": status, "reason": str(reason)}
        stats.set_value("archiver/worker_report", report)
        try:
            self.client.lpush(self.keys.records, pack(report))
        except redis.RedisError as exc:
            logger.error("cannot push the worker's report to Redis: %s", exc)
