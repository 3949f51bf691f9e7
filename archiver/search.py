"""Chinese full-text search over the archive.

FTS5 has no Chinese word breaker, and the trigram tokenizer cannot serve 1-2
character words (经济) on the SQLite that ships with Python 3.11 (3.40). So each
article gets a shadow text for FTS5: simplified script (经济 finds 經濟 and the
reverse), half-width, case-folded, Han runs cut into overlapping bigrams, plus each
Han character it holds, once. A query is cut the same way into a phrase of bigrams; a
single character is one token. Snippets are cut from the original text.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

import numpy as np

from .exceptions import UsageError
from .text import fold, fold_literal

SNIPPET_CHARS = 40
MARK = ("[", "]")


_normalise = fold
# Overlapping Han bigrams (in order, so a query's bigrams match as a phrase), then each Han character
# the text holds, once (a single-character query is one exact token: 3-5x faster than a prefix query
# over the bigrams; once, because its position serves no phrase and a third of the tokens FTS5 indexes
# is enough), then letter/digit words chunk by chunk. Tokens are separated by single spaces only, so FTS5's
# plain ``ascii`` tokenizer can split them (17% faster than ``unicode61``, which re-classifies every character).
# (〇 and the supplementary planes too: Hong Kong text writes 嗰, and OpenCC maps some characters there)
_HAN_RUNS = re.compile(r"[\u3007\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+")
_HAN_RANGES = ((0x3007, 0x3007), (0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))  # as _HAN_RUNS
# Letters/digits joined by spaces or number/word punctuation ("19.1", "covid 19", "new-york"); Han or
# other text between them ends a chunk ("19个…1万" is two).
# (ASCII and the dashes, middle dots and full-width stops Chinese text writes: 2023—2024, 5·12, 3．5％)
_LATIN_CHUNK = re.compile(r"[0-9a-z]+(?:[.,:%/_+\s\u2010-\u2015\u2212\u00b7\u30fb\uff0e\uff05\uff0f\uff1a-]+[0-9a-z]+)*")
_NOT_LATIN = re.compile(r"[^0-9a-z\x01]+")  # inside chunks joined by \x01
# Letters and digits written together are words of their own: Mate finds Mate60, 5G is the phrase "5 g".
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")
# A token no query can hold (an invisible separator), between the tokens of different Han runs and of
# different letter/digit chunks: "该公司，司法机关" must not match 公司法.
BREAK = " \u2063 "
_SPACE, _INVISIBLE = 0x20, 0x2063


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype="<u4")


def _text(codepoints: np.ndarray) -> str:
    return codepoints.astype("<u4").tobytes().decode("utf-32-le")


def _han_tokens(folded: str) -> tuple[str, str]:
    """The bigram and the character parts of a shadow.

    Built on code point arrays (numpy) rather than per-character Python strings: a 1,700-character
    body takes ~30 us instead of ~300 us.
    """
    cp = _codepoints(folded)
    han = np.zeros(cp.size, dtype=bool)
    for low, high in _HAN_RANGES:
        han |= (cp >= low) & (cp <= high)
    starts = np.flatnonzero(han[:-1] & han[1:])  # a bigram starts where two Han characters meet
    bigrams = ""
    if starts.size:
        # Rows of 5 code points: the bigram, a space, then the BREAK's " \u2063" after a run's last bigram
        # (0 elsewhere, removed); the BREAK after the very last one is cut off.
        rows = np.zeros((starts.size, 5), dtype=np.uint32)
        rows[:, 0], rows[:, 1], rows[:, 2] = cp[starts], cp[starts + 1], _SPACE
        run_end = np.ones(starts.size, dtype=bool)
        run_end[:-1] = starts[1:] != starts[:-1] + 1
        rows[run_end, 3], rows[run_end, 4] = _INVISIBLE, _SPACE
        flat = rows.ravel()
        bigrams = _text(flat[flat != 0])[: -len(BREAK)]
    chars = np.sort(cp[han])
    chars = chars[np.concatenate(([True], chars[1:] != chars[:-1]))] if chars.size else chars
    spaced = np.full((chars.size, 2), _SPACE, dtype=np.uint32)
    spaced[:, 0] = chars
    return bigrams, _text(spaced.ravel())[:-1]


def _latin_words(chunks: str) -> str:
    """Letter/digit chunks (joined by \\x01) as space-separated words."""
    return _LETTER_DIGIT.sub(" ", _NOT_LATIN.sub(" ", chunks))


def shadow(text: str | None, folded: str | None = None) -> str:
    """The FTS5 shadow of ``text`` (or of its ``fold()``, when already computed)."""
    if folded is None:
        if not text:
            return ""
        folded = fold(text)
    bigrams, chars = _han_tokens(folded)
    # Letters/digits chunk by chunk ("19.1" is 19 1), chunks apart: "19个…1万" must not match "19.1".
    latin = _latin_words("\x01".join(_LATIN_CHUNK.findall(folded))).replace("\x01", BREAK)
    return " ".join(filter(None, (bigrams, chars, latin)))


def _phrases(chunk: str) -> tuple[list[str], list[str]]:
    """FTS5 phrases for one folded query word, and the terms that mark snippets."""
    phrases, terms = [], []
    for word in _HAN_RUNS.findall(chunk):
        terms.append(word)
        phrases.append('"' + (word if len(word) == 1 else " ".join(word[i : i + 2] for i in range(len(word) - 1))) + '"')
    for run in _LATIN_CHUNK.findall(chunk):  # "19.1", "covid-19": one phrase, as the shadow keeps them
        terms.append(run)
        phrases.append('"' + _latin_words(run) + '"')
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
