"""How fast FTS5 alone indexes the benchmark's articles, layout by layout: the ceiling of insert speed.

What is measured (one run, temporary SQLite files, no network)
    ``--articles`` N generated articles from ``bench/storage.py`` (default 10,000), their search shadows
    built untimed. Each layout is a fresh FTS5 table filled in transactions of 500 rows through
    ``executemany`` (no article table, no MinHash, no Python between rows): articles/s = N / time.
    Layouts: the archive's (contentless, ascii tokenizer over the bigram shadow, 32 MB token buffer) and
    the ones it was chosen against; FTS5's own trigram tokenizer over the folded bodies; unicode61
    over the folded bodies, which indexes whole runs of Chinese as single tokens (useless for search:
    a ceiling for any tokenizer that reads the text).

Run (from the repository root, venv active)
    python bench/fts_layouts.py
    python bench/fts_layouts.py --articles 20000
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from storage import make_article  # noqa: E402  (the benchmark corpus)

from archiver.search import shadow  # noqa: E402
from archiver.text import fold  # noqa: E402

BATCH = 500
LAYOUTS = [  # (label, table options, settings, text: "shadow" or "body")
    ("shadows, content stored (before session 7)", "tokenize = 'ascii'", [("automerge", 8)], "shadow"),
    ("shadows, contentless", "tokenize = 'ascii', content = ''", [("automerge", 8)], "shadow"),
    ("shadows, contentless, 32 MB token buffer (the archive's)", "tokenize = 'ascii', content = ''",
     [("automerge", 8), ("hashsize", 32 * 1024 * 1024)], "shadow"),
    ("shadows, contentless, detail=none (no phrase search)", "tokenize = 'ascii', content = '', detail = none",
     [("automerge", 8), ("hashsize", 32 * 1024 * 1024)], "shadow"),
    ("folded bodies, trigram tokenizer", "tokenize = 'trigram', content = ''", [], "body"),
    ("folded bodies, unicode61 (no CJK split: a ceiling)", "tokenize = 'unicode61', content = ''", [], "body"),
]


def fill(db: Path, options: str, settings: list[tuple[str, int]], rows: list[str]) -> float:
    """Seconds to index ``rows`` into a fresh FTS5 table."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(title, body, {options})")
    for key, value in settings:
        conn.execute("INSERT INTO t (t, rank) VALUES (?, ?)", (key, value))
    start = time.perf_counter()
    for i in range(0, len(rows), BATCH):
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t (rowid, title, body) VALUES (?, '', ?)",
                         [(i + k + 1, text) for k, text in enumerate(rows[i : i + BATCH])])
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    bodies = [fold(make_article(args.seed, i).item()["body"]) for i in range(args.articles)]
    texts = {"body": bodies, "shadow": [shadow(None, body) for body in bodies]}
    print(f"FTS5 alone, {args.articles:,} articles ({sum(map(len, bodies)) / len(bodies):,.0f} characters on "
          f"average), SQLite {sqlite3.sqlite_version}, transactions of {BATCH}")
    with tempfile.TemporaryDirectory() as tmp:
        for n, (label, options, settings, kind) in enumerate(LAYOUTS):
            seconds = fill(Path(tmp) / f"{n}.db", options, settings, texts[kind])
            print(f"  {label:<60} {args.articles / seconds:>7,.0f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
