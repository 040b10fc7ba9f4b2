"""Two builds of the same cases give byte-identical sites, whatever the clock, the hash seed or
the folder; the dates a site carries come from the data."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casebook.built.diff import changed_files
from casebook.site.engine import ENGINES
from support import good_case_text, make_project

pytestmark = pytest.mark.build  # each test builds a site or runs the casebook command


def build(root: Path, *options: str, **env: str) -> Path:
    result = subprocess.run([sys.executable, "-m", "casebook", "--root", str(root), "build", *options],
                            capture_output=True, text=True, env={**os.environ, **env})
    assert result.returncode == 0, result.stderr + result.stdout
    return root / "site"


def test_two_builds_are_byte_identical(bundled_site: Path, tmp_path: Path):
    # Another folder, another hash seed, and a clock (MkDocs reads SOURCE_DATE_EPOCH as the build
    # time) thirty years before the first build's.
    again = make_project(tmp_path, {}, bundled=True)
    second = build(again, SOURCE_DATE_EPOCH="631152000", PYTHONHASHSEED="12345")
    assert changed_files(bundled_site, second) == []


def _with_front_matter(page: Path, line: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), page
    page.write_text(f"---\n{line}\n{text[4:]}", encoding="utf-8")


@pytest.mark.parametrize("engine", ENGINES)
def test_page_dates_come_from_the_data_not_the_clock(tmp_path: Path, engine: str):
    reviewed = yaml.safe_load(good_case_text())["last_reviewed"]
    root = make_project(tmp_path, {"zhejiang/ceshi-shili-2024.yml": good_case_text()})
    _with_front_matter(root / "docs" / "about.md", "last_reviewed: 2020-05-06")  # a page dated by hand
    site = build(root, "--engine", engine, SOURCE_DATE_EPOCH="4102444800")  # the clock says 2100-01-01
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = dict(re.findall(r"<loc>https://[^/]+/([^<]*)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates.pop("cases/ceshi-shili-2024/") == reviewed.isoformat()
    assert dates.pop("about/") == "2020-05-06"
    assert set(dates.values()) == {reviewed.isoformat()}  # every other page: the newest case's date
    if engine == "zensical":
        return  # Zensical writes no sitemap.xml.gz
    with open(site / "sitemap.xml.gz", "rb") as handle:
        mtime = int.from_bytes(handle.read(8)[4:8], "little")  # the gzip header's timestamp
    assert mtime == int(dt.datetime.combine(reviewed, dt.time(), dt.timezone.utc).timestamp())
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
