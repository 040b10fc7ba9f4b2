"""A build that is stopped, killed or cannot write: the engine dies with it, what it left behind is
cleaned up by the next build, and the editor reads one line, never a traceback."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casebook import cli
from casebook.pages.write import write_generated
from support import make_project

pytestmark = pytest.mark.build  # each test builds a site or runs the casebook command


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Running: not gone, and not a zombie waiting for a parent that died."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def command_line(pid: int) -> bytes:
    """A process's command line; empty once it has ended (children come and go while we look)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def engine_of(build: subprocess.Popen) -> int:
    """The engine process a running `casebook build` started, once it has started it."""
    found: list[int] = []
    assert wait_until(lambda: found.extend(p for p in children(build.pid) if b"mkdocs" in command_line(p)) or found)
    return found[0]


@pytest.fixture
def bundled_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", {}, bundled=True)


def start_build(root: Path) -> subprocess.Popen:
    """A build as a terminal starts it: a shell without job control starts background commands with
    SIGINT ignored, and a Python started so keeps ignoring it (the tests may run so)."""
    return subprocess.Popen([sys.executable, "-m", "casebook", "--root", str(root), "build"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def staging_folders(root: Path) -> list[Path]:
    return sorted(root.glob(".site-build-*"))


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_build_stops_its_engine_and_removes_its_staging_folder(bundled_project: Path, stop):
    build = start_build(bundled_project)
    engine = engine_of(build)
    assert staging_folders(bundled_project)
    build.send_signal(stop)
    assert build.wait(timeout=30) != 0
    assert wait_until(lambda: not alive(engine), 10)
    assert staging_folders(bundled_project) == []
    assert not (bundled_project / "site").exists()


def test_a_killed_build_takes_its_engine_along_and_the_next_build_cleans_up(bundled_project: Path):
    build = start_build(bundled_project)
    engine = engine_of(build)
    build.kill()  # SIGKILL: the build cannot clean up after itself
    build.wait(timeout=10)
    assert wait_until(lambda: not alive(engine), 10)  # the kernel ended it with its parent
    [left] = staging_folders(bundled_project)
    running = bundled_project / f".site-build-{os.getpid()}-another"  # a build still running
    running.mkdir()
    result = subprocess.run([sys.executable, "-m", "casebook", "--root", str(bundled_project), "build"],
                            capture_output=True, text=True, env=os.environ)
    assert result.returncode == 0, result.stderr
    assert staging_folders(bundled_project) == [running]
    assert not left.exists()


@pytest.mark.parametrize("code,reason", [(errno.ENOSPC, "磁盘空间不足"), (errno.EROFS, "所在的文件系统是只读的"),
                                         (errno.EACCES, "没有读写权限")])
def test_a_full_disk_or_a_read_only_folder_is_one_line(project: Path, monkeypatch, capsys, code, reason):
    def cannot_write(docs_dir, rendered):
        raise OSError(code, os.strerror(code), str(docs_dir / "cases" / "ceshi-shili-2024.md"))

    monkeypatch.setattr("casebook.site.build.write_generated", cannot_write)
    assert cli.main(["--root", str(project), "build"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"无法完成：{project}/docs/cases/ceshi-shili-2024.md：{reason}；上一次成功构建的站点保持不变"]
    assert not (project / "site").exists() and staging_folders(project) == []


def test_a_generated_file_is_written_again_only_when_its_bytes_differ(tmp_path: Path):
    """The preview rebuilds what changed on disk: a file that already holds the bytes is left as it
    is; one of the same size but other bytes (where a size check alone would be fooled), or
    another size, is written."""
    docs = tmp_path / "docs"
    large = "案" * 700_000  # over a megabyte, read back a piece at a time
    write_generated(docs, [("data/same.json", large), ("data/swapped.json", large), ("data/longer.json", "短")])
    files = {name: docs / "data" / name for name in ("same.json", "swapped.json", "longer.json")}
    settled = {name: path.stat().st_mtime_ns - 10**9 for name, path in files.items()}
    for name, path in files.items():
        os.utime(path, ns=(settled[name], settled[name]))
    write_generated(docs, [("data/same.json", large), ("data/swapped.json", large[:-1] + "例"),
                           ("data/longer.json", "更长的")])
    assert files["same.json"].stat().st_mtime_ns == settled["same.json"]
    assert files["swapped.json"].read_text(encoding="utf-8").endswith("例")
    assert files["longer.json"].read_text(encoding="utf-8") == "更长的"
