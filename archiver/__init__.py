"""portal-archiver: crawl Chinese regional news portals into a clean SQLite archive."""

__version__ = "0.1.0"
