"""URL helpers: article / list classification, canonical form, site of a URL."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Article URL shapes of Chinese portals (CMS families in comments).
ARTICLE_PATTERNS = [re.compile(p, re.I) for p in (
    r"/(19|20)\d{2}[-/_]?[01]\d[-/_]?[0-3]\d/[^/]*\d{2,}[^/]*\.s?html?$",     # /2023/0627/123.html, /20230627/abc123.html
    r"/(19|20)\d{2}[01]\d/[0-3]\d/[^/]*\d+[^/]*\.s?html?$",                  # /202306/27/123.html
    r"/content/(19|20)\d{2}-[01]\d/[0-3]\d/content_\d+\.html?$",              # /content/2023-06/27/content_123.htm (ENP)
    r"/t(19|20)\d{6}_\d+\.s?html?$",                                          # t20230627_123.html (TRS)
    r"/content_\d+\.s?html?$",                                                # content_123.htm
    r"/(art|article|detail|news|show|view|doc|a)[/_-]?\d{3,}\.s?html?$",
    r"/[^/]*\d{4,}[^/]*\.shtml$",                                             # .shtml with an id
    r"/\d{5,}\.s?html?$",                                                     # /123456.html
    r"[?&](id|aid|articleid|newsid|contentid|docid|article_id|news_id|itemid)=\d+",  # show.php?id=123
)]
LIST_PATTERNS = [re.compile(p, re.I) for p in (
    r"/$",
    r"/(index|list|default)(_\d+)?\.s?html?$",
    r"/(node|list|column|channel|category|class)[_/-]?\d*(_\d+)?\.s?html?$",
    r"[?&](page|p|pn|classid|catid|cid)=\d+$",
)]
# Pages that are neither (site information, login, search).
OTHER_PATTERNS = [re.compile(p, re.I) for p in (
    r"/(about|contact|aboutus|lxwm|gywm|copyright|sitemap|help|login|register|search|map)\w*(\.\w+)?$",
    r"\.(jpg|jpeg|png|gif|bmp|webp|svg|ico|pdf|docx?|xlsx?|pptx?|zip|rar|7z|gz|mp3|mp4|avi|flv|swf|exe|apk|css|js)$",
)]
# Pages that list articles by their URL (the path without its query): search results, tag pages, a column's
# directory, index or list page. Not "/" or "?p=" (WordPress serves posts there), and not a directory or
# index.html whose name is a slug ("/posts/weekly-20/index.html", "/2024/05/20/city-library/": posts).
LISTING_PATHS = [re.compile(p, re.I) for p in (
    r"/(search|so|tag|tags|topics?)(\.\w+|/[^/]*/?)?$",
    r"/[a-z_]+/$",                                   # a column's directory: /news/shehui/ (not /a/12345/)
    r"/[^/.-]+/(index|default)(_\d+)?\.\w+$",
    r"/\w*list\w*\.\w+$",
    r"/(node|column|channel|category|class|col)[_/-]?\w*(_\d+)?\.s?html?$",
)]
LISTING_QUERY = re.compile(r"(?:^|&)(q|query|keyword|keywords|kw|wd|tag|searchword)=", re.I)
PAGED_CONTINUATION = re.compile(r"_([2-9]|\d{2})\.s?html?$")
TRACKING_PARAMS = re.compile(r"^(utm_\w+|spm|from|share|share_from|source|src|fr|scene|isappinstalled|"
                             r"wfr|f|ref|refer|_t|timestamp|clicktime|enterid|winzoom|mpshare|sharer_\w+)$", re.I)


def classify_url(url: str) -> str:
    """"article", "list" or "other" by URL shape alone (page structure decides the rest)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if any(p.search(path) for p in OTHER_PATTERNS):
        return "other"
    if any(p.search(path) for p in LIST_PATTERNS):
        return "list"
    if any(p.search(path) for p in ARTICLE_PATTERNS):
        return "article"
    return "other"


def is_listing(url: str) -> bool:
    """True for a URL that by its shape lists articles: search, tag and column pages."""
    parts = urlsplit(url)
    if LISTING_QUERY.search(parts.query):
        return True
    return parts.path not in ("", "/") and not re.search(r"(19|20)\d{2}", parts.path) \
        and any(p.search(parts.path) for p in LISTING_PATHS)


def is_continuation(url: str) -> bool:
    """True for later pages of a split article (``123_2.html``)."""
    return classify_url(url) == "article" and bool(PAGED_CONTINUATION.search(urlsplit(url).path))


def canonical_url(url: str) -> str:
    """Lower-case scheme/host, no default port, no fragment, no tracking parameters, sorted query, no index.html."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = re.sub(r"/(index|default)\.(s?html?|php|asp)$", "/", parts.path or "/", flags=re.I)
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not TRACKING_PARAMS.match(k)))
    return urlunsplit((scheme, netloc, path, query, ""))


def site_of(url: str) -> str:
    """The site key of a URL: its host (with port when not default), lower-case, without "www."/"m."."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host = re.sub(r"^(www|m|wap)\.", "", host)
    if parts.port and (parts.scheme, parts.port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{parts.port}"
    return host
