"""Run the portal spider in this process and report the run (shared by `archiver crawl` and `archiver demo`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from .exceptions import UsageError
from .lock import ArchiveLock
from .store import Archive


def check_url(url: str) -> str:
    """The URL if it is an absolute http(s) URL with a host; else UsageError."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"not an http(s) URL: {url!r}")
    return url.strip()


def build_settings(db: Path, overrides: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    """Scrapy settings from archiver.settings plus command-line overrides (at "cmdline" priority)."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("archiver.settings", priority="project")
    settings.set("ARCHIVER_DB", str(db), priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(urls: Iterable[str], db: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Crawl ``urls`` into ``db``; returns the run's ``runs`` row plus the archive's article count."""
    from scrapy.crawler import CrawlerProcess

    urls = [check_url(u) for u in urls]
    if not urls:
        raise UsageError("no start URL given")
    with ArchiveLock(db):
        Archive(db).close()  # fail fast, before Scrapy starts, on a corrupt or unwritable archive
        settings = build_settings(db, overrides)
        process = CrawlerProcess(settings)
        crawler = process.create_crawler("portal")
        process.crawl(crawler, start_urls=urls)
        process.start()
    stats = crawler.stats.get_stats()
    archive = Archive(db)
    try:
        run_id = stats.get("archiver/run_id")
        run = archive.run(run_id) if run_id else {"status": "failed", "exit_code": 4, "reason": "archive not opened"}
        run["total_articles"] = archive.count()
        run["total_duplicates"] = archive.count("duplicates")
    finally:
        archive.close()
    run["db"] = str(db)
    return run


def summary(run: dict[str, Any]) -> str:
    """A short human summary of a run row."""
    return (
        f"run {run.get('id')}: {run.get('status')} ({run.get('reason')})\n"
        f"  pages fetched {run.get('pages_fetched') or 0}, articles new {run.get('articles_new') or 0}, "
        f"updated {run.get('articles_updated') or 0}, unchanged {run.get('articles_unchanged') or 0}, "
        f"duplicate {run.get('articles_duplicate') or 0}, dropped {run.get('dropped') or 0}, "
        f"errors {run.get('errors') or 0}\n"
        f"  archive {run['db']}: {run.get('total_articles')} articles, {run.get('total_duplicates')} linked copies"
    )
