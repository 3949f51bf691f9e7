"""Crawl throughput: a bare Scrapy spider vs the full archiver pipeline, on a generated local portal.

What is measured
    A deterministic Chinese news portal of ``--pages`` pages (home, paginated section lists,
    article pages like ``/news/2024/0315/12345.html``; 20-60 KB each, ~60 same-site links per
    page through the nav menu, a 最近更新 sidebar, 热点/相关 lists and pager links) is served on
    127.0.0.1 (ephemeral port) by a ThreadingHTTPServer in this process; pages are generated
    lazily per request from ``--seed``. It is crawled twice, each crawl in its own subprocess:

    bare   a minimal Scrapy spider that fetches every page and yields every same-site link
           (Scrapy's dupefilter removes repeats); ROBOTSTXT_OBEY off, AUTOTHROTTLE off,
           CONCURRENT_REQUESTS 16, Scrapy defaults otherwise;
    full   ``archiver.crawl.run_crawl`` with the overrides of
           ``archiver crawl URL --db TMP/bench.db -s AUTOTHROTTLE_ENABLED=False
           -s ROBOTSTXT_OBEY=False --max-depth 20`` (spider, extractor, pipelines, SQLite).

    For each: pages fetched (Scrapy's ``response_received_count`` / the runs table's
    ``pages_fetched``), crawl seconds (timed in the child around the crawl itself), process
    seconds (the whole subprocess, interpreter start-up and imports included), pages/s and the
    child's peak RSS and CPU time (``getrusage(RUSAGE_SELF)`` reported by the child), and the
    CPU this process spent serving pages during each crawl. The full crawl's article count is
    read from the SQLite file afterwards.

Run
    python bench/crawl_throughput.py --pages 2000
    python bench/crawl_throughput.py --pages 200            # quick
    python bench/crawl_throughput.py --keep-db /tmp/bench.db
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

REPO = Path(__file__).resolve().parent.parent
RESULT_TAG = "BENCH_RESULT "

# --- the generated site --------------------------------------------------------------------------
SITE_NAME = "云州新闻网"
SECTIONS = [("news", "本地新闻"), ("economy", "经济"), ("society", "社会"), ("culture", "文体"),
            ("edu", "教育"), ("health", "健康"), ("tech", "科技"), ("county", "区县")]
PER_LIST = 20          # article links per section list page
PAGER_WINDOW = 4       # numbered pager links either side of the current list page
FIXED = ["/", "/about.html", "/contact.html"]
NEWEST = dt.datetime(2024, 3, 15, 18, 30)

PLACES = ["临江区", "东湖区", "西山区", "南浦区", "北塘区", "青溪县", "石门县", "云岭县", "白沙镇", "桃源镇",
          "柳湾镇", "梅溪镇", "高新区", "经开区", "滨江新城", "龙潭街道"]
ORGS = ["市发改委", "市教育局", "市卫健委", "市住建局", "市交通运输局", "市生态环境局", "市文广旅局", "市市场监管局",
        "区政府", "县委县政府", "街道办事处", "市科技局", "市人社局", "市农业农村局", "市应急管理局", "团市委"]
PEOPLE = ["张建国", "王晓燕", "李志强", "赵丽华", "陈海涛", "刘文杰", "杨秀英", "黄俊", "周敏", "吴磊", "徐婷婷",
          "孙宇航", "胡国平", "朱红梅", "高翔", "林静", "何伟", "郭丽", "马超", "罗佳"]
TOPICS = ["老旧小区改造", "乡村振兴", "营商环境优化", "城市更新", "义务教育优质均衡", "基层医疗服务", "数字经济",
          "文旅融合", "河湖长制", "安全生产", "就业创业", "养老服务", "智慧交通", "垃圾分类", "高标准农田建设",
          "科技创新", "消费提振", "防汛备汛", "非遗保护", "全民健身"]
THINGS = ["项目", "工程", "试点", "行动", "专项整治", "服务中心", "示范基地", "产业园", "公共服务平台", "志愿服务队"]
VERBS = ["推进", "部署", "启动", "落实", "完善", "加快", "深化", "统筹", "谋划", "提升"]
TITLE_TEMPLATES = [
    "{place}{topic}工作取得新进展", "{org}召开{topic}推进会", "{place}首个{topic}{thing}正式投用",
    "{topic}：{place}交出亮眼成绩单", "{org}{verb}{topic}{thing}", "{place}：{verb}{topic}  让群众更有获得感",
    "今年以来{place}{topic}累计投入{n}亿元", "{person}：把{topic}做到群众心坎上", "{place}{n}个{topic}{thing}集中开工",
    "聚焦{topic}  {org}出台{n}条新举措",
]
SENTENCES = [
    "{date}，{org}召开{topic}工作推进会，研究部署下一阶段重点任务。",
    "记者从{org}获悉，今年以来，{place}围绕{topic}累计实施{thing}{n}个，完成投资{m}亿元。",
    "“{topic}关系千家万户，我们必须把好事办好、实事办实。”{org}负责人{person}表示。",
    "在{place}的{thing}现场，工人们正在抓紧施工，预计{month}月底前完成主体建设。",
    "据统计，全市已有{n}个{thing}纳入{topic}范围，惠及群众约{k}万人。",
    "{person}告诉记者，过去办一件事要跑好几个部门，现在在家门口就能办好。",
    "下一步，{place}将继续{verb}{topic}，推动各项政策措施落地见效。",
    "为确保工作质量，{org}成立专项工作组，实行清单化管理、项目化推进。",
    "{place}还创新推出“{short}”服务模式，群众满意度达到{pct}%以上。",
    "业内人士认为，{topic}既是民生工程，也是发展工程，对稳增长、惠民生具有重要意义。",
    "截至{month}月底，{place}已完成年度目标任务的{pct}%，进度位居全市前列。",
    "会议指出，要坚持问题导向，聚焦群众急难愁盼，{verb}{topic}各项工作。",
    "据介绍，该{thing}总投资{m}亿元，建成后可新增就业岗位{n}个。",
    "“以前{short}难，现在方便多了。”家住{place}的居民{person}笑着说。",
    "{org}相关负责人介绍，将通过线上线下相结合的方式，扩大{topic}的覆盖面。",
    "当天，{person}一行还实地察看了{place}{thing}建设情况，并召开座谈会听取意见建议。",
    "今年，{place}计划再{verb}{n}个{thing}，力争年底前全部建成投用。",
    "数据显示，一季度{place}相关指标同比增长{pct}%，增幅高于全市平均水平。",
]
SHORTS = ["一站式办理", "停车难", "就医难", "看得见、摸得着", "家门口服务", "最多跑一次", "指尖办", "上学远"]
SOURCES = ["云州日报", "云州晚报", "云州广播电视台", "云州新闻网", "新华社", "人民网"]


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    id: int
    section: str
    published: dt.datetime
    title: str

    @property
    def path(self) -> str:
        return f"/{self.section}/{self.published:%Y}/{self.published:%m%d}/{self.id}.html"


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        place=rng.choice(PLACES), org=rng.choice(ORGS), person=rng.choice(PEOPLE), topic=rng.choice(TOPICS),
        thing=rng.choice(THINGS), verb=rng.choice(VERBS), short=rng.choice(SHORTS), n=rng.randint(3, 260),
        m=round(rng.uniform(0.5, 80), 1), k=rng.randint(1, 90), pct=rng.randint(60, 99), month=rng.randint(1, 12),
        date=f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日")


class Site:
    """The page set of ``pages`` pages, generated from ``seed``; article metadata in memory, pages on demand."""

    def __init__(self, pages: int, seed: int):
        self.seed = seed
        n_articles = pages - len(FIXED)
        while n_articles > 0 and len(FIXED) + n_articles + self._list_pages(n_articles) > pages:
            n_articles -= 1
        rng = random.Random(seed)
        self.articles: list[ArticleMeta] = []  # newest first
        when = NEWEST
        for i in range(n_articles):
            when -= dt.timedelta(minutes=rng.randint(20, 200))
            section = SECTIONS[i % len(SECTIONS)][0]
            self.articles.append(ArticleMeta(10000 + i * 7 + rng.randint(0, 6), section, when,
                                             _fill(rng.choice(TITLE_TEMPLATES), rng)))
        self.by_path = {a.path: i for i, a in enumerate(self.articles)}
        self.by_section = {s: [a for a in self.articles if a.section == s] for s, _ in SECTIONS}
        self.list_count = {s: max(1, -(-len(arts) // PER_LIST)) for s, arts in self.by_section.items()}
        self.page_count = len(FIXED) + len(self.articles) + sum(self.list_count.values())

    @staticmethod
    def _list_pages(n_articles: int) -> int:
        per = [len(range(i, n_articles, len(SECTIONS))) for i in range(len(SECTIONS))]
        return sum(max(1, -(-n // PER_LIST)) for n in per)

    # --- pages -------------------------------------------------------------------------------
    def render(self, path: str) -> bytes | None:
        """The page at ``path`` as UTF-8 bytes, or None (404)."""
        if path in ("/", "/index.html"):
            return self._home()
        if path in ("/about.html", "/contact.html"):
            return self._about(path)
        if path in self.by_path:
            return self._article(self.by_path[path])
        parts = path.strip("/").split("/")
        if len(parts) in (1, 2) and parts[0] in self.by_section:
            name = parts[1] if len(parts) == 2 else "index.html"
            if name == "index.html":
                return self._list(parts[0], 1)
            if name.startswith("index_") and name.endswith(".html") and name[6:-5].isdigit():
                page = int(name[6:-5])
                if 2 <= page <= self.list_count[parts[0]]:
                    return self._list(parts[0], page)
        return None

    def _rng(self, key: str) -> random.Random:
        return random.Random(f"{self.seed}:{key}")

    def _link(self, a: ArticleMeta, date: bool = False) -> str:
        stamp = f'<span class="date">{a.published:%m-%d}</span>' if date else ""
        return f'<li><a href="{a.path}" title="{a.title}" target="_blank">{a.title}</a>{stamp}</li>'

    def _list_url(self, section: str, page: int) -> str:
        return f"/{section}/index.html" if page == 1 else f"/{section}/index_{page}.html"

    def _sample(self, rng: random.Random, pool: list[ArticleMeta], k: int) -> list[ArticleMeta]:
        return rng.sample(pool, min(k, len(pool)))

    def _chrome_top(self, title: str, rng: random.Random) -> str:
        nav = "".join(f'<li><a href="/{s}/index.html">{name}</a></li>' for s, name in SECTIONS)
        more = "".join(f'<li><a href="{self._list_url(s, 2)}">{name}·往期</a></li>'
                       for s, name in SECTIONS if self.list_count[s] >= 2)
        return (
            '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta http-equiv="X-UA-Compatible" content="IE=edge">'
            f'<title>{title}_{SITE_NAME}</title>'
            f'<meta name="keywords" content="{SITE_NAME},云州新闻,云州,{rng.choice(TOPICS)}">'
            f'<meta name="description" content="{SITE_NAME}是云州市重点新闻网站，权威发布云州本地新闻资讯。">'
            f'<link rel="stylesheet" href="/static/css/common.css?v={self.seed}">'
            f"<style>{CSS}</style>"
            '<script src="/static/js/jquery-1.8.3.min.js"></script></head>\n<body>'
            '<div class="topbar"><div class="w1200"><span>欢迎访问云州新闻网</span>'
            '<a href="javascript:void(0)" onclick="addFavorite()">加入收藏</a>'
            '<a href="javascript:void(0)">设为首页</a><a href="http://wap.example.cn/">手机版</a></div></div>'
            f'<div class="header w1200"><a href="/" class="logo"><img src="/static/img/logo.png" alt="{SITE_NAME}"></a>'
            '<form action="http://search.example.cn/s" class="search"><input name="q" placeholder="请输入关键词">'
            '<button type="submit">搜索</button></form></div>'
            f'<div class="nav w1200"><ul><li class="on"><a href="/">首页</a></li>{nav}</ul><ul class="sub">{more}</ul></div>\n'
        )

    def _sidebar(self, rng: random.Random) -> str:
        latest = "".join(self._link(a, date=True) for a in self.articles[:10])
        hot = "".join(f'<li><em>{i + 1}</em><a href="{a.path}">{a.title}</a></li>'
                      for i, a in enumerate(self._sample(rng, self.articles, 10)))
        return (f'<div class="side"><div class="box latest"><h3>最近更新</h3><ul>{latest}</ul></div>'
                f'<div class="box ad"><img src="/static/ad/{rng.randint(1, 40)}.jpg" alt="广告"></div>'
                f'<div class="box hot"><h3>热点排行</h3><ol>{hot}</ol></div></div>\n')

    def _footer(self, rng: random.Random, size: int, target: int) -> str:
        friends = "".join(f'<a href="http://www.{d}.gov.cn/" target="_blank">{n}</a>' for d, n in FRIEND_SITES)
        head = (
            '<div class="footer"><div class="friend"><b>友情链接：</b>' + friends + '</div>'
            '<p><a href="/about.html">关于我们</a> | <a href="/contact.html">联系我们</a> | '
            '<a href="javascript:;">广告服务</a> | <a href="javascript:;">版权声明</a></p>'
            f'<p>Copyright © 2006-2024 {SITE_NAME} All Rights Reserved 未经授权禁止转载</p>'
            '<p>主办单位：云州日报社 <a href="https://beian.miit.gov.cn/" target="_blank">浙ICP备05012345号-1</a> '
            '浙公网安备 33010202000123号 互联网新闻信息服务许可证编号：33120170004</p></div>'
        )
        tail = "\n</body></html>\n"
        # Portals carry large inline scripts (ad slots, statistics); pad with one up to the page's target size.
        pad = max(0, target - size - len((head + tail).encode()) - 120)
        slots, n = [], 0
        while n < pad:
            slot = ('{"slot":"ad_%d","w":%d,"h":%d,"src":"//static.ad.example.cn/s/%08x.js","pv":%d}'
                    % (len(slots), rng.choice((300, 640, 960, 1200)), rng.choice((90, 120, 250)),
                       rng.getrandbits(32), rng.randint(100, 99999)))
            slots.append(slot)
            n += len(slot) + 1
        script = f"<script>var _adSlots=[{','.join(slots)}];var _hmt=_hmt||[];</script>" if slots else ""
        return head + script + tail

    def _page(self, title: str, rng: random.Random, main: str) -> bytes:
        target = rng.randint(20, 60) * 1024
        html = self._chrome_top(title, rng) + f'<div class="content w1200">{main}{self._sidebar(rng)}</div>\n'
        size = len(html.encode())
        return (html + self._footer(rng, size, target)).encode()

    def _home(self) -> bytes:
        rng = self._rng("home")
        blocks = []
        for s, name in SECTIONS:
            items = "".join(self._link(a, date=True) for a in self.by_section[s][:8])
            blocks.append(f'<div class="block"><h2><a href="/{s}/index.html">{name}</a>'
                          f'<a class="more" href="/{s}/index.html">更多&gt;&gt;</a></h2><ul>{items}</ul></div>')
        return self._page("首页", rng, '<div class="main">' + "".join(blocks) + "</div>")

    def _about(self, path: str) -> bytes:
        rng = self._rng(path)
        name = "关于我们" if "about" in path else "联系我们"
        text = "".join(f"<p>{_fill(rng.choice(SENTENCES), rng)}</p>" for _ in range(3))
        return self._page(name, rng, f'<div class="main"><h1>{name}</h1>{text}</div>')

    def _list(self, section: str, page: int) -> bytes:
        rng = self._rng(f"list:{section}:{page}")
        arts = self.by_section[section][(page - 1) * PER_LIST: page * PER_LIST]
        name = dict(SECTIONS)[section]
        items = "".join(self._link(a, date=True) for a in arts)
        last = self.list_count[section]
        pager = [f'<a href="{self._list_url(section, 1)}">首页</a>']
        if page > 1:
            pager.append(f'<a href="{self._list_url(section, page - 1)}">上一页</a>')
        for p in range(max(1, page - PAGER_WINDOW), min(last, page + PAGER_WINDOW) + 1):
            pager.append(f"<span>{p}</span>" if p == page else f'<a href="{self._list_url(section, p)}">{p}</a>')
        if page < last:
            pager.append(f'<a href="{self._list_url(section, page + 1)}">下一页</a>')
        pager.append(f'<a href="{self._list_url(section, last)}">尾页</a>')
        main = (f'<div class="main"><div class="crumb">当前位置：<a href="/">首页</a> &gt; {name}</div>'
                f'<ul class="list">{items}</ul><div class="pager">{"".join(pager)}</div></div>')
        return self._page(name if page == 1 else f"{name}_第{page}页", rng, main)

    def _article(self, index: int) -> bytes:
        a = self.articles[index]
        rng = self._rng(f"article:{a.id}")
        name = dict(SECTIONS)[a.section]
        paras = []
        for _ in range(rng.randint(5, 15)):
            paras.append("<p>　　" + "".join(_fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(2, 6))) + "</p>")
        if rng.random() < 0.4:
            paras.insert(rng.randint(1, len(paras) - 1),
                         f'<p style="text-align:center"><img src="/uploads/{a.published:%Y%m}/{a.id}_1.jpg"></p>'
                         f'<p class="caption">{_fill("{place}{thing}建设现场。", rng)}</p>')
        same = [x for x in self.by_section[a.section] if x.id != a.id]
        related = "".join(self._link(x) for x in self._sample(rng, same, 12))
        photos = "".join(f'<li><a href="{x.path}"><img src="/uploads/{x.published:%Y%m}/{x.id}_s.jpg">'
                         f"<p>{x.title}</p></a></li>" for x in self._sample(rng, self.articles, 6))
        prev_next = []
        if index + 1 < len(self.articles):
            prev_next.append(f'<p>上一篇：<a href="{self.articles[index + 1].path}">{self.articles[index + 1].title}</a></p>')
        if index > 0:
            prev_next.append(f'<p>下一篇：<a href="{self.articles[index - 1].path}">{self.articles[index - 1].title}</a></p>')
        main = (
            f'<div class="main"><div class="crumb">当前位置：<a href="/">首页</a> &gt; '
            f'<a href="/{a.section}/index.html">{name}</a> &gt; 正文</div>'
            f'<div class="article"><h1>{a.title}</h1>'
            f'<div class="info"><span>{a.published:%Y-%m-%d %H:%M}</span><span>来源：{rng.choice(SOURCES)}</span>'
            f'<span>作者：{rng.choice(PEOPLE)}</span><span>点击：<script>document.write(Math.random())</script></span>'
            f'<span class="fontsize">字号：<a href="javascript:;">大</a> <a href="javascript:;">中</a> '
            f'<a href="javascript:;">小</a></span></div>'
            f'<div class="article-content" id="zoom">{"".join(paras)}</div>'
            f'<div class="editor">（责任编辑：{rng.choice(PEOPLE)}）</div>'
            f'<div class="share">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a></div>'
            f'<div class="prevnext">{"".join(prev_next)}</div></div>'
            f'<div class="box related"><h3>相关阅读</h3><ul>{related}</ul></div>'
            f'<div class="box photos"><h3>图片新闻</h3><ul>{photos}</ul></div></div>'
        )
        return self._page(a.title, rng, main)


FRIEND_SITES = [("zj", "浙江省人民政府"), ("yunzhou", "云州市人民政府"), ("zjrb", "浙江日报"),
                ("people", "人民网"), ("xinhuanet", "新华网"), ("cctv", "央视网"), ("chinanews", "中国新闻网")]
CSS = "".join(
    f".{cls}{{margin:0 auto;padding:{p}px;font:14px/1.8 'Microsoft YaHei',SimSun,sans-serif;color:#{c:06x}}}"
    for cls, p, c in [(f"c{i}", i % 20, (i * 2654435761) & 0xFFFFFF) for i in range(80)]
)


# --- the server ---------------------------------------------------------------------------------
class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        body = self.server.site.render(path)
        self.server.count(path)
        status = 200 if body is not None else 404
        body = body if body is not None else b"<html><body><h1>404 Not Found</h1></body></html>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver listens with a backlog of 5: a crawler opening connections faster than this server
    # accepts them overflows it, the kernel drops the SYN, and the client waits 1 s to retry (seen as
    # stalls of ~0.7 s every second in earlier runs of this benchmark: TcpExtListenOverflows counted them).
    request_queue_size = 1024

    def __init__(self, site: Site):
        super().__init__(("127.0.0.1", 0), _Handler)  # loopback only, ephemeral port
        self.site = site
        self.requests = 0
        self.article_requests = 0
        self.article_paths = {a.path for a in site.articles}
        self._lock = threading.Lock()

    def count(self, path: str) -> None:
        with self._lock:
            self.requests += 1
            self.article_requests += path in self.article_paths


# --- the two crawls (children) ---------------------------------------------------------------------
def _bare_child(url: str) -> dict:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    host = urlsplit(url).netloc

    class BareSpider(scrapy.Spider):
        name = "bare"
        start_urls = [url]

        def parse(self, response):  # type: ignore[no-untyped-def]
            for href in response.xpath("//a/@href").getall():
                link = urljoin(response.url, href.strip())
                if urlsplit(link).netloc == host:
                    yield scrapy.Request(link, callback=self.parse)

    process = CrawlerProcess({"ROBOTSTXT_OBEY": False, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "WARNING",
                              "CONCURRENT_REQUESTS": 16})
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler)
    start = time.perf_counter()
    process.start()
    seconds = time.perf_counter() - start
    stats = crawler.stats.get_stats()
    return {"pages": stats.get("response_received_count", 0), "seconds": seconds, "articles": None,
            "finish_reason": stats.get("finish_reason")}


def _full_child(url: str, db: str) -> dict:
    from archiver.crawl import run_crawl

    # What `archiver crawl URL --db DB -s AUTOTHROTTLE_ENABLED=False -s ROBOTSTXT_OBEY=False --max-depth 20` passes.
    overrides = {"LOG_LEVEL": "WARNING", "DEPTH_LIMIT": 20, "AUTOTHROTTLE_ENABLED": "False", "ROBOTSTXT_OBEY": "False"}
    overrides.update(json.loads(os.environ.get("ARCHIVER_BENCH_SETTINGS", "{}")))  # --set NAME=VALUE
    start = time.perf_counter()
    run = run_crawl([url], Path(db), overrides)
    seconds = time.perf_counter() - start
    return {"pages": run.get("pages_fetched") or 0, "seconds": seconds, "articles": run.get("total_articles"),
            "finish_reason": f"{run.get('status')} ({run.get('reason')})", "exit_code": run.get("exit_code")}


def _child_main(mode: str, url: str, db: str) -> None:
    result = _bare_child(url) if mode == "bare" else _full_child(url, db)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    # The extraction worker processes (reaped when the crawl closes its pool): largest peak RSS, total CPU.
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["worker_rss_mb"] = kids.ru_maxrss / 1024
    result["worker_cpu_seconds"] = kids.ru_utime + kids.ru_stime
    print(RESULT_TAG + json.dumps(result), flush=True)


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _run_child(mode: str, url: str, db: str, server: _Server) -> dict:
    before, articles_before = server.requests, server.article_requests
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, url, db]
    cpu_before, start = _cpu_self(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - start
    server_cpu = _cpu_self() - cpu_before  # this process only serves pages while the child runs
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(RESULT_TAG)]
    if not lines:
        sys.exit(f"{mode} crawl failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    result = json.loads(lines[-1][len(RESULT_TAG):])
    result.update(mode=mode, process_seconds=wall, server_cpu_seconds=server_cpu, served=server.requests - before,
                  article_requests=server.article_requests - articles_before,
                  exit=proc.returncode, stderr_lines=len(proc.stderr.splitlines()))
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages in the generated site (default 2000)")
    parser.add_argument("--seed", type=int, default=20240315, help="seed of the generated site")
    parser.add_argument("--keep-db", type=Path, default=None, help="copy the full crawl's archive here")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="extra setting for the full crawls, e.g. --set ARCHIVER_EXTRACT_PROCESSES=1")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "URL", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child_main(*args.child)
        return
    os.environ["ARCHIVER_BENCH_SETTINGS"] = json.dumps(dict(item.split("=", 1) for item in args.set))

    site = Site(max(args.pages, 20), args.seed)
    server = _Server(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    sizes = [len(site.render(p) or b"") for p in ("/", "/news/index.html", site.articles[0].path, site.articles[-1].path)]
    print(f"site {url}: {site.page_count} pages ({len(site.articles)} articles, "
          f"{sum(site.list_count.values())} list pages, {len(FIXED)} others), seed {args.seed}; "
          f"sample sizes {', '.join(f'{s / 1024:.0f}' for s in sizes)} KB; "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")

    with tempfile.TemporaryDirectory(prefix="archiver-bench-") as tmp:
        db = str(Path(tmp) / "bench.db")
        results = []
        for mode in ("bare", "full"):
            print(f"crawling ({mode}) ...", flush=True)
            results.append(_run_child(mode, url, db, server))
        print("crawling (full, again: incremental re-run of the unchanged site) ...", flush=True)
        rerun = _run_child("full", url, db, server)
        with sqlite3.connect(db) as conn:
            articles_in_db = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            dups = conn.execute("SELECT count(*) FROM duplicates").fetchone()[0]
        if args.keep_db:
            args.keep_db.unlink(missing_ok=True)
            src, dst = sqlite3.connect(db), sqlite3.connect(args.keep_db)
            with dst:
                src.backup(dst)
            src.close()
            dst.close()
    server.shutdown()

    print()
    print(f"{'mode':<6} {'pages':>6} {'served':>6} {'crawl s':>8} {'pages/s':>8} {'proc s':>7} {'peak RSS MB':>12} "
          f"{'crawler CPU s':>14} {'worker RSS MB':>14} {'worker CPU s':>13} {'server CPU s':>13}")
    for r in results:
        print(f"{r['mode']:<6} {r['pages']:>6} {r['served']:>6} {r['seconds']:>8.1f} {r['pages'] / r['seconds']:>8.1f} "
              f"{r['process_seconds']:>7.1f} {r['peak_rss_mb']:>12.0f} {r['cpu_seconds']:>14.1f} "
              + (f"{r['worker_rss_mb']:>14.0f} {r['worker_cpu_seconds']:>13.1f}" if r["worker_cpu_seconds"] >= 0.05
                 else f"{'-':>14} {'-':>13}")  # no extraction worker ran (ARCHIVER_EXTRACT_PROCESSES=0)
              + f" {r['server_cpu_seconds']:>13.1f}")
    bare, full = results
    ratio = (full["pages"] / full["seconds"]) / (bare["pages"] / bare["seconds"])
    print(f"\nfull/bare pages/s: {ratio:.2f}   (target >= 0.80)")
    share = rerun["article_requests"] / max(1, full["article_requests"])
    print(f"incremental re-run: {rerun['served']} requests in {rerun['seconds']:.1f} s, {rerun['article_requests']} of them "
          f"for article pages vs {full['article_requests']} in the first run: {share:.1%}   (target <= 5%); "
          f"peak RSS {rerun['peak_rss_mb']:.0f} MB")
    print(f"full crawl: {full['finish_reason']}, exit code {full.get('exit_code')}; archive holds {articles_in_db} "
          f"articles ({len(site.articles)} article pages on the site), {dups} linked duplicates"
          + (f"; kept at {args.keep_db}" if args.keep_db else ""))
    print("(crawl s: timed in the child around the crawl; proc s: whole subprocess incl. start-up and imports; "
          "served: requests the server answered;\n crawler CPU s: the child's user+sys time; worker: its extraction process "
          "(ARCHIVER_EXTRACT_PROCESSES); server CPU s: this process's while serving; "
          "bare counts the start URL twice: start requests bypass the dupefilter)")
    for r in results:
        if r["exit"] != 0 or r["stderr_lines"]:
            print(f"note: {r['mode']} child exit {r['exit']}, {r['stderr_lines']} stderr lines (warnings)")


if __name__ == "__main__":
    main()
