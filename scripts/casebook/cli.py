"""The `casebook` command: validate, build and preview the casebook, and keep its schema current."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import os
import re
import shutil
import signal
import sys
from pathlib import Path
from typing import NoReturn

from casebook.built.diff import diff_site_command
from casebook.built.linkcheck import check_links_command
from casebook.core import routes
from casebook.core.problems import CaseErrors, Problem
from casebook.core.project import Project
from casebook.core.settings import SettingsError, SiteSettings
from casebook.editor.canonical import format_files
from casebook.editor.check_copy import check_copy_command
from casebook.editor.conflicts import find_conflicts
from casebook.editor.scaffold import BadAnswer, new_case, source_kind_choices, write_new_case
from casebook.library import Library, check_loose_file, load_library, province_folder
from casebook.site.build import build_site, check_library, generated_paths
from casebook.site.engine import ENGINES, BuildFailed, serve_site
from casebook.sources.case_files import find_case_files
from casebook.sources.schema import json_schema_text
from casebook.vocabularies.registry import (
    PERMALINKS_FILE,
    load_registry,
    registry_text,
    unregistered,
)
from casebook.vocabularies.taxonomy import load_taxonomy

from .importer import command as import_command

NEW_CASE_OPTIONS = {
    "province": "省级行政区的全称，如 山东省",
    "city": "地级市的全称，如 淄博市",
    "county": "区县的全称，如 济阳区",
    "town": "乡镇或街道，如 莒镇",
    "year": "年份，如 2023",
    "source_title": "来源标题",
    "source_kind": f"来源类型：{source_kind_choices()}",
    "source_publisher": "发布机构或媒体",
    "source_date": "发布日期 YYYY-MM-DD",
    "source_url": "来源网址",
}
# What `casebook new` cannot do without; the rest it asks for at a terminal, where Enter skips it.
NEW_CASE_NEEDS = ("province", "year", "source_title", "source_kind")


class _Parser(argparse.ArgumentParser):
    """argparse, answering a mistyped command in one Chinese line (its own words are English)."""

    _WORDS = ((r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
              (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
              (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)", r"\1 的取值 \2 无效；可选：\3"),
              (r"argument (\S+): expected one argument", r"\1 后面需要一个值"),
              (r"argument (\S+): invalid (\w+) value: (.*)", r"\1 的取值 \3 无效"),
              (r"argument (\S+): ignored explicit argument (.*)", r"\1 不接受取值 \2"))

    def error(self, message: str) -> NoReturn:
        for english, chinese in self._WORDS:
            message = re.sub(f"^{english}$", chinese, message)
        self.exit(2, f"{self.prog}：{message}；运行 {self.prog} --help 查看用法\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="casebook", description="法治政府建设案例库的命令行工具")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="项目根目录（默认：当前目录）")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="校验案例文件")
    validate.add_argument("paths", nargs="*", type=Path, help="只报告这些文件的问题（默认：全部）")
    validate.add_argument("--github", action="store_true",
                          default=os.environ.get("GITHUB_ACTIONS") == "true",
                          help="同时输出 GitHub Actions 注释，使问题显示在拉取请求的对应行")
    build = commands.add_parser("build", help="校验、渲染并构建站点到 site/（失败时保留原站点）")
    build.add_argument("--engine", choices=ENGINES, default="mkdocs",
                       help="用哪个引擎构建（默认 mkdocs；zensical 需另行安装）")
    build.add_argument("--report", type=Path, help="把各步骤用时（秒）写入这个 JSON 文件")
    build.add_argument("--site-url", help="站点的网址，如 https://org.github.io/casebook/（默认：环境变量 "
                                          "CASEBOOK_SITE_URL，否则 mkdocs.yml 的 site_url）")
    build.add_argument("--repository", help="编辑案例的 GitHub 仓库，如 https://github.com/org/casebook（默认：环境变量 "
                                            "CASEBOOK_REPOSITORY，否则 mkdocs.yml 的 extra.repository）")
    build.add_argument("--publish", action="store_true", help="用于发布的构建：网址仍是占位地址时拒绝构建")
    serve = commands.add_parser("serve", help="本地预览，修改案例后自动刷新")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.add_argument("--poll", action="store_true",
                       help="每半秒扫描一遍文件夹来发现改动（用于系统不通知文件改动的网络盘、容器挂载目录）")
    schema = commands.add_parser("schema", help="生成 schema/case.schema.json")
    schema.add_argument("--check", action="store_true", help="只检查文件是否最新")
    new = commands.add_parser("new", help="新建案例骨架（缺少的选项会逐项询问）")
    for option, meaning in NEW_CASE_OPTIONS.items():
        new.add_argument(f"--{option.replace('_', '-')}", dest=option, help=meaning)
    fmt = commands.add_parser("fmt", help="把案例文件整理为统一格式（保留注释）")
    fmt.add_argument("paths", nargs="*", type=Path, help="只整理这些文件（默认：全部）")
    fmt.add_argument("--check", action="store_true", help="只检查，不修改；有文件需要整理时返回非零")
    permalinks = commands.add_parser("permalinks", help="把已发布案例的永久链接登记到 cases/_permalinks.yml")
    permalinks.add_argument("--check", action="store_true", help="只检查是否都已登记")

    commands.add_parser("clean", help="删除构建生成的一切：site/、docs/ 中的生成文件夹和构建留下的临时文件夹")
    check_links = commands.add_parser("check-links", help="检查构建好的站点中每个站内链接和锚点都有效")
    check_links.add_argument("site", nargs="?", type=Path, help="站点文件夹（默认：site/）")
    diff_site = commands.add_parser("diff-site", help="列出两个构建好的站点之间不同的页面（有不同时返回 1）")
    diff_site.add_argument("old", type=Path, help="原来的站点，如 main 分支构建的 site/")
    diff_site.add_argument("new", type=Path, help="新的站点，如拉取请求构建的 site/")
    import_command.add_parser(commands)
    check_copy = commands.add_parser("check-copy", help="找出案例中与原文连续 20 字以上相同的文字（有则返回 1）")
    check_copy.add_argument("case", type=Path, help="案例文件")
    check_copy.add_argument("article", type=Path, help="案例所依据的文章（UTF-8 文本或网页文件）")

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
    except (BuildFailed, SettingsError) as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:  # a full disk, a read-only folder: one line, not a traceback
        print(_file_failure(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中止；上一次成功构建的站点保持不变", file=sys.stderr)
        return 130


_OS_REASONS = {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "超出磁盘配额", errno.EROFS: "所在的文件系统是只读的",
               errno.EACCES: "没有读写权限", errno.EPERM: "没有读写权限"}


def _file_failure(error: OSError) -> str:
    reason = _OS_REASONS.get(error.errno, error.strerror or str(error))
    where = f"{error.filename}：" if error.filename else ""
    return f"无法完成：{where}{reason}；上一次成功构建的站点保持不变"


def _validate(project: Project, args: argparse.Namespace) -> int:
    """Every case file, or exactly the files named: those in cases/ as part of the library (ids,
    links and addresses are compared with the other cases), any other on its own."""
    absent = [path for path in args.paths if not path.is_file()]
    for path in absent:
        print(f"{path}：没有这个文件", file=sys.stderr)
    if absent:
        return 1
    cases_dir = project.cases_dir.resolve()
    loose = [path for path in args.paths if not path.resolve().is_relative_to(cases_dir)]
    inside = [path for path in args.paths if path not in loose]
    checked = [check_loose_file(project, path) for path in loose]
    problems = [problem for file in checked for problem in file.problems]
    warnings = [warning for file in checked for warning in file.warnings]
    library = None
    if inside or not args.paths:
        try:
            library = check_library(project, inside or None)
        except CaseErrors as errors:
            problems += errors.problems
        else:
            warnings += [*library.warnings, *_conflicts(project, library, inside)]
    for warning in warnings:
        print(warning, file=sys.stderr)
        if args.github:
            print(warning.annotation("warning"))
    if problems:
        raise CaseErrors(problems)
    if not args.paths:
        print(f"{len(library.cases)} 个案例全部通过校验（其中 {len(library.published)} 个已发布）。")
    for file in checked:
        print(f"{file.path.as_posix()} 通过校验；它不在 cases/ 中，发布前请移到 "
              f"cases/{province_folder(file.case)}/{file.case.id}.yml")
    for path in inside:
        print(f"{project.shown(path).as_posix()} 通过校验。")
    return 0


def _conflicts(project: Project, library: Library, chosen: list[Path]) -> list[Problem]:
    """Cases that may repeat each other; with files chosen, only the warnings about those."""
    found = find_conflicts(list(library.cases), {i: o.path for i, o in library.origins.items()})
    shown = {path.resolve() for path in chosen}
    return [warning for warning in found if not shown or (project.root / warning.path).resolve() in shown]


def _new(project: Project, args: argparse.Namespace) -> int:
    """Write a skeleton case from the options; at a terminal, ask for what is missing, and again
    for an answer that cannot be used. Without a terminal, a missing or unusable answer is one line."""
    answers = {name: getattr(args, name) for name in NEW_CASE_OPTIONS}
    at_terminal = sys.stdin.isatty()
    while True:
        for name in NEW_CASE_OPTIONS:
            if not answers[name] and (name in NEW_CASE_NEEDS or (answers[name] is None and at_terminal)):
                if not at_terminal:
                    print(f"缺少 --{name.replace('_', '-')}（{NEW_CASE_OPTIONS[name]}）", file=sys.stderr)
                    return 2
                skip = "" if name in NEW_CASE_NEEDS else "（没有就直接回车）"
                answers[name] = input(f"{NEW_CASE_OPTIONS[name]}{skip}：").strip()
        try:
            new, warning = new_case(answers, dt.date.today())
            break
        except BadAnswer as bad:
            print(bad, file=sys.stderr)
            if not at_terminal:
                return 2
            answers[bad.option] = None
    if warning:
        print(warning, file=sys.stderr)
    path = write_new_case(new, project.cases_dir, load_taxonomy(project.cases_dir), dt.date.today())
    same = new.path(project.cases_dir)
    if path != same:
        print(f"{project.shown(same).as_posix()} 已有同一地区、年份的案例；新案例的 id 是 {path.stem}"
              "（若是同一内容，请改为编辑原文件，并删除新文件）", file=sys.stderr)
    print(f"已创建 {project.shown(path).as_posix()}；填写后运行 casebook validate 查看还缺什么。")
    return 0


def _permalinks(project: Project, args: argparse.Namespace) -> int:
    missing = _register_permalinks(project, check=args.check)
    if not args.check:
        print(f"已登记 {len(missing)} 个新的永久链接。")
    return 1 if args.check and missing else 0


def _register_permalinks(project: Project, check: bool) -> list[str]:
    """The links of published cases and practices that cases/_permalinks.yml lacks, registered
    there (with `check`, only listed); raises CaseErrors if a case file has a problem."""
    cases = list(load_library(project).published)
    registry = load_registry(project.cases_dir)
    missing = unregistered(registry, cases)
    if check:
        for link in missing:
            print(f"永久链接 {link} 尚未登记到 cases/{PERMALINKS_FILE}；请运行 casebook fmt", file=sys.stderr)
    elif missing:
        (project.cases_dir / PERMALINKS_FILE).write_text(registry_text(registry, cases), encoding="utf-8")
    return missing


def _fmt(project: Project, args: argparse.Namespace) -> int:
    """The canonical layout of case files, and the permanent links of newly published cases and
    practices registered, the step before a pull request (CI checks both)."""
    paths = args.paths or find_case_files(project.cases_dir)
    changed = format_files(paths, check=args.check)
    for path in changed:
        verb = "需要整理" if args.check else "已整理"
        print(f"{project.shown(path).as_posix()}: {verb}", file=sys.stderr if args.check else sys.stdout)
    try:
        registered = _register_permalinks(project, check=args.check)
    except CaseErrors as errors:  # formatting needs no valid case; registering does
        print(f"案例文件还有 {len(errors.problems)} 处问题（运行 casebook validate 查看），永久链接暂未登记。",
              file=sys.stderr)
        return 1 if args.check else 0
    if registered and not args.check:
        print(f"cases/{PERMALINKS_FILE}: 已登记 {len(registered)} 个新的永久链接")
    if args.check and (changed or registered):
        print("请运行 casebook fmt 整理格式、登记永久链接。", file=sys.stderr)
        return 1
    return 0


def _build(project: Project, args: argparse.Namespace) -> int:
    # Stopped by SIGTERM or SIGHUP (a CI timeout, a closed terminal), the build cleans up as for
    # Ctrl-C: the engine is stopped and the staging folder removed.
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _exit_on_signal)
    settings = SiteSettings.from_config_file(project.config_file, args.site_url, args.repository)
    if args.publish:
        settings.refuse_placeholders()
    report = build_site(project, engine=args.engine, settings=settings)
    steps = "，".join(f"{_STEP_NAMES.get(step, step)} {seconds:.1f} 秒" for step, seconds in report.seconds.items())
    print(f"站点已构建：{report.site_dir}（{report.kind}；{steps}）")
    if args.report:
        args.report.write_text(json.dumps(report.seconds, indent=2) + "\n", encoding="utf-8")
    return 0


def _exit_on_signal(number: int, frame) -> None:
    raise SystemExit(128 + number)


_STEP_NAMES = {"render": "渲染", "plan": "核对缓存", "cards": "等待分享卡片", "check_and_index": "检查链接与建索引"}


def _serve(project: Project, args: argparse.Namespace) -> int:
    check_library(project)
    serve_site(project, args.dev_addr, polling=args.poll)
    return 0


def _schema(project: Project, args: argparse.Namespace) -> int:
    text = json_schema_text(load_taxonomy(project.cases_dir))
    target = project.root / routes.SCHEMA
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(f"{routes.SCHEMA} 不是最新的；请运行 casebook schema", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"已写入 {routes.SCHEMA}")
    return 0


def _clean(project: Project, args: argparse.Namespace) -> int:
    for path in generated_paths(project):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    print("已删除构建生成的文件。")
    return 0


_COMMANDS = {"validate": _validate, "build": _build, "serve": _serve, "schema": _schema,
             "new": _new, "fmt": _fmt, "permalinks": _permalinks, "check-links": check_links_command, "diff-site": diff_site_command,
             "import": import_command.run, "clean": _clean, "check-copy": check_copy_command}
