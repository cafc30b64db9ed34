"""The ruled-table module shared by the PDF and scan backends: lines to grids and cells."""
from pipeline.extract.grid import (Rules, Segment, align_columns, build_grid, connected_groups,
                                   join_collinear, merged_cells, split_grid)

RULES = Rules(tolerance=3.0, merge=3.0, share=0.6)


def h(y, x0, x1):
    return Segment(True, y, x0, x1)


def v(x, y0, y1):
    return Segment(False, x, y0, y1)


def table(xs, ys):
    """A fully ruled table with borders at xs and ys."""
    return [h(y, xs[0], xs[-1]) for y in ys] + [v(x, ys[0], ys[-1]) for x in xs]


def test_pieces_of_a_line_join_and_a_wide_gap_stays_open():
    pieces = [h(10.0, 0, 40), h(11.0, 41, 80), h(10.0, 200, 240)]
    joined = join_collinear(pieces, across=1.5, along=3.0)
    assert sorted((s.start, s.end) for s in joined) == [(0, 80), (200, 240)]
    first = next(s for s in joined if s.start == 0)
    assert first.pos == (10.0 * 40 + 11.0 * 39) / 79  # weighted by the length of its own pieces
    assert next(s for s in joined if s.start == 200).pos == 10.0


def test_bridge_joins_a_gap_the_caller_allows():
    pieces = [h(10.0, 0, 40), h(10.0, 60, 100)]
    assert len(join_collinear(pieces, across=1.5, along=3.0)) == 2
    bridged = join_collinear(pieces, across=1.5, along=3.0, bridge=lambda piece, start, end: (start, end) == (40, 60))
    assert [(s.start, s.end) for s in bridged] == [(0, 100)]


def test_connected_groups_keep_tables_apart_in_order():
    upper = table([0, 50, 100], [0, 20, 40])
    lower = table([0, 100], [200, 220])
    loose = [h(500, 0, 30)]
    groups = connected_groups(upper + loose + lower, tolerance=3.0)
    assert [len(g) for g in groups] == [len(upper), 1, len(lower)]
    assert groups[0] == upper  # members keep the given order


def test_missing_inner_line_merges_cells():
    segments = table([0, 50, 100], [0, 20, 40])
    segments = [s for s in segments if not (not s.horizontal and s.pos == 50)] + [v(50, 20, 40)]
    grid = build_grid(segments, RULES)
    assert (grid.n_rows, grid.n_cols) == (2, 2)
    heading = grid.by_position[(0, 0)]
    assert (heading.row, heading.col, heading.row_end, heading.col_end) == (0, 0, 1, 2)
    assert heading.box == (0, 0, 100, 20)
    assert grid.region_at((75, 10)) is heading
    assert grid.region_at((75, 30)).box == (50, 20, 100, 40)
    assert grid.region_at((150, 30)) is None


def test_share_of_a_side_decides_a_border():
    segments = table([0, 100], [0, 20, 40]) + [v(50, 0, 14)]  # drawn along 70% of the first row's side
    assert build_grid(segments, RULES).by_position[(0, 0)].col_end == 1
    assert build_grid(segments, Rules(3.0, 3.0, share=0.8)).by_position[(0, 0)].col_end == 2


def test_merge_that_is_no_rectangle_grows_to_its_bounding_box():
    # cells (0,0)-(0,1) and (0,1)-(1,1) open: an L shape, which swallows (1,0)
    open_right = lambda r, c: (r, c) == (0, 0)
    open_below = lambda r, c: (r, c) == (0, 1)
    assert merged_cells(2, 2, open_right, open_below) == [(0, 0, 2, 2)]
    assert merged_cells(2, 3, lambda r, c: False, lambda r, c: False) == [
        (r, c, r + 1, c + 1) for r in range(2) for c in range(3)]


def test_split_grid_gives_each_part_its_own_columns():
    identity = table([0, 100], [0, 20])
    flowchart = [h(y, 0, 100) for y in (20, 40, 60)] + [v(x, 20, 60) for x in (0, 30, 100)]
    grid = build_grid(identity + flowchart, RULES)
    assert (grid.n_rows, grid.n_cols) == (3, 2)
    top, bottom = split_grid(grid, 1)
    assert (top.n_rows, top.n_cols) == (1, 1)
    assert (bottom.n_rows, bottom.n_cols, bottom.ys) == (2, 2, [20, 40, 60])


def test_align_columns_recuts_a_continued_table():
    grid = build_grid(table([0, 100], [0, 20, 40]), RULES)
    aligned = align_columns(grid, [0, 60, 100])
    assert aligned.xs == [0, 60, 100]
    assert all(region.col_end - region.col == 2 for region in aligned.regions)  # the lacking border: merged
    assert align_columns(grid, [0, 60, 120]) is grid  # another width: left alone
