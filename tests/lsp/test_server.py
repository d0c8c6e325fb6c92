"""The server end to end: a repository made by `weibo-lint init`, the real server as a
subprocess, pytest-lsp's client over stdio."""
from __future__ import annotations

import asyncio
import json
import shutil

import pytest
from click.testing import CliRunner
from lsprotocol import types

from tests.lsp.helpers import NOW, POST, apply_edits, change, diagnostics, init_repo, open_document, server, spans
from weibo_lint.cli import cli
from weibo_lint.counting import weibo_length

pytestmark = pytest.mark.asyncio
SEVERITY = {"error": 1, "warning": 2, "info": 3}


def check_json(root, *paths) -> list[dict]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-cache", "--now", NOW,
                                      "--config", str(root / "weibo.yaml"), *[str(root / p) for p in paths]])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def as_check_reports(found: list[types.Diagnostic]) -> list[tuple]:
    return sorted((str(d.code), int(d.severity), d.message) for d in found if d.code)


async def test_open_and_change_give_check_s_problems_with_exact_ranges(tmp_path):
    root = init_repo(tmp_path / "repo")
    async with server(root) as client:
        file = root / POST
        document = open_document(client, file)
        assert await diagnostics(client, document, 1) == []
        text = file.read_text("utf-8").replace("我们会在这里", "#新品 我们会在这里")
        change(client, document, 2, text)
        found = await diagnostics(client, document, 2)
        assert spans(found) == [("WB201", (6, 11, 6, 14))]  # '#新品' on the body's line
        assert file.read_text("utf-8") != text  # from the buffer, not the disk


async def test_diagnostics_are_check_s_for_the_saved_buffer_collection_rules_included(tmp_path):
    root = init_repo(tmp_path / "repo")
    other = root / "posts/2026-12/2026-12-03-other.md"
    other.write_text("---\ncolumn: brand-news\npublish_at: 2026-12-03 10:00\nstatus: approved\n---\n"
                     "欢迎关注「我的品牌」！我们会在这里分享新品、活动和幕后故事，也欢迎在评论区告诉我们你想看什么。\n", "utf-8")
    file = root / POST
    async with server(root) as client:
        document = open_document(client, file)
        await diagnostics(client, document, 1)
        text = file.read_text("utf-8").replace("status: draft", "status: approved").replace(
            "我们会在这里", "#新品 最好的 我们会在这里")
        change(client, document, 2, text)
        found = await diagnostics(client, document, 2)
    file.write_text(text, "utf-8")
    wanted = [p for p in check_json(root) if p["path"] == POST or POST in p.get("related", [])]
    assert {p["code"] for p in wanted} >= {"WB201", "WB405", "WB408"}  # the test means something
    assert as_check_reports(found) == sorted((p["code"], SEVERITY[p["level"]], p["message"]) for p in wanted)
    own = {(p["code"], p["line"] - 1, p["column"] - 1) for p in wanted if p["path"] == POST}
    assert {(str(d.code), d.range.start.line, d.range.start.character) for d in found} >= own


async def test_a_tiny_budget_names_the_collection_rules_left_out(tmp_path):
    root = init_repo(tmp_path / "repo")
    async with server(root, options={"budget": 0}) as client:
        document = open_document(client, root / POST)
        found = await diagnostics(client, document, 1)
    hints = [d.message for d in found if d.severity == types.DiagnosticSeverity.Hint]
    assert len(hints) == 1 and "WB401" in hints[0] and "WB408" in hints[0] and "budget" in hints[0]
    assert any("WB408" in m.message for m in client.log_messages)


async def test_quick_fix_and_fix_all_make_the_edits_of_weibo_lint_fix(tmp_path):
    root = init_repo(tmp_path / "repo")
    file = root / POST
    text = file.read_text("utf-8").replace("我们会在这里", "＃新品 和 #活动 我们会在这里")
    async with server(root) as client:
        document = open_document(client, file, text)
        found = await diagnostics(client, document, 1)
        assert {str(d.code) for d in found} == {"WB201", "WB202"}
        wb201 = next(d for d in found if d.code == "WB201")
        quick = await client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(document), wb201.range,
            types.CodeActionContext(diagnostics=[wb201], only=[types.CodeActionKind.QuickFix])))
        assert [a.kind for a in quick] == [types.CodeActionKind.QuickFix]
        assert "WB201" in quick[0].title
        fixed_one = apply_edits(text, quick[0].edit.changes[document])
        assert "#活动# 我们会在这里" in fixed_one and "＃新品" in fixed_one
        every = await client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(document), wb201.range,
            types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
        assert len(every) == 1
        fixed_all = apply_edits(text, every[0].edit.changes[document])
        change(client, document, 2, fixed_all)
        assert await diagnostics(client, document, 2) == []
    file.write_text(text, "utf-8")
    assert CliRunner().invoke(cli, ["fix", "--config", str(root / "weibo.yaml"), "--now", NOW]).exit_code == 0
    assert file.read_text("utf-8") == fixed_all


async def test_hover_inlay_hint_and_code_lens_show_the_post_as_posted_and_its_count(tmp_path):
    root = init_repo(tmp_path / "repo")
    async with server(root) as client:
        document = open_document(client, root / POST)
        await diagnostics(client, document, 1)
        shown = await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(document), types.Position(6, 2)))
        text = shown.contents.value
        assert "#品牌动态# 欢迎关注「我的品牌」！" in text
        posted = CliRunner().invoke(cli, ["preview", "--text-only", "--config", str(root / "weibo.yaml"),
                                          str(root / POST)]).output.rstrip("\n")
        count = f"{weibo_length(posted)}/2000"
        assert posted in text and count in text and "我的品牌 (official)" in text and "manual" in text
        assert "2026-12-03 10:00:00+08:00" in text and "draft" in text
        hints = await client.text_document_inlay_hint_async(types.InlayHintParams(
            types.TextDocumentIdentifier(document), types.Range(types.Position(0, 0), types.Position(7, 0))))
        assert [(h.position.line, h.label) for h in hints] == [(5, f" {count}")]
        lenses = await client.text_document_code_lens_async(types.CodeLensParams(types.TextDocumentIdentifier(document)))
        assert count in lenses[0].command.title


async def _complete(client, document, line, character):
    found = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(document), types.Position(line, character)))
    return [item.text_edit.new_text for item in found.items] if found else []


async def test_completion_in_front_matter(tmp_path):
    root = init_repo(tmp_path / "repo")
    shutil.copy(root / "weibo.yaml", root / "images" / "not-a-picture.yaml")
    (root / "images" / "latte.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    text = "---\ncolumn: brand-news\naccount: \nstatus: \npublish_at: \nimages:\n  - \n---\n你好\n"
    file = root / "posts/2026-12/new.md"
    file.write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["new", "brand-news", "--now", NOW, "--config", str(root / "weibo.yaml")])
    made = root / result.output.strip()
    slot = next(line for line in made.read_text("utf-8").splitlines() if line.startswith("publish_at:"))[12:]
    made.unlink()
    async with server(root) as client:
        document = open_document(client, file, text)
        await diagnostics(client, document, 1)
        assert await _complete(client, document, 1, 8) == ["brand-news"]
        assert await _complete(client, document, 2, 9) == ["official"]
        assert await _complete(client, document, 3, 8) == ["draft", "approved"]
        assert await _complete(client, document, 4, 12) == [slot]
        assert await _complete(client, document, 6, 4) == ["images/latte.png"]
        assert "publish_at: " in await _complete(client, document, 1, 0)
        assert await _complete(client, document, 8, 1) == []  # the body


async def test_a_folder_without_weibo_yaml_is_said_once_and_nothing_fails(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("# hi\n", "utf-8")
    (folder / "b.md").write_text("# ho\n", "utf-8")
    async with server(folder) as client:
        open_document(client, folder / "a.md")
        open_document(client, folder / "b.md")
        shown = await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier((folder / "a.md").resolve().as_uri()), types.Position(0, 0)))
        assert shown is None
    said = [m.message for m in client.messages]
    assert len(said) == 1 and "weibo.yaml" in said[0] and str(folder) in said[0]
    assert client.diagnostics == {}


async def test_messages_follow_the_language_like_the_cli(tmp_path):
    root = init_repo(tmp_path / "repo", language="zh-CN")
    file = root / POST
    text = file.read_text("utf-8").replace("我们会在这里", "#新品 我们会在这里")
    async with server(root) as client:
        document = open_document(client, file, text)
        found = await diagnostics(client, document, 1)
    assert [d.message for d in found] == [p["message"] for p in check_json_in(root, file, text, "zh-CN")]
    assert "话题" in found[0].message


def check_json_in(root, file, text, language):
    file.write_text(text, "utf-8")
    result = CliRunner(env={"WEIBO_LINT_LANG": language}).invoke(
        cli, ["check", "--format", "json", "--no-cache", "--now", NOW, "--config", str(root / "weibo.yaml"), str(file)])
    return json.loads(result.stdout)


async def test_the_editor_s_locale_speaks_where_nothing_else_says(tmp_path):
    root = init_repo(tmp_path / "repo")
    (root / "weibo.yaml").write_text((root / "weibo.yaml").read_text("utf-8").replace("language: en\n", ""), "utf-8")
    file = root / POST
    text = file.read_text("utf-8").replace("我们会在这里", "#新品 我们会在这里")
    async with server(root, locale="zh-cn") as client:
        document = open_document(client, file, text)
        found = await diagnostics(client, document, 1)
    assert "话题" in found[0].message


async def test_settings_changed_on_disk_are_read_again(tmp_path):
    root = init_repo(tmp_path / "repo")
    file = root / POST
    text = file.read_text("utf-8") + "这一段是补充说明，" * 20 + "\n"  # over 140, under 2000
    config = root / "weibo.yaml"
    async with server(root) as client:
        document = open_document(client, file, text)
        assert "WB101" not in {str(d.code) for d in await diagnostics(client, document, 1)}
        config.write_text(config.read_text("utf-8").replace("limit: 2000", "limit: 140"), "utf-8")
        change(client, document, 2, text)
        assert "WB101" in {str(d.code) for d in await diagnostics(client, document, 2)}
        config.write_text(config.read_text("utf-8").replace("limit: 140", "limit: 30"), "utf-8")
        change(client, document, 3, text)
        for _ in range(2000):
            if client.messages:
                break
            await asyncio.sleep(0.01)
    assert [m.type for m in client.messages] == [types.MessageType.Error]
    assert "weibo.yaml:13" in client.messages[0].message and "140 or 2000" in client.messages[0].message
