from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("jsonschema", reason="jsonschema is in the test extra: pip install -e '.[test]'")
import jsonschema

from weibo_lint.problem import Level
from weibo_lint.reporters.sarif import artifact_uri, format_sarif

SCHEMA_PATH = Path(__file__).parent.parent / "data" / "sarif-2.1.0.json"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    help: str
    default_level: Level


RULES = [
    Rule("WB101", "post-too-long", "The post is longer than Weibo allows.",
         "# post-too-long\n\n## Why\n\nWeibo cuts it.\n", Level.ERROR),
    Rule("WB103", "folded-in-feed", "The feed folds the post.", "Folded posts get fewer reads.",
         Level.INFO),
    Rule("WB302", "unknown-field", "An unknown front-matter field.", "", Level.WARNING),
    Rule("WB004", "unused-directive", "An unused directive.", "", Level.OFF),
]


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def sample(problem):
    return [
        problem(path="posts/2024/春节 快乐.md", line=4, column=5, level=Level.ERROR),
        problem(path="posts/b.md", line=2, column=1, code="WB302", name="unknown-field",
                level=Level.WARNING, message="Unknown field 'colum'."),
        problem(path="posts/c.md", line=1, column=1, code="WB103", name="folded-in-feed",
                level=Level.INFO, message="Folded.", related=("posts/d.md", "posts/e.md")),
        # a code no rule describes
        problem(path="posts/c.md", line=3, column=2, code="WB999", name="mystery",
                level=Level.WARNING, message="?"),
    ]


def log_of(problems, rules=RULES):
    return json.loads(format_sarif(problems, rules=rules, tool_version="0.1.0"))


# -- the vendored schema -----------------------------------------------------------


def test_vendored_schema_is_the_official_2_1_0_schema():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert "reportingDescriptor" in schema["definitions"]


def test_schema_rejects_a_bad_log(validator):
    """The validator has teeth: a result with a non-SARIF level fails."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                           "results": [{"message": {"text": "m"}, "level": "info"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(bad)


# -- our output --------------------------------------------------------------------


def test_validates_against_schema(validator, problem):
    validator.validate(log_of(sample(problem)))


def test_empty_log_validates(validator):
    log = log_of([])
    validator.validate(log)
    assert log["runs"][0]["results"] == []
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == [
        "WB004", "WB101", "WB103", "WB302"]


def test_top_level_and_run(problem):
    log = log_of(sample(problem))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "weibo-lint"
    assert driver["version"] == "0.1.0"
    assert driver["informationUri"] == "https://github.com/weibo-lint/weibo-lint"


def test_rules(problem):
    rules = log_of(sample(problem))["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert [r["id"] for r in rules] == ["WB004", "WB101", "WB103", "WB302", "WB999"]
    wb101 = by_id["WB101"]
    assert wb101["name"] == "post-too-long"
    assert wb101["shortDescription"] == {"text": "The post is longer than Weibo allows."}
    assert wb101["help"]["markdown"].startswith("# post-too-long")
    assert wb101["fullDescription"]["text"].startswith("# post-too-long")
    assert wb101["defaultConfiguration"] == {"level": "error"}
    assert by_id["WB103"]["defaultConfiguration"] == {"level": "note"}
    assert by_id["WB302"]["defaultConfiguration"] == {"level": "warning"}
    assert by_id["WB004"]["defaultConfiguration"] == {"level": "none", "enabled": False}
    assert by_id["WB999"] == {"id": "WB999", "name": "mystery"}


def test_results_levels_and_rule_index(problem):
    run = log_of(sample(problem))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"WB101": "error", "WB302": "warning", "WB103": "note", "WB999": "warning"}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_location(problem):
    run = log_of(sample(problem))["runs"][0]
    first = run["results"][0]
    assert first["message"] == {"text": "The post is too long."}
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {
        "uri": "posts/2024/%E6%98%A5%E8%8A%82%20%E5%BF%AB%E4%B9%90.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert physical["region"] == {"startLine": 4, "startColumn": 5}


def test_related_locations(problem):
    run = log_of(sample(problem))["runs"][0]
    folded = next(r for r in run["results"] if r["ruleId"] == "WB103")
    related = folded["relatedLocations"]
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in related] == [
        "posts/d.md", "posts/e.md"]
    assert [r["id"] for r in related] == [1, 2]
    others = [r for r in run["results"] if r["ruleId"] != "WB103"]
    assert all("relatedLocations" not in r for r in others)


def test_artifact_uri():
    assert artifact_uri("posts\\2024\\a.md") == "posts/2024/a.md"
    assert artifact_uri("./posts/a.md") == "posts/a.md"
    assert artifact_uri("c:d/100%.md") == "c%3Ad/100%25.md"


def test_srcroot_uri_recorded_when_given(validator, problem):
    text = format_sarif([problem()], rules=RULES, tool_version="0.1.0",
                        srcroot_uri="file:///home/me/weibo/")
    log = json.loads(text)
    validator.validate(log)
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///home/me/weibo/"
