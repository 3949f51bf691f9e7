"""The extractor: (bytes, url, headers) -> Article. Pure: no network, no disk, deterministic."""

from __future__ import annotations

import itertools
import re
import warnings
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Mapping
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, XMLParsedAsHTMLWarning

from . import lexicon as lx
from .content import Para, attr_text, collect, find_content, is_caption, measure, strings_after
from .scan import scan
from .dates import in_china_time, in_year_of, parse_date, parse_url_date
from .encoding import decode
from .items import Article, Caption
from .metadata import (META_AUTHOR_KEYS, META_DATE_KEYS, META_UPDATED_KEYS, META_SOURCE_KEYS, _norm, english_byline, in_link_list, info_text, without_dangling_label, account_byline, display_headline, inline_lead_authors, lone_name, looks_like_person,
                       trailing_credit,
                       keywords_from_meta, parse_byline, pick_title, site_facts,
                       split_keywords, split_names)
from .mojibake import SUSPECT_SPAN, repair_latin_mojibake, repair_misaligned_gbk, repair_utf8_read_as_gbk
from .text import clean_line, detect_script, han_count, strip_neutral_pinyin, strip_pinyin, to_simplified
from .urls import is_listing

# A feed or XHTML page given to the extractor is read as HTML on purpose: no warning on the user's terminal.
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning, module=__name__)

EXTRACTOR_VERSION = "6"
# Pages larger than this are cut before parsing: bounded time on any input.
MAX_HTML_CHARS = 3_000_000
NEAR_CONTENT_CHARS = 300
MAX_BYLINE_CHARS = 80
# Removed before parsing (tree building dominates the cost): scripts other than JSON-LD,
# styles, HTML comments, and stray </html> / </body> tags that make lxml drop the rest of a page.
NEVER_CONTENT = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<!--.*?-->|</(?:html|body)\s*>",
    re.I | re.S)
SUMMARY_LABEL = re.compile(r"^\s*[【\[]?(摘要|内容摘要|內容摘要|内容提要|內容提要|提要|导读|導讀)[】\]]?\s*[：:]?\s*")
POSTED_LINE = re.compile(r"^\s*(?:发表于|發表於|发布于|發佈於|发表时间|發表時間|(?i:posted|published)\b)")
# A lead such as "2024年5月20日，市统计局发布数据显示……。" is prose, not an info line: it ends sentences,
# or pauses with commas without naming a role ("作者：张三，来源：人民日报" is an info line).
PROSE_END = re.compile(r"[。！？]")
PROSE_PAUSE = re.compile(r"[，；]")
INFO_LINE_HINT = re.compile(r"来源|來源|作者|记者|記者|编辑|編輯|发布|發布|發佈|时间|時間|日期|点击|點擊|浏览|瀏覽|阅读|字号|更新|發表|发表|收藏|"
                            # English: "By Jane Doe | …", "Updated: …", "Published 2:16 AM EST Nov 20, 2019"
                            r"^\s*[Bb]y\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,3}\s*([|,·•–—-]|$)|"
                            r"(?i:^\s*(posted|published|updated)\s*(:|on\b|at\b|\d)|\bupdated\s*:)")


def _fetch_time(headers: Mapping[str, str] | None) -> datetime | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == "date":
            try:
                return parsedate_to_datetime(value.decode() if isinstance(value, bytes) else value)
            except (TypeError, ValueError):
                return None
    return None


def extract(
    html: bytes | str,
    url: str | None = None,
    headers: Mapping[str, str] | None = None,
    *,
    charset: str | None = None,
    selectors: Mapping[str, str] | None = None,
) -> Article:
    """Extract one page; never raises on bad input.

    Site-config overrides: ``charset`` forces the decoding; ``selectors`` (CSS, keys title / body /
    date) replace the generic choice for that field where they match.
    """
    art = Article(url=url)
    if isinstance(html, bytes):
        decoded = decode(html, headers, override=charset)
        text, art.charset, art.charset_source = decoded.text, decoded.charset, decoded.source
    else:
        text, art.charset, art.charset_source = html, None, "text"
    if len(text) > MAX_HTML_CHARS:
        text = text[:MAX_HTML_CHARS]
        art.flags.append("truncated")
    if "\x00" in text[:4096]:
        art.is_article = False
        art.flags.append("binary")
        return art
    soup = BeautifulSoup(NEVER_CONTENT.sub("", text), "lxml")
    page = scan(soup)
    if url is None and page.canonical:  # a saved page: its own canonical URL resolves links and URL dates
        url = art.url = page.canonical
    meta, ld, lang = page.meta, page.ld, page.lang
    title_tag_text = strip_pinyin(page.title_text)[0] if page.title_text else None
    if soup.body is None:
        art.is_article = False
        art.flags.append("empty")
        return art

    art.title, title_el = pick_title(page, title_tag_text, soup)
    if art.title is None and (title_el := display_headline(soup)) is not None:
        art.title = strip_pinyin(clean_line(title_el.get_text(" ")))[0]
    chosen = _select(soup, selectors or {})
    if "title" in chosen:
        title_el = chosen["title"][0]
        art.title = strip_pinyin(clean_line(title_el.get_text(" ")))[0] or art.title
    stats = measure(soup.body)
    nodes = chosen.get("body") or find_content(soup, stats, title_el)
    info = info_text(page, title_el, nodes)
    if "date" in chosen:
        info = clean_line(chosen["date"][0].get_text(" ")) + " | " + info
    paras, pinyin_removed = collect(nodes, stats, url)
    if _repair_latin_mojibake(art, paras):
        art.flags.append("mojibake_repaired")
    if pinyin_removed:
        art.flags.append("pinyin_stripped")
        if pinyin_removed >= lx.MIN_ANNOTATIONS_FOR_NEUTRAL:
            for para in paras:  # the page annotates: toneless syllables "們(men)" are annotations too
                para.text = strip_neutral_pinyin(para.text)

    page_text = strip_pinyin(soup.body.get_text("\n"))[0]
    art.site = site_facts(page_text, meta, title_tag_text)
    art.site_name = art.site.name
    info = _fill_body(art, paras, info, title_tag_text)
    # the site's contact lines, not a notice's own ("举办地址：…", "咨询热线：…" in the article)
    art.site.contact = [c for c in art.site.contact if c not in (art.body or "")]
    _fill_metadata(art, meta, ld, info, _fetch_time(headers), _text_near(nodes, before=True),
                   _text_near(nodes, before=False), nodes)
    art.next_pages = _next_pages(page.links, url)

    body = art.body or ""
    repaired, fixes = repair_misaligned_gbk(body)
    repaired, reread = repair_utf8_read_as_gbk(repaired)
    if fixes or reread:
        art.body = body = repaired
        art.flags.append("mojibake_repaired")
    if "\ufffd" in body or SUSPECT_SPAN.search(body):
        art.flags.append("garbled")  # undecodable bytes, or a mis-aligned span we could not repair
    script = detect_script(body or art.title or "")
    art.script = script
    art.lang = lang or ("zh" if han_count(body) > len(body) * 0.3 else None)
    if script == "hant":
        art.body_simplified = to_simplified(body)
    told = story_text(body, [c.text for c in art.captions], url)
    if han_count(told) + len(re.findall(r"[A-Za-z]+", told)) < lx.MIN_ARTICLE_CHARS:
        art.is_article = False
        art.flags.append("short_body")
    if "teaser_list" in art.flags and url and is_listing(url):
        art.is_article = False  # (a digest article is an article: only a search, tag or column URL lists)
    if (box := page.password_box) is not None and han_count(told) < lx.FORM_PAGE_MAX_CHARS and (
            any(node is box or node in box.parents for node in nodes or [])
            or lx.SIGN_IN_URL.search("".join(urlsplit(url or "")[1:3]))):
        art.is_article = False  # a sign-in page (not a brief beside a header's sign-in box)
        art.flags.append("sign_in")
    if not art.published:
        art.flags.append("no_date")
    return art


def _select(soup: BeautifulSoup, selectors: Mapping[str, str]) -> dict[str, list]:
    """Elements matched by site-config selectors (an unmatched or invalid selector is ignored)."""
    found: dict[str, list] = {}
    for key, css in selectors.items():
        try:
            tags = soup.select(css)
        except Exception:  # soupsieve raises its own error types for bad CSS
            continue
        if tags:
            found[key] = tags
    return found


def _prose(line: str) -> bool:
    """A sentence, not an info line."""
    return bool(PROSE_END.search(line)) or (bool(PROSE_PAUSE.search(line)) and not (
        lx.SOURCE_FIELD.search(line) or lx.AUTHOR_FIELD.search(line) or lx.EDITOR_FIELD.search(line)))


def _headline_link(line: str, linked: set[str]) -> bool:
    return len(line) <= lx.TEASER_HEADLINE_CHARS and line in linked and not lx.SENTENCE_END.search(line)


def _teasers(lines: list[str], linked: set[str]) -> bool:
    """Lines that read as linked headlines, each perhaps with its summary: a related box, not a section of prose
    (a short article's "相关新闻" box of summaries is longer than the article; subheadings are not links)."""
    return len(lines) >= 2 and sum(1 for line in lines if _headline_link(line, linked)) >= len(lines) * 0.4


def _teaser_list(lines: list[str], linked: set[str]) -> bool:
    """Linked headlines each followed by their summary, date or "阅读全文" link, four or more: a list of
    articles (search results, a tag or column page), not one (a related box is one block of them)."""
    heads = [i for i, line in enumerate(lines) if _headline_link(line, linked)]
    apart = sum(1 for a, b in zip(heads, heads[1:]) if b - a >= 2)
    return len(heads) >= 4 and apart >= 3 and len(heads) >= len(lines) * 0.25


def _repair_latin_mojibake(art: Article, paras: list[Para]) -> bool:
    """Title and body lines that are UTF-8 read as Latin-1, repaired in place; whether any was."""
    repaired = False
    for para in paras:
        para.text, fixed = repair_latin_mojibake(para.text)
        repaired |= fixed
    if art.title:
        art.title, fixed = repair_latin_mojibake(art.title)
        repaired |= fixed
    return repaired


def _fill_body(art: Article, paras: list[Para], info: str, page_title: str | None = None) -> str:
    """Split collected paragraphs into body, captions, images and role lines; returns the info text grown by byline lines.

    ``page_title``: the <title> text; a line repeating it above the body is not body.
    """
    lines: list[str] = []
    linked: set[str] = set()  # lines that were mostly link text
    rows: set[str] = set()  # rows of a data table without a "label：" cell: never info or byline lines
    after_image: str | None = None
    line_after_image: tuple[int, str] | None = None  # (index in lines, image) of a line right under an image
    title_norm = _norm(art.title) if art.title else None
    caption_above: Caption | None = None  # the caption the previous paragraph was
    for para in paras:
        if para.image:
            art.images.append(para.image)
            after_image = para.image
            caption_above = None
            continue
        text = para.text
        if is_caption(para, after_image is not None):
            caption_above = Caption(text=text, image=after_image)
            art.captions.append(caption_above)
            after_image = None
            continue
        if caption_above and len(text) <= 40 and lx.CREDIT_LINE.search(text) and parse_byline(text)["photographers"]:
            # a photo's credit on its own line under its caption ("新华社记者 张龙 摄"), photo after photo
            art.captions.append(Caption(text=text, image=caption_above.image))
            caption_above = None
            continue
        caption_above = None
        if line_after_image and line_after_image[0] == len(lines) - 1 and len(text) <= 40 and lx.CREDIT_LINE.search(text):
            # "caption line" + "新华社发（刘满仓摄）": the credit shows the line above was a caption too.
            art.captions.append(Caption(text=lines.pop(), image=line_after_image[1]))
            art.captions.append(Caption(text=text, image=line_after_image[1]))
            line_after_image = None
            continue
        line_after_image = (len(lines), after_image) if after_image else None
        after_image = None
        lines.append(text)
        if para.linked:
            linked.add(text)
        if para.row and not re.search(r"[：:]", text):
            rows.add(text)
    for i, line in enumerate(lines):
        if not i or not lx.RELATED_HEADING.match(line):
            continue
        if i >= len(lines) * lx.RELATED_TAIL_SHARE:
            lines = lines[:i]
            break
        # Early in a short article: the box is the heading and its linked headlines (each perhaps with a
        # summary), up to the last of them; the article goes on after it.
        rest = lines[i + 1:]
        last = max((k for k, ln in enumerate(rest) if _headline_link(ln, linked)), default=None)
        if last is not None and _teasers(rest[: last + 1], linked):
            after = rest[last + 1:]
            lines = lines[:i] + (after if len(after) > 1 else [])  # one line left: the last summary
            break

    if _teaser_list(lines, linked):
        art.flags.append("teaser_list")
    body: list[str] = []
    for i, line in enumerate(lines):
        short = len(line) < 150
        edge = i < lx.HEAD_TAIL_CHROME_WINDOW or i >= len(lines) - lx.HEAD_TAIL_CHROME_WINDOW
        if not body and title_norm and (_norm(line) == title_norm or (len(line) >= 6 and _norm(line) in title_norm)):
            continue
        if not body and page_title and _norm(line) == _norm(page_title):
            continue
        if line in rows:  # "序号 | 作品标题 | 作者 | 报送单位" is a table's header, not a byline
            body.append(line)
            continue
        if not body and i < 4 and lone_name(line):  # "胡平" alone under the headline: a byline
            info += " | " + line
            art.byline = art.byline or line
            continue
        if edge and len(line) < 80 and lx.REVIEW_LINE.fullmatch(line) and not lx.EDITOR_LINE.fullmatch(line):
            # "编审：李春燕 终审：段国明": a credit block, not body
            art.editor = art.editor or parse_byline(line)["editor"] or (
                m["name"] if (m := lx.REVIEW_EDITOR.search(line)) else None)
            info += " | " + line  # its 摄影：/图片： names are read with the other roles
            continue
        if short and (m := lx.EDITOR_LINE.fullmatch(line)) and len(line) < 40:
            names = split_names(m["name"])
            art.editor = art.editor or (names[0] if names else None)
            continue
        if edge and len(line) < 60 and not re.search("[。！？]", line) and lx.EDITOR_FIELD.search(line):
            # "本文来源：新京报 责任编辑：杜硕_NB12556": a role line, not prose
            art.editor = art.editor or parse_byline(line)["editor"]
            info += " | " + line
            continue
        if short and (m := lx.KEYWORD_LINE.match(line)):
            art.keywords.extend(k for k in split_keywords(m["kw"]) if k not in art.keywords)
            continue
        if short and (lx.ORIGINAL_TITLE_LINE.match(line) or lx.CHROME_LINE.search(line)):
            continue
        if len(line) < 300 and lx.WIRE_CAPTION.search(line) and lines.count(line) > 1:
            # a slideshow's wire captions, repeated; one such line alone may be a sentence of the story
            art.captions.append(Caption(text=line))
            continue
        if short and edge and lx.CONTACT_LINE.search(line) and len(line) < 80 and not lx.ENUMERATED.match(line):
            continue
        if i >= len(lines) - 2 and len(line) <= 20 and lx.CREDIT_LINE.search(line):
            art.captions.append(Caption(text=line))  # a closing photo credit: "新华社发（刘满仓摄）"
            continue
        if not body and len(line) < 120 and INFO_LINE_HINT.search(line) and not _prose(line) \
                and (parse_date(line) or lx.SOURCE_FIELD.search(line)):
            info += " | " + line
            art.byline = art.byline or line
            continue
        if i >= len(lines) - 2 and len(line) < 80 and POSTED_LINE.match(line) and parse_date(line):
            info += " | " + line  # a blog's post footer: "发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)"
            continue
        if len(line) < 40 and edge and not re.search("[。，！？]", line) and (lx.SOURCE_LINE.match(line) or lx.AUTHOR_FIELD.search(line)):
            info += " | " + line
            art.byline = art.byline or line
            continue
        body.append(line)
    if body and (m := lx.TRAILING_EDITOR.search(body[-1])):
        # "…都有降雨機會。（編輯：張銘坤）1130528": the wire's editor note and story code end the last paragraph
        art.editor = art.editor or m["name"]
        body[-1] = body[-1][: m.start()].rstrip()
        if not body[-1]:
            body.pop()
    if len(body) > 1 and (m := SUMMARY_LABEL.match(body[0])) and body[0][m.end():].strip()[:30] in "\n".join(body[1:]):
        body.pop(0)  # "摘要：…" repeating the lead: the page's summary box, not a paragraph
    art.body = "\n".join(body) or None
    art.byline = art.byline or None
    return info


def _text_near(nodes: list, before: bool) -> str:
    """Up to NEAR_CONTENT_CHARS of text just before (info lines) or after (credit lines) the content."""
    if not nodes:
        return ""
    chunks: list[str] = []
    size = 0
    strings = strings_after(nodes[0], before=True) if before else strings_after(nodes[-1])
    for string in strings:
        s = clean_line(str(string))
        if s and not in_link_list(string.parent):  # a sidebar's dated headlines are not this page's info
            chunks.append(s)
            size += len(s)
            if size > NEAR_CONTENT_CHARS:
                break
    return " | ".join(reversed(chunks) if before else chunks)


INLINE_LABEL = ("span", "b", "strong", "em", "i", "label", "font", "dt", "small")


def _follows_label(link, label, limit: int = 80) -> bool:  # type: ignore[no-untyped-def]
    """Only separators and other links stand between a keyword label and this link (not "上一篇：")."""
    for el in itertools.islice(link.previous_elements, limit):
        if el is label:
            return True
        if isinstance(el, NavigableString) and el.strip(" ,，、;；|/　\n\t\r") and el.find_parent("a") is None:
            return False
    return False


def _tag_links_after(nodes: list, look_ahead: int = 40) -> list[str]:
    """The article's visible tags: the first run of tag links right after the content (href /tag/…, or
    any link but a share button in the box of a "关键词：" / "【关键词】" label).

    Only the run that starts within ``look_ahead`` links of the content, and it ends at the first
    other link, so a sidebar's "热门TAGS" cloud further down is not taken.
    """
    if not nodes:
        return []
    tags: list[str] = []
    label = next((s for s in itertools.islice(nodes[-1].next_elements, 4 * look_ahead)
                  if isinstance(s, NavigableString) and lx.KEYWORD_LABEL.match(s)), None)
    box = label.parent if label is not None else None
    if box is not None and box.find("a") is None and (re.search(r"[：:】\]]", label) or box.name in INLINE_LABEL):
        box = box.parent  # "<span>关键字：</span><a>…</a>" (not a box headed "<h3>标签</h3>": a channel list)
    for a in nodes[-1].find_all_next("a", limit=look_ahead):
        if any(lx.SIDE_ATTR.search(attr_text(p)) for p in itertools.islice(a.parents, 5)):
            break  # a sidebar, "hot" box or footer: past the article
        text = clean_line(a.get_text(" "))
        labelled = box is not None and box in a.parents and not lx.SHARE_LINK.match(text) \
            and _follows_label(a, label)  # "关键词：<a href=/s?q=汽车>"
        if (lx.TAG_HREF.search(str(a.get("href") or "")) or labelled) and 1 <= len(text) <= 20:
            if text not in tags:
                tags.append(text)
        elif tags:
            break
    return tags if len(tags) <= 12 else []  # a long run is a tag cloud, not this article's tags


def _is_site_itself(name: str, art: Article) -> bool:
    """A meta "author" that is the portal itself (网易 on 网易订阅, "网易版权所有"), not a person (韩寒 on 韩寒的博客)."""
    name = name.strip()
    return len(name) >= 2 and not looks_like_person(name) and \
        (name in (art.site_name or "") or name in (art.site.copyright or ""))


def _fill_metadata(art: Article, meta: dict[str, str], ld: dict, info: str, now: datetime | None,
                   before: str, after: str, nodes: list | None = None) -> None:
    roles = parse_byline(" | ".join(without_dangling_label(part) for part in (info, before, after)))
    lead = inline_lead_authors(art.body.split("\n", 1)[0]) if art.body else []
    art.authors = list(dict.fromkeys([*roles["authors"], *lead]))
    for line in [*reversed((art.body or "").split("\n")[-lx.CREDIT_TAIL_LINES:]), *info.split(" | ")]:
        if art.authors:
            break
        art.authors = trailing_credit(line)
    authors_from_meta = not art.authors
    if not art.authors:
        meta_author = next((meta[k] for k in META_AUTHOR_KEYS if meta.get(k)), None)
        ld_author = ld.get("author")
        if isinstance(ld_author, list) and ld_author:
            ld_author = ld_author[0]
        if isinstance(ld_author, dict):
            ld_author = ld_author.get("name")
        for candidate in (meta_author, ld_author if isinstance(ld_author, str) else None):
            if candidate and not lx.OUTLET_SUFFIX.search(candidate) and not re.search(r"\.(com|cn|net)", candidate) \
                    and not _is_site_itself(candidate, art):
                # a CMS user id ("104363") is no name
                art.authors = split_names(candidate) or ([clean_line(candidate)] if re.search(r"[^\W\d_]", candidate) else [])
                break
    if authors_from_meta and art.authors and set(art.authors) <= {*roles["editors"], *roles["reviewers"], art.editor}:
        art.authors = []  # the meta "author" is one of the page's editors ("编辑：杨悦"), who did not write it
    authors_from_meta = authors_from_meta and bool(art.authors)
    if not art.authors:
        art.authors = lone_name(info)
    if not art.authors:  # an English byline near the headline (not after the article: other stories' boxes)
        art.authors = english_byline(" | ".join((info, before)))
    art.photographers = roles["photographers"]
    art.editor = art.editor or roles["editor"]
    if art.byline is None and lead and (m := lx.INLINE_LEAD.match(art.body or "")):
        art.byline = m.group(0)
    if art.byline is None and art.authors:
        for chunk in [*info.split(" | "), *after.split(" | ")]:  # (an info bar under the body is read as "after")
            if any(a in chunk for a in art.authors) and len(chunk) <= MAX_BYLINE_CHARS:
                if _prose(chunk):  # a paragraph opening or ending with its credit: "…載客量。（記者 陳嘉儀）"
                    if not (m := lx.LEADING_CREDIT.match(chunk) or lx.TRAILING_CREDIT.search(chunk)):
                        continue
                    chunk = m.group(0).strip()
                art.byline = chunk
                break
    if not art.authors and (account := account_byline(info, art.site_name, art.title)):
        art.byline = art.byline or account
        if len(account) >= 4 and not lx.OUTLET_SUFFIX.search(account) and \
                re.search(r"\d[\s|]*·[\s|]*" + re.escape(account), info):
            # a self-media account set off from the date by "·" ("2019-05-17 · 苏皖城市报道") is its author;
            # short chunks there are channels or places ("国内", "浙江")
            art.authors = [account]
    if not roles["source"] and art.byline and (m := lx.OUTLET_BEFORE_ROLE.match(art.byline)) \
            and m["outlet"] not in lx.REPORTER_QUALIFIERS:
        roles["source"] = m["outlet"]
    art.source = art.source or roles["source"] or next((meta[k] for k in META_SOURCE_KEYS if meta.get(k)), None)
    if art.source and art.authors == [art.source] and authors_from_meta and (
            lx.OUTLET_SUFFIX.search(art.source) or re.search(r"消息|财经|財經|综合|綜合|自媒体|自媒體|[-—]", art.source)):
        art.authors = []  # a meta "author" that is the outlet ("article:author" = 参考消息)
    if not art.keywords and (m := lx.KEYWORD_FIELD.search(after)):
        art.keywords = split_keywords(m["kw"])
    if not art.keywords:  # (not the portal-wide words many portals put in every page's meta: 新闻, 资讯)
        art.keywords = [k for k in keywords_from_meta(meta) if k.lower() not in lx.GENERIC_KEYWORDS]
    if not art.keywords:  # no field, no meta: the tag links under the article (recommendation boxes link tags too)
        art.keywords = _tag_links_after(nodes or [])
    if art.title and len(art.title) > lx.KEYWORD_MAX_TITLE_CHARS:  # some CMSs fill the keywords with the headline
        art.keywords = [k for k in art.keywords if "".join(k.split()) != "".join(art.title.split())]

    candidates: list[tuple[str, str]] = []
    for key in META_DATE_KEYS:
        if meta.get(key) and (parsed := parse_date(meta[key])):
            candidates.append(parsed)
            break
    if isinstance(ld.get("datePublished"), str) and (parsed := parse_date(ld["datePublished"])):
        candidates.append(parsed)
    visible = parse_date(info, now, yearless=True)
    url_date = parse_url_date(art.url)
    if visible and not re.search(r"(?:19|20)\d{2}", visible[1]):  # "09-30 22:46": a year from the fetch time
        if candidates:
            visible = None  # the meta date knows its year
        elif url_date:
            visible = (in_year_of(visible[0], url_date), visible[1])  # an old page re-crawled: the URL's year
    if visible and candidates and re.search(r"[A-Za-z]{3}", visible[1]):
        visible = None  # an English month-name date near the headline may be one the story tells: meta first
    if visible:
        # A visible date near the headline beats a meta date on another day (meta often holds crawl or edit times).
        # (the day in China time: a meta "2024-05-19T22:15Z" is the visible "2024-05-20")
        if not candidates or in_china_time(candidates[0][0])[:10] != visible[0][:10]:
            candidates.insert(0, visible)
        elif len(visible[0]) > len(candidates[0][0]):
            candidates.insert(0, visible)
    if not candidates:
        head = "\n".join((art.body or "").split("\n")[:3])
        for text in (before, head):
            if found := parse_date(text, now):
                candidates.append(found)
                break
    if not candidates and (found := parse_date(after[:NEAR_CONTENT_CHARS], now)):
        # Blogs print "发表于 …" under the post; trusted only when it agrees with the URL's day.
        if url_date is None or found[0][:10] == url_date:
            candidates.append(found)
    if not candidates and url_date:
        candidates.append((url_date, art.url or ""))
    if not candidates:
        for key in META_UPDATED_KEYS:
            if meta.get(key) and (parsed := parse_date(meta[key])):
                candidates.append(parsed)
                break
    if candidates:
        art.published, art.published_raw = candidates[0]


def story_text(body: str, captions: list[str], url: str | None = None) -> str:
    """The text an article's length is judged by: a photo story tells most of itself in its captions, which
    count when there are several, the story has a sentence of its own and its URL names one story (an id or
    a date: not a gallery's index page, ".../pic/index.shtml")."""
    story_url = url is None or re.search(r"\d{4}", url.split("?", 1)[0].split("://", 1)[-1].partition("/")[2])
    if len(captions) >= 2 and story_url and re.search(r"[^\n]{20,}[。！？]", body):
        return body + "\n" + "\n".join(captions)
    return body


def _page_of(url: str) -> tuple[set[str], int]:
    """(what names the article whatever its page, the page number) for an article URL.

    "…/content_123_2.htm" is page 2 of "…/content_123.htm" (the query does not matter);
    "ShowArticle.asp?ArticleID=2211&ArticlePage=2" (an ASP or PHP pager parameter; not on a static .html
    page, where it pages the comments) is page 2 of the URL without that parameter; any other URL is
    page 1 of itself, or of its path for "_N" pagers."""
    url = url.split("#", 1)[0]
    base, _, query = url.partition("?")
    if m := lx.PAGED_URL.match(base):
        return {m["stem"] + m["ext"]}, int(m["n"] or m["m"])
    pairs = parse_qsl(query, keep_blank_values=True)
    # (a static page's "?page=2" pages its comments or guestbook: the article is the file itself)
    for i, (key, value) in enumerate([] if re.search(r"\.s?html?$", base) else pairs):
        if lx.PAGE_PARAMETER.fullmatch(key) and value.isdigit() and len(value) <= 2:
            return {base + "?" + urlencode(pairs[:i] + pairs[i + 1:])}, int(value)
    return {base, base + "?" + urlencode(pairs)}, 1


def _next_pages(links: list, url: str | None) -> list[str]:
    """Later pages of this article: pager links whose URL is this URL with a higher page number."""
    if not url:
        return []
    here, current = _page_of(url)
    found: dict[int, str] = {}
    for a in links:
        text = a.get_text(strip=True)
        if not (lx.NEXT_PAGE_TEXT.match(text) or lx.PAGE_NUMBER_TEXT.match(text)):
            continue
        try:
            href = urljoin(url, str(a["href"])).split("#", 1)[0]
        except ValueError:  # "http://[::1/…": not a URL
            continue
        names, n = _page_of(href)
        if names & here and n > current and not any(
                lx.NEGATIVE_ATTR.search(attr_text(box)) or lx.COMMENTS_ATTR.search(attr_text(box))
                for box in itertools.islice(a.parents, 4)):  # (a related list's or the comments' pager)
            found[n] = href
    return [found[n] for n in sorted(found)]
