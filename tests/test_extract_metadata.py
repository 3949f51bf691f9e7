"""Who wrote it: authors from self-media account lines, and the portal's own name refused as an author."""

from __future__ import annotations

from archiver.extract import extract

BODY = "".join(f"<p>第{i}段：京沪高速无锡至江阴大桥段将封闭施工，请过往车辆提前绕行，注意交通安全。</p>" for i in range(8))


def page(info: str, meta_author: str = "网易", title: str = "京沪高速部分路段封闭施工_网易订阅") -> bytes:
    return (f'<html><head><meta charset="utf-8"><title>{title}</title><meta name="author" content="{meta_author}">'
            f'</head><body><div class="article"><h2>京沪高速部分路段封闭施工</h2><p class="time">{info}</p>'
            f'<div class="post_body">{BODY}<p>来源：无锡交警</p></div></div>'
            f'<div class="footer">© 1997-2020 网易公司版权所有</div></body></html>').encode()


def test_self_media_account_beside_the_date_is_the_author() -> None:
    art = extract(page("<span>2019-05-17</span><span> · </span><span>苏皖城市报道</span>"),
                  "https://dy.163.com/article/1.html", {})
    assert art.authors == ["苏皖城市报道"]
    assert "苏皖城市报道" not in art.body and "京沪高速" in art.body


def test_the_portal_itself_is_not_an_author() -> None:
    art = extract(page("<span>2019-05-17</span>"), "https://dy.163.com/article/2.html", {})
    assert art.authors == []  # meta author "网易" is the site (网易订阅, 网易公司版权所有)


def test_a_person_in_the_meta_author_is_kept() -> None:
    art = extract(page("<span>2019-05-17</span>", meta_author="张三"), "https://dy.163.com/article/3.html", {})
    assert art.authors == ["张三"]


def test_an_outlet_beside_the_date_is_not_an_author() -> None:
    art = extract(page("<span>2019-05-17</span><span> · </span><span>江城日报</span>", meta_author=""),
                  "https://dy.163.com/article/4.html", {})
    assert art.authors == []


def test_a_centred_bold_headline_and_the_lone_name_under_it() -> None:
    """A hand-made 1990s page: placeholder <title>, headline only centred and bold, the author's name alone."""
    prose = "".join(f"人心不会熄灭，但它可能蒙上灰烬而不再燃烧。这是第{i}段文字，讨论一个长久的问题。<br>\n" for i in range(12))
    html = ("<html><head><title>显示</title></head><body><p align='center'><font color=darkblue><strong>犬儒病(上)"
            f"</strong></font></p><hr><p> 胡平<br><br>——当代中国的精神危机<br><br>{prose}</p></body></html>")
    art = extract(html.encode("gb18030"), "http://example.com/ShowAnnounce.asp?id=65", {})
    assert art.title == "犬儒病(上)"
    assert art.authors == ["胡平"]
    lines = art.body.split("\n")
    assert lines[0] == "——当代中国的精神危机" and "胡平" not in lines and "犬儒病(上)" not in lines
