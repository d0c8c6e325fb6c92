"""Every post's index row brought up to date, reading and checking only what changed."""
from __future__ import annotations

import posixpath
import time

from weibo_lint import repository
from weibo_lint.cache import Store, content_key
from weibo_lint.config import Config
from weibo_lint.engine import Env, PostResult, RuleSet, check_post, source_problem
from weibo_lint.frontmatter import SourceError
from weibo_lint.index.entries import PostEntry, Stat, trusted
from weibo_lint.index.scan import MisnamedPost, blob_id, folder_of, is_post_path, scan_posts, stat_into
from weibo_lint.index.views import Summaries
from weibo_lint.index.witness import Git
from weibo_lint.parallel import fork_map, processes
from weibo_lint.problem import Problem
from weibo_lint.schedule.similar import normalise

PARALLEL_THRESHOLD = 1500  # below this many posts to check, a process pool costs more than it saves
Facts = tuple  # (stat, scanned_ns, key, blob, clean), as stored


def unreadable(path: str, error: OSError, rules: RuleSet) -> list[Problem]:
    message = str(error.strerror) if isinstance(error, MisnamedPost) else f"cannot read: {error.strerror or error}"
    return source_problem(path, SourceError("WB001", message), rules)


class PostIndex:
    """The posts of one run: which changed, their results, and the summaries of all."""

    def __init__(self, config: Config, env: Env, store: Store) -> None:
        self.config, self.env, self.store = config, env, store
        self.failed: dict[str, PostResult] = {}  # unreadable posts
        self.checked: dict[str, tuple[str, PostResult]] = {}  # checked this run: path -> (key, result)
        self.facts: dict[str, Facts] = {}  # stored facts of the posts examined this run
        self.paths: list[str] | None = None  # every post, when this run walked them all
        self.gone: set[str] = set()  # posts deleted since the index saw them
        self.normalised: dict[str, str] = {}  # text -> its normalised form, from the workers (WB408)

    def refresh(self, extra: list[str], git: Git | None = None) -> None:
        """Stat, read and check what may have changed; write the index rows."""
        scanned_ns = time.time_ns()
        if git is not None and git.vouches():
            stats = self._suspects(git, extra)
        else:
            self.facts = self.store.facts_where("posts")
            stats = scan_posts(self.config, extra)
            self.paths = sorted(stats)
            self.gone = self.facts.keys() - stats.keys()
            self.store.drop("posts", self.gone)
        touched, fresh, todo = [], [], []
        for path, stat in stats.items():
            facts = self.facts.get(path)
            if isinstance(stat, OSError):
                fresh.append(self._failed(path, stat, scanned_ns))
                continue
            if facts is not None and trusted(stat, facts[0], facts[1]):
                continue
            raw = repository.read_bytes(self.config.root, path)
            if isinstance(raw, OSError):
                fresh.append(self._failed(path, raw, scanned_ns))
                continue
            key = content_key(path, raw)
            if facts is not None and facts[2] == key:
                touched.append((stat, scanned_ns, path))
            else:
                todo.append((path, raw, key, PostEntry(path, stat, scanned_ns, key, blob_id(raw), False, None)))
        for (path, _raw, key, entry), result in zip(todo, check_many([t[:3] for t in todo], self.env,
                                                                     self.normalised)):
            self.checked[path] = (key, result)
            fresh.append(entry._replace(summary=result.summary, images=image_files(path, result)))
        self.store.put_posts(fresh, self.config.timezone)
        self.store.db.executemany("UPDATE posts SET stat = ?, scanned = ? WHERE path = ?", touched)
        if git is not None:  # whether each row examined holds HEAD's blob
            git.reconcile(self.store, "posts", list(stats))

    def _suspects(self, git: Git, extra: list[str]) -> dict[str, Stat | OSError]:
        """The rows git does not vouch for, and the new files git reports, with their stat facts."""
        self.facts = git.suspects(self.store, "posts")
        stats: dict[str, Stat | OSError] = {}
        for path in self.facts:
            if not stat_into(self.config.root, path, stats):
                self.gone.add(path)
        prefix = folder_of(self.config, "posts") + "/"
        for path in sorted(git.new_paths("posts").union(extra)):
            if path not in self.facts and is_post_path(path, prefix) and not self.store.has("posts", path):
                stat_into(self.config.root, path, stats)
        self.store.drop("posts", self.gone)
        return stats

    def _failed(self, path: str, error: OSError, scanned_ns: int) -> PostEntry:
        """An unreadable post: reported, and kept in the index unclean, so it is tried every run."""
        self.failed[path] = PostResult(path, tuple(unreadable(path, error, self.env.rules)), None)
        return PostEntry(path, "", scanned_ns, "", "", False, None)

    def results(self, selected: set[str]) -> dict[str, PostResult]:
        """The results of ``selected`` posts: checked this run, cached, or checked now."""
        results: dict[str, PostResult] = {}
        rest = sorted(p for p in selected if p not in self.failed and p not in self.checked)
        results.update({p: self.failed[p] for p in selected if p in self.failed})
        results.update({p: self.checked[p][1] for p in selected if p in self.checked})
        entries = {e.path: e for e in self.store.posts_at(rest)}
        stored = self.store.results({path: entry.key for path, entry in entries.items()})
        probe = self.env.probe_image
        for path in rest:
            hit, entry = stored.get(path), entries[path]
            if hit is not None and all(probe(image.path, path) == image for image in hit[1]):
                results[path] = PostResult(path, hit[0], entry.summary, hit[1])
                continue
            raw = repository.read_bytes(self.config.root, path)  # no cached result, or a picture changed
            if isinstance(raw, OSError):
                self.store.put_posts([self._failed(path, raw, entry.scanned_ns)], self.config.timezone)
                results[path] = self.failed[path]
                continue
            results[path] = result = check_post(path, raw, self.env)
            key = content_key(path, raw)
            self.checked[path] = (key, result)
            clean = entry.clean and key == entry.key  # changed since the scan: what git vouched for is stale
            self.store.put_posts([entry._replace(key=key, blob=blob_id(raw), clean=clean, summary=result.summary,
                                                 images=image_files(path, result))], self.config.timezone)
        return results

    def save(self) -> None:
        self.store.put_results(self.checked, gone=self.gone)

    def summaries(self) -> Summaries:
        return Summaries(self.store.db, self.config.timezone)

    # -- what a --changed-since run selects ---------------------------------------------
    def existing(self, paths) -> set[str]:
        return {p for p in paths if p in self.failed or self.store.has("posts", p)}

    def all_paths(self) -> list[str]:
        return self.paths if self.paths is not None else [p for (p,) in self.store.db.execute("SELECT path FROM posts")]

    def of_columns(self, slugs: set[str]) -> set[str]:
        if not slugs:
            return set()
        marks = ",".join("?" * len(slugs))
        return {p for (p,) in self.store.db.execute(f"SELECT path FROM posts WHERE col IN ({marks})", sorted(slugs))}

    def with_images(self, files: frozenset[str]) -> set[str]:
        rows = self.store.db.execute("SELECT path, images FROM posts WHERE images != ''")
        return {path for path, images in rows if files.intersection(images.split("\x1f"))}


def image_files(post_path: str, result: PostResult) -> tuple[str, ...]:
    """The repository paths of the pictures a post attaches (as the image probe resolves them)."""
    files = []
    for image in result.images:
        reference = None if image.outside else repository.picture_reference(image.path, post_path)
        if reference is not None:
            files.append(posixpath.normpath(reference))
    return tuple(sorted(set(files)))


_WORKER_ENV: Env | None = None


def _check_chunk(chunk: list[tuple[str, bytes, str]]) -> list[tuple[PostResult, str | None]]:
    """Each post's result, and its text normalised for WB408 (``normalise``), which the
    main process would otherwise compute alone, after the workers are done."""
    assert _WORKER_ENV is not None
    checked = []
    for path, raw, _key in chunk:
        result = check_post(path, raw, _WORKER_ENV)
        text = result.summary.text if result.summary is not None else None
        checked.append((result, normalise(text) if text else None))
    return checked


def check_many(todo: list[tuple[str, bytes, str]], env: Env,
               normalised: dict[str, str] | None = None) -> list[PostResult]:
    """The results of ``todo``; checked in parallel, the texts' normalised forms are put in
    ``normalised`` (text -> normalised) too."""
    workers = processes()
    if not todo or len(todo) < PARALLEL_THRESHOLD or workers < 2:
        return [check_post(path, raw, env) for path, raw, _key in todo]
    global _WORKER_ENV
    _WORKER_ENV = env  # inherited by the forked workers: nothing to pickle but the chunks
    size = -(-len(todo) // (workers * 4))
    results = []
    try:
        for chunk in fork_map(_check_chunk, [todo[i:i + size] for i in range(0, len(todo), size)]):
            for result, norm in chunk:
                results.append(result)
                if norm is not None and normalised is not None:
                    normalised[result.summary.text] = norm  # type: ignore[union-attr]
    finally:
        _WORKER_ENV = None
    return results
