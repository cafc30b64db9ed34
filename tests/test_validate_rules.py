"""Every rule of the catalogue fires on the defect it names and stays quiet on a good SOP."""
import json

import pytest

from pipeline.validate.rules import document_findings

HEADINGS = {"activity": "Kegiatan", "mutu_baku": "Mutu Baku", "requirements": "Kelengkapan",
            "duration": "Waktu", "output": "Output", "actors_group": "Pelaksana"}


def good_document(**changes) -> dict:
    document = {
        "source_file": "a.docx", "sop_number": "800/12/ORG/2024", "sop_title": "SOP Surat Masuk",
        "created_date": "2024-01-09", "created_date_text": "09 Januari 2024",
        "revised_date": None, "revised_date_text": None,
        "effective_date": "2024-02-01", "effective_date_text": "1 Februari 2024",
        "approved_date": "2024-01-20", "approved_date_text": "20 Januari 2024",
        "approved_by": "Kepala Dinas", "signatory_nip": "196511271988032001",
        "signatory_nip_text": "NIP. 19651127 198803 2 001", "signatory_nip_valid": True,
        "legal_basis": ["UU 43/2009"], "qualifications": ["S1"], "equipment": ["Komputer"],
        "warning": "Surat dapat hilang", "records": "Arsip elektronik",
        "headings": json.dumps(HEADINGS),
    }
    document.update(changes)
    return document


def good_steps(n=4) -> list[dict]:
    return [{"seq": i, "step_no": i, "activity": "Menerima dan mencatat surat masuk", "actors": ["Staf"],
             "duration_text": "15 menit", "duration_minutes": 15.0, "duration_problem": None,
             "output": "Surat"} for i in range(1, n + 1)]


def rules_of(document=None, steps=None) -> list[tuple]:
    found = document_findings(document or good_document(), steps if steps is not None else good_steps())
    return [(f["rule"], f["step_no"], f["field"]) for f in found]


def test_a_good_sop_has_no_findings():
    assert rules_of() == []


def with_step(index, **changes):
    steps = good_steps()
    steps[index].update(changes)
    return steps


@pytest.mark.parametrize("steps, expected", [
    ([s for s in good_steps(5) if s["step_no"] != 3], ("STEP_NUMBER_GAP", 3, None)),
    (good_steps() + [dict(good_steps()[1], seq=5)], ("STEP_NUMBER_DUPLICATE", 2, None)),
    (with_step(1, duration_text=None, duration_minutes=None, duration_problem="missing"), ("DURATION_MISSING", 2, None)),
    (with_step(2, duration_text="Segera", duration_minutes=None, duration_problem="unparseable"),
     ("DURATION_UNPARSEABLE", 3, None)),
    (with_step(0, activity="Mengolah data laporan kinerja triwulan", duration_text="2 Menit", duration_minutes=2.0),
     ("DURATION_IMPLAUSIBLE", 1, None)),
    (with_step(3, actors=[]), ("ACTOR_MISSING", 4, None)),
    (with_step(3, output=None), ("OUTPUT_MISSING", 4, None)),
])
def test_step_rules_fire_on_their_defect(steps, expected):
    assert expected in rules_of(steps=steps)


@pytest.mark.parametrize("changes, expected", [
    ({"sop_number": None}, ("IDENTITY_FIELD_MISSING", None, "sop_number")),
    ({"legal_basis": []}, ("IDENTITY_FIELD_MISSING", None, "legal_basis")),
    ({"warning": "-"}, ("IDENTITY_FIELD_MISSING", None, "warning")),
    ({"effective_date": None, "approved_date": None, "effective_date_text": None, "approved_date_text": None},
     ("IDENTITY_FIELD_MISSING", None, "effective_date")),
    ({"sop_number": "065/ /ORG-2023"}, ("SOP_NUMBER_INCOMPLETE", None, "sop_number")),
    ({"created_date": None, "created_date_text": "31 Februari 2024"}, ("DATE_INVALID", None, "created_date")),
    ({"revised_date": "2023-12-01", "revised_date_text": "1 Desember 2023"}, ("DATE_ORDER", None, "revised_date")),
    ({"effective_date": "2024-01-10"}, ("DATE_ORDER", None, "effective_date")),
    ({"signatory_nip_valid": False}, ("NIP_INVALID", None, "signatory_nip")),
    ({"signatory_nip": None, "signatory_nip_text": "NIP. 1965 1127"}, ("NIP_INVALID", None, "signatory_nip")),
    ({"headings": json.dumps(dict(HEADINGS, mutu_baku="Mutu Buku"))}, ("HEADING_NONSTANDARD", None, "headings")),
])
def test_document_rules_fire_on_their_defect(changes, expected):
    assert expected in rules_of(document=good_document(**changes))


def test_effective_date_may_be_given_as_approval_date_only():
    assert rules_of(document=good_document(effective_date=None, effective_date_text=None)) == []


def test_month_only_dates_in_the_same_month_are_not_out_of_order():
    document = good_document(created_date="2024-01", created_date_text="Januari 2024",
                             revised_date="2024-01-15", revised_date_text="15 Januari 2024")
    assert rules_of(document=document) == []


def test_accepted_heading_variants_are_not_flagged():
    headings = dict(HEADINGS, activity="AKTIVITAS", requirements="Persyaratan/ Kelengkapan", output="KELUARAN")
    assert rules_of(document=good_document(headings=json.dumps(headings))) == []
    joined = dict(HEADINGS, activity="Aktivitas/Kegiatan", output="Output / Keluaran")
    assert rules_of(document=good_document(headings=json.dumps(joined))) == []


def test_a_misprint_joined_to_an_accepted_heading_is_still_flagged():
    headings = dict(HEADINGS, requirements="Persyaratan/Kelengkapn")
    assert [r[0] for r in rules_of(document=good_document(headings=json.dumps(headings)))] == ["HEADING_NONSTANDARD"]


def test_text_exports_without_symbols_do_not_raise_actor_missing():
    steps = [dict(s, actors=[]) for s in good_steps()]
    assert not [r for r in rules_of(steps=steps) if r[0] == "ACTOR_MISSING"]


def test_plausible_durations_are_not_flagged():
    steps = with_step(0, activity="Mendisposisikan surat kepada Kabag", duration_text="1 hari", duration_minutes=450.0)
    assert rules_of(steps=steps) == []


def test_punctuation_noise_in_a_heading_is_not_a_nonstandard_heading():
    headings = dict(HEADINGS, requirements="Persyaratan! Kelengkapan", notes="KET.")
    assert rules_of(document=good_document(headings=json.dumps(headings))) == []


def test_low_ocr_confidence_is_an_info_finding_naming_the_field():
    found = document_findings(good_document(), with_step(1, uncertain_fields=["duration_text"]))
    assert [(f["rule"], f["severity"], f["step_no"], f["field"], f["uncertain"]) for f in found] == [
        ("READING_UNCERTAIN", "info", 2, "duration_text", True)]


def severities(found: list[dict], rule: str) -> list[tuple]:
    return [(f["severity"], f["uncertain"]) for f in found if f["rule"] == rule]


def test_an_invalid_date_read_with_doubt_is_a_warning_saying_what_to_check():
    document = good_document(created_date=None, created_date_text="29 DESEMBER 26",
                             uncertain_fields=["created_date"])
    found = document_findings(document, good_steps())
    assert severities(found, "DATE_INVALID") == [("warning", True)]
    assert "periksa tulisan Tanggal Pembuatan" in next(f for f in found if f["rule"] == "DATE_INVALID")["message"]
    assert severities(found, "READING_UNCERTAIN") == [("info", True)]


def test_a_date_printed_but_not_understood_is_invalid_not_missing():
    found = document_findings(good_document(created_date=None, created_date_text="28 Desembr 20l7"), good_steps())
    assert [f["rule"] for f in found] == ["DATE_INVALID"]


def test_an_invalid_date_read_clearly_stays_an_error():
    found = document_findings(good_document(created_date=None, created_date_text="31 Februari 2023"), good_steps())
    assert severities(found, "DATE_INVALID") == [("error", False)]


def test_an_invalid_nip_read_with_doubt_is_a_warning():
    document = good_document(signatory_nip_valid=False, uncertain_fields=["signatory_nip"])
    assert severities(document_findings(document, good_steps()), "NIP_INVALID") == [("warning", True)]


def scanned(steps: list[dict]) -> list[dict]:
    return [dict(s, ocr_confidence=90.0) for s in steps]


def test_a_scanned_step_number_breaking_its_neighbours_sequence_is_a_misreading_not_a_gap():
    steps = scanned(good_steps(5))
    steps[2]["step_no"] = 8  # "3" read as "8"
    found = document_findings(good_document(read_by_ocr=True), steps)
    # 3 is missing only as read; 6 and 7 are missing only because 8 was read
    assert severities(found, "STEP_NUMBER_GAP") == [("warning", True)] * 3
    misread = [f for f in found if f["rule"] == "READING_UNCERTAIN"]
    assert [(f["step_no"], f["field"]) for f in misread] == [(8, "step_no")]
    assert "menunjukkan 3" in misread[0]["message"]


def test_a_printed_gap_in_a_born_digital_file_stays_an_error():
    steps = good_steps(5)
    steps[2]["step_no"] = 8
    assert severities(document_findings(good_document(), steps), "STEP_NUMBER_GAP") == [("error", False)] * 3


def test_a_scanned_duplicate_in_an_unbroken_sequence_is_uncertain():
    steps = scanned(good_steps(5))
    steps[3]["step_no"] = 3  # "4" read as "3"
    found = document_findings(good_document(read_by_ocr=True), steps)
    assert severities(found, "STEP_NUMBER_DUPLICATE") == [("warning", True)]
    assert severities(found, "STEP_NUMBER_GAP") == [("warning", True)]


def test_a_scanned_gap_the_neighbours_do_not_explain_stays_an_error():
    steps = scanned(good_steps(5))
    del steps[2]  # 1 2 4 5: no single row breaks the sequence around it
    found = document_findings(good_document(read_by_ocr=True), steps)
    assert severities(found, "STEP_NUMBER_GAP") == [("error", False)]


def test_a_step_without_a_symbol_on_a_scan_may_be_a_faint_symbol():
    steps = scanned(with_step(1, actors=[]))
    found = document_findings(good_document(read_by_ocr=True), steps)
    assert severities(found, "ACTOR_MISSING") == [("warning", True)]
    assert severities(document_findings(good_document(), with_step(1, actors=[])), "ACTOR_MISSING") == [
        ("error", False)]


def test_a_duration_read_in_doubt_that_does_not_parse_is_a_reading_to_check():
    steps = with_step(1, duration_text="3 hal", duration_minutes=None, duration_problem="unparseable",
                      uncertain_fields=["duration_text"])
    found = document_findings(good_document(), steps)
    assert severities(found, "DURATION_UNPARSEABLE") == []
    doubt = [f for f in found if f["rule"] == "READING_UNCERTAIN" and f["field"] == "duration_text"]
    assert [(f["severity"], f["uncertain"], f["step_no"]) for f in doubt] == [("info", True, 2)]
    assert '"3 hal"' in doubt[0]["message"] and "Waktu" in doubt[0]["message"]
    # read sure and still not a duration: the SOP's own wording
    sure = with_step(1, duration_text="segera", duration_minutes=None, duration_problem="unparseable")
    assert severities(document_findings(good_document(), sure), "DURATION_UNPARSEABLE") == [("warning", False)]


def test_cells_holding_unread_writing_are_readings_to_check_not_missing_values():
    # a Waktu and an Output cell with ink OCR made no words of (a hand, print under a stamp)
    steps = with_step(1, duration_text=None, duration_minutes=None, duration_problem="missing", output=None,
                      uncertain_fields=["duration_text", "output"])
    found = document_findings(good_document(), steps)
    assert severities(found, "DURATION_MISSING") == [] and severities(found, "OUTPUT_MISSING") == []
    doubt = sorted((f["field"], f["severity"], f["step_no"]) for f in found if f["rule"] == "READING_UNCERTAIN")
    assert doubt == [("duration_text", "info", 2), ("output", "info", 2)]
    # the same cells empty on the page are the SOP's gaps
    empty = with_step(1, duration_text=None, duration_minutes=None, duration_problem="missing", output=None)
    found = document_findings(good_document(), empty)
    assert severities(found, "DURATION_MISSING") == [("error", False)]
    assert severities(found, "OUTPUT_MISSING") == [("warning", False)]


@pytest.mark.parametrize("field, cleared", [
    ("created_date", {"created_date": None, "created_date_text": None}),
    ("approved_date", {"effective_date": None, "effective_date_text": None,
                       "approved_date": None, "approved_date_text": None}),
    ("sop_number", {"sop_number": None}),
])
def test_an_identity_box_holding_unread_writing_is_not_missing(field, cleared):
    document = good_document(uncertain_fields=[field], **cleared)
    found = document_findings(document, good_steps())
    assert [f for f in found if f["rule"] == "IDENTITY_FIELD_MISSING"] == []
    doubt = [f for f in found if f["rule"] == "READING_UNCERTAIN" and f["field"] == field]
    assert [(f["severity"], f["uncertain"]) for f in doubt] == [("info", True)]
    assert "tidak terbaca" in doubt[0]["message"]
    # the same box empty on the page is a missing field
    missing = document_findings(good_document(**cleared), good_steps())
    assert [f["field"] for f in missing if f["rule"] == "IDENTITY_FIELD_MISSING"] == [
        "effective_date" if field == "approved_date" else field]


def test_actor_columns_named_by_their_place_are_a_reading_to_check_not_an_error():
    # the flowchart's headings were not in the file's text (drawn as outlines) and not read
    document = good_document(actors=["Pelaksana 1", "Pelaksana 2"], uncertain_fields=["actors"],
                             headings=json.dumps({"named_from": "structure"}))
    found = [f for f in document_findings(document, good_steps()) if f["field"] == "actors"]
    assert [(f["rule"], f["severity"], f["uncertain"]) for f in found] == [("READING_UNCERTAIN", "info", True)]
    assert "Pelaksana 1, Pelaksana 2" in found[0]["message"]
