"""Listings that scale: paginated lists, region counts, the timeline and the category filter data.

The pages are rendered in-process from a scratch project of synthetic cases with a small page
size, so every listing runs over several pages."""

from __future__ import annotations

import dataclasses
import html
import json
import math
import posixpath
import re
from pathlib import Path

import pytest

from casebook.core.problems import CaseErrors
from casebook.core.project import Project
from casebook.core.settings import SiteSettings
from casebook.library import load_library
from casebook.pages.catalogue import Pager, case_years
from casebook.pages.markup import one_line
from casebook.pages.render import Renderer
from casebook.sources.validate import Origin
from casebook.vocabularies.place_slugs import place_slug, region_names
from support import PROVINCES, rendered_outputs, synthetic_project

PAGE_SIZE = 10


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """(cases, taxonomy, renderer, rendered pages) for 30 synthetic cases at 10 entries a page."""
    project = Project(synthetic_project(tmp_path_factory.mktemp("listings"), 30))
    library = load_library(project, SiteSettings.of("https://example.org/", "https://example.org/r"))
    renderer = Renderer(library, page_size=PAGE_SIZE)
    return list(library.published), library.taxonomy, renderer, rendered_outputs(renderer)


_LINK = re.compile(r"\]\(([^)\s]+)\)")


def case_links(rendered_pages: dict[str, str], page: str) -> list[str]:
    """The case and practice links of a generated page, as 'case-id' or 'case-id#practice'."""
    links = []
    for href in _LINK.findall(rendered_pages[page]):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
        match = re.fullmatch(r"cases/(?!index\.md|page-\d+\.md)([a-z0-9-]+)\.md(#[a-z0-9-]+)?", target)
        if match:
            links.append(match.group(1) + (match.group(2) or ""))
    return links


def listing_pages(rendered_pages: dict[str, str], first: str) -> list[str]:
    """Page 1 and the numbered pages after it, in order."""
    folder = posixpath.dirname(first) if first.endswith("/index.md") else first.removesuffix(".md")
    numbered = sorted((p for p in rendered_pages if re.fullmatch(re.escape(folder) + r"/page-\d+\.md", p)),
                      key=lambda p: int(re.search(r"(\d+)\.md$", p).group(1)))
    return [first, *numbered]


def listed(rendered_pages, first: str, practices: bool) -> list[list[str]]:
    """Each page's entries: practice links (with an anchor), or case links (without)."""
    return [[link for link in case_links(rendered_pages, page) if ("#" in link) == practices]
            for page in listing_pages(rendered_pages, first)]


def listings(cases, taxonomy) -> list[tuple[str, bool, list[str]]]:
    """Every paginated listing: its first page, whether it lists practices, and what it must list."""
    found = [("cases/index.md", False, [c.id for c in cases])]
    for category in taxonomy.categories:
        found.append((f"categories/{category.slug}.md", True,
                      [f"{c.id}#{p.id}" for c in cases for p in c.practices if p.category == category.slug]))
    for tag in taxonomy.tags:
        expected = [f"{c.id}#{p.id}" for c in cases for p in c.practices if tag.name in p.tags]
        if expected:
            found.append((f"tags/{tag.slug}.md", True, expected))
    places = {names[:depth] for c in cases for names in [region_names(c.region)] for depth in range(1, len(names) + 1)}
    for names in places:
        page = posixpath.join("regions", *map(place_slug, names), "index.md")
        found.append((page, False, [c.id for c in cases if region_names(c.region)[:len(names)] == names]))
    for year in {y for c in cases for y in case_years(c)}:
        found.append((f"timeline/{year}.md", False, [c.id for c in cases if year in case_years(c)]))
    return found


def test_no_listing_page_holds_more_than_a_page_of_entries_and_each_entry_is_listed_once(rendered):
    cases, taxonomy, _, pages = rendered
    checked = 0
    for first, practices, expected in listings(cases, taxonomy):
        per_page = listed(pages, first, practices)
        assert all(len(entries) <= PAGE_SIZE for entries in per_page), (first, [len(e) for e in per_page])
        assert len(per_page) == max(1, math.ceil(len(expected) / PAGE_SIZE)), first
        every = [entry for entries in per_page for entry in entries]
        assert sorted(every) == sorted(expected), first  # each exactly once, across all pages
        checked += len(per_page) > 1
    assert checked >= 5  # the fixture is big enough that many listings run over several pages


def test_each_page_of_a_listing_has_a_pager_marking_itself(rendered):
    _, _, _, pages = rendered
    first = "cases/index.md"
    paths = listing_pages(pages, first)
    assert len(paths) == 3
    for number, path in enumerate(paths, 1):
        text = pages[path]
        assert '<nav class="pager" aria-label="分页" markdown>' in text
        current = re.findall(r"\[(\d+)\]\(([^)]+)\)\{[^}]*aria-current=\"page\"", text)
        assert current == [(str(number), posixpath.relpath(path, posixpath.dirname(path)))]
        assert ("[上一页]" in text) == (number > 1) and ("[下一页]" in text) == (number < len(paths))
        assert (f"第 {number} 页，共 3 页" in text)
        assert ("exclude: true" in text) == (number > 1)  # later pages stay out of the search index


def test_pager_shows_a_fixed_handful_of_page_numbers():
    paths = tuple(f"p{n}.md" for n in range(1, 51))
    assert Pager(paths, 1).shown() == [1, 2, 3, None, 50]
    assert Pager(paths, 25).shown() == [1, None, 23, 24, 25, 26, 27, None, 50]
    assert Pager(paths, 49).shown() == [1, None, 47, 48, 49, 50]
    assert Pager(paths[:1], 1).shown() == [1]


def test_region_index_counts_each_province_and_city_and_lists_no_town(rendered):
    cases, _, _, pages = rendered
    text = pages["regions/index.md"]
    for province in PROVINCES:
        held = [c for c in cases if c.region.province == province]
        section = text.split(f"## [{province}]")[1].split("\n## ")[0]
        assert f"{len(held)} 个案例、{sum(len(c.practices) for c in held)} 项做法。" in section
        for case in held:
            city = [c for c in held if c.region.city == case.region.city]
            row = re.search(rf"^\| \[{case.region.city}\]\([^)]+\) \| (\d+) \| (\d+) \|$", section, re.M)
            assert row and row.groups() == (str(len(city)), str(sum(len(c.practices) for c in city)))
    assert "县]" not in text and "镇]" not in text
    assert case_links(pages, "regions/index.md") == []  # the cases are listed on the places' own pages


def test_timeline_counts_each_year(rendered):
    cases, _, _, pages = rendered
    rows = re.findall(r"^\| \[(\d+) 年\]\((\d+)\.md\) \| (\d+) \| (\d+) \|$", pages["timeline/index.md"], re.M)
    years = sorted({y for c in cases for y in case_years(c)}, reverse=True)
    assert [int(r[0]) for r in rows] == years  # newest first
    for year, target, case_count, practice_count in rows:
        held = [c for c in cases if int(year) in case_years(c)]
        assert target == year
        assert (int(case_count), int(practice_count)) == (len(held), sum(len(c.practices) for c in held))
    assert any(c.period.start.year != c.period.end.year for c in cases)  # spanning cases are counted in both


def test_facet_json_holds_every_practice_of_its_category_with_its_facets(rendered):
    cases, taxonomy, _, pages = rendered
    for category in taxonomy.categories:
        data = json.loads(pages[f"data/facets/{category.slug}.json"])
        shown = sorted(
            (owner["href"], p["id"], p["title"], tuple(p["tags"]), owner["places"][0], owner["level"],
             tuple(owner["years"]))
            for p in data["practices"] for owner in [data["cases"][p["case"]]])
        held = [(c, p) for c in cases for p in c.practices if p.category == category.slug]
        expected = sorted(
            (f"../../cases/{c.id}/", p.id, p.title, tuple(p.tags), c.region.province, c.region.level,
             tuple(range(c.period.start.year, c.period.end.year + 1)))
            for c, p in held)
        assert shown == expected, category.slug


def test_facet_options_are_the_categorys_values_with_the_practices_each_selects(rendered):
    cases, taxonomy, _, pages = rendered
    for category in taxonomy.categories:
        options = json.loads(pages[f"data/facets/{category.slug}.options.json"])
        held = [(c, p) for c in cases for p in c.practices if p.category == category.slug]
        selects = {"province": lambda c, p, v: c.region.province == v, "level": lambda c, p, v: c.region.level == v,
                   "year": lambda c, p, v: v in case_years(c), "tag": lambda c, p, v: v in p.tags}
        values = {name: [value for value, _ in options[name]] for name in selects}
        assert set(values["province"]) == {c.region.province for c, _ in held}
        assert set(values["level"]) == {c.region.level for c, _ in held}
        assert values["year"] == sorted({y for c, _ in held for y in case_years(c)}, reverse=True)
        assert values["tag"] == [t.name for t in taxonomy.tags if any(t.name in p.tags for _, p in held)]
        for name, selects_it in selects.items():
            assert options[name] == [[value, sum(selects_it(c, p, value) for c, p in held)] for value in values[name]]


def test_category_page_links_its_filter_data(rendered):
    _, _, _, pages = rendered
    text = pages["categories/dispute-resolution.md"]
    assert "](../data/facets/dispute-resolution.json){.facets-data}" in text
    assert '<div class="listing" markdown>' in text  # what the filters hide while they are on


def test_home_page_does_not_grow_with_the_cases(rendered):
    _, _, _, pages = rendered
    assert len(case_links(pages, "_generated/home.md")) <= 6  # the newest cases, nothing more


def test_a_case_whose_address_is_a_listing_page_is_refused_naming_its_file(rendered):
    """Validation refuses such ids; the renderer still never lets one page overwrite another."""
    _, _, renderer, _ = rendered
    library = renderer.library
    case = library.published[0]
    clashing = case.model_copy(update={"id": "page-2"})
    origin = Origin(Path("cases/zhejiang/page-2.yml"), {"id": 2})
    with pytest.raises(CaseErrors) as raised:
        Renderer(dataclasses.replace(library, cases=(*library.cases, clashing),
                                     origins={**library.origins, "page-2": origin}), page_size=PAGE_SIZE).pages
    assert [str(p) for p in raised.value.problems] == [
        "cases/zhejiang/page-2.yml:2: id: 生成的页面地址 /cases/page-2/ 已被网站自身的页面占用；请换一个 id 或短名"
        "（地名拼音相同时，在 scripts/casebook/vocabularies/place_readings.yml 中为其中一个写明不同的拼音）"]


def places_below(cases, names: tuple[str, ...]) -> dict[tuple[str, ...], list]:
    """Every place strictly below `names`, with the cases held at or below it."""
    below = {}
    for case in cases:
        held = region_names(case.region)
        if held[:len(names)] == names:
            for depth in range(len(names) + 1, len(held) + 1):
                below.setdefault(held[:depth], []).append(case)
    return below


def test_a_place_page_lists_every_place_below_it_down_to_towns_with_its_counts(rendered):
    cases, _, _, pages = rendered
    for province in PROVINCES:
        text = pages[f"regions/{place_slug(province)}/index.md"]
        tree = text.split("## 下级地区", 1)[1].split("\n## ", 1)[0]
        rows = re.findall(r"^( *)- \[([^\]]+)\]\(([^)]+)\)：(\d+) 个案例、(\d+) 项做法$", tree, re.M)
        expected = places_below(cases, (province,))
        assert {(len(indent) // 4, name) for indent, name, *_ in rows} == {(len(p) - 2, p[-1]) for p in expected}
        for indent, name, href, case_count, practice_count in rows:
            [place] = [p for p in expected if p[-1] == name]
            assert href == posixpath.join(*map(place_slug, place[1:]), "index.md")
            held = expected[place]
            assert (int(case_count), int(practice_count)) == (len(held), sum(len(c.practices) for c in held))
    assert any(c.region.town for c in cases)  # so the trees reach towns


def test_the_place_search_knows_every_place_its_page_and_counts(rendered):
    cases, _, _, pages = rendered
    places = json.loads(pages["data/places.json"])
    expected = places_below(cases, ())
    assert len(places) == len(expected)
    assert [len(above.split(" › ")) if above else 0 for _, above, *_ in places] == \
        sorted(len(p) - 1 for p in expected)  # broadest first
    for name, above, href, case_count, practice_count in places:
        [place] = [p for p in expected if p[-1] == name and " › ".join(p[:-1]) == above]
        assert href == "../" + "".join(f"{part}/" for part in ("regions", *map(place_slug, place)))
        assert (case_count, practice_count) == (len(expected[place]), sum(len(c.practices) for c in expected[place]))


def test_listings_group_their_entries_under_province_headings_and_say_their_order(rendered):
    cases, taxonomy, _, pages = rendered
    for first, practices, expected in listings(cases, taxonomy):
        if first.startswith("regions/") or not expected:
            continue  # a place's own listing is within one province; an empty one has nothing to order
        for page in listing_pages(pages, first):
            text = pages[page]
            assert "按省份分组，组内按地区、时期排列" in text, page
            headings = re.findall(r"^## (\S+) \{#([a-z0-9-]+)\}$", text, re.M)
            listed = case_links(pages, page)
            province_of = {c.id: c.region.province for c in cases}
            provinces = [province_of[link.split("#")[0]] for link in listed if ("#" in link) == practices]
            assert [name for name, _ in headings] == list(dict.fromkeys(provinces)), page  # each once, in order
            assert all(anchor == place_slug(name) for name, anchor in headings)


def test_practice_listings_show_the_opening_of_each_description(rendered):
    cases, _, _, pages = rendered
    text = pages["practices/index.md"]
    items = re.findall(r"^- \[[^\]]+\]\(\.\./cases/([a-z0-9-]+)\.md#([a-z0-9-]+)\)[^\n]*\n"
                       r"  <span class=\"practice-summary\">([^<]+)</span>$", text, re.M)
    by_id = {(c.id, p.id): p for c in cases for p in c.practices}
    assert len(items) == PAGE_SIZE
    for case_id, practice_id, summary in items:
        description = by_id[case_id, practice_id].description
        assert html.unescape(summary) == one_line(description) and description.startswith(one_line(description)[:-1])
