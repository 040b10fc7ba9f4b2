#!/usr/bin/env python3
"""Measure the casebook's build and what a visitor downloads, and print the figures.

usage: python scripts/bench.py [--sizes 100 1000 …] [--queries 行政复议 …]

For the bundled cases and for N synthetic cases at each size (written to a temporary folder,
never to cases/; every synthetic case says it is synthetic) it runs `casebook build` and prints
one row: render and full build seconds, seconds per case, the build after an edit to one case
(incremental), peak memory, pages, site size, median and largest case page, the largest page of
all (and where it is), and the search files a
visitor downloads before the first result (raw and gzip, the largest over the queries, measured
in headless Chromium) with the time that took;
the search's mean recall@10 and precision@10, by the shared recall benchmark
(../shared/bench/search_recall.py, used from there when it is present); and, up to 1,000 cases,
how long an edit to one case takes to show in a browser open on `casebook serve`.

In the same run it builds the same rendered pages as a plain Material site (same theme and
Markdown extensions; no hooks, no overrides, Material's own search), so the pipeline's cost is
a ratio, not an absolute time; and, when Zensical is installed, the same tree with Zensical,
listing what the casebook gives readers that the Zensical build lacks. Nothing here is an
assertion: the figures are for people to read and compare.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import importlib.util
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from casebook.core.project import Project
from casebook.site.build import CASEBOOK_WORKER, THEME_WORKERS
from casebook.vocabularies import divisions
from casebook.vocabularies.place_slugs import place_slug

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # scratch projects are made as the tests make them
import support  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DEFAULT_QUERIES = ["行政复议", "营商环境", "调解", "行政 执法"]  # each found in bundled and synthetic cases
# The recall benchmark every search change is measured with; it lives beside the repo, not in it.
SHARED_BENCH = REPO.parent / "shared" / "bench"

# -- synthetic cases -------------------------------------------------------------------------------

# Pieces of realistic official prose; combined at random they read like a report, and say nothing true.
SUBJECTS = ["依法行政", "行政执法", "矛盾纠纷化解", "行政复议", "重大行政决策", "合法性审核", "营商环境",
            "一网通办", "跨省通办", "诉前调解", "普法宣传", "法律顾问", "信用监管", "数字政府", "基层治理",
            "行政应诉", "包容审慎监管", "公共法律服务", "执法监督", "政务公开"]
VERBS = ["健全", "完善", "推进", "深化", "规范", "创新", "落实", "加强", "优化", "探索"]
OBJECTS = ["工作机制", "制度体系", "服务平台", "考核办法", "监督链条", "清单管理", "联动机制", "信息系统",
           "评价体系", "协作机制"]
RESULTS = ["群众满意度明显提升", "办理时限平均压缩一半", "案件办结率稳步提高", "企业获得感持续增强",
           "基层矛盾就地化解", "执法争议显著减少"]
UNITS = [("件", 1, 50000), ("项", 1, 500), ("%", 50, 100), ("个", 1, 300), ("次", 1, 2000)]


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(VERBS)}{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}，"
            f"{rng.choice(VERBS)}{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}，{rng.choice(RESULTS)}。")


def synthetic_case(number: int, categories: list[str], tags: list[str]) -> dict:
    rng = random.Random(number)
    year = 2015 + number % 10
    practices = []
    for p in range(rng.randint(4, 9)):
        metrics = []
        for _ in range(rng.randint(0, 3)):
            unit, low, high = rng.choice(UNITS)
            name, value = f"{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}数", round(rng.uniform(low, high), 2 if unit == "%" else 0)
            metrics.append({"name": name, "unit": unit, "value": value, "year": year, "quote": f"{name}{value:g}{unit}"})
        practices.append({
            "id": f"practice-{p + 1}",
            "title": f"{rng.choice(VERBS)}{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}",
            "category": rng.choice(categories),
            "tags": rng.sample(tags, 2),
            "description": "".join(sentence(rng) for _ in range(rng.randint(3, 8))),
            "metrics": metrics,
        })
    return {
        "id": f"synthetic-{number}",
        "title": f"合成案例 {number}：仅供性能测试",
        "region": _region(number),
        "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "summary": "本案例为性能测试自动生成，内容并非真实。" + sentence(rng),
        "practices": practices,
        "sources": [{"title": "合成来源（性能测试）", "kind": "news"}],
        "status": "published",
        "last_reviewed": "2026-11-23",
    }


def _region(number: int) -> dict:
    """As real places report, in real places (every case's place is checked against the national
    list): each county once a year for ten years (the year is number % 10); one case in three is
    its city's, the rest the county's."""
    counties = _counties()
    province, city, county = counties[(number // 10) % len(counties)]
    if number % 3 == 0:
        return {"province": province, "city": city, "level": "地市级"}
    return {"province": province, "city": city, "county": county, "level": "县级"}


@functools.cache
def _counties() -> list[tuple[str, str, str]]:
    """The counties of the national list that sit under a city, taken city by city in turn (the
    first county of every city, then the second …), so that a few thousand cases spread over
    every province and most cities. Neighbours whose pinyin addresses are the same (临夏市,
    临夏县) are left out: a real library would name one differently in place_readings.yml."""
    rounds: dict[int, list[tuple[str, str, str]]] = {}
    for city in (d for d in divisions.divisions() if d.level == divisions.CITY):
        counties = divisions.children(city)
        slugs = [place_slug(county.name) for county in counties]
        unique = [county for county, slug in zip(counties, slugs) if slugs.count(slug) == 1]
        province = divisions.path(city)[0].name
        for turn, county in enumerate(unique):
            rounds.setdefault(turn, []).append((province, city.name, county.name))
    return [place for turn in sorted(rounds) for place in rounds[turn]]


def bench_project(root: Path, synthetic: int) -> Project:
    project = support.scratch_project(root)
    if not synthetic:
        for case in (REPO / "cases").rglob("*.yml"):
            target = project.cases_dir / case.relative_to(REPO / "cases")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(case.read_bytes())
        return project
    taxonomy = yaml.safe_load((project.cases_dir / "_taxonomy.yml").read_text(encoding="utf-8"))
    categories = [c["slug"] for c in taxonomy["categories"]]
    tags = [t["name"] for t in taxonomy["tags"]]
    for number in range(synthetic):
        case = synthetic_case(number, categories, tags)
        folder = project.cases_dir / place_slug(case["region"]["province"])
        folder.mkdir(exist_ok=True)
        (folder / f"{case['id']}.yml").write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    return project


# -- builds -------------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_bytes: int


class CommandFailed(Exception):
    pass


def run_measured(command: list[str], cwd: Path, timeout: float | None = None) -> Run:
    """Run a command; its seconds, and the most memory it and the processes it started held at
    once (their proportional set sizes summed, sampled every second: forked processes
    share pages, and each counts its share). Raises CommandFailed if it fails or outlives
    `timeout` seconds (then it is stopped)."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=output, start_new_session=True,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        peak = 0
        while process.poll() is None:
            peak = max(peak, sum(map(_pss_bytes, _process_tree(process.pid))))
            if timeout is not None and time.perf_counter() - started > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise CommandFailed(f"did not finish within {timeout:.0f} s")
            time.sleep(1)  # reading a large process's page tables costs; more often would slow the build
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            output.seek(0)
            raise CommandFailed(f"{' '.join(command)} failed:\n{output.read().decode('utf-8', 'replace')}")
    return Run(seconds, peak)


def _process_tree(root: int) -> list[int]:
    """The process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # it ended meanwhile
        children.setdefault(parent, []).append(int(stat.parent.name))
    tree, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        tree.append(pid)
        waiting += children.get(pid, [])
    return tree


def _pss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass  # it ended meanwhile
    return 0


def casebook_build(project: Project, engine: str = "mkdocs", timeout: float | None = None) -> tuple[Run, dict[str, float]]:
    report = project.root / f"report-{engine}.json"
    run = run_measured([sys.executable, "-m", "casebook", "--root", str(project.root), "build",
                        "--engine", engine, "--report", str(report)], project.root, timeout)
    return run, json.loads(report.read_text(encoding="utf-8"))


def incremental_build_seconds(project: Project) -> float:
    """Seconds of `casebook build` after an edit to one case's summary, the site of the last build
    in place (an incremental build: incremental.py). Timed without the memory sampler, whose
    one-second ticks would be most of it."""
    case = min(p for p in project.cases_dir.rglob("*.yml") if not p.name.startswith("_"))
    text = yaml.safe_load(case.read_text(encoding="utf-8"))
    text["summary"] += "（基准测试中修改）"
    case.write_text(yaml.safe_dump(text, allow_unicode=True), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "casebook", "--root", str(project.root), "build"],
                          cwd=project.root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - started
    if done.returncode != 0 or "增量构建" not in done.stdout:
        raise CommandFailed(f"the build after a one-case edit was not incremental:\n{done.stdout}{done.stderr}")
    return seconds


def plain_material_build(project: Project) -> Run:
    """The pages casebook rendered into docs/, built as a plain Material site."""
    config = yaml.safe_load(project.config_file.read_text(encoding="utf-8"))
    for ours in ("hooks", "extra", "extra_css", "extra_javascript", "watch", "strict"):
        config.pop(ours, None)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = ["search"]
    config.update(docs_dir=str(project.docs_dir), site_dir=str(project.root / "plain-site"))
    plain = project.root / "plain-mkdocs.yml"
    plain.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return run_measured([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(plain)],
                        project.root)


# -- what readers get ---------------------------------------------------------------------------


def site_figures(site: Path) -> dict:
    pages = {p: p.stat().st_size for p in site.rglob("*.html")}
    case_pages = [size for p, size in pages.items()  # not the listing's own page-2/, page-3/…
                  if p.parent.parent == site / "cases" and not re.fullmatch(r"page-\d+", p.parent.name)]
    largest = max(pages, key=pages.get)  # a page that grew with the library would show here
    return {
        "pages": len(pages),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "case_median": statistics.median(case_pages), "case_max": max(case_pages),
        "page_max": pages[largest], "page_max_path": largest.parent.relative_to(site).as_posix() + "/",
    }


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    served: list[tuple[str, float]]  # each path asked for, and when (time.perf_counter)

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        self.served.append((urllib.parse.unquote(urllib.parse.urlsplit(self.path).path), time.perf_counter()))
        return super().send_head()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a browser closed after its first result drops the files still coming: expected


@contextmanager
def counting_server(site: Path) -> Iterator[tuple[str, list[tuple[str, float]]]]:
    served: list[tuple[str, float]] = []
    handler = type("Handler", (_CountingHandler,), {"served": served})
    httpd = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", served
    finally:
        httpd.shutdown()


# A result in Material's search box, or in the casebook's own (Zensical builds).
SEARCH_RESULT = ".md-search-result__item, .casebook-search__item"


def _is_search_file(path: str) -> bool:
    """The index, and the scripts that search it: Material's worker (the casebook's, put in its
    place), or the casebook's own box and worker."""
    return path.startswith(("/search/", "/assets/javascripts/workers/", "/assets/javascripts/casebook-search"))


# Notes, in the page, when the first result is put in it: milliseconds since the link was opened
# (the navigation's start), as the reader waits them. Timed from the driving process instead, each
# wait would also count its messages to and from the browser (0.1 s and more on a busy machine).
FIRST_RESULT_CLOCK = """
new MutationObserver((_, observer) => {
  if (document.querySelector(%s)) { window.casebookFirstResult = performance.now(); observer.disconnect() }
}).observe(document, { childList: true, subtree: true })
""" % json.dumps(SEARCH_RESULT)


def search_payload(site: Path, queries: list[str], timeout_ms: int = 30_000) -> dict:
    """For each query, opened cold as a shared `/?q=` link: the search files fetched before the
    first result is shown, raw and gzip, and the seconds from opening the link to that result."""
    from playwright.sync_api import sync_playwright

    rows = []
    with counting_server(site) as (base, served), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in queries:
            context = browser.new_context()
            context.add_init_script(FIRST_RESULT_CLOCK)
            page = context.new_page()
            served.clear()
            opened = time.perf_counter()
            page.goto(f"{base}/?q={urllib.parse.quote(query)}")
            page.wait_for_selector(SEARCH_RESULT, state="attached", timeout=timeout_ms)
            seconds = page.evaluate("window.casebookFirstResult") / 1000
            # What was asked for before the result was in the page; not what the worker reads
            # ahead for the next screens once it has answered, while the page shows the first.
            files = [site / path.lstrip("/") for path in {path for path, at in served if at <= opened + seconds}
                     if _is_search_file(path)]
            rows.append({"search_seconds": seconds,
                         "search_raw": sum(f.stat().st_size for f in files),
                         "search_gzip": sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)})
            context.close()
        browser.close()
    return {key: max(row[key] for row in rows) for key in rows[0]}


def search_quality(site: Path, script: Path, queries: Path) -> dict:
    """Mean recall@10 and precision@10 of the site's search over the queries, as the recall
    benchmark prints them on its last line (`… mean_recall@10=R mean_precision@10=P`)."""
    done = subprocess.run([sys.executable, str(script), str(site), str(queries)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{script} failed:\n{done.stdout}\n{done.stderr}")
    means = dict(field.split("=", 1) for field in done.stdout.strip().splitlines()[-1].split())
    return {"recall": float(means["mean_recall@10"]), "precision": float(means["mean_precision@10"])}


# The edits the preview is timed on: the first after its first build, and a later one, as an
# editor's further edits are.
PREVIEW_EDITS = (("仅供性能测试", "已在预览中修改"), ("已在预览中修改", "再次在预览中修改"))


def preview_seconds(project: Project, timeout: float = 900) -> list[float]:
    """Seconds from saving each of PREVIEW_EDITS to one case until the case page, open in a browser
    on `casebook serve`, has reloaded and shows it (the preview reloads it once its rebuild is done)."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    case = next(project.cases_dir.rglob("synthetic-1.yml"))
    url = f"http://127.0.0.1:{port}/cases/synthetic-1/"
    server = subprocess.Popen([sys.executable, "-m", "casebook", "--root", str(project.root), "serve",
                               "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        _wait_for(url, PREVIEW_EDITS[0][0], timeout)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            seconds = []
            for before, after in PREVIEW_EDITS:
                time.sleep(3)  # let the preview settle after its last build
                case.write_text(case.read_text(encoding="utf-8").replace(before, after), encoding="utf-8")
                started = time.perf_counter()
                page.wait_for_function("text => document.body?.innerText.includes(text)", arg=after,
                                       timeout=timeout * 1000, polling=50)
                seconds.append(time.perf_counter() - started)
            browser.close()
        return seconds
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"the preview never showed “{text}” at {url}")


# What the casebook adds to what the engine gives, and how to see it in a built site.
FEATURES = {
    "substring search worker": lambda site: any(
        w.read_bytes() == (site / CASEBOOK_WORKER).read_bytes() for w in site.glob(THEME_WORKERS)),
    "case page preview (og:image)": lambda site: any(
        'property="og:image"' in p.read_text(encoding="utf-8") for p in (site / "cases").glob("*/index.html")),
    "feeds announced": lambda site: "application/atom+xml" in (site / "index.html").read_text(encoding="utf-8"),
    "sitemap dated from the data": lambda site: "1970-01-01" not in _text(site / "sitemap.xml")
    and "<lastmod>" in _text(site / "sitemap.xml"),
    "copy-link buttons (casebook.js)": lambda site: "casebook.js" in (site / "index.html").read_text(encoding="utf-8"),
}


def zensical_figures(site: Path, queries: list[str]) -> dict:
    """What a Zensical-built site lacks of FEATURES, and what its search downloads, as for MkDocs."""
    from playwright.sync_api import TimeoutError

    lacks = missing_features(site)
    try:
        return {"zensical_lacks": lacks, "zensical_search": search_payload(site, queries, timeout_ms=5_000)}
    except TimeoutError:
        return {"zensical_lacks": [*lacks, "search results (its search box does not start the casebook's worker)"]}


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def missing_features(site: Path) -> list[str]:
    return [name for name, present in FEATURES.items() if not present(site)]


# -- the table ----------------------------------------------------------------------------------


def measure(label: str, synthetic: int, queries: list[str], zensical: bool, preview_up_to: int,
            recall: tuple[Path, Path] | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="casebook-bench-") as tmp:
        project = bench_project(Path(tmp), synthetic)
        cases = len([p for p in project.cases_dir.rglob("*.yml") if not p.name.startswith("_")])
        run, steps = casebook_build(project)
        figures = site_figures(project.root / "site")
        incremental = incremental_build_seconds(project)
        plain = plain_material_build(project)
        row = {"build": label, "cases": cases, "render": steps["render"], "seconds": run.seconds,
               "incremental": incremental, "peak": run.peak_bytes, "plain": plain.seconds, **figures,
               **search_payload(project.root / "site", queries)}
        if recall:
            row |= search_quality(project.root / "site", *recall)
        if preview_up_to and 0 < synthetic <= preview_up_to:
            row["preview"] = preview_seconds(project)
        if zensical:
            try:  # a young engine: it may fail or hang where MkDocs did not, and that is a finding too
                zrun, _ = casebook_build(project, "zensical", timeout=max(600, 3 * run.seconds))
            except CommandFailed as failed:
                row["zensical_failed"] = str(failed).splitlines()[0]
            else:
                row["zensical"] = zrun.seconds
                row |= zensical_figures(project.root / "site", queries)
        return row


def size(n: float) -> str:
    if n < 1024 * 1024:
        return f"{n / 1024:,.0f} KB"
    return f"{n / 1024 / 1024:,.1f} MB" if n < 1024 ** 3 else f"{n / 1024 ** 3:,.2f} GB"


COLUMNS = [
    ("cases", lambda r: str(r["cases"])),
    ("render s", lambda r: f"{r['render']:.1f}"),
    ("build s", lambda r: f"{r['seconds']:.1f}"),
    ("s/case", lambda r: f"{r['seconds'] / r['cases']:.3f}"),
    ("incremental build s (one-case edit)", lambda r: f"{r['incremental']:.1f}"),
    ("plain Material s", lambda r: f"{r['plain']:.1f}"),
    ("build ÷ plain", lambda r: f"{r['seconds'] / r['plain']:.2f}"),
    ("peak memory", lambda r: size(r["peak"])),
    ("pages", lambda r: str(r["pages"])),
    ("site", lambda r: size(r["site_bytes"])),
    ("median case page", lambda r: size(r["case_median"])),
    ("largest case page", lambda r: size(r["case_max"])),
    ("largest page", lambda r: f"{size(r['page_max'])} ({r['page_max_path']})"),
    ("search before 1st result (raw / gzip)", lambda r: f"{size(r['search_raw'])} / {size(r['search_gzip'])}"),
    ("1st result s", lambda r: f"{r['search_seconds']:.2f}"),
    ("recall@10 / precision@10", lambda r: f"{r['recall']:.3f} / {r['precision']:.3f}" if "recall" in r else "–"),
]


def print_header() -> None:
    print("| build | " + " | ".join(name for name, _ in COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|", flush=True)


def print_row(row: dict) -> None:
    print(f"| {row['build']} | " + " | ".join(cell(row) for _, cell in COLUMNS) + " |", flush=True)


def print_notes(rows: list[dict]) -> None:
    for row in rows:
        if "preview" in row:
            first, later = row["preview"]
            print(f"{row['build']} {row['cases']}: an edit to one case shows in a browser on `casebook serve` "
                  f"after {first:.1f} s (the first edit), {later:.1f} s (a later one)")
    for row in rows:
        if "zensical" in row:
            lacks = "; ".join(row["zensical_lacks"]) or "nothing of what is checked"
            print(f"{row['build']} {row['cases']}: Zensical {row['zensical']:.1f} s "
                  f"(MkDocs {row['seconds']:.1f} s); the Zensical site lacks: {lacks}")
            if "zensical_search" in row:
                search = row["zensical_search"]
                print(f"{row['build']} {row['cases']}: Zensical search before the 1st result {size(search['search_raw'])} "
                      f"/ {size(search['search_gzip'])} gzip, {search['search_seconds']:.2f} s")
        elif "zensical_failed" in row:
            print(f"{row['build']} {row['cases']}: Zensical {row['zensical_failed']} (MkDocs {row['seconds']:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000],
                        help="synthetic case counts (the issue's two sizes: 10,000 take most of an hour)")
    parser.add_argument("--queries", nargs="*", default=DEFAULT_QUERIES, help="search queries to time")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--preview-up-to", type=int, default=10000,
                        help="time an edit in `casebook serve` for synthetic sizes up to this many cases (0: never)")
    parser.add_argument("--no-zensical", action="store_true", help="skip the Zensical build even if installed")
    parser.add_argument("--recall-script", type=Path, default=SHARED_BENCH / "search_recall.py",
                        help="the recall benchmark (skipped when absent)")
    parser.add_argument("--recall-queries", type=Path, default=SHARED_BENCH / "queries-public.txt",
                        help="the queries it measures, one a line")
    args = parser.parse_args()
    zensical = importlib.util.find_spec("zensical") is not None and not args.no_zensical
    recall = (args.recall_script, args.recall_queries) if args.recall_script.is_file() else None
    if recall is None:
        print(f"recall not measured: {args.recall_script} is not there", file=sys.stderr)
    rows = []
    print_header()
    for label, synthetic in [("bundled", 0)] + [("synthetic", n) for n in args.sizes]:
        rows.append(measure(label, synthetic, args.queries, zensical, args.preview_up_to, recall))
        print_row(rows[-1])  # each row as soon as it is measured: a large size takes long
        if args.json:
            args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    print_notes(rows)


if __name__ == "__main__":
    main()
