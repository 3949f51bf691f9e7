"""Crawl operations over real loopback servers: registry, incremental runs, resume, lock, politeness, traps."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archiver.sample_portal import ARTICLES, SamplePortal
from archiver.sample_portal.articles import SPLIT_PATHS

from .conftest import distinct_sentences
from .hostile_server import ARTICLE, HostileServer, article

FAST = ["-s", "AUTOTHROTTLE_START_DELAY=0", "-s", "AUTOTHROTTLE_MAX_DELAY=1"]


def archiver(*args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "archiver.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def count(db: Path, sql: str = "SELECT count(*) FROM articles") -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_registry_site_and_second_run_fetches_only_new_articles(tmp_path: Path) -> None:
    db, registry = tmp_path / "a.db", tmp_path / "sites.toml"
    economy = {a.path for a in ARTICLES if a.site == "main" and a.path.startswith("/economy/")}
    main = len([a for a in ARTICLES if a.site == "main"])
    with SamplePortal() as portal:
        def write(deny: str) -> None:
            registry.write_text(f'[[site]]\nname = "jc"\ntitle = "江城新闻网"\nstart_urls = ["{portal.main_url}"]\n'
                                f'deny_patterns = [{deny}]\n', "utf-8")
        write('"^/economy/t"')  # the first run does not see the economy articles
        first = archiver("crawl", "--site", "jc", "--sites", str(registry), "--db", str(db), *FAST)
        assert first.returncode == 0, first.stderr
        assert count(db) == main - len(economy)
        listing = archiver("sites", "--sites", str(registry), "--db", str(db))
        assert f"{main - len(economy)} articles" in listing.stdout
        before = len(portal.requests_log)
        write("")  # the economy articles "appear" between runs
        second = archiver("crawl", "--site", "jc", "--sites", str(registry), "--db", str(db), *FAST)
        assert second.returncode == 0, second.stderr
        fetched = [p for _, p in portal.requests_log[before:]]
    articles_fetched = {p for p in fetched if any(p == a.path for a in ARTICLES)}
    assert articles_fetched == economy
    assert count(db) == main


def test_revisit_refetches_recent_articles_only(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with SamplePortal() as portal:
        assert archiver("crawl", portal.main_url, "--db", str(db), *FAST).returncode == 0
        before = len(portal.requests_log)
        again = archiver("crawl", portal.main_url, "--db", str(db), "--revisit", "100000", *FAST)
        refetched = {p for _, p in portal.requests_log[before:] if any(p == a.path for a in ARTICLES)}
    assert again.returncode == 0 and "unchanged 4" in again.stdout or len(refetched) > 40
    assert "new 0" in again.stdout


def test_budget_stop_then_resume_completes(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with SamplePortal() as portal:
        first = archiver("crawl", *portal.start_urls, "--db", str(db), "--max-pages", "12", *FAST)
        assert first.returncode == 0, first.stderr
        assert "closespider_pagecount" in first.stdout
        assert (tmp_path / "jobs" / "a.db").is_dir()  # pending requests kept for the next run
        second = archiver("crawl", *portal.start_urls, "--db", str(db), *FAST)
    assert second.returncode == 0 and "resumed" in second.stdout
    assert count(db) == 51 and count(db, "SELECT count(*) FROM duplicates") == 1
    assert not (tmp_path / "jobs" / "a.db").exists()


def test_budget_limited_runs_progress_to_the_whole_site_fetching_each_article_once(tmp_path: Path) -> None:
    """Cron-style small runs: each continues the saved queue instead of re-crawling the top of the site."""
    db = tmp_path / "a.db"
    article_paths = {a.path for a in ARTICLES}
    runs = []
    with SamplePortal() as portal:
        for _ in range(12):
            run = archiver("crawl", *portal.start_urls, "--db", str(db), "--max-pages", "15", *FAST)
            assert run.returncode == 0, (runs, run.stdout, run.stderr)
            runs.append(run.stdout)
            if "(finished)" in run.stdout:
                break
        fetched = [p for _, p in portal.requests_log if p in article_paths]
    assert "(finished)" in runs[-1] and len(runs) >= 3
    assert count(db) == 51 and count(db, "SELECT count(*) FROM duplicates") == 1
    assert len(set(fetched)) == 52  # every article page (51 + one copy)
    # fetched once, but for the first page of the two-page article when a budget stop fell between its pages
    assert {p for p in fetched if fetched.count(p) > 1} <= {SPLIT_PATHS[0]}


def test_budget_limited_runs_do_not_fetch_list_pages_again_until_the_site_is_done(tmp_path: Path) -> None:
    """Each page's menu links every section: a run continuing a budget stop used to queue those list pages
    again and spend its pages on them (14 runs of --max-pages 10 for this portal, the last six on lists only)."""
    db = tmp_path / "a.db"
    article_paths = {a.path for a in ARTICLES}
    runs = 0
    with SamplePortal() as portal:
        while runs < 10:
            run = archiver("crawl", *portal.start_urls, "--db", str(db), "--max-pages", "10", *FAST)
            assert run.returncode == 0, (run.stdout, run.stderr)
            runs += 1
            if "(finished)" in run.stdout:
                break
        lists = [(site, p) for site, p in portal.requests_log
                 if p not in article_paths | set(SPLIT_PATHS) and p != "/robots.txt"]
    assert "(finished)" in run.stdout and runs <= 7
    assert count(db) == 51
    assert not {page for page in lists if lists.count(page) > 1}  # each list page once in the whole chain


def _distinct_article(title: str) -> bytes:
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in distinct_sentences(title, 4, 120))
    return ARTICLE.format(title=title, paragraphs=paragraphs).encode()


def test_links_a_stopped_run_refused_are_followed_when_a_later_run_of_its_chain_allows_them(tmp_path: Path) -> None:
    """Site A links site B's articles. A budget-stopped crawl of A alone refused them (offsite); the run that
    continues it with B as well must not take them for already queued (it ended 'finished' without them)."""
    b_articles = [f"/2024/0301/{1000 + i}.html" for i in range(1, 9)]
    a_articles = [f"/2024/0302/{2000 + i}.html" for i in range(1, 21)]
    b_url: list[str] = []

    def listing(links: list[str]) -> bytes:
        items = "".join(f"<li><a href='{link}'>标题{n}</a></li>" for n, link in enumerate(links))
        return f"<html><head><meta charset='utf-8'><title>列表</title></head><body><ul>{items}</ul></body></html>".encode()

    def route_a(path: str, n: int):  # type: ignore[no-untyped-def]
        if path == "/":
            return 200, {}, listing(["/list1/", "/list2/"] + [b_url[0].rstrip("/") + p for p in b_articles])
        if path in ("/list1/", "/list2/"):
            return 200, {}, listing(a_articles[:10] if path == "/list1/" else a_articles[10:])
        return (200, {}, _distinct_article(f"甲站文章{path}")) if path in a_articles else (404, {}, b"no")

    def route_b(path: str, n: int):  # type: ignore[no-untyped-def]
        if path == "/":
            return 200, {}, listing(b_articles)
        return (200, {}, _distinct_article(f"乙站文章{path}")) if path in b_articles else (404, {}, b"no")

    db = tmp_path / "a.db"
    with HostileServer(route_a) as a, HostileServer(route_b) as b:
        b_url.append(b.url)
        first = archiver("crawl", a.url, "--db", str(db), "--max-pages", "3", *FAST)
        assert first.returncode == 0 and "closespider_pagecount" in first.stdout, first.stderr
        second = archiver("crawl", a.url, b.url, "--db", str(db), *FAST)
    assert second.returncode == 0 and "(finished)" in second.stdout, second.stderr
    assert count(db) == 28  # 20 of A and the 8 of B that A's home page linked


def test_a_run_after_a_budget_stop_still_seeds_start_urls_the_stopped_run_did_not_have(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    partner = {a.path for a in ARTICLES if a.site == "partner"}
    with SamplePortal() as portal:
        first = archiver("crawl", portal.main_url, "--db", str(db), "--max-pages", "5", *FAST)
        assert first.returncode == 0 and "closespider_pagecount" in first.stdout, first.stderr
        second = archiver("crawl", portal.partner_url, "--db", str(db), *FAST)
        assert second.returncode == 0, second.stderr
        fetched = {p for site, p in portal.requests_log if site == "partner"}
    assert partner <= fetched  # before: only the main site's saved queue was crawled


def test_two_concurrent_crawls_one_exits_3(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with SamplePortal() as portal:
        slow = ["-s", "DOWNLOAD_DELAY=0.2", "-s", "AUTOTHROTTLE_ENABLED=False"]
        first = subprocess.Popen([sys.executable, "-m", "archiver.cli", "crawl", *portal.start_urls, "--db", str(db),
                                  *slow], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lock = Path(f"{db}.lock")
        deadline = time.monotonic() + 60
        while not (lock.exists() and lock.read_text().startswith("pid")) and time.monotonic() < deadline:
            time.sleep(0.1)  # wait until the first crawl holds the lock (start-up is slow on a busy machine)
        second = archiver("crawl", *portal.start_urls, "--db", str(db))
        first.communicate(timeout=120)
    assert first.returncode == 0
    assert second.returncode == 3
    assert "archive is locked by pid" in second.stderr and "since" in second.stderr


def test_retry_after_is_honoured(tmp_path: Path) -> None:
    def route(path: str, n: int):  # type: ignore[no-untyped-def]
        if path == "/":
            return 200, {}, b'<a href="/news/2024/0301/1.html">1</a> <a href="/news/2024/0301/2.html">2</a>'
        if path == "/news/2024/0301/1.html" and n == 1:
            return 429, {"Retry-After": "2"}, b"slow down"
        if path.startswith("/news/"):
            return 200, {}, article("限流之后" + path[-6] + "号文章")
        return 404, {}, b""

    with HostileServer(route) as server:
        result = archiver("crawl", server.url, "--db", str(tmp_path / "a.db"), *FAST)
        hits = [t for t, p in server.log if p == "/news/2024/0301/1.html"]
    assert result.returncode == 0, result.stderr
    assert len(hits) == 2 and hits[1] - hits[0] >= 1.9
    assert count(tmp_path / "a.db") == 2


def test_site_answering_403_is_paused_not_hammered(tmp_path: Path) -> None:
    links = "".join(f'<a href="/news/2024/0301/{i}.html">{i}</a>' for i in range(100))

    def route(path: str, n: int):  # type: ignore[no-untyped-def]
        return (200, {}, links.encode()) if path == "/" else (403, {}, b"forbidden")

    with HostileServer(route) as server:
        result = archiver("crawl", server.url, "--db", str(tmp_path / "a.db"), *FAST)
        article_hits = [p for _, p in server.log if p.startswith("/news/")]
    assert "paused" in result.stdout
    # Five refusals, plus what the downloader had already queued (CONCURRENT_REQUESTS); not all 100.
    assert len(article_hits) <= 5 + 16


def test_trap_site_stays_within_caps(tmp_path: Path) -> None:
    def route(path: str, n: int):  # type: ignore[no-untyped-def]
        if path.startswith("/cal/"):  # an endless calendar
            d = int(path.split("=")[-1]) if "=" in path else 0
            return 200, {}, f'<a href="/cal/?d={d + 1}">next</a><a href="/cal/?d={d - 1}">prev</a>'.encode()
        if path.startswith("/x/"):  # relative links that nest forever
            return 200, {}, b'<a href="x/">deeper</a><a href="y/x/">other</a>'
        return 200, {}, b'<a href="/cal/">calendar</a><a href="/x/">x</a>'

    with HostileServer(route) as server:
        start = time.monotonic()
        result = archiver("crawl", server.url, "--db", str(tmp_path / "a.db"), "-s", "ARCHIVER_MAX_QUERY_VARIANTS=15",
                          *FAST, timeout=120)
        elapsed = time.monotonic() - start
        paths = [p for _, p in server.log]
    assert result.returncode == 0, result.stderr
    assert elapsed < 100
    assert len([p for p in paths if p.startswith("/cal/")]) <= 16 + 1
    assert max(p.count("x/") for p in paths) <= 3


def test_sitemaps_from_robots_and_feeds_are_start_points(tmp_path: Path) -> None:
    def route(path: str, n: int):  # type: ignore[no-untyped-def]
        xml = {"Content-Type": "application/xml"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\nSitemap: /sitemap_index.xml\n"
        if path == "/sitemap_index.xml":
            return 200, xml, (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                              b"<sitemap><loc>" + server.url.encode() + b"sitemap1.xml</loc></sitemap></sitemapindex>")
        if path == "/sitemap1.xml":
            return 200, xml, (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                              b"<url><loc>" + server.url.encode() + b"news/2024/0301/11.html</loc></url></urlset>")
        if path == "/rss.xml":
            return 200, {"Content-Type": "application/rss+xml"}, (
                b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title><link>'
                + server.url.encode() + b"news/2024/0301/12.html</link></item></channel></rss>")
        if path.startswith("/news/"):
            return 200, {}, article("地图与订阅" + path[-7:-5] + "号")
        return 200, {}, b"<html><body>no links here</body></html>"

    server = HostileServer(route)
    registry = tmp_path / "sites.toml"
    with server:
        registry.write_text(f'[[site]]\nname = "h"\nstart_urls = ["{server.url}"]\nfeeds = ["{server.url}rss.xml"]\n')
        result = archiver("crawl", "--site", "h", "--sites", str(registry), "--db", str(tmp_path / "a.db"), *FAST)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(tmp_path / "a.db")
    urls = sorted(u.rsplit("/", 1)[-1] for (u,) in conn.execute("SELECT url FROM articles"))
    assert urls == ["11.html", "12.html"]


def test_progress_lines_when_not_on_a_terminal(tmp_path: Path) -> None:
    with SamplePortal() as portal:
        result = archiver("crawl", portal.main_url, "--db", str(tmp_path / "a.db"), "-s",
                          "ARCHIVER_PROGRESS_INTERVAL=0.3", "-s", "DOWNLOAD_DELAY=0.05", "-s", "AUTOTHROTTLE_ENABLED=False")
        quiet = archiver("crawl", portal.main_url, "--db", str(tmp_path / "b.db"), "--quiet", *FAST)
    lines = [line for line in result.stderr.splitlines() if " pages " in line and "articles" in line]
    assert lines and "\r" not in result.stderr  # plain lines for logs, no terminal control codes
    assert quiet.returncode == 0 and quiet.stdout == "" and "pages" not in quiet.stderr


def test_split_article_survives_the_depth_limit(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with SamplePortal() as portal:
        result = archiver("crawl", portal.main_url, "--db", str(db), "--max-depth", "3", *FAST)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(db)
    row = conn.execute("SELECT page_urls FROM articles WHERE url LIKE '%/2024/0316/2001.html'").fetchone()
    assert row is not None and "2001_2.html" in row[0]


def test_mirror_host_pages_are_fetched_from_the_main_host_and_kept_as_aliases(tmp_path: Path) -> None:
    """A mobile mirror (another host serving the same paths) maps onto the main host by the registry's rule."""
    db, registry = tmp_path / "a.db", tmp_path / "sites.toml"
    mirror = HostileServer(lambda path, n: (200, {}, article("镜像站上的同一篇")))
    with mirror:
        mirror_host = mirror.url.split("/")[2]

        def route(path: str, n: int):  # type: ignore[no-untyped-def]
            if path == "/":
                return 200, {}, (f'<a href="{mirror.url}news/2024/0301/1.html?from=wap">m</a>'
                                 '<a href="/news/2024/0301/2.html">2</a>').encode()
            path = path.split("?", 1)[0]
            if path in ("/news/2024/0301/1.html", "/news/2024/0301/2.html"):
                return 200, {}, article(f"主站文章{path[-6]}")
            return 404, {}, b""

        with HostileServer(route) as main:
            registry.write_text(f'[[site]]\nname = "jc"\nstart_urls = ["{main.url}"]\n'
                                f'mirror_hosts = ["{mirror_host}"]\n', "utf-8")
            result = archiver("crawl", "--site", "jc", "--sites", str(registry), "--db", str(db), *FAST)
            assert result.returncode == 0, result.stderr
            assert main.hits.get("/news/2024/0301/1.html?from=wap") == 1
        assert not any(p.startswith("/news/") for p in mirror.hits)  # the mirror was never asked for the page
    conn = sqlite3.connect(db)
    stored = dict(conn.execute("SELECT url, id FROM articles"))
    main_url = f"{main.url}news/2024/0301/1.html"
    assert main_url in stored and f"{main.url}news/2024/0301/2.html" in stored and len(stored) == 2
    aliases = dict(conn.execute("SELECT url, article_id FROM url_aliases"))
    assert aliases[f"{mirror.url}news/2024/0301/1.html?from=wap"] == stored[main_url]  # the URL as found
    assert aliases[f"{mirror.url}news/2024/0301/1.html"] == stored[main_url]  # and canonical


def test_url_rewrite_rules_of_the_registry() -> None:
    from archiver.sites import parse_sites

    sites = parse_sites('[[site]]\nname = "dahe"\nstart_urls = ["https://news.dahe.cn/"]\n'
                        'mirror_hosts = ["m.dahe.cn", "wap.dahe.cn"]\n'
                        'url_rewrites = [["^https://news\\\\.dahe\\\\.cn/mobile/(\\\\d+)$", "https://news.dahe.cn/a/\\\\1.html"]]\n')
    site = sites["dahe"]
    assert site.rewrite("http://m.dahe.cn/2024/03-01/1.html") == "https://news.dahe.cn/2024/03-01/1.html"
    assert site.rewrite("https://WAP.dahe.cn") == "https://news.dahe.cn"
    assert site.rewrite("http://m.dahe.cn.evil.com/x") == "http://m.dahe.cn.evil.com/x"  # only that host
    assert site.rewrite("http://m.dahe.cn/mobile/77") == "https://news.dahe.cn/a/77.html"  # rules chain in order
    assert "dahe.cn" in site.keys  # mirrors are in scope


@pytest.mark.parametrize("state", [b"\x80\x09abc", b"\x80\x04]\x94.", b"\x80\x04N."])  # protocol 9, a list, None
def test_an_unreadable_or_foreign_saved_crawl_state_is_ignored(tmp_path: Path, state: bytes) -> None:
    db = tmp_path / "a.db"
    with SamplePortal() as portal:
        first = archiver("crawl", *portal.start_urls, "--db", str(db), "--max-pages", "10", *FAST)
        assert first.returncode == 0 and (tmp_path / "jobs" / "a.db" / "spider.state").is_file()
        (tmp_path / "jobs" / "a.db" / "spider.state").write_bytes(state)
        second = archiver("crawl", *portal.start_urls, "--db", str(db), *FAST)
    assert second.returncode == 0 and "(finished)" in second.stdout, second.stderr
    assert "Traceback" not in second.stderr and "ignoring the crawl's saved state" in second.stderr
    assert count(db) == 51
