"""The vocabulary of categories and tags, read from `cases/_taxonomy.yml`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PositiveInt

from casebook.sources.fields import Label, Slug, Text
from casebook.sources.vocabulary_file import read_vocabulary, repeated

TAXONOMY_FILE = "_taxonomy.yml"


def _pairs(value: object) -> object:
    # Written as a mapping `{执法: 3}` for editors; kept as pairs so the frozen model stays hashable.
    return tuple(value.items()) if isinstance(value, dict) else value


# Keyword → weight: how many points one occurrence in a practice gives its category.
KeywordWeights = Annotated[tuple[tuple[Label, PositiveInt], ...], BeforeValidator(_pairs)]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Category(_Frozen):
    slug: Slug
    name: Annotated[Text, Field(max_length=30)]
    description: Annotated[Text, Field(max_length=300)]
    extra: bool = False  # the group for practices that fit none of the main sections
    keywords: KeywordWeights = ()  # for suggesting this category to drafts (casebook import)


class Tag(_Frozen):
    name: Label
    slug: Slug
    keywords: tuple[Label, ...] = ()  # other wordings of the tag, for suggesting it to drafts


class Taxonomy(_Frozen):
    categories: tuple[Category, ...] = Field(min_length=1)
    tags: tuple[Tag, ...] = ()

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


def _repeats(taxonomy: Taxonomy):
    """Each category slug, tag name and tag slug names one thing: its page and its filter value."""
    yield from repeated(((("categories", i, "slug"), c.slug) for i, c in enumerate(taxonomy.categories)), "分类 slug")
    yield from repeated(((("tags", i, "name"), t.name) for i, t in enumerate(taxonomy.tags)), "标签")
    yield from repeated(((("tags", i, "slug"), t.slug) for i, t in enumerate(taxonomy.tags)), "标签 slug")
    if sum(c.extra for c in taxonomy.categories) > 1:
        yield ("categories",), "最多只能有一个 extra: true 的分类（不属于五类的做法归入它）"


def load_taxonomy(cases_dir: Path) -> Taxonomy:
    """The vocabulary, read with the same guards and checks as case files."""
    return read_vocabulary(cases_dir, TAXONOMY_FILE, Taxonomy, checks=_repeats)[0]
