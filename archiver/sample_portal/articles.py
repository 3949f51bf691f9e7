"""Ground truth of the sample portal: one :class:`ArticleRecord` per article, built
deterministically from :mod:`stories` (seeded ``random.Random`` per article, no clock)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import phrases, textgen
from .stories import HK_QUOTE, PARTNER_STORIES, SPLIT_STORY, STORIES, SYNDICATED_INDEX, Story

TEMPLATE_OF_SECTION = {"news": "modern", "economy": "modern", "society": "modern",
                       "culture": "modern", "zixun": "farm", "county": "gbk_table",
                       "twhk": "big5", "partner": "partner"}
SPLIT_PATHS = ("/news/2024/0316/2001.html", "/news/2024/0316/2001_2.html")
_FIRST_DAY = dt.datetime(2024, 2, 19)
_SPAN_DAYS = 53
_NEIGHBOUR = {"transport": "urban", "economy": "industry", "industry": "economy",
              "agriculture": "tourism", "education": "culture", "health": "urban",
              "weather": "agriculture", "culture": "tourism", "sports": "health",
              "environment": "weather", "urban": "environment", "tourism": "culture",
              "twhk": "economy"}
_HK_STORY_TITLES = ("港人北上",)  # the Big5 page that needs HKSCS


@dataclass(frozen=True)
class Image:
    """An image of an article page: shown before paragraph ``before`` (0-based)."""

    before: int
    src: str
    caption: str


@dataclass(eq=False)
class ArticleRecord:
    """Ground truth for one article of the sample portal (do not mutate: shared)."""

    site: str                   # "main" or "partner"
    path: str                   # path (+ query) of page 1, e.g. "/show.php?id=1213"
    pages: list[str]            # every page's path, in order (two for the split article)
    template: str               # "modern" | "farm" | "gbk_table" | "big5" | "partner"
    charset: str                # real byte encoding: "utf-8" | "gbk" | "big5" | "big5hkscs"
    header_charset: str | None  # charset the HTTP Content-Type claims (may lie), or None
    title: str                  # clean title in the page's own script (no pinyin, no site suffix)
    published: str              # "YYYY-MM-DD HH:MM", or "YYYY-MM-DD" where the page shows no time
    authors: list[str]          # every person named in the byline, role words removed
    source: str | None          # 来源 outlet
    editor: str | None          # 责任编辑 name
    paragraphs: list[str]       # clean body paragraphs (inline 本报讯（记者 X） lead kept)
    captions: list[str]         # image captions as shown (credits kept, no pinyin)
    keywords: list[str]         # 关键词 shown on the page
    syndicated_from: str | None = None  # partner copy: path of the original on main
    section: str = ""           # channel slug: news, economy, ..., partner
    byline: str | None = None   # byline text as shown on the page (no pinyin)
    lang: str = "zh-Hans"       # "zh-Hans" or "zh-Hant"
    id: int = 0                 # CMS id (the number in the URL)
    # How the page shows things (rendering only, not ground truth).
    shown_time: str = field(default="", repr=False)
    images: list[Image] = field(default_factory=list, repr=False)
    page_break: int | None = field(default=None, repr=False)  # paragraphs on page 1

    @property
    def body(self) -> str:
        """Paragraphs joined with newlines."""
        return "\n".join(self.paragraphs)

    def __getitem__(self, key: str) -> object:  # records also read like dicts
        return getattr(self, key)


def _path(section: str, ident: int, when: dt.datetime) -> str:
    y, m, d = when.year, when.month, when.day
    return {
        "news": f"/news/{y}/{m:02d}{d:02d}/{ident}.html",
        "economy": f"/economy/t{y}{m:02d}{d:02d}_{ident}.html",
        "society": f"/content/{y}-{m:02d}/{d:02d}/content_{ident}.htm",
        "culture": f"/shtml/wenti/{y}{m:02d}{d:02d}/{ident}.shtml",
        "zixun": f"/zixun/{y}/{m:02d}{d:02d}/{ident}.html",
        "county": f"/show.php?id={ident}",
        "twhk": f"/twhk/{y}{m:02d}{d:02d}/{ident}.htm",
        "partner": f"/a/bendi/{y}{m:02d}{d:02d}/{ident}.html",
    }[section]


def _paragraphs(rng: random.Random, story: Story, slots: dict[str, str],
                n_par: int) -> list[str]:
    core = [textgen.expand(c, rng, slots) for c in story.core]
    # At most seven sentences of the story's own topic pool, the rest from a second topic,
    # so that two stories of one topic never share most of their sentence frames.
    second = story.mix or _NEIGHBOUR[story.topic]
    pool = [(t, story.topic) for t in phrases.POOLS[story.topic]]
    extra = [(t, second) for t in phrases.POOLS[second]]
    rng.shuffle(pool)
    rng.shuffle(extra)
    pool = pool[:7] + extra[:4]
    rng.shuffle(pool)
    # a sentence of the second topic is spoken by an organisation of that topic
    other = dict(slots, org=rng.choice(phrases.ORGS[second]).replace("{district}",
                                                                      slots["district"]))
    wanted = min(len(core) + len(pool), max(7, n_par + rng.randint(n_par // 2, n_par)))
    chosen = core + [textgen.expand(t, rng, textgen.fresh_people(
                         rng, slots if topic == story.topic else other))
                     for t, topic in pool[: max(0, wanted - len(core))]]
    # Paragraph sizes: one or two sentences each, the lead paragraph first.
    sizes = [1] * n_par
    for _ in range(len(chosen) - n_par):
        sizes[rng.choice([i for i, s in enumerate(sizes) if s < 4])] += 1
    out, i = [], 0
    for size in sizes:
        out.append("".join(chosen[i:i + size]))
        i += size
    return out


def _byline(style: str, rng: random.Random, site: str) -> tuple[str, list[str], str]:
    """(byline as shown, authors, inline lead) for a simplified-script byline style."""
    r1, r2 = rng.sample(phrases.PARTNER_REPORTERS if site == "partner" else phrases.REPORTERS, 2)
    corr, photo = rng.choice(phrases.CORRESPONDENTS), rng.choice(phrases.PHOTOGRAPHERS)
    return {
        "reporter": (f"记者 {r1}", [r1], ""),
        "author": (f"作者：{r1}", [r1], ""),
        "plain": (r1, [r1], ""),
        "two": (f"记者 {r1} {r2}", [r1, r2], ""),
        "wentu": (f"文/{r1} 图/{photo}", [r1, photo], ""),
        "lead": (f"本报讯（记者 {r1}）", [r1], f"本报讯（记者 {r1}）"),
        "corr": (f"记者 {r1} 通讯员 {corr}", [r1, corr], ""),
        "lead_corr": (f"本报讯（记者 {r1} 通讯员 {corr}）", [r1, corr],
                      f"本报讯（记者 {r1} 通讯员 {corr}）"),
    }[style]


_STYLES = {"modern": ("reporter", "lead", "author", "two", "wentu", "corr"),
           "gbk_table": ("author", "corr", "lead_corr"),
           "farm": ("reporter",), "big5": ("reporter", "wentu"), "partner": ("plain",)}
_SOURCES = {"modern": ("江城日报", "江城晚报", "江城新闻网"), "farm": ("江城日报",),
            "gbk_table": ("江城日报", "{district}新闻中心", "江城新闻网"),
            "big5": ("兩岸時報", "香江商報"), "partner": ("越州日报", "越州在线")}


def _build(story: Story, ident: int, when: dt.datetime, n: int) -> ArticleRecord:
    template = TEMPLATE_OF_SECTION[story.section]
    rng = random.Random(f"{ident}:{story.title}")
    slots = textgen.article_slots(rng, story.topic, when, story.section)
    if "李堃" in story.title:
        slots["district"] = "青溪县"
    for name, tpl in story.vars.items():
        slots[name] = textgen.expand(tpl, rng, slots)
    title = textgen.expand(story.title, rng, slots)
    n_par = rng.choice((3, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12))
    if story is SPLIT_STORY or story is STORIES[SYNDICATED_INDEX]:
        n_par = 12 if story is SPLIT_STORY else 8
    paragraphs = _paragraphs(rng, story, slots, n_par)
    style = _STYLES[template][n % len(_STYLES[template])]
    if story is STORIES[SYNDICATED_INDEX]:  # the syndicated original keeps a plain byline
        style = "reporter"
    byline, authors, lead = _byline(style, rng, story.section)
    if "李堃" in story.title:
        byline, authors, lead = "记者 陈喆", ["陈喆"], ""
    if lead:
        paragraphs[0] = lead + paragraphs[0]
    source = textgen.expand(rng.choice(_SOURCES[template]), rng, slots)
    if style == "lead" or style == "lead_corr":
        source = "江城日报"
    editor: str | None = rng.choice(phrases.EDITORS)
    credit = f"{authors[-1]} 摄" if style == "wentu" else f"记者 {authors[0]} 摄"
    images = []
    n_img = {"modern": rng.choice((0, 1, 1, 2)), "farm": 2, "gbk_table": rng.choice((0, 1)),
             "big5": rng.choice((0, 1)), "partner": 1}[template]
    for k in range(n_img):
        cap = textgen.expand(phrases.CAPTIONS[story.topic][k], rng, slots)
        cap = cap + (f"{slots['district']}融媒体中心供图" if template == "farm" else credit)
        before = 0 if k == 0 else rng.randint(2, max(2, len(paragraphs) - 1))
        images.append(Image(before, f"/uploads/{when:%Y%m}/{when:%d}{ident}_{k + 1}.jpg", cap))
    keywords = list(story.keywords)
    if template == "modern" and n % 4 == 3:
        keywords = []
    if template in ("gbk_table", "partner"):
        keywords = []
    fmt = {"modern": ("%Y-%m-%d %H:%M", "%Y年%m月%d日 %H:%M", "{y}/{m}/{d}"),
           "farm": ("%Y-%m-%d %H:%M",), "gbk_table": ("%Y年%m月%d日 %H:%M", "{y}年{m}月{d}日"),
           "big5": ("{y}/{m}/{d} %H:%M", "{y}/{m}/{d}"), "partner": ("%Y-%m-%d %H:%M",)}[template]
    shown = fmt[n % len(fmt)]
    timed = "%H" in shown
    shown = when.strftime(shown).format(y=when.year, m=when.month, d=when.day)
    header = {"modern": None if n % 5 == 4 else "utf-8", "farm": "utf-8", "partner": "utf-8",
              "gbk_table": "utf-8" if n % 2 else None, "big5": "big5" if n % 2 else None}[template]
    charset = {"modern": "utf-8", "farm": "utf-8", "partner": "utf-8", "gbk_table": "gbk",
               "big5": "big5"}[template]
    lang = "zh-Hans"
    if template in ("farm", "big5"):
        variant = "tw"  # s2hk forms (裏 説 户 着) are not in Big5
        conv = lambda s: textgen.to_traditional(s, variant)  # noqa: E731
        title, source, byline = conv(title), conv(source), conv(byline)
        paragraphs = [conv(p) for p in paragraphs]
        authors = [conv(a) for a in authors]
        editor = conv(editor)
        keywords = [conv(k) for k in keywords]
        images = [Image(im.before, im.src, conv(im.caption)) for im in images]
        lang = "zh-Hant"
        if template == "farm":  # byline as a body paragraph: "江城日報記者 X" (seed style)
            editor, byline = None, f"{source}{byline}"
            images.insert(1, Image(0, images[0].src.replace("_1.", "_0."), "(資料圖片)"))
        if any(t in title for t in _HK_STORY_TITLES):
            quote = HK_QUOTE.replace("{person2}", conv(slots["person2"]))
            paragraphs.insert(2, quote)
            charset, header = "big5hkscs", "big5"
    path = SPLIT_PATHS[0] if story is SPLIT_STORY else _path(story.section, ident, when)
    rec = ArticleRecord(
        site="partner" if story.section == "partner" else "main", path=path, pages=[path],
        template=template, charset=charset, header_charset=header, title=title,
        published=when.strftime("%Y-%m-%d %H:%M" if timed else "%Y-%m-%d"), authors=authors,
        source=source, editor=editor, paragraphs=paragraphs,
        captions=[im.caption for im in images], keywords=keywords, section=story.section,
        byline=byline, lang=lang, id=ident, shown_time=shown, images=images)
    if story is SPLIT_STORY:
        rec.pages = list(SPLIT_PATHS)
        rec.page_break = len(paragraphs) // 2
    return rec


def _schedule() -> list[tuple[Story, dt.datetime]]:
    """Spread the main stories over the date range, sections interleaved."""
    by_section: dict[str, list[Story]] = {}
    for story in STORIES:
        by_section.setdefault(story.section, []).append(story)
    keyed = []
    for items in by_section.values():
        for i, story in enumerate(items):
            keyed.append(((i + 0.5) / len(items), STORIES.index(story), story))
    keyed.sort(key=lambda k: (k[0], k[1]))
    rng = random.Random("schedule")
    out = []
    for i, (_, _, story) in enumerate(keyed):
        day = _FIRST_DAY + dt.timedelta(days=i * _SPAN_DAYS // len(keyed))
        if story.day:
            day = dt.datetime.strptime(f"2024-{story.day}", "%Y-%m-%d")
        out.append((story, day.replace(hour=rng.randint(7, 21), minute=rng.randint(0, 59))))
    out.sort(key=lambda item: item[1])
    return out


def build_articles() -> list[ArticleRecord]:
    """Every article of both sites: main ones in CMS-id order, then the partner's."""
    records = []
    for n, (story, when) in enumerate(_schedule()):
        records.append(_build(story, 1201 + n, when, STORIES.index(story) + 1))
    records.append(_build(SPLIT_STORY, 2001, dt.datetime(2024, 3, 16, 9, 18), 0))
    original = next(r for r in records if r.title.startswith("江城地铁3号线"))
    for k, story in enumerate(PARTNER_STORIES):
        when = _FIRST_DAY + dt.timedelta(days=12 + 17 * k, hours=9 + k, minutes=5 * k)
        records.append(_build(story, 356 + 7 * k, when, k))
    copy_when = dt.datetime.strptime(original.published[:10], "%Y-%m-%d") + dt.timedelta(
        days=1, hours=8, minutes=40)
    copy = ArticleRecord(
        site="partner", path=_path("partner", 412, copy_when), pages=[], template="partner",
        charset="utf-8", header_charset="utf-8", title=original.title,
        published=copy_when.strftime("%Y-%m-%d %H:%M"), authors=list(original.authors),
        source="江城新闻网", editor="陆佳", paragraphs=list(original.paragraphs), captions=[],
        keywords=[], syndicated_from=original.path, section="partner", byline=original.byline,
        id=412, shown_time=copy_when.strftime("%Y-%m-%d %H:%M"))
    copy.pages = [copy.path]
    records.append(copy)
    return records
