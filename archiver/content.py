"""Main-content detection and paragraph collection over one BeautifulSoup tree.

Readability-style scoring adapted to Chinese pages: each text block scores by
its punctuation (full-width "，。" included) and length, discounted by its link
density, and passes its score up to its ancestors; the best-scoring container
and its strong siblings hold the article. Paragraphs split at block elements
and <br>; images and the short lines that follow them become captions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from . import lexicon as lx
from .text import clean_line, strip_pinyin

_WS = re.compile(r"\s+")
_CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
CAPTION_TEXT = re.compile(
    r"(摄|攝|供图|供圖|图片来源|圖片來源|资料图|資料圖|[（(]资料照[)）]|[（(]資料照[)）]|图为|圖為|^\s*[▲△↑]|[（(]\s*[图圖]|截图|截圖|翻摄|翻攝|提供\s*[)）]?$|图片|圖片|"
    r"Photo|Image|Credit|点击.{0,6}大图|點擊.{0,6}大圖|^注[：:]|"
    # photo agencies and "file photo" credits ending a caption ("共享充电宝。视觉中国 资料")
    r"(视觉中国|視覺中國|东方IC|東方IC|图虫创意|圖蟲創意)\s*(资料|資料|供图|供圖|图|圖)?\s*$|\s(资料|資料)\s*$)", re.I)
SENTENCE_END = "。！？!?…”\"'）)"
MAX_ANCESTOR_WALK = 40


def strings_after(node: Tag, before: bool = False):  # type: ignore[no-untyped-def]
    """Text nodes after ``node``'s end (or before its start), nearest first, lazily."""
    if before:
        elements = node.previous_elements
    else:
        last = node
        while getattr(last, "contents", None):
            last = last.contents[-1]
        elements = last.next_elements
    for el in elements:
        if isinstance(el, NavigableString) and not isinstance(el, Comment):
            yield el


def attr_text(tag: Tag) -> str:
    """The tag's class and id joined, for the cue patterns."""
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([*classes, str(tag.get("id") or "")])


@dataclass(slots=True)
class Stats:
    chars: int = 0
    link_chars: int = 0
    punct: int = 0
    score: float = 0.0
    start: int = 0      # text characters before the element's first text, in document order
    blocks: int = 0     # text blocks scored in it (itself and its block descendants)
    block: bool = False  # a text block itself (the nearest block element of some text)

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0


def _text_len(text: str) -> int:
    return len("".join(text.split()))


_PUNCT = re.compile(f"[{re.escape(lx.CONTENT_PUNCT)}]")


def measure(root: Tag) -> dict[int, Stats]:
    """Per-element text, link-text and punctuation totals, and readability scores."""
    stats: dict[int, Stats] = {}
    blocks: dict[int, tuple[Tag, Stats]] = {}
    offset = 0
    for string in root.descendants:
        if not isinstance(string, NavigableString) or isinstance(string, Comment):
            continue
        n = _text_len(string)
        if not n:
            continue
        punct = len(_PUNCT.findall(string))
        in_link = False
        block: Tag | None = None
        for depth, parent in enumerate(string.parents):
            if depth > MAX_ANCESTOR_WALK:
                break
            if parent.name == "a":
                in_link = True
            if block is None and parent.name in lx.BLOCK_TAGS:
                block = parent
            s = stats.get(id(parent))
            if s is None:
                s = stats[id(parent)] = Stats(start=offset)
            s.chars += n
            s.punct += punct
            if in_link:
                s.link_chars += n
        if block is not None:
            blocks[id(block)] = (block, stats[id(block)])
            stats[id(block)].block = True
        offset += n
    # Score each text block and pass the score up, readability-style.
    for block, s in blocks.values():
        if s.chars < 10:
            continue
        score = (1 + s.punct + min(s.chars / 60, 5)) * (1 - s.link_density)
        for level, ancestor in enumerate([block, *list(_ancestors(block, 3))]):
            stats[id(ancestor)].score += score / (1 + level) if level else score * 0.5
            stats[id(ancestor)].blocks += 1
            cue = attr_text(ancestor)
            if cue and lx.BOX_ATTR.search(cue):
                break  # a related-links box or comment section does not make its container the article
    return stats


def _ancestors(tag: Tag, n: int):  # type: ignore[no-untyped-def]
    for i, parent in enumerate(tag.parents):
        if i >= n or parent.name in (None, "[document]"):
            return
        yield parent


def find_content(soup: BeautifulSoup, stats: dict[int, Stats], headline: Tag | None = None) -> list[Tag]:
    """The element(s) holding the article, in document order; empty if nothing scores.

    ``headline``: the element showing the title, when known. The article starts right under it, so
    an element starting within a few lines after it is favoured over a text block further away
    (a short article beside a long live feed or comment box).
    """
    best: Tag | None = None
    best_score = 0.0
    head = stats.get(id(headline)) if headline is not None else None
    lead_tag = _lead_block(soup, stats, head.start + head.chars) if head else None
    lead = stats[id(lead_tag)].start if lead_tag is not None else None
    # The column holding the headline and the paragraph under it: a text block outside it (a sidebar's
    # 专题 box) needs twice the score to be taken for a one-paragraph article.
    column = _common_ancestor(headline, lead_tag) if lead_tag is not None else None
    inside = {id(t) for t in column.descendants if isinstance(t, Tag)} | {id(column)} | \
        {id(t) for t in column.parents} if column is not None and column.name not in ("body", "html") else None
    for tag in soup.find_all(True):
        s = stats.get(id(tag))
        if not s or s.score <= 0:
            continue
        score = _candidate_score(tag, s)
        if inside is not None and id(tag) not in inside:
            score *= 0.5
        # Favoured: an element under the headline holding the first paragraph after it, and more than
        # that one block (a one-block abstract box is not the article).
        if lead is not None and head.start + head.chars <= s.start <= lead < s.start + s.chars \
                and s.blocks >= lx.NEAR_HEADLINE_MIN_BLOCKS:
            score *= 2
        if score > best_score:
            best, best_score = tag, score
    if best is None:
        return []
    best = _prose_child(best, stats)
    parent = best.parent
    if parent is None or best.name in ("body", "html"):
        return [best]
    # siblings measured against the chosen element's own score, not its headline boost
    threshold = max(10.0, _candidate_score(best, stats[id(best)]) * lx.SIBLING_SCORE_RATIO)
    chosen: list[Tag] = []
    before_best = True
    photos: list[Tag] = []  # captioned photo blocks after the article's element: kept if more text follows them
    for sibling in parent.children:
        if sibling is best:
            chosen.append(best)
            before_best = False
            continue
        if not isinstance(sibling, Tag):
            continue
        s = stats.get(id(sibling))
        if not s or not s.chars or (head is not None and s.start <= head.start < s.start + s.chars):
            continue  # no text, or the block holding the headline (title, date and byline are read apart)
        if s.score * (1 - s.link_density) >= threshold and not lx.NEGATIVE_ATTR.search(attr_text(sibling)):
            chosen.extend(photos)
            chosen.append(sibling)
            photos = []
        elif (sibling.name == "p" or s.block and s.blocks <= 1) and s.link_density < 0.25 and s.punct >= 2 \
                and (s.chars >= lx.LEAD_MIN_CHARS or photos and s.chars >= lx.SIBLING_PROSE_MIN_CHARS
                     and re.search(r"[。！？!?]", sibling.get_text())) \
                and not lx.NEGATIVE_ATTR.search(attr_text(sibling)):
            chosen.extend(photos)
            chosen.append(sibling)  # a paragraph of prose beside the article's element ("核心提示：…")
            photos = []
        elif s.chars <= lx.CAPTION_MAX_CHARS and s.link_density < 0.25 \
                and sibling.find("img") is not None and _captioned(sibling) \
                and not lx.NEGATIVE_ATTR.search(attr_text(sibling)):
            # the lead photo and its caption in a block of their own above the text, or a photo
            # between the article's element and its last paragraph
            (chosen if before_best else photos).append(sibling)
    if best.name == "td" and len(chosen) == 1:
        chosen = _photo_rows(best, stats) + chosen
    return chosen


def _photo_rows(cell: Tag, stats: dict[int, Stats]) -> list[Tag]:
    """The rows right above a table cell holding the article: a photo row and its caption row (2005
    table layouts put each in a row of its own), when the cell is its row's only one."""
    row = cell.parent
    if row is None or row.name != "tr" or len(row.find_all("td", recursive=False)) != 1:
        return []
    above: list[Tag] = []
    for sibling in row.find_previous_siblings("tr", limit=3):
        s = stats.get(id(sibling))
        chars = s.chars if s else 0
        if sibling.find("img") is not None and chars == 0 and not sibling.find("a"):
            above.insert(0, sibling)
            return above  # the photo; a caption row may follow it
        if above or chars > lx.CAPTION_MAX_CHARS or (s and s.link_density > 0) or not CAPTION_TEXT.search(
                clean_line(sibling.get_text(" "))):
            return []
        above.insert(0, sibling)  # the caption row, under the photo
    return []


def _common_ancestor(a: Tag, b: Tag) -> Tag | None:
    above = {id(t) for t in a.parents}
    return next((t for t in b.parents if id(t) in above), None)


def _lead_block(soup: BeautifulSoup, stats: dict[int, Stats], head_end: int) -> Tag | None:
    """The first paragraph of prose after the headline, if it is within a few lines of it.

    Not a caption, byline or dateline block ("By Matthew Digby on Monday, November 18th, 2019").
    """
    for tag in soup.find_all(lx.BLOCK_TAGS):
        s = stats.get(id(tag))
        if s is None or not s.block or s.start < head_end:
            continue
        if s.start - head_end > lx.NEAR_HEADLINE_CHARS:
            return None
        if s.punct >= 2 and s.chars >= lx.LEAD_MIN_CHARS and s.link_density < 0.5 and tag.name != "figcaption" \
                and not any(lx.NOT_LEAD_ATTR.search(attr_text(t)) for t in (tag, *_ancestors(tag, 2))) \
                and not lx.NOTE_LEAD.match(tag.get_text()):
            return tag
    return None


def _candidate_score(tag: Tag, s: Stats) -> float:
    """Readability score of a candidate container, adjusted by its tag and class/id cues."""
    score = s.score * (1 - s.link_density)
    cue = attr_text(tag)
    if tag.name == "article" or tag.get("itemprop") == "articleBody":
        score *= 1.5
    elif tag.name in ("ul", "ol"):
        score *= 0.5  # a list of items (a feed, link lists) rather than the article's container
    if cue and lx.POSITIVE_ATTR.search(cue):
        score *= 1.25
    if cue and lx.NEGATIVE_ATTR.search(cue):
        score *= 0.5
    if cue and lx.COMMENTS_ATTR.search(cue):
        score *= 0.1
    return score


def _captioned(block: Tag) -> bool:
    """A photo block whose text reads as a caption (not an author card or a promo tile)."""
    if block.name == "figure" or block.find("figcaption") is not None or lx.CAPTION_ATTR.search(attr_text(block)):
        return True
    if block.find(lambda t: lx.CAPTION_ATTR.search(attr_text(t))) is not None:
        return True
    return bool(CAPTION_TEXT.search(clean_line(block.get_text(" "))))


def _prose_child(best: Tag, stats: dict[int, Stats]) -> Tag:
    """The one child of ``best`` that holds nearly all of its prose, if there is one (repeatedly).

    A column holding a short article and, below it, feeds of headlines, dates and counts can
    outscore the article's own element; its sentences (punctuation) are still nearly all in it.
    Not when another child holds a paragraph of prose: an article split in two parts, or a
    blogger's own lines around a quoted report.
    """
    while True:
        total = stats[id(best)]
        if sum(len(t.strip()) for t in best.find_all(string=True, recursive=False)) >= 10:
            return best  # text of its own beside the children (a lead paragraph as bare text in a <td>)
        children = best.find_all(True, recursive=False)
        for child in children:
            s = stats.get(id(child))
            if s and s.punct >= lx.PROSE_CHILD_SHARE * total.punct and s.link_density < 0.5 and s.punct >= 3 \
                    and not any(_has_prose_paragraph(other, stats) for other in children if other is not child):
                best = child
                break
        else:
            return best


def _has_prose_paragraph(tag: Tag, stats: dict[int, Stats]) -> bool:
    for p in [tag] if tag.name == "p" else tag.find_all("p", limit=20):
        s = stats.get(id(p))
        if s and s.punct >= 1 and s.chars >= 6 and s.link_density < 0.3:
            return True
    return False


@dataclass(slots=True)
class Para:
    """One output unit: a line of text, or an image."""

    text: str = ""
    image: str | None = None
    caption_hint: bool = False
    centered: bool = False
    linked: bool = False  # mostly link text: a headline in a link list
    row: bool = False  # a data table's row, cells joined by " | "


_LETTERS = re.compile(r"[^\W\d_]")


def _data_row(row: Tag, stats: dict[int, Stats]) -> list[str] | None:
    """The cells of a table row holding short values (a data table), or None (a layout, link or tool row)."""
    cells = row.find_all(("td", "th"), recursive=False)
    if len(cells) < 2 or any(c.find(("table", "img", "ul", "ol", "li")) is not None or lx.CAPTION_ATTR.search(attr_text(c))
                             for c in cells):
        return None  # (nor a row of captions under a row of photos)
    if (s := stats.get(id(row))) is not None and s.link_density > 0.5:
        return None
    texts = [clean_line(c.get_text(" ")) for c in cells]
    if any(len(t) > lx.DATA_CELL_CHARS or lx.CHROME_LINE.search(t) for t in texts) or sum(1 for t in texts if t) < 2:
        return None
    return texts


@dataclass(slots=True)
class Collector:
    base_url: str | None
    stats: dict[int, Stats]
    root_chars: int
    paras: list[Para] = field(default_factory=list)
    buf: list[str] = field(default_factory=list)
    caption_hint: bool = False
    centered: bool = False
    pinyin_removed: int = 0
    has_image: set[int] = field(default_factory=set)
    link_chars: int = 0  # letters of the buffer inside links

    def flush(self) -> None:
        raw = "".join(self.buf)
        text = clean_line(raw)
        # letters only: "· 晋阳湖半程马拉松举行 2023-04-22" is a linked headline with its date
        linked = self.link_chars >= 0.6 * max(1, len(_LETTERS.findall(raw)))
        self.buf.clear()
        self.link_chars = 0
        if text:
            text, n = strip_pinyin(text)
            self.pinyin_removed += n
            self.paras.append(Para(text=text, caption_hint=self.caption_hint, centered=self.centered, linked=linked))

    def skip(self, tag: Tag) -> bool:
        s = self.stats.get(id(tag))
        if s is None or not s.chars:
            return tag.name not in ("img", "br") and id(tag) not in self.has_image
        cue = attr_text(tag)
        if cue and lx.NEGATIVE_ATTR.search(cue) and not lx.POSITIVE_ATTR.search(cue) and s.chars < 0.3 * self.root_chars:
            return True
        if cue and lx.BOX_ATTR.search(cue) and not lx.POSITIVE_ATTR.search(cue) and s.chars < 0.5 * self.root_chars \
                and tag.name not in ("table", "tbody", "tr", "td"):
            return True  # a related/most-read/ad box is chrome even when it is a large part of the container
            # (not a data table: "rank_table" is the article's own ranking)
        if cue and lx.COMMENTS_ATTR.search(cue) and s.chars < 0.8 * self.root_chars:
            return True
        # Only blocks: an inline link inside a sentence ("苹果" linked to a quote page) is part of the text.
        if tag.name in ("ul", "ol", "dl", "table", "div", "nav", "p", "td", "li") and s.link_density > lx.MAX_LINK_DENSITY:
            return True
        return tag.name in ("nav", "aside", "footer") and s.chars < 0.3 * self.root_chars

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                self.buf.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                self.flush()
            elif name == "img":
                src = child.get("data-original") or child.get("data-src") or child.get("src")
                if src and not str(src).startswith("data:"):
                    self.flush()
                    try:
                        url = urljoin(self.base_url, str(src)) if self.base_url else str(src)
                    except ValueError:  # "http://[z": not a URL, keep it as written
                        url = str(src)
                    self.paras.append(Para(image=url))
            elif self.skip(child):
                continue
            elif name == "tr" and (cells := _data_row(child, self.stats)):
                self.flush()  # a row of a data table is one line: "1 | 上岭村 | 王*发 | 2 | 重病"
                self.paras.append(Para(text=" | ".join(cells), centered=self.centered, row=True))
            elif name == "figcaption" or lx.CAPTION_ATTR.search(attr_text(child)):
                self.flush()
                self.caption_hint = True
                self.walk(child)
                self.flush()
                self.caption_hint = False
            elif name in lx.BLOCK_TAGS:
                self.flush()
                was_centered = self.centered
                if name == "center" or str(child.get("align", "")).lower() == "center" or _CENTER_STYLE.search(str(child.get("style", ""))):
                    self.centered = True
                self.walk(child)
                self.flush()
                self.centered = was_centered
            elif name == "a":
                before = len(self.buf)
                self.walk(child)
                self.link_chars += sum(len(_LETTERS.findall(part)) for part in self.buf[before:])
            else:
                self.walk(child)


def collect(nodes: list[Tag], stats: dict[int, Stats], base_url: str | None) -> tuple[list[Para], int]:
    """Paragraphs and images of the chosen nodes, in order; also the count of pinyin annotations removed."""
    root_chars = sum(stats[id(n)].chars for n in nodes if id(n) in stats)
    c = Collector(base_url=base_url, stats=stats, root_chars=root_chars)
    for node in nodes:  # text-less wrappers of images are kept: mark them once instead of searching each
        for img in node.find_all("img"):
            c.has_image.update(id(p) for p in img.parents)
    for node in nodes:
        c.flush()
        c.walk(node)
    c.flush()
    return c.paras, c.pinyin_removed


def is_caption(para: Para, after_image: bool) -> bool:
    """A short text line standing under an image, or marked as a caption."""
    text = para.text
    if len(text) > (lx.FIGCAPTION_MAX_CHARS if para.caption_hint else lx.CAPTION_MAX_CHARS):
        return False
    if para.caption_hint:
        return True
    if not after_image:
        return bool(re.fullmatch(r"[（(]\s*(资料图片|資料圖片|资料图|資料圖|资料照|資料照|图片来源[^)）]*|圖片來源[^)）]*)\s*[)）]", text))
    if CAPTION_TEXT.search(text) or lx.DATED_CAPTION.match(text):
        return True
    # A centred short line under an image; an uncentred one may be a subheading ("01", "为什么说…").
    return para.centered and not text.endswith(("：", ":"))
