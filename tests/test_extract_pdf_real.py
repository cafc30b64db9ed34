"""Real signed SOPs of BPS Provinsi Bengkulu (public documents, digital PDFs printed from
office software). Every step's number, actors and Waktu below were checked by hand against
the page images: several symbols in one row give several actors, left to right; minutes are
working minutes (hari 450, minggu 2,250, bulan 9,900)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline.extract import extract
from pipeline.extract.flowchart import read_flowcharts
from pipeline.extract.identity import read_identity
from pipeline.model import Cell, Mark, Table
from pipeline.normalize.tables import document_row, step_rows

FIXTURES = Path(__file__).parent / "fixtures" / "real"
# Identity on page 1, flowchart on page 2; decisions with Ya/Tidak labels; up to three
# symbols in one row.
VPEK = FIXTURES / "bps_122_survei_pergudangan.pdf"
# 990 x 765 pt pages; Peringatan printed as "-"; Waktu cells without a number.
GREEN_OFFICE = FIXTURES / "bps_185_green_office.pdf"
# "Label : value" lines in one identity cell; a flowchart over three pages joined by
# off-page connectors; the approving position printed in full.
TENDER = FIXTURES / "bps_255_tender_prakualifikasi.pdf"


@lru_cache(maxsize=None)
def rows_of(path: Path) -> tuple[dict, list[dict]]:
    sop = extract(path)[0]
    return document_row(sop, path.name), step_rows(sop, path.name)


def steps_of(path: Path) -> list[tuple[int, list[str], float | None]]:
    """(printed number, actors left to right, working minutes) of every step."""
    return [(row["step_no"], row["actors"], row["duration_minutes"]) for row in rows_of(path)[1]]


def identity_of(path: Path, *fields: str) -> tuple:
    document = rows_of(path)[0]
    return tuple(document[name] for name in fields)


def test_vpek_several_symbols_in_one_row_give_several_actors_left_to_right():
    ketua, pjk, kabkota = ("Ketua Tim Statistik Distribusi dan Jasa",
                           "PJK Survei/Anggota Tim Statistik Distribusi dan Jasa", "BPS Kab/Kota")
    assert steps_of(VPEK) == [
        (1, [ketua, pjk, kabkota], 1350.0),  # 3 hari
        (2, [pjk], 1350.0),
        (3, [kabkota], 1350.0),
        (4, [kabkota], 9900.0),  # 1 bulan
        (5, [pjk, kabkota], 9900.0),  # a decision and a process
        (6, [pjk], 4500.0),  # 2 minggu
        (7, [pjk], 2250.0),  # 1 minggu
    ]
    assert [row["symbol"] for row in rows_of(VPEK)[1]] == [
        "start", "process", "process", "process", "decision", "decision", "end"]


def test_vpek_identity_table_on_its_own_page():
    assert identity_of(VPEK, "sop_title", "sop_number", "created_date", "revised_date", "effective_date") == (
        "SURVEI PERGUDANGAN EKSPEDISI DAN KURIR (VPEK)", "SOP-122/17000/2025", "2025-01-10", None, "2025-01-10")
    assert identity_of(VPEK, "approved_by", "signatory_name") == ("Kepala BPS Provinsi Bengkulu", "Win Rizal")
    assert identity_of(VPEK, "agency") == ("Tim Statistik Distribusi dan Jasa Badan Pusat Statistik Provinsi Bengkulu",)


def test_green_office_one_actor_per_step_and_waktu_words_without_a_number_have_no_minutes():
    tim, kepala, pegawai = "Tim Pelaksana Teknis", "Kepala", "Pegawai"
    assert steps_of(GREEN_OFFICE) == [
        (1, [tim], 9900.0),  # 1 bulan
        (2, [tim], 450.0),  # 1 hari
        (3, [kepala], 450.0),
        (4, [kepala], 450.0),
        (5, [kepala], 450.0),
        (6, [pegawai], 450.0),
        (7, [pegawai], None),  # "Sejak Kickoff"
        (8, [tim], None),  # "Triwulanan"
    ]


def test_green_office_a_dash_stays_in_a_text_box_and_is_no_value_in_a_date_box():
    assert identity_of(GREEN_OFFICE, "warning", "revised_date") == ("-", None)
    assert identity_of(GREEN_OFFICE, "records") == ("- Monitoring hasil penerapan SEHATI ditampilkan pada Portal Kalamansi",)
    assert identity_of(GREEN_OFFICE, "sop_title", "sop_number", "effective_date") == (
        "Pelaksanaan Green Office-SEHATI (Sejuk, Hemat dan Tertib di Kantor)", "SOP-185/17000/2025", "2025-01-02")


def test_tender_flowchart_over_three_pages_gives_every_step_once():
    pokja, peserta = ["Pokja Pemilihan"], ["Peserta"]
    hari_kerja, sesuai_kebutuhan = 450.0, None
    assert steps_of(TENDER) == [
        (1, pokja, hari_kerja),
        (2, peserta, hari_kerja),
        (3, pokja, 3 * hari_kerja),
        (4, peserta, sesuai_kebutuhan),
        (5, pokja, hari_kerja),
        (6, pokja, sesuai_kebutuhan),
        (7, pokja + peserta, sesuai_kebutuhan),
        (8, pokja, hari_kerja),
        (9, peserta, sesuai_kebutuhan),
        (10, pokja, hari_kerja),  # first step of page 3 after an off-page connector
        (11, pokja, sesuai_kebutuhan),
        (12, pokja, hari_kerja),
        (13, peserta, 5 * hari_kerja),
        (14, pokja, 3 * hari_kerja),
        (15, pokja, sesuai_kebutuhan),
    ]


def test_tender_label_value_lines_in_one_identity_cell():
    assert identity_of(TENDER, "sop_number", "created_date", "revised_date", "effective_date") == (
        "SOP-255/17000/2025", "2024-01-02", "2025-01-02", "2025-01-10")
    # as printed: the position is not shortened to the agency's abbreviation
    assert identity_of(TENDER, "approved_by", "signatory_name") == (
        "Kepala Badan Pusat Statistik Provinsi Bengkulu", "Win Rizal")
    assert identity_of(TENDER, "sop_title") == (
        "STANDAR OPERASIONAL PROSEDUR PEMILIHAN PENYEDIA MELALUI TENDER BARANG/JASA LAINNYA DENGAN "
        "PRAKUALIFIKASI (Metode 2 Tahap)",)
    assert len(rows_of(TENDER)[0]["equipment"]) == 14


# ---------------------------------------------------------------------------------------------
# Layouts met in these documents, reduced to their grid


def grid(*rows: list[str]) -> Table:
    """A table from cell texts; "~text" is a merged copy of the cell left of or above it."""
    return Table([[Cell(text=t.removeprefix("~"), spanned=t.startswith("~")) for t in row] for row in rows])


def test_a_column_under_mutu_baku_is_never_an_actor_even_with_its_heading_unread():
    # an OCR'd flowchart whose Kelengkapan heading was not read
    table = grid(
        ["No", "Kegiatan", "Pelaksana", "~Pelaksana", "Mutu Baku", "~Mutu Baku", "~Mutu Baku", "Keterangan"],
        ["~No", "~Kegiatan", "Kepala", "Staf", "", "Waktu", "Output", "~Keterangan"],
        ["1", "Menerima berkas", "", "", "Berkas", "1 hari", "Tanda terima", ""],
    )
    table.rows[2][2].marks = [Mark(kind="terminator")]
    flowchart = read_flowcharts([table])[0]
    assert flowchart.header.actor_headings == ["Kepala", "Staf"]
    assert flowchart.steps[0].actors == ["Kepala"]


def test_a_row_across_the_identity_block_belongs_to_no_label_above_it():
    table = grid(
        ["Peringatan", "~Peringatan", "Pencatatan dan Pendataan", "~Pencatatan dan Pendataan"],
        ["Berkas tidak lengkap", "~Berkas tidak lengkap", "Arsip elektronik", "~Arsip elektronik"],
        ["Maksud dan tujuan: Menyusun publikasi", "~Maksud dan tujuan: Menyusun publikasi",
         "~Maksud dan tujuan: Menyusun publikasi", "~Maksud dan tujuan: Menyusun publikasi"],
    )
    identity = read_identity([table], [])
    assert (identity.warning, identity.records) == ("Berkas tidak lengkap", "Arsip elektronik")
    assert identity.agency is None
