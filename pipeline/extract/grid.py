"""Ruled tables, for the vector (PDF) and raster (scan) backends alike.

A backend turns a page into straight line segments: `pdf_geometry` from the page's vector
paths, `raster` by morphology on the page image. Here those segments become tables: pieces of
one line are joined, lines that touch are grouped (one group per drawn table), line positions
are clustered into row and column borders, and a missing inner line merges the cells beside
it. Which lines are table lines (not connectors, arrows or symbol edges) each backend decides
for its medium; how exactly a medium draws its lines is its `Rules`.

Plain data in, plain data out, in the page's coordinates (points or pixels) with y growing
downwards; a box is (x0, top, x1, bottom).
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

Box = tuple[float, float, float, float]
# (top row, left column, bottom row, right column), bottom and right exclusive
Span = tuple[int, int, int, int]


@dataclass
class Segment:
    """A horizontal or vertical line: at `pos` (y or x), from `start` to `end` along it."""

    horizontal: bool
    pos: float
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Rules:
    """How exactly a medium draws its lines (points of a vector drawing, pixels of a scan)."""

    tolerance: float  # a line end or a line this close to a border lies on it
    merge: float  # border positions this close are one border (a line drawn double, a slight tilt)
    share: float  # a border is drawn along a cell's side where lines cover this share of it


# ---------------------------------------------------------------------------------------------
# Lines


class ByPosition:
    """Segments sorted by position, to find those placed near a coordinate without looking at
    every one (pages of charts carry thousands of lines)."""

    def __init__(self, segments: list[Segment]):
        self.segments = sorted(segments, key=lambda s: s.pos)
        self.positions = [s.pos for s in self.segments]

    def near(self, low: float, high: float) -> list[Segment]:
        return self.segments[bisect_left(self.positions, low):bisect_right(self.positions, high)]


def join_collinear(segments: list[Segment], across: float, along: float,
                   bridge: Callable[[Segment, float, float], bool] | None = None) -> list[Segment]:
    """Pieces of one line (a border drawn cell by cell, a scanned line broken by a faint
    stretch) joined into one segment. Pieces lie on one line when within `across` of its
    first piece; they join when the gap between them is at most `along`, or when
    `bridge(piece, gap_start, gap_end)` allows a longer one (a stamp laid over the line)."""
    joined: list[Segment] = []
    for horizontal in (True, False):
        pieces = sorted((s for s in segments if s.horizontal == horizontal), key=lambda s: (s.pos, s.start))
        lines: list[list[Segment]] = []
        for piece in pieces:  # group by position first, then join along each line
            if lines and abs(piece.pos - lines[-1][0].pos) <= across:
                lines[-1].append(piece)
            else:
                lines.append([piece])
        for line in lines:
            runs: list[list[Segment]] = []
            end = -math.inf
            for piece in sorted(line, key=lambda s: s.start):
                if runs and (piece.start <= end + along or (bridge is not None and bridge(piece, end, piece.start))):
                    runs[-1].append(piece)
                    end = max(end, piece.end)
                else:
                    runs.append([piece])
                    end = piece.end
            for run in runs:  # at the mean position of its pieces, weighted by their length
                pos = sum(p.pos * p.length for p in run) / max(sum(p.length for p in run), 1e-6)
                joined.append(Segment(horizontal, pos, run[0].start, max(p.end for p in run)))
    return joined


def connected_groups(segments: list[Segment], tolerance: float) -> list[list[Segment]]:
    """Segments that touch or cross one another, as separate groups (one per drawn table),
    in the order of their first segment, each in the given order."""
    if not segments:
        return []
    number = {id(s): i for i, s in enumerate(segments)}
    verticals = ByPosition([s for s in segments if not s.horizontal])
    pairs = [(i, number[id(other)]) for i, line in enumerate(segments) if line.horizontal
             for other in verticals.near(line.start - tolerance, line.end + tolerance)
             if other.start - tolerance <= line.pos <= other.end + tolerance]
    groups: dict[int, list[Segment]] = {}
    for segment, label in zip(segments, component_labels(len(segments), pairs)):
        groups.setdefault(label, []).append(segment)
    return list(groups.values())


def component_labels(n: int, pairs: list[tuple[int, int]]) -> list[int]:
    """The connected component of each of n nodes joined by the given pairs."""
    if not pairs:
        return list(range(n))
    ends = np.array(pairs, dtype=np.int64)
    graph = sparse.csr_matrix((np.ones(len(ends), dtype=np.int8), (ends[:, 0], ends[:, 1])), shape=(n, n))
    return connected_components(graph, directed=False)[1].tolist()


def cut_segments(group: list[Segment], cuts: list[float], tolerance: float) -> list[list[Segment]]:
    """The segments of a drawing split into bands at the given heights; a line at a cut
    belongs to both bands, vertical lines are clipped."""
    bands = []
    edges = [-math.inf] + sorted(cuts) + [math.inf]
    for upper, lower in zip(edges, edges[1:]):
        band = []
        for s in group:
            if s.horizontal and upper - tolerance <= s.pos <= lower + tolerance:
                band.append(s)
            elif not s.horizontal and s.end > upper + tolerance and s.start < lower - tolerance:
                band.append(Segment(False, s.pos, max(s.start, upper), min(s.end, lower)))
        bands.append(band)
    return bands


# ---------------------------------------------------------------------------------------------
# Grids


@dataclass
class Region:
    """A cell of a grid: grid rows row..row_end-1 and columns col..col_end-1 (merged when
    it covers more than one)."""

    row: int
    col: int
    row_end: int
    col_end: int
    box: Box


@dataclass
class Grid:
    xs: list[float]  # column borders, left to right
    ys: list[float]  # row borders, top to bottom
    regions: list[Region]
    segments: list[Segment]  # the ruling it was built from
    rules: Rules
    by_position: dict[tuple[int, int], Region] = field(default_factory=dict)  # every (row, col) covered

    def __post_init__(self):
        for region in self.regions:
            for r in range(region.row, region.row_end):
                for c in range(region.col, region.col_end):
                    self.by_position[(r, c)] = region

    @property
    def box(self) -> Box:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def region_at(self, point: tuple[float, float]) -> Region | None:
        """The cell a point lies in."""
        x, y = point
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        col = min(bisect_right(self.xs, x) - 1, self.n_cols - 1)
        row = min(bisect_right(self.ys, y) - 1, self.n_rows - 1)
        return self.by_position.get((row, col))


def build_grid(segments: list[Segment], rules: Rules, columns: list[float] | None = None) -> Grid | None:
    """The grid drawn by a table's lines, with merged cells where an inner line is missing;
    None without two borders each way. `columns` imposes the column borders."""
    horizontals = [s for s in segments if s.horizontal]
    verticals = [s for s in segments if not s.horizontal]
    xs = columns or cluster_positions([v.pos for v in verticals], rules.merge)
    ys = cluster_positions([h.pos for h in horizontals], rules.merge)
    if len(xs) < 2 or len(ys) < 2:
        return None
    spans = merged_cells(
        len(ys) - 1, len(xs) - 1,
        open_right=lambda r, c: not covered(verticals, xs[c + 1], ys[r], ys[r + 1], rules),
        open_below=lambda r, c: not covered(horizontals, ys[r + 1], xs[c], xs[c + 1], rules))
    regions = [Region(r0, c0, r1, c1, (xs[c0], ys[r0], xs[c1], ys[r1])) for r0, c0, r1, c1 in spans]
    return Grid(xs, ys, regions, segments, rules)


def covered(lines: list[Segment], pos: float, start: float, end: float, rules: Rules) -> bool:
    """Do lines at `pos` cover the share of the stretch start..end that makes a border?"""
    pieces = sorted((max(line.start, start), min(line.end, end)) for line in lines
                    if abs(line.pos - pos) <= rules.tolerance and line.end > start and line.start < end)
    total, reach = 0.0, start
    for low, high in pieces:
        if high > reach:
            total += high - max(low, reach)
            reach = high
    return total >= rules.share * (end - start)


def split_grid(grid: Grid, row: int) -> list[Grid]:
    """The grid as two tables, above and below the border at the top of `row`, each with its
    own columns (an identity block drawn in one piece with the flowchart below it)."""
    bands = cut_segments(grid.segments, [grid.ys[row]], grid.rules.tolerance)
    return [g for g in (build_grid(band, grid.rules) for band in bands) if g is not None]


def align_columns(grid: Grid, borders: list[float]) -> Grid:
    """The grid re-cut on another table's column borders when it spans the same width and its
    own borders are among them (a table continued from the page before, whose first page had
    a column line more): the borders it lacks become merged cells, so both number their
    columns alike."""
    tolerance = grid.rules.tolerance
    if len(borders) <= len(grid.xs):
        return grid
    if abs(grid.xs[0] - borders[0]) > tolerance or abs(grid.xs[-1] - borders[-1]) > tolerance:
        return grid
    if not all(any(abs(x - b) <= tolerance for b in borders) for x in grid.xs):
        return grid
    return build_grid(grid.segments, grid.rules, columns=borders) or grid


def cluster_positions(values: list[float], tolerance: float) -> list[float]:
    """Positions closer than `tolerance` (a line drawn double, a slight tilt) as one: their mean."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def merged_cells(n_rows: int, n_cols: int, open_right: Callable[[int, int], bool],
                 open_below: Callable[[int, int], bool]) -> list[Span]:
    """The (merged) cells of an n_rows x n_cols grid, top to bottom and left to right. Cell
    (r, c) joins its right neighbour when `open_right(r, c)` (no line between them) and the
    one below when `open_below(r, c)`. A merge that is not a rectangle (a stray piece of line)
    grows to its bounding rectangle, swallowing what that overlaps."""
    pairs = []
    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and open_right(r, c):
                pairs.append((r * n_cols + c, r * n_cols + c + 1))
            if r + 1 < n_rows and open_below(r, c):
                pairs.append((r * n_cols + c, (r + 1) * n_cols + c))
    bounds: dict[int, list[int]] = {}
    for cell, label in enumerate(component_labels(n_rows * n_cols, pairs)):
        r, c = divmod(cell, n_cols)
        span = bounds.setdefault(label, [r, c, r + 1, c + 1])
        span[0], span[1] = min(span[0], r), min(span[1], c)
        span[2], span[3] = max(span[2], r + 1), max(span[3], c + 1)
    return sorted(without_overlaps([tuple(s) for s in bounds.values()]))


def without_overlaps(spans: list[Span]) -> list[Span]:
    """Overlapping spans replaced by their bounding rectangle, until none overlap."""
    spans = list(spans)
    merged = True
    while merged:
        merged = False
        for i, a in enumerate(spans):
            for j in range(i + 1, len(spans)):
                b = spans[j]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    spans[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del spans[j]
                    merged = True
                    break
            if merged:
                break
    return spans
