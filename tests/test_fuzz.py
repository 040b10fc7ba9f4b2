"""Property-based fuzzing of the loader and validator (hypothesis).

Random and mutated case documents (wrong types, missing and extra keys, odd Unicode, huge
numbers, deep nesting, YAML tricks) must each end in either a valid case or clean problem lines:
never a traceback and never a hang. The budget is fixed and derandomised, so CI runs the same
examples every time: 400 mutated documents + 400 mutated texts + 200 random texts = 1,000.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.core.problems import Problem
from casebook.sources.normalise import normalise_case
from casebook.sources.validate import validate_case
from casebook.sources.yaml_loader import parse_case_text
from casebook.vocabularies.taxonomy import load_taxonomy
from support import REPO, good_case_text

SHOWN = Path("cases/zhejiang/ceshi-shili-2024.yml")
TAXONOMY = load_taxonomy(REPO / "cases")
GOOD_TEXT = good_case_text()
GOOD = yaml.safe_load(GOOD_TEXT)

BUDGET = settings(
    derandomize=True, database=None, deadline=dt.timedelta(seconds=5),  # a hang fails the deadline
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)

# Text from anywhere in Unicode, controls and bidirectional overrides included (not surrogates,
# which no UTF-8 file can hold).
odd_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
scalars = st.one_of(
    st.none(), st.booleans(), odd_text,
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates().map(dt.date.isoformat),
    st.sampled_from(["", "published", "draft", "dispute-resolution", "人民调解", "https://example.org/x",
                     "javascript:alert(1)", "../../etc/passwd", "<script>alert(1)</script>", "2024-02-30"]),
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(odd_text, inner, max_size=4),
    max_leaves=12,
)
deep = st.integers(min_value=1, max_value=80).map(lambda depth: _nested(depth))


def _nested(depth: int):
    value: object = "底"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


def _places(node, prefix=()):
    """Every place a mutation can reach in a document: (path to the container, key in it)."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        yield prefix, key
        yield from _places(child, prefix + (key,))


@st.composite
def mutated_documents(draw) -> dict:
    document = yaml.safe_load(GOOD_TEXT)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        places = list(_places(document))
        if not places:
            break
        where, key = draw(st.sampled_from(places))
        container = document
        for step in where:
            container = container[step]
        action = draw(st.sampled_from(["replace", "delete", "extra", "deep"]))
        if action == "replace":
            container[key] = draw(values)
        elif action == "deep":
            container[key] = draw(deep)
        elif action == "delete":
            del container[key]
        elif isinstance(container, dict):
            container[draw(odd_text)] = draw(values)
    return document


# Pieces of YAML syntax and hostile content to splice into a good file.
SPLICES = [
    "&a ", "*a", "<<: ", "!!binary ", "!!python/object:os.system ", "!!set ", "{", "}", "[", "]", ": ", "- ",
    "\n", "\t", "'", '"', "#", "|", ">", "? ", "---\n", "...\n", "%YAML 1.1\n", "9" * 5000, "1e999", ".nan",
    "\ufeff", "\u202e", "\x00", "\x1b[31m", "  ", "\r\n", "id: ", "<iframe>", "\\u202e", "[" * 3000, "{a: " * 3000,
]


@st.composite
def mutated_texts(draw) -> str:
    text = GOOD_TEXT
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        action = draw(st.sampled_from(["splice", "insert", "delete", "duplicate"]))
        if action == "splice":
            text = text[:at] + draw(st.sampled_from(SPLICES)) + text[at:]
        elif action == "insert":
            text = text[:at] + draw(odd_text) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=80)):]
        else:
            text = text[:at] + text[at:at + draw(st.integers(min_value=1, max_value=200)) ] * 2 + text[at:]
    return text


def assert_clean_outcome(text: str) -> None:
    """A valid case that normalises, or problems that are each one clean line about this file."""
    loaded = parse_case_text(text, SHOWN)
    if isinstance(loaded, Problem):
        problems, case = [loaded], None
    else:
        case, problems = validate_case(loaded, TAXONOMY)
    if case is not None:
        assert problems == []
        normalise_case(case)
        return
    assert problems
    for problem in problems:
        assert problem.path == SHOWN and problem.line >= 1 and problem.message
        line = str(problem)
        assert line.isprintable(), line  # no line break, escape sequence or bidi control reaches a terminal
        assert "\n" not in problem.annotation()


@settings(BUDGET, max_examples=400)
@given(mutated_documents(), st.booleans())
def test_mutated_documents_end_in_a_case_or_clean_problems(document, unicode_as_is):
    # allow_unicode=False writes odd characters as YAML escapes, so they reach the field checks
    # rather than the file scan.
    assert_clean_outcome(yaml.safe_dump(document, allow_unicode=unicode_as_is))


@settings(BUDGET, max_examples=400)
@given(mutated_texts())
def test_mutated_texts_end_in_a_case_or_clean_problems(text):
    assert_clean_outcome(text)


@settings(BUDGET, max_examples=200)
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=400))
def test_random_texts_end_in_clean_problems(text):
    assert_clean_outcome(text)
