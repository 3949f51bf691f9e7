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
REVIEWS = [(name, case) for name in ("review2", "review3")
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


@pytest.mark.parametrize("review,case", REVIEWS, ids=[f"{r}/{c['file']}" for r, c in REVIEWS])
def test_fields_of_a_page_aimed_at_the_rules(review: str, case: dict) -> None:
    art = extract((FIELDS / review / case["file"]).read_bytes(), case["url"], case["headers"])
    got = {"title": art.title, "authors": art.authors, "photographers": art.photographers, "source": art.source,
           "editor": art.editor, "published": art.published, "captions": [c.text for c in art.captions],
           "keywords": art.keywords, "copyright": art.site.copyright, "icp": art.site.icp,
           "police_record": art.site.police_record, "contact": art.site.contact, "is_article": art.is_article}
    body = art.body or ""
    for key, want in case["expect"].items():
        if key in ("body_contains", "body_has"):
            assert all(s in body for s in want), key
        elif key == "body_not":
            assert not any(s in body for s in want), key
        elif key == "copyright_contains":
            assert want in (art.site.copyright or ""), key
        elif key == "published_day":
            assert (art.published or "").startswith(want), art.published
        elif key == "keywords_not":
            assert not set(want) & set(art.keywords), art.keywords
        elif key == "keywords_has":
            assert set(want) <= set(art.keywords), art.keywords
        elif key == "keywords" and review == "review3":  # (this review compared keyword sets)
            assert set(art.keywords) == set(want), art.keywords
        elif key == "contact_contains":
            assert all(any(x in c for c in art.site.contact) for x in want), art.site.contact
        elif key in ("source", "editor", "title"):
            assert _same_text(got[key], want or ""), (key, got[key])
        elif key == "published" and want and len(want) > 10:  # the same instant
            assert in_china_time(art.published) == in_china_time(want), art.published_raw
        else:
            assert got[key] == want, (key, got[key])
