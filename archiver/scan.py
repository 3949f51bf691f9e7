"""One walk over the parsed page: read <meta>/JSON-LD, drop what is never content, index what later stages look up.

BeautifulSoup's find_all walks the whole tree on every call (~3 ms a page), so
the stages share this single pass instead of searching again and again.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, Comment, Tag

from . import lexicon as lx
from .text import clean_line

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
TITLE_ATTR = re.compile(r"(?i)title|biaoti|headline|bt")
INFO_ATTR = re.compile(r"(?i)info|source|author|byline|time|date|pub|meta|attr|laiyuan|zuozhe|editor|detail-?desc|"
                       r"art_?tit|fbsj")
ITEMPROP_DATES = ("datePublished", "headline", "author")


@dataclass(slots=True)
class PageScan:
    """What one pass over the page found."""

    meta: dict[str, str] = field(default_factory=dict)
    """<meta> name/property/itemprop (lowercased) -> content, first occurrence wins."""
    ld: dict[str, Any] = field(default_factory=dict)
    """The first JSON-LD object with a headline or datePublished."""
    title_text: str | None = None
    lang: str | None = None
    canonical: str | None = None
    """<link rel=canonical> or og:url, when absolute."""
    headings: list[Tag] = field(default_factory=list)
    """h1-h4 and title-classed elements, in document order."""
    info: list[Tag] = field(default_factory=list)
    """Elements whose class or id names an info line (time, source, author …)."""
    links: list[Tag] = field(default_factory=list)
    password_box: Tag | None = None
    """The element holding the page's first password input (a sign-in form; the input itself is removed)."""


def _classes(tag: Tag) -> str:
    classes = tag.attrs.get("class") or []
    return " ".join(classes) if isinstance(classes, list) else str(classes)


def _read_ld(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, TypeError):
        return {}
    items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
    for item in items:
        if isinstance(item, dict) and ("headline" in item or "datePublished" in item):
            return item
    return {}


def _attached(tag: Tag, root: BeautifulSoup) -> bool:
    for parent in tag.parents:
        if parent is root:
            return True
    return False


def scan(soup: BeautifulSoup) -> PageScan:
    """Read metadata, remove scripts, styles, form controls, HTML comments, reader comments and hidden elements."""
    found = PageScan()
    junk = set(lx.JUNK_TAGS)
    doomed = []
    for el in soup.descendants:
        if isinstance(el, Comment):
            doomed.append(el)
            continue
        if not isinstance(el, Tag):
            continue
        name, attrs = el.name, el.attrs
        if name == "meta":
            key = attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or attrs.get("http-equiv")
            content = attrs.get("content")
            if key and content and str(content).strip():
                found.meta.setdefault(str(key).strip().lower(), clean_line(str(content)))
        elif name == "script" and attrs.get("type") == "application/ld+json" and not found.ld:
            found.ld = _read_ld(el.get_text())
        elif name == "title" and found.title_text is None:
            found.title_text = clean_line(el.get_text())
        elif name == "link" and found.canonical is None and "canonical" in (attrs.get("rel") or []):
            href = str(attrs.get("href") or "")
            found.canonical = href if href.startswith(("http://", "https://")) else None
        elif name == "html" and found.lang is None:
            found.lang = attrs.get("lang")
        elif name == "input" and found.password_box is None and str(attrs.get("type") or "").lower() == "password":
            found.password_box = el.parent
        if name in junk or "hidden" in attrs:
            doomed.append(el)
            continue
        style = attrs.get("style")
        if style and _HIDDEN_STYLE.search(str(style)):
            doomed.append(el)
            continue
        if attrs.get("itemprop") in ITEMPROP_DATES and attrs.get("datetime"):
            found.meta.setdefault(str(attrs["itemprop"]).lower(), str(attrs["datetime"]))
        cue = _classes(el) if "class" in attrs else ""
        ident = str(attrs.get("id") or "")
        both = f"{cue} {ident}"
        if (cue or ident) and lx.COMMENTS_ATTR.search(both) and not lx.POSITIVE_ATTR.search(both) \
                and name not in ("body", "html", "article", "main"):
            doomed.append(el)  # reader comments: their text would pull the content choice away
            continue
        if name in ("h1", "h2", "h3", "h4", "h5", "h6") or (cue and TITLE_ATTR.search(cue)):
            found.headings.append(el)
        if (cue and INFO_ATTR.search(cue)) or (ident and INFO_ATTR.search(ident)):
            found.info.append(el)
        if name == "a" and "href" in attrs:
            found.links.append(el)
    if found.canonical is None and found.meta.get("og:url", "").startswith(("http://", "https://")):
        found.canonical = found.meta["og:url"]
    # extract(), not decompose(): a nested doomed element stays intact inside its detached ancestor.
    for el in doomed:
        el.extract()
    if doomed:
        found.headings = [t for t in found.headings if _attached(t, soup)]
        found.info = [t for t in found.info if _attached(t, soup)]
        found.links = [t for t in found.links if _attached(t, soup)]
    return found
