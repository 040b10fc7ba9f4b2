"""What the engine built: each HTML page's anchors, links and searchable sections, read in one pass.

Reading the built pages, not the engine's own search index, keeps the casebook independent of the
engine (MkDocs with Material today, Zensical tomorrow): the link check and the search index are
made from exactly what a reader gets.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree

from casebook.core.parallel import map_batches
from casebook.core.tree import entries_below, in_path_order

# Pages that are not content: the theme's files, the search index itself, the "not found" page.
_NOT_CONTENT = ("assets/", "search/")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Text a search does not read as the page's content: scripts, the "#" permalink after each heading,
# and what the templates mark `data-search-exclude` (Material's convention): a case page's jump
# list and printed citation, which only repeat what the page says elsewhere.
_UNREAD = (".//script | .//style | .//template | .//a[contains(concat(' ', @class, ' '), ' headerlink ')]"
           " | .//*[@data-search-exclude]")
# Where one piece of text ends and the next begins, even though HTML puts no space between them.
_BLOCKS = frozenset(("p", "li", "td", "th", "tr", "dt", "dd", "div", "section", "figcaption", "caption",
                     "blockquote", "pre", "table", "ul", "ol", "dl", "br") + _HEADINGS)
_SPACE = re.compile(r"\s+")
READ_BATCH = 200  # pages a process parses and sends back at once


@dataclass
class Section:
    """A searchable piece of a page: the page's lead (before its first sub-heading) or one section."""

    location: str
    title: str
    text: str = ""  # with its spaces collapsed

    def as_search_doc(self, boost: float) -> dict:
        doc = {"location": self.location, "title": self.title, "text": self.text}
        return doc if boost == 1 else {**doc, "boost": boost}


@dataclass
class BuiltPage:
    path: str  # relative to the site folder, e.g. cases/foo/index.html
    ids: set[str]
    links: list[str]
    sections: list[Section]
    search: dict  # the page's `search` front matter (boost, exclude), which the theme writes into it
    digest: bytes = b""  # the hash of the page's bytes: an incremental build reads again only a changed page

    @property
    def searchable(self) -> bool:
        return not (self.path.startswith(_NOT_CONTENT) or self.path == "404.html" or self.search.get("exclude"))

    @property
    def boost(self) -> float:
        return float(self.search.get("boost", 1))


def read_site(site_dir: Path, known: Mapping[bytes, BuiltPage] | None = None) -> dict[str, BuiltPage]:
    """Every HTML page of a built site, by path relative to it, in path order. `known`: pages read
    before, by their `digest`; one with the same bytes at the same path is not parsed again.

    A large site is read by a process per core (parallel.py): the engine has finished, so every
    core is free, and parsing is most of this step's time.
    """
    paths = in_path_order(relative for relative, _, _, is_file in entries_below(site_dir)
                          if is_file and relative.endswith(".html"))
    reused = {}
    for path in paths if known else ():
        page = known.get(_digest((site_dir / path).read_bytes()))
        if page is not None and page.path == path:
            reused[path] = page
    read = functools.partial(_read_pages, site_dir)
    fresh = {page.path: page for page in map_batches(read, [p for p in paths if p not in reused], READ_BATCH)}
    return {path: reused.get(path) or fresh[path] for path in paths}


def _read_pages(site_dir: Path, paths: list[str]) -> list[BuiltPage]:
    return [read_page(site_dir / path, path) for path in paths]


# Plain strings, not lxml's "smart" ones, which keep their whole page alive in memory.
_IDS = etree.XPath("//@id | //a/@name", smart_strings=False)
_LINKS = etree.XPath("//@href | //@src", smart_strings=False)
_SEARCH_SETTINGS = etree.XPath("//meta[@name='casebook-search']/@content", smart_strings=False)


def read_page(file: Path, path: str) -> BuiltPage:
    data = file.read_bytes()  # read once: parsed, and hashed for the next incremental build
    root = lxml.html.fromstring(data.decode("utf-8"))
    settings = _SEARCH_SETTINGS(root)
    # Most links and ids (the theme's, the navigation's) recur on every page: one copy of each.
    return BuiltPage(path, set(map(sys.intern, _IDS(root))), list(map(sys.intern, _LINKS(root))),
                     _sections(root, _location(path)),
                     json.loads(settings[0]) if settings else {}, _digest(data))


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def search_docs(pages: dict[str, BuiltPage]) -> list[dict]:
    """Search documents in page order: each page's lead, then its sections."""
    return [section.as_search_doc(page.boost)
            for page in pages.values() if page.searchable
            for section in page.sections]


def _location(path: str) -> str:
    """The URL path a page is linked by: cases/foo/index.html → cases/foo/."""
    return path.removesuffix("index.html")


def _sections(root, location: str) -> list[Section]:
    content = next(iter(root.xpath("//article") or root.xpath("//main")), None)
    if content is None:
        return []
    for unread in content.xpath(_UNREAD):
        unread.drop_tree()  # keeps the text that follows it
    lead = Section(location, _page_title(root, content))
    # Each section's text as the walk finds it, joined once at the end: the pages of 10,000 cases
    # have ten million such bits, which, kept, made the cache of read pages slow to load.
    sections, bits, heading = [lead], [[]], None
    for event, element in etree.iterwalk(content, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        if event == "start":
            if element.tag == "h1":
                heading = element  # the page's title, already the lead's
            elif element.tag in _HEADINGS and element.get("id"):
                heading = element
                sections.append(Section(f"{location}#{element.get('id')}", _text_of(element)))
                bits.append([])
            elif heading is None and element.text:
                bits[-1].append(element.text)
        else:
            if element is heading:
                heading = None
            if heading is None:
                if element.tag in _BLOCKS:
                    bits[-1].append(" ")
                if element.tail and element is not content:
                    bits[-1].append(element.tail)
    for section, its_bits in zip(sections, bits):
        section.text = _SPACE.sub(" ", "".join(its_bits)).strip()
    return sections


def _page_title(root, content) -> str:
    h1 = content.find(".//h1")
    if h1 is not None:
        return _text_of(h1)
    return _SPACE.sub(" ", root.findtext(".//title") or "").strip()


def _text_of(element) -> str:
    return _SPACE.sub(" ", str(element.text_content())).strip()
