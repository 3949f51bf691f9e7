"""The second portal, 越州在线: its own template (UTF-8), home page, list and articles,
one of which is a syndicated copy of a 江城新闻网 article."""

from __future__ import annotations

from . import chrome
from .articles import ArticleRecord
from .chrome import attr, esc

P = chrome.PARTNER
_NAV = (("/", "首页"), ("/a/bendi/", "本地"), ("/a/bendi/", "江城"), ("/about.html", "关于我们"))


def _shell(title: str, main: str) -> str:
    nav = "".join(f'<a href="{h}">{esc(t)}</a>' for h, t in _NAV)
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)}</title>\n"
        '<link rel="stylesheet" href="/templets/default/style/dedecms.css">\n</head>\n<body>\n'
        '<div class="header"><div class="top w960"><div class="title"><h2><a href="/">越州在线</a>'
        '</h2><span>越州人自己的网上家园</span></div></div>\n'
        f'<div class="nav w960"><div class="navitem">{nav}</div></div></div>\n'
        f'<div class="w960 clear center mt1">\n{main}</div>\n'
        '<div class="footer w960 center mt1 clear">\n'
        '<div class="footer_left"></div><div class="footer_body">\n'
        '<p class="powered"><a href="/about.html">关于我们</a> | '
        '<a href="/contact.html">联系我们</a>'
        f'</p>\n<div class="copyright">{esc(P["copyright"])}<br>{esc(P["contact"])}<br>'
        f'{P["icp"]} {P["police"]}</div>\n</div></div>\n</body>\n</html>\n')


def render_partner_article(rec: ArticleRecord, others: list[ArticleRecord]) -> str:
    """A 越州在线 article page; ``others`` feed the "相关阅读" box."""
    body = ""
    for i, para in enumerate(rec.paragraphs):
        for im in rec.images:
            if im.before == i:
                body += (f'<p align="center"><img src="{im.src}" border="0"></p>\n'
                         f'<p align="center">{esc(im.caption)}</p>\n')
        body += f"<p>{esc(para)}</p>\n"
    related = "".join(f'<li><a href="{attr(o.path)}">{esc(o.title)}</a></li>' for o in others)
    byline = esc(rec.byline or "")
    main = (
        '<div class="pleft">\n<div class="place"><strong>当前位置:</strong> '
        '<a href="/">主页</a> &gt; '
        '<a href="/a/bendi/">本地</a> &gt;</div>\n<div class="viewbox">\n'
        f'<div class="title"><h2>{esc(rec.title)}</h2></div>\n'
        f'<div class="info"><small>时间:</small>{esc(rec.shown_time)}<small>来源:</small>'
        f'{esc(rec.source or "")}<small>作者:</small>{byline}<small>点击:</small>'
        f'<script src="/plus/count.php?view=yes&amp;aid={rec.id}"></script>次</div>\n'
        f'<div class="content">\n{body}</div>\n'
        f'<div class="editor">（编辑：{esc(rec.editor or "")}）</div>\n'
        '<div class="boxoff"><strong>------分隔线----------------------------</strong></div>\n'
        '</div>\n</div>\n'
        f'<div class="pright"><div class="infos_userinfo"><dl class="tbox"><dt><strong>相关阅读'
        f'</strong></dt><dd><ul class="c1 ico2">{related}</ul></dd></dl></div></div>\n')
    return _shell(f"{rec.title}_越州在线", main)


def render_partner_list(records: list[ArticleRecord], home: bool) -> str:
    """The partner's home page (``home``) or its 本地 list."""
    rows = "".join(f'<li><a href="{attr(r.path)}">{esc(r.title)}</a><span>{r.published[5:10]}'
                   "</span></li>\n" for r in records)
    heading = "今日要闻" if home else "本地"
    main = (f'<div class="pleft"><div class="listbox"><h3>{heading}</h3>\n'
            f'<ul class="e2">\n{rows}</ul></div></div>\n')
    return _shell("越州在线 - 越州人自己的网上家园" if home else "本地_越州在线", main)


def render_partner_about(contact: bool) -> str:
    """The partner's 关于我们 / 联系我们 page."""
    text = (f"<p>{esc(P['contact'])}</p><p>地址：越州市府山路16号越州传媒大厦</p>" if contact else
            "<p>越州在线创办于2008年，是越州地区综合性门户网站，提供本地新闻、生活服务等信息。</p>")
    title = "联系我们" if contact else "关于我们"
    return _shell(f"{title}_越州在线", f'<div class="pleft"><h3>{title}</h3>\n{text}</div>\n')
