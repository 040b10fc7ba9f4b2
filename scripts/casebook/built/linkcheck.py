"""Every internal link and anchor of a built site resolves: a check over the HTML that MkDocs wrote.

MkDocs' --strict mode checks the links written in Markdown; this checks what a reader clicks,
theme and templates included. Links to other sites are left to the scheduled external check
(.github/workflows/external-links.yml), so an unreachable government site never fails a build.
"""

from __future__ import annotations

import argparse
import posixpath
import sys
from collections.abc import Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from casebook.built.read import BuiltPage, read_site
from casebook.built.search_index import SEARCH_DIR
from casebook.core.project import Project
from casebook.core.tree import entries_below

# Schemes that run or embed code in the page: never a link the casebook writes, except the
# theme's do-nothing link on its search share button.
_ACTIVE_SCHEMES = ("javascript", "vbscript", "data")
_NO_OP_LINKS = ("javascript:void(0)",)
_WRITTEN_AFTER = f"{SEARCH_DIR.as_posix()}/"  # what a build writes once its links are checked


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # the page holding the link, relative to the site folder
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href}: {self.reason}"


def check_site(site_dir: Path, pages: dict[str, BuiltPage] | None = None,
               since: LastCheck | None = None) -> list[BrokenLink]:
    """Every internal link in `site_dir` whose page or anchor does not exist, in page order.

    `pages` are the site's pages when the caller has read them already (see built_pages); `since`,
    the last site whose links all resolved, from which this one was built: then only the pages
    whose links may no longer resolve are checked (`LastCheck.pages_to_check`)."""
    pages = read_site(site_dir) if pages is None else pages
    files = _SiteFiles.of(site_dir, served_at(site_dir))
    broken = []
    for page in (pages if since is None else since.pages_to_check(pages, files.files)):
        for href in pages[page].links:
            reason = _why_broken(files, pages, page, href)
            if reason:
                broken.append(BrokenLink(page, href, reason))
    return broken


@dataclass(frozen=True)
class LastCheck:
    """The site an incremental build started from, every link of which resolved (a build whose
    check fails is not kept): its files' hashes by path, and its pages as read, by their hash."""

    files: Mapping[str, str]
    pages: Mapping[bytes, BuiltPage]

    def pages_to_check(self, pages: dict[str, BuiltPage], files: Set[str]) -> list[str]:
        """The pages, in order, whose links may not resolve: the new and changed ones; and every
        page when a file of the last site is gone or a page lost an anchor, which could break a
        link of a page that did not change. (search/ is emptied and written again after the
        check; `files` are the last site as it was after that, so the absence of search/'s files
        now breaks nothing a check of every page would find: a page linking into search/ would
        have lost its target in the last build too.)"""
        changed = [path for path, page in pages.items() if self.files.get(path) != page.digest.hex()]
        gone = any(path not in files and not path.startswith(_WRITTEN_AFTER) for path in self.files)
        if gone or any(self._lost_anchors(path, pages[path]) for path in changed):
            return list(pages)
        return changed

    def _lost_anchors(self, path: str, page: BuiltPage) -> bool:
        digest = self.files.get(path)
        if digest is None:
            return False  # a new page
        before = self.pages.get(bytes.fromhex(digest))
        return before is None or not before.ids <= page.ids


@dataclass(frozen=True)
class _SiteFiles:
    """The site's files and folders, listed once: a large site holds millions of links."""

    files: frozenset[str]
    folders: frozenset[str]
    prefix: str  # the path the site is served under: / or /casebook/

    @classmethod
    def of(cls, site_dir: Path, prefix: str = "/") -> _SiteFiles:
        entries = list(entries_below(site_dir))
        return cls(frozenset(relative for relative, _, _, is_file in entries if is_file),
                   frozenset(relative for relative, _, is_folder, _ in entries if is_folder) | {""}, prefix)


def served_at(site_dir: Path) -> str:
    """The path the site is served under (/casebook/ on https://org.github.io/casebook/), as its
    home page's canonical link says; / when it has none. Pages link relatively, but the 404 page
    cannot (it is shown at any depth), so the engine writes its links from this path."""
    home = site_dir / "index.html"
    canonical = lxml.html.parse(str(home)).xpath("//link[@rel='canonical']/@href") if home.is_file() else []
    path = urlsplit(canonical[0]).path if canonical else ""
    return path if path.endswith("/") else "/"


def _why_broken(files: _SiteFiles, pages: dict[str, BuiltPage], page: str, href: str) -> str | None:
    parts = urlsplit(href.strip())
    if parts.scheme.lower() in _ACTIVE_SCHEMES and href not in _NO_OP_LINKS:
        return "链接会执行脚本或内嵌内容"
    if parts.scheme or parts.netloc:
        return None  # another site: the scheduled external check's concern
    if parts.path.startswith("/") and not parts.path.startswith(files.prefix):
        return f"链接指向站点所在路径 {files.prefix} 之外"
    target = _target_file(files, page, unquote(parts.path))
    if target is None:
        return "页面或文件不存在"
    if not parts.fragment:
        return None
    if target not in pages:
        return "锚点指向的不是 HTML 页面"
    if unquote(parts.fragment) not in pages[target].ids:
        return f"页面 {target} 中没有锚点 #{unquote(parts.fragment)}"
    return None


def _target_file(files: _SiteFiles, page: str, path: str) -> str | None:
    """The file a link's path opens, relative to the site folder, as a web server would serve it."""
    if not path:
        return page  # "#anchor" or "?query": this page
    if path.startswith("/"):
        absolute = "/" + path.removeprefix(files.prefix)
    else:
        absolute = posixpath.join(posixpath.dirname("/" + page), path)
    resolved = posixpath.normpath(absolute).strip("/")  # never above the root, as on a server
    if resolved in files.folders:
        resolved = posixpath.join(resolved, "index.html")
    return resolved if resolved in files.files else None


def check_links_command(project: Project, args: argparse.Namespace) -> int:
    """`casebook check-links [SITE]`: one line per broken link; non-zero if there is any."""
    site = args.site or project.root / "site"
    if not (site / "index.html").is_file():
        print(f"{site} 不是构建好的站点；请先运行 casebook build", file=sys.stderr)
        return 1
    broken = check_site(site)
    for link in broken:
        print(link, file=sys.stderr)
    if broken:
        print(f"共 {len(broken)} 个站内链接或锚点失效。", file=sys.stderr)
        return 1
    print(f"{site}：站内链接和锚点全部有效。")
    return 0
