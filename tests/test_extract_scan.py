"""OCR backend: scanned PDFs and photographed pages into the layout model.

The geometry tests draw their own small pages and need no Tesseract; the two fixture pages
are OCRed once each (a few seconds apiece).
"""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
import pytesseract
from rapidfuzz.fuzz import ratio

from pipeline.extract import raster, scan
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
    scan.check_tesseract.cache_clear()
    yield
    scan.check_tesseract.cache_clear()


def test_missing_tesseract_says_what_to_install(monkeypatch, fresh_tesseract_check):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(ExtractionError, match="tesseract-ocr tesseract-ocr-ind"):
        scan.read_image(PHOTO)


def test_missing_indonesian_says_what_to_install(monkeypatch, fresh_tesseract_check):
    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng", "osd"])
    with pytest.raises(ExtractionError, match="tesseract-ocr-ind"):
        scan.check_tesseract()


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
