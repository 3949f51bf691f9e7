"""Crawl logging: one line per problem on the terminal, tracebacks only when debugging."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter


class QuietLogFormatter(LogFormatter):
    """Scrapy's log formatter, except that a dropped item is a DEBUG line without the item's fields.

    Drops are expected (a second route to a stored page, a list page that is not an article) and are
    counted in the run summary; Scrapy's default logs each at WARNING with the whole item (~2 KB).
    """

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any = None) -> dict[str, Any]:
        return {"level": logging.DEBUG, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}


class _OneLine(logging.Filter):
    """Drops the traceback from a record (the message itself names the URL and the error)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


def one_line_errors() -> None:
    """Strip tracebacks from what the root logger's handlers print (Scrapy logs download errors with them)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _OneLine) for f in handler.filters):
            handler.addFilter(_OneLine())
