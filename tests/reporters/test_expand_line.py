"""``expand_line`` reads a line without tabs with one regular expression; it must give what
going character by character gives (``_expand_each``, the way a line with tabs still goes)."""
from __future__ import annotations

import pytest

from weibo_lint.reporters.text import _expand_each, expand_line

pytest.importorskip("hypothesis", reason="hypothesis is in the test extra: pip install -e '.[test]'")
from hypothesis import given, settings
from hypothesis import strategies as st

# CJK, emoji and their joiners and selectors, combining marks, every kind of control, bidi
# overrides, lone surrogates, and plain Latin: all that changes what is shown or its width.
CHARACTERS = st.one_of(
    st.sampled_from(list("中文，。Ab1 ❤\ufe0f\u200d👨👩\u0301\t\r\n\x00\x1b\x7f\x85\x9f\u2028\u202e\u2066\ud800\udfff")),
    st.characters(),
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(CHARACTERS, max_size=40).map("".join), st.one_of(st.none(), st.integers(-2, 45)))
def test_the_regular_expression_agrees_with_one_character_at_a_time(line, column):
    assert expand_line(line, column) == _expand_each(line.rstrip("\r\n"), column)


def test_controls_are_replaced_and_the_caret_counts_cells():
    assert expand_line("中\x1b[2J文", 3) == ("中\N{REPLACEMENT CHARACTER}[2J文", 3)
    assert expand_line("ab\u202e中", 5) == ("ab\N{REPLACEMENT CHARACTER}中", 5)
