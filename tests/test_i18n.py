"""Chinese and English: every marked message has a translation whose placeholders survive, the
shipped .mo files are compiled from the .po files as they are, the language is chosen as the
README says, and a run speaks it through the real CLI."""
from __future__ import annotations

import ast
import gettext
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("babel", reason="babel is in the test extra: pip install -e '.[test]'")
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.support import write_repository
from weibo_lint import i18n

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "weibo_lint"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "weibo_lint.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _catalog():
    with open(PO, "rb") as handle:
        return read_po(handle)


def _extracted() -> set:
    method_map = [("**.py", "python"), ("site/templates/**.html", "jinja2")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), method_map, options_map={"site/templates/**.html": {"extensions": "jinja2.ext.i18n"}},
            keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_every_message_in_the_code_has_a_chinese_translation():
    catalog = _catalog()
    translated = {}
    for message in catalog:
        if message.id:
            key = message.id if isinstance(message.id, str) else tuple(message.id)
            strings = [message.string] if isinstance(message.string, str) else list(message.string)
            translated[key] = all(strings) and "fuzzy" not in message.flags
    extracted = _extracted()
    assert len(extracted) > 100, "extraction found too little: the keywords or the mapping are wrong"
    missing = sorted(str(m) for m in extracted if not translated.get(m))
    assert not missing, (f"{len(missing)} message(s) without a translation (run scripts/i18n, then translate): "
                         f"{missing[:10]}")


def test_placeholders_survive_translation():
    wrong = []
    for message in _catalog():
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != wanted:
                wrong.append((ids[0], string))
    assert not wrong, wrong[:5]


def test_the_shipped_mo_is_compiled_from_the_po():
    fresh = io.BytesIO()
    write_mo(fresh, _catalog())
    fresh.seek(0)
    with open(MO, "rb") as mo:
        shipped = gettext.GNUTranslations(mo)
    compiled = gettext.GNUTranslations(fresh)
    assert shipped._catalog == compiled._catalog, "the .mo is stale: run scripts/i18n"


@pytest.mark.parametrize("environ,configured,expected", [
    ({}, None, "en"),
    ({"LANG": "zh_CN.UTF-8"}, None, "zh-CN"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, None, "zh-CN"),  # LC_ALL wins, as POSIX reads it
    ({"LANG": "zh_CN.UTF-8"}, "en", "en"),  # weibo.yaml's language wins over the locale
    ({"LANG": "C.UTF-8"}, "zh-CN", "zh-CN"),
    ({"WEIBO_LINT_LANG": "en", "LANG": "zh_CN.UTF-8"}, "zh-CN", "en"),  # the variable wins over everything
    ({"WEIBO_LINT_LANG": "zh"}, "en", "zh-CN"),
    ({"WEIBO_LINT_LANG": "klingon", "LANG": "zh_CN"}, None, "zh-CN"),  # an unknown value is ignored
])
def test_the_language_is_chosen_as_documented(environ, configured, expected):
    assert i18n.choose(configured, environ) == expected


def test_no_function_hides_the_translator():
    """``_`` assigned in a function that also calls ``_()`` makes the call fail there."""
    bad = []
    for file in PACKAGE.rglob("*.py"):
        tree = ast.parse(file.read_text("utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
                continue
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
                        for n in ast.walk(func))
            assigns = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
                          for n in ast.walk(func))
            if calls and assigns:
                bad.append(f"{file.relative_to(ROOT)}:{getattr(func, 'lineno', 1)}")
    assert not bad, bad


def _repo(tmp_path: Path, language: str | None) -> Path:
    write_repository(tmp_path, ("" if language is None else f"language: {language}\n")
                     + "accounts:\n  ceo: {name: 林晓, api: manual, limit: 2000}\n",
                     columns={"daily": "name: 每日一问\naccount: ceo\n"},
                     files={"posts/a.md": "---\ncolumn: daily\nstatus: draft\n---\n这是最好的咖啡 #新品\n"})
    return tmp_path


def _check(repo: Path, **env: str) -> str:
    full = {k: v for k, v in os.environ.items() if k not in ("WEIBO_LINT_LANG", "LANG", "LC_ALL", "LC_MESSAGES")}
    full.update(env)
    done = subprocess.run([sys.executable, "-m", "weibo_lint", "check", "--now", "2026-12-01T09:00:00+08:00"],
                          cwd=repo, env=full, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    return done.stdout


def test_a_run_speaks_chinese_when_the_repository_says_so(tmp_path):
    out = _check(_repo(tmp_path, "zh-CN"), LANG="C.UTF-8")
    assert "极限词「最好」" in out and "不是话题" in out and "1 个文件中有 2 个问题（2 个错误）" in out
    assert "WB501 absolute-term" in out  # codes and names are ids: never translated


def test_the_locale_decides_without_a_setting_and_the_variable_overrides(tmp_path):
    repo = _repo(tmp_path, None)
    assert "2 problems (2 errors) in 1 file" in _check(repo, LANG="C.UTF-8")
    assert "1 个文件中有 2 个问题" in _check(repo, LANG="zh_CN.UTF-8")
    assert "2 problems (2 errors) in 1 file" in _check(repo, LANG="zh_CN.UTF-8", WEIBO_LINT_LANG="en")


def test_cached_results_are_not_served_in_the_other_language(tmp_path):
    repo = _repo(tmp_path, None)
    assert "极限词" in _check(repo, WEIBO_LINT_LANG="zh-CN")
    assert "absolute term" in _check(repo, WEIBO_LINT_LANG="en")  # same files, warm cache
    assert "极限词" in _check(repo, WEIBO_LINT_LANG="zh-CN")


def test_chinese_text_is_really_chinese():
    """A translation that copies the English is no translation (ids and pure data aside)."""
    same = [m.id for m in _catalog() if isinstance(m.id, str) and m.id and m.string == m.id
            and re.search(r"[a-z]{4,}", PLACEHOLDER.sub("", m.id))]
    assert not same, same[:5]
    assert sum(bool(CJK.search(m.string if isinstance(m.string, str) else m.string[0])) for m in _catalog()
               if m.id) > 100


def _build(tmp_path: Path, language: str) -> Path:
    import shutil

    repo = tmp_path / f"site-{language}"
    shutil.copytree(ROOT / "tests" / "site" / "repo", repo)
    env = {k: v for k, v in os.environ.items() if k != "WEIBO_LINT_LANG"}
    env["WEIBO_LINT_LANG"] = language
    done = subprocess.run([sys.executable, "-m", "weibo_lint", "build", "--now", "2026-11-23T09:00:00+08:00",
                           "--out", str(repo / "_site")], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return repo / "_site"


HEADING = re.compile(r"<(h[1-3]|th|nav|footer)[^>]*>(.*?)</\1>", re.S)


def test_the_site_speaks_one_language(tmp_path):
    """Every heading, table header, the navigation and the footer in the build's language:
    no "转发 mean" in English, no "Calendar" in Chinese."""
    for language in ("zh-CN", "en"):
        site = _build(tmp_path, language)
        pages = [site / "index.html", site / "metrics.html", *sorted((site / "post").rglob("*.html"))[:2],
                 *sorted((site / "column").glob("*.html"))[:1]]
        for page in pages:
            html = page.read_text("utf-8")
            assert f'<html lang="{language}">' in html
            for _tag, inner in HEADING.findall(html):
                text = re.sub(r"<[^>]+>", " ", inner)
                text = re.sub(r"https?://\S+|posts/\S+|\b(WB\d{3}|share|update|manual|[a-z]+-[a-z-]+)\b", " ", text)
                if language == "zh-CN":
                    assert not re.search(r"\b(Calendar|Columns|Problems|Metrics|posts|column|account|mean|median|"
                                         r"status|file|Built)\b", text), (page.name, text)
                else:  # content (titles, names) may be Chinese; the labels may not
                    assert not re.search("日历|栏目|问题|数据|均值|中位数|帖子数|健康度|发布时间|状态|由 weibo-lint",
                                         text), (page.name, text)
        index = (site / "index.html").read_text("utf-8")
        assert ("<h1>日历</h1>" in index) == (language == "zh-CN")


def test_configuration_errors_speak_the_configured_language_even_when_the_file_is_broken(tmp_path):
    repo = _repo(tmp_path, "zh-CN")
    config = repo / "weibo.yaml"
    config.write_text(config.read_text("utf-8").replace("api: manual", "api: manul") + "publish:\n  setle: 2m\n",
                      "utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("WEIBO_LINT_LANG", "LANG", "LC_ALL", "LC_MESSAGES")}
    done = subprocess.run([sys.executable, "-m", "weibo_lint", "check"], cwd=repo, env={**env, "LANG": "C.UTF-8"},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    # every error at once, each at its line, in Chinese, with the closest key or value
    assert "weibo.yaml:2: 'accounts.ceo' 必须是包含" in done.stderr or "'accounts.ceo.api' 必须是" in done.stderr
    assert "（是不是 'manual'？）" in done.stderr and "未知设置 'publish.setle'（是不是 'settle'？）" in done.stderr
    config.write_text("language: zh-CN\npublish: 1\npublish: 2\n", "utf-8")  # not even YAML that loads
    broken = subprocess.run([sys.executable, "-m", "weibo_lint", "check"], cwd=repo, env={**env, "LANG": "C.UTF-8"},
                            capture_output=True, text=True, timeout=60)
    assert broken.returncode == 2 and "重复的键 'publish'" in broken.stderr


def test_no_message_is_hidden_inside_an_f_string():
    """Babel does not look inside f-strings on every Python: ``f"{_('posts')}"`` would never be
    extracted, so never translated, and no other test would notice."""
    hidden = []
    for file in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text("utf-8"))):
            if isinstance(node, ast.FormattedValue):
                for call in ast.walk(node.value):
                    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in \
                            ("_", "ngettext") and call.args and isinstance(call.args[0], ast.Constant) and \
                            _translatable(call.args[0].value):
                        hidden.append(f"{file.relative_to(ROOT)}:{node.lineno}")
    assert not hidden, hidden


def _translatable(text) -> bool:
    """A literal some other call already marks (', ') is extracted there; a new one is not."""
    return isinstance(text, str) and text not in {m for m in _extracted() if isinstance(m, str)}


def test_help_speaks_the_language(tmp_path):
    repo = _repo(tmp_path, "zh-CN")
    env = {k: v for k, v in os.environ.items() if k not in ("WEIBO_LINT_LANG", "LANG", "LC_ALL", "LC_MESSAGES")}
    for args, chinese in ((["--help"], "检查、排期、发布和预览"), (["check", "--help"], "有警告时也以 1 退出"),
                          (["publish", "--help"], "通过各账号的接口发布")):
        zh = subprocess.run([sys.executable, "-m", "weibo_lint", *args], cwd=repo, env={**env, "LANG": "C.UTF-8"},
                            capture_output=True, text=True, timeout=60)
        assert zh.returncode == 0 and chinese in zh.stdout, zh.stdout  # weibo.yaml says zh-CN
        en = subprocess.run([sys.executable, "-m", "weibo_lint", *args], cwd=repo,
                            env={**env, "WEIBO_LINT_LANG": "en"}, capture_output=True, text=True, timeout=60)
        assert en.returncode == 0 and chinese not in en.stdout and "Usage:" in en.stdout
