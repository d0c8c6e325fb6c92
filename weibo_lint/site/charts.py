"""Inline SVG charts drawn in Python: no JavaScript, nothing loaded from elsewhere.

Every text node and attribute value goes through :func:`markupsafe.escape`, so a column
named ``<script>`` is drawn as those characters. The result is :class:`~markupsafe.Markup`,
ready for an autoescaping template.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

PALETTE = ("#eb7350", "#1f6feb", "#2da44e", "#8250df", "#bf8700", "#cf222e", "#0a7ea4", "#6e7781")
from weibo_lint.i18n import WEEKDAYS, _  # noqa: E402 - beside what it replaces


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def el(tag: str, attrs: dict[str, object] | None = None, *children: str | Markup) -> Markup:
    """One SVG element; attribute values and plain-text children are escaped."""
    rendered = "".join(f' {name}="{escape(str(value))}"' for name, value in (attrs or {}).items())
    inner = Markup("").join(child if isinstance(child, Markup) else escape(child) for child in children)
    return Markup(f"<{tag}{rendered}>") + inner + Markup(f"</{tag}>")


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[tuple[date, float], ...]  # sorted by date


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** (len(str(int(value))) - 1)
    return float(-(-value // step) * step)


def line_chart(series: Sequence[Series], *, title: str, unit: str, width: int = 720, height: int = 300) -> Markup:
    """One line per series over dates; a point's tooltip gives its date and value."""
    days = sorted({day for s in series for day, _value in s.points})
    if not days:
        return Markup("")
    left, right, top, bottom = 48, 16, 16, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_max(max(v for s in series for _day, v in s.points))
    span = max((days[-1] - days[0]).days, 1)

    def x(day: date) -> float:
        return left + (plot_w * (day - days[0]).days / span if len(days) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return top + plot_h - plot_h * value / top_value

    parts: list[Markup] = [el("title", None, title)]
    for fraction in (0, 0.5, 1):
        value = top_value * fraction
        parts.append(el("line", {"x1": left, "x2": width - right, "y1": _num(y(value)), "y2": _num(y(value)),
                                 "class": "grid"}))
        parts.append(el("text", {"x": left - 6, "y": _num(y(value) + 4), "class": "axis", "text-anchor": "end"},
                        _num(value)))
    step = max(1, -(-len(days) // 8))
    for day in days[::step]:
        parts.append(el("text", {"x": _num(x(day)), "y": height - bottom + 16, "class": "axis",
                                 "text-anchor": "middle"}, day.strftime("%m-%d")))
    for index, one in enumerate(series):
        color = PALETTE[index % len(PALETTE)]
        coords = " ".join(f"{_num(x(d))},{_num(y(v))}" for d, v in one.points)
        parts.append(el("polyline", {"points": coords, "fill": "none", "stroke": color, "stroke-width": 2}))
        for day, value in one.points if len(one.points) <= 120 else ():  # dots only where they can be told apart
            parts.append(el("circle", {"cx": _num(x(day)), "cy": _num(y(value)), "r": 3.5, "fill": color},
                            el("title", None, f"{one.label} {day.isoformat()}: {_num(value)} {unit}")))
        legend_x = left + (index % 4) * (plot_w // 4)
        legend_y = height - 22 + (index // 4) * 16
        parts.append(el("rect", {"x": legend_x, "y": legend_y - 9, "width": 10, "height": 10, "fill": color}))
        parts.append(el("text", {"x": legend_x + 14, "y": legend_y, "class": "legend"}, one.label))
    height += 16 * ((len(series) - 1) // 4)
    return el("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {width} {height}",
                      "class": "chart", "role": "img", "aria-label": title}, *parts)


@dataclass(frozen=True)
class HeatCell:
    weekday: int  # 0 = Monday
    hour: int
    posts: int
    value: float  # mean engagement of the posts published in that hour


def heatmap(cells: Sequence[HeatCell], *, title: str, unit: str) -> Markup:
    """Hours of the week (rows Monday..Sunday, columns 0..23); darker is more engagement."""
    if not cells:
        return Markup("")
    size, left, top = 26, 40, 20
    width, height = left + 24 * size + 8, top + 7 * size + 8
    peak = max(cell.value for cell in cells) or 1.0
    by_slot = {(c.weekday, c.hour): c for c in cells}
    parts: list[Markup] = [el("title", None, title)]
    for hour in range(0, 24, 3):
        parts.append(el("text", {"x": left + hour * size + size // 2, "y": top - 6, "class": "axis",
                                 "text-anchor": "middle"}, f"{hour:02d}"))
    for weekday, name in enumerate(_(day) for day in WEEKDAYS):
        parts.append(el("text", {"x": left - 6, "y": top + weekday * size + size // 2 + 4, "class": "axis",
                                 "text-anchor": "end"}, name))
        for hour in range(24):
            cell = by_slot.get((weekday, hour))
            attrs: dict[str, object] = {"x": left + hour * size, "y": top + weekday * size,
                                        "width": size - 2, "height": size - 2, "rx": 3}
            if cell is None:
                parts.append(el("rect", {**attrs, "class": "empty"}))
                continue
            attrs.update({"fill": PALETTE[0], "fill-opacity": _num(0.15 + 0.85 * cell.value / peak)})
            tip = _("{day} {hour}:00 — {posts} posts, mean {value} {unit}").format(
                day=name, hour=f"{hour:02d}", posts=cell.posts, value=_num(cell.value), unit=unit)
            parts.append(el("rect", attrs, el("title", None, tip)))
    return el("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {width} {height}",
                      "class": "chart heatmap", "role": "img", "aria-label": title}, *parts)
