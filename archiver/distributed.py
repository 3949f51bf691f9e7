"""Crawling with several workers over one Redis: a shared frontier that loses nothing when a worker dies.

scrapy-redis gives the shared scheduler and the persistent fingerprint set. Its queue pops a
request and forgets it, so a worker killed with requests in flight would lose them for good
(their fingerprints are already recorded). Here a pop moves the request into the worker's
in-flight hash in one Lua step, and it leaves that hash only when the engine is done with it
(callbacks ran, items went through the pipelines and were pushed). Workers beat a heart in a
sorted set; any worker returns a dead one's in-flight requests to the queue.

Workers never touch the archive: records and raw responses go to the ``records`` list, which
``archiver ingest`` (archiver.ingest) drains into SQLite and WARC as the single writer.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import socket
import time
import uuid
import warnings
import zlib
from typing import Any

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured, ScrapyDeprecationWarning
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from .exceptions import StorageError

# scrapy-redis 0.9 passes spider= to the stats collector, which Scrapy 2.13+ warns about on every request.
warnings.filterwarnings("ignore", message=".*'spider' argument to StatsCollector", category=ScrapyDeprecationWarning)

logger = logging.getLogger(__name__)


def worker_settings(redis_url: str, base: Any) -> dict[str, Any]:
    """Settings that turn a crawl into a Redis worker (``base``: the settings it starts from)."""
    prefix = base.get("ARCHIVER_REDIS_PREFIX")
    downloader = dict(base.getdict("DOWNLOADER_MIDDLEWARES"))
    downloader["archiver.middlewares.WarcCaptureMiddleware"] = None
    downloader["archiver.distributed.RedisCaptureMiddleware"] = 580
    pipelines = dict(base.getdict("ITEM_PIPELINES"))
    pipelines["pipelines.store_sqlite.SQLiteStorePipeline"] = None
    pipelines["pipelines.redis_push.RedisPushPipeline"] = 900
    return {
        "REDIS_URL": redis_url,
        "SCHEDULER": "archiver.distributed.RedisScheduler",
        "SCHEDULER_QUEUE_CLASS": "archiver.distributed.ReliableQueue",
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "SCHEDULER_PERSIST": True,  # the frontier and fingerprints outlive any one worker
        "JOBDIR": None,
        "DOWNLOADER_MIDDLEWARES": downloader,
        "ITEM_PIPELINES": pipelines,
    }


class Keys:
    """The Redis keys of one crawl namespace (``ARCHIVER_REDIS_PREFIX``)."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.requests = f"{prefix}:requests"  # sorted set: the shared frontier (scrapy-redis)
        self.dupefilter = f"{prefix}:dupefilter"  # set: fingerprints of every request ever queued
        self.starts = f"{prefix}:starts"  # set: start pages queued by this round of workers
        self.workers = f"{prefix}:workers"  # sorted set: worker id -> last heartbeat (server time)
        self.records = f"{prefix}:records"  # list: messages for the ingester
        self.processing = f"{prefix}:records:processing"  # list: taken by the ingester, not yet committed
        self.warc = f"{prefix}:warc"  # hash: response id -> "file\toffset" once written by the ingester

    def inflight(self, worker: str) -> str:
        """Hash of the requests ``worker`` has popped and not finished."""
        return f"{self.prefix}:inflight:{worker}"


def connect(url: str) -> redis.Redis:
    """A client for ``url``, checked with PING; StorageError (exit 4) when Redis cannot be reached."""
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=10, socket_timeout=30)
        client.ping()
    except (redis.RedisError, ValueError) as exc:
        raise StorageError(f"cannot reach Redis at {url}: {exc}") from None
    return client


# --- messages -------------------------------------------------------------------
def pack(message: dict[str, Any]) -> bytes:
    """A message for the records list (compressed JSON; raw bodies base64)."""
    return zlib.compress(json.dumps(message, ensure_ascii=False).encode("utf-8"), 3)


def unpack(data: bytes) -> dict[str, Any]:
    """The message :func:`pack` made."""
    return json.loads(zlib.decompress(data))


def response_message(response_id: str, url: str, status: int, headers: list[tuple[str, str]], body: bytes) -> bytes:
    """A raw response for the ingester's WARC files."""
    return pack({"type": "response", "id": response_id, "url": url, "status": status, "headers": headers,
                 "body": base64.b64encode(body).decode("ascii")})


# --- Lua: each step that must not interleave with another worker -----------------
POP = """
local item = redis.call('ZRANGE', KEYS[1], 0, 0)
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
redis.call('HSET', KEYS[2], ARGV[1], item[1])
return item[1]
"""
ENQUEUE = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""
# Heartbeat with the server's clock, so machines with skewed clocks agree on who is dead.
BEAT = """
local t = redis.call('TIME')
redis.call('ZADD', KEYS[1], t[1], ARGV[1])
return t[1]
"""
# Requeue the in-flight requests of workers silent for ARGV[1] seconds, at the front.
RECLAIM = """
local now = tonumber(redis.call('TIME')[1])
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
local n = 0
for _, w in ipairs(dead) do
  local h = ARGV[2] .. w
  for _, v in ipairs(redis.call('HVALS', h)) do
    redis.call('ZADD', KEYS[2], -1000000, v)
    n = n + 1
  end
  redis.call('DEL', h)
  redis.call('ZREM', KEYS[1], w)
end
return n
"""
# Work left anywhere: queued requests plus every worker's in-flight ones (dead workers' included).
PENDING = """
local n = redis.call('ZCARD', KEYS[1])
for _, w in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  n = n + redis.call('HLEN', ARGV[1] .. w)
end
return n
"""


class ReliableQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop parks the request in the worker's in-flight hash."""

    worker = ""
    inflight_key = ""
    _seq = 0

    def pop(self, timeout: int = 0):  # type: ignore[no-untyped-def]
        self._seq += 1
        field = str(self._seq)
        data = self.server.eval(POP, 2, self.key, self.inflight_key, field)
        if not data:
            return None
        request = self._decode_request(data)
        request.meta["archiver_inflight"] = field
        return request


class RedisScheduler(Scheduler):
    """scrapy-redis's scheduler with acknowledged requests, worker heartbeats and an idle timeout."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.crawler = None
        self.keys: Keys | None = None
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.handed_out: dict[str, Any] = {}  # in-flight field -> request given to the engine
        self.ttl = 60.0
        self.idle_timeout = 30.0
        self.idle_since: float | None = None
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        s = crawler.settings
        if not s.get("REDIS_URL"):
            raise NotConfigured("no REDIS_URL")
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.keys = Keys(s.get("ARCHIVER_REDIS_PREFIX"))
        scheduler.ttl = s.getfloat("ARCHIVER_REDIS_WORKER_TTL")
        scheduler.idle_timeout = s.getfloat("ARCHIVER_REDIS_IDLE_TIMEOUT")
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def open(self, spider):  # type: ignore[no-untyped-def]
        super().open(spider)
        assert self.keys is not None
        self.queue.worker = self.worker
        self.queue.inflight_key = self.keys.inflight(self.worker)
        self.beat()
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(min(1.0, self.ttl / 4), now=False)
        logger.info("worker %s joined %s (%d requests queued)", self.worker, self.keys.prefix, len(self.queue))

    def enqueue_request(self, request) -> bool:  # type: ignore[no-untyped-def]
        assert self.keys is not None
        data = self.queue._encode_request(request)
        if request.dont_filter:
            self.server.zadd(self.keys.requests, {data: -request.priority})
            return True
        # Start pages are read once per round of workers (not once ever, as the fingerprint set
        # would have it): that is where a later run finds the new articles.
        seen = self.keys.starts if request.meta.get("archiver_start") else self.keys.dupefilter
        # Fingerprint and queue entry in one step: a worker killed between the two would leave a
        # request marked seen that no one ever fetches.
        added = self.server.eval(ENQUEUE, 2, seen, self.keys.requests, self.df.request_fingerprint(request),
                                 -request.priority, data)
        if request.meta.get("archiver_start"):
            self.server.expire(self.keys.starts, 86400)
        if not added:
            self.df.log(request, self.spider)
            return False
        self.crawler.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self):  # type: ignore[no-untyped-def]
        request = super().next_request()
        if request is not None:
            self.handed_out[request.meta["archiver_inflight"]] = request
            self.idle_since = None
        return request

    # --- bookkeeping, every ttl/4 seconds -------------------------------------------------
    def beat(self) -> None:
        """Tell the others this worker is alive."""
        assert self.keys is not None
        self.server.eval(BEAT, 1, self.keys.workers, self.worker)

    def tick(self) -> None:
        """Heartbeat, acknowledge finished requests, requeue dead workers' requests, wake an idle engine."""
        try:
            self.beat()
            self.acknowledge()
            slot = getattr(self.crawler.engine, "_slot", None)
            if slot is not None and not self.handed_out and len(self.queue):
                # Other workers queued requests: look now, not at the engine's next 5 s heartbeat.
                slot.nextcall.schedule()
            assert self.keys is not None
            n = self.server.eval(RECLAIM, 2, self.keys.workers, self.keys.requests, self.ttl,
                                 self.keys.inflight(""))
            if n:
                logger.warning("requeued %d requests of a worker that stopped answering", n)
                self.crawler.stats.inc_value("archiver/redis/reclaimed", n)
        except redis.RedisError as exc:  # a blip must not kill the loop; the next tick retries
            logger.error("redis: %s", exc)

    def acknowledge(self) -> None:
        """Drop from the in-flight hash what the engine has finished: scraped, items pushed."""
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is None or self.crawler.stats.get_value("archiver/storage_error"):
            return  # records could not be pushed: keep the requests for the next worker
        done = [f for f, request in self.handed_out.items() if request not in slot.inprogress]
        if done:
            assert self.keys is not None
            self.server.hdel(self.keys.inflight(self.worker), *done)
            for field in done:
                del self.handed_out[field]

    def pending(self) -> int:
        """Requests queued or in flight anywhere."""
        assert self.keys is not None
        return int(self.server.eval(PENDING, 2, self.keys.requests, self.keys.workers, self.keys.inflight("")))

    def spider_idle(self, spider=None) -> None:  # type: ignore[no-untyped-def]
        """Stay open while any worker has work (it may queue more); close after the idle timeout."""
        self.acknowledge()
        if self.pending():
            self.idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        self.idle_since = self.idle_since or now
        if now - self.idle_since < self.idle_timeout:
            raise DontCloseSpider

    def close(self, reason):  # type: ignore[no-untyped-def]
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        assert self.keys is not None
        try:
            self.acknowledge()
            # Stopped early (budget, signal): what this worker still held goes back for the others.
            held = self.server.hvals(self.keys.inflight(self.worker))
            with self.server.pipeline() as pipe:
                for data in held:
                    pipe.zadd(self.keys.requests, {data: -1000000})
                pipe.delete(self.keys.inflight(self.worker))
                pipe.zrem(self.keys.workers, self.worker)
                pipe.execute()
            if not self.server.zcard(self.keys.workers) and not self.server.zcard(self.keys.requests):
                self.server.delete(self.keys.starts)  # the round is over: the next one reads start pages again
        except redis.RedisError as exc:
            logger.error("redis: %s", exc)
        return super().close(reason)


class RedisCaptureMiddleware:
    """Downloader middleware: every response goes to the records list for the ingester's WARC files.

    The article records refer to it by id (``@<id>`` in ``warc_file``); the ingester swaps in
    the WARC file and offset it wrote the response to.
    """

    def __init__(self, client: redis.Redis, key: str):
        self.client = client
        self.key = key

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        s = crawler.settings
        if not s.get("REDIS_URL") or not s.getbool("ARCHIVER_WARC_ENABLED"):
            raise NotConfigured("not a Redis worker, or capture off")
        return cls(connect(s.get("REDIS_URL")), Keys(s.get("ARCHIVER_REDIS_PREFIX")).records)

    def process_response(self, request, response, spider=None):  # type: ignore[no-untyped-def]
        response_id = uuid.uuid4().hex
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, values in response.headers.items()
                   for v in values]
        self.client.lpush(self.key, response_message(response_id, response.url, response.status, headers,
                                                     response.body))
        request.meta["archiver_warc"] = [f"@{response_id}", 0]
        return response

