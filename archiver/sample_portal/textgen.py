"""Deterministic text generation: template expansion, script conversion, pinyin annotation.

All randomness comes from a ``random.Random`` seeded per article, so the same article text
is produced on every run and every machine.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from functools import lru_cache

from . import phrases
from .pinyin import PINYIN

_ALTERNATIVES = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")
_SLOT = re.compile(r"\{(?P<name>[a-z0-9]+)(?::(?P<lo>[\d.]+)-(?P<hi>[\d.]+))?\}")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def person(rng: random.Random) -> str:
    """A plausible two- or three-character personal name."""
    return rng.choice(phrases.SURNAMES) + rng.choice(phrases.GIVEN)


def fresh_people(rng: random.Random, slots: dict[str, str]) -> dict[str, str]:
    """``slots`` with new ``person``/``person2`` (for a stand-alone padding sentence)."""
    return dict(slots, person=person(rng), person2=person(rng))


def md(day: dt.date) -> str:
    """``3月15日`` for a date (the way news leads write dates)."""
    return f"{day.month}月{day.day}日"


def article_slots(rng: random.Random, topic: str, published: dt.datetime,
                  section: str) -> dict[str, str]:
    """The fixed slot values of one article (places, people, organisations, dates)."""
    districts = list(phrases.DISTRICTS)
    if section == "county":  # county channel stories happen in the three counties
        districts = [d for d in districts if d.endswith("县")]
    towns = [t for t in phrases.TOWNS if section != "county" or t.endswith("镇")]
    rng.shuffle(districts)
    others = [d for d in phrases.DISTRICTS if d != districts[0]]
    roads = rng.sample(phrases.ROADS, 3)
    p1 = person(rng)
    p2 = person(rng)
    while p2[0] == p1[0]:
        p2 = person(rng)
    day = published.date()
    return {
        "city": phrases.CITY,
        "district": districts[0],
        "district2": rng.choice(others),
        "dtype": districts[0][-1],
        "town": rng.choice(towns),
        "village": rng.choice(phrases.VILLAGES),
        "road": roads[0], "road2": roads[1], "road3": roads[2],
        "river": rng.choice(phrases.RIVERS),
        "scenic": rng.choice(phrases.SCENIC),
        "community": rng.choice(phrases.COMMUNITIES),
        "school": rng.choice(phrases.SCHOOLS),
        "hospital": rng.choice(phrases.HOSPITALS),
        "company": rng.choice(phrases.COMPANIES),
        "person": p1,
        "person2": p2,
        "org": rng.choice(phrases.ORGS[topic]).replace("{district}", districts[0]),
        "md": md(day - dt.timedelta(days=rng.randint(0, 1))),
        "md2": md(day - dt.timedelta(days=rng.randint(5, 20))),
        "month": f"{(day.month - 2) % 12 + 1}月",
    }


def _number(rng: random.Random, kind: str, lo: str, hi: str) -> str:
    if kind == "n":
        return str(rng.randint(int(float(lo)), int(float(hi))))
    value = rng.uniform(float(lo), float(hi))
    text = f"{value:.1f}"
    return text + "%" if kind == "p" else text


def expand(template: str, rng: random.Random, slots: dict[str, str]) -> str:
    """Fill ``template`` (syntax in :mod:`phrases`) from ``slots`` and ``rng``.

    Raises ``KeyError`` for an unknown slot name, so a typo in the data fails loudly.
    """
    text = _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), template)

    def fill(m: re.Match[str]) -> str:
        name = m.group("name")
        if m.group("lo") is not None:
            return _number(rng, name, m.group("lo"), m.group("hi"))
        return slots[name]

    return _SLOT.sub(fill, text)


@lru_cache(maxsize=None)
def _converter(config: str):  # type: ignore[no-untyped-def]
    from opencc import OpenCC  # imported lazily: only traditional pages need it

    return OpenCC(config)


def to_traditional(text: str, variant: str = "tw") -> str:
    """Simplified -> traditional script; ``variant`` is ``tw`` (Taiwan) or ``hk``."""
    return _converter("s2hk" if variant == "hk" else "s2tw").convert(text)


def annotate_pinyin(text: str) -> str:
    """Put tone-marked pinyin in ASCII parentheses after the characters the table knows,
    the way the seed's content farm does: ``經濟`` -> ``經(jīng)濟(jì)``."""
    return "".join(f"{ch}({PINYIN[ch]})" if ch in PINYIN else ch for ch in text)


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences at 。！？ (closing quotes stay with their sentence)."""
    parts = re.findall(r"[^。！？]+[。！？]+[”’]?", paragraph)
    rest = re.sub(r"[^。！？]+[。！？]+[”’]?", "", paragraph).strip()
    return [p.strip() for p in parts] + ([rest] if rest else [])


def has_cjk(text: str) -> bool:
    """True when ``text`` has at least one CJK unified ideograph."""
    return bool(_CJK.search(text))
