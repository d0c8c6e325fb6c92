"""Fuzzing the check over front matter and bodies (issue 10): random YAML-ish front matter and
random bodies (topics, mentions, links, control characters, NULs, surrogates, huge numbers,
dates at the calendar's edges) never make an exception escape, and every problem names a
path and a line. Derandomized, without an example database: CI runs the same cases each time.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

pytest.importorskip("hypothesis", reason="hypothesis is in the test extra: pip install -e '.[test]'")
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.hostile_repo import NOW, HostileRepo, problems_at
from tests.support import write_repository
from weibo_lint.check import build_env, run_check
from weibo_lint.config import load_config
from weibo_lint.engine import check_post
from weibo_lint.times import parse_datetime

FUZZ = settings(max_examples=500, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FEW = settings(FUZZ, max_examples=12)

CONFIG = """\
timezone: Asia/Shanghai
accounts:
  brand: {name: 星河咖啡, api: share, safe_domain: www.example.com, token_env: WEIBO_TOKEN_BRAND,
          posting: {min_per_day: 1, max_per_day: 3, min_gap: 45m, windows: ["09:30-12:00", "20:30-24:00"]}}
  ceo: {name: 林晓, api: manual, limit: 2000}
"""
COLUMNS = {
    "daily": "name: 每日一问\naccount: ceo\ntopic: 每日一问\ntemplate: daily.j2\ncadence: {per: day, min: 1}\n"
             "slots: ['20:30']\n",
    "news": "name: 新品\naccount: brand\ntemplate: news.j2\n",
}
TEMPLATES = {"daily.j2": "#{{ column.topic }}# {{ body }}", "news.j2": "{{ body }} {{ post.link | default('') }}"}

KEYS = ["column", "publish_at", "status", "images", "title", "link", "account", "weibo-lint-disable", "tags"]
EDGE_TEXTS = ["0001-01-01", "0001-01-01 00:00", "9999-12-31T23:59:59-14:00", "2026-13-45 10:00", "2026-12-01 25:00",
              "9" * 5000, "1e308", "-1e309", ".inf", ".nan", "~", "&a x", "*a", "!!binary aGk=", "[", "{", "'", '"',
              "- x", "? x", "|", ">", "%", "@x", "`x`", "#x", "＃x＃", "\t", "daily", "news", "approved", "draft",
              "all", "[WB101, WB999]", "[images/a.png, ../../x.png, /etc/passwd, 'http://x/y.png']"]
BODY_PIECES = ["#", "##", "#话题", "#话题#", "＃", "@", "@林晓", "[", "]", "(", ")", "](", "![", "`", "```", "~~~",
               "*", "_", "<", ">", "<!-- weibo-lint disable-next-line WB501 -->", "<!-- weibo-lint enable -->",
               "\n", "\n\n", "\r", "\r\n", "\t", "    ", "- ", "1. ", "|", "\x00", "\x1b[31m", "\u202e", "\ufeff",
               "https://www.example.com/p", "http://t.cn/A", "最好的", "😀", "中文abc", "9" * 50, "\\", "&amp;"]

scalars = st.one_of(
    st.sampled_from(EDGE_TEXTS),
    st.text(max_size=30),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**4000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.datetimes().map(lambda moment: moment.isoformat(sep=" ")),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                              max_size=4), max_leaves=12)
keys = st.sampled_from(KEYS) | st.text(max_size=12)


@st.composite
def front_matter(draw) -> str:
    """Either YAML dumped from random data, or raw ``key: value`` lines (often not YAML at all)."""
    if draw(st.booleans()):
        data = draw(st.dictionaries(keys, values, max_size=8))
        try:
            return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        except (yaml.YAMLError, ValueError):
            return "column: daily\n"
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        key = draw(keys)
        value = draw(st.sampled_from(EDGE_TEXTS) | st.text(max_size=30))
        indent = draw(st.sampled_from(["", "", "  ", "\t"]))
        lines.append(f"{indent}{key}: {value}")
    return "\n".join(lines) + "\n"


bodies = st.lists(st.sampled_from(BODY_PIECES) | st.text(max_size=12), max_size=25).map("".join)


@st.composite
def post_bytes(draw) -> bytes:
    text = "---\n" + draw(front_matter()) + "---\n" + draw(bodies)
    if draw(st.integers(0, 9)) == 0:
        text = draw(bodies) + text  # no front matter where it belongs
    # 'surrogatepass' writes a lone surrogate as the bytes UTF-8 forbids (WB001), as a broken editor would
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        raw = raw.replace(b"\n", b"\r\n")
    return raw


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    _content(root)
    environment, problems, _raw = build_env(load_config(root / "weibo.yaml"))
    assert problems == []
    return environment


def _content(root: Path) -> None:
    write_repository(root, CONFIG, columns=COLUMNS, templates=TEMPLATES, folders=("columns", "templates"))


def _assert_located(problems, paths) -> None:
    for problem in problems:
        assert problem.path in paths, problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message, problem


@FUZZ
@given(raw=post_bytes())
def test_any_post_is_checked_without_an_exception(env, raw):
    result = check_post("posts/fuzz.md", raw, env)
    _assert_located(result.problems, {"posts/fuzz.md"})


@FEW
@given(posts=st.lists(post_bytes(), min_size=1, max_size=4))
def test_a_repository_of_random_posts_is_checked_whole(tmp_path_factory, posts):
    root = tmp_path_factory.mktemp("repo")
    _content(root)
    (root / "posts").mkdir()
    paths = set()
    for index, raw in enumerate(posts):
        (root / "posts" / f"p{index}.md").write_bytes(raw)
        paths.add(f"posts/p{index}.md")
    config = load_config(root / "weibo.yaml")
    report = run_check(config, now=parse_datetime(NOW, config.timezone), use_cache=False)
    _assert_located(report.problems, paths | {f"columns/{slug}.yaml" for slug in COLUMNS} | {"weibo.yaml"})


@settings(FUZZ, max_examples=6)
@given(posts=st.lists(post_bytes(), min_size=1, max_size=3))
def test_random_posts_through_the_cli(tmp_path_factory, posts):
    repo = HostileRepo(tmp_path_factory.mktemp("cli"))
    for index, raw in enumerate(posts):
        repo.write(f"posts/p{index}.md", raw)
    for fmt in ("json", "text", "github"):
        run = repo.check("--format", fmt)  # asserts: no traceback, nothing outside the repository changed
        assert run.code in (0, 1), run.both
        if fmt == "json":
            assert all(path for path, _line, _code in problems_at(run))
            assert all(p["line"] >= 1 for p in json.loads(run.out))
        else:
            assert "\x1b" not in run.out and "\x00" not in run.out
    assert repo.run("build", "--now", NOW, "--no-cache").code == 0
    assert repo.run("calendar", "--now", NOW).code == 0
