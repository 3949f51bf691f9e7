"""UTF-8 article templates: the modern CMS page and the content farm's converted copy."""

from __future__ import annotations

from dataclasses import dataclass

from . import chrome, textgen
from .articles import ArticleRecord, Image
from .chrome import attr, esc


@dataclass(frozen=True)
class Links:
    """Links around an article: neighbours in its channel and the "最近更新" list."""

    prev: tuple[str, str] | None   # (path, title)
    next: tuple[str, str] | None
    latest: list[tuple[str, str]]


def _image(im: Image, figure: bool) -> str:
    if figure:
        return (f'<figure class="image"><img src="{im.src}" alt="{attr(im.caption)}">'
                f'<figcaption>{esc(im.caption)}</figcaption></figure>\n')
    return (f'<p style="text-align: center;"><img src="{im.src}" alt="" border="0"></p>\n'
            f'<p class="pic-text" style="text-align: center;">{esc(im.caption)}</p>\n')


def _body(paragraphs: list[str], images: list[Image], offset: int, figure: bool) -> str:
    out = []
    for i, para in enumerate(paragraphs, start=offset):
        out += [_image(im, figure) for im in images if im.before == i]
        out.append(f"<p>{esc(para)}</p>\n")
    return "".join(out)


def _prev_next(links: Links, labels: tuple[str, str, str] = ("上一篇", "下一篇", "没有了")) -> str:
    rows = []
    for label, link in zip(labels, (links.prev, links.next)):
        target = f'<a href="{attr(link[0])}">{esc(link[1])}</a>' if link else labels[2]
        rows.append(f"<p>{label}：{target}</p>")
    return f'<div class="prenext">{"".join(rows)}</div>\n'


def render_modern(rec: ArticleRecord, page: int, links: Links) -> str:
    """One page (1-based ``page``) of a modern-template article."""
    section = chrome.SECTIONS[rec.section]
    paragraphs, offset = rec.paragraphs, 0
    pager = ""
    if rec.page_break is not None:
        one, two = (p.rsplit("/", 1)[1] for p in rec.pages)
        if page == 1:
            paragraphs = rec.paragraphs[: rec.page_break]
            pager = (f'<div class="pages"><span class="current">第1页</span> '
                     f'<a href="{two}">第2页</a> <a href="{two}">下一页</a></div>\n')
        else:
            paragraphs, offset = rec.paragraphs[rec.page_break:], rec.page_break
            pager = (f'<div class="pages"><a href="{one}">上一页</a> <a href="{one}">第1页</a> '
                     '<span class="current">第2页</span></div>\n')
    author = "" if rec.byline and rec.byline.startswith("本报讯") else (
        f'<span class="author">{esc(rec.byline or "")}</span>')
    keywords = ""
    if rec.keywords:
        keywords = ('<div class="keywords">关键词：'
                    + "、".join(f"<span>{esc(k)}</span>" for k in rec.keywords) + "</div>\n")
    head = f'<meta name="description" content="{attr(rec.paragraphs[0][:60])}">\n'
    if rec.keywords:
        head = f'<meta name="keywords" content="{attr(",".join(rec.keywords))}">\n' + head
    body = (
        f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; '
        f'<a href="/{rec.section}/">{section}</a> &gt; 正文</div>\n'
        '<div class="main-left">\n<div class="article">\n'
        f'<h1 class="title">{esc(rec.title)}</h1>\n'
        '<div class="info clearfix"><div class="info-left">'
        f'<span class="time">{esc(rec.shown_time)}</span>'
        f'<span class="source">来源：{esc(rec.source or "")}</span>{author}</div>\n'
        '<div class="share">分享到：<a href="javascript:;" class="share-wx">微信</a>'
        '<a href="javascript:;" class="share-wb">微博</a><span class="qrcode">扫一扫'
        '<img src="/static/images/qrcode.png" alt=""></span></div></div>\n'
        '<div class="content" id="article_content">\n'
        + _body(paragraphs, rec.images, offset, figure=rec.id % 2 == 0)
        + "</div>\n" + pager
        + f'<div class="editor">责任编辑：{esc(rec.editor or "")}</div>\n'
        + keywords + _prev_next(links)
        + "</div>\n</div>\n"
        '<div class="main-right">\n' + chrome.latest_box(links.latest)
        + '<div class="box"><div class="box-hd"><h3>热点排行</h3></div><ol class="rank">'
        + "".join(f'<li><a href="{attr(p)}">{esc(t)}</a></li>' for p, t in links.latest[3:8])
        + "</ol></div>\n</div>\n")
    return chrome.modern_page(f"{rec.title}_{section}_江城新闻网", body, rec.section,
                              head_extra=head)


def _farm(text: str) -> str:
    """Traditional script + pinyin annotations, escaped for HTML."""
    return esc(textgen.annotate_pinyin(textgen.to_traditional(text, "tw")))


def render_farm(rec: ArticleRecord, links: Links) -> str:
    """A content-farm page: everything in traditional script with pinyin annotations,
    the byline and captions as centred paragraphs inside the body (like the seed page)."""
    ann = textgen.annotate_pinyin
    links = Links(*(None if link is None else (link[0], ann(textgen.to_traditional(link[1])))
                    for link in (links.prev, links.next)), links.latest)
    center = '<p style="text-align: center;">'
    first, marker, *rest = rec.images
    content = (f'{center}<img src="{first.src}" alt=""></p>\n'
               f"{center}{esc(ann(first.caption))}</p>\n"
               f"<p>{esc(ann(rec.byline or ''))}</p>\n"
               f'{center}<img src="{marker.src}" alt=""></p>\n{center}{esc(marker.caption)}</p>\n')
    for i, para in enumerate(rec.paragraphs):
        for im in rest:
            if im.before == i:
                content += (f'{center}<img src="{im.src}" alt=""></p>\n'
                            f"{center}{esc(ann(im.caption))}</p>\n")
        content += f"<p>{esc(ann(para))}</p>\n"
    nav = "".join(f' | <a href="{href}">{_farm(label)}</a>'
                  for href, label, _ in chrome.nav_items()[1:6])
    latest = "".join(f'<li><a href="{attr(p)}">{_farm(t)}</a></li>' for p, t in links.latest)
    site = _farm(chrome.MAIN["name"])
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hant">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(ann(rec.title))}_{site}</title>\n"
        f'<meta name="keywords" content="{attr(",".join(rec.keywords))}">\n'
        f'<meta name="description" content="{attr(ann(rec.paragraphs[0][:50]))}">\n'
        '<link rel="stylesheet" href="/static/css/style.css">\n'
        '<script src="/static/js/jquery.min.js"></script>\n</head>\n<body>\n'
        f'<div class="topbar"><div class="wrap"><a href="/">{_farm("首页")}</a>{nav}</div></div>\n'
        f'<div class="header"><div class="wrap"><a class="logo" href="/"><img src="/static/images/'
        f'logo.png" alt="{site}"></a>\n<form class="search" action="/search.php"><input name="q" '
        f'placeholder="{_farm("搜索")}"><button>{_farm("搜索")}</button></form></div></div>\n'
        '<div class="wrap main">\n'
        f'<div class="crumb"><a href="/">{_farm("首页")}</a> <a href="/zixun/">{_farm("资讯")}</a>'
        f' &gt; {_farm("正文")}</div>\n<div class="left">\n<div class="article">\n'
        f"<h1>{esc(ann(rec.title))}</h1>\n"
        f'<div class="info"><span class="time">{esc(rec.shown_time)}</span></div>\n'
        f'<div class="content" id="article-content">\n{content}</div>\n'
        f'<div class="keywords">{_farm("关键词")}:{esc(ann("、".join(rec.keywords)))}</div>\n'
        + _prev_next(links, (_farm("上一篇"), _farm("下一篇"), _farm("没有了")))
        + '</div>\n</div>\n<div class="right">\n'
        f'<div class="box"><h3>{_farm("最近更新")}</h3><ul class="list" id="latest">{latest}</ul>'
        '</div>\n</div>\n</div>\n<div class="footer"><div class="wrap">\n'
        f'<p><a href="/about.html">{_farm("关于本站")}</a> <a href="/contact.html">'
        f'{_farm("联系我们")}</a> <a href="/sitemap.html">{_farm("网站地图")}</a></p>\n'
        f'<p>{_farm(chrome.MAIN["copyright"])}</p>\n<p>{_farm(chrome.MAIN["contact"])}</p>\n'
        f'<p>{_farm(chrome.MAIN["icp"])} {_farm(chrome.MAIN["police"])}</p>\n'
        '</div></div>\n<script>var _hmt = _hmt || [];</script>\n</body>\n</html>\n')
