"""The bundled sample portal: served over real HTTP on 127.0.0.1, pages match ARTICLES."""

from __future__ import annotations

import contextlib
import html
import itertools
import re
import urllib.error
import urllib.request
from collections import Counter

import pytest

from archiver.sample_portal import ARTICLES, CHROME_MARKERS, DEAD_LINK, SamplePortal
from archiver.sample_portal.articles import build_articles
from archiver.sample_portal.site import build_pages
from archiver.sample_portal.textgen import sentences

PINYIN_NOTE = re.compile(r"\([a-z\u00e0-\u00fc\u0101-\u01dc]+\)")
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def portal():
    with SamplePortal() as p:
        yield p


def fetch(portal, site: str, path: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(portal.url(site, path), timeout=5) as resp:
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()), err.read()


def visible(raw: bytes, charset: str) -> str:
    """Page text as a reader sees it: decoded, tags dropped, pinyin annotations removed."""
    return PINYIN_NOTE.sub("", html.unescape(TAG.sub("", raw.decode(charset))))


def test_api_urls_and_requests_log(portal):
    assert portal.main_url.startswith("http://127.0.0.1:") and portal.main_url.endswith("/")
    assert portal.start_urls == [portal.main_url, portal.partner_url]
    assert portal.main_url != portal.partner_url
    fetch(portal, "partner", "/")
    assert ("partner", "/") in portal.requests_log


def test_home_robots_and_dead_link(portal):
    status, headers, body = fetch(portal, "main", "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    home = body.decode("utf-8")
    assert "最近更新" in home and 'href="/news/"' in home and 'href="/twhk/"' in home
    assert DEAD_LINK[0] in home and "/admin/login.php" in home
    status, _, robots = fetch(portal, "main", "/robots.txt")
    assert status == 200 and b"Disallow: /admin/" in robots
    assert fetch(portal, "main", DEAD_LINK[0])[0] == 404
    assert fetch(portal, "main", "/no/such/page.html")[0] == 404
    for path in ("/about.html", "/contact.html", "/news/index_2.html", "/county/index_1.html"):
        assert fetch(portal, "main", path)[0] == 200, path
    assert fetch(portal, "main", "/news/")[2] == fetch(portal, "main", "/news/index.html")[2]
    assert "0571-87654321" in fetch(portal, "main", "/contact.html")[2].decode("utf-8")


def test_every_article_page_is_served_and_matches_its_record(portal):
    for rec in ARTICLES:
        text = ""
        for path in rec.pages:
            status, headers, body = fetch(portal, rec.site, path)
            assert status == 200, path
            assert int(headers["Content-Length"]) == len(body)
            ctype = headers["Content-Type"]
            assert ctype == "text/html" + (f"; charset={rec.header_charset}"
                                           if rec.header_charset else ""), path
            text += visible(body, rec.charset)
        assert rec.title in text, rec.path
        assert rec.shown_time in text, rec.path
        for para in rec.paragraphs + rec.captions:
            assert para in text, (rec.path, para)
        assert any(m in text for m in CHROME_MARKERS), rec.path


def test_gbk_page_needs_gbk_not_gb2312_and_header_lies(portal):
    rec = next(r for r in ARTICLES if r.template == "gbk_table" and "堃" in r.title)
    _, _, raw = fetch(portal, "main", rec.path)
    text = raw.decode("gb18030")
    assert rec.title in text and "charset=gb2312" in text and "\u3000\u3000" in text
    beyond = [ch for ch in text if ord(ch) > 127 and not _encodes(ch, "gb2312")]
    assert "堃" in beyond and "喆" in beyond
    with contextlib.suppress(UnicodeDecodeError):
        assert raw.decode("gb2312") != text
    liars = [r for r in ARTICLES if r.charset == "gbk" and r.header_charset == "utf-8"]
    assert liars and any(r.header_charset is None for r in ARTICLES if r.charset == "gbk")
    status, headers, raw = fetch(portal, "main", liars[0].path)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def test_big5_pages(portal):
    hk = next(r for r in ARTICLES if r.charset == "big5hkscs")
    _, headers, raw = fetch(portal, "main", hk.path)
    text = raw.decode("big5hkscs")
    assert hk.title in text and '<meta charset="big5">' in text and "㗎" in text
    with pytest.raises(UnicodeDecodeError):
        raw.decode("big5")
    plain = [r for r in ARTICLES if r.charset == "big5"]
    assert plain and all(fetch(portal, "main", r.path)[2].decode("big5") for r in plain)


def test_split_article_links_page_two(portal):
    rec = next(r for r in ARTICLES if len(r.pages) == 2)
    assert rec.pages == ["/news/2024/0316/2001.html", "/news/2024/0316/2001_2.html"]
    one = fetch(portal, "main", rec.pages[0])[2].decode("utf-8")
    two = fetch(portal, "main", rec.pages[1])[2].decode("utf-8")
    assert 'href="2001_2.html">下一页' in one and "第1页" in one
    assert rec.title in two and rec.paragraphs[-1] in two and rec.paragraphs[-1] not in one


def test_inventory():
    main = [r for r in ARTICLES if r.site == "main"]
    assert len(main) >= 40
    counts = Counter(r.template for r in ARTICLES)
    assert counts["modern"] >= 20 and counts["farm"] >= 3 and counts["gbk_table"] >= 4
    assert counts["big5"] >= 2 and counts["partner"] >= 3
    assert len({r.path for r in ARTICLES}) == len(ARTICLES)
    for rec in ARTICLES:
        assert 3 <= len(rec.paragraphs) <= 12 and rec.authors and rec.title
        assert re.fullmatch(r"\d{4}-\d\d-\d\d( \d\d:\d\d)?", rec.published)
        assert not PINYIN_NOTE.search(rec.title + "".join(rec.paragraphs))
    assert any(r.paragraphs[0].startswith("本报讯（记者") for r in main)


def test_one_syndicated_copy():
    copies = [r for r in ARTICLES if r.syndicated_from]
    assert len(copies) == 1
    copy = copies[0]
    original = next(r for r in ARTICLES if r.path == copy.syndicated_from and r.site == "main")
    assert copy.site == "partner" and copy.source == "江城新闻网"
    assert (copy.title, copy.paragraphs) == (original.title, original.paragraphs)


def test_articles_are_distinct():
    sents = [{s for p in r.paragraphs for s in sentences(p)} for r in ARTICLES]
    for (i, a), (j, b) in itertools.combinations(enumerate(ARTICLES), 2):
        if a.syndicated_from == b.path or b.syndicated_from == a.path:
            continue
        assert len(sents[i] & sents[j]) <= 2, (a.path, b.path)
    assert len({r.title for r in ARTICLES}) == len(ARTICLES) - 1  # the copy shares its title


def test_chrome_markers_never_in_bodies():
    for rec in ARTICLES:
        body = rec.title + "".join(rec.paragraphs + rec.captions)
        assert not [m for m in CHROME_MARKERS if m in body], rec.path


def test_deterministic():
    again = build_articles()
    assert [(r.path, r.title, r.paragraphs, r.captions) for r in again] == [
        (r.path, r.title, r.paragraphs, r.captions) for r in ARTICLES]
    assert build_pages(again) == build_pages(ARTICLES)
