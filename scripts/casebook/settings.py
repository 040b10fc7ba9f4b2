"""Where the published site and the editable cases live (read from mkdocs.yml)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteSettings:
    site_url: str    # canonical address of the site, e.g. https://casebook.example.org/
    repository: str  # the GitHub repository the cases are edited in

    def url(self, path: str) -> str:
        """The permanent absolute URL of a site path such as cases/<id>/."""
        return self.site_url.rstrip("/") + "/" + path
