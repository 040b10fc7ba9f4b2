"""The code's own rules: the import layers hold, each fact has one owner, only the escaping
boundary makes Markup, no module reaches into another's private names, and the lists of
generated folders kept outside the code (.gitignore, mkdocs.yml, `make clean`) agree with it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casebook.core import routes
from casebook.pages import markup
from support import REPO, casebook, make_project

PACKAGE = REPO / "scripts" / "casebook"
BIN = Path(sys.executable).parent


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_import_layers_hold():
    """cli > editor tools | importer > site > built | pages > exports > library > vocabularies >
    sources > core (.importlinter): no circle, no upward import."""
    result = subprocess.run([str(BIN / "lint-imports")], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_code_has_no_unused_or_undefined_names_and_sorted_imports():
    result = subprocess.run([str(BIN / "ruff"), "check", "scripts", "tests"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_the_escaping_boundary_makes_markup():
    """Nothing contributed is ever concatenated into Markup: only markup.py makes it."""
    makers = [f"{path.relative_to(PACKAGE)}:{node.lineno}" for path in modules()
              for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
              if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Markup"]
    boundary = Path(markup.__file__).relative_to(PACKAGE).as_posix()
    assert makers and all(maker.startswith(f"{boundary}:") for maker in makers), makers


def test_no_module_imports_another_modules_private_names():
    private = [f"{path.relative_to(PACKAGE)}:{node.lineno}: {alias.name}" for path in modules()
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("casebook")
               for alias in node.names if alias.name.startswith("_")]
    assert private == []


def test_gitignore_ignores_exactly_the_generated_folders_and_files():
    ignored = {line.strip() for line in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()}
    docs_ignored = {line.removeprefix("/docs/").rstrip("/") for line in ignored if line.startswith("/docs/")}
    assert docs_ignored == {*routes.GENERATED_DIRS, *routes.GENERATED_FILES}


@pytest.mark.build
def test_the_generated_pages_outside_the_navigation_are_those_mkdocs_yml_leaves_out(tmp_path: Path):
    """mkdocs.yml's not_in_nav names the generated folders whose pages are reached through
    listings, not the navigation bar: every such folder, and no folder that is not generated (a
    listing in the navigation, such as practices/, has pages outside it only once it runs over a page)."""
    root = make_project(tmp_path, {}, bundled=True)
    assert casebook(root, "build").returncode == 0
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    in_nav = {next(iter(item.values())) for item in config["nav"]}
    not_in_nav = {line.strip("/") for line in config["not_in_nav"].split()}
    pages = [p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*.md")]
    generated = {p.split("/")[0] for p in pages if p.split("/")[0] in routes.GENERATED_DIRS
                 and p not in in_nav and not p.startswith("_generated/")}
    assert generated <= not_in_nav <= set(routes.GENERATED_DIRS)


@pytest.mark.build
def test_clean_removes_what_a_build_makes_and_nothing_else(tmp_path: Path):
    root = make_project(tmp_path, {}, bundled=True)
    before = {p.relative_to(root).as_posix() for p in root.rglob("*")}
    assert casebook(root, "build").returncode == 0
    (root / ".site-build-1-abandoned").mkdir()
    assert casebook(root, "clean").returncode == 0
    after = {p.relative_to(root).as_posix() for p in root.rglob("*")
             if not p.is_relative_to(root / ".cache") and "__pycache__" not in p.parts}  # caches may stay
    assert after == {p for p in before if "__pycache__" not in p}
    assert not (root / ".cache" / "casebook").exists()  # the incremental build's cache goes: it describes site/
