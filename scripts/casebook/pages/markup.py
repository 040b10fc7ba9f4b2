"""The one boundary between contributed values and the generated pages.

Every value that comes from a contribution (case text, folder and file names, the vocabulary
and registry files) reaches the generated Markdown and HTML through this module, and only this
module makes `Markup`, the type Jinja prints without escaping. The templates' `finalize` sends
every other value here:

- text becomes character references wherever Markdown or HTML would read syntax, so `<script>`
  or `**bold**` in a title shows as those characters on the page;
- a web address (`urls.WebAddress`, parsed and checked by validation) is written percent-encoded,
  with nothing Markdown or HTML reads as syntax;
- a link between generated pages is a relative path of slugs, percent-encoded all the same.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import quote

from lxml import etree
from markupsafe import Markup

from casebook.core.text_rules import SLUG
from casebook.core.urls import WebAddress

# Characters with a meaning in Markdown, its extensions enabled here, or HTML.
_SYNTAX = re.compile(r"[&<>\"'`*_\[\]{}()|\\#!~^=+:$-]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_LEADING_LIST_NUMBER = re.compile(r"^(\d+)\.")
# What a percent-encoded address may hold (see urls.py); anything else is a bug upstream.
_ADDRESS = re.compile(r"[A-Za-z0-9\-._~:/?#&=+,;@!$%]*")


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group(0))};"


def text(value: str) -> Markup:
    """One line of Markdown showing exactly `value`."""
    escaped = _SYNTAX.sub(_reference, " ".join(value.split()))
    return Markup(_LEADING_LIST_NUMBER.sub(r"\1&#46;", escaped))  # "1." would start a list


def with_code(value: str) -> Markup:
    """One line of text in which `backticked` names (of columns, fields) show as code."""
    parts = value.split("`")
    return Markup("".join(f"<code>{text(part)}</code>" if n % 2 else text(part) for n, part in enumerate(parts)))


def paragraphs(value: str) -> Markup:
    """Markdown paragraphs showing exactly `value`; blank lines separate paragraphs."""
    return Markup("\n\n".join(text(part) for part in _PARAGRAPH_BREAK.split(value.strip())))


def anchor(slug: str) -> Markup:
    """An id for a heading's {#...} attribute; only validated slugs are accepted."""
    if not SLUG.fullmatch(slug):
        raise ValueError(f"not a slug: {slug!r}")
    return Markup(slug)


def element_id(*parts: str | int) -> Markup:
    """An id for an element of a generated page (a remark behind a button), made of slugs and numbers
    joined by "_": a slug has no "_", so the id never takes a heading's or a practice's anchor."""
    if not all(isinstance(part, int) or SLUG.fullmatch(part) for part in parts):
        raise ValueError(f"not slugs and numbers: {parts!r}")
    return Markup("_".join(str(part) for part in parts))


def url(address: WebAddress) -> Markup:
    """A checked web address as a Markdown link destination or an attribute value."""
    if not isinstance(address, WebAddress) or not _ADDRESS.fullmatch(address):
        raise ValueError(f"not a checked web address: {address!r}")
    return Markup(address.replace("&", "&amp;"))


def relative_url(path: str, fragment: str = "") -> Markup:
    """A link from one generated page to another (`../cases/x/`), and an anchor on it."""
    href = quote(path, safe="/.-_~")
    return Markup(f"{href}#{anchor(fragment)}" if fragment else href)


def escape_by_default(value: object) -> object:
    """Jinja `finalize`: any string a template prints is text unless this module made it Markup."""
    if isinstance(value, WebAddress):
        return url(value)
    if isinstance(value, str) and not isinstance(value, Markup):
        return text(value)
    return value


def excerpt(value: str, limit: int = 120) -> str:
    """The whole sentences of `value` that fit in `limit` characters (a preview's description)."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = max(value.rfind(mark, 0, limit) for mark in "。！？；")
    return value[: cut + 1] if cut > 0 else value[: limit - 1] + "…"


def one_line(value: str) -> str:
    """The opening of `value` that a listing shows under a practice's title: its first sentence,
    cut at about a line of a desktop listing (two on a phone)."""
    return excerpt(value.split("。", 1)[0] + "。", 40)


def front_matter(value: str) -> Markup:
    """A YAML front-matter value that themes may print unescaped into HTML.

    MkDocs' theme environment does not autoescape, so the value is HTML-escaped here, and
    JSON (a subset of YAML) keeps YAML syntax out of it.
    """
    return Markup(json.dumps(html.escape(" ".join(value.split()), quote=True), ensure_ascii=False))


def json_attribute(data: Any) -> Markup:
    """Data for a script, as an HTML attribute value (`data-moved="{{ … }}"`)."""
    return Markup(html.escape(json.dumps(data, ensure_ascii=False), quote=True))


# What a drawing may hold: no script, no foreign HTML, no link out of the drawing itself.
_ACTIVE = etree.XPath("//*[local-name()='script' or local-name()='foreignObject']"
                      " | //@*[starts-with(translate(local-name(), 'ON', 'on'), 'on')]"
                      " | //@*[local-name()='href'][not(starts-with(., '#'))]")


def svg(document: str) -> Markup:
    """An SVG drawing made by a library that escapes the text it is given (matplotlib, segno),
    checked once more for anything active before it is written as a file."""
    root = etree.fromstring(document.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    if _ACTIVE(root):
        raise ValueError("the drawing holds script, foreign content or an outside link")
    return Markup(document)
