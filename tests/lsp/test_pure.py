"""The server's pure parts on their own: positions, completion places, edit spans."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from weibo_lint.frontmatter import decode
from weibo_lint.lsp.actions import changed_span
from weibo_lint.lsp.completion import Place, place
from weibo_lint.lsp.diagnostics import span
from weibo_lint.lsp.positions import UTF8, UTF16, UTF32, Buffer, Position, index_of_units, units
from weibo_lint.problem import Edit, Level, Problem

PIECES = st.sampled_from(["a", "中", "😀", "𠀀", "👩\u200d👩\u200d👧", "\n", "\r\n", "\r", " ", "é", "\u0301"])


@given(st.lists(PIECES, max_size=30), st.booleans())
def test_every_character_of_the_linter_s_text_round_trips_through_every_encoding(pieces, bom):
    text = ("\ufeff" if bom else "") + "".join(pieces)
    buffer = Buffer(text)
    read = decode(text.encode("utf-8"))  # the linter's own reading
    assert buffer.read == read
    for encoding in (UTF8, UTF16, UTF32):
        for offset in range(len(read) + 1):
            position = buffer.position_of_read(offset, encoding)
            assert buffer.read_offset_of(position, encoding) == offset
            line_text = buffer.line(position.line)
            column = index_of_units(line_text, position.character, encoding)
            assert units(line_text[:column], encoding) == position.character  # on a character boundary
            if offset < len(read) and read[offset] != "\n":
                assert buffer.text[buffer.read_to_buffer(offset)] == read[offset]


def test_a_character_is_counted_in_the_units_of_the_encoding():
    buffer = Buffer("😀𠀀中a")
    assert [buffer.position_of_read(4, e).character for e in (UTF8, UTF16, UTF32)] == [4 + 4 + 3 + 1, 2 + 2 + 1 + 1, 4]
    assert buffer.read_offset_of(Position(0, 1), UTF16) == 0  # half a surrogate pair: its character


def test_a_problem_s_column_counts_the_linter_s_text_without_the_bom():
    buffer = Buffer("\ufeff---\r\nx: 1\r\n")
    assert buffer.position_of_problem(1, 1, UTF16) == Position(0, 1)
    assert buffer.position_of_problem(2, 1, UTF16) == Position(1, 0)


def problem(line, column, code="WB999", fix=()):
    return Problem("p.md", line, column, code, "x", Level.ERROR, "m", fix=fix)


def test_a_range_ends_where_the_finding_ends_else_at_its_fix_else_at_the_line_s_end():
    buffer = Buffer("ab #tag cd  \nnext")
    assert span(problem(1, 4), buffer, {("WB999", 3): 7}) == (3, 7)
    assert span(problem(1, 4, fix=(Edit(3, 4, "#"),)), buffer, {}) == (3, 4)
    assert span(problem(1, 4, fix=(Edit(3, 3, " "),)), buffer, {}) == (3, 4)  # an insertion: the next character
    assert span(problem(1, 4), buffer, {}) == (3, 10)  # trailing blanks left out
    assert span(problem(2, 1), buffer, {}) == (13, 17)


def test_places_in_front_matter():
    buffer = Buffer("---\ncolumn: da\nimages: [a.png, im\nimages:\n  - ima\nsta\n---\nbody: x\n")
    assert place(buffer, 1, 10) == Place("column", "da", 8)
    assert place(buffer, 2, 18) == Place("images", "im", 16)
    assert place(buffer, 4, 7) == Place("images", "ima", 4)
    assert place(buffer, 5, 3) == Place("", "sta", 0)
    assert place(buffer, 7, 6) is None  # the body
    assert place(Buffer("no front matter\n"), 0, 2) is None


def test_the_changed_span_is_the_smallest():
    assert changed_span("abcdef", "abXYef") == (2, 4, "XY")
    assert changed_span("aaa", "aaaa") == (3, 3, "a")
    assert changed_span("same", "same") == (4, 4, "")
