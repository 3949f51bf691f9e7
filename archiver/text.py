"""Text normalisers: whitespace, content-farm pinyin annotations, script detection."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone-marked pinyin in ASCII parentheses right after a Han character (or a
# Latin letter: farms annotate "皖I(lǐng)CP" too). Unmarked "(de)" is left alone:
# it is indistinguishable from ordinary bracketed text.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN_ANNOTATION = re.compile(
    rf"(?<=[\u3400-\u9fffA-Za-z])\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\)"
)
# A toneless pinyin syllable in parentheses after a Han character: "們(men)".
NEUTRAL_PINYIN = re.compile(
    r"(?<=[\u3400-\u9fff])\((?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:[aeiouüv]{1,3})(?:ng|n|r)?\)")
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u2002-\u200b\u3000\ufeff]+")
_HAN = re.compile(r"[\u3400-\u9fff]")


def clean_line(text: str) -> str:
    """Collapse runs of spaces (including full-width and nbsp) and trim."""
    return _SPACES.sub(" ", text).strip()


def strip_pinyin(text: str) -> tuple[str, int]:
    """Remove pinyin annotations; returns (text, how many were removed).

    Only in ASCII brackets, as the farms write them: in full-width brackets a reading is the text's
    own (“长（zhǎng）大”的“长”, 王䶮（yǎn）, 蚌（bèng）埠)."""
    return PINYIN_ANNOTATION.subn("", text)


def strip_neutral_pinyin(text: str) -> str:
    """Remove toneless pinyin annotations; only for pages that carry tone-marked ones."""
    return NEUTRAL_PINYIN.sub("", text)


def han_count(text: str) -> int:
    """Number of Han characters."""
    return len(_HAN.findall(text))


@lru_cache(maxsize=1)
def _converters():  # type: ignore[no-untyped-def]
    from opencc import OpenCC  # imported lazily: loading the dictionaries takes ~0.1 s

    return OpenCC("t2s"), OpenCC("s2t")


def to_simplified(text: str) -> str:
    """Simplified-script form of ``text`` (for search and matching)."""
    return _converters()[0].convert(text)


def detect_script(text: str, sample: int = 600) -> str | None:
    """"hant" when traditional-only characters dominate a sample of the Han text, "hans" otherwise; None without Han."""
    han = "".join(_HAN.findall(text))[:sample]
    if not han:
        return None
    simplified = to_simplified(han)
    changed = sum(1 for a, b in zip(han, simplified) if a != b)
    # Traditional text changes on ~20% of characters; simplified text on ~0.
    return "hant" if changed / len(han) > 0.05 else "hans"


# Full-width letters and digits to ASCII: the part of NFKC that matters for matching (punctuation is
# dropped anyway). NFKC itself costs ~0.2 ms on a 2,000-character body, a translate ~0.14 ms, and
# most bodies have no full-width letter at all, so the search comes first.
_WIDE_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_WIDTH = str.maketrans({cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)})


def fold(text: str) -> str:
    """The matching form of a text: half-width letters and digits, simplified script, case-folded."""
    if _WIDE_ALNUM.search(text):
        text = text.translate(_WIDTH)
    return to_simplified(text).casefold()


def fold_literal(text: str) -> str:
    """``fold`` without the script conversion: the characters as written (乾 stays 乾; fold gives 干)."""
    if _WIDE_ALNUM.search(text):
        text = text.translate(_WIDTH)
    return text.casefold()


def nfkc(text: str) -> str:
    """NFKC form, used for comparing titles."""
    return unicodedata.normalize("NFKC", text)
