"""Step 4, render: turn normalised cases into the site's generated Markdown pages.

Python decides what each page holds (grouping, counting, ordering, links); the Jinja2
templates in `templates/` decide how it looks. Generated pages live in folders of `docs/`
that the build owns and git ignores; a file is only rewritten when its text changes, so a
live preview reloads just what an edit touched.
"""

from __future__ import annotations

import functools
import html
import io
import json
import posixpath
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import jinja2
import segno
from markupsafe import Markup

from . import markdown_text
from .charts import bar_chart
from .compare import chart_of, compare
from .cards import CARD_FILE
from .export import TABLES, case_downloads, case_path, gbt7714
from .metrics import MetricVocabulary
from .places import place_slug, region_names
from .permalinks import Registry
from .settings import SiteSettings
from .schema import Case, Level, Metric, Practice
from .taxonomy import Category, Taxonomy

# Included into the hand-written docs/index.md, so its links start from there.
HOME_SNIPPET = "_generated/home.md"
# Folders of docs/ that hold build output only.
GENERATED_DIRS = ("cases", "categories", "regions", "tags", "timeline", "_generated", "schema", "data",
                  "feeds", "compare")
# A listing shows at most this many entries a page (cases, or practices on category and tag
# pages) and continues on numbered pages, so no page grows with the library.
PAGE_SIZE = 100
# Per category, every practice with what its filter form asks about (casebook-filters.js reads it).
FACETS_DIR = "data/facets"


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


def practice_entries(groups: list[CasePractices]) -> list[tuple[Case, Practice]]:
    return [(g.case, practice) for g in groups for practice in g.practices]


def group_by_case(entries: list[tuple[Case, Practice]]) -> list[CasePractices]:
    """Consecutive practices of one case under one heading, as listings show them."""
    groups: list[CasePractices] = []
    for case, practice in entries:
        if not groups or groups[-1].case is not case:
            groups.append(CasePractices(case, []))
        groups[-1].practices.append(practice)
    return groups


@dataclass(frozen=True)
class Pager:
    """One page of a paginated listing: its number among the paths of all the listing's pages."""

    paths: tuple[str, ...]
    number: int  # from 1

    @property
    def total(self) -> int:
        return len(self.paths)

    @property
    def previous(self) -> str | None:
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.number] if self.number < self.total else None

    @property
    def title_suffix(self) -> str:
        return f"（第 {self.number} 页）" if self.number > 1 else ""

    def shown(self) -> list[int | None]:
        """The page numbers the pager links (first, last, two either side of this one); None is a gap.

        A fixed handful, so the pager itself does not grow with the listing."""
        near = {1, self.total, *range(self.number - 2, self.number + 3)}
        shown: list[int | None] = []
        for number in sorted(n for n in near if 1 <= n <= self.total):
            if shown and number - shown[-1] > 1:
                shown.append(None)
            shown.append(number)
        return shown


def listing_paths(first: str, count: int) -> tuple[str, ...]:
    """Page 1 keeps the listing's own path (shared links stay valid); page n is …/page-n.md
    beside it: categories/x.md → categories/x/page-2.md, cases/index.md → cases/page-2.md."""
    folder = posixpath.dirname(first) if first.endswith("/index.md") else first.removesuffix(".md")
    return (first, *(f"{folder}/page-{n}.md" for n in range(2, count + 1)))


def case_years(case: Case) -> list[int]:
    """Every year the case's period touches: a case on 2021–2022 belongs to both."""
    return list(range(case.period.start.year, case.period.end.year + 1))


def cases_by_year(cases: list[Case]) -> dict[int, list[Case]]:
    """Newest year first; within a year, cases in the order their periods start."""
    by_year: dict[int, list[Case]] = defaultdict(list)
    for case in sorted(cases, key=lambda c: (c.period.start, _sort_key(c))):
        for year in case_years(case):
            by_year[year].append(case)
    return dict(sorted(by_year.items(), reverse=True))


def facets_path(category: Category) -> str:
    return f"{FACETS_DIR}/{category.slug}.json"


def facet_options_path(category: Category) -> str:
    """Beside the category's facets, as casebook-filters.js looks for it."""
    return facets_path(category).removesuffix(".json") + ".options.json"


def category_facets(groups: list[CasePractices]) -> dict[str, Any]:
    """A category's practices with their case's places, level and years and their tags: what its
    filter form searches in the browser (its options are `facet_options`). Links are relative to
    the JSON file itself."""
    cases = [g.case for g in groups]
    return {
        "cases": [{
            "title": case.title,
            "href": posixpath.relpath(case_page(case).removesuffix(".md"), FACETS_DIR) + "/",
            "places": list(region_names(case.region)),
            "level": case.region.level,
            "years": case_years(case),
        } for case in cases],
        "practices": [{"case": number, "id": practice.id, "title": practice.title, "tags": practice.tags}
                      for number, group in enumerate(groups) for practice in group.practices],
    }


def facet_options(groups: list[CasePractices], taxonomy: Taxonomy) -> dict[str, list[tuple[Any, int]]]:
    """Each filter's values in the category, with how many of its practices each one selects.
    The filter form is drawn from these alone: the practices, which grow with the library, are
    fetched only once a reader filters."""
    counts: dict[str, Counter] = {name: Counter() for name in ("province", "level", "year", "tag")}
    for case, practice in practice_entries(groups):
        counts["province"][case.region.province] += 1
        counts["level"][case.region.level] += 1
        counts["year"].update(case_years(case))
        counts["tag"].update(practice.tags)
    return {
        "province": list(counts["province"].items()),  # in the listing's order, which is by place
        "level": [(level, counts["level"][level]) for level in get_args(Level) if counts["level"][level]],
        "year": sorted(counts["year"].items(), reverse=True),
        "tag": [(t.name, counts["tag"][t.name]) for t in taxonomy.tags if counts["tag"][t.name]],
    }


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


@functools.lru_cache(maxsize=None)  # the live preview re-renders every case after each edit
def qr_svg(url: str, title: str) -> str:
    svg = io.BytesIO()
    # A fixed mask: choosing the best of eight is most of segno's time, and any mask scans.
    segno.make(url, error="m", mask=0).save(svg, kind="svg", scale=4, border=2, xmldecl=False, svgns=True,
                                            title=title)
    return svg.getvalue().decode("utf-8")


class Renderer:
    """Renders every generated page for one set of cases."""

    def __init__(self, cases: list[Case], taxonomy: Taxonomy, files: dict[str, Path], settings: SiteSettings,
                 with_cards: bool = False, registry: Registry | None = None, page_size: int = PAGE_SIZE,
                 metrics: MetricVocabulary | None = None):
        self.cases = sorted(cases, key=_sort_key)
        self.page_size = page_size
        self.registry = registry or Registry()
        self.with_cards = with_cards
        self.taxonomy = taxonomy
        self.files = files
        self.settings = settings
        self.regions = region_tree(self.cases)
        self.comparisons = compare(self.cases, metrics or MetricVocabulary())
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("casebook", "templates"),
            bytecode_cache=_COMPILED_TEMPLATES,
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
        self.env.globals["compare_page"] = self.comparisons.page_of  # a case's metric → its compare page
        self.env.filters.update(
            paragraphs=markdown_text.paragraphs,
            anchor=markdown_text.anchor,
            front_matter=markdown_text.front_matter_value,
            excerpt=markdown_text.excerpt,
            metric_value=format_metric_value,
        )

    # -- what each page holds -------------------------------------------------------------

    @functools.cached_property
    def categories(self) -> list[tuple[Category, list[CasePractices]]]:
        """Each category with its practices (listed on its page and in its filter data)."""
        by_category = self.practices_by(lambda p: [p.category])
        return [(c, by_category.get(c.slug, [])) for c in self.taxonomy.categories]

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
        by_tag = self.practices_by(lambda p: p.tags)
        categories = self.categories
        used_tags = [(t, by_tag[t.name]) for t in self.taxonomy.tags if t.name in by_tag]
        pages: dict[str, tuple[str, dict[str, Any]]] = {}
        for case in self.cases:
            pages[case_page(case)] = ("case.md.j2", {"case": case, **self._editing(case), **self._sharing(case)})
        _add_new(pages, self._listing("cases/index.md", "cases_index.md.j2", self.cases, {}))
        for category, refs in categories:
            _add_new(pages, self._practice_listing(f"categories/{category.slug}.md", "category.md.j2", refs,
                                                   {"category": category, "facets": facets_path(category)}))
        pages["categories/index.md"] = ("categories_index.md.j2", {"categories": categories})
        for tag, refs in used_tags:
            _add_new(pages, self._practice_listing(f"tags/{tag.slug}.md", "tag.md.j2", refs, {"tag": tag}))
        pages["tags/index.md"] = ("tags_index.md.j2", {"tags": used_tags})
        pages["data/index.md"] = ("data.md.j2", {"tables": TABLES})
        for old, new in self.registry.moved_cases().items():
            new_id, _, anchor = new.partition("#")
            pages[f"cases/{old}.md"] = ("moved.md.j2", {
                "old": old, "new_id": new_id, "anchor": anchor, "target": Markup(_from_case_page(new))})
        _add_new(pages, self._region_pages())
        _add_new(pages, self._timeline_pages())
        _add_new(pages, self._compare_pages())
        pages[HOME_SNIPPET] = ("home.md.j2", {
            "cases": self.cases,
            "categories": categories,
            "regions": self.regions,
            "newest": sorted(self.cases, key=lambda c: (c.period.end, c.id), reverse=True)[:6],
            "total_practices": sum(len(c.practices) for c in self.cases),
            "total_metrics": sum(len(p.metrics) for c in self.cases for p in c.practices),
        })
        return pages

    def _listing(self, first: str, template: str, entries: list, context: dict[str, Any],
                 arrange=list) -> dict[str, tuple[str, dict[str, Any]]]:
        """A listing's pages, `page_size` entries each (`arrange`d for the template), page 1 at `first`."""
        chunks = [entries[i:i + self.page_size] for i in range(0, len(entries), self.page_size)] or [[]]
        paths = listing_paths(first, len(chunks))
        return {path: (template, {**context, "entries": arrange(chunk), "total": len(entries),
                                  "pager": Pager(paths, number)})
                for number, (path, chunk) in enumerate(zip(paths, chunks), 1)}

    def _practice_listing(self, first: str, template: str, groups: list[CasePractices],
                          context: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Practices paginated one by one; a case split across pages is headed on each."""
        return self._listing(first, template, practice_entries(groups), {**context, "case_total": len(groups)},
                             arrange=group_by_case)

    def _region_pages(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """The index (provinces and their cities, with counts; it grows with places, not cases),
        then each place's own paginated list of cases."""
        pages = {self.regions.page: ("regions_index.md.j2", {"root": self.regions})}
        for province in self.regions.children.values():
            for node in province.walk():
                pages.update(self._listing(node.page, "region.md.j2", node.cases,
                                           {"node": node, "lineage": self._lineage(node)}))
        return pages

    def _timeline_pages(self) -> dict[str, tuple[str, dict[str, Any]]]:
        by_year = cases_by_year(self.cases)
        years = [(year, len(cases), sum(len(c.practices) for c in cases)) for year, cases in by_year.items()]
        pages = {"timeline/index.md": ("timeline_index.md.j2", {"years": years})}
        for year, cases in by_year.items():
            pages.update(self._listing(f"timeline/{year}.md", "timeline_year.md.j2", cases, {"year": year}))
        return pages

    def _compare_pages(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """The index of comparable measures, each category's measures, and a page with a chart
        (an SVG file beside it) for each measure that two or more cases hold."""
        categories = self.comparisons.by_category(self.taxonomy)
        pages = {"compare/index.md": ("compare_index.md.j2", {"categories": categories})}
        for group in categories:
            pages[group.page] = ("compare_category.md.j2", {"group": group})
        for comparison in self.comparisons.with_pages:
            chart = chart_of(comparison, format_metric_value)
            pages[comparison.page] = ("compare_measure.md.j2", {"comparison": comparison, "chart": chart})
            pages[comparison.chart_file] = ("compare_chart.svg.j2", {"svg": Markup(bar_chart(chart))})
        return pages

    def facet_files(self) -> dict[str, str]:
        """The JSON behind each category page's filter form: its options, and its practices."""
        files = {}
        for category, groups in self.categories:
            files[facet_options_path(category)] = _compact_json(facet_options(groups, self.taxonomy))
            files[facets_path(category)] = _compact_json(category_facets(groups))
        return files

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
            "card": CARD_FILE if self.with_cards else None,
            "moved_anchors": self._moved_anchors(case),
        }

    def _moved_anchors(self, case: Case) -> Markup:
        """Old practice anchors of this page → where they went, as JSON for casebook.js."""
        moved = {old: _from_case_page(new) for old, new in self.registry.anchors_moved_within(case.id).items()}
        return Markup(html.escape(json.dumps(moved, ensure_ascii=False), quote=True))

    def beside_case_pages(self, shown: Callable[[dict[str, Any]], bool] | None = None) -> dict[str, Callable[[], str]]:
        """Beside each case page: an SVG QR code of its permanent URL, for printed briefings and
        phones, and its citation downloads."""
        files = {}
        for case in self.cases:
            if shown is None or shown({"case": case}):
                files[f"cases/{case.id}/qr.svg"] = functools.partial(
                    qr_svg, self.settings.url(case_path(case)), f"{case.title} 的二维码")
                files |= case_downloads(case, self.settings)
        return files

    def _lineage(self, node: RegionNode) -> list[RegionNode]:
        lineage, current = [self.regions], self.regions
        for name in node.names:
            current = current.children[name]
            lineage.append(current)
        return lineage[:-1]

    # -- how it is written ------------------------------------------------------------------

    def outputs(self, shown: Callable[[dict[str, Any]], bool] | None = None) -> dict[str, Callable[[], str]]:
        """Every generated page (Markdown), file beside a case page and filter file: path under
        docs/ → what writes its text. The texts are made one at a time, by whoever needs them: at ten thousand
        cases the whole site's text at once would weigh hundreds of megabytes. With `shown`, only
        the pages whose context it accepts (and the files of the cases it accepts): a preview's
        shortcut after an edit."""
        facets = self.facet_files()
        outputs = self.beside_case_pages(shown) | {path: functools.partial(facets.get, path) for path in facets}
        for path, (template, context) in self.pages().items():
            if shown is None or shown(context):
                outputs[path] = functools.partial(self._render_page, path, template, context)
        return outputs

    def _render_page(self, path: str, template: str, context: dict[str, Any]) -> str:
        links = _Links("index.md" if path == HOME_SNIPPET else path, self.taxonomy)
        return self.env.get_template(template).render(link=links, **context)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, not once per Renderer: a live preview makes a
    Renderer for every edit, and compiling the templates took a fifth of its render. Jinja
    keys each by the template's name and text, so an edited template is compiled again."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


def _compact_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _add_new(pages: dict[str, Any], new: dict[str, Any]) -> None:
    """Add listing pages, refusing to replace a page already there (a case whose id is page-2)."""
    clash = sorted(pages.keys() & new.keys())
    if clash:
        raise ValueError(f"生成的页面地址冲突：{'、'.join(clash)}；请给案例换一个 id")
    pages.update(new)


def _from_case_page(link: str) -> str:
    """A registry link ('case#practice' or 'case') as a URL relative to any case page."""
    case_id, _, anchor = link.partition("#")
    return f"../{case_id}/" + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=65536)
def _relative(target: str, start: str) -> str:
    """posixpath.relpath, remembered: listings link to the same few pages thousands of times."""
    return posixpath.relpath(target, start)


class _Links:
    """Relative Markdown links from one generated page, so MkDocs checks every one in --strict."""

    def __init__(self, here: str, taxonomy: Taxonomy):
        self.here_dir = posixpath.dirname(here)
        self.taxonomy = taxonomy

    def to(self, target: str, anchor: str = "") -> Markup:
        href = _relative(target, self.here_dir or ".")
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

    def year(self, year: int) -> Markup:
        return self.to(f"timeline/{year}.md")

    def region_of(self, case: Case, depth: int) -> Markup:
        slugs = [place_slug(n) for n in region_names(case.region)[:depth]]
        return self.to(posixpath.join("regions", *slugs, "index.md"))


def write_generated(docs_dir: Path, rendered: Iterable[tuple[str, str | bytes]]) -> list[str]:
    """Write generated files into docs/ as they come, changing only what differs (so a live
    preview rebuilds only what changed); returns the paths of all of them."""
    generated = []
    for rel, content in rendered:
        generated.append(rel)
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = docs_dir / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return generated


def remove_stale(docs_dir: Path, generated: Iterable[str]) -> None:
    """Remove the files of the generated folders that the complete site no longer has."""
    generated = set(generated)
    for folder in GENERATED_DIRS:
        for stale in sorted(p for p in (docs_dir / folder).rglob("*") if p.is_file()):
            if stale.relative_to(docs_dir).as_posix() not in generated:
                stale.unlink()
