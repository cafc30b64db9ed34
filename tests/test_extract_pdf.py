"""Digital PDF backend: ruled tables as rectangular grids with merged cells, the marks drawn in
flowchart cells (vector symbols, ticks, shading, pictures), text lines around the tables, and
files it must refuse. Real BPS documents are checked against their page images by hand."""
import ctypes
from functools import lru_cache
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import given, strategies as st

from pipeline.extract.errors import ExtractionError
from pipeline.extract.pdf import has_text_layer, read_pdf
from pipeline.extract.scan import tesseract_ready
from pipeline.extract.sop import read_sops
from pipeline.model import Layout, Paragraph, Sop, Table
from pipeline.normalize.tables import document_row

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
TERMINATOR_TEXT = FIXTURES / "sop_d002.pdf"  # A4; "Mulai"/"Selesai" in rounded outlines; "Label : value" paragraphs
TICKS = FIXTURES / "sop_d014.pdf"  # F4; "✓" characters; identity table; signature lines
PICTURES = FIXTURES / "sop_d024.pdf"  # symbols pasted as pictures
SHADING = FIXTURES / "sop_d031.pdf"  # grey actor cells
CONTINUED = FIXTURES / "001_61309ccb0c5e84e3.pdf"  # three pages, header repeated once, not twice
BRANCH_LABELS = FIXTURES / "002_c2a19b0c359d43f6.pdf"  # "Ya"/"Tidak" beside a decision's arrows
NARROW_HEADING = FIXTURES / "004_43d95de200347770.pdf"  # "SEKRET|ARIS DPRD" broken in a narrow column
BPS_036 = FIXTURES / "bps_036_penyusunan_publikasi.pdf"  # several symbols per row; blank label pictures
BPS_136 = FIXTURES / "bps_136_persiapan_survei_imk.pdf"  # Letter; identity block and flowchart in one grid
BPS_296 = FIXTURES / "bps_296_tender_konstruksi.pdf"  # three pages; off-page connectors; grey header


@lru_cache(maxsize=None)
def layout_of(path: Path) -> Layout:
    return read_pdf(path)


@lru_cache(maxsize=None)
def sop_of(path: Path) -> Sop:
    return read_sops(layout_of(path))[0]


def tables(layout: Layout) -> list[Table]:
    return [b for b in layout.blocks if isinstance(b, Table)]


def paragraphs(layout: Layout) -> list[str]:
    return [b.text for b in layout.blocks if isinstance(b, Paragraph)]


def step_row(layout: Layout, number: str) -> list:
    return next(row for t in tables(layout) for row in t.rows if row[0].text.rstrip(".") == number)


def actors(sop: Sop) -> list[list[str]]:
    return [step.actors for step in sop.steps]


# ---------------------------------------------------------------------------------------------
# Tables and marks


def test_every_table_row_has_as_many_cells_as_the_grid_has_columns():
    for path in (TERMINATOR_TEXT, TICKS, CONTINUED, BPS_136, BPS_296):
        for table in tables(layout_of(path)):
            assert {len(row) for row in table.rows} == {table.n_cols}


def test_merged_headings_repeat_in_every_position_they_cover():
    header = tables(layout_of(TERMINATOR_TEXT))[1].rows[:2]
    assert [c.text for c in header[0][2:6]] == ["Pelaksana"] * 4
    assert [c.spanned for c in header[0][2:6]] == [False, True, True, True]
    assert header[1][0].text == "No" and header[1][0].spanned  # "No" covers both header rows
    assert [c.text for c in header[1][2:6]] == ["Camat Lowokwaru", "Sekretaris Camat", "Agendaris", "Pengadministrasi Umum"]


def test_symbol_in_an_actor_cell_is_its_mark_and_its_words_stay_out_of_the_cell_text():
    first, last = step_row(layout_of(TERMINATOR_TEXT), "1"), step_row(layout_of(TERMINATOR_TEXT), "6")
    start = first[5]
    assert [(m.kind, m.text) for m in start.marks] == [("terminator", "Mulai")] and start.text == ""
    assert [(m.kind, m.text) for m in last[4].marks] == [("terminator", "Selesai")] and last[4].text == ""
    assert actors(sop_of(TERMINATOR_TEXT)) == [
        ["Pengadministrasi Umum"], ["Pengadministrasi Umum"], ["Sekretaris Camat"],
        ["Camat Lowokwaru", "Pengadministrasi Umum"], ["Pengadministrasi Umum"], ["Agendaris"]]
    assert [s.symbol for s in sop_of(TERMINATOR_TEXT).steps] == ["start", "process", "process", "process", "process", "end"]


def test_connector_lines_and_arrows_make_no_cells_and_no_marks():
    table = tables(layout_of(TERMINATOR_TEXT))[1]
    assert (len(table.rows), table.n_cols) == (8, 9)
    row_4 = step_row(layout_of(TERMINATOR_TEXT), "4")  # an elbow connector crosses two cells
    assert [len(c.marks) for c in row_4[2:6]] == [1, 0, 0, 1]


def test_ticks_become_check_marks():
    row = step_row(layout_of(TICKS), "6")
    assert [m.kind for m in row[3].marks] == ["check"] and row[3].text == ""
    assert actors(sop_of(TICKS))[:3] == [["Kepala Biro"], ["Petugas Arsip"], ["Petugas Arsip"]]


def test_pictures_in_actor_cells_become_picture_marks():
    row = step_row(layout_of(PICTURES), "5")
    assert [m.kind for m in row[2].marks] == ["picture"]
    assert actors(sop_of(PICTURES)) == [["Kasubbag TU"], ["Kasubbag TU"], ["Petugas Agenda"], ["Kepala Biro"],
                                        ["Petugas Agenda"], ["Staf"], ["Staf"]]


def test_shaded_actor_cells_become_shading_marks_but_a_shaded_header_band_does_not():
    row = step_row(layout_of(SHADING), "3")
    assert [[m.kind for m in c.marks] for c in row[2:6]] == [[], ["shading"], [], []]
    header = tables(layout_of(BPS_296))[1].rows[:3]  # a grey band over the headings
    assert not any(c.marks for row in header for c in row)


def test_branch_labels_beside_arrows_are_neither_text_nor_marks():
    for number in ("7", "8", "9"):
        row = step_row(layout_of(BRANCH_LABELS), number)
        assert all(c.text == "" for c in row[2:6])
    assert [[m.kind for m in c.marks] for c in step_row(layout_of(BRANCH_LABELS), "7")[2:6]] == [[], [], ["decision"], []]


def test_tables_continued_over_pages_give_one_table_per_page_and_one_flowchart():
    pages = [t.page for t in tables(layout_of(CONTINUED))]
    assert pages == [1, 2, 3]
    sop = sop_of(CONTINUED)
    assert [s.step_no for s in sop.steps] == [str(n) for n in range(1, 14)]
    assert sop.steps[10].symbol == "decision" and sop.steps[10].actors == ["Sekretaris"]


def test_a_word_broken_over_two_lines_of_a_narrow_heading_is_joined():
    assert sop_of(NARROW_HEADING).actors == ["SEKRETARIS DPRD", "KEPALA BAGIAN", "KEPALA SUB BAGIAN"]


def test_lines_the_editor_wrapped_join_with_a_space_and_list_lines_stay_apart():
    cell = tables(layout_of(TICKS))[0].rows[0][0]  # centred agency lines wrapped in a narrow cell
    assert cell.text.splitlines() == ["PEMERINTAH PROVINSI BENGKULU", "SEKRETARIAT DAERAH",
                                      "BIRO PEMERINTAHAN DAN OTONOMI DAERAH"]
    legal_basis = tables(layout_of(BPS_036))[0].rows[7][0].text.splitlines()
    assert len(legal_basis) == 10 and legal_basis[5].startswith("6. Peraturan Menteri") and legal_basis[5].endswith("Pemerintah;")


# ---------------------------------------------------------------------------------------------
# Text outside tables and the identity block


def test_label_value_paragraphs_keep_a_wrapped_value_on_their_line():
    lines = paragraphs(layout_of(TERMINATOR_TEXT))
    assert "Nomor SOP : SOP-02/KEC" in lines
    assert "Disahkan Oleh : Camat Lowokwaru, Hj. Rina, S.IP, M.Kes Pembina Utama Madya NIP. 19630708 199312 2 011" in lines


def test_signature_block_lines_are_separate_paragraphs_after_the_flowchart():
    assert paragraphs(layout_of(TICKS))[-4:] == [
        "Kepala Biro Pemerintahan dan Otonomi Daerah", "Ir. FITRIATI LESTARI, S.Kom, M.AP",
        "Pembina Tingkat I", "NIP. 19760719200102 2 009"]
    identity = sop_of(TICKS).identity
    assert (identity.sop_number, identity.signatory_name) == ("SOP/PEM/208/2019", "Ir. FITRIATI LESTARI, S.Kom, M.AP")
    assert len(identity.legal_basis) == 4 and len(identity.qualifications) == 3


def test_a_footer_repeated_on_every_page_is_dropped_but_a_single_page_keeps_it():
    for path in (BPS_036, BPS_296):
        assert not any("ditandatangani secara elektronik" in p for p in paragraphs(layout_of(path)))
    assert sop_of(BPS_036).identity.agency == "Tim Metodologi dan Analisis Statistik Badan Pusat Statistik Provinsi Bengkulu"
    assert any("ditandatangani secara elektronik" in p for p in paragraphs(layout_of(BPS_136)))


# ---------------------------------------------------------------------------------------------
# Real BPS documents (steps and actors checked by hand against the page images)


def test_bps_036_rows_with_several_symbols_give_every_actor():
    sop = sop_of(BPS_036)
    metodologi, project = "Ketua Tim Metodologi dan Analisis Statistik", "Ketua Project Analisis Sektor"
    assert actors(sop) == [[metodologi, project], [project, "Anggota"], ["Anggota"],
                           [metodologi, project, "Anggota", "Tim Diseminasi"], ["Tim Diseminasi"]]
    row_4 = step_row(layout_of(BPS_036), "4")
    assert [[m.kind for m in c.marks] for c in row_4[2:6]] == [["decision"], ["decision"], ["process"], ["decision"]]
    # the "T"/"Y" labels are exported as transparent pictures: no picture marks
    assert not any(m.kind == "picture" for t in tables(layout_of(BPS_036))[1:] for row in t.rows for c in row for m in c.marks)
    assert [s.duration_text for s in sop.steps] == ["1 minggu", "1 minggu", "3 minggu", "2 bulan; 5 hari kerja; 1 hari", "3 hari kerja"]


def test_bps_036_a_row_across_the_identity_table_is_no_field_and_a_dash_is_no_value():
    identity = sop_of(BPS_036).identity
    # "Maksud dan tujuan: ..." spans Peringatan and Pencatatan, both printed empty
    assert (identity.warning, identity.records, identity.revised_date) == (None, None, None)
    assert identity.sop_title == "Penyusunan Publikasi Project Analisis Lintas Sektor Provinsi Bengkulu"
    assert (identity.approved_by, identity.signatory_name) == ("Kepala BPS Provinsi Bengkulu", "Ir. Win Rizal M.E")


def test_bps_136_identity_block_drawn_in_one_grid_with_the_flowchart_is_its_own_table():
    sop = sop_of(BPS_136)
    provinsi, kabupaten = "Tim Statistik Produksi BPS Provinsi", "BPS Kabupaten/Kota"
    assert actors(sop) == [["Kepala BPS Provinsi", provinsi, kabupaten], [provinsi, kabupaten], [provinsi, kabupaten]]
    assert [s.symbol for s in sop.steps] == ["start", "process", "end"]
    assert [s.duration_text for s in sop.steps] == ["3 Minggu", "3 Hari", "2 Hari"]
    assert (sop.identity.sop_number, sop.identity.effective_date) == ("SOP-136/17000/2025", "2 Januari 2025")
    assert sop.identity.sop_title == "Persiapan Survei Industri Mikro Kecil (IMK) Tahunan"


def test_bps_296_flowchart_over_three_pages_with_off_page_connectors():
    sop = sop_of(BPS_296)
    pokja, peserta = ["Pokja Pemilihan"], ["Peserta"]
    assert actors(sop) == [pokja, peserta, pokja, pokja, pokja, pokja, pokja + peserta, pokja, peserta,
                           pokja, peserta, pokja, pokja]
    assert [s.symbol for s in sop.steps][::12] == ["start", "end"]
    assert sop.steps[8].duration_text == "5 hari kerja" and sop.steps[8].output == "Sanggahan."
    # the first page has a column line more: later pages are cut on the same columns
    assert len({t.n_cols for t in tables(layout_of(BPS_296))[1:]}) == 1


@pytest.mark.parametrize("path, flowchart_page, size, steps", [
    (TERMINATOR_TEXT, 2, (842, 595), 6),  # A4 landscape after an A4 portrait page
    (TICKS, 2, (936, 610), 7),  # F4 landscape
    (BPS_136, 1, (792, 612), 3),  # Letter landscape
])
def test_flowcharts_on_a4_f4_and_letter_landscape_pages(path, flowchart_page, size, steps):
    page = pypdfium2.PdfDocument(str(path))[flowchart_page - 1]
    assert tuple(round(v) for v in page.get_size()) == size
    assert len(sop_of(path).steps) == steps


# ---------------------------------------------------------------------------------------------
# Drawn for the test


OUTLINE_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


class DrawnPdf:
    """A PDF drawn with PDFium: lines, rectangles, polygons, rounded outlines and text, at
    coordinates from the top left of the page being drawn (`on_page`)."""

    def __init__(self, width: float = 842, height: float = 595, pages: int = 1):
        self.document = pypdfium2.PdfDocument.new()
        self.pages = [self.document.new_page(width, height) for _ in range(pages)]
        self.page = self.pages[0]
        self.height = height
        self.font = pdfium_c.FPDFText_LoadStandardFont(self.document.raw, b"Helvetica")

    def on_page(self, number: int) -> "DrawnPdf":
        self.page = self.pages[number - 1]
        return self

    def path(self, points, closed=False, curves=()):
        """A stroked path through the points; `curves` holds indices of points reached by a
        quarter-circle-like Bezier from the point before."""
        x, y = points[0]
        handle = pdfium_c.FPDFPageObj_CreateNewPath(x, self.height - y)
        for index, (x, y) in enumerate(points[1:], start=1):
            if index in curves:
                (x0, y0) = points[index - 1]
                pdfium_c.FPDFPath_BezierTo(handle, x0 + 0.55 * (x - x0), self.height - y0, x,
                                           self.height - (y - 0.55 * (y - y0)), x, self.height - y)
            else:
                pdfium_c.FPDFPath_LineTo(handle, x, self.height - y)
        if closed:
            pdfium_c.FPDFPath_Close(handle)
        pdfium_c.FPDFPath_SetDrawMode(handle, pdfium_c.FPDF_FILLMODE_NONE, 1)
        pdfium_c.FPDFPageObj_SetStrokeColor(handle, 0, 0, 0, 255)
        pdfium_c.FPDFPage_InsertObject(self.page.raw, handle)

    def line(self, x0, y0, x1, y1):
        self.path([(x0, y0), (x1, y1)])

    def rectangle(self, x0, y0, x1, y1):
        self.path([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], closed=True)

    def rounded(self, x0, y0, x1, y1):
        """A terminator: straight top and bottom, rounded ends."""
        r, m = (y1 - y0) / 2, (y0 + y1) / 2
        self.path([(x0 + r, y0), (x1 - r, y0), (x1, m), (x1 - r, y1), (x0 + r, y1), (x0, m), (x0 + r, y0)],
                  closed=True, curves={2, 3, 5, 6})

    def text(self, x, y, value, size=8.0, invisible=False, upwards=False):
        """Text from its top left corner, or written upwards from its bottom left corner."""
        handle = pdfium_c.FPDFPageObj_CreateTextObj(self.document.raw, self.font, size)
        buffer = ctypes.create_string_buffer((value + "\0").encode("utf-16-le"))
        pdfium_c.FPDFText_SetText(handle, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        if invisible:
            pdfium_c.FPDFTextObj_SetTextRenderMode(handle, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
        if upwards:
            pdfium_c.FPDFPageObj_Transform(handle, 0, 1, -1, 0, x + size, self.height - y)
        else:
            pdfium_c.FPDFPageObj_Transform(handle, 1, 0, 0, 1, x, self.height - y - size)
        pdfium_c.FPDFPage_InsertObject(self.page.raw, handle)

    def outlined_text(self, x, y, value, size=8.0):
        """Text drawn as filled letter outlines, as a PDF printer draws a font it cannot embed:
        the letters of DejaVu Sans traced into one filled path per letter (holes included)."""
        import cv2
        import numpy as np
        from PIL import Image, ImageDraw, ImageFont

        zoom = 12  # raster pixels per point while tracing
        font = ImageFont.truetype(OUTLINE_FONT, int(size * zoom))
        left, top, right, bottom = font.getbbox(value)
        image = Image.new("L", (right + 4, bottom + 4), 0)
        ImageDraw.Draw(image).text((2, 2), value, font=font, fill=255)
        contours, hierarchy = cv2.findContours(np.array(image), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
        for index, contour in enumerate(contours):
            if hierarchy[0][index][3] != -1:
                continue  # a hole: drawn with its letter
            subpaths = [contour] + [c for j, c in enumerate(contours) if hierarchy[0][j][3] == index]
            handle = None
            for subpath in subpaths:
                points = [(x + px / zoom, y + py / zoom) for px, py in subpath[:, 0, :]]
                if handle is None:
                    handle = pdfium_c.FPDFPageObj_CreateNewPath(points[0][0], self.height - points[0][1])
                else:
                    pdfium_c.FPDFPath_MoveTo(handle, points[0][0], self.height - points[0][1])
                for px, py in points[1:]:
                    pdfium_c.FPDFPath_LineTo(handle, px, self.height - py)
                pdfium_c.FPDFPath_Close(handle)
            pdfium_c.FPDFPath_SetDrawMode(handle, pdfium_c.FPDF_FILLMODE_ALTERNATE, 0)
            pdfium_c.FPDFPageObj_SetFillColor(handle, 0, 0, 0, 255)
            pdfium_c.FPDFPage_InsertObject(self.page.raw, handle)

    def save(self, path: Path) -> Path:
        for page in self.pages:
            pdfium_c.FPDFPage_GenerateContent(page.raw)
        self.document.save(str(path))
        return path


COLUMNS = [40, 70, 250, 350, 450, 550, 640, 760]  # No | Kegiatan | 3 actors | Waktu | Output
ROWS = [60, 80, 100, 140, 180, 220, 260, 300]  # two header rows, five steps


def drawn_flowchart(path: Path, footer_rule: bool = False) -> Path:
    """Waktu merged over steps 4 and 5; a terminator with its word, one and two rectangles, a
    connector with an arrow head, a diamond with a "Ya" label, a rectangle drawn line by line,
    and a final terminator just below the table. `footer_rule`: a page-wide line 1.3 pt under
    the table's bottom border (a Word footer's rule)."""
    pdf, x, y = DrawnPdf(), COLUMNS, ROWS
    if footer_rule:
        pdf.line(20, y[-1] + 1.3, 800, y[-1] + 1.3)
    for top in (y[0], y[2], y[3], y[4], y[5], y[7]):
        pdf.line(x[0], top, x[-1], top)
    pdf.line(x[2], y[1], x[5], y[1])  # under "Pelaksana" only
    pdf.line(x[0], y[6], x[5], y[6])
    pdf.line(x[6], y[6], x[7], y[6])  # no line between steps 4 and 5 in the Waktu column
    for left in (x[0], x[1], x[2], x[5], x[6], x[7]):
        pdf.line(left, y[0], left, y[-1])
    for left in (x[3], x[4]):
        pdf.line(left, y[1], left, y[-1])
    for left, heading in zip((x[0], x[1], x[2], x[5], x[6]), ("No", "Kegiatan", "Pelaksana", "Waktu", "Output")):
        pdf.text(left + 4, 64, heading)
    for left, actor in zip(x[2:5], ("Kepala Dinas", "Sekretaris", "Staf")):
        pdf.text(left + 4, 85, actor)
    steps = [("Menerima surat", "1 hari"), ("Mencatat surat", "2 hari"), ("Memeriksa surat", "1 hari"),
             ("Menilai kelengkapan", "3 hari"), ("Mengarsipkan surat", None)]
    for i, (activity, duration) in enumerate(steps):
        top = y[2 + i] + 4
        pdf.text(x[0] + 4, top, f"{i + 1}.")
        pdf.text(x[1] + 4, top, activity)
        if duration:
            pdf.text(x[5] + 4, top, duration)
    pdf.rounded(275, 110, 325, 128)
    pdf.text(288, 114, "Mulai")
    pdf.rectangle(375, 150, 425, 168)
    pdf.rectangle(475, 190, 525, 208)
    pdf.rectangle(275, 190, 325, 208)
    pdf.line(325, 199, 470, 199)
    pdf.path([(470, 196), (475, 199), (470, 202)], closed=True)
    pdf.path([(500, 226), (525, 240), (500, 254), (475, 240)], closed=True)
    pdf.text(505, 255, "Ya", size=7)
    pdf.path([(500, 254), (500, 262), (400, 262)])
    for a, b in (((375, 270), (425, 270)), ((425, 270), (425, 288)), ((425, 288), (375, 288)), ((375, 288), (375, 270))):
        pdf.line(*a, *b)
    pdf.rounded(375, 310, 425, 328)
    pdf.text(384, 314, "Selesai")
    return pdf.save(path)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> Layout:
    return read_pdf(drawn_flowchart(tmp_path_factory.mktemp("pdf") / "drawn.pdf"))


def test_a_cell_merged_over_two_step_rows_repeats_its_text_in_both(drawn):
    table = tables(drawn)[0]
    step_4, step_5 = table.rows[5], table.rows[6]
    assert (step_4[5].text, step_4[5].spanned) == ("3 hari", False)
    assert (step_5[5].text, step_5[5].spanned, step_5[5].marks) == ("3 hari", True, [])
    assert [s.duration_text for s in read_sops(drawn)[0].steps] == ["1 hari", "2 hari", "1 hari", "3 hari", "3 hari"]


def test_drawn_symbols_are_told_apart_from_arrows_labels_and_a_terminator_below_the_table(drawn):
    rows = tables(drawn)[0].rows[2:]
    marks = [[[(m.kind, m.text) for m in c.marks] for c in row[2:5]] for row in rows]
    assert marks == [
        [[("terminator", "Mulai")], [], []],
        [[], [("process", "")], []],
        [[("process", "")], [], [("process", "")]],  # the connector and its arrow head are no marks
        [[], [], [("decision", "")]],
        [[], [("process", "")], []],  # four separate lines drawing one rectangle
    ]
    assert "Ya" not in [c.text for row in rows for c in row]
    assert not any("Selesai" in p for p in paragraphs(drawn))


def test_a_page_wide_rule_right_under_the_table_does_not_undo_its_bottom_border(tmp_path):
    layout = read_pdf(drawn_flowchart(tmp_path / "footer.pdf", footer_rule=True))
    assert [len(t.rows) for t in tables(layout)] == [7]
    assert [s.activity for s in read_sops(layout)[0].steps][-1] == "Mengarsipkan surat"


def test_marks_of_one_cell_are_ordered_left_to_right(tmp_path):
    pdf = DrawnPdf()
    for top in (50, 70, 110):
        pdf.line(40, top, 400, top)
    for left in (40, 70, 200, 400):
        pdf.line(left, 50, left, 110)
    pdf.rounded(300, 80, 340, 95)
    pdf.rectangle(210, 80, 250, 95)
    table = tables(read_pdf(pdf.save(tmp_path / "two.pdf")))[0]
    assert [m.kind for m in table.rows[1][2].marks] == ["process", "terminator"]


def test_headings_written_upwards_in_narrow_columns_read_in_their_direction(tmp_path):
    pdf = DrawnPdf()
    columns = [40, 70, 250, 280, 320, 400]  # No | Kegiatan | two narrow actor columns | Waktu
    for top in (60, 130, 170):
        pdf.line(columns[0], top, columns[-1], top)
    for left in columns:
        pdf.line(left, 60, left, 170)
    for left, heading in ((40, "No"), (70, "Kegiatan"), (320, "Waktu")):
        pdf.text(left + 4, 64, heading)
    pdf.text(258, 125, "Kepala Seksi", upwards=True)
    pdf.text(286, 125, "Staf", upwards=True)  # a heading on two upward lines
    pdf.text(298, 125, "Pelaksana", upwards=True)
    pdf.text(44, 134, "1.")
    pdf.text(74, 134, "Mencatat surat")
    pdf.text(324, 134, "1 hari")
    pdf.rectangle(285, 140, 315, 160)
    sop = read_sops(read_pdf(pdf.save(tmp_path / "upwards.pdf")))[0]
    assert sop.actors == ["Kepala Seksi", "Staf Pelaksana"]
    assert sop.steps[0].actors == ["Staf Pelaksana"]


def test_a_step_row_cut_by_a_page_break_is_put_back_together(tmp_path):
    pdf = DrawnPdf(pages=2)
    columns = [40, 70, 250, 350, 450, 540]  # No | Kegiatan | two actors | Waktu
    for page, rows in ((1, [60, 80, 120, 560]), (2, [40, 60, 100, 140])):
        pdf.on_page(page)
        for top in rows:
            pdf.line(columns[0], top, columns[-1], top)
        for left in columns:
            pdf.line(left, rows[0], left, rows[-1])
        for left, heading in zip(columns, ("No", "Kegiatan", "Kepala", "Staf", "Waktu")):
            pdf.text(left + 4, rows[0] + 4, heading)  # the heading row repeated on page 2
    pdf.on_page(1).text(44, 84, "1.")
    pdf.text(74, 84, "Menerima surat")
    pdf.text(454, 84, "1 hari")
    pdf.text(44, 124, "2.")
    pdf.text(74, 124, "Mencatat surat masuk dalam")
    pdf.on_page(2).text(74, 64, "buku agenda")
    pdf.rectangle(360, 70, 420, 90)  # step 2's symbol, drawn below the page break
    pdf.text(454, 64, "2 hari")
    pdf.text(44, 104, "3.")
    pdf.text(74, 104, "Mengarsipkan surat")
    pdf.rectangle(260, 110, 320, 130)
    layout = read_pdf(pdf.save(tmp_path / "split.pdf"))
    assert [len(t.rows) for t in tables(layout)] == [3, 2]
    steps = read_sops(layout)[0].steps
    assert [s.activity for s in steps] == ["Menerima surat", "Mencatat surat masuk dalam buku agenda", "Mengarsipkan surat"]
    assert [s.actors for s in steps] == [[], ["Staf"], ["Kepala"]]
    assert steps[1].duration_text == "2 hari"


def test_a_page_rotated_for_display_reads_like_the_upright_page(tmp_path):
    upright, rotated = pypdfium2.PdfDocument.new(), pypdfium2.PdfDocument.new()
    source = pypdfium2.PdfDocument(str(TERMINATOR_TEXT))
    upright.import_pages(source, [1])
    rotated.import_pages(source, [1])
    page = rotated[0]
    width, height = page.get_size()
    # content turned a quarter turn into a portrait box, /Rotate 90 turns it back on screen
    pdfium_c.FPDFPage_TransFormWithClip(page.raw, pdfium_c.FS_MATRIX(0, 1, -1, 0, height, 0), None)
    page.set_mediabox(0, 0, height, width)
    page.set_rotation(90)
    upright.save(str(tmp_path / "upright.pdf"))
    rotated.save(str(tmp_path / "rotated.pdf"))
    assert read_pdf(tmp_path / "rotated.pdf") == read_pdf(tmp_path / "upright.pdf")


# ---------------------------------------------------------------------------------------------
# Text layer and refused files


def test_has_text_layer_is_false_without_visible_text(tmp_path):
    assert has_text_layer(TERMINATOR_TEXT)
    ruled_only = DrawnPdf()
    ruled_only.line(40, 50, 400, 50)
    assert not has_text_layer(ruled_only.save(tmp_path / "lines.pdf"))
    ocr_layer = DrawnPdf()
    ocr_layer.text(40, 50, "Teks hasil OCR yang tidak terlihat di halaman pindaian ini " * 2, invisible=True)
    assert not has_text_layer(ocr_layer.save(tmp_path / "ocr.pdf"))


def password_protected_pdf() -> bytes:
    """A PDF whose standard security handler accepts no empty user password."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
               b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -4 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\n" % (b"00" * 16, b"00" * 16)
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % xref)


@pytest.mark.parametrize("content, reason", [
    (password_protected_pdf(), "password-protected"),
    (TERMINATOR_TEXT.read_bytes()[:5000], "damaged, truncated"),
    (b"%PDF-1.4\nnothing else", "not a readable PDF"),
])
def test_unreadable_files_raise_extraction_error_saying_why(tmp_path, content, reason):
    path = tmp_path / "refused.pdf"
    path.write_bytes(content)
    with pytest.raises(ExtractionError, match=reason):
        read_pdf(path)


# ---------------------------------------------------------------------------------------------
# Flowcharts known by their structure, and tables printed in tiles


def test_a_flowchart_printed_in_tiles_across_pages_is_joined_back_row_by_row(tmp_path):
    # Excel fits the sheet's width on two pages: No | Kegiatan | two actors, then two more
    # actors | Kelengkapan | Waktu | Output, the title repeated, the rows the same height.
    pdf = DrawnPdf(pages=3)
    rows = [60, 80, 120, 170, 200]
    tiles = {1: ([40, 70, 330, 450, 570], ["No", "Kegiatan", "Kepala", "Sekretaris"]),
             2: ([40, 160, 280, 420, 520, 640], ["Staf", "Bendahara", "Kelengkapan", "Waktu", "Output"])}
    for page, (columns, headings) in tiles.items():
        pdf.on_page(page).text(40, 30, "SOP Pengelolaan Arsip")
        for top in rows:
            pdf.line(columns[0], top, columns[-1], top)
        for left in columns:
            pdf.line(left, rows[0], left, rows[-1])
        for left, heading in zip(columns, headings):
            pdf.text(left + 4, rows[0] + 4, heading)
    pdf.on_page(1)
    for top, (number, activity) in zip(rows[1:], [("1.", "Menerima arsip"), ("2.", "Mencatat arsip"), ("3.", "Menyimpan arsip")]):
        pdf.text(44, top + 4, number)
        pdf.text(74, top + 4, activity)
    pdf.rectangle(350, 90, 410, 110)  # step 1: Kepala
    pdf.rectangle(470, 180, 530, 195)  # step 3: Sekretaris ...
    pdf.on_page(2).rectangle(60, 130, 140, 150)  # step 2: Staf
    pdf.rectangle(180, 180, 260, 195)  # ... and Bendahara
    for top, (needs, time, output) in zip(rows[1:], [("Surat", "1 hari", "Agenda"), ("Agenda", "2 jam", "Daftar"), ("Daftar", "1 hari", "Arsip")]):
        pdf.text(284, top + 4, needs)
        pdf.text(424, top + 4, time)
        pdf.text(524, top + 4, output)
    pdf.on_page(3)  # a table of other row heights on the next page is not a tile
    for top in (60, 90, 100):
        pdf.line(40, top, 300, top)
    for left in (40, 100, 300):
        pdf.line(left, 60, left, 100)
    (sop,) = read_sops(read_pdf(pdf.save(tmp_path / "tiles.pdf")))
    assert sop.actors == ["Kepala", "Sekretaris", "Staf", "Bendahara"]
    assert [(s.step_no, s.activity, s.actors, s.duration_text, s.output) for s in sop.steps] == [
        ("1.", "Menerima arsip", ["Kepala"], "1 hari", "Agenda"),
        ("2.", "Mencatat arsip", ["Staf"], "2 jam", "Daftar"),
        ("3.", "Menyimpan arsip", ["Sekretaris", "Bendahara"], "1 hari", "Arsip")]


def three_steps_without_headings(pdf: "DrawnPdf", columns: list[float], rows: list[float], actors) -> None:
    """A ruled flowchart (No | Kegiatan | 3 actors | Kelengkapan | Waktu | Output) whose heading
    row is left for the test to draw, and three steps, each with a rectangle in its actor's column."""
    for top in rows:
        pdf.line(columns[0], top, columns[-1], top)
    for left in columns:
        pdf.line(left, rows[0], left, rows[-1])
    steps = [("1", "Menerima berkas permohonan", "Formulir", "15 menit", "Berkas"),
             ("2", "Memeriksa kelengkapan berkas", "Berkas", "1 hari", "Nota"),
             ("3", "Menandatangani surat izin", "Nota", "2 hari", "Surat izin")]
    for top, actor, (number, activity, needs, time, output) in zip(rows[1:], actors, steps):
        pdf.text(columns[0] + 4, top + 4, number)
        pdf.text(columns[1] + 4, top + 4, activity)
        pdf.rectangle(columns[2 + actor] + 20, top + 10, columns[2 + actor] + 80, top + 30)
        for left, value in zip(columns[5:], (needs, time, output)):
            pdf.text(left + 4, top + 4, value)


def test_a_flowchart_whose_headings_are_drawn_as_outlines_is_read_by_its_structure(tmp_path):
    # the heading row holds no text, only glyph outlines (a PDF made with "text as curves")
    pdf, columns, rows = DrawnPdf(), [40, 70, 300, 400, 500, 600, 680, 760, 830], [60, 80, 120, 160, 200]
    for left in columns[:-1]:
        for letter in range(3):
            pdf.path([(left + 4 + 7 * letter, 64), (left + 9 + 7 * letter, 64), (left + 7 + 7 * letter, 74)], closed=True)
    three_steps_without_headings(pdf, columns, rows, actors=(0, 1, 2))
    (sop,) = read_sops(read_pdf(pdf.save(tmp_path / "outlined.pdf")))
    assert sop.actors == ["Pelaksana 1", "Pelaksana 2", "Pelaksana 3"]
    assert sop.headings["named_from"] == "structure"
    assert "actors" in document_row(sop, "outlined.pdf")["uncertain_fields"]  # names to check by eye
    assert [(s.step_no, s.activity, s.actors, s.requirements, s.duration_text, s.output) for s in sop.steps] == [
        ("1", "Menerima berkas permohonan", ["Pelaksana 1"], "Formulir", "15 menit", "Berkas"),
        ("2", "Memeriksa kelengkapan berkas", ["Pelaksana 2"], "Berkas", "1 hari", "Nota"),
        ("3", "Menandatangani surat izin", ["Pelaksana 3"], "Nota", "2 hari", "Surat izin")]


@pytest.mark.skipif(not Path(OUTLINE_FONT).exists() or not tesseract_ready(), reason="needs DejaVu Sans and Tesseract")
def test_headings_drawn_as_letter_outlines_are_read_by_ocr(tmp_path):
    # "text as curves": the heading row holds no text layer, only filled letter outlines; the
    # body is ordinary text with its symbols
    pdf, columns, rows = DrawnPdf(), [40, 75, 300, 400, 500, 600, 680, 760, 830], [60, 80, 120, 160, 200]
    headings = ["No", "Kegiatan", "Kepala Dinas", "Sekretaris", "Staf Umum", "Kelengkapan", "Waktu", "Output"]
    for left, heading in zip(columns, headings):
        pdf.outlined_text(left + 4, 65, heading, size=8)
    three_steps_without_headings(pdf, columns, rows, actors=(2, 1, 0))
    (sop,) = read_sops(read_pdf(pdf.save(tmp_path / "outlined.pdf")))
    assert "named_from" not in sop.headings
    assert sop.actors == ["Kepala Dinas", "Sekretaris", "Staf Umum"]
    assert [(s.step_no, s.activity, s.actors, s.duration_text) for s in sop.steps] == [
        ("1", "Menerima berkas permohonan", ["Staf Umum"], "15 menit"),
        ("2", "Memeriksa kelengkapan berkas", ["Sekretaris"], "1 hari"),
        ("3", "Menandatangani surat izin", ["Kepala Dinas"], "2 hari")]


def test_a_line_wrapped_without_a_printed_space_keeps_its_two_words_apart():
    # LibreOffice prints no space where it wraps a line: "Kepegawaian" fills the narrow cell and
    # "dan" begins the next line. Both are words the document prints elsewhere, their join is not.
    from collections import Counter

    from pipeline.extract.pdf import Word, cell_text, word_key

    cell = (100.0, 100.0, 152.0, 130.0)
    wrapped = [Word("Kepegawaian", (102.0, 102.0, 150.0, 110.0)), Word("dan", (102.0, 112.0, 116.0, 120.0))]
    broken = [Word("mingg", (102.0, 102.0, 150.0, 110.0)), Word("u", (102.0, 112.0, 106.0, 120.0))]
    elsewhere = Counter(word_key(w) for w in ["Kepegawaian", "Kepegawaian", "dan", "dan", "mingg", "mingg", "u", "u"])
    assert cell_text(wrapped, cell, 2.0, elsewhere) == "Kepegawaian dan"
    assert cell_text(broken, cell, 2.0, elsewhere) == "minggu"  # a piece of one letter is no word
    assert cell_text(wrapped, cell, 2.0, Counter(word_key(w.text) for w in wrapped)) == "Kepegawaiandan"


@given(st.sampled_from(["Kabupaten", "keterangan", "permohonan", "pertimbangan", "menyerahkan"]), st.data())
def test_a_word_broken_where_the_next_letter_did_not_fit_is_joined(word, data):
    # LibreOffice breaks a word longer than a narrow cell where its next letter would not fit:
    # the room left on the line is less than that letter's width, however wide the letter.
    from collections import Counter

    from pipeline.extract.pdf import Word, cell_text

    cut = data.draw(st.integers(min_value=len(word) // 2, max_value=len(word) - 1))
    letter = data.draw(st.floats(min_value=4.0, max_value=7.0))  # 0.5-0.9 of an 8 pt font
    head, tail = word[:cut], word[cut:]
    right = 150.0
    cell = (100.0, 100.0, right + 2.0 + data.draw(st.floats(min_value=0.0, max_value=1.1 * letter)), 130.0)
    words = [Word(head, (102.0, 102.0, right, 110.0)),
             Word(tail, (102.0, 112.0, 102.0 + letter * len(tail), 120.0))]
    assert cell_text(words, cell, 2.0, Counter()) == word


@given(st.sampled_from(["an", "kan", "nya"]), st.sampled_from(["permohon", "mengaju", "menyerah", "penerima"]))
def test_a_line_starting_with_a_suffix_goes_on_with_the_word_above(suffix, stem):
    # however often the document prints the halves apart (every copy broken the same way)
    from collections import Counter

    from pipeline.extract.pdf import Word, cell_text, word_key

    cell = (100.0, 100.0, 152.0, 130.0)
    words = [Word(stem, (102.0, 102.0, 150.0, 110.0)), Word(suffix, (102.0, 112.0, 102.0 + 5 * len(suffix), 120.0))]
    elsewhere = Counter({word_key(stem): 5, suffix: 5})
    assert cell_text(words, cell, 2.0, elsewhere) == stem + suffix
