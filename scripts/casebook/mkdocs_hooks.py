"""MkDocs hooks: let `mkdocs build` and `mkdocs serve` run the casebook pipeline themselves.

- before each build, the cases are validated and the generated pages rendered into docs/
  (a broken case stops the build before anything is written to site/);
- the theme's search worker is swapped for the casebook's substring search;
- after the build, the search index is rewritten for that worker.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import Abort

from casebook.pipeline import Project, render_site_sources
from casebook.problems import CaseErrors
from casebook.render import SiteSettings
from casebook.search_index import rewrite_index

_MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
CASEBOOK_WORKER = "assets/javascripts/casebook-search.js"


def _project(config) -> Project:
    return Project(Path(config.config_file_path).resolve().parent)


def on_pre_build(config) -> None:
    try:
        settings = SiteSettings(site_url=config.site_url, repository=config.extra["repository"])
        render_site_sources(_project(config), settings)
    except CaseErrors as errors:
        raise Abort(f"案例文件有 {len(errors.problems)} 处问题，未构建站点：\n{errors}") from None


def on_env(env, config, files):
    env.filters["casebook_search_worker"] = lambda text: _MATERIAL_WORKER.sub(CASEBOOK_WORKER, text)
    return env


def on_post_build(config) -> None:
    rewrite_index(Path(config.site_dir))
