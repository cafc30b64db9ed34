"""Word backend: tables as rectangular grids, the marks drawn in flowchart cells (one per
marker style of the corpus), paragraphs around the tables, and files it must refuse."""
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from pipeline.extract import doc as doc_backend
from pipeline.extract.doc import read_doc
from pipeline.extract.docx import read_docx
from pipeline.extract.errors import ExtractionError
from pipeline.model import Layout, Paragraph, Table

FIXTURES = Path(__file__).parent / "fixtures" / "docx"
DML_AC_SPLIT = FIXTURES / "002_c2a19b0c359d43f6.docx"  # mc:AlternateContent, table split in two
VML_DIAMOND = FIXTURES / "001_61309ccb0c5e84e3.docx"  # v:roundrect, v:rect, v:shape diamond
DML_LABELS = FIXTURES / "sop_d021.docx"  # floating shapes with Ya/Tidak text boxes
DML_INLINE = FIXTURES / "sop_d001.docx"  # inline shapes; "Label : value" identity paragraphs
DML_NO_ACTOR = FIXTURES / "sop_d016.docx"  # floating shapes; step 4 has no symbol
VML_TEXT_OVERLAY = FIXTURES / "sop_d017.docx"  # "Mulai" in a text box laid over a v:roundrect
PICTURES = FIXTURES / "sop_d025.docx"  # symbols pasted as PNG pictures
CHECKS = FIXTURES / "sop_d015.docx"  # "√" ticks; identity table
SHADING = FIXTURES / "sop_d004.docx"  # shaded actor cells; identity table
LEGACY_DOC = FIXTURES / "sop_d001.doc"  # DML_INLINE saved as Word 97-2003 by LibreOffice
TRUNCATED = FIXTURES / "truncated.docx"  # the first 20,000 bytes of DML_INLINE


def tables(layout: Layout) -> list[Table]:
    return [b for b in layout.blocks if isinstance(b, Table)]


def paragraphs(layout: Layout) -> list[str]:
    return [b.text for b in layout.blocks if isinstance(b, Paragraph)]


def flowchart_marks(layout: Layout) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(step number, [(actor heading, mark kind, mark text)]) for every step row, reading the
    actor headings from the flowchart table's second header row."""
    all_tables = tables(layout)
    first = next(
        i for i, t in enumerate(all_tables) if t.n_cols > 1 and re.search(r"(?i)kegiatan|aktivitas", t.rows[0][1].text)
    )
    headings = [cell.text for cell in all_tables[first].rows[1]]
    steps = []
    for table in all_tables[first:]:
        if table.n_cols != len(headings):
            break
        for row in table.rows:
            if re.fullmatch(r"\d+\.?", row[0].text):
                marks = [(headings[c], m.kind, m.text) for c, cell in enumerate(row) for m in cell.marks]
                steps.append((row[0].text.rstrip("."), marks))
    return steps


def saved(document, tmp_path: Path) -> Layout:
    """Read back a python-docx document built in a test."""
    path = tmp_path / "built.docx"
    document.save(path)
    return read_docx(path)


def rewrite_document_xml(source: Path, target: Path, edit) -> Path:
    """A copy of a .docx whose word/document.xml went through edit(xml) -> xml."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return target


# --- marks per marker style ----------------------------------------------------------------


def test_alternate_content_is_read_once_and_split_table_continues_the_steps():
    layout = read_docx(DML_AC_SPLIT)
    assert layout.source_format == "docx"
    assert flowchart_marks(layout) == [
        ("1", [("Sekretaris", "terminator", "Mulai")]),
        ("2", [("Kepala Bidang", "process", "")]),
        ("3", [("Kasubag Perencanaan", "process", "")]),
        ("4", [("Staf", "process", "")]),
        ("6", [("Staf", "process", "")]),
        ("7", [("Kasubag Perencanaan", "decision", "")]),
        ("8", [("Kasubag Perencanaan", "process", "")]),
        ("9", [("Kasubag Perencanaan", "terminator", "")]),
    ]
    assert len(tables(layout)) == 4  # letterhead, identity lists, flowchart in two parts


def test_connectors_and_branch_labels_are_not_marks_nor_cell_text():
    layout = read_docx(DML_LABELS)
    steps = flowchart_marks(layout)
    assert [len(marks) for _, marks in steps] == [1] * 7
    assert steps[2] == ("3", [("Petugas Arsip", "decision", "")])
    texts = [c.text for t in tables(layout) for r in t.rows for c in r]
    assert not any(re.fullmatch(r"(?i)ya|tidak", t) for t in texts)


def test_inline_shapes_are_marks_with_their_text():
    steps = flowchart_marks(read_docx(DML_INLINE))
    assert steps[0] == ("1", [("Camat", "terminator", "Mulai")])
    assert steps[6] == ("7", [("Kasubbag Umum dan Kepegawaian", "decision", "")])
    assert steps[9] == ("10", [("Kasubbag Umum dan Kepegawaian", "terminator", "Selesai")])
    assert [len(marks) for _, marks in steps] == [1] * 10


def test_row_without_symbol_has_no_mark():
    steps = dict(flowchart_marks(read_docx(DML_NO_ACTOR)))
    assert steps["4"] == []
    assert steps["3"] == [("ANALIS", "process", "")]


def test_vml_shapes_give_marks_and_lines_do_not():
    steps = flowchart_marks(read_docx(VML_DIAMOND))
    assert steps[0] == ("1", [("Sekretaris", "terminator", "")])
    assert steps[10] == ("11", [("Sekretaris", "decision", "")])
    assert all(len(marks) == 1 for _, marks in steps)
    assert len(steps) == 13


def test_text_box_laid_over_a_vml_symbol_becomes_the_symbol_text():
    steps = flowchart_marks(read_docx(VML_TEXT_OVERLAY))
    assert steps[0] == ("1", [("Sekretaris Dinas", "terminator", "Mulai")])
    assert steps[7] == ("8", [("Pengelola Surat", "terminator", "Selesai")])
    assert all(len(marks) == 1 for _, marks in steps)


def test_pictures_of_symbols_are_marks_of_the_shape_they_show():
    steps = flowchart_marks(read_docx(PICTURES))
    assert steps[0] == ("1", [("Pegawai", "terminator", "")])
    assert steps[1] == ("2", [("Kasi Pemerintahan", "process", "")])
    assert steps[2] == ("3", [("Kasi Pemerintahan", "decision", "")])
    assert steps[7] == ("8", [("Pelaksana", "terminator", "")])


def test_tick_cells_become_check_marks_without_text():
    layout = read_docx(CHECKS)
    steps = flowchart_marks(layout)
    assert steps[0] == ("1", [("Kepala Biro", "check", "")])
    assert steps[4] == ("4", [("JF/Pelaksana", "check", "")])
    assert "√" not in "".join(c.text for t in tables(layout) for r in t.rows for c in r)


def test_tick_drawn_with_a_wingdings_symbol_is_a_check_mark(tmp_path):
    edited = rewrite_document_xml(
        CHECKS, tmp_path / "sym.docx",
        lambda xml: xml.replace("<w:t>√</w:t>", '<w:sym w:font="Wingdings" w:char="F0FC"/>'),
    )
    steps = flowchart_marks(read_docx(edited))
    assert steps[0] == ("1", [("Kepala Biro", "check", "")])


def test_shaded_cells_are_marks_but_not_a_header_band():
    layout = read_docx(SHADING)
    steps = flowchart_marks(layout)
    assert steps[0] == ("1", [("Pegawai", "shading", "")])
    assert steps[4] == ("5", [("Kepala Dinas", "shading", "")])
    assert all(len(marks) == 1 for _, marks in steps)


def test_row_filled_with_one_colour_is_not_a_mark(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    for cell in table.rows[0].cells:
        cell._tc.get_or_add_tcPr().append(
            docx.oxml.parse_xml(f'<w:shd {docx.oxml.ns.nsdecls("w")} w:val="clear" w:fill="D9D9D9"/>')
        )
    layout = saved(document, tmp_path)
    assert [c.marks for c in tables(layout)[0].rows[0]] == [[], [], []]


def shift_shape(xml: str, shape_name: str, axis: str, emu: int) -> str:
    """Move a floating DrawingML shape by changing its positionH or positionV offset."""
    name_at = xml.index(f'name="{shape_name}"')
    position = xml.rindex(f"<wp:position{axis}", 0, name_at)
    moved = re.sub(
        r"<wp:posOffset>(-?\d+)</wp:posOffset>",
        lambda m: f"<wp:posOffset>{int(m.group(1)) + emu}</wp:posOffset>",
        xml[position:name_at],
        count=1,
    )
    return xml[:position] + moved + xml[name_at:]


def test_floating_shape_positioned_over_the_next_column_counts_there(tmp_path):
    column_width = 1447 * 635  # the actor columns of this table are 1447 twips wide
    edited = rewrite_document_xml(
        DML_NO_ACTOR, tmp_path / "right.docx", lambda xml: shift_shape(xml, "Rectangle 12", "H", column_width)
    )
    steps = dict(flowchart_marks(read_docx(edited)))
    assert steps["2"] == [("KASUBBID", "process", "")]  # anchored under PENGADMINISTRASI UMUM


def test_floating_shape_positioned_over_the_next_row_counts_there(tmp_path):
    row_height = 624 * 635  # the step rows of this table are at least 624 twips high
    edited = rewrite_document_xml(
        DML_NO_ACTOR, tmp_path / "down.docx", lambda xml: shift_shape(xml, "Rectangle 12", "V", row_height)
    )
    steps = dict(flowchart_marks(read_docx(edited)))
    assert steps["2"] == []
    assert steps["3"] == [("ANALIS", "process", ""), ("PENGADMINISTRASI UMUM", "process", "")]


GROUP_RUN = """<w:r><w:drawing><wp:anchor simplePos="0" relativeHeight="1" behindDoc="0" locked="0"
 layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>111918</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>144257</wp:posOffset></wp:positionV>
<wp:extent cx="{width}" cy="{height}"/><wp:wrapNone/><wp:docPr id="90" name="Group 90"/>
<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">
<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"><wpg:wgp>
<wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>
<a:chOff x="0" y="0"/><a:chExt cx="{width}" cy="{height}"/></a:xfrm></wpg:grpSpPr>
{members}</wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"""
GROUP_MEMBER = """<wps:wsp><wps:cNvPr id="{id}" name="Shape {id}"/><wps:cNvSpPr/><wps:spPr><a:xfrm>
<a:off x="{x}" y="{y}"/><a:ext cx="522000" cy="216000"/></a:xfrm><a:prstGeom prst="{geometry}"/>
<a:ln><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>"""


def test_shapes_of_one_group_count_in_the_cells_they_are_drawn_over(tmp_path):
    column_width, first_row_height = 1447 * 635, 806 * 635
    members = GROUP_MEMBER.format(id=91, x=0, y=0, geometry="flowChartTerminator") + GROUP_MEMBER.format(
        id=92, x=2 * column_width, y=first_row_height, geometry="rect"
    )
    group = GROUP_RUN.format(width=2 * column_width + 522000, height=first_row_height + 216000, members=members)

    def replace_start_symbol(xml: str) -> str:
        name_at = xml.index('name="Flowchart: Terminator 11"')
        run_start, run_end = xml.rindex("<w:r ", 0, name_at), xml.index("</w:drawing></w:r>", name_at)
        return xml[:run_start] + group + xml[run_end + len("</w:drawing></w:r>") :]

    edited = rewrite_document_xml(DML_NO_ACTOR, tmp_path / "group.docx", replace_start_symbol)
    steps = dict(flowchart_marks(read_docx(edited)))
    assert steps["1"] == [("ANALIS", "terminator", "")]
    assert steps["2"] == [("PENGADMINISTRASI UMUM", "process", ""), ("KASUBBID", "process", "")]


# --- grids, text and paragraphs ------------------------------------------------------------


def test_merged_cells_are_expanded_into_a_rectangular_grid():
    flowchart = tables(read_docx(DML_INLINE))[2]
    assert {len(row) for row in flowchart.rows} == {8}
    group = flowchart.rows[0][2:5]  # "Kecamatan Tulung Selapan" spans the three actor columns
    assert [c.text for c in group] == ["Kecamatan Tulung Selapan"] * 3
    assert [c.spanned for c in group] == [False, True, True]
    number_heading = [row[0] for row in flowchart.rows[:2]]  # "No." merged over two rows
    assert [(c.text, c.spanned) for c in number_heading] == [("No.", False), ("No.", True)]


def test_spanned_copies_carry_no_marks():
    identity = tables(read_docx(SHADING))[0]  # logo cell merged down the letterhead column
    letterhead = [row[0] for row in identity.rows]
    assert [m.kind for m in letterhead[0].marks] == ["picture"]
    assert all(c.spanned and not c.marks for c in letterhead[1:])


def test_cell_paragraphs_are_kept_as_lines():
    lists = tables(read_docx(DML_INLINE))[1]
    lines = lists.rows[0][0].text.split("\n")
    assert lines[0] == "Dasar Hukum:"
    assert lines[1].startswith("1.\tUndang-Undang Nomor 30 Tahun 2014")
    assert len(lines) == 5


def test_identity_paragraphs_and_signature_after_the_table_are_kept():
    layout = read_docx(DML_INLINE)
    texts = paragraphs(layout)
    assert "Nomor SOP\t:\t060/KEC/2022/01" in texts
    assert texts[-3:] == ["Fajar, S.Si", "Pembina Utama Madya", "NIP. 19790422 200312 1 002"]
    assert isinstance(layout.blocks[-1], Paragraph)


def test_identity_table_keeps_labels_and_values_in_their_cells():
    identity = tables(read_docx(CHECKS))[0]
    assert [identity.rows[0][1].text, identity.rows[0][2].text] == ["Nomor SOP", "SOP/PEM/164/2022"]
    assert identity.rows[5][1].text == "Nama SOP"


def test_nested_table_is_flattened_into_its_cell(tmp_path):
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2).rows[0].cells
    outer[0].text = "Satuan Kerja"
    inner = outer[1].add_table(rows=2, cols=2)
    for r, (label, value) in enumerate([("Nomor SOP", "01/2024"), ("Nama SOP", "SOP Cuti")]):
        inner.cell(r, 0).text, inner.cell(r, 1).text = label, value
    cell = tables(saved(document, tmp_path))[0].rows[0][1]
    assert cell.text == "Nomor SOP\t01/2024\nNama SOP\tSOP Cuti"


def test_numbered_paragraphs_get_their_printed_numbers(tmp_path):
    document = docx.Document()
    document.add_paragraph("Dasar Hukum:")
    document.add_paragraph("Undang-Undang Nomor 5 Tahun 2014", style="List Number")
    document.add_paragraph("Peraturan Pemerintah Nomor 11 Tahun 2017", style="List Number")
    texts = paragraphs(saved(document, tmp_path))
    assert texts[1:] == ["1. Undang-Undang Nomor 5 Tahun 2014", "2. Peraturan Pemerintah Nomor 11 Tahun 2017"]


def test_letterhead_in_the_page_header_comes_first_and_page_numbers_are_dropped(tmp_path):
    with_letterhead = docx.Document()
    with_letterhead.sections[0].header.paragraphs[0].text = "PEMERINTAH KABUPATEN KAMPAR"
    with_letterhead.add_paragraph("SOP PENGUMPULAN DATA")
    assert paragraphs(saved(with_letterhead, tmp_path)) == ["PEMERINTAH KABUPATEN KAMPAR", "SOP PENGUMPULAN DATA"]

    with_page_number = docx.Document()
    with_page_number.sections[0].header.paragraphs[0].text = "Halaman 1 dari 2"
    with_page_number.add_paragraph("SOP PENGUMPULAN DATA")
    assert paragraphs(saved(with_page_number, tmp_path)) == ["SOP PENGUMPULAN DATA"]


def test_title_in_a_body_text_box_is_a_paragraph(tmp_path):
    title_box = (
        '<w:p><w:r><w:pict><v:shape type="#_x0000_t202" style="position:absolute;width:300pt;height:20pt" '
        'stroked="f" filled="f"><v:textbox><w:txbxContent><w:p><w:r><w:t>STANDAR OPERASIONAL PROSEDUR</w:t>'
        "</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    edited = rewrite_document_xml(DML_INLINE, tmp_path / "title.docx", lambda xml: xml.replace("<w:body>", "<w:body>" + title_box, 1))
    assert read_docx(edited).blocks[0] == Paragraph("STANDAR OPERASIONAL PROSEDUR")


# --- files that cannot be read -------------------------------------------------------------


def test_truncated_file_raises_extraction_error():
    with pytest.raises(ExtractionError, match="corrupt or truncated"):
        read_docx(TRUNCATED)


def test_zip_without_a_word_document_raises_extraction_error(tmp_path):
    archive = tmp_path / "archive.docx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "not a document")
    with pytest.raises(ExtractionError, match="not a Word document"):
        read_docx(archive)


def test_word_file_with_broken_xml_raises_extraction_error(tmp_path):
    broken = rewrite_document_xml(DML_INLINE, tmp_path / "broken.docx", lambda xml: xml[: len(xml) // 2])
    with pytest.raises(ExtractionError, match="damaged"):
        read_docx(broken)


def test_password_protected_doc_raises_extraction_error(tmp_path):
    encrypted = tmp_path / "locked.doc"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le"))
    with pytest.raises(ExtractionError, match="password"):
        read_doc(encrypted)


def test_doc_without_libreoffice_raises_extraction_error(monkeypatch):
    monkeypatch.setattr(doc_backend.shutil, "which", lambda name: None)
    with pytest.raises(ExtractionError, match="LibreOffice"):
        read_doc(LEGACY_DOC)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_legacy_doc_is_converted_and_keeps_the_marks():
    layout = read_doc(LEGACY_DOC)
    assert layout.source_format == "doc"
    actors = [[actor for actor, _, _ in marks] for _, marks in flowchart_marks(layout)]
    expected = [[actor for actor, _, _ in marks] for _, marks in flowchart_marks(read_docx(DML_INLINE))]
    assert actors == expected
    assert flowchart_marks(layout)[0][1][0][2] == "Mulai"


def test_actor_named_with_a_heading_word_inside_its_own_stays_an_actor(tmp_path):
    """"Kabid Pencatatan Sipil" holds "catatan" (the Keterangan column's other heading) inside a
    word: it is an actor's column, and the columns after it too."""
    from pipeline.extract import extract

    actors = ["Kepala Dinas", "Kabid Pencatatan Sipil", "Petugas Penghasilan", "Pemohon"]
    document = docx.Document()
    document.add_paragraph("SOP PENERBITAN AKTA KELAHIRAN")
    rows = [["NO", "KEGIATAN", "PELAKSANA", "", "", "", "MUTU BAKU", "", "", "KETERANGAN"],
            ["", "", *actors, "KELENGKAPAN", "WAKTU", "OUTPUT", ""]]
    for number, actor in enumerate([3, 2, 1, 0], start=1):
        marks = ["✓" if column == actor else "" for column in range(len(actors))]
        rows.append([str(number), f"Langkah ke-{number} dikerjakan", *marks, "Berkas", "10 menit", "Hasil", ""])
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, values in zip(table.rows, rows):
        for cell, value in zip(cells.cells, values):
            cell.text = value
    document.save(tmp_path / "akta.docx")
    sop, = extract(tmp_path / "akta.docx")
    assert sop.actors == actors
    assert [step.actors for step in sop.steps] == [["Pemohon"], ["Petugas Penghasilan"], ["Kabid Pencatatan Sipil"],
                                                   ["Kepala Dinas"]]
