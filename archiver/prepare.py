"""What storing an article needs from its text alone: search shadows, MinHash signature, LSH keys.

Pure CPU work (~0.55 ms for a 1,700-character article), so large batches hand it to a helper
process while the archive's process writes (SQLite and the FTS5 index take ~0.9 ms an article, and
the GIL would serialise a helper thread: measured 1.54 vs 1.70 ms, against 0.95 with a process).
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Callable

from .dedup import band_keys, signature
from .search import shadow
from .text import fold

logger = logging.getLogger(__name__)

# Batches with fewer new or changed texts are prepared inline: a crawl writes 50 at a time, and
# starting the helper (a spawned interpreter importing numpy and OpenCC) takes ~0.5 s.
HELPER_MIN_TEXTS = 200
HELPER_CHUNK = 50


@dataclass(frozen=True, slots=True)
class Prepared:
    """Text-derived index data of one article."""

    title_shadow: str
    body_shadow: str
    sig: Any            # MinHash signature, or None for a body too short to shingle
    keys: list[int]     # its LSH band keys


def prepare(item: dict[str, Any], search: bool = True) -> Prepared:
    """Search shadows (unless not ``search``), MinHash signature and LSH keys of an article dict."""
    folded = fold(item.get("body") or "")  # computed once: search shadow and MinHash both start from it
    sig = signature(None, folded)
    keys = band_keys(sig) if sig is not None else []
    if not search:
        return Prepared("", "", sig, keys)
    return Prepared(shadow(item.get("title")), shadow(None, folded), sig, keys)


def _prepare_texts(texts: list[tuple[Any, Any]]) -> list[Prepared]:
    """:func:`prepare` for (title, body) pairs: what the helper process runs, one chunk at a time."""
    return [prepare({"title": title, "body": body}) for title, body in texts]


def _leave_with_parent(parent: int) -> None:
    """Helper-process initialiser: exit once the archive's process is gone (even after kill -9).

    A pool worker holds both ends of its own task pipe, so it never sees EOF when its parent dies.
    It ignores Ctrl-C, which a terminal sends to the whole process group: the archive's process
    decides how to stop (the ingester finishes the batch in hand), not its helper.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="archive-parent-watch").start()


class Preparer:
    """Prepares a batch's texts ahead, in a helper process started on first need; inline otherwise."""

    def __init__(self, helper_process: bool | None = None):
        """``helper_process``: None = on when the machine has a second core."""
        self.wanted = (os.cpu_count() or 1) >= 2 if helper_process is None else helper_process
        self.pool: ProcessPoolExecutor | None = None

    def ahead(self, items: list[dict[str, Any]], todo: list[int]) -> dict[int, Callable[[], Prepared]]:
        """Index -> getter of its Prepared for the ``todo`` indexes of ``items`` (empty: prepare inline)."""
        if not self.wanted or len(todo) < HELPER_MIN_TEXTS:
            return {}
        try:
            if self.pool is None:
                self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_leave_with_parent, initargs=(os.getpid(),))
            chunks = [todo[k : k + HELPER_CHUNK] for k in range(0, len(todo), HELPER_CHUNK)]
            futures = [self.pool.submit(_prepare_texts, [(items[i].get("title"), items[i].get("body"))
                                                         for i in chunk]) for chunk in chunks]
        except (OSError, RuntimeError) as exc:  # cannot start a process here: prepare inline from now on
            logger.warning("preparing inline, no helper process: %s", exc)
            self.wanted = False
            return {}
        getters: dict[int, Callable[[], Prepared]] = {}
        for chunk, future in zip(chunks, futures):
            for position, i in enumerate(chunk):
                getters[i] = functools.partial(self._result, future, position, items[i])
        return getters

    def _result(self, future: Future, position: int, item: dict[str, Any]) -> Prepared:
        try:
            return future.result()[position]
        except BrokenProcessPool:  # the helper died (killed, out of memory): this and later batches inline
            if self.wanted:
                logger.warning("helper process lost; preparing inline")
            self.pool, self.wanted = None, False
            return prepare(item)

    def close(self) -> None:
        """Stop the helper process, if one was started."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
