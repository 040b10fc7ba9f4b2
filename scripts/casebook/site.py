"""Step 5, site: run MkDocs over the rendered pages, replacing site/ only when the build succeeds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .linkcheck import check_site
from .pipeline import Project


class BuildFailed(Exception):
    pass


def build_site(project: Project, site_dir: Path | None = None) -> Path:
    """Build into a fresh folder beside site/ and swap it in; on failure site/ is untouched.

    A build whose pages hold a broken internal link or anchor is a failed build.
    """
    site_dir = site_dir or project.root / "site"
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        _mkdocs(project, "build", "--strict", "--site-dir", str(staging))
        _refuse_broken_links(staging)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return site_dir


def _refuse_broken_links(site: Path) -> None:
    broken = check_site(site)
    if broken:
        lines = "\n".join(str(link) for link in broken)
        raise BuildFailed(f"{lines}\n站点中有 {len(broken)} 个站内链接或锚点失效；上一次成功构建的站点保持不变")


def serve_site(project: Project, address: str) -> None:
    _mkdocs(project, "serve", "--dev-addr", address)


def _mkdocs(project: Project, *args: str) -> None:
    command = [sys.executable, "-m", "mkdocs", *args, "--config-file", str(project.root / "mkdocs.yml")]
    # Material's end-of-life banner (2027-05-05) is tracked in README.md; keep build output readable.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if subprocess.run(command, cwd=project.root, env=env).returncode != 0:
        raise BuildFailed(f"mkdocs {args[0]} 失败；上一次成功构建的站点保持不变")


def _swap(new: Path, target: Path) -> None:
    """Put `new` in place of `target` with two renames, so a reader never sees half a site."""
    retired = target.with_name(target.name + ".old")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    new.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
