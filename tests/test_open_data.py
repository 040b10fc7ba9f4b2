"""The open data files updated after an edit (casebook.exports.open_data.OpenData): the parts of
cases equal to those the last files were made from are copied from those files, when they still hold
what was made; the rest are made anew; and the bytes are those of files made anew from the same
cases, whatever was edited, added, removed or moved."""

from __future__ import annotations

import dataclasses
import random

import pytest

from casebook.core.project import Project
from casebook.exports import open_data
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
        cases = edited(rng, cases, bundled)
        files = dict(data.files(cases, files.get))
        assert files == made_anew(cases)


def test_only_the_parts_of_changed_cases_are_made_again(bundled: list[Case], monkeypatch):
    made: list[str] = []
    for name, shape in list(open_data._SHAPES.items()):
        def counted(case, part=shape.part):
            made.append(case.id)
            return part(case)
        monkeypatch.setitem(open_data._SHAPES, name, dataclasses.replace(shape, part=counted))
    data = OpenData()
    files = dict(data.files(bundled))
    made.clear()
    changed = [*bundled[:-1], bundled[-1].model_copy(update={"summary": "改过的摘要"})]
    files = dict(data.files(changed, files.get))
    assert made == [bundled[-1].id] * len(open_data._SHAPES)
    assert files == made_anew(changed)


def test_files_not_as_it_made_them_are_made_anew(bundled: list[Case]):
    """Files changed since, or never written (a render that failed after making them)."""
    data = OpenData()
    files = dict(data.files(bundled))
    changed = [bundled[0].model_copy(update={"summary": "改过的摘要"}), *bundled[1:]]
    tampered = {name: b" " + content for name, content in files.items()}
    assert dict(data.files(changed, tampered.get)) == made_anew(changed)
    list(data.files(bundled))  # made, but not written
    assert dict(data.files(changed, tampered.get)) == made_anew(changed)


def test_no_case_gives_empty_files(bundled: list[Case]):
    data = OpenData()
    files = dict(data.files(bundled))
    empty = dict(data.files([], files.get))
    assert empty["cases.json"] == b"[]\n"
    assert empty["cases.csv"].decode("utf-8-sig").splitlines() == [made_anew(bundled)["cases.csv"].decode(
        "utf-8-sig").splitlines()[0]]


def test_two_cases_with_one_id_are_refused(bundled: list[Case]):
    with pytest.raises(ValueError, match=bundled[0].id):
        list(OpenData().files([bundled[0], bundled[0]]))
