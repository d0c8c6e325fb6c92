"""One check run over a repository: read at the edge, check in the core, index, collect.

Phase one checks each post on its own (its result cached by the hash of its bytes); phase
two runs the collection rules over every post's summary and the publication records. Whose
own problems a run reports is its *selection*: every post, the PATHS given, or with
``--changed-since REF`` the posts changed in git since REF, plus the posts a changed
weibo.yaml (all of them), column file, template or picture affects. The collection always
covers the whole repository, read from the index in the cache folder (weibo_lint/index/):
a pull request that touches one post of 50,000 reads that post, and asks git about the rest.

Invariant (tested): a ``--changed-since`` run reports exactly what a full run reports for
the same files, plus every collection problem.
"""
from __future__ import annotations

import os
import posixpath
import sqlite3
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from operator import itemgetter
from pathlib import Path

from weibo_lint import repository
from weibo_lint.cache import FILE_NAME, Store, discard, environment_key
from weibo_lint.collection import Collection
from weibo_lint.config import Config
from weibo_lint.engine import (
    Env,
    RuleSet,
    check_collection,
    check_columns,
    check_templates,
    load_columns,
    template_path,
)
from weibo_lint.index.posts import PostIndex, unreadable
from weibo_lint.index.records import load_published
from weibo_lint.index.results import Results
from weibo_lint.index.similar import NearDuplicates
from weibo_lint.index.witness import Witness
from weibo_lint.model import PostSummary, PostsView, PublicationsView, Published
from weibo_lint.problem import ORDER, Level, Problem
from weibo_lint.reporters.json import Stored as StoredJson
from weibo_lint.repository import relative
from weibo_lint.terminal import safe


@dataclass(frozen=True)
class CheckReport:
    results: Results  # the selected posts' results, by path (decoded as they are asked for)
    env: Env
    files_checked: int
    column_problems: tuple[Problem, ...]  # of the column and template files reported on
    collection_problems: tuple[Problem, ...]
    selected: frozenset[str]  # files whose own problems are reported
    summaries: PostsView  # every post's, by path (read from the index as they are asked for)
    published: PublicationsView

    @cached_property
    def problems(self) -> list[Problem]:
        """What the run reports, sorted."""
        problems = list(self.column_problems)
        self.results.decode()
        for path in sorted(self.results):
            problems.extend(self.results[path].problems)
        problems.extend(self.collection_problems)
        return sorted(problems, key=ORDER)

    @cached_property
    def levels(self) -> frozenset[Level]:
        """The levels of the problems reported (without decoding every post's)."""
        return self.results.levels() | {p.level for p in (*self.column_problems, *self.collection_problems)}

    def json_files(self) -> list[tuple[Sequence[Problem], StoredJson | None, Sequence[Problem]]]:
        """``problems`` file by file for the JSON reporter (``format_json_files``): a post's
        objects made when it was checked, with the problems before and after them on its file."""
        # Among equal problems (path, line, column, code and name) the order is ``problems``': the
        # column files' first, then the posts' by path, then the collection's.
        loose: dict[str, list[tuple[tuple[int, str], Problem]]] = {}
        for rank, problems in ((0, self.column_problems), (2, self.collection_problems)):
            for problem in problems:
                loose.setdefault(problem.path, []).append(((rank, ""), problem))
        made, decoded = self.results.json()
        self.results.decode(decoded)
        for path in decoded:
            for problem in self.results[path].problems:
                loose.setdefault(problem.path, []).append(((1, path), problem))
        files: list[tuple[Sequence[Problem], StoredJson | None, Sequence[Problem]]] = []
        for path in sorted(made.keys() | loose.keys()):
            if path not in loose:
                files.append(((), made[path], ()))
                continue
            found = sorted(loose[path], key=itemgetter(0))
            place = (1, path)
            files.append(([problem for rank, problem in found if rank <= place], made.get(path),
                          [problem for rank, problem in found if rank > place]))
        return files


def build_env(config: Config, *, template_problems: bool = True) -> tuple[Env, list[Problem], dict[str, bytes]]:
    """The environment every post's check shares, the problems of the column files (and, with
    ``templates``, of the template files), and the column files' bytes."""
    rules = RuleSet(config)
    column_raw = repository.column_files(config)
    readable = {p: raw for p, raw in column_raw.items() if isinstance(raw, bytes)}
    columns, problems = load_columns(readable, rules)
    for path, raw in column_raw.items():
        if isinstance(raw, OSError):
            problems.extend(unreadable(path, raw, rules))
    templates, unreadable_templates = repository.templates(config)
    folder = os.path.relpath(config.dir("templates"), config.root).replace(os.sep, "/")
    for name, why in sorted(unreadable_templates.items()):
        problems.extend(unreadable(f"{folder}/{name}", OSError(None, why), rules))
    env = Env(config, rules, columns, templates, repository.ImageProbe(config.root), unreadable_templates)
    problems.extend(check_columns(columns, env))
    if template_problems:
        problems.extend(check_templates(env))
    return env, problems, readable


def run_check(config: Config, *, now: datetime, targets: list[Path] | None = None, use_cache: bool = True,
              changed_since: str | None = None, record_head: bool = False) -> CheckReport:
    """Check the repository; a broken cache costs a cold run, never a result. ``record_head``:
    a full run also records in the index which rows hold HEAD's bytes, and HEAD's commit, so
    a ``--changed-since`` run given this index in a fresh clone (CI) reads only what changed."""
    try:
        return _run_check(config, now, targets, use_cache, changed_since, record_head)
    except sqlite3.DatabaseError as exc:
        if not use_cache:
            raise
        keep = isinstance(exc, sqlite3.OperationalError)  # a full disk, say: the file may be fine
        if not keep:
            discard(config.dir("cache"))  # damaged in a way opening it did not show: start afresh
        return _run_check(config, now, targets, not keep, changed_since, record_head)


def _run_check(config: Config, now: datetime, targets: list[Path] | None, use_cache: bool,
               changed_since: str | None, record_head: bool) -> CheckReport:
    snapshot = None
    if changed_since is not None:
        from weibo_lint.git import Snapshot

        snapshot = Snapshot(config.root, changed_since)  # a bad REF stops here, before any work
    # Template files are parsed for their own problems once it is known which are reported:
    # a --changed-since run that touches none spares importing Jinja.
    env, column_problems, column_raw = build_env(config, template_problems=False)
    store = Store(cache_folder(config) if use_cache else None, _environment(config, env, column_raw))
    try:
        folders = _git_folders(config) if snapshot is not None else None
        if snapshot is not None and folders is not None:
            snapshot.watch(store.tree, folders)  # git works while the index is opened
        git = Witness(snapshot, folders) if snapshot is not None and folders is not None else None
        wanted = repository.post_paths(config, targets) if targets else []
        index = PostIndex(config, env, store)
        index.refresh(wanted, git)
        if snapshot is not None:
            selected, column_files = affected(snapshot.changes(), config, env, index)
            column_problems = [p for p in column_problems if p.path in column_files]
            column_problems += check_templates(env, {n for n in env.templates if template_path(config, n) in column_files})
        else:
            selected, column_files = set(wanted or index.all_paths()), set()
            column_problems += check_templates(env)
        results = index.results(selected)
        index.save()
        published = load_published(config, store, git)
        summaries = index.summaries()
        collection = Collection(config=config, columns=env.columns, posts=summaries,
                                now=now, published=published, unfinished=store.unfinished(),
                                near_duplicates=NearDuplicates(store.db, index.normalised))
        collection_problems = check_collection(collection, env.rules)
        if git is not None:
            head = git.work.head
        else:
            head = _record_head(config, store) if record_head and use_cache and not targets else None
        store.commit(head)  # every clean row now matches HEAD
    except BaseException:
        store.abandon()
        raise
    return CheckReport(results, env, len(selected), tuple(column_problems),
                       tuple(sorted(collection_problems, key=ORDER)),
                       frozenset(selected) | frozenset(column_files), summaries, published)


def _record_head(config: Config, store: Store) -> str | None:
    """Mark the rows that hold HEAD's bytes clean (and the rest not); HEAD's commit, or None
    when git cannot say."""
    from weibo_lint.git import head_blobs

    folders = _git_folders(config)
    found = head_blobs(config.root, folders) if folders is not None else None
    if found is None:
        return None
    head, blobs = found
    for table in ("posts", "records"):
        store.set_clean(table, {path: blob == blobs.get(path) for path, blob in store.blobs(table).items()},
                        every_row=True)
    return head


def _git_folders(config: Config) -> list[str] | None:
    """The posts and records folders, relative to the root, when git sees them as a walk does."""
    from weibo_lint.git import plain_folder

    folders = []
    for name in ("posts", "published"):
        folder = config.dir(name)
        relative = os.path.relpath(os.path.abspath(folder), config.root)
        if relative.startswith("..") or os.path.isabs(relative):
            return None
        if (folder.exists() or os.path.islink(folder)) and not plain_folder(folder):
            return None
        folders.append(Path(relative).as_posix())
    return folders


@dataclass(frozen=True)
class Gathered:
    """What commands that plan (calendar, new) need: every post's summary and the records."""

    env: Env
    summaries: tuple[PostSummary, ...]
    published: Mapping[str, Published]


def gather(config: Config, *, use_cache: bool = True) -> Gathered:
    """Every post's summary through the index (checking only what changed), and the records."""
    try:
        return _gather(config, use_cache)
    except sqlite3.DatabaseError:
        if not use_cache:
            raise
        discard(config.dir("cache"))
        return _gather(config, True)


def _gather(config: Config, use_cache: bool) -> Gathered:
    env, _problems, column_raw = build_env(config, template_problems=False)
    store = Store(cache_folder(config) if use_cache else None, _environment(config, env, column_raw))
    try:
        index = PostIndex(config, env, store)
        index.refresh([])
        index.save()
        published = dict(load_published(config, store))
        summaries = tuple(index.summaries())
        store.commit()
    except BaseException:
        store.abandon()
        raise
    return Gathered(env, summaries, published)


def cache_folder(config: Config) -> Path | None:
    """The cache folder, unless git tracks files in it: a pull request could commit an index
    whose stored results hide its problems, so such a folder is never read (the run works in
    memory instead, and says so)."""
    folder = config.dir("cache")
    linked = _linked_cache(folder)
    if linked:
        print(f"weibo-lint: warning: the cache folder {os.path.relpath(folder, config.root)} {linked}; "
              "not using it (the cache writes there: remove the link)", file=sys.stderr)
        return None
    if not (folder / FILE_NAME).exists():
        return folder
    from weibo_lint.git import tracked

    if not tracked(config.root, folder):
        return folder
    print(f"weibo-lint: warning: git tracks files in the cache folder {safe(os.path.relpath(folder, config.root))}; "
          "not using it (remove it from the repository: git rm -r --cached)", file=sys.stderr)
    return None


def _linked_cache(folder: Path) -> str:
    """Why the cache folder must not be written ("" when it may): a symbolic link on its way
    or in it would take the writes elsewhere (into the posts folder, say, or out of the
    repository through a link git brought)."""
    if os.path.realpath(folder) != os.path.normpath(os.path.abspath(folder)):
        return "is reached through a symbolic link"
    try:
        with os.scandir(folder) as entries:
            link = next((entry.name for entry in entries if entry.is_symlink()), None)
    except OSError:
        return ""  # not there yet: created as a real folder
    return f"holds a symbolic link ({link})" if link else ""


def _environment(config: Config, env: Env, column_raw: Mapping[str, bytes]) -> str:
    """The cache's environment key: what every post's check depends on besides its bytes."""
    return environment_key([config.fingerprint, *sorted(f"{k}\0{v!r}" for k, v in column_raw.items()),
                            *sorted(f"{k}\0{v}" for k, v in env.templates.items()),
                            *sorted(f"{k}\0unreadable\0{v}" for k, v in env.template_errors.items()),
                            *(f"lexicon\0{lexicon.path}\0{lexicon.digest}" for lexicon in config.lexicons)])


def affected(changes, config: Config, env: Env, index: PostIndex) -> tuple[set[str], set[str]]:
    """The posts and column and template files a ``--changed-since`` run reports on: the changed ones, and
    every post a changed weibo.yaml (all), column file, template or picture affects."""
    touched = changes.touched
    root = str(config.root)
    columns_dir = config.dir("columns")
    columns = {relative(os.path.abspath(p), root) for p in repository.walk(columns_dir, (".yaml", ".yml"))} \
        if columns_dir.is_dir() else set()
    if ((config.path is not None and relative(str(config.path.resolve()), root) in touched)
            or any(lexicon.path in touched for lexicon in config.lexicons)):
        return set(index.all_paths()), columns  # every rule's settings may have changed
    column_folder = relative(os.path.abspath(columns_dir), root) + "/"
    changed_columns = {p for p in touched if p in columns or (p.startswith(column_folder) and
                                                              p.endswith((".yaml", ".yml")))}
    slugs = {posixpath.basename(p).rsplit(".", 1)[0] for p in changed_columns}
    template_folder = relative(os.path.abspath(config.dir("templates")), root) + "/"
    templates = {p[len(template_folder):] for p in touched if p.startswith(template_folder)}
    slugs |= {slug for slug, column in env.columns.items() if column.template in templates}
    posts = index.existing(changes.paths) | index.of_columns(slugs)
    nested = tuple(p for p in changes.paths if p.endswith("/"))
    if nested:  # a repository inside this one: git names its folder, never the files a walk finds in it
        posts |= {p for p in index.all_paths() if p.startswith(nested)}
    known = (relative(os.path.abspath(config.dir("posts")), root) + "/",
             relative(os.path.abspath(config.dir("published")), root) + "/", column_folder, template_folder)
    others = frozenset(p for p in touched if not p.startswith(known))
    if others:  # a picture, perhaps: the posts attaching it
        posts |= index.with_images(others)
    # A changed template's own problems (WB104 syntax errors, WB001) are reported like a column file's.
    return posts, (changed_columns & columns) | {template_folder + name for name in templates}
