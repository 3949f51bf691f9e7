"""Normalisers: dates, charset decision, pinyin stripping, misaligned-GBK repair."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from archiver.dates import parse_date, parse_url_date
from archiver.encoding import decode
from archiver.mojibake import looks_garbled, repair_latin_mojibake, repair_misaligned_gbk, repair_utf8_read_as_gbk
from archiver.text import detect_script, strip_pinyin

NOW = datetime(2024, 3, 15, 4, 0, tzinfo=timezone.utc)  # 12:00 in China


@pytest.mark.parametrize("text,iso", [
    ("2023年06月27日 10:21", "2023-06-27T10:21:00+08:00"),
    ("中華民國94年5月20日", "2005-05-20"),                         # Republic of China years: + 1911
    ("2024-05-20T06:32:00.000Z", "2024-05-20T06:32:00+00:00"),    # script timestamps: milliseconds, UTC
    ("2024年5月20日 星期一 14:32", "2024-05-20T14:32:00+08:00"),   # a weekday before the time
    ("2024年5月20日（周一）14:32", "2024-05-20T14:32:00+08:00"),
    ("2024-05-20 02:32 PM", "2024-05-20T14:32:00+08:00"),
    ("2024-05-20 上午 12:05", "2024-05-20T00:05:00+08:00"),
    ("2024-05-20 中午1:30", "2024-05-20T13:30:00+08:00"),
    ("2024-05-20 中午 12:30", "2024-05-20T12:30:00+08:00"),
    ("發布日期：113/05/20 10:23", "2024-05-20T10:23:00+08:00"),
    ("發布日期 094-05-20", "2005-05-20"),
    ("更新时间：2024-05-22 10:00 发布时间：2024-05-10 09:00", "2024-05-10T09:00:00+08:00"),  # the publish time
    ("更新日期：113-05-22　發布日期：113-05-10", "2024-05-10"),
    ("发布时间：2023-6-27", "2023-06-27"),
    ("2023/06/27 10:21:05", "2023-06-27T10:21:05+08:00"),
    ("二〇二三年六月二十七日", "2023-06-27"),
    ("昨天 10:21", "2024-03-14T10:21:00+08:00"),
    ("3小时前", "2024-03-15T09:00:00+08:00"),
    ("2019-09-07T13:43:45+08:00", "2019-09-07T13:43:45+08:00"),
    ("2016/05/25 下午 3:10", "2016-05-25T15:10:00+08:00"),
    ("发布日期： 9/17/2004 5:54:13 PM", "2004-09-17T17:54:13+08:00"),
    ("2007-08-20-23:59", "2007-08-20T23:59:00+08:00"),
])
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text, NOW)[0] == iso


@pytest.mark.parametrize("text,iso", [
    ("发布时间：03-14 09:15", "2024-03-14T09:15:00+08:00"),      # no year: the fetch time's (NOW)
    ("3月14日 09:15", "2024-03-14T09:15:00+08:00"),
    ("发布时间：06-27 09:15", "2023-06-27T09:15:00+08:00"),      # a day after the fetch: the year before
])
def test_parse_yearless_date_of_an_info_line(text: str, iso: str) -> None:
    assert parse_date(text, NOW, yearless=True)[0] == iso
    assert parse_date(text, NOW) is None  # in prose ("5月19日 20:30，江城突降暴雨") it dates the story's events


@pytest.mark.parametrize("text", [
    "版本号为113.5.20", "咨询电话：110-12-12", "临政发第113-5-20号", "94-05-20",  # ROC-like, but no date label
    "Copyright 2005-2023", "电话 0571-88886666", "2023年13月45日", "比分3-2 14:30", "02-30 10:00", ""])
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text, NOW) is None


@pytest.mark.parametrize("url,day", [
    ("http://x.cn/2023/0627/123.html", "2023-06-27"),
    ("http://x.cn/content/2023-06/27/content_1.htm", "2023-06-27"),
    ("http://x.cn/t20230627_1.html", "2023-06-27"),
    ("http://x.cn/news/123.html", None),
])
def test_parse_url_date(url: str, day: str | None) -> None:
    assert parse_url_date(url) == day


def test_decode_gbk_served_as_utf8() -> None:
    data = "<html><body>朱镕基旧居</body></html>".encode("gbk")
    d = decode(data, {"Content-Type": "text/html; charset=utf-8"})
    assert d.charset == "gb18030" and "朱镕基" in d.text


def test_decode_utf8_declared_gb2312() -> None:
    data = '<meta charset="gb2312"><p>经济发展</p>'.encode()
    d = decode(data)
    assert d.charset == "utf-8" and "经济发展" in d.text and d.declared == "gb18030"


def test_decode_big5_upgraded_to_hkscs() -> None:
    d = decode('<meta charset="big5"><p>真係好多㗎</p>'.encode("big5hkscs"))
    assert d.charset == "big5hkscs" and "㗎" in d.text


def test_decode_undeclared_gbk_is_detected() -> None:
    text = "<p>" + "今年以来，县里投资新建三座小型水库，可解决山区群众的饮水困难问题。" * 5 + "</p>"
    d = decode(text.encode("gbk"))
    assert d.source == "detected" and "水库" in d.text


PROSE = ("县人民医院新门诊医技综合楼正式投入使用，新大楼地上十五层、地下两层。患者通过手机即可完成预约挂号，"
         "门诊诊室由原来的四十六间增加到一百二十间。前来复诊的患者说，以前做个检查要跑到市里，现在在家门口就能做了。")
MENU_SCRIPT = "<script>" + "var menu_item = {href: '/news/list.htm', target: '_self', width: 120};\n" * 120 + "</script>"


def test_decode_gbk_with_a_latin1_header_and_much_ascii() -> None:
    # Servers send ISO-8859-1 by default; with Chinese a small share of the bytes, chardet guessed a
    # Latin code page (iso8859-15) and the page came out as "ÏØÈËÃñ…"
    page = f"<html><head>{MENU_SCRIPT}</head><body><p>{PROSE}</p></body></html>".encode("gbk")
    d = decode(page, {"Content-Type": "text/html; charset=ISO-8859-1"})
    assert d.charset == "gb18030" and PROSE in d.text


def test_decode_latin1_page_with_a_latin1_header_stays_latin1() -> None:
    text = "Le café de la gare a rouvert ses portes après les travaux d'été. " * 20
    d = decode(f"<html><body><p>{text}</p></body></html>".encode("cp1252"), {"Content-Type": "text/html; charset=ISO-8859-1"})
    assert d.charset == "cp1252" and "café" in d.text


def test_decode_utf8_with_stray_legacy_bytes_stays_utf8() -> None:
    # a footer include saved in GBK and a Latin-1 © in a UTF-8 page: the strict check failed and chardet said cp737
    footer = "版权所有：某某网络传媒有限公司 地址：某某市人民路88号 联系电话：0571-86001234".encode("gbk")
    page = (f'<html><head><meta charset="utf-8"></head><body><p>{PROSE}</p>'.encode() +
            b"<div>" + footer + b" \xa9 2009</div></body></html>")
    d = decode(page)
    assert d.charset == "utf-8" and PROSE in d.text


def test_decode_big5_declared_gb2312_is_big5() -> None:
    # Big5 bytes decode "validly" as GBK, into rare characters (侣跋刁カ陆…): the common-character check tells
    text = "食物環境衞生署宣布，位於深水埗的北河街街市翻新工程將於下月初展開，預計為期十八個月，期間街市將分階段關閉。" * 3
    page = f'<html><head><meta charset="gb2312"></head><body><p>{text}</p></body></html>'.encode("big5hkscs")
    d = decode(page)
    assert d.charset == "big5hkscs" and text in d.text


LATIN1 = {"Content-Type": "text/html; charset=ISO-8859-1"}


def test_decode_gbk_page_with_a_utf8_widget_keeps_its_declared_gbk() -> None:
    # the hot-list JSON of a UTF-8 widget made the page "mostly UTF-8": scripts are judged apart
    widget = "<script>var hotList=[" + ",".join(f'"{t}"' for t in PROSE.split("，")) * 6 + "];</script>"
    page = (b'<html><head><meta charset="gb2312">' + widget.encode("utf-8") + b"</head><body><p>" +
            PROSE.encode("gbk") + b"</p></body></html>")
    d = decode(page)
    assert d.charset == "gb18030" and PROSE in d.text


def test_decode_gbk_in_traditional_script_with_a_latin1_header() -> None:
    # traditional characters are outside GB2312 but ordinary (Big5's frequent ones): still GBK
    text = "行政院會今天通過國土計畫法部分條文修正草案，各直轄市、縣市政府應於公告國土計畫後兩年內公告國土功能分區圖。" * 3
    d = decode(f"<html><body><p>{text}</p></body></html>".encode("gbk"), LATIN1)
    assert d.charset == "gb18030" and text in d.text


@pytest.mark.parametrize("text, codec, headers, charset", [
    ("Совет утвердил бюджет города на 2025 год. Депутаты обсудили расходы на школы и дороги. " * 8,
     "cp1251", LATIN1, "cp1251"),                                     # chardet's guess beats a default header
    ("Ärger um Baustelle an der Hauptstraße: Anwohner beschweren sich über Lärm und Staub. " * 8,
     "cp1252", {}, "cp1252"),                                         # not GB18030 ("膔ger")
    ("Zoë Müller wins regional chess title. " + "The tournament was held in the town hall. " * 200,
     "cp1252", LATIN1, "cp1252"),                                     # not cp1257's "Zoė"
])
def test_decode_western_and_cyrillic_pages(text: str, codec: str, headers: dict, charset: str) -> None:
    d = decode(f"<html><body><p>{text}</p></body></html>".encode(codec), headers)
    assert d.charset == charset and text[:40] in d.text


def test_strip_pinyin() -> None:
    assert strip_pinyin("創(chuàng)新 皖I(lǐng)CP備 的(de) (2023)") == ("創新 皖ICP備 的(de) (2023)", 2)
    # in full-width brackets a reading is the text's own
    for own in ("“长（zhǎng）大”的“长”和“长（cháng）短”", "王䶮（yǎn） 堃（kūn） 咖啡馆（café）", "蚌（bèng）埠：老城区改造启动"):
        assert strip_pinyin(own) == (own, 0)


def test_repair_misaligned_gbk() -> None:
    fixed, n = repair_misaligned_gbk("系列產品?!爸行囊雅c綦江的5家")
    assert (fixed, n) == ("系列產品。“中心已與綦江的5家", 1)
    assert repair_misaligned_gbk("真的吗?是的a") == ("真的吗?是的a", 0)


def test_detect_script() -> None:
    assert detect_script("經濟發展與創新") == "hant"
    assert detect_script("经济发展与创新") == "hans"
    assert detect_script("no han") is None


def test_english_month_names() -> None:
    assert parse_date("By Jane Doe | Nov 18, 2019 5:19 PM")[0] == "2019-11-18T17:19:00+08:00"
    assert parse_date("Jane Doe, November 18th, 2019")[0] == "2019-11-18"
    assert parse_date("18 March 2020 at 9:05 a.m.")[0] == "2020-03-18T09:05:00+08:00"
    assert parse_date("Sept. 3, 2021")[0] == "2021-09-03"
    assert parse_date("May 2019 was hot") is None and parse_date("Mayor 12, 2019") is None


def test_utf8_read_as_latin1_is_reread_and_latin_text_is_left_alone() -> None:
    twice = "“班班通”".encode("utf-8").decode("latin-1").encode("utf-8").decode("latin-1")
    assert repair_latin_mojibake(twice) == ("“班班通”", True)
    校 = "学校".encode("utf-8").decode("latin-1").replace("\u00a0", " ")  # A0 byte made a space by clean-up
    assert repair_latin_mojibake(校) == ("学校", True)
    for latin in ("Café © 2009 naïve résumé — “ok”", "‘un petit café’” — and", "店主说：“Un café…”这句话"):
        assert repair_latin_mojibake(latin) == (latin, False)  # "é’”" are the bytes of 钔: not everyday Chinese
    # a span inside Chinese text (a quotation mark around it is the text's own)
    span = "班班通".encode("utf-8").decode("latin-1").encode("utf-8").decode("latin-1")
    assert repair_latin_mojibake(f"确保“{span}”不成为摆设。") == ("确保“班班通”不成为摆设。", True)


def test_garbled_text_is_told_from_rare_names() -> None:
    assert looks_garbled("灞呮皯妤肩獊鍙戠伀鎯")              # UTF-8 read as GBK
    assert looks_garbled("消防员疏散\ufffd二十余人")
    assert not looks_garbled("鄂渝黔三省市联合开展执法行动") and not looks_garbled("舊區街市翻新工程下月展開")
    assert not looks_garbled("佢哋嘅舖頭冇咗")  # Cantonese: rare characters, but no UTF-8 in their bytes


def test_utf8_read_as_gbk_is_reread_where_it_is() -> None:
    broken = "发展".encode("utf-8").decode("gbk")  # 鍙戝睍
    assert repair_utf8_read_as_gbk(f"这将有力促进城市{broken}。") == ("这将有力促进城市发展。", 1)
    for fine in ("舊區街市翻新工程下月展開，商戶憂生意受影響。", "鄂渝黔三省市联合开展执法行动，䶮堃喆昇珺琦到场。"):
        assert repair_utf8_read_as_gbk(fine) == (fine, 0)  # traditional script and rare names stay
