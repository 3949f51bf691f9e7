"""Run the portal spider in this process and report the run (shared by `archiver crawl` and `archiver demo`)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from .exceptions import UsageError
from .lock import ArchiveLock
from .logs import one_line_errors
from .store import Archive, check_archive


def check_url(url: str) -> str:
    """The URL if it is an absolute http(s) URL with a host; else UsageError."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:  # "http://[::1": an unbalanced IPv6 bracket
        raise UsageError(f"not an http(s) URL: {url!r}") from None
    if parts.scheme not in ("http", "https") or not host:
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


def run_crawl(urls: Iterable[str], db: Path, overrides: dict[str, Any] | None = None,
              sites: Iterable[str] | None = None) -> dict[str, Any]:
    """Crawl ``urls`` and registry ``sites`` into ``db``; returns the ``runs`` row plus the archive's counts."""
    urls = [check_url(u) for u in urls]
    if not urls and not sites:
        raise UsageError("no start URL or site given")
    if db.is_file() and db.stat().st_size:
        check_archive(db)  # before the lock file is made beside another program's database
    with ArchiveLock(db):
        Archive(db).close()  # fail fast, before Scrapy starts, on a corrupt or unwritable archive
        settings = build_settings(db, overrides)
        # Pending requests live on disk beside the archive: a killed or budget-stopped crawl resumes
        # there when the same command runs again. Only a crawl that ran to its end clears them.
        jobdir = Path(settings.get("JOBDIR") or db.parent / "jobs" / db.name)
        settings.set("JOBDIR", str(jobdir), priority="cmdline")
        if jobdir.exists() and not (jobdir / "requests.queue" / "active.json").exists():
            # Scrapy saves its queue's index only on a clean stop: after kill -9 the files are unusable.
            shutil.rmtree(jobdir, ignore_errors=True)
        interrupted = close_interrupted_runs(db)
        if jobdir.exists() and (budget_run := budget_stopped_start_urls(db)) is not None:
            # The saved queue continues a crawl that stopped cleanly at its page or time budget (all it
            # fetched is stored): seeding its start pages again would put them, and the lists they link,
            # ahead of that queue, and budget-limited runs would never get past them. Start pages that
            # run did not have are seeded. After a failure or an interrupt every start page is seeded
            # again: what was fetched but not stored is found anew.
            settings.set("ARCHIVER_RESUMED_START_URLS", budget_run, priority="cmdline")
        resumed = interrupted or jobdir.exists()
        if resumed:
            # Finish the interrupted crawl whole: known articles are skipped, but lists are paged to
            # the end even where a page brings nothing new, so what the dead run had queued is found again.
            settings.set("ARCHIVER_STOP_PAGINATION_WHEN_NOTHING_NEW", False, priority="cmdline")
        process, crawler = _crawl_in_this_process(settings, urls, sites)
        store = getattr(crawler, "archiver_store", None)
        if store is not None and store.salvage():  # a second Ctrl-C stopped Scrapy before the spider closed
            crawler.stats.set_value("finish_reason", "forced_shutdown")
        stats = crawler.stats.get_stats()
        if stats.get("finish_reason") == "finished" and not stats.get("archiver/storage_error"):
            shutil.rmtree(jobdir, ignore_errors=True)
    archive = Archive(db)
    try:
        run_id = stats.get("archiver/run_id")
        if run_id:
            run = archive.run(run_id)
        elif process.interrupted:  # Ctrl-C before the spider opened the archive
            run = {"status": "interrupted", "exit_code": 130, "reason": "interrupted before the crawl started"}
        else:
            run = {"status": "failed", "exit_code": 4, "reason": "archive not opened"}
        if run.get("status") == "running":  # the run could not be recorded (a full disk): say what happened
            run.update(status="failed", exit_code=stats.get("archiver/exit_code") or 4,
                       reason=stats.get("archiver/storage_error") or "the run could not be recorded")
        run["total_articles"] = archive.count()
        run["total_duplicates"] = archive.count("duplicates")
    finally:
        archive.close()
    run["db"] = str(db)
    run["resumed"] = resumed
    run["paused"] = sorted(k.split("/", 2)[2] for k in stats if k.startswith("archiver/paused/"))
    run["per_site"] = {k.split("/")[2]: v for k, v in stats.items() if k.startswith("archiver/site/") and
                       k.endswith("/pages")}
    return run


def run_worker(urls: Iterable[str], redis_url: str, db: Path, overrides: dict[str, Any] | None = None,
               sites: Iterable[str] | None = None) -> dict[str, Any]:
    """Crawl as one of several workers sharing a Redis frontier; records go to Redis, not to ``db``.

    ``db`` is only read (if it exists here) to skip articles the archive already holds.
    """
    from .distributed import connect, worker_settings

    urls = [check_url(u) for u in urls]
    if not urls and not sites:
        raise UsageError("no start URL or site given")
    connect(redis_url).close()  # fail fast, with one line, when Redis is not there
    settings = build_settings(db, overrides)
    for key, value in worker_settings(redis_url, settings).items():
        settings.set(key, value, priority="cmdline")
    _, crawler = _crawl_in_this_process(settings, urls, sites)
    stats = crawler.stats.get_stats()
    report = dict(stats.get("archiver/worker_report") or {"status": "failed", "reason": "worker did not start"})
    report["exit_code"] = stats.get("archiver/exit_code", 4 if stats.get("archiver/storage_error") else 1)
    report["reclaimed"] = stats.get("archiver/redis/reclaimed", 0)
    return report


def worker_summary(report: dict[str, Any]) -> str:
    """A short human summary of a worker's run."""
    return (f"worker: {report.get('status')} ({report.get('reason')})\n"
            f"  pages fetched {report.get('pages', 0)}, records pushed {report.get('records', 0)}, "
            f"errors {report.get('errors', 0)}, requeued from dead workers {report.get('reclaimed', 0)}")


BUDGET_STOPS = ("closespider_pagecount", "closespider_timeout")


def budget_stopped_start_urls(db: Path) -> str | None:
    """The start URLs (JSON) of the archive's last run if it ended cleanly at its --max-pages or
    --time-limit budget; None otherwise."""
    archive = Archive(db)
    try:
        row = archive.db.conn.execute(
            "SELECT status, reason, start_urls FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        archive.close()
    return row[2] or "[]" if row and row[0] == "ok" and row[1] in BUDGET_STOPS else None


def _crawl_in_this_process(settings, urls: list[str], sites: Iterable[str] | None):  # type: ignore[no-untyped-def]
    """Run the portal spider to its end; returns (process, crawler) for the caller's report."""
    process = _interruptible_process(settings)
    process.hold_interrupts()
    crawler = process.create_crawler("portal")
    process.crawl(crawler, start_urls=list(urls), sites=list(sites or []))
    if settings.get("LOG_LEVEL") != "DEBUG":
        one_line_errors()  # after crawl(): the crawler installs its own root log handler there
    process.start()
    return process, crawler


def _interruptible_process(settings):  # type: ignore[no-untyped-def]
    """A CrawlerProcess (imported late: Scrapy is slow to import) that notes interrupts."""
    from scrapy.crawler import CrawlerProcess

    class Process(CrawlerProcess):
        """Scrapy's process, noting an interrupt; one that comes while the reactor starts waits for
        Scrapy's handlers (Python's default would raise KeyboardInterrupt inside the reactor)."""

        interrupted = False

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.early: list[int] = []  # signals that came before Scrapy's handlers were installed

        def hold_interrupts(self) -> None:
            """Until Scrapy's handlers are in place, note SIGINT/SIGTERM instead of raising KeyboardInterrupt."""
            import signal

            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda n, _: self.early.append(n))

        def start(self, *args: Any, **kwargs: Any) -> None:
            from twisted.internet import reactor

            self.hold_interrupts()
            # runs after Scrapy's own "after startup" trigger has installed its handlers
            reactor.addSystemEventTrigger("after", "startup",
                                          lambda: self.early and self._signal_shutdown(self.early[0], None))
            super().start(*args, **kwargs)
            self.hold_interrupts()  # the crawl is over: a late Ctrl-C must not cut the run's report short
            self.interrupted = self.interrupted or bool(self.early)

        def _signal_shutdown(self, signum: int, frame: Any) -> None:
            self.interrupted = True
            super()._signal_shutdown(signum, frame)

        def _signal_kill(self, signum: int, frame: Any) -> None:
            self.interrupted = True
            super()._signal_kill(signum, frame)

    return Process(settings)


def close_interrupted_runs(db: Path) -> bool:
    """Mark runs left "running" by a dead crawl as interrupted (we hold the lock); True if there were any."""
    archive = Archive(db)
    try:
        with archive.db.conn:
            cur = archive.db.conn.execute(
                "UPDATE runs SET status = 'interrupted', reason = 'process died' WHERE status = 'running'")
        return cur.rowcount > 0
    finally:
        archive.close()


def summary(run: dict[str, Any]) -> str:
    """A short human summary of a run row."""
    return (
        f"run {run.get('id')}: {run.get('status')} ({run.get('reason')})\n"
        f"  pages fetched {run.get('pages_fetched') or 0}, articles new {run.get('articles_new') or 0}, "
        f"updated {run.get('articles_updated') or 0}, unchanged {run.get('articles_unchanged') or 0}, "
        f"duplicate {run.get('articles_duplicate') or 0}, dropped {run.get('dropped') or 0}, "
        f"errors {run.get('errors') or 0}\n"
        f"  archive {run['db']}: {run.get('total_articles')} articles, {run.get('total_duplicates')} linked copies"
        + ("\n  resumed an interrupted crawl" if run.get("resumed") else "")
        + "".join(f"\n  {site}: {n} pages" for site, n in sorted(run.get("per_site", {}).items()))
        + "".join(f"\n  paused {site}: it kept answering 403" for site in run.get("paused", []))
    )
