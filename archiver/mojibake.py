"""Repair of mis-decoded text (content-farm damage): GBK read one byte out of step, UTF-8 read as Latin-1.

A span such as ``?!爸行囊雅c綦江`` is ``。“中心已與綦江`` read from the second
byte of a double-byte character: re-encoding it as GBK and re-reading the bytes
shifted by one recovers the text. A repair is kept only where the shifted text
is far more probable, judged by how much of it is common punctuation and
frequent characters.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from .encoding import decoded_rows

# A mis-aligned span starts with "?" (the lost lead byte) and runs over Han
# characters until an ASCII byte in 0x40-0x7E (a GBK trail byte) brings the
# decoder back in step: "?!爸行囊雅c".
SUSPECT_SPAN = re.compile(r"\?[!-/:-?\uff01-\uff0f]?[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]{1,40}[@-~]")
_HAN_OR_PUNCT = re.compile(r"[\u4e00-\u9fff，。、“”：；！？《》（）]")
# A small table of very frequent characters: shifted garbage rarely uses them.
COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民"
    "得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事"
    "平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程"
    "展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战"
    "先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教"
    "速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观"
    "越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族"
    "维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严與為們這說會個國發經"
    "，。、“”：；！？《》（）"
)
MIN_GAIN = 0.35


def _score(text: str) -> float:
    han = _HAN_OR_PUNCT.findall(text)
    if not text:
        return 0.0
    common = sum(1 for c in han if c in COMMON)
    ascii_noise = sum(1 for c in text if c.isascii())
    return (common - ascii_noise) / len(text)


def _shift(span: str) -> str | None:
    """Re-read the span's GBK bytes one byte earlier, trying each lead byte for the lost character."""
    middle = bytearray()
    for ch in span[1:-1]:
        # The page dump turned full-width punctuation into ASCII; the bytes had the full-width form.
        if "!" <= ch <= "~":
            ch = chr(ord(ch) + 0xFEE0)
        try:
            middle += ch.encode("gbk")
        except UnicodeEncodeError:
            return None
    middle += span[-1].encode("ascii")
    best: str | None = None
    for lead in (0xA1, 0xA3):  # 。“” and full-width punctuation: the usual lost characters
        try:
            text = (bytes([lead]) + bytes(middle)).decode("gbk")
        except UnicodeDecodeError:
            continue
        if best is None or _score(text) > _score(best):
            best = text
    return best


def repair_misaligned_gbk(text: str) -> tuple[str, int]:
    """Text with mis-aligned GBK spans repaired; returns (text, number of repairs)."""
    fixes = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal fixes
        span = m.group(0)
        shifted = _shift(span)
        if shifted and _score(shifted) - _score(span) >= MIN_GAIN:
            fixes += 1
            return shifted
        return span

    return SUSPECT_SPAN.sub(fix, text), fixes


_HAN_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_PUNCT = set("，。、；：？！“”‘’（）《》【】…—·")


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """GB2312's first level (lead bytes B0-D7) and Big5's frequent characters (A4-C6): the characters
    of ordinary text in either script (~7,000). Narrower than the decoder's plain characters: GB2312's
    second level is where UTF-8 read as GBK lands."""
    return frozenset(decoded_rows("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)) |
                     decoded_rows("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]))


def looks_garbled(text: str) -> bool:
    """Undecodable bytes, or UTF-8 read as GBK ("灞呮皯妤肩獊鍙戠伀"): mostly rare characters (the second
    level of GB2312, GBK's extensions) of which a stretch re-reads as UTF-8. Cantonese (佢哋嘅冇咗) and
    rare names are rare characters too, but their bytes are no UTF-8."""
    if "\ufffd" in text:
        return True
    han = _HAN_CHAR.findall(text)
    common = common_chars()
    return len(han) >= 4 and sum(c not in common for c in han) > 0.5 * len(han) and \
        repair_utf8_read_as_gbk(text)[1] > 0


# UTF-8 Chinese read as Latin-1/cp1252: a lead byte E4-E9 (ä-é) and two continuation bytes, which cp1252
# shows as C1 controls, Latin-1 punctuation or its typographic marks ("ä»Šå¹´"); read twice, "Ã§Â".
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_LATIN_MOJIBAKE = re.compile(f"[äåæçèé][{_CONTINUATION}]{{2}}|Ã[{_CONTINUATION}]Â[{_CONTINUATION}]")


def _c1_as_bytes(exc: UnicodeError) -> tuple[bytes, int]:
    """Encoding error handler: the five bytes cp1252 leaves undefined (81 8D 8F 90 9D), which a Latin-1
    fallback turned into C1 controls, back as themselves."""
    if isinstance(exc, UnicodeEncodeError):
        chunk = exc.object[exc.start : exc.end]
        if all(c in "\x81\x8d\x8f\x90\x9d" for c in chunk):
            return chunk.encode("latin-1"), exc.end
    raise exc


codecs.register_error("archiver-c1", _c1_as_bytes)


_LATIN_RUN = re.compile(f"[\u00c0-\u00ff{_CONTINUATION}]{{3,}}")
# A no-break space (byte A0, a continuation byte: 校 is E6 A0 A1) that whitespace clean-up made a space.
_LOST_NBSP = re.compile(f"(?<=[à-ï{_CONTINUATION}]) (?=[{_CONTINUATION}])")


def _reread_as_utf8(text: str) -> str | None:
    """The text's bytes under cp1252 (Latin-1 where cp1252 has a hole), or Latin-1, read as UTF-8, when they are UTF-8."""
    for candidate in dict.fromkeys((text, _LOST_NBSP.sub("\u00a0", text))):
        for charset in ("cp1252", "latin-1"):  # (read as Latin-1, C1 controls stand for bytes 80-9F)
            try:
                return candidate.encode(charset, errors="archiver-c1").decode("utf-8")
            except UnicodeError:  # (a character outside the charset: the text is not all mojibake)
                continue
    return None


def _reread_fully(text: str) -> str | None:
    """``text`` re-read as UTF-8 (twice at most: "Ã§Â" was read as Latin-1 twice), or None."""
    fixed = text
    for _ in range(2):
        reread = _reread_as_utf8(fixed) if _LATIN_MOJIBAKE.search(fixed) else None
        if reread is None:
            break
        fixed = reread
    # Chinese, and everyday Chinese: "café’”" is valid UTF-8 too, for 钔 (the three bytes E9 92 94)
    gained = [c for c in fixed if c > "\x7f"]
    common = common_chars()
    if fixed == text or len(gained) < 2 or sum(c in common or c in _CJK_PUNCT for c in gained) < 0.9 * len(gained):
        return None
    return fixed


def repair_latin_mojibake(text: str) -> tuple[str, bool]:
    """UTF-8 text that was read as Latin-1 or cp1252 (once or twice), decoded right; (text, repaired).

    A line that is mojibake whole is re-read; inside other text, each run of Latin-1 letters and
    cp1252 marks that re-reads as UTF-8 (a quotation mark around it may be the text's own). Latin
    text ("Café", "©") stays. (An article quoting mojibake inside Chinese text is repaired too.)"""
    if not _LATIN_MOJIBAKE.search(text):
        return text, False
    if whole := _reread_fully(text):
        return whole, True
    repaired = False

    def fix(m: re.Match[str]) -> str:
        nonlocal repaired
        run = m.group(0)
        for start, end in ((0, len(run)), (1, len(run)), (0, len(run) - 1), (1, len(run) - 1)):
            if fixed := _reread_fully(run[start:end]):
                repaired = True
                return run[:start] + fixed + run[end:]
        return run

    return _LATIN_RUN.sub(fix, text), repaired


# Runs of non-ASCII text, where UTF-8 read as GBK ("促进城市鍙戝睍") can hide: U+FFFD (a byte the GBK
# decoder could not pair) ends a run, as the bytes around it cannot be recovered whole.
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\ufffd]{3,}")
MAX_REREAD = 60  # characters re-read at a time: 40 once decoded


def _utf8_read_as_gbk(segment: str) -> str | None:
    """The segment's GBK bytes read as UTF-8, when that gives only common characters and punctuation."""
    try:
        text = segment.encode("gbk").decode("utf-8")
    except UnicodeError:
        return None
    return text if all(c in common_chars() or c in _CJK_PUNCT for c in text) else None


def repair_utf8_read_as_gbk(text: str) -> tuple[str, int]:
    """UTF-8 Chinese that was read as GBK ("鍙戝睍" for 发展), re-read where it is; (text, spans repaired).

    Two UTF-8 characters (6 bytes) read as GBK are three characters, mostly rare ones: from each rare
    character, the longest stretch of a multiple of three characters (up to MAX_REREAD), at least a
    third of them rare, whose bytes are UTF-8 of common characters is replaced, left to right."""
    common = common_chars()
    if all(c in common for c in _HAN_CHAR.findall(text)):
        return text, 0
    fixes = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal fixes
        run, out, k = m.group(0), [], 0
        while k < len(run):
            if run[k] in common or run[k] in _CJK_PUNCT:
                out.append(run[k])
                k += 1
                continue
            for length in range(min(MAX_REREAD, len(run) - k) // 3 * 3, 2, -3):
                segment = run[k : k + length]
                if 3 * sum(c not in common and c not in _CJK_PUNCT for c in segment) >= length and \
                        (reread := _utf8_read_as_gbk(segment)) is not None:
                    out.append(reread)
                    k += length
                    fixes += 1
                    break
            else:
                out.append(run[k])
                k += 1
        return "".join(out)

    return _NON_ASCII_RUN.sub(fix, text), fixes
