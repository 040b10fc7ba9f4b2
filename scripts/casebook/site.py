"""Step 5, site: render the pages, run an engine over them, check and index what it built, and
replace site/ only when all of that succeeds.

The engine sees plain Markdown and files in docs/, so the same tree builds with MkDocs (and
Material) or with Zensical, which reads the same mkdocs.yml but runs no MkDocs hooks. The link
check and the search index are made from the built HTML, the same way for both.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from .built_pages import BuiltPage, read_site, search_docs
from .linkcheck import check_site
from .parallel import in_child_process
from .pipeline import Project, render_site_sources, start_social_cards
from .cards import card_texts, copy_cards
from .search_index import write_search_index
from .settings import SiteSettings

ENGINES = ("mkdocs", "zensical")
# A build's staging folder, beside the site folder: .site-build-<the build's process id>-<random>.
STAGING_PREFIX = ".site-build-"
# Set while `casebook build` runs the engine: the MkDocs hooks then leave rendering and indexing to it.
RENDERED_BY_CASEBOOK = "CASEBOOK_RENDERED"
# Set while `casebook serve` runs: the preview indexes the site for search once, not after every edit.
PREVIEW = "CASEBOOK_PREVIEW"
# The theme's search worker, and the casebook's, which speaks the same protocol (see search_index.py).
THEME_WORKERS = "assets/javascripts/workers/search.*.js"
CASEBOOK_WORKER = "assets/javascripts/casebook-search.js"


class BuildFailed(Exception):
    pass


@dataclass
class BuildReport:
    site_dir: Path
    seconds: dict[str, float] = field(default_factory=dict)  # step → wall-clock seconds

    def timed(self, step: str, started: float) -> None:
        self.seconds[step] = time.perf_counter() - started


def build_site(project: Project, site_dir: Path | None = None, engine: str = "mkdocs") -> BuildReport:
    """Build into a fresh folder beside site/ and swap it in; on failure site/ is untouched.

    The social cards are drawn while the engine runs, and join the built site after it.

    Invalid cases stop the build before anything is written; a built page holding a broken
    internal link or anchor fails it before the swap.
    """
    report = BuildReport(site_dir or project.root / "site")
    started = time.perf_counter()
    settings = SiteSettings.from_config_file(project.config_file)
    # Rendered in a child process: the cases and pages it held go with it, and the engine that
    # follows has that memory (at 10,000 cases, 700 MB of 1.8 GB at the peak).
    texts = in_child_process(lambda: card_texts(render_site_sources(project, settings)))
    report.timed("render", started)
    cards = start_social_cards(project, texts, settings.site_name)
    report.site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_staging(report.site_dir.parent)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=report.site_dir.parent))
    try:
        started = time.perf_counter()
        run_engine(project, engine, staging)
        report.timed(engine, started)
        started = time.perf_counter()
        copy_cards(cards(), staging)
        report.timed("cards", started)  # what drawing them took beyond the engine's time
        started = time.perf_counter()
        pages = read_site(staging)
        _refuse_broken_links(staging, pages)
        index_site(staging, pages)
        report.timed("check_and_index", started)
        _swap(staging, report.site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def run_engine(project: Project, engine: str, site_dir: Path) -> None:
    """Build the rendered docs/ tree into `site_dir` with MkDocs or Zensical."""
    if engine == "mkdocs":
        _run(project, "mkdocs", "build", "--strict", "--site-dir", str(site_dir))
    else:
        # Zensical takes its output folder from mkdocs.yml only; a copy of it points elsewhere.
        config = project.root / ".zensical.yml"
        config.write_text(project.config_file.read_text(encoding="utf-8") + f"\nsite_dir: {site_dir}\n",
                          encoding="utf-8")
        try:
            _run(project, "zensical", "build", "--config-file", str(config))
        finally:
            config.unlink()


def index_site(site_dir: Path, pages: dict[str, BuiltPage] | None = None) -> None:
    """Write the search index of a built site, and put the casebook's worker behind its search box.

    The worker takes the place of the theme's own file rather than of the reference to it in
    every page, so it works whichever engine wrote the pages.
    """
    write_search_index(site_dir, search_docs(read_site(site_dir) if pages is None else pages))
    worker = (site_dir / CASEBOOK_WORKER).read_bytes()
    for theme_worker in site_dir.glob(THEME_WORKERS):
        theme_worker.write_bytes(worker)
    for stale_map in site_dir.glob(THEME_WORKERS + ".map"):
        stale_map.unlink()


def _refuse_broken_links(site: Path, pages: dict[str, BuiltPage]) -> None:
    broken = check_site(site, pages)
    if broken:
        lines = "\n".join(str(link) for link in broken)
        raise BuildFailed(f"{lines}\n站点中有 {len(broken)} 个站内链接或锚点失效；上一次成功构建的站点保持不变")


def serve_site(project: Project, address: str) -> NoReturn:
    """MkDocs' live preview; its hooks render the cases before every rebuild.

    `--dirty` rebuilds only the pages whose Markdown changed; after an edit that changes only a
    case's text, rendering renders only the pages showing that case (preview.py) and rewrites
    only files whose text changed. A dirty build always warns that other pages' navigation may
    be stale, so the preview is not strict; `casebook build` and CI are. Search in the preview
    uses the index of its first build. The preview takes this process's place, so stopping
    `casebook serve` stops it.
    """
    command, env = _engine_command(project, "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", address)
    os.chdir(project.root)
    os.execve(sys.executable, command, env)


def remove_abandoned_staging(folder: Path) -> None:
    """Remove the staging folders of builds that ended without cleaning up (a killed build):
    each is named after its build's process, and is kept while that process runs."""
    for staging in folder.glob(f"{STAGING_PREFIX}*"):
        pid = staging.name.removeprefix(STAGING_PREFIX).partition("-")[0]
        if not (pid.isdigit() and _running(int(pid))):
            shutil.rmtree(staging, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


# The engine runs in a process group of its own, so that stopping a build stops all of it, and
# dies with the build even when the build is killed outright (the kernel sends it SIGKILL when
# its parent dies; PR_SET_PDEATHSIG is 1). Then it runs the engine's module as `python -m` would.
_ENGINE_CHILD = (
    "import ctypes, os, runpy, signal, sys\n"
    "ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)\n"
    "if os.getppid() != int(sys.argv[1]): sys.exit(1)  # the build died before prctl\n"
    "sys.argv = sys.argv[2:]\n"
    "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
)


def _run(project: Project, engine: str, *args: str) -> None:
    command, env = _engine_command(project, engine, *args)
    process = subprocess.Popen([sys.executable, "-c", _ENGINE_CHILD, str(os.getpid()), *command[2:]],
                               cwd=project.root, env=env, process_group=0)
    try:
        returncode = process.wait()
    except BaseException:  # interrupted (Ctrl-C, or SIGTERM turned into SystemExit by the command)
        _stop(process)
        raise
    if returncode != 0:
        raise BuildFailed(f"{engine} {args[0]} 失败；上一次成功构建的站点保持不变")


def _stop(process: subprocess.Popen) -> None:
    """End the engine and anything it started."""
    for signal_number, patience in ((signal.SIGTERM, 5), (signal.SIGKILL, None)):
        try:
            os.killpg(process.pid, signal_number)
        except ProcessLookupError:
            return
        try:
            process.wait(patience)
            return
        except subprocess.TimeoutExpired:
            continue


def _engine_command(project: Project, engine: str, *args: str) -> tuple[list[str], dict[str, str]]:
    command = [sys.executable, "-m", engine, *args]
    if engine == "mkdocs":
        command += ["--config-file", str(project.config_file)]
    # Material's end-of-life banner (2027-05-05) is tracked in README.md; keep build output readable.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env[RENDERED_BY_CASEBOOK if args[0] == "build" else PREVIEW] = "1"
    return command, env


def _swap(new: Path, target: Path) -> None:
    """Put `new` in place of `target` with two renames, so a reader never sees half a site."""
    retired = target.with_name(target.name + ".old")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    new.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
