"""MkDocs hooks: let `mkdocs build` and `mkdocs serve` run the casebook pipeline themselves.

- before each build, the cases are validated and the generated pages rendered into docs/
  (a broken case stops the build before anything is written to site/);
- the theme's search worker is swapped for the casebook's substring search;
- every page's date (sitemap.xml, and the timestamp inside sitemap.xml.gz) comes from the data,
  never from the clock, so two builds of the same cases are byte-identical;
- after the build, the search index is rewritten for that worker.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from mkdocs.exceptions import Abort

from casebook.pipeline import Project, render_site_sources
from casebook.problems import CaseErrors
from casebook.settings import SiteSettings
from casebook.search_index import rewrite_index

_MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
CASEBOOK_WORKER = "assets/javascripts/casebook-search.js"
NO_DATE = "1970-01-01"


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
    _date_pages_from_data([f.page for f in files.documentation_pages() if f.page is not None])
    return env


def _date_pages_from_data(pages) -> None:
    """A page's date is its own `last_reviewed` (case pages carry it in their front matter);
    any other page takes the newest such date, as it lists or introduces those cases. Without
    any, the Unix epoch, which is what a reproducible gzip writes for "no time"."""
    own = {page.file.src_uri: dt.date.fromisoformat(str(page.meta["last_reviewed"])).isoformat()
           for page in pages if "last_reviewed" in page.meta}
    newest = max(own.values(), default=NO_DATE)
    for page in pages:
        page.update_date = own.get(page.file.src_uri, newest)


def on_post_build(config) -> None:
    rewrite_index(Path(config.site_dir))
