"""What the pages show, arranged once for every kind of page: the published cases in display
order, the tree of places, the practices of each category and tag, the comparisons; and the
listing helpers (pagination, grouping) the kinds share."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from casebook.core import routes
from casebook.library import Library
from casebook.pages.compare import Comparisons, compare
from casebook.pages.related import RelatedPractices
from casebook.sources.schema import Case, Practice
from casebook.sources.validate import Origin
from casebook.vocabularies.place_slugs import place_slug, region_names, region_parts
from casebook.vocabularies.taxonomy import Category, Tag

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


@dataclass
class ProvinceEntries:
    """Consecutive entries of a listing (cases, or a case's practices) in one province, under its heading."""

    province: str
    entries: list

    @property
    def anchor(self) -> str:
        return place_slug(self.province)


def by_province(entries: list) -> list[ProvinceEntries]:
    """A listing's entries (cases, or CasePractices), in their order, under a heading for each province."""
    provinces: list[ProvinceEntries] = []
    for entry in entries:
        province = (entry.case if isinstance(entry, CasePractices) else entry).region.province
        if not provinces or provinces[-1].province != province:
            provinces.append(ProvinceEntries(province, []))
        provinces[-1].entries.append(entry)
    return provinces


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
    """Newest year first; within a year, cases in the order given (the listings': by place)."""
    by_year: dict[int, list[Case]] = defaultdict(list)
    for case in cases:
        for year in case_years(case):
            by_year[year].append(case)
    return dict(sorted(by_year.items(), reverse=True))


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


def _listing_page(context: dict[str, Any], arrange: Callable[[list], list], entries: Sequence, chunk: slice,
                  pager: Pager) -> dict[str, Any]:
    """The context of one page of a listing: its `chunk` of the listing's entries, arranged."""
    return {**context, "entries": arrange(entries[chunk]), "total": len(entries), "pager": pager}


class _PracticeEntries(Sequence):
    """A listing's practices one by one, as (case, practice), laid out when a page first needs them:
    a live preview renders a page or two of a few listings after an edit."""

    def __init__(self, groups: list[CasePractices]):
        self._groups = groups
        self._count = practice_count(groups)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self._entries[index]

    @functools.cached_property
    def _entries(self) -> list[tuple[Case, Practice]]:
        return practice_entries(self._groups)


def _sort_key(case: Case) -> tuple:
    return (region_names(case.region), case.period.start, case.id)


# What a page's template is given, or what makes it when the page is rendered (see plan.py).
Context = dict[str, Any] | Callable[[], dict[str, Any]]
# A planned page: its path under docs/, its template and its context.
Planned = tuple[str, str, Context]


class Catalogue:
    """The published cases of a library, arranged once for all the kinds of page."""

    def __init__(self, library: Library, page_size: int = PAGE_SIZE, with_cards: bool = False):
        self.library = library
        self.taxonomy = library.taxonomy
        self.settings = library.settings
        self.registry = library.registry
        self.page_size = page_size
        self.with_cards = with_cards  # whether case pages announce a social card
        self.cases = sorted(library.published, key=_sort_key)
        self.regions = region_tree(self.cases)
        self.comparisons: Comparisons = compare(self.cases, library.measures)

    @functools.cached_property
    def categories(self) -> list[tuple[Category, list[CasePractices]]]:
        """Each category with its practices (listed on its page and in its filter data)."""
        by_category = self.practices_by(lambda p: [p.category])
        return [(c, by_category.get(c.slug, [])) for c in self.taxonomy.categories]

    @functools.cached_property
    def tags(self) -> list[tuple[Tag, list[CasePractices]]]:
        """Each tag some practice carries, with its practices, in vocabulary order."""
        by_tag = self.practices_by(lambda p: p.tags)
        return [(t, by_tag[t.name]) for t in self.taxonomy.tags if t.name in by_tag]

    @functools.cached_property
    def related(self) -> RelatedPractices:
        """Under each practice (by case and practice id), practices elsewhere with its measures or tags."""
        return RelatedPractices(self.cases, {m.id: m.name for m in self.library.measures.measures})

    @functools.cached_property
    def practices(self) -> list[CasePractices]:
        """Every practice, grouped by case in case order (the practice finder lists them)."""
        return [CasePractices(case, list(case.practices)) for case in self.cases]

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

    def origin(self, case_id: str, field_name: str) -> Origin:
        """Where a field of a case is written, as a clash of addresses names it."""
        origin = self.library.origins[case_id]
        return Origin(origin.path, {field_name: origin.lines.get(field_name, origin.lines.get("id", 1))},
                      field_name)

    def listing(self, first: str, template: str, entries: Sequence, context: dict[str, Any],
                arrange=by_province) -> list[Planned]:
        """A listing's pages, `page_size` entries each (`arrange`d for the template), page 1 at `first`."""
        starts = range(0, len(entries), self.page_size) or range(1)
        paths = routes.listing_paths(first, len(starts))
        return [(path, template, functools.partial(_listing_page, context, arrange, entries,
                                                   slice(start, start + self.page_size), Pager(paths, number)))
                for number, (path, start) in enumerate(zip(paths, starts), 1)]

    def practice_listing(self, first: str, template: str, groups: list[CasePractices],
                         context: dict[str, Any]) -> list[Planned]:
        """Practices paginated one by one; a case split across pages is headed on each."""
        return self.listing(first, template, _PracticeEntries(groups), {**context, "case_total": len(groups)},
                            arrange=lambda chunk: by_province(group_by_case(chunk)))

    def lineage(self, node: RegionNode) -> list[RegionNode]:
        """The places above `node`, from the root of all places down."""
        lineage, current = [self.regions], self.regions
        for name in node.names:
            current = current.children[name]
            lineage.append(current)
        return lineage[:-1]
