"""Downloader middleware: decode with the extractor's charset decision, not Scrapy's header-first rule."""

from __future__ import annotations

from pathlib import Path

from scrapy import signals
from scrapy.dupefilters import RFPDupeFilter
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Response, TextResponse

from .encoding import decode
from .store import default_db_path
from .urls import canonical_url
from .warc import WarcSeries


class CharsetMiddleware:
    """Sets ``response.encoding`` from :func:`archiver.encoding.decode` so ``response.text`` is right.

    Scrapy trusts the HTTP header first and falls back to ascii/utf-8/cp1252; Chinese
    servers often send ``charset=utf-8`` for GBK pages.
    """

    def process_response(self, request, response: Response, spider=None):  # type: ignore[no-untyped-def]
        if not isinstance(response, TextResponse) and not _looks_html(response):
            return response
        headers = {k.decode("latin-1"): b",".join(v).decode("latin-1") for k, v in response.headers.items()}
        decided = decode(response.body, headers, override=request.meta.get("archiver_charset"))
        cls = response.__class__ if isinstance(response, TextResponse) else HtmlResponse
        return response.replace(cls=cls, encoding=decided.charset)


def _looks_html(response: Response) -> bool:
    head = response.body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<meta"))


class WarcCaptureMiddleware:
    """Writes every response (articles, lists, errors) to the run's WARC files; notes where on the request.

    Sits below HttpCompressionMiddleware (590) so it stores decoded bodies, and above
    RetryMiddleware, so failed attempts are captured too.
    """

    def __init__(self, series: WarcSeries, crawler=None):  # type: ignore[no-untyped-def]
        self.series = series
        self.crawler = crawler
        self.failed = False

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        s = crawler.settings
        if not s.getbool("ARCHIVER_WARC_ENABLED"):
            raise NotConfigured("ARCHIVER_WARC_ENABLED is off")
        directory = s.get("ARCHIVER_WARC_DIR") or str(Path(s.get("ARCHIVER_DB") or default_db_path()).parent / "warc")
        mw = cls(WarcSeries(directory, s.getint("ARCHIVER_WARC_MAX_BYTES")), crawler)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def process_response(self, request, response: Response, spider=None):  # type: ignore[no-untyped-def]
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, values in response.headers.items()
                   for v in values]
        if self.failed:
            return response
        try:
            request.meta["archiver_warc"] = self.series.write(response.url, response.status, headers, response.body)
        except OSError as exc:  # a full disk: stop the crawl as a storage failure (exit 4), once
            self.failed = True
            if self.crawler is not None:
                from pipelines.store_sqlite import storage_failed

                storage_failed(self.crawler, f"cannot write WARC file in {self.series.directory}: "
                                             f"{exc.strerror or exc}")
        return response

    def spider_closed(self, spider=None) -> None:  # type: ignore[no-untyped-def]
        self.series.close()


class MemoryDupeFilter(RFPDupeFilter):
    """Scrapy's fingerprint filter, never persisted in JOBDIR.

    JOBDIR keeps the pending queue so a killed crawl resumes; the archive, not a
    file of fingerprints, says what is already stored. A persisted filter would also
    remember requests that were in flight when the crawl died, and never fetch them again.
    """

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        return cls(path=None, debug=crawler.settings.getbool("DUPEFILTER_DEBUG"),
                   fingerprinter=crawler.request_fingerprinter)


class AlreadyArchived(IgnoreRequest):
    """An article request dropped at fetch time: the archive holds the page, or this run fetched it."""


class SkipKnownMiddleware:
    """Skips, at fetch time, an article page the archive came to hold or this run already fetched.

    A resumed crawl's saved queue was written before those pages were stored, and list pages seen
    again in the new run queue the unfetched ones a second time (the fingerprint filter is not
    persisted). Without this check, every budget-limited run (--max-pages) spent its pages on
    those and never reached the rest of the site.
    """

    def __init__(self, crawler):  # type: ignore[no-untyped-def]
        self.crawler = crawler
        self.fetched: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        return cls(crawler)

    def process_request(self, request, spider=None):  # type: ignore[no-untyped-def]
        spider = spider or self.crawler.spider
        scope, known = getattr(spider, "scope", None), getattr(spider, "known", None)
        if request.dont_filter or scope is None or known is None or "archiver_item" in request.meta \
                or scope.kind(request.url) != "article":
            return None  # lists, robots, continuation pages of an article in hand
        key = canonical_url(request.url)
        if key in self.fetched or known.skip(key):
            raise AlreadyArchived("already archived")
        self.fetched.add(key)
        return None
