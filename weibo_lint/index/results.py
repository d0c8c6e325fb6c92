"""The selected posts' results, decoded from their stored rows only when asked for.

A warm run over 10,000 real posts reports about 25,000 problems; building them as objects
and printing them again costs more than the rest of the run. The JSON report instead joins
each post's stored objects (``reporters.json.stored``, made when the post was checked), and a
post's problems are read and decoded only where they are asked for as objects (another
format, a post whose problems name another file, or a caller reading the results).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from weibo_lint.cache import StoredReport, load_images, load_problems
from weibo_lint.engine import PostResult
from weibo_lint.model import PostSummary
from weibo_lint.problem import Level
from weibo_lint.reporters.json import Stored as StoredJson


class Stored:
    """A post's stored result: what reporting it needs and, when ``complete``, its problems
    (JSON) and summary (else they are still in the index, read when it is decoded)."""

    __slots__ = ("complete", "problems", "report", "summary")

    def __init__(self, report: StoredReport, problems: str | None = None, summary: PostSummary | None = None,
                 complete: bool = False) -> None:
        self.report, self.problems, self.summary, self.complete = report, problems, summary, complete


class Results(Mapping[str, PostResult]):
    """Path -> ``PostResult`` of the selected posts. ``read(path)`` gives a stored post's
    problems (JSON) and summary from the index; ``recheck(path)`` its result afresh when its
    stored row cannot be decoded (a broken cache costs speed, never results)."""

    def __init__(self, entries: Mapping[str, PostResult | Stored],
                 read: Callable[[list[str]], Mapping[str, tuple[str | None, PostSummary | None]]],
                 recheck: Callable[[str], PostResult]) -> None:
        self._entries = dict(entries)
        self._read, self._recheck = read, recheck

    def decode(self, paths: list[str] | None = None) -> None:
        """Read the stored rows of ``paths`` (default: every post) at once, before their
        results are asked for one by one."""
        wanted: dict[str, Stored] = {}
        for path in self._entries if paths is None else paths:
            entry = self._entries[path]
            if isinstance(entry, Stored) and not entry.complete:
                wanted[path] = entry
        for path, (problems, summary) in self._read(list(wanted)).items():
            stored = wanted[path]
            stored.problems, stored.summary, stored.complete = problems, summary, True

    def __getitem__(self, path: str) -> PostResult:
        entry = self._entries[path]
        if isinstance(entry, PostResult):
            return entry
        problems, summary = (entry.problems, entry.summary) if entry.complete else self._read([path])[path]
        try:
            if problems is None:
                raise ValueError("no stored problems")
            result = PostResult(path, load_problems(problems), summary, load_images(entry.report.images))
        except (KeyError, TypeError, ValueError):
            result = self._recheck(path)
        self._entries[path] = result
        return result

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, path: object) -> bool:
        return path in self._entries

    def json(self) -> tuple[dict[str, StoredJson], list[str]]:
        """The posts' problems as the JSON reporter prints them, made when they were checked,
        by path; and the posts whose problems must be decoded instead (not stored so, or one
        of them names another file)."""
        made: dict[str, StoredJson] = {}
        decoded: list[str] = []
        for path, entry in self._entries.items():
            if isinstance(entry, PostResult) or entry.report.report is None or entry.report.keys is None:
                decoded.append(path)
            else:
                made[path] = StoredJson(entry.report.report, entry.report.keys)
        return made, decoded

    def levels(self) -> frozenset[Level]:
        """The levels of the posts' problems (decoding only those not stored as text)."""
        stored: set[str] = set()
        levels: set[Level] = set()
        for entry in self._entries.values():
            if isinstance(entry, Stored):
                stored.add(entry.report.levels)
            else:
                levels.update(problem.level for problem in entry.problems)
        try:
            levels.update(Level(level) for text in stored for level in text.split())
        except ValueError:  # not levels: the problems decoded (or checked again) instead
            self.decode()
            levels.update(problem.level for path in self for problem in self[path].problems)
        return frozenset(levels)
