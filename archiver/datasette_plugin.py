"""Datasette plugin for `archiver serve`: Chinese search that behaves like `archiver search`, readable
article bodies, and the raw captured page of each article (served as text, never executed)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from .encoding import decode
from .exceptions import UsageError
from .search import match_expression, snippet
from .warc import read_response

NO_MATCH = '"\u0001"'  # a token no shadow holds: an empty or unsearchable query matches nothing


def archiver_match(query: str | None) -> str:
    """FTS5 expression for a user query (SQL function ``archiver_match``)."""
    try:
        return match_expression(query or "")[0]
    except UsageError:
        return NO_MATCH


def archiver_snippet(body: str | None, query: str | None) -> str:
    """The body around the first hit, the hit in [brackets] (SQL function ``archiver_snippet``)."""
    try:
        terms = match_expression(query or "")[1]
    except UsageError:
        terms = []
    return snippet(body, terms)


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("archiver_match", 1, archiver_match, deterministic=True)
    conn.create_function("archiver_snippet", 2, archiver_snippet, deterministic=True)


@hookimpl
def render_cell(row, value, column, table, database, datasette):  # type: ignore[no-untyped-def]
    if table != "articles":
        return None
    if column == "body" and isinstance(value, str):
        return Markup("".join(f"<p>{escape(line)}</p>" for line in value.split("\n")))
    if column == "warc_file" and value and "id" in row.keys():
        return Markup(f'<a href="/-/archiver/raw/{database}/{int(row["id"])}">{escape(value)}</a>')
    return None


async def raw_capture(request, datasette):  # type: ignore[no-untyped-def]
    """The captured response of an article's first page, as plain text (scripts in it never run here)."""
    name, article_id = request.url_vars["database"], int(request.url_vars["id"])
    db = datasette.get_database(name)
    rows = (await db.execute("SELECT warc_file, warc_offset FROM articles WHERE id = ?", [article_id])).rows
    if not rows or not rows[0][0] or db.path is None:
        return Response.text("no raw capture for this article", status=404)
    try:
        url, headers, body = read_response(Path(db.path).parent / "warc" / rows[0][0], rows[0][1])
    except (OSError, ValueError) as exc:
        return Response.text(f"raw capture unreadable: {exc}", status=404)
    head = f"{url}\n" + "".join(f"{k}: {v}\n" for k, v in headers.items()) + "\n"
    # Decoded as the extractor decodes it (a GBK page declared as UTF-8 reads right), served as UTF-8.
    return Response.text(head + decode(body, headers).text)


@hookimpl
def register_routes():  # type: ignore[no-untyped-def]
    return [(r"^/-/archiver/raw/(?P<database>[^/]+)/(?P<id>\d+)$", raw_capture)]
