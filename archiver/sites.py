"""The site registry: portals as data (``data/sites.toml``), not code.

Each ``[[site]]`` entry names a portal, where to start, which hosts belong to it, optional URL
patterns (article / list / deny), selector and charset overrides for pages the generic extractor
gets wrong, politeness and a page budget. ``archiver crawl --site NAME`` crawls an entry.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .exceptions import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib
from .urls import site_of

DEFAULT_SITES_FILE = Path("data") / "sites.toml"
SELECTOR_KEYS = ("title", "body", "date")


@dataclass(frozen=True, slots=True)
class Site:
    """One portal of the registry."""

    name: str
    start_urls: tuple[str, ...]
    title: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    article_patterns: tuple[re.Pattern[str], ...] = ()
    list_patterns: tuple[re.Pattern[str], ...] = ()
    deny_patterns: tuple[re.Pattern[str], ...] = ()
    selectors: dict[str, str] = field(default_factory=dict)
    charset: str | None = None
    delay: float | None = None
    concurrency: int | None = None
    max_pages: int | None = None
    feeds: tuple[str, ...] = ()
    mirror_hosts: tuple[str, ...] = ()
    url_rewrites: tuple[tuple[re.Pattern[str], str], ...] = ()

    @property
    def keys(self) -> set[str]:
        """Site keys (host without www./m., with port) of its start URLs, allowed and mirror hosts."""
        return ({site_of(u) for u in self.start_urls}
                | {site_of("http://" + h) for h in (*self.allowed_hosts, *self.mirror_hosts)})

    def rewrite(self, url: str) -> str:
        """The URL this site's rules map ``url`` to (a mirror host's page to the main host's, …)."""
        for pattern, replacement in self.url_rewrites:
            url = pattern.sub(replacement, url, count=1)
        return url


def _patterns(entry: dict[str, Any], key: str, name: str) -> tuple[re.Pattern[str], ...]:
    try:
        return tuple(re.compile(p) for p in entry.get(key, []))
    except re.error as exc:
        raise UsageError(f"site {name!r}: bad regular expression in {key}: {exc}") from None


def parse_sites(text: str, origin: str = "sites.toml") -> dict[str, Site]:
    """Sites of a TOML text, by name; UsageError with a one-line reason when the file is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{origin}: {exc}") from None
    sites: dict[str, Site] = {}
    for entry in data.get("site", []):
        name = entry.get("name")
        if not name or not isinstance(name, str):
            raise UsageError(f"{origin}: every [[site]] needs a name")
        urls = entry.get("start_urls") or []
        if not urls or not all(isinstance(u, str) and u.startswith(("http://", "https://")) for u in urls):
            raise UsageError(f"{origin}: site {name!r} needs start_urls, a list of http(s) URLs")
        if name in sites:
            raise UsageError(f"{origin}: site {name!r} is defined twice")
        unknown = set(entry.get("selectors", {})) - set(SELECTOR_KEYS)
        if unknown:
            raise UsageError(f"{origin}: site {name!r}: unknown selector(s) {sorted(unknown)}; use {SELECTOR_KEYS}")
        sites[name] = Site(
            name=name, start_urls=tuple(urls), title=entry.get("title"),
            allowed_hosts=tuple(entry.get("allowed_hosts", [])),
            article_patterns=_patterns(entry, "article_patterns", name),
            list_patterns=_patterns(entry, "list_patterns", name),
            deny_patterns=_patterns(entry, "deny_patterns", name),
            selectors=dict(entry.get("selectors", {})), charset=entry.get("charset"),
            delay=entry.get("delay"), concurrency=entry.get("concurrency"), max_pages=entry.get("max_pages"),
            feeds=tuple(entry.get("feeds", [])), mirror_hosts=tuple(entry.get("mirror_hosts", [])),
            url_rewrites=_rewrites(entry, name, origin))
    return sites


def _rewrites(entry: dict[str, Any], name: str, origin: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """``mirror_hosts`` (same paths on another host: m., wap., www.) and ``url_rewrites`` ([pattern,
    replacement] pairs, Python regular expressions over the whole URL), in that order."""
    main = urlsplit(entry["start_urls"][0])
    rules = [(rf"^https?://{re.escape(host)}(?=[/?#]|$)", f"{main.scheme}://{main.netloc}")
             for host in entry.get("mirror_hosts", [])]
    for rule in entry.get("url_rewrites", []):
        if not (isinstance(rule, list) and len(rule) == 2 and all(isinstance(r, str) for r in rule)):
            raise UsageError(f"{origin}: site {name!r}: url_rewrites holds [pattern, replacement] pairs")
        rules.append((rule[0], rule[1]))
    try:
        return tuple((re.compile(p, re.I), r) for p, r in rules)
    except re.error as exc:
        raise UsageError(f"site {name!r}: bad regular expression in url_rewrites: {exc}") from None


def load_sites(path: str | Path | None = None) -> tuple[dict[str, Site], str]:
    """The registry at ``path`` (default ``data/sites.toml``, else the sample shipped with the package)."""
    if path is not None:
        try:
            return parse_sites(Path(path).read_text("utf-8"), str(path)), str(path)
        except OSError as exc:
            raise UsageError(f"cannot read site registry {path}: {exc.strerror}") from None
    if DEFAULT_SITES_FILE.is_file():
        return parse_sites(DEFAULT_SITES_FILE.read_text("utf-8"), str(DEFAULT_SITES_FILE)), str(DEFAULT_SITES_FILE)
    sample = resources.files("archiver").joinpath("sites.sample.toml")
    return parse_sites(sample.read_text("utf-8"), "archiver/sites.sample.toml"), "archiver/sites.sample.toml"


def pick(sites: dict[str, Site], names: list[str]) -> list[Site]:
    """The named sites; UsageError listing the known names for an unknown one."""
    unknown = [n for n in names if n not in sites]
    if unknown:
        raise UsageError(f"unknown site {unknown[0]!r}; known sites: {', '.join(sorted(sites)) or '(none)'}")
    return [sites[n] for n in names]
