"""The `archiver` command line."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import sqlite3
import sys
import urllib.request
from pathlib import Path
from typing import Any

import click

from .exceptions import ArchiverError, UsageError
from .store import default_db_path

db_option = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                         help="Archive file (default: $ARCHIVER_DB or data/archive.db).")
log_option = click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log (INFO) instead of warnings only.")


@click.group()
@click.version_option(package_name="portal-archiver")
def cli() -> None:
    """Crawl Chinese regional news portals into a clean SQLite archive."""


sites_option = click.option("--sites", "sites_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
                            help="Site registry (default: data/sites.toml, else the bundled sample).")
DEMO_PORTS = (8765, 8766)  # fixed, so a second demo into the same archive is an incremental crawl
MAX_LIMIT = 1_000_000  # search/dups --limit: beyond what SQLite's integers and a terminal need
DURATION = re.compile(r"^(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>s|m|h|d)?$")


_FRACTIONAL = re.compile(r"DELAY|TIMEOUT|RATIO|DAYS|SECONDS|INTERVAL|TTL")  # whole-number defaults read as floats


def _typed_setting(key: str, value: str) -> Any:
    """A -s value checked against the type of the setting's default (a number must parse as one)."""
    from scrapy.settings import default_settings

    from . import settings as ours

    default = getattr(ours, key, getattr(default_settings, key, None))
    if isinstance(default, bool):
        if value.strip().lower() not in ("true", "false", "1", "0"):
            raise UsageError(f"-s {key} expects true or false, got {value!r}")
    elif isinstance(default, int) and not _FRACTIONAL.search(key):  # counts: Scrapy reads them with getint
        if not re.fullmatch(r"\s*-?\d+\s*", value):
            raise UsageError(f"-s {key} expects a whole number, got {value!r}")
    elif isinstance(default, (int, float)):
        try:
            if not math.isfinite(float(value)):
                raise ValueError
        except ValueError:
            raise UsageError(f"-s {key} expects a number, got {value!r}") from None
    return value


def _seconds(value: str | None) -> int | None:
    if value is None:
        return None
    m = DURATION.match(value.strip())
    if not m:
        raise UsageError(f"--time-limit expects a duration such as 90s, 30m or 2h, got {value!r}")
    return int(float(m["n"]) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[m["unit"] or "s"])


@cli.command()
@click.argument("urls", nargs=-1)
@db_option
@click.option("--site", "site_names", multiple=True, metavar="NAME", help="Crawl a registry site (repeatable).")
@click.option("--all-sites", is_flag=True, help="Crawl every site of the registry.")
@sites_option
@click.option("--max-pages", type=click.IntRange(min=1), default=None,
              help="Stop cleanly after about this many pages (requests in flight finish); the next run "
                   "resumes where this one stopped.")
@click.option("--max-depth", type=click.IntRange(min=0), default=None, help="Follow links this many hops deep.")
@click.option("--revisit", type=click.FloatRange(min=0), default=None, metavar="DAYS",
              help="Re-fetch archived articles published in the last DAYS days (edits, takedowns).")
@click.option("--time-limit", default=None, metavar="DURATION", help="Stop cleanly after e.g. 30m or 2h.")
@click.option("-q", "--quiet", is_flag=True, help="Errors only; no summary unless something failed.")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the log here.")
@click.option("-s", "--set", "sets", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy/archiver setting.")
@click.option("--redis", "redis_url", default=None, metavar="URL",
              help="Run as a worker sharing the frontier in Redis (redis://HOST:PORT/DB); `archiver ingest` stores.")
@click.option("--idle-timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="With --redis: exit when no work was queued anywhere for this long (default 30).")
@log_option
def crawl(urls: tuple[str, ...], db: Path | None, site_names: tuple[str, ...], all_sites: bool,
          sites_file: Path | None, max_pages: int | None, max_depth: int | None, revisit: float | None,
          time_limit: str | None, quiet: bool, log_file: Path | None, sets: tuple[str, ...], redis_url: str | None,
          idle_timeout: float | None, verbose: bool) -> None:
    """Crawl portals from their home or section URLs, or sites of the registry, into the archive.

    Exit codes: 0 ok, 1 finished with errors, 2 usage, 3 archive locked by another crawl, 4 storage failure.
    """
    from .crawl import run_crawl, summary
    from .sites import load_sites, pick

    names = list(site_names)
    slots: dict[str, dict[str, float]] = {}
    if names or all_sites:
        registry, _ = load_sites(sites_file)
        names = sorted(registry) if all_sites else names
        for site in pick(registry, names):
            slot = {k: v for k, v in (("delay", site.delay), ("concurrency", site.concurrency)) if v is not None}
            if slot:
                slots[site.name] = slot
    if not urls and not names:
        raise UsageError("give start URLs, --site NAME or --all-sites")
    overrides: dict[str, Any] = {"LOG_LEVEL": "INFO" if verbose else "ERROR" if quiet else "WARNING",
                                 "ARCHIVER_PROGRESS": not quiet}
    if sites_file:
        overrides["ARCHIVER_SITES_FILE"] = str(sites_file)
    if slots:
        overrides["DOWNLOAD_SLOTS"] = slots
    if max_pages:
        overrides["CLOSESPIDER_PAGECOUNT"] = max_pages
        overrides["CONCURRENT_REQUESTS"] = min(max_pages, 16)  # fewer in flight: less overshoot past the budget
    if max_depth is not None:
        overrides["DEPTH_LIMIT"] = max_depth
    if revisit is not None:
        overrides["ARCHIVER_REVISIT_DAYS"] = revisit
    if (limit := _seconds(time_limit)) is not None:
        overrides["CLOSESPIDER_TIMEOUT"] = limit
    if log_file:
        overrides["LOG_FILE"] = str(log_file)
    for item in sets:
        if "=" not in item:
            raise UsageError(f"-s expects NAME=VALUE, got {item!r}")
        key, value = item.split("=", 1)
        overrides[key.strip()] = _typed_setting(key.strip(), value)
    if redis_url:
        from .crawl import run_worker, worker_summary

        if idle_timeout is not None:
            overrides["ARCHIVER_REDIS_IDLE_TIMEOUT"] = idle_timeout
        report = run_worker(urls, redis_url, db or default_db_path(), overrides, sites=names)
        if not quiet or report.get("exit_code"):
            click.echo(worker_summary(report))
        sys.exit(report.get("exit_code") or 0)
    run = run_crawl(urls, db or default_db_path(), overrides, sites=names)
    if not quiet or run.get("exit_code"):
        click.echo(summary(run))
    sys.exit(run.get("exit_code") or 0)


@cli.command()
@click.option("--redis", "redis_url", required=True, metavar="URL", help="The workers' Redis (redis://HOST:PORT/DB).")
@db_option
@click.option("--idle-timeout", type=click.FloatRange(min=0), default=30.0, show_default=True, metavar="SECONDS",
              help="Exit when no worker is alive and nothing arrived for this long (0: run until stopped).")
@click.option("--prefix", default="archiver", show_default=True, help="Namespace of the crawl's Redis keys.")
@click.option("--worker-ttl", type=click.FloatRange(min=0.5), default=None, metavar="SECONDS",
              help="A worker silent this long is dead (as the workers' ARCHIVER_REDIS_WORKER_TTL; default 60).")
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Messages committed per transaction.")
@click.option("-q", "--quiet", is_flag=True, help="No summary unless something failed.")
def ingest(redis_url: str, db: Path | None, idle_timeout: float, prefix: str, worker_ttl: float | None,
           batch_size: int, quiet: bool) -> None:
    """Store what `archiver crawl --redis` workers found: the single writer of the archive and WARC files.

    Exit codes: 0 ok, 1 stopped by a signal, 3 archive locked, 4 storage or Redis failure.
    """
    import logging

    from .crawl import summary
    from .ingest import run_ingest
    from . import settings as defaults

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s")
    run = run_ingest(redis_url, db or default_db_path(), prefix=prefix, idle_timeout=idle_timeout,
                     worker_ttl=worker_ttl or defaults.ARCHIVER_REDIS_WORKER_TTL, batch_size=batch_size)
    if not quiet or run.get("exit_code"):
        click.echo(summary(run) + f"\n  worker reports received {run.get('workers_done', 0)}")
    sys.exit(run.get("exit_code") or 0)


@cli.command()
@db_option
@sites_option
def sites(db: Path | None, sites_file: Path | None) -> None:
    """List the registry's sites with their last crawl and article count."""
    from .sites import load_sites

    registry, origin = load_sites(sites_file)
    archived: dict[str, tuple[Any, Any]] = {}
    path = db or default_db_path()
    if db is not None or path.is_file():  # the same opening as the other read commands (read-only storage works too)
        archive = _open_existing(path, read_only=True)
        try:
            archived = {r[0]: (r[1], r[2]) for r in archive.db.conn.execute(
                "SELECT a.site, count(*), max(s.last_crawl) FROM articles a LEFT JOIN sites s ON s.site = a.site "
                "GROUP BY a.site")}
        finally:
            archive.close()
    click.echo(f"{origin}: {len(registry)} sites")
    for name, site in sorted(registry.items()):
        count = sum(archived.get(key, (0, None))[0] for key in site.keys)
        last = max((archived[k][1] for k in site.keys if k in archived and archived[k][1]), default=None)
        click.echo(f"  {name:<16} {_pad(site.title or '', 12)} {count:>7} articles  last crawl {last or 'never'}  "
                   f"{' '.join(site.start_urls)}")
    listed = {key for site in registry.values() for key in site.keys}
    others = sorted((key, n, last) for key, (n, last) in archived.items() if key not in listed)
    if others:  # crawled by URL, or dropped from the registry since
        click.echo(f"also in the archive: {len(others)} sites not in the registry")
        for key, n, last in others:
            click.echo(f"  {str(key):<29} {n:>7} articles  last crawl {last or 'unknown'}")


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Han character takes two)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


@cli.command()
@db_option
@log_option
def demo(db: Path | None, verbose: bool) -> None:
    """Serve the bundled sample portal on 127.0.0.1, crawl it, and query the result."""
    from .crawl import run_crawl, summary
    from .sample_portal import SamplePortal
    from .store import Archive

    db = db or default_db_path()
    with SamplePortal(DEMO_PORTS) as portal:
        click.echo(f"sample portal: {portal.main_url} (partner site {portal.partner_url})")
        if portal.ports is None:
            click.echo(f"  (ports {DEMO_PORTS} are taken: this run's URLs differ from earlier demo runs)")
        # Our own loopback server: no politeness delay needed, same code path otherwise.
        run = run_crawl(portal.start_urls, db, {"LOG_LEVEL": "INFO" if verbose else "WARNING",
                                                 "AUTOTHROTTLE_START_DELAY": 0, "AUTOTHROTTLE_MAX_DELAY": 1,
                                                 "DOWNLOAD_DELAY": 0})
    click.echo(summary(run))
    archive = Archive(db)
    try:
        sql = "SELECT published, site, title FROM articles ORDER BY published DESC LIMIT 5"
        click.echo(f"\n-- latest five articles\nsqlite3 {db} \"{sql}\"")
        for row in archive.db.execute(sql).fetchall():
            click.echo("  " + " | ".join(str(v) for v in row))
        from .search import search as run_search

        click.echo(f"\n-- Chinese search, traditional query finding simplified text too\narchiver search 經濟 --db {db} "
                   "--limit 3")
        for hit in run_search(archive.db.conn, "經濟", limit=3):
            click.echo(f"  {(hit.published or '')[:10]}  {hit.title}\n      {hit.snippet}")
    finally:
        archive.close()
    sys.exit(run.get("exit_code") or 0)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--jsonl", is_flag=True, help="One JSON object per input per line.")
@click.option("--url", "base_url", default=None, help="Page URL for saved files (resolves links, dates in URLs).")
def extract(inputs: tuple[str, ...], jsonl: bool, base_url: str | None) -> None:
    """Run the extractor on saved pages (raw bytes, any encoding) or URLs."""
    from .extract import extract as run_extract

    failed = 0
    for name in inputs:
        headers: dict[str, str] = {}
        url = base_url
        try:
            if name.startswith(("http://", "https://")):
                with urllib.request.urlopen(name, timeout=30) as resp:  # noqa: S310 (user-given URL)
                    data, headers, url = resp.read(), dict(resp.headers.items()), name
            else:
                data = Path(name).read_bytes()
        except (OSError, ValueError) as exc:
            click.echo(f"archiver: error: cannot read {name}: {exc}", err=True)
            failed += 1
            continue
        record = run_extract(data, url, headers).to_dict()
        record["input"] = name
        if jsonl:
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo(f"== {name}")
            for key in ("title", "is_article", "byline", "authors", "photographers", "source", "editor", "published",
                        "keywords", "captions", "site_name", "charset", "flags"):
                click.echo(f"{key:>13}: {record[key]}")
            click.echo(f"\n{record['body'] or '(no body: ' + ','.join(record['flags']) + ')'}\n")
    sys.exit(1 if failed else 0)


def _open_existing(db: Path | None, read_only: bool = False):  # type: ignore[no-untyped-def]
    """The archive at ``db``; ``read_only`` commands still work on a read-only file or folder."""
    from .exceptions import StorageError
    from .store import Archive, check_archive

    path = db or default_db_path()
    if not path.is_file():
        raise StorageError(f"no archive at {path} (crawl first, or give --db)")
    check_archive(path)  # a read command never turns another file into an archive
    try:
        return Archive(path)
    except StorageError:
        if not read_only or os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
            raise
        return Archive(path, read_only=True)


def _check_out(out: Path, db: Path | None) -> None:
    """--out must not name the archive, its side files or its raw captures: writing there destroys them."""
    archive = (db or default_db_path()).resolve()
    target = out.resolve()
    kept = {archive, *(archive.with_name(archive.name + suffix) for suffix in ("-wal", "-shm", "-journal", ".lock"))}
    same_file = target.exists() and any(  # a hard link to one of them is the same file under another name
        p.exists() and os.path.samefile(target, p) for p in kept)
    if target in kept or same_file or target.is_relative_to(archive.parent / "warc") or target.is_relative_to(
            archive.parent / "jobs"):
        raise UsageError(f"--out {out}: that is the archive's own data; write somewhere else")


def _site_keys(conn, site: str | None, sites_file: Path | None) -> list[str] | None:  # type: ignore[no-untyped-def]
    """--site as the archive's site keys: a key ("www." and case ignored) or a registry name; unknown: exit 2."""
    from .sites import load_sites
    from .urls import site_of

    if site is None:
        return None
    held = {r[0] for r in conn.execute("SELECT DISTINCT site FROM articles") if r[0]}
    key = site_of(site.strip() if "://" in site else f"http://{site.strip()}")
    if key in held:
        return [key]
    try:
        registry, _ = load_sites(sites_file)
    except UsageError:
        registry = {}
    if site in registry:
        return sorted(registry[site].keys)
    known = ", ".join(sorted(held)[:12]) + (" …" if len(held) > 12 else "")
    raise UsageError(f"--site {site}: no such site in the archive or the registry (the archive holds: {known or 'none'})")


def _check_day(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        dt.date.fromisoformat(value)  # a real calendar day: not 2024-02-30
    except ValueError:
        raise UsageError(f"{name} expects a calendar date as YYYY-MM-DD, got {value!r}") from None
    return value


@cli.command()
@click.argument("query")
@db_option
@click.option("--site", default=None, help="Only this site: a site key (host, as in the site column) or a registry name.")
@sites_option
@click.option("--since", default=None, help="Published on or after YYYY-MM-DD.")
@click.option("--until", default=None, help="Published on or before YYYY-MM-DD.")
@click.option("--limit", type=click.IntRange(min=1, max=MAX_LIMIT), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
def search(query: str, db: Path | None, site: str | None, sites_file: Path | None, since: str | None,
           until: str | None, limit: int, as_json: bool) -> None:
    """Full-text search of titles and bodies, newest first (2-character words, either script)."""
    from .search import search as run_search

    archive = _open_existing(db, read_only=True)
    try:
        keys = _site_keys(archive.db.conn, site, sites_file)
        hits = run_search(archive.db.conn, query, site=keys, since=_check_day(since, "--since"),
                          until=_check_day(until, "--until"), limit=limit)
    finally:
        archive.close()
    for hit in hits:
        if as_json:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
        else:
            click.echo(f"{(hit.published or '')[:16]:16}  {hit.title}\n    {hit.url}\n    {hit.snippet}")
    if not as_json:
        click.echo(f"{len(hits)} hit(s)" + (f" (the newest {limit}: --limit for more)" if len(hits) == limit else ""))


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(db: Path | None, as_json: bool) -> None:
    """Per-site counts, articles per day, duplicate share, gone articles, last runs."""
    from .queries import stats as read_stats

    archive = _open_existing(db, read_only=True)
    try:
        figures = read_stats(archive.db.conn)
    finally:
        archive.close()
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=1))
        return
    click.echo(f"articles {figures['articles']}, linked copies {figures['linked_copies']} "
               f"(duplicate share {figures['duplicate_share']:.1%}), gone {figures['gone']}")
    for row in figures["sites"]:
        click.echo(f"  {row['articles']:>7}  {row['site']}  {row['name'] or ''}")
    recent = [row for row in figures["per_day"] if row["articles"]]
    click.echo(f"published in the last 30 days: {sum(row['articles'] for row in recent)}"
               + (f" (busiest day {max(recent, key=lambda r: r['articles'])['day']})" if recent else ""))
    for row in recent:
        click.echo(f"  {row['day']}  {row['articles']:>5}")
    for row in figures["runs"]:
        click.echo(f"  run {row['id']}: {row['status']}, {row['pages']} pages, {row['new']} new, "
                   f"{row['errors']} errors, {row['started_at']}")


@cli.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1, max=MAX_LIMIT), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def dups(db: Path | None, limit: int, as_json: bool) -> None:
    """Syndication clusters: origin articles and their linked copies."""
    from .queries import clusters

    archive = _open_existing(db, read_only=True)
    try:
        found = clusters(archive.db.conn, limit)
    finally:
        archive.close()
    for cluster in found:
        if as_json:
            click.echo(json.dumps(cluster, ensure_ascii=False))
            continue
        click.echo(f"{cluster['title']}  ({cluster['published']})\n  origin {cluster['url']}")
        for copy in cluster["copies"]:
            click.echo(f"  copy   {copy['url']}  similarity {copy['similarity']:.2f}")


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--site", default=None, help="Only this site: a site key (host, as in the site column) or a registry name.")
@sites_option
@click.option("--since", default=None, help="Published on or after YYYY-MM-DD.")
@click.option("--out", required=True, help="Output file, or - for standard output (jsonl, csv).")
def export(db: Path | None, fmt: str, site: str | None, sites_file: Path | None, since: str | None, out: str) -> None:
    """Stream articles to a file in constant memory."""
    from .queries import export as run_export

    since = _check_day(since, "--since")
    if out == "-" and fmt == "parquet":
        raise UsageError("parquet cannot stream to standard output: give --out FILE")
    target = Path(out)
    if out != "-" and (target.is_dir() or not target.parent.is_dir()):
        raise UsageError(f"--out {out}: {'is a folder' if target.is_dir() else 'its folder does not exist'}")
    if out != "-":
        _check_out(target, db)
    archive = _open_existing(db, read_only=True)
    # Written beside the target and renamed at the end: a failed export never clobbers an earlier file.
    # A pipe, a device or a symlink is written through as it is (a rename would replace it).
    special = out == "-" or target.is_symlink() or (target.exists() and not target.is_file())
    partial = out if special else str(target.with_name(f".{target.name}.partial"))
    try:
        try:
            n = run_export(archive.db.conn, fmt, partial, site=_site_keys(archive.db.conn, site, sites_file), since=since)
        except BrokenPipeError:  # `archiver export --out - | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
            sys.exit(0)
        if partial != out:
            os.replace(partial, target)
    finally:
        archive.close()
        if partial != out and os.path.exists(partial):
            os.unlink(partial)
    click.echo(f"{n} articles written to {out}", err=out == "-")


@cli.command()
@db_option
@click.option("--since", default=None, help="Only articles fetched on or after YYYY-MM-DD.")
@click.option("--warc-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="WARC folder (default: the warc folder beside the archive).")
def reextract(db: Path | None, since: str | None, warc_dir: Path | None) -> None:
    """Re-run the current extractor over the stored raw pages (no network) and update changed rows."""
    from .reextract import reextract as run_reextract

    since = _check_day(since, "--since")
    if warc_dir is not None and not warc_dir.is_dir():
        raise UsageError(f"--warc-dir {warc_dir}: no such folder")
    archive = _open_existing(db)
    try:
        counts = run_reextract(archive, warc_dir or archive.path.parent / "warc", since)
    finally:
        archive.close()
    click.echo(f"re-extracted {counts['seen']} articles: {counts['changed']} changed, "
               f"{counts['missing']} without a readable WARC record")
    sys.exit(1 if counts["missing"] else 0)


@cli.command()
@db_option
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="HTML file to write.")
def report(db: Path | None, out: Path) -> None:
    """Write one self-contained HTML report with plots of what the archive holds."""
    from .report import build_report

    _check_out(out, db)
    archive = _open_existing(db, read_only=True)
    try:
        page = build_report(archive.db.conn, str(archive.path))
    finally:
        archive.close()
    if out.is_symlink() or (out.exists() and not out.is_file()):
        out.write_text(page, "utf-8")  # a symlink, pipe or device is written through, as export does
    else:
        side = out.with_name(f".{out.name}.partial")  # renamed over the target: a failed write keeps an older one
        try:
            side.write_text(page, "utf-8")
            os.replace(side, out)
        finally:
            side.unlink(missing_ok=True)
    click.echo(f"report written to {out} ({len(page) // 1024} KB)")


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
def serve(db: Path | None, host: str, port: int) -> None:
    """Browse the archive in Datasette (read-only), with Chinese search: pip install 'portal-archiver[serve]'."""
    from .serve import serve as run_serve

    archive = _open_existing(db, read_only=True)  # upgrades the schema if it can, before Datasette opens it
    path = archive.path
    archive.close()
    sys.exit(run_serve(path, host, port))


def _exit_now(code: int) -> None:
    """Exit with ``code`` after a handled Ctrl-C. (A KeyboardInterrupt that arrives while modules are being
    imported can leave CPython believing it went unhandled: sys.exit(130) then ends in the process killing
    itself with SIGINT, exit -2, about one start-up Ctrl-C in twenty.) Every ``finally`` has run by now."""
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def main() -> None:
    """Entry point: one-line errors with documented exit codes, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("archiver: interrupted", err=True)
        _exit_now(130)
    except click.ClickException as exc:
        click.echo(f"archiver: error: {exc.format_message()}", err=True)
        sys.exit(2)
    except ArchiverError as exc:
        click.echo(f"archiver: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except sqlite3.DatabaseError as exc:  # damaged, locked or unwritable archive: a storage failure
        click.echo(f"archiver: error: archive: {exc}", err=True)
        sys.exit(4)
    except OSError as exc:
        click.echo(f"archiver: error: {exc}", err=True)
        sys.exit(4)
    except Exception as exc:  # the last line of defence: one line, not a traceback
        if os.environ.get("ARCHIVER_DEBUG"):
            raise
        click.echo(f"archiver: error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
