"""Step 4, render: turn normalised cases into the site's generated Markdown pages.

Python decides what each page holds (grouping, counting, ordering, links); the Jinja2
templates in `templates/` decide how it looks. Generated pages live in folders of `docs/`
that the build owns and git ignores; a file is only rewritten when its text changes, so a
live preview reloads just what an edit touched.
"""

from __future__ import annotations

import html
import io
import json
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import segno
from markupsafe import Markup

from . import markdown_text
from .export import TABLES, case_path, gbt7714
from .places import place_slug, region_names
from .permalinks import Registry
from .settings import SiteSettings
from .schema import Case, Metric, Practice
from .taxonomy import Category, Taxonomy

# Included into the hand-written docs/index.md, so its links start from there.
HOME_SNIPPET = "_generated/home.md"
# Folders of docs/ that hold build output only.
GENERATED_DIRS = ("cases", "categories", "regions", "tags", "_generated", "schema", "data", "feeds")


@dataclass
class RegionNode:
    """A place in the province → city → county → town tree, with the cases held at or below it."""

    name: str
    slug_path: tuple[str, ...]
    names: tuple[str, ...]
    children: dict[str, RegionNode] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)

    @property
    def page(self) -> str:
        return posixpath.join("regions", *self.slug_path, "index.md")

    @property
    def practice_count(self) -> int:
        return sum(len(c.practices) for c in self.cases)

    def walk(self):
        yield self
        for child in self.children.values():
            yield from child.walk()


@dataclass
class CasePractices:
    """Some practices of one case, as a category or tag page lists them."""

    case: Case
    practices: list[Practice]


def practice_count(groups: list[CasePractices]) -> int:
    return sum(len(g.practices) for g in groups)


def region_tree(cases: list[Case]) -> RegionNode:
    root = RegionNode("全部地区", (), ())
    for case in cases:
        node = root
        root.cases.append(case)
        for name in region_names(case.region):
            if name not in node.children:
                node.children[name] = RegionNode(
                    name, node.slug_path + (place_slug(name),), node.names + (name,))
            node = node.children[name]
            node.cases.append(case)
    return root


def case_page(case: Case) -> str:
    return f"cases/{case.id}.md"


def format_metric_value(metric: Metric) -> str:
    value = int(metric.value) if metric.value.is_integer() else metric.value
    return f"{value}{metric.unit}" if metric.unit in ("%", "‰") else f"{value} {metric.unit}".strip()


def _sort_key(case: Case) -> tuple:
    return (region_names(case.region), case.period.start, case.id)


class Renderer:
    """Renders every generated page for one set of cases."""

    def __init__(self, cases: list[Case], taxonomy: Taxonomy, files: dict[str, Path], settings: SiteSettings,
                 with_cards: bool = False, registry: Registry | None = None):
        self.cases = sorted(cases, key=_sort_key)
        self.registry = registry or Registry()
        self.with_cards = with_cards
        self.taxonomy = taxonomy
        self.files = files
        self.settings = settings
        self.regions = region_tree(self.cases)
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("casebook", "templates"),
            # Case text is escaped for Markdown by `finalize`; autoescape keeps macro output,
            # which is Markup, from being escaped a second time.
            autoescape=True,
            finalize=markdown_text.escape_by_default,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Markdown heading ids are written {#id}, so Jinja comments use {## … ##}.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.env.globals.update(practice_count=practice_count, taxonomy=taxonomy)
        self.env.filters.update(
            paragraphs=markdown_text.paragraphs,
            anchor=markdown_text.anchor,
            front_matter=markdown_text.front_matter_value,
            excerpt=markdown_text.excerpt,
            metric_value=format_metric_value,
        )

    # -- what each page holds -------------------------------------------------------------

    def practices_by(self, key) -> dict[str, list[CasePractices]]:
        """Practices under each value of `key` (a category, a tag), grouped by case in case order."""
        grouped: dict[str, list[CasePractices]] = defaultdict(list)
        for case in self.cases:
            for practice in case.practices:
                for value in key(practice):
                    groups = grouped[value]
                    if not groups or groups[-1].case is not case:
                        groups.append(CasePractices(case, []))
                    groups[-1].practices.append(practice)
        return grouped

    def pages(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Every generated page: path under docs/ → (template, context)."""
        by_category = self.practices_by(lambda p: [p.category])
        by_tag = self.practices_by(lambda p: p.tags)
        categories = [(c, by_category.get(c.slug, [])) for c in self.taxonomy.categories]
        used_tags = [(t, by_tag[t.name]) for t in self.taxonomy.tags if t.name in by_tag]
        pages: dict[str, tuple[str, dict[str, Any]]] = {}
        for case in self.cases:
            pages[case_page(case)] = ("case.md.j2", {"case": case, **self._editing(case), **self._sharing(case)})
        pages["cases/index.md"] = ("cases_index.md.j2", {"cases": self.cases})
        for category, refs in categories:
            pages[f"categories/{category.slug}.md"] = ("category.md.j2", {"category": category, "refs": refs})
        pages["categories/index.md"] = ("categories_index.md.j2", {"categories": categories})
        for tag, refs in used_tags:
            pages[f"tags/{tag.slug}.md"] = ("tag.md.j2", {"tag": tag, "refs": refs})
        pages["tags/index.md"] = ("tags_index.md.j2", {"tags": used_tags})
        pages["data/index.md"] = ("data.md.j2", {"tables": TABLES})
        for old, new in self.registry.moved_cases().items():
            new_id, _, anchor = new.partition("#")
            pages[f"cases/{old}.md"] = ("moved.md.j2", {
                "old": old, "new_id": new_id, "anchor": anchor, "target": Markup(_from_case_page(new))})
        for node in self.regions.walk():
            pages[node.page] = ("region.md.j2", {"node": node, "lineage": self._lineage(node)})
        pages[HOME_SNIPPET] = ("home.md.j2", {
            "cases": self.cases,
            "categories": categories,
            "regions": self.regions,
            "newest": sorted(self.cases, key=lambda c: (c.period.end, c.id), reverse=True)[:6],
            "total_practices": sum(len(c.practices) for c in self.cases),
            "total_metrics": sum(len(p.metrics) for c in self.cases for p in c.practices),
        })
        return pages

    def _editing(self, case: Case) -> dict[str, Markup]:
        """Where an editor changes this case, and where a reader reports an error in it."""
        source = self.files[case.id].as_posix()
        repository = self.settings.repository.rstrip("/")
        return {
            "edit_url": Markup(f"{repository}/edit/main/{source}"),
            "report_url": Markup(f"{repository}/issues/new?template=report-error.yml&case={case.id}"),
        }

    def _sharing(self, case: Case) -> dict[str, object]:
        """Permanent links, the citation and the QR code a case page offers."""
        permalink = self.settings.url(case_path(case))
        return {
            "permalink": Markup(permalink),
            "practice_permalinks": {p.id: Markup(f"{permalink}#{p.id}") for p in case.practices},
            "citation": gbt7714(case, self.settings),
            "card": "card.png" if self.with_cards else None,
            "moved_anchors": self._moved_anchors(case),
        }

    def _moved_anchors(self, case: Case) -> Markup:
        """Old practice anchors of this page → where they went, as JSON for casebook.js."""
        moved = {old: _from_case_page(new) for old, new in self.registry.anchors_moved_within(case.id).items()}
        return Markup(html.escape(json.dumps(moved, ensure_ascii=False), quote=True))

    def qr_codes(self) -> dict[str, str]:
        """An SVG QR code of each case's permanent URL, for printed briefings and phones."""
        codes = {}
        for case in self.cases:
            svg = io.BytesIO()
            segno.make(self.settings.url(case_path(case)), error="m").save(
                svg, kind="svg", scale=4, border=2, xmldecl=False, svgns=True, title=f"{case.title} 的二维码")
            codes[f"cases/{case.id}/qr.svg"] = svg.getvalue().decode("utf-8")
        return codes

    def _lineage(self, node: RegionNode) -> list[RegionNode]:
        lineage, current = [self.regions], self.regions
        for name in node.names:
            current = current.children[name]
            lineage.append(current)
        return lineage[:-1]

    # -- how it is written ------------------------------------------------------------------

    def render(self) -> dict[str, str]:
        """Every generated page (Markdown) and QR code, by path under docs/."""
        rendered = self.qr_codes()
        for path, (template, context) in self.pages().items():
            links = _Links("index.md" if path == HOME_SNIPPET else path, self.taxonomy)
            rendered[path] = self.env.get_template(template).render(link=links, **context)
        return rendered


def _from_case_page(link: str) -> str:
    """A registry link ('case#practice' or 'case') as a URL relative to any case page."""
    case_id, _, anchor = link.partition("#")
    return f"../{case_id}/" + (f"#{anchor}" if anchor else "")


class _Links:
    """Relative Markdown links from one generated page, so MkDocs checks every one in --strict."""

    def __init__(self, here: str, taxonomy: Taxonomy):
        self.here_dir = posixpath.dirname(here)
        self.taxonomy = taxonomy

    def to(self, target: str, anchor: str = "") -> Markup:
        href = posixpath.relpath(target, self.here_dir or ".")
        return Markup(f"{href}#{markdown_text.anchor(anchor)}" if anchor else href)

    def case(self, case: Case, practice: Practice | None = None) -> Markup:
        return self.to(case_page(case), practice.id if practice else "")

    def case_file(self, case: Case, name: str) -> Markup:
        """A file that belongs to a case page, such as its QR code or citation downloads."""
        return self.to(f"cases/{case.id}/{name}")

    def category(self, category: Category | str) -> Markup:
        slug = category if isinstance(category, str) else category.slug
        return self.to(f"categories/{slug}.md")

    def tag(self, name: str) -> Markup:
        return self.to(f"tags/{self.taxonomy.tag(name).slug}.md")

    def region(self, node: RegionNode) -> Markup:
        return self.to(node.page)

    def region_of(self, case: Case, depth: int) -> Markup:
        slugs = [place_slug(n) for n in region_names(case.region)[:depth]]
        return self.to(posixpath.join("regions", *slugs, "index.md"))


def write_generated(docs_dir: Path, rendered: dict[str, str | bytes]) -> list[str]:
    """Write generated files into docs/, changing only what differs; remove stale ones.

    Returns the paths written, so callers (and a live preview) know what changed.
    """
    written = []
    for rel, content in rendered.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = docs_dir / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(rel)
    for folder in GENERATED_DIRS:
        for stale in sorted(p for p in (docs_dir / folder).rglob("*") if p.is_file()):
            if stale.relative_to(docs_dir).as_posix() not in rendered:
                stale.unlink()
    return written
