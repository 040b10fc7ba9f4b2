"""The live preview's shortcut: after an edit, only the pages showing the edited case are rendered
again, and the result is exactly what a full render gives."""

from __future__ import annotations

import html
import os
import time
from pathlib import Path

import pytest
import yaml

import casebook.library as loading
from casebook.core.problems import CaseErrors
from casebook.core.project import Project
from casebook.core.settings import SiteSettings
from casebook.pages import kinds as kinds_of_page
from casebook.pages import markup
from casebook.pages.kinds import case as case_kind
from casebook.site import build, digests
from casebook.site.build import render_site_sources
from casebook.site.preview import Preview
from support import file_contents, good_case_text, make_project

CASE_ID = "shandong-jiyang-2023"


@pytest.fixture
def library(tmp_path: Path) -> Project:
    return Project(make_project(tmp_path, {}, bundled=True))


def edit_case(project: Project, change) -> None:
    """Apply `change` to the case's YAML data and write the file back."""
    path = next(project.cases_dir.rglob(f"{CASE_ID}.yml"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def retitle_first_practice(case: dict) -> None:
    case["practices"][0]["title"] = "改过的做法标题"


def move_first_practice(case: dict) -> None:
    practice = case["practices"][0]
    practice["category"] = "digital-government" if practice["category"] != "digital-government" else "enforcement"


@pytest.mark.build
@pytest.mark.parametrize("change", [retitle_first_practice, move_first_practice])
def test_a_preview_render_after_an_edit_equals_a_full_render(library: Project, change):
    settings = SiteSettings.from_config_file(library.config_file)
    preview = Preview()
    render_site_sources(library, settings, preview)
    edit_case(library, change)
    render_site_sources(library, settings, preview)
    previewed = file_contents(library.docs_dir)
    render_site_sources(library, settings)  # a full render, as `casebook build` does
    assert file_contents(library.docs_dir) == previewed


@pytest.mark.build
def test_after_a_render_that_failed_the_next_one_writes_all_it_did_not(library: Project, monkeypatch):
    settings = SiteSettings.from_config_file(library.config_file)
    preview = Preview()
    render_site_sources(library, settings, preview)
    edit_case(library, retitle_first_practice)

    def failing(*args, **kwargs):
        raise OSError("磁盘已满")

    with monkeypatch.context() as patched:
        patched.setattr(build, "write_generated", failing)
        with pytest.raises(OSError):
            render_site_sources(library, settings, preview)
    render_site_sources(library, settings, preview)  # nothing edited since the failure
    previewed = file_contents(library.docs_dir)
    render_site_sources(library, settings)
    assert file_contents(library.docs_dir) == previewed


class RecordingPreview(Preview):
    """A preview that notes what each render was told had changed."""

    def __init__(self):
        super().__init__()
        self.seen: list[set[str] | None] = []

    def edited(self, *args):
        self.seen.append(super().edited(*args))
        return self.seen[-1]


@pytest.mark.build
def test_only_a_text_edit_takes_the_shortcut(library: Project):
    settings = SiteSettings.from_config_file(library.config_file)
    preview = RecordingPreview()
    render_site_sources(library, settings, preview)
    edit_case(library, retitle_first_practice)
    render_site_sources(library, settings, preview)
    edit_case(library, move_first_practice)
    render_site_sources(library, settings, preview)
    render_site_sources(library, settings, preview)  # nothing changed
    assert preview.seen == [None, {CASE_ID}, None, set()]


def retitle_first_practice_again(case: dict) -> None:
    case["practices"][0]["title"] = "再次改过的做法标题"


@pytest.mark.build
def test_which_pages_show_a_case_is_worked_out_again_after_its_outline_changed(library: Project):
    """The preview notes which pages show each case while it renders every page; after an edit that
    moves a practice to another category (everything rendered again), a text edit must reach the
    pages that show the case now, such as its new category's page."""
    settings = SiteSettings.from_config_file(library.config_file)
    preview = Preview()
    render_site_sources(library, settings, preview)
    for change in (retitle_first_practice, move_first_practice, retitle_first_practice_again):
        edit_case(library, change)
        render_site_sources(library, settings, preview)
    previewed = file_contents(library.docs_dir)
    render_site_sources(library, settings)
    assert file_contents(library.docs_dir) == previewed


@pytest.mark.build
def test_a_text_edit_makes_only_the_contexts_of_the_pages_it_renders(tmp_path: Path, monkeypatch):
    """The first render notes which pages show which case, so even the first text edit makes only
    the contexts of the pages it renders."""
    library = Project(make_project(tmp_path, {"zhejiang/ceshi-shili-2024.yml": unrelated_case()}, bundled=True))
    settings = SiteSettings.from_config_file(library.config_file)
    preview = Preview()
    render_site_sources(library, settings, preview)
    made = []
    context = case_kind._context
    monkeypatch.setattr(case_kind, "_context", lambda catalogue, case: made.append(case.id) or context(catalogue, case))
    edit_case(library, retitle_first_practice)
    render_site_sources(library, settings, preview)
    pages = {name.removesuffix(".md"): text.decode("utf-8")
             for name, text in file_contents(library.docs_dir / "cases").items() if name.endswith(".md")}
    showing = {name for name, text in pages.items() if f"]({CASE_ID}.md#" in text} | {CASE_ID}
    assert sorted(made) == sorted(showing)
    assert "ceshi-shili-2024" in pages and "ceshi-shili-2024" not in made


@pytest.mark.build
def test_an_unchanged_case_file_is_not_read_again(library: Project, monkeypatch):
    settled = time.time() - 60  # files written just before they are hashed are read again (digests.py)
    for path in library.cases_dir.rglob("*.yml"):
        os.utime(path, (settled, settled))
    settings = SiteSettings.from_config_file(library.config_file)
    preview = Preview()
    render_site_sources(library, settings, preview)
    hashed = []
    sha256 = digests._sha256
    monkeypatch.setattr(digests, "_sha256", lambda path: hashed.append(Path(path).stem) or sha256(path))
    edit_case(library, retitle_first_practice)
    render_site_sources(library, settings, preview)
    assert hashed == [CASE_ID]


def unrelated_case() -> str:
    """The fixture case without tags or metrics: no other case's page shows it, nor it any other case."""
    data = yaml.safe_load(good_case_text())
    data["practices"] = [{**p, "tags": [], "metrics": []} for p in data["practices"]]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.mark.build
def test_after_a_text_edit_only_the_pages_showing_the_edited_case_are_rendered(tmp_path: Path):
    library = Project(make_project(tmp_path, {"zhejiang/ceshi-shili-2024.yml": unrelated_case()}, bundled=True))
    settings = SiteSettings.from_config_file(library.config_file)
    preview = Preview()
    render_site_sources(library, settings, preview)
    case_pages = library.docs_dir / "cases"
    edit_case(library, retitle_first_practice)
    other_case = case_pages / "ceshi-shili-2024.md"
    other_case.write_text("stale", encoding="utf-8")  # a full render would restore it
    linking = next(p for p in case_pages.glob("*.md") if f"]({CASE_ID}.md#" in p.read_text(encoding="utf-8"))
    linking.write_text("stale", encoding="utf-8")  # it lists a practice of the edited case as related
    render_site_sources(library, settings, preview)
    assert other_case.read_text(encoding="utf-8") == "stale"
    assert "改过的做法标题" in (case_pages / f"{CASE_ID}.md").read_text(encoding="utf-8")
    assert linking.read_text(encoding="utf-8") != "stale"


@pytest.mark.build
def test_a_file_is_checked_again_only_when_it_or_the_vocabulary_changed(library: Project, monkeypatch):
    settings = SiteSettings.from_config_file(library.config_file)
    preview = Preview()
    render_site_sources(library, settings, preview)
    checked = []
    check = loading.check_case_file
    monkeypatch.setattr(loading, "check_case_file", lambda *args: checked.append(args[-1].stem) or check(*args))
    edit_case(library, retitle_first_practice)
    render_site_sources(library, settings, preview)
    assert checked == [CASE_ID]

    checked.clear()
    taxonomy = library.cases_dir / "_taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace("{name: 人民调解,", "{name: 改名的标签,"),
                        encoding="utf-8")
    with pytest.raises(CaseErrors) as errors:  # a tag the cases still use is gone
        render_site_sources(library, settings, preview)
    assert len(checked) == len(list(library.cases_dir.rglob("*-*.yml")))
    assert any("人民调解" in problem.message for problem in errors.value.problems)


@pytest.mark.build
def test_a_removed_case_leaves_the_preview(library: Project):
    added = library.cases_dir / "zhejiang" / "ceshi-shili-2024.yml"  # not yet published: free to go
    added.parent.mkdir()
    added.write_text(good_case_text(), encoding="utf-8")
    settings = SiteSettings.from_config_file(library.config_file)
    preview = Preview()
    render_site_sources(library, settings, preview)
    assert (library.docs_dir / "cases" / "ceshi-shili-2024.md").exists()
    added.unlink()
    public = render_site_sources(library, settings, preview)
    assert "ceshi-shili-2024" not in {case.id for case in public}
    assert not (library.docs_dir / "cases" / "ceshi-shili-2024.md").exists()


class HonoursKind:
    """A toy kind of page: every published case's honours, listed by name alone (its context holds
    no case, so only the kind's declaration can tell the preview that honours arrange it)."""

    PATH = "data/toy-honours.svg"

    def __init__(self, arranged_by: tuple[str, ...]):
        self.ARRANGED_BY = arranged_by

    def plan(self, catalogue, pages) -> None:
        names = sorted(h.name for c in catalogue.cases for h in c.honours)
        text = "、".join(html.escape(name) for name in names)
        drawing = markup.svg(f'<svg xmlns="http://www.w3.org/2000/svg"><text>{text}</text></svg>')
        pages.add(self.PATH, "compare_chart.svg.j2", {"svg": drawing})


def rename_first_honour(case: dict) -> None:
    case["honours"][0]["name"] = "改过名字的荣誉"


@pytest.mark.build
@pytest.mark.parametrize("declared,followed", [(("honours",), True), ((), False)])
def test_the_preview_follows_what_a_new_kind_of_page_declares(library: Project, monkeypatch, declared, followed):
    """A new kind that arranges pages by honours: declaring it makes the preview render everything
    after an honour is renamed; a kind that does not declare it is left stale, which is why the
    declaration is the rule's only source."""
    monkeypatch.setattr(kinds_of_page, "KINDS", (*kinds_of_page.KINDS, HonoursKind(declared)))
    settings = SiteSettings.from_config_file(library.config_file)
    preview = RecordingPreview()
    render_site_sources(library, settings, preview)
    edit_case(library, rename_first_honour)
    render_site_sources(library, settings, preview)
    toy = (library.docs_dir / HonoursKind.PATH).read_text(encoding="utf-8")
    assert ("改过名字的荣誉" in toy) is followed
    assert (preview.seen[-1] is None) is followed  # None: everything was rendered again


def test_the_preview_puts_into_its_site_only_the_cards_not_there_yet(tmp_path: Path):
    cache, site = tmp_path / "cards", tmp_path / "site"
    cache.mkdir()
    for name in ("x", "y", "y2"):
        (cache / f"{name}.jpg").write_bytes(name.encode())
        (site / "cases" / name).mkdir(parents=True)
    preview = Preview()
    preview.put_cards({"cases/x/card.jpg": cache / "x.jpg", "cases/y/card.jpg": cache / "y.jpg"}, site)
    assert (site / "cases/y/card.jpg").read_bytes() == b"y"
    (site / "cases/x/card.jpg").unlink()
    (site / "cases/x/card.jpg").write_bytes(b"left alone")
    preview.put_cards({"cases/x/card.jpg": cache / "x.jpg", "cases/y/card.jpg": cache / "y2.jpg"}, site)
    assert (site / "cases/y/card.jpg").read_bytes() == b"y2"  # its text changed: another card
    assert (site / "cases/x/card.jpg").read_bytes() == b"left alone"  # already put there, not checked again
