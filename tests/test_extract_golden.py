"""Golden fixtures: original bytes + reviewed expected.json, one per extraction pattern."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archiver.extract import extract

from .conftest import FIXTURES

CASES = sorted(p for p in (FIXTURES / "extract").iterdir() if (p / "expected.json").exists())
CHROME = ["ICP", "公网安备", "版权所有", "Copyright", "©", "联系我们", "分享到", "上一篇", "下一篇", "最近更新",
          "热门推荐", "熱門推薦", "责任编辑", "关键词", "首页"]


def _run(case: Path) -> dict:
    meta = json.loads((case / "meta.json").read_text("utf-8"))
    return extract((case / "body.html").read_bytes(), meta["url"], meta["headers"]).to_dict()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    got = _run(case)
    got["site_icp"] = got["site"]["icp"]
    for key, value in expected.items():
        assert got[key] == value, key
    for marker in CHROME:
        assert marker not in (got["body"] or ""), marker


def test_fixture_bytes_are_in_their_original_encoding() -> None:
    """The GBK and Big5 fixtures are not UTF-8 (a re-saved fixture would test nothing)."""
    for name in ("gbk-served-as-utf8", "old-table-layout", "big5-traditional"):
        with pytest.raises(UnicodeDecodeError):
            (FIXTURES / "extract" / name / "body.html").read_bytes().decode("utf-8")


def test_gbk_page_keeps_characters_outside_gb2312() -> None:
    got = _run(FIXTURES / "extract" / "gbk-served-as-utf8")
    assert "朱镕基" in got["title"]  # 镕 is GBK-only: a literal gb2312 decoder loses it
    assert got["charset"] == "gb18030"


def test_big5_hkscs_character_survives() -> None:
    assert "㗎" in _run(FIXTURES / "extract" / "big5-traditional")["body"]


def test_multi_page_article_lists_its_later_page() -> None:
    got = _run(FIXTURES / "extract" / "multi-page-1")
    assert got["next_pages"] == ["http://www.jcnews.cn/news/2024/0316/2001_2.html"]
    assert _run(FIXTURES / "extract" / "multi-page-2")["next_pages"] == []


def test_site_facts_are_moved_out_of_the_body() -> None:
    got = _run(FIXTURES / "extract" / "captions-editor-keywords")
    assert got["site"]["icp"] == "浙ICP备05012345号-2"
    assert got["site"]["police_record"] == "浙公网安备 33010202000456号"
    assert "联系电话：0571-88886666" in got["site"]["contact"]
    assert got["caption_images"][0] == "https://news.example.cn/uploads/2023/0627/a1.jpg"
    assert got["photographers"] == ["张伟"]
