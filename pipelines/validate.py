"""Stage 2: drop what is not an article, with a reason counted in the crawl stats."""

from __future__ import annotations

import re
from typing import Any

from scrapy.exceptions import DropItem

from archiver.extract import story_text

_COUNTED = re.compile(r"[\u3400-\u9fff]|[A-Za-z0-9]+")


class ValidatePipeline:
    """Drops items that are not articles, have no title or too short a body (``ARCHIVER_MIN_BODY_CHARS``)."""

    def __init__(self, stats, min_body_chars: int):  # type: ignore[no-untyped-def]
        self.stats = stats
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler):  # type: ignore[no-untyped-def]
        return cls(crawler.stats, crawler.settings.getint("ARCHIVER_MIN_BODY_CHARS"))

    def process_item(self, item: dict[str, Any], spider=None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        if item.get("kind") == "gone":
            return item
        reason = None
        if not item.get("is_article", True):
            reason = "not_article"
        elif not item.get("title"):
            reason = "no_title"
        elif len(_COUNTED.findall(story_text(item.get("body") or "", [c for c in item.get("captions") or []
                                                                       if isinstance(c, str)], item.get("url")))) \
                < self.min_body_chars:
            reason = "short_body"
        if reason:
            self.stats.inc_value(f"archiver/dropped/{reason}")
            self.stats.inc_value("archiver/dropped")
            raise DropItem(f"{reason}: {item.get('url')}")
        return item

