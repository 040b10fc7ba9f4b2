"""Reading an article: a text or HTML file, or standard input, as plain text.

HTML is reduced to its main text by trafilatura (navigation, share buttons and footers are
boilerplate to it); nothing is fetched: the page is the bytes given.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import trafilatura
from charset_normalizer import from_bytes

STDIN = "-"
_HTML_SUFFIXES = {".htm", ".html", ".xhtml", ".shtml"}
_HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<meta|<div|<p[\s>])", re.IGNORECASE)


class ArticleUnreadable(Exception):
    """The input is not an article the importer can read; the message is for the editor."""


@dataclass(frozen=True)
class Article:
    name: str                      # as shown to editors: the path, or 标准输入
    text: str                      # the main text, one paragraph a line
    page_text: str = ""            # an HTML page's whole text, where its info line (来源、发布时间) may be
    page_fields: dict[str, str] = field(default_factory=dict)  # title, date, publisher from the page markup
    url: str = ""                  # where the page was published, when the editor knows it


def read_article(path: str, stdin: BinaryIO | None = None, url: str = "") -> Article:
    if path == STDIN:
        raw, name = (stdin or sys.stdin.buffer).read(), "标准输入"
    else:
        file = Path(path)
        if not file.is_file():
            raise ArticleUnreadable(f"{path}：找不到这个文件；请给出文章的文本或 HTML 文件，或用 - 从标准输入读入")
        raw, name = file.read_bytes(), path
    if not raw.strip():
        raise ArticleUnreadable(f"{name}：文件是空的")
    if Path(name).suffix.lower() in _HTML_SUFFIXES or _HTML_START.match(raw[:2048]):
        return _from_html(raw, name, url)
    return Article(name, decode(raw, name), url=url)


def decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(raw).best()  # older Chinese pages are often GB18030 or Big5
    if best is None:
        raise ArticleUnreadable(f"{name}：无法识别文字编码；请另存为 UTF-8 文本后再导入")
    return str(best)


def _from_html(raw: bytes, name: str, url: str) -> Article:
    document = trafilatura.bare_extraction(
        raw, with_metadata=True, favor_precision=True, include_comments=False,
        # Dates only from the page's own markup and info line, never guessed from the URL or body.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or not (document.text or "").strip():
        raise ArticleUnreadable(f"{name}：网页中没有找到正文")
    page_fields = {key: value for key, value in (
        ("title", document.title), ("date", document.date), ("publisher", document.sitename),
    ) if value}
    return Article(name, document.text, trafilatura.html2txt(raw), page_fields, url)
