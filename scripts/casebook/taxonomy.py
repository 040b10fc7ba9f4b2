"""The vocabulary of categories and tags, read from `cases/_taxonomy.yml`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PositiveInt

from .load import load_case
from .problems import CaseErrors, Problem

TAXONOMY_FILE = "_taxonomy.yml"


def _pairs(value: object) -> object:
    # Written as a mapping `{执法: 3}` for editors; kept as pairs so the frozen model stays hashable.
    return tuple(value.items()) if isinstance(value, dict) else value


# Keyword → weight: how many points one occurrence in a practice gives its category.
KeywordWeights = Annotated[tuple[tuple[str, PositiveInt], ...], BeforeValidator(_pairs)]


class Category(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str
    description: str
    extra: bool = False  # the group for practices that fit none of the main sections
    keywords: KeywordWeights = ()  # for suggesting this category to drafts (casebook import)


class Tag(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    keywords: tuple[str, ...] = ()  # other wordings of the tag, for suggesting it to drafts


class Taxonomy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    categories: tuple[Category, ...]
    tags: tuple[Tag, ...]

    @property
    def category_slugs(self) -> tuple[str, ...]:
        return tuple(c.slug for c in self.categories)

    @property
    def tag_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tags)

    def category(self, slug: str) -> Category:
        return next(c for c in self.categories if c.slug == slug)

    def tag(self, name: str) -> Tag:
        return next(t for t in self.tags if t.name == name)


def load_taxonomy(cases_dir: Path) -> Taxonomy:
    """The vocabulary, read with the same guards as case files (it arrives by pull request too)."""
    path = cases_dir / TAXONOMY_FILE
    loaded = load_case(path, Path(cases_dir.name) / TAXONOMY_FILE)
    if isinstance(loaded, Problem):
        raise CaseErrors([loaded])
    return Taxonomy.model_validate(loaded.plain())
