"""The schema: one source of truth, kept in the repo as JSON Schema and used by standard validators."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from casebook.sources.schema import Case
from casebook.vocabularies.taxonomy import load_taxonomy
from support import REPO, casebook, good_case_text

BUNDLED = sorted(p for p in (REPO / "cases").rglob("*.yml") if not p.name.startswith("_"))


@pytest.mark.build
def test_committed_json_schema_is_current():
    result = casebook(REPO, "schema", "--check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_case_satisfies_the_published_json_schema(path: Path):
    schema = json.loads((REPO / "schema" / "case.schema.json").read_text(encoding="utf-8"))
    document = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    jsonschema.Draft202012Validator(schema).validate(document)


# The command-line validator editors and pre-commit use (installed with the test extras). It checks
# `pattern` and the `regex` format as ECMA-262 regexes in unicode mode, as editors' YAML tools do,
# which Python's `re` and the jsonschema package alone do not.
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
SCHEMA = REPO / "schema" / "case.schema.json"


def test_the_published_schema_passes_its_metaschema_with_format_checks():
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--check-metaschema", str(SCHEMA)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_editors_tool_accepts_every_bundled_case_and_refuses_a_broken_one(tmp_path: Path):
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMA), *map(str, BUNDLED)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(good_case_text().replace("url: https://example.org/report", 'url: "javascript:alert(1)"'),
                      encoding="utf-8")
    refused = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMA), str(broken)],
                             capture_output=True, text=True)
    assert refused.returncode == 1 and "javascript:alert(1)" in refused.stdout


def test_json_schema_offers_the_vocabulary_for_completion():
    schema = json.loads((REPO / "schema" / "case.schema.json").read_text(encoding="utf-8"))
    taxonomy = load_taxonomy(REPO / "cases")
    practice = schema["$defs"]["Practice"]["properties"]
    assert practice["category"]["enum"] == list(taxonomy.category_slugs)
    assert set(practice["tags"]["items"]["enum"]) == set(taxonomy.tag_names)


def test_every_bundled_case_file_points_editors_at_the_schema():
    for path in BUNDLED:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schema/case.schema.json", path


def test_taxonomy_has_the_five_sections_and_one_extra_group():
    taxonomy = load_taxonomy(REPO / "cases")
    main = [c.name for c in taxonomy.categories if not c.extra]
    assert main == ["依法决策与制度建设", "行政执法", "矛盾纠纷化解", "法治化营商环境", "数字法治政府"]
    assert len([c for c in taxonomy.categories if c.extra]) == 1
    assert len({t.slug for t in taxonomy.tags}) == len(taxonomy.tags)


def test_period_end_before_start_is_refused():
    data = yaml.safe_load(good_case_text())
    data["period"] = {"start": "2024-12-31", "end": "2024-01-01"}
    with pytest.raises(Exception, match="早于"):
        Case.model_validate(data, context={"taxonomy": load_taxonomy(REPO / "cases")})


def test_level_needs_its_place():
    data = yaml.safe_load(good_case_text())
    data["region"] = {"province": "浙江省", "level": "县级"}
    with pytest.raises(Exception, match="county"):
        Case.model_validate(data, context={"taxonomy": load_taxonomy(REPO / "cases")})


@pytest.mark.build
def test_a_draft_may_lack_what_its_source_does_not_state_but_a_published_case_may_not(project: Path):
    path = project / "cases/zhejiang/ceshi-shili-2024.yml"
    text = good_case_text().replace("title: 湖州市：测试用案例\n", "").replace(
        "period:\n  start: 2024-01-01\n  end: 2024-12-31\n", "")
    path.write_text(text.replace("status: published", "status: draft"), encoding="utf-8")
    assert casebook(project, "validate").returncode == 0
    path.write_text(text, encoding="utf-8")
    refused = casebook(project, "validate")
    assert refused.returncode != 0
    fields = [line.split(": ")[1] for line in refused.stderr.splitlines() if line.startswith("cases/")]
    assert sorted(fields) == ["period", "title"]
    assert "已发布的案例必须填写此项" in refused.stderr
