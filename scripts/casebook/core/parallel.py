"""Work done in forked processes: batches of independent items (case files to check, built pages
to read) shared by a process per core, and a step run in a child process
so that the memory it takes is given back when it ends (a Python process rarely gives freed
memory back to the system).

Forked processes start with everything the parent holds (cases, templates), so only batches of
items travel to them and their results back; what the parent holds is frozen for the collector
meanwhile, so that the children's collections do not copy it. The parent takes batches too,
rather than waiting: a forked process holds its own copy of every memory page it writes to, and
reading an object writes its reference count, so one process fewer is one copy fewer of what the
work reads. A fork copies one thread only,
and a lock another thread held at that moment would stay locked in the child for ever; so a
process running other threads (a live preview's server) does the work itself, as it does a
job of one batch, which is not worth the start of another process.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# A process per core this process may use; CASEBOOK_WORKERS=1 shares no batches (less memory).
WORKERS = int(os.environ.get("CASEBOOK_WORKERS") or 0) or len(os.sched_getaffinity(0))
# The job of the processes being forked: they inherit it, so it need not be picklable.
_job: Callable | None = None
# The collector_frozen blocks this process is in.
_frozen_blocks = 0


def map_batches(job: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item], size: int) -> list[Result]:
    """`job` of each batch of `size` items, in the processes when it is safe and worth it; the
    results of all batches in order."""
    batches = [items[start:start + size] for start in range(0, len(items), size)]
    if WORKERS < 2 or len(batches) < 2 or not _may_fork():
        return [result for batch in batches for result in job(batch)]
    return [result for results in _shared(job, batches) for result in results]


def _shared(job: Callable[[Item], Result], batches: list[Item]) -> list[Result]:
    """`job` of each batch, in order, done by this process and WORKERS - 1 forked ones, each taking
    the next batch not yet taken whenever it is free (so a slow batch holds up no other)."""
    taken = multiprocessing.get_context("fork").Value("q", 0)

    def take_batches(_) -> list[tuple[int, Result]]:
        done = []
        while (index := _next_index(taken)) < len(batches):
            done.append((index, job(batches[index])))
        return done

    results: list = [None] * len(batches)
    with _process_pool(take_batches, WORKERS - 1) as pool:
        others = [pool.submit(_run, None) for _ in range(WORKERS - 1)]
        try:
            own = take_batches(None)
        except BaseException:
            taken.value = len(batches)  # the others stop after the batch they are on
            raise
        for index, result in itertools.chain(own, *(other.result() for other in others)):
            results[index] = result
    return results


def _next_index(taken) -> int:
    with taken.get_lock():
        index = taken.value
        taken.value += 1
    return index


def in_child_process(job: Callable[[], Result]) -> Result:
    """`job()`, run in a forked process when it is safe, which gives back all the memory the job
    took when it ends. Its result, or its exception, must be picklable."""
    if not _may_fork():
        return job()
    with _process_pool(lambda _: job(), 1) as pool:
        return pool.submit(_run, None).result()


def _may_fork() -> bool:
    return threading.active_count() == 1


@contextlib.contextmanager
def collector_frozen() -> Iterator[None]:
    """What this process holds now is left out of the cyclic collector's walks until the end of the
    block (gc.freeze): held throughout it (a library of cases), it cannot become garbage there, and
    a collection walking it again and again cost a long render seconds. What the block makes is
    collected as usual; at the end of the outermost block everything frozen is collected again,
    unless the process had frozen objects itself before it."""
    global _frozen_blocks
    frozen_by_process = _frozen_blocks == 0 and gc.get_freeze_count() > 0
    gc.freeze()
    _frozen_blocks += 1
    try:
        yield
    finally:
        _frozen_blocks -= 1
        if _frozen_blocks == 0 and not frozen_by_process:
            gc.unfreeze()


def freeze_held() -> None:
    """Within a `collector_frozen` block, leave what this process holds now out of the collector's
    walks too, until the block ends; outside one, nothing, so that nothing stays frozen for ever."""
    if _frozen_blocks:
        gc.freeze()


@contextlib.contextmanager
def _process_pool(job: Callable, processes: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of `processes` forked processes that run `job` (`_run`), with what this process holds
    frozen for the collector meanwhile."""
    global _job
    _job = job
    try:
        with collector_frozen(), ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            yield pool
    except BrokenProcessPool as error:
        raise RuntimeError("并行处理的子进程意外退出（可能是内存不足）；可设置 CASEBOOK_WORKERS=1 减少进程") from error
    finally:
        _job = None


def _run(argument):
    return _job(argument)
