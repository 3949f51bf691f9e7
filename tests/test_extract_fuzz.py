"""Extractor fuzzing with hypothesis: random bytes, mutated real fixtures, tag soup, pathological nesting.

The extractor must never raise, always return a well-formed Article, and finish each page in
bounded time (hypothesis's per-example deadline, generous for a noisy shared machine: a page
takes ~20 ms).
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiver.extract import extract
from archiver.items import Article

from .conftest import FIXTURES

PAGES = sorted((FIXTURES / "extract").glob("*/body.html"))
HEADER_VALUES = ["text/html", "text/html; charset=utf-8", "text/html; charset=gb2312", "text/html; charset=big5",
                 "text/html; charset=x-unknown", "text/html; charset=", "application/octet-stream", "text/html;;;=",
                 "text/html; charset=utf-16", "text/html; charset=\"gbk\""]
FUZZ = settings(max_examples=300, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)


def check(article: Article) -> None:
    """Well-formed: the declared types, JSON-serialisable, no NUL or replacement-character soup in the body."""
    assert isinstance(article, Article)
    for name in ("title", "byline", "source", "editor", "published", "body"):
        assert getattr(article, name) is None or isinstance(getattr(article, name), str)
    assert isinstance(article.authors, list) and isinstance(article.captions, list)
    json.dumps(article.to_dict(), ensure_ascii=False)
    assert "\x00" not in (article.body or "")


headers = st.fixed_dictionaries({}, optional={"Content-Type": st.sampled_from(HEADER_VALUES)})
urls = st.sampled_from([None, "http://news.example.cn/a/2024/0301/1.html", "https://m.example.com.cn/?id=3", "not a url",
                        "http://[::1", "http://例子.中国/新闻/1.shtml"])


@FUZZ
@given(data=st.binary(max_size=20_000), url=urls, hdrs=headers)
def fuzz_random_bytes(data: bytes, url: str | None, hdrs: dict[str, str]) -> None:
    check(extract(data, url, hdrs))


@FUZZ
@given(page=st.sampled_from(PAGES), cuts=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.binary(max_size=64)),
                                                   min_size=1, max_size=6), hdrs=headers)
def fuzz_mutated_real_pages(page, cuts, hdrs) -> None:  # type: ignore[no-untyped-def]
    """Real fixtures with random slices cut out, duplicated or replaced by junk bytes."""
    data = page.read_bytes()
    for a, b, junk in cuts:
        i, j = sorted((int(a * len(data)), int(b * len(data))))
        data = data[:i] + (junk or data[i:j]) + data[j:]
    check(extract(data, "http://news.example.cn/a/2024/0301/1.html", hdrs))


TAGS = st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<table><tr><td>", "</td></tr></table>", "<br>", "<script>",
                        "</script>", "<!--", "-->", "<meta charset='gbk'>", "<title>", "</title>", "<h1>", "</h1>",
                        "<a href='/a/1.html'>", "</a>", "<img src=x alt='图'>", "&nbsp;", "&#x4e2d;", "&#99999999;",
                        "来源：", "责任编辑：", "2024-03-01 10:00", "。", "，", "創(chuàng)新", "\x00", "\ufffd"])
PROSE = st.text(alphabet=st.sampled_from("经济发展新闻记者报道社会文化的了是在一个中國經濟，。！abc 123\n"), max_size=40)


@FUZZ
@given(parts=st.lists(st.one_of(TAGS, PROSE), max_size=300), encoding=st.sampled_from(["utf-8", "gb18030", "big5"]))
def fuzz_tag_soup(parts: list[str], encoding: str) -> None:
    check(extract("".join(parts).encode(encoding, "replace"), "http://news.example.cn/a/1.html", {}))


@pytest.mark.parametrize("name,data", [
    ("50,000 nested divs", b"<html><body>" + b"<div>" * 50_000 + "深层的正文。".encode() * 100 + b"</div>" * 50_000),
    ("30,000 unclosed tags", b"<div><p><span>" * 30_000),
    ("50,000 attributes", b"<p " + b" ".join(b"a%d=x" % i for i in range(50_000)) + b">text</p>"),
    ("1 MB without markup", "很长".encode() * 170_000),
    ("5,000 nested tables", b"<table><tr><td>" * 5_000 + "正文，".encode() * 300),
])
def test_pathological_pages(name: str, data: bytes, reliability) -> None:  # type: ignore[no-untyped-def]
    article = extract(data, "http://news.example.cn/a/1.html", {})
    check(article)
    reliability.section("Bad input").append([f"extractor: {name}", f"{len(data):,} bytes", "-",
                                             f"returned an Article (body {len(article.body or '')} chars)"])


@pytest.mark.parametrize("fuzz,name,what", [
    (fuzz_random_bytes, "random bytes", "300 byte strings up to 20 KB, random Content-Type headers and URLs"),
    (fuzz_mutated_real_pages, "mutated real pages", "300 fixture pages with slices cut out, doubled or replaced by junk"),
    (fuzz_tag_soup, "tag soup", "300 random mixes of tags, entities, prose, NUL and U+FFFD in UTF-8, GB18030, Big5"),
])
def test_fuzz(fuzz, name: str, what: str, reliability) -> None:  # type: ignore[no-untyped-def]
    fuzz()  # hypothesis runs the examples; any exception or a page past the deadline fails here
    reliability.section("Bad input").append([f"extractor: {name} (hypothesis)", what, "-",
                                             "never raised, none past the 5 s deadline; a well-formed Article each time"])
