"""Digital PDF backend: text lines and ruled tables of each page, with the flowchart symbols,
ticks, shading and small pictures drawn in each table cell.

Pages are read with pypdfium2 (PDFium, which pdfplumber also builds on): its text page gives
every character's box, its page objects every path with its points and colours. The table
finding itself follows pdfplumber's idea (ruling lines -> grid -> cells, see `pdf_geometry`
and `grid`) but skips pdfminer, whose parsing alone is slower than the whole of this backend
(see benchmarks/pdf_throughput.py).

A page that is only a picture of a table (a pasted screenshot) is read by the OCR backend.
"""
from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pypdfium2
import pypdfium2.raw as pdfium_c

from pipeline.extract import pdf_geometry as geo
from pipeline.extract.grid import Grid, Segment, align_columns, split_grid
from pipeline.extract.vocabulary import flowchart_heading_row, is_branch_label, is_step_number
from pipeline.extract.errors import ExtractionError
from pipeline.model import Block, Cell, Layout, Mark, Paragraph, Table

# Tick characters, and the codes symbol fonts use for a tick.
CHECK_CODES = {0x221A, 0x2713, 0x2714, 0x2611, 0x2705}
SYMBOL_FONT_CHECKS = {"wingdings": {0xFC, 0xFE, 0xF0FC, 0xF0FE}, "wingdings 2": {0x50, 0x52, 0xF050, 0xF052}}
SYMBOL_FONT_CODES = set().union(*SYMBOL_FONT_CHECKS.values())
MIN_TEXT_CHARACTERS = 40  # fewer letters and digits on every page: a scan with a stray caption
WHITE = 0.95  # luminance above which a fill or a line does not show on paper
SHADED_SHARE = 0.7  # a fill covering this much of a cell shades it
PAGE_PICTURE_SHARE = 0.15  # a picture this large on a page without a ruled table is the content
MIN_DRAWING = 3.0  # smaller specks (dots where table lines cross) are nothing drawn
GLYPH_HEIGHT = 16.0  # letters a printer drew as outlines are no taller (pt); flowchart symbols are
MIN_GLYPH_RUN = 2  # outlined letters standing in one line ("No"); one alone is a small drawing
MIN_OUTLINE_CONFIDENCE = 50  # below, what was taken for letters (arrow heads side by side) is no text
OUTLINE_OCR_SCALE = 300 / 72  # render outlined text at 300 dpi to read it
LIST_ITEM = re.compile(r"^(\d{1,2}[.,)]|[a-z][.)]|[-•·*])$|^[•·]")  # "2.", "b)", "-", "•" starting an entry
FOOTER_SHARE = 0.15  # the foot of a page, where running footers stand
PDFIUM_HYPHEN = 0x02  # PDFium's code for a hyphen at the end of a line
# Indonesian suffixes, never a word alone: a line of a narrow cell starting with one goes on
# with the word broken above it ("permohon|an", "mengaju|kan"), however often the document
# prints the halves so.
SUFFIXES = {"an", "kan", "nya", "lah", "kah"}


# ---------------------------------------------------------------------------------------------
# Entry points


def has_text_layer(path: Path) -> bool:
    """Does the PDF carry visible text of its own? False for image-only scans (and scans under
    an invisible OCR layer), which the OCR backend reads."""
    document = open_pdf(Path(path))
    try:
        for page in document:
            textpage = page.get_textpage()
            try:
                if has_visible_text(textpage):
                    return True
            finally:
                textpage.close()
                page.close()
        return False
    finally:
        document.close()


def read_pdf(path: Path) -> Layout:
    document = open_pdf(Path(path))
    try:
        contents = []
        for number in range(1, len(document) + 1):
            page = load_page(document, number)
            try:
                contents.append(read_content(page, number))
            finally:
                page.close()
        drop_running_footers(contents)
        # the document's own words tell a word broken over two lines of a narrow cell
        vocabulary = Counter(word_key(w.text) for content in contents for w in content.words)
        blocks: list[Block] = []
        columns = None  # column borders of the last table so far, for a table continued
        for content in contents:
            found, columns = page_blocks(document, content, vocabulary, columns)
            join_row_split_by_page_break(blocks, found)
            blocks += found
        return Layout(blocks, source_format="pdf", n_pages=len(document))
    finally:
        document.close()


def open_pdf(path: Path) -> pypdfium2.PdfDocument:
    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as error:
        reason = str(error).lower()
        if "password" in reason:
            raise ExtractionError("the PDF is password-protected; save an unprotected copy and try again") from error
        if "format" in reason or "file" in reason:
            raise ExtractionError("the file is not a readable PDF (damaged, truncated or not a PDF at all)") from error
        raise ExtractionError(f"the PDF could not be opened ({error})") from error
    if len(document) == 0:
        document.close()
        raise ExtractionError("the PDF has no pages")
    return document


def load_page(document: pypdfium2.PdfDocument, number: int):
    try:
        return document[number - 1]
    except pypdfium2.PdfiumError as error:
        raise ExtractionError(f"page {number} of the PDF is damaged and cannot be read") from error


def has_visible_text(textpage) -> bool:
    raw = textpage.raw
    count = 0
    for index in range(pdfium_c.FPDFText_CountChars(raw)):
        if chr(pdfium_c.FPDFText_GetUnicode(raw, index)).isalnum() and not is_invisible(raw, index):
            count += 1
            if count >= MIN_TEXT_CHARACTERS:
                return True
    return False


def is_invisible(textpage_raw, index: int) -> bool:
    text_object = pdfium_c.FPDFText_GetTextObject(textpage_raw, index)
    return bool(text_object) and (
        pdfium_c.FPDFTextObj_GetTextRenderMode(text_object) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
    )


# ---------------------------------------------------------------------------------------------
# What a page holds


@dataclass
class Word:
    text: str
    box: geo.Box
    space_after: bool = False  # a printed space follows: the word ended there
    turns: int = 0  # quarter turns clockwise of the text as displayed (3: reads upwards)

    def upright(self, turns: int) -> "Word":
        """The word in the frame where text turned so much reads left to right."""
        return Word(self.text, geo.upright(self.box, turns), self.space_after)


@dataclass
class Drawing:
    """One path object: its sub-paths (points on the displayed page) and how it is painted."""

    subpaths: list[list[geo.Point]]
    closed: list[bool]
    curved: list[bool]
    filled: bool  # with a fill that shows on paper
    stroked: bool  # with a line that shows on paper


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    ticks: list[geo.Box] = field(default_factory=list)
    drawings: list[Drawing] = field(default_factory=list)
    pictures: list[geo.Box] = field(default_factory=list)  # only pictures that show something


@dataclass
class Placement:
    """From PDF user space to the page as displayed: origin top left, y down, /Rotate applied."""

    crop: tuple[float, float, float, float]
    rotation: int

    @property
    def size(self) -> tuple[float, float]:
        width, height = self.crop[2] - self.crop[0], self.crop[3] - self.crop[1]
        return (height, width) if self.rotation in (90, 270) else (width, height)

    def point(self, x: float, y: float) -> geo.Point:
        left, bottom, right, top = self.crop
        if self.rotation == 90:
            return y - bottom, x - left
        if self.rotation == 180:
            return right - x, y - bottom
        if self.rotation == 270:
            return top - y, right - x
        return x - left, top - y

    def box(self, x0: float, y0: float, x1: float, y1: float) -> geo.Box:
        (ax, ay), (bx, by) = self.point(x0, y0), self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def read_content(page, number: int) -> PageContent:
    placement = Placement(tuple(page.get_cropbox()), page.get_rotation() % 360)
    width, height = placement.size
    content = PageContent(number, width, height)
    invisible_text = read_objects(page, placement, content)
    read_text(page, placement, content, invisible_text)
    return content


def read_text(page, placement: Placement, content: PageContent, invisible_text: bool) -> None:
    """Words from the characters in content-stream order, broken at spaces (printed or inferred
    by PDFium), line changes and wide gaps; ticks apart. Characters of invisible text (an OCR
    layer) are looked for only when the page has some."""
    textpage = page.get_textpage()
    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    letters: list[str] = []
    boxes: list[geo.Box] = []
    turns = 0

    def flush() -> None:
        if letters:
            content.words.append(Word("".join(letters), geo.union(boxes), turns=turns))
            letters.clear()
            boxes.clear()

    try:
        for index in range(pdfium_c.FPDFText_CountChars(raw)):
            code = pdfium_c.FPDFText_GetUnicode(raw, index)
            generated = pdfium_c.FPDFText_IsGenerated(raw, index) == 1  # spaces PDFium infers from gaps
            if generated or code == 0 or chr(code).isspace() or (invisible_text and is_invisible(raw, index)):
                flush()
                if not generated and chr(code) == " " and content.words:
                    content.words[-1].space_after = True
                continue
            pdfium_c.FPDFText_GetLooseCharBox(raw, index, rect)
            box = placement.box(rect.left, rect.bottom, rect.right, rect.top)
            if is_tick(raw, index, code):
                flush()
                content.ticks.append(box)
                continue
            # PDFium measures the angle clockwise in user space; /Rotate turns clockwise too
            char_turns = (round(math.degrees(pdfium_c.FPDFText_GetCharAngle(raw, index)) / 90) + placement.rotation // 90) % 4
            if boxes and (char_turns != turns or starts_new_word(geo.upright(boxes[-1], turns), geo.upright(box, turns))):
                flush()
            turns = char_turns
            letters.append("-" if code == PDFIUM_HYPHEN else chr(code))
            boxes.append(box)
        flush()
    finally:
        textpage.close()


def starts_new_word(previous: geo.Box, box: geo.Box) -> bool:
    """Boxes of two characters in a row, in the frame where their text reads left to right."""
    size = max(previous[3] - previous[1], 1.0)
    same_line = abs(previous[1] + previous[3] - box[1] - box[3]) < 0.8 * size
    gap = box[0] - previous[2]
    # the letters of a ligature ("fi", "ti") share one box: not a step back
    backwards = box[0] < previous[0] - 0.5
    return not same_line or gap > 0.3 * size or backwards


def is_tick(textpage_raw, index: int, code: int) -> bool:
    if code in CHECK_CODES:
        return True
    if code not in SYMBOL_FONT_CODES:
        return False
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage_raw, index, buffer, len(buffer), flags)
    font = buffer.value.decode("utf-8", "replace").lower()
    # "Wingdings 2" is checked before "Wingdings": the longer name first
    for name, codes in sorted(SYMBOL_FONT_CHECKS.items(), key=lambda item: -len(item[0])):
        if name in font:
            return code in codes
    return False


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def then(first: Matrix, second: Matrix) -> Matrix:
    """The transformation `first` followed by `second` (PDF matrix product)."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = second
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def object_matrix(handle) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(handle, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def read_objects(page, placement: Placement, content: PageContent) -> bool:
    """Paths and pictures, also those inside form XObjects (their matrices composed). True
    when the page has invisible text."""
    invisible_text = False
    top = [pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(page.raw))]
    stack = [(handle, IDENTITY) for handle in reversed(top)]
    while stack:
        handle, parent = stack.pop()
        kind = pdfium_c.FPDFPageObj_GetType(handle)
        matrix = then(object_matrix(handle), parent)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            children = [pdfium_c.FPDFFormObj_GetObject(handle, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(handle))]
            stack.extend((child, matrix) for child in reversed(children))
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            drawing = read_path(handle, matrix, placement)
            if drawing is not None:
                content.drawings.append(drawing)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            corners = [placement.point(*apply(matrix, x, y)) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
            box = geo.box_of(corners)
            large = geo.area(box) >= PAGE_PICTURE_SHARE * content.width * content.height
            if large or shows_drawing(handle, page):
                content.pictures.append(box)
        elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            invisible_text |= pdfium_c.FPDFTextObj_GetTextRenderMode(handle) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
    return invisible_text


def shows_drawing(handle, page) -> bool:
    """Does a small picture show a drawing across its box? Editors export text boxes and
    labels as pictures that are transparent but for a letter, or entirely."""
    image = pypdfium2.PdfImage(handle, page=page, pdf=page.pdf)
    try:
        pixels = image.get_bitmap(render=True, scale_to_original=False).to_numpy()
    except pypdfium2.PdfiumError:
        return True
    if pixels.ndim < 3 or pixels.shape[2] < 4 or min(pixels.shape[:2]) < 2:
        return True
    ink = (pixels[..., 3] > 128) & (pixels[..., :3].mean(axis=2) < 160)
    rows, cols = np.nonzero(ink)
    if len(rows) < 0.01 * ink.size:
        return False
    return (rows.max() - rows.min() + 1) >= 0.5 * ink.shape[0] and (cols.max() - cols.min() + 1) >= 0.5 * ink.shape[1]


def shows(handle, getter) -> bool:
    """Is the fill (or stroke) colour one that shows on white paper?"""
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not getter(handle, r, g, b, a):
        return True
    luminance = (0.299 * r.value + 0.587 * g.value + 0.114 * b.value) / 255
    return a.value > 0 and luminance < WHITE


def read_path(handle, matrix: Matrix, placement: Placement) -> Drawing | None:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(handle, fill_mode, stroke)
    filled = fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE and shows(handle, pdfium_c.FPDFPageObj_GetFillColor)
    stroked = bool(stroke.value) and shows(handle, pdfium_c.FPDFPageObj_GetStrokeColor)
    if not filled and not stroked:
        return None
    drawing = Drawing([], [], [], filled, stroked)
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(handle)):
        segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = placement.point(*apply(matrix, x.value, y.value))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not drawing.subpaths:
            drawing.subpaths.append([point])
            drawing.closed.append(False)
            drawing.curved.append(False)
        else:
            drawing.subpaths[-1].append(point)
            drawing.curved[-1] |= kind == pdfium_c.FPDF_SEGMENT_BEZIERTO
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            drawing.closed[-1] = True
    return drawing


# ---------------------------------------------------------------------------------------------
# What the drawing means


@dataclass
class Symbol:
    kind: str  # a MarkKind: terminator, process, decision, connector
    box: geo.Box
    text: str = ""


@dataclass
class Graphics:
    rulings: list[Segment]  # candidates; which form tables is decided by pdf_geometry
    symbols: list[Symbol]
    fills: list[geo.Box]  # filled rectangles, for cell shading
    other_drawing: list[geo.Box]  # arrow heads, connectors and whatever else is no table line


def sort_drawings(drawings: list[Drawing]) -> Graphics:
    """Each path as ruling candidates (thin shapes, straight stroked lines), a flowchart symbol
    (its largest closed outline), a fill, or other drawing."""
    graphics = Graphics([], [], [], [])
    outlined_boxes: list[tuple[geo.Box, int]] = []  # stroked rectangles: cells drawn as boxes?
    for drawing in drawings:
        outlines = []
        for points, closed, curved in zip(drawing.subpaths, drawing.closed, drawing.curved):
            if len(points) < 2:
                continue
            box = geo.box_of(points)
            if geo.is_thin(box):
                graphics.rulings.append(geo.segment_of_box(box))
            elif drawing.stroked and not closed and not drawing.filled:
                graphics.rulings += geo.segments_of_polyline(points)
            else:
                outlines.append((points, curved, box))
        if not outlines:
            continue
        points, curved, box = max(outlines, key=lambda o: geo.area(o[2]))
        kind = geo.outline_kind(points, curved)
        if kind is None:
            if max(geo.width(box), geo.height(box)) >= MIN_DRAWING:
                graphics.other_drawing.append(box)
            continue
        if kind == "process" and drawing.filled and len(outlines) == 1:
            graphics.fills.append(box)  # a shaded cell, unless it is smaller than its cell
        if kind == "process" and drawing.stroked and not drawing.filled:
            outlined_boxes.append((box, len(graphics.symbols)))
        graphics.symbols.append(Symbol(kind, box))
    drop_tiled_cells(graphics, outlined_boxes)
    graphics.symbols = distinct_symbols(graphics.symbols)
    return graphics


def drop_tiled_cells(graphics: Graphics, outlined: list[tuple[geo.Box, int]]) -> None:
    """Rectangles that share edges are table cells drawn as boxes: rulings, not symbols."""
    tiled = geo.tiled_rectangles([box for box, _ in outlined])
    for i in tiled:
        graphics.rulings += geo.segments_of_box_edges(outlined[i][0])
    dropped = {outlined[i][1] for i in tiled}
    graphics.symbols = [s for i, s in enumerate(graphics.symbols) if i not in dropped]


def distinct_symbols(symbols: list[Symbol]) -> list[Symbol]:
    """One symbol per place: editors draw a shape's fill and its outline as two paths, and
    outlines converted to fills as an outer and an inner path."""
    kept: list[Symbol] = []
    for symbol in sorted(symbols, key=lambda s: -geo.area(s.box)):
        if not any(geo.intersection(symbol.box, k.box) >= 0.5 * geo.area(symbol.box) for k in kept):
            kept.append(symbol)
    return kept


# ---------------------------------------------------------------------------------------------
# A page as blocks


def page_blocks(document: pypdfium2.PdfDocument, content: PageContent, vocabulary: Counter[str],
                continued_columns: list[float] | None) -> tuple[list[Block], list[float] | None]:
    """The page's tables and paragraphs in reading order, and the column borders of its last
    table. `continued_columns` are those of the previous page's last table."""
    number = content.number
    graphics = sort_drawings(content.drawings)
    ruling = geo.find_grids(graphics.rulings)
    grids = ruling.grids
    if not grids and is_picture_of_content(content):
        return read_picture_page(document, number), None
    if grids and continued_columns:
        grids[0] = align_columns(grids[0], continued_columns)
    graphics.other_drawing += [segment_box(s) for s in ruling.loose]
    # a rectangle drawn line by line inside a table cell is a process symbol
    graphics.symbols += [Symbol("process", frame) for frame in ruling.frames if in_a_cell(frame, grids)]
    graphics.symbols = [s for s in graphics.symbols if not is_cell_fill(s, grids)]
    words = [w for w in content.words if not is_drawn_branch_label(w, content.words, graphics)]
    words = attach_symbol_text(words, graphics.symbols)
    outlined = OutlinedText(document, number, outlined_glyphs(content.drawings))
    graphics.symbols = [s for s in graphics.symbols if not outlined.is_glyph(s.box)]
    placed: list[tuple[float, Block]] = []
    in_tables: set[int] = set()
    last_grid = None
    pending = list(grids)
    while pending:
        grid = pending.pop(0)
        inside = [i for i, w in enumerate(words) if geo.contains_point(grid.box, geo.centre(w.box))]
        rows = build_table(grid, [words[i] for i in inside], graphics, content, vocabulary, outlined)
        heading = flowchart_heading_row(rows)
        if heading:  # an identity block drawn in one piece with the flowchart below it
            pending[:0] = [g for g in split_grid(grid, heading) if not geo.is_single_cell(g)]
            continue
        in_tables.update(inside)
        placed.append((grid.ys[0], Table(rows, page=number, row_bounds=list(grid.ys))))
        last_grid = grid
    outside = [w for i, w in enumerate(words) if i not in in_tables]
    right_edge = max([w.box[2] for w in content.words] + [g.xs[-1] for g in grids], default=content.width)
    for top, text in paragraphs(outside, right_edge):
        placed.append((top, Paragraph(text, page=number)))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed], (last_grid.xs if last_grid else continued_columns)


def in_a_cell(box: geo.Box, grids: list[Grid]) -> bool:
    return any(grid.region_at(geo.centre(box)) is not None for grid in grids)


def is_cell_fill(symbol: Symbol, grids: list[Grid]) -> bool:
    """A rectangle covering most of a table cell, or more than one, is the cell's shading."""
    for grid in grids:
        region = grid.region_at(geo.centre(symbol.box))
        if region is not None:
            cell_area = geo.area(region.box)
            return (geo.intersection(symbol.box, region.box) >= SHADED_SHARE * cell_area
                    or geo.area(symbol.box) > 1.5 * cell_area)
    return False


def segment_box(segment: Segment) -> geo.Box:
    if segment.horizontal:
        return segment.start, segment.pos - 0.5, segment.end, segment.pos + 0.5
    return segment.pos - 0.5, segment.start, segment.pos + 0.5, segment.end


def is_picture_of_content(content: PageContent) -> bool:
    """A large picture with no text over it: a pasted image of the table."""
    page_area = content.width * content.height
    for picture in content.pictures:
        if geo.area(picture) >= PAGE_PICTURE_SHARE * page_area:
            words_over = sum(geo.contains_point(picture, geo.centre(w.box)) for w in content.words)
            if words_over < 5:
                return True
    return False


def read_picture_page(document: pypdfium2.PdfDocument, number: int) -> list[Block]:
    from pipeline.extract.scan import read_scanned_page, render  # OpenCV and Tesseract only when needed

    page = load_page(document, number)
    try:
        image, _ = render(page, has_text=False)
    finally:
        page.close()
    return read_scanned_page(image, number)


def is_drawn_branch_label(word: Word, words: list[Word], graphics: Graphics) -> bool:
    """"Ya"/"Tidak" written beside a decision's arrows: alone on its line, next to drawing."""
    if not is_branch_label(word.text):
        return False
    size = geo.height(word.box)
    for other in words:
        if other is not word and geo.distance(other.box, word.box) <= 1.5 * size:
            return False
    near = graphics.other_drawing + [s.box for s in graphics.symbols]
    return any(geo.distance(box, word.box) <= 1.5 * size for box in near)


def attach_symbol_text(words: list[Word], symbols: list[Symbol]) -> list[Word]:
    """Words inside a symbol ("Mulai", "Selesai") become its text; the rest is returned."""
    free = []
    inside: dict[int, list[Word]] = {}
    for word in words:
        home = next((i for i, s in enumerate(symbols) if geo.contains_point(s.box, geo.centre(word.box))), None)
        if home is None:
            free.append(word)
        else:
            inside.setdefault(home, []).append(word)
    for i, contained in inside.items():
        symbols[i].text = join_lines(contained, " ")
    return free


def join_lines(words: list[Word], separator: str = "\n") -> str:
    lines = geo.group_lines([w.box for w in words])
    return separator.join(" ".join(words[i].text for i in line) for line in lines)


# ---------------------------------------------------------------------------------------------
# Tables


def build_table(grid: Grid, words: list[Word], graphics: Graphics, content: PageContent,
                vocabulary: Counter[str], outlined: "OutlinedText | None" = None) -> list[list[Cell]]:
    """The grid as rows of cells: a merged cell's text repeated (spanned) in every position; a
    cell whose text is drawn as outlines is read by OCR."""
    contents: dict[tuple[int, int], list[Word]] = {(r.row, r.col): [] for r in grid.regions}
    for word in words:
        region = grid.region_at(geo.centre(word.box))
        if region is not None:
            contents[(region.row, region.col)].append(word)
    padding = cell_padding(grid, contents)
    cells: dict[tuple[int, int], Cell] = {}
    for region in grid.regions:
        text = cell_text(contents[(region.row, region.col)], region.box, padding, vocabulary)
        confidence = None
        if not text and outlined is not None:
            text, confidence = outlined.read(region.box)
        cells[(region.row, region.col)] = Cell(text=text, marks=cell_marks(region.box, graphics, content),
                                               confidence=confidence)
    rows = []
    for r in range(grid.n_rows):
        row = []
        for c in range(grid.n_cols):
            region = grid.by_position[(r, c)]
            origin = cells[(region.row, region.col)]
            at_origin = (region.row, region.col) == (r, c)
            row.append(origin if at_origin else Cell(text=origin.text, spanned=True))
        rows.append(row)
    drop_row_shading(rows)
    return rows


def outlined_glyphs(drawings: list[Drawing]) -> list[geo.Box]:
    """Boxes of letters drawn as filled outlines (a PDF printer that turned a font it could not
    embed into curves): small filled, unstroked contours standing in runs along a line."""
    contours = [geo.box_of(points) for d in drawings if d.filled and not d.stroked
                for points in d.subpaths if len(points) >= 3]
    # a letter is about as wide as it is tall; the shafts and slivers of drawn arrows are not
    contours = [b for b in contours if MIN_DRAWING <= geo.height(b) <= GLYPH_HEIGHT
                and 0.15 * geo.height(b) <= geo.width(b) <= 1.6 * geo.height(b)]
    outer = [box for box, held in zip(contours, inside_another(contours)) if not held]
    glyphs = []
    for line in geo.group_lines(outer):
        run: list[geo.Box] = []
        for box in (outer[i] for i in line):
            if run and box[0] - run[-1][2] > 1.5 * geo.height(geo.union(run + [box])):
                glyphs += run if len(run) >= MIN_GLYPH_RUN else []
                run = []
            run.append(box)
        glyphs += run if len(run) >= MIN_GLYPH_RUN else []
    return glyphs


def inside_another(boxes: list[geo.Box]) -> list[bool]:
    """For each letter-sized box, whether another holds it (a letter's counter inside the
    letter). Boxes are bucketed by where they stand, so that a page of traced vector art with
    thousands of contours compares each with its neighbours only."""
    size = 2 * GLYPH_HEIGHT  # no letter box is wider or taller: a holder stands in a next bucket
    buckets: dict[tuple[int, int], list[int]] = {}
    for i, box in enumerate(boxes):
        buckets.setdefault((int(box[0] // size), int(box[1] // size)), []).append(i)
    result = []
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        column, row = int(x0 // size), int(y0 // size)
        near = (j for dx in (-1, 0) for dy in (-1, 0) for j in buckets.get((column + dx, row + dy), ()))
        result.append(any(j != i and boxes[j] != boxes[i] and boxes[j][0] <= x0 and boxes[j][1] <= y0
                          and boxes[j][2] >= x1 and boxes[j][3] >= y1 for j in near))
    return result


class OutlinedText:
    """Reads the text a page draws as outlines, cell by cell, with Tesseract on a rendering of
    the page (made once, when a cell first needs it)."""

    def __init__(self, document: pypdfium2.PdfDocument, number: int, glyphs: list[geo.Box]):
        self.document, self.number, self.glyphs = document, number, glyphs
        self.image: np.ndarray | None = None

    def is_glyph(self, box: geo.Box) -> bool:
        return any(geo.intersection(box, g) >= 0.9 * geo.area(box) for g in self.glyphs if geo.area(box) > 0)

    def read(self, box: geo.Box) -> tuple[str, float | None]:
        inside = [g for g in self.glyphs if geo.contains_point(box, geo.centre(g))]
        if len(inside) < MIN_GLYPH_RUN:
            return "", None
        from pipeline.extract.scan import ocr_words, tesseract_ready  # Tesseract only when needed

        if not tesseract_ready():
            return "", None
        if self.image is None:
            page = load_page(self.document, self.number)
            try:
                self.image = page.render(scale=OUTLINE_OCR_SCALE, grayscale=True).to_numpy()
            finally:
                page.close()
            if self.image.ndim == 3:
                self.image = self.image[:, :, 0]
        ink = geo.union(inside)
        pad = 0.5 * geo.height(ink)
        x0, y0, x1, y1 = (round(v * OUTLINE_OCR_SCALE) for v in
                          (max(box[0], ink[0] - pad), max(box[1], ink[1] - pad),
                           min(box[2], ink[2] + pad), min(box[3], ink[3] + pad)))
        crop = np.pad(self.image[y0:y1, x0:x1], 20, constant_values=255)
        letter = float(np.median([geo.height(g) for g in inside])) * OUTLINE_OCR_SCALE
        words = ocr_words(crop, letter)
        if not words:
            return "", None
        lines = geo.group_lines([w.box for w in words])
        text = " ".join(" ".join(words[i].text for i in line) for line in lines)
        confidence = float(np.mean([w.confidence for w in words]))
        if confidence < MIN_OUTLINE_CONFIDENCE or len(re.findall(r"[^\W_]", text)) < MIN_GLYPH_RUN:
            return "", None
        return text, confidence


def cell_padding(grid: Grid, contents: dict[tuple[int, int], list[Word]]) -> float:
    """The table's inner cell margin: the least gap between a cell's left border and its text."""
    gaps = [min(w.box[0] for w in words) - region.box[0]
            for region in grid.regions if (words := contents[(region.row, region.col)])]
    return min([g for g in gaps if g >= 0], default=2.0)


def cell_text(words: list[Word], box: geo.Box, padding: float, vocabulary: Counter[str]) -> str:
    """The cell's lines in reading order, each line's words joined by spaces; text turned
    (a heading written upwards in a narrow column) is read in its own direction."""
    turns = max((w.turns for w in words), key=[w.turns for w in words].count, default=0)
    if turns:
        words, box = [w.upright(turns) for w in words], geo.upright(box, turns)
    lines = [[words[i] for i in line] for line in geo.group_lines([w.box for w in words])]
    if not lines:
        return ""
    text_right = max(w.box[2] for w in words)
    text = " ".join(w.text for w in lines[0])
    for above, below in zip(lines, lines[1:]):
        text += line_break(above, below, box, padding, text_right, vocabulary) + " ".join(w.text for w in below)
    return text


def line_break(above: list[Word], below: list[Word], box: geo.Box, padding: float, text_right: float,
               vocabulary: Counter[str]) -> str:
    """How one line of a cell goes on to the next: a line the editor wrapped continues with a
    space; a word broken for want of width (lower case goes on, or the joined word is printed
    elsewhere in the document) or at a line-end hyphen continues directly, unless both halves
    are words the document prints elsewhere and the joined word is not (a writer that emits no
    space at a wrap, as LibreOffice does: "Kepegawaian|dan"); a line the author
    ended gives "\n". A line was wrapped when the next word would not have fitted in the cell,
    or, ending in a printed space, not within the right edge of the cell's text (an indented
    block)."""
    last, first = above[-1], below[0]
    span = geo.union([w.box for w in above])
    size = geo.height(span)
    if len(last.text) > 1 and last.text.endswith("-") and last.text[-2].isalpha():
        return ""
    left, right = span[0] - box[0] - padding, box[2] - span[2] - padding
    # broken for want of width: the room left is less than the next letter (a wide one, "m",
    # takes more than 0.6 of the font size)
    letter = geo.width(first.box) / max(len(first.text), 1)
    room_left = max(0.6 * size, 1.2 * letter)
    broken = (len(above) == 1 and not last.space_after and left <= room_left and right <= room_left
              and last.text[-1].isalpha() and first.text[0].isalpha())
    if broken:
        if word_key(last.text + first.text) in vocabulary:
            return ""
        two_words = word_key(first.text) not in SUFFIXES and all(
            len(half) > 1 and vocabulary[half] > 1 for half in (word_key(last.text), word_key(first.text)))
        if first.text[0].islower() and not two_words:
            return ""
    if LIST_ITEM.match(first.text) or last.text.endswith((";", ":")):
        return "\n"
    needed = geo.width(first.box) + 0.3 * size
    centred = left > 2 and abs(left - right) <= 2
    room = left + right if centred else right if left <= 2 else left
    if needed > room or (last.space_after and needed > text_right - span[2]):
        return " "
    return "\n"


def cell_marks(box: geo.Box, graphics: Graphics, content: PageContent) -> list[Mark]:
    """Symbols, ticks and small pictures in the cell, left to right; then its shading."""
    cell_area = geo.area(box)
    marks = [Mark(kind=s.kind, text=s.text, x=s.box[0]) for s in graphics.symbols if geo.contains_point(box, geo.centre(s.box))]
    marks += [Mark(kind="check", x=t[0]) for t in content.ticks if geo.contains_point(box, geo.centre(t))]
    marks += [
        Mark(kind="picture", x=p[0])
        for p in content.pictures
        if geo.contains_point(box, geo.centre(p)) and geo.area(p) < 0.6 * cell_area
    ]
    marks.sort(key=lambda m: m.x)
    if any(geo.intersection(fill, box) >= SHADED_SHARE * cell_area for fill in graphics.fills):
        marks.append(Mark(kind="shading", x=box[0]))
    return marks


def drop_row_shading(rows: list[list[Cell]]) -> None:
    """A fill over every cell of a row is the row's style (a header band), not a mark."""
    for row in rows:
        origins = [c for c in row if not c.spanned]
        if len(origins) > 1 and all(any(m.kind == "shading" for m in c.marks) for c in origins):
            for cell in origins:
                cell.marks = [m for m in cell.marks if m.kind != "shading"]


# ---------------------------------------------------------------------------------------------
# Text outside tables


@dataclass
class Piece:
    """A run of words on one text line, apart from other runs on that line."""

    words: list[Word]

    @property
    def box(self) -> geo.Box:
        return geo.union([w.box for w in self.words])

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def paragraphs(words: list[Word], right_edge: float) -> list[tuple[float, str]]:
    """(top, text) of each paragraph: lines in reading order, a line wrapped onto the next one
    (it reached the right edge, the next line starts under its text) joined with a space."""
    pieces = [piece for line in geo.group_lines([w.box for w in words])
              for piece in split_line([words[i] for i in line])]
    found: list[tuple[float, list[Piece]]] = []
    for piece in pieces:
        last = found[-1][1] if found else None
        if last and wraps_onto(last[-1], piece, last[0], right_edge):
            last.append(piece)
        else:
            found.append((piece.box[1], [piece]))
    return [(top, " ".join(p.text for p in group)) for top, group in found]


def split_line(words: list[Word]) -> list[Piece]:
    """Runs of words far apart on one line (two signature blocks side by side) apart; a wide
    gap before or after a colon (label tab stop) holds them together."""
    pieces = [Piece([words[0]])]
    for word in words[1:]:
        previous = pieces[-1].words[-1]
        gap = word.box[0] - previous.box[2]
        colon = word.text.startswith(":") or previous.text.endswith(":")
        if gap > 8 * geo.height(word.box) and not colon:
            pieces.append(Piece([word]))
        else:
            pieces[-1].words.append(word)
    return pieces


def wraps_onto(above: Piece, below: Piece, first: Piece, right_edge: float) -> bool:
    """Does `below` continue the paragraph whose first line is `first` and last line `above`:
    right below it, same size, no room left for its first word, starting under a word of the
    paragraph (plain or hanging indent)?"""
    upper, lower = above.box, below.box
    size = geo.height(upper)
    if not 0 <= lower[1] - upper[3] <= 0.7 * size or abs(geo.height(lower) - size) > 0.3 * size:
        return False
    next_word = below.words[0].box
    no_room = upper[2] + 0.3 * size + geo.width(next_word) > right_edge
    aligned = any(abs(next_word[0] - w.box[0]) <= 3 for w in above.words + first.words[:1])
    return no_room and aligned and below.box[0] >= first.box[0] - 3


# ---------------------------------------------------------------------------------------------
# Across pages


def drop_running_footers(contents: list[PageContent]) -> None:
    """Lines repeated at the foot of most pages (an electronic-signature note, "Halaman 2 dari
    3") are page furniture, not part of the SOP; running heads stay (a letterhead names the
    agency)."""
    if len(contents) < 2:
        return
    footers: list[dict[str, list[Word]]] = []
    for content in contents:
        low = [w for w in content.words if w.box[1] >= (1 - FOOTER_SHARE) * content.height]
        lines = [[low[i] for i in line] for line in geo.group_lines([w.box for w in low])]
        footers.append({re.sub(r"\d+", "#", " ".join(w.text for w in line).casefold()): line for line in lines})
    # on every page, or on three pages or more that make half of them: a compilation carries
    # an SOP's footer on its pages only; a short word at the foot of two table rows is no footer
    counts: dict[str, int] = {}
    for lines in footers:
        for key in lines:
            counts[key] = counts.get(key, 0) + 1
    repeated = {key for key, count in counts.items()
                if count == len(contents) or (count >= 3 and 2 * count >= len(contents))}
    for content, lines in zip(contents, footers):
        furniture = {id(w) for key in repeated for w in lines.get(key, [])}
        content.words = [w for w in content.words if id(w) not in furniture]


def join_row_split_by_page_break(before: list[Block], page: list[Block]) -> None:
    """A step row cut in two by a page break: its rest opens the next page's table (after any
    repeated heading rows) with an empty number cell. It goes back into the row it belongs
    to, when the steps are numbered (an unnumbered row is not known to be a rest)."""
    previous = next((b for b in reversed(before) if isinstance(b, Table)), None)
    current = next((b for b in page if isinstance(b, Table)), None)
    if previous is None or current is None or previous.n_cols != current.n_cols:
        return
    last = previous.rows[-1]
    if not is_step_number(last[0].text):
        return
    headings = [[c.text for c in row] for row in previous.rows[:3]]
    index = next((i for i, row in enumerate(current.rows) if [c.text for c in row] not in headings), None)
    if index is None:
        return
    rest = current.rows[index]
    if rest[0].text or rest[0].spanned:
        return
    for upper, lower in zip(last, rest):
        if lower.spanned or upper.spanned:
            continue
        upper.text = "\n".join(t for t in (upper.text, lower.text) if t)
        upper.marks += lower.marks
    del current.rows[index]
    current.row_bounds = None  # a row taken out: the borders no longer match the rows
    if not current.rows:
        page.remove(current)


def word_key(text: str) -> str:
    return text.casefold().strip(".,;:()")
