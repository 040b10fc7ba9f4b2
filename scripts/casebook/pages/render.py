"""Step 4, render: turn the published cases into the site's generated Markdown pages.

Python decides what each page holds (the kinds of page in kinds/, on a catalogue arranged once);
the Jinja2 templates in `templates/` decide how it looks, and print every value through the one
escaping boundary (markup.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from typing import Any

import jinja2

from casebook.core import routes
from casebook.library import Library
from casebook.pages import kinds as kinds_of_page
from casebook.pages import markup
from casebook.pages.catalogue import PAGE_SIZE, Catalogue, RegionNode, practice_count
from casebook.pages.kinds import PageKind, beside_pages
from casebook.pages.metric_text import note_text, value_text
from casebook.pages.plan import Page, PagePlan
from casebook.sources.schema import Case, Practice
from casebook.vocabularies.place_slugs import local_name, place_slug, region_names
from casebook.vocabularies.taxonomy import Category, Taxonomy


class Renderer:
    """Renders every generated page of a library's published cases."""

    def __init__(self, library: Library, with_cards: bool = False, page_size: int = PAGE_SIZE,
                 kinds: tuple[PageKind, ...] | None = None,
                 noted: Callable[[str, dict[str, Any]], None] | None = None):
        """`noted`: told each page's path and context as the page is rendered."""
        self.library = library
        self.noted = noted
        self.kinds = kinds_of_page.KINDS if kinds is None else kinds
        self.catalogue = Catalogue(library, page_size, with_cards)
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("casebook.pages", "templates"),
            bytecode_cache=_COMPILED_TEMPLATES,
            # Every value a template prints goes through `finalize` (markup.py); autoescape keeps
            # what it returns, and macro output, from being escaped a second time.
            autoescape=True,
            finalize=markup.escape_by_default,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Markdown heading ids are written {#id}, so Jinja comments use {## … ##}.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.env.globals.update(practice_count=practice_count, taxonomy=library.taxonomy, routes=routes,
                                local_name=local_name)
        self.env.globals["compare_page"] = self.catalogue.comparisons.page_of  # a case's metric → its compare page
        self.env.globals["element_id"] = markup.element_id
        self.env.filters.update(
            paragraphs=markup.paragraphs,
            anchor=markup.anchor,
            front_matter=markup.front_matter,
            excerpt=markup.excerpt,
            with_code=markup.with_code,
            one_line=markup.one_line,
            metric_value=value_text,
            metric_note=note_text,
        )

    @functools.cached_property
    def pages(self) -> dict[str, Page]:
        """Every generated page by its path under docs/, as the kinds plan them; raises CaseErrors,
        naming both files, where two would have the same address."""
        plan = PagePlan()
        for kind in self.kinds:
            kind.plan(self.catalogue, plan)
        return plan.checked()

    def outputs(self, shown: Callable[[dict[str, Any]], bool] | None = None,
                shown_pages: Collection[str] | None = None) -> dict[str, Callable[[], str]]:
        """Every generated page (Markdown) and file beside the pages: path under docs/ → what writes
        its text. The texts are made one at a time, by whoever needs them: at ten thousand cases
        the whole site's text at once would weigh hundreds of megabytes. With `shown` and
        `shown_pages`, only the files beside pages whose context `shown` accepts and the pages at
        `shown_pages`: a preview's shortcut after an edit."""
        outputs = beside_pages(self.kinds, self.catalogue, shown)
        for path, page in self.pages.items():
            if shown_pages is None or path in shown_pages:
                outputs[path] = functools.partial(self._render_page, path, page)
        return outputs

    def _render_page(self, path: str, page: Page) -> str:
        links = _Links("index.md" if path == routes.HOME_SNIPPET else path, self.library.taxonomy)
        context = page.context
        if self.noted is not None:
            self.noted(path, context)
        return self.env.get_template(page.template).render(link=links, **context)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, not once per Renderer: a live preview makes a
    Renderer for every edit, and compiling the templates took a fifth of its render. Jinja
    keys each by the template's name and text, so an edited template is compiled again."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


@functools.lru_cache(maxsize=65536)
def _relative(target: str, start: str) -> str:
    """routes.relative, remembered: listings link to the same few pages thousands of times."""
    return routes.relative(target, start)


class _Links:
    """Relative Markdown links from one generated page, so MkDocs checks every one in --strict."""

    def __init__(self, here: str, taxonomy: Taxonomy):
        self.here = here
        self.taxonomy = taxonomy

    def to(self, target: str, anchor: str = "") -> object:
        return markup.relative_url(_relative(target, self.here), anchor)

    def anchor(self, anchor: str) -> object:
        """A link to a place on this page."""
        return markup.relative_url("", anchor)

    def case(self, case: Case, practice: Practice | None = None) -> object:
        return self.to(routes.case_page(case.id), practice.id if practice else "")

    def case_file(self, case: Case, name: str) -> object:
        """A file that belongs to a case page, such as its QR code or citation downloads."""
        return self.to(routes.case_file(case.id, name))

    def category(self, category: Category | str) -> object:
        slug = category if isinstance(category, str) else category.slug
        return self.to(routes.category_page(slug))

    def tag(self, name: str) -> object:
        return self.to(routes.tag_page(self.taxonomy.tag(name).slug))

    def region(self, node: RegionNode) -> object:
        return self.to(node.page)

    def year(self, year: int) -> object:
        return self.to(routes.timeline_page(year))

    def region_of(self, case: Case, depth: int) -> object:
        return self.to(routes.region_page(tuple(place_slug(n) for n in region_names(case.region)[:depth])))
