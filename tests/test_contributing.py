"""A new editor's first pull request: CONTRIBUTING.md's local steps, run as written in a fresh copy
of the repository (new → fill in → validate → fmt → preview), then every step the pull-request
workflow runs. Each must pass the first time."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from support import REPO

pytestmark = pytest.mark.build  # builds a site and runs the casebook command

BIN = Path(sys.executable).parent  # this environment stands in for the copy's `make setup`


def fresh_copy(target: Path) -> Path:
    """The repository's tracked files, as a clone would have them (no site, no .venv, no caches)."""
    tracked = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode("utf-8").split("\0")):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    return target


def local_steps() -> list[list[str]]:
    """The commands of CONTRIBUTING.md's local part (方法二), each as its words."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(r"## 方法二：在本地操作\n\n```sh\n(.*?)```", text, re.DOTALL)[1]
    return [shlex.split(line, comments=True) for line in block.splitlines() if line.strip() and not line.startswith(" ")]


def run(copy: Path, words: list[str], **kwargs) -> subprocess.CompletedProcess:
    """A command as the editor types it, with .venv/bin/ meaning this environment."""
    program = words[0].removeprefix(".venv/bin/")
    command = [sys.executable, "-m", "casebook", *words[1:]] if program == "casebook" else [str(BIN / program), *words[1:]]
    env = {**os.environ, "PYTHONPATH": str(copy / "scripts")}
    return subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, **kwargs)


# The source the editor saved: it shares facts with what fill_in writes, not sentences.
ARTICLE = "湖州市2023年法治政府建设年度报告。全市建成覆盖各乡镇的人民调解组织网络，调解员队伍持续壮大。\n"


def fill_in(path: Path) -> None:
    """What the editor writes into the skeleton, from the source: the required text, and published."""
    text = path.read_text(encoding="utf-8")
    for field, value in [('title: ""', "title: 湖州市：2023年度法治政府建设工作报告"),
                         ('summary: ""', "summary: 供测试流程使用的概述，内容为虚构。"),
                         ('id: ""', "id: mediation-network"), ('title: ""', "title: 调解网络建设"),
                         ('category: ""', "category: dispute-resolution"),
                         ('description: ""', "description: 供测试流程使用的做法描述，内容为虚构。"),
                         ("tags: []", "tags: [人民调解]"), ("status: draft", "status: published")]:
        assert field in text, field
        text = text.replace(field, value, 1)
    path.write_text(text, encoding="utf-8")


def preview_shows(copy: Path, words: list[str], case_id: str) -> bool:
    """`make serve`: the live preview, stopped once it shows the new case."""
    assert words == ["make", "serve"]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    preview = subprocess.Popen([sys.executable, "-m", "casebook", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=copy, env={**os.environ, "PYTHONPATH": str(copy / "scripts")},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return _waited_for(f"http://127.0.0.1:{port}/cases/{case_id}/", "调解网络建设")
    finally:
        preview.terminate()
        preview.wait(timeout=10)


def _waited_for(url: str, text: str, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


# Each step of .github/workflows/ci.yml with a `run`, and how it runs here: the text its `run` holds,
# and the commands that do the same in this environment. `make test` is left out: it runs this test.
CI_STEPS = {
    "Validate cases": (".venv/bin/casebook validate --github", [["casebook", "validate", "--github"]]),
    "Check the canonical layout of case files": (".venv/bin/casebook fmt --check", [["casebook", "fmt", "--check"]]),
    "Check that published links are registered": (".venv/bin/casebook permalinks --check",
                                                  [["casebook", "permalinks", "--check"]]),
    "Check the import layers of the code": (".venv/bin/lint-imports", [["lint-imports"]]),
    "Run the tests": ("make test", []),
    "Build the site": ("make build", [["casebook", "build"]]),
    "Check every internal link and anchor of the built site": (".venv/bin/casebook check-links site",
                                                               [["casebook", "check-links", "site"]]),
    "List the pages this pull request changes": (".venv/bin/casebook diff-site ../base/site site",
                                                 [["casebook", "diff-site", "../base/site", "site"]]),
}


def test_contributing_as_written_then_every_pull_request_check_passes_first_time(tmp_path: Path):
    copy = fresh_copy(tmp_path / "casebook")
    steps = local_steps()
    assert [words[:2] for words in steps] == [["make", "setup"], [".venv/bin/casebook", "new"],
                                              [".venv/bin/casebook", "validate"],
                                              [".venv/bin/casebook", "check-copy"], [".venv/bin/casebook", "fmt"],
                                              ["make", "serve"]]
    made = run(copy, steps[1], stdin=subprocess.DEVNULL)
    assert made.returncode == 0, made.stderr
    case = copy / re.search(r"已创建 (\S+?)；", made.stdout)[1]
    assert steps[3][2] == case.relative_to(copy).as_posix()  # the example's file is the one `new` made
    fill_in(case)
    (copy / steps[3][3]).write_text(ARTICLE, encoding="utf-8")  # the editor saves the source beside
    for words in steps[2:5]:
        done = run(copy, words)
        assert done.returncode == 0, f"{shlex.join(words)}\n{done.stdout}{done.stderr}"
    assert preview_shows(copy, steps[5], case.stem)

    # The pull request's base, as the workflow checks it out beside the copy: the copy without the new case.
    base = fresh_copy(tmp_path / "base")
    assert run(base, ["casebook", "build"]).returncode == 0
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    runs = {step["name"]: step["run"] for step in workflow["jobs"]["test"]["steps"] if "run" in step}
    assert set(runs) == set(CI_STEPS)
    for name, (written, commands) in CI_STEPS.items():
        assert written in runs[name], name
        for words in commands:
            done = run(copy, words)
            passed = done.returncode in (0, 1) if words[1:2] == ["diff-site"] else done.returncode == 0  # 1: pages differ
            assert passed, f"{name}: {shlex.join(words)}\n{done.stdout}{done.stderr}"
    changed = run(copy, ["casebook", "diff-site", "../base/site", "site"]).stdout
    assert f"新增 cases/{case.stem}/\n" in changed  # the new case page, listed for reviewers
