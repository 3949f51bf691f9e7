"""The project's small error vocabulary."""

from __future__ import annotations


class ArchiverError(Exception):
    """Base class: a failure the CLI reports as one line with an exit code."""

    exit_code = 1


class UsageError(ArchiverError):
    """Bad command-line input (unknown site, malformed URL, bad date)."""

    exit_code = 2


class LockedError(ArchiverError):
    """Another crawl holds the archive's lock."""

    exit_code = 3


class StorageError(ArchiverError):
    """The archive cannot be opened or written (corrupt, locked, full disk)."""

    exit_code = 4


class NotAnArticle(Exception):
    """The page is a list, index or utility page, not an article."""
