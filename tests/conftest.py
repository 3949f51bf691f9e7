"""Shared fixtures: the project's fixtures, the (optional) shared evaluation corpus, the reliability record."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "eval" / "corpus"


@pytest.fixture
def corpus_dir() -> Path:
    """The shared labelled corpus; the test is skipped where it is absent."""
    if not (CORPUS / "index.json").exists():
        pytest.skip("../shared/eval/corpus not present")
    return CORPUS


class Reliability:
    """Rows of docs/RELIABILITY.md, collected from the tests that tried each scenario."""

    ORDER = ["Hostile web", "Process faults", "Bad input"]

    def __init__(self) -> None:
        self.sections: dict[str, tuple[str, list[str], list[list[Any]]]] = {}

    def section(self, title: str, intro: str, header: list[str]) -> list[list[Any]]:
        """The row list of a section (created on first use); append one row per scenario tried."""
        if title not in self.sections:
            self.sections[title] = (intro, header, [])
        return self.sections[title][2]

    def render(self) -> str:
        lines = ["# Reliability: every fault scenario tried, and what happened", "",
                 "Written by the test run itself (`ARCHIVER_WRITE_RELIABILITY=1 python -m pytest`), never by hand:",
                 "each row is a scenario a test ran and the outcome it observed and asserted."]
        for title in sorted(self.sections, key=lambda t: (self.ORDER + [t]).index(t)):
            intro, header, rows = self.sections[title]
            lines += ["", f"## {title}", "", intro, "", "| " + " | ".join(header) + " |",
                      "|" + "---|" * len(header)]
            lines += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in row) + " |"
                      for row in rows]
        return "\n".join(lines) + "\n"


RELIABILITY = Reliability()


@pytest.fixture(scope="session")
def reliability() -> Reliability:
    """Where tests record the fault scenarios they tried (see Reliability)."""
    return RELIABILITY


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # Only when asked, and only from a passing run: CI leaves the tree untouched.
    if os.environ.get("ARCHIVER_WRITE_RELIABILITY") and RELIABILITY.sections and exitstatus == 0:
        (ROOT / "docs").mkdir(exist_ok=True)
        (ROOT / "docs" / "RELIABILITY.md").write_text(RELIABILITY.render(), "utf-8")
