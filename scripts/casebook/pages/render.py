"""Step 4, render: turn normalised cases into the site's generated Markdown pages.

Python decides what each page holds (grouping, counting, ordering, links); the Jinja2
templates in `templates/` decide how it looks. Generated pages live in folders of `docs/`
that the build owns and git ignores; a file is only rewritten when its text changes, so a
live preview reloads just what an edit touched.
"""

from __future__ import annotations

import functools
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

from casebook.core import routes
from casebook.pages import markup
from casebook.pages.charts import bar_chart
from casebook.pages.compare import chart_of, compare
from casebook.exports import case_downloads
from casebook.exports.citations import gbt7714
from casebook.exports.open_data import TABLES
from casebook.library import Library
from casebook.vocabularies.place_slugs import place_slug, region_names, region_parts
from casebook.core.problems import CaseErrors, Problem
from casebook.sources.schema import Case, Level, Metric, Practice
from casebook.vocabularies.taxonomy import Category, Taxonomy
from casebook.core.urls import site_address
from casebook.sources.validate import Origin

# A listing shows at most this many entries a page (cases, or practices on category and tag
# pages) and continues on numbered pages, so no page grows with the library.
PAGE_SIZE = 100


@dataclass
class RegionNode:
    """A place in the province → city → county → town tree, with the cases held at or below it."""

    name: str
    slug_path: tuple[str, ...]
    names: tuple[str, ...]
    children: dict[str, RegionNode] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)
    origin: tuple[str, str] = ("", "")  # the case that first names this place, and the field

    @property
    def page(self) -> str:
        return routes.region_page(self.slug_path)

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


def category_facets(groups: list[CasePractices]) -> dict[str, Any]:
    """A category's practices with their case's places, level and years and their tags: what its
    filter form searches in the browser (its options are `facet_options`). Links are relative to
    the JSON file itself."""
    cases = [g.case for g in groups]
    return {
        "cases": [{
            "title": case.title,
            "href": posixpath.relpath(routes.case_address(case.id), routes.FACETS_DIR) + "/",
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
        for field_name, name in region_parts(case.region):
            if name not in node.children:
                node.children[name] = RegionNode(name, node.slug_path + (place_slug(name),), node.names + (name,),
                                                 origin=(case.id, f"region.{field_name}"))
            node = node.children[name]
            node.cases.append(case)
    return root


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


@dataclass(frozen=True)
class Page:
    """A generated page: its template and what it shows, and what made it (a case file, a
    vocabulary file), which a clash with another page's address is reported against."""

    template: str
    context: dict[str, Any]
    owner: Origin


class Renderer:
    """Renders every generated page for the published cases of a library."""

    def __init__(self, library: Library, with_cards: bool = False, page_size: int = PAGE_SIZE):
        self.library = library
        self.cases = sorted(library.published, key=_sort_key)
        self.page_size = page_size
        self.with_cards = with_cards
        self.taxonomy = library.taxonomy
        self.settings = library.settings
        self.regions = region_tree(self.cases)
        self.comparisons = compare(self.cases, library.measures)
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("casebook.pages", "templates"),
            bytecode_cache=_COMPILED_TEMPLATES,
            # Every value a template prints goes through `finalize` (markup.py); autoescape keeps
            # what it returns, and macro output, from being escaped a second time.
            autoescape=True,
            finalize=markup.escape_by_default,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Markdown heading ids are written {#id}, so Jinja comments use {## … ##}.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.env.globals.update(practice_count=practice_count, taxonomy=self.taxonomy, routes=routes)
        self.env.globals["compare_page"] = self.comparisons.page_of  # a case's metric → its compare page
        self.env.filters.update(
            paragraphs=markup.paragraphs,
            anchor=markup.anchor,
            front_matter=markup.front_matter,
            excerpt=markup.excerpt,
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

    @functools.cached_property
    def pages(self) -> dict[str, Page]:
        """Every generated page by its path under docs/; raises CaseErrors, naming both files,
        where two pages would have the same address (two places whose pinyin is the same, say).

        The site's own listings come first, so a contributed name that takes one of their
        addresses is the one reported."""
        pages = _Pages()
        by_tag = self.practices_by(lambda p: p.tags)
        categories = self.categories
        used_tags = [(t, by_tag[t.name]) for t in self.taxonomy.tags if t.name in by_tag]
        pages.add(routes.HOME_SNIPPET, "home.md.j2", {
            "cases": self.cases,
            "categories": categories,
            "regions": self.regions,
            "newest": sorted(self.cases, key=lambda c: (c.period.end, c.id), reverse=True)[:6],
            "total_practices": sum(len(c.practices) for c in self.cases),
            "total_metrics": sum(len(p.metrics) for c in self.cases for p in c.practices),
        })
        pages.listing(self._listing(routes.CASES_INDEX, "cases_index.md.j2", self.cases, {}))
        pages.add(routes.CATEGORIES_INDEX, "categories_index.md.j2", {"categories": categories})
        pages.add(routes.TAGS_INDEX, "tags_index.md.j2", {"tags": used_tags})
        pages.add(routes.DATA_INDEX, "data.md.j2", {"tables": TABLES})
        pages.add(self.regions.page, "regions_index.md.j2", {"root": self.regions})
        self._timeline_pages(pages)
        taxonomy, measures, registry = (_vocabulary(name) for name in ("_taxonomy.yml", "_metrics.yml", "_permalinks.yml"))
        for category, refs in categories:
            pages.listing(self._practice_listing(routes.category_page(category.slug), "category.md.j2", refs,
                                                 {"category": category, "facets": routes.facets(category.slug)}),
                          taxonomy)
        for tag, refs in used_tags:
            pages.listing(self._practice_listing(routes.tag_page(tag.slug), "tag.md.j2", refs, {"tag": tag}), taxonomy)
        self._compare_pages(pages, measures)
        self._region_pages(pages)
        for case in self.cases:
            pages.add(routes.case_page(case.id), "case.md.j2",
                      {"case": case, **self._editing(case), **self._sharing(case)}, self._origin(case.id, "id"))
        for old, new in self.library.registry.moved_cases().items():
            new_id, _, anchor = new.partition("#")
            pages.add(routes.case_page(old), "moved.md.j2",
                      {"old": old, "new_id": new_id, "anchor": anchor, "target": _from_case_page(new)},
                      Origin(registry.path, {"id": self.library.registry.line("moved", old)}, "id"))
        return pages.checked()

    def _origin(self, case_id: str, field_name: str) -> Origin:
        origin = self.library.origins[case_id]
        return Origin(origin.path, {field_name: origin.lines.get(field_name, origin.lines.get("id", 1))},
                      field_name)

    def _listing(self, first: str, template: str, entries: list, context: dict[str, Any],
                 arrange=list) -> list[tuple[str, str, dict[str, Any]]]:
        """A listing's pages, `page_size` entries each (`arrange`d for the template), page 1 at `first`."""
        chunks = [entries[i:i + self.page_size] for i in range(0, len(entries), self.page_size)] or [[]]
        paths = routes.listing_paths(first, len(chunks))
        return [(path, template, {**context, "entries": arrange(chunk), "total": len(entries),
                                  "pager": Pager(paths, number)})
                for number, (path, chunk) in enumerate(zip(paths, chunks), 1)]

    def _practice_listing(self, first: str, template: str, groups: list[CasePractices],
                          context: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
        """Practices paginated one by one; a case split across pages is headed on each."""
        return self._listing(first, template, practice_entries(groups), {**context, "case_total": len(groups)},
                             arrange=group_by_case)

    def _region_pages(self, pages: _Pages) -> None:
        """Each place's own paginated list of cases, owned by the case that first names it."""
        for province in self.regions.children.values():
            for node in province.walk():
                owner = self._origin(*node.origin)
                if not node.slug_path[-1]:
                    raise CaseErrors([owner.problem(owner.field, f"地名“{node.name}”无法转写为拼音网址；"
                                                                 "请核对地名，或在 scripts/casebook/vocabularies/place_readings.yml 中写明它的拼音")])
                pages.listing(self._listing(node.page, "region.md.j2", node.cases,
                                            {"node": node, "lineage": self._lineage(node)}), owner)

    def _timeline_pages(self, pages: _Pages) -> None:
        by_year = cases_by_year(self.cases)
        years = [(year, len(cases), sum(len(c.practices) for c in cases)) for year, cases in by_year.items()]
        pages.add(routes.TIMELINE_INDEX, "timeline_index.md.j2", {"years": years})
        for year, cases in by_year.items():
            pages.listing(self._listing(routes.timeline_page(year), "timeline_year.md.j2", cases, {"year": year}))

    def _compare_pages(self, pages: _Pages, owner: Origin) -> None:
        """The index of comparable measures, each category's measures, and a page with a chart
        (an SVG file beside it) for each measure that two or more cases hold."""
        categories = self.comparisons.by_category(self.taxonomy)
        pages.add(routes.COMPARE_INDEX, "compare_index.md.j2", {"categories": categories}, owner)
        for group in categories:
            pages.add(group.page, "compare_category.md.j2", {"group": group}, owner)
        for comparison in self.comparisons.with_pages:
            chart = chart_of(comparison, format_metric_value)
            pages.add(comparison.page, "compare_measure.md.j2", {"comparison": comparison, "chart": chart}, owner)
            pages.add(comparison.chart_file, "compare_chart.svg.j2", {"svg": markup.svg(bar_chart(chart))}, owner)

    def facet_files(self) -> dict[str, str]:
        """The JSON behind each category page's filter form: its options, and its practices."""
        files = {}
        for category, groups in self.categories:
            files[routes.facet_options(category.slug)] = _compact_json(facet_options(groups, self.taxonomy))
            files[routes.facets(category.slug)] = _compact_json(category_facets(groups))
        return files

    def _editing(self, case: Case) -> dict[str, Any]:
        """Where an editor changes this case, and where a reader reports an error in it."""
        repository = self.settings.repository
        return {
            "edit_url": site_address(repository, "edit", "main", *self.library.origins[case.id].path.parts),
            "report_url": site_address(repository, "issues", "new",
                                       query={"template": "report-error.yml", "case": case.id}),
        }

    def _sharing(self, case: Case) -> dict[str, object]:
        """Permanent links, the citation and the QR code a case page offers."""
        address = routes.case_address(case.id)
        return {
            "permalink": self.settings.url(address),
            "practice_permalinks": {p.id: self.settings.url(address, p.id) for p in case.practices},
            "citation": gbt7714(case, self.settings),
            "card": routes.CARD if self.with_cards else None,
            "moved_anchors": self._moved_anchors(case),
        }

    def _moved_anchors(self, case: Case) -> object:
        """Old practice anchors of this page → where they went, as JSON for casebook.js."""
        moved = {old: _from_case_page(new) for old, new in self.library.registry.anchors_moved_within(case.id).items()}
        return markup.json_attribute(moved)

    def beside_case_pages(self, shown: Callable[[dict[str, Any]], bool] | None = None) -> dict[str, Callable[[], str]]:
        """Beside each case page: an SVG QR code of its permanent URL, for printed briefings and
        phones, and its citation downloads."""
        files = {}
        for case in self.cases:
            if shown is None or shown({"case": case}):
                files[routes.case_file(case.id, routes.QR_CODE)] = functools.partial(
                    qr_svg, self.settings.url(routes.case_address(case.id)), f"{case.title} 的二维码")
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
        for path, page in self.pages.items():
            if shown is None or shown(page.context):
                outputs[path] = functools.partial(self._render_page, path, page)
        return outputs

    def _render_page(self, path: str, page: Page) -> str:
        links = _Links("index.md" if path == routes.HOME_SNIPPET else path, self.taxonomy)
        return self.env.get_template(page.template).render(link=links, **page.context)


# The owner of the site's own pages (listings, indexes): no file of cases/ names them.
_SITE = Origin(Path("mkdocs.yml"), {})


class _Pages:
    """Pages as they are planned, each address checked against those already there."""

    def __init__(self):
        self.pages: dict[str, Page] = {}
        self.by_address: dict[str, str] = {}
        self.problems: list[Problem] = []

    def add(self, path: str, template: str, context: dict[str, Any], owner: Origin = _SITE) -> None:
        address = routes.address(path)
        if address in self.by_address:
            first = self.pages[self.by_address[address]].owner
            taken_by = "网站自身的页面" if first is _SITE else (
                f" {first.path.as_posix()} 第 {first.line} 行{'（' + first.field + '）' if first.field else ''}")
            self.problems.append(owner.problem(owner.field, (
                f"生成的页面地址 /{address} 已被{taken_by}占用；请换一个 id 或短名"
                "（地名拼音相同时，在 scripts/casebook/vocabularies/place_readings.yml 中为其中一个写明不同的拼音）")))
            return
        self.by_address[address] = path
        self.pages[path] = Page(template, context, owner)

    def listing(self, pages: list[tuple[str, str, dict[str, Any]]], owner: Origin = _SITE) -> None:
        for path, template, context in pages:
            self.add(path, template, context, owner)

    def checked(self) -> dict[str, Page]:
        if self.problems:
            raise CaseErrors(self.problems)
        return self.pages


def _vocabulary(name: str) -> Origin:
    """Pages made from a vocabulary or registry file, as their clashes name it."""
    return Origin(Path("cases", name), {})


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


def _from_case_page(link: str) -> str:
    """A registry link ('case#practice' or 'case') as a URL relative to any case page."""
    case_id, _, anchor = link.partition("#")
    return markup.relative_url(f"../{case_id}/", anchor)


@functools.lru_cache(maxsize=65536)
def _relative(target: str, start: str) -> str:
    """routes.relative, remembered: listings link to the same few pages thousands of times."""
    return routes.relative(target, start)


class _Links:
    """Relative Markdown links from one generated page, so MkDocs checks every one in --strict."""

    def __init__(self, here: str, taxonomy: Taxonomy):
        self.here = here
        self.taxonomy = taxonomy

    def to(self, target: str, anchor: str = "") -> object:
        return markup.relative_url(_relative(target, self.here), anchor)

    def case(self, case: Case, practice: Practice | None = None) -> object:
        return self.to(routes.case_page(case.id), practice.id if practice else "")

    def case_file(self, case: Case, name: str) -> object:
        """A file that belongs to a case page, such as its QR code or citation downloads."""
        return self.to(routes.case_file(case.id, name))

    def category(self, category: Category | str) -> object:
        slug = category if isinstance(category, str) else category.slug
        return self.to(routes.category_page(slug))

    def tag(self, name: str) -> object:
        return self.to(routes.tag_page(self.taxonomy.tag(name).slug))

    def region(self, node: RegionNode) -> object:
        return self.to(node.page)

    def year(self, year: int) -> object:
        return self.to(routes.timeline_page(year))

    def region_of(self, case: Case, depth: int) -> object:
        return self.to(routes.region_page(tuple(place_slug(n) for n in region_names(case.region)[:depth])))


def write_generated(docs_dir: Path, rendered: Iterable[tuple[str, str | bytes]]) -> list[str]:
    """Write generated files into docs/ as they come, changing only what differs (so a live
    preview rebuilds only what changed); returns the paths of all of them. Only the generated
    folders of docs/ are ever written (routes.generated_target)."""
    generated = []
    for rel, content in rendered:
        target = routes.generated_target(docs_dir, rel)
        generated.append(rel)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return generated


def remove_stale(docs_dir: Path, generated: Iterable[str]) -> None:
    """Remove the files of the generated folders that the complete site no longer has."""
    generated = set(generated)
    for folder in routes.GENERATED_DIRS:
        for stale in sorted(p for p in (docs_dir / folder).rglob("*") if p.is_file()):
            if stale.relative_to(docs_dir).as_posix() not in generated:
                stale.unlink()
