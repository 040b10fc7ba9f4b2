"""Related practices: under each practice, practices of other cases with the same measure or tags,
those sharing a measure first, then more tags, then the nearest in the listing order."""

from __future__ import annotations

import re

import pytest
import yaml

from casebook.core.project import Project
from casebook.core.settings import SiteSettings
from casebook.library import load_library
from casebook.pages.related import SHOWN, RelatedPractices
from casebook.pages.render import Renderer
from casebook.sources.schema import Case
from support import good_case_text, rendered_outputs, synthetic_project


def case(number: int, *practices: tuple[list[str], list[str]]) -> Case:
    """A case of practices given as (tags, measures), ids p0, p1, …"""
    data = yaml.safe_load(good_case_text())
    data["id"] = f"c{number}"
    data["practices"] = [{**data["practices"][0], "id": f"p{n}", "tags": tags,
                          "metrics": [{"name": m, "measure": m, "value": 1.0, "unit": "%"} for m in measures]}
                         for n, (tags, measures) in enumerate(practices)]
    return Case.model_validate(data)


def related_ids(cases: list[Case], case_id: str, practice_id: str = "p0") -> list[str]:
    found = RelatedPractices(cases, {"rate": "某比率"})
    return [f"{r.case.id}#{r.practice.id}" for r in found[case_id, practice_id]]


def test_a_shared_measure_ranks_first_then_more_shared_tags_then_the_nearest():
    cases = [case(0, (["甲", "乙"], ["rate"])),
             case(1, (["甲"], [])),              # one tag, nearest
             case(2, (["甲", "乙"], [])),        # two tags
             case(3, ([], ["rate"])),            # the measure
             case(4, (["丙"], []))]              # nothing shared
    assert related_ids(cases, "c0") == ["c3#p0", "c2#p0", "c1#p0"]


def test_practices_of_the_same_case_and_practices_sharing_nothing_are_not_related():
    cases = [case(0, (["甲"], []), (["甲"], [])), case(1, (["乙"], [])), case(2, ([], []))]
    assert related_ids(cases, "c0") == []
    assert related_ids(cases, "c2") == []


def test_what_is_shared_is_named_measures_by_their_names():
    cases = [case(0, (["甲", "乙"], ["rate"])), case(1, (["乙"], ["rate"]))]
    [found] = RelatedPractices(cases, {"rate": "某比率"})["c0", "p0"]
    assert found.shared == ("某比率", "乙")


def test_nearest_neighbours_are_found_however_many_share_a_tag():
    """Among a thousand holders of one tag, a practice's related ones are its neighbours."""
    cases = [case(n, (["甲"], [])) for n in range(1000)]
    assert related_ids(cases, "c500") == ["c499#p0", "c501#p0", "c498#p0"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    project = Project(synthetic_project(tmp_path_factory.mktemp("related"), 12))
    library = load_library(project, SiteSettings.of("https://example.org/", "https://example.org/r"))
    renderer = Renderer(library)
    return list(library.published), renderer.catalogue.related, rendered_outputs(renderer)


def test_each_case_page_links_each_practices_related_practices_by_their_anchors(rendered):
    cases, related, pages = rendered
    for shown in cases:
        page = pages[f"cases/{shown.id}.md"]
        for practice in shown.practices:
            found = related[shown.id, practice.id]
            assert 0 < len(found) <= SHOWN
            section = page.split(f"{{#{practice.id}}}", 1)[1].split("\n### ", 1)[0]
            links = re.findall(r"\]\(([a-z0-9-]+)\.md#([a-z0-9-]+)\)", section.split('class="related"', 1)[1])
            assert links == [(r.case.id, r.practice.id) for r in found]
            assert all(r.case.id != shown.id for r in found)
