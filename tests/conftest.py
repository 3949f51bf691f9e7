"""Shared fixtures: the project's fixtures, the (optional) shared evaluation corpus, the reliability record."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "eval" / "corpus"


def articles_stored(db: Path) -> int:
    """Articles in an archive another process is writing (read-only; 0 while it does not exist yet)."""
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.fixture
def corpus_dir() -> Path:
    """The shared labelled corpus; the test is skipped where it is absent."""
    if not (CORPUS / "index.json").exists():
        pytest.skip("../shared/eval/corpus not present")
    return CORPUS


class Reliability:
    """Rows of docs/RELIABILITY.md, collected from the tests that tried each scenario."""

    SECTIONS = {  # title -> (intro, column headers), in the document's order
        "Hostile web": ("`tests/test_hostile_web.py`: one crawl of a loopback server that misbehaves on purpose.",
                        ["scenario", "what the server does", "requests it got", "observed"]),
        "Process faults": ("Kills and full disks (`tests/test_crawl_e2e.py`, `tests/test_faults.py`, "
                           "`tests/test_distributed.py`), each followed by checks on the archive and a rerun.",
                           ["scenario", "how", "observed"]),
        "Bad input": ("`tests/test_cli.py` and `tests/test_extract_fuzz.py`: bad input to the command line and "
                      "the extractor.", ["scenario", "input", "exit code", "observed"]),
    }

    def __init__(self) -> None:
        self.rows: dict[str, list[list[Any]]] = {title: [] for title in self.SECTIONS}
        self.notes: dict[str, str] = {}

    def section(self, title: str, note: str = "") -> list[list[Any]]:
        """The row list of a section; append one row per scenario tried. ``note``: a line about the run."""
        if note:
            self.notes[title] = note
        return self.rows[title]

    def render(self) -> str:
        lines = ["# Reliability: every fault scenario tried, and what happened", "",
                 "Written by the test run itself (`ARCHIVER_WRITE_RELIABILITY=1 python -m pytest`), never by hand:",
                 "each row is a scenario a test ran and the outcome it observed and asserted."]
        for title, (intro, header) in self.SECTIONS.items():
            if not self.rows[title]:
                continue
            lines += ["", f"## {title}", "", intro + (" " + self.notes[title] if title in self.notes else ""), "",
                      "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            lines += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in row) + " |"
                      for row in self.rows[title]]
        return "\n".join(lines) + "\n"


RELIABILITY = Reliability()


@pytest.fixture(scope="session")
def reliability() -> Reliability:
    """Where tests record the fault scenarios they tried (see Reliability)."""
    return RELIABILITY


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # Only when asked, and only from a passing run: CI leaves the tree untouched.
    if os.environ.get("ARCHIVER_WRITE_RELIABILITY") and any(RELIABILITY.rows.values()) and exitstatus == 0:
        (ROOT / "docs").mkdir(exist_ok=True)
        (ROOT / "docs" / "RELIABILITY.md").write_text(RELIABILITY.render(), "utf-8")
