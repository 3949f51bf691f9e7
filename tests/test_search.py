"""Chinese search: 1- and 2-character words, phrases, both scripts, filters, bad queries."""

from __future__ import annotations


import pytest

from archiver.exceptions import UsageError
from archiver.search import match_expression, search, shadow, snippet
from archiver.store import Archive

DOCS = [
    ("http://a.cn/1.html", "a.cn", "经济运行总体平稳", "全市经济运行总体平稳，消费增长。", "2024-03-01"),
    ("http://b.hk/2.html", "b.hk", "港鐵新線通車", "新線通車後，沿線經濟受惠，居民出行更方便。", "2024-03-05"),
    ("http://a.cn/3.html", "a.cn", "春季招聘会", "招聘会提供岗位两万个，GDP 增长 5%。", "2024-02-10"),
    ("http://a.cn/4.html", "a.cn", "港口吞吐量", "一季度集装箱吞吐量46.6万标箱，同比增长19.1%。", "2024-04-09"),
    ("http://a.cn/5.html", "a.cn", "春耕", "19个乡镇完成春耕1万亩，另有46个村6万亩待播。", "2024-04-08"),
    ("http://a.cn/6.html", "a.cn", "新品", "华为P60和Mate60系列销量走高，COVID 19疫情后New York门店重开。", "2024-04-07"),
    ("http://a.cn/7.html", "a.cn", "学年", "2023—2024学年，纪念5·12汶川地震，客流增长3．5％。", "2024-04-06"),
    ("http://c.cn/8.html", "c.cn", "调查", "该公司，司法机关已介入调查。", "2024-01-05"),
    ("http://c.cn/9.html", "c.cn", "公司法修订", "新修订的公司法正式施行。", "2024-01-04"),
    ("http://hk.hk/10.html", "hk.hk", "粵語", "我哋喺嗰度食飯，二〇二四年見，𠮷野家。", "2024-01-03"),
]


@pytest.fixture(scope="module")
def conn(tmp_path_factory):  # type: ignore[no-untyped-def]
    archive = Archive(tmp_path_factory.mktemp("s") / "s.db")
    archive.write_batch([{"url": u, "site": s, "title": t, "body": b, "published": p, "content_hash": u,
                          "fetched_at": "2024-03-06"} for u, s, t, b, p in DOCS])
    yield archive.db.conn
    archive.close()


def urls(conn, query, **kw):  # type: ignore[no-untyped-def]
    return [h.url for h in search(conn, query, **kw)]


def test_two_character_word_in_both_scripts(conn) -> None:  # type: ignore[no-untyped-def]
    assert urls(conn, "经济") == ["http://b.hk/2.html", "http://a.cn/1.html"]  # newest first
    assert urls(conn, "經濟") == urls(conn, "经济")


def test_single_character_and_phrase(conn) -> None:  # type: ignore[no-untyped-def]
    assert urls(conn, "岗") == ["http://a.cn/3.html"]
    assert urls(conn, "铁") == ["http://b.hk/2.html"]  # 鐵 in the page
    assert urls(conn, "运行总体平稳") == ["http://a.cn/1.html"]
    assert urls(conn, "总体运行") == []  # characters present, not as a phrase


def test_words_and_filters(conn) -> None:  # type: ignore[no-untyped-def]
    assert urls(conn, "gdp") == ["http://a.cn/3.html"]
    assert urls(conn, "经济 消费") == ["http://a.cn/1.html"]
    assert urls(conn, "经济", site="a.cn") == ["http://a.cn/1.html"]
    assert urls(conn, "经济", since="2024-03-02") == ["http://b.hk/2.html"]
    assert urls(conn, "经济", until="2024-03-01") == ["http://a.cn/1.html"]


def test_snippet_marks_the_hit() -> None:
    assert snippet("今年全市经济运行总体平稳", ["经济"], width=2) == "…全市[经济]运行…"
    assert snippet("新線沿線經濟受惠", ["经济"], width=2) == "…沿線[經濟]受惠"


def test_queries_without_searchable_text_are_usage_errors() -> None:
    with pytest.raises(UsageError):
        match_expression('"" ( ) *')
    assert match_expression('经济" OR') == ('("经济")', ["经济"])  # a trailing OR has nothing to offer
    with pytest.raises(UsageError, match="only excludes"):
        match_expression("-经济")


def test_or_exclusion_and_field_filters(conn) -> None:  # type: ignore[no-untyped-def]
    assert urls(conn, "岗位 OR 吞吐量") == ["http://a.cn/4.html", "http://a.cn/3.html"]
    assert urls(conn, "经济 -消费") == ["http://b.hk/2.html"]
    assert urls(conn, "title:经济") == ["http://a.cn/1.html"]  # 經濟 of the other page is in its body only
    assert urls(conn, "body:經濟 -title:经济") == ["http://b.hk/2.html"]
    assert urls(conn, "公司 OR 公司法 -调查") == ["http://c.cn/9.html"]  # an exclusion applies to every alternative


def test_han_runs_apart_do_not_make_a_phrase(conn) -> None:  # type: ignore[no-untyped-def]
    # "该公司，司法机关": 公司 then 司法 across a comma is not the word 公司法
    assert urls(conn, "公司法") == ["http://c.cn/9.html"]
    assert urls(conn, "公司") == ["http://c.cn/8.html", "http://c.cn/9.html"]


def test_characters_outside_the_basic_han_block_are_searchable(conn) -> None:  # type: ignore[no-untyped-def]
    assert urls(conn, "嗰度") == ["http://hk.hk/10.html"]  # OpenCC writes 嗰 as the Extension B 𠮶
    assert urls(conn, "嗰") == ["http://hk.hk/10.html"]
    assert urls(conn, "二〇二四") == ["http://hk.hk/10.html"]
    assert urls(conn, "𠮷野家") == ["http://hk.hk/10.html"] and urls(conn, "吉野家") == []


def test_shadow_is_simplified_bigrams() -> None:
    # bigrams in order, then each character once (by code point), then letter/digit words
    assert shadow("經濟發展 GDP") == "经济 济发 发展 发 展 济 经 gdp"
    assert shadow("该公司，司法") == "该公 公司 \u2063 司法 公 司 法 该"  # runs apart: an unmatchable token between


def test_a_decimal_number_matches_as_written(conn) -> None:  # type: ignore[no-untyped-def]
    # "19.1%" is the tokens 19, 1 in a row, not each anywhere (the second page has 19… and …1… apart)
    assert urls(conn, "19.1%") == ["http://a.cn/4.html"]
    assert urls(conn, "46.6万") == ["http://a.cn/4.html"]
    assert urls(conn, "19") == ["http://a.cn/4.html", "http://a.cn/5.html", "http://a.cn/6.html"]


def test_letters_and_digits_beside_han_and_spaced_words(conn) -> None:  # type: ignore[no-untyped-def]
    assert urls(conn, "P60和Mate60") == ["http://a.cn/6.html"]   # letter chunks split by Han: each its own term
    assert urls(conn, "covid-19") == ["http://a.cn/6.html"]      # "COVID 19" in the text: one chunk
    assert urls(conn, "New-York") == ["http://a.cn/6.html"]


def test_letters_and_digits_written_together_are_words_of_their_own(conn) -> None:  # type: ignore[no-untyped-def]
    assert urls(conn, "Mate") == ["http://a.cn/6.html"]          # in "Mate60"
    assert urls(conn, "mate60") == ["http://a.cn/6.html"]
    assert urls(conn, "mate61") == [] and urls(conn, "p61") == []
    assert shadow("5G基站 C919") == "基站 基 站 5 g \u2063 c 919"


def test_dashes_middle_dots_and_full_width_stops_join_numbers(conn) -> None:  # type: ignore[no-untyped-def]
    for query in ("2023-2024", "5.12", "3.5"):
        assert urls(conn, query) == ["http://a.cn/7.html"], query


def test_a_character_converted_differently_alone_is_found_as_written(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # OpenCC keeps 乾 in 乾隆 but makes 乾 alone 干: the query tries the characters as written too
    archive = Archive(tmp_path / "a.db")
    archive.write_batch([{"url": "http://a.cn/q.html", "site": "a.cn", "title": "乾隆下江南", "body": "乾隆皇帝下江南的传说流传很广。",
                          "published": "2024-01-01", "fetched_at": "2024-01-02"},
                         {"url": "http://a.cn/g.html", "site": "a.cn", "title": "天气", "body": "今天天气干燥，注意补水。",
                          "published": "2024-01-02", "fetched_at": "2024-01-02"}])
    assert [h.url for h in search(archive.db.conn, "乾")] == ["http://a.cn/g.html", "http://a.cn/q.html"]
    assert [h.url for h in search(archive.db.conn, "title:乾 -天气")] == ["http://a.cn/q.html"]
    archive.close()
