"""Geometry of an SOP flowchart redrawn from its normalized step rows.

The drawing follows the PermenPAN-RB 35/2012 table: steps are rows top to bottom, with the
step number and activity at the left, one lane (column) per actor, and the time at the right.
Each step has a symbol in the lane of every actor marked for it. Only positions are computed
here; the SVG is written by a template, which escapes every text.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import ClassVar

from pipeline.report.values import as_list, minutes_text, number, shorten, text

NO_WIDTH = 44
ACTIVITY_WIDTH = 290
LANE_WIDTH = 132
TIME_WIDTH = 124
CHANNEL_GAP = 12  # room per branch arrow routed at the right of the lanes
ROW_HEIGHT = 64
LINE_HEIGHT = 13
GROUP_HEADER_HEIGHT = 22  # the "Pelaksana" band above the actor names
SYMBOL_SIZE = {"terminator": (84, 30), "process": (84, 30), "decision": (100, 46)}
ACTIVITY_CHARS = 46  # characters per line of activity text at the drawing's font size
LANE_CHARS = 19
ACTIVITY_LINES = 3
NO_ACTOR_LANE = "(tanpa pelaksana)"
BRANCH_WORDS = {"ya": "Ya", "y": "Ya", "tidak": "Tidak", "t": "Tidak", "tdk": "Tidak"}


@dataclass
class Symbol:
    kind: str  # terminator, process, decision
    lane: int
    x: float  # centre
    y: float
    width: float
    height: float
    marked: bool  # False where the step's symbol kind is not known (a text export)

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height / 2

    @property
    def right(self) -> float:
        return self.x + self.width / 2

    @property
    def diamond(self) -> str:
        w, h = self.width / 2, self.height / 2
        return f"{self.x},{self.y - h} {self.x + w},{self.y} {self.x},{self.y + h} {self.x - w},{self.y}"


@dataclass
class Row:
    number: str
    activity_lines: list[str]
    activity: str  # full text, for the tooltip
    time_lines: list[str]
    top: float
    symbols: list[Symbol]
    severity: str | None  # worst finding about this step


@dataclass
class Arrow:
    points: list[tuple[float, float]]
    label: str | None = None
    label_at: tuple[float, float] | None = None
    branch: bool = False  # a jump to a step other than the next

    @property
    def path(self) -> str:
        return " ".join(f"{x},{y}" for x, y in self.points)


@dataclass
class Lane:
    name: str
    x: float
    name_lines: list[str]


@dataclass
class Swimlane:
    width: float
    height: float
    header_height: float
    lanes_left: float
    lanes_right: float
    time_left: float
    lanes: list[Lane]
    rows: list[Row]
    arrows: list[Arrow] = field(default_factory=list)
    # for the template
    no_width: ClassVar[int] = NO_WIDTH
    lane_width: ClassVar[int] = LANE_WIDTH
    row_height: ClassVar[int] = ROW_HEIGHT
    line_height: ClassVar[int] = LINE_HEIGHT
    group_header_height: ClassVar[int] = GROUP_HEADER_HEIGHT


def layout_swimlane(actors: list[str], steps: list[dict], severities: dict[int, str]) -> Swimlane:
    """steps: rows of the steps table in seq order; severities: seq -> worst finding severity."""
    lane_names = lanes_for(actors, steps)
    name_lines = [textwrap.wrap(name, LANE_CHARS, break_long_words=True)[:4] or [""] for name in lane_names]
    header_height = GROUP_HEADER_HEIGHT + LINE_HEIGHT * max((len(n) for n in name_lines), default=1) + 14
    lanes_left = NO_WIDTH + ACTIVITY_WIDTH
    lanes = [Lane(name, lanes_left + i * LANE_WIDTH, lines)
             for i, (name, lines) in enumerate(zip(lane_names, name_lines))]
    lanes_right = lanes_left + LANE_WIDTH * len(lanes)
    rows = [step_row(step, i, header_height, lane_names, lanes_left, severities)
            for i, step in enumerate(steps)]
    arrows = [consecutive_arrow(a, b, branch_label(b_step) if is_decision(a_step) else None)
              for (a, a_step), (b, b_step) in zip(zip(rows, steps), zip(rows[1:], steps[1:]))]
    branches = branch_arrows(rows, steps, lanes_right)
    time_left = lanes_right + (CHANNEL_GAP * (len(branches) + 1) if branches else 0)
    return Swimlane(width=time_left + TIME_WIDTH, height=header_height + ROW_HEIGHT * len(rows),
                    header_height=header_height, lanes_left=lanes_left, lanes_right=lanes_right,
                    time_left=time_left, lanes=lanes, rows=rows, arrows=arrows + branches)


def lanes_for(actors: list[str], steps: list[dict]) -> list[str]:
    """The document's actors, then any actor only the steps name, then a lane for unmarked steps."""
    names = dict.fromkeys(a for a in actors if a)
    for step in steps:
        names.update(dict.fromkeys(as_list(step.get("actors"))))
    if any(not as_list(step.get("actors")) for step in steps):
        names[NO_ACTOR_LANE] = None
    return list(names)


def step_row(step: dict, index: int, header_height: float, lane_names: list[str], lanes_left: float,
             severities: dict[int, str]) -> Row:
    top = header_height + index * ROW_HEIGHT
    kind = symbol_kind(step.get("symbol"))
    width, height = SYMBOL_SIZE[kind]
    lanes = [lane_names.index(a) for a in as_list(step.get("actors"))] or [lane_names.index(NO_ACTOR_LANE)]
    symbols = [Symbol(kind, lane, lanes_left + (lane + 0.5) * LANE_WIDTH, top + ROW_HEIGHT / 2, width, height,
                      marked=bool(text(step.get("symbol"))))
               for lane in sorted(set(lanes))]
    activity = " ".join(text(step.get("activity")).split())
    lines = textwrap.wrap(activity, ACTIVITY_CHARS)
    if len(lines) > ACTIVITY_LINES:
        lines = lines[: ACTIVITY_LINES - 1] + [shorten(" ".join(lines[ACTIVITY_LINES - 1:]), ACTIVITY_CHARS)]
    return Row(number=step_label(step), activity_lines=lines, activity=activity,
               time_lines=time_lines(step), top=top, symbols=symbols,
               severity=severities.get(int(number(step.get("seq")) or 0)))


def symbol_kind(symbol) -> str:
    value = text(symbol).lower()
    if value in ("start", "end"):
        return "terminator"
    return "decision" if value == "decision" else "process"


def is_decision(step: dict) -> bool:
    return text(step.get("symbol")).lower() == "decision"


def step_label(step: dict) -> str:
    printed = text(step.get("step_no"))
    return printed or text(step.get("seq"))


def time_lines(step: dict, limit: int | None = 20) -> list[str]:
    """The time as printed, then in working time when that reads differently ("1" -> "1 hari")."""
    printed = shorten(step.get("duration_text"), limit) if limit else text(step.get("duration_text"))
    in_words = minutes_text(step.get("duration_minutes"))
    if not printed:
        return [in_words] if in_words else []
    return [printed, in_words] if in_words and not same_words(in_words, printed) else [printed]


def same_words(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def branch_label(step: dict) -> str | None:
    """"Ya" or "Tidak" printed on the arrow into this step, from the optional steps column
    `label` (the text printed in or beside the step's symbol: Mulai, Ya, Tidak, Selesai)."""
    return BRANCH_WORDS.get(text(step.get("label")).lower().strip(" .:"))


def consecutive_arrow(a: Row, b: Row, label: str | None) -> Arrow:
    source, target = min(((s, t) for s in a.symbols for t in b.symbols),
                         key=lambda pair: abs(pair[0].lane - pair[1].lane))
    if source.lane == target.lane:
        points = [(source.x, source.bottom), (target.x, target.top)]
    else:
        middle = (source.bottom + target.top) / 2
        points = [(source.x, source.bottom), (source.x, middle), (target.x, middle), (target.x, target.top)]
    return Arrow(points, label, (source.x + 5, source.bottom + 11) if label else None)


def branch_arrows(rows: list[Row], steps: list[dict], lanes_right: float) -> list[Arrow]:
    """Jumps from a decision to a step other than the next (a loop back, or a skip forward),
    where a step carries a Ya/Tidak label and no decision is right before it."""
    # decision -> labels of its branches drawn so far (the arrow to the next step is one)
    used = {i: {branch_label(steps[i + 1])} if i + 1 < len(steps) else set()
            for i, step in enumerate(steps) if is_decision(step)}
    arrows = []
    for target, step in enumerate(steps):
        label = branch_label(step)
        if not label or (target > 0 and is_decision(steps[target - 1])):
            continue
        free = [d for d in used if d != target and label not in used[d]]
        if not free:
            continue
        decision = min(free, key=lambda d: abs(d - target))
        used[decision].add(label)
        channel = lanes_right + CHANNEL_GAP * (len(arrows) + 1)
        arrows.append(jump(rows[decision].symbols[-1], rows[target].symbols[-1], channel, label))
    return arrows


def jump(source: Symbol, target: Symbol, channel: float, label: str) -> Arrow:
    points = [(source.right, source.y), (channel, source.y), (channel, target.y), (target.right, target.y)]
    return Arrow(points, label, (source.right + 3, source.y - 4), branch=True)
