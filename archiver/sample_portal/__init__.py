"""A deterministic, bundled sample of two Chinese regional news portals, served over HTTP.

What ``archiver demo`` and the end-to-end tests crawl::

    from archiver.sample_portal import SamplePortal, ARTICLES

    with SamplePortal() as portal:      # two servers on 127.0.0.1, ephemeral ports
        portal.main_url                 # "http://127.0.0.1:PORT/"  江城新闻网
        portal.partner_url              # "http://127.0.0.1:PORT2/" 越州在线
        portal.start_urls               # [main_url, partner_url]
        portal.requests_log             # [(site, path), ...] as served

Sites
    ``main`` (江城新闻网): home ``/``; channels 本地新闻 ``/news/``, 经济 ``/economy/``,
    社会 ``/society/``, 文体 ``/culture/``, 资讯 ``/zixun/``, 区县 ``/county/``, 台港澳 ``/twhk/``,
    each with ``index.html`` and, where longer than six items, ``index_1.html``, ``index_2.html``;
    ``/about.html``, ``/contact.html``, ``/sitemap.html``, ``/robots.txt`` (``Disallow: /admin/``;
    ``/admin/login.php`` is linked from the chrome and must never be fetched); the home page's
    热点排行 box links ``chrome.DEAD_LINK``, which answers 404.
    ``partner`` (越州在线): home ``/``, ``/a/bendi/``, four articles, one of them a syndicated copy
    of a main article (``syndicated_from``).

Templates (``ArticleRecord.template``)
    ``modern``: UTF-8 div CMS page; ``farm``: UTF-8, traditional script with pinyin annotations
    after characters (``經(jīng)濟(jì)``), byline and captions as body paragraphs (the seed's look);
    ``gbk_table``: circa-2005 nested tables, ``<br>`` paragraphs opened by "　　", GBK bytes
    under ``<meta ... charset=gb2312>`` with non-GB2312 characters (堃, 喆), served with a lying
    ``charset=utf-8`` header or none; ``big5``: traditional script in Big5 (one page needs
    Big5-HKSCS: 㗎 啲 嘢 哋) under ``<meta charset="big5">``; ``partner``: the second portal's.

``ARTICLES`` is a module-level list of :class:`ArticleRecord` (ground truth), computed at import
from seeded generators: the same text on every run. ``CHROME_MARKERS`` are strings that appear
only in page chrome and must never end up in an extracted body.
"""

from __future__ import annotations

from .articles import ArticleRecord, Image, build_articles
from .chrome import CHROME_MARKERS, DEAD_LINK, MAIN, PARTNER, SECTIONS
from .server import SamplePortal

ARTICLES: list[ArticleRecord] = build_articles()

__all__ = ["ARTICLES", "CHROME_MARKERS", "DEAD_LINK", "MAIN", "PARTNER", "SECTIONS",
           "ArticleRecord", "Image", "SamplePortal", "articles_on"]


def articles_on(site: str) -> list[ArticleRecord]:
    """The records of one site ("main" or "partner")."""
    return [a for a in ARTICLES if a.site == site]
