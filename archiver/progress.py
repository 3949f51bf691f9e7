"""Crawl progress: a live status line on a terminal, plain periodic lines otherwise (cron logs)."""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class Progress:
    """Shows pages, new / duplicate articles, errors, rate and the busiest sites while a crawl runs."""

    def __init__(self, crawler, interval: float, stream):  # type: ignore[no-untyped-def]
        self.crawler = crawler
        self.interval = interval
        self.stream = stream
        self.live = stream.isatty()
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        s = crawler.settings
        if not s.getbool("ARCHIVER_PROGRESS"):
            raise NotConfigured
        stream = sys.stderr
        interval = s.getfloat("ARCHIVER_PROGRESS_INTERVAL_TTY" if stream.isatty() else "ARCHIVER_PROGRESS_INTERVAL")
        ext = cls(crawler, interval, stream)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def line(self) -> str:
        """The current status as one line."""
        stats = self.crawler.stats.get_stats()
        pages = stats.get("archiver/pages", 0)
        elapsed = max(1e-6, time.monotonic() - self.started)
        sites = sorted(((v, k.split("/")[2]) for k, v in stats.items()
                        if k.startswith("archiver/site/") and k.endswith("/pages")), reverse=True)[:3]
        return (f"pages {pages}  articles {stats.get('item_scraped_count', 0)}  "
                f"stored: new {stats.get('archiver/articles/new', 0)}  "
                f"dup {stats.get('archiver/articles/duplicate', 0)}  errors {stats.get('archiver/errors', 0)}  "
                f"{pages / elapsed * 60:.0f}/min  " + "  ".join(f"{site} {n}" for n, site in sites))

    def show(self) -> None:
        """Print the status (overwriting the line on a terminal)."""
        if self.live:
            self.stream.write("\r\x1b[K" + self.line()[:200])
        else:
            self.stream.write(time.strftime("%Y-%m-%d %H:%M:%S ") + self.line() + "\n")
        self.stream.flush()

    def spider_opened(self, spider=None) -> None:  # type: ignore[no-untyped-def]
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider=None, reason: str = "") -> None:  # type: ignore[no-untyped-def]
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
