"""Extra start points: sitemaps (and sitemap indexes) named in robots.txt or the registry, RSS/Atom feeds."""

from __future__ import annotations

from lxml import etree
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

MAX_FEED_BYTES = 20 * 1024 * 1024


def sitemaps_in_robots(body: bytes, base_url: str) -> list[str]:
    """Sitemap URLs a robots.txt declares."""
    return list(sitemap_urls_from_robots(body, base_url=base_url))


def read_sitemap(body: bytes) -> tuple[str, list[str]]:
    """("urlset" | "sitemapindex" | "", URLs) of a sitemap document; ("", []) when it is not one."""
    try:
        sitemap = Sitemap(body[:MAX_FEED_BYTES])
    except (etree.XMLSyntaxError, ValueError):
        return "", []
    kind = sitemap.type or ""
    if kind not in ("urlset", "sitemapindex"):
        return "", []
    return kind, [entry["loc"].strip() for entry in sitemap if entry.get("loc")]


def read_feed(body: bytes) -> list[str]:
    """Item links of an RSS 2.0 / RSS 1.0 / Atom feed; [] when the bytes are not a feed."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body[:MAX_FEED_BYTES], parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    links = [t.strip() for t in root.xpath("//*[local-name()='item']/*[local-name()='link']/text()")]
    links += [h.strip() for h in root.xpath(
        "//*[local-name()='entry']/*[local-name()='link'][not(@rel) or @rel='alternate']/@href")]
    return [link for link in links if link.startswith(("http://", "https://"))]


def looks_like_xml(body: bytes, content_type: str) -> bool:
    """True for sitemap / feed documents (by type or by their first bytes)."""
    head = body[:300].lstrip().lower()
    return "xml" in content_type or "rss" in content_type or "atom" in content_type or head.startswith(b"<?xml") \
        or head.startswith((b"<rss", b"<feed", b"<urlset", b"<sitemapindex"))
