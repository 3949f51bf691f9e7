"""Page metadata: <meta> tags, JSON-LD, title, byline roles, dates, keywords, site facts."""

from __future__ import annotations

import itertools
import re
from typing import Any

from bs4 import Comment, NavigableString, Tag

from . import lexicon as lx
from .content import attr_text
from .items import SiteFacts
from .scan import PageScan
from .mojibake import looks_garbled
from .text import clean_line, nfkc, strip_pinyin

TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|–|—|--|\s-\s|-\s|\s-|_{2,}|::|»)\s*")
META_DATE_KEYS = ("article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
                  "publish_date", "publishtime", "publish-date", "og:release_date", "release_date", "dc.date.issued",
                  "dc.date", "date", "created", "sailthru.date", "parsely-pub-date", "weibo: article:create_at",
                  "article:published", "firstpublishedtime", "publishedtime", "contentpublishtime")
# Last resort when the page shows no publish date.
META_UPDATED_KEYS = ("dateupdate", "datemodified", "article:modified_time", "og:updated_time", "lastmodified")
META_TITLE_KEYS = ("og:title", "twitter:title", "title", "articletitle", "headline")
META_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byline", "sailthru.author", "parsely-author")
META_SOURCE_KEYS = ("source", "contentsource", "mediaid", "article:publisher_name")
META_SITE_KEYS = ("og:site_name", "application-name", "sitename", "site_name", "apple-mobile-web-app-title")
INFO_WINDOW_CHARS = 400


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", nfkc(text)).casefold()


def strip_title_suffix(title: str) -> str:
    """Drop the site / channel suffix of a <title> (the longest leading segment wins)."""
    parts = [p for p in TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) <= 1:
        # A bare "-" before a short, digit-free tail is a site suffix: "标题-中国科普网".
        m = re.match(r"^(?P<head>.{6,}?)-(?P<tail>[^-\d]{2,12})$", title.strip())
        return m["head"].strip() if m else title.strip()
    # The headline is usually first; a site name first is short.
    first = parts[0]
    longest = max(parts, key=len)
    return first.strip() if len(first) >= 0.6 * len(longest) else longest.strip()


# Template placeholders that are not titles.
PLACEHOLDER_TITLES = re.compile(r"^(无标题文档|無標題文件|untitled( document)?|new page \d*|document|首页|首頁|index)$", re.I)


def pick_title(page: PageScan, title_tag: str | None, soup: Any = None) -> tuple[str | None, Tag | None]:
    """The headline and its element: a heading that agrees with <title>/og:title, else a cleaned reference.

    ``soup``: the page, for a headline drawn as a centred bold line when <title> is only the site's name."""
    meta, ld = page.meta, page.ld
    refs = [meta[k] for k in META_TITLE_KEYS if meta.get(k)]
    if isinstance(ld.get("headline"), str):
        refs.append(ld["headline"])
    if title_tag:
        refs.append(title_tag)
    # (a garbled reference, "灞呮皯妤肩獊…", cannot name the headline: the heading elements may)
    refs = [strip_pinyin(r)[0] for r in refs if not PLACEHOLDER_TITLES.match(r.strip()) and not looks_garbled(r)]
    norm_refs = [_norm(r) for r in refs]
    best: tuple[int, str, Tag] | None = None
    h1 = next((t for t in page.headings if t.name == "h1"), None)
    for order, tag in enumerate(page.headings):
        if tag.name in ("h5", "h6"):
            continue  # box headings ("新闻中心") that a <title> names as its section; see _dated_heading
        text = strip_pinyin(clean_line(tag.get_text(" ")))[0]
        n = _norm(text)
        if not 4 <= len(n) <= 150:
            continue
        # A heading inside a reference counts its length; one wrapping a reference ("（原标题：…）") pays for the excess.
        fits = [len(n) if n in r else 2 * len(r) - len(n) for r in norm_refs
                if n in r or (r and r in n and len(r) >= 0.6 * len(n))]
        if fits:
            rank = max(fits) * 10 - order + (50 if tag.name == "h1" else 0)
            if best is None or rank > best[0]:
                best = (rank, text, tag)
    # "新闻动态--中国地理学会官网": a <title> of short parts may name only a section and the site. When no
    # heading matches it, the heading that a date follows most closely is the headline.
    # So may a <title> that is only the site's name ("黔西南新闻网").
    parts = [p for p in TITLE_SEPARATORS.split(refs[-1].strip()) if p.strip()] if refs else []
    sectional = bool(parts) and all(len(_norm(p)) <= SECTION_CHARS for p in parts) and (
        len(parts) > 1 or bool(lx.OUTLET_SUFFIX.search(parts[0].strip())))
    if sectional and best is None and (dated := _dated_heading(page.headings)):
        return strip_pinyin(clean_line(dated.get_text(" ")))[0], dated
    if sectional and best is None and len(parts) == 1 and soup is not None and (shown := _site_page_headline(
            soup, h1, _norm(parts[0]))):
        return strip_pinyin(clean_line(shown.get_text(" ")))[0], shown
    if best:
        return best[1], best[2]
    for ref in refs:
        cleaned = strip_title_suffix(ref)
        if len(_norm(cleaned)) >= 4:
            return cleaned, h1
    if h1 is not None and h1.get_text(strip=True):
        return strip_pinyin(clean_line(h1.get_text(" ")))[0], h1
    return None, None


BREADCRUMB = re.compile(r"首页|首頁|正文|当前位置|當前位置|您的位置|[>›»]|\s·\s")


def _site_page_headline(soup: Any, h1: Tag | None, site: str) -> Tag | None:
    """The headline of a page whose <title> is only the site's name: its <h1>; on a 2005 table page a
    centred bold line, or a bold line a date follows (not a sidebar's or a menu's)."""
    def headline_like(tag: Tag | None) -> bool:
        if tag is None:
            return False
        text = _norm(clean_line(tag.get_text(" ")))
        linked = sum(len(_norm(a.get_text(" "))) for a in tag.find_all("a"))
        return len(text) >= 6 and text != site and linked < len(text) / 2 and not (
            len(text) <= 12 and lx.OUTLET_SUFFIX.search(text)) and not BREADCRUMB.search(
            clean_line(tag.get_text(" ")))  # (a text logo "黔西南州新闻网", a trail "首页 > 本地新闻 > 正文")

    def aside(tag: Tag) -> bool:
        return any(lx.SIDE_ATTR.search(attr_text(p)) or lx.NEGATIVE_ATTR.search(attr_text(p)) for p in tag.parents
                   if p.name not in ("html", "body", "[document]"))

    if headline_like(h1):
        return h1
    if headline_like(shown := display_headline(soup)):
        return shown
    return _dated_heading([b for b in soup.find_all(["h2", "h3", "b", "strong"]) if headline_like(b) and not aside(b)])


_FULL_DATE = re.compile(r"(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}|发布时间|發布時間|发布日期|發布日期")
SECTION_CHARS = 10  # a <title> whose every part is this short names a section and a site, not an article
TODAY = re.compile(r"(今天是|今日是|今天|今日)\s*[：:]?\s*$")  # a header's calendar, not a dateline


def _date_distance(tag: Tag, look_ahead: int = 120) -> int | None:
    """Characters between the end of ``tag`` and the first full date after it (within ``look_ahead``)."""
    own = {id(string) for string in tag.find_all(string=True)}
    after = ""
    for string in itertools.islice(_following_strings(tag), 40):
        if id(string) not in own:
            after += clean_line(str(string))
            if len(after) >= look_ahead:
                break
    m = next((m for m in _FULL_DATE.finditer(after) if not TODAY.search(after[max(0, m.start() - 8):m.start()])), None)
    return m.start() if m else None


def _dated_heading(headings: list[Tag]) -> Tag | None:
    """The heading-like element of headline length that a date line follows most closely; an <h1> so
    followed first (a sidebar's <h4> items are dated too, often closer)."""
    best: tuple[bool, int, Tag] | None = None
    for tag in headings:
        text = clean_line(tag.get_text(" "))
        if not 6 <= len(text) <= 80 or text.endswith("。") or lx.NEGATIVE_ATTR.search(attr_text(tag)) \
                or in_link_list(tag) or len(text) <= 12 and lx.OUTLET_SUFFIX.search(text) or BREADCRUMB.search(text):
            continue  # (a text logo "黔西南州新闻网", a trail "首页 > 本地新闻 > 正文" is not the headline)
        if (gap := _date_distance(tag)) is not None and (best is None or (tag.name != "h1", gap) < best[:2]):
            best = (tag.name != "h1", gap, tag)
    return best[2] if best else None


def display_headline(soup: Any, max_candidates: int = 5) -> Tag | None:
    """A headline drawn as a centred bold line, for pages with no usable <title> or heading element.

    Hand-made pages of the 1990s and 2000s ("<p align=center><font><strong>犬儒病(上)</strong>")
    mark their headline only by look: centred, and (almost) all of its text bold.
    """
    def centred(tag: Tag) -> bool:
        return tag.name == "center" or (tag.name in ("p", "div", "td") and str(tag.get("align", "")).lower() == "center")

    found: Tag | None = None
    for el in soup.find_all(centred, limit=max_candidates):
        text = clean_line(el.get_text(" "))
        if not 4 <= len(text) <= 60 or re.search(r"[。！？]$", text):
            continue
        bold = "".join(b.get_text("") for b in el.find_all(["strong", "b", "h1", "h2", "h3"]))
        if len(re.sub(r"\s+", "", bold)) >= 0.8 * len(re.sub(r"\s+", "", text)):
            found = el  # the last one: a centred bold site banner comes before the headline
    return found


def _following_strings(tag: Tag, stop: Any = None):  # type: ignore[no-untyped-def]
    """Text nodes from the start of ``tag`` onwards (its own text first) up to ``stop``, lazily."""
    for el in tag.next_elements:
        if el is stop:
            return
        if isinstance(el, NavigableString) and not isinstance(el, Comment):
            yield el


def _element_after(tag: Tag) -> Any:
    """The first element after ``tag`` and all its descendants, in document order."""
    while tag is not None:
        if tag.next_sibling is not None:
            return tag.next_sibling
        tag = tag.parent
    return None


def in_link_list(tag: Tag) -> bool:
    """``tag`` dates or credits an entry of a link list (a sidebar's "最新新闻" item), not the page.

    A short item (some sites lay out the whole article column in <li>) with a headline link: not the
    tool links of a government page's info bar ("【打印本页】【关闭窗口】"), nor a linked value ("来源：<a>…</a>")."""
    item = tag if tag.name in ("li", "dd", "dt") else tag.find_parent(("li", "dd", "dt"))
    return item is not None and len(item.get_text()) <= lx.LINK_LIST_ITEM_CHARS and any(
        _headline_link(a) for a in item.find_all("a"))


def _headline_link(a: Tag) -> bool:
    """A link to a story: long enough, not a tool (打印, 关闭…), not a labelled value ("来源：<a>县林业局</a>")."""
    text = clean_line(a.get_text(" "))
    before = a.previous_sibling
    labelled = isinstance(before, NavigableString) and str(before).rstrip().endswith(("：", ":"))
    return len(text) >= lx.HEADLINE_LINK_CHARS and not lx.TOOL_LINK.match(text) and not labelled


DANGLING_LABEL = re.compile(r"\s*(?:来源|來源|作者|记者|記者|责任编辑|責任編輯|编辑|編輯)\s*[：:]\s*")
_DANGLING_END = re.compile(r"(?:\s*\|)?" + DANGLING_LABEL.pattern + "$")


def without_dangling_label(text: str) -> str:
    """``text`` without a role label that ends it with no value: the next text read is from elsewhere."""
    return _DANGLING_END.sub("", text)


def info_text(page: PageScan, title_el: Tag | None, content: list[Tag] | None = None) -> str:
    """Text near the headline (the info line: date, 来源, 作者) plus short info-classed elements.

    The window after the headline stops where the ``content`` ends: a short article is followed by
    sidebars whose dated headlines are not this page's date or byline."""
    chunks: list[str] = []
    if title_el is not None:
        size = 0
        stop = _element_after(content[-1]) if content else None
        for string in _following_strings(title_el, stop):
            s = clean_line(str(string))
            if not s:
                continue
            chunks.append(s)
            size += len(s)
            if size > INFO_WINDOW_CHARS:
                break
    if chunks and DANGLING_LABEL.fullmatch(chunks[-1]):
        chunks.pop()  # "责任编辑：" with no name where the window ends: not to be joined to a sidebar's text
    chunks = _join_date_pieces(chunks)
    for tag in page.info:
        if in_link_list(tag):
            continue
        text = without_dangling_label(clean_line(tag.get_text(" ")))
        text = _date_from_pieces(text.split()) or text
        if 4 <= len(text) <= 200:
            chunks.append(text)
    return strip_pinyin(" | ".join(chunks))[0]


# A date printed in pieces, each in its own element (新华网: <em>2024</em> <em>05</em>/<em>20</em> 16:42:08).
_DATE_PIECE = re.compile(r"\d{1,4}|[-/.]|\d{1,2}:\d{2}(?::\d{2})?")


def _date_from_pieces(pieces: list[str]) -> str | None:
    """Bare numbers, date separators and a time, starting with a year, as one date text
    ("2024", "05", "/", "20", "16:42:08" -> "2024-05/20 16:42:08"); None for other pieces."""
    if len(pieces) < 3 or not re.fullmatch(r"(?:19|20)\d{2}", pieces[0]) \
            or not all(_DATE_PIECE.fullmatch(p) for p in pieces):
        return None
    text = pieces[0]
    for piece in pieces[1:]:
        text += " " if ":" in piece else "-" if text[-1].isdigit() and piece[0].isdigit() else ""
        text += piece
    return text


def _join_date_pieces(chunks: list[str]) -> list[str]:
    """Runs of chunks that are the pieces of one date, joined (see ``_date_from_pieces``)."""
    out: list[str] = []
    i = 0
    while i < len(chunks):
        j = i
        while j < len(chunks) and _DATE_PIECE.fullmatch(chunks[j]):
            j += 1
        date = _date_from_pieces(chunks[i:j])
        out.append(date or chunks[i])
        i = j if date else i + 1
    return out


def _office(name: str) -> bool:
    """A department, office or town in a credit ("心内科", "县农业局", "白沙镇"); a surname's 2-character name
    (李局) or a name ending in 科 (王新科) is a person's."""
    if not lx.OFFICE_END.search(name):
        return False
    return not looks_like_person(name) or (len(name) >= 3 and not name.endswith("科"))


def split_names(text: str) -> list[str]:
    """Person names from a role field: "张三、李四" -> ["张三", "李四"]; "Demi Xia" stays one name."""
    names = []
    latin = re.fullmatch(r"\s*[A-Za-z][A-Za-z .\-]*(?:[,，/、;；]\s*[A-Za-z][A-Za-z .\-]*)*\s*", text)
    for part in re.split(r"\s*[,，/、;；]\s*" if latin else r"[\s、,，/和及]+", text.strip()):
        part = part.strip("·")
        if lx.NAME.fullmatch(part) and part not in lx.NOT_NAMES and not lx.OUTLET_SUFFIX.search(part) \
                and not lx.ROLE_WORD_END.search(part) and not lx.ROLE_WORD_START.match(part) \
                and not _office(part):  # "融媒记者", "记者张文", "县农业局": roles and offices, not names
            names.append(part)
        elif re.fullmatch(r"[A-Za-z][A-Za-z .\-]{2,40}", part) and part.lower() not in ("admin", "editor"):
            names.append(part)
    return names


# Joined only when the next chunk reads as a value: no digit first (a date), no colon (another label).
ROLE_SPLIT = re.compile(r"((?:来源|來源|稿源|作者|记者|記者|责任编辑|責任編輯|编辑|編輯|选稿|選稿)\s*[：:])\s*\|\s*"
                        r"(?=[^\d\s|][^|：:]{0,29}(?:\||$))")


def parse_byline(text: str) -> dict[str, Any]:
    """Roles found in an info/byline text: authors, photographers, source, editor."""
    out: dict[str, Any] = {"authors": [], "photographers": [], "source": None, "editor": None}
    text = ROLE_SPLIT.sub(r"\1", text)  # "来源: | 新京报": label and value were in separate elements
    m = lx.SOURCE_FIELD.search(text) or lx.DATELINE_OUTLET.search(text)
    if m:
        out["source"] = m.groupdict().get("v") or m["outlet"]
    both = list(lx.TEXT_AND_PHOTO.finditer(text))
    for m in both:  # "文/图 桃源镇宣传办 邓志刚", "文/图 王芳 李强": the persons (not an office), writers and photographers
        for name in [n for n in split_names(m["v"] or m["g"]) if _credited_name(n)]:
            for role in ("authors", "photographers"):
                if name not in out[role]:
                    out[role].append(name)
    photos = [m for m in lx.PHOTO_FIELD.finditer(text) if not any(b.start() <= m.start() < b.end() for b in both)]
    credits = [*photos, *both]
    for m in [*lx.AUTHOR_FIELD.finditer(text), *lx.GLUED_REPORTER.finditer(text), *lx.NAME_THEN_TEXT.finditer(text)]:
        for name in split_names(m["v"]):
            at = m.start("v") + m["v"].find(name)
            if any(c.start() <= at < c.end() for c in credits):
                continue  # "图/本报记者 赵杰", "摄影记者 赵六": a photo credit's reporter; "记者陈晨文/图" done
            if name not in out["authors"]:
                out["authors"].append(name)
    for m in photos:
        names = split_names(m["v"] or m["w"] or m["x"] or "")
        if m["w"] and len(names) > 1:  # "杨文斌 刘续 摄": the names before the last one only when they read as names
            names = [n for n in names[:-1] if _credited_name(n)] + names[-1:]  # ("新华社发 王炳真", "古镇游玩 李明")
        elif m["v"] and m.group(0).startswith(("图片", "圖片")):
            names = [n for n in names if _credited_name(n)]  # "图片：市总工会" credits an office
        for name in names:
            if name not in out["photographers"]:
                out["photographers"].append(name)
    # 责任编辑 (the editor in charge) before a plain 编辑 on the same page ("编辑：杨悦 责任编辑：刘亮")
    fields = sorted(lx.EDITOR_FIELD.finditer(text), key=lambda m: not m.group(0).startswith(("责任", "責任", "责编", "責編")))
    out["editors"] = [name for m in fields for name in split_names(m["name"])]
    out["reviewers"] = [name for m in lx.REVIEWER_FIELD.finditer(text) for name in split_names(m["name"])]
    out["editor"] = out["editors"][0] if out["editors"] else None
    return out


def _credited_name(name: str) -> bool:
    """A name in a run of photo credits: 2-3 characters from a common surname, or a compound surname's 3-4."""
    return (len(name) <= 3 and looks_like_person(name)) or (name[:2] in lx.COMPOUND_SURNAMES and len(name) <= 4)


def looks_like_person(name: str) -> bool:
    """2-4 Han characters starting with a common surname."""
    return bool(lx.NAME.fullmatch(name)) and name[0] in lx.SURNAMES


def english_byline(text: str) -> list[str]:
    """Authors of an English byline chunk ("By Chi Jingyi", "By CAO CHEN in Shanghai"); not outlets,
    desks or headings ("By Global Times", "By Reuters Staff", "By The Numbers")."""
    names: list[str] = []
    for chunk in text.split(" | "):
        if len(chunk) <= 80 and (m := lx.ENGLISH_BYLINE.fullmatch(chunk)):
            for name in re.split(r"\s*(?:,|\band\b|&)\s*", m["v"]):
                name = name.title() if name.isupper() else name
                if " " in name and name not in names and not lx.NOT_ENGLISH_NAME.search(name):
                    names.append(name)
            if names:
                break  # the first byline: one further down may be another story's
    return names


def lone_name(info: str, max_chunks: int = 4) -> list[str]:
    """A bare personal name standing alone next to the headline ("犬儒病(上) | 胡平")."""
    for chunk in info.split(" | ")[:max_chunks]:
        chunk = chunk.strip()
        if 2 <= len(chunk) <= 3 and looks_like_person(chunk) and chunk not in lx.NOT_NAMES:
            return [chunk]
    return []


ACCOUNT_STOP = re.compile(r"[\d:：/【】\[\]()（）]|来源|來源|发布|發布|时间|時間|分享|评论|評論|阅读|閱讀|关注|關注|收藏|举报|字号|打印|"
                          r"首页|首頁|正文|原创|原創|责任|編輯|编辑|点击|點擊")


def account_byline(info: str, site_name: str | None, title: str | None = None) -> str | None:
    """The account name self-media pages show beside the date ("IT之家 | 发布时间：09-30 22:46"); never the headline."""
    chunks = [c for c in (c.strip(" ·|") for c in re.split(r" \| | · ", info)) if c][:12]  # a lone "·" is no chunk
    for i, chunk in enumerate(chunks):
        if not (lx.DATE_HINT.search(chunk)):
            continue
        for near in (chunks[i - 1] if i else "", chunks[i + 1] if i + 1 < len(chunks) else ""):
            if 2 <= len(near) <= 12 and not ACCOUNT_STOP.search(near) and near != site_name and near not in (title or "") \
                    and not lx.CHROME_LINE.search(near) and not re.search(r"[。！？!?，,]", near):  # not a sentence
                return near
        return None
    return None


def inline_lead_authors(first_paragraph: str) -> list[str]:
    """Names in a lead such as "本报讯（记者 张三 通讯员 李四）" (the lead stays in the body)."""
    m = lx.INLINE_LEAD.match(first_paragraph)
    if m and m["lead"] == "消息" and not lx.LEAD_ROLE.search(m["inner"]):
        return []  # "央视网消息（新闻联播）" names a programme; "央广网北京6月12日消息（记者孙永）" a reporter
    if m:  # (not the photographer's: "本报讯（记者 李明 摄影记者 张伟）")
        inner = re.sub(r"(?:摄影记者|攝影記者|摄影|攝影|摄像|攝像)\s*[\u3400-\u9fff·]{2,4}", " ", m["inner"])
        return split_names(lx.LEAD_ROLE.sub(" ", inner))
    m = lx.GLUED_REPORTER.search(first_paragraph[:40])
    return split_names(m["v"]) if m else []


def trailing_credit(last_paragraph: str) -> list[str]:
    """Names in a closing credit such as "（王煌忠／台中報導）" (the credit stays in the body)."""
    m = lx.TRAILING_CREDIT.search(last_paragraph[-40:])
    if not m:
        return []
    if re.search(r"[图圖]|视频|視頻|截|资料|資料|网络|網絡|網路", m["v"]):
        return []  # a photo note in brackets ("（视频截图）"), not a credit
    if re.match(r"(?:责任|責任)?(?:编辑|編輯)|责编|責編|主编|主編|审核|審核|校对|校對|监制|監製", m["v"]):
        return []  # "（编辑 黎明）": the editor, read as such elsewhere
    return split_names(m["v"])  # words in such brackets ("（附股）", "（待续）") are in NOT_NAMES


def keywords_from_meta(meta: dict[str, str]) -> list[str]:
    """meta keywords split on , ， 、 ; and spaces, deduplicated."""
    raw = meta.get("keywords") or meta.get("news_keywords") or ""
    return split_keywords(raw)


def split_keywords(raw: str) -> list[str]:
    """Split a keyword string; drops empties and duplicates."""
    out: list[str] = []
    # "sponge city, flood": spaces separate words of one keyword when other separators are there
    for k in (lx.KEYWORD_SPLIT_NO_SPACE if lx.KEYWORD_SEPARATOR.search(raw) else lx.KEYWORD_SPLIT).split(raw):
        k = k.strip()
        if k and k not in out and len(k) <= 30 and not re.search(r"[<>=]", k):  # no markup from broken meta tags
            out.append(k)
    return out


def copyright_line(page_text: str) -> str | None:
    """The copyright notice with its holder, without the footer items that follow it on the line:
    "江城日报社版权所有 鄂ICP备…" -> "江城日报社版权所有"; "版权所有 厦门网 未经授权禁止复制" -> "版权所有 厦门网"."""
    first = None
    for m in lx.COPYRIGHT.finditer(page_text):
        start = page_text.rfind("\n", 0, m.start()) + 1
        end = page_text.find("\n", m.end())
        line = page_text[start : end if end >= 0 else len(page_text)]
        at = m.start() - start
        rest = line[at:]
        if cut := lx.COPYRIGHT_END.search(rest, len(m.group(0))):
            rest = rest[: cut.start()]
        if m.group(0).startswith("版") and not re.match(r"\s*[：:]", rest[len(m.group(0)):]) \
                and (h := lx.COPYRIGHT_HOLDER.search(line[:at])) and not lx.COPYRIGHT_END.match(h["holder"]):
            rest = line[h.start("holder") : at] + rest  # not when the holder follows: "版权所有：中国青年网"
        rest = clean_line(rest).rstrip("，,。;；、 ")
        if len(rest) > len(m.group(0)) or m.group(0).startswith("版"):
            if lx.COPYRIGHT_WORDS.sub("", rest).strip():  # it names a holder
                return rest[:160]
            first = first or rest[:160]  # "Copyright © 2024 All Rights Reserved 技术支持：… 版权所有：X县人民政府": X
    return first


def site_facts(page_text: str, meta: dict[str, str], title_tag: str | None) -> SiteFacts:
    """ICP licence, 公网安备 record, copyright line, contact lines and site name from the page chrome."""
    facts = SiteFacts()
    if m := lx.ICP.search(page_text):
        facts.icp = re.sub(r"\s+", "", m.group(0))
    if m := lx.POLICE.search(page_text):
        facts.police_record = clean_line(m.group(0))
    facts.copyright = copyright_line(page_text)
    facts.contact = list(dict.fromkeys(clean_line(m.group(0)) for m in lx.CONTACT.finditer(page_text)))[:5]
    for key in META_SITE_KEYS:
        if meta.get(key):
            facts.name = meta[key]
            break
    else:
        if title_tag:
            headline = strip_title_suffix(title_tag)
            tail = title_tag.strip()[len(headline):] if title_tag.strip().startswith(headline) else ""
            parts = [p for p in TITLE_SEPARATORS.split(tail) if p.strip()] or ([tail.lstrip("-")] if tail else [])
            name = parts[-1].strip(" -_|｜–—") if parts else ""
            if 2 <= len(name) <= 20:
                facts.name = name
    return facts
