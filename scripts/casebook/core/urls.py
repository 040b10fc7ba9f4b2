"""Web addresses: a contributed URL is parsed and checked as a URL, then kept percent-encoded.

A source URL arrives by pull request like any other text. It becomes a link on the pages, so it
must be a public web address (http or https, a named host, no credentials) and must be written so
that neither HTML nor Markdown can read any part of it as syntax. Both are true by construction:
`web_address` refuses anything else, and what it returns holds only letters, digits and
`-._~:/?#&=+,;@!$%`, every other character percent-encoded.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import idna

# Characters kept as they are: RFC 3986's unreserved characters and the delimiters that give a
# URL its structure, minus those Markdown or HTML read as syntax ( ' ( ) * [ ] and, of course,
# quotes, angle brackets, backslashes and backticks). `%` stays only as the start of an escape.
_KEPT = "-._~:/?#&=+,;@!$"
_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_PRIVATE_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TOP_LEVEL = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


class WebAddress(str):
    """A checked, percent-encoded public http(s) address (see `web_address`)."""

    __slots__ = ()


class NotAWebAddress(ValueError):
    """Why a text is not a public web address, in words for editors."""


def web_address(text: str, public: bool = True) -> WebAddress:
    """`text` as an http(s) address on the public internet (or, not `public`, any host: the
    site's own address may be a test server's), percent-encoded; NotAWebAddress says what is
    wrong."""
    if re.search(r"\s", text):
        raise NotAWebAddress("网址中不能有空格或换行；空格请写成 %20")
    if "\\" in text:
        raise NotAWebAddress("网址中不能有反斜杠 \\；请改为 /")
    if re.search(r"[<>\"`]", text):  # never part of an address: HTML around it, or a typing slip
        raise NotAWebAddress("网址中不能有 < > \" ` 这些字符；请从浏览器地址栏复制网址")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise NotAWebAddress(f"无法解析的网址（{error}）") from None
    if parts.scheme.lower() not in ("http", "https") or not text.lower().startswith(("http://", "https://")):
        raise NotAWebAddress("应为以 http:// 或 https:// 开头的网址")
    if "@" in parts.netloc:
        raise NotAWebAddress("网址中不能含有用户名或密码（@ 之前的部分）")
    host = _public_host(parts.hostname or "") if public else _any_host(parts.hostname or "")
    netloc = host if port is None else f"{host}:{port}"
    return WebAddress(urlunsplit((parts.scheme.lower(), netloc, _encoded(parts.path) or "/",
                                  _encoded(parts.query), _encoded(parts.fragment))))


def _public_host(host: str) -> str:
    """The host in its ASCII form, when it is a name on the public internet."""
    if not host:
        raise NotAWebAddress("网址缺少域名，如 https://www.gov.cn/")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        raise NotAWebAddress("网址应使用域名，不能是 IP 地址")
    try:
        ascii_host = idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError:
        raise NotAWebAddress(f"域名 “{host}” 不是有效的域名") from None
    labels = ascii_host.split(".")
    if ascii_host == "localhost" or ascii_host.endswith(_PRIVATE_SUFFIXES):
        raise NotAWebAddress("网址应是公开的网站，不能是本机或内网地址")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or not _TOP_LEVEL.match(labels[-1]):
        raise NotAWebAddress(f"域名 “{host}” 不是公开网站的域名，如 www.gov.cn")
    return ascii_host


def _any_host(host: str) -> str:
    if not re.fullmatch(r"[a-z0-9.-]+", host):  # an IP literal in brackets or a name in other scripts
        raise NotAWebAddress(f"“{host}” 不能用作网站地址的主机名")
    return host


def _encoded(part: str) -> str:
    """A path, query or fragment with every character outside _KEPT percent-encoded (as UTF-8);
    escapes already written (%E4%B8%AD) are kept, a lone % becomes %25."""
    return quote(_ESCAPE.sub("%25", part), safe=_KEPT + "%")


def site_address(base: WebAddress, *segments: str, query: dict[str, str] | None = None,
                 fragment: str = "") -> WebAddress:
    """An address below `base` (a site or repository), each path segment percent-encoded whole,
    so no segment can add a folder, a query or a fragment of its own."""
    address = base.rstrip("/") + "/" + "/".join(quote(segment, safe="") for segment in segments)
    if query:
        address += "?" + urlencode(query, quote_via=quote)
    if fragment:
        address += "#" + quote(fragment, safe="")
    return WebAddress(address)
