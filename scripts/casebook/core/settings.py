"""Where the published site and the editable cases live, and the site's name: the one place every
absolute link (permalinks, QR codes, citations, feeds, robots.txt, edit and report links) and the
engine's site_url (sitemap, canonical and og:url, the 404 page's base) come from.

Each address is chosen, first found first: the option given to `casebook build` (--site-url,
--repository), the environment (CASEBOOK_SITE_URL, CASEBOOK_REPOSITORY: the Pages workflow fills
them from the repository it runs in), mkdocs.yml (site_url, extra.repository). mkdocs.yml holds
placeholders on example.org, which a build meant for publishing refuses (`refuse_placeholders`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from casebook.core import routes
from casebook.core.urls import NotAWebAddress, WebAddress, site_address, web_address

SITE_URL_VARIABLE = "CASEBOOK_SITE_URL"
REPOSITORY_VARIABLE = "CASEBOOK_REPOSITORY"
# Domains reserved for examples (RFC 2606): an address on one of them is a placeholder, never a site.
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")


class SettingsError(ValueError):
    """An address that cannot be used, in one line for the editor."""


@dataclass(frozen=True)
class SiteSettings:
    site_url: WebAddress    # canonical address of the site, ending in /: https://org.github.io/casebook/
    repository: WebAddress  # the GitHub repository the cases are edited in, no / at the end
    site_name: str = "法治政府建设案例库"

    @classmethod
    def of(cls, site_url: str, repository: str, site_name: str = "法治政府建设案例库") -> SiteSettings:
        """Settings from text: both addresses are parsed and checked like a source URL's (any host:
        a test server's is one). The site's address is a folder, so it ends in / (configure-pages
        gives https://org.github.io/casebook without it), and the repository's does not."""
        site = _address(site_url, "站点地址")
        return cls(WebAddress(site if site.endswith("/") else site + "/"),
                   WebAddress(_address(repository, "仓库地址").rstrip("/")), site_name)

    @classmethod
    def from_config_file(cls, path: Path, site_url: str | None = None, repository: str | None = None,
                         environ: Mapping[str, str] = os.environ) -> SiteSettings:
        """The settings a build uses: each address as given (casebook build's options), else from
        the environment, else from mkdocs.yml, which every engine (MkDocs, Zensical) reads."""
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls.of(site_url or environ.get(SITE_URL_VARIABLE) or config["site_url"],
                      repository or environ.get(REPOSITORY_VARIABLE) or config["extra"]["repository"],
                      config["site_name"])

    def environment(self) -> dict[str, str]:
        """These settings as the environment that hands them to the engine (the MkDocs hooks read
        them back with `from_config_file`), so the engine's site_url is the casebook's."""
        return {SITE_URL_VARIABLE: self.site_url, REPOSITORY_VARIABLE: self.repository}

    def refuse_placeholders(self) -> None:
        """For a build meant for publishing: raise SettingsError if an address is still mkdocs.yml's
        placeholder, whose links would all be dead once published."""
        for address, option, variable in ((self.site_url, "--site-url", SITE_URL_VARIABLE),
                                          (self.repository, "--repository", REPOSITORY_VARIABLE)):
            if _is_placeholder(address):
                raise SettingsError(f"{address} 是占位地址，发布的站点不能使用；请用 casebook build {option} URL "
                                    f"或环境变量 {variable} 给出真实地址（GitHub Pages 工作流会自动填写）")

    def case_url(self, case_id: str, practice_id: str = "") -> WebAddress:
        """The permanent absolute URL of a case, or of one practice in it."""
        return self.url(routes.case_address(case_id), practice_id)

    def url(self, path: str, fragment: str = "") -> WebAddress:
        """The permanent absolute URL of a site address such as cases/<id>/."""
        return site_address(self.site_url, *path.split("/"), fragment=fragment)


def _address(text: str, what: str) -> WebAddress:
    try:
        return web_address(str(text), public=False)
    except NotAWebAddress as error:
        raise SettingsError(f"{what} “{text}” 不能使用：{error}") from None


def _is_placeholder(address: str) -> bool:
    host = urlsplit(address).hostname or ""
    return any(host == domain or host.endswith("." + domain) for domain in PLACEHOLDER_DOMAINS)
