"""OCR backend: scanned PDFs and photographed pages into the layout model.

The geometry tests draw their own small pages and need no Tesseract; the two fixture pages
are OCRed once each (a few seconds apiece).
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest
import pytesseract
from rapidfuzz.fuzz import ratio

from pipeline.extract import raster, scan, tesseract
from pipeline.extract.errors import ExtractionError
from pipeline.extract.sop import read_sops
from pipeline.model import Table

FIXTURES = Path(__file__).parent / "fixtures" / "scan"
SCANNED_PDF = FIXTURES / "sop_d028.pdf"  # one page, 150 dpi JPEG; ticks in the actor cells; black signature
PHOTO = FIXTURES / "sop_d027_photo.jpg"  # a page photographed at an angle on a desk; drawn symbols, connectors
# Page 1 (identity block) of a real SOP of Balai PATP, Kementerian Pertanian: scanned on its
# side (print running bottom to top), its left edge cut off, a shadow band along one edge.
SIDEWAYS_SCAN = Path(__file__).parent / "fixtures" / "real-other" / "patp_hak_cipta_sideways_p1.pdf"
QUARTER_TURNS = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}

requires_tesseract = pytest.mark.skipif(
    not scan.tesseract_ready(), reason="Tesseract with the Indonesian language is not installed")


def similar(a: str, b: str) -> bool:
    return ratio(" ".join(a.split()).casefold(), " ".join(b.split()).casefold()) >= 85


def tables(layout) -> list[Table]:
    return [b for b in layout.blocks if isinstance(b, Table)]


# ---------------------------------------------------------------------------------------------
# Geometry on drawn pages (no OCR)


def blank_page(height: int = 600, width: int = 900) -> np.ndarray:
    return np.full((height, width), 255, np.uint8)


def test_grid_keeps_merged_cells_and_ignores_arrows():
    page = blank_page()
    for y in (50, 100, 150, 300, 450):
        cv2.line(page, (50, y), (850, y), 0, 2)
    cv2.line(page, (250, 50), (850, 50), 0, 2)
    for x in (50, 850):
        cv2.line(page, (x, 50), (x, 450), 0, 2)
    cv2.line(page, (250, 50), (250, 450), 0, 2)
    for x in (450, 650):  # column lines below a heading that spans them
        cv2.line(page, (x, 100), (x, 450), 0, 2)
    cv2.rectangle(page, (290, 180), (410, 230), 0, 2)  # a process box with an elbow arrow out of it
    cv2.line(page, (410, 205), (550, 205), 0, 2)
    cv2.line(page, (550, 205), (550, 330), 0, 2)
    ink = raster.ink_mask(page)
    horizontal, vertical = raster.line_masks(ink, 12)
    grids = raster.find_grids(raster.segments(horizontal, True, 12), raster.segments(vertical, False, 12), 12)

    assert len(grids) == 1
    grid = grids[0]
    assert (len(grid.xs) - 1, len(grid.ys) - 1) == (4, 4)  # the arrow added no column or row
    heading = grid.by_position[(0, 1)]
    assert (heading.col, heading.col_end) == (1, 4)  # merged over the three columns


@pytest.mark.parametrize("draw, kind", [
    (lambda p: cv2.rectangle(p, (100, 100), (220, 150), 0, 2), "process"),
    (lambda p: cv2.ellipse(p, (160, 125), (60, 25), 0, 0, 360, 0, 2), "terminator"),
    (lambda p: cv2.polylines(p, [np.array([[160, 90], [230, 125], [160, 160], [90, 125]])], True, 0, 2), "decision"),
])
def test_symbol_kinds(draw, kind):
    page = blank_page(300, 300)
    draw(page)
    shapes = raster.find_shapes(raster.ink_mask(page), 12)
    assert [s.kind for s in shapes] == [kind]


def test_filled_symbol_joined_by_bold_connectors_is_found_and_connectors_alone_are_not():
    page = blank_page(300, 400)
    cv2.rectangle(page, (100, 100), (165, 150), 40, cv2.FILLED)  # a filled box, a little grey
    cv2.line(page, (20, 125), (100, 125), 0, 5)  # a bold connector into it
    cv2.line(page, (132, 150), (132, 280), 0, 5)  # and out of it
    cv2.fillPoly(page, [np.array([[300, 200], [318, 190], [318, 210]])], 0)  # an arrowhead
    cv2.putText(page, "Mulai", (220, 60), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    shapes = raster.find_solid_shapes(page, 12)
    assert [(s.kind, s.solid) for s in shapes] == [("process", True)]
    x, y, w, h = shapes[0].box
    assert abs(x - 100) <= 2 and abs(y - 100) <= 2 and abs(w - 66) <= 3 and abs(h - 51) <= 3


def test_a_filled_ellipse_is_a_symbol_and_an_open_circle_is_a_connector():
    """Symbols drawn as filled ellipses (a scanned SOP's activities), with bold connectors; an
    outlined circle the same size is an on-page connector, no symbol."""
    page = blank_page(300, 400)
    cv2.ellipse(page, (120, 125), (32, 26), 0, 0, 360, 30, cv2.FILLED)
    cv2.line(page, (120, 151), (120, 280), 0, 5)
    cv2.circle(page, (300, 125), 28, 0, 2)
    assert [(s.kind, s.solid) for s in raster.find_solid_shapes(page, 12)] == [("terminator", True)]
    assert raster.find_shapes(raster.ink_mask(page), 12) == []


def test_a_faint_broken_tick_in_an_empty_cell_is_a_mark_and_smudges_or_specks_are_not():
    """A tick blurred in a photo: its thin stroke fades to paper, its heavy foot stays dark."""
    cell = blank_page(60, 120)
    cv2.line(cell, (52, 36), (70, 12), 185, 1)  # the thin stroke, almost gone
    cv2.circle(cell, (50, 35), 3, 40, cv2.FILLED)  # the foot
    assert len(raster.faint_marks(cell, 13)) == 1
    smudge = blank_page(60, 120)
    cv2.circle(smudge, (60, 30), 6, 170, cv2.FILLED)  # grey with no dark core: light or dust
    speck = blank_page(60, 120)
    speck[30:32, 60:62] = 0
    assert raster.faint_marks(smudge, 13) == [] and raster.faint_marks(speck, 13) == []


def test_a_logo_with_pale_details_is_no_filled_symbol():
    page = blank_page(300, 300)
    cv2.rectangle(page, (100, 100), (180, 160), 30, cv2.FILLED)
    cv2.circle(page, (140, 130), 12, 255, 3)  # light details inside the dark emblem
    assert raster.find_solid_shapes(page, 12) == []


def test_a_filled_symbol_stands_for_the_hole_the_ink_threshold_leaves_in_it():
    page = blank_page(300, 300)
    cv2.rectangle(page, (100, 100), (170, 150), 60, cv2.FILLED)
    ink = raster.ink_mask(page)  # local contrast: the middle of the paint is no ink
    assert [s.solid for s in raster.find_shapes(ink, 12)] == [False]
    assert [(s.kind, s.solid) for s in scan.all_shapes(ink, page, 12)] == [("process", True)]


def test_tick_told_from_letters():
    page = blank_page(200, 300)
    cv2.polylines(page, [np.array([[40, 100], [47, 108], [60, 86]])], False, 0, 2)  # a tick
    cv2.putText(page, "V", (150, 112), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    ticks = raster.find_ticks(raster.ink_mask(page) > 0, 14)
    assert len(ticks) == 1 and ticks[0][0] < 100


def test_photo_sheet_is_cut_from_the_desk():
    desk = np.full((500, 400, 3), 60, np.uint8)
    sheet = np.array([[60, 40], [350, 70], [330, 460], [40, 440]], np.int32)
    cv2.fillPoly(desk, [sheet], (245, 245, 245))
    cut = scan.cut_sheet(desk)
    assert cut.shape[0] < 450 and cut.shape[1] < 330
    assert cut.min() > 200  # no desk left at the edges


def scanned_page_image(path: Path = SCANNED_PDF) -> np.ndarray:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return scan.render(document[0], has_text=False)[0]
    finally:
        document.close()


def turned(image: np.ndarray, turns: int) -> np.ndarray:
    """`image` turned `turns` quarter turns counter-clockwise: upright again after as many clockwise."""
    return image if turns % 4 == 0 else cv2.rotate(image, QUARTER_TURNS[4 - turns % 4])


@pytest.mark.parametrize("turns", [0, 1, 2, 3])
@pytest.mark.parametrize("image", [scanned_page_image, lambda: cv2.imread(str(PHOTO))], ids=["scan", "photo"])
def test_page_orientation_from_the_print(image, turns):
    page = scan.page_layers(scan.cut_sheet(turned(image(), turns)))
    assert raster.quarter_turns(raster.ink_mask(page.text)) == turns


def test_a_page_without_print_is_left_as_it_is():
    page = blank_page()
    cv2.rectangle(page, (50, 50), (850, 550), 0, 2)
    assert raster.quarter_turns(raster.ink_mask(page)) == 0


# ---------------------------------------------------------------------------------------------
# Whole pages (OCR)


@pytest.fixture(scope="module")
def scanned():
    return scan.read_scan_pdf(SCANNED_PDF)


@pytest.fixture(scope="module")
def photo():
    return scan.read_image(PHOTO)


@requires_tesseract
def test_scanned_pdf_grid(scanned):
    assert scanned.source_format == "scan_pdf" and scanned.n_pages == 1
    [flowchart] = tables(scanned)
    assert len(flowchart.rows) == 9 and {len(r) for r in flowchart.rows} == {9}  # 2 heading rows, 7 steps
    header, subheader = flowchart.rows[0], flowchart.rows[1]
    assert similar(header[1].text, "Aktivitas") and subheader[1].spanned
    assert similar(header[2].text, "Pelaksana") and header[3].spanned and header[3].text == header[2].text
    assert [similar(c.text, t) for c, t in zip(subheader[2:6], ["Kepala Dinas", "Kasubbag Perencanaan dan Keuangan",
                                                                  "Arsiparis", "Staf"])] == [True] * 4
    assert similar(flowchart.rows[2][1].text, "Menerima penyerahan arsip dari masing-masing bidang")
    step = flowchart.rows[2]
    assert 0 < step[1].confidence <= 100


@requires_tesseract
def test_scanned_pdf_ticks(scanned):
    [flowchart] = tables(scanned)
    ticked = [[col for col in range(2, 6) if any(m.kind == "check" for m in row[col].marks)]
              for row in flowchart.rows[2:]]
    assert ticked == [[5], [3], [4], [4], [5], [2], [3]]
    assert all(row[col].text == "" for row in flowchart.rows[2:] for col in range(2, 6))


@requires_tesseract
def test_scanned_pdf_signature_paragraphs(scanned):
    lines = [b.text for b in scanned.blocks if not isinstance(b, Table)]
    assert similar(lines[0], "SOP PENYIMPANAN DAN PEMELIHARAAN ARSIP")
    assert any("19640806 198503 1 005" in line for line in lines)
    assert any(similar(line, "Kepala Dinas Pekerjaan Umum dan Penataan Ruang") for line in lines)


@requires_tesseract
def test_photo_grid_and_symbols(photo):
    assert photo.source_format == "image"
    [flowchart] = tables(photo)
    assert len(flowchart.rows) == 8 and {len(r) for r in flowchart.rows} == {8}
    symbols = [[(col, m.kind) for col in (2, 3, 4) for m in row[col].marks] for row in flowchart.rows[2:]]
    assert symbols == [[(2, "terminator")], [(4, "process")], [(3, "decision")],
                       [(4, "process")], [(3, "process")], [(4, "terminator")]]
    start = flowchart.rows[2][2]
    assert start.marks[0].text == "Mulai" and start.text == ""  # the symbol's text is not cell text
    assert flowchart.rows[4][2].text == ""  # nor are the "Tidak"/"Ya" labels beside arrows


@requires_tesseract
def test_photo_reads_as_sop(photo):
    sop = read_sops(photo)[0]
    assert [s.actors for s in sop.steps] == [["Kepala Dinas"], ["JF /Pelaksana"], ["Sekretaris"],
                                             ["JF /Pelaksana"], ["Sekretaris"], ["JF /Pelaksana"]]
    assert [s.symbol for s in sop.steps] == ["start", "process", "decision", "process", "process", "end"]
    assert [s.duration_text for s in sop.steps] == ["7 jam", "1 minggu", "2 hari", "2 hari", "6 jam", "3 jam"]
    assert sop.identity.signatory_nip and sop.identity.signatory_nip.replace(" ", "") == "197709222005041003"


@requires_tesseract
@pytest.mark.parametrize("turns", [1, 2, 3])
def test_a_turned_page_reads_as_the_upright_one(scanned, turns):
    [upright] = tables(scanned)
    [flowchart] = [b for b in scan.read_scanned_page(turned(scanned_page_image(), turns), 1) if isinstance(b, Table)]
    assert [[cell.text for cell in row] for row in flowchart.rows] == [[cell.text for cell in row] for row in upright.rows]


@requires_tesseract
def test_a_real_page_scanned_on_its_side_reads():
    sop = read_sops(scan.read_scan_pdf(SIDEWAYS_SCAN))[0]
    assert sop.identity.sop_title == "PROSEDUR PROSES PENDAFTARAN CIPTA"
    assert sop.identity.signatory_nip.replace(" ", "") == "196108021989031011"
    assert similar(sop.identity.signatory_name, "Dr. Ir. Agung Hendriadi, M.Eng")


# ---------------------------------------------------------------------------------------------
# Errors


@pytest.fixture
def fresh_tesseract_check():
    """The check and the loaded engine forgotten, so that each test loads its own."""
    scan.check_tesseract.cache_clear()
    tesseract.release()
    yield
    scan.check_tesseract.cache_clear()
    tesseract.release()


def test_missing_tesseract_says_what_to_install(monkeypatch, fresh_tesseract_check):
    monkeypatch.setattr(tesseract.ctypes.util, "find_library", lambda name: None)
    monkeypatch.setattr(tesseract, "LIBRARY_FILE", "/nonexistent/libtesseract.so.5")
    with pytest.raises(ExtractionError, match="tesseract-ocr tesseract-ocr-ind"):
        scan.read_image(PHOTO)


@requires_tesseract
def test_missing_indonesian_says_what_to_install(monkeypatch, tmp_path, fresh_tesseract_check):
    """Tesseract's data folder with English only."""
    listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
    folder = re.search(r'"(.+?)"', listing).group(1)  # List of available languages in "/usr/share/.../tessdata/"
    (tmp_path / "eng.traineddata").symlink_to(Path(folder) / "eng.traineddata")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    with pytest.raises(ExtractionError, match="tesseract-ocr-ind"):
        scan.check_tesseract()


@requires_tesseract
def test_in_process_tesseract_reads_as_the_command_does():
    """The library's reading of an image is the `tesseract` command's: same words, boxes and
    confidences (the command at the settings scan.ocr_words gives the library)."""
    image = np.full((90, 620), 255, np.uint8)
    cv2.putText(image, "Kepala Bagian Umum 2017", (10, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2, cv2.LINE_AA)
    settings = dict(page_segmentation=scan.PAGE_SEGMENTATION, dpi=200, variables={"tessedit_do_invert": "0"})
    words = tesseract.tesseract(scan.OCR_LANGUAGES).read(image, **settings)
    command = pytesseract.image_to_data(image, lang=scan.OCR_LANGUAGES, output_type=pytesseract.Output.DICT,
                                        config="--psm 6 --dpi 200 -c tessedit_do_invert=0")
    expected = [(text, float(conf), left, top, width, height) for text, conf, left, top, width, height
                in zip(command["text"], command["conf"], command["left"], command["top"], command["width"],
                       command["height"]) if float(conf) >= 0]
    assert [(w.text, w.confidence, w.left, w.top, w.width, w.height) for w in words] == expected
    assert " ".join(w.text for w in words) == "Kepala Bagian Umum 2017"


def test_undecodable_image(tmp_path):
    broken = tmp_path / "page.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(ExtractionError, match="could not be decoded"):
        scan.read_image(broken)


def test_a_handwritten_date_read_with_low_confidence_comes_with_the_image_of_its_cell():
    """A real signed scan (Sumut PPID): the handwritten dates are doubtful readings, and the rows
    carry the image of where each was read, for the report to show beside it."""
    import base64
    import json

    from pipeline.batch import process_file
    from pipeline.inputs import InputFile

    scan_file = Path(__file__).parent / "fixtures" / "real-other" / "sumut_permohonan_informasi_scan.pdf"
    documents, _, findings, _ = process_file(InputFile(scan_file, scan_file.name))
    document = documents[0]
    assert document["read_by_ocr"] and "created_date" in document["uncertain_fields"]
    images = json.loads(document["evidence"])
    assert set(images) <= set(document["uncertain_fields"]) and "created_date" in images
    assert base64.b64decode(images["created_date"]).startswith(b"\x89PNG")
    assert not [f for f in findings if f["severity"] == "error" and f["uncertain"]]


def test_second_engine_reads_a_line_tesseract_cannot_and_agreement_decides_the_confidence():
    """Words drawn in a script hand: Tesseract reads them badly; the second engine is kept where
    it is surer, with a confidence lowered by the disagreement; two agreeing readings are sure."""
    from pipeline.extract.line_reader import line_recognizer

    recognizer = line_recognizer()
    assert recognizer is not None, "the second OCR engine's model is installed by scripts/install.sh"
    line = np.full((60, 520), 255, np.uint8)
    cv2.putText(line, "28 DESEMBER 2017", (8, 44), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2, cv2.LINE_AA)
    reading, = recognizer.read([line])
    assert reading.text.replace(" ", "") == "28DESEMBER2017" and reading.confidence > 80

    unit = 24.0
    geometry = scan.PageGeometry(520, line, unit, [], [], [], [], line, line)
    piece = scan.Piece((0, 0, 520, 60), [])
    tesseract = [scan.Word("28", 40.0, (10, 14, 53, 46)), scan.Word("VESEMBEP", 30.0, (61, 14, 248, 46)),
                 scan.Word("2O17", 35.0, (256, 14, 340, 46))]
    mended = scan.read_doubtful_lines_again(geometry, [piece], tesseract)
    assert [w.text for w in mended] == ["28", "DESEMBER", "2017"]  # cut where Tesseract cut the words
    assert all(w.confidence < 60 for w in mended)  # the two readers disagreed: still to be checked
    agreeing = [scan.Word("28", 70.0, (10, 14, 53, 46)), scan.Word("DESEMBER", 75.0, (61, 14, 248, 46)),
                scan.Word("2017", 72.0, (256, 14, 340, 46))]
    sure = scan.read_doubtful_lines_again(geometry, [piece], agreeing)
    assert [w.text for w in sure] == ["28", "DESEMBER", "2017"] and min(w.confidence for w in sure) > 80


def test_a_handwritten_sop_number_is_read_by_the_second_engine_and_left_uncertain():
    """The Sumut scan's SOP number is written by hand ("188.44 / 765 / KPTS / 2017 - 2"):
    Tesseract made "189.44 / TES / kets / 207 - 2" of it, at confidences that did not flag it."""
    from pipeline.batch import process_file
    from pipeline.inputs import InputFile

    scan_file = Path(__file__).parent / "fixtures" / "real-other" / "sumut_permohonan_informasi_scan.pdf"
    document = process_file(InputFile(scan_file, scan_file.name))[0][0]
    assert ratio(document["sop_number"], "188.44/765/KPTS/2017-2") >= 85
    assert "sop_number" in document["uncertain_fields"]


def test_writing_in_coloured_pen_is_found_apart_from_a_stamp_over_it_and_read_on_its_own():
    """A date written in blue pen beside a printed label, a round blue stamp overlapping both:
    the print is read without the colours, the pen's line on its own, the stamp not at all."""
    page = np.full((420, 900, 3), 255, np.uint8)
    cv2.putText(page, "Tanggal Efektif :", (40, 210), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 2, cv2.LINE_AA)
    cv2.putText(page, "16 Oktober 2021", (330, 212), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (110, 40, 20), 2, cv2.LINE_AA)
    stamp = np.full_like(page, 255)
    cv2.circle(stamp, (230, 180), 95, (150, 60, 40), 4, cv2.LINE_AA)
    cv2.circle(stamp, (230, 180), 68, (150, 60, 40), 2, cv2.LINE_AA)
    cv2.putText(stamp, "CAP DINAS", (170, 185), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (150, 60, 40), 2, cv2.LINE_AA)
    page = (page.astype(np.float32) * stamp / 255).astype(np.uint8)
    layers = scan.page_layers(page)
    lines, strokes = raster.pen_lines(layers.stamped > 0, 18)
    assert len(lines) == 1
    x0, y0, x1, y1 = lines[0]
    assert 300 <= x0 and x1 <= 620 and 170 <= y0 and y1 <= 230  # the date, not the stamp's ring or words
    words = scan.read_scanned_page_words(scan.analyse(page))
    text = " ".join(w.text for w in sorted(words, key=lambda w: w.box[0]))
    from pipeline.normalize.dates import parse_date
    from pipeline.normalize.ocr import repair_date_text

    assert "Efektif" in text and parse_date(repair_date_text(text.split(":")[-1])).iso == "2021-10-16"
    assert "CAP" not in text and "DINAS" not in text


def test_a_word_too_long_for_its_cell_is_joined_again_and_a_short_last_line_is_not():
    """Word breaks a heading longer than its narrow cell at the cell's edge ("Kelengkapa|n",
    centred); two words on two lines, or a line that ends early, keep their space."""
    cell = (786, 183, 928, 252)
    broken = [[scan.Word("Kelengkapa", 92.0, (803, 197, 912, 214))], [scan.Word("n", 91.0, (852, 224, 863, 234))]]
    assert scan.paragraph_text(broken, cell, 11.0) == "Kelengkapan"
    upper = [[scan.Word("KELENGKAPA", 92.0, (803, 197, 912, 214))], [scan.Word("N", 91.0, (852, 224, 863, 234))]]
    assert scan.paragraph_text(upper, cell, 11.0) == "KELENGKAPAN"
    # a long word that nearly fills its line, then the next word: Word wrapped at the space
    wrapped = [[scan.Word("penandatanganan", 92.0, (798, 197, 908, 214))], [scan.Word("data", 91.0, (798, 224, 830, 234))]]
    assert scan.paragraph_text(wrapped, cell, 13.0) == "penandatanganan data"
    two_words = [[scan.Word("Mutu", 92.0, (830, 197, 880, 214))], [scan.Word("baku", 91.0, (832, 224, 878, 234))]]
    assert scan.paragraph_text(two_words, cell, 11.0) in ("Mutu baku", "Mutu\nbaku")


def test_the_second_reading_is_cut_into_words_where_tesseract_cut_them():
    """The second engine drops spaces between handwritten words and misplaces some in print;
    its letters are cut where Tesseract's words end, by aligning the two readings."""
    from pipeline.extract.line_reader import LineReading

    def words(text):
        return [scan.Word(t, 40.0, (10 * i, 0, 10 * i + 8, 10)) for i, t in enumerate(text.split())]

    assert [w.text for w in scan.line_words(LineReading("28DESEMBER2017", 90.0), words("23 YESEMBEP 2017"))] \
        == ["28", "DESEMBER", "2017"]
    printed = scan.line_words(LineReading("Mengirimkanhsl pengisian dat a kinerja", 90.0),
                              words("Mengirimkan hs! pengisian data kinerja"))
    assert [w.text for w in printed] == ["Mengirimkan", "hsl", "pengisian", "data", "kinerja"]
    assert [w.box for w in printed] == [w.box for w in words("a b c d e")]


def test_a_scanned_print_of_a_flowchart_in_tiles_is_joined_back(tmp_path):
    # the spreadsheet print of test_extract_pdf's tiles test, scanned page by page at 300 dpi
    import pypdfium2
    from PIL import Image
    from test_extract_pdf import test_a_flowchart_printed_in_tiles_across_pages_is_joined_back_row_by_row as printed

    printed(tmp_path)  # draws tmp_path / "tiles.pdf" and checks its digital reading
    document = pypdfium2.PdfDocument(str(tmp_path / "tiles.pdf"))
    pages = [Image.fromarray(page.render(scale=300 / 72, grayscale=True).to_numpy()).convert("RGB") for page in document]
    document.close()
    pages[0].save(tmp_path / "scanned.pdf", save_all=True, append_images=pages[1:], resolution=300)
    (sop,) = read_sops(scan.read_scan_pdf(tmp_path / "scanned.pdf"))
    assert sop.actors == ["Kepala", "Sekretaris", "Staf", "Bendahara"]
    assert [(s.step_no, s.activity, s.actors, s.duration_text, s.output) for s in sop.steps] == [
        ("1.", "Menerima arsip", ["Kepala"], "1 hari", "Agenda"),
        ("2.", "Mencatat arsip", ["Staf"], "2 jam", "Daftar"),
        ("3.", "Menyimpan arsip", ["Sekretaris", "Bendahara"], "1 hari", "Arsip")]


# ---------------------------------------------------------------------------------------------
# Writing over the form: stamps and pen across ruled lines, writing left unread (issue #19)


def coloured_page(height: int = 300, width: int = 900) -> np.ndarray:
    return np.full((height, width, 3), 255, np.uint8)


def page_ruling(page: np.ndarray):
    layers = scan.page_layers(page)
    ink = raster.ink_mask(layers.text)
    return scan.find_ruling(ink, layers.text, layers.stamped, 14.0, raster.stamp_circles(layers.stamped, 14.0))


def horizontal_lines(ruling, length: float) -> list:
    return sorted((s for s in ruling.segments if s.horizontal and s.length >= length), key=lambda s: s.pos)


def whole_line(lines: list) -> bool:
    return len(lines) == 1 and lines[0].start <= 52 and lines[0].end >= 848


def test_a_ruled_line_lost_under_a_date_written_in_pen_across_it_is_one_line():
    """A date written in pen across a ruled line (the hand writes above the line it was meant
    for): where the pen's strokes cover it, the line's stubs are too short to count."""
    page = coloured_page()
    cv2.line(page, (50, 150), (850, 150), (0, 0, 0), 2)
    page[146:155, 400:600] = 255  # what is left of the line under the writing: nothing
    cv2.putText(page, "02 Januari 2021", (395, 160), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (110, 40, 20), 2, cv2.LINE_AA)
    assert whole_line(horizontal_lines(page_ruling(page), 100))
    # the same gap with nothing over it: two lines (two boxes side by side)
    bare = coloured_page()
    cv2.line(bare, (50, 150), (850, 150), (0, 0, 0), 2)
    bare[146:155, 400:600] = 255
    assert len(horizontal_lines(page_ruling(bare), 100)) == 2


def test_a_ruled_line_lost_under_a_round_stamp_is_one_line_however_wide_the_stamp():
    """A photo's blur leaves the print under a stamp's ink too faint to keep: within the disc
    of the stamp the line is hidden, not ended."""
    page = coloured_page(400)
    cv2.line(page, (50, 200), (850, 200), (0, 0, 0), 2)
    page[196:205, 330:470] = 255  # 10 letters' width lost under the stamp
    cv2.circle(page, (400, 200), 95, (150, 60, 40), 4, cv2.LINE_AA)
    cv2.circle(page, (400, 200), 68, (150, 60, 40), 2, cv2.LINE_AA)
    cv2.putText(page, "CAP DINAS", (340, 190), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (150, 60, 40), 2, cv2.LINE_AA)
    assert whole_line(horizontal_lines(page_ruling(page), 100))


def test_a_round_stamp_on_a_fine_scan_is_found_at_its_place_and_size():
    """At 300 dpi (letters 28 pixels high), among a page of tinted print: the stamp is found
    where it is, as large as it is."""
    page = coloured_page(1400, 1800)
    for row in range(100, 1300, 60):  # print a scanner tinted blue: coloured ink everywhere
        cv2.putText(page, "Menerima berkas permohonan", (60, row), cv2.FONT_HERSHEY_SIMPLEX, 1.1, (150, 90, 60), 2)
    cv2.circle(page, (1200, 700), 190, (150, 60, 40), 8, cv2.LINE_AA)
    cv2.circle(page, (1200, 700), 136, (150, 60, 40), 4, cv2.LINE_AA)
    mask = scan.page_layers(page).stamped
    found = [(x, y, r) for x, y, r in raster.stamp_circles(mask, 28.0) if abs(x - 1200) < 15 and abs(y - 700) < 15]
    assert found and all(130 <= r <= 200 for _, _, r in found)


def test_two_lines_written_in_pen_one_under_the_other_are_read_as_two():
    """Dates written in pen in rows close together touch (a descender on the capital below):
    they are still two lines, not a block too tall to be writing."""
    page = coloured_page()
    for y, text in ((140, "09 Januari 2023"), (166, "10 Januari 2023")):
        cv2.putText(page, text, (300, y), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 0.8, (110, 40, 20), 2, cv2.LINE_AA)
    cv2.line(page, (310, 143), (310, 152), (110, 40, 20), 2)  # a stroke joining the two lines
    layers = scan.page_layers(page)
    lines, _ = raster.pen_lines(layers.stamped > 0, 14.0)
    assert len(lines) == 2
    (_, top_a, _, bottom_a), (_, top_b, _, bottom_b) = sorted(lines, key=lambda box: box[1])
    assert top_a < 140 <= bottom_a and top_b < 166 <= bottom_b


def test_bold_letters_run_together_are_print_a_stamp_over_them_does_not_erase():
    """Bold print blurred by the scan (or darkened by a stamp) runs letters into one blob a few
    letters wide: print still, to keep where a stamp's strokes are taken out."""
    ink = np.zeros((60, 300), np.uint8)
    cv2.rectangle(ink, (20, 20), (80, 34), 255, -1)  # "Kegia" run together: 4 letters wide
    cv2.rectangle(ink, (86, 20), (96, 34), 255, -1)  # "t"
    cv2.rectangle(ink, (100, 24), (110, 34), 255, -1)  # "a"
    kept = raster.words_mask(ink, 14.0)
    assert kept[27, 50] and kept[27, 90]
    scribble = np.zeros((60, 300), np.uint8)
    cv2.line(scribble, (20, 30), (280, 32), 255, 3)  # a long stroke of letter height is no word
    assert not raster.words_mask(scribble, 14.0).any()


def test_a_value_written_above_its_empty_label_line_is_that_labels_value():
    """"Tanggal Revisi :" printed with nothing after it, the date written by hand a little above
    it, close under the line before: it is Tanggal Revisi's value, not the wrapped end of the
    value above."""
    def words(y: float, *items: tuple[str, float]) -> list[scan.Word]:
        return [scan.Word(text, 90.0, (x, y, x + 10 * len(text), y + 18)) for text, x in items]

    lines = [words(300, ("Tanggal", 90), ("Pembuatan", 185), (":", 348), ("09", 376), ("Januari", 413), ("2023", 506)),
             words(321, ("10", 377), ("Januari", 410), ("2023", 496)),
             words(334, ("Tanggal", 92), ("Revisi", 185), (":", 348))]
    joined = scan.join_hanging_lines(lines, 14.0)
    assert [" ".join(w.text for w in line) for line in joined] == [
        "Tanggal Pembuatan : 09 Januari 2023", "Tanggal Revisi : 10 Januari 2023"]
    # a value wrapped onto the next line, the next label with a value of its own: joined
    wrapped = [words(300, ("Disahkan", 90), ("Oleh", 185), (":", 348), ("KEPALA", 376), ("DINAS", 470)),
               words(321, ("KESEHATAN", 377)),
               words(345, ("Nama", 92), ("SOP", 150), (":", 348), ("SOP", 376), ("Surat", 420))]
    assert [" ".join(w.text for w in line) for line in scan.join_hanging_lines(wrapped, 14.0)] == [
        "Disahkan Oleh : KEPALA DINAS KESEHATAN", "Nama SOP : SOP Surat"]


def test_the_place_of_a_value_under_a_round_stamp_is_hidden():
    """A stamp over the identity lines: a value's place after a line, under the stamp, may hold
    writing in pen taken out with the stamp; a stamp over the label only hides no value."""
    from pipeline.model import Paragraph

    def line(y: float, *items: tuple[str, float]) -> list[scan.Word]:
        return [scan.Word(text, 95.0, (x, y, x + 10 * len(text), y + 18)) for text, x in items]

    image = np.full((400, 900), 255, np.uint8)
    geometry = scan.PageGeometry(900, image, 14.0, [], [], [], [], image, image, stamps=[(330, 175, 60)])
    words = line(60, ("Nomor", 90), ("SOP", 160), (":", 300), ("065/12/2023", 330)) \
        + line(120, ("Tanggal", 90), ("Revisi", 185))  # its value under the stamp, unread
    paragraphs = [b for b in scan.assemble(geometry, words, 1) if isinstance(b, Paragraph)]
    assert [(p.text, p.confidence, p.value_hidden) for p in paragraphs] == [
        ("Nomor SOP : 065/12/2023", 95.0, False), ("Tanggal Revisi", 95.0, True)]
    # a stamp over a label only: the value's place after it is in view
    geometry.stamps = [(120, 130, 40)]
    paragraphs = [b for b in scan.assemble(geometry, words, 1) if isinstance(b, Paragraph)]
    assert [p.value_hidden for p in paragraphs] == [False, False]


def test_grey_lines_of_a_blurred_photo_joined_by_descenders_are_print_not_a_signature():
    """A photo's blur and dim light leave print grey; lines close together join through their
    descenders into a blob as tall as a signature. It stays, for the OCR; a scribble in the same
    grey is still taken out."""
    page = np.full((260, 700), 255, np.uint8)
    for row, text in enumerate(("pengumpulan yang disediakan", "kinerja pegawai yang", "pengajuan berkas")):
        cv2.putText(page, text, (20, 40 + 19 * row), cv2.FONT_HERSHEY_SIMPLEX, 0.55, 0, 1, cv2.LINE_AA)
    cv2.line(page, (420, 60), (640, 200), 0, 2)  # a scribble: a signature's stroke
    cv2.line(page, (640, 200), (470, 230), 0, 2)
    grey = cv2.addWeighted(cv2.GaussianBlur(page, (5, 5), 1.2), 0.35, np.full_like(page, 255), 0.65, 0)
    ink = raster.ink_mask(grey)
    unit = raster.text_height(ink)
    erase, _ = scan.non_text_blobs(ink, grey, np.zeros_like(ink), [], [], unit)
    text = ink[:, :400] > 0
    assert (erase[:, :400] > 0)[text].mean() < 0.05
    assert (erase[:, 420:] > 0)[ink[:, 420:] > 0].mean() > 0.5


def test_a_cell_holding_writing_no_reading_made_words_of_is_unread_not_empty():
    from pipeline.extract.grid import Region
    from pipeline.model import UNREAD

    image = np.full((200, 600), 255, np.uint8)
    cv2.putText(image, "24 Juni 2022", (320, 60), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 0.8, 0, 2, cv2.LINE_AA)
    cv2.putText(image, ".", (330, 150), cv2.FONT_HERSHEY_SIMPLEX, 0.5, 0, 1)  # a speck
    geometry = scan.PageGeometry(600, image, 14.0, [], [], [], [], image, image)
    written = scan.read_cell(geometry, 0, Region(0, 1, 1, 2, (300, 20, 590, 90)), [], 1)
    assert written.text == "" and written.confidence == UNREAD and written.image.startswith(b"\x89PNG")
    empty = scan.read_cell(geometry, 0, Region(1, 1, 2, 2, (300, 110, 590, 190)), [], 1)
    assert empty.text == "" and empty.confidence is None and empty.image is None
    read = scan.read_cell(geometry, 0, Region(0, 1, 1, 2, (300, 20, 590, 90)),
                          [scan.Word("24", 90.0, (322, 40, 350, 62))], 1)
    assert read.text == "24" and read.confidence == 90.0


def test_a_ruled_line_too_faint_for_the_ink_threshold_beside_bold_print_is_one_line():
    """A photo's blur leaves a thin line lighter than the threshold beside bold headings: still
    darker than the paper, it is the same line."""
    page = coloured_page()
    cv2.line(page, (50, 150), (850, 150), (0, 0, 0), 2)
    page[148:153, 420:450] = 190  # two letters' width of the line, faint
    for x in range(405, 470, 12):  # bold letters just above and below it
        page[136:146, x : x + 8] = 0
        page[155:165, x : x + 8] = 0
    assert whole_line(horizontal_lines(page_ruling(page), 100))
    gone = page.copy()
    gone[148:153, 420:450] = 255  # the same stretch not printed at all: two lines
    assert len(horizontal_lines(page_ruling(gone), 100)) == 2
