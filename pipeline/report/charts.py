"""Geometry of the audit bar charts: one bar per SOP (its minutes), with a tick at the median of
the other agencies, so a time far from the peers stands out. The SVG is written by a template.

Times run from minutes to months, so the scale is logarithmic, with gridlines at one minute,
hour, working day, week and month: on a linear scale one slow SOP hides all the others.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.report.values import minutes_text, number, shorten

LABEL_WIDTH = 250
PLOT_WIDTH = 440
VALUE_WIDTH = 230
BAR_HEIGHT = 14
ROW_HEIGHT = 22
AXIS_HEIGHT = 18
# working minutes of CONTRACT.md: hour 60, day 450, week 2,250, month 9,900
GRIDLINES = [(1, "1 menit"), (60, "1 jam"), (450, "1 hari"), (2250, "1 minggu"), (9900, "1 bulan")]
LABEL_CHARS = 38
FAR_FACTOR = 3.0  # a time this many times above or below the peers' median is coloured


@dataclass
class ChartRow:
    label: str
    full_label: str
    y: float
    heading: bool = False
    bar_width: float = 0.0
    marker_x: float | None = None
    value_text: str = ""
    far: bool = False


@dataclass
class Gridline:
    x: float
    label: str


@dataclass
class BarChart:
    width: float
    height: float
    plot_left: float
    plot_width: float
    value_left: float
    axis_height: float
    gridlines: list[Gridline]
    rows: list[ChartRow]


@dataclass
class BarInput:
    label: str
    minutes: float | None
    peers_median: float | None
    heading: bool = False
    absent: bool = False  # the SOP lacks this phase


def bar_chart(inputs: list[BarInput]) -> BarChart | None:
    """None when no bar has a value to draw."""
    values = [v for i in inputs for v in (number(i.minutes), number(i.peers_median)) if v is not None]
    if not values:
        return None
    top = max(values)
    # the axis ends at the gridline above the longest time, and spans at least an hour
    end = max(60, next((minutes for minutes, _ in GRIDLINES if minutes >= top), top))
    scale = LogScale(end)
    rows = [chart_row(item, AXIS_HEIGHT + index * ROW_HEIGHT, scale) for index, item in enumerate(inputs)]
    return BarChart(width=LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH, height=AXIS_HEIGHT + ROW_HEIGHT * len(rows) + 4,
                    plot_left=LABEL_WIDTH, plot_width=PLOT_WIDTH, value_left=LABEL_WIDTH + PLOT_WIDTH + 8,
                    axis_height=AXIS_HEIGHT,
                    gridlines=[Gridline(LABEL_WIDTH + scale(m), label) for m, label in GRIDLINES if m <= end],
                    rows=rows)


@dataclass
class LogScale:
    """Minutes to a length along the plot; a minute or less is at the start."""
    end: float

    def __call__(self, minutes: float) -> float:
        return PLOT_WIDTH * math.log(max(minutes, 1.0)) / math.log(self.end)


def chart_row(item: BarInput, y: float, scale: LogScale) -> ChartRow:
    row = ChartRow(label=shorten(item.label, LABEL_CHARS), full_label=item.label, y=y, heading=item.heading)
    if item.heading:
        return row
    minutes, median = number(item.minutes), number(item.peers_median)
    row.bar_width = scale(minutes) if minutes is not None else 0.0
    row.marker_x = LABEL_WIDTH + scale(median) if median is not None else None
    row.far = is_far(minutes, median)
    row.value_text = value_text(minutes, median, item.absent)
    return row


def is_far(minutes: float | None, median: float | None) -> bool:
    if minutes is None or not median or minutes <= 0:
        return False
    ratio = minutes / median
    return ratio >= FAR_FACTOR or ratio <= 1 / FAR_FACTOR


def value_text(minutes: float | None, median: float | None, absent: bool) -> str:
    own = "tidak ada" if absent else minutes_text(minutes) or "tidak terukur"
    return f"{own} (median lain {minutes_text(median)})" if median is not None else own
