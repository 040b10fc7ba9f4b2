"""The loaded library: what one build reads from cases/ and mkdocs.yml, loaded once and handed to
rendering, exports and the live preview."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .metrics import MetricVocabulary
from .permalinks import Registry
from .schema import Case
from .settings import SiteSettings
from .taxonomy import Taxonomy
from .validate import Origin


@dataclass(frozen=True)
class Library:
    cases: tuple[Case, ...]      # every valid, normalised case, drafts too, in file order
    origins: dict[str, Origin]   # where each case is written, by case id
    taxonomy: Taxonomy
    measures: MetricVocabulary
    registry: Registry
    settings: SiteSettings

    @functools.cached_property
    def published(self) -> tuple[Case, ...]:
        """The cases the site shows."""
        return tuple(c for c in self.cases if c.status == "published")
