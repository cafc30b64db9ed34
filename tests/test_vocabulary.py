"""The SOP words every backend recognises alike."""
import pytest

from pipeline.extract.flowchart import text_marks
from pipeline.extract.vocabulary import (classify_heading, flowchart_heading_row, is_branch_label, is_check_text,
                                         is_step_number, is_terminator_word)
from pipeline.model import Cell


@pytest.mark.parametrize("text, role", [
    ("No", "no"), ("No.", "no"), ("Kegiatan", "activity"), ("Uraian Kegiatan", "activity"),
    ("KELENGK APAN", "requirements"), ("Waktu", "duration"), ("Output", "output"), ("Ket.", "notes"),
    ("Pelaksana", None), ("Kepala Dinas menerima berkas dan memeriksa kelengkapan", None),
])
def test_classify_heading(text, role):
    assert classify_heading(text) == role


def test_words_of_branches_terminators_and_ticks():
    assert all(is_branch_label(t) for t in ("Ya", "(Tidak)", "tdk.", "Y", "No", "yes"))
    assert not any(is_branch_label(t) for t in ("", "Yaitu", "Tidak lengkap"))
    assert is_terminator_word("Mulai") and is_terminator_word("SELESAI.") and not is_terminator_word("Mulai proses")
    assert is_check_text("√") and is_check_text(" v ") and is_check_text("✗") and not is_check_text("")
    assert not is_check_text("via")
    assert is_step_number(" 12. ") and is_step_number("3)") and not is_step_number("1.2")


def test_text_marks_use_the_same_words():
    assert [m.kind for m in text_marks("✓")] == ["check"]
    assert [m.kind for m in text_marks("Selesai")] == ["terminator"]
    assert [m.kind for m in text_marks("Tidak")] == ["process"]
    assert text_marks("Berkas") == []


def row(*texts, spanned=()):
    return [Cell(text, spanned=i in spanned) for i, text in enumerate(texts)]


def test_heading_row_below_an_identity_block():
    rows = [row("Nomor SOP", "001"), row("No", "Kegiatan", "Kepala", "Waktu"), row("1", "Menerima", "", "5 menit")]
    assert flowchart_heading_row(rows) == 1


def test_heading_row_on_top_or_absent():
    assert flowchart_heading_row([row("No", "Kegiatan", "Waktu"), row("1", "Menerima", "")]) is None  # already on top
    # headings only in the step rows' text: the step number comes first
    assert flowchart_heading_row([row("Judul", ""), row("1", "Kegiatan", "Waktu")]) is None


def test_heading_row_counts_a_merged_heading_once():
    # "Kegiatan" spans from the row above: the second row has no activity heading of its own
    rows = [row("Nama", "Kegiatan", "Pelaksana"), row("", "Kegiatan", "Waktu", spanned=(1,))]
    assert flowchart_heading_row(rows) is None
