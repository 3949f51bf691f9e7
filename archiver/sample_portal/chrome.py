"""Site identities and the page chrome shared by the sample portal's templates.

``CHROME_MARKERS`` lists strings that only ever appear in chrome (never in an article body),
in every script the pages use them in: simplified, traditional (Taiwan and Hong Kong forms)
and traditional with the content farm's pinyin annotations.
"""

from __future__ import annotations

import html

from . import textgen

MAIN = {
    "name": "江城新闻网",
    "domain": "www.jcxww.cn",
    "icp": "浙ICP备12345678号-1",
    "police": "浙公网安备 33010202000123号",
    "copyright": "Copyright © 2005-2024 江城新闻网 版权所有",
    "phone": "0571-87654321",
    "email": "news@jcxww.cn",
}
PARTNER = {
    "name": "越州在线",
    "domain": "www.yzol.net",
    "icp": "浙ICP备87654321号",
    "police": "浙公网安备 33060202000456号",
    "copyright": "Copyright © 2008-2024 越州在线 All Rights Reserved",
    "phone": "0575-88886666",
    "email": "webmaster@yzol.net",
}
for _site in (MAIN, PARTNER):
    _site["contact"] = f"联系电话：{_site['phone']} 邮箱：{_site['email']}"

# Channels of the main site: slug -> name (slug is the list-page folder).
SECTIONS = {"news": "本地新闻", "economy": "经济", "society": "社会", "culture": "文体",
            "zixun": "资讯", "county": "区县", "twhk": "台港澳"}
ADMIN_PATH = "/admin/login.php"
ON_CLASS = ' class="on"'
DEAD_LINK = ("/news/2024/0301/1199.html", "江城春季招聘会提供就业岗位两万余个")

_BASE_MARKERS = (
    MAIN["icp"], MAIN["police"], MAIN["copyright"], MAIN["phone"], MAIN["email"], MAIN["contact"],
    PARTNER["icp"], PARTNER["police"], PARTNER["copyright"], PARTNER["phone"], PARTNER["email"],
    "浙ICP备", "公网安备", "版权所有", "Copyright ©", "最近更新", "分享到", "扫一扫", "上一篇",
    "下一篇", "关于本站", "联系我们", "网站地图", "管理登录", "责任编辑", "当前位置",
    "您现在的位置",
    "打印本页", "关闭窗口", "热点排行", "相关阅读", "欢迎访问江城新闻网", "请输入关键词",
    "越州人自己的网上家园", "分隔线",
)


def _variants(text: str) -> list[str]:
    tw = textgen.to_traditional(text, "tw")
    hk = textgen.to_traditional(text, "hk")
    return [text, tw, hk, textgen.annotate_pinyin(tw)]


CHROME_MARKERS: tuple[str, ...] = tuple(dict.fromkeys(
    v for m in _BASE_MARKERS for v in _variants(m)))


def esc(text: str) -> str:
    """HTML-escape element text (quotes left alone, as CMS templates do)."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """HTML-escape an attribute value."""
    return html.escape(text, quote=True)


def nav_items(current: str | None = None) -> list[tuple[str, str, bool]]:
    """(href, label, is_current) for the main site's channel navigation."""
    items = [("/", "首页", current is None)]
    items += [(f"/{slug}/", name, slug == current) for slug, name in SECTIONS.items()]
    return items


def modern_header(current: str | None) -> str:
    """Top bar, logo/search header and channel navigation of the modern main-site template."""
    nav = "".join(
        f'<li{ON_CLASS if on else ""}><a href="{href}">{esc(label)}</a></li>'
        for href, label, on in nav_items(current))
    return (
        '<div class="topbar"><div class="w1200 clearfix">'
        '<span class="fl">欢迎访问江城新闻网！</span>'
        f'<span class="fr"><a href="{ADMIN_PATH}">管理登录</a> | '
        '<a href="/sitemap.html">网站地图</a>'
        '</span></div></div>\n'
        '<div class="header w1200 clearfix"><a class="logo" href="/">'
        '<img src="/static/images/logo.png" alt="江城新闻网"></a>\n'
        '<form class="search" action="/search.php" method="get">'
        '<input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button>'
        '</form></div>\n'
        f'<div class="nav"><ul class="w1200 clearfix">{nav}</ul></div>\n')


def modern_footer() -> str:
    """Footer of the modern main-site template (links, copyright, contact, ICP)."""
    return (
        '<div class="footer"><div class="w1200">\n'
        '<p class="links"><a href="/about.html">关于本站</a> | <a href="/contact.html">联系我们</a>'
        ' | <a href="/sitemap.html">网站地图</a></p>\n'
        f'<p>{esc(MAIN["copyright"])}</p>\n'
        f'<p>{esc(MAIN["contact"])}</p>\n'
        f'<p><span class="icp">{MAIN["icp"]}</span> '
        '<img src="/static/images/gongan.png" alt="" width="16" height="16"> '
        f'<span class="police">{MAIN["police"]}</span></p>\n'
        '</div></div>\n'
        '<script src="/static/js/common.js"></script>\n'
        '<script>var _hmt = _hmt || [];</script>\n')


def latest_box(latest: list[tuple[str, str]], tag: str = "h3") -> str:
    """The "最近更新" sidebar box: ``latest`` is a list of (path, title)."""
    items = "".join(f'<li><a href="{attr(p)}" target="_blank">{esc(t)}</a></li>'
                    for p, t in latest)
    return (f'<div class="box"><div class="box-hd"><{tag}>最近更新</{tag}></div>'
            f'<ul class="list">{items}</ul></div>\n')


def modern_page(title: str, body: str, current: str | None, *, head_extra: str = "") -> str:
    """Wrap ``body`` in the modern main-site template (UTF-8)."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f'<title>{esc(title)}</title>\n{head_extra}'
        '<link rel="stylesheet" href="/static/css/common.css">\n'
        '<script src="/static/js/jquery-1.12.4.min.js"></script>\n</head>\n<body>\n'
        + modern_header(current)
        + f'<div class="w1200 main clearfix">\n{body}</div>\n'
        + modern_footer() + '</body>\n</html>\n')
