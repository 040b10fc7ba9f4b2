"""The open data files updated after an edit (casebook.exports.open_data.OpenData): the parts of
cases as they were are copied from the files last made, the rest made anew, and the bytes are
those of files made anew from the same cases, whatever was edited, added, removed or moved."""

from __future__ import annotations

import random

import pytest

from casebook.core.project import Project
from casebook.exports.open_data import OpenData
from casebook.library import load_library
from casebook.sources.schema import Case
from support import REPO


@pytest.fixture(scope="module")
def bundled() -> list[Case]:
    return list(load_library(Project(REPO)).published)


def made_anew(cases: list[Case]) -> dict[str, bytes]:
    return dict(OpenData().files(cases))


def edited(rng: random.Random, cases: list[Case], pool: list[Case]) -> list[Case]:
    """The cases after one random edit: a text changed, a case added, removed or moved."""
    cases = list(cases)
    at = rng.randrange(len(cases))
    match rng.choice(("text", "title", "add", "remove", "move")):
        case "text":
            cases[at] = cases[at].model_copy(update={"summary": cases[at].summary + rng.choice("改动文字=+")})
        case "title":
            cases[at] = cases[at].model_copy(update={"title": f"={cases[at].title}，第{rng.randrange(99)}稿"})
        case "add":
            new = rng.choice(pool)
            cases.insert(at, new.model_copy(update={"id": f"{new.id}-{rng.randrange(10**6)}"}))
        case "remove" if len(cases) > 1:
            del cases[at]
        case _:
            cases.insert(rng.randrange(len(cases)), cases.pop(at))
    return cases


@pytest.mark.parametrize("seed", range(4))
def test_updated_files_are_the_files_made_anew(bundled: list[Case], seed: int):
    rng = random.Random(seed)
    data, cases = OpenData(), list(bundled)
    files = dict(data.files(cases))
    for _ in range(12):
        after = edited(rng, cases, bundled)
        unchanged = {c.id for c in after if any(c.id == b.id and c == b for b in cases)}
        files = dict(data.files(after, unchanged, files.get))
        assert files == made_anew(after)
        cases = after


def test_the_parts_of_unchanged_cases_are_copied_not_made_again(bundled: list[Case]):
    """Shown by telling it a changed case is unchanged: its part is then the one made before."""
    data = OpenData()
    files = dict(data.files(bundled))
    changed = [bundled[0].model_copy(update={"summary": "改过的摘要"}), *bundled[1:]]
    copied = dict(data.files(changed, {c.id for c in changed}, files.get))
    assert copied == files
    assert dict(data.files(changed, set(), copied.get)) == made_anew(changed)


def test_files_not_as_it_made_them_are_made_anew(bundled: list[Case]):
    data = OpenData()
    files = dict(data.files(bundled))
    changed = [bundled[0].model_copy(update={"summary": "改过的摘要"}), *bundled[1:]]
    tampered = {name: b" " + content for name, content in files.items()}
    assert dict(data.files(changed, {c.id for c in changed}, tampered.get)) == made_anew(changed)


def test_no_case_gives_empty_files(bundled: list[Case]):
    data = OpenData()
    files = dict(data.files(bundled))
    empty = dict(data.files([], set(), files.get))
    assert empty["cases.json"] == b"[]\n"
    assert empty["cases.csv"].decode("utf-8-sig").splitlines() == [made_anew(bundled)["cases.csv"].decode(
        "utf-8-sig").splitlines()[0]]
