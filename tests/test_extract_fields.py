"""The fields researchers cite beside the body: 来源, editor, photographers, captions, keywords, site
facts, the publish time's clock and zone, and which pages are articles at all.

The 57 pages in tests/fixtures/fields were written by an independent review (session 7) in the styles
and encodings of real portals (national outlets, provincial and county 融媒体, government sites, 2005
table layouts in GBK, Taiwan and Hong Kong outlets, WordPress, self-media reposts, search/tag/list and
sign-in pages); the expected values in cases.json were read off each page by hand. On the session-start
code 23 of them fail. p24 (a 76-word English brief: not counted as an article) is left open.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from archiver.dates import in_china_time
from archiver.extract import extract

FIELDS = Path(__file__).parent / "fixtures" / "fields"
CASES = json.loads((FIELDS / "cases.json").read_text(encoding="utf-8"))
# A second review (session 7) aimed 64 pages at the rules the first one brought, comparing old and new code:
# digests and short posts with linked-headline boxes at non-article URLs, briefs beside a header sign-in box,
# year-less times in prose, disclaimers ("本文转自网络"), credits in prose, stray words before 版权所有,
# channel boxes headed 标签, share links beside keywords, a notice's own address and hotline. Their expected
# values were decided by hand before running either version; 28 fail on the session-start code.
# A third (session 7) aimed 61 pages at the second round's fixes: 文/图 in prose and before 图片, offices in
# credits, static-site posts at index.html, list pages at directory and script URLs, a FAQ on 忘记密码, long
# info lines, holders such as 总工会 and 法院, label boxes with 上一篇 links, reposts from 公众号. Its open
# misses are kept in each case's "open" (two-person photo credits, a 70-character brief).
# A fourth (session 7) swept 77 ordinary pages (not aimed at the rules): national to county portals,
# government, university, hospital and court news, Taiwan and Hong Kong outlets, reposts, 2005 GBK tables,
# list, gallery and sign-in pages. Fields wrong in both the session-start code and now are under "open".
REVIEWS = [(name, case) for name in ("review2", "review3", "review4")
           for case in json.loads((FIELDS / name / "cases.json").read_text(encoding="utf-8"))]


def _same_text(got: str | None, want: str) -> bool:
    return re.sub(r"\s+", "", got or "") == re.sub(r"\s+", "", want)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_fields_of_a_page(case: dict) -> None:
    art = extract((FIELDS / case["file"]).read_bytes(), case["url"], case["headers"])
    want = case["expect"]
    if "is_article" in want:
        assert art.is_article == want["is_article"], art.flags
    for field in ("title", "source", "editor"):
        if field in want:
            assert _same_text(getattr(art, field), want[field]), (field, getattr(art, field))
    for field in ("authors", "photographers"):
        if field in want:
            assert getattr(art, field) == want[field], field
    if "published" in want:  # the same instant: a page's UTC meta time is kept in its zone
        wanted = want["published"] if isinstance(want["published"], list) else [want["published"]]
        assert in_china_time(art.published) in [in_china_time(w) for w in wanted], art.published_raw
    if "captions" in want:
        assert [re.sub(r"\s+", "", c.text) for c in art.captions] == [re.sub(r"\s+", "", c) for c in want["captions"]]
    if "keywords" in want:
        assert set(art.keywords) == set(want["keywords"])
    if "keywords_has" in want:
        assert set(want["keywords_has"]) <= set(art.keywords)
    for field, got in (("icp", art.site.icp), ("police_record", art.site.police_record)):
        if field in want:
            assert _same_text(got, want[field]), (field, got)
    if "police_contains" in want:
        assert want["police_contains"] in (art.site.police_record or "")
    if "copyright_contains" in want:
        assert want["copyright_contains"] in (art.site.copyright or ""), art.site.copyright
    for line in want.get("contact_contains", []):
        assert any(line in c for c in art.site.contact), art.site.contact
    for chrome in want.get("body_not", []):
        assert chrome not in (art.body or ""), chrome
    captions = [c.text for c in art.captions]
    assert not any(len(c) > 8 and c in (art.body or "") for c in captions), "a caption also in the body"


def _holds(key: str, want, got: dict, art) -> bool:  # type: ignore[no-untyped-def]
    """One hand-decided expectation of the later reviews against the extractor's output."""
    body = art.body or ""
    if isinstance(want, dict):  # {"any": [...]}: either reading is right
        return any(_holds(key, w, got, art) for w in want["any"])
    if key in ("body_contains", "body_has"):
        return all(s in body for s in want)
    if key == "body_not":
        return not any(s in body for s in want)
    if key == "copyright_contains":
        return want in (art.site.copyright or "")
    if key == "contact_contains":
        return all(any(x in c for c in art.site.contact) for x in want)
    if key == "published_day":
        return (art.published or "").startswith(want)
    if key == "keywords_not":
        return not set(want) & set(art.keywords)
    if key == "keywords_has":
        return set(want) <= set(art.keywords)
    if key == "keywords":
        return set(art.keywords) == set(want)
    if key in ("source", "editor", "title", "icp", "police_record"):
        return _same_text(got[key], want or "")
    if key == "captions":
        return [re.sub(r"\s+", "", c) for c in got[key]] == [re.sub(r"\s+", "", c) for c in want]
    if key == "published" and want and len(want) > 10:  # the same instant
        return in_china_time(art.published) == in_china_time(want)
    return got[key] == want


@pytest.mark.parametrize("review,case", REVIEWS, ids=[f"{r}/{c['file']}" for r, c in REVIEWS])
def test_fields_of_a_page_aimed_at_the_rules(review: str, case: dict) -> None:
    art = extract((FIELDS / review / case["file"]).read_bytes(), case["url"], case["headers"])
    got = {"title": art.title, "authors": art.authors, "photographers": art.photographers, "source": art.source,
           "editor": art.editor, "published": art.published, "captions": [c.text for c in art.captions],
           "keywords": art.keywords, "copyright": art.site.copyright, "icp": art.site.icp,
           "police_record": art.site.police_record, "contact": art.site.contact, "is_article": art.is_article}
    for key, want in case["expect"].items():
        assert _holds(key, want, got, art), (key, got.get(key, art.site.copyright))
