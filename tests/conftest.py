"""Shared fixtures: paths to the project's fixtures and the (optional) shared evaluation corpus."""

from __future__ import annotations

from pathlib import Path

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
