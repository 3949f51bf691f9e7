"""Stage 1: normalise an extracted item (canonical URL, clean text, content hash)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from archiver.urls import canonical_url

_NON_CONTENT = re.compile(r"[\W_]+", re.UNICODE)


def content_hash(body: str | None) -> str | None:
    """SHA-1 of the body reduced to letters and digits (NFKC, case-folded): insensitive to spacing and punctuation."""
    if not body:
        return None
    reduced = _NON_CONTENT.sub("", unicodedata.normalize("NFKC", body).casefold())
    return hashlib.sha1(reduced.encode("utf-8")).hexdigest()


class NormalizePipeline:
    """Canonicalise the URL, trim text fields, drop empty strings, compute ``content_hash``."""

    def process_item(self, item: dict[str, Any], spider=None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        item["url"] = canonical_url(item["url"])
        if item.get("kind") == "gone":
            return item
        # Every URL the record was reached by, as found and canonical (incremental runs look both up).
        item["aliases"] = list(dict.fromkeys(_with_canonical(item.get("aliases") or [])))
        for key in ("title", "byline", "source", "editor", "body", "site_name"):
            value = item.get(key)
            if isinstance(value, str):
                value = value.strip()
            item[key] = value or None
        item["content_hash"] = content_hash(item.get("body"))
        return item


def _with_canonical(urls: list[str]) -> list[str]:
    out: list[str] = []
    for url in urls:
        out.append(url)
        try:
            out.append(canonical_url(url))
        except ValueError:
            pass
    return out
