"""Text exports: identity layouts, flowchart headings, split tables and symbol text."""
from pathlib import Path

import pytest

from pipeline.extract import ExtractionError, extract

FIXTURES = Path(__file__).parent / "fixtures" / "txt"
KAMPAR = FIXTURES / "000_536c8a9962f24e58.txt"
DOLOPO = FIXTURES / "001_61309ccb0c5e84e3.txt"
ROKAN_HILIR = FIXTURES / "002_c2a19b0c359d43f6.txt"
SUMBAR = FIXTURES / "003_0c68956c6325f089.txt"
BALANGAN = FIXTURES / "004_43d95de200347770.txt"
MADIUN = FIXTURES / "sop_d005.txt"


def test_label_colon_value_layout_gives_identity_fields():
    identity = extract(ROKAN_HILIR)[0].identity
    assert identity.sop_number == "331.1/POLPP-PM/2023/01"
    assert identity.created_date == "09 Januari 2023"
    assert identity.approved_date == "11 Januari 2023"
    assert identity.effective_date is None
    assert identity.approved_by == "KEPALA SATUAN"
    assert identity.signatory_name == "H. SYAFNURIZAL, SE"
    assert identity.signatory_rank == "Pembina"
    assert identity.signatory_nip == "19690512 199603 1 003"
    assert identity.equipment == ["Komputer dan Kelengkapan", "ATK"]
    assert len(identity.legal_basis) == 2 and identity.legal_basis[0].startswith("Peraturan Presiden Nomor 29")


def test_identity_table_composes_agency_from_letterhead_cells():
    identity = extract(SUMBAR)[0].identity
    assert identity.agency == "Biro Organisasi Sekretariat Daerah Provinsi Sumatera Barat"
    assert identity.sop_number == "065/ /ORG-2023"
    assert identity.approved_by == "Kepala"
    assert identity.signatory_name == "FITRIATI .S.,S.Si, M.Si"
    assert identity.records == "Manual/Elektronik"
    assert identity.warning is None


def test_list_numbers_in_their_own_column_stay_with_the_label_above():
    identity = extract(BALANGAN)[0].identity
    assert identity.agency == "Sekretariat DPRD Kabupaten Balangan"
    assert [item[:20] for item in identity.legal_basis] == ["Peraturan Presiden N", "PermenPAN dan RB No."]
    assert len(identity.equipment) == 4


def test_without_identity_block_title_agency_and_signature_are_read():
    identity = extract(KAMPAR)[0].identity
    assert identity.sop_title == "SOP MEKANISME PENGUMPULAN DATA KINERJA"
    assert identity.agency == "Sekretariat DPRD Kabupaten Kampar"
    assert identity.approved_by == "SEKRETARIS DPRD KAB. KAMPAR"
    assert identity.signatory_rank == "Pembina Utama Muda"
    assert identity.sop_number is None


def test_agency_falls_back_to_the_unit_the_signatory_heads():
    assert extract(DOLOPO)[0].identity.agency == "Kecamatan Dolopo"


def test_signature_in_one_line_splits_position_from_name():
    identity = extract(MADIUN)[0].identity
    assert identity.approved_by == "SEKRETARIS DPRD KABUPATEN MADIUN"
    assert identity.signatory_name == "ARIF,SE"


def test_flowchart_headings_actor_columns_and_unit_in_heading():
    sop = extract(KAMPAR)[0]
    assert sop.actors[0] == "Kasubbag Program dan Perlengkapan" and len(sop.actors) == 4
    assert sop.headings["duration"] == "Waktu / Hari"
    assert sop.headings["actors_group"] == "Pelaksana"
    assert [s.duration_text for s in sop.steps] == ["1", "1", "1", "10", "5", "10"]


def test_table_split_in_two_without_repeated_header_keeps_all_steps():
    sop = extract(DOLOPO)[0]
    assert [s.step_no for s in sop.steps] == [str(n) for n in range(1, 14)]
    assert sop.headings["mutu_baku"] == "Mutu Buku"


def test_symbol_text_left_in_an_export_marks_the_actor():
    steps = extract(ROKAN_HILIR)[0].steps
    assert steps[0].actors == ["Sekretaris"] and steps[0].symbol == "start"
    assert steps[1].actors == []
    assert [s.step_no for s in steps] == ["1", "2", "3", "4", "6", "7", "8", "9"]


def test_check_marks_give_the_actor_of_each_step():
    steps = extract(MADIUN)[0].steps
    assert [s.actors for s in steps[:4]] == [["Sekretaris DPRD"], ["Kasubbag Program dan Perlengkapan"],
                                             ["Sekretaris DPRD"], ["Pelaksana"]]
    assert steps[0].output == "Disposisi" and steps[0].requirements == "Undangan"


def test_binary_content_in_a_txt_file_is_refused(tmp_path):
    bogus = tmp_path / "scan.txt"
    bogus.write_bytes(b"\x00\x01\x02garbage\x00" * 20)
    with pytest.raises(ExtractionError, match="not a known format"):  # told from its content, not as text
        extract(bogus)[0]


def test_text_without_flowchart_table_is_not_an_sop(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Dengan hormat,\nKami sampaikan undangan rapat.\n", encoding="utf-8")
    with pytest.raises(ExtractionError, match="flowchart"):
        extract(letter)[0]


def test_list_items_with_comma_numbers_repeated_numbers_and_bullets():
    from pipeline.extract.identity import list_items

    assert list_items(["1, UU 16/1997 2, PP 51/1999"]) == ["UU 16/1997", "PP 51/1999"]
    assert list_items(["1. Komputer\n2. Printer\n2. Internet\n3. ATK"]) == ["Komputer", "Printer", "Internet", "ATK"]
    assert list_items(["• Komputer\n• Printer"]) == ["Komputer", "Printer"]
    assert list_items(["Peraturan Nomor 53 Tahun 2014 2. UU 5/2014"]) == ["Peraturan Nomor 53 Tahun 2014 2. UU 5/2014"]
