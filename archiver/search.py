"""Chinese full-text search over the archive.

FTS5 has no Chinese word breaker, and the trigram tokenizer cannot serve 1-2
character words (经济) on the SQLite that ships with Python 3.11 (3.40). So each
article gets a shadow text for FTS5: simplified script (经济 finds 經濟 and the
reverse), half-width, case-folded, Han runs cut into overlapping bigrams, plus every
Han character on its own. A query is cut the same way into a phrase of bigrams; a
single character is one token. Snippets are cut from the original text.
"""

from __future__ import annotations

import re
import sqlite3
from operator import add
from dataclasses import dataclass
from typing import Any

from .exceptions import UsageError
from .text import fold, fold_literal

SNIPPET_CHARS = 40
MARK = ("[", "]")


_normalise = fold
# Overlapping Han bigrams (in order, so a query's bigrams match as a phrase), then every Han character
# (a single-character query is one exact token: 3-5x faster than a prefix query over the bigrams),
# then letter/digit words chunk by chunk. Tokens are separated by single spaces only, so FTS5's plain ``ascii``
# tokenizer can split them (17% faster than ``unicode61``, which re-classifies every character).
# (〇 and the supplementary planes too: Hong Kong text writes 嗰, and OpenCC maps some characters there)
_HAN_RUNS = re.compile(r"[\u3007\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+")
_LATIN = re.compile(r"[0-9a-z]+")
# Letters/digits joined by spaces or number/word punctuation ("19.1", "covid 19", "new-york"); Han or
# other text between them ends a chunk ("19个…1万" is two).
# (ASCII and the dashes, middle dots and full-width stops Chinese text writes: 2023—2024, 5·12, 3．5％)
_LATIN_CHUNK = re.compile(r"[0-9a-z]+(?:[.,:%/_+\s\u2010-\u2015\u2212\u00b7\u30fb\uff0e\uff05\uff0f\uff1a-]+[0-9a-z]+)*")
# A token no query can hold (an invisible separator), between the tokens of different Han runs and of
# different letter/digit chunks: "该公司，司法机关" must not match 公司法.
BREAK = " \u2063 "


def shadow(text: str | None, folded: str | None = None) -> str:
    """The FTS5 shadow of ``text`` (or of its ``fold()``, when already computed)."""
    if folded is None:
        if not text:
            return ""
        folded = fold(text)
    runs = _HAN_RUNS.findall(folded)
    bigrams = BREAK.join(" ".join(map(add, run, run[1:])) for run in runs if len(run) > 1)
    # Letters/digits chunk by chunk ("19.1" is 19 1), chunks apart: "19个…1万" must not match "19.1".
    latin = BREAK.join(" ".join(_LATIN.findall(chunk)) for chunk in _LATIN_CHUNK.findall(folded))
    return " ".join(filter(None, (bigrams, " ".join("".join(runs)), latin)))


def _phrases(chunk: str) -> tuple[list[str], list[str]]:
    """FTS5 phrases for one folded query word, and the terms that mark snippets."""
    phrases, terms = [], []
    for word in _HAN_RUNS.findall(chunk):
        terms.append(word)
        phrases.append('"' + (word if len(word) == 1 else " ".join(word[i : i + 2] for i in range(len(word) - 1))) + '"')
    for run in _LATIN_CHUNK.findall(chunk):  # "19.1", "covid-19": one phrase, as the shadow keeps them
        terms.append(run)
        phrases.append('"' + " ".join(_LATIN.findall(run)) + '"')
    return phrases, terms


COLUMN_FILTER = re.compile(r"(?i)^(title|body)[:：](.+)$")


def match_expression(query: str) -> tuple[str, list[str]]:
    """FTS5 MATCH expression for a user query, and the terms for snippets.

    Words separated by spaces must all match (each as a phrase); ``OR`` (upper case) between words
    gives alternatives; ``-word`` excludes from them all; ``title:word`` / ``body:word`` match in that field only.
    """
    alternatives: list[list[str]] = [[]]
    excluded: list[str] = []
    terms: list[str] = []
    for raw in query.split():
        if raw == "OR":
            if alternatives[-1]:
                alternatives.append([])
            continue
        exclude = raw.startswith("-") and len(raw) > 1
        raw = raw[1:] if exclude else raw
        column = COLUMN_FILTER.match(raw)
        text = column[2] if column else raw
        phrases, words = _phrases(_normalise(text))
        if not phrases:
            continue
        expression = " AND ".join(phrases)
        # OpenCC converts a character alone otherwise than in a word (乾 alone is 干, 乾隆 stays 乾隆):
        # the characters as written are an alternative, so a literal occurrence is found too.
        literal, literal_words = _phrases(fold_literal(text))
        if literal and literal != phrases:
            expression = f"(({expression}) OR ({' AND '.join(literal)}))"
            words += [w for w in literal_words if w not in words]
        if column:
            expression = f"{column[1].lower()} : ({expression})"
        if exclude:
            excluded.append(expression)
        else:
            alternatives[-1].append(expression)
            terms.extend(words)
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        if excluded:
            raise UsageError(f"{query!r}: a -word only excludes; give a word to search for beside it")
        raise UsageError(f"nothing to search for in {query!r}: give Chinese characters, letters or digits")
    wanted = " OR ".join("(" + " AND ".join(a) + ")" for a in alternatives)
    if excluded:
        wanted = (f"({wanted})" if len(alternatives) > 1 else wanted) + "".join(f" NOT ({e})" for e in excluded)
    return wanted, terms


def snippet(text: str | None, terms: list[str], width: int = SNIPPET_CHARS) -> str:
    """A window of ``text`` around the first term found, the term marked; the start of the text otherwise."""
    if not text:
        return ""
    flat = " ".join(text.split())
    norm = _normalise(flat)
    if len(norm) != len(flat):  # a conversion changed lengths: cut from the normalised form instead
        flat = norm
    for term in terms:
        at = norm.find(term)
        if at >= 0:
            start, end = max(0, at - width), min(len(flat), at + len(term) + width)
            return ("…" if start else "") + flat[start:at] + MARK[0] + flat[at : at + len(term)] + MARK[1] + \
                flat[at + len(term) : end] + ("…" if end < len(flat) else "")
    return flat[: 2 * width] + ("…" if len(flat) > 2 * width else "")


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result."""

    id: int
    url: str
    site: str | None
    title: str | None
    published: str | None
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"id": self.id, "url": self.url, "site": self.site, "title": self.title,
                "published": self.published, "snippet": self.snippet}


def article_filters(prefix: str = "", site: str | list[str] | None = None, since: str | None = None,
                    until: str | None = None) -> tuple[list[str], list[str]]:
    """SQL conditions and arguments for the site / since / until filters shared by search and export.

    ``site``: one site key, or the keys of one registry site."""
    where, args = [], []
    if isinstance(site, list):
        where.append(f"{prefix}site IN ({', '.join('?' * len(site))})")
        args.extend(site)
        site = None
    for condition, value in ((f"{prefix}site = ?", site), (f"{prefix}published >= ?", since),
                             (f"substr({prefix}published, 1, 10) <= ?", until)):
        if value:
            where.append(condition)
            args.append(value)
    return where, args


def search(conn: sqlite3.Connection, query: str, *, site: str | list[str] | None = None, since: str | None = None,
           until: str | None = None, limit: int = 20) -> list[Hit]:
    """Articles matching ``query`` in title or body, newest first."""
    expression, terms = match_expression(query)
    where, args = article_filters("p.", site, since, until)
    where, args = ["articles_fts MATCH ?", *where], [expression, *args]
    # Rank every match through the covering index (id, published, site); read only the winners' rows.
    ranked = (f"SELECT p.id FROM articles_fts JOIN articles p INDEXED BY articles_id_published "
              f"ON p.id = articles_fts.rowid WHERE {' AND '.join(where)} "
              f"ORDER BY p.published IS NULL, p.published DESC, p.id DESC LIMIT ?")
    try:
        ids = [r[0] for r in conn.execute(ranked, [*args, limit])]
    except sqlite3.OperationalError as exc:
        raise UsageError(f"search failed: {exc}") from exc
    rows = {r[0]: r for r in conn.execute(
        f"SELECT id, url, site, title, published, body FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)}
    return [Hit(id=r[0], url=r[1], site=r[2], title=r[3], published=r[4], snippet=snippet(r[5] or r[3], terms))
            for r in (rows[i] for i in ids)]
