"""Every internal link and anchor of a built site resolves: a check over the HTML that MkDocs wrote.

MkDocs' --strict mode checks the links written in Markdown; this checks what a reader clicks,
theme and templates included. Links to other sites are left to the scheduled external check
(.github/workflows/external-links.yml), so an unreachable government site never fails a build.
"""

from __future__ import annotations

import argparse
import posixpath
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .pipeline import Project

_LINK_ATTRIBUTES = ("href", "src")
# Schemes that run or embed code in the page: never a link the casebook writes, except the
# theme's do-nothing link on its search share button.
_ACTIVE_SCHEMES = ("javascript", "vbscript", "data")
_NO_OP_LINKS = ("javascript:void(0)",)


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # the page holding the link, relative to the site folder
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href}: {self.reason}"


@dataclass
class _Page:
    ids: set[str]
    links: list[str]


class _PageParser(HTMLParser):
    """Collects a page's anchor targets (id, and name on <a>) and the links it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page(set(), [])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.page.ids.add(value)
            elif name in _LINK_ATTRIBUTES:
                self.page.links.append(value)


def check_site(site_dir: Path) -> list[BrokenLink]:
    """Every internal link in `site_dir` whose page or anchor does not exist, in page order."""
    pages = {p.relative_to(site_dir).as_posix(): _parse(p) for p in sorted(site_dir.rglob("*.html"))}
    broken = []
    for page, parsed in pages.items():
        for href in parsed.links:
            reason = _why_broken(site_dir, pages, page, href)
            if reason:
                broken.append(BrokenLink(page, href, reason))
    return broken


def _parse(path: Path) -> _Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def _why_broken(site_dir: Path, pages: dict[str, _Page], page: str, href: str) -> str | None:
    parts = urlsplit(href.strip())
    if parts.scheme.lower() in _ACTIVE_SCHEMES and href not in _NO_OP_LINKS:
        return "链接会执行脚本或内嵌内容"
    if parts.scheme or parts.netloc:
        return None  # another site: the scheduled external check's concern
    target = _target_file(site_dir, page, unquote(parts.path))
    if target is None:
        return "页面或文件不存在"
    if not parts.fragment:
        return None
    if target not in pages:
        return "锚点指向的不是 HTML 页面"
    if unquote(parts.fragment) not in pages[target].ids:
        return f"页面 {target} 中没有锚点 #{unquote(parts.fragment)}"
    return None


def _target_file(site_dir: Path, page: str, path: str) -> str | None:
    """The file a link's path opens, relative to the site folder, as a web server would serve it."""
    if not path:
        return page  # "#anchor" or "?query": this page
    absolute = path if path.startswith("/") else posixpath.join(posixpath.dirname("/" + page), path)
    resolved = posixpath.normpath(absolute).lstrip("/")  # never above the root, as on a server
    if (site_dir / resolved).is_dir():
        resolved = posixpath.join(resolved, "index.html")
    return resolved if (site_dir / resolved).is_file() else None


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
