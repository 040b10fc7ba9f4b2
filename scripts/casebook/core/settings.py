"""Where the published site and the editable cases live, and the site's name (read from mkdocs.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from casebook.core import routes
from casebook.core.urls import WebAddress, site_address, web_address


@dataclass(frozen=True)
class SiteSettings:
    site_url: WebAddress    # canonical address of the site, e.g. https://casebook.example.org/
    repository: WebAddress  # the GitHub repository the cases are edited in
    site_name: str = "法治政府建设案例库"

    @classmethod
    def of(cls, site_url: str, repository: str, site_name: str = "法治政府建设案例库") -> SiteSettings:
        """Settings from text: both addresses are parsed and checked like a source URL's."""
        return cls(web_address(site_url, public=False), web_address(repository, public=False), site_name)

    def case_url(self, case_id: str, practice_id: str = "") -> WebAddress:
        """The permanent absolute URL of a case, or of one practice in it."""
        return self.url(routes.case_address(case_id), practice_id)

    def url(self, path: str, fragment: str = "") -> WebAddress:
        """The permanent absolute URL of a site address such as cases/<id>/."""
        return site_address(self.site_url, *path.split("/"), fragment=fragment)

    @classmethod
    def from_config_file(cls, path: Path) -> SiteSettings:
        """The settings in mkdocs.yml, which every engine (MkDocs, Zensical) reads."""
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls.of(config["site_url"], config["extra"]["repository"], config["site_name"])
