"""`archiver report`: one self-contained HTML file with plots of what the archive holds (images inline)."""

from __future__ import annotations

import base64
import html
import io
import json
import sqlite3
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any

from .exceptions import UsageError

TOP_SITES = 8          # sites drawn one by one; the rest are summed as "other"
TOP_ORIGINS = 15       # syndication origins shown
HEALTH_FIELDS = ("date", "author", "captions", "repaired", "garbled")


def _figure(draw) -> str:  # type: ignore[no-untyped-def]
    """Run ``draw(ax)`` on a fresh figure; the PNG as a base64 data URI."""
    import matplotlib

    matplotlib.use("Agg")  # no display: files only
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 3.6), dpi=100)
    try:
        draw(ax)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
    finally:
        plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _no_data(ax, what: str) -> None:  # type: ignore[no-untyped-def]
    ax.text(0.5, 0.5, f"no {what} yet", ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


def articles_per_day(conn: sqlite3.Connection) -> tuple[str, str]:
    """Stacked bars: articles per published day, per site."""
    rows = conn.execute("SELECT substr(published, 1, 10) AS day, site, count(*) FROM articles "
                        "WHERE published IS NOT NULL GROUP BY day, site ORDER BY day").fetchall()
    totals: dict[str, int] = defaultdict(int)
    for _, site, n in rows:
        totals[site] += n
    top = [s for s, _ in sorted(totals.items(), key=lambda kv: -kv[1])[:TOP_SITES]]
    days = sorted({d for d, _, _ in rows})
    series: dict[str, list[int]] = {s: [0] * len(days) for s in [*top, "other"]}
    index = {d: i for i, d in enumerate(days)}
    for day, site, n in rows:
        series[site if site in top else "other"][index[day]] += n

    def draw(ax):  # type: ignore[no-untyped-def]
        if not days:
            return _no_data(ax, "dated articles")
        x = [datetime.fromisoformat(d) for d in days]
        bottom = [0] * len(days)
        for site, counts in series.items():
            if any(counts):
                ax.bar(x, counts, bottom=bottom, label=site, width=0.9)
                bottom = [b + c for b, c in zip(bottom, counts)]
        ax.set_ylabel("articles")
        ax.set_title("Articles per day (by publish date), per site")
        ax.legend(fontsize=7, ncol=3)
        ax.figure.autofmt_xdate()

    return _figure(draw), f"{sum(totals.values())} dated articles over {len(days)} days, {len(totals)} sites."


def extraction_health(conn: sqlite3.Connection) -> tuple[str, str]:
    """Share of records with a date, an author, captions, a repair or garbled text, per fetch day."""
    per_day: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, published, authors, captions, flags in conn.execute(
            "SELECT substr(fetched_at, 1, 10), published, authors, captions, flags FROM articles"):
        counts = per_day[day]
        counts["n"] += 1
        counts["date"] += published is not None
        counts["author"] += bool(json.loads(authors or "[]"))
        counts["captions"] += bool(json.loads(captions or "[]"))
        flag_list = json.loads(flags or "[]")
        counts["repaired"] += any(f in flag_list for f in ("mojibake_repaired", "pinyin_stripped"))
        counts["garbled"] += "garbled" in flag_list
    days = sorted(per_day)

    def draw(ax):  # type: ignore[no-untyped-def]
        if not days:
            return _no_data(ax, "articles")
        x = [datetime.fromisoformat(d) for d in days]
        for field in HEALTH_FIELDS:
            ax.plot(x, [per_day[d][field] / per_day[d]["n"] for d in days], marker="o", label=field)
        ax.set_ylim(-0.05, 1.05)
        ax.set_ylabel("share of records")
        ax.set_title("Extraction health per crawl day (a site redesign shows up as a drop)")
        ax.legend(fontsize=7, ncol=5)
        ax.figure.autofmt_xdate()

    return _figure(draw), f"{sum(c['n'] for c in per_day.values())} records over {len(days)} crawl days."


def syndication(conn: sqlite3.Connection) -> tuple[str, str]:
    """Top origins by how many copies link to them, and how many sites they spread to."""
    rows = conn.execute(
        "SELECT a.id, a.site, a.title, count(d.id), count(DISTINCT d.site) FROM duplicates d "
        "JOIN articles a ON a.id = d.article_id GROUP BY a.id ORDER BY count(d.id) DESC LIMIT ?",
        (TOP_ORIGINS,)).fetchall()

    def draw(ax):  # type: ignore[no-untyped-def]
        if not rows:
            return _no_data(ax, "syndicated copies")
        labels = [f"#{r[0]} {r[1]}" for r in rows][::-1]
        ax.barh(labels, [r[3] for r in rows][::-1], label="copies")
        ax.barh(labels, [r[4] for r in rows][::-1], height=0.4, label="sites reached")
        ax.set_xlabel("linked copies")
        ax.set_title("Top syndication origins and how far their stories spread")
        ax.legend(fontsize=7)

    table = "".join(f"<tr><td>#{r[0]}</td><td>{html.escape(r[1] or '')}</td><td>{html.escape(r[2] or '')}</td>"
                    f"<td>{r[3]}</td><td>{r[4]}</td></tr>" for r in rows)
    note = (f"<table><tr><th>id</th><th>site</th><th>title</th><th>copies</th><th>sites</th></tr>{table}</table>"
            if rows else "No syndicated copies linked yet.")
    return _figure(draw), note


def crawl_runs(conn: sqlite3.Connection) -> tuple[str, str]:
    """Pages, new articles and errors per run, with durations."""
    rows = conn.execute("SELECT id, started_at, finished_at, pages_fetched, articles_new, errors, status FROM runs "
                        "ORDER BY id").fetchall()

    def seconds(start: str | None, end: str | None) -> float:
        if not start or not end:
            return 0.0
        return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()

    def draw(ax):  # type: ignore[no-untyped-def]
        if not rows:
            return _no_data(ax, "crawl runs")
        ids = [str(r[0]) for r in rows]
        width = 0.27
        xs = range(len(rows))
        ax.bar([x - width for x in xs], [r[3] or 0 for r in rows], width, label="pages")
        ax.bar(list(xs), [r[4] or 0 for r in rows], width, label="new articles")
        ax.bar([x + width for x in xs], [r[5] or 0 for r in rows], width, label="errors")
        ax.set_xticks(list(xs), ids)
        ax.set_xlabel("run")
        ax2 = ax.twinx()
        ax2.plot(list(xs), [seconds(r[1], r[2]) for r in rows], color="black", marker="o", label="duration (s)")
        ax2.set_ylabel("seconds")
        ax.set_title("Crawl runs: pages, new articles, errors, duration")
        ax.legend(fontsize=7, loc="upper left")

    statuses = ", ".join(f"run {r[0]}: {r[6]}" for r in rows[-5:])
    return _figure(draw), f"{len(rows)} runs. Last: {statuses or 'none'}."


SECTIONS = (("per-day", "Articles per day", articles_per_day), ("health", "Extraction health", extraction_health),
            ("syndication", "Syndication", syndication), ("runs", "Crawl runs", crawl_runs))


def build_report(conn: sqlite3.Connection, db_name: str) -> str:
    """The whole report as one HTML document."""
    try:
        parts: list[Any] = [(key, title, *make(conn)) for key, title, make in SECTIONS]
    except ImportError as exc:
        raise UsageError("the report needs matplotlib: pip install 'portal-archiver[report]'") from exc
    stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    body = "".join(
        f'<section id="{key}"><h2>{html.escape(title)}</h2><figure class="plot" data-plot="{key}">'
        f'<img alt="{html.escape(title)}" src="{uri}"><figcaption>{note if key == "syndication" else html.escape(note)}'
        f"</figcaption></figure></section>" for key, title, uri, note in parts)
    return ("<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'><title>portal-archiver report</title>"
            "<style>body{font-family:sans-serif;max-width:960px;margin:2em auto}img{max-width:100%}"
            "table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #ccc;padding:2px 6px}</style>"
            f"</head><body><h1>What the archive holds</h1><p>{html.escape(db_name)}, {stamp}</p>{body}</body></html>")
