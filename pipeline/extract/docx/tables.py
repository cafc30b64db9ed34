"""Word tables as rectangular grids: merged cells (gridSpan, vMerge) repeated as spanned, the
shapes anchored in a cell placed in the row and column they are drawn over, ticks and shading."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.extract.docx.ooxml import EMU_PER_PT, EMU_PER_TWIP, attr, q, to_int, xpath
from pipeline.extract.docx.shapes import Drawn
from pipeline.extract.vocabulary import is_check_text
from pipeline.model import Cell, Mark, Table

if TYPE_CHECKING:
    from pipeline.extract.docx.reader import DocumentReader

# Text layout estimates (generous, see row_heights): average character width and line height
# as fractions of the font size; left plus right cell padding (Word's default 0.08" each).
CHAR_WIDTH = 0.55
LINE_HEIGHT = 1.3
CELL_PADDING_EMU = 2 * 108 * 635


@dataclass
class GridCell:
    tc: object
    row: int
    col: int
    span: int
    continues_above: bool  # a vMerge continuation: the cell above holds the content


@dataclass
class Placed:
    """A drawn shape and the estimated top of its anchor paragraph within the cell (EMU)."""

    drawn: Drawn
    paragraph_top: float


@dataclass
class CellContent:
    text: str
    drawn: list[Placed]
    height: float  # estimated height of the text and inline pictures (EMU)


class TableGrid:
    """A w:tbl laid out on its grid columns, merged cells expanded."""

    def __init__(self, tbl, reader: DocumentReader):
        self.tbl = tbl
        self.reader = reader
        self.col_widths = [to_int(attr(c, "w:w")) * EMU_PER_TWIP for c in xpath(tbl, "w:tblGrid/w:gridCol")]
        self.indent = to_int(xpath(tbl, "string(w:tblPr/w:tblInd/@w:w)")) * EMU_PER_TWIP
        self.rows = [self.lay_out_row(tr, i) for i, tr in enumerate(table_rows(tbl))]
        self.n_cols = max([len(self.col_widths)] + [c.col + c.span for r in self.rows for c in r])

    @staticmethod
    def lay_out_row(tr, row: int) -> list[GridCell]:
        col = to_int(xpath(tr, "string(w:trPr/w:gridBefore/@w:val)"))
        cells = []
        for tc in row_cells(tr):
            span = max(to_int(xpath(tc, "string(w:tcPr/w:gridSpan/@w:val)")), 1)
            merge = xpath(tc, "w:tcPr/w:vMerge")
            continues = bool(merge) and attr(merge[0], "w:val") in (None, "continue")
            cells.append(GridCell(tc, row, col, span, continues))
            col += span
        return cells

    def to_table(self) -> Table:
        origins = self.find_origins()
        contents = {key: self.read_cell(cell) for key, cell in origins.items() if key == (cell.row, cell.col)}
        marks = self.place_marks(contents, origins)
        for key, content in contents.items():
            if is_check_text(content.text):
                marks.setdefault(key, []).append(Mark(kind="check"))
                content.text = ""
        for key in self.shaded_cells(origins):
            marks.setdefault(key, []).append(Mark(kind="shading"))
        rows = []
        for r in range(len(self.rows)):
            row = []
            for c in range(self.n_cols):
                origin = origins.get((r, c))
                if origin is None:  # a row shorter than the grid
                    row.append(Cell())
                    continue
                key = (origin.row, origin.col)
                is_copy = key != (r, c)
                row.append(Cell(text=contents[key].text, marks=[] if is_copy else marks.get(key, []), spanned=is_copy))
            rows.append(row)
        return Table(rows=rows)

    def find_origins(self) -> dict[tuple[int, int], GridCell]:
        """Grid position -> the cell whose content shows there (itself, or the merge's origin)."""
        origins: dict[tuple[int, int], GridCell] = {}
        for r, row in enumerate(self.rows):
            for cell in row:
                origin = cell
                if cell.continues_above and r > 0 and (r - 1, cell.col) in origins:
                    origin = origins[(r - 1, cell.col)]
                for c in range(cell.col, cell.col + cell.span):
                    origins[(r, c)] = origin
        return origins

    def read_cell(self, cell: GridCell) -> CellContent:
        lines: list[str] = []
        placed: list[Placed] = []
        top = 0.0  # estimated distance from the cell's top to the current paragraph
        text_width = max(sum(self.col_widths[cell.col : cell.col + cell.span]) - CELL_PADDING_EMU, EMU_PER_PT)
        for child in cell_blocks(cell.tc):
            if child.tag == q("w:p"):
                content = self.reader.read_paragraph(child)
                text = "".join(content.text).strip()
                lines.append(text)
                placed.extend(Placed(drawn, top) for drawn in content.drawn)
                top += self.paragraph_height(child, text, content.drawn, text_width)
            else:  # a nested table: its rows as lines, its cells separated by tabs
                nested = self.reader.read_table(child)
                for row in nested.rows:
                    lines.append("\t".join(c.text.replace("\n", " ") for c in row if not c.spanned).strip())
                    placed.extend(Placed(Drawn(m.kind, m.text, None, 0, "inline"), top) for c in row for m in c.marks)
                    top += self.reader.default_font_pt * LINE_HEIGHT * EMU_PER_PT
        return CellContent("\n".join(line for line in lines if line), placed, top)

    # -- where marks are drawn -----------------------------------------------------------------

    def paragraph_height(self, p, text: str, drawn: list[Drawn], text_width: float) -> float:
        """A generous estimate of the height (EMU) a paragraph takes in a cell of this width."""
        sizes = [to_int(v) / 2 for v in xpath(p, ".//w:r/w:rPr/w:sz/@w:val | w:pPr/w:rPr/w:sz/@w:val")]
        font_pt = max(sizes, default=self.reader.default_font_pt) or self.reader.default_font_pt
        per_line = max(int(text_width / (font_pt * CHAR_WIDTH * EMU_PER_PT)), 1)
        n_lines = sum(max(math.ceil(len(line) / per_line), 1) for line in text.split("\n"))
        inline = [d.height for d in drawn if d.relative_to == "inline" and d.y is None]
        spacing = sum(to_int(v) for v in xpath(p, "w:pPr/w:spacing/@w:before | w:pPr/w:spacing/@w:after"))
        return max([n_lines * font_pt * LINE_HEIGHT * EMU_PER_PT] + inline) + spacing * EMU_PER_TWIP

    def place_marks(self, contents, origins) -> dict[tuple[int, int], list[Mark]]:
        """Put every drawn symbol in the cell it is drawn over, which may not be its anchor's."""
        heights = self.row_heights(contents, origins)
        symbols: dict[tuple[int, int], list[tuple[float, Drawn]]] = {}
        texts: dict[tuple[int, int], list[tuple[float, Drawn]]] = {}
        for key, content in contents.items():
            cell_left = sum(self.col_widths[: key[1]])
            inline_x = 0.0
            for item in content.drawn:
                drawn = item.drawn
                if drawn.x is None:  # inline: in its cell, after the inline shapes before it
                    centre = cell_left + inline_x + drawn.width / 2
                    inline_x += drawn.width or EMU_PER_PT
                    target = key
                else:
                    centre = self.table_x(drawn, cell_left) + drawn.width / 2
                    row = key[0]
                    if drawn.y is not None:
                        row = self.row_at(key[0], item.paragraph_top + drawn.y + drawn.height / 2, heights)
                    origin = origins.get((row, self.column_at(centre)))
                    target = (origin.row, origin.col) if origin else key
                left = sum(self.col_widths[: target[1]])
                (symbols if drawn.kind else texts).setdefault(target, []).append((centre - left, drawn))
        marks = {}
        for key, placed in symbols.items():
            placed.sort(key=lambda item: item[0])
            marks[key] = [Mark(kind=d.kind, text=d.text, x=round(x / EMU_PER_PT, 1)) for x, d in placed]
        for key, placed in texts.items():
            leftovers = attach_texts(marks.get(key, []), placed)
            if leftovers:
                content = contents[key]
                content.text = "\n".join([content.text] + leftovers).strip()
        return marks

    def row_heights(self, contents, origins) -> list[float]:
        """Estimated row heights (EMU): the set height, or more when the text needs more.

        Over-estimating is the safe side: a shape then stays in its anchor's row."""
        rows_of: dict[tuple[int, int], int] = {}
        for origin in origins.values():
            key = (origin.row, origin.col)
            rows_of[key] = rows_of.get(key, 0) + 1
        heights = []
        for r, tr in enumerate(table_rows(self.tbl)):
            set_height = to_int(xpath(tr, "string(w:trPr/w:trHeight/@w:val)")) * EMU_PER_TWIP
            if xpath(tr, "w:trPr/w:trHeight[@w:hRule='exact']"):
                heights.append(set_height)
                continue
            needed = [
                contents[(r, cell.col)].height
                for cell in self.rows[r]
                if (r, cell.col) in contents and rows_of[(r, cell.col)] <= cell.span  # one row high
            ]
            heights.append(max([set_height] + needed))
        return heights

    @staticmethod
    def row_at(row: int, centre_y: float, heights: list[float]) -> int:
        """The row under a point centre_y EMU below the top of row `row`."""
        while centre_y > heights[row] and row + 1 < len(heights):
            centre_y -= heights[row]
            row += 1
        while centre_y < 0 and row > 0:
            row -= 1
            centre_y += heights[row]
        return row

    def table_x(self, drawn: Drawn, cell_left: float) -> float:
        """A floating shape's left edge in EMU from the table's left edge."""
        if drawn.relative_to == "page":
            return drawn.x - self.reader.left_margin - self.indent
        return cell_left + drawn.x

    def column_at(self, x: float) -> int:
        """The grid column under a horizontal position (EMU from the table's left edge)."""
        edge = 0.0
        for col, width in enumerate(self.col_widths):
            edge += width
            if x < edge:
                return col
        return max(len(self.col_widths) - 1, 0)

    def shaded_cells(self, origins) -> list[tuple[int, int]]:
        """Cells filled with a colour, unless the whole row shares it (a header band, a style)."""
        shaded = []
        for r, row in enumerate(self.rows):
            fills = [self.fill_of(origins.get((r, c))) for c in range(self.n_cols)]
            if len(set(fills)) < 2:
                continue
            shaded.extend((r, cell.col) for cell in row if not cell.continues_above and self.fill_of(cell))
        return shaded

    @staticmethod
    def fill_of(cell: GridCell | None) -> str | None:
        if cell is None:
            return None
        shd = xpath(cell.tc, "w:tcPr/w:shd")
        return shading_colour(shd[0]) if shd else None


def attach_texts(marks: list[Mark], placed: list[tuple[float, Drawn]]) -> list[str]:
    """Give a text drawn over a symbol (a text box on top of it) to that symbol; return the rest."""
    leftovers = []
    for x, drawn in placed:
        empty = [m for m in marks if not m.text]
        if empty:
            nearest = min(empty, key=lambda m: abs(m.x - x / EMU_PER_PT))
            nearest.text = drawn.text
        else:
            leftovers.append(drawn.text)
    return leftovers


def table_rows(tbl) -> list:
    return xpath(tbl, "w:tr | w:sdt/w:sdtContent/w:tr | w:customXml/w:tr")


def row_cells(tr) -> list:
    return xpath(tr, "w:tc | w:sdt/w:sdtContent/w:tc | w:customXml/w:tc")


def cell_blocks(tc) -> list:
    return xpath(tc, "w:p | w:tbl | w:sdt/w:sdtContent/w:p | w:sdt/w:sdtContent/w:tbl | w:customXml/w:p")


def shading_colour(shd) -> str | None:
    """The colour a w:shd paints, or None for no fill (auto, white, clear)."""
    pattern = (attr(shd, "w:val") or "clear").lower()
    fill = (attr(shd, "w:fill") or "auto").upper()
    colour = (attr(shd, "w:color") or "auto").upper()
    if pattern == "solid" and colour not in ("AUTO", "FFFFFF"):
        return colour
    if pattern.startswith("pct") and colour not in ("AUTO", "FFFFFF"):
        return f"{pattern}:{colour}"
    if pattern == "nil" or fill in ("AUTO", "FFFFFF", "NONE"):
        return None
    return fill
