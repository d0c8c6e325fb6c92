"""One content repository as the language server sees it: its weibo.yaml, columns and
templates (read again when they change), a post's check from the editor's buffer, and the
collection rules for that post from the repository's index, within a time budget.

Everything here runs in the server's one worker thread (never on the loop that reads what
the editor sends), so a check never holds up typing. The index in the cache folder is the
one ``weibo-lint check`` keeps: the server brings it up to date when files change on disk,
and reads it for each check with the open post's buffer laid over its row, in a
transaction it rolls back, so the buffer never reaches the cache.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from weibo_lint.collection import Collection
from weibo_lint.config import CONFIG_NAME, Config, find_config, load_config
from weibo_lint.engine import Env, PostResult, Resolved, RuleSet, check_collection, check_post, rule_setting_errors
from weibo_lint.errors import known
from weibo_lint.frontmatter import SourceError
from weibo_lint.lsp.overlay import OverlayPosts
from weibo_lint.lsp.spans import SpanNotes
from weibo_lint.model import Post, PostSummary
from weibo_lint.problem import Problem
from weibo_lint.rules import ALL_RULES

DEFAULT_BUDGET = 1.0  # seconds the collection rules may take for one check (the rest wait for the next)


@dataclass
class Checked:
    """A post's buffer checked on its own (phase one), with what hover and completion need."""

    path: str
    text: str  # as the linter read it
    problems: tuple[Problem, ...]
    spans: dict[tuple[str, int], int]  # (code, start offset) -> end offset, of findings in the rendered text
    summary: PostSummary | None
    post: Post | None = None
    resolved: Resolved | None = None
    limit: int = 140
    count: int | None = None


@dataclass
class CollectionResult:
    problems: tuple[Problem, ...] = ()  # the collection's problems on the post, or naming it
    left_out: tuple[str, ...] = ()  # rule codes not run: over the budget
    busy: bool = False  # the index was locked by another run: nothing was run
    seconds: float = 0.0


class _OneRule:
    """A rule set that offers ``check_collection`` one of its collection rules."""

    def __init__(self, rules: RuleSet, active: Any) -> None:
        self.rules, self.active = rules, active

    def of_scope(self, scope: str) -> tuple:
        return (self.active,) if scope == "collection" else ()

    def level(self, code: str):
        return self.rules.level(code)

    def name(self, code: str) -> str:
        return self.rules.name(code)


@dataclass
class Project:
    """A repository found from a folder (by its weibo.yaml, as the CLI finds it)."""

    config_path: Path
    config: Config | None = None
    env: Env | None = None
    column_raw: dict[str, bytes] = field(default_factory=dict)
    notes: SpanNotes = field(default_factory=SpanNotes)
    _stamp: tuple = ()
    index_stamp: float = 0.0  # when the index was last brought up to date
    memo: dict = field(default_factory=dict)  # the index's answers, while it stays as it is (OverlayPosts)

    @classmethod
    def find(cls, folder: Path) -> Project | None:
        found = find_config(folder)
        return cls(found) if found is not None else None

    @property
    def root(self) -> Path:
        return self.config_path.resolve().parent

    @property
    def settings(self) -> Config:
        return known(self.config, "weibo.yaml's settings (Project.load reads them)")

    @property
    def environment(self) -> Env:
        return known(self.env, "the columns and templates (Project.load reads them)")

    # -- the configuration, columns and templates ------------------------------------------
    def _files_stamp(self) -> tuple:
        """What the environment is made of, as the file system sees it (cheap: a few stats)."""
        def entries(folder: Path) -> Iterator[tuple]:
            try:
                with os.scandir(folder) as found:
                    for entry in found:
                        if entry.is_file():
                            info = entry.stat()
                            yield entry.path, info.st_mtime_ns, info.st_size
            except OSError:
                return

        facts: list[tuple] = []
        try:
            info = os.stat(self.config_path)
            facts.append((str(self.config_path), info.st_mtime_ns, info.st_size))
        except OSError:
            facts.append((str(self.config_path), None))
        if self.config is not None:
            for name in ("columns", "templates"):
                facts.extend(sorted(entries(self.config.dir(name))))
            for lexicon in self.config.lexicons:
                facts.extend(sorted(entries((self.root / lexicon.path).parent)))
        return tuple(facts)

    def load(self) -> bool:
        """Read weibo.yaml, the columns and templates again if they changed; whether they did.
        Raises ConfigError (what is wrong with weibo.yaml)."""
        stamp = self._files_stamp()
        if self.config is not None and stamp == self._stamp:
            return False
        from weibo_lint.check import build_env

        config = load_config(self.config_path, validators=(rule_setting_errors,))
        env, _problems, raw = build_env(config, template_problems=False)
        noted = RuleSet(config, self.notes.rules(ALL_RULES))
        self.config, self.env, self.column_raw = config, replace(env, rules=noted), raw
        self.memo.clear()
        self.index_stamp = 0.0  # the index's key changed with them: brought up to date before it is read
        self._stamp = self._files_stamp()
        return True

    def post_path(self, file: Path) -> str | None:
        """``file``'s repository path when it is a post under the posts folder, else None."""
        from weibo_lint.index.scan import folder_of, is_post_path

        config = self.settings
        try:
            relative = Path(os.path.abspath(file)).relative_to(self.root).as_posix()
        except ValueError:
            return None
        return relative if is_post_path(relative, folder_of(config, "posts") + "/") else None

    # -- one post, from the buffer --------------------------------------------------------
    def check(self, path: str, text: str) -> Checked:
        """Phase one on ``text`` (the buffer), as ``check`` would on the saved file."""
        from weibo_lint.frontmatter import decode

        env = self.environment
        raw = text.encode("utf-8", "surrogatepass")
        with self.notes.noting() as spans:
            result: PostResult = check_post(path, raw, env)
        try:
            read = decode(raw)
        except SourceError:
            read = text
        checked = Checked(path, read, result.problems, dict(spans), result.summary)
        context = self.notes.context
        if context is not None:  # parsed: the post rules ran
            checked.post, checked.limit, checked.count = context.post, context.limit, context.length
            checked.resolved = Resolved(context.column, context.account, context.rendered, context.render_error)
        return checked

    # -- the collection rules, for one post -----------------------------------------------
    def _store(self):
        """The index, locked for one reading; None when another run holds it."""
        from weibo_lint.cache import Store
        from weibo_lint.check import _environment, cache_folder

        config = self.settings
        folder = cache_folder(config)
        store = Store(folder, _environment(config, self.environment, self.column_raw))
        if folder is not None and store.db.execute("SELECT 1 FROM meta WHERE name = 'in-memory'").fetchone():
            store.close()  # the stand-in for a locked file knows no posts: its answers would be wrong
            return None
        return store

    def refresh_index(self) -> bool:
        """Bring the index up to date with the files on disk (what ``check`` does first);
        False when another run holds it."""
        from weibo_lint.index.posts import PostIndex
        from weibo_lint.index.records import load_published

        config, env = self.settings, self.environment
        store = self._store()
        if store is None:
            return False
        try:
            index = PostIndex(config, env, store)
            index.refresh([])
            index.save()
            load_published(config, store)
            store.commit()
        except BaseException:
            store.abandon()
            raise
        finally:
            store.close()
        self.index_stamp = time.monotonic()
        self.memo.clear()
        return True

    def collection(self, checked: Checked, now: datetime, budget: float = DEFAULT_BUDGET) -> CollectionResult:
        """The collection rules with the buffer's post in place of the saved one: their
        problems on that post (or naming it), each rule in turn until ``budget`` seconds
        are spent (the rules left out are named)."""
        from weibo_lint.index.similar import NearDuplicates
        from weibo_lint.index.views import Publications, Summaries

        config, env = self.settings, self.environment
        if checked.summary is None:
            return CollectionResult()
        started = time.monotonic()
        store = self._store()
        if store is None:
            return CollectionResult(busy=True)
        try:
            published = Publications(store.db)
            posts = OverlayPosts(Summaries(store.db, config.timezone), checked.summary, published, config.timezone,
                                 self.memo)
            collection = Collection(config=config, columns=env.columns, posts=posts, now=now,
                                    published=published, unfinished=store.unfinished(),
                                    near_duplicates=NearDuplicates(store.db, {}))
            problems: list[Problem] = []
            left_out: list[str] = []
            rules = env.rules
            for active in rules.of_scope("collection"):
                if time.monotonic() - started > budget:
                    left_out.append(active.rule.code)
                    continue
                found = check_collection(collection, _OneRule(rules, active))  # type: ignore[arg-type]
                problems.extend(p for p in found if p.path == checked.path or checked.path in p.related)
        finally:
            store.abandon()  # nothing of the buffer stays in the index
            store.close()
        return CollectionResult(tuple(problems), tuple(left_out), False, time.monotonic() - started)


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


__all__ = ["CONFIG_NAME", "DEFAULT_BUDGET", "Checked", "CollectionResult", "Project", "now_utc"]


PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
PICTURES_SHOWN = 500


def pictures(project: Project) -> list[str]:
    """Picture files of the repository, as a post names them (from the root), outside the
    cache and dot-folders; at most ``PICTURES_SHOWN``."""
    cache = os.path.abspath(project.settings.dir("cache"))
    found: list[str] = []
    for folder, subfolders, files in os.walk(project.root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".")
                               and os.path.join(folder, d) != cache)
        for name in sorted(files):
            if name.lower().endswith(PICTURE_SUFFIXES):
                found.append(Path(os.path.join(folder, name)).relative_to(project.root).as_posix())
                if len(found) >= PICTURES_SHOWN:
                    return found
    return found


def next_slot(project: Project, checked: Checked, now: datetime) -> str | None:
    """The post's column's next free ``publish_at`` (``YYYY-MM-DD HH:MM``), the post's own
    saved time not counted; None without a known column, a free slot, or the index."""
    from weibo_lint.column_slot import next_slot as column_next_slot
    from weibo_lint.index.views import Publications, Summaries

    config, env = project.settings, project.environment
    column = env.columns.get(checked.post.column or "") if checked.post is not None else None
    if column is None:
        return None
    store = project._store()
    if store is None:
        return None
    try:
        moment = column_next_slot(config, column, Summaries(store.db, config.timezone), Publications(store.db),
                                  now.astimezone(config.timezone), leave_out=checked.path)
    except ValueError:
        return None
    finally:
        store.abandon()
        store.close()
    return None if moment is None else f"{moment.astimezone(config.timezone):%Y-%m-%d %H:%M}"
