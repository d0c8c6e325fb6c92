"""From what the repository holds to the pages of the site: pure page models, no I/O.

:func:`site_pages` is the whole core of ``weibo-lint build``: the edge gathers a
:class:`SiteInput` (a check run, the records, the metrics, the pictures it copied) and gets
back the list of pages to render. Tests build a :class:`SiteInput` by hand.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from weibo_lint.config import Config
from weibo_lint.engine import PostResult
from weibo_lint.i18n import N_, _
from weibo_lint.model import Column, PublicationsView, Published
from weibo_lint.problem import Problem
from weibo_lint.schedule import timeline as schedule
from weibo_lint.site import urls
from weibo_lint.site.calendar import (
    AccountCalendar,
    Period,
    account_calendar,
    cadence_label,
    column_health,
    quota_health,
)
from weibo_lint.site.cards import STATE_LABELS, Card, Picture, build_card
from weibo_lint.site.dashboard import build_dashboard
from weibo_lint.site.metrics import MetricsData

SITE_KEYS = ("title", "weeks")
LEVELS = ("error", "warning", "info", "off")
LEVEL_NAMES = (N_("error"), N_("warning"), N_("info"))  # as the pages show a level


@dataclass(frozen=True)
class SiteSettings:
    """weibo.yaml ``site:``: ``title`` of the site, ``weeks`` of calendar to show."""

    title: str = "weibo-lint"
    weeks: int | None = None  # None: enough weeks to cover each account's horizon

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> SiteSettings:
        """ValueError names the bad key."""
        for key in data:
            if key not in SITE_KEYS:
                raise ValueError(f"unknown setting 'site.{key}' (known: {', '.join(SITE_KEYS)})")
        title, weeks = data.get("title", cls.title), data.get("weeks")
        if not isinstance(title, str) or not title.strip():
            raise ValueError(f"'site.title' must be a text, got {title!r}")
        if weeks is not None and (isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 52):
            raise ValueError(f"'site.weeks' must be a whole number from 1 to 52, got {weeks!r}")
        return cls(title.strip(), weeks)


@dataclass(frozen=True)
class SiteInput:
    config: Config
    now: datetime
    results: Mapping[str, PostResult]  # every post's check result, by path
    problems: Sequence[Problem]  # everything the check found
    columns: Mapping[str, Column]
    records: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # publication records by post path
    published: Mapping[str, Published] | PublicationsView = field(default_factory=dict)  # what went out, as the rules see it
    notes: Sequence[str] = ()  # records or metrics files that could not be read
    metrics: MetricsData = field(default_factory=lambda: MetricsData({}, 0, 0))
    pictures: Mapping[str, tuple[Picture, ...]] = field(default_factory=dict)  # by post path
    titles: Mapping[str, str] = field(default_factory=dict)  # front matter titles by post path


@dataclass(frozen=True)
class Page:
    path: str  # inside the site
    template: str
    values: Mapping[str, Any]


@dataclass(frozen=True)
class ProblemGroup:
    path: str
    page: str | None  # the post or column page showing this file
    problems: tuple[Problem, ...]

    @property
    def worst(self) -> str:
        levels = {p.level.value for p in self.problems}
        return next(level for level in LEVELS if level in levels)


@dataclass(frozen=True)
class ColumnView:
    column: Column
    page: str
    cards: tuple[Card, ...]
    periods: tuple[Period, ...]
    problems: tuple[Problem, ...]

    @property
    def cadence(self) -> str:
        return cadence_label(self.column.cadence)

    @property
    def health(self) -> str:
        states = {p.state for p in self.periods}
        return "gap" if "gap" in states else "excess" if "excess" in states else "ok" if self.periods else "none"


def _by_path(problems: Sequence[Problem]) -> dict[str, list[Problem]]:
    """Problems on each file, including those that name it as related (both posts of a collision)."""
    found: dict[str, list[Problem]] = {}
    for problem in problems:
        for path in dict.fromkeys((problem.path, *problem.related)):
            found.setdefault(path, []).append(problem)
    return found


def _sort_cards(cards: Sequence[Card]) -> tuple[Card, ...]:
    return tuple(sorted(cards, key=lambda c: (c.when is None, c.when or datetime.min, c.path)))


def _column_view(column: Column, cards: Sequence[Card], problems: Sequence[Problem], data: SiteInput,
                 line: schedule.Timeline) -> ColumnView:
    account = data.config.account(column.account)
    periods = column_health(column, line, now=data.now, horizon=account.posting.horizon, tz=data.config.timezone) \
        if account else []
    return ColumnView(column, urls.column_page(column.slug), _sort_cards(cards), tuple(periods), tuple(problems))


def _calendars(data: SiteInput, settings: SiteSettings, by_account: Mapping[str, list[Card]],
               columns: Sequence[ColumnView], line: schedule.Timeline) -> list[AccountCalendar]:
    config = data.config
    keys = [*config.accounts, *sorted(k for k in by_account if k and k not in config.accounts)]
    calendars = []
    for key in keys:
        account = config.accounts.get(key)
        health = [(view.column.name, period) for view in columns if view.column.account == key
                  for period in view.periods]
        if account is not None:
            health += [(_("posts a day"), period)
                       for period in quota_health(key, account.posting, line, now=data.now, tz=config.timezone)]
        calendars.append(account_calendar(key, account, by_account.get(key, []), health, now=data.now,
                                          weeks=settings.weeks, freezes=config.freeze,
                                          tz=config.timezone))
    return calendars


def make_cards(data: SiteInput) -> list[Card]:
    """Every post as a card, in path order."""
    on_file = _by_path(data.problems)
    posts_dir = data.config.paths["posts"]
    return [build_card(result, page=urls.post_page(path, posts_dir), config=data.config, columns=data.columns,
                       now=data.now, record=data.records.get(path), metrics=data.metrics.latest,
                       pictures=data.pictures.get(path, ()), problems=tuple(on_file.get(path, ())),
                       title=data.titles.get(path))
            for path, result in sorted(data.results.items())]


def _group(cards: Sequence[Card], key: str) -> dict[str, list[Card]]:
    found: dict[str, list[Card]] = {}
    for card in cards:
        found.setdefault(getattr(card, key) or "", []).append(card)
    return found


def problem_groups(problems: Sequence[Problem], pages: Mapping[str, str]) -> list[ProblemGroup]:
    """Problems by file, the files with errors first."""
    found: dict[str, list[Problem]] = {}
    for problem in problems:
        found.setdefault(problem.path, []).append(problem)
    groups = [ProblemGroup(path, pages.get(path), tuple(sorted(items))) for path, items in found.items()]
    return sorted(groups, key=lambda g: (LEVELS.index(g.worst), g.path))


def site_pages(data: SiteInput, settings: SiteSettings) -> list[Page]:
    """Every page of the site: index, metrics, one per column, one per post."""
    config = data.config
    cards = make_cards(data)
    by_column, by_account = _group(cards, "column_slug"), _group(cards, "account_key")
    on_file = _by_path(data.problems)
    line = schedule.build([r.summary for r in data.results.values() if r.summary is not None], data.published,
                          config.timezone)
    columns = [_column_view(column, by_column.get(slug, []), on_file.get(column.path, []), data, line)
               for slug, column in sorted(data.columns.items())]
    calendars = _calendars(data, settings, by_account, columns, line)
    pages = {card.path: card.page for card in cards} | {c.column.path: c.page for c in columns}
    dashboard = build_dashboard(cards, data.metrics, config.timezone, {c.column.slug: c.page for c in columns})
    common = {"title": settings.title, "now": f"{data.now:%Y-%m-%d %H:%M} ({config.timezone_name})"}
    index = {**common, "calendars": calendars, "columns": columns, "posts": len(cards),
             "groups": problem_groups(data.problems, pages), "notes": tuple(data.notes),
             "counts": {state: sum(1 for c in cards if c.state == state) for state in STATE_LABELS},
             "state_labels": {state: _(name) for state, name in STATE_LABELS.items()},
             "levels": {level: sum(1 for p in data.problems if p.level.value == level) for level in LEVELS[:3]}}
    return [
        Page(urls.INDEX, "index.html", index),
        Page(urls.METRICS, "metrics.html", {**common, "dashboard": dashboard}),
        *(Page(c.page, "column.html", {**common, "view": c}) for c in columns),
        *(Page(card.page, "post.html", {**common, "card": card}) for card in cards),
    ]


__all__ = ["AccountCalendar", "Page", "SiteInput", "SiteSettings", "make_cards", "site_pages"]
