"""Corpus gate: pinned score floors on the shared labelled corpus (skipped where it is absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Floors sit a little under the figures measured when they were pinned, so noise in
# tie-breaks does not fail CI while a real regression does.
FLOORS = {"body_f1_mean": 0.98, "accuracy": 0.93, "title_acc": 0.97, "date_acc": 0.95, "author_acc": 0.80,
          "captions_recall": 0.75}


def test_corpus_scores_stay_above_floors(corpus_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    subprocess.run([sys.executable, str(corpus_dir.parent / "score.py"), "--api", "--corpus", str(corpus_dir),
                    "--json", str(out)], check=True, capture_output=True, timeout=600)
    summary = next(iter(json.loads(out.read_text())["systems"].values()))["summary"]
    assert summary["crashes"] == 0 and summary["missing"] == 0
    assert summary["chrome_leaks"] == 0, summary["chrome_markers"]
    low = {k: summary[k] for k, floor in FLOORS.items() if summary[k] < floor}
    assert low == {}
