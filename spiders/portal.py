"""The generic portal spider: follows a portal's own links, extracts articles, stitches split articles."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterator
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse

from archiver.extract import extract
from archiver.records import append_page, article_item
from archiver.urls import canonical_url, classify_url, is_continuation, site_of


class PortalSpider(scrapy.Spider):
    """Crawl from home/section URLs; ``-a start_urls=URL[,URL]`` (``-a allowed_hosts=h1,h2`` optional)."""

    name = "portal"
    # 404/410 reach the callback so dead links are counted, not only logged.
    handle_httpstatus_list = [404, 410]

    def __init__(self, start_urls: str | list[str] = "", allowed_hosts: str | list[str] = "", **kwargs: Any):
        super().__init__(**kwargs)
        urls = start_urls.split(",") if isinstance(start_urls, str) else list(start_urls)
        self.start_urls = [u.strip() for u in urls if u.strip()]
        if not self.start_urls:
            raise ValueError("portal spider needs -a start_urls=URL[,URL]")
        extra = allowed_hosts.split(",") if isinstance(allowed_hosts, str) else list(allowed_hosts)
        self.sites = {site_of(u) for u in self.start_urls} | {site_of("http://" + h.strip()) for h in extra if h.strip()}
        # Links already scheduled: dropping them here is far cheaper than building
        # requests for Scrapy's dupefilter to discard (a page links ~60 URLs).
        self.seen: set[str] = {canonical_url(u) for u in self.start_urls}

    async def start(self):  # type: ignore[no-untyped-def]
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.errback, meta={"archiver_start": True})

    def start_requests(self):  # type: ignore[no-untyped-def]  # Scrapy < 2.13
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.errback, meta={"archiver_start": True})

    # --- settings -------------------------------------------------------------
    @property
    def _cfg(self):  # type: ignore[no-untyped-def]
        return self.crawler.settings

    def _count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"archiver/{key}", n)

    # --- callbacks ------------------------------------------------------------
    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Route a page: dead link, continuation page, article, or list page (follow its links)."""
        self._count("pages")
        if response.status in (404, 410):
            self._count("gone")
            self.logger.info("dead link %s (%s)", response.url, response.status)
            # If the archive holds this URL, the store marks it gone (never deletes it).
            yield {"kind": "gone", "url": response.url, "status": response.status,
                   "fetched_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat()}
            return
        if not isinstance(response, TextResponse):
            self._count("skipped/not_html")
            return
        if is_continuation(response.url) and not response.meta.get("archiver_start"):
            # Reached from a pager link outside its chain: the chain from page 1 stores it.
            return
        article = extract(response.body, response.url, _headers(response))
        yield from self._follow(response)
        kind = classify_url(response.url)
        if article.is_article and kind != "list" and (kind == "article" or _long_enough(article)):
            item = self._item(response, article)
            next_pages = article.next_pages[: self._cfg.getint("ARCHIVER_MAX_ARTICLE_PAGES") - 1]
            for url in next_pages:
                self.seen.add(canonical_url(url))
            if next_pages:
                yield self._next_page_request(item, next_pages)
            else:
                yield item

    def parse_continuation(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """Append a later page's body to the article and fetch the next one, or emit the item."""
        self._count("pages")
        item, remaining = response.meta["archiver_item"], response.meta["archiver_remaining"]
        part = None
        if response.status == 200 and isinstance(response, TextResponse):
            part = extract(response.body, response.url, _headers(response))
        append_page(item, part, response.url, response.meta.get("archiver_warc"))
        if remaining:
            yield self._next_page_request(item, remaining)
        else:
            yield item

    def errback(self, failure):  # type: ignore[no-untyped-def]
        """A fetch that failed for good (timeouts, resets, DNS): logged with its URL and counted."""
        if failure.check(IgnoreRequest):  # robots.txt said no, or a middleware filtered it: not an error
            self._count("skipped/ignored")
            self.logger.info("skipped %s: %s", failure.request.url, failure.getErrorMessage())
            return None
        self._count("errors")
        self.logger.warning("fetch failed %s: %s", failure.request.url, failure.getErrorMessage())
        item = failure.request.meta.get("archiver_item")
        if item is not None:  # a continuation page failed: keep what we have
            append_page(item, None, failure.request.url)
            return [item]
        return None

    # --- helpers --------------------------------------------------------------
    def _next_page_request(self, item: dict[str, Any], pages: list[str]) -> scrapy.Request:
        return scrapy.Request(pages[0], callback=self.parse_continuation, errback=self.errback, dont_filter=True,
                              meta={"archiver_item": item, "archiver_remaining": pages[1:]}, priority=10)

    def _follow(self, response: TextResponse) -> Iterator[scrapy.Request]:
        max_len = self._cfg.getint("ARCHIVER_MAX_URL_LENGTH")
        offsite_ok = self._cfg.getbool("ARCHIVER_FOLLOW_OFFSITE")
        for href in response.xpath("//a/@href").getall():
            href = href.strip()
            if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
                continue
            url = urljoin(response.url, href).split("#", 1)[0]
            if not url.startswith(("http://", "https://")) or len(url) > max_len:
                continue
            key = canonical_url(url)
            if key in self.seen:
                continue
            if not offsite_ok and site_of(url) not in self.sites:
                continue
            if classify_url(url) == "other" and _has_file_extension(url):
                continue
            self.seen.add(key)
            yield scrapy.Request(url, callback=self.parse, errback=self.errback)

    def _item(self, response: Response, article: Any) -> dict[str, Any]:
        now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        item = article_item(article, response.url, now, response.meta.get("archiver_warc"))
        item["aliases"] = [*response.meta.get("redirect_urls", []), response.url]
        return item


def _headers(response: Response) -> dict[str, str]:
    return {k.decode("latin-1"): b",".join(v).decode("latin-1") for k, v in response.headers.items()}


def _long_enough(article: Any) -> bool:
    return len(article.body or "") >= 200 and len(article.body.split("\n")) >= 2


def _has_file_extension(url: str) -> bool:
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    return "." in last and not last.lower().endswith((".html", ".htm", ".shtml", ".php", ".asp", ".aspx", ".jsp"))
