"""Ordinary pages the extractor's narrower rules must leave alone.

Each fixture in tests/fixtures/ordinary was written by an independent review of the rules for headline
proximity, container narrowing, lead photos, chrome lines, bracket credits and meta fields, as a
realistic page on which an early version of those rules misfired (the expected values were read off
each page by hand).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.extract import extract

ORDINARY = Path(__file__).parent / "fixtures" / "ordinary"
URL = "http://news.example.com/2024/05/20/a.html"


def art_of(name: str):  # type: ignore[no-untyped-def]
    return extract((ORDINARY / f"{name}.html").read_bytes(), URL, {})


@pytest.mark.parametrize("name, title", [
    ("c2_subtitle", "台风摩羯登陆海南"),        # short headline parts in <title>; a subtitle h2 closer to the date
    ("c2_sidebar", "台风摩羯登陆海南"),         # a dated list item heading further down
    ("c2_trad", "颱風山陀兒登陸"),
    ("c10_h5", "市区公交线路将迎来新一轮优化调整"),  # an <h5>新闻中心</h5> box heading named in <title>
])
def test_the_headline_stays_the_headline(name: str, title: str) -> None:
    assert art_of(name).title == title


@pytest.mark.parametrize("name, first, last, count", [
    ("c3_split", "记者从市交通运输局获悉", "据统计，全市现有公交线路", 6),   # article split over two divs
    ("c4_abstract", "记者从市交通运输局获悉", "据统计，全市现有公交线路", 6),  # an abstract box under the headline
    ("c4_blog", "今天在报纸上看到这篇报道", "大家怎么看？", 9),            # the blogger's lines around a quote
    ("c4_tip3", "核心提示：", "此外，全市还将新建", 4),                  # a 核心提示 block beside the text
    ("c5_card", "记者从市交通运输局获悉", "据统计，全市现有公交线路", 6),   # an author card with an avatar
    ("c5_promo", "记者从市交通运输局获悉", "据统计，全市现有公交线路", 6),  # a topic promo tile with an image
    ("c8_right", "记者从市交通运输局获悉", "（完）", 4),                  # the article column classed "right"
    ("c8_main-right", "记者从市交通运输局获悉", "（完）", 4),
])
def test_the_whole_body_and_nothing_else(name: str, first: str, last: str, count: int) -> None:
    lines = (art_of(name).body or "").split("\n")
    assert lines[0].startswith(first) and lines[-1].startswith(last) and len(lines) == count


@pytest.mark.parametrize("name, sentence", [
    ("c1_zhongdian", "今年的检查重点在看企业是否落实安全生产主体责任"),
    ("c1_opinion", "相关员工的言论仅代表其个人，不代表公司立场"),
    ("c1_copyright", "涉案文章已明确标注“未经授权不得转载”"),
    ("c1_scan", "需扫描场所二维码并出示健康码"),
    ("c1_gzh", "三是建好用好政务公众号"),
    ("c7_vcg", "视觉中国随后发表致歉声明"),
])
def test_sentences_that_look_like_chrome_stay_in_the_body(name: str, sentence: str) -> None:
    art = art_of(name)
    assert sentence in (art.body or "") and not any(sentence in c.text for c in art.captions)


@pytest.mark.parametrize("name, authors", [
    ("c6_gao", ["郜晋亮"]), ("c6_shangguan", ["上官云"]),   # closing bracket credits, surnames off the common list
    ("c7_metaauthor", ["吴晓波"]),                          # a person as meta author and as 来源
])
def test_people_stay_authors(name: str, authors: list[str]) -> None:
    assert art_of(name).authors == authors


def test_a_one_word_headline_stays_a_keyword() -> None:
    assert art_of("c7_kw").keywords == ["立冬", "节气", "养生"]
