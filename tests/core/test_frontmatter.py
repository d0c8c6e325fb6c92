"""Front matter: decoding bytes, splitting off the YAML, reading it safely, and the fields' checks."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.core.helpers import check, make_env, where
from weibo_lint.frontmatter import SourceError, decode, load_yaml, split


def _error(raw: bytes) -> tuple[str, int, int]:
    with pytest.raises(SourceError) as caught:
        split(decode(raw))
    return caught.value.code, caught.value.line, caught.value.column


# -- decoding ------------------------------------------------------------------------------

def test_bom_is_fine_and_does_not_shift_lines():
    front = split(decode(b"\xef\xbb\xbf---\ncolumn: daily\ntitle: x\n---\n\xe6\xad\xa3\xe6\x96\x87\n"))
    assert front.data == {"column": "daily", "title": "x"}
    assert front.key_lines == {"column": 2, "title": 3}
    assert front.body == "正文\n"
    assert front.body_line == 5


def test_crlf_is_fine():
    front = split(decode(b"---\r\ncolumn: daily\r\ntitle: x\r\n---\r\nbody\r\nline 2\r\n"))
    assert front.data == {"column": "daily", "title": "x"}
    assert front.key_lines == {"column": 2, "title": 3}
    assert front.body == "body\nline 2\n"
    assert front.body_line == 5


def test_old_mac_line_ends_are_lines_too():
    front = split(decode(b"---\rcolumn: daily\r---\rbody\r"))
    assert (front.data, front.body_line, front.body) == ({"column": "daily"}, 4, "body\n")


def test_invalid_utf8_says_where():
    raw = "---\ncolumn: daily\n---\n中文".encode() + b"\xff" + "后\n".encode()
    with pytest.raises(SourceError) as caught:
        decode(raw)
    assert (caught.value.code, caught.value.line, caught.value.column) == ("WB001", 4, 3)


def test_invalid_utf8_after_a_bom_is_placed_on_its_own_line():
    # utf-8-sig reports offsets without the BOM: the position must still be the byte's own.
    with pytest.raises(SourceError) as caught:
        decode(b"\xef\xbb\xbf---\ncolumn: a\n---\n\xc3\x28\n")
    assert (caught.value.line, caught.value.column) == (4, 1)
    with pytest.raises(SourceError) as caught:
        decode(b"\xef\xbb\xbfab\xff\n")
    assert (caught.value.line, caught.value.column) == (1, 3)


def test_invalid_utf8_with_crlf_counts_lines():
    with pytest.raises(SourceError) as caught:
        decode(b"---\r\ncolumn: a\r\n---\r\nab\xff\r\n")
    assert (caught.value.code, caught.value.line, caught.value.column) == ("WB001", 4, 3)


def test_binary_is_not_a_post():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    with pytest.raises(SourceError) as caught:
        decode(png)
    assert (caught.value.code, caught.value.line) == ("WB001", 1)


# -- splitting -----------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [b"", b"\n", b"just a body\n", b"\xef\xbb\xbf", b"title: x\n---\nbody\n"])
def test_no_front_matter(raw):
    assert _error(raw) == ("WB002", 1, 1)


@pytest.mark.parametrize("raw", [b"---\ncolumn: daily\nbody\n", b"---\n", b"---", b"---\ncolumn: daily"])
def test_unclosed_front_matter(raw):
    assert _error(raw)[:2] == ("WB002", 1)


def test_list_instead_of_mapping_is_reported_at_the_yaml():
    assert _error(b"---\n- column\n- daily\n---\nbody\n") == ("WB002", 2, 1)


def test_scalar_instead_of_mapping():
    assert _error(b"---\njust text\n---\nbody\n")[:2] == ("WB002", 2)


def test_yaml_syntax_error_at_its_line():
    assert _error(b"---\ncolumn: daily\nstatus: draft: x\ntitle: ok\n---\nbody\n") == ("WB002", 3, 14)


def test_unclosed_quote_is_reported_where_it_opens():
    assert _error(b'---\ncolumn: daily\ntitle: "abc\nstatus: draft\n---\nbody\n') == ("WB002", 3, 8)


def test_alias_bomb_is_refused_at_the_first_alias():
    bomb = (b"---\n"
            b"a: &a [x, x, x, x, x, x, x, x, x]\n"
            b"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            b"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            b"---\nbody\n")
    assert _error(bomb) == ("WB002", 3, 8)


def test_even_one_alias_is_refused():
    assert _error(b"---\ncolumn: &c daily\ntitle: *c\n---\nbody\n")[:2] == ("WB002", 3)


def test_ampersand_and_star_in_text_are_not_aliases():
    front = split(decode(b'---\ncolumn: daily\ntitle: "R&D *new* &co"\nlink: https://x.com/?a=1&b=2\n---\n'))
    assert front.data["title"] == "R&D *new* &co"
    assert front.data["link"] == "https://x.com/?a=1&b=2"


def test_tab_indentation_is_a_syntax_error_at_its_line():
    assert _error(b"---\ncolumn: daily\n\ttitle: x\n---\nbody\n")[:2] == ("WB002", 3)


def test_tab_after_the_colon_is_fine():
    assert split(decode(b"---\ncolumn:\tdaily\n---\nbody\n")).data == {"column": "daily"}


@pytest.mark.parametrize("yaml_text", [
    "a: " + "[" * 100_000 + "]" * 100_000,  # would overflow libyaml's C stack: a segfault
    "a: " + "[" * 1000 + "]" * 1000,
    "a:\n" + "- " * 30_000 + "x",
    "".join(" " * i + f"k{i}:\n" for i in range(2000)),
])
def test_deep_nesting_is_an_error_not_a_crash(yaml_text):
    with pytest.raises(SourceError) as caught:
        load_yaml(yaml_text, first_line=2)
    assert (caught.value.code, caught.value.line) == ("WB002", 2)


def test_moderate_nesting_is_fine():
    assert load_yaml("a: " + "[" * 20 + "x" + "]" * 20)["a"][0][0][0]


def test_empty_front_matter_is_an_empty_mapping():
    front = split(decode(b"---\n---\nbody\n"))
    assert (front.data, front.body, front.body_line) == ({}, "body\n", 3)


def test_dots_close_front_matter():
    assert split(decode(b"---\ncolumn: daily\n...\nbody\n")).body == "body\n"


def test_key_lines_skip_comments_blank_lines_and_nested_keys():
    front = split(decode(b"---\n# note\n\ncolumn: daily\nimages:\n  - a.jpg\n'title': x\npublish_at: 2026-12-01 10:00\n"
                         b"---\nbody\n"))
    assert front.key_lines == {"column": 4, "images": 5, "title": 7, "publish_at": 8}


def test_yaml_timestamps_stay_text():
    data = load_yaml("publish_at: 2026-12-01 10:00:00\nold: 2026-12-01\nmore: [2026-12-01T10:00:00Z]\n")
    assert data == {"publish_at": "2026-12-01 10:00:00", "old": "2026-12-01", "more": ["2026-12-01T10:00:00Z"]}


# -- publish_at, through the engine (WB303 at the key's line) --------------------------------

@pytest.fixture
def env(tmp_path):
    return make_env(tmp_path)


def _post(front: str, body: str = "今天喝什么？") -> str:
    return f"---\ncolumn: daily\n{front}---\n{body}\n"


def test_impossible_date_is_wb303_at_its_line(env):
    result = check(env, _post("title: 冬天\npublish_at: 2026-13-45 10:00\n"))
    assert where(result, "WB303") == [(4, 1, "WB303")]
    assert result.summary.publish_at is None


def test_bare_date_has_no_time_of_day(env):
    assert where(check(env, _post("publish_at: 2026-12-01\n")), "WB303") == [(3, 1, "WB303")]


@pytest.mark.parametrize("value", ["tomorrow", "2026-12-01 25:00", "20261", "[2026-12-01]", "12"])
def test_other_bad_times(env, value):
    assert where(check(env, _post(f"publish_at: {value}\n")), "WB303") == [(3, 1, "WB303")]


def test_time_without_offset_is_read_in_the_configured_zone(env):
    result = check(env, _post("publish_at: 2026-12-01 10:00\n"))
    assert where(result, "WB303") == []
    assert result.summary.publish_at.utcoffset() == timedelta(hours=8)
    assert result.summary.publish_at == datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)


def test_explicit_offset_wins(env):
    result = check(env, _post("publish_at: 2026-12-01T10:00:00+09:00\n"))
    assert where(result, "WB303") == []
    assert result.summary.publish_at == datetime(2026, 12, 1, 1, 0, tzinfo=timezone.utc)


def test_z_means_utc(env):
    result = check(env, _post('publish_at: "2026-12-01T02:00:00Z"\n'))
    assert result.summary.publish_at == datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)


def test_other_zone_setting(tmp_path):
    env = make_env(tmp_path, timezone="Europe/Berlin")
    result = check(env, _post("publish_at: 2026-12-01 10:00\n"))
    assert result.summary.publish_at == datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def test_unknown_field_with_a_suggestion_and_unknown_status(env):
    result = check(env, _post("pubish_at: 2026-12-01 10:00\nstatus: ready\n"))
    assert where(result, "WB302", "WB303") == [(3, 1, "WB302"), (4, 1, "WB303")]
    assert "publish_at" in next(p.message for p in result.problems if p.code == "WB302")


def test_missing_column(env):
    assert where(check(env, "---\ntitle: x\n---\n正文\n"), "WB301") == [(1, 1, "WB301")]


def test_source_errors_through_the_engine(env):
    assert where(check(env, b"")) == [(1, 1, "WB002")]
    assert where(check(env, b"---\n- a\n---\nbody\n")) == [(2, 1, "WB002")]
    assert where(check(env, b"---\ncolumn: daily\n---\n\xff\n")) == [(4, 1, "WB001")]
