"""Old-encoding templates: the circa-2005 GBK table layout (区县 channel) and the Big5
台港澳 channel. Both return text; :mod:`site` encodes it (GBK / Big5-HKSCS)."""

from __future__ import annotations

from . import chrome, textgen
from .articles import ArticleRecord
from .chrome import attr, esc
from .modern import Links

_INDENT = "\u3000\u3000"  # full-width spaces opening each paragraph of the old template


def _gbk_shell(title: str, main: str, side: str) -> str:
    nav = " | ".join(f'<a href="{href}" class="white">{esc(label)}</a>'
                     for href, label, _ in chrome.nav_items())
    m = chrome.MAIN
    return (
        '<html>\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
        f"<title>{esc(title)}</title>\n"
        '<link href="/css/style.css" rel="stylesheet" type="text/css">\n'
        '</head>\n<body topmargin="0" leftmargin="0" bgcolor="#FFFFFF">\n'
        '<table width="778" border="0" align="center" cellpadding="0" cellspacing="0">\n'
        '<tr><td><img src="/images/top_banner.gif" width="778" height="80" border="0"></td></tr>\n'
        f'<tr><td class="nav" bgcolor="#0055A5" height="25" align="center">{nav}</td></tr>\n'
        '</table>\n'
        '<table width="778" border="0" align="center" cellpadding="0" cellspacing="0">\n<tr>\n'
        f'<td width="560" valign="top">\n{main}</td>\n<td width="10"></td>\n'
        f'<td width="208" valign="top" bgcolor="#F5F5F5">\n{side}</td>\n</tr>\n</table>\n'
        '<table width="778" border="0" align="center" cellpadding="6" cellspacing="0" '
        'bgcolor="#E8E8E8">\n<tr><td align="center" class="copyright"><font color="#333333">\n'
        '<a href="/about.html">关于本站</a> | <a href="/contact.html">联系我们</a> | '
        f'<a href="/sitemap.html">网站地图</a> | <a href="{chrome.ADMIN_PATH}">管理登录</a><br>\n'
        "Copyright &copy; 2005-2024 江城新闻网 版权所有<br>\n"
        f"{esc(m['contact'])}<br>\n{m['icp']}&nbsp;&nbsp;{m['police']}\n"
        "</font></td></tr>\n</table>\n</body>\n</html>\n")


def _gbk_side(latest: list[tuple[str, str]]) -> str:
    rows = "".join(f'·<a href="{attr(p)}" target="_blank">{esc(t)}</a><br>\n' for p, t in latest)
    return ('<table width="100%" border="0" cellpadding="4" cellspacing="0">\n'
            '<tr><td class="lanmu" bgcolor="#0055A5"><font color="#FFFFFF"><b>最近更新</b></font>'
            f'</td></tr>\n<tr><td class="list">\n{rows}</td></tr>\n</table>\n')


def render_gbk_article(rec: ArticleRecord, links: Links) -> str:
    """A 区县 article in the old nested-table template (text; encode as GBK)."""
    body = []
    for i, para in enumerate(rec.paragraphs):
        for im in rec.images:
            if im.before == i:
                body.append(f'<div align="center"><img src="{im.src}" border="0"><br>'
                            f'<font color="#0000FF">{esc(im.caption)}</font></div><br>\n')
        body.append(f"{_INDENT}{esc(para)}<br>\n<br>\n")
    byline = rec.byline or ""
    author = "" if byline.startswith("本报讯") else f"&nbsp;&nbsp;{esc(byline)}"
    prev_next = "".join(
        f'{label}：<a href="{attr(link[0])}">{esc(link[1])}</a><br>\n' if link
        else f"{label}：没有了<br>\n"
        for label, link in (("上一篇", links.prev), ("下一篇", links.next)))
    editor = (f'<tr><td align="right">[责任编辑：{esc(rec.editor)}]</td></tr>\n'
              if rec.editor else "")
    main = (
        '<table width="100%" border="0" cellpadding="0" cellspacing="0">\n'
        '<tr><td class="weizhi" height="28">您现在的位置：<a href="/">首页</a> &gt;&gt; '
        '<a href="/county/">区县新闻</a> &gt;&gt; 正文</td></tr>\n</table>\n'
        '<table width="96%" border="0" align="center" cellpadding="4" cellspacing="0">\n'
        f'<tr><td align="center" class="title" height="40"><font size="4" color="#CC0000"><b>'
        f"{esc(rec.title)}</b></font></td></tr>\n"
        f'<tr><td align="center" class="info"><font color="#666666">发布时间：{esc(rec.shown_time)}'
        f"&nbsp;&nbsp;来源：{esc(rec.source or '')}{author}&nbsp;&nbsp;点击数："
        f'<script src="/count.php?id={rec.id}"></script></font></td></tr>\n'
        '<tr><td height="1" bgcolor="#CCCCCC"></td></tr>\n'
        '<tr><td class="content"><font style="font-size:14px; line-height:180%">\n'
        + "".join(body) + "</font></td></tr>\n" + editor
        + '<tr><td align="right">【<a href="javascript:window.print()">打印本页</a>】'
        '【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>\n'
        f'<tr><td class="prenext">{prev_next}</td></tr>\n</table>\n')
    return _gbk_shell(f"{rec.title}--江城新闻网--区县新闻", main, _gbk_side(links.latest))


def render_gbk_list(items: list[tuple[str, str, str]], page: int, pages: int,
                    latest: list[tuple[str, str]]) -> str:
    """A page of the 区县 list in the old template; ``items`` are (path, title, date)."""
    rows = "".join(f'<tr><td class="list" height="24">·<a href="{attr(p)}" target="_blank">'
                   f'{esc(t)}</a></td><td width="90" align="right"><font color="#999999">{d}'
                   "</font></td></tr>\n" for p, t, d in items)
    links = []
    for n in range(pages):
        name = "index.html" if n == 0 else f"index_{n}.html"
        links.append(f"[{n + 1}]" if n == page else f'<a href="{name}">[{n + 1}]</a>')
    nxt = f' <a href="index_{page + 1}.html">下一页</a>' if page + 1 < pages else ""
    prv = ""
    if page > 0:
        prv = f'<a href="{"index.html" if page == 1 else f"index_{page - 1}.html"}">上一页</a> '
    main = ('<table width="100%" border="0" cellpadding="0" cellspacing="0">\n'
            '<tr><td class="weizhi" height="28">您现在的位置：<a href="/">首页</a> &gt;&gt; '
            "区县新闻"
            '</td></tr>\n</table>\n<table width="96%" border="0" align="center" cellpadding="2">\n'
            + rows + f'<tr><td colspan="2" align="center">共{pages}页 {prv}{" ".join(links)}{nxt}'
            "</td></tr>\n</table>\n")
    return _gbk_shell("区县新闻--江城新闻网", main, _gbk_side(latest))


def _tw(text: str) -> str:
    return esc(textgen.to_traditional(text, "tw"))


def _big5_shell(title: str, main: str, latest: list[tuple[str, str]]) -> str:
    menu = "".join(f'<li{chrome.ON_CLASS if slug == "/twhk/" else ""}><a href="{slug}">'
                   f"{_tw(label)}</a></li>" for slug, label, _ in chrome.nav_items())
    side = "".join(f'<li><a href="{attr(p)}">{_tw(t)}</a></li>' for p, t in latest)
    m = chrome.MAIN
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html lang="zh-Hant">\n<head>\n<meta charset="big5">\n'
        f"<title>{esc(title)}</title>\n"
        '<link rel="stylesheet" type="text/css" href="/twhk/css/style.css" />\n</head>\n<body>\n'
        '<div id="header"><div class="logo"><a href="/"><img src="/static/images/logo_tw.gif" '
        f'alt="{_tw(m["name"])}" /></a></div>\n<ul id="menu">{menu}</ul></div>\n'
        f'<div id="wrapper">\n{main}'
        f'<div id="rightcol"><div class="box"><h3>最近更新</h3><ul>{side}</ul></div></div>\n'
        '</div>\n<div id="footer">\n'
        f'<a href="/about.html">{_tw("关于本站")}</a> | <a href="/contact.html">{_tw("联系我们")}'
        f'</a> | <a href="/sitemap.html">{_tw("网站地图")}</a><br />\n'
        f'{_tw(m["copyright"]).replace("©", "&copy;")}<br />\n{_tw(m["contact"])}<br />\n'
        f'{_tw(m["icp"])}&nbsp;{_tw(m["police"])}\n</div>\n</body>\n</html>\n')


def render_big5_article(rec: ArticleRecord, links: Links) -> str:
    """A 台港澳 article (traditional script; encode as Big5-HKSCS)."""
    body = []
    for i, para in enumerate(rec.paragraphs):
        for im in rec.images:
            if im.before == i:
                body.append(f'<div class="photo"><img src="{im.src}" alt="" />'
                            f'<p class="photo-caption">{esc(im.caption)}</p></div>\n')
        body.append(f"<p>{esc(para)}</p>\n")
    prev_next = "<br />".join(
        f'{_tw(label)}：<a href="{attr(link[0])}">{_tw(link[1])}</a>' if link
        else f"{_tw(label)}：{_tw('没有了')}"
        for label, link in (("上一篇", links.prev), ("下一篇", links.next)))
    tags = (f'<div class="tags">{_tw("关键词")}：{esc("、".join(rec.keywords))}</div>\n'
            if rec.keywords else "")
    main = (
        f'<div id="path"><a href="/">{_tw("首页")}</a> &gt; <a href="/twhk/">{_tw("台港澳")}</a>'
        f' &gt; {_tw("正文")}</div>\n<div id="leftcol"><div class="newsbox">\n'
        f"<h1>{esc(rec.title)}</h1>\n"
        f'<div class="newsinfo">{esc(rec.shown_time)}\u3000{esc(rec.byline or "")}\u3000'
        f'{_tw("来源")}：{esc(rec.source or "")}</div>\n'
        f'<div class="share">{_tw("分享到")}：<a href="#">{_tw("微信")}</a> '
        f'<a href="#">{_tw("微博")}</a> <a href="#">Facebook</a></div>\n'
        f'<div id="newstext">\n{"".join(body)}</div>\n'
        f'<div class="editor">{_tw("责任编辑")}：{esc(rec.editor or "")}</div>\n{tags}'
        f'<div class="prevnext">{prev_next}</div>\n</div></div>\n')
    return _big5_shell(rec.title + " - " + textgen.to_traditional("台港澳 - 江城新闻网"),
                       main, links.latest)


def render_big5_list(items: list[tuple[str, str, str]], latest: list[tuple[str, str]]) -> str:
    """The 台港澳 channel list (one page)."""
    rows = "".join(f'<li><span class="date">{d}</span><a href="{attr(p)}">{esc(t)}</a></li>\n'
                   for p, t, d in items)
    main = (f'<div id="path"><a href="/">{_tw("首页")}</a> &gt; {_tw("台港澳")}</div>\n'
            f'<div id="leftcol"><ul class="newslist">\n{rows}</ul></div>\n')
    return _big5_shell(textgen.to_traditional("台港澳 - 江城新闻网"), main, latest)
