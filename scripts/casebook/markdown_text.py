"""Text from cases, made safe to place in generated Markdown and page metadata.

Case text is never trusted as HTML or as Markdown: every character that Markdown or HTML would
read as syntax becomes a character reference, so `<script>` or `**bold**` in a title shows as
those characters on the page.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

# Characters with a meaning in Markdown, its extensions enabled here, or HTML.
_SYNTAX = re.compile(r"[&<>\"'`*_\[\]{}()|\\#!~^=+:$-]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_LEADING_LIST_NUMBER = re.compile(r"^(\d+)\.")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group(0))};"


def inline(text: str) -> Markup:
    """One line of Markdown showing exactly `text`."""
    escaped = _SYNTAX.sub(_reference, " ".join(text.split()))
    return Markup(_LEADING_LIST_NUMBER.sub(r"\1&#46;", escaped))  # "1." would start a list


def paragraphs(text: str) -> Markup:
    """Markdown paragraphs showing exactly `text`; blank lines separate paragraphs."""
    return Markup("\n\n".join(inline(part) for part in _PARAGRAPH_BREAK.split(text.strip())))


def anchor(slug: str) -> Markup:
    """An id for a heading's {#...} attribute; only validated slugs are accepted."""
    if not _SLUG.match(slug):
        raise ValueError(f"not a slug: {slug!r}")
    return Markup(slug)


def escape_by_default(value: object) -> object:
    """Jinja `finalize`: any string a template prints is text unless Python marked it Markup."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return inline(value)
    return value


def excerpt(text: str, limit: int = 120) -> str:
    """The whole sentences of `text` that fit in `limit` characters (a preview's description)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = max(text.rfind(mark, 0, limit) for mark in "。！？；")
    return text[: cut + 1] if cut > 0 else text[: limit - 1] + "…"


def front_matter_value(text: str) -> Markup:
    """A YAML front-matter value that themes may print unescaped into HTML.

    MkDocs' theme environment does not autoescape, so the value is HTML-escaped here, and
    JSON (a subset of YAML) keeps YAML syntax out of it.
    """
    return Markup(json.dumps(html.escape(" ".join(text.split()), quote=True), ensure_ascii=False))
