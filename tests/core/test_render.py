"""Column templates: what they see, StrictUndefined, failures as WB104, and the sandbox."""
from __future__ import annotations

import pytest

from tests.core.helpers import check, make_config, make_env, where
from weibo_lint.engine import parse_post
from weibo_lint.render import TemplateError, render_post

COLUMN = "name: 每日一问\naccount: ceo\ntopic: 每日一问\ntemplate: t.j2\n"
POST = "---\ncolumn: daily\ntitle: 冬天的第一杯\nimages: [images/a.jpg]\n---\n今天喝 **热拿铁** 吗？\n"


def _env(tmp_path, template: str):
    return make_env(tmp_path, columns={"daily": COLUMN}, templates={"t.j2": template})


def _render(tmp_path, template: str, post: str = POST):
    env = _env(tmp_path, template)
    result = check(env, post)
    return result, env


def test_template_sees_body_post_column_and_account(tmp_path):
    template = ("{{ body }}|{{ post.column }}|{{ post.title }}|{{ post.images[0] }}|{{ column.topic }}|"
                "{{ column.name }}|{{ column.slug }}|{{ account.name }}|{{ account.api }}|{{ account.limit }}")
    result, _ = _render(tmp_path, template)
    assert result.summary.text == "今天喝 热拿铁 吗？|daily|冬天的第一杯|images/a.jpg|每日一问|每日一问|daily|星河咖啡林晓|manual|2000"
    assert where(result, "WB104") == []


def test_no_template_posts_the_body_as_it_is(tmp_path):
    env = make_env(tmp_path)
    result = check(env, "---\ncolumn: plain\n---\n\n\n  今天喝 **热拿铁** 吗？  \n\n")
    assert result.summary.text == "今天喝 热拿铁 吗？"


def test_rendered_text_is_stripped_and_not_html_escaped(tmp_path):
    result, _ = _render(tmp_path, "\n\n  #{{ column.topic }}# {{ body }} a<b & c  \n\n")
    assert result.summary.text == "#每日一问# 今天喝 热拿铁 吗？ a<b & c"


def test_body_with_html_characters_is_not_escaped(tmp_path):
    post = "---\ncolumn: daily\n---\n价格 < 30 元 & 买一送一 \"限时\"\n"
    result, _ = _render(tmp_path, "{{ body }}", post)
    assert result.summary.text == '价格 < 30 元 & 买一送一 "限时"'


@pytest.mark.parametrize("template", ["{{ post.link }}", "{{ bodyy }}", "{{ column.topik }}", "{{ account.nme }}"])
def test_strict_undefined_is_a_wb104_at_the_column_line(tmp_path, template):
    result, _ = _render(tmp_path, template)
    assert where(result, "WB104") == [(2, 1, "WB104")]
    assert result.summary.text is None  # nothing rendered, nothing counted


def test_strict_undefined_raises_from_render_post(tmp_path):
    config = make_config(tmp_path)
    post = parse_post("posts/a.md", POST.encode(), config)
    with pytest.raises(TemplateError):
        render_post(post, None, None, "{{ post.link }}")


def test_default_filter_is_the_way_to_allow_a_missing_value(tmp_path):
    result, _ = _render(tmp_path, "{{ body }}{{ post.link | default('') }}")
    assert where(result, "WB104") == []
    assert result.summary.text == "今天喝 热拿铁 吗？"


def test_a_template_that_raises_is_wb104_with_its_message(tmp_path):
    result, _ = _render(tmp_path, "{{ body }}{{ 1 / 0 }}")
    assert where(result, "WB104") == [(2, 1, "WB104")]
    message = next(p.message for p in result.problems if p.code == "WB104")
    assert "t.j2" in message and "ZeroDivisionError" in message


def test_a_template_syntax_error_is_wb104(tmp_path):
    result, _ = _render(tmp_path, "{% if %}{{ body }}")
    assert where(result, "WB104") == [(2, 1, "WB104")]


def test_a_missing_template_is_wb104(tmp_path):
    env = make_env(tmp_path, columns={"daily": COLUMN}, templates={})
    assert where(check(env, POST), "WB104") == [(2, 1, "WB104")]


@pytest.mark.parametrize("template", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ body.__class__.__base__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ post.__class__ }}",
    "{{ range.__self__ }}",
    "{{ lipsum.__globals__['os'] }}",
])
def test_the_sandbox_blocks_python_internals(tmp_path, template):
    result, _ = _render(tmp_path, template)
    assert where(result, "WB104") == [(2, 1, "WB104")]


def test_the_sandbox_blocks_huge_ranges(tmp_path):
    result, _ = _render(tmp_path, "{% for i in range(10 ** 9) %}x{% endfor %}")
    assert where(result, "WB104") == [(2, 1, "WB104")]


@pytest.mark.parametrize("template", [
    "{{ post.images.append('images/b.jpg') }}{{ body }}",
    "{{ post.update(column='other') }}{{ body }}",
    "{{ column.update(topic='x') }}{{ body }}",
])
def test_a_template_cannot_change_the_post(tmp_path, template):
    result, env = _render(tmp_path, template)
    assert where(result, "WB104") == [(2, 1, "WB104")]
    # the post's pictures are still only its own (the template did not add one)
    assert [image.path for image in result.images] == ["images/a.jpg"]
    assert env.columns["daily"].topic == "每日一问"


def test_one_post_failing_does_not_stop_the_next(tmp_path):
    env = _env(tmp_path, "{{ body }}{{ post.link }}")
    failing = check(env, POST, "posts/a.md")
    passing = check(env, POST.replace("title:", "link: https://www.example.com/p\ntitle:"), "posts/b.md")
    assert where(failing, "WB104") == [(2, 1, "WB104")]
    assert where(passing, "WB104") == []
    assert passing.summary.text == "今天喝 热拿铁 吗？https://www.example.com/p"
