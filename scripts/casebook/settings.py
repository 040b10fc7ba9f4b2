"""Where the published site and the editable cases live (read from mkdocs.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class SiteSettings:
    site_url: str    # canonical address of the site, e.g. https://casebook.example.org/
    repository: str  # the GitHub repository the cases are edited in

    def url(self, path: str) -> str:
        """The permanent absolute URL of a site path such as cases/<id>/."""
        return self.site_url.rstrip("/") + "/" + path

    @classmethod
    def from_config_file(cls, path: Path) -> SiteSettings:
        """The settings in mkdocs.yml, which every engine (MkDocs, Zensical) reads."""
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(site_url=config["site_url"], repository=config["extra"]["repository"])
