"""Scanned PDFs and images (PNG, JPEG, TIFF): OCR into the layout model.

Each page is cut from the desk around it (a photo), turned upright (a page scanned on its side
or upside down), straightened (deskew, perspective) and cleaned (blue stamps and signatures,
shadows); its ruled tables are found from the lines (OpenCV morphology), and the flowchart
symbols, ticks, shading and pictures in the cells. Then
Tesseract reads the page once, over a mosaic of its text: every cell, every symbol's inside and
every line outside the tables as a block of its own, with ruled lines, arrows and logos
whitened. Every word goes back to the cell (or symbol) it came from, with its confidence.
A PDF page that has a visible text layer of its own is not OCRed: its words are used.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image
from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from pipeline.extract import raster
from pipeline.extract.grid import Grid, Region, Segment, split_grid
from pipeline.extract.vocabulary import classify_heading, flowchart_heading_row, is_branch_label
from pipeline.extract.errors import ExtractionError
from pipeline.extract.line_reader import LineReading, line_recognizer
from pipeline.extract.tesseract import TesseractUnavailable, tesseract
from pipeline.model import UNREAD, Block, Box, Cell, Layout, Mark, Paragraph, Table

OCR_LANGUAGES = "ind+eng"
PAGE_SEGMENTATION = 6  # Tesseract's --psm 6: a single uniform block of text
INSTALL_HINT = "install Tesseract OCR with the Indonesian language (apt-get install tesseract-ocr tesseract-ocr-ind)"
# Pixels an image file may decode to, over all its pages: Pillow's own decompression-bomb limit.
MAX_DECODED_PIXELS = 2 * Image.MAX_IMAGE_PIXELS
MAX_PIXELS = 40_000_000  # larger pages are scaled down first: no SOP needs more, memory does
DEFAULT_DPI = 200
# Cell images kept for the report: at 0.6 of the page's scale a line of print stays legible and
# the PNG small (a few KiB; only those of doubtful values reach the tables).
EVIDENCE_SCALE = 0.6
OCR_TEXT_HEIGHT = 18  # letter height (pixels) Tesseract reads best at; smaller print is enlarged
# What Tesseract makes of a tick (√ ✓) drawn alone in a cell.
CHECK_TEXT = re.compile(r"^[√✓✔☑vV/\\]{1,3}$")
# A lone "1" (a step number) that Tesseract, lacking context, read as a bar or a letter.
LONE_ONE = re.compile(r"^[!|lIij'‘’\[\]]([.)]?)$")
# Digits read with a confidence below this are read again at REREAD_ZOOM times the scale.
REREAD_BELOW, REREAD_ZOOM = 60.0, 2.0
REREAD_WORDS = 6  # a value (a Waktu, a date, a NIP line), not a paragraph
# One line whose weakest word Tesseract read below this (handwriting reads at 0-72, print at
# 85+), of up to SECOND_READ_WORDS words and SECOND_READ_LETTERS letters or digits (not a
# stray mark), is read again by the second engine (line_reader).
SECOND_READ_BELOW, SECOND_READ_WORDS, SECOND_READ_LETTERS = 80.0, 10, 3
# How far (letter heights) after a line's last word a value may stand ("Label :" lines).
VALUE_REACH = 8.0
DISPUTED_CONFIDENCE = 50.0  # at most, for a line the two engines read differently: below the line of doubt (60)
# Writing in a cell that no reading made words of (model.UNREAD): ink at least half a letter
# high, three letters wide and of two letters' ink.
UNREAD_HEIGHT, UNREAD_WIDTH, UNREAD_INK = 0.5, 3.0, 0.5
DARK = 160  # grey levels below which a cleaned page image holds ink
# Grey level under which print lies on a crisp page, and the darker quarter of its strokes there.
DARK_PRINT, PRINT_CORE = 150.0, 120.0
SHADING_CONTRAST = 25  # grey levels a shaded cell is darker than paper (light grey fill: ~40)


@dataclass
class Word:
    text: str
    confidence: float | None  # Tesseract's 0-100; None for a PDF's own text
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in page pixels

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


# ---------------------------------------------------------------------------------------------
# Entry points


def read_scan_pdf(path: Path) -> Layout:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as error:
        raise ExtractionError(f"the PDF could not be opened ({error}); it may be damaged or password-protected") from error
    blocks: list[Block] = []
    try:
        for number, page in enumerate(document, start=1):
            words = text_layer_words(page)
            image, scale = render(page, has_text=words is not None)
            if words is None:
                blocks += read_scanned_page(image, number)
            else:
                blocks += read_page_with_text(image, [scale_word(w, scale, image.shape[0]) for w in words], number)
        return Layout(blocks, source_format="scan_pdf", n_pages=len(document))
    finally:
        document.close()


def read_image(path: Path) -> Layout:
    pages = load_image_pages(path)
    blocks: list[Block] = []
    for number, image in enumerate(pages, start=1):
        blocks += read_scanned_page(image, number)
    return Layout(blocks, source_format="image", n_pages=len(pages))


# ---------------------------------------------------------------------------------------------
# Loading pages


def load_image_pages(path: Path) -> list[np.ndarray]:
    refuse_oversized_image(path)
    data = np.fromfile(str(path), dtype=np.uint8)
    pages: list[np.ndarray] = []
    if data[:4].tobytes() in (b"II*\x00", b"MM\x00*"):
        ok, pages = cv2.imdecodemulti(data, cv2.IMREAD_COLOR)
        pages = list(pages) if ok else []
    elif data[:4].tobytes() == b"\x89PNG":
        image = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
        pages = [on_white(image)] if image is not None else []
    else:  # JPEG: decoded upright, as its camera orientation tag says
        image = cv2.imdecode(data, cv2.IMREAD_COLOR)
        pages = [image] if image is not None else []
    if not pages:
        raise ExtractionError("the image could not be decoded; the file may be damaged or not a PNG, JPEG or TIFF")
    return [limit_size(p) for p in pages]


def refuse_oversized_image(path: Path) -> None:
    """Refuse, from its header and before decoding, an image whose pixels would not fit in
    memory: a few kilobytes of PNG can unpack to gigabytes."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height, frames = image.width, image.height, getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as error:
        raise ExtractionError(f"the image is too large to decode safely ({error}); it may be a decompression "
                              "bomb, or a scan at far too high a resolution: scale it down (300 dpi is enough)") from error
    except (OSError, ValueError, SyntaxError):
        return  # not readable from its header: decoding says what is wrong
    if width * height * frames > MAX_DECODED_PIXELS:
        pages = f" over {frames} pages" if frames > 1 else ""
        raise ExtractionError(f"the image holds {width * height * frames / 1e6:,.0f} million pixels{pages}, more than "
                              f"the {MAX_DECODED_PIXELS / 1e6:,.0f} million that can be decoded safely; it may be a decompression "
                              "bomb, or a scan at far too high a resolution: scale it down (300 dpi is enough)")


def on_white(image: np.ndarray) -> np.ndarray:
    """A PNG as 8-bit colour, its transparent parts white (not black, as decoding leaves them)."""
    if image.dtype != np.uint8:
        image = (image / 257).astype(np.uint8)
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        alpha = image[..., 3:4].astype(np.float32) / 255
        return (image[..., :3] * alpha + raster.WHITE * (1 - alpha)).astype(np.uint8)
    return image


def limit_size(image: np.ndarray) -> np.ndarray:
    pixels = image.shape[0] * image.shape[1]
    if pixels <= MAX_PIXELS:
        return image
    factor = (MAX_PIXELS / pixels) ** 0.5
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)


def text_layer_words(page) -> list[Word] | None:
    """The page's own visible words (in PDF points, origin bottom-left), or None when it has no
    usable text layer: fewer than a few dozen letters means a scan (perhaps with a caption)."""
    textpage = page.get_textpage()
    try:
        characters = [(textpage.get_text_range(index, 1), index) for index in range(textpage.count_chars())]
        characters = [(char, index) for char, index in characters if not is_invisible(textpage, index)]
        if sum(char.isalnum() for char, _ in characters) < 40:
            return None
        words, letters, box = [], [], None
        for char, index in characters + [(" ", -1)]:
            if not char.strip():
                if letters:
                    words.append(Word("".join(letters), None, box))
                letters, box = [], None
                continue
            left, bottom, right, top = textpage.get_charbox(index)
            letters.append(char)
            box = (left, bottom, right, top) if box is None else (
                min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top))
        return words
    finally:
        textpage.close()


def is_invisible(textpage, index: int) -> bool:
    """Text drawn invisibly: a scanner's own OCR layer, which is read again here."""
    import pypdfium2.raw as pdfium_c

    text_object = pdfium_c.FPDFText_GetTextObject(textpage.raw, index)
    return bool(text_object) and (
        pdfium_c.FPDFTextObj_GetTextRenderMode(text_object) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)


def scale_word(word: Word, scale: float, image_height: int) -> Word:
    left, bottom, right, top = word.box
    return Word(word.text, None, (left * scale, image_height - top * scale, right * scale, image_height - bottom * scale))


def render(page, has_text: bool) -> tuple[np.ndarray, float]:
    """The page as a BGR image at the resolution of its scan (no resampling gain or loss)."""
    width, height = page.get_size()
    dpi = DEFAULT_DPI if has_text else (scan_dpi(page, width) or DEFAULT_DPI)
    scale = min(dpi, 400) / 72
    if width * height * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / (width * height)) ** 0.5
    bitmap = page.render(scale=scale, grayscale=False)
    image = bitmap.to_numpy()
    image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR) if image.shape[2] == 4 else image.copy()
    return image, scale


def scan_dpi(page, page_width: float) -> float | None:
    """Resolution of the largest picture on the page (the scan), if it covers most of it."""
    import pypdfium2.raw as pdfium_c

    best = None
    for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, _, right, _ = item.get_bounds()
        pixels_wide, _ = item.get_px_size()
        if right - left >= 0.5 * page_width and pixels_wide:
            dpi = pixels_wide / (right - left) * 72
            best = max(best or 0, dpi)
    return max(best, 100) if best else None


# ---------------------------------------------------------------------------------------------
# One page


@dataclass
class PageGeometry:
    """A straightened page and what was found in it, in its pixel coordinates."""

    width: int  # pixels
    fill: np.ndarray  # darkest channel, background flattened: shading shows
    unit: float  # text height in pixels
    grids: list[Grid]
    shapes: list[tuple[raster.Shape, int, Region]]  # shape, grid index, cell
    pictures: list[tuple[tuple[int, int, int, int], int, Region]]  # box, grid index, cell
    ticks: list[tuple[int, int, int, int]]  # boxes of check marks
    ocr_image: np.ndarray  # the page with lines, symbol outlines and pictures removed
    text: np.ndarray  # the print without coloured ink, as scanned (no line, speck or thin stroke removed)
    pen: list[tuple[int, int, int, int]] = dataclasses.field(default_factory=list)  # lines written in coloured pen
    pen_image: np.ndarray | None = None  # the pen's strokes alone (stamps and print left out)
    stamps: list[tuple[int, int, int]] = dataclasses.field(default_factory=list)  # round stamps: x, y, radius


def read_scanned_page(image: np.ndarray, number: int) -> list[Block]:
    check_tesseract()  # before the page's analysis: fail fast
    geometry = analyse(image)
    return assemble(geometry, read_scanned_page_words(geometry), number)


def read_page_with_text(image: np.ndarray, words: list[Word], number: int) -> list[Block]:
    return assemble(analyse(image, scanned=False), words, number)


def analyse(image: np.ndarray, scanned: bool = True) -> PageGeometry:
    """Tables, symbols, ticks and pictures of a page, and the page cleaned for OCR. A scanned
    page (not a rendered one) is first cut from the desk, brought to a working size, turned
    upright and straightened."""
    if scanned:
        image = cut_sheet(image)
    layers = page_layers(image)
    ink = raster.ink_mask(layers.text)
    unit = raster.text_height(ink)
    if scanned:
        layers, ink, unit = working_size(layers, ink, unit)
        layers, ink, unit = turn_upright(layers, ink, unit)
        layers, ink = straighten_page(layers, ink, unit)
    stamps = raster.stamp_circles(layers.stamped, unit)
    ruling = find_ruling(ink, layers.text, layers.stamped, unit, stamps)
    shapes = place_in_cells(all_shapes(cv2.subtract(ink, ruling.table_pixels), layers.text, unit), ruling.grids, unit)
    ocr_image, pictures = clean_for_ocr(layers, ink, ruling, shapes, unit)
    ticks = [box for box in raster.find_ticks(ocr_image < DARK, unit)
             if cell_at(ruling.grids, box[0] + box[2] / 2, box[1] + box[3] / 2)]
    pen, pen_image, pen_strokes = written_in_pen(layers, unit, stamps) if scanned else ([], None, None)
    if pen_strokes is not None:
        ocr_image[pen_strokes] = raster.WHITE  # what print showed through the pen's darkest strokes
    text = layers.text.copy()
    text[(layers.stamped > 0) & (ocr_image == raster.WHITE)] = raster.WHITE  # what stamps leave on it: gone
    return PageGeometry(ink.shape[1], layers.fill, unit, ruling.grids, shapes, pictures, ticks, ocr_image,
                        text, pen, pen_image, stamps)


def written_in_pen(layers: Layers, unit: float, stamps: list[tuple[int, int, int]]):
    """Lines written in coloured pen, an image of their strokes alone to read them from, and
    where the strokes are."""
    coloured = layers.stamped > 0
    if not coloured.any():  # most pages: nothing coloured at all
        return [], None, None
    lines, strokes = raster.pen_lines(coloured, unit, stamps)
    if not lines:
        return [], None, None
    around = cv2.dilate(strokes.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0  # with their soft edges
    return lines, np.where(around, layers.fill, raster.WHITE).astype(np.uint8), around


@dataclass
class Ruling:
    """The ruled lines of a page and the tables they make."""

    segments: list[Segment]
    lines: np.ndarray  # mask of every ruled line: tables, arrows, symbol edges, underlines
    grids: list[Grid]
    table_pixels: np.ndarray  # mask of the lines that make up tables

    def others(self) -> list[Segment]:
        """Lines that are not table lines."""
        in_tables = {id(s) for g in self.grids for s in g.segments}
        return [s for s in self.segments if id(s) not in in_tables]


def find_ruling(ink: np.ndarray, grey: np.ndarray, stamped: np.ndarray, unit: float,
                stamps: list[tuple[int, int, int]]) -> Ruling:
    horizontal, vertical = raster.line_masks(ink | raster.thin_grey(grey, unit), unit, stamped)
    # Coloured ink hides the print under it: a round stamp its whole disc (a photo's blur leaves
    # a line under its ink too faint to keep), a date written in pen across a ruled line its
    # strokes and the gaps between its letters, where the line's stubs are too short to keep. A
    # line broken under them is one line, however wide they are.
    near_strokes = cv2.dilate(stamped, np.ones((raster.odd(unit), raster.odd(unit)), np.uint8))
    hiding = near_strokes | raster.stamp_discs(stamped.shape, stamps)
    # where a line may be hidden by a stamp, broken into stubs, or too faint for the ink's
    # threshold beside bold print (a photo's blur) while still darker than the paper
    covered = hiding | ink | (grey < raster.FAINT_INK).astype(np.uint8) * raster.WHITE
    across = raster.segments(horizontal, True, unit, covered, hiding)
    down = raster.segments(vertical, False, unit, covered, hiding)
    grids = raster.find_grids(across, down, unit, covered)
    lines = horizontal | vertical
    near = raster.draw_segments(lines.shape, [s for g in grids for s in g.segments], thickness=max(5, int(unit / 2)))
    return Ruling(across + down, lines, grids, cv2.dilate(lines & near, np.ones((3, 3), np.uint8)))


def clean_for_ocr(layers: Layers, ink: np.ndarray, ruling: Ruling, shapes, unit: float):
    """The page with lines, symbol outlines, arrowheads, logos, scribbles and specks whitened
    (underlines stay), and the pictures found in cells."""
    outlines = np.zeros_like(ink)
    for shape, _, _ in shapes:
        raster.draw_outline(outlines, shape, stroke=max(2, int(unit / 4)))
        if shape.solid:  # its paint too: OCR reads it as letters
            x, y, w, h = shape.box
            outlines[y : y + h, x : x + w] |= shape.inside
    leftover = cv2.subtract(cv2.subtract(ink, cv2.dilate(ruling.lines, np.ones((3, 3), np.uint8))), outlines)
    blobs, pictures = non_text_blobs(cv2.subtract(ink, ruling.table_pixels), layers.text, layers.stamped,
                                     ruling.grids, shapes, unit)
    others = ruling.others()
    connectors = [s for s in others if any(inside_box(s, g.box) for g in ruling.grids)]
    clutter = blobs | raster.arrowheads(leftover, connectors, unit) | raster.specks(leftover, unit)
    erase = raster.lines_to_erase(ruling.lines, raster.underline_mask(ink, others, unit)) | outlines \
        | cv2.dilate(clutter, np.ones((3, 3), np.uint8))
    ocr_image = raster.stretch_contrast(layers.text)
    ocr_image[erase > 0] = raster.WHITE
    for grid in ruling.grids:
        for region in grid.regions:
            raster.whiten_fill(ocr_image, region.box)
    return ocr_image, pictures


@dataclass
class Layers:
    """Grey versions of a page, each for one purpose."""

    text: np.ndarray  # print without coloured ink (but with print showing through it)
    fill: np.ndarray  # any colour dark: for shaded cells
    stamped: np.ndarray  # where coloured ink was removed

    def map(self, transform) -> Layers:
        return Layers(*(transform(layer) for layer in (self.text, self.fill, self.stamped)))


def page_layers(image: np.ndarray) -> Layers:
    brightest, darkest = raster.channel_extremes(image)
    coloured = raster.coloured_ink(brightest, darkest)
    # the darkest channel makes any fill colour (also yellow) dark: it shows shaded cells
    return Layers(raster.flatten_background(raster.text_grey(brightest, coloured)),
                  raster.flatten_background(darkest), coloured.astype(np.uint8) * raster.WHITE)


def cut_sheet(image: np.ndarray) -> np.ndarray:
    """A photo's sheet of paper without the desk around it, as an upright rectangle."""
    sheet = raster.paper_outline(raster.channel_extremes(image)[1])
    if sheet is None:
        return image
    homography, size = raster.sheet_transform(sheet)
    return raster.warp(image, homography, size)


def working_size(layers: Layers, ink: np.ndarray, unit: float) -> tuple[Layers, np.ndarray, float]:
    """A high-resolution photo scaled down: no rule needs letters this large, and time grows
    with the pixels."""
    if unit <= 2 * OCR_TEXT_HEIGHT:
        return layers, ink, unit
    factor = OCR_TEXT_HEIGHT / unit
    layers = layers.map(lambda layer: cv2.resize(layer, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA))
    ink = raster.ink_mask(layers.text)
    return layers, ink, raster.text_height(ink)


QUARTER_TURNS = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}


def turn_upright(layers: Layers, ink: np.ndarray, unit: float) -> tuple[Layers, np.ndarray, float]:
    """A page scanned or photographed on its side or upside down, turned by quarter turns so
    that its print reads across, top to bottom, before anything else is measured on it."""
    turns = raster.quarter_turns(ink)
    if not turns:
        return layers, ink, unit
    code = QUARTER_TURNS[turns]
    ink = cv2.rotate(ink, code)
    return layers.map(lambda layer: cv2.rotate(layer, code)), ink, raster.text_height(ink)


def straighten_page(layers: Layers, ink: np.ndarray, unit: float) -> tuple[Layers, np.ndarray]:
    """The page (and its ink) turned and, for a photo, unwarped so that the table is upright."""
    angle = raster.skew_angle(ink)
    if abs(angle) > 0.05:
        layers = layers.map(lambda image: raster.rotate(image, angle))
        ink = raster.ink_mask(layers.text)
    corners = raster.table_outline(ink, unit)
    homography = raster.perspective_transform(corners) if corners is not None else None
    if homography is not None:
        layers = layers.map(lambda image: raster.warp(image, homography))
        ink = raster.ink_mask(layers.text)
    return layers, ink


def inside_box(segment: Segment, box: tuple[float, float, float, float]) -> bool:
    left, top, right, bottom = box
    if segment.horizontal:
        return top <= segment.pos <= bottom and left <= segment.start and segment.end <= right
    return left <= segment.pos <= right and top <= segment.start and segment.end <= bottom


def all_shapes(ink: np.ndarray, grey: np.ndarray, unit: float) -> list[raster.Shape]:
    """Outlined symbols, and filled ones. A filled symbol's paint may leave a pale hole that
    looks like an outlined symbol's inside: the filled one stands for it."""
    solid = raster.find_solid_shapes(grey, unit)
    outlined = [shape for shape in raster.find_shapes(ink, unit)
                if not any(overlaps(box_corners(shape.box), box_corners(other.box)) for other in solid)]
    return outlined + solid


def box_corners(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    x, y, w, h = box
    return x, y, x + w, y + h


def place_in_cells(shapes: list[raster.Shape], grids: list[Grid], unit: float):
    """Each symbol with the table cell that holds it; symbols outside cells are dropped."""
    placed = []
    for shape in shapes:
        x, y, w, h = shape.box
        found = cell_at(grids, x + w / 2, y + h / 2)
        if found is None:
            continue
        index, region = found
        left, top, right, bottom = region.box
        margin = unit / 2
        fits = x >= left - margin and y >= top - margin and x + w <= right + margin and y + h <= bottom + margin
        if fits and w < 0.95 * (right - left) and h < 0.95 * (bottom - top):
            placed.append((shape, index, region))
    return placed


def cell_at(grids: list[Grid], x: float, y: float) -> tuple[int, Region] | None:
    for index, grid in enumerate(grids):
        left, top, right, bottom = grid.box
        if not (left <= x <= right and top <= y <= bottom):
            continue
        for region in grid.regions:
            r_left, r_top, r_right, r_bottom = region.box
            if r_left <= x <= r_right and r_top <= y <= r_bottom:
                return index, region
    return None


def non_text_blobs(ink: np.ndarray, grey: np.ndarray, stamped: np.ndarray, grids: list[Grid], shapes, unit: float):
    """Ink too big to be a letter (logos, signatures, stamps, arrows): a mask to keep it from
    the OCR, and the dark ones inside cells as pictures.

    `ink` is without table lines, so a logo or a signature is one blob (its pieces a few pixels
    apart count as one). A dark blob (a logo) goes with its inside; of a sparse one (a
    signature, a stamp) only its strokes go, and not where it crosses a line of text, so the
    letters it touches stay. The insides of symbols stay: their text is read."""
    grouped = cv2.dilate(ink, np.ones((5, 5), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(grouped, connectivity=8)
    big = (stats[:, cv2.CC_STAT_HEIGHT] >= 2.5 * unit) & (stats[:, cv2.CC_STAT_WIDTH] >= 1.5 * unit)
    big[0] = False
    insides = np.zeros_like(ink)
    for shape, _, _ in shapes:
        x, y, w, h = shape.box
        insides[y : y + h, x : x + w] = shape.inside
    with_symbol = np.zeros(count, bool)
    with_symbol[np.unique(labels[insides > 0])] = True
    erase = np.zeros(ink.shape, bool)
    pictures = []
    # Print is dark; what a removed stamp leaves on it is faint and would join letters into blobs.
    # Away from coloured ink, how dark print is depends on the page: a blurred photo in dim
    # light prints grey letters (lines of them joined by descenders into a blob as tall as a
    # signature).
    stamp_left = cv2.dilate(stamped, np.ones((5, 5), np.uint8)) > 0
    dark = np.where(stamp_left, grey < DARK_PRINT, grey < print_level(ink, grey))
    dark_ink = ink & dark.astype(np.uint8) * raster.WHITE
    for i in np.nonzero(big)[0]:
        x, y, w, h, _ = stats[i]
        blob = labels[y : y + h, x : x + w] == i
        if with_symbol[i] or (grey[y : y + h, x : x + w] < 128).mean() < 0.3:
            erase[y : y + h, x : x + w] |= blob & (ink[y : y + h, x : x + w] > 0) & ~near_words(dark_ink, (x, y, w, h), unit)
            continue
        outline, _ = cv2.findContours(blob.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        filled = np.zeros((h, w), np.uint8)
        cv2.drawContours(filled, outline, -1, 1, thickness=cv2.FILLED)
        erase[y : y + h, x : x + w] |= filled > 0
        found = cell_at(grids, x + w / 2, y + h / 2)
        if found is not None:
            pictures.append(((x, y, w, h), *found))
    erase[insides > 0] = False
    return erase.astype(np.uint8) * raster.WHITE, pictures


def print_level(ink: np.ndarray, grey: np.ndarray) -> float:
    """The grey level under which a page's print lies: 150 on a crisp page, more where its
    strokes are grey (their darker quarter lighter than PRINT_CORE)."""
    if not ink.any():
        return DARK_PRINT
    core = float(np.percentile(grey[ink > 0], 25))
    return max(DARK_PRINT, core + DARK_PRINT - PRINT_CORE)


def near_words(ink: np.ndarray, box: tuple[int, int, int, int], unit: float) -> np.ndarray:
    """Within `box`: the band along lines of print, where a scribble crossing them is kept."""
    x, y, w, h = box
    pad = int(2 * unit)
    top, left = max(y - pad, 0), max(x - pad, 0)
    words = raster.words_mask(ink[top : y + h + pad, left : x + w + pad], unit)
    zone = cv2.dilate(words, cv2.getStructuringElement(cv2.MORPH_RECT, (raster.odd(3 * unit), 3)))
    return zone[y - top : y - top + h, x - left : x - left + w] > 0


# ---------------------------------------------------------------------------------------------
# OCR


@functools.lru_cache(maxsize=1)
def check_tesseract() -> None:
    """Tesseract's library and its Indonesian data are there (loaded for the pages to come)."""
    try:
        tesseract(OCR_LANGUAGES)
    except TesseractUnavailable as error:
        raise ExtractionError(f"Tesseract OCR cannot read scans and images here ({error}); {INSTALL_HINT}") from error


def tesseract_ready() -> bool:
    try:
        check_tesseract()
    except ExtractionError:
        return False
    return True


@dataclass
class Piece:
    """A rectangle of the page copied into the OCR mosaic."""

    box: tuple[int, int, int, int]  # x0, y0, x1, y1 on the page
    blank: list[tuple[int, int, int, int]]  # parts read elsewhere (a cell's symbols, tables beside a line)
    as_scanned: bool = False  # read from the page as scanned (coloured pen), not the cleaned one


def read_scanned_page_words(geometry: PageGeometry) -> list[Word]:
    """OCR of the page in one Tesseract run over a mosaic of its text: every cell, every symbol's
    inside and every line outside the tables stacked as its own block, so that text of
    neighbouring cells is never read as one line and lone numbers are not taken for noise."""
    pieces = text_pieces(geometry)
    if not pieces:
        return []
    words = read_pieces(geometry, pieces)
    words = reread_doubtful_digits(geometry, pieces, words)
    words = read_doubtful_lines_again(geometry, pieces, words)
    # a coloured mark too short to be a written value (a logo's or a signature's loose bit)
    specks = [p for p in pieces if p.as_scanned
              and sum(c.isalnum() for w in words_of(p, words) for c in w.text) < SECOND_READ_LETTERS]
    return [w for w in words if not any(inside(w.centre, p.box) for p in specks)]


def read_pieces(geometry: PageGeometry, pieces: list[Piece], zoom: float | None = None) -> list[Word]:
    mosaic, tops = compose(geometry, pieces)
    words = (to_page(word, pieces, tops, margin(geometry.unit)) for word in ocr_words(mosaic, geometry.unit, zoom))
    return [word for word in words if word]


def reread_doubtful_digits(geometry: PageGeometry, pieces: list[Piece], words: list[Word]) -> list[Word]:
    """Short pieces holding digits read with low confidence (a Waktu, a NIP, a date, a step
    number) read again, all in one more Tesseract run, at a larger scale; a piece keeps the reading
    it is surer of."""
    doubtful = [p for p in pieces if len(words_of(p, words)) <= REREAD_WORDS
                and any(re.search(r"\d", w.text) and w.confidence < REREAD_BELOW for w in words_of(p, words))]
    if not doubtful:
        return words
    again = read_pieces(geometry, doubtful, zoom=REREAD_ZOOM * ocr_zoom(geometry.unit))
    for piece in doubtful:
        before, after = words_of(piece, words), words_of(piece, again)
        if after and surer(after, before):
            words = [w for w in words if w not in before] + after
    return words


def read_doubtful_lines_again(geometry: PageGeometry, pieces: list[Piece], words: list[Word]) -> list[Word]:
    """Short one-line pieces Tesseract is unsure of, and every line written in pen, read again
    by the second engine: print from the page as scanned (lines, specks and thin strokes are
    not whitened there), pen from its strokes alone. Where the two readings agree the value is
    sure; where they differ the more confident one is kept, in doubt (DISPUTED_CONFIDENCE at
    most, lower the further apart the readings are): it is to be checked by eye."""
    doubtful = []
    for piece in pieces:
        mine = words_of(piece, words)
        if (mine and len(mine) <= SECOND_READ_WORDS and len(text_lines(mine, geometry.unit)) == 1
                and (piece.as_scanned or min(w.confidence for w in mine) < SECOND_READ_BELOW)
                and sum(c.isalnum() for w in mine for c in w.text) >= SECOND_READ_LETTERS):
            doubtful.append((piece, sorted(mine, key=lambda w: w.box[0])))
    recognizer = line_recognizer() if doubtful else None  # loaded on the first page that needs it
    if recognizer is None:
        return words
    pad = int(geometry.unit / 3)
    crops = []
    for piece, _ in doubtful:
        left, top, right, bottom = piece.box
        left, top = max(left - pad, 0), max(top - pad, 0)
        crop = (geometry.pen_image if piece.as_scanned else geometry.text)[top : bottom + pad, left : right + pad].copy()
        for b_left, b_top, b_right, b_bottom in piece.blank:
            crop[max(b_top - top, 0) : max(b_bottom - top, 0), max(b_left - left, 0) : max(b_right - left, 0)] = raster.WHITE
        crops.append(crop)
    for (piece, before), reading in zip(doubtful, recognizer.read(crops)):
        first = mean_confidence(before)
        agreement = ratio(re.sub(r"\s", "", join_words(before)).casefold(), re.sub(r"\s", "", reading.text).casefold()) / 100
        if agreement == 1.0:
            sure = max(first, reading.confidence)
            words = [Word(w.text, sure, w.box) if w in before else w for w in words]
            continue
        disputed = min(first, reading.confidence, DISPUTED_CONFIDENCE) * agreement
        kept = line_words(reading, before) if reading.confidence > first else before
        words = [w for w in words if w not in before] + [Word(w.text, disputed, w.box) for w in kept]
    return words


def words_of(piece: Piece, among: list[Word]) -> list[Word]:
    """The words read in a piece, not those of a symbol inside its cell."""
    return [w for w in among if inside(w.centre, piece.box) and not any(inside(w.centre, b) for b in piece.blank)]


def line_words(reading: LineReading, before: list[Word]) -> list[Word]:
    """The second engine's line cut into Tesseract's words: Tesseract finds the gaps between
    words well, the second engine leaves out or misplaces spaces (many between handwritten
    words). The cuts are carried over by aligning the two readings letter by letter; each
    word keeps the place Tesseract found it at."""
    first = [w.text for w in before]
    source, target = "".join(first), reading.text.replace(" ", "")
    opcodes = Levenshtein.opcodes(source, target)
    cuts, end = [], 0
    for text in first[:-1]:
        end += len(text)
        cuts.append(carried_over(end, opcodes))
    bounds = [0, *sorted(cuts), len(target)]
    return [Word(target[a:b], 0.0, w.box) for w, a, b in zip(before, bounds, bounds[1:]) if b > a]


def carried_over(position: int, opcodes) -> int:
    """Where a cut between two letters of one reading falls in the other, by their alignment."""
    for block in opcodes:
        if block.src_start == position:
            return block.dest_start
        if block.src_start < position < block.src_end:
            if block.tag == "delete":
                return block.dest_start
            share = (position - block.src_start) / (block.src_end - block.src_start)
            return block.dest_start + round(share * (block.dest_end - block.dest_start))
    return opcodes[-1].dest_end if opcodes else position


def surer(after: list[Word], before: list[Word]) -> bool:
    """A reading surer of its weakest word and of its words on the whole."""
    return (min(w.confidence for w in after) > min(w.confidence for w in before)
            and mean_confidence(after) > mean_confidence(before))


def text_pieces(geometry: PageGeometry) -> list[Piece]:
    dark = geometry.ocr_image < DARK
    pieces = []
    shape_boxes = {}
    for shape, index, region in geometry.shapes:
        x, y, w, h = shape.box
        within = (x + 1, y + 1, x + w - 1, y + h - 1)
        shape_boxes.setdefault((index, id(region)), []).append(within)
        if not shape.solid:  # paint holds no text
            pieces.append(Piece(within, []))
    for index, grid in enumerate(geometry.grids):
        for region in grid.regions:
            left, top, right, bottom = (int(round(v)) for v in region.box)
            blank = shape_boxes.get((index, id(region)), [])
            box = ink_box(dark, (left + 2, top + 2, right - 2, bottom - 2), blank)
            if box:
                pieces.append(Piece(box, blank))
    outside = dark.copy()
    tables = []
    for grid in geometry.grids:
        left, top, right, bottom = (int(round(v)) for v in grid.box)
        tables.append((max(left - 2, 0), max(top - 2, 0), right + 3, bottom + 3))
        outside[tables[-1][1] : tables[-1][3], tables[-1][0] : tables[-1][2]] = False
    pieces += [Piece(box, tables) for box in text_strips(outside, geometry.unit)]
    pieces = [p for p in pieces if ink_box(dark, p.box, p.blank)]
    # coloured ink is kept from the print's reading; what is written in pen is read on its own
    return pieces + [Piece(box, [], as_scanned=True) for box in geometry.pen]


def ink_box(dark: np.ndarray, box: tuple[int, int, int, int], blank) -> tuple[int, int, int, int] | None:
    """The part of `box` that holds ink (outside the blanked parts), or None."""
    left, top, right, bottom = box
    if right <= left or bottom <= top:
        return None
    area = dark[top:bottom, left:right].copy()
    for b_left, b_top, b_right, b_bottom in blank:
        area[max(b_top - top, 0) : max(b_bottom - top, 0), max(b_left - left, 0) : max(b_right - left, 0)] = False
    rows, cols = np.nonzero(area.any(axis=1))[0], np.nonzero(area.any(axis=0))[0]
    if len(rows) == 0 or area.sum() < 8:  # a speck of noise is not text
        return None
    return left + cols[0], top + rows[0], left + cols[-1] + 1, top + rows[-1] + 1


def text_strips(dark: np.ndarray, unit: float) -> list[tuple[int, int, int, int]]:
    """Bands of text lines outside the tables: runs of rows holding ink."""
    rows = np.convolve(dark.sum(axis=1), np.ones(3), mode="same") > 0
    strips, start = [], None
    for y, has_ink in enumerate(list(rows) + [False]):
        if has_ink and start is None:
            start = y
        elif not has_ink and start is not None:
            if y - start >= unit / 3:
                cols = np.nonzero(dark[start:y].any(axis=0))[0]
                strips.append((int(cols[0]), start, int(cols[-1]) + 1, y))
            start = None
    return strips


def margin(unit: float) -> int:
    """White space around the pieces of the mosaic: a blank line."""
    return int(max(10, 1.5 * unit))


def compose(geometry: PageGeometry, pieces: list[Piece]) -> tuple[np.ndarray, list[int]]:
    """The pieces stacked top to bottom on white, a blank line apart, and where each one starts."""
    gap = margin(geometry.unit)
    width = max(p.box[2] - p.box[0] for p in pieces) + 2 * gap
    height = sum(p.box[3] - p.box[1] + gap for p in pieces) + gap
    mosaic = np.full((height, width), raster.WHITE, np.uint8)
    tops, y = [], gap
    for piece in pieces:
        left, top, right, bottom = piece.box
        crop = (geometry.pen_image if piece.as_scanned else geometry.ocr_image)[top:bottom, left:right].copy()
        for b_left, b_top, b_right, b_bottom in piece.blank:
            crop[max(b_top - top, 0) : max(b_bottom - top, 0), max(b_left - left, 0) : max(b_right - left, 0)] = raster.WHITE
        mosaic[y : y + bottom - top, gap : gap + right - left] = crop
        tops.append(y)
        y += bottom - top + gap
    return mosaic, tops


def to_page(word: Word, pieces: list[Piece], tops: list[int], left: int) -> Word | None:
    """A mosaic word back at its place on the page."""
    centre = word.centre[1]
    for piece, top in zip(pieces, tops):
        if top - 2 <= centre <= top + piece.box[3] - piece.box[1] + 2:
            dx, dy = piece.box[0] - left, piece.box[1] - top
            x0, y0, x1, y1 = word.box
            return Word(word.text, word.confidence, (x0 + dx, y0 + dy, x1 + dx, y1 + dy))
    return None


def ocr_zoom(unit: float) -> float:
    return float(np.clip(OCR_TEXT_HEIGHT / unit, 1.0, 2.0))


def ocr_words(image: np.ndarray, unit: float, zoom: float | None = None) -> list[Word]:
    """Words with boxes and confidences from one Tesseract run, small print enlarged first."""
    zoom = zoom or ocr_zoom(unit)
    if zoom > 1.05:
        image = cv2.resize(image, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_CUBIC)
    else:
        zoom = 1.0
    # one block of text (the mosaic's pieces stand apart); inverted text is not looked for
    found = tesseract(OCR_LANGUAGES).read(image, PAGE_SEGMENTATION, ocr_dpi(unit * zoom), {"tessedit_do_invert": "0"})
    words = []
    for word in found:
        text = "I" if word.text.strip() == "|" else word.text.strip()  # a lone bar is a capital I (lines are gone)
        if text and word.confidence >= 0:
            box = (word.left / zoom, word.top / zoom, (word.left + word.width) / zoom, (word.top + word.height) / zoom)
            words.append(Word(text, word.confidence, box))
    return words


def ocr_dpi(unit: float) -> int:
    """The resolution to tell Tesseract: body text (10-11 pt) has letters about `unit` high."""
    return int(np.clip(unit * 12, 70, 600))


# ---------------------------------------------------------------------------------------------
# Words into tables and paragraphs


def assemble(geometry: PageGeometry, words: list[Word], number: int) -> list[Block]:
    geometry = split_stacked_tables(geometry, words)
    in_table: list[list[Word]] = [[] for _ in geometry.grids]
    outside: list[Word] = []
    for word in words:
        index = next((i for i, g in enumerate(geometry.grids) if inside(word.centre, g.box)), None)
        (outside if index is None else in_table[index]).append(word)
    placed: list[tuple[float, Block]] = []
    for index, grid in enumerate(geometry.grids):
        placed.append((grid.ys[0], build_table(geometry, index, in_table[index], number)))
    pieces = [piece for line in text_lines(outside, geometry.unit)
              for piece in split_wide_gaps(line, geometry.width)]
    for paragraph in join_hanging_lines(pieces, geometry.unit):
        box = words_box(paragraph)
        confidence = mean_confidence(paragraph)
        middle = (box[1] + box[3]) / 2  # the line's own height, not its neighbours'
        after = (box[2], middle, box[2] + VALUE_REACH * geometry.unit, middle)
        hidden = confidence is not None and under_stamp(geometry, after)
        evidence = evidence_image(geometry, (box[0], box[1], after[2], box[3]) if hidden else box, confidence)
        placed.append((paragraph[0].box[1], Paragraph(join_words(paragraph), number, confidence, page_box(number, box),
                                                      evidence, value_hidden=hidden)))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def under_stamp(geometry: PageGeometry, box: tuple[float, float, float, float]) -> bool:
    """Does a box run under a round stamp? Writing in pen there may not be read at all: it is
    taken out with the stamp."""
    left, top, right, bottom = box
    for x, y, radius in geometry.stamps:
        near_x = min(max(x, left), right)
        near_y = min(max(y, top), bottom)
        if (near_x - x) ** 2 + (near_y - y) ** 2 < radius ** 2:
            return True
    return False


def split_stacked_tables(geometry: PageGeometry, words: list[Word]) -> PageGeometry:
    """Tables whose flowchart heading row stands below other rows (the identity block drawn in
    one piece with the flowchart) split there, as the flowchart reader expects it on top."""
    grids = []
    for grid in geometry.grids:
        row = heading_row(grid, words)
        grids += split_grid(grid, row) if row else [grid]
    if len(grids) == len(geometry.grids):
        return geometry
    shapes = place_in_cells([shape for shape, _, _ in geometry.shapes], grids, geometry.unit)
    pictures = [(box, *found) for box, _, _ in geometry.pictures
                if (found := cell_at(grids, box[0] + box[2] / 2, box[1] + box[3] / 2))]
    return dataclasses.replace(geometry, grids=grids, shapes=shapes, pictures=pictures)


def heading_row(grid: Grid, words: list[Word]) -> int | None:
    """The row, below the first, holding the flowchart's column headings (see
    vocabulary.flowchart_heading_row), read from the words in each cell."""
    texts = {id(region): join_words([w for w in words if inside(w.centre, region.box)]) for region in grid.regions}
    rows = [[Cell(texts[id(region)], spanned=(region.row, region.col) != (row, col))
             for col in range(grid.n_cols) for region in [grid.by_position[(row, col)]]]
            for row in range(grid.n_rows)]
    return flowchart_heading_row(rows)


def join_hanging_lines(lines: list[list[Word]], unit: float) -> list[list[Word]]:
    """A "Label : value" line wrapped onto lines that start under the value, as one line."""
    lines = with_values_written_above(lines)
    joined: list[list[Word]] = []
    value_at: float | None = None
    for line in lines:
        if joined and value_at is not None and not has_colon(line) \
                and abs(line[0].box[0] - value_at) <= unit and line[0].box[1] - joined[-1][-1].box[3] <= unit:
            joined[-1] = joined[-1] + line
            continue
        joined.append(line)
        value_at = value_start(line, unit)
    return joined


def with_values_written_above(lines: list[list[Word]]) -> list[list[Word]]:
    """A value written by hand beside a "Label :" line left empty, a little above it (a hand
    writes above the dotted line), as that label's line: not the wrapped end of the value of
    the line above."""
    lines, merged = list(lines), []
    for index, line in enumerate(lines):
        label = lines[index + 1] if index + 1 < len(lines) else None
        if (label is not None and merged and not has_colon(line) and label[-1].text.endswith(":")
                and line[0].box[0] > label[-1].box[2]
                and max(w.box[3] for w in line) > min(w.box[1] for w in label)):
            lines[index + 1] = label + line
            continue
        merged.append(line)
    return merged


def has_colon(line: list[Word]) -> bool:
    return any(w.text.endswith(":") for w in line)


def value_start(line: list[Word], unit: float) -> float | None:
    """Where the value of a "Label : value" line starts: after the colon, or after the wide
    gap of a tab stop (when the colon was not read)."""
    for before, word in zip(line, line[1:]):
        if word.text != ":" and (before.text.endswith(":") or word.box[0] - before.box[2] >= 2 * unit):
            return word.box[0]
    return None


def inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def build_table(geometry: PageGeometry, index: int, words: list[Word], number: int) -> Table:
    grid = geometry.grids[index]
    cells: dict[int, Cell] = {}
    for region in grid.regions:
        cells[id(region)] = read_cell(geometry, index, region, words, number)
    cover = grid.by_position
    rows = []
    for row in range(len(grid.ys) - 1):
        cells_of_row = []
        for col in range(len(grid.xs) - 1):
            region = cover[(row, col)]
            origin = cells[id(region)]
            if (row, col) == (region.row, region.col):
                cells_of_row.append(origin)
            else:
                cells_of_row.append(Cell(origin.text, [], True, origin.confidence, origin.box, origin.image))
        rows.append(cells_of_row)
    return Table(rows, page=number, row_bounds=list(grid.ys))


def read_cell(geometry: PageGeometry, index: int, region: Region, words: list[Word], page: int) -> Cell:
    box = region.box
    mine = [w for w in words if inside(w.centre, box)]
    read_any = bool(mine)
    marks: list[Mark] = []
    for shape, grid_index, cell in geometry.shapes:
        if grid_index == index and cell is region:
            x, y, w, h = shape.box
            within = [word for word in mine if inside(word.centre, (x, y, x + w, y + h))]
            mine = [word for word in mine if word not in within]
            text = "" if shape.solid else join_lines(text_lines(within, geometry.unit))  # paint read as letters
            marks.append(Mark(shape.kind, text, page_x(x + w / 2, geometry)))
    for (x, y, w, h), grid_index, cell in geometry.pictures:
        if grid_index == index and cell is region:
            marks.append(Mark("picture", "", page_x(x + w / 2, geometry)))
    for x, y, w, h in geometry.ticks:
        if inside((x + w / 2, y + h / 2), box):
            marks.append(Mark("check", "", page_x(x + w / 2, geometry)))
            mine = [word for word in mine if not overlaps(word.box, (x, y, x + w, y + h))]
    checks = [w for w in mine if CHECK_TEXT.match(w.text)]
    if checks and len(checks) == len(mine):
        marks += [Mark("check", "", page_x(w.centre[0], geometry)) for w in checks]
        mine = []
    # branch labels beside a decision are no text; a lone "No" is the number column's heading
    if mine and all(is_branch_label(w.text) for w in mine) and classify_heading(join_words(mine)) is None:
        mine = []
    unread = not read_any and not marks and holds_writing(geometry, box)
    if not mine and not marks:
        marks += [Mark("check", "", page_x(x + w / 2, geometry)) for x, y, w, h in faint_marks_in(geometry, box)]
    if is_shaded(geometry.fill, box, geometry.unit):
        marks.append(Mark("shading", "", page_x((box[0] + box[2]) / 2, geometry)))
    marks.sort(key=lambda m: m.x)
    # writing no reading made words of (a hand, print under a stamp) is there, unread: not empty
    confidence = UNREAD if unread else mean_confidence(mine)
    text = LONE_ONE.sub(r"1\1", paragraph_text(text_lines(mine, geometry.unit), box, geometry.unit))
    return Cell(text, marks, False, confidence, page_box(page, box),
                evidence_image(geometry, box, confidence if text or unread else None))


def holds_writing(geometry: PageGeometry, box: tuple[float, float, float, float]) -> bool:
    """Does a cell hold ink of writing (inside its borders, lines, symbols and specks already
    taken out): a line of print or of pen, at least a few letters long?"""
    inset = int(max(2, geometry.unit / 3))
    left, top, right, bottom = (int(v) for v in box)
    left, top, right, bottom = left + inset, top + inset, right - inset, bottom - inset
    if right <= left or bottom <= top:
        return False
    dark = geometry.ocr_image[top:bottom, left:right] < DARK
    if geometry.pen_image is not None:
        dark |= geometry.pen_image[top:bottom, left:right] < DARK
    rows, cols = np.nonzero(dark.any(axis=1))[0], np.nonzero(dark.any(axis=0))[0]
    if len(rows) == 0:
        return False
    height, width = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
    return (height >= UNREAD_HEIGHT * geometry.unit and width >= UNREAD_WIDTH * geometry.unit
            and dark.sum() >= UNREAD_INK * geometry.unit ** 2)


def faint_marks_in(geometry: PageGeometry, box: tuple[float, float, float, float]) -> list[tuple[int, int, int, int]]:
    """Faint or broken marks in an empty cell (inside its borders), in page pixels."""
    inset = int(max(2, geometry.unit / 3))
    left, top, right, bottom = (int(v) for v in box)
    left, top, right, bottom = left + inset, top + inset, right - inset, bottom - inset
    if right <= left or bottom <= top:
        return []
    return [(x + left, y + top, w, h) for x, y, w, h in raster.faint_marks(geometry.ocr_image[top:bottom, left:right], geometry.unit)]


def evidence_image(geometry: PageGeometry, box: tuple[float, float, float, float],
                   confidence: float | None) -> bytes | None:
    """The PNG of what was read there, as scanned (coloured ink included), for text read by
    OCR; None for a PDF's own text or an empty cell."""
    if confidence is None:
        return None
    height, width = geometry.fill.shape[:2]
    margin = geometry.unit / 2
    left, top = max(int(box[0] - margin), 0), max(int(box[1] - margin), 0)
    right, bottom = min(int(box[2] + margin) + 1, width), min(int(box[3] + margin) + 1, height)
    if right <= left or bottom <= top:
        return None
    crop = cv2.resize(geometry.fill[top:bottom, left:right], None, fx=EVIDENCE_SCALE, fy=EVIDENCE_SCALE,
                      interpolation=cv2.INTER_AREA)
    if crop.size == 0:
        return None
    return cv2.imencode(".png", crop)[1].tobytes()


def mean_confidence(words: list[Word]) -> float | None:
    """Mean OCR confidence of the words; None for a PDF's own text (or no words)."""
    confidences = [w.confidence for w in words if w.confidence is not None]
    return float(np.mean(confidences)) if confidences else None


def words_box(words: list[Word]) -> tuple[float, float, float, float]:
    return (min(w.box[0] for w in words), min(w.box[1] for w in words),
            max(w.box[2] for w in words), max(w.box[3] for w in words))


def page_box(page: int, box: tuple[float, float, float, float]) -> Box:
    return (page, *(round(float(v), 1) for v in box))


def overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def page_x(x: float, geometry: PageGeometry) -> float:
    return float(x) / geometry.width


def is_shaded(fill: np.ndarray, box: tuple[float, float, float, float], unit: float) -> bool:
    """The cell's paper is clearly darker than the page's (a filled cell); `fill` has the
    page's own paper flattened to white."""
    margin = int(max(3, unit / 2))
    left, top, right, bottom = (int(v) for v in box)
    inner = fill[top + margin : bottom - margin, left + margin : right - margin]
    return inner.size > 0 and float(np.median(inner)) < raster.WHITE - SHADING_CONTRAST


def text_lines(words: list[Word], unit: float) -> list[list[Word]]:
    """Words grouped into printed lines (by vertical overlap), each left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.centre[1]):
        centre = word.centre[1]
        for line in lines:
            top = np.median([w.box[1] for w in line])
            bottom = np.median([w.box[3] for w in line])
            if top - unit * 0.2 <= centre <= bottom + unit * 0.2:
                line.append(word)
                break
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w.box[0])
    return sorted(lines, key=lambda l: np.median([w.centre[1] for w in l]))


def split_wide_gaps(line: list[Word], page_width: int) -> list[list[Word]]:
    """Text side by side far apart (two signature columns) is not one line."""
    pieces = [[line[0]]]
    for word in line[1:]:
        if word.box[0] - pieces[-1][-1].box[2] > 0.2 * page_width:
            pieces.append([word])
        else:
            pieces[-1].append(word)
    return pieces


def paragraph_text(lines: list[list[Word]], box: tuple[float, float, float, float], unit: float) -> str:
    """A cell's lines: a line the printer wrapped (the next word would not have fitted) goes on
    after a space, as Word holds it; a line ended early starts a new line of text. Works for
    centred text too: what counts is the free width of the line, not where it ends."""
    if not lines:
        return ""
    padding = min(min(line[0].box[0] for line in lines) - box[0], unit)  # centred text: the cell's own margin
    width = box[2] - box[0] - 2 * max(padding, 0)
    text = join_words(lines[0])
    for previous, line in zip(lines, lines[1:]):
        free = width - (previous[-1].box[2] - previous[0].box[0])
        next_word = line[0].box[2] - line[0].box[0]
        margin = min(l[0].box[0] for l in lines) - box[0]  # the cell's own (under 2 letters), as its fullest line shows
        filled = margin <= 2 * unit and box[2] - box[0] - 2 * margin - (previous[-1].box[2] - previous[0].box[0]) < 0.4 * unit
        if len(previous) == 1 and filled and continues_word(previous[0].text, line[0].text):
            text += join_words(line)  # one word too long for the cell, broken at its edge ("Kelengkapa|n")
            continue
        text += (" " if free < next_word + 0.6 * unit else "\n") + join_words(line)
    return text


def continues_word(end: str, start: str) -> bool:
    """The next line goes on with the word: it starts in the word's case ("Kelengkapa|n",
    "PENGADMIN|ISTRASI"), not a capital after lowercase (a new word or sentence)."""
    if not (end[-1:].isalpha() and start[:1].isalpha()):
        return False
    return start[0].islower() or (end[-1].isupper() and start[0].isupper())


def join_words(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def join_lines(lines: list[list[Word]]) -> str:
    return "\n".join(join_words(line) for line in lines)
