"""Politeness beyond AutoThrottle: honour Retry-After, and stop hammering a site that blocks us."""

from __future__ import annotations

import logging
import time
from collections import Counter
from email.utils import parsedate_to_datetime

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater

from .urls import site_of

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds asked by a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (now if now is not None else time.time()))


class PolitenessMiddleware:
    """429/503 with Retry-After: the site's download slot waits that long, then the request is retried.
    A run of 403 answers: the site is paused for the rest of the run, reported in the stats."""

    def __init__(self, crawler, max_retry_after: float, max_retries: int, block_after: int):  # type: ignore[no-untyped-def]
        self.crawler = crawler
        self.max_retry_after = max_retry_after
        self.max_retries = max_retries
        self.block_after = block_after
        self.forbidden_streak: Counter[str] = Counter()
        self.paused: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        s = crawler.settings
        if not s.getbool("ARCHIVER_POLITENESS_ENABLED"):
            raise NotConfigured
        return cls(crawler, s.getfloat("ARCHIVER_MAX_RETRY_AFTER"), s.getint("ARCHIVER_RETRY_AFTER_TIMES"),
                   s.getint("ARCHIVER_BLOCKED_AFTER_403S"))

    def process_request(self, request, spider=None):  # type: ignore[no-untyped-def]
        if site_of(request.url) in self.paused:
            raise IgnoreRequest(f"site paused after {self.block_after} refusals (403)")
        return None

    async def process_response(self, request, response: Response, spider=None):  # type: ignore[no-untyped-def]
        site = site_of(request.url)
        stats = self.crawler.stats
        if response.status == 403:
            self.forbidden_streak[site] += 1
            if self.forbidden_streak[site] >= self.block_after and site not in self.paused:
                self.paused.add(site)
                stats.set_value(f"archiver/paused/{site}", "403")
                logger.warning("site %s answered 403 %d times in a row: paused for the rest of this run",
                               site, self.block_after)
            return response
        self.forbidden_streak[site] = 0
        if response.status in (429, 503):
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            tries = request.meta.get("archiver_retry_after", 0)
            if wait is not None and wait <= self.max_retry_after and tries < self.max_retries:
                self._slow_down(request, wait)  # the site's other requests wait too
                stats.inc_value("archiver/retry_after")
                logger.info("%s asked to wait %.0f s (%s): backing off", site, wait, response.status)
                # AutoThrottle may shorten the slot delay again on the next fast answer, so this
                # request itself waits the whole time before it is retried.
                await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
                retry = request.replace(dont_filter=True)
                retry.meta["archiver_retry_after"] = tries + 1
                return retry
        return response

    def _slow_down(self, request, wait: float) -> None:  # type: ignore[no-untyped-def]
        """Make the request's download slot wait: the next request to that site goes out after ``wait``."""
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is None:
            return
        # The slot counts its delay from its last request's start (monotonic clock), and may shorten
        # it by its jitter (RANDOMIZE_DOWNLOAD_DELAY): ask enough that even the shortest draw waits.
        elapsed = max(0.0, time.monotonic() - slot.lastseen) if slot.lastseen <= time.monotonic() else 0.0
        jitter = getattr(slot, "jitter", None)
        if jitter is None:
            jitter = 0.5 if getattr(slot, "randomize_delay", False) else 0.0
        slot.delay = max(slot.delay, (wait + elapsed) / max(0.1, 1 - jitter))
