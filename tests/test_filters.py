"""Category filters and the pager in a real headless Chromium, on a built site of synthetic cases
whose dispute-resolution category runs over two pages."""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from casebook.core.project import Project
from casebook.library import load_library
from casebook.pages.catalogue import PAGE_SIZE
from support import casebook, serving, synthetic_project

CATEGORY = "/categories/dispute-resolution/"
CASES = 45  # three dispute-resolution practices each: 135, more than one page holds
RESULT_LINKS = ".filter-results a"
LISTED_PRACTICES = ".listing a[href*='/cases/'][href*='#']"  # not the headings' own # links


@pytest.fixture(scope="module", params=["/", "/casebook/"], ids=["root", "prefix"])
def served_at(request) -> str:
    """Where the site is served: at the root, and under a path as on GitHub project pages."""
    return request.param


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory, served_at: str) -> Path:
    root = synthetic_project(tmp_path_factory.mktemp("filters"), CASES)
    result = casebook(root, "build", "--site-url", f"https://fork-org.github.io{served_at}")
    assert result.returncode == 0, result.stderr + result.stdout
    return root


@pytest.fixture(scope="module")
def site_url(synthetic_site: Path, served_at: str):
    with serving(synthetic_site / "site", served_at) as base:
        yield base


@pytest.fixture(scope="module")
def practices(synthetic_site: Path) -> list[tuple]:
    """(case id, practice id, province, years, tags) of every dispute-resolution practice."""
    library = load_library(Project(synthetic_site))
    return [(c.id, p.id, c.region.province, range(c.period.start.year, c.period.end.year + 1), p.tags)
            for c in library.published for p in c.practices if p.category == "dispute-resolution"]


def open_filters(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("form.listing-filters select#filter-province")
    settled(page)


def choose(page, name: str, value: str) -> None:
    """Choose a filter value and wait until its results show (the first choice fetches the practices)."""
    page.select_option(f"#filter-{name}", value)
    settled(page)


def settled(page) -> None:
    page.wait_for_selector(".filter-results:not([aria-busy])", state="attached")


def filters_in(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).items()}


def selected(page) -> dict[str, str]:
    return {name: page.input_value(f"#filter-{name}") for name in ("province", "level", "year", "tag")}


def result_targets(page) -> list[str]:
    """Each result as 'case-id#practice-id', in order."""
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")
    return [re.search(r"/cases/([^/]+)/#(.+)$", h).expand(r"\1#\2") for h in hrefs]


def show_all(page) -> None:
    while page.locator(".filter-more").is_visible():
        page.click(".filter-more")


def test_the_category_runs_over_two_pages_and_the_pager_moves_between_them(page, site_url, practices):
    assert PAGE_SIZE < len(practices) <= 2 * PAGE_SIZE
    page.goto(site_url + CATEGORY)
    pager = page.get_by_role("navigation", name="分页")
    assert pager.locator("[aria-current=page]").inner_text() == "1"
    pager.get_by_role("link", name="下一页").click()
    page.wait_for_url(site_url + CATEGORY + "page-2/")
    pager = page.get_by_role("navigation", name="分页")
    assert pager.locator("[aria-current=page]").inner_text() == "2"
    assert pager.get_by_role("link", name="下一页").count() == 0
    listed = page.locator(LISTED_PRACTICES).count()
    assert listed == len(practices) - PAGE_SIZE
    pager.get_by_role("link", name="第 1 页").click()
    page.wait_for_url(site_url + CATEGORY)


def test_the_practices_are_fetched_only_once_a_filter_is_on(page, site_url):
    """The form is drawn from the small options file; the practices, which grow with the
    library, cost a reader nothing until they filter."""
    fetched = []
    page.on("request", lambda request: fetched.append(urllib.parse.urlsplit(request.url)._replace(query="").geturl()))
    open_filters(page, site_url + CATEGORY)
    options = site_url + "/data/facets/dispute-resolution.options.json"
    practices = site_url + "/data/facets/dispute-resolution.json"
    assert options in fetched and practices not in fetched
    assert page.locator("#filter-province option").first.inner_text() == "全部"
    choose(page, "level", "县级")
    page.wait_for_selector(RESULT_LINKS)
    choose(page, "level", "乡镇级")
    page.wait_for_function("() => new URLSearchParams(location.search).get('level') === '乡镇级'")
    assert fetched.count(practices) == 1


def test_a_filtered_view_round_trips_through_its_url(page, browser, site_url, practices):
    open_filters(page, site_url + CATEGORY)
    choose(page, "province", "江苏省")
    page.wait_for_function("() => new URLSearchParams(location.search).get('province') === '江苏省'")
    choose(page, "year", "2021")
    page.wait_for_function("() => new URLSearchParams(location.search).get('year') === '2021'")
    assert filters_in(page.url) == {"province": "江苏省", "year": "2021"}
    assert page.locator(".listing").is_hidden() and page.locator(".pager").is_hidden()

    show_all(page)
    expected = [f"{case}#{practice}" for case, practice, province, years, _ in practices
                if province == "江苏省" and 2021 in years]
    shown = result_targets(page)
    assert sorted(shown) == sorted(expected) and len(expected) > 0
    cases = len({target.split("#")[0] for target in expected})
    assert page.locator(".filter-status").inner_text() == f"符合条件的做法：{len(expected)} 项，来自 {cases} 个案例。"

    fresh = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    open_filters(fresh, page.url)
    show_all(fresh)
    assert selected(fresh) == selected(page) == {"province": "江苏省", "level": "", "year": "2021", "tag": ""}
    assert result_targets(fresh) == shown
    fresh.context.close()


def test_filters_search_every_page_of_the_category(page, site_url, practices):
    page.goto(site_url + CATEGORY + "page-2/")
    only_on_page_2 = set(page.eval_on_selector_all(LISTED_PRACTICES, "links => links.map(a => a.href)"))
    open_filters(page, site_url + f"{CATEGORY}?tag=" + urllib.parse.quote("人民调解"))
    show_all(page)
    expected = [f"{case}#{practice}" for case, practice, _, _, tags in practices if "人民调解" in tags]
    assert sorted(result_targets(page)) == sorted(expected)
    shown = set(page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)"))
    assert shown & only_on_page_2  # filtering page 1 finds practices that only page 2 lists


def test_back_and_forward_restore_earlier_filters(page, site_url):
    open_filters(page, site_url + CATEGORY)
    choose(page, "level", "县级")
    page.wait_for_function("() => location.search.includes('level=')")
    county_results = result_targets(page)
    choose(page, "level", "乡镇级")
    page.wait_for_function("() => new URLSearchParams(location.search).get('level') === '乡镇级'")
    assert result_targets(page) != county_results

    page.go_back()
    page.wait_for_function("() => new URLSearchParams(location.search).get('level') === '县级'")
    assert selected(page)["level"] == "县级" and result_targets(page) == county_results
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert selected(page)["level"] == "" and page.locator(".listing").is_visible()
    assert page.locator(".filter-results").is_hidden()
    page.go_forward()
    page.wait_for_function("() => location.search.includes('level=')")
    assert result_targets(page) == county_results


def test_clearing_the_filters_shows_the_page_again(page, site_url):
    open_filters(page, site_url + f"{CATEGORY}?province=" + urllib.parse.quote("浙江省") + "&year=1900")
    assert filters_in(page.url) == {"province": "浙江省"}  # a year the category lacks is dropped
    page.click("text=清除筛选")
    page.wait_for_function("() => location.search === ''")
    assert page.locator(".listing").is_visible() and page.locator(".pager").is_visible()


def test_without_javascript_the_static_list_shows(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + CATEGORY + "?province=" + urllib.parse.quote("江苏省"))
    assert page.locator("form.listing-filters").count() == 0
    assert page.locator(LISTED_PRACTICES).count() == PAGE_SIZE
    context.close()


def test_filtered_view_has_no_serious_accessibility_violation(page, site_url):
    open_filters(page, site_url + f"{CATEGORY}?province=" + urllib.parse.quote("广东省"))
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []
    for name in ("省份", "层级", "年份", "标签"):
        assert page.get_by_role("combobox", name=name, exact=True).count() == 1


def test_text_from_the_data_is_shown_as_text(page, synthetic_site, site_url):
    """Validation refuses markup in cases; the script must still never read data as HTML."""
    facets = synthetic_site / "site" / "data" / "facets" / "business-environment.json"
    data = json.loads(facets.read_text(encoding="utf-8"))
    hostile = '<img src="x" onerror="window.pwned = 1">'
    data["practices"][0]["title"] = hostile
    data["cases"][0]["title"] = hostile
    facets.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    open_filters(page, site_url + "/categories/business-environment/?province=" + urllib.parse.quote(
        data["cases"][0]["places"][0]))
    page.wait_for_selector(RESULT_LINKS)
    assert page.locator(".filter-results img").count() == 0
    assert hostile in page.locator(".filter-results li").first.inner_text()
    assert page.evaluate("window.pwned") is None
