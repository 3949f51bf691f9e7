"""The generic portal spider: follows a portal's own links, extracts articles, stitches split articles.

It only routes; URL policy lives in archiver.scope, the archive's knowledge in archiver.known,
extraction in archiver.extract, records in archiver.records.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timezone
from typing import Any, AsyncIterator, Iterator
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.http import Response, TextResponse

from archiver.discovery import looks_like_xml, read_feed, read_sitemap, sitemaps_in_robots
from archiver.extract_pool import ExtractPool, workers_for
from archiver.items import Article
from archiver.known import KnownUrls
from archiver.middlewares import AlreadyArchived
from archiver.records import append_page, article_item
from archiver.scope import CrawlScope, TrapCaps, is_pagination
from archiver.sites import Site, load_sites, pick
from archiver.store import default_db_path
from archiver.urls import canonical_url, is_continuation, site_of


def _split(value: str | list[str] | None) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value or [])
    return [v.strip() for v in items if v.strip()]


class PortalSpider(scrapy.Spider):
    """Crawl from home/section URLs (``-a start_urls=URL[,URL]``) and/or registry sites (``-a sites=a,b``)."""

    name = "portal"
    # 404/410 reach the callback so dead links are counted (and archived articles marked gone).
    handle_httpstatus_list = [404, 410]

    def __init__(self, start_urls: str | list[str] = "", allowed_hosts: str | list[str] = "",
                 sites: str | list[str] = "", **kwargs: Any):
        super().__init__(**kwargs)
        self.bare_urls = _split(start_urls)
        self.site_names = _split(sites)
        self.extra_hosts = _split(allowed_hosts)
        if not self.bare_urls and not self.site_names:
            raise ValueError("portal spider needs -a start_urls=URL[,URL] or -a sites=NAME[,NAME]")
        self.start_urls = list(self.bare_urls)

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup(crawler.settings)
        return spider

    def setup(self, settings) -> None:  # type: ignore[no-untyped-def]
        """Resolve registry sites, the crawl scope and the archive's known URLs from the settings."""
        chosen: list[Site] = []
        if self.site_names:
            registry, _ = load_sites(settings.get("ARCHIVER_SITES_FILE") or None)
            chosen = pick(registry, self.site_names)
            self.start_urls += [u for site in chosen for u in (*site.start_urls, *site.feeds)]
        caps = TrapCaps(max_url_length=settings.getint("ARCHIVER_MAX_URL_LENGTH"),
                        max_repeated_segment=settings.getint("ARCHIVER_MAX_REPEATED_SEGMENT"),
                        max_query_params=settings.getint("ARCHIVER_MAX_QUERY_PARAMS"),
                        max_query_variants=settings.getint("ARCHIVER_MAX_QUERY_VARIANTS"),
                        max_path_depth=settings.getint("ARCHIVER_MAX_PATH_DEPTH"))
        self.scope = CrawlScope(self.start_urls, chosen, self.extra_hosts + _split(settings.getlist(
            "ARCHIVER_ALLOWED_HOSTS")), caps, settings.getbool("ARCHIVER_FOLLOW_OFFSITE"))
        self.known = KnownUrls(settings.get("ARCHIVER_DB") or default_db_path(),
                               settings.getfloat("ARCHIVER_REVISIT_DAYS"))
        self.default_budget = settings.getint("ARCHIVER_MAX_PAGES_PER_SITE")
        self.stop_pagination = settings.getbool("ARCHIVER_STOP_PAGINATION_WHEN_NOTHING_NEW")
        self.max_article_pages = settings.getint("ARCHIVER_MAX_ARTICLE_PAGES")
        self.use_sitemaps = settings.getbool("ARCHIVER_SITEMAPS_FROM_ROBOTS")
        # Start URLs of a budget-stopped run whose saved queue this run continues: not seeded again.
        self.resumed_from = set(json.loads(settings.get("ARCHIVER_RESUMED_START_URLS") or "[]"))
        self.budget_resume = bool(settings.get("ARCHIVER_RESUMED_START_URLS"))
        self.pool = ExtractPool(workers_for(settings.getint("ARCHIVER_EXTRACT_PROCESSES")))
        self.pages_per_site: Counter[str] = Counter()
        # Links already scheduled: dropping them here is far cheaper than building
        # requests for Scrapy's dupefilter to discard (a page links ~60 URLs).
        self.seen: set[str] = {canonical_url(u) for u in self.start_urls}
        self.old: set[str] = set()  # article links skipped because the archive holds them
        # Links requested by this run and the budget-stopped runs it continues: fetched, or in the saved
        # queue. Not links refused or skipped (offsite, denied, known): a later run may want them.
        self.requested: set[str] = set()

    def closed(self, reason: str) -> None:
        state = getattr(self, "state", None)  # Scrapy's SpiderState (JOBDIR/spider.state), saved after this
        if isinstance(state, dict):
            state["requested"] = self.requested
        self.known.close()
        self.pool.close()

    async def start(self):  # type: ignore[no-untyped-def]
        for request in self._start_requests():
            yield request

    def start_requests(self):  # type: ignore[no-untyped-def]  # Scrapy < 2.13
        return self._start_requests()

    def _start_requests(self) -> Iterator[scrapy.Request]:
        if self.budget_resume:  # continuing a saved queue (JOBDIR): it holds what the stopped crawl had left
            self._count("resumed_queue")
            # ... and what it had queued: the menus of every page link the list pages again, and each
            # budget-limited run spent its pages on them (only a clean stop leaves no request in flight).
            if isinstance(state := getattr(self, "state", None), dict) and isinstance(saved := state.get("requested"), set):
                self.requested |= saved
                self.seen |= saved
        for url in self.start_urls:
            if url in self.resumed_from:
                continue
            yield self._request(url, self.parse, meta={"archiver_start": True})
        if self.use_sitemaps:  # robots.txt may name sitemaps: extra start points
            fresh = [u for u in self.start_urls if u not in self.resumed_from]
            for root in dict.fromkeys(f"{urlsplit(u).scheme}://{urlsplit(u).netloc}/robots.txt" for u in fresh):
                yield self._request(root, self.parse_robots, dont_filter=True)

    def parse_robots(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        """Follow the sitemaps a robots.txt declares."""
        if response.status == 200:
            for url in sitemaps_in_robots(response.body, response.url):
                if self.scope.refuse(url) is None:
                    yield self._request(url, self.parse, meta={"archiver_start": True})

    def _discovered(self, response: Response) -> Iterator[scrapy.Request]:
        """Links of a sitemap, sitemap index or feed, as crawl requests."""
        kind, urls = read_sitemap(response.body)
        if not kind:
            urls = read_feed(response.body)
        self._count("discovered", len(urls))
        for found in urls:
            url = self.scope.canonical(found)
            key = canonical_url(url)
            if key in self.seen or self.scope.refuse(url):
                continue
            self.seen.add(key)
            if kind == "sitemapindex":
                yield self._request(url, self.parse, meta={"archiver_start": True})
            elif self.scope.kind(url) == "article" and self.known.skip(key):
                self.old.add(key)
                self._count("skipped/known")
            else:
                yield self._request(url, self.parse, meta={"archiver_aliases": [found]} if found != url else {})

    # --- helpers --------------------------------------------------------------
    def _count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"archiver/{key}", n)

    def _count_page(self, url: str) -> None:
        self._count("pages")
        self.pages_per_site[site_of(url)] += 1
        self.crawler.stats.inc_value(f"archiver/site/{site_of(url)}/pages")

    def _request(self, url: str, callback: Any, **kwargs: Any) -> scrapy.Request:
        self.requested.add(canonical_url(url))
        site = self.scope.site(url)
        meta = kwargs.pop("meta", {})
        if site is not None:
            meta["download_slot"] = site.name  # per-site delay and concurrency (DOWNLOAD_SLOTS)
            if site.charset:
                meta["archiver_charset"] = site.charset
        return scrapy.Request(url, callback=callback, errback=self.errback, meta=meta, **kwargs)

    def _budget_left(self, url: str) -> bool:
        site = self.scope.site(url)
        budget = (site.max_pages if site and site.max_pages else None) or self.default_budget
        return not budget or self.pages_per_site[site_of(url)] < budget

    async def _extract(self, response: Response) -> Any:
        site = self.scope.site(response.url)
        try:
            return await self.pool.extract(response.body, response.url, _headers(response),
                                           charset=site.charset if site else None,
                                           selectors=site.selectors if site else None)
        except Exception as exc:  # a bug must cost one page, not the crawl: logged with its URL and counted
            self._count("errors")
            self._count("extract_errors")
            self.logger.error("extraction failed %s: %s: %s", response.url, type(exc).__name__, exc)
            return Article(url=response.url, is_article=False, flags=["extract_error"])

    # --- callbacks ------------------------------------------------------------
    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        """Route a page: dead link, continuation page, article, or list page (follow its links)."""
        self._count_page(response.url)
        if response.status in (404, 410):
            self._count("gone")
            self.logger.info("dead link %s (%s)", response.url, response.status)
            # If the archive holds this URL, the store marks it gone (never deletes it).
            yield {"kind": "gone", "url": response.url, "status": response.status,
                   "fetched_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat()}
            return
        content_type = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        if looks_like_xml(response.body, content_type) and not content_type.startswith("text/html"):
            for request in self._discovered(response):
                yield request
            return
        if not isinstance(response, TextResponse):
            self._count("skipped/not_html")
            return
        if is_continuation(response.url) and not response.meta.get("archiver_start"):
            return  # reached from a pager link outside its chain: the chain from page 1 stores it
        kind = self.scope.kind(response.url)
        candidates, new_articles = self._links(response)
        pagers = [c for c in candidates if c[1] == "list" and is_pagination(c[0])]
        for request in self._requests([c for c in candidates if not (c[1] == "list" and is_pagination(c[0]))]):
            yield request  # the frontier grows while the page is being extracted
        if kind == "list":  # a list by its URL never becomes an item: only its links matter
            for request in self._paginate(response, pagers, new_articles, is_list=True):
                yield request
            return
        article = await self._extract(response)
        for request in self._paginate(response, pagers, new_articles, is_list=not article.is_article):
            yield request
        if article.is_article and (kind == "article" or _long_enough(article)):
            now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
            item = article_item(article, response.url, now, response.meta.get("archiver_warc"))
            item["aliases"] = [*response.meta.get("archiver_aliases", []), *response.meta.get("redirect_urls", []),
                               response.url]
            next_pages = article.next_pages[: self.max_article_pages - 1]
            self.seen.update(canonical_url(u) for u in next_pages)
            yield self._next_page_request(item, next_pages) if next_pages else item

    async def parse_continuation(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        """Append a later page's body to the article and fetch the next one, or emit the item."""
        self._count_page(response.url)
        item, remaining = response.meta["archiver_item"], response.meta["archiver_remaining"]
        ok = response.status == 200 and isinstance(response, TextResponse)
        part = await self._extract(response) if ok else None
        append_page(item, part, response.url, response.meta.get("archiver_warc"))
        yield self._next_page_request(item, remaining) if remaining else item

    def errback(self, failure):  # type: ignore[no-untyped-def]
        """A fetch that failed for good (timeouts, resets, DNS): logged with its URL and counted."""
        if failure.check(HttpError):  # an HTTP error status that survived the retries: an error, counted
            status = failure.value.response.status
            self._count("errors")
            self._count(f"http_status/{status}")
            self.crawler.stats.inc_value(f"archiver/site/{site_of(failure.request.url)}/errors")
            self.logger.warning("fetch failed %s: HTTP %s", failure.request.url, status)
            return self._keep_partial(failure)
        if failure.check(AlreadyArchived):  # queued before it was stored (a resumed queue, a second route)
            self._count("skipped/known")
            return None
        if failure.check(IgnoreRequest):  # robots.txt said no, or a paused site: not an error
            self._count("skipped/ignored")
            self.logger.info("skipped %s: %s", failure.request.url, failure.getErrorMessage())
            return self._keep_partial(failure)
        self._count("errors")
        self.crawler.stats.inc_value(f"archiver/site/{site_of(failure.request.url)}/errors")
        self.logger.warning("fetch failed %s: %s", failure.request.url, failure.getErrorMessage())
        return self._keep_partial(failure)

    def _keep_partial(self, failure):  # type: ignore[no-untyped-def]
        item = failure.request.meta.get("archiver_item")
        if item is not None:  # a continuation page failed: keep what we have
            append_page(item, None, failure.request.url)
            return [item]
        return None

    def _next_page_request(self, item: dict[str, Any], pages: list[str]) -> scrapy.Request:
        # depth_reset: an article's later pages are part of it, so DEPTH_LIMIT must not drop them (and page 1).
        return self._request(pages[0], self.parse_continuation, dont_filter=True, priority=10,
                             meta={"archiver_item": item, "archiver_remaining": pages[1:], "depth_reset": True})

    def _links(self, response: TextResponse) -> tuple[list[tuple[str, str, str]], int]:
        """The page's links worth a request, as (url, kind, url as found), and a count of new articles it links
        (exact for unseen links; 0 exactly when it links none, all the pagination rule needs)."""
        candidates: list[tuple[str, str, str]] = []
        new_articles = 0
        for href in response.xpath("//a/@href").getall():
            href = href.strip()
            if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
                continue
            try:  # the web is full of broken hrefs: "http://[::1", ports past 65535 …
                found = urljoin(response.url, href).split("#", 1)[0]
                url = self.scope.canonical(found)  # a mirror's page (m., wap.) is fetched from the main host
                key = canonical_url(url)
                site_of(url)
            except ValueError:
                self._count("skipped/bad_url")
                continue
            if not url.startswith(("http://", "https://")):
                continue
            if key in self.seen:
                # Reached before by another route (a 最近更新 box, another worker's list): still new
                # for the pagination rule unless the archive already held it.
                # (only zero vs. some matters to the rule: stop classifying once one is found)
                if not new_articles and key not in self.old and self.scope.kind(url) == "article":
                    new_articles += 1
                continue
            self.seen.add(key)
            refusal = self.scope.refuse(url)
            if refusal:
                if refusal != "offsite":
                    self._count(f"skipped/{refusal}")
                continue
            kind = self.scope.kind(url)
            if kind == "other" and _has_file_extension(url):
                continue
            if kind == "article":
                if self.known.skip(key):
                    self.old.add(key)
                    self._count("skipped/known")
                    continue
                new_articles += 1
            candidates.append((url, kind, found))
        return candidates, new_articles

    def _requests(self, candidates: list[tuple[str, str, str]]) -> Iterator[scrapy.Request]:
        for url, kind, found in candidates:
            if not self._budget_left(url):
                self._count("skipped/budget")
                continue
            yield self._request(url, self.parse, meta={"archiver_aliases": [found]} if found != url else {})

    def _paginate(self, response: TextResponse, pagers: list[tuple[str, str, str]], new_articles: int,
                  is_list: bool) -> Iterator[scrapy.Request]:
        """A list's later pages, unless this list page brought nothing new: they hold older, known articles."""
        if self.stop_pagination and is_list and new_articles == 0 and not response.meta.get("archiver_start"):
            self._count("skipped/pagination", len(pagers))
            return iter(())
        return self._requests(pagers)


def _headers(response: Response) -> dict[str, str]:
    return {k.decode("latin-1"): b",".join(v).decode("latin-1") for k, v in response.headers.items()}


def _long_enough(article: Any) -> bool:
    return len(article.body or "") >= 200 and len(article.body.split("\n")) >= 2


def _has_file_extension(url: str) -> bool:
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    return "." in last and not last.lower().endswith((".html", ".htm", ".shtml", ".php", ".asp", ".aspx", ".jsp"))
