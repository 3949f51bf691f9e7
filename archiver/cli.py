"""The `archiver` command line."""

from __future__ import annotations

import json
import os
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


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@db_option
@click.option("--max-pages", type=click.IntRange(min=1), default=None, help="Stop after this many pages.")
@click.option("--max-depth", type=click.IntRange(min=0), default=None, help="Follow links this many hops deep.")
@click.option("-s", "--set", "sets", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy/archiver setting.")
@log_option
def crawl(urls: tuple[str, ...], db: Path | None, max_pages: int | None, max_depth: int | None,
          sets: tuple[str, ...], verbose: bool) -> None:
    """Crawl portals from their home or section URLs into the archive."""
    from .crawl import run_crawl, summary

    overrides: dict[str, Any] = {"LOG_LEVEL": "INFO" if verbose else "WARNING"}
    if max_pages:
        overrides["CLOSESPIDER_PAGECOUNT"] = max_pages
    if max_depth is not None:
        overrides["DEPTH_LIMIT"] = max_depth
    for item in sets:
        if "=" not in item:
            raise UsageError(f"-s expects NAME=VALUE, got {item!r}")
        key, value = item.split("=", 1)
        overrides[key.strip()] = value
    run = run_crawl(urls, db or default_db_path(), overrides)
    click.echo(summary(run))
    sys.exit(run.get("exit_code") or 0)


@cli.command()
@db_option
@log_option
def demo(db: Path | None, verbose: bool) -> None:
    """Serve the bundled sample portal on 127.0.0.1, crawl it, and query the result."""
    from .crawl import run_crawl, summary
    from .sample_portal import SamplePortal
    from .store import Archive

    db = db or default_db_path()
    with SamplePortal() as portal:
        click.echo(f"sample portal: {portal.main_url} (partner site {portal.partner_url})")
        # Our own loopback server: no politeness delay needed, same code path otherwise.
        run = run_crawl(portal.start_urls, db, {"LOG_LEVEL": "INFO" if verbose else "WARNING",
                                                 "AUTOTHROTTLE_START_DELAY": 0, "AUTOTHROTTLE_MAX_DELAY": 1,
                                                 "DOWNLOAD_DELAY": 0})
    click.echo(summary(run))
    archive = Archive(db)
    try:
        queries = [
            ("latest five articles", "SELECT published, site, title FROM articles ORDER BY published DESC LIMIT 5"),
            ("articles mentioning 经济 or 經濟, per site",
             "SELECT site, count(*) AS n FROM articles WHERE body LIKE '%经济%' OR body LIKE '%經濟%' GROUP BY site"),
        ]
        for label, sql in queries:
            click.echo(f"\n-- {label}\nsqlite3 {db} \"{sql}\"")
            for row in archive.db.execute(sql).fetchall():
                click.echo("  " + " | ".join(str(v) for v in row))
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
            for key in ("title", "byline", "authors", "source", "editor", "published", "keywords", "captions",
                        "site_name", "charset", "flags"):
                click.echo(f"{key:>10}: {record[key]}")
            click.echo(f"\n{record['body'] or '(no body: ' + ','.join(record['flags']) + ')'}\n")
    sys.exit(1 if failed else 0)


def main() -> None:
    """Entry point: one-line errors with documented exit codes, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("archiver: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(f"archiver: error: {exc.format_message()}", err=True)
        sys.exit(2)
    except ArchiverError as exc:
        click.echo(f"archiver: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # the last line of defence: one line, not a traceback
        if os.environ.get("ARCHIVER_DEBUG"):
            raise
        click.echo(f"archiver: error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
