"""The rendered docs/ tree is engine-neutral: MkDocs and Zensical build it, and the casebook's
own steps (link check, search index, search worker) work on what either one wrote; in a Zensical
build the casebook's own search box finds the cases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from casebook.site.build import CASEBOOK_WORKER, THEME_WORKERS
from casebook.site.engine import CHANGED_DOCS, RENDERED_BY_CASEBOOK
from support import casebook, in_fresh_process, make_project, serving

pytestmark = pytest.mark.build  # each test builds a site or runs the casebook command

CASE_PAGE = Path("cases/ceshi-shili-2024/index.html")
CARD = Path("cases/ceshi-shili-2024/card.jpg")
# What rendering needs and the engine's process does not (pinyin's phrases alone are 40 MB).
HEAVY = ("pydantic", "jinja2", "pypinyin", "opencc", "jieba", "matplotlib", "numpy", "PIL", "segno", "cn2an")


def shows_its_card(site: Path) -> bool:
    """The case page names its social card, and the card is in the site (drawn beside the engine)."""
    page = (site / CASE_PAGE).read_text(encoding="utf-8")
    return (site / CARD).read_bytes().startswith(b"\xff\xd8") and f'{CARD.name}">' in page.split('"og:image"')[1]


def search_is_the_casebooks(site: Path) -> bool:
    workers = list(site.glob(THEME_WORKERS))
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return (bool(workers) and all(w.read_bytes() == (site / CASEBOOK_WORKER).read_bytes() for w in workers)
            and not index.get("docs") and (site / "search" / "shards").is_dir())


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_casebook_builds_with_each_engine(project: Path, engine: str):
    result = casebook(project, "build", "--engine", engine, "--report", str(project / "report.json"))
    assert result.returncode == 0, result.stderr + result.stdout
    site = project / "site"
    assert "湖州市：测试用案例" in (site / CASE_PAGE).read_text(encoding="utf-8")
    assert search_is_the_casebooks(site)
    assert shows_its_card(site)
    assert not (project / "docs" / CARD).exists()  # the engine never sees it
    steps = json.loads((project / "report.json").read_text(encoding="utf-8"))
    assert set(steps) == {"render", "plan", engine, "cards", "check_and_index"}
    assert "（完整构建（" in result.stdout  # the first build, or Zensical's: no site to build on
    assert not (project / ".zensical.yml").exists()


def test_under_casebook_build_the_engines_process_loads_no_rendering_library(tmp_path: Path):
    """`casebook build` renders before the engine runs: the hooks, even for a dirty build, leave
    out what only rendering needs (150 MB of libraries, in a process holding a large site)."""
    changed = tmp_path / "changed.json"
    changed.write_text('["cases/ceshi-shili-2024.md"]', encoding="utf-8")
    loaded = in_fresh_process(f"""
        import os, sys
        os.environ.update({{{RENDERED_BY_CASEBOOK!r}: "1", {CHANGED_DOCS!r}: {str(changed)!r}}})
        from casebook.site import mkdocs_hooks
        assert mkdocs_hooks._dirty.changed == {{"cases/ceshi-shili-2024.md"}}
        result = sorted(name for name in sys.modules if name.partition(".")[0] in {HEAVY!r}
                        or name in ("casebook.site.build", "casebook.site.preview", "casebook.sources.normalise"))
    """)
    assert loaded == []


def test_plain_mkdocs_build_runs_the_pipeline_through_its_hooks(project: Path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CASEBOOK_RENDERED", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert "湖州市：测试用案例" in (site / CASE_PAGE).read_text(encoding="utf-8")
    assert search_is_the_casebooks(site)
    assert shows_its_card(site)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    """The bundled cases built with Zensical."""
    root = make_project(tmp_path_factory.mktemp("zensical"), {}, bundled=True)
    result = casebook(root, "build", "--engine", "zensical")
    assert result.returncode == 0, result.stderr + result.stdout
    return root / "site"


JUZHEN = "/cases/shandong-yucheng-juzhen-2023/"  # the one bundled case whose title says 莒镇


def shown_results(page, served, query: str) -> list[str]:
    """The site's own paths of the pages the casebook's search box lists for `query`, in order
    (typed, its first characters may be answered first)."""
    page.locator(".casebook-search__item mark", has_text=query).first.wait_for()
    hrefs = page.eval_on_selector_all(".casebook-search__item > a:first-child", "links => links.map(a => a.href)")
    return [served.site_path(href) for href in hrefs]


@pytest.mark.parametrize("prefix", ["/", "/casebook/"])
def test_zensical_site_searches_with_the_casebooks_box(page, zensical_site: Path, prefix: str):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with serving(zensical_site, prefix) as served:
        page.goto(served + "/about/")
        page.locator(".casebook-search__input").press_sequentially("莒镇")
        assert shown_results(page, served, "莒镇")[0] == JUZHEN
        assert "符合条件" in page.locator(".casebook-search__meta").inner_text()
        assert Axe().run(page, context=".casebook-search").response["violations"] == []  # the box, results open
        page.goto(served + "/?q=" + urllib.parse.quote("莒镇"))  # a shared search link
        assert shown_results(page, served, "莒镇")[0] == JUZHEN
    assert all(url.startswith(served) for url in requests)  # nothing from outside the site
    assert any("/search/shards/" in url for url in requests)  # the casebook's index, read in parts
    assert not any(url.endswith("/search.json") for url in requests)  # not Zensical's own index
