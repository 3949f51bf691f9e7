"""Bytes -> text, decided once at this boundary.

Order: BOM > HTTP header > <meta> > the bytes themselves. A declaration is
trusted only when the bytes agree with it: Chinese servers often send
``charset=utf-8`` for GBK bodies, and old templates declare gb2312 for pages
saved as UTF-8. chardet runs on a bounded sample, only when needed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

import chardet
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding

# Supersets used in place of the declared legacy encodings: a GBK page declared
# gb2312 uses characters outside GB2312 (镕, 堃), and Big5 pages from Hong Kong
# use HKSCS characters.
SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "hz": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "latin_1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
}
# Encodings that decode any byte string, so "it decoded" proves nothing.
PERMISSIVE = {"cp1252", "latin_1", "iso8859-1"}
# Bytes inspected for <meta> and given to chardet.
META_SCAN_BYTES = 8192
DETECT_SAMPLE_BYTES = 32768
# Share of undecodable characters a declared charset may produce and still be believed.
MAX_BAD_RATIO = 0.002
# Share of plain characters (see _plain_share) a GBK or Big5 reading needs to be believed over another.
PLAUSIBLE_SHARE = 0.9
_ASCII_BYTES = bytes(range(128))
MOSTLY_UTF8_SAMPLE_BYTES = 262144
MIN_JUDGED_CHARS = 20
_SCRIPT_OR_STYLE = re.compile(rb"(?is)<script\b.*?</script\s*>|<style\b.*?</style\s*>")
FALLBACK = "gb18030"
# chardet's guesses for Western European text that differ from cp1252 in a few letters: a declared
# Latin-1 is the better word ("Zoë", not cp1257's "Zoė").
LATIN1_LIKE = {"iso8859-15", "iso8859-9", "cp1254", "iso8859-13", "cp1257", "iso8859-16", "mac-roman"}
# Guesses trusted ahead of the CJK fallbacks; any other guess (a single-byte code
# page such as cp869 for a short GBK sample) comes after them.
MULTIBYTE = {"gb18030", "big5hkscs", "utf-8", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949", "utf-16", "iso2022_jp"}


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text plus how its charset was decided."""

    text: str
    charset: str
    source: str  # bom | header | meta | utf8-valid | detected | default | override
    declared: str | None = None


def normalise_charset(name: str | None) -> str | None:
    """Python codec name for a declared charset, upgraded to its superset; None if unknown."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'").lower())
    except (LookupError, ValueError):
        return None
    # "hex", "base64", "rot13", "zlib" … are codecs but not text encodings; idna/punycode are not page encodings.
    if not getattr(info, "_is_text_encoding", True) or info.name in ("idna", "punycode", "undefined"):
        return None
    return SUPERSETS.get(info.name, info.name)


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name:
            return value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return None


def _bad_ratio(data: bytes, charset: str) -> float:
    text = data.decode(charset, errors="replace")
    return text.count("\ufffd") / max(1, len(text))


def _is_utf8(data: bytes) -> bool:
    """True when the bytes are valid UTF-8 and not plain ASCII (a strong signal on its own)."""
    if data.isascii():
        return False
    # A truncated response may cut the last character: allow 3 trailing bytes.
    for cut in range(4):
        try:
            data[: len(data) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError as exc:
            if exc.start < len(data) - 4:
                return False
    return False


def _detect(data: bytes) -> str | None:
    # Sample from the non-ASCII-rich middle rather than the ASCII <head>.
    start = 0
    if len(data) > DETECT_SAMPLE_BYTES:
        start = max(0, min(len(data) - DETECT_SAMPLE_BYTES, len(data) // 3))
    result = chardet.detect(data[start : start + DETECT_SAMPLE_BYTES])
    return normalise_charset(result.get("encoding"))


def _mostly_utf8(data: bytes) -> bool:
    """Non-ASCII bytes that are mostly valid UTF-8: a UTF-8 page with some stray bytes (a footer
    include saved in GBK, a Latin-1 ©). Legacy CJK text is rarely valid UTF-8 for more than a few
    characters (under a fifth of its bytes). Judged on a sample: the whole page costs 10+ ms at 2 MB."""
    data = data[:MOSTLY_UTF8_SAMPLE_BYTES]
    text = data.decode("utf-8", errors="replace")
    ascii_chars = len(text.encode("ascii", errors="ignore"))
    bad = text.count("\ufffd")
    valid_bytes = len(text.encode("utf-8")) - 3 * bad - ascii_chars  # of valid multi-byte characters
    non_ascii_bytes = len(data.translate(None, _ASCII_BYTES))  # the ASCII ones deleted
    return len(text) - ascii_chars - bad >= 20 and valid_bytes >= 0.8 * non_ascii_bytes


def decoded_rows(charset: str, leads: range, trails: Iterable[int]) -> set[str]:
    """The characters of a double-byte charset's rows (lead bytes) and columns (trail bytes)."""
    trails = list(trails)
    return {c for lead in leads for c in bytes(b for t in trails for b in (lead, t)).decode(charset, errors="ignore")}


@lru_cache(maxsize=1)
def _plain_chars() -> frozenset[str]:
    """All of GB2312 (symbols and both levels) and Big5's symbols and frequent characters (rows A1-C6):
    the characters of ordinary Chinese text in either script, as GBK or Big5 saves it."""
    return frozenset(decoded_rows("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF)) |
                     decoded_rows("big5", range(0xA1, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]))


def _plain_share(text: str) -> float | None:
    """Share of a decoded text's non-ASCII characters that ordinary Chinese text uses (U+FFFD does not);
    None for too few to tell ("朱镕基旧居": 镕 is GBK's, not GB2312's).

    Wrong bytes decode "validly" as GBK or Big5 surprisingly often (Big5 read as GBK, a Latin-1
    page read as GBK), but into rare characters and kana."""
    chars = [c for c in text if c > "\x7f"]
    if len(chars) < MIN_JUDGED_CHARS:
        return None
    plain = _plain_chars()
    return sum(c in plain for c in chars) / len(chars)


def _letters(data: bytes, charset: str) -> bool:
    """Non-ASCII bytes that a single-byte charset reads as letters (ä, ß, é; д, я) almost all: text in
    that alphabet. GBK or Big5 bytes read so give symbols (° ± ² ¿ ×) for a third of them."""
    chars = [c for c in data[:DETECT_SAMPLE_BYTES * 4].decode(charset, errors="replace") if c > "\x7f"]
    return bool(chars) and sum(c.isalpha() or c in "€©®°–—‘’“”„…«»·" for c in chars) >= 0.95 * len(chars)


def _share(data: bytes, charset: str) -> float | None:
    """:func:`_plain_share` of a GBK or Big5 reading of (a sample of) the bytes."""
    start = max(0, min(len(data) - DETECT_SAMPLE_BYTES, len(data) // 3)) if len(data) > DETECT_SAMPLE_BYTES else 0
    return _plain_share(data[start : start + DETECT_SAMPLE_BYTES].decode(charset, errors="replace"))


def _plausible(data: bytes, charset: str, unknown: bool = True) -> bool:
    """Whether a GBK or Big5 reading gives ordinary text (``unknown`` when there is too little to tell)."""
    if charset not in ("gb18030", "big5hkscs"):
        return True
    share = _share(data, charset)
    return unknown if share is None else share >= PLAUSIBLE_SHARE


def _better_reading(data: bytes, charset: str, other: str) -> bool:
    """The other of GBK and Big5 reads the bytes as ordinary text, or far more so (Cantonese Big5 has
    many HKSCS characters: 0.9 of them plain, against 0.47 when read as GBK)."""
    if _bad_ratio(data, other) > MAX_BAD_RATIO:
        return False
    mine, theirs = _share(data, charset), _share(data, other)
    return theirs is not None and (theirs >= PLAUSIBLE_SHARE or mine is not None and theirs >= 0.8 and theirs - mine >= 0.3)


def decode(
    data: bytes,
    headers: Mapping[str, str] | None = None,
    override: str | None = None,
) -> Decoded:
    """Decode page bytes; never raises. ``override`` (from site config) wins over everything."""
    if forced := normalise_charset(override):
        return Decoded(data.decode(forced, errors="replace"), forced, "override")
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(name, errors="replace"), name, "bom")

    head = data[:META_SCAN_BYTES]
    declared: list[tuple[str, str]] = []
    header_cs = normalise_charset(http_content_type_encoding(_header(headers, "content-type") or ""))
    if header_cs:
        declared.append(("header", header_cs))
    meta_cs = normalise_charset(html_body_declared_encoding(head))
    if meta_cs:
        declared.append(("meta", meta_cs))
    first_declared = declared[0][1] if declared else None

    def decoded(charset: str, source: str) -> Decoded:
        return Decoded(data.decode(charset, errors="replace"), charset, source, first_declared)

    strict = _is_utf8(data)
    # Scripts are judged apart: a GBK page may carry a UTF-8 widget's JSON (hot lists, ads).
    text_bytes = _SCRIPT_OR_STYLE.sub(b" ", data)
    mostly = not strict and not data.isascii() and _mostly_utf8(text_bytes)
    weak: tuple[str, str] | None = None  # a declared Latin-1: believed only when nothing else fits
    for source, charset in declared:
        if charset.startswith("utf-8") or charset == "utf-8":
            if strict or mostly or data.isascii():
                return decoded("utf-8", source)
            continue
        if strict:
            # Valid multi-byte UTF-8 is almost never legacy CJK text by accident.
            break
        if charset in PERMISSIVE and not data.isascii():
            # Servers send ISO-8859-1 by default: it decodes anything, so it proves nothing.
            weak = weak or (source, charset)
            continue
        if _bad_ratio(text_bytes, charset) <= MAX_BAD_RATIO:
            if _plausible(text_bytes, charset):
                return decoded(charset, source)
            other = "big5hkscs" if charset == "gb18030" else "gb18030"
            if _better_reading(text_bytes, charset, other):
                return decoded(other, "detected")  # Big5 bytes declared gb2312 (a mirror's template)
            if mostly:
                break
            return decoded(charset, source)
    if strict or mostly or data.isascii():
        return decoded("utf-8", "utf8-valid")
    guess = _detect(data)
    # Single-byte guesses decode anything, so CJK candidates are tried first, and a GBK or Big5
    # reading must give the characters of ordinary text (a Latin-1 page read as GBK does not).
    candidates = [guess] if guess in MULTIBYTE else []
    candidates += [c for c in (FALLBACK, "big5hkscs") if c not in candidates]
    fitting = [c for c in candidates if _bad_ratio(text_bytes, c) <= MAX_BAD_RATIO * 5]
    for charset in fitting:
        if _plausible(text_bytes, charset, unknown=False):
            return decoded(charset, "detected")
    if guess and guess not in PERMISSIVE | MULTIBYTE and not (weak and guess in LATIN1_LIKE) and _letters(text_bytes, guess):
        return decoded(guess, "detected")  # a Cyrillic or Central European page served as ISO-8859-1
    if _letters(text_bytes, "cp1252"):
        # a German page chardet took for GB18030 ("膔ger" for Ärger); or the declared Latin-1 after all
        return decoded("cp1252", weak[0] if weak else "detected")
    if fitting:
        return decoded(fitting[0], "detected")  # (a short text, or GBK with many rare characters)
    if weak:
        return decoded(weak[1], weak[0])
    if guess:
        return decoded(guess, "detected")
    # Pick whichever candidate loses the fewest characters.
    best = min([c for _, c in declared] + candidates + ["utf-8"], key=lambda c: _bad_ratio(data, c))
    return Decoded(data.decode(best, errors="replace"), best, "default", first_declared)
