"""Benchmark ``weibo-lint lsp`` on a 10,000-post repository: the time from a change to its
diagnostics, and the server's memory after a simulated hour of editing.

Two repositories: ``generated`` (bench/generate.py: every post approved and unpublished, so
the collection rules, WB408's near duplicates among them, work on all 10,000: the worst
case) and ``real`` (bench/real_corpus.py: real Weibo texts, all but 100 already published,
as a working repository is; needs ../shared/corpus). The index is made first by
``weibo-lint check``, as CI or an earlier run leaves it.

Latency: 100 edits (one character typed into the body each), each waited for; the server's
debounce is set to 0 so that what is measured is the server's own work (an editor adds the
debounce, 0.15 s by default). Two figures per edit: the post's own problems (the first
publication of that version) and the final one with the collection rules.

The hour: a writer who types in bursts gets at most about one debounced check a second, so
an hour is taken as 3,600 checks, sent back to back (each waits for its final diagnostics,
so the server does all the work it would), with a hover and an inlay-hint request every 10
edits, a completion every 50 and a save (which brings the index up to date) every 300; the
typed text is deleted again every 100 edits. The server's resident memory (VmRSS) is read
from /proc after opening the post and every 600 edits. Usage:

    python bench/lsp_bench.py [--posts N] [--edits N] [--hour N] [--only generated|real]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate
import real_corpus

from weibo_lint.lsp.positions import UTF16, Buffer

GENERATED_NOW = "2025-01-01T00:00:00+08:00"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("lsp-bench", "1")
        self.arrived: dict[int, list[float]] = {}  # version -> times its publications arrived

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.arrived.setdefault(params.version or 0, []).append(time.perf_counter())

        @self.feature(types.WINDOW_LOG_MESSAGE)
        def logged(params: types.LogMessageParams) -> None:
            self.log.append(params.message)

        @self.feature(types.WINDOW_SHOW_MESSAGE)
        def shown(params: types.ShowMessageParams) -> None:
            self.log.append(params.message)

        self.log: list[str] = []

    async def publications(self, version: int, count: int, timeout: float = 120) -> list[float]:
        deadline = time.perf_counter() + timeout
        while len(self.arrived.get(version, [])) < count:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"version {version}: {self.arrived.get(version)}")
            await asyncio.sleep(0.001)
        return self.arrived[version]


async def session(root: Path, post: Path, now: str, edits: int, hour: int) -> dict:
    client = Client()
    await client.start_io(sys.executable, "-m", "weibo_lint", "lsp", cwd=str(root))
    pid = client._server.pid  # type: ignore[union-attr]
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(root.as_uri(), root.name)],
        initialization_options={"debounce": 0, "now": now}))
    client.initialized(types.InitializedParams())
    uri = post.as_uri()
    text = post.read_text("utf-8")
    opened = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text)))
    first, final = await client.publications(1, 2)
    figures: dict = {"open": (first - opened, final - opened), "rss_open": rss_mb(pid)}
    version = 1
    typed = "新品上市，欢迎到店品尝"
    line = len(text.rstrip("\n").split("\n")) - 1  # the body's last line

    async def edit(index: int) -> tuple[float, float]:
        nonlocal version, text
        version += 1
        buffer = Buffer(text)
        end = buffer.position(line, len(buffer.line(line)), UTF16)
        if index % 100 == 99:  # delete what was typed
            start_column = len(buffer.line(line)) - (index % 100)
            start = buffer.position(line, start_column, UTF16)
            change = types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(line, start.character), types.Position(line, end.character)), text="")
            text = "\n".join(buffer.read_line(n) if n != line else buffer.line(n)[:start_column]
                             for n in range(len(buffer.starts)))
        else:
            char = typed[index % len(typed)]
            change = types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(line, end.character), types.Position(line, end.character)), text=char)
            text = "\n".join(buffer.read_line(n) + (char if n == line else "") for n in range(len(buffer.starts)))
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]))
        own, everything = await client.publications(version, 2)
        return own - sent, everything - sent

    timings = [await edit(index) for index in range(edits)]
    figures["own"] = [t[0] for t in timings]
    figures["final"] = [t[1] for t in timings]
    document = types.TextDocumentIdentifier(uri)
    memory = [(0, rss_mb(pid))]
    started = time.perf_counter()
    for index in range(hour):
        await edit(index)
        if index % 10 == 0:
            await client.text_document_hover_async(types.HoverParams(document, types.Position(line, 1)))
            await client.text_document_inlay_hint_async(types.InlayHintParams(
                document, types.Range(types.Position(0, 0), types.Position(line, 0))))
        if index % 50 == 0:
            await client.text_document_completion_async(types.CompletionParams(document, types.Position(1, 8)))
        if index % 300 == 299:
            client.text_document_did_save(types.DidSaveTextDocumentParams(document))
        if (index + 1) % 600 == 0:
            memory.append((index + 1, rss_mb(pid)))
    figures["hour_seconds"] = time.perf_counter() - started
    figures["memory"] = memory
    figures["left_out"] = sum(1 for m in client.log if "not run" in m or "未运行" in m)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return figures


def prepare(kind: str, root: Path, posts: int) -> tuple[Path, str]:
    if kind == "generated":
        paths = generate.generate(root, posts)
        now = GENERATED_NOW
    else:
        paths = real_corpus.build(root, real_corpus.load_texts(), posts, published=posts - 100)
        now = real_corpus.NOW
    time.sleep(2.1)  # past git's "racy clean" window, as check_bench does
    subprocess.run([sys.executable, "-m", "weibo_lint", "check", "--format", "json", "--now", now],
                   cwd=root, capture_output=True, check=False)
    return paths[-50] if kind == "real" else paths[len(paths) // 2], now


def report(kind: str, posts: int, figures: dict) -> None:
    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:7.1f} ms   worst {max(values) * 1000:7.1f} ms"

    print(f"\n{kind}: {posts} posts")
    print(f"  open (own / with collection)     {figures['open'][0]:.2f} s / {figures['open'][1]:.2f} s")
    print(f"  change -> own diagnostics        {ms(figures['own'])}   ({len(figures['own'])} edits)")
    print(f"  change -> with collection rules  {ms(figures['final'])}")
    hour = figures["memory"][-1][0]
    print(f"  simulated hour: {hour} checks in {figures['hour_seconds']:.0f} s; "
          f"checks with rules left out (budget): {figures['left_out']}")
    print("  RSS MB: " + f"open {figures['rss_open']:.0f}, " + ", ".join(f"after {n} {mb:.0f}" for n, mb in figures["memory"]))


def main() -> None:
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--hour", type=int, default=3600, help="checks in the simulated hour")
    parser.add_argument("--only", choices=("generated", "real"))
    args = parser.parse_args()
    print(f"cpus: {os.cpu_count()}")
    for kind in ("generated", "real"):
        if args.only and kind != args.only:
            continue
        if kind == "real" and not real_corpus.corpus_path().exists():
            print(f"\nreal: skipped ({real_corpus.corpus_path()} not found)")
            continue
        root = Path(tempfile.mkdtemp(prefix=f"weibo-lint-lsp-{kind}-"))
        try:
            post, now = prepare(kind, root, args.posts)
            report(kind, args.posts, asyncio.run(session(root, post, now, args.edits, args.hour)))
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
