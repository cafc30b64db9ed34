"""OCR repairs of Waktu cells: misread digits and units are undone for OCR'd steps only."""
import pytest

from pipeline.model import Identity, Sop, Step
from pipeline.normalize.ocr import repair_duration_text
from pipeline.normalize.tables import step_rows


@pytest.mark.parametrize("read, meant", [
    ("S jam", "5 jam"),
    ("l hari", "1 hari"),
    ("1O menit", "10 menit"),
    ("S0 Menit", "50 Menit"),
    ("20 Menu", "20 menit"),
    ("2 Hani", "2 hari"),
    ("2 jarn", "2 jam"),
])
def test_misread_digits_and_units_are_repaired(read, meant):
    assert repair_duration_text(read) == meant


@pytest.mark.parametrize("text", [
    "Setiap hari", "Sesuai jadwal", "1 s/d 2 hari", "segera", "30 Menit", "So hari", "Ojam", "Tentatif", "",
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
