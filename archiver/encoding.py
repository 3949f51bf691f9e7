"""Bytes -> text, decided once at this boundary.

Order: BOM > HTTP header > <meta> > the bytes themselves. A declaration is
trusted only when the bytes agree with it: Chinese servers often send
``charset=utf-8`` for GBK bodies, and old templates declare gb2312 for pages
saved as UTF-8. chardet runs on a bounded sample, only when needed.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Mapping

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
FALLBACK = "gb18030"
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

    utf8 = _is_utf8(data)
    for source, charset in declared:
        if charset.startswith("utf-8") or charset == "utf-8":
            if utf8 or data.isascii():
                return Decoded(data.decode("utf-8", errors="replace"), "utf-8", source, first_declared)
            continue
        if utf8:
            # Valid multi-byte UTF-8 is almost never legacy CJK text by accident.
            break
        if charset in PERMISSIVE and not data.isascii():
            guess = _detect(data)
            if guess and guess not in PERMISSIVE:
                return Decoded(data.decode(guess, errors="replace"), guess, "detected", first_declared)
        if _bad_ratio(data, charset) <= MAX_BAD_RATIO:
            return Decoded(data.decode(charset, errors="replace"), charset, source, first_declared)
    if utf8 or data.isascii():
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", "utf8-valid", first_declared)
    guess = _detect(data)
    # Single-byte guesses decode anything, so CJK candidates are tried first.
    candidates = [guess] if guess in MULTIBYTE else []
    candidates += [c for c in (FALLBACK, "big5hkscs") if c not in candidates]
    for charset in candidates:
        if _bad_ratio(data, charset) <= MAX_BAD_RATIO * 5:
            return Decoded(data.decode(charset, errors="replace"), charset, "detected", first_declared)
    if guess:
        return Decoded(data.decode(guess, errors="replace"), guess, "detected", first_declared)
    # Pick whichever candidate loses the fewest characters.
    best = min([c for _, c in declared] + candidates + ["utf-8"], key=lambda c: _bad_ratio(data, c))
    return Decoded(data.decode(best, errors="replace"), best, "default", first_declared)
