"""Work shared by a process per core (parallel.py): same results, in order, and never a fork
beside another thread; checking gives what one process gives."""

from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

import pytest

from casebook.core import parallel
from casebook.core.problems import CaseErrors
from casebook.core.project import Project
from casebook.library import load_library
from support import REPO, good_case_text, in_fresh_process, make_project


def batch_job(batch):
    return [(item * item, os.getpid()) for item in batch]


@pytest.mark.build
def test_batches_are_shared_by_processes_and_come_back_in_order(tmp_path: Path):
    result = in_fresh_process(f"""
        import os, time
        from pathlib import Path
        from casebook.core import parallel
        parallel.WORKERS = 2
        parent, marker = os.getpid(), Path({str(tmp_path / "a-child-took-a-batch")!r})

        def squares(batch):  # the parent waits for a child to have taken one, so both take some
            if os.getpid() != parent:
                marker.touch()
            deadline = time.monotonic() + 30
            while os.getpid() == parent and not marker.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            return [(item * item, os.getpid()) for item in batch]

        result = (parent, parallel.map_batches(squares, list(range(23)), 3))
    """)
    parent, squares = result
    assert [square for square, _ in squares] == [n * n for n in range(23)]
    takers = {pid for _, pid in squares}
    assert parent in takers and len(takers) == 2  # a closure, too: it is inherited, not sent


def test_when_the_parent_fails_the_others_take_no_more_batches(tmp_path: Path):
    result = in_fresh_process(f"""
        import os, time
        from pathlib import Path
        from casebook.core import parallel
        parallel.WORKERS = 2
        parent, taken = os.getpid(), Path({str(tmp_path / "taken")!r})
        taken.mkdir()

        def job(batch):
            (taken / str(batch[0])).touch()
            if os.getpid() == parent:
                time.sleep(0.3)  # a child has started meanwhile
                raise ValueError("the parent's batch failed")
            time.sleep(0.05)
            return batch

        try:
            parallel.map_batches(job, list(range(200)), 1)
        except ValueError as error:
            result = (str(error), len(list(taken.iterdir())))
    """)
    message, batches_taken = result
    assert message == "the parent's batch failed"
    assert batches_taken < 50  # the child stopped soon after; it would have taken all 199 others


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


@pytest.mark.build
def test_case_files_checked_in_several_processes_give_the_same_problems(tmp_path: Path):
    root = make_project(tmp_path, {
        "zhejiang/ceshi-shili-2024.yml": good_case_text().replace("value: 300, unit: 件", "value: 三百, unit: 件"),
        "shanxi/shandong-jiyang-2023.yml": next(REPO.glob("cases/*/shandong-jiyang-2023.yml")).read_text(
            encoding="utf-8"),  # in another province's folder
    }, bundled=True)
    with pytest.raises(CaseErrors) as alone:
        load_library(Project(root))
    together = in_fresh_process(f"""
        from pathlib import Path
        from casebook import library
        from casebook.core import parallel
        from casebook.core.problems import CaseErrors
        from casebook.core.project import Project
        parallel.WORKERS, library.CHECK_BATCH = 2, 2
        try:
            library.load_library(Project(Path({str(root)!r})))
        except CaseErrors as errors:
            result = errors.problems
    """)
    assert together == alone.value.problems
    assert {p.field for p in together} == {"region.province", "practices[0].metrics[1].value"}


def test_what_a_frozen_block_freezes_is_collected_again_after_the_outermost_block():
    assert gc.get_freeze_count() == 0
    parallel.freeze_held()  # outside any block: nothing stays frozen
    assert gc.get_freeze_count() == 0
    with parallel.collector_frozen():
        with parallel.collector_frozen():
            held = [object() for _ in range(10)]
            parallel.freeze_held()
        assert gc.get_freeze_count() > 0  # still within the outer block
    assert gc.get_freeze_count() == 0 and held


def test_a_frozen_block_leaves_what_the_process_froze_itself_frozen():
    gc.freeze()
    try:
        with parallel.collector_frozen():
            pass
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
