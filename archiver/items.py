"""The article record produced by the extractor and stored by the pipelines."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True, kw_only=True)
class SiteFacts:
    """Facts about the publishing site found in page chrome (moved out of the article)."""

    name: str | None = None
    """Site name, from og:site_name or the <title> suffix."""
    icp: str | None = None
    """ICP licence number, e.g. "浙ICP备12345678号-1"."""
    police_record: str | None = None
    """公网安备 record, e.g. "浙公网安备 33010202000123号"."""
    copyright: str | None = None
    """The copyright line as shown."""
    contact: list[str] = field(default_factory=list)
    """Contact lines (phone, e-mail, QQ) as shown."""


@dataclass(slots=True, kw_only=True)
class Caption:
    """An image caption, tied to its image where there is one."""

    text: str
    image: str | None = None
    """Absolute image URL, or None for a caption line without an image."""


@dataclass(slots=True, kw_only=True)
class Article:
    """One extracted page. Missing values are None (or an empty list), never ""."""

    url: str | None = None
    title: str | None = None
    byline: str | None = None
    """The raw byline / info text the author names came from."""
    authors: list[str] = field(default_factory=list)
    """Person names of writers (记者, 作者, 文, 通讯员), role words removed."""
    photographers: list[str] = field(default_factory=list)
    """Photo credits (摄, 图)."""
    source: str | None = None
    """The 来源 outlet, e.g. "新华社"."""
    editor: str | None = None
    """The 责任编辑/编辑/责编 name."""
    published: str | None = None
    """ISO 8601, +08:00 when the page gives no zone; date only when the page gives no time."""
    published_raw: str | None = None
    """The date text as found."""
    body: str | None = None
    """Paragraphs separated by "\\n", in the page's own script."""
    body_simplified: str | None = None
    """The body in simplified script (for search); None when already simplified."""
    captions: list[Caption] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    lang: str | None = None
    script: str | None = None
    """"hans" or "hant" for Chinese text."""
    site_name: str | None = None
    site: SiteFacts = field(default_factory=SiteFacts)
    next_pages: list[str] = field(default_factory=list)
    """Absolute URLs of this article's later pages."""
    is_article: bool = True
    charset: str | None = None
    charset_source: str | None = None
    """How the charset was decided: bom, header, meta, detected, default, override."""
    flags: list[str] = field(default_factory=list)
    """Quality notes: pinyin_stripped, mojibake_repaired, garbled, no_date …"""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict; captions become their texts, with images under caption_images."""
        d = asdict(self)
        d["caption_images"] = [c.image for c in self.captions]
        d["captions"] = [c.text for c in self.captions]
        return d
