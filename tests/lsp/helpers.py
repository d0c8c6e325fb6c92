"""The real server as a subprocess, driven over stdio by pytest-lsp's client."""
from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from click.testing import CliRunner
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from weibo_lint.cli import cli

NOW = "2026-12-01T08:00:00+08:00"  # the server's clock in the tests (initializationOptions.now)
POST = "posts/2026-12/2026-12-03-brand-news-welcome.md"


def init_repo(root: Path, language: str = "en") -> Path:
    """A content repository made by `weibo-lint init`, as a writer starts one."""
    result = CliRunner().invoke(cli, ["init", str(root), "--language", language])
    assert result.exit_code == 0, result.output
    return root


def uri(path: Path) -> str:
    return path.resolve().as_uri()


@asynccontextmanager
async def server(root: Path, *, encodings: list[str] | None = None, locale: str | None = None,
                 env: dict[str, str] | None = None, options: dict | None = None) -> AsyncIterator[LanguageClient]:
    """``weibo-lint lsp`` started and initialised for the workspace ``root``."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]  # every publication, in order

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)  # type: ignore[attr-defined]

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish})
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "WEIBO_LINT_LANG"))}
    environ.update(env or {})
    await client.start_io(sys.executable, "-m", "weibo_lint", "lsp", env=environ, cwd=str(root))
    general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
    capabilities = types.ClientCapabilities(
        general=general,
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True)))
    result = await client.initialize_session(types.InitializeParams(
        capabilities=capabilities, root_uri=uri(root), locale=locale,
        workspace_folders=[types.WorkspaceFolder(uri(root), root.name)],
        initialization_options={"debounce": 0, "now": NOW, **(options or {})}))
    client.negotiated = result.capabilities.position_encoding  # type: ignore[attr-defined]
    try:
        yield client
    finally:
        await client.shutdown_session()
        await client.stop()


def open_document(client: LanguageClient, file: Path, text: str | None = None, version: int = 1) -> str:
    text = file.read_text("utf-8") if text is None else text
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri(file), "markdown", version, text)))
    return uri(file)


def change(client: LanguageClient, document: str, version: int, text: str,
           at: types.Range | None = None) -> None:
    """Replace the whole buffer (or ``at``) with ``text``."""
    if at is None:
        event: types.TextDocumentContentChangeEvent = types.TextDocumentContentChangeWholeDocument(text)
    else:
        event = types.TextDocumentContentChangePartial(range=at, text=text)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(version=version, uri=document), [event]))


async def diagnostics(client: LanguageClient, document: str, version: int, *, final: bool = True,
                      timeout: float = 30) -> list[types.Diagnostic]:
    """The diagnostics published for ``version`` (``final``: once the collection rules are in,
    i.e. the second publication of that version)."""
    wanted = 2 if final else 1
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        mine = [p for p in client.published if p.uri == document and p.version == version]  # type: ignore[attr-defined]
        if len(mine) >= wanted:
            return list(mine[wanted - 1].diagnostics)
        if loop.time() > deadline:
            raise TimeoutError(f"no diagnostics for version {version} of {document} in {timeout} s")
        await asyncio.sleep(0.005)


def spans(diagnostics: list[types.Diagnostic]) -> list[tuple[str, tuple[int, int, int, int]]]:
    return sorted((str(d.code), (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character))
                  for d in diagnostics)


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    """``edits`` applied to ``text`` as an editor does (positions in ``encoding``)."""
    from weibo_lint.lsp.positions import Buffer

    buffer = Buffer(text)
    spans = []
    for edit in edits:
        start = buffer.starts[edit.range.start.line] + buffer.column_of(edit.range.start.line, edit.range.start.character, encoding)
        end = buffer.starts[edit.range.end.line] + buffer.column_of(edit.range.end.line, edit.range.end.character, encoding)
        spans.append((start, end, edit.new_text))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text
