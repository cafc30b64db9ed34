"""Cell structure of a ruled table, shared by the vector (PDF) and raster (scan) backends:
line positions clustered into borders, and cells merged where an inner line is missing."""
from __future__ import annotations

from typing import Callable

# (top row, left column, bottom row, right column), bottom and right exclusive
Span = tuple[int, int, int, int]


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
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def root(cell):
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and open_right(r, c):
                parent[root((r, c))] = root((r, c + 1))
            if r + 1 < n_rows and open_below(r, c):
                parent[root((r, c))] = root((r + 1, c))
    bounds: dict[tuple[int, int], list[int]] = {}
    for (r, c) in parent:
        span = bounds.setdefault(root((r, c)), [r, c, r + 1, c + 1])
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
