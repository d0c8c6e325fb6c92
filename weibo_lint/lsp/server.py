"""The language server's wiring: pygls features in, the pure modules' answers out.

Reading the editor's messages happens on pygls's event loop; every check runs in one worker
thread (``Worker``), so typing is never held up by a check, and the index is only ever
touched from that thread. A change is checked after ``debounce`` seconds of quiet; its
post's own problems are published as soon as they are known, the collection rules' after
(within ``budget`` seconds: the rules left out are named in a hint and in the log). A check
whose buffer changed meanwhile is not published: the next one is on its way.
"""
from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from weibo_lint import __version__, i18n
from weibo_lint.errors import WeiboLintError
from weibo_lint.i18n import _
from weibo_lint.lsp import actions, completion, diagnostics, hover
from weibo_lint.lsp.positions import Buffer, encoding_of
from weibo_lint.lsp.project import DEFAULT_BUDGET, Checked, CollectionResult, Project, next_slot, pictures

T = TypeVar("T")

DEFAULT_DEBOUNCE = 0.15  # seconds of quiet after a change before it is checked
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # as i18n.choose reads them
INDEX_FRESH = 30.0  # seconds the index is trusted before files changed outside the editor are looked for


@dataclass
class Settings:
    """What the client may set in ``initializationOptions`` (``weibo-lint`` section)."""

    debounce: float = DEFAULT_DEBOUNCE
    budget: float = DEFAULT_BUDGET
    now: datetime | None = None  # a fixed clock (tests and benchmarks), ISO 8601

    @classmethod
    def of(cls, options: Any) -> Settings:
        from weibo_lint.times import parse_datetime

        options = options if isinstance(options, dict) else {}
        settings = cls()
        for key in ("debounce", "budget"):
            value = options.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 60:
                setattr(settings, key, float(value))
        if isinstance(options.get("now"), str):
            try:
                settings.now = parse_datetime(options["now"], timezone.utc)
            except ValueError:
                pass
        return settings


@dataclass
class Document:
    """What the server knows of one open post."""

    project: Project
    path: str
    version: int = -1
    checked: Checked | None = None  # of ``version``
    collection: CollectionResult = field(default_factory=CollectionResult)
    pending: asyncio.Task | None = None


class WeiboServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("weibo-lint", __version__)
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="weibo-lint-check")
        self.settings = Settings()
        self.locale: str | None = None
        self.projects: dict[Path, Project] = {}
        self.documents: dict[str, Document] = {}
        self.said: set[str] = set()  # messages shown once

    # -- helpers -------------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        return encoding_of(str(self.workspace.position_encoding or "utf-16"))

    async def work(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in the worker thread."""
        return await asyncio.get_running_loop().run_in_executor(self.worker, function, *args)

    def now(self) -> datetime:
        return self.settings.now or datetime.now(timezone.utc)

    def say_once(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        if message not in self.said:
            self.said.add(message)
            self.window_show_message(types.ShowMessageParams(kind, message))

    def language(self, configured: str | None) -> str:
        """The CLI's choice (WEIBO_LINT_LANG, weibo.yaml, LC_ALL/LC_MESSAGES/LANG); the editor's
        locale only where none of them says."""
        said = os.environ.get(i18n.ENV) or configured or any(os.environ.get(name) for name in LOCALE_VARIABLES)
        if not said and self.locale:
            return i18n.language_tag(self.locale) or "en"
        return i18n.choose(configured)

    def project_of(self, file: Path) -> Project | None:
        """The repository ``file`` belongs to, loaded (None: no weibo.yaml above it, said once)."""
        found = Project.find(file.parent)
        if found is None:
            i18n.activate(self.language(None))
            self.say_once(_("weibo-lint: no weibo.yaml in {folder} or any folder above it, so its posts are not "
                            "checked (`weibo-lint init` starts a content repository)").format(folder=file.parent))
            return None
        return self.projects.setdefault(found.config_path.resolve(), found)

    def load(self, project: Project) -> bool:
        """(Re)load the project's settings if they changed; False when weibo.yaml is invalid (said)."""
        try:
            if project.load():
                i18n.activate(self.language(project.config.language if project.config else None))
            return True
        except WeiboLintError as exc:
            i18n.activate(self.language(None))
            self.say_once(_("weibo-lint cannot check posts: {errors}").format(errors="; ".join(exc.messages)),
                          types.MessageType.Error)
            project.config = None
            return False

    # -- checking ------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        document = self.documents.get(uri)
        if document is None:
            return
        if document.pending is not None and not document.pending.done():
            document.pending.cancel()
        document.pending = asyncio.ensure_future(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        await self.check(uri)

    def _check(self, document: Document, text: str) -> Checked | None:
        if not self.load(document.project):
            return None
        return document.project.check(document.path, text)

    async def check(self, uri: str) -> None:
        document = self.documents.get(uri)
        if document is None:
            return
        text_document = self.workspace.get_text_document(uri)
        version, text = text_document.version or 0, text_document.source
        checked = await self.work(self._check, document, text)
        if checked is None or self.documents.get(uri) is not document or text_document.version != version:
            return  # weibo.yaml is broken (said), or the buffer changed: a newer check is on its way
        document.version, document.checked = version, checked
        self.publish(uri, document, Buffer(text))
        result = await self.work(self._collect, document, checked)
        if self.documents.get(uri) is not document or text_document.version != version:
            return
        document.collection = result
        self.publish(uri, document, Buffer(text))
        if result.left_out:
            self.window_log_message(types.LogMessageParams(types.MessageType.Warning, self.left_out(result)))
        if time.monotonic() - document.project.index_stamp > INDEX_FRESH:
            await self.work(self._refresh, document.project)

    def _collect(self, document: Document, checked: Checked) -> CollectionResult:
        project = document.project
        if project.index_stamp == 0.0:
            self._refresh(project)
        return project.collection(checked, self.now(), self.settings.budget)

    def _refresh(self, project: Project) -> None:
        if self.load(project):
            project.refresh_index()

    def left_out(self, result: CollectionResult) -> str:
        return _("collection rules not run this time (over the {budget:g} s budget): {codes}").format(
            budget=self.settings.budget, codes=", ".join(result.left_out))

    def publish(self, uri: str, document: Document, buffer: Buffer) -> None:
        checked = document.checked
        if checked is None:
            return
        publish_line = checked.summary.publish_line if checked.summary is not None else 1
        problems = list(checked.problems) + list(document.collection.problems)
        found = diagnostics.diagnostics(checked.path, problems, buffer, checked.spans, self.encoding,
                                        publish_line=publish_line, root=document.project.root)
        if document.collection.left_out:
            found.append(diagnostics.note(self.left_out(document.collection), publish_line, buffer, self.encoding))
        elif document.collection.busy:
            found.append(diagnostics.note(_("collection rules not run: another weibo-lint run holds the index"),
                                          publish_line, buffer, self.encoding))
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, found, document.version))

    async def current(self, uri: str) -> tuple[Document, Checked, Buffer] | None:
        """The open post's check of the buffer as it is now (checked afresh if it changed)."""
        document = self.documents.get(uri)
        if document is None:
            return None
        text_document = self.workspace.get_text_document(uri)
        checked = document.checked
        if checked is None or document.version != text_document.version:
            checked = await self.work(self._check, document, text_document.source)
            if checked is None:
                return None
        return document, checked, Buffer(text_document.source)


server = WeiboServer()


@server.feature(types.INITIALIZE)
def initialize(ls: WeiboServer, params: types.InitializeParams) -> None:
    ls.locale = params.locale
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("weibo-lint"), dict):
        options = options["weibo-lint"]
    ls.settings = Settings.of(options)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: WeiboServer, params: types.DidOpenTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = to_fs_path(uri)
    if not path:
        return
    project = ls.project_of(Path(path))
    if project is None or not ls.load(project):
        return
    post = project.post_path(Path(path))
    if post is None:
        return  # not a post: another Markdown file
    ls.documents[uri] = Document(project, post)
    ls.schedule(uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: WeiboServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.settings.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: WeiboServer, params: types.DidSaveTextDocumentParams) -> None:
    document = ls.documents.get(params.text_document.uri)
    if document is not None:
        await ls.work(ls._refresh, document.project)  # the saved post, and what changed with it
        ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: WeiboServer, params: types.DidCloseTextDocumentParams) -> None:
    document = ls.documents.pop(params.text_document.uri, None)
    if document is not None:
        if document.pending is not None:
            document.pending.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(params.text_document.uri, []))


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def on_hover(ls: WeiboServer, params: types.HoverParams) -> types.Hover | None:
    found = await ls.current(params.text_document.uri)
    return hover.hover(found[1]) if found else None


@server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
async def on_inlay_hint(ls: WeiboServer, params: types.InlayHintParams) -> list[types.InlayHint] | None:
    found = await ls.current(params.text_document.uri)
    return hover.inlay_hints(found[1], found[2], ls.encoding) if found else None


@server.feature(types.TEXT_DOCUMENT_CODE_LENS)
async def on_code_lens(ls: WeiboServer, params: types.CodeLensParams) -> list[types.CodeLens] | None:
    found = await ls.current(params.text_document.uri)
    return hover.code_lenses(found[1], found[2]) if found else None


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]))
async def on_code_action(ls: WeiboServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    found = await ls.current(uri)
    if not found:
        return None
    document, checked, buffer = found
    env = document.project.env
    if env is None:
        return None
    fixable = frozenset(code for code, rule in env.rules.rules.items() if rule.fixable)
    wanted = params.context.only
    result: list[types.CodeAction] = []
    if not wanted or any(k.startswith(types.CodeActionKind.QuickFix) for k in wanted):
        pairs = []
        for problem in checked.problems:
            diagnostic = diagnostics.to_diagnostic(problem, buffer, checked.spans, ls.encoding)
            if problem.path == checked.path and _overlaps(diagnostic.range, params.range):
                pairs.append((problem, diagnostic))
        result += actions.quick_fixes(uri, pairs, fixable, buffer, ls.encoding)
    fix_all = types.CodeActionKind.SourceFixAll
    if not wanted or any(fix_all.startswith(kind) or kind.startswith(fix_all) for kind in wanted):
        everything = await ls.work(actions.fix_all, uri, checked.path, buffer, env, fixable, ls.encoding)
        result += [everything] if everything else []
    return result


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " ", "/", "-"]))
async def on_completion(ls: WeiboServer, params: types.CompletionParams) -> types.CompletionList | None:
    found = await ls.current(params.text_document.uri)
    if not found:
        return None
    document, checked, buffer = found
    project = document.project
    config, env = project.config, project.env
    if config is None or env is None:
        return None
    line = params.position.line
    if line >= len(buffer.starts):
        return None
    column = buffer.column_of(line, params.position.character, ls.encoding)
    where = completion.place(buffer, line, column)
    if where is None:
        return None
    now = ls.now()
    slot: list[str | None] = []
    if where.key == "publish_at":
        slot.append(await ls.work(next_slot, project, checked, now))
    shown = await ls.work(pictures, project) if where.key == "images" else []
    items = completion.items(
        where, columns={slug: c.name for slug, c in env.columns.items()},
        accounts={key: f"{a.name} ({a.api})" for key, a in config.accounts.items()},
        pictures=shown, next_slot=lambda: slot[0] if slot else None)
    start = buffer.position(line, where.start, ls.encoding)
    end = buffer.position(line, column, ls.encoding)
    edit_range = types.Range(types.Position(start.line, start.character), types.Position(end.line, end.character))
    for item in items:
        item.text_edit = types.TextEdit(edit_range, item.insert_text or item.label)
        item.insert_text = None
    return types.CompletionList(is_incomplete=False, items=items)


def serve() -> None:
    """Serve over standard input and output until the client says exit."""
    server.start_io()
