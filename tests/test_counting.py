"""Weibo's count (docs/platform.md §1): the shared conformance table, our own cases, and `weibo-lint count`.

count-cases.yaml is a verbatim copy of ../shared/weibo/count-cases.yaml, read at test time;
count-cases-extra.yaml holds our cases, each computed by hand in its description.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from weibo_lint import weibo_length
from weibo_lint.cli import cli

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "weibo" / "count-cases.yaml"


def _cases(name: str) -> list:
    table = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["description"][:60]) for case in table["tests"]["count"]]


@pytest.mark.parametrize("case", _cases("count-cases.yaml"))
def test_shared_count_cases(case):
    assert weibo_length(case["text"]) == case["expected"]


@pytest.mark.parametrize("case", _cases("count-cases-extra.yaml"))
def test_our_count_cases(case):
    weight = case.get("astral_weight", 2)
    assert weibo_length(case["text"], astral_bytes=2 * weight) == case["expected"]


def test_the_tables_are_not_empty():
    assert len(_cases("count-cases.yaml")) >= 38
    assert len(_cases("count-cases-extra.yaml")) >= 30


@pytest.mark.skipif(not SHARED.is_file(), reason="the shared folder is not beside this checkout")
def test_our_copy_of_the_shared_table_is_verbatim():
    assert (DATA / "count-cases.yaml").read_bytes() == SHARED.read_bytes()


def test_weibo_length_is_exported_from_the_package():
    import weibo_lint

    assert weibo_lint.weibo_length("中a") == 2
    assert "weibo_length" in weibo_lint.__all__


# -- weibo-lint count ---------------------------------------------------------------------

def _count(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["count", *args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def test_count_text_argument():
    assert _count("我司CEO与我司吉祥物...好大一坨！") == (0, "16\n")


def test_count_argument_with_a_url():
    assert _count("看 http://example.com/a/very/long/path?x=1") == (0, "12\n")


def test_count_reads_stdin_one_count_per_line():
    code, out = _count(stdin="a\n中a\n\n http://example.com\n😀\n")
    assert code == 0
    # ' http://example.com': space 1 + URL 20 = 21 bytes -> 11
    assert out.splitlines() == ["1", "2", "0", "11", "2"]


def test_count_dash_reads_stdin():
    assert _count("-", stdin=" Test\n　　　Ｔｅｓｔｉｎｇ　　　　\n") == (0, "3\n14\n")


def test_count_stdin_without_final_newline():
    assert _count(stdin="abc") == (0, "2\n")


def test_count_astral_weight_option():
    assert _count("--astral-weight", "1", "😀") == (0, "1\n")
    assert _count("--astral-weight", "1", stdin="👨\u200d👩\u200d👧\u200d👦\n") == (0, "7\n")


def test_count_rejects_an_impossible_astral_weight():
    code, _out = _count("--astral-weight", "0", "😀")
    assert code == 2


def test_count_crlf_input_through_the_real_console_script():
    # Standard input with Windows line ends: each line is counted without its CR.
    exe = Path(sys.executable).with_name("weibo-lint")
    done = subprocess.run([str(exe), "count"], input="中\r\n中a\r\n".encode(), capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().split() == ["1", "2"]
