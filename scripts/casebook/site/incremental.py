"""Incremental builds: after a small edit, the engine builds only the pages whose Markdown changed,
into a hard-linked copy of the previous site, and the result is the same bytes a full build gives.

The cache (.cache/casebook/last-build.json) records, for the last successful build: a key made of
everything that touches every page (the casebook's code and templates, mkdocs.yml, the theme's
overrides, the taxonomy and the measures, the Python packages' versions, the engine and the site's
address), the hash of every file of docs/ it was built from, and the hash of every file of the site
it made. A build is incremental only when the key is the same and site/ still holds exactly those
files; anything else (no cache, another key, site/ edited or missing files) is a full build, and
the build says which it did and why.

In the engine's process (`DirtyBuild`, dirty_build.py, from the MkDocs hooks), MkDocs' `--dirty`
mode is told which files changed by their hashes, not by their times, and every file it is about
to write is unlinked first, so the previous site/, hard-linked into the staging folder, is never
written through.

Under the same key the cache also keeps what the last render knew (`RenderMemory`: case files are
checked again only when their bytes change; a text edit renders only the pages showing the case)
and the built pages as read (`BUILT_PAGES`: the link check and the search index parse again only
the pages whose bytes changed). These are pickles the build itself wrote; like the code in scripts/,
whoever can write the project folder is trusted with them.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib.metadata
import json
import os
import pickle
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import casebook
from casebook.core import routes
from casebook.core.parallel import freeze_held
from casebook.core.project import Project
from casebook.core.settings import SiteSettings
from casebook.core.tree import link_or_copy
from casebook.site.digests import Stamps, file_digests
from casebook.site.preview import Preview
from casebook.vocabularies.measures import METRICS_FILE
from casebook.vocabularies.taxonomy import TAXONOMY_FILE

CACHE_DIR = Path(".cache") / "casebook"
MANIFEST = "last-build.json"
RENDER_MEMORY = "last-render.pickle"
BUILT_PAGES = "built-pages.pickle"  # the last site's pages as read for the link check and search
SEARCH_MEMORY = "search-memory.pickle"  # what updating the last site's search index needs
# The hashes of docs/' and the site's files, by the files' stamps (digests.py); valid whatever the
# build key, as they say only what a file held.
DOCS_STAMPS, SITE_STAMPS = "docs-stamps.pickle", "site-stamps.pickle"
STAMPS_FORMAT = "sha256 by (st_dev, st_ino), with (st_size, st_mtime_ns) and st_ctime_ns"
# How a hand-written page includes generated text (docs/index.md includes _generated/home.md).
SNIPPET_MARK = b"--8<--"
_SNIPPETS = routes.HOME_SNIPPET.partition("/")[0] + "/"  # the folder of such text, not served itself


def cache_dir(project: Project) -> Path:
    return project.root / CACHE_DIR


def build_key(project: Project, engine: str, settings: SiteSettings) -> str:
    """The hash of everything that touches every page: when it changes, every page is built again."""
    key = hashlib.sha256()
    # The code this process runs, and the project's copy, whose hooks MkDocs runs (mkdocs.yml).
    for folder in (Path(casebook.__file__).parent, project.root / "scripts" / "casebook", project.root / "overrides"):
        digests = file_digests(folder) if folder.is_dir() else {}
        key.update(json.dumps({p: d for p, d in digests.items() if "__pycache__" not in p}).encode())
    for path in (project.config_file, project.cases_dir / TAXONOMY_FILE, project.cases_dir / METRICS_FILE):
        key.update(hashlib.sha256(path.read_bytes() if path.is_file() else b"").digest())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    address = [f"{name}={value}" for name, value in sorted(settings.environment().items())]
    key.update("\n".join([sys.version, engine, *address, *packages]).encode())
    return key.hexdigest()


@dataclass
class Manifest:
    """What the last successful build was made of, and what it made."""

    key: str
    docs: dict[str, str]  # docs/ file → hash
    site: dict[str, str]  # site file → hash

    @classmethod
    def load(cls, project: Project) -> Manifest | None:
        try:
            data = json.loads((cache_dir(project) / MANIFEST).read_text(encoding="utf-8"))
            return cls(str(data["key"]), dict(data["docs"]), dict(data["site"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, project: Project) -> None:
        folder = cache_dir(project)
        folder.mkdir(parents=True, exist_ok=True)
        written = folder / f"{MANIFEST}.{os.getpid()}"
        written.write_text(json.dumps(self.__dict__, sort_keys=True), encoding="utf-8")
        written.replace(folder / MANIFEST)  # never half a manifest


@dataclass(frozen=True)
class BuiltUpon:
    """The site an incremental build starts from, and the hash of each of its files (by path below
    it), which the plan found unchanged since the build that made it."""

    site_dir: Path
    files: dict[str, str]


@dataclass
class Plan:
    """Which build to do: incremental (`full_because` None, the engine builds `changed`), or full."""

    key: str
    docs: dict[str, str]
    full_because: str | None = None
    changed: list[str] = field(default_factory=list)
    built_upon: BuiltUpon | None = None  # incremental: the site it starts from

    @property
    def summary(self) -> str:
        if self.full_because is None:
            return f"增量构建（{len(self.changed)} 个文件有变）"
        return f"完整构建（{self.full_because}）"


def remembered(project: Project, name: str, key: str) -> object | None:
    """What the build kept in the cache as `name` under this build key, if anything."""
    try:
        with (cache_dir(project) / name).open("rb") as file, _uncollected():
            kept_as, value = pickle.load(file)  # the build's own cache, written by `remember`
    except Exception:  # none, or another version's: made afresh
        return None
    return value if kept_as == key else None


def remember(project: Project, name: str, key: str, value: object) -> None:
    with _written(project, name) as file:
        pickle.dump((key, value), file, pickle.HIGHEST_PROTOCOL)


# Entries pickled together: pickle remembers every object it writes until the end of a dump, which
# for the pages of 10,000 cases was 530 MB at the build's peak; a batch at a time, a few MB.
_BATCH = 500


def remember_entries(project: Project, name: str, key: str, entries: dict) -> None:
    """`remember` for a large dict, written a batch of entries at a time (`remembered_entries`)."""
    items = list(entries.items())
    with _written(project, name) as file:
        pickle.dump((key, len(items)), file, pickle.HIGHEST_PROTOCOL)
        for start in range(0, len(items), _BATCH):  # each its own pickle, remembering only its own objects
            pickle.dump(items[start:start + _BATCH], file, pickle.HIGHEST_PROTOCOL)


def remembered_entries(project: Project, name: str, key: str) -> dict | None:
    """The dict `remember_entries` kept as `name` under this build key, if any."""
    try:
        with (cache_dir(project) / name).open("rb") as file, _uncollected():
            kept_as, count = pickle.load(file)  # the build's own cache, written by `remember_entries`
            if kept_as != key:
                return None
            entries: dict = {}
            while len(entries) < count:
                entries.update(pickle.load(file))
            return entries
    except Exception:  # none, or another version's: made afresh
        return None


def remembered_stamps(project: Project, name: str) -> Stamps:
    """The hashes a build kept as `name` by the files' stamps (`remember_stamps`)."""
    return Stamps(remembered(project, name, STAMPS_FORMAT))


def remember_stamps(project: Project, name: str, stamps: Stamps) -> None:
    """Keep the hashes of the files `stamps` hashed, for the next build."""
    remember(project, name, STAMPS_FORMAT, stamps.kept)


@contextlib.contextmanager
def _uncollected() -> Iterator[None]:
    """No cyclic garbage collection while unpickling, and what was unpickled not looked at by it
    afterwards, until the build ends (`freeze_held`, within build.build_site's frozen block): it
    makes millions of objects, none of them garbage, that live as long as the build, and the
    collector, run every so many new objects, walked them all again and again (at 10,000 cases the
    pages read by the last build took 5.3 s to load, without it 1.5 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        freeze_held()
        if enabled:
            gc.enable()


@contextlib.contextmanager
def _written(project: Project, name: str) -> Iterator[BinaryIO]:
    """A cache file to write, put in place only once it is whole."""
    path = cache_dir(project) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    written = path.with_name(f"{name}.{os.getpid()}")
    with written.open("wb") as file:
        yield file
    written.replace(path)  # never half a file


@dataclass
class RenderMemory:
    """What the last render knew (preview.py's `Preview`: each case file's checked case, by the hash
    of its bytes, and the cases it rendered), kept in the cache under the build's key. With it an
    unchanged file is not checked again, and an edit to a case's text renders only the pages that
    show the case, when docs/ still holds what that render wrote."""

    project: Project
    key: str
    rendered_docs: dict[str, str] | None = None  # file_digests of docs/ after the render, once it succeeded

    @contextlib.contextmanager
    def preview(self) -> Iterator[Preview]:
        """The remembered preview (a new one if there is none for this key); remembered again,
        with what docs/ then holds (`rendered_docs`), after a render that succeeds."""
        kept = remembered(self.project, RENDER_MEMORY, self.key)
        docs, preview = kept if isinstance(kept, tuple) else (None, Preview())
        stamps = remembered_stamps(self.project, DOCS_STAMPS)
        if docs != file_digests(self.project.docs_dir, stamps):
            preview.forget_render()
        yield preview
        self.rendered_docs = file_digests(self.project.docs_dir, stamps)
        remember(self.project, RENDER_MEMORY, self.key, (self.rendered_docs, preview))
        remember_stamps(self.project, DOCS_STAMPS, stamps)


def plan_build(project: Project, site_dir: Path, engine: str, key: str, docs: dict[str, str] | None = None,
               stamps: Stamps | None = None) -> Plan:
    """Incremental when the last build's cache is trustworthy: the same key, site/ unchanged since.
    `docs`: the file_digests of docs/, when the render has just taken them; `stamps`: the hashes
    of site/'s files as the last build kept them."""
    plan = Plan(key, file_digests(project.docs_dir) if docs is None else docs)
    before = Manifest.load(project)
    if engine != "mkdocs":
        plan.full_because = f"{engine} 不支持增量构建"
    elif before is None:
        plan.full_because = "没有上次构建的缓存"
    elif before.key != plan.key:
        plan.full_because = "代码、模板、主题、配置、分类词表、依赖版本或站点地址有变"
    elif not site_dir.is_dir() or file_digests(site_dir, stamps) != before.site:
        plan.full_because = f"{site_dir.name}/ 与上次构建的结果不一致"
    else:
        plan.changed = changed_docs(project.docs_dir, before.docs, plan.docs)
        plan.built_upon = BuiltUpon(site_dir, before.site)
    return plan


def changed_docs(docs_dir: Path, before: dict[str, str], now: dict[str, str]) -> list[str]:
    """The docs/ files that are new or changed, and the pages that include a changed snippet."""
    changed = {path for path, digest in now.items() if before.get(path) != digest}
    if any(not _served(path) for path in changed):
        changed |= {path for path in now if path.endswith(".md") and _served(path)
                    and "/" not in path and SNIPPET_MARK in (docs_dir / path).read_bytes()}
    return sorted(changed)


def _served(path: str) -> bool:
    """Whether a docs/ file is a page or file of the site itself, not text pages include."""
    return not path.startswith(_SNIPPETS)


def hard_link_copy(site_dir: Path, staging: Path) -> None:
    """The previous site, in the staging folder, as hard links: no file is copied (but where the
    file system cannot link, a site/ mounted on its own, say). Walked by os.walk, not
    shutil.copytree, whose copying of each folder's times and modes doubled the time (10,000 cases:
    2.8 s, now 1.3 s); the folders get the modes a build gives the folders it makes."""
    for folder, _, files in os.walk(site_dir):
        target = os.path.join(staging, os.path.relpath(folder, site_dir))
        os.makedirs(target, exist_ok=True)
        for name in files:
            link_or_copy(os.path.join(folder, name), os.path.join(target, name))


def write_changed_list(project: Project, plan: Plan) -> Path:
    """The list of changed docs/ files that the engine's dirty build reads (`DirtyBuild`)."""
    listed = cache_dir(project) / f"changed-{os.getpid()}.json"
    listed.parent.mkdir(parents=True, exist_ok=True)
    listed.write_text(json.dumps(plan.changed), encoding="utf-8")
    return listed
