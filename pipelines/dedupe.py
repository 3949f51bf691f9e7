"""Stage 3: drop a URL already stored in this run (a second route to the same page)."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem


class UrlDedupePipeline:
    """Drops repeated canonical URLs within one crawl; cross-run and same-content copies are the store's job."""

    def __init__(self, stats):  # type: ignore[no-untyped-def]
        self.stats = stats
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        return cls(crawler.stats)

    def process_item(self, item: dict[str, Any], spider=None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        if item.get("kind") == "gone":
            return item
        if item["url"] in self.seen:
            self.stats.inc_value("archiver/dropped/url_seen")
            raise DropItem(f"url already stored in this run: {item['url']}")
        self.seen.add(item["url"])
        return item
