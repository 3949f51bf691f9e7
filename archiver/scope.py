"""What a crawl may fetch: its sites, their URL rules from the registry, and caps against crawler traps."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from .sites import Site
from .urls import classify_url, site_of

PAGINATION = re.compile(r"(_\d+\.s?html?$|[?&](page|p|pn|pageno|pageindex)=\d+)", re.I)


@dataclass(frozen=True, slots=True)
class TrapCaps:
    """Limits that keep a crawl out of infinite URL spaces."""

    max_url_length: int = 512
    max_repeated_segment: int = 2      # /a/b/a/b/a/… : the same path segment more than this many times
    max_query_params: int = 8
    max_query_variants: int = 100      # distinct query strings of one path (calendars, sort orders, session ids)
    max_path_depth: int = 12


class CrawlScope:
    """The sites of one crawl: which URLs to follow, and which registry entry governs each."""

    def __init__(self, start_urls: list[str], sites: list[Site], extra_hosts: list[str], caps: TrapCaps,
                 follow_offsite: bool = False):
        self.caps = caps
        self.follow_offsite = follow_offsite
        self.by_key: dict[str, Site] = {key: site for site in sites for key in site.keys}
        self.keys = {site_of(u) for u in start_urls} | set(self.by_key) | {site_of("http://" + h) for h in extra_hosts}
        self.query_variants: Counter[str] = Counter()

    def site(self, url: str) -> Site | None:
        """The registry entry governing ``url``, if any."""
        return self.by_key.get(site_of(url))

    def canonical(self, url: str) -> str:
        """``url`` as its site's rules name it (mirror hosts mapped to the main one); unchanged elsewhere."""
        site = self.site(url)
        return site.rewrite(url) if site and site.url_rewrites else url

    def kind(self, url: str) -> str:
        """"article", "list" or "other": the site's own patterns first, then the generic URL shapes."""
        site = self.site(url)
        if site:
            target = _path_and_query(url)
            if any(p.search(target) for p in site.article_patterns):
                return "article"
            if any(p.search(target) for p in site.list_patterns):
                return "list"
        return classify_url(url)

    def refuse(self, url: str) -> str | None:
        """Why ``url`` must not be followed ("offsite", "denied", "trap/…"), or None to follow it."""
        if not self.follow_offsite and site_of(url) not in self.keys:
            return "offsite"
        site = self.site(url)
        target = _path_and_query(url)
        if site and any(p.search(target) for p in site.deny_patterns):
            return "denied"
        return self._trap(url, self.kind(url) in ("article", "list"))

    def _trap(self, url: str, known_shape: bool = False) -> str | None:
        caps = self.caps
        if len(url) > caps.max_url_length:
            return "trap/url_length"
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) > caps.max_path_depth:
            return "trap/path_depth"
        if segments and max(Counter(segments).values()) > caps.max_repeated_segment:
            return "trap/repeated_segment"
        if parts.query:
            if parts.query.count("&") + 1 > caps.max_query_params:
                return "trap/query_params"
            if known_shape:  # show.php?id=N articles and ?page=N lists are many by nature, not a trap
                return None
            key = f"{parts.netloc}{parts.path}"
            self.query_variants[key] += 1
            if self.query_variants[key] > caps.max_query_variants:
                return "trap/query_variants"
        return None


def _path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def is_pagination(url: str) -> bool:
    """A list page beyond the first (``index_2.html``, ``?page=3``)."""
    return bool(PAGINATION.search(_path_and_query(url)))
