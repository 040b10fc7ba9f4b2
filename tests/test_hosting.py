"""Going live: the site's address and repository come from one place and reach every absolute link;
a fork publishes under its own address and path; a publishing build refuses the placeholder; the
pages a reader meets when something is missing are Chinese."""

from __future__ import annotations

import gzip
import stat
from pathlib import Path

import pytest

from casebook.core.settings import REPOSITORY_VARIABLE, SITE_URL_VARIABLE, SettingsError, SiteSettings
from conftest import FORK_REPOSITORY, FORK_SITE_URL
from support import REPO, casebook

CONFIG = REPO / "mkdocs.yml"


def test_an_address_is_taken_from_the_option_then_the_environment_then_mkdocs_yml():
    environment = {SITE_URL_VARIABLE: "https://env.example.net/sub", REPOSITORY_VARIABLE: "https://github.com/env/cb/"}
    assert SiteSettings.from_config_file(CONFIG, environ={}).site_url == "https://casebook.example.org/"
    from_environment = SiteSettings.from_config_file(CONFIG, environ=environment)
    assert from_environment.site_url == "https://env.example.net/sub/"  # a folder: configure-pages gives no /
    assert from_environment.repository == "https://github.com/env/cb"
    chosen = SiteSettings.from_config_file(CONFIG, "https://org.github.io/casebook/", None, environ=environment)
    assert chosen.site_url == "https://org.github.io/casebook/" and chosen.repository == "https://github.com/env/cb"
    assert chosen.case_url("a-2023", "p") == "https://org.github.io/casebook/cases/a-2023/#p"


def test_a_placeholder_is_refused_only_for_publishing():
    placeholder = SiteSettings.from_config_file(CONFIG, environ={})
    with pytest.raises(SettingsError, match="casebook.example.org/ 是占位地址.*--site-url"):
        placeholder.refuse_placeholders()
    with pytest.raises(SettingsError, match="--repository"):
        SiteSettings.of(FORK_SITE_URL, "https://git.example.org/casebook").refuse_placeholders()
    SiteSettings.of(FORK_SITE_URL, FORK_REPOSITORY).refuse_placeholders()


@pytest.mark.build
def test_a_publishing_build_with_the_placeholder_stops_with_one_line(project: Path):
    refused = casebook(project, "build", "--publish")
    assert refused.returncode == 1 and not (project / "site").exists()
    assert refused.stderr.splitlines() == [
        "https://casebook.example.org/ 是占位地址，发布的站点不能使用；请用 casebook build --site-url URL "
        f"或环境变量 {SITE_URL_VARIABLE} 给出真实地址（GitHub Pages 工作流会自动填写）"]
    bad = casebook(project, "build", "--site-url", "https://org.github.io/案 例")
    assert bad.returncode == 1 and len(bad.stderr.splitlines()) == 1 and "站点地址" in bad.stderr


def _site_text(site: Path) -> dict[str, bytes]:
    """Every file of a built site as bytes, compressed ones (sitemap.xml.gz) uncompressed."""
    return {p.relative_to(site).as_posix(): gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
            for p in site.rglob("*") if p.is_file()}


def test_a_fork_build_has_its_own_address_everywhere_and_no_placeholder(fork_site: Path):
    files = _site_text(fork_site)
    assert [path for path, data in files.items() if b"example.org" in data] == []
    # A web server reads what `rsync -a` copies: the folder is as readable as the one it was built in.
    assert stat.S_IMODE(fork_site.stat().st_mode) == stat.S_IMODE(fork_site.parent.stat().st_mode)
    home = FORK_SITE_URL.encode()
    for path in ("sitemap.xml", "sitemap.xml.gz", "robots.txt", "feeds/rss.xml", "feeds/atom.xml", "index.html"):
        assert home in files[path], path
    case = next(path for path in files if path.startswith("cases/") and path.endswith("/cite.json"))
    page = files[case.replace("cite.json", "index.html")].decode("utf-8")
    assert f'<link rel="canonical" href="{FORK_SITE_URL}cases/' in page
    assert f'property="og:url" content="{FORK_SITE_URL}cases/' in page
    assert f"{FORK_REPOSITORY}/edit/main/cases/" in page and f"{FORK_REPOSITORY}/issues/new?" in page
    assert home + b"cases/" in files[case]


def test_the_not_found_page_is_chinese_and_works_where_the_site_is_served(page, server):
    missing, failures = server + "/no/such/page/", []
    page.on("response", lambda r: r.status >= 400 and r.url != missing and failures.append(f"{r.status} {r.url}"))
    response = page.goto(missing, wait_until="networkidle")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "404 - 页面不存在"
    assert failures == []  # its stylesheets and scripts load, from the site's own path, at any depth
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    for link, target in (("首页", "/"), ("全部案例", "/cases/")):
        page.goto(missing)
        page.locator(".md-content a", has_text=link).click()
        page.wait_for_url(server + target)


def test_no_english_in_the_footer(page, server):
    page.goto(server + "/")
    footer = page.locator(".md-footer").inner_text()
    assert "Made with" not in footer and "Material" not in footer
    assert "CC BY 4.0" in footer
