"""Chinese publish-date parsing: absolute, numeral-written and relative forms."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Iterable

CHINA_TZ = timezone(timedelta(hours=8))
MIN_YEAR, MAX_YEAR = 1990, 2100

ABSOLUTE = re.compile(
    r"""(?x)
    (?<!\d)(?P<y>(?:19|20)\d{2})\s*(?P<s1>[-/.年])\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*[日号號]?
    (?:\s*[(（]?(?:星期|礼拜|禮拜|周|週)[一二三四五六日天][)）]?)?          # 2024年5月20日 星期一 14:32
    (?:(?:[\sT]*|-)(?:(?P<ampm>上午|下午|晚上|早上|凌晨|中午))?\s*(?P<H>\d{1,2})\s*[:：时時]\s*(?P<M>\d{2})
       (?:\s*[:：分]\s*(?P<S>\d{2})(?:[.,]\d{1,9})?)?                   # 06:32:00.000Z (scripts' timestamps)
       (?:\s*(?P<ampm2>[AaPp]\.?[Mm]\b\.?))?)?                           # 02:32 PM
    (?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}))?
    """)
# US order, as old ASP pages print it: "9/17/2004 5:54:13 AM".
US_DATE = re.compile(r"(?<!\d)(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})"
                     r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>AM|PM)?)?", re.I)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
# English pages: "Nov 18, 2019 @5:19 PM", "November 18th, 2019", "18 November 2019 17:19".
NAMED_MONTH_DATE = re.compile(
    rf"""(?x)\b(?:(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH})\.?,?)
    \s+(?P<y>(?:19|20)\d{{2}})(?!\d)
    (?:[\s,@|·-]*(?:at\s+)?(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?\s*(?P<ampm>[AaPp]\.?[Mm]\b\.?)?
       (?:\s*(?P<zone>GMT|UTC|UT|ET|EST|EDT|PT|PST|PDT|BST|CET|CEST|JST|HKT|SGT)\b)?)?""")
# English time-zone labels (not CST: China's and the US Central's); without one, +08:00 as for any page.
ZONES = {"GMT": "+00:00", "UTC": "+00:00", "UT": "+00:00", "ET": "-05:00", "EST": "-05:00", "EDT": "-04:00",
         "PT": "-08:00", "PST": "-08:00", "PDT": "-07:00", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00",
         "JST": "+09:00", "HKT": "+08:00", "SGT": "+08:00"}
RFC_2822 = re.compile(r"^\s*[A-Z][a-z]{2},\s+\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{2}:\d{2}(:\d{2})?\s+(GMT|UT|[+-]\d{4})\s*$")
UPDATED_LABEL = re.compile(r"(?i)(updated|modified|edited|更新|修改|修订|修訂)[^|\n]{0,12}$")
COMPACT = re.compile(r"(?<!\d)(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?P<H>[0-2]\d)?(?P<M>[0-5]\d)?(?!\d)")
_NUMERALS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
NUMERAL_DATE = re.compile(r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日")
# Republic of China years (Taiwan government sites): 民國94年5月20日; after a date label, 113/05/20 or
# 094-05-20 (year + 1911). A bare number is not read so: "版本号113.5.20", "电话110-12-12", "第113-5-20号".
ROC_LABEL = r"(?:日期|時間|时间|發布|发布|發佈|更新|公告|公布|公佈)[\s：:|]{0,4}"
ROC_DATE = re.compile(
    r"(?:中華民國|中华民国|民國|民国)\s*(?P<y>\d{2,3})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日|"
    rf"{ROC_LABEL}(?P<y2>0\d{{2}}|1[0-4]\d)(?P<s>[-/.])(?P<m2>\d{{1,2}})(?P=s)(?P<d2>\d{{1,2}})(?![\d/.-])"
    r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2}))?")
# A month and day with a time, no year (self-media and app pages: "09-30 22:46", "05月20日 14:32"): the
# year is the fetch time's, or the year before for a day after it.
YEARLESS = re.compile(r"(?<![\d/.-])(?:(?P<m>[01]\d)[-/](?P<d>[0-3]\d)|(?P<m2>[01]?\d)月(?P<d2>[0-3]?\d)日?)\s*"
                      r"(?P<H>[0-2]?\d)[:：](?P<M>[0-5]\d)(?![\d:])")
RELATIVE = re.compile(
    r"(?P<n>\d{1,3})\s*(?P<unit>秒|分钟|分鐘|小时|小時|天)前|(?P<day>今天|昨天|前天)\s*(?P<H>\d{1,2})[:：](?P<M>\d{2})")
# Dates in URLs: /2023/0627/, /2023-06/27/, t20230627_, /20230627/, /202306/27/
URL_DATE = re.compile(
    r"""(?x)(?<!\d)(?P<y>20\d{2})(?:[/_-]?(?P<m>[01]\d)[/_-]?(?P<d>[0-3]\d)|-(?P<m2>[01]\d)/(?P<d2>[0-3]\d)|(?P<m3>[01]\d)/(?P<d3>[0-3]\d))(?!\d)""")


def _numeral(text: str) -> int:
    if len(text) == 4:  # year: digit by digit
        return int("".join(str(_NUMERALS[c]) for c in text))
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERALS[text[1]]
    if text.endswith("十"):
        return _NUMERALS[text[0]] * 10
    if "十" in text:
        return _NUMERALS[text[0]] * 10 + _NUMERALS[text[2]]
    return _NUMERALS[text]


def _build(y: int, m: int, d: int, hh: int | None = None, mm: int | None = None, ss: int | None = None,
           tz: str | None = None) -> str | None:
    try:
        if not MIN_YEAR <= y <= MAX_YEAR:
            return None
        if hh is None:
            return datetime(y, m, d).date().isoformat()
        zone = CHINA_TZ
        if tz:
            zone = timezone.utc if tz == "Z" else timezone(
                timedelta(hours=int(tz[1:3]), minutes=int(tz[-2:])) * (-1 if tz[0] == "-" else 1))
        return datetime(y, m, d, hh, mm or 0, ss or 0, tzinfo=zone).isoformat()
    except (ValueError, KeyError):
        return None


def _twelve_hour(hh: int, mark: str) -> int:
    """24-hour clock hour of a time marked 下午/pm (2:32 -> 14:32), 上午/凌晨/am 12 (-> 0), 中午 1 (-> 13)."""
    if hh < 12 and (mark in ("下午", "晚上", "pm") or (mark == "中午" and hh < 6)):
        return hh + 12
    if hh == 12 and mark in ("上午", "凌晨", "am"):
        return 0
    return hh


def in_year_of(iso: str, anchor: str) -> str:
    """A year-less date (given the fetch year) moved to the year that puts it nearest ``anchor`` (a URL's day)."""
    when, day = datetime.fromisoformat(iso), datetime.fromisoformat(anchor[:10])
    options = []
    for year in (day.year - 1, day.year, day.year + 1):
        try:
            options.append(when.replace(year=year))
        except ValueError:  # 02-29
            continue
    return min(options, key=lambda w: abs(w.replace(tzinfo=None) - day)).isoformat() if options else iso


def _chunk_bounds(text: str, m: re.Match[str]) -> tuple[int, int]:
    """Where the piece of an info text (" | " or line separated) a match stands in starts and ends."""
    lo = max(text.rfind(" | ", 0, m.start()), text.rfind("\n", 0, m.start()))
    ends = [i for i in (text.find(" | ", m.end()), text.find("\n", m.end())) if i >= 0]
    return lo + 1, min(ends, default=len(text))


def _in_short_chunk(text: str, m: re.Match[str], limit: int = 100) -> bool:
    """The match stands in a short piece of text (a dateline), not in a sentence of the story
    ("On Nov. 8, 2016, Donald Trump won…" dates what the story tells, not the story)."""
    lo, hi = _chunk_bounds(text, m)
    return hi - lo < limit and not re.search(r"[.!?][\"”’)]?\s*$", text[m.end():hi])  # not inside a sentence


def _published(text: str, matches: Iterable[re.Match[str]]) -> re.Match[str] | None:
    """The first date match not labelled as an update ("更新日期：… 發布日期：…"); else the first one."""
    first = None
    for m in matches:
        if not UPDATED_LABEL.search(text[max(0, m.start() - 20) : m.start()]):
            return m
        first = first or m
    return first


def parse_date(text: str, now: datetime | None = None, yearless: bool = False) -> tuple[str, str] | None:
    """First date in ``text`` as (ISO 8601, raw match); +08:00 when no zone; None if none.

    ``now`` (the fetch time) anchors relative forms such as 昨天 10:21 or 3小时前, and with ``yearless``
    (an info line's text, not prose) a month and day with a time: "09-30 22:46".
    """
    if not text:
        return None
    if RFC_2822.match(text):  # meta/feed dates: "Mon, 20 May 2024 22:30:00 GMT"
        try:
            return parsedate_to_datetime(text.strip()).isoformat(), text.strip()
        except (TypeError, ValueError):
            pass
    m = _published(text, (m for m in ABSOLUTE.finditer(text) if not (m["s1"] == "." and m["H"] is None and len(text) > 40)))
    if m:
        hh = _twelve_hour(int(m["H"]), m["ampm"] or (m["ampm2"] or "").lower().replace(".", "")) if m["H"] else None
        iso = _build(int(m["y"]), int(m["m"]), int(m["d"]), hh, int(m["M"]) if m["M"] else None,
                     int(m["S"]) if m["S"] else None, m["tz"])
        if iso:
            return iso, m.group(0).strip()
    m = US_DATE.search(text)
    if m:
        hh = _twelve_hour(int(m["H"]), (m["ampm"] or "").lower()) if m["H"] else None
        iso = _build(int(m["y"]), int(m["m"]), int(m["d"]), hh, int(m["M"]) if m["M"] else None,
                     int(m["S"]) if m["S"] else None)
        if iso:
            return iso, m.group(0).strip()
    found = [m for m in NAMED_MONTH_DATE.finditer(text) if _in_short_chunk(text, m)]
    # "Updated: June 3, 2024 | Published: May 20, 2024": an update time only when nothing else is dated
    m = next((m for m in found if not UPDATED_LABEL.search(text[max(0, m.start() - 20):m.start()])), None) \
        or (found[0] if found else None)
    if m:
        hh = _twelve_hour(int(m["H"]), (m["ampm"] or "").lower().replace(".", "")) if m["H"] else None
        month = _MONTHS.index((m["mon"] or m["mon2"])[:3].lower()) + 1
        iso = _build(int(m["y"]), month, int(m["d"] or m["d2"]), hh, int(m["M"]) if m["M"] else None,
                     int(m["S"]) if m["S"] else None, ZONES.get(m["zone"] or ""))
        if iso:
            return iso, m.group(0).strip()
    m = NUMERAL_DATE.search(text)
    if m:
        try:
            iso = _build(_numeral(m["y"]), _numeral(m["m"]), _numeral(m["d"]))
        except KeyError:
            iso = None
        if iso:
            return iso, m.group(0)
    m = _published(text, ROC_DATE.finditer(text))
    if m:
        iso = _build(int(m["y"] or m["y2"]) + 1911, int(m["m"] or m["m2"]), int(m["d"] or m["d2"]),
                     int(m["H"]) if m["H"] else None, int(m["M"]) if m["M"] else None)
        if iso:
            return iso, m.group(0)
    if now is not None:
        m = RELATIVE.search(text)
        if m:
            now = now.astimezone(CHINA_TZ)
            if m["n"]:
                unit = m["unit"]
                n = int(m["n"])
                delta = {"秒": timedelta(seconds=n), "天": timedelta(days=n)}.get(
                    unit, timedelta(minutes=n) if unit.startswith("分") else timedelta(hours=n))
                when = now - delta
            else:
                back = {"今天": 0, "昨天": 1, "前天": 2}[m["day"]]
                when = (now - timedelta(days=back)).replace(hour=int(m["H"]), minute=int(m["M"]), second=0)
            return when.replace(microsecond=0).isoformat(), m.group(0)
        # (in an info chunk, not a sentence: "5月19日 20:30，江城突降暴雨，城区多处路段出现积水。")
        if yearless and (m := next((m for m in YEARLESS.finditer(text) if _in_short_chunk(text, m)
                                    and not re.search(r"[。！？]", text[slice(*_chunk_bounds(text, m))])), None)):
            now = now.astimezone(CHINA_TZ)
            for year in (now.year, now.year - 1):
                iso = _build(year, int(m["m"] or m["m2"]), int(m["d"] or m["d2"]), int(m["H"]), int(m["M"]))
                if iso and datetime.fromisoformat(iso) <= now + timedelta(days=1):
                    return iso, m.group(0)
    return None


def parse_url_date(url: str | None) -> str | None:
    """Date (YYYY-MM-DD) encoded in an article URL, or None."""
    if not url:
        return None
    for m in URL_DATE.finditer(url):
        mo = m["m"] or m["m2"] or m["m3"]
        d = m["d"] or m["d2"] or m["d3"]
        iso = _build(int(m["y"]), int(mo), int(d))
        if iso:
            return iso
    return None


def in_china_time(iso: Any) -> Any:
    """A zoned ISO 8601 time at +08:00 ("2024-05-08T23:30:00Z" -> "2024-05-09T07:30:00+08:00"), so the
    archive's publish times sort and filter as one clock; dates, zone-less times and non-strings unchanged."""
    if not isinstance(iso, str) or len(iso) <= 10:
        return iso
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        return when.astimezone(CHINA_TZ).isoformat() if when.utcoffset() is not None else iso
    except (ValueError, OverflowError):  # not a time, or one at the calendar's ends ("9999-12-31T23:00-05:00")
        return iso
