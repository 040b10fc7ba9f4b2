"""Live preview: `casebook serve` shows an edited case without a restart."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from watchdog.observers.polling import PollingObserver

from casebook.site import mkdocs_hooks
from casebook.site.engine import PREVIEW_POLLING
from casebook.site.watching import EditObserver

pytestmark = pytest.mark.build  # each test builds a site or runs the casebook command


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


def builds_after_settling(log: Path) -> int:
    """How many builds the preview has begun, once time enough has passed for one more to begin
    (were the render's own writes into docs/ to set one off)."""
    time.sleep(3)
    return log.read_text(encoding="utf-8").count("正在构建预览")


@pytest.mark.parametrize("watching", [[], ["--poll"]], ids=["by-events", "by-polling"])
def test_editing_a_case_updates_the_preview(project: Path, watching: list[str]):
    port = free_port()
    url = f"http://127.0.0.1:{port}/cases/ceshi-shili-2024/"
    said = project / "serve.log"
    with said.open("w", encoding="utf-8") as log:
        server = subprocess.Popen([sys.executable, "-m", "casebook", "--root", str(project), "serve",
                                   "--dev-addr", f"127.0.0.1:{port}", *watching],
                                  stdout=log, stderr=subprocess.STDOUT, env=os.environ)
    try:
        assert wait_for(url, "湖州市：测试用案例")
        case = project / "cases" / "zhejiang" / "ceshi-shili-2024.yml"
        case.write_text(case.read_text(encoding="utf-8").replace("测试用案例", "修改后的标题"), encoding="utf-8")
        assert wait_for(url, "湖州市：修改后的标题")
        assert builds_after_settling(said) == 2  # the first, then one for the edit
        about = project / "docs" / "about.md"  # a hand-written page is watched too
        about.write_text(about.read_text(encoding="utf-8") + "\n预览中新增的一段。\n", encoding="utf-8")
        assert wait_for(f"http://127.0.0.1:{port}/about/", "预览中新增的一段")
        assert builds_after_settling(said) == 3
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert fetch(url) == ""  # stopping `casebook serve` stopped the preview it started
    # What the editor reads in the terminal: Chinese, without the dirty build's warning.
    lines = said.read_text(encoding="utf-8").splitlines()
    assert any(f"预览地址：http://127.0.0.1:{port}/" in line for line in lines), lines
    assert any("发现文件改动" in line for line in lines), lines
    english = [line for line in lines if re.search(r"\b(Building|Serving|Detected|Reloading|dirty|INFO|WARNING)\b", line)]
    assert english == []


def test_a_broken_case_shows_its_problems_in_the_preview_until_it_is_fixed(project: Path, page):
    port = free_port()
    url = f"http://127.0.0.1:{port}/cases/ceshi-shili-2024/"
    server = subprocess.Popen([sys.executable, "-m", "casebook", "--root", str(project), "serve",
                               "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ)
    case = project / "cases" / "zhejiang" / "ceshi-shili-2024.yml"
    good = case.read_text(encoding="utf-8")
    try:
        assert wait_for(url, "湖州市：测试用案例")
        page.goto(url)
        case.write_text(good.replace("value: 300, unit: 件", "value: 三百, unit: 件"), encoding="utf-8")
        notice = page.locator(".preview-problems")
        notice.wait_for(timeout=60_000)  # the page reloads itself after the rebuild
        assert "cases/zhejiang/ceshi-shili-2024.yml" in notice.inner_text()
        assert "practices[0].metrics[1].value: 应为数字" in notice.inner_text()
        assert "湖州市：测试用案例" in page.locator("h1").inner_text()  # the last good page, still served
        case.write_text(good.replace("测试用案例", "改正后的标题"), encoding="utf-8")
        page.wait_for_function("document.querySelector('h1')?.textContent.includes('改正后的标题')", timeout=60_000)  # h1 is missing mid-reload
        assert page.locator(".preview-problems").count() == 0
    finally:
        server.terminate()
        server.wait(timeout=10)


def _preview_server(project: Path, monkeypatch, *, polling: bool, theme_watched: bool = False):
    """MkDocs' live-reload server as `mkdocs serve` hands it to the hooks' on_serve: docs/ and
    mkdocs.yml watched (and the theme's folders with --watch-theme), by MkDocs' polling observer."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    monkeypatch.setenv(PREVIEW_POLLING, "1" if polling else "")
    config = load_config(str(project / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(project / "site"))
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    if theme_watched:
        server.watch(str(project / "overrides"))
    return mkdocs_hooks.on_serve(server, config, server.builder)


def test_the_preview_watches_by_the_systems_change_events(project: Path, monkeypatch):
    server = _preview_server(project, monkeypatch, polling=False)
    assert isinstance(server.observer, EditObserver)  # what it notices: test_editing_a_case_updates_the_preview
    assert project / "docs" in {Path(emitter.watch.path) for emitter in server.observer.emitters}


@pytest.mark.parametrize("polling, theme_watched", [(True, False), (False, True)],
                         ids=["--poll", "a-folder-the-hooks-do-not-know"])
def test_the_preview_keeps_polling_when_asked_or_when_it_watches_more(project: Path, monkeypatch,
                                                                     polling, theme_watched):
    server = _preview_server(project, monkeypatch, polling=polling, theme_watched=theme_watched)
    assert type(server.observer) is PollingObserver
    assert project / "docs" in {Path(emitter.watch.path) for emitter in server.observer.emitters}
