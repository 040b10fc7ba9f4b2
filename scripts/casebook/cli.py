"""The `casebook` command: validate, build and preview the casebook, and keep its schema current."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .pipeline import Project, load_and_validate, published
from .problems import CaseErrors
from .schema import json_schema
from .site import BuildFailed, build_site, serve_site
from .taxonomy import load_taxonomy

SCHEMA_FILE = Path("schema/case.schema.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="casebook", description="法治政府建设案例库的命令行工具")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="项目根目录（默认：当前目录）")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="校验案例文件")
    validate.add_argument("paths", nargs="*", type=Path, help="只报告这些文件的问题（默认：全部）")
    validate.add_argument("--github", action="store_true",
                          default=os.environ.get("GITHUB_ACTIONS") == "true",
                          help="同时输出 GitHub Actions 注释，使问题显示在拉取请求的对应行")
    commands.add_parser("build", help="校验、渲染并构建站点到 site/（失败时保留原站点）")
    serve = commands.add_parser("serve", help="本地预览，修改案例后自动刷新")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    schema = commands.add_parser("schema", help="生成 schema/case.schema.json")
    schema.add_argument("--check", action="store_true", help="只检查文件是否最新")

    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    try:
        return _COMMANDS[args.command](project, args)
    except CaseErrors as errors:
        for problem in errors.problems:
            print(problem, file=sys.stderr)
            if getattr(args, "github", False):
                print(problem.annotation())
        print(f"共 {len(errors.problems)} 处问题。", file=sys.stderr)
        return 1
    except BuildFailed as error:
        print(error, file=sys.stderr)
        return 1


def _validate(project: Project, args: argparse.Namespace) -> int:
    cases, _ = load_and_validate(project, args.paths or None)
    print(f"{len(cases)} 个案例全部通过校验（其中 {len(published(cases))} 个已发布）。")
    return 0


def _build(project: Project, args: argparse.Namespace) -> int:
    load_and_validate(project)  # report case problems plainly before MkDocs starts
    site = build_site(project)
    print(f"站点已构建：{site}")
    return 0


def _serve(project: Project, args: argparse.Namespace) -> int:
    load_and_validate(project)
    serve_site(project, args.dev_addr)
    return 0


def _schema(project: Project, args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(load_taxonomy(project.cases_dir)), ensure_ascii=False, indent=2) + "\n"
    target = project.root / SCHEMA_FILE
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(f"{SCHEMA_FILE} 不是最新的；请运行 casebook schema", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"已写入 {SCHEMA_FILE}")
    return 0


_COMMANDS = {"validate": _validate, "build": _build, "serve": _serve, "schema": _schema}
