"""Shared fixtures: the project's fixtures, the (optional) shared evaluation corpus, the reliability record."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "eval" / "corpus"


# Common characters for generated prose.
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def distinct_sentences(seed: object, sentences: int = 12, length: int = 30) -> list[str]:
    """Sentences of random characters: texts from different seeds are never near-duplicates of each other."""
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(HAN) for _ in range(length)) + "。" for _ in range(sentences)]


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
