"""Coverage-guided fuzzing of the extractor with atheris (libFuzzer): never raises, bounded time per input.

    pip install atheris
    python bench/fuzz_extract.py -max_total_time=120 -timeout=5 [-runs=N] [CORPUS_DIR]

Seeds come from tests/fixtures/extract. A crash or a page over -timeout seconds stops the run
and libFuzzer writes the input to crash-*/timeout-* for a regression fixture. At the end it
prints how many inputs ran and how many distinct code edges they reached.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from archiver.extract import extract

SEEDS = sorted((Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "extract").glob("*/body.html"))
HEADERS = [{}, {"Content-Type": "text/html; charset=utf-8"}, {"Content-Type": "text/html; charset=gb2312"},
           {"Content-Type": "text/html; charset=big5"}, {"Content-Type": "text/html; charset=bogus"}]


def one_input(data: bytes) -> None:
    if not data:
        return
    headers = HEADERS[data[0] % len(HEADERS)]
    extract(data[1:], "http://news.example.cn/a/2024/0301/1.html", headers)


if __name__ == "__main__":
    args = list(sys.argv)
    if not any(not a.startswith("-") for a in args[1:]):  # no corpus folder given: seed one from the fixtures
        corpus = Path("data/fuzz-corpus")
        corpus.mkdir(parents=True, exist_ok=True)
        for i, seed in enumerate(SEEDS):
            (corpus / f"seed-{i}").write_bytes(b"\0" + seed.read_bytes())
        args.append(str(corpus))
    atheris.Setup(args, one_input)
    atheris.Fuzz()
