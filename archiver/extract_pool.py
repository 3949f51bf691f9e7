"""Extraction beside the crawl: a worker process, so parsing pages and crawling use different cores.

Extraction is pure CPU (~8 ms for a 40 KB page, half of it BeautifulSoup building its tree);
the crawl's own work (scheduling, link following, storage) is another ~10 ms a page. In one
process they add up; with a worker process they overlap.

The worker talks over one pipe whose read end the event loop watches (``add_reader``): results
arrive in the crawl's own thread. (concurrent.futures' process pool delivers them from a helper
thread, and in a crawl whose loop was idle they waited up to a second for it: measured at 0.3x
the throughput of this design.) At most eight pages are with the worker at a time; the rest wait in
order. A worker that dies (killed, out of memory) costs nothing: its pages, and all later ones,
are extracted in the crawl process. The worker leaves when the crawl does, even after kill -9
(its pipe closes).
"""

from __future__ import annotations

import asyncio
import collections
import itertools
import logging
import multiprocessing
import os
import queue
import threading
from typing import Any, Mapping

from .extract import extract
from .items import Article

logger = logging.getLogger(__name__)
IN_FLIGHT = 8  # pages sent to the worker and not answered: it never waits for the crawl to send more


def workers_for(setting: int) -> int:
    """Worker processes for ``ARCHIVER_EXTRACT_PROCESSES`` (-1: one when the machine has a second core)."""
    if setting >= 0:
        return min(setting, 1)
    return 1 if (os.cpu_count() or 1) >= 2 else 0


def _serve(conn: Any) -> None:
    """The worker: extract what arrives until the pipe closes (the crawl finished, or died).

    A reader thread drains the pipe into a local queue, so the crawl's sends never wait on an
    extraction in progress and the next page is always at hand.
    """
    tasks: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def read() -> None:
        while True:
            try:
                tasks.put(conn.recv())
            except (EOFError, OSError):
                tasks.put(None)
                return

    threading.Thread(target=read, daemon=True, name="archiver-extract-reader").start()
    while True:
        task = tasks.get()
        if task is None:
            return
        task_id, args, kwargs = task
        try:
            result: Any = (True, extract(*args, **kwargs))
        except Exception as exc:  # the caller sees the extractor's own exception, as with a direct call
            result = (False, exc)
        try:
            conn.send((task_id, result))
        except (BrokenPipeError, OSError):
            return


class ExtractPool:
    """``await pool.extract(...)``: :func:`archiver.extract.extract` in a worker process (inline with 0 workers)."""

    def __init__(self, workers: int):
        self.workers = min(workers, 1)
        self.conn: Any = None
        self.process: Any = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.ids = itertools.count()
        self.tasks: dict[int, tuple[tuple[Any, ...], dict[str, Any], asyncio.Future[Article]]] = {}  # unanswered
        self.waiting: collections.deque[int] = collections.deque()  # not sent yet, in order
        self.in_flight = 0

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")  # a fork of a process with a reactor and open files is unsafe
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child,), daemon=True, name="archiver-extract")
        self.process.start()
        child.close()
        self.loop = asyncio.get_running_loop()
        self.loop.add_reader(self.conn.fileno(), self._receive)

    async def extract(self, body: bytes, url: str, headers: Mapping[str, str], *, charset: str | None = None,
                      selectors: Mapping[str, str] | None = None) -> Article:
        """The page's Article (exceptions of the extractor propagate, as with a direct call)."""
        args = (body, url, dict(headers))
        kwargs = {"charset": charset, "selectors": dict(selectors) if selectors else None}
        if not self.workers:
            return extract(*args, **kwargs)
        if self.conn is None:
            self._start()
        task_id = next(self.ids)
        future: asyncio.Future[Article] = asyncio.get_running_loop().create_future()
        self.tasks[task_id] = (args, kwargs, future)
        self.waiting.append(task_id)
        self._send()
        return await future

    def _send(self) -> None:
        while self.waiting and self.in_flight < IN_FLIGHT and self.conn is not None:
            task_id = self.waiting[0]
            args, kwargs, _ = self.tasks[task_id]
            try:
                self.conn.send((task_id, args, kwargs))
            except (BrokenPipeError, OSError):
                self._give_up()
                return
            self.waiting.popleft()
            self.in_flight += 1

    def _receive(self) -> None:
        try:
            while self.conn is not None and self.conn.poll():
                task_id, (ok, value) = self.conn.recv()
                self.in_flight -= 1
                _, _, future = self.tasks.pop(task_id)
                if not future.done():
                    future.set_result(value) if ok else future.set_exception(value)
        except (EOFError, OSError):
            self._give_up()
            return
        self._send()

    def _give_up(self) -> None:
        """The worker died: extract its pages, and every later one, in this process."""
        logger.warning("the extraction worker died; extracting in the crawl process from now on")
        self.close(wait=False)
        self.workers = 0
        tasks, self.tasks, self.waiting, self.in_flight = self.tasks, {}, collections.deque(), 0
        for args, kwargs, future in tasks.values():
            if future.done():
                continue
            try:
                future.set_result(extract(*args, **kwargs))
            except Exception as exc:  # noqa: BLE001 (handed to the awaiting caller)
                future.set_exception(exc)

    def close(self, wait: bool = True) -> None:
        """Stop the worker (waiting for it, so its CPU time and memory show in the crawl's RUSAGE_CHILDREN)."""
        if self.conn is None:
            return
        if self.loop is not None:
            try:
                self.loop.remove_reader(self.conn.fileno())
            except (ValueError, OSError, RuntimeError):
                pass
        self.conn.close()
        self.conn = None
        if self.process is not None:
            if wait:
                self.process.join(timeout=10)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(timeout=5)
            self.process = None
