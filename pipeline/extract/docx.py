"""Word (.docx) backend: body paragraphs and tables in reading order, with the marks drawn in
each table cell (flowchart shapes, small pictures, ticks, shading).

python-docx opens the package and gives the body, headers, numbering and styles; the rest is
read from the XML with lxml, because python-docx exposes neither the origin of merged cells nor
drawings, VML shapes and text boxes.
"""
from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import docx
import numpy as np
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from pipeline.extract.errors import ExtractionError
from pipeline.extract.vocabulary import is_branch_label, is_check_text, is_terminator_word
from pipeline.model import Block, Cell, Layout, Mark, Paragraph, Table

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
EMU_PER_TWIP = 635
EMU_PER_PT = 12700
# A picture larger than this is a logo, a scanned page or a whole drawn flowchart, not a symbol.
MAX_SYMBOL_PICTURE_EMU = 1_300_000
# Symbol-font characters (w:sym or a run in that font) that print as a tick or a cross.
SYMBOL_FONT_CHECKS = {
    "wingdings": {"FC", "FB", "FD", "FE", "F0FC", "F0FB", "F0FD", "F0FE"},
    "wingdings 2": {"50", "51", "52", "4F", "54", "F050", "F051", "F052", "F04F", "F054"},
    "symbol": {"D6", "F0D6"},
}
CHECK_CHAR = "✓"

# DrawingML preset geometries and VML shape types (o:spt) by mark kind.
TERMINATOR_GEOMETRIES = {"flowChartTerminator", "roundRect", "ellipse", "flowChartAlternateProcess"}
DECISION_GEOMETRIES = {"diamond", "flowChartDecision"}
NOT_SYMBOL_GEOMETRIES = re.compile(
    r"^(line|lineInv|straightConnector1|bentConnector\d|curvedConnector\d|arc|"
    r"flowChartConnector|flowChartOffpageConnector|"
    r"\w*Arrow\w*|\w*Brace|\w*Bracket)$"
)
VML_TERMINATOR_TYPES = {2, 3, 116, 176}  # roundRect, ellipse, terminator, alternate process
VML_DECISION_TYPES = {4, 110}  # diamond, decision
VML_TEXTBOX_TYPE = 202
VML_NOT_SYMBOL_TYPES = (
    {20, 32, 33, 34, 35, 36, 37, 38, 39, 40}  # line, straight/bent/curved connectors
    | {13, 66, 67, 68, 69, 93, 94}  # block arrows
    | {120, 177}  # on-page and off-page connector circles
    | {75}  # picture frame without an image
)
TERMINATOR_NAME = re.compile(r"(?i)terminator|\boval\b|ellips|rounded rectangle|alternate process")
DECISION_NAME = re.compile(r"(?i)decision|diamond|keputusan|belah ketupat")
# Text layout estimates (generous, see row_heights): average character width and line height
# as fractions of the font size; left plus right cell padding (Word's default 0.08" each).
CHAR_WIDTH = 0.55
LINE_HEIGHT = 1.3
CELL_PADDING_EMU = 2 * 108 * 635
# A box narrower than this (about 2 pt) is a line drawn as a rectangle.
THIN_EMU = 25_400
# Default shape names Word gives lines and connectors (English and Indonesian Word).
LINE_NAME = re.compile(r"(?i)\b(connector|arrow|line|konektor|panah|garis)\b")


def q(name: str) -> str:
    """Clark notation of a prefixed name: q("w:p") -> "{...main}p"."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def attr(element, name: str) -> str | None:
    return element.get(q(name)) if ":" in name else element.get(name)


def to_int(value: str | None) -> int:
    try:
        return int(float(value)) if value else 0
    except ValueError:
        return 0


def number(element, path: str) -> float:
    """A numeric attribute found by an XPath, 0 when absent."""
    try:
        return float(xpath(element, f"string({path})") or 0)
    except ValueError:
        return 0.0


def xpath(element, path: str):
    # python-docx elements override xpath() with their own prefixes; use lxml's directly
    return etree._Element.xpath(element, path, namespaces=NS)


# ---------------------------------------------------------------------------------------------
# Opening the file


def read_docx(path: Path) -> Layout:
    document = open_document(Path(path))
    reader = DocumentReader(document)
    blocks = reader.header_blocks() + reader.read_blocks(document.element.body)
    return Layout(blocks=blocks, source_format="docx")


def open_document(path: Path):
    if not zipfile.is_zipfile(path):
        if path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0":
            raise ExtractionError(
                "the file is password-protected or an old Word 97-2003 document saved as .docx; "
                "remove the password or save it again as .docx in Word"
            )
        raise ExtractionError("the file is not a Word document (not a valid .docx zip); it may be corrupt or truncated")
    with zipfile.ZipFile(path) as archive:
        refuse_zip_bomb(archive)
        if not any(name.startswith("word/") for name in archive.namelist()):
            raise ExtractionError(
                "the file is a zip archive but not a Word document (an Excel or PowerPoint file?); "
                "save the SOP as .docx"
            )
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise ExtractionError(
            f"the Word file is damaged and cannot be read ({error}); open and save it again in Word"
        ) from error


MAX_UNPACKED_BYTES = 300 << 20  # far above any real SOP; python-docx unpacks parts in memory
MAX_PACKING_RATIO = 300


def refuse_zip_bomb(archive: zipfile.ZipFile) -> None:
    """Refuse archives whose declared unpacked size is absurd, before anything is unpacked."""
    entries = archive.infolist()
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > MAX_UNPACKED_BYTES or (unpacked > 20 << 20 and unpacked / packed > MAX_PACKING_RATIO):
        raise ExtractionError(
            f"the Word file would unpack to {unpacked >> 20} MB (a zip bomb or a damaged file); "
            "it was not opened"
        )


# ---------------------------------------------------------------------------------------------
# What a paragraph holds: its text and the drawings in it


@dataclass
class Drawn:
    """A shape or text drawn in a paragraph: a symbol (kind set) or a free text label."""

    kind: str | None  # a MarkKind, or None for a text without a symbol around it
    text: str
    x: float | None  # EMU from the anchor's reference, None when unknown (inline)
    width: float
    relative_to: str  # column (the anchor's cell), page or inline
    y: float | None = None  # EMU below the top of the anchor paragraph, when known
    height: float = 0.0


@dataclass
class Box:
    """Where a shape is drawn: left edge (EMU, None when inline), size, reference, name."""

    x: float | None
    width: float
    height: float
    relative_to: str
    name: str = ""
    y: float | None = None  # EMU below the top of the anchor paragraph

    def drawn(self, kind: str | None, text: str = "") -> Drawn:
        return Drawn(kind, text, self.x, self.width, self.relative_to, self.y, self.height)

    def is_thin(self) -> bool:
        return 0 <= min(self.width, self.height) < THIN_EMU

    def is_named_as_line(self) -> bool:
        return bool(LINE_NAME.search(self.name))


@dataclass
class ParagraphContent:
    text: list[str] = field(default_factory=list)
    drawn: list[Drawn] = field(default_factory=list)


class DocumentReader:
    def __init__(self, document):
        self.document = document
        self.part = document.part  # the part whose relationships resolve image ids
        self.numbering = ListNumbering(document)
        # Word defines a VML shape type once and refers to it from later shapes.
        self.vml_types = {attr(t, "id"): vml_type_number(t) for t in xpath(document.element, "//v:shapetype")}
        section = document.sections[0] if document.sections else None
        self.left_margin = int(section.left_margin or 0) if section else 0
        self.default_font_pt = default_font_size(document)

    # -- blocks --------------------------------------------------------------------------------

    def read_blocks(self, container) -> list[Block]:
        blocks: list[Block] = []
        for child in container:
            if child.tag == q("w:p"):
                blocks.extend(self.read_body_paragraph(child))
            elif child.tag == q("w:tbl"):
                blocks.append(self.read_table(child))
            elif child.tag in (q("w:sdt"), q("w:customXml")):
                content = child.find(q("w:sdtContent"))
                blocks.extend(self.read_blocks(child if content is None else content))
        return blocks

    def read_body_paragraph(self, p) -> list[Paragraph]:
        content = self.read_paragraph(p)
        paragraphs = []
        text = "".join(content.text).strip()
        if text:
            paragraphs.append(Paragraph(text))
        # Text boxes and shapes outside tables hold body text (a title, a note); a flowchart's
        # start/end or branch words there are no body text.
        paragraphs.extend(Paragraph(d.text) for d in content.drawn if d.text and not is_flow_word(d.text))
        return paragraphs

    def header_blocks(self) -> list[Block]:
        """The first page's header, when it carries text beyond a page number (a letterhead)."""
        if not self.document.sections:
            return []
        section = self.document.sections[0]
        header = section.first_page_header if section.different_first_page_header_footer else section.header
        if header.is_linked_to_previous:
            return []
        self.part = header.part
        blocks = self.read_blocks(header._element)
        self.part = self.document.part
        text = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
        has_table = any(isinstance(b, Table) for b in blocks)
        if not has_table and not re.search(r"[A-Za-z]{3}", re.sub(r"(?i)halaman|page|dari|of", "", text)):
            return []
        return blocks

    # -- paragraphs ----------------------------------------------------------------------------

    def read_paragraph(self, p) -> ParagraphContent:
        content = ParagraphContent()
        label = self.numbering.label(p)
        if label:
            content.text.append(label + " ")
        self.walk_inline(p, content)
        return content

    def walk_inline(self, element, content: ParagraphContent) -> None:
        for child in element:
            tag = child.tag
            if tag == q("w:r"):
                self.read_run(child, content)
            elif tag == q("mc:AlternateContent"):
                self.walk_inline(first_choice(child), content)
            elif tag in (q("w:del"), q("w:moveFrom"), q("w:pPr")):
                continue
            elif tag == q("w:sdt"):
                inner = child.find(q("w:sdtContent"))
                if inner is not None:
                    self.walk_inline(inner, content)
            elif len(child):  # hyperlink, ins, smartTag, fldSimple, customXml, moveTo ...
                self.walk_inline(child, content)

    def read_run(self, run, content: ParagraphContent) -> None:
        if xpath(run, "w:rPr/w:vanish[not(@w:val) or @w:val!='0' and @w:val!='false']"):
            return  # hidden text is not printed
        font = run_font(run)
        for child in run:
            tag = child.tag
            if tag == q("w:t"):
                content.text.append(symbol_font_text(child.text or "", font))
            elif tag in (q("w:tab"), q("w:ptab")):
                content.text.append("\t")
            elif tag in (q("w:br"), q("w:cr")):
                content.text.append("\n")
            elif tag == q("w:noBreakHyphen"):
                content.text.append("-")
            elif tag == q("w:sym"):
                content.text.append(sym_text(child))
            elif tag == q("w:drawing"):
                content.drawn.extend(self.read_drawing(child))
            elif tag == q("w:pict"):
                content.drawn.extend(self.read_vml(child))
            elif tag == q("mc:AlternateContent"):
                self.read_run(first_choice(child), content)

    def text_of(self, container) -> str:
        """Text of the paragraphs inside a text box or shape, lines joined by spaces."""
        lines = []
        for p in xpath(container, ".//w:p"):
            content = ParagraphContent()
            self.walk_inline(p, content)
            lines.append("".join(content.text))
        return re.sub(r"\s+", " ", " ".join(lines)).strip()

    # -- DrawingML -----------------------------------------------------------------------------

    def read_drawing(self, drawing) -> list[Drawn]:
        found = []
        for frame in drawing:
            if frame.tag not in (q("wp:anchor"), q("wp:inline")):
                continue
            x, relative_to = horizontal_position(frame)
            box = Box(
                x,
                float(xpath(frame, "string(wp:extent/@cx)") or 0),
                float(xpath(frame, "string(wp:extent/@cy)") or 0),
                relative_to,
                xpath(frame, "string(wp:docPr/@name)"),
                vertical_position(frame),
            )
            for shape in xpath(frame, "a:graphic/a:graphicData/*"):
                found.extend(self.read_graphic(shape, box))
        return found

    def read_graphic(self, shape, box: Box) -> list[Drawn]:
        if shape.tag == q("pic:pic"):
            small = box.width <= MAX_SYMBOL_PICTURE_EMU and box.height <= MAX_SYMBOL_PICTURE_EMU
            image_id = xpath(shape, "string(pic:blipFill/a:blip/@r:embed)")
            return [box.drawn(picture_kind(self.image(image_id)))] if small else []
        if shape.tag == q("wps:wsp"):
            drawn = self.read_wps(shape, box)
            return [drawn] if drawn else []
        if shape.tag in (q("wpg:wgp"), q("wpg:grpSp")):
            return self.read_group(shape, box)
        return []

    def read_group(self, group, box: Box) -> list[Drawn]:
        """Shapes of a group (a whole flowchart may be one), each placed by its offset inside
        the group's own coordinates."""
        frame = xpath(group, "wpg:grpSpPr/a:xfrm")
        origin = (0.0, 0.0)
        scale = (1.0, 1.0)
        if frame:
            origin = (number(frame[0], "a:chOff/@x"), number(frame[0], "a:chOff/@y"))
            extent = (number(frame[0], "a:chExt/@cx"), number(frame[0], "a:chExt/@cy"))
            scale = (box.width / extent[0] if extent[0] else 1.0, box.height / extent[1] if extent[1] else 1.0)
        found = []
        for child in group:
            left = (number(child, "*/a:xfrm/a:off/@x") - origin[0]) * scale[0]
            top = (number(child, "*/a:xfrm/a:off/@y") - origin[1]) * scale[1]
            child_box = Box(
                None if box.x is None else box.x + left,
                number(child, "*/a:xfrm/a:ext/@cx") * scale[0],
                number(child, "*/a:xfrm/a:ext/@cy") * scale[1],
                box.relative_to,
                xpath(child, "string(*/wps:cNvPr/@name | */pic:cNvPr/@name | */wpg:cNvPr/@name)"),
                None if box.y is None else box.y + top,
            )
            found.extend(self.read_graphic(child, child_box))
        return found

    def read_wps(self, shape, box: Box) -> Drawn | None:
        textbox = shape.find(q("wps:txbx"))
        text = self.text_of(textbox) if textbox is not None else ""
        if dml_is_line(shape, box) or is_branch_label(text):
            return None
        if not dml_is_visible(shape):
            return box.drawn(None, text) if text else None
        geometry = xpath(shape, "string(wps:spPr/a:prstGeom/@prst)")
        return box.drawn(dml_kind(geometry, box.name), text)

    # -- VML -----------------------------------------------------------------------------------

    def read_vml(self, pict) -> list[Drawn]:
        return [drawn for shape in pict for drawn in self.read_vml_shape(shape, group=None)]

    def read_vml_shape(self, shape, group: VmlGroup | None) -> list[Drawn]:
        if not isinstance(shape.tag, str) or etree.QName(shape).namespace != NS["v"]:
            return []  # comments, Office extensions
        local = etree.QName(shape).localname  # v:line, v:polyline ... are no symbols: see vml_kind
        style = vml_style(shape)
        x, relative_to = vml_horizontal_position(style)
        y = vml_vertical_position(style)
        width, height = length_emu(style.get("width", "0")), length_emu(style.get("height", "0"))
        if group is not None:  # a group member: coordinates in the group's units
            x, y, width, height = group.place(style)
            relative_to = group.relative_to
        if local == "group":
            inner = VmlGroup.of(shape, style, x, y, relative_to)
            return [drawn for child in shape for drawn in self.read_vml_shape(child, inner)]
        if xpath(shape, "v:stroke[(@endarrow and @endarrow!='none') or (@startarrow and @startarrow!='none')]"):
            return []
        if attr(shape, "o:connectortype") not in (None, "none"):
            return []
        textbox = shape.find(q("v:textbox"))
        text = self.text_of(textbox) if textbox is not None else ""
        if is_branch_label(text):
            return []
        kind = vml_kind(shape, local, self.vml_types)
        if kind is None:
            return []
        if kind == "label" or not vml_is_visible(shape):
            return [Drawn(None, text, x, width, relative_to, y, height)] if text else []
        if kind == "picture":
            if max(width, height) > MAX_SYMBOL_PICTURE_EMU:
                return []
            kind = picture_kind(self.image(xpath(shape, "string(v:imagedata/@r:id)")))
        return [Drawn(kind, text, x, width, relative_to, y, height)]

    def paragraph_height(self, p, text: str, drawn: list[Drawn], text_width: float) -> float:
        """A generous estimate of the height (EMU) a paragraph takes in a cell of this width."""
        sizes = [to_int(v) / 2 for v in xpath(p, ".//w:r/w:rPr/w:sz/@w:val | w:pPr/w:rPr/w:sz/@w:val")]
        font_pt = max(sizes, default=self.default_font_pt) or self.default_font_pt
        per_line = max(int(text_width / (font_pt * CHAR_WIDTH * EMU_PER_PT)), 1)
        n_lines = sum(max(math.ceil(len(line) / per_line), 1) for line in text.split("\n"))
        inline = [d.height for d in drawn if d.relative_to == "inline" and d.y is None]
        spacing = sum(to_int(v) for v in xpath(p, "w:pPr/w:spacing/@w:before | w:pPr/w:spacing/@w:after"))
        return max([n_lines * font_pt * LINE_HEIGHT * EMU_PER_PT] + inline) + spacing * EMU_PER_TWIP

    def image(self, relationship_id: str) -> bytes:
        try:
            return self.part.related_parts[relationship_id].blob
        except (KeyError, AttributeError):
            return b""

    # -- tables --------------------------------------------------------------------------------

    def read_table(self, tbl) -> Table:
        grid = TableGrid(tbl, self)
        return grid.to_table()


# ---------------------------------------------------------------------------------------------
# Tables


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
                top += self.reader.paragraph_height(child, text, content.drawn, text_width)
            else:  # a nested table: its rows as lines, its cells separated by tabs
                nested = self.reader.read_table(child)
                for row in nested.rows:
                    lines.append("\t".join(c.text.replace("\n", " ") for c in row if not c.spanned).strip())
                    placed.extend(Placed(Drawn(m.kind, m.text, None, 0, "inline"), top) for c in row for m in c.marks)
                    top += self.reader.default_font_pt * LINE_HEIGHT * EMU_PER_PT
        return CellContent("\n".join(line for line in lines if line), placed, top)

    # -- where marks are drawn -----------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# Shapes


def first_choice(alternate):
    """The mc:Choice branch of an mc:AlternateContent (the Fallback repeats the same shape)."""
    for branch in (q("mc:Choice"), q("mc:Fallback")):
        found = alternate.find(branch)
        if found is not None:
            return found
    return alternate  # empty: nothing in it is read


def is_flow_word(text: str) -> bool:
    return is_branch_label(text) or is_terminator_word(text)


def horizontal_position(frame) -> tuple[float | None, str]:
    """EMU offset of a floating shape and what it is measured from; inline shapes: None.

    Inside a table cell Word measures column, margin (and, with layoutInCell, page) offsets
    from the cell; LibreOffice writes "margin" for the same cell-relative offsets.
    """
    if frame.tag == q("wp:inline"):
        return None, "inline"
    position = frame.find(q("wp:positionH"))
    offset = None if position is None else position.find(q("wp:posOffset"))
    if offset is None:  # aligned left/centre/right: it stays in its anchor cell
        return None, "inline"
    relative = attr(position, "relativeFrom") or "column"
    if relative == "page" and attr(frame, "layoutInCell") in ("0", "false"):
        return float(offset.text or 0), "page"
    return float(offset.text or 0), "column"


def vertical_position(frame) -> float | None:
    """EMU offset below the anchor paragraph's top, when the shape is placed that way."""
    position = frame.find(q("wp:positionV"))
    offset = None if position is None else position.find(q("wp:posOffset"))
    if offset is None or attr(position, "relativeFrom") not in ("paragraph", "line"):
        return None
    return float(offset.text or 0)


def dml_is_line(shape, box: Box) -> bool:
    """Connectors, arrows and lines join the symbols; they mark no actor."""
    if xpath(shape, "wps:cNvCnPr | wps:spPr/a:ln/*[self::a:headEnd or self::a:tailEnd][@type!='none']"):
        return True
    geometry = xpath(shape, "string(wps:spPr/a:prstGeom/@prst)")
    if NOT_SYMBOL_GEOMETRIES.match(geometry) or (not geometry and xpath(shape, "wps:spPr/a:custGeom")):
        return True
    # LibreOffice turns connectors into plain rectangles: only their size and name tell.
    return box.is_thin() or box.is_named_as_line()


def dml_is_visible(shape) -> bool:
    """Has an outline or a fill; an invisible shape only carries a text label."""
    line = xpath(shape, "wps:spPr/a:ln")
    has_line = (not line and bool(xpath(shape, "wps:style/a:lnRef[@idx!='0']"))) or (
        bool(line) and not xpath(line[0], "a:noFill")
    )
    fill = xpath(shape, "wps:spPr/a:solidFill | wps:spPr/a:gradFill | wps:spPr/a:pattFill")
    has_fill = bool(fill) or (
        not xpath(shape, "wps:spPr/a:noFill") and bool(xpath(shape, "wps:style/a:fillRef[@idx!='0']"))
    )
    if xpath(shape, "wps:cNvSpPr[@txBox='1']"):
        return has_line  # a filled text box without a border reads as text
    return has_line or has_fill


def dml_kind(geometry: str, name: str) -> str:
    if geometry in ("", "rect"):
        # LibreOffice writes every symbol as a rectangle but keeps Word's shape name.
        return kind_from_name(name) or "process"
    if geometry in TERMINATOR_GEOMETRIES:
        return "terminator"
    if geometry in DECISION_GEOMETRIES:
        return "decision"
    return "process"


def kind_from_name(name: str) -> str | None:
    if TERMINATOR_NAME.search(name):
        return "terminator"
    if DECISION_NAME.search(name):
        return "decision"
    return None


def vml_type_number(shapetype) -> int | None:
    spt = attr(shapetype, "o:spt")
    if spt and spt.replace(".", "").isdigit():
        return int(float(spt))
    match = re.search(r"_x0000_t(\d+)$", attr(shapetype, "id") or "")
    return int(match.group(1)) if match else None


def vml_kind(shape, local: str, types: dict) -> str | None:
    """A MarkKind, "label" for a text box, or None for what is not a symbol."""
    if local == "rect":
        return "process"
    if local == "roundrect":
        return "terminator"
    if local == "oval":
        return "terminator"
    if local != "shape":
        return None
    if shape.find(q("v:imagedata")) is not None:
        return "picture"
    reference = (attr(shape, "type") or "").lstrip("#")
    number = types.get(reference)
    if number is None:
        match = re.search(r"_x0000_t(\d+)$", reference)
        number = int(match.group(1)) if match else vml_type_number(shape)
    if number in VML_NOT_SYMBOL_TYPES:
        return None
    if number == VML_TEXTBOX_TYPE:
        return "label"
    if number in VML_DECISION_TYPES:
        return "decision"
    if number in VML_TERMINATOR_TYPES:
        return "terminator"
    return "process"


def vml_is_visible(shape) -> bool:
    stroked = (attr(shape, "stroked") or "t").lower() not in ("f", "false")
    filled = (attr(shape, "filled") or "t").lower() not in ("f", "false")
    if xpath(shape, "v:stroke[@on='f' or @on='false']"):
        stroked = False
    if xpath(shape, "v:fill[@on='f' or @on='false']"):
        filled = False
    return stroked or filled


def vml_style(shape) -> dict[str, str]:
    style = {}
    for part in (attr(shape, "style") or "").split(";"):
        if ":" in part:
            key, value = part.split(":", 1)
            style[key.strip().lower()] = value.strip()
    return style


def vml_horizontal_position(style: dict[str, str]) -> tuple[float | None, str]:
    if style.get("position") != "absolute":
        return None, "inline"
    offset = length_emu(style.get("margin-left", style.get("left", "0")))
    if style.get("mso-position-horizontal-relative") == "page":
        return offset, "page"
    return offset, "column"


def vml_vertical_position(style: dict[str, str]) -> float | None:
    relative = style.get("mso-position-vertical-relative", "text")
    if style.get("position") != "absolute" or relative not in ("text", "line"):
        return None
    return length_emu(style.get("margin-top", style.get("top", "0")))


UNITS_EMU = {"pt": EMU_PER_PT, "in": 914400, "cm": 360000, "mm": 36000, "px": 9525, "emu": 1}


def length_emu(value: str) -> float:
    match = re.match(r"^\s*(-?[\d.]+)\s*([a-z]*)", value or "")
    if not match:
        return 0.0
    number = float(match.group(1))
    unit = match.group(2) or "emu"
    return number * UNITS_EMU.get(unit, 1)


@dataclass
class VmlGroup:
    """Maps a VML group's child coordinates (coordorigin/coordsize) onto the group's box."""

    x: float | None
    y: float | None
    origin: tuple[float, float]
    scale: tuple[float, float]
    relative_to: str

    @classmethod
    def of(cls, group, style: dict[str, str], x, y, relative_to) -> VmlGroup:
        origin = coordinate_pair(attr(group, "coordorigin"), default=0.0)
        size = coordinate_pair(attr(group, "coordsize"), default=1000.0)
        width, height = length_emu(style.get("width", "0")), length_emu(style.get("height", "0"))
        scale = (width / size[0] if size[0] else 1.0, height / size[1] if size[1] else 1.0)
        return cls(x, y, origin, scale, relative_to)

    def place(self, style: dict[str, str]) -> tuple[float | None, float | None, float, float]:
        """A member's left, top, width and height in EMU."""
        left, top, width, height = (
            float(re.sub(r"[a-z]+$", "", style.get(key, "0")) or 0) for key in ("left", "top", "width", "height")
        )
        x = None if self.x is None else self.x + (left - self.origin[0]) * self.scale[0]
        y = None if self.y is None else self.y + (top - self.origin[1]) * self.scale[1]
        return x, y, width * self.scale[0], height * self.scale[1]


def coordinate_pair(value: str | None, default: float) -> tuple[float, float]:
    parts = [p.strip() for p in (value or "").split(",")]
    parts += [""] * (2 - len(parts))
    return tuple(float(p) if re.fullmatch(r"-?[\d.]+", p) else default for p in parts[:2])


# ---------------------------------------------------------------------------------------------
# Pictures of symbols


def picture_kind(blob: bytes) -> str:
    """The flowchart symbol a small picture shows (from where its outline has ink), or
    "picture" when the image is not a plain symbol outline (a tick, a logo, an unreadable file)."""
    dark = ink_mask(blob)
    if dark is None or dark.sum() < 20:
        return "picture"
    ys, xs = np.nonzero(dark)
    box = dark[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    height, width = box.shape
    radius = max(2, int(0.04 * min(height, width)))

    def ink(fy: float, fx: float) -> bool:
        y, x = int(fy * (height - 1)), int(fx * (width - 1))
        return bool(box[max(0, y - radius) : y + radius + 1, max(0, x - radius) : x + radius + 1].any())

    corners = [ink(0, 0), ink(0, 1), ink(1, 0), ink(1, 1)]
    edge_middles = [ink(0, 0.5), ink(1, 0.5), ink(0.5, 0), ink(0.5, 1)]
    if all(corners):
        return "process"
    if any(corners) or not all(edge_middles):
        return "picture"
    if all([ink(0, 0.25), ink(0, 0.75), ink(1, 0.25), ink(1, 0.75)]):
        return "terminator"  # long straight top and bottom, rounded ends
    if not ink(0, 0.25) and not ink(0.25, 0):
        return "decision"  # ink only where a diamond touches its box
    return "picture"


def ink_mask(blob: bytes):
    """Dark pixels of an image (transparency shown as white), or None if it cannot be decoded."""
    if not blob:
        return None
    image = cv2.imdecode(np.frombuffer(blob, np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None:
        return None
    if image.ndim == 2:
        return image < 128
    grey = image[..., :3].astype(float).mean(axis=2)
    if image.shape[2] == 4:
        alpha = image[..., 3] / 255.0
        grey = grey * alpha + 255 * (1 - alpha)
    return grey < 128


# ---------------------------------------------------------------------------------------------
# Characters


def run_font(run) -> str:
    fonts = xpath(run, "w:rPr/w:rFonts")
    if not fonts:
        return ""
    return (attr(fonts[0], "w:ascii") or attr(fonts[0], "w:hAnsi") or "").lower()


def symbol_font_text(text: str, font: str) -> str:
    """Text in a symbol font: a tick or cross glyph becomes a tick character."""
    codes = SYMBOL_FONT_CHECKS.get(font)
    if not codes:
        return text
    return "".join(CHECK_CHAR if f"{ord(ch):02X}" in codes else ch for ch in text)


def sym_text(sym) -> str:
    font = (attr(sym, "w:font") or "").lower()
    code = (attr(sym, "w:char") or "").upper()
    if code in SYMBOL_FONT_CHECKS.get(font, ()):
        return CHECK_CHAR
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    return chr(value) if value < 0xF000 else ""


# ---------------------------------------------------------------------------------------------
# List numbering: Word draws "1.", "a." in front of numbered paragraphs; the text lacks them.


class ListNumbering:
    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_numbering = style_numbering(document)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {attr(a, "w:abstractNumId"): self.read_levels(a) for a in xpath(root, "w:abstractNum")}
        for num in xpath(root, "w:num"):
            levels = dict(abstract.get(xpath(num, "string(w:abstractNumId/@w:val)"), {}))
            for override in xpath(num, "w:lvlOverride"):
                level = int(attr(override, "w:ilvl") or 0)
                start = xpath(override, "string(w:startOverride/@w:val)")
                if start and level in levels:
                    fmt, text, _ = levels[level]
                    levels[level] = (fmt, text, int(start))
            self.levels[attr(num, "w:numId")] = levels

    @staticmethod
    def read_levels(abstract) -> dict[int, tuple[str, str, int]]:
        levels = {}
        for level in xpath(abstract, "w:lvl"):
            levels[int(attr(level, "w:ilvl") or 0)] = (
                xpath(level, "string(w:numFmt/@w:val)") or "decimal",
                xpath(level, "string(w:lvlText/@w:val)"),
                int(xpath(level, "string(w:start/@w:val)") or 1),
            )
        return levels

    def label(self, p) -> str:
        num_id, level = self.numbering_of(p)
        levels = self.levels.get(num_id or "")
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, template, start = levels[level]
        counters[level] = counters[level] + 1 if counters[level] else start
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def render(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            value = counters[index] or levels.get(index, ("decimal", "", 1))[2]
            return format_number(value, levels.get(index, ("decimal",))[0])

        return re.sub(r"%(\d)", render, template)

    def numbering_of(self, p) -> tuple[str | None, int]:
        num_pr = xpath(p, "w:pPr/w:numPr")
        style = xpath(p, "string(w:pPr/w:pStyle/@w:val)")
        num_id, level = self.style_numbering.get(style, (None, 0))
        if num_pr:
            num_id = xpath(num_pr[0], "string(w:numId/@w:val)") or num_id
            level = int(xpath(num_pr[0], "string(w:ilvl/@w:val)") or level)
        if num_id in (None, "0"):
            return None, 0
        return num_id, min(level, 8)


def default_font_size(document) -> float:
    """The document's default font size in points (Word's own default: 11 pt)."""
    try:
        styles = document.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return 11.0
    size = xpath(
        styles,
        "string(w:style[@w:type='paragraph' and @w:default='1']/w:rPr/w:sz/@w:val"
        " | w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val)",
    )
    return to_int(size) / 2 or 11.0


def style_numbering(document) -> dict[str, tuple[str, int]]:
    """Paragraph style id -> (numId, level) for styles that number their paragraphs."""
    found = {}
    try:
        styles = document.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return found
    for style in xpath(styles, "w:style[w:pPr/w:numPr/w:numId]"):
        num_id = xpath(style, "string(w:pPr/w:numPr/w:numId/@w:val)")
        level = int(xpath(style, "string(w:pPr/w:numPr/w:ilvl/@w:val)") or 0)
        found[attr(style, "w:styleId")] = (num_id, level)
    return found


def format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def to_roman(value: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for number, numeral in numerals:
        while value >= number:
            out += numeral
            value -= number
    return out
