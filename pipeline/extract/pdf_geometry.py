"""Geometry of a PDF page's drawing, in the manner of pdfplumber's table finder.

Ruling segments come from drawn lines and thin rectangles; collinear pieces are joined, lines
with a free end (flowchart connectors and arrows) are pruned, and what stays connected makes a
table grid (`grid`) whose missing inner edges are merged cells. Closed outlines that are not
rulings are told apart as flowchart symbols (rectangle, diamond, rounded terminator) or not.

Plain data in, plain data out. Coordinates are points with the origin at the top left of the
page as displayed, y growing downwards; a box is (x0, top, x1, bottom).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.extract.grid import (Box, ByPosition, Grid, Rules, Segment, build_grid, connected_groups,
                                   cut_segments, join_collinear)

Point = tuple[float, float]

SNAP = 3.0  # ends this close to a line touch it (pdfplumber's snap and join tolerance)
THIN = 3.0  # a filled shape thinner than this is a drawn line
MIN_RULING = 4.0  # shorter pieces are arrow heads or glyph parts, not table lines
# Vector lines are exact: a border is drawn where one runs along most of a cell's side.
RULES = Rules(tolerance=SNAP, merge=SNAP, share=0.6)


# ---------------------------------------------------------------------------------------------
# Boxes


def box_of(points: list[Point]) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def width(box: Box) -> float:
    return box[2] - box[0]


def height(box: Box) -> float:
    return box[3] - box[1]


def area(box: Box) -> float:
    return max(0.0, width(box)) * max(0.0, height(box))


def centre(box: Box) -> Point:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def contains_point(box: Box, point: Point) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def intersection(a: Box, b: Box) -> float:
    return area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def distance(a: Box, b: Box) -> float:
    """Gap between two boxes (0 when they touch or overlap)."""
    dx = max(0.0, max(a[0], b[0]) - min(a[2], b[2]))
    dy = max(0.0, max(a[1], b[1]) - min(a[3], b[3]))
    return math.hypot(dx, dy)


def union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def upright(box: Box, turns: int) -> Box:
    """A box in the frame where text turned `turns` quarter turns clockwise reads left to
    right, top to bottom (3: text reading upwards, lines following to the right)."""
    x0, top, x1, bottom = box
    if turns == 1:
        return top, -x1, bottom, -x0
    if turns == 2:
        return -x1, -bottom, -x0, -top
    if turns == 3:
        return -bottom, x0, -top, x1
    return box


def is_thin(box: Box) -> bool:
    return min(width(box), height(box)) <= THIN and max(width(box), height(box)) >= MIN_RULING


# ---------------------------------------------------------------------------------------------
# Ruling segments


def segment_of_box(box: Box) -> Segment:
    """The centre line of a thin box (a line drawn as a filled rectangle)."""
    if width(box) >= height(box):
        return Segment(True, (box[1] + box[3]) / 2, box[0], box[2])
    return Segment(False, (box[0] + box[2]) / 2, box[1], box[3])


def segments_of_polyline(points: list[Point]) -> list[Segment]:
    """The horizontal and vertical pieces of a stroked open path; slanted pieces are no rulings."""
    found = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if abs(y1 - y0) <= 0.5 and abs(x1 - x0) >= MIN_RULING:
            found.append(Segment(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) >= MIN_RULING:
            found.append(Segment(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    return found


def segments_of_box_edges(box: Box) -> list[Segment]:
    x0, top, x1, bottom = box
    return [Segment(True, top, x0, x1), Segment(True, bottom, x0, x1),
            Segment(False, x0, top, bottom), Segment(False, x1, top, bottom)]


def prune_free_ends(segments: list[Segment], tolerance: float = SNAP) -> list[Segment]:
    """Keep the segments whose both ends rest on a perpendicular kept segment.

    A table line ends on another table line; a connector or an arrow ends on a symbol or in
    free space, so it goes, and with it whatever only it held up."""
    kept = list(segments)
    while True:
        index = {True: ByPosition([s for s in kept if not s.horizontal]),
                 False: ByPosition([s for s in kept if s.horizontal])}
        for segment in kept:
            trim_overshoot(segment, index[segment.horizontal], tolerance)
        survivors = [s for s in kept if all(rests_on(end, s, index[s.horizontal], tolerance) for end in (s.start, s.end))]
        if len(survivors) == len(kept):
            return survivors
        kept = survivors


def trim_overshoot(segment: Segment, perpendicular: ByPosition, tolerance: float) -> None:
    """A table border drawn as one with a longer line close to it (a page footer's rule right
    under the table, joined to its bottom border) overshoots the table's corners: its free ends
    are cut back to the outermost corners, where perpendicular lines end on it."""
    corners = [other.pos for other in perpendicular.near(segment.start - tolerance, segment.end + tolerance)
               if min(abs(other.start - segment.pos), abs(other.end - segment.pos)) <= tolerance]
    if len(corners) < 2:
        return
    if not rests_on(segment.start, segment, perpendicular, tolerance):
        segment.start = min(corners)
    if not rests_on(segment.end, segment, perpendicular, tolerance):
        segment.end = max(corners)


def rests_on(end: float, segment: Segment, perpendicular: ByPosition, tolerance: float) -> bool:
    """Does the end of a segment (at `end` along it) lie on one of the perpendicular segments?"""
    return any(other.start - tolerance <= segment.pos <= other.end + tolerance
               for other in perpendicular.near(end - tolerance, end + tolerance))


def split_stacked_tables(group: list[Segment], tolerance: float = SNAP) -> list[list[Segment]]:
    """Tables drawn one right below the other share a border; split them there.

    The border is a full-width line that no inner vertical line crosses, with inner vertical
    lines both above it and below it (a row merged over the full width, such as a section
    title, has none and does not split)."""
    verticals = [s for s in group if not s.horizontal]
    horizontals = [s for s in group if s.horizontal]
    if not verticals or not horizontals:
        return [group]
    left = min(s.pos for s in verticals)
    right = max(s.pos for s in verticals)
    inner = [v for v in verticals if v.pos > left + tolerance and v.pos < right - tolerance]
    cuts = []
    for line in horizontals:
        if line.start > left + tolerance or line.end < right - tolerance:
            continue
        y = line.pos
        crossing = any(v.start < y - tolerance and v.end > y + tolerance for v in inner)
        above = any(abs(v.end - y) <= tolerance for v in inner)
        below = any(abs(v.start - y) <= tolerance for v in inner)
        if not crossing and above and below:
            cuts.append(y)
    return cut_segments(group, cuts, tolerance) if cuts else [group]


# ---------------------------------------------------------------------------------------------
# Grids


@dataclass
class Ruling:
    """What a page's straight lines draw."""

    grids: list[Grid]  # tables, top to bottom
    frames: list[Box]  # single rectangles drawn line by line (a box around a symbol or a note)
    loose: list[Segment]  # lines of no table or frame: connectors, arrows, underlines


def find_grids(segments: list[Segment]) -> Ruling:
    """The tables (and lone rectangles) drawn by the ruling segments of a page."""
    joined = join_collinear(segments, across=SNAP / 2, along=SNAP)
    kept = prune_free_ends(joined)
    ruling = Ruling([], [], [s for s in joined if not any(s is k for k in kept)])
    for group in connected_groups(kept, SNAP):
        for band in split_stacked_tables(group):
            grid = build_grid(band, RULES)
            if grid is None:
                ruling.loose += band
            elif is_single_cell(grid):
                ruling.frames.append(grid.box)
            else:
                ruling.grids.append(grid)
    ruling.grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return ruling


def is_single_cell(grid: Grid) -> bool:
    """A lone rectangle: a frame around a symbol or a note, not a table."""
    return grid.n_rows == grid.n_cols == 1


def tiled_rectangles(boxes: list[Box], tolerance: float = 1.5) -> set[int]:
    """Indices of rectangles that share an edge with another one: table cells drawn as boxes
    (a flowchart symbol stands alone in its cell)."""
    tiled = set()
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            if shares_edge(a, boxes[j], tolerance):
                tiled.update((i, j))
    return tiled


def shares_edge(a: Box, b: Box, tolerance: float) -> bool:
    def overlap(lo1, hi1, lo2, hi2):
        return min(hi1, hi2) - max(lo1, lo2) >= 0.5 * min(hi1 - lo1, hi2 - lo2)

    side_by_side = (abs(a[2] - b[0]) <= tolerance or abs(b[2] - a[0]) <= tolerance) and overlap(a[1], a[3], b[1], b[3])
    stacked = (abs(a[3] - b[1]) <= tolerance or abs(b[3] - a[1]) <= tolerance) and overlap(a[0], a[2], b[0], b[2])
    return side_by_side or stacked


# ---------------------------------------------------------------------------------------------
# Symbol outlines

MIN_SYMBOL_WIDTH = 10.0
MIN_SYMBOL_HEIGHT = 6.0
ROUND_ASPECT = 1.3  # a curved outline about as wide as high is a connector circle, not a terminator
FLATTENED_CURVE_POINTS = 12  # an outline with this many corners is a curve drawn as a polygon


def polygon_area(points: list[Point]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2


def distinct_points(points: list[Point], tolerance: float = 0.8) -> list[Point]:
    """The points of a closed outline without repeats (the closing point included)."""
    distinct: list[Point] = []
    for point in points:
        if not distinct or math.dist(point, distinct[-1]) > tolerance:
            distinct.append(point)
    if len(distinct) > 1 and math.dist(distinct[0], distinct[-1]) <= tolerance:
        distinct.pop()
    return distinct


def corners(points: list[Point], tolerance: float = 0.8) -> list[Point]:
    """The corners of a polygon: repeated and in-line points dropped."""
    found = distinct_points(points, tolerance)
    changed = True
    while changed and len(found) > 3:
        changed = False
        for i in range(len(found)):
            a, b, c = found[i - 1], found[i], found[(i + 1) % len(found)]
            cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])
            if abs(cross) <= tolerance * max(math.dist(a, c), 1.0):
                del found[i]
                changed = True
                break
    return found


def outline_kind(points: list[Point], curved: bool) -> str | None:
    """process (rectangle), decision (diamond) or terminator (rounded outline) for a closed
    outline; None for anything else (arrow heads, connector circles, off-page pentagons,
    elbow connectors drawn as filled polygons)."""
    box = box_of(points)
    w, h = width(box), height(box)
    if w < MIN_SYMBOL_WIDTH or h < MIN_SYMBOL_HEIGHT:
        return None
    vertices = corners(points)
    if len(vertices) == 4 and not curved:
        return straight_kind(vertices, box)
    if curved or len(distinct_points(points)) >= FLATTENED_CURVE_POINTS:
        fill_ratio = polygon_area(points) / (w * h)
        return "terminator" if fill_ratio >= 0.7 and w >= ROUND_ASPECT * h else None
    return None


def straight_kind(vertices: list[Point], box: Box) -> str | None:
    """A four-cornered outline: a rectangle (process) or a diamond (decision)."""
    tolerance = 0.12 * min(width(box), height(box)) + 0.5
    box_corners = [(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])]
    midpoints = [((box[0] + box[2]) / 2, box[1]), (box[2], (box[1] + box[3]) / 2),
                 ((box[0] + box[2]) / 2, box[3]), (box[0], (box[1] + box[3]) / 2)]
    if all(any(math.dist(v, c) <= tolerance for v in vertices) for c in box_corners):
        return "process"
    if all(any(math.dist(v, m) <= tolerance for v in vertices) for m in midpoints):
        return "decision"
    return None


# ---------------------------------------------------------------------------------------------
# Text lines


def group_lines(boxes: list[Box]) -> list[list[int]]:
    """Indices of boxes (words) grouped into text lines, top to bottom, each left to right.
    A word joins a line when its middle lies within the line's height and it does not sit
    on top of a word already there."""
    lines: list[tuple[list[float], list[int]]] = []  # ([top, bottom], word indices)
    for i in sorted(range(len(boxes)), key=lambda i: centre(boxes[i])[1]):
        box = boxes[i]
        middle = centre(box)[1]
        home = next((line for line in reversed(lines)
                     if line[0][0] <= middle <= line[0][1]
                     and not overlaps_horizontally(box, [boxes[j] for j in line[1]])), None)
        if home is None:
            lines.append(([box[1], box[3]], [i]))
        else:
            home[1].append(i)
            home[0][0], home[0][1] = min(home[0][0], box[1]), max(home[0][1], box[3])
    lines.sort(key=lambda line: sum(line[0]) / 2)
    return [sorted(indices, key=lambda j: boxes[j][0]) for _, indices in lines]


def overlaps_horizontally(box: Box, others: list[Box]) -> bool:
    return any(min(box[2], o[2]) - max(box[0], o[0]) > 0.5 * min(width(box), width(o)) for o in others)
