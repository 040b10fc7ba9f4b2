"""MkDocs hooks: let `mkdocs build` and `mkdocs serve` run the casebook's build steps themselves.

The steps around the engine are one object, `SiteBuild` (build.py): `render` before the engine,
`finish` after it. `casebook build` runs them itself (and renders in a child process, builds into
a staging folder and swaps it in); it tells the engine so with CASEBOOK_RENDERED, and these hooks
then leave both steps to it. Run as plain `mkdocs build` or `mkdocs serve`, the hooks run them:

- before each build, the cases are validated and the generated pages rendered into docs/
  (a broken case stops the build before anything is written to site/), and the social cards
  start being drawn;
- after it, the cards join the site, the internal links are checked (not in the live preview,
  which rebuilds only what an edit touched) and the search index is written.

Always:
- MkDocs' own lines in the terminal are in Chinese, and those about how the casebook runs it are
  left out (engine_log.py);
- Material's search plugin keeps its search box but indexes nothing and writes no index:
  cutting every page with jieba is a third of a large build, and the casebook writes its own;
- in `casebook serve`, a broken case file does not stop the preview: the last good pages stay,
  and each page shows the problem lines (written to preview-problems.json, which casebook.js reads);
- the site's address is the casebook's (casebook build --site-url, CASEBOOK_SITE_URL, else
  mkdocs.yml's; see core/settings.py), so the sitemap, canonical links, og:url and the 404 page
  agree with the permalinks, QR codes, citations and feeds; the preview keeps MkDocs' own;
- every page's date (sitemap.xml, and the timestamp inside sitemap.xml.gz) comes from the data,
  never from the clock, so two builds of the same cases are byte-identical;
- an incremental `casebook build` runs MkDocs' dirty mode over the previous site, made exact by
  `DirtyBuild` (dirty_build.py): the pages built are those whose Markdown changed.

Under `casebook build` the engine's process renders nothing, so the steps (build.py) and the live
preview (preview.py) are imported only when the hooks run them: the libraries they bring weigh
150 MB, in a process that holds every page of a large site besides.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import Abort

from casebook.core import routes
from casebook.core.problems import CaseErrors
from casebook.core.project import Project
from casebook.core.settings import SettingsError, SiteSettings
from casebook.site.dirty_build import DirtyBuild
from casebook.site.engine import PREVIEW, PREVIEW_POLLING, RENDERED_BY_CASEBOOK, BuildFailed
from casebook.site.engine_log import speak_chinese

if TYPE_CHECKING:
    from casebook.site.build import SiteBuild
    from casebook.site.preview import Preview

NO_DATE = "1970-01-01"
# In the live preview only: the problems of the last render (an empty list when there are none).
PREVIEW_PROBLEMS = "preview-problems.json"
# What `casebook serve` keeps between rebuilds, so an edit re-renders only what it touched.
_preview: Preview | None = None
if os.environ.get(PREVIEW) == "1":
    from casebook.site.preview import live_preview
    _preview = live_preview()
# This build's steps around the engine: set before it, finished after it. None while `casebook
# build`, which runs the same steps itself, is the one running MkDocs.
_build: SiteBuild | None = None
# Set when `casebook build` builds incrementally (MkDocs' --dirty over the previous site).
_dirty = DirtyBuild.from_environment()
# Each page's HTML, compressed, from its conversion until it is written (on_page_content).
_waiting_html: dict[str, bytes] = {}
speak_chinese()  # MkDocs' lines in the terminal, in Chinese (engine_log.py)


def on_config(config):
    if _preview is not None:  # pages ask the preview for problems in the case files (casebook.js)
        config.extra["casebook_preview_problems"] = PREVIEW_PROBLEMS
        # No one reads the preview's sitemap, and at 10,000 cases writing it took half a second of every rebuild.
        config.theme.static_templates.discard("sitemap.xml")
    else:  # the preview serves at its own address (mkdocs serve sets site_url to it)
        config.site_url = _settings(config).site_url
    search = config.plugins.get("material/search")
    if search is not None:
        config.plugins.events["page_context"].remove(search.on_page_context)
        config.plugins.events["post_build"].remove(search.on_post_build)
    return config


def on_pre_build(config) -> None:
    global _build
    _build = None
    if os.environ.get(RENDERED_BY_CASEBOOK) == "1":
        return
    from casebook.site.build import SiteBuild  # only here: see the module's docstring

    build = SiteBuild(Project(Path(config.config_file_path).resolve().parent), _settings(config), _preview)
    try:
        build.render()
    except CaseErrors as errors:
        if _preview is None:
            raise Abort(f"案例文件有 {len(errors.problems)} 处问题，未构建站点：\n{errors}") from None
        # The preview keeps showing the last good pages, and each page shows the problems
        # (casebook.js reads them), rather than waiting for a build that never comes.
        _preview.problems = [str(problem) for problem in errors.problems]
        logging.getLogger("mkdocs").warning(f"案例文件有 {len(errors.problems)} 处问题，预览仍是上一次成功渲染的页面：\n{errors}")
        return
    if _preview is not None:
        _preview.problems = []
    _build = build


def _settings(config) -> SiteSettings:
    try:
        return SiteSettings.from_config_file(Path(config.config_file_path))
    except SettingsError as error:
        raise Abort(str(error)) from None


def on_files(files, config):
    if _dirty is not None:
        _dirty.mark(files, config)
    return files


def on_env(env, config, files):
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    if _dirty is not None:
        _dirty.prepare(config, pages)
    if _preview is None:  # the dates are the sitemap's, which the preview does without
        _date_pages_from_data(pages)
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


def on_page_content(html, page, config, files):
    """MkDocs turns every page into HTML before it writes any: at 10,000 cases all the pages' HTML
    and Markdown would be in memory at once (most of the build's peak). The Markdown is not read
    again (the title came from the render or the front matter); the HTML waits compressed, a
    fifth of its size, until its page is written."""
    page.markdown = ""
    _waiting_html[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
    return ""


def on_page_context(context, page, config, nav):
    page.content = zlib.decompress(_waiting_html.pop(page.file.src_uri)).decode("utf-8")
    return context


def on_post_page(output, page, config):
    page.content = ""  # written: held no longer
    return output


def on_serve(server, config, builder):
    """Each rebuild renders the generated pages into docs/ itself; watched there, those writes set
    off a second rebuild, and a second reload, after every edit. So of docs/ only what people
    write is watched: its top level (new pages too) and its hand-written folders (one added while
    the preview runs is watched from its next start).

    Changes are noticed by the system's own events rather than MkDocs' polling (see
    `_watch_by_events`), unless `casebook serve --poll` asked for polling."""
    docs = Path(config.docs_dir)
    server.unwatch(config.docs_dir)
    if os.environ.get(PREVIEW_POLLING) != "1":
        _watch_by_events(server, config)
    server.watch(config.docs_dir, recursive=False)
    for entry in sorted(docs.iterdir()):
        if entry.is_dir() and entry.name not in routes.GENERATED_DIRS:
            server.watch(str(entry))
    return server


def _watch_by_events(server, config) -> None:
    """Let the system say what was edited (watching.py). Done before MkDocs adds the `watch`
    folders of mkdocs.yml (cases/ among them); of what it watched already, only docs/ (watched
    again by the caller) and mkdocs.yml are known here, so anything else (`mkdocs serve
    --watch-theme`) keeps MkDocs' polling."""
    from casebook.site.watching import EditObserver

    server.unwatch(config.config_file_path)
    if not server.observer.emitters:
        server.observer = EditObserver()
    server.watch(config.config_file_path)


def on_post_build(config) -> None:
    site = Path(config.site_dir)
    if _dirty is not None:
        _dirty.prune(config)
    if _preview is not None:
        (site / PREVIEW_PROBLEMS).write_text(json.dumps(_preview.problems, ensure_ascii=False), encoding="utf-8")
    if _build is None:
        return
    try:
        _build.finish(site)
    except BuildFailed as failed:
        raise Abort(str(failed)) from None
