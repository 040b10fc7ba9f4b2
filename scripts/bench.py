#!/usr/bin/env python3
"""Measure the casebook's build and what a visitor downloads, and print the figures.

usage: python scripts/bench.py [--sizes 1000 …]

Builds the bundled cases, then N synthetic cases for each size (written to a temporary
folder, never to cases/; every synthetic case says it is synthetic), and prints one row per
build: build time in all and per case, pages, bytes per page, the largest case page, and the
search payload a visitor downloads before the first result (raw and gzip). Nothing here is an
assertion: the figures are for people to read and compare.
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from casebook.pipeline import Project

REPO = Path(__file__).resolve().parent.parent

# Pieces of realistic official prose; combined at random they read like a report, and say nothing true.
SUBJECTS = ["依法行政", "行政执法", "矛盾纠纷化解", "行政复议", "重大行政决策", "合法性审核", "营商环境",
            "一网通办", "跨省通办", "诉前调解", "普法宣传", "法律顾问", "信用监管", "数字政府", "基层治理"]
VERBS = ["健全", "完善", "推进", "深化", "规范", "创新", "落实", "加强"]
OBJECTS = ["工作机制", "制度体系", "服务平台", "考核办法", "监督链条", "清单管理", "联动机制", "信息系统"]
UNITS = [("件", 1, 50000), ("项", 1, 500), ("%", 50, 100), ("个", 1, 300), ("次", 1, 2000)]


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(VERBS)}{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}，"
            f"{rng.choice(VERBS)}{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}。")


def synthetic_case(number: int, categories: list[str], tags: list[str]) -> dict:
    rng = random.Random(number)
    practices = []
    for p in range(rng.randint(4, 9)):
        metrics = []
        for _ in range(rng.randint(0, 3)):
            unit, low, high = rng.choice(UNITS)
            metrics.append({"name": f"{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}数", "unit": unit,
                            "value": round(rng.uniform(low, high), 2 if unit == "%" else 0), "year": 2024})
        practices.append({
            "id": f"practice-{p + 1}",
            "title": f"{rng.choice(VERBS)}{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}",
            "category": rng.choice(categories),
            "tags": rng.sample(tags, 2),
            "description": "".join(sentence(rng) for _ in range(rng.randint(3, 8))),
            "metrics": metrics,
        })
    province, city = f"合成{number % 30}省", f"合成{number}市"
    return {
        "id": f"synthetic-{number}",
        "title": f"合成案例 {number}：仅供性能测试",
        "region": {"province": province, "city": city, "level": "地市级"},
        "period": {"start": "2024-01-01", "end": "2024-12-31"},
        "summary": "本案例为性能测试自动生成，内容并非真实。" + sentence(rng),
        "practices": practices,
        "sources": [{"title": "合成来源（性能测试）", "kind": "news"}],
        "status": "published",
        "last_reviewed": "2026-11-23",
    }


def scratch_project(root: Path, synthetic: int) -> Path:
    Project(REPO).copy_setup(root)
    if synthetic:
        cases = root / "cases"
        taxonomy = yaml.safe_load((cases / "_taxonomy.yml").read_text(encoding="utf-8"))
        categories = [c["slug"] for c in taxonomy["categories"]]
        tags = [t["name"] for t in taxonomy["tags"]]
        for number in range(synthetic):
            case = synthetic_case(number, categories, tags)
            folder = cases / f"synthetic-{number % 30}"
            folder.mkdir(exist_ok=True)
            (folder / f"{case['id']}.yml").write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    else:
        shutil.copytree(REPO / "cases", root / "cases", dirs_exist_ok=True)
    return root


def measure(label: str, synthetic: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="casebook-bench-") as tmp:
        root = scratch_project(Path(tmp), synthetic)
        cases = len([p for p in (root / "cases").rglob("*.yml") if not p.name.startswith("_")])
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "casebook", "--root", str(root), "build"],
                       check=True, capture_output=True)
        seconds = time.perf_counter() - started
        site = root / "site"
        pages = list(site.rglob("*.html"))
        case_pages = [p.stat().st_size for p in (site / "cases").glob("*/index.html")]
        index = (site / "search" / "search_index.json").read_bytes()
        return {
            "build": label, "cases": cases, "seconds": seconds, "per_case": seconds / cases,
            "pages": len(pages), "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
            "page_bytes": statistics.median(p.stat().st_size for p in pages),
            "case_median": statistics.median(case_pages), "case_max": max(case_pages),
            "search_raw": len(index), "search_gzip": len(gzip.compress(index, 9)),
        }


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000], help="synthetic case counts to build")
    args = parser.parse_args()
    rows = [measure("bundled", 0)] + [measure("synthetic", n) for n in args.sizes]
    header = ("build", "cases", "build s", "s/case", "pages", "site", "median page", "median case page",
              "largest case page", "search raw", "search gzip")
    print(" | ".join(header))
    for r in rows:
        print(" | ".join([r["build"], str(r["cases"]), f"{r['seconds']:.1f}", f"{r['per_case']:.3f}",
                          str(r["pages"]), kb(r["site_bytes"]), kb(r["page_bytes"]), kb(r["case_median"]),
                          kb(r["case_max"]), kb(r["search_raw"]), kb(r["search_gzip"])]))


if __name__ == "__main__":
    main()
