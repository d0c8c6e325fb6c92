"""Issue 11, a new user's input: every mistake met is named where it is, through the real CLI.

Each command runs in its own process (a fork of this warm interpreter: its own pid, working
folder and exit status) on a real content repository in a temporary folder.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.publish.helpers import cli_env, finish, start
from tests.support import git, write_files, write_repository

NOW = "2026-11-30T09:00:00+08:00"
CONFIG = """\
timezone: Asia/Shanghai
accounts:
  ceo: {name: 星河咖啡林晓, api: manual, limit: 2000}
"""
COLUMN = "name: 新品速递\naccount: ceo\ntopic: 新品速递\ntemplate: news.j2\n"
TEMPLATE = "#{{ column.topic }}# {{ body }}{% if post.link %} {{ post.link }}{% endif %}"
FRONT = "---\ncolumn: new-arrivals\npublish_at: 2026-12-01 10:00\nstatus: draft\n"


def post(body: str, front: str = "") -> str:
    return f"{FRONT}{front}---\n{body}\n"


class Repo:
    """A small content repository: one column (new-arrivals, named 新品速递), its template,
    one picture; posts added by each test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        write_repository(root, CONFIG, columns={"new-arrivals": COLUMN}, templates={"news.j2": TEMPLATE},
                         files={"images/latte.jpg": b"\xff\xd8\xff\xe0" + b"\0" * 64})

    def write(self, relative: str, content: str | bytes) -> Path:
        write_files(self.root, {relative: content})
        return self.root / relative

    def run(self, *args: str):
        done = finish(start(self.root, list(args), cli_env(None)))
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
        return done

    def check(self, *args: str) -> tuple[int, list[dict]]:
        done = self.run("check", "--format", "json", "--no-cache", "--now", NOW, *args)
        assert done.returncode in (0, 1), done.stderr
        return done.returncode, json.loads(done.stdout)

    def found(self, code: str, *args: str) -> list[tuple[str, int, str]]:
        return [(p["path"], p["line"], p["message"]) for p in self.check(*args)[1] if p["code"] == code]


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path)


# 1. weibo.yaml validated whole -------------------------------------------------------------

BAD_CONFIG = """\
timezone: Asia/Shanghai
accounts:
  ceo: {name: 星河咖啡林晓, api: manul, pictures: -1}
publish:
  author_nmae: 发布机器人
  timeout: soon
site:
  titel: 星河咖啡
rules:
  WB999: error
  cjk-typografy: off
pathz: {posts: posts}
"""


@pytest.mark.parametrize("command", [["check", "--now", NOW], ["calendar"], ["new", "new-arrivals"], ["fix"],
                                     ["build", "--out", "_site"]])
def test_every_error_of_weibo_yaml_at_once_with_its_line_whatever_the_command(repo, command):
    repo.write("weibo.yaml", BAD_CONFIG)
    done = repo.run(*command)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    expected = [
        (3, "'accounts.ceo.api' must be one of share, update, manual, got 'manul' (did you mean 'manual'?)"),
        (3, "'accounts.ceo.pictures' must be a whole number, got -1"),
        (5, "unknown setting 'publish.author_nmae' (did you mean 'author_name'?)"),
        (6, "'publish.timeout' must be a number of seconds, got 'soon'"),
        (8, "unknown setting 'site.titel' (did you mean 'title'?)"),
        (10, "'rules.WB999': no such rule"),
        (11, "'rules.cjk-typografy': no such rule (did you mean 'cjk-typography'?)"),
        (12, "unknown setting 'pathz' (did you mean 'paths'?)"),
    ]
    assert len(lines) == len(expected), done.stderr
    for line, (number, message) in zip(lines, expected):
        assert line.startswith("weibo-lint: ") and f"weibo.yaml:{number}: {message}" in line, line
    assert not (repo.root / "_site").exists() and not list(repo.root.glob("posts/**/*.md"))


def test_the_config_layer_knows_the_keys_the_publisher_and_the_site_read():
    from weibo_lint.config_sections import PUBLISH_KEYS, SITE_KEYS
    from weibo_lint.publish.settings import KEYS
    from weibo_lint.site.pages import SITE_KEYS as SITE_READS

    assert PUBLISH_KEYS == KEYS and SITE_KEYS == SITE_READS


def test_good_publish_and_site_sections_pass(repo):
    repo.write("weibo.yaml", CONFIG + "publish: {author_name: 机器人, timeout: 5, settle: 2m}\n"
                                      "site: {title: 星河咖啡, weeks: 4}\n")
    repo.write("posts/a.md", post("今天上新。"))
    assert repo.check() == (0, [])


# 2. Chinese input mistakes -----------------------------------------------------------------

@pytest.mark.parametrize("front", [
    "---\ncolumn: new-arrivals\nstatus：approved\npublish_at: 2026-12-01 10:00\n",  # YAML reads it as text
    "---\ncolumn: new-arrivals\npublish_at: 2026-12-01 10:00\nstatus：approved\n",  # ... or fails elsewhere
])
def test_a_full_width_colon_is_named_at_its_line(repo, front):
    repo.write("posts/a.md", front + "---\n今天上新。\n")
    line = front.split("\n").index("status：approved") + 1
    assert repo.found("WB002") == [
        ("posts/a.md", line, ("full-width colon ： after 'status': use a half-width ':' followed by a space "
                              "(status: …)"))]


def test_a_value_holding_colon_space_is_to_be_quoted(repo):
    repo.write("posts/a.md", post("今天上新。", "title: 新品: 冬季\n"))
    [(path, line, message)] = repo.found("WB002")
    assert (path, line) == ("posts/a.md", 5)
    assert "the value of 'title' holds ': '" in message and 'put the value in quotes: title: "新品: 冬季"' in message


def test_a_column_named_by_its_name_or_misspelt_is_pointed_to_its_file(repo):
    repo.write("posts/a.md", post("今天上新。").replace("column: new-arrivals", "column: 新品速递"))
    repo.write("posts/b.md", post("今天上新。").replace("column: new-arrivals", "column: new-arrival"))
    found = repo.found("WB304")
    assert [(p, line) for p, line, _ in found] == [("posts/a.md", 2), ("posts/b.md", 2)]
    assert "did you mean new-arrivals (新品速递)? a post names its column by the file name" in found[0][2]
    assert "did you mean new-arrivals (新品速递)?" in found[1][2]


@pytest.mark.parametrize(("written", "case"), [("images/Latte.JPG", True), ("images/latee.jpg", False),
                                               ("Images/latte.jpg", True)])
def test_a_picture_off_by_case_or_a_letter_names_the_file(repo, written, case):
    repo.write("posts/a.md", post("今天上新。", f"images: [{written}]\n"))
    [(path, line, message)] = repo.found("WB601")
    assert (path, line) == ("posts/a.md", 5)
    assert f"picture '{written}' does not exist: did you mean images/latte.jpg?" in message
    assert ("case-sensitive on Linux" in message) is case


@pytest.mark.parametrize("name", ["posts/a.MD", "posts/2026-12/a.Markdown"])
def test_a_post_with_an_upper_case_suffix_is_reported_not_passed_over(repo, name):
    repo.write(name, post("今天上新。"))
    stem = name.rpartition(".")[0]
    for args in ((), ("posts",), (name,)):
        code, problems = repo.check(*args)
        assert code == 1
        assert [(p["path"], p["code"]) for p in problems] == [(name, "WB001")]
        assert f"rename it (git mv {name} {stem}.{name.rpartition('.')[2].lower()})" in problems[0]["message"]
    shown = repo.run("preview", name)  # never shown as a post that will not be published
    assert shown.returncode == 2 and f"{name}: not a post: its name ends in" in shown.stderr


# 3. Templates ------------------------------------------------------------------------------

def test_a_template_may_test_an_optional_field_the_usual_way(repo):
    repo.write("posts/a.md", post("今天上新。"))
    repo.write("posts/b.md", post("今天上新。", "link: https://www.example.com/p/1\n"))
    assert repo.check() == (0, [])
    assert "\n#新品速递# 今天上新。\n─" in repo.run("preview", "posts/a.md").stdout
    assert "#新品速递# 今天上新。 https://www.example.com/p/1" in repo.run("preview", "posts/b.md").stdout


def test_testing_a_misspelt_field_still_fails(repo):
    repo.write("templates/news.j2", "#{{ column.topic }}# {{ body }}\n{% if post.lnk %}{{ post.lnk }}{% endif %}")
    repo.write("posts/a.md", post("今天上新。"))
    [(path, line, message)] = repo.found("WB104")
    assert (path, line) == ("posts/a.md", 2)
    assert message.startswith("templates/news.j2:2: undefined value") and "'lnk'" in message


def test_a_template_syntax_error_points_at_the_template_file_and_line(repo):
    repo.write("templates/news.j2", "#{{ column.topic }}#\n{{ body }}\n{% if post.link }}{{ post.link }}{% endif %}")
    repo.write("posts/a.md", post("今天上新。"))
    assert repo.found("WB104") == [
        ("posts/a.md", 2, "templates/news.j2:3: syntax error: unexpected '}'"),
        ("templates/news.j2", 3, "syntax error: unexpected '}'"),
    ]


def test_a_changed_template_s_syntax_error_is_reported_by_changed_since(repo):
    repo.write("posts/a.md", post("今天上新。"))
    git(repo.root, "init", "--quiet", "--initial-branch=main")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "--quiet", "-m", "content")
    repo.write("templates/news.j2", "#{{ column.topic }}# {{ body }}{% if post.link }}{% endif %}")
    assert repo.found("WB104", "--changed-since", "HEAD") == repo.found("WB104") == [
        ("posts/a.md", 2, "templates/news.j2:1: syntax error: unexpected '}'"),
        ("templates/news.j2", 1, "syntax error: unexpected '}'"),
    ]


def test_a_template_runtime_error_points_at_its_line(repo):
    repo.write("templates/news.j2", "#{{ column.topic }}#\n{{ body }}{{ 1 / 0 }}")
    repo.write("posts/a.md", post("今天上新。"))
    assert repo.found("WB104") == [("posts/a.md", 2, "templates/news.j2:2: ZeroDivisionError: division by zero")]


# 4. fix ------------------------------------------------------------------------------------

def test_fix_takes_now_as_check_does(repo):
    repo.write("posts/a.md", post("用iPhone下单。").replace("status: draft", "status: approved"))
    before, after = "2026-11-30T09:00:00+08:00", "2026-12-02T09:00:00+08:00"  # publish_at: 1 December
    assert repo.run("fix", "--dry-run", "--now", before).returncode == 0
    late = repo.run("fix", "--dry-run", "--now", after)
    assert late.returncode == 1 and "1 error remains" in late.stderr  # WB407: approved, past due
    assert repo.run("fix", "--now", "yesterday").returncode == 2


MIXED = "第二行,好(真的)!OK?\n价格:28元,真的!\n好喝,[链接](https://a.cn),真的!"


def test_fix_writes_what_the_messages_announce_and_leaves_no_mixed_punctuation(repo):
    path = repo.write("posts/a.md", post(MIXED))
    announced = [p["message"] for p in repo.check()[1] if p["code"] == "WB502"]
    assert repo.run("fix").returncode == 0
    body = path.read_text("utf-8").split("---\n")[2]
    assert body == "第二行，好 (真的)！OK?\n价格：28 元，真的！\n好喝，[链接](https://a.cn)，真的！\n"
    for message in announced:
        new = message.split(" → ")[1].strip("'").strip("…")
        assert new in body, message
    assert repo.check() == (0, [])


def test_every_problem_on_a_line_is_reported_with_its_own_column(repo):
    line = "今天上新Coffee。" + "门店和小程序同步开售，欢迎大家来尝一尝" + "中杯28元!"
    path = repo.write("posts/a.md", post(line))
    found = [(p["line"], p["column"], p["message"]) for p in repo.check()[1] if p["code"] == "WB502"]
    assert found == [(6, 5, "'…天上新Coffee…' → '…天上新 Coffee…'"),
                     (6, 33, "'…尝中杯28元!' → '…尝中杯 28 元！'")]
    assert repo.run("fix").returncode == 0
    assert "今天上新 Coffee。门店和小程序同步开售，欢迎大家来尝一尝中杯 28 元！" in path.read_text("utf-8")
