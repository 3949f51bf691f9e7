"""Article records as the pipelines store them: built from extractions by the spider and by re-extraction."""

from __future__ import annotations

from typing import Any

from .extract import EXTRACTOR_VERSION
from .items import Article
from .urls import site_of


def article_item(article: Article, url: str, fetched_at: str, warc: tuple[str, int] | None = None) -> dict[str, Any]:
    """The storable dict of page 1 of an article."""
    item = article.to_dict()
    item["site_facts"] = item.pop("site")  # the record's "site" column is the URL's site key
    item.update(url=url, site=site_of(url), fetched_at=fetched_at, page_urls=[url],
                extractor_version=EXTRACTOR_VERSION, warc_records=[list(warc)] if warc else [])
    if warc:
        item["warc_file"], item["warc_offset"] = warc
    return item


def append_page(item: dict[str, Any], part: Article | None, url: str, warc: tuple[str, int] | None = None) -> None:
    """Stitch a later page onto the article (``part`` None: the page could not be fetched)."""
    if part is None or not part.body:
        item["flags"].append("missing_page")
        return
    item["body"] = "\n".join(filter(None, [item.get("body"), part.body]))
    for caption in part.captions:
        if caption.text not in item["captions"]:
            item["captions"].append(caption.text)
            item["caption_images"].append(caption.image)
    item["images"] += [i for i in part.images if i not in item["images"]]
    item["page_urls"].append(url)
    if warc:
        item["warc_records"].append(list(warc))
