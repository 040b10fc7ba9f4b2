"""Work shared by a process per core, for steps whose items are independent of each other:
checking case files, rendering pages, reading built pages.

The processes are forked, so they start with everything the parent holds (cases, templates)
and only batches of items travel to them and their results back. A fork copies one thread
only, and a lock another thread held at that moment would stay locked in the child for ever;
so a process running other threads (a live preview's server) does the work itself, as it does
a job of one batch, which is not worth the start of another process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

WORKERS = os.cpu_count() or 1
# The job of the processes being forked: they inherit it, so it need not be picklable.
_job: Callable | None = None


def map_batches(job: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item], size: int) -> list[Result]:
    """`job` of each batch of `size` items, in the processes when it is safe and worth it; the
    results of all batches in order."""
    batches = [items[start:start + size] for start in range(0, len(items), size)]
    if WORKERS < 2 or len(batches) < 2 or threading.active_count() > 1:
        return [result for batch in batches for result in job(batch)]
    global _job
    _job = job
    try:
        with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for results in pool.map(_run, batches) for result in results]
    finally:
        _job = None


def _run(batch):
    return _job(batch)
