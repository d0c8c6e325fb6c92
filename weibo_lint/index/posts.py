"""Every post's index row brought up to date, reading and checking only what changed."""
from __future__ import annotations

import posixpath
import time
from typing import NamedTuple

from weibo_lint import repository
from weibo_lint.cache import Store, StoredReport, StoredResult, content_key, dump_result, load_images, load_problems
from weibo_lint.config import Config
from weibo_lint.engine import Env, PostResult, RuleSet, check_post, source_problem
from weibo_lint.errors import known
from weibo_lint.frontmatter import SourceError
from weibo_lint.index.entries import PostEntry, Stat, trusted
from weibo_lint.index.results import Results, Stored
from weibo_lint.index.scan import MisnamedPost, blob_id, folder_of, is_post_path, scan_posts, stat_into
from weibo_lint.index.views import Summaries
from weibo_lint.index.witness import Witness
from weibo_lint.model import PostSummary
from weibo_lint.parallel import fork_map
from weibo_lint.problem import Problem
from weibo_lint.schedule.similar import normalise

PARALLEL_THRESHOLD = 1500  # below this many posts to check, a process pool costs more than it saves
Facts = tuple  # (stat, scanned_ns, key, blob, clean), as stored


def unreadable(path: str, error: OSError, rules: RuleSet) -> list[Problem]:
    message = str(error.strerror) if isinstance(error, MisnamedPost) else f"cannot read: {error.strerror or error}"
    return source_problem(path, SourceError("WB001", message), rules)


class Checked(NamedTuple):
    """A post file read and, when its bytes are new, checked: what a worker sends back."""

    path: str
    stat: Stat
    key: str  # content_key() of its bytes; "" when they could not be read
    blob: str
    stored: StoredResult | None  # its result as the cache stores it (dump_result); None: the bytes are those known
    summary: PostSummary | None
    images: tuple[str, ...] = ()  # repository paths of the picture files it attaches
    normalised: str | None = None  # its text normalised for WB408 (``normalise``)
    failed: bool = False  # unreadable: ``stored`` holds the WB001 problem


class PostIndex:
    """The posts of one run: which changed, their results, and the summaries of all."""

    def __init__(self, config: Config, env: Env, store: Store) -> None:
        self.config, self.env, self.store = config, env, store
        self.reader = repository.PostReader(config.root)
        self.failed: dict[str, PostResult] = {}  # unreadable posts
        self.checked: dict[str, Checked] = {}  # checked this run
        self.facts: dict[str, Facts] = {}  # stored facts of the posts examined this run
        self.paths: list[str] | None = None  # every post, when this run walked them all
        self.gone: set[str] = set()  # posts deleted since the index saw them
        self.normalised: dict[str, str] = {}  # text -> its normalised form (WB408)

    def refresh(self, extra: list[str], git: Witness | None = None) -> None:
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
        touched, fresh, jobs = [], [], []
        for path, stat in stats.items():
            facts = self.facts.get(path)
            if isinstance(stat, OSError):
                fresh.append(self._failed(path, stat, scanned_ns))
            elif facts is None or not trusted(stat, facts[0], facts[1]):
                jobs.append((path, stat, facts[2] if facts is not None else None))
        for checked in check_files(jobs, self.env, self.reader):
            if checked.stored is None:  # the bytes the row holds: only the stat facts are new
                touched.append((checked.stat, scanned_ns, checked.path))
            else:
                fresh.append(self._take(checked, scanned_ns))
        self.store.put_posts(fresh, self.config.timezone)
        self.store.db.executemany("UPDATE posts SET stat = ?, scanned = ? WHERE path = ?", touched)
        if git is not None:  # whether each row examined holds HEAD's blob
            git.reconcile(self.store, "posts", list(stats))

    def _suspects(self, git: Witness, extra: list[str]) -> dict[str, Stat | OSError]:
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

    def _take(self, checked: Checked, scanned_ns: int) -> PostEntry:
        """The index row of a post read this run (its result kept for ``results`` and ``save``)."""
        path = checked.path
        if checked.failed:  # unreadable: reported, and kept unclean, so it is tried every run
            self.failed[path] = PostResult(path, load_problems(known(checked.stored, "an unreadable post's problem")
                                                               .problems), None)
            return PostEntry(path, "", scanned_ns, "", "", False, None)
        self.checked[path] = checked
        if checked.normalised is not None and checked.summary is not None and checked.summary.text:
            self.normalised[checked.summary.text] = checked.normalised
        return PostEntry(path, checked.stat, scanned_ns, checked.key, checked.blob, False, checked.summary,
                         checked.images)

    def _failed(self, path: str, error: OSError, scanned_ns: int) -> PostEntry:
        """An unreadable post: reported, and kept in the index unclean, so it is tried every run."""
        self.failed[path] = PostResult(path, tuple(unreadable(path, error, self.env.rules)), None)
        return PostEntry(path, "", scanned_ns, "", "", False, None)

    def results(self, selected: set[str]) -> Results:
        """The results of ``selected`` posts: checked this run, cached, or checked now."""
        entries: dict[str, PostResult | Stored] = {}
        rest = sorted(p for p in selected if p not in self.failed and p not in self.checked)
        stored = self.store.reports(rest)
        for path in rest:
            hit = stored.get(path)
            if hit is not None and self._pictures_unchanged(path, hit):
                entries[path] = Stored(hit)
                continue
            # No cached result, or a picture changed: checked now, as a worker would.
            entry = self.store.posts_at([path])[0]
            checked = _check_file((self.env, self.reader), (path, entry.stat, None))
            fresh = self._take(checked, entry.scanned_ns)
            if not checked.failed:  # changed since the scan: what git vouched for is stale
                fresh = fresh._replace(clean=entry.clean and checked.key == entry.key)
            self.store.put_posts([fresh], self.config.timezone)
        for path in selected:
            if path in self.failed:
                entries[path] = self.failed[path]
            elif path in self.checked:
                checked = self.checked[path]
                result = known(checked.stored, f"the result of {path}")
                entries[path] = Stored(StoredReport(*result[1:]), result.problems, checked.summary, complete=True)
        return Results(entries, self._read, self._recheck)

    def _pictures_unchanged(self, path: str, stored: StoredReport) -> bool:
        """Whether the pictures a stored result saw are as they were (a broken row: no)."""
        if stored.images == "[]":
            return True
        try:
            images = load_images(stored.images)
        except (KeyError, TypeError, ValueError):
            return False
        return all(self.env.probe_image(image.path, path) == image for image in images)

    def _read(self, paths: list[str]) -> dict[str, tuple[str | None, PostSummary | None]]:
        """Cached posts' stored problems (JSON) and summaries, from the index, in a few queries
        (one each per post made a warm report of 10,000 posts in another format cost 0.4 s)."""
        summaries = {entry.path: entry.summary for entry in self.store.posts_at(paths)}
        problems = self.store.problems(paths)
        return {path: (problems.get(path), summaries.get(path)) for path in paths}

    def _recheck(self, path: str) -> PostResult:
        """A post's result afresh, when its stored row cannot be decoded."""
        checked = _check_file((self.env, self.reader), (path, "", None))
        stored = known(checked.stored, f"the result of {path}")
        return PostResult(path, load_problems(stored.problems), checked.summary, load_images(stored.images))

    def save(self) -> None:
        self.store.put_results({path: (checked.key, known(checked.stored, f"the result of {path}"))
                                for path, checked in self.checked.items()}, gone=self.gone)

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
        return {p for (p,) in self.store.db.execute(f"SELECT path FROM posts WHERE column_slug IN ({marks})", sorted(slugs))}

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


def check_files(jobs: list[tuple[str, Stat, str | None]], env: Env, reader: repository.PostReader) -> list[Checked]:
    """Each job's post (path, stat facts, the content key its row holds or None) read and, if
    its bytes are not those known, checked: in forked workers too when there are many."""
    if len(jobs) < PARALLEL_THRESHOLD:
        return [_check_file((env, reader), job) for job in jobs]
    import weibo_lint.render  # noqa: F401 - imported once here, not once in each worker after the fork

    return fork_map(_check_file, (env, reader), jobs)


def _check_file(shared: tuple[Env, repository.PostReader], job: tuple[str, Stat, str | None]) -> Checked:
    """Read, hash and check one post, and serialize its result (the work a worker does)."""
    env, reader = shared
    path, stat, known = job
    raw = reader.read(path)
    if isinstance(raw, OSError):
        return Checked(path, "", "", "", dump_result(PostResult(path, tuple(unreadable(path, raw, env.rules)), None)),
                       None, failed=True)
    key = content_key(path, raw)
    if key == known:
        return Checked(path, stat, key, "", None, None)
    result = check_post(path, raw, env)
    text = result.summary.text if result.summary is not None else None
    return Checked(path, stat, key, blob_id(raw), dump_result(result), result.summary, image_files(path, result),
                   normalise(text) if text else None)
