"""Extraction beside the crawl: a process pool, so parsing pages and crawling use different cores.

Extraction is pure CPU (~8 ms for a 40 KB page, half of it BeautifulSoup building its tree);
the crawl's own work (scheduling, link following, storage) is another ~10 ms a page. In one
process they add up; with one worker process they overlap. A worker that dies (killed, out
of memory) costs nothing: that page and the rest are extracted in the crawl process.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Mapping

from .extract import extract
from .items import Article

logger = logging.getLogger(__name__)


def _exit_with_parent(parent: int) -> None:
    """In a worker: leave when the crawl process is gone (kill -9 leaves no one to shut the pool down)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


def workers_for(setting: int) -> int:
    """Worker processes for ``ARCHIVER_EXTRACT_PROCESSES`` (-1: one when the machine has a second core)."""
    if setting >= 0:
        return setting
    return 1 if (os.cpu_count() or 1) >= 2 else 0


class ExtractPool:
    """``await pool.extract(...)``: :func:`archiver.extract.extract` in a worker process (or inline with 0 workers)."""

    def __init__(self, workers: int):
        self.workers = workers
        self.executor: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        if self.executor is None:
            # spawn: a fork of a process running a reactor and open SQLite files is not safe.
            self.executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_exit_with_parent, initargs=(os.getpid(),))
        return self.executor

    async def extract(self, body: bytes, url: str, headers: Mapping[str, str], *, charset: str | None = None,
                      selectors: Mapping[str, str] | None = None) -> Article:
        """The page's Article (exceptions of the extractor propagate, as with a direct call)."""
        if self.workers:
            try:
                future = self._start().submit(extract, body, url, dict(headers), charset=charset,
                                              selectors=dict(selectors) if selectors else None)
                return await asyncio.wrap_future(future)
            except BrokenProcessPool:
                # Killed, out of memory, or unable to start: extract in this process from now on.
                logger.warning("the extraction worker died; extracting in the crawl process from now on")
                self.close(wait=False)
                self.workers = 0
        return extract(body, url, headers, charset=charset, selectors=selectors)

    def close(self, wait: bool = True) -> None:
        """Stop the workers (waiting, so their CPU time and memory show in the crawl's RUSAGE_CHILDREN)."""
        if self.executor is not None:
            self.executor.shutdown(wait=wait, cancel_futures=True)
            self.executor = None

    def __reduce__(self) -> Any:  # never shipped to a worker
        raise TypeError("ExtractPool is not picklable")
