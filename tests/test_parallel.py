"""Work shared by a process per core (parallel.py): same results, in order, and never a fork
beside another thread."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
import threading

from casebook import parallel


def in_fresh_process(code: str):
    """What `code` leaves in `result`, run in a new single-threaded Python (pytest's own process
    may be running a test server's thread, and then nothing is forked)."""
    program = textwrap.dedent(code) + "\nimport pickle, sys\nsys.stdout.buffer.write(pickle.dumps(result))\n"
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, check=True)
    return pickle.loads(done.stdout)


def batch_job(batch):
    return [(item * item, os.getpid()) for item in batch]


def test_batches_are_shared_by_processes_and_come_back_in_order():
    result = in_fresh_process("""
        import os
        from casebook import parallel
        parallel.WORKERS = 2
        result = (os.getpid(), parallel.map_batches(
            lambda batch: [(item * item, os.getpid()) for item in batch], list(range(23)), 3))
    """)
    parent, squares = result
    assert [square for square, _ in squares] == [n * n for n in range(23)]
    assert parent not in {pid for _, pid in squares}  # a lambda, too: it is inherited, not sent


def test_beside_another_thread_the_work_is_done_in_process(monkeypatch):
    monkeypatch.setattr(parallel, "WORKERS", 2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        squares = parallel.map_batches(batch_job, list(range(23)), 3)
    finally:
        stop.set()
        other.join()
    assert squares == [(n * n, os.getpid()) for n in range(23)]


def test_one_batch_is_done_in_process(monkeypatch):
    monkeypatch.setattr(parallel, "WORKERS", 2)
    assert parallel.map_batches(batch_job, [1, 2, 3], 3) == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
