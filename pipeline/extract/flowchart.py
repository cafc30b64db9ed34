"""Read the flowchart table (No | Kegiatan | pelaksana... | Mutu Baku | Ket) out of a Layout.

Works on the rectangular grids every backend produces, so the header rules, the joining of
split tables and the reading of marks are the same for Word, PDF, scans and text exports.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.text import clean_text, fold
from pipeline.extract.vocabulary import (MUTU_BAKU, MUTU_ROLES, classify_heading, is_branch_label, is_check_text,
                                         is_step_number, is_terminator_word)
from pipeline.model import UNREAD, Box, Cell, Mark, Step, Table


@dataclass
class Header:
    n_rows: int
    roles: dict[str, int]  # role -> column index (first column holding it)
    actor_columns: list[int]
    actor_headings: list[str]
    headings: dict[str, str]  # role -> heading as printed
    signature: str  # folded text of the header rows, to spot repeated headers


def cell_text(cell: Cell) -> str:
    return clean_text(cell.text)


def is_column_numbering(row: list[Cell]) -> bool:
    """A row of printed column numbers (1 2 3 ...) under the headings."""
    values = [cell_text(c) for c in row if cell_text(c) and not c.spanned]
    return len(values) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?", v) for v in values)


def numbers_column(rows: list[list[Cell]], col: int) -> bool:
    """Does a column hold step numbers (1, 2, 3 ...) in most of its rows?"""
    if col < 0:
        return False
    values = [cell_text(r[col]) for r in rows if col < len(r) and cell_text(r[col])]
    return len(values) >= 2 and sum(is_step_number(v) for v in values) * 2 > len(values) \
        and sum(is_step_number(v) for v in values) * 2 > len(rows)


def find_header(table: Table) -> Header | None:
    """The header rows and column roles of a flowchart table, or None if it is not one."""
    rows = table.rows
    for top in range(min(len(rows), 4)):
        if any(classify_heading(cell_text(c)) == "activity" for c in rows[top]):
            break
    else:
        return None
    n_rows = 1
    while top + n_rows < len(rows) and n_rows < 3:
        row = rows[top + n_rows]
        if is_step_number(cell_text(row[0])) or is_column_numbering(row):
            break
        n_rows += 1
    header_rows = rows[top : top + n_rows]
    n_cols = table.n_cols
    roles: dict[str, int] = {}
    headings: dict[str, str] = {}
    for col in range(n_cols):
        texts = [cell_text(r[col]) for r in header_rows if col < len(r)]
        for text in reversed(texts):  # the lowest heading is the most specific
            role = classify_heading(text)
            if role and role not in roles:
                roles[role] = col
                headings[role] = text
                break
        for text in texts:
            if MUTU_BAKU.match(fold(text)):
                headings.setdefault("mutu_baku", text)
    if "activity" not in roles or len(roles) < 2:
        return None
    if "no" not in roles and numbers_column(rows[top + n_rows :], roles["activity"] - 1):
        roles["no"] = roles["activity"] - 1  # its heading misread ("Ne"): its numbers say what it is
        headings["no"] = cell_text(header_rows[-1][roles["no"]])
    # A column under the Mutu Baku heading is never an actor, even when its own heading was
    # not read (OCR) or not recognised.
    mutu_cols = [roles[r] for r in MUTU_ROLES if r in roles] + under_mutu_baku(header_rows)
    first_mutu = min(mutu_cols) if mutu_cols else n_cols
    actor_columns = list(range(roles["activity"] + 1, first_mutu))
    # In a single header row an unlabelled column right after the activity has no heading.
    actor_headings = [actor_heading(header_rows, col) for col in actor_columns]
    if len(header_rows) > 1 and actor_columns:
        group = cell_text(header_rows[0][actor_columns[0]])
        if group and group != actor_headings[0]:
            headings["actors_group"] = group
    signature = fold(" ".join(cell_text(c) for r in header_rows for c in r if not c.spanned))
    return Header(top + n_rows, roles, actor_columns, actor_headings, headings, signature)


DURATION_WORDS = re.compile(r"\b(detik|menit|jam|hari|minggu|bulan|tahun)\b", re.IGNORECASE)
STRUCTURE_MUTU_ROLES = ("requirements", "duration", "output", "notes")


def structural_header(table: Table) -> Header | None:
    """The columns of a flowchart table whose headings are not in the text (drawn as outlines,
    or not read), named from its structure: a narrow numbered first column, a text column
    beside it, then actor columns that hold symbols and no text, then the Mutu Baku columns
    (Waktu is the one that reads as durations) and Keterangan. Actors are named by their
    place ("Pelaksana 1"), and headings["named_from"] says the names are not printed ones."""
    rows = table.rows
    first = next((i for i, row in enumerate(rows) if len(row) >= 4 and is_step_number(cell_text(row[0]))
                  and len(cell_text(row[1]).split()) >= 2), None)
    if first is None:
        return None
    step_rows = [row for row in rows[first:] if is_step_number(cell_text(row[0]))]
    actor_columns = []
    for col in range(2, table.n_cols):
        cells = [row[col] for row in step_rows if not row[col].spanned]
        worded = sum(1 for cell in cells if cell_text(cell) and not cell.marks)
        if worded > len(cells) / 2:
            break  # words in most rows: the Mutu Baku begins
        actor_columns.append(col)
    marked = {col for col in actor_columns for row in step_rows if row[col].marks and not row[col].spanned}
    if len(step_rows) < 2 or not marked:
        return None
    actor_columns = actor_columns[: max(marked) - 1]
    roles = {"no": 0, "activity": 1, **mutu_baku_by_content(step_rows, actor_columns[-1] + 1, table.n_cols)}
    header_rows = rows[:first]
    actor_headings = [actor_heading(header_rows, col) or f"Pelaksana {i}" for i, col in enumerate(actor_columns, 1)]
    headings = {"named_from": "structure"}
    signature = fold(" ".join(cell_text(c) for r in header_rows for c in r if not c.spanned))
    return Header(first, roles, actor_columns, actor_headings, headings, signature)


def mutu_baku_by_content(step_rows: list[list[Cell]], start: int, end: int) -> dict[str, int]:
    """Roles of the columns after the actors: Waktu is the column whose cells read as
    durations; Kelengkapan stands before it, Output and Keterangan after it."""
    columns = list(range(start, end))
    if not columns:
        return {}
    def durations(col: int) -> int:
        return sum(1 for row in step_rows if DURATION_WORDS.search(cell_text(row[col])))
    waktu = max(columns, key=durations)
    if durations(waktu) == 0:
        return dict(zip(STRUCTURE_MUTU_ROLES, columns))
    roles = {"duration": waktu}
    if waktu > start:
        roles["requirements"] = waktu - 1
    roles.update(zip(("output", "notes"), range(waktu + 1, end)))
    return roles


def under_mutu_baku(header_rows: list[list[Cell]]) -> list[int]:
    """Columns whose heading cell (or a merged copy of it) reads Mutu Baku."""
    return sorted({col for row in header_rows for col, cell in enumerate(row)
                   if MUTU_BAKU.match(fold(cell_text(cell)))})


def actor_heading(header_rows: list[list[Cell]], col: int) -> str:
    for row in reversed(header_rows):
        text = cell_text(row[col]) if col < len(row) else ""
        if text:
            return text
    return ""


def is_repeated_header(row: list[Cell], header: Header) -> bool:
    text = fold(" ".join(cell_text(c) for c in row if not c.spanned))
    if not text or is_step_number(cell_text(row[0])):
        return False
    return text in header.signature or any(
        classify_heading(cell_text(c)) == "activity" for c in row
    )


def step_marks(row: list[Cell], header: Header) -> list[tuple[str, list[Mark]]]:
    """(actor heading, marks) for every actor cell holding a mark, left to right."""
    found = []
    for col, heading in zip(header.actor_columns, header.actor_headings):
        if col >= len(row):
            continue
        cell = row[col]
        marks = [] if cell.spanned else list(cell.marks)
        if not marks and not cell.spanned:
            marks = text_marks(cell_text(cell))
        if marks:
            found.append((heading, marks))
    # An off-page connector drawn at the top or bottom of a row that has its own symbol
    # continues the flow of another column; alone in its row it stands for the step.
    if any(m.kind != "connector" for _, marks in found for m in marks):
        found = [(heading, kept) for heading, marks in found if (kept := [m for m in marks if m.kind != "connector"])]
    return found


def text_marks(text: str) -> list[Mark]:
    """Text left where a symbol stood once the drawing is lost (text exports): a tick, the
    words of a terminator, or a Ya/Tidak branch label beside the actor's symbol."""
    words = fold(text)
    if not words:
        return []
    if is_check_text(words):
        return [Mark(kind="check", text=text)]
    if is_terminator_word(words):
        return [Mark(kind="terminator", text=text)]
    if is_branch_label(words):
        return [Mark(kind="process", text=text)]
    return []


def symbol_for(marks: list[Mark], is_first: bool, is_last: bool) -> str | None:
    kinds = {m.kind for m in marks}
    texts = {fold(m.text) for m in marks}
    if "decision" in kinds:
        return "decision"
    if "selesai" in texts:
        return "end"
    if "mulai" in texts:
        return "start"
    if "terminator" in kinds:
        if is_last:
            return "end"
        return "start" if is_first else "process"
    return "process" if marks else None


def read_steps(table_rows: list[list[Cell]], header: Header) -> list[Step]:
    roles = header.roles
    steps: list[Step] = []
    step_mark_lists: list[list[Mark]] = []
    for row in table_rows:
        if is_repeated_header(row, header) or is_column_numbering(row):
            continue
        number = cell_text(row[roles["no"]]) if roles.get("no", len(row)) < len(row) else ""
        activity = cell_text(row[roles["activity"]])
        if not activity and not number:
            continue
        marked = step_marks(row, header)

        def value(role: str) -> str | None:
            # a continuation table may be one column short
            return (cell_text(row[roles[role]]) or None) if roles.get(role, len(row)) < len(row) else None

        steps.append(
            Step(
                step_no=number or None,
                activity=activity,
                actors=[heading for heading, _ in marked],
                symbol=None,
                requirements=value("requirements"),
                duration_text=value("duration"),
                output=value("output"),
                notes=value("notes"),
                confidence=row_confidence(row, roles),
                boxes=row_boxes(row, header),
                evidence=row_images(row, roles),
            )
        )
        step_mark_lists.append([m for _, marks in marked for m in marks])
    # start/end depend on the position in the whole table, known only now
    for i, (step, marks) in enumerate(zip(steps, step_mark_lists)):
        step.symbol = symbol_for(marks, i == 0, i == len(steps) - 1)
    return steps


def row_confidence(row: list[Cell], roles: dict[str, int]) -> dict[str, float]:
    """OCR confidence of each cell read, and of a cell holding writing left unread (UNREAD)."""
    return {
        role: row[col].confidence
        for role, col in roles.items()
        if col < len(row) and row[col].confidence is not None and (cell_text(row[col]) or row[col].confidence == UNREAD)
    }


def row_images(row: list[Cell], roles: dict[str, int]) -> dict[str, bytes]:
    """The scanned image of each cell read by OCR, by its role."""
    return {role: row[col].image for role, col in roles.items() if col < len(row) and row[col].image}


def row_boxes(row: list[Cell], header: Header) -> dict[str, Box]:
    """Where each cell of a scanned row was read; "actors" spans the actor cells."""
    boxes = {role: row[col].box for role, col in header.roles.items() if col < len(row) and row[col].box}
    actor_boxes = [row[col].box for col in header.actor_columns if col < len(row) and row[col].box]
    if actor_boxes:
        boxes["actors"] = (actor_boxes[0][0], min(b[1] for b in actor_boxes), min(b[2] for b in actor_boxes),
                           max(b[3] for b in actor_boxes), max(b[4] for b in actor_boxes))
    return boxes


def continues(table: Table, header: Header, rows_so_far: list[list[Cell]]) -> bool:
    """Does a later table carry on the flowchart (split over pages, with or without header)?
    Not when it repeats the header and numbers its steps from 1 again: that is the next SOP's."""
    if abs(table.n_cols - (max(header.actor_columns + list(header.roles.values())) + 1)) > 1:
        return False
    first = next((r for r in table.rows if any(cell_text(c) for c in r)), None)
    if first is None:
        return False
    if is_step_number(cell_text(first[0])):
        return True
    return is_repeated_header(first, header) and not restarts_numbering(table.rows, rows_so_far)


def restarts_numbering(rows: list[list[Cell]], rows_so_far: list[list[Cell]]) -> bool:
    numbers = [int(re.match(r"\d+", cell_text(r[0])).group(0)) for r in rows_so_far if is_step_number(cell_text(r[0]))]
    first = next((cell_text(r[0]) for r in rows if is_step_number(cell_text(r[0]))), None)
    return bool(numbers) and max(numbers) > 1 and first is not None and int(re.match(r"\d+", first).group(0)) == 1


@dataclass
class Flowchart:
    header: Header
    steps: list[Step]
    first_table: int  # block indices: where the flowchart starts and ends in the layout
    last_table: int


def read_flowcharts(blocks: list) -> list[Flowchart]:
    """Every flowchart table (with its continuations) among a layout's blocks, in order: by
    its headings, or, where no table has them in its text, by its structure."""
    return find_flowcharts(blocks, find_header) or find_flowcharts(blocks, structural_header)


def find_flowcharts(blocks: list, header_of) -> list[Flowchart]:
    flowcharts: list[Flowchart] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        header = header_of(block) if isinstance(block, Table) else None
        if header is None or not header.actor_columns and "duration" not in header.roles:
            index += 1
            continue
        rows = list(block.rows[header.n_rows :])
        last = index
        for later in range(index + 1, len(blocks)):
            candidate = blocks[later]
            if not isinstance(candidate, Table):
                continue
            if not continues(candidate, header, rows):
                break
            rows.extend(candidate.rows)
            last = later
        flowcharts.append(Flowchart(header, read_steps(rows, header), index, last))
        index = last + 1
    return flowcharts


TILE_TOLERANCE = 2.0  # page units (points, or pixels of a scan) two printings of one row may differ by
TILE_SHARE = 0.05  # and the share of its height a row may differ by on scanned pages
TILE_SCALE = 0.1  # pages of one print scanned may differ this much in scale, no more


def join_tiles(blocks: list) -> list:
    """A flowchart printed from a spreadsheet wider than the paper comes out in tiles: the
    first page holds No, Kegiatan and the first actors, the next pages the same rows with more
    actor columns, then Mutu Baku and Keterangan (the title repeated on each page, No and
    Kegiatan not). A table on a later page with the same rows, row for row of the same
    height, and without the numbered column, is put back beside the table it continues."""
    joined: list = []
    base: int | None = None  # index in `joined` of the last table
    for block in blocks:
        if isinstance(block, Table) and base is not None and is_tile_of(block, joined[base]):
            left = joined[base]
            joined[base] = Table([a + b for a, b in zip(left.rows, block.rows)], page=left.page,
                                 row_bounds=left.row_bounds)
            continue
        if isinstance(block, Table):
            base = len(joined)
        joined.append(block)
    return joined


def is_tile_of(tile: Table, left: Table) -> bool:
    if None in (tile.row_bounds, left.row_bounds, tile.page, left.page) or tile.page <= left.page:
        return False
    if len(tile.rows) != len(left.rows) or len(tile.row_bounds) != len(left.row_bounds):
        return False
    numbers = [cell_text(row[0]) for row in left.rows]
    if not any(is_step_number(n) for n in numbers) or numbers == [cell_text(row[0]) for row in tile.rows]:
        return False
    if any(classify_heading(cell_text(c)) == "activity" for row in tile.rows[:4] for c in row):
        return False  # a table of its own (the next SOP's flowchart)
    # scanned pages of one print may come out at slightly different scales: heights are
    # compared after bringing the tile to the scale of the table it continues
    left_heights, tile_heights = row_heights(left.row_bounds), row_heights(tile.row_bounds)
    scale = sum(left_heights) / sum(tile_heights) if sum(tile_heights) > 0 else 0.0
    if abs(scale - 1) > TILE_SCALE:
        return False
    return all(abs(a - b * scale) <= max(TILE_TOLERANCE, TILE_SHARE * a) for a, b in zip(left_heights, tile_heights))


def row_heights(bounds: list[float]) -> list[float]:
    return [below - above for above, below in zip(bounds, bounds[1:])]
