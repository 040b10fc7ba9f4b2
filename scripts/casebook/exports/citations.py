"""Citations of a case: GB/T 7714-2015 on the page, BibTeX and CSL-JSON beside it."""

from __future__ import annotations

import json
import re

from casebook.core.settings import SiteSettings
from casebook.sources.schema import Case


def gbt7714(case: Case, settings: SiteSettings) -> str:
    """A GB/T 7714-2015 reference to the case as an online resource; the reader's citation date
    goes in the brackets (the page fills it in)."""
    return (f"{settings.site_name}. {case.title}[EB/OL]. ({case.last_reviewed.isoformat()})[引用日期]. "
            f"{settings.case_url(case.id)}.")


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text)


def bibtex(case: Case, settings: SiteSettings) -> str:
    reviewed = case.last_reviewed
    fields = {
        "title": _bibtex_text(case.title),
        "author": "{" + _bibtex_text(settings.site_name) + "}",
        "year": str(reviewed.year),
        "month": str(reviewed.month),
        "url": settings.case_url(case.id),
        "note": f"最近核对 {reviewed.isoformat()}",
        "language": "chinese",
    }
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@misc{{{case.id},\n{body}\n}}\n"


def csl_json(case: Case, settings: SiteSettings) -> str:
    reviewed = case.last_reviewed
    item = {
        "id": case.id,
        "type": "webpage",
        "title": case.title,
        "author": [{"literal": settings.site_name}],
        "container-title": settings.site_name,
        "URL": settings.case_url(case.id),
        "issued": {"date-parts": [[reviewed.year, reviewed.month, reviewed.day]]},
        "language": "zh-CN",
    }
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"
