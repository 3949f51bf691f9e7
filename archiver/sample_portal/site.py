"""Assemble every page of both sites as bytes: path (+ query) -> (status, headers, body)."""

from __future__ import annotations

from . import chrome, legacy, modern, partner
from .articles import ArticleRecord
from .chrome import attr, esc

Page = tuple[int, list[tuple[str, str]], bytes]
PAGE_SIZE = 6  # list-page length: gives the 本地新闻 channel three list pages
NOT_FOUND: Page = (404, [("Content-Type", "text/html; charset=utf-8")],
                   b"<html><head><title>404 Not Found</title></head><body><center><h1>"
                   b"404 Not Found</h1></center><hr><center>nginx</center></body></html>\n")
ROBOTS = b"User-agent: *\nDisallow: /admin/\n"
PARTNER_ROBOTS = b"User-agent: *\nDisallow:\n"
_CODEC = {"utf-8": "utf-8", "gbk": "gbk", "big5": "big5", "big5hkscs": "big5hkscs"}


def _html(text: str, charset: str = "utf-8", header: str | None = "utf-8") -> Page:
    ctype = "text/html" + (f"; charset={header}" if header else "")
    # Chrome characters the legacy code page lacks become character references, as CMSes do;
    # the article text itself is checked to encode strictly (see _check_encodable).
    return 200, [("Content-Type", ctype)], text.encode(_CODEC[charset], "xmlcharrefreplace")


def _check_encodable(rec: ArticleRecord) -> None:
    texts = [rec.title, rec.byline or "", rec.source or "", rec.editor or "", *rec.paragraphs,
             *rec.captions, *rec.keywords]
    for text in texts:
        text.encode(rec.charset)  # raises UnicodeEncodeError: fix the story data


def _date(rec: ArticleRecord) -> str:
    return rec.published[:10]


def _pager(page: int, pages: int) -> str:
    def name(n: int) -> str:
        return "index.html" if n == 0 else f"index_{n}.html"

    parts = [f'<a href="{name(0)}">首页</a>']
    if page > 0:
        parts.append(f'<a href="{name(page - 1)}">上一页</a>')
    parts += [f'<span class="current">{n + 1}</span>' if n == page
              else f'<a href="{name(n)}">{n + 1}</a>' for n in range(pages)]
    if page + 1 < pages:
        parts.append(f'<a href="{name(page + 1)}">下一页</a>')
    parts.append(f'<a href="{name(pages - 1)}">尾页</a>')
    return f'<div class="pagination">{" ".join(parts)}</div>\n'


def _list_items(records: list[ArticleRecord]) -> str:
    return "".join(f'<li><a href="{attr(r.path)}" target="_blank">{esc(r.title)}</a>'
                   f'<span class="date">{_date(r)}</span></li>\n' for r in records)


def _home(main: list[ArticleRecord], latest: list[tuple[str, str]]) -> str:
    top = next(r for r in main if r.section == "news")
    blocks = ""
    for slug, name in chrome.SECTIONS.items():
        items = [r for r in main if r.section == slug][:5]
        blocks += ('<div class="block"><div class="block-hd">'
                   f'<h3><a href="/{slug}/">{name}</a></h3>'
                   f'<a class="more" href="/{slug}/index.html">更多&gt;&gt;</a></div>\n'
                   f'<ul class="news-list">\n{_list_items(items)}</ul></div>\n')
    dead_path, dead_title = chrome.DEAD_LINK
    rank = [(dead_path, dead_title)] + latest[4:9]
    body = (
        f'<div class="headline"><h2><a href="{attr(top.path)}">{esc(top.title)}</a></h2>'
        f"<p>{esc(top.paragraphs[0][:58])}……</p></div>\n"
        f'<div class="main-left">\n{blocks}</div>\n<div class="main-right">\n'
        + chrome.latest_box(latest)
        + '<div class="box"><div class="box-hd"><h3>热点排行</h3></div><ol class="rank">'
        + "".join(f'<li><a href="{attr(p)}">{esc(t)}</a></li>' for p, t in rank)
        + "</ol></div>\n</div>\n")
    keywords = '<meta name="keywords" content="江城,江城新闻,江城新闻网">\n'
    return chrome.modern_page("江城新闻网 - 江城权威新闻门户", body, None, head_extra=keywords)


def _static(title: str, html_body: str) -> str:
    body = (f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; {title}</div>\n'
            f'<div class="single"><h2>{title}</h2>\n{html_body}</div>\n')
    return chrome.modern_page(f"{title}_江城新闻网", body, None)


def _main_statics(pages: dict[str, Page]) -> None:
    m = chrome.MAIN
    pages["/about.html"] = _html(_static("关于我们", (
        "<p>江城新闻网是江城日报社主办的地方综合性新闻网站，创办于2005年，"
        "是江城市重点新闻网站。</p><p>网站设有本地新闻、经济、社会、文体、区县、台港澳等频道，"
        "日均发布新闻信息数百条。</p>")))
    pages["/contact.html"] = _html(_static("联系我们", (
        f"<p>{esc(m['contact'])}</p><p>新闻热线：0571-87650000</p>"
        "<p>地址：江城市临江区江滨大道188号江城日报大楼</p><p>邮编：310000</p>")))
    links = "".join(f'<li><a href="/{slug}/">{name}</a></li>'
                    for slug, name in chrome.SECTIONS.items())
    pages["/sitemap.html"] = _html(_static("网站地图", (
        f'<ul class="sitemap"><li><a href="/">首页</a></li>{links}'
        '<li><a href="/about.html">关于我们</a></li>'
        '<li><a href="/contact.html">联系我们</a></li></ul>')))
    pages["/robots.txt"] = (200, [("Content-Type", "text/plain")], ROBOTS)


def build_pages(records: list[ArticleRecord]) -> dict[str, dict[str, Page]]:
    """Every page of both sites; ``records`` is :data:`ARTICLES`."""
    for rec in records:
        _check_encodable(rec)
    main = sorted((r for r in records if r.site == "main"), key=lambda r: r.published,
                  reverse=True)
    latest = [(r.path, r.title) for r in main[:10]]
    pages: dict[str, Page] = {}
    home = _html(_home(main, latest))
    pages["/"] = pages["/index.html"] = home
    for slug, name in chrome.SECTIONS.items():
        items = [r for r in main if r.section == slug]
        chunks = [items[i:i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)]
        for n, chunk in enumerate(chunks):
            if slug == "county":
                page = _html(legacy.render_gbk_list([(r.path, r.title, _date(r)) for r in chunk],
                                                    n, len(chunks), latest), "gbk", "utf-8")
            elif slug == "twhk":
                page = _html(legacy.render_big5_list(
                    [(r.path, r.title, _date(r)) for r in chunk], latest), "big5", None)
            else:
                body = (f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; {name}</div>\n'
                        '<div class="main-left"><div class="list-box">'
                        f'<h2 class="list-title">{name}'
                        f'</h2>\n<ul class="news-list">\n{_list_items(chunk)}</ul>\n'
                        + _pager(n, len(chunks)) + "</div></div>\n"
                        '<div class="main-right">\n' + chrome.latest_box(latest) + "</div>\n")
                page = _html(chrome.modern_page(f"{name}_江城新闻网", body, slug))
            pages[f"/{slug}/index_{n}.html" if n else f"/{slug}/index.html"] = page
            if n == 0:
                pages[f"/{slug}/"] = page
        for i, rec in enumerate(items):
            newer = items[i - 1] if i > 0 else None
            older = items[i + 1] if i + 1 < len(items) else None
            links = modern.Links(prev=(older.path, older.title) if older else None,
                                 next=(newer.path, newer.title) if newer else None,
                                 latest=[x for x in latest if x[0] != rec.path][:8])
            for k, path in enumerate(rec.pages, start=1):
                if rec.template == "modern":
                    text = modern.render_modern(rec, k, links)
                elif rec.template == "farm":
                    text = modern.render_farm(rec, links)
                elif rec.template == "gbk_table":
                    text = legacy.render_gbk_article(rec, links)
                else:
                    text = legacy.render_big5_article(rec, links)
                pages[path] = _html(text, rec.charset, rec.header_charset)
    _main_statics(pages)

    side = sorted((r for r in records if r.site == "partner"), key=lambda r: r.published,
                  reverse=True)
    ppages: dict[str, Page] = {
        "/": _html(partner.render_partner_list(side, home=True)),
        "/a/bendi/": _html(partner.render_partner_list(side, home=False)),
        "/about.html": _html(partner.render_partner_about(contact=False)),
        "/contact.html": _html(partner.render_partner_about(contact=True)),
        "/robots.txt": (200, [("Content-Type", "text/plain")], PARTNER_ROBOTS),
    }
    ppages["/index.html"] = ppages["/"]
    for rec in side:
        others = [o for o in side if o is not rec]
        ppages[rec.path] = _html(partner.render_partner_article(rec, others), rec.charset,
                                 rec.header_charset)
    return {"main": pages, "partner": ppages}
