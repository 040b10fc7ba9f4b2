"""Every address the casebook generates: where each page and file lives under docs/, and the
address a reader opens. Pages, downloads, cards and compare pages all ask this module, so an
address is written once.

Paths are made of slugs only (validated ids, category and tag slugs, place slugs), so none can
leave its folder; `generated_target` checks that once more before anything is written.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

# Folders of docs/ that hold build output only, and the single files beside them. .gitignore,
# the Makefile's `clean` and mkdocs.yml's `not_in_nav` list them too (tests/ checks they agree).
GENERATED_DIRS = ("_generated", "cases", "categories", "compare", "data", "feeds", "practices", "regions", "schema",
                  "tags", "timeline")
GENERATED_FILES = ("robots.txt",)

# Names the site's own pages take beside pages named by slugs (a listing's index, its page 2, …):
# no id or slug may take one.
ROUTE_NAME = re.compile(r"index|page-[0-9]+")

HOME_SNIPPET = "_generated/home.md"  # included into the hand-written docs/index.md
SCHEMA = "schema/case.schema.json"   # in the repository for editors' tools, and on the site
ROBOTS = "robots.txt"
FEEDS = {"rss": "feeds/rss.xml", "atom": "feeds/atom.xml"}
DATA_INDEX = "data/index.md"
FACETS_DIR = "data/facets"
# Files beside each case page.
CARD, QR_CODE, BIBTEX, CSL_JSON = "card.jpg", "qr.svg", "cite.bib", "cite.json"

CASES_INDEX = "cases/index.md"
PRACTICES_INDEX = "practices/index.md"  # the practice finder
CATEGORIES_INDEX = "categories/index.md"
TAGS_INDEX = "tags/index.md"
REGIONS_INDEX = "regions/index.md"
TIMELINE_INDEX = "timeline/index.md"
COMPARE_INDEX = "compare/index.md"


def case_page(case_id: str) -> str:
    return f"cases/{case_id}.md"


def case_file(case_id: str, name: str) -> str:
    """A file that belongs to a case page (its QR code, card, citations), beside it."""
    return f"cases/{case_id}/{name}"


def category_page(slug: str) -> str:
    return f"categories/{slug}.md"


def tag_page(slug: str) -> str:
    return f"tags/{slug}.md"


def region_page(place_slugs: tuple[str, ...]) -> str:
    """regions/shandong/jinan/jiyang/index.md; the empty tuple is the index of all places."""
    return posixpath.join("regions", *place_slugs, "index.md")


def timeline_page(year: int) -> str:
    return f"timeline/{year}.md"


def compare_page(measure_id: str) -> str:
    return f"compare/{measure_id}.md"


def compare_chart(measure_id: str) -> str:
    return f"compare/{measure_id}.svg"


def compare_category_page(category_slug: str) -> str:
    return f"compare/category-{category_slug}.md"


def facets(category_slug: str) -> str:
    """Every practice of a category with what its filter form asks about (casebook-filters.js)."""
    return f"{FACETS_DIR}/{category_slug}.json"


def facet_options(category_slug: str) -> str:
    """The filter form's options, beside the category's facets, as casebook-filters.js looks for it."""
    return f"{FACETS_DIR}/{category_slug}.options.json"


# The practice finder's options, over every category ("index" is no category's slug: see ROUTE_NAME).
FINDER_OPTIONS = f"{FACETS_DIR}/index.options.json"


PLACES = "data/places.json"  # every place with its page and counts, for the place search


def data_file(name: str) -> str:
    return f"data/{name}"


def listing_paths(first: str, count: int) -> tuple[str, ...]:
    """Page 1 keeps the listing's own path (shared links stay valid); page n is …/page-n.md
    beside it: categories/x.md → categories/x/page-2.md, cases/index.md → cases/page-2.md."""
    folder = posixpath.dirname(first) if first.endswith("/index.md") else first.removesuffix(".md")
    return (first, *(f"{folder}/page-{n}.md" for n in range(2, count + 1)))


def address(path: str) -> str:
    """The address a reader opens for a file under docs/, relative to the site's root, as MkDocs
    writes directory URLs: cases/x.md → cases/x/, regions/a/index.md → regions/a/."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def case_address(case_id: str) -> str:
    return address(case_page(case_id))


def relative(target: str, page: str) -> str:
    """A link from the page at `page` to `target` (both paths under docs/), as MkDocs checks it."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


class OutsideRoot(ValueError):
    """A path that would be written outside the folder it belongs in: never written."""


def target_below(root: Path, path: str, tops: tuple[str, ...] | None = None) -> Path:
    """Where the file at `path` (relative, with /) is written below `root`: never above it, never
    through a symbolic link out of it, and, with `tops`, only in those folders or files."""
    parts = path.split("/")
    if not path or path.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise OutsideRoot(f"not a relative path: {path!r}")
    if tops is not None and parts[0] not in tops and path not in tops:
        raise OutsideRoot(f"not in {', '.join(tops)}: {path!r}")
    target = root / path
    if not target.resolve().is_relative_to(root.resolve()):
        raise OutsideRoot(f"outside {root}: {path!r}")
    return target


def generated_target(docs_dir: Path, path: str) -> Path:
    """Where a generated page or file is written: only in docs/' generated folders and files."""
    return target_below(docs_dir, path, GENERATED_DIRS + GENERATED_FILES)
