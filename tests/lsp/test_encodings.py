"""Positions in the encoding client and server agree on: emoji, astral characters, ZWJ
sequences and CJK before a problem must not move its range (naive code-point or byte
offsets would)."""
from __future__ import annotations

import pytest
from lsprotocol import types

from tests.lsp.helpers import POST, apply_edits, diagnostics, init_repo, open_document, server

pytestmark = pytest.mark.asyncio
TRICKY = "😀𠀀👩‍👩‍👧中文 "  # an emoji, an astral CJK ideograph, a ZWJ family, BMP CJK


def units(text: str, encoding: str) -> int:
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize("offered, expected", [
    (None, "utf-16"), (["utf-8"], "utf-8"), (["utf-32"], "utf-32"), (["utf-32", "utf-16"], "utf-32"),
])
async def test_ranges_and_fixes_land_under_the_right_character(tmp_path, offered, expected):
    root = init_repo(tmp_path / "repo")
    file = root / POST
    lines = file.read_text("utf-8").split("\n")
    body = TRICKY + "＃新品 " + TRICKY + "#活动 " + TRICKY + "最好 " + lines[6]
    text = "\ufeff" + "\r\n".join(lines[:6] + [body] + lines[7:])  # a BOM and CRLF line ends too
    async with server(root, encodings=offered) as client:
        assert client.negotiated == expected
        document = open_document(client, file, text)
        found = await diagnostics(client, document, 1)
        ranges = {str(d.code): d.range for d in found}
        assert set(ranges) == {"WB201", "WB202", "WB501"}
        for code, before, marked in (("WB202", TRICKY, "＃"), ("WB201", TRICKY + "＃新品 " + TRICKY, "#活动"),
                                     ("WB501", TRICKY + "＃新品 " + TRICKY + "#活动 " + TRICKY, "最好")):
            at = units(before, expected)
            assert (ranges[code].start.line, ranges[code].start.character) == (6, at), code
            assert (ranges[code].end.line, ranges[code].end.character) == (6, at + units(marked, expected)), code
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(document), ranges["WB201"],
            types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.QuickFix])))
        fixed = apply_edits(text, actions[0].edit.changes[document], expected)
        assert fixed == text.replace("#活动 ", "#活动# ")
