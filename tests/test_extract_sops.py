"""From a layout to its SOPs, whatever the format: the boundaries of the SOPs of a
compilation, an SOP without a flowchart table, and identity blocks laid out or spelt in the
ways real documents are (labels stacked in one cell, typos, values glued to their
neighbours)."""
from __future__ import annotations

import shutil
import subprocess
from copy import deepcopy
from pathlib import Path

import docx
import pypdfium2
import pytest

from pipeline.extract import extract
from pipeline.extract.errors import ExtractionError
from pipeline.extract.identity import read_identity, split_inline_labels
from pipeline.extract.sop import read_sops
from pipeline.model import Cell, Layout, Mark, Paragraph, Table

REAL_OTHER = Path(__file__).parent / "fixtures" / "real-other"
# BPKAD Kota Cimahi: two SOPs, each an identity table (labels "TGL.PEMBUATAN" without a
# space, the signer's name "Dra.Hella Haerani" after the position) above its flowchart; the
# first runs over pages 1-2, the second fills page 3.
COMPILATION = REAL_OTHER / "cimahi_compilation.pdf"


def grid(*rows: list[str], page: int | None = None) -> Table:
    """A table from cell texts; "~text" is a merged copy of the cell left of or above it;
    "[]" in an actor cell is a drawn process symbol."""
    table = Table([[Cell(text=t.removeprefix("~"), spanned=t.startswith("~")) for t in row] for row in rows], page=page)
    for row in table.rows:
        for cell in row:
            if cell.text == "[]":
                cell.text, cell.marks = "", [Mark(kind="process")]
    return table


def flowchart(*steps: tuple[str, str, int], page: int | None = None) -> Table:
    """No | Kegiatan | Kepala | Staf | Waktu; each step (number, activity, actor column 0/1)."""
    rows = [["No", "Kegiatan", "Pelaksana", "~Pelaksana", "Waktu"], ["~No", "~Kegiatan", "Kepala", "Staf", "~Waktu"]]
    for number, activity, actor in steps:
        rows.append([number, activity, "[]" if actor == 0 else "", "[]" if actor == 1 else "", "1 hari"])
    return grid(*rows, page=page)


def identity_paragraphs(number: str, title: str, page: int | None = None) -> list[Paragraph]:
    return [Paragraph("DINAS SOSIAL KABUPATEN KAMPAR", page=page),
            Paragraph(f"Nomor SOP : {number}\nTanggal Efektif : 2 Januari 2024\nNama SOP : {title}", page=page)]


def signature(page: int | None = None) -> Paragraph:
    return Paragraph("Kepala Dinas Sosial\nDrs. Ahmad Yani, M.Si\nNIP. 19660825 198802 1 001", page=page)


# ---------------------------------------------------------------------------------------------
# Several SOPs in one file


def test_a_real_compilation_gives_each_sop_its_identity_steps_and_pages():
    first, second = extract(COMPILATION)
    assert (first.pages, second.pages) == ("1-2", "3")
    assert first.identity.sop_title.startswith("Pelaksanaan Verifikasi pembebanan")
    assert second.identity.sop_title == "Penerbitan SP2D"
    assert [len(first.steps), len(second.steps)] == [8, 5]
    assert [s.step_no for s in second.steps] == ["1", "2", "3", "4", "5"]
    for sop in (first, second):
        assert sop.identity.sop_number is None  # the NOMOR SOP box is empty, not the next label
        assert sop.identity.approved_by == "Kepala Badan Pengelola Keuangan dan Aset Daerah Kota Cimahi"
        assert sop.identity.signatory_name == "Dra.Hella Haerani"
        assert sop.identity.legal_basis[0].startswith("Permendagri No 13 Tahun 2006")
    assert second.identity.equipment == ["Komputer", "Internet", "Alat Tulis"]


def test_a_new_identity_block_after_a_signature_opens_the_next_sop_with_its_letterhead():
    blocks = [*identity_paragraphs("SOP-01/2024", "Penerimaan Surat", page=1),
              flowchart(("1", "Menerima surat", 1), ("2", "Mendisposisi surat", 0), page=1), signature(page=1),
              *identity_paragraphs("SOP-02/2024", "Pengiriman Surat", page=2),
              flowchart(("1", "Menyiapkan surat", 1), ("2", "Menandatangani surat", 0), page=2), signature(page=2)]
    first, second = read_sops(Layout(blocks, source_format="pdf", n_pages=2))
    assert (first.identity.sop_number, second.identity.sop_number) == ("SOP-01/2024", "SOP-02/2024")
    assert (first.identity.sop_title, second.identity.sop_title) == ("Penerimaan Surat", "Pengiriman Surat")
    assert second.identity.agency == "Dinas Sosial Kabupaten Kampar"
    assert [s.activity for s in second.steps] == ["Menyiapkan surat", "Menandatangani surat"]
    assert (first.pages, second.pages) == ("1", "2")
    assert first.identity.signatory_nip == "19660825 198802 1 001"


def test_an_identity_block_repeated_on_every_page_is_one_sop():
    blocks = [*identity_paragraphs("SOP-01/2024", "Penerimaan Surat", page=1),
              flowchart(("1", "Menerima surat", 1), ("2", "Mencatat surat", 1), page=1),
              *identity_paragraphs("SOP-01/2024", "Penerimaan Surat", page=2),
              flowchart(("3", "Mendisposisi surat", 0), page=2)]
    (sop,) = read_sops(Layout(blocks, source_format="pdf", n_pages=2))
    assert [s.step_no for s in sop.steps] == ["1", "2", "3"] and sop.pages == "1-2"


def test_numbering_that_starts_again_under_a_new_header_is_the_next_sop():
    blocks = [Paragraph("SOP Penerimaan Surat"), flowchart(("1", "Menerima surat", 1), ("2", "Mencatat surat", 1)),
              Paragraph("SOP Pengiriman Surat"), flowchart(("1", "Menyiapkan surat", 1), ("2", "Mengirim surat", 0))]
    first, second = read_sops(Layout(blocks, source_format="docx"))
    assert (first.identity.sop_title, second.identity.sop_title) == ("SOP Penerimaan Surat", "SOP Pengiriman Surat")
    assert [s.activity for s in second.steps] == ["Menyiapkan surat", "Mengirim surat"]


# ---------------------------------------------------------------------------------------------
# An SOP without a flowchart table


def narrative_sop() -> list[Paragraph]:
    return [Paragraph("Nomor SOP : SOP-07/2023\nTanggal Pembuatan : 3 Maret 2023\nTanggal Efektif : 10 Maret 2023\n"
                      "Disahkan oleh : Kepala Dinas Sosial\nNama SOP : Penyaluran Bantuan Sosial"),
            Paragraph("Dasar Hukum :\n1. Undang-Undang Nomor 11 Tahun 2009\n2. Peraturan Bupati Nomor 5 Tahun 2020"),
            Paragraph("Kualifikasi Pelaksana :\n1. Memahami tugas pokok"),
            Paragraph("Uraian Prosedur :"),
            Paragraph("1. Staf menerima usulan penerima bantuan\ndari desa"),
            Paragraph("2. Kepala Seksi memverifikasi usulan"),
            Paragraph("3. Kepala Dinas menetapkan penerima"),
            signature()]


def test_an_sop_written_as_numbered_text_keeps_its_identity_and_its_steps_without_actors():
    (sop,) = read_sops(Layout(narrative_sop(), source_format="docx"))
    assert sop.has_flowchart is False
    assert (sop.identity.sop_number, sop.identity.created_date, sop.identity.effective_date) == (
        "SOP-07/2023", "3 Maret 2023", "10 Maret 2023")
    assert sop.identity.legal_basis == ["Undang-Undang Nomor 11 Tahun 2009", "Peraturan Bupati Nomor 5 Tahun 2020"]
    assert [(s.step_no, s.activity, s.actors) for s in sop.steps] == [
        ("1", "Staf menerima usulan penerima bantuan dari desa", []),
        ("2", "Kepala Seksi memverifikasi usulan", []), ("3", "Kepala Dinas menetapkan penerima", [])]


def test_a_narrative_sop_after_a_flowchart_sop_is_an_sop_of_its_own():
    blocks = [*identity_paragraphs("SOP-01/2024", "Penerimaan Surat"),
              flowchart(("1", "Menerima surat", 1), ("2", "Mendisposisi surat", 0)), signature(), *narrative_sop()]
    first, second = read_sops(Layout(blocks, source_format="docx"))
    assert (first.has_flowchart, second.has_flowchart) == (True, False)
    assert second.identity.sop_title == "Penyaluran Bantuan Sosial" and len(second.steps) == 3


def test_a_number_column_whose_heading_ocr_misread_is_still_the_number_column():
    """A photo's "No" read "Ne": the column of 1, 2, 3 before Kegiatan gives the step numbers."""
    table = flowchart(("1", "Menerima berkas", 1), ("2", "Memeriksa berkas", 0), ("3", "Mengarsipkan", 1))
    for row in table.rows[:2]:
        row[0].text = "Ne"
    [sop] = read_sops(Layout(identity_paragraphs("1/2024", "SOP Arsip") + [table], source_format="scan_pdf"))
    assert [(s.step_no, s.activity, s.actors) for s in sop.steps] == [
        ("1", "Menerima berkas", ["Staf"]), ("2", "Memeriksa berkas", ["Kepala"]), ("3", "Mengarsipkan", ["Staf"])]


def test_only_a_file_without_any_sop_raises():
    with pytest.raises(ExtractionError, match="no SOP flowchart table"):
        read_sops(Layout([Paragraph("Daftar hadir rapat"), Paragraph("1. Budi\n2. Ani")], source_format="docx"))


# ---------------------------------------------------------------------------------------------
# Identity layouts


def test_labels_stacked_in_one_cell_take_their_values_stacked_in_the_next_line_by_line():
    table = grid(["Nomor SOP\nTanggal Pembuatan\nTanggal Revisi\nTanggal Efektif\nDisahkan oleh",
                  "SOP-11/2022\n4 Juli 2022\n-\n1 Agustus 2022\nKepala Dinas Sosial"],
                 ["Nama SOP", "Penyaluran Bantuan"])
    identity = read_identity([table], [])
    assert (identity.sop_number, identity.created_date, identity.revised_date, identity.effective_date,
            identity.approved_by, identity.sop_title) == (
        "SOP-11/2022", "4 Juli 2022", None, "1 Agustus 2022", "Kepala Dinas Sosial", "Penyaluran Bantuan")


def test_a_value_box_holding_unread_writing_is_in_doubt_not_missing():
    """A scanned identity table whose Tanggal Pembuatan box holds a hand OCR made no words of
    (model.UNREAD): the date stays unknown but is to be checked by eye, with the box's image;
    an empty box is simply empty."""
    from pipeline.model import UNREAD, Sop
    from pipeline.normalize.tables import document_row

    table = Table([[Cell("Nomor SOP", confidence=95.0), Cell("SOP-11/2022", confidence=95.0)],
                   [Cell("Tanggal Pembuatan", confidence=95.0), Cell("", confidence=UNREAD, image=b"\x89PNG")],
                   [Cell("Tanggal Revisi", confidence=95.0), Cell("")],
                   [Cell("Nama SOP", confidence=95.0), Cell("Penyaluran Bantuan", confidence=95.0)]], page=1)
    identity = read_identity([table], [])
    assert identity.created_date is None and identity.confidence["created_date"] == UNREAD
    assert "revised_date" not in identity.confidence and identity.evidence["created_date"] == b"\x89PNG"
    row = document_row(Sop(identity=identity, actors=[], steps=[], source_format="scan_pdf"), "a.pdf")
    assert "created_date" in row["uncertain_fields"] and "revised_date" not in row["uncertain_fields"]


def test_label_lines_ocr_read_in_doubt_keep_their_labels_or_leave_them_unread_not_missing():
    """A photo's identity lines under a stamp: letters read wrong ("5OP"), a colon lost, a label
    past making out. What is read goes to its label; a date whose label could not be read is in
    doubt (it may be on that line), not missing; so is a value whose place a stamp covers."""
    from pipeline.model import UNREAD

    lines = [("Nomor 5OP : SOP/DISKOMINFO/034/2020", 48.0), ("Tanggal Pemibuatan Januari 2022", 48.0),
             ("Tanqgal Xyzw 22 Juli 2020", 30.0), ("Tanggal Revisi", 50.0), ("Tanggal Pengesahan :", 45.0),
             ("Disahkan Oleh : KEPALA DINAS", 95.0), ("Nama SOP : SOP PENERIMAAN SURAT", 95.0)]
    paragraphs = [Paragraph(text, 1, confidence, box=(1, 0, 0, 9, 9)) for text, confidence in lines]
    paragraphs[3].value_hidden = True  # Tanggal Revisi's value place is under a stamp
    identity = read_identity(paragraphs, [])
    assert (identity.sop_number, identity.created_date) == ("SOP/DISKOMINFO/034/2020", "Januari 2022")
    assert identity.effective_date is None and identity.confidence["effective_date"] == UNREAD
    assert identity.revised_date is None and identity.confidence["revised_date"] == UNREAD
    assert identity.boxes["effective_date"] == (1, 0, 0, 9, 9)
    assert "approved_date" not in identity.confidence  # read in doubt, its value's place in view: empty
    # the same words typed, or read clearly: a sentence, no label; nothing in doubt
    typed = read_identity([Paragraph(text, 1) for text, _ in lines], [])
    assert typed.created_date is None and "effective_date" not in typed.confidence


@pytest.mark.parametrize("printed, field", [
    ("Tanggal Evektif", "effective_date"), ("Kualitas Pelaksana", "qualifications"),
    ("KETERIKATAN", "related_sops"), ("TGL.PEMBUATAN", "created_date"), ("Disahkan Oleh", "approved_by"),
    ("Tangga! Efektif", "effective_date"), ("Tangga| Revisi", "revised_date"),  # an l read by OCR as ! or |
])
def test_a_label_printed_with_a_typo_is_matched_by_similarity(printed, field):
    assert split_inline_labels(f"{printed} : nilai") == [(field, "nilai")]


def test_a_label_printed_longer_takes_its_value_from_below():
    table = grid(["Kualifikasi pelaksana :"], ["Minimal S1"], ["Peralatan yang digunakan :"], ["Komputer, printer"],
                 ["Keterkaitan dengan SOP lain :"], ["SOP Penyusunan Anggaran"])
    identity = read_identity([table], [])
    assert (identity.equipment, identity.related_sops) == (["Komputer, printer"], ["SOP Penyusunan Anggaran"])
    assert split_inline_labels("Peringatan tidak dilaksanakan : berkas ditolak") == [
        ("warning", "tidak dilaksanakan : berkas ditolak")]  # the colon does not end the line: a value


@pytest.mark.parametrize("text", ["Peringkat : satu", "Perencanaan :", "Keterangan :",
                                  "Peringatam dini bencana"])  # a typo is a label only when it ends its line
def test_words_merely_like_a_label_are_no_label(text):
    assert split_inline_labels(text)[0][0] is None


def test_a_value_glued_to_the_next_label_is_cut_at_the_label():
    identity = read_identity([Paragraph("Nomor SOP : SOP-292/17000/2025 Tanggal Efektif : 2 Januari 2024")], [])
    assert (identity.sop_number, identity.effective_date) == ("SOP-292/17000/2025", "2 Januari 2024")


def test_a_number_glued_to_a_bare_date_label_is_cut_there_and_the_date_is_the_making_date():
    identity = read_identity([Paragraph("Nomor SOP : SOP-292/17000/2025 Tanggal : 2 Januari 2024")], [])
    assert (identity.sop_number, identity.created_date) == ("SOP-292/17000/2025", "2 Januari 2024")


def test_a_signer_nip_glued_in_front_of_the_title_goes_back_to_the_signature():
    table = grid(["Disahkan oleh", "Kepala Dinas Sosial\nDrs. Ahmad Yani, M.Si"],
                 ["Nama SOP", "NIP. 19660825 198802 1 001 Penyaluran Bantuan Sosial"])
    identity = read_identity([table], [])
    assert identity.sop_title == "Penyaluran Bantuan Sosial"
    assert (identity.approved_by, identity.signatory_name, identity.signatory_nip) == (
        "Kepala Dinas Sosial", "Drs. Ahmad Yani, M.Si", "19660825 198802 1 001")


def test_a_heading_word_broken_over_two_lines_of_a_narrow_cell_still_names_its_column():
    table = grid(["NO", "AKTIVITAS", "STAF", "KEPALA", "KELENGK APAN", "WAK TU", "OUTPUT"],
                 ["1.", "Menerima usulan", "[]", "", "Draft Raperda", "5 menit", "-"],
                 ["2.", "Menyetujui usulan", "", "[]", "Draft Raperda", "1 hari", "Nota"])
    (sop,) = read_sops(Layout([table], source_format="pdf"))
    assert sop.actors == ["STAF", "KEPALA"]
    assert [(s.requirements, s.duration_text) for s in sop.steps] == [("Draft Raperda", "5 menit"), ("Draft Raperda", "1 hari")]


def test_an_identity_table_cut_by_a_page_break_keeps_its_lists_under_their_labels():
    # the Keterkaitan list runs past the page's foot; its rest opens the next page's table
    upper = grid(["Keterkaitan", "Peralatan/Perlengkapan"],
                 ["1. SOP Pelayanan Surat\n2. SOP Pengarsipan", "1. Komputer\n2. Printer"], page=1)
    lower = grid(["3. SOP Bantuan Hukum", "3. Kendaraan dinas"],
                 ["Peringatan :\nBerkas hilang", "Pencatatan dan Pendataan :\nArsip digital"], page=2)
    identity = read_identity([upper, lower], [])
    assert identity.related_sops == ["SOP Pelayanan Surat", "SOP Pengarsipan", "SOP Bantuan Hukum"]
    assert identity.equipment == ["Komputer", "Printer", "Kendaraan dinas"]
    assert (identity.warning, identity.records) == ("Berkas hilang", "Arsip digital")
    assert identity.agency is None  # no list item is taken for the agency's name


def test_a_title_heading_over_two_lines_and_a_decree_heading_are_not_the_agency():
    blocks = [Paragraph("LAMPIRAN:\nKEPUTUSAN BUPATI TULANG BAWANG BARAT\nNOMOR : B/ /I.02/HK/2018\n"
                        "TENTANG STANDAR OPERASIONAL PROSEDUR"),
              grid(["PEMERINTAH KABUPATEN TULANG BAWANG BARAT", "Nomor SOP", "060/SOP/2018"],
                   ["~PEMERINTAH KABUPATEN TULANG BAWANG BARAT", "Nama SOP", "Prosedur Bantuan Hukum"]),
              Paragraph("STANDAR OPERASIONAL PROSEDUR"), Paragraph("PELAYANAN BANTUAN HUKUM")]
    identity = read_identity(blocks, [])
    assert identity.agency == "Kabupaten Tulang Bawang Barat"
    assert identity.sop_title == "Prosedur Bantuan Hukum"



# ---------------------------------------------------------------------------------------------
# The same, from a Word file and its PDF print


def write_narrative_docx(path: Path) -> Path:
    """An SOP typed in Word without a flowchart: labels stacked in one cell (one misspelt)
    with their values stacked in the next, a numbered procedure under a heading."""
    document = docx.Document()
    document.add_paragraph("DINAS SOSIAL KABUPATEN KAMPAR")
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Nomor SOP\nTanggal Pembuatan\nTanggal Revisi\nTanggal Evektif\nDisahkan oleh"
    table.cell(0, 1).text = "SOP-11/2022\n4 Juli 2022\n-\n1 Agustus 2022\nKepala Dinas Sosial"
    table.cell(1, 0).text = "Nama SOP"
    table.cell(1, 1).text = "Penyaluran Bantuan Sosial"
    document.add_paragraph("Kualitas Pelaksana : Memahami tugas pokok")
    document.add_paragraph("Uraian Prosedur :")
    for number, step in enumerate(["Staf menerima usulan penerima bantuan dari desa",
                                   "Kepala Seksi memverifikasi usulan", "Kepala Dinas menetapkan penerima"], 1):
        document.add_paragraph(f"{number}. {step}")
    document.save(path)
    return path


@pytest.fixture(scope="module")
def narrative_files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("narrative")
    word = write_narrative_docx(folder / "narrative.docx")
    files = [word]
    if shutil.which("soffice"):
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(word)],
                       check=True, capture_output=True, timeout=120)
        files.append(folder / "narrative.pdf")
    return files


def test_a_narrative_sop_with_stacked_labels_reads_the_same_from_word_and_from_its_pdf(narrative_files):
    for path in narrative_files:
        (sop,) = extract(path)
        assert sop.has_flowchart is False, path.suffix
        identity = sop.identity
        assert (identity.sop_number, identity.created_date, identity.revised_date, identity.effective_date,
                identity.approved_by, identity.sop_title) == (
            "SOP-11/2022", "4 Juli 2022", None, "1 Agustus 2022", "Kepala Dinas Sosial", "Penyaluran Bantuan Sosial")
        assert identity.qualifications == ["Memahami tugas pokok"]
        assert identity.agency == "Dinas Sosial Kabupaten Kampar"
        assert [(s.step_no, s.activity) for s in sop.steps] == [
            ("1", "Staf menerima usulan penerima bantuan dari desa"), ("2", "Kepala Seksi memverifikasi usulan"),
            ("3", "Kepala Dinas menetapkan penerima")]


def test_one_sop_printed_twice_in_a_file_gives_two_sops_each_with_its_identity():
    # e.g. the digital print and a scan of it bound together: the identity repeats word for
    # word, the second flowchart numbers its steps from 1 again
    copy = [*identity_paragraphs("SOP-01/2024", "Penerimaan Surat", page=1),
            Paragraph("Disahkan oleh : Kepala Dinas Sosial NIP. 19660825 198802 1 001", page=1),
            flowchart(("1", "Menerima surat", 1), ("2", "Mendisposisi surat", 0), page=1)]
    second = [Paragraph(b.text, page=2) if isinstance(b, Paragraph) else flowchart(
        ("1", "Menerima surat", 1), ("2", "Mendisposisi surat", 0), page=2) for b in copy]
    sops = read_sops(Layout(copy + second, source_format="pdf", n_pages=2))
    assert [(s.pages, s.identity.sop_number, s.identity.approved_by, len(s.steps)) for s in sops] == [
        ("1", "SOP-01/2024", "Kepala Dinas Sosial", 2), ("2", "SOP-01/2024", "Kepala Dinas Sosial", 2)]


def test_real_sops_bound_into_one_pdf_read_as_each_file_alone(tmp_path):
    files = [Path(__file__).parent / "fixtures" / "pdf" / name for name in
             ("bps_036_penyusunan_publikasi.pdf", "bps_136_persiapan_survei_imk.pdf", "sop_d014.pdf")]
    bound = pypdfium2.PdfDocument.new()
    for path in files:
        bound.import_pages(pypdfium2.PdfDocument(str(path)))
    bound.save(str(tmp_path / "bound.pdf"))
    alone = [extract(path)[0] for path in files]
    together = extract(tmp_path / "bound.pdf")
    assert len(together) == len(files)
    for one, sop in zip(alone, together):
        assert sop.identity == one.identity
        assert [(s.step_no, s.activity, s.actors) for s in sop.steps] == [(s.step_no, s.activity, s.actors) for s in one.steps]


def test_word_files_bound_into_one_read_as_each_file_alone(tmp_path):
    files = [Path(__file__).parent / "fixtures" / "docx" / name
             for name in ("001_61309ccb0c5e84e3.docx", "002_c2a19b0c359d43f6.docx", "sop_d004.docx")]
    bound = docx.Document(str(files[0]))
    body = bound.element.body
    for path in files[1:]:  # the other files' paragraphs and tables, pasted at the end
        for element in docx.Document(str(path)).element.body:
            if not element.tag.endswith("sectPr"):
                body.insert(len(body) - 1, deepcopy(element))
    bound.save(str(tmp_path / "bound.docx"))
    alone = [extract(path)[0] for path in files]
    together = extract(tmp_path / "bound.docx")
    assert len(together) == len(files)
    for one, sop in zip(alone, together):
        assert (sop.identity.sop_number, sop.identity.sop_title, sop.identity.approved_by) == (
            one.identity.sop_number, one.identity.sop_title, one.identity.approved_by)
        assert [(s.step_no, s.activity, s.actors) for s in sop.steps] == [(s.step_no, s.activity, s.actors) for s in one.steps]


def test_a_repeated_identity_on_the_page_before_its_flowchart_goes_with_that_flowchart():
    first = [*identity_paragraphs("SOP-01/2024", "Penerimaan Surat", page=1),
             grid(["Dasar Hukum", "Peralatan"], ["1. Perda 5/2020", "1. Komputer"], page=1),
             flowchart(("1", "Menerima surat", 1), ("2", "Mendisposisi surat", 0), page=2)]
    second = [*identity_paragraphs("SOP-01/2024", "Penerimaan Surat", page=3),
              grid(["Dasar Hukum", "Peralatan"], ["1. Perda 5/2020", "1. Komputer"], page=3),
              flowchart(("1", "Menerima surat", 1), ("2", "Mendisposisi surat", 0), page=4)]
    sops = read_sops(Layout(first + second, source_format="pdf", n_pages=4))
    assert [(s.pages, s.identity.sop_number, s.identity.legal_basis, s.identity.agency) for s in sops] == [
        ("1-2", "SOP-01/2024", ["Perda 5/2020"], "Dinas Sosial Kabupaten Kampar"),
        ("3-4", "SOP-01/2024", ["Perda 5/2020"], "Dinas Sosial Kabupaten Kampar")]


def test_a_procedure_typed_as_a_numbered_table_without_actor_columns_gives_its_steps():
    blocks = [*identity_paragraphs("SOP-07/2023", "Penyaluran Bantuan Sosial"),
              grid(["No", "Uraian Kegiatan", "Keterangan"],
                   ["1.", "Staf menerima usulan", "-"], ["2.", "Kepala Seksi memverifikasi usulan", "Paling lama 3 hari"]),
              signature()]
    (sop,) = read_sops(Layout(blocks, source_format="docx"))
    assert sop.has_flowchart is False and sop.identity.sop_number == "SOP-07/2023"
    assert [(s.step_no, s.activity, s.actors, s.notes) for s in sop.steps] == [
        ("1.", "Staf menerima usulan", [], "-"), ("2.", "Kepala Seksi memverifikasi usulan", [], "Paling lama 3 hari")]
    assert sop.identity.signatory_nip == "19660825 198802 1 001"


def test_identity_fields_read_from_ocr_cells_carry_their_confidence():
    table = grid(["Nomor SOP", "188.44/765/KPTS/2017"], ["Tanggal Efektif", "2% DESEMBER 2017"],
                 ["Disahkan oleh", "GUBERNUR SUMATERA UTARA\nTENGKU ERRY NURADI\nNIP. 19590227 198003 1 004"])
    for row, confidence in zip(table.rows, (91.0, 38.0, 55.0)):
        for cell in row:
            cell.confidence = confidence
    identity = read_identity([table], [])
    assert identity.confidence == {"sop_number": 91.0, "effective_date": 38.0, "approved_by": 55.0,
                                   "signatory_name": 55.0, "signatory_nip": 55.0}


def test_a_closing_signature_with_a_label_stays_with_its_sop():
    closing = Paragraph("Disahkan oleh : Kepala Dinas Sosial\nDrs. Ahmad Yani, M.Si\nNIP. 19660825 198802 1 001", page=1)
    blocks = [*identity_paragraphs("SOP-01/2024", "Penerimaan Surat", page=1),
              flowchart(("1", "Menerima surat", 1), ("2", "Mendisposisi surat", 0), page=1), closing,
              *identity_paragraphs("SOP-02/2024", "Pengiriman Surat", page=2),
              flowchart(("1", "Menyiapkan surat", 1), ("2", "Mengirim surat", 0), page=2)]
    first, second = read_sops(Layout(blocks, source_format="pdf", n_pages=2))
    assert (first.identity.approved_by, first.identity.signatory_nip) == ("Kepala Dinas Sosial", "19660825 198802 1 001")
    assert (second.identity.approved_by, second.pages) == (None, "2")


def test_a_certified_copys_official_is_not_the_signer_and_ttd_stands_for_the_signature():
    """A published copy: the Governor's block says "ttd" where he signed, and the official who
    certified the copy ("Salinan sesuai dengan aslinya") signs below with his own NIP."""
    closing = [Paragraph(text, 3, 90.0) for text in (
        "GUBERNUR SUMATERA UTARA,", "ttd", "TENGKU ERRY NURADI", "Salinan Sesuai Dengan Aslinya",
        "KEPALA BIRO HUKUM,", "SULAIMAN", "Pembina Utama Muda (IV/c)", "NIP. 19590227 198003 1 004")]
    identity = read_identity([], closing)
    assert identity.approved_by == "GUBERNUR SUMATERA UTARA"
    assert identity.signatory_name == "TENGKU ERRY NURADI"
    assert identity.signatory_nip is None and identity.signatory_rank is None


def test_an_off_page_connector_marks_an_actor_only_alone_in_its_row():
    """A pentagon at the foot of a row that has its own symbol carries the flow on from another
    column; a numbered pentagon alone in its row is that step's symbol."""
    table = flowchart(("1", "Menerima berkas", 0), ("2", "Memeriksa berkas", 0), ("3", "Mengirim berkas", 1))
    table.rows[3][3].marks = [Mark(kind="connector", text="A")]  # beside step 2's own symbol
    table.rows[4][3].marks = [Mark(kind="connector", text="20")]  # step 3's only symbol
    sop, = read_sops(Layout([*identity_paragraphs("SOP-01/DINSOS", "Penerimaan Berkas"), table], "pdf"))
    assert [step.actors for step in sop.steps] == [["Kepala"], ["Kepala"], ["Staf"]]


def test_pentagon_outline_is_a_connector_and_a_house_with_a_slanted_roof_is_not():
    from pipeline.extract.pdf_geometry import outline_kind

    pentagon = [(0, 0), (30, 0), (30, 20), (15, 28), (0, 20), (0, 0)]
    assert outline_kind(pentagon, curved=False) == "connector"
    assert outline_kind([(x, 28 - y) for x, y in pentagon], curved=False) == "connector"  # pointing up
    lopsided = [(0, 0), (30, 0), (30, 20), (25, 28), (0, 20), (0, 0)]
    assert outline_kind(lopsided, curved=False) is None
