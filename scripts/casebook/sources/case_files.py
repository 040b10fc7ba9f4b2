"""Where case files may be: cases/<province>/<id>.yml, beside the vocabulary and registry files
and the licence. Anything else under cases/ is a problem naming it, never ignored silently."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from casebook.core.problems import CaseErrors, Problem
from casebook.core.text_rules import SLUG
from casebook.sources.yaml_loader import SYMLINK_MESSAGE

# cases/<province>/<id>.yml, beside the vocabulary and registry files and the licence.
CASE_SUFFIX = ".yml"

TOP_LEVEL_FILES = ("_taxonomy.yml", "_metrics.yml", "_permalinks.yml", "LICENSE", "README.md")


def find_case_files(cases_dir: Path) -> list[Path]:
    """Every case file: the .yml files in the province folders of `cases_dir`. Anything else
    there is reported by `stray_files`.

    Raises CaseErrors if `cases_dir` is or holds a symbolic link: following one could bring a
    file from outside cases/ (or outside the repository) into the site.
    """
    _refuse_symlinks(cases_dir)
    # os.scandir, not Path.glob: at ten thousand cases glob took a second of every preview rebuild.
    return sorted(Path(entry.path) for folder in _entries(str(cases_dir)) if folder.is_dir()
                  for entry in _entries(folder.path)
                  if entry.name.endswith(CASE_SUFFIX) and not entry.name.startswith("_"))


def stray_files(cases_dir: Path) -> list[Problem]:
    """Everything under `cases_dir` that is neither a case file nor a known file: nothing there is
    ignored silently (a .YML file, an unknown _*.yml file, a folder inside a province folder)."""
    shown = Path(cases_dir.name)
    problems = []
    for path in sorted(cases_dir.iterdir()):
        if path.is_dir():
            if not SLUG.fullmatch(path.name):
                problems.append(Problem(shown / path.name, 1, "", "省份文件夹应以省份的拼音短名命名，如 shandong、shanxi"))
            problems += _strays_in_province(path, shown / path.name)
        elif path.name not in TOP_LEVEL_FILES:
            problems.append(Problem(shown / path.name, 1, "", f"cases/ 中的未知文件；这里只能有 {'、'.join(TOP_LEVEL_FILES)} "
                                                               "和各省份文件夹，案例文件应放在 cases/<省份>/<id>.yml"))
    return problems


def _strays_in_province(folder: Path, shown: Path) -> list[Problem]:
    problems = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(CASE_SUFFIX) and not path.name.startswith("_"):
            continue  # a case file, or a folder named like one (load_case says it is not a file)
        if path.is_dir():
            message = "省份文件夹中不能再有文件夹；案例文件应直接放在 cases/<省份>/ 中"
        elif path.suffix.lower() in (".yml", ".yaml"):
            message = "案例文件名应为 <id>.yml（小写字母、数字和连字符，扩展名 .yml），如 shandong-zibo-2021.yml"
        else:
            message = "省份文件夹中只能有案例文件（<id>.yml）"
        problems.append(Problem(shown / path.name, 1, "", message))
    return problems


def _entries(folder: str) -> list[os.DirEntry]:
    """What a folder holds; nothing for one that cannot be read or is not there (a folder inside a
    province folder is reported by `stray_files` whatever it holds)."""
    try:
        return list(os.scandir(folder))
    except (PermissionError, FileNotFoundError, NotADirectoryError):
        return []


def _links_below(folder: str) -> Iterator[str]:
    """Every symbolic link below `folder`, whose links to folders are not followed."""
    for entry in _entries(folder):
        if entry.is_symlink():
            yield entry.path
        elif entry.is_dir():
            yield from _links_below(entry.path)


def _refuse_symlinks(cases_dir: Path) -> None:
    links = [cases_dir] if cases_dir.is_symlink() else sorted(map(Path, _links_below(str(cases_dir))))
    if links:
        raise CaseErrors([
            Problem(Path(cases_dir.name, link.relative_to(cases_dir)), 1, "",
                    SYMLINK_MESSAGE)
            for link in links
        ])
