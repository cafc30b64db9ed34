"""OCR repairs of Waktu cells: misread digits and units are undone for OCR'd steps only."""
import pytest

from pipeline.model import Identity, Sop, Step
from pipeline.normalize.ocr import repair_date_text, repair_duration_text
from pipeline.normalize.tables import step_rows


@pytest.mark.parametrize("read, meant", [
    ("S jam", "5 jam"),
    ("l hari", "1 hari"),
    ("1O menit", "10 menit"),
    ("S0 Menit", "50 Menit"),
    ("20 Menu", "20 menit"),
    ("2 Hani", "2 hari"),
    ("2 jarn", "2 jam"),
    ("45 mean", "45 menit"),
    ("3 han", "3 hari"),
    ("I kam", "1 jam"),
    ("2 Han kerja", "2 hari kerja"),
])
def test_misread_digits_and_units_are_repaired(read, meant):
    assert repair_duration_text(read) == meant


@pytest.mark.parametrize("text", [
    "Setiap hari", "Sesuai jadwal", "1 s/d 2 hari", "segera", "30 Menit", "So hari", "Ojam", "Tentatif", "",
    "2 kali", "5 berkas", "1 orang", "5 mnt",
])
def test_words_and_correct_durations_are_left_alone(text):
    assert repair_duration_text(text) == text


def sop_with_duration(text: str, ocr: bool) -> Sop:
    confidence = {"duration": 80.0} if ocr else {}
    return Sop("scan_pdf" if ocr else "pdf", Identity(), ["Staf"],
               [Step("1", "Mengolah data", ["Staf"], "process", duration_text=text, confidence=confidence)])


def test_ocr_step_duration_is_measured_after_repair_and_printed_text_kept():
    row = step_rows(sop_with_duration("S jam", ocr=True), "a.pdf")[0]
    assert row["duration_minutes"] == 300
    assert row["duration_problem"] is None
    assert row["duration_text"] == "S jam"


def test_born_digital_duration_is_not_repaired():
    row = step_rows(sop_with_duration("S jam", ocr=False), "a.pdf")[0]
    assert row["duration_minutes"] is None
    assert row["duration_problem"] == "unparseable"


def test_a_repaired_duration_is_marked_uncertain_and_a_plain_one_is_not():
    assert step_rows(sop_with_duration("45 mean", ocr=True), "a.pdf")[0]["uncertain_fields"] == ["duration_text"]
    assert step_rows(sop_with_duration("45 menit", ocr=True), "a.pdf")[0]["uncertain_fields"] == []


def test_a_waktu_heading_whose_unit_ocr_misread_gives_its_unit_to_bare_numbers_as_a_guess():
    """A photo's "Waktu (Jam)" read "Waktu Yam)": the column's bare numbers are hours, in doubt
    (not DURATION_UNPARSEABLE); a typed heading is not mended, a unit in the cell is no guess."""
    def row(text: str, heading: str, ocr: bool = True) -> dict:
        sop = sop_with_duration(text, ocr)
        sop.headings["duration"] = heading
        return step_rows(sop, "a.pdf")[0]
    guessed = row("1", "Waktu Yam)")
    assert guessed["duration_minutes"] == 60 and guessed["uncertain_fields"] == ["duration_text"]
    assert row("1", "Waktu (Jam)")["uncertain_fields"] == []
    assert row("30 menit", "Waktu Yam)")["uncertain_fields"] == []
    assert row("1", "Waktu Yam)", ocr=False)["duration_minutes"] is None
    assert row("1", "Waktu Penyelesaian")["duration_minutes"] is None


def document_with(confidence: dict[str, float], **values):
    from pipeline.normalize.tables import document_row
    return document_row(Sop("scan_pdf", Identity(**values, confidence=confidence), ["Staf"], []), "a.pdf")


def test_an_ocr_date_whose_month_was_guessed_or_not_understood_is_uncertain():
    row = document_with({"created_date": 88.0, "effective_date": 90.0, "revised_date": 91.0},
                        created_date="28 Desembep 2017", effective_date="28 DESEMBER 2oy",
                        revised_date="2 Januari 2018")
    assert row["created_date"] == "2017-12-28"
    assert row["uncertain_fields"] == ["created_date", "effective_date"]
    assert row["read_by_ocr"] is True


def test_low_confidence_and_an_invalid_ocr_nip_are_uncertain_but_typed_text_is_not():
    row = document_with({"sop_title": 40.0, "signatory_nip": 92.0}, sop_title="SOP Arsip",
                        signatory_nip="19591327 198003 1 004")
    assert row["uncertain_fields"] == ["signatory_nip", "sop_title"]
    typed = document_with({}, created_date="28 Desembep 2017", signatory_nip="19591327 198003 1 004")
    assert typed["uncertain_fields"] == [] and typed["read_by_ocr"] is False


def test_a_date_of_a_scanned_sop_left_unread_is_uncertain_even_without_a_confidence_of_its_own():
    sop = Sop("scan_pdf", Identity(created_date=",", confidence={"sop_title": 90.0}), ["Staf"], [])
    from pipeline.normalize.tables import document_row
    assert document_row(sop, "a.pdf")["uncertain_fields"] == ["created_date"]


@pytest.mark.parametrize("read, meant", [
    ("29 DESEMBER 2O17", "29 DESEMBER 2017"),
    ("l2 Mei 2O2O", "12 Mei 2020"),
    ("16 0ktober 2021", "16 Oktober 2021"),
    ("28 DESEMBER 2017", "28 DESEMBER 2017"),
    ("SEPTEMBER 2019", "SEPTEMBER 2019"),  # letters of a month stay letters
])
def test_letters_read_for_the_digits_of_a_date_are_repaired(read, meant):
    assert repair_date_text(read) == meant


def test_an_ocr_read_sop_number_loses_the_spaces_around_its_separators_and_a_typed_one_keeps_them():
    from pipeline.normalize.tables import document_row

    read = Identity(sop_number="188.44 / 765 / KPTS / 2017 - 2", created_date="28 DESEMBER 2O17",
                    confidence={"sop_number": 55.0, "created_date": 50.0})
    row = document_row(Sop("scan_pdf", read, [], []), "scan.pdf")
    assert row["sop_number"] == "188.44/765/KPTS/2017-2"
    blank = document_row(Sop("scan_pdf", Identity(sop_number="065/ /ORG - 2023", confidence={"sop_number": 90.0}), [], []), "b.pdf")
    assert blank["sop_number"] == "065/ /ORG-2023"  # the part left to fill in stays
    assert row["created_date"] == "2017-12-28" and row["created_date_text"] == "28 DESEMBER 2O17"
    assert {"sop_number", "created_date"} <= set(row["uncertain_fields"])
    typed = document_row(Sop("docx", Identity(sop_number="SOP – 01/SETWAN", created_date="2O17"), [], []), "a.docx")
    assert typed["sop_number"] == "SOP – 01/SETWAN" and typed["created_date"] is None
