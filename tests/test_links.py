"""Every internal link and anchor of the built site resolves (casebook.linkcheck), a build with a
broken one fails and keeps the last good site, and `casebook diff-site` lists what changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from casebook.built.diff import Change, changed_files
from casebook.built.linkcheck import BrokenLink, LastCheck, check_site
from casebook.built.read import read_site
from casebook.site.digests import file_digests
from support import casebook, file_contents, write_files


def test_bundled_site_has_no_broken_internal_link_or_anchor(bundled_site: Path):
    assert check_site(bundled_site) == []


def test_checker_finds_each_kind_of_broken_link(tmp_path: Path):
    site = write_files(tmp_path, {
        "index.html": """<a id="top"></a>
            <a href="a/">folder</a> <a href="a">folder without slash</a> <a href="a/#here">anchor</a>
            <a href="/a/index.html#%E4%B8%AD">encoded anchor from the root</a> <a href="#top">this page</a>
            <a href="?q=复议">query</a> <a href="https://example.org/missing/">another site</a>
            <a href="mailto:editor@example.org">mail</a> <a href="javascript:void(0)">theme button</a>
            <a href="missing/">missing page</a> <a href="a/#nowhere">missing anchor</a>
            <a href="data.json#x">anchor in a file</a> <a href="JavaScript:alert(1)">script</a>
            <img src="logo.png" alt="missing image"> <a href="../../../etc/passwd">above the root</a>""",
        "a/index.html": '<h2 id="here">h</h2><h2 id="中">中</h2><a href="..">up</a><a href="../index.html#top">back</a>',
        "data.json": "{}",
    })
    assert check_site(site) == [
        BrokenLink("index.html", "missing/", "页面或文件不存在"),
        BrokenLink("index.html", "a/#nowhere", "页面 a/index.html 中没有锚点 #nowhere"),
        BrokenLink("index.html", "data.json#x", "锚点指向的不是 HTML 页面"),
        BrokenLink("index.html", "JavaScript:alert(1)", "链接会执行脚本或内嵌内容"),
        BrokenLink("index.html", "logo.png", "页面或文件不存在"),
        BrokenLink("index.html", "../../../etc/passwd", "页面或文件不存在"),
    ]


# A site whose every link resolves, as the last build left it, and the edits a next build may make.
LAST_SITE = {
    "index.html": '<a href="a/#here">an anchor</a> <a href="data.json">a file</a>',
    "a/index.html": '<h2 id="here">h</h2> <a href="../">home</a>',
    "data.json": "{}",
    "search/0.json": "[]",  # written after the check, so never a link's target
}
CHANGES = {
    "a page changes, keeping its anchors": ({"a/index.html": '<h2 id="here">h2</h2> <a href="../">home</a>'}, []),
    "a new page": ({"b/index.html": '<a href="../a/#here">a</a>'}, []),
    "the index is written again": ({"search/0.json": None}, []),
    "a page loses an anchor an unchanged page links to": (
        {"a/index.html": '<h2 id="there">h</h2> <a href="../">home</a>'},
        [BrokenLink("index.html", "a/#here", "页面 a/index.html 中没有锚点 #here")]),
    "a file an unchanged page links to is gone": (
        {"data.json": None}, [BrokenLink("index.html", "data.json", "页面或文件不存在")]),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_after_an_incremental_build_links_that_may_break_are_checked(tmp_path: Path, change):
    edits, broken = change
    site = write_files(tmp_path, LAST_SITE)
    last = LastCheck(file_digests(site), {page.digest: page for page in read_site(site).values()})
    for path, text in edits.items():
        if text is None:
            (site / path).unlink()
        else:
            write_files(site, {path: text})
    pages = read_site(site)
    assert check_site(site, pages, since=last) == broken == check_site(site, pages)
    # Unchanged pages are left alone unless something they may link to went.
    checked = last.pages_to_check(pages, set(file_digests(site)))
    assert checked == (list(pages) if broken else [p for p in pages if p in edits])


@pytest.mark.build
def test_check_links_command(bundled_site: Path, tmp_path: Path):
    good = casebook(bundled_site.parent, "check-links", str(bundled_site))
    assert good.returncode == 0 and "全部有效" in good.stdout
    broken = write_files(tmp_path, {"index.html": '<a href="gone/">x</a>'})
    result = casebook(tmp_path, "check-links", str(broken))
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["index.html: gone/: 页面或文件不存在", "共 1 个站内链接或锚点失效。"]


@pytest.mark.build
def test_build_with_a_broken_link_fails_and_keeps_the_last_site(project: Path):
    assert casebook(project, "build").returncode == 0
    site = project / "site"
    before = file_contents(site)
    about = project / "docs" / "about.md"
    # Raw HTML: MkDocs' own --strict link validation reads only Markdown links.
    about.write_text(about.read_text(encoding="utf-8") + '\n<a href="../no-such-page/">失效链接</a>\n',
                     encoding="utf-8")
    result = casebook(project, "build")
    assert result.returncode != 0
    assert "about/index.html: ../no-such-page/: 页面或文件不存在" in result.stderr
    assert "站点中有 1 个站内链接或锚点失效；上一次成功构建的站点保持不变" in result.stderr
    assert file_contents(site) == before
    assert not list(project.glob(".site-build-*"))


@pytest.mark.build
def test_diff_site_lists_added_removed_and_changed_pages(tmp_path: Path):
    old = write_files(tmp_path / "old", {"index.html": "a", "cases/x/index.html": "x", "gone.html": "g"})
    new = write_files(tmp_path / "new", {"index.html": "a", "cases/x/index.html": "x2", "cases/y/index.html": "y"})
    assert changed_files(old, new) == [
        Change("cases/x/index.html", "changed"), Change("cases/y/index.html", "added"), Change("gone.html", "removed")]
    result = casebook(tmp_path, "diff-site", str(old), str(new))
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["修改 cases/x/", "新增 cases/y/", "删除 gone.html"]
    assert "共 3 个文件不同，其中 3 个页面。" in result.stderr


@pytest.mark.build
def test_diff_site_of_identical_sites_is_empty(tmp_path: Path):
    files = {"index.html": "a", "search/search_index.json": "{}"}
    result = casebook(tmp_path, "diff-site", str(write_files(tmp_path / "a", files)), str(write_files(tmp_path / "b", files)))
    assert result.returncode == 0 and result.stdout == ""


@pytest.mark.build
def test_a_plain_mkdocs_build_checks_the_links_too(project: Path):
    """The MkDocs hooks run the same steps as `casebook build`, the link check among them."""
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + '\n<a href="../no-such-page/">失效链接</a>\n', encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "CASEBOOK_RENDERED"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, env={**env, "NO_MKDOCS_2_WARNING": "1"})
    said = result.stdout + result.stderr  # MkDocs prints an abort's message on standard output
    assert result.returncode != 0
    assert "about/index.html: ../no-such-page/: 页面或文件不存在" in said and "站点中有 1 个站内链接或锚点失效" in said
