"""Extraction speed: ``archiver.extract.extract`` vs trafilatura on the same saved pages, in one process.

What is measured
    Pages: every ``*.html`` under ``<repo>/../shared/eval/corpus/zh-*`` and ``corpus/seed`` (the
    Chinese pages), or with ``--all`` every corpus page. Each page's URL comes from its sibling
    ``<ID>.json`` ("url").

    archiver      ``extract(html_bytes, url)``: charset decision + parse + extraction, from bytes.
    trafilatura   ``trafilatura.extract(text, url=url, include_comments=False)`` on text decoded
                  beforehand with ``archiver.encoding.decode(bytes).text`` (outside the timing), so
                  decoding is not charged to it: archiver's figures include decoding, trafilatura's do not.

    One warm-up pass, then ``--repeat`` timed passes (default 3). Reported: pages/s over all
    timed passes, median ms/page (per page, the median of its passes, then the median over
    pages), the archiver/trafilatura speed ratio, and archiver's 5 slowest pages.

Run
    pip install trafilatura          # bench-only dependency
    python bench/extract_speed.py
    python bench/extract_speed.py --all --repeat 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "eval" / "corpus"


def load_pages(corpus: Path, everything: bool) -> list[tuple[str, bytes, str | None]]:
    """(id, html bytes, url) of the selected corpus pages, sorted by path."""
    if everything:
        files = sorted(corpus.glob("*/*.html"))
    else:
        files = sorted(p for d in sorted(corpus.iterdir()) if d.is_dir() and (d.name.startswith("zh-") or d.name == "seed")
                       for p in d.glob("*.html"))
    pages = []
    for html in files:
        meta = html.with_suffix(".json")
        url = json.loads(meta.read_text(encoding="utf-8")).get("url") if meta.exists() else None
        pages.append((f"{html.parent.name}/{html.stem}", html.read_bytes(), url))
    return pages


def time_passes(fn, inputs: list, repeat: int) -> list[list[float]]:  # type: ignore[no-untyped-def]
    """Per input, the seconds of each of ``repeat`` timed calls (after one warm-up pass)."""
    for args in inputs:
        fn(*args)
    times: list[list[float]] = [[] for _ in inputs]
    for _ in range(repeat):
        for i, args in enumerate(inputs):
            start = time.perf_counter()
            fn(*args)
            times[i].append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="every corpus page, not only the Chinese ones")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (default 3)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"corpus folder (default {CORPUS})")
    args = parser.parse_args(argv)

    try:
        import trafilatura
    except ImportError as exc:
        print(f"trafilatura is not importable ({exc}); install it with: pip install trafilatura")
        return 2
    from archiver.encoding import decode
    from archiver.extract import extract

    pages = load_pages(args.corpus, args.all)
    if not pages:
        print(f"no pages under {args.corpus}")
        return 1
    total_kb = sum(len(b) for _, b, _ in pages) / 1024
    print(f"{len(pages)} pages ({total_kb:.0f} KB) from {args.corpus}{' (all)' if args.all else ' (zh-*, seed)'}; "
          f"trafilatura {trafilatura.__version__}; 1 warm-up + {args.repeat} timed passes")

    texts = [(decode(body).text, url) for _, body, url in pages]  # decoded outside trafilatura's timing
    results = {
        "archiver": time_passes(lambda body, url: extract(body, url), [(b, u) for _, b, u in pages], args.repeat),
        "trafilatura": time_passes(lambda text, url: trafilatura.extract(text, url=url, include_comments=False),
                                   texts, args.repeat),
    }

    print(f"\n{'extractor':<12} {'pages/s':>8} {'median ms/page':>15} {'total s':>8}")
    speed = {}
    for name, times in results.items():
        total = sum(sum(t) for t in times)
        speed[name] = len(pages) * args.repeat / total
        median_ms = statistics.median(statistics.median(t) for t in times) * 1000
        print(f"{name:<12} {speed[name]:>8.1f} {median_ms:>15.1f} {total:>8.2f}")
    print(f"\narchiver/trafilatura pages/s: {speed['archiver'] / speed['trafilatura']:.2f}")
    print("(archiver is timed from bytes, charset decision included; trafilatura from text already "
          "decoded by archiver.encoding.decode, decoding not charged to it)")

    print("\narchiver's 5 slowest pages (median ms, KB):")
    slowest = sorted(zip(pages, results["archiver"]), key=lambda pt: statistics.median(pt[1]), reverse=True)[:5]
    for (page_id, body, _), times in slowest:
        print(f"  {statistics.median(times) * 1000:8.1f} ms  {len(body) / 1024:6.0f} KB  {page_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
