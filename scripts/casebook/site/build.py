"""Step 5, site: render the pages, run an engine over them, check and index what it built, and
replace site/ only when all of that succeeds.

The engine sees plain Markdown and files in docs/, so the same tree builds with MkDocs (and
Material) or with Zensical, which reads the same mkdocs.yml but runs no MkDocs hooks. The link
check and the search index are made from the built HTML, the same way for both."""

from __future__ import annotations

import functools
import itertools
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from casebook.built.linkcheck import LastCheck, check_site
from casebook.built.read import BuiltPage, read_site, search_docs
from casebook.built.search_index import INDEX_PATH, SEARCH_DIR, LastIndex, write_search_index
from casebook.core import routes
from casebook.core.parallel import collector_frozen, in_child_process
from casebook.core.project import Project
from casebook.core.settings import SiteSettings
from casebook.exports import export_files
from casebook.library import Library, load_library
from casebook.pages.cards import card_texts, cards_possible, copy_cards, social_cards
from casebook.pages.kinds import arranging_fields
from casebook.pages.render import Renderer
from casebook.pages.write import remove_stale, write_generated
from casebook.site.digests import file_digests
from casebook.site.engine import ZENSICAL_CONFIG, BuildFailed, run_engine
from casebook.site.incremental import (
    BUILT_PAGES,
    CACHE_DIR,
    SEARCH_MEMORY,
    SITE_STAMPS,
    BuiltUpon,
    Manifest,
    RenderMemory,
    build_key,
    hard_link_copy,
    plan_build,
    remember,
    remember_entries,
    remember_stamps,
    remembered,
    remembered_entries,
    remembered_stamps,
    write_changed_list,
)
from casebook.site.preview import Preview, mentions
from casebook.sources.schema import Case, json_schema_text


def check_library(project: Project, paths: list[Path] | None = None) -> Library:
    """The library, checked as a build checks it: its files, and the addresses of the pages it
    makes (two places whose pinyin is the same must not share a page)."""
    library = load_library(project, paths=paths)
    Renderer(library).pages
    return library


def render_site_sources(project: Project, settings: SiteSettings | None = None,
                        preview: Preview | None = None) -> list[Case]:
    """Validate every case and write the generated pages and files into docs/; returns the
    published cases, whose social cards `start_social_cards` draws (from their `card_texts`).

    Case files are checked by a process per core (parallel.py); pages are rendered and written by
    this one. A live `preview` renders again only the pages showing the cases an edit changed,
    when that is all it changed (see preview.py).
    """
    library = load_library(project, settings, preview=preview)
    with collector_frozen():  # the library, and what a preview remembers, live through the render
        try:
            generated, edited = _write_pages(project, library, preview)
            # The pages' plan is gone by now: the downloads of every case are made without it.
            generated += _write_downloads(project, library, preview)
        except BaseException:
            if preview is not None:
                preview.forget_render()  # docs/ may not hold all the render meant to write
            raise
    if edited is None:
        remove_stale(project.docs_dir, generated)
    return list(library.published)


def _write_pages(project: Project, library: Library, preview: Preview | None) -> tuple[list[str], set[str] | None]:
    """Write the pages and the files beside them: all of them, or for a `preview`, only those
    showing the cases an edit changed when that is all it changed (then returned, as `edited`)."""
    renderer = Renderer(library, with_cards=cards_possible(), noted=preview.note if preview else None)
    renderer.pages  # every address planned, and checked, before anything is written
    edited = preview.edited(library, arranging_fields(renderer.kinds)) if preview else None
    shown = None if edited is None else functools.partial(mentions, ids=edited)
    outputs = renderer.outputs(shown, None if edited is None else preview.pages_showing(edited))

    # One process renders them: a forked one would copy every memory page of the library it
    # reads (CPython writes the reference count of each object it touches), 200 MB at 10,000
    # cases, to make the render about a quarter shorter.
    generated = write_generated(project.docs_dir, ((path, make()) for path, make in outputs.items()))
    if preview is not None:
        preview.rendered(renderer.pages)
    return generated, edited


def _write_downloads(project: Project, library: Library, preview: Preview | None) -> list[str]:
    """Write the downloads about all cases (open data, feeds) and the schema; a `preview` makes
    again only the open data of the cases an edit changed."""
    public = list(library.published)
    open_data = None if preview is None else preview.open_data.files(
        public, functools.partial(_generated_bytes, project.docs_dir))
    return write_generated(project.docs_dir, itertools.chain(
        export_files(public, library.taxonomy, library.settings, open_data),
        [(routes.SCHEMA, json_schema_text(library.taxonomy))]))


def _generated_bytes(docs_dir: Path, name: str) -> bytes | None:
    """An open data file as docs/ holds it, if it does."""
    path = routes.generated_target(docs_dir, routes.data_file(name))
    return path.read_bytes() if path.is_file() else None


def start_social_cards(project: Project, texts: dict[str, tuple[str, str]],
                       site_name: str) -> Callable[[], dict[str, Path]]:
    """The social cards saying `texts` (see `card_texts`), drawn on a background thread; returns
    what waits for them, and for the thread to end, after which the process may fork again.

    No page links to a card (only its meta tags name it), so the engine need not see them:
    they are drawn while it builds the pages, on the core it leaves idle, and copied into the
    built site after it (`copy_cards`).
    """
    drawing = ThreadPoolExecutor(1, thread_name_prefix="social-cards")
    cards = drawing.submit(social_cards, texts, site_name, project.root / ".cache" / "cards")

    def drawn() -> dict[str, Path]:
        drawing.shutdown(wait=True)
        return cards.result()

    return drawn


# A build's staging folder, beside the site folder: .site-build-<the build's process id>-<random>.
STAGING_PREFIX = ".site-build-"
# The theme's search worker, and the casebook's, which speaks the same protocol (see search_index.py).
THEME_WORKERS = "assets/javascripts/workers/search.*.js"
CASEBOOK_WORKER = "assets/javascripts/casebook-search.js"


@dataclass
class BuildReport:
    site_dir: Path
    seconds: dict[str, float] = field(default_factory=dict)  # step → wall-clock seconds
    kind: str = "完整构建"  # full or incremental, and why (incremental.Plan.summary)

    def timed(self, step: str, started: float) -> None:
        self.seconds[step] = time.perf_counter() - started


class SiteBuild:
    """The steps of one build around its engine, the same for `casebook build` and for MkDocs'
    hooks (a plain `mkdocs build` or `mkdocs serve`): `render` before the engine builds the
    pages, `finish` after it.

    `casebook build` adds what only it can do: rendering in a child process, a staging folder,
    the swap into site/ (`build_site`). The live preview (`preview`) re-renders only what an
    edit touched, indexes the site for search once, and skips the link check of the whole site
    after every edit.
    """

    def __init__(self, project: Project, settings: SiteSettings | None = None, preview: Preview | None = None):
        self.project = project
        self.settings = settings or SiteSettings.from_config_file(project.config_file)
        self.preview = preview
        self.report = BuildReport(project.root / "site")
        self._cards: Callable[[], dict[str, Path]] | None = None

    def render(self, in_child: bool = False, memory: RenderMemory | None = None) -> dict[str, str] | None:
        """Validate and render the cases into docs/, and start drawing their social cards. Raises
        CaseErrors before anything is written if a case file has a problem. `in_child`: in a child
        process, whose memory is given back before the engine starts (at 10,000 cases, 700 MB of
        1.8 GB at the peak). `memory`: what the last build's render knew (incremental.py); with it,
        returns the hashes of docs/ as rendered, which it remembers."""
        started = time.perf_counter()

        def render() -> tuple[dict[str, tuple[str, str]], dict[str, str] | None]:
            if memory is None:
                return card_texts(render_site_sources(self.project, self.settings, self.preview)), None
            with memory.preview() as remembered:
                cases = render_site_sources(self.project, self.settings, remembered)
            return card_texts(cases), memory.rendered_docs

        texts, docs = in_child_process(render) if in_child else render()
        self.report.timed("render", started)
        self._cards = start_social_cards(self.project, texts, self.settings.site_name)
        return docs

    def finish(self, site_dir: Path, remembered_as: str | None = None, built_upon: BuiltUpon | None = None) -> None:
        """Put the cards into the built site, check its internal links (raises BuildFailed) and
        write its search index. `remembered_as`: the build key under which the cache keeps the
        pages as read and what updating the search index needs, so that the next build reads again
        only the pages that changed and indexes again only their text; `built_upon`: the site an
        incremental build started from, whose unchanged pages' links need no check unless
        something they may link to went, and whose search index is updated."""
        started = time.perf_counter()
        if self._cards is not None:
            if self.preview is None:
                copy_cards(self._cards(), site_dir)
            else:
                self.preview.put_cards(self._cards(), site_dir)
        self.report.timed("cards", started)  # what drawing them took beyond the engine's time
        started = time.perf_counter()
        if self.preview is None:
            known = remembered_entries(self.project, BUILT_PAGES, remembered_as) if remembered_as else None
            pages = read_site(site_dir, known)
            _refuse_broken_links(site_dir, pages, LastCheck(built_upon.files, known) if built_upon and known else None)
            index = index_site(site_dir, pages, self._last_index(remembered_as, built_upon))
            if index["updated"]:
                self.report.kind += "，搜索索引只更新了有变的部分"
            if remembered_as:
                remember_entries(self.project, BUILT_PAGES, remembered_as, {page.digest: page for page in pages.values()})
                # Kept before the swap: should the build fail after it, this is the memory of an index
                # no site has, and the next build's check of its version turns it down.
                remember(self.project, SEARCH_MEMORY, remembered_as, index["memory"])
        elif not (site_dir / INDEX_PATH).is_file():
            index_site(site_dir)  # the preview's search uses the index of its first build
        self.report.timed("check_and_index", started)

    def _last_index(self, remembered_as: str | None, built_upon: BuiltUpon | None) -> LastIndex | None:
        """The search index of the site an incremental build started from, with what updating it
        needs, when the cache keeps that for this build key."""
        memory = remembered(self.project, SEARCH_MEMORY, remembered_as) if built_upon and remembered_as else None
        return LastIndex(built_upon.site_dir / SEARCH_DIR, built_upon.files, memory) if memory else None


@collector_frozen()  # what the build unpickles from its cache stays frozen until it ends (incremental.py)
def build_site(project: Project, site_dir: Path | None = None, engine: str = "mkdocs",
               settings: SiteSettings | None = None) -> BuildReport:
    """Build into a fresh folder beside site/ and swap it in; on failure site/ is untouched.
    `settings` (by default mkdocs.yml's, or the environment's) give every absolute address.

    The social cards are drawn while the engine runs, and join the built site after it. When the
    last build's cache can be trusted, the engine builds only the pages whose Markdown changed,
    over a hard-linked copy of site/ (incremental.py); the result is the same either way.

    Invalid cases stop the build before anything is written; a built page holding a broken
    internal link or anchor fails it before the swap.
    """
    build = SiteBuild(project, settings)
    report = build.report
    report.site_dir = site_dir or report.site_dir
    key = build_key(project, engine, build.settings)
    docs = build.render(in_child=True, memory=RenderMemory(project, key))
    started = time.perf_counter()
    stamps = remembered_stamps(project, SITE_STAMPS)
    plan = plan_build(project, report.site_dir, engine, key, docs, stamps)
    report.kind = plan.summary
    report.timed("plan", started)
    report.site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_staging(report.site_dir.parent)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=report.site_dir.parent))
    # mkdtemp's folder is its owner's alone; the site is for a web server to read, and `rsync -a`
    # copies modes: it gets the mode of the folder it is built in, as a folder made there would.
    staging.chmod(stat.S_IMODE(report.site_dir.parent.stat().st_mode))
    changed_list = None
    try:
        started = time.perf_counter()
        if plan.full_because is None:
            hard_link_copy(report.site_dir, staging)
            changed_list = write_changed_list(project, plan)
        run_engine(project, engine, staging, build.settings, changed_list)
        report.timed(engine, started)
        build.finish(staging, remembered_as=key, built_upon=plan.built_upon)
        made = Manifest(plan.key, plan.docs, file_digests(staging, stamps))
        _swap(staging, report.site_dir)
        made.save(project)
        stamps.restamp(report.site_dir)
        remember_stamps(project, SITE_STAMPS, stamps)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if changed_list is not None:
            changed_list.unlink(missing_ok=True)
    return report


def index_site(site_dir: Path, pages: dict[str, BuiltPage] | None = None, last: LastIndex | None = None) -> dict:
    """Write the search index of a built site (updating `last`, the index of the site it was built
    upon, where it can), and put the casebook's worker behind its search box; returns the index's
    figures (write_search_index), with whether it was updated and what the next build needs to
    update it.

    The worker takes the place of the theme's own file rather than of the reference to it in
    every page, so it works whichever engine wrote the pages.
    """
    pages = read_site(site_dir) if pages is None else pages
    # Files are unlinked, not overwritten: an incremental build's files are hard links to site/'s.
    shutil.rmtree(site_dir / SEARCH_DIR, ignore_errors=True)
    figures = write_search_index(site_dir, search_docs(pages), last)
    worker = (site_dir / CASEBOOK_WORKER).read_bytes()
    for theme_worker in site_dir.glob(THEME_WORKERS):
        theme_worker.unlink()
        theme_worker.write_bytes(worker)
    for stale_map in site_dir.glob(THEME_WORKERS + ".map"):
        stale_map.unlink()
    return figures


def _refuse_broken_links(site: Path, pages: dict[str, BuiltPage], since: LastCheck | None = None) -> None:
    broken = check_site(site, pages, since)
    if broken:
        lines = "\n".join(str(link) for link in broken)
        raise BuildFailed(f"{lines}\n站点中有 {len(broken)} 个站内链接或锚点失效；上一次成功构建的站点保持不变")


def generated_paths(project: Project) -> list[Path]:
    """Everything a build makes in a project, and nothing else: the site, what builds leave beside
    it, the incremental build's cache, and the generated folders and files of docs/."""
    root = project.root
    made = [root / "site", root / "site.old", root / ZENSICAL_CONFIG, root / CACHE_DIR, *root.glob(f"{STAGING_PREFIX}*")]
    return made + [project.docs_dir / name for name in (*routes.GENERATED_DIRS, *routes.GENERATED_FILES)]


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


def _swap(new: Path, target: Path) -> None:
    """Put `new` in place of `target` with two renames, so a reader never sees half a site."""
    retired = target.with_name(target.name + ".old")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    new.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
