"""The server end to end: a repository made by `weibo-lint init`, a real client over stdio."""
from __future__ import annotations

import pytest
from lsprotocol import types

from tests.lsp.helpers import POST, change, diagnostics, init_repo, open_document, server, spans

pytestmark = pytest.mark.asyncio


async def test_open_and_change_give_check_s_problems_with_exact_ranges(tmp_path):
    root = init_repo(tmp_path / "repo")
    async with server(root) as client:
        file = root / POST
        document = open_document(client, file)
        assert await diagnostics(client, document, 1) == []
        text = file.read_text("utf-8").replace("我们会在这里", "#新品 我们会在这里")
        change(client, document, 2, text)
        found = await diagnostics(client, document, 2)
        assert spans(found) == [("WB201", (6, 11, 6, 14))]
