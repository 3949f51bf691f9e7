"""Article / list URL classifier and canonical URLs: accepted and rejected shapes."""

from __future__ import annotations

import pytest

from archiver.urls import canonical_url, classify_url, is_continuation, is_listing, site_of


@pytest.mark.parametrize("url,kind", [
    ("http://www.x.cn/news/2023/0627/123.html", "article"),
    ("http://www.x.cn/content/2023-06/27/content_123.htm", "article"),
    ("http://www.x.cn/xw/t20230627_123.html", "article"),
    ("http://www.x.cn/gn/2023/06-27/9991234.shtml", "article"),
    ("http://www.x.cn/show.php?id=1234", "article"),
    ("http://www.x.cn/n1/2023/0627/c1001-40021234.html", "article"),
    ("http://www.x.cn/202306/27/t20230627_999.shtml", "article"),
    ("http://www.x.cn/", "list"),
    ("http://www.x.cn/news/", "list"),
    ("http://www.x.cn/news/index.html", "list"),
    ("http://www.x.cn/news/index_2.html", "list"),
    ("http://www.x.cn/node_123.htm", "list"),
    ("http://www.x.cn/about.html", "other"),
    ("http://www.x.cn/contact.html", "other"),
    ("http://www.x.cn/uploads/2023/0627/123.jpg", "other"),
    ("http://www.x.cn/files/report-2023.pdf", "other"),
])
def test_classify(url: str, kind: str) -> None:
    assert classify_url(url) == kind


@pytest.mark.parametrize("url,listing", [
    ("https://www.x.cn/search?q=%E5%85%AC%E5%9B%AD&page=1", True),
    ("https://blog.x.cn/tag/%e8%a7%82%e9%b8%9f/", True),
    ("http://www.x.cn/search.html", True),
    ("http://www.x.gov.cn/col/col1229123/index.html", True),
    ("http://www.x.cn/news/list_2.html", True),
    ("http://www.x.cn/topics/2024/05/20/123.html", False),  # an article under a topic section
    ("https://blog.x.cn/?p=18233", False),                   # a WordPress post
    ("http://www.x.cn/web/detail.jsp?uuid=ab12", False),
    ("https://mp.weixin.qq.com/s/AbCd", False),
    ("http://www.x.cn/", False),                             # a home page may be anything: left to the page
])
def test_listing_urls(url: str, listing: bool) -> None:
    """URL shapes that make a page of linked teasers a list (search, tag, column pages), not a digest article."""
    assert is_listing(url) == listing


def test_continuation_pages() -> None:
    assert is_continuation("http://x.cn/news/2024/0316/2001_2.html")
    assert not is_continuation("http://x.cn/news/2024/0316/2001.html")
    assert not is_continuation("http://x.cn/news/index_2.html")


@pytest.mark.parametrize("url,canonical", [
    ("HTTP://WWW.X.CN:80/a/b.html#top", "http://www.x.cn/a/b.html"),
    ("https://x.cn:443/a?b=2&a=1&utm_source=wx&spm=1.2", "https://x.cn/a?a=1&b=2"),
    ("http://x.cn/news/index.html", "http://x.cn/news/"),
    ("http://127.0.0.1:8080/a.html?from=timeline", "http://127.0.0.1:8080/a.html"),
])
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_site_of_strips_www_and_keeps_port() -> None:
    assert site_of("http://www.x.cn/a") == "x.cn"
    assert site_of("http://m.x.cn/a") == "x.cn"
    assert site_of("http://127.0.0.1:8080/a") == "127.0.0.1:8080"


def test_id_articles_and_paged_lists_are_not_query_traps() -> None:
    from archiver.scope import CrawlScope, TrapCaps

    scope = CrawlScope(["http://x.cn/"], [], [], TrapCaps(max_query_variants=10))
    assert all(scope.refuse(f"http://x.cn/show.php?id={i}") is None for i in range(50))
    assert all(scope.refuse(f"http://x.cn/list.php?page={i}") is None for i in range(50))
    refused = [scope.refuse(f"http://x.cn/calendar.php?day={i}") for i in range(50)]
    assert refused.count("trap/query_variants") == 40
