"""Server-rendered SVG charts: geometry only, so templates draw them without JavaScript and every
chart sits beside a table of the same data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ChartPoint:
    label: str
    value: float
    x: float
    y: float


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    points: list[ChartPoint]
    polyline: str
    y_ticks: list[tuple[float, str]]
    x_ticks: list[ChartPoint]

    @property
    def bottom(self) -> int:
        return self.top + self.plot_height

    @property
    def right(self) -> int:
        return self.left + self.plot_width


def line_chart(
    data: Sequence[tuple[str, float]],
    *,
    max_value: float = 100.0,
    width: int = 640,
    height: int = 280,
    max_x_labels: int = 8,
    y_suffix: str = "%",
) -> LineChart:
    """Lay out `data` (label, value) as a line from left to right, values 0..max_value."""
    left, top, right_pad, bottom_pad = 48, 16, 16, 40
    plot_w, plot_h = width - left - right_pad, height - top - bottom_pad
    count = len(data)
    step = plot_w / (count - 1) if count > 1 else 0
    points = [
        ChartPoint(
            label=label,
            value=value,
            x=round(left + i * step, 1),
            y=round(top + plot_h - (min(value, max_value) / max_value) * plot_h, 1),
        )
        for i, (label, value) in enumerate(data)
    ]
    every = max(1, -(-count // max_x_labels))
    tick_indexes = list(range(0, count, every))
    if count and tick_indexes[-1] != count - 1:
        # Always label the last point; drop the tick before it when the labels would collide.
        if (count - 1) - tick_indexes[-1] < every / 2 and len(tick_indexes) > 1:
            tick_indexes.pop()
        tick_indexes.append(count - 1)
    x_ticks = [points[i] for i in tick_indexes]
    y_ticks = [
        (round(top + plot_h - (v / max_value) * plot_h, 1), f"{v:g}{y_suffix}")
        for v in (0, max_value * 0.25, max_value * 0.5, max_value * 0.75, max_value)
    ]
    return LineChart(
        width=width,
        height=height,
        left=left,
        top=top,
        plot_width=plot_w,
        plot_height=plot_h,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        y_ticks=y_ticks,
        x_ticks=x_ticks,
    )
