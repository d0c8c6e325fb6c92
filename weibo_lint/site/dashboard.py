"""The metrics dashboard: engagement per column over time, best hours of the week, top posts."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from markupsafe import Markup

from weibo_lint.i18n import N_, _
from weibo_lint.site.cards import Card
from weibo_lint.site.charts import HeatCell, Series, heatmap, line_chart
from weibo_lint.site.metrics import GroupStats, MetricsData, group_stats
from weibo_lint.times import parse_instant

UNIT = N_("interactions")  # reposts + comments + likes


@dataclass(frozen=True)
class StatsRow:
    label: str
    page: str | None
    stats: GroupStats


@dataclass(frozen=True)
class Dashboard:
    published: int  # posts with a publication record
    measured: int  # of those, with at least one metrics row
    rows: int
    skipped: int
    by_column: tuple[StatsRow, ...]
    by_account: tuple[StatsRow, ...]
    top: tuple[Card, ...]
    bucket: str  # day | week: what a point of the engagement chart stands for
    engagement_chart: Markup
    hours_chart: Markup


def published_time(card: Card, tz: tzinfo) -> datetime | None:
    """When the post really went out (the record), else when it was planned."""
    if card.publication and card.publication.at:
        when = parse_instant(card.publication.at)  # None: not a time, or beyond the calendar's edges
        if when is not None:
            return when.astimezone(tz) if when.tzinfo else when.replace(tzinfo=tz)
    return card.when


def _rows(groups: dict[tuple[str, str | None], list[Card]]) -> tuple[StatsRow, ...]:
    return tuple(StatsRow(label, page, group_stats([c.publication.metrics for c in cards]))  # type: ignore[union-attr,misc]
                 for (label, page), cards in sorted(groups.items(), key=lambda item: item[0][0]))


WEEKLY_AFTER = 62  # days of history past which the chart counts by week: daily points are noise


def _engagement_series(measured: Sequence[tuple[Card, datetime]]) -> tuple[list[Series], str]:
    """Mean engagement per post for each column, by day of publication (by week, from its
    Monday, when the history is long)."""
    days = [when.date() for _card, when in measured]
    weekly = bool(days) and (max(days) - min(days)).days > WEEKLY_AFTER
    per_column: dict[str, dict[date, list[int]]] = {}
    for card, when in measured:
        bucket = when.date() - timedelta(days=when.weekday()) if weekly else when.date()
        per_column.setdefault(card.column_name, {}).setdefault(bucket, []).append(
            card.publication.metrics.engagement)  # type: ignore[union-attr]
    series = [Series(label, tuple((day, sum(v) / len(v)) for day, v in sorted(buckets.items())))
              for label, buckets in sorted(per_column.items())]
    return series, "week" if weekly else "day"


def _hour_cells(measured: Sequence[tuple[Card, datetime]]) -> list[HeatCell]:
    slots: dict[tuple[int, int], list[int]] = {}
    for card, when in measured:
        slots.setdefault((when.weekday(), when.hour), []).append(card.publication.metrics.engagement)  # type: ignore[union-attr]
    return [HeatCell(weekday, hour, len(values), sum(values) / len(values))
            for (weekday, hour), values in sorted(slots.items())]


def build_dashboard(cards: Sequence[Card], metrics: MetricsData, tz: tzinfo, column_pages: dict[str, str]) -> Dashboard:
    published = [c for c in cards if c.publication is not None]
    measured = [(c, when) for c in published if c.publication and c.publication.metrics
                for when in [published_time(c, tz)] if when is not None]
    by_column: dict[tuple[str, str | None], list[Card]] = {}
    by_account: dict[tuple[str, str | None], list[Card]] = {}
    for card, _when in measured:
        by_column.setdefault((card.column_name, column_pages.get(card.column_slug or "")), []).append(card)
        by_account.setdefault((card.screen_name, None), []).append(card)
    series, bucket = _engagement_series(measured)
    top = sorted((c for c, _when in measured), key=lambda c: (-c.publication.metrics.engagement, c.path))  # type: ignore[union-attr]
    return Dashboard(
        published=len(published),
        measured=len(measured),
        rows=metrics.rows,
        skipped=metrics.skipped,
        by_column=_rows(by_column),
        by_account=_rows(by_account),
        top=tuple(top[:10]),
        bucket=bucket,
        engagement_chart=line_chart(series, unit=_(UNIT),
                                    title=_("Mean engagement per post, by column and week of publication") if bucket == "week"
                                    else _("Mean engagement per post, by column and day of publication")),
        hours_chart=heatmap(_hour_cells(measured), unit=_(UNIT),
                            title=_("Mean engagement by hour of the week the post went out")),
    )
