"""The engines: MkDocs or Zensical build the rendered docs/ tree; MkDocs serves the live preview.
The engine runs in a process group of its own and dies with the build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import yaml

from casebook.core.project import Project
from casebook.core.settings import SiteSettings

ENGINES = ("mkdocs", "zensical")
# Zensical takes its output folder from its configuration only: a copy of mkdocs.yml says where.
ZENSICAL_CONFIG = ".zensical.yml"
# Set in that copy: the page templates then put the casebook's own search box in the header
# (overrides/partials/search.html), as Zensical's box speaks another protocol to its worker.
OWN_SEARCH_BOX = "casebook_search_box"

# Set while `casebook build` runs the engine: the MkDocs hooks then leave rendering and indexing to it.
RENDERED_BY_CASEBOOK = "CASEBOOK_RENDERED"

# Set while `casebook build` runs MkDocs' dirty mode: the file listing the docs/ files that changed.
CHANGED_DOCS = "CASEBOOK_CHANGED_DOCS"

# Set while `casebook serve` runs: the preview indexes the site for search once, not after every edit.
PREVIEW = "CASEBOOK_PREVIEW"

# Set by `casebook serve --poll`: the preview looks for changes as MkDocs does, by walking the
# watched folders twice a second, where the system sends no change events (see mkdocs_hooks.on_serve).
PREVIEW_POLLING = "CASEBOOK_PREVIEW_POLLING"


class BuildFailed(Exception):
    pass


def run_engine(project: Project, engine: str, site_dir: Path, settings: SiteSettings,
               changed_list: Path | None = None) -> None:
    """Build the rendered docs/ tree into `site_dir` with MkDocs or Zensical, at the site address
    of `settings` (its sitemap, canonical links and 404 page follow it). `changed_list`: a dirty
    MkDocs build over the previous site, of the docs/ files it lists (incremental.py)."""
    if engine == "mkdocs":
        # The hooks give MkDocs the site address from the environment (mkdocs_hooks.on_config).
        dirty = {CHANGED_DOCS: str(changed_list)} if changed_list else {}
        _run(project, settings, "mkdocs", "build", "--strict", *(["--dirty"] if dirty else []),
             "--site-dir", str(site_dir), environment=dirty)
    else:
        config = project.root / ZENSICAL_CONFIG
        config.write_text(zensical_config(project, site_dir, settings), encoding="utf-8")
        try:
            _run(project, settings, "zensical", "build", "--config-file", str(config))
        finally:
            config.unlink()


def zensical_config(project: Project, site_dir: Path, settings: SiteSettings) -> str:
    """mkdocs.yml as Zensical is to read it: Zensical runs no hooks and takes its output folder
    from its configuration only, so the copy says where, at which address, and with which search box."""
    config = yaml.safe_load(project.config_file.read_text(encoding="utf-8"))
    config.update(site_dir=str(site_dir), site_url=str(settings.site_url))
    config.setdefault("extra", {})[OWN_SEARCH_BOX] = True
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def serve_site(project: Project, address: str, polling: bool = False) -> NoReturn:
    """MkDocs' live preview; its hooks render the cases before every rebuild.

    `--dirty` rebuilds only the pages whose Markdown changed; after an edit that changes only a
    case's text, rendering renders only the pages showing that case (preview.py) and rewrites
    only files whose text changed. A dirty build always warns that other pages' navigation may
    be stale, so the preview is not strict; `casebook build` and CI are. Search in the preview
    uses the index of its first build. The preview takes this process's place, so stopping
    `casebook serve` stops it. `polling`: notice changes by walking the watched folders, for
    folders the system sends no change events about.
    """
    command, env = _engine_command(project, None, "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", address)
    if polling:
        env[PREVIEW_POLLING] = "1"
    os.chdir(project.root)
    os.execve(sys.executable, command, env)


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


def _run(project: Project, settings: SiteSettings, engine: str, *args: str,
         environment: dict[str, str] | None = None) -> None:
    command, env = _engine_command(project, settings, engine, *args)
    env.update(environment or {})
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


def _engine_command(project: Project, settings: SiteSettings | None, engine: str,
                    *args: str) -> tuple[list[str], dict[str, str]]:
    command = [sys.executable, "-m", engine, *args]
    if engine == "mkdocs":
        command += ["--config-file", str(project.config_file)]
    # Material's end-of-life banner (2027-05-05) is tracked in README.md; keep build output readable.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(settings.environment() if settings else {})}
    env[RENDERED_BY_CASEBOOK if args[0] == "build" else PREVIEW] = "1"
    return command, env
