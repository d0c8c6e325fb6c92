"""The VS Code problem matcher in docs/editors.md (and the extension's copy) reads every
problem line that `weibo-lint check --format text` prints, and nothing else."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from weibo_lint.cli import cli

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-30T09:00:00+08:00"


def documented_matcher() -> dict:
    text = (ROOT / "docs" / "editors.md").read_text("utf-8")
    block = text.split("<!-- tasks.json:", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    return json.loads(block)["tasks"][0]["problemMatcher"]


def test_the_extension_contributes_the_documented_matcher():
    package = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text("utf-8"))
    contributed = package["contributes"]["problemMatchers"][0]
    assert contributed["pattern"] == documented_matcher()["pattern"]
    assert contributed["fileLocation"] == documented_matcher()["fileLocation"]


def test_the_pattern_reads_every_problem_of_real_output(tmp_path):
    repo = tmp_path / "every-rule"
    shutil.copytree(ROOT / "tests" / "data" / "every-rule", repo)
    config = str(repo / "weibo.yaml")
    runner = CliRunner(env={"NO_COLOR": "1"})
    text = runner.invoke(cli, ["check", "--format", "text", "--no-cache", "--now", NOW, "--config", config]).stdout
    problems = json.loads(runner.invoke(cli, ["check", "--format", "json", "--no-cache", "--now", NOW,
                                              "--config", config]).stdout)
    assert len(problems) > 30
    pattern = documented_matcher()["pattern"]
    regexp = re.compile(pattern["regexp"])  # the same syntax in JavaScript and Python here
    matched = []
    for line in text.splitlines():
        found = regexp.match(line)
        if found:
            matched.append({"path": found[pattern["file"]], "line": int(found[pattern["line"]]),
                            "column": int(found[pattern["column"]]), "level": found[pattern["severity"]],
                            "code": found[pattern["code"]], "message": found[pattern["message"]]})
    wanted = [{**{k: p[k] for k in ("path", "line", "column", "level", "code")},
               # the text report names the related files after the message
               "message": p["message"] + (f" (related: {', '.join(p['related'])})" if p.get("related") else "")}
              for p in problems]
    def order(p: dict) -> tuple:
        return p["path"], p["line"], p["column"], p["code"], p["message"]

    assert sorted(matched, key=order) == sorted(wanted, key=order)
