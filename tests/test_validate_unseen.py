"""The rule catalogue on wordings and layouts it was not written from: other verb forms and
synonyms of the same kinds of work, other units, placeholders and OCR specks. Each property
names a defect and generates its variants; the same generators give clean variants that must
stay quiet."""
import json
from datetime import date

from hypothesis import given, strategies as st

from pipeline.validate.bands import band_of, implausible_duration
from pipeline.validate.rules import STANDARD_HEADINGS, document_findings

from test_validate_rules import good_document, good_steps

DAY = 450  # working minutes

# Short clerical work, in affixed forms and synonyms not printed in the dev corpus
CLERICAL_VERBS = {
    "pencatatan/registrasi": ["Memutakhirkan", "Pemutakhiran", "Memperbarui", "Pembaruan", "Meregistrasi",
                              "Mencatatkan", "Pencatatan", "Mengagendakan"],
    "penyiapan/penggandaan": ["Menyiapkan", "Penyiapan", "Mempersiapkan", "Menggandakan", "Memfotokopi"],
    "penyerahan/penerusan/pengembalian": ["Menyerahkan", "Penyerahan", "Mengirimkan", "Mengantarkan",
                                          "Penyampaian", "Menyalurkan", "Membagikan", "Meneruskan",
                                          "Mengembalikan", "Pengembalian"],
    "pemberitahuan/pelaporan/jawaban": ["Memberitahukan", "Pemberitahuan", "Menginformasikan", "Membalas",
                                        "Menjawab", "Menanggapi", "Menghubungi", "Mengonfirmasi", "Memaklumkan",
                                        "Melaporkan", "Pelaporan", "Mengabarkan"],
    "penerimaan berkas": ["Menerima", "Penerimaan"],
}
OBJECTS = ["formulir isian", "blanko permohonan", "data pegawai", "buku register", "kartu kendali",
           "berkas usulan", "lembar disposisi"]
RECIPIENTS = ["", " kepada Kepala Bidang", " ke Subbagian Umum", " dari unit pengolah"]

clerical = st.sampled_from(sorted(CLERICAL_VERBS)).flatmap(
    lambda kind: st.tuples(st.just(kind), st.sampled_from(CLERICAL_VERBS[kind]), st.sampled_from(OBJECTS),
                           st.sampled_from(RECIPIENTS)))


def activity_of(verb: str, work_object: str, recipient: str) -> str:
    return f"{verb} {work_object}{recipient}"


def step_rules(**changes) -> list[tuple]:
    steps = good_steps()
    steps[1].update(changes)
    return [(f["rule"], f["step_no"]) for f in document_findings(good_document(), steps)]


@given(clerical)
def test_every_form_of_a_clerical_verb_reads_as_its_kind_of_work(case):
    kind, verb, work_object, recipient = case
    assert band_of(activity_of(verb, work_object, recipient)).kind == kind


@given(clerical, st.integers(min_value=11, max_value=90), st.sampled_from(["hari", "Hari Kerja", "HK"]))
def test_clerical_work_given_in_tens_of_days_is_implausible(case, days, unit):
    _, verb, work_object, recipient = case
    found = step_rules(activity=activity_of(verb, work_object, recipient), duration_text=f"{days} {unit}",
                       duration_minutes=float(days * DAY))
    assert ("DURATION_IMPLAUSIBLE", 2) in found


@given(clerical, st.integers(min_value=4501, max_value=99999))
def test_a_bare_number_beyond_the_band_is_implausible_whatever_its_unit(case, number):
    _, verb, work_object, recipient = case
    activity = activity_of(verb, work_object, recipient)
    assert implausible_duration(activity, None, str(number))  # no unit anywhere
    assert implausible_duration(activity, float(number), str(number))  # "Waktu (menit)"


@given(clerical, st.sampled_from([("5 menit", 5), ("30 menit", 30), ("2 jam", 120), ("1 hari", DAY),
                                  ("3 hari", 3 * DAY)]))
def test_clerical_work_in_usual_times_has_no_finding(case, duration):
    _, verb, work_object, recipient = case
    text, minutes = duration
    found = step_rules(activity=activity_of(verb, work_object, recipient), duration_text=text,
                       duration_minutes=float(minutes))
    assert found == []


@given(st.sampled_from(["Menyusun", "Penyusunan", "Mengolah", "Pengolahan", "Menganalisis", "Merekapitulasi",
                        "Mengevaluasi"]),
       st.sampled_from(["data capaian kinerja", "laporan tahunan", "dokumen rencana aksi"]))
def test_analytic_work_may_take_weeks_but_not_two_minutes(verb, work_object):
    activity = f"{verb} {work_object}"
    assert implausible_duration(activity, 20.0 * DAY, "20 hari") is None
    assert implausible_duration(activity, 5.0, "5 menit") is None
    assert implausible_duration(activity, 2.0, "2 menit")


PLACEHOLDERS = st.sampled_from(["", " ", "     ", "\t", "___", "____", "...", "…", " … ", "-", " - ", ". . ."])
SERIES = st.sampled_from(["800", "065", "045.2", "331.1", "SOP", "870"])
UNITS = st.sampled_from(["BKD", "ORG-2023", "KEC/2024", "DISKOMINFO/2022", "SETWAN"])


@given(SERIES, PLACEHOLDERS, UNITS)
def test_an_sop_number_with_a_placeholder_part_is_incomplete(series, placeholder, unit):
    number = f"{series}/{placeholder}/{unit}"
    found = document_findings(good_document(sop_number=number), good_steps())
    assert "SOP_NUMBER_INCOMPLETE" in [f["rule"] for f in found]


@given(SERIES, PLACEHOLDERS, UNITS)
def test_an_sop_number_whose_first_or_last_part_is_blank_is_incomplete(series, placeholder, unit):
    for number in (f"{placeholder}/{unit}", f"{series}/{unit}/{placeholder}"):
        found = document_findings(good_document(sop_number=number), good_steps())
        assert "SOP_NUMBER_INCOMPLETE" in [f["rule"] for f in found]


@given(SERIES, st.integers(min_value=1, max_value=999), UNITS)
def test_a_complete_sop_number_is_not_flagged(series, serial, unit):
    found = document_findings(good_document(sop_number=f"{series}/{serial}/{unit}"), good_steps())
    assert found == []


@given(st.sampled_from(["-", "–", "|", ".", "_", "'", " | ", "..", "—", "~"]))
def test_an_output_cell_with_only_ocr_specks_is_missing(speck):
    assert ("OUTPUT_MISSING", 2) in step_rules(output=speck)


@given(st.sampled_from(["Out put", "Ouput", "Keluaran/Output", "Hasil", "OUTPUT", "Output."]))
def test_output_headings_read_from_scans(heading):
    headings = {"activity": "Kegiatan", "mutu_baku": "Mutu Baku", "requirements": "Kelengkapan",
                "duration": "Waktu", "output": heading, "actors_group": "Pelaksana"}
    found = [f["rule"] for f in document_findings(good_document(headings=json.dumps(headings)), good_steps())]
    standard = heading.strip(".").casefold() in {"output", "keluaran/output", "hasil", "out put"}
    assert ("HEADING_NONSTANDARD" in found) == (not standard)


LONG_SPELLINGS = sorted({spelling for spellings in STANDARD_HEADINGS.values() for spelling in spellings
                         if len(spelling) >= 6 and spelling.isascii()})
ROLE_OF = {spelling: role for role, spellings in STANDARD_HEADINGS.items() for spelling in spellings}


def heading_rules(role: str, printed: str) -> list[str]:
    headings = {"activity": "Kegiatan", "mutu_baku": "Mutu Baku", "requirements": "Kelengkapan",
                "duration": "Waktu", "output": "Output", "actors_group": "Pelaksana", role: printed}
    return [f["rule"] for f in document_findings(good_document(headings=json.dumps(headings)), good_steps())]


@given(st.sampled_from(LONG_SPELLINGS), st.data())
def test_a_heading_with_a_letter_lost_by_ocr_is_standard(spelling, data):
    inner = [i for i in range(1, len(spelling) - 1) if spelling[i - 1:i + 2].isalpha()]
    i = data.draw(st.sampled_from(inner))
    assert "HEADING_NONSTANDARD" not in heading_rules(ROLE_OF[spelling], (spelling[:i] + " " + spelling[i + 1:]).title())


@given(st.sampled_from(LONG_SPELLINGS), st.data())
def test_a_heading_split_by_ocr_is_standard(spelling, data):
    # "Out put", "Keleng kapan", "Ke giatan": a gap read as a space, anywhere in the word
    i = data.draw(st.integers(min_value=1, max_value=len(spelling) - 1))
    split = spelling[:i] + data.draw(st.sampled_from([" ", "  "])) + spelling[i:]
    printed = data.draw(st.sampled_from([split, split.upper(), split.title()]))
    assert "HEADING_NONSTANDARD" not in heading_rules(ROLE_OF[spelling], printed)


@given(st.sampled_from(LONG_SPELLINGS), st.data())
def test_a_split_heading_with_a_vowel_misprinted_is_still_nonstandard(spelling, data):
    vowels = [i for i, c in enumerate(spelling) if c in "aeiou" and 0 < i < len(spelling) - 1]
    i = data.draw(st.sampled_from(vowels))
    other = data.draw(st.sampled_from([v for v in "aiu" if v != spelling[i]]))
    misprint = spelling[:i] + other + " " + spelling[i + 1:]
    assert "HEADING_NONSTANDARD" in heading_rules(ROLE_OF[spelling], misprint.title())


@given(st.sampled_from(LONG_SPELLINGS), st.data())
def test_a_heading_with_a_vowel_misprinted_is_nonstandard(spelling, data):
    vowels = [i for i, c in enumerate(spelling) if c in "aeiou"]
    i = data.draw(st.sampled_from(vowels))
    other = data.draw(st.sampled_from([v for v in "aiu" if v != spelling[i]]))
    misprint = spelling[:i] + other + spelling[i + 1:]
    assert "HEADING_NONSTANDARD" in heading_rules(ROLE_OF[spelling], misprint.upper())


BLANKS = st.sampled_from([None, "", " ", "-", "–", "—", " - ", "…", "|", [], "_"])
REQUIRED = ["sop_number", "created_date", "approved_by", "sop_title", "legal_basis", "qualifications",
            "equipment", "warning", "records"]


@given(st.sampled_from(REQUIRED), BLANKS)
def test_a_required_identity_field_left_blank_in_any_way_is_missing(field, blank):
    # a date box is blank when nothing is printed in it (a printed date not understood is DATE_INVALID)
    printed = {f"{field}_text": blank} if field.endswith("_date") else {}
    found = document_findings(good_document(**{field: blank}, **printed), good_steps())
    assert ("IDENTITY_FIELD_MISSING", field) in [(f["rule"], f["field"]) for f in found]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(min_value=1, max_value=900))
def test_an_effective_date_before_the_creation_date_is_out_of_order(created, days_before):
    from datetime import timedelta

    effective = created - timedelta(days=days_before)
    document = good_document(created_date=created.isoformat(), effective_date=effective.isoformat(),
                             approved_date=None, approved_date_text=None)
    rules = [(f["rule"], f["field"]) for f in document_findings(document, good_steps())]
    assert ("DATE_ORDER", "effective_date") in rules
    in_order = good_document(created_date=effective.isoformat(), effective_date=created.isoformat(),
                             approved_date=None, approved_date_text=None)
    assert "DATE_ORDER" not in [f["rule"] for f in document_findings(in_order, good_steps())]


@given(st.text(alphabet="0123456789 ./-abcdefghij", min_size=1, max_size=20).filter(
    lambda t: any(c.isalnum() for c in t)))
def test_a_printed_date_that_could_not_be_read_is_invalid(printed):
    # (a box with only punctuation is blank: no date printed, not a wrong one)
    document = good_document(revised_date=None, revised_date_text=printed)
    assert ("DATE_INVALID", "revised_date") in [(f["rule"], f["field"]) for f in document_findings(document, good_steps())]


@given(st.sampled_from(["NIP. 1965112 7198803 2 001", "19651127198803200", "NIP 196513271988032001", "NIP: -123"]))
def test_a_signatory_nip_that_is_not_valid_is_flagged(printed):
    document = good_document(signatory_nip_text=printed, signatory_nip=None, signatory_nip_valid=False)
    assert "NIP_INVALID" in [f["rule"] for f in document_findings(document, good_steps())]


def numbered_steps(numbers: list[int]) -> list[dict]:
    steps = good_steps(len(numbers))
    for step, number in zip(steps, numbers):
        step["step_no"] = number
    return steps


@given(st.integers(min_value=3, max_value=25), st.data())
def test_a_number_skipped_anywhere_is_a_gap(n, data):
    skipped = data.draw(st.integers(min_value=2, max_value=n - 1))
    numbers = [k for k in range(1, n + 1) if k != skipped]
    found = [(f["rule"], f["step_no"]) for f in document_findings(good_document(), numbered_steps(numbers))]
    assert found == [("STEP_NUMBER_GAP", skipped)]


@given(st.integers(min_value=2, max_value=25), st.data())
def test_a_number_printed_twice_anywhere_is_a_duplicate(n, data):
    twice = data.draw(st.integers(min_value=1, max_value=n))
    numbers = sorted([*range(1, n + 1), twice])
    found = [(f["rule"], f["step_no"]) for f in document_findings(good_document(), numbered_steps(numbers))]
    assert found == [("STEP_NUMBER_DUPLICATE", twice)]


@given(st.integers(min_value=3, max_value=12), st.data())
def test_a_step_without_time_actor_or_output_anywhere_is_found(n, data):
    index = data.draw(st.integers(min_value=0, max_value=n - 1))
    steps = good_steps(n)
    steps[index].update(duration_text=None, duration_minutes=None, duration_problem="missing", actors=[],
                        output=data.draw(BLANKS.filter(lambda b: not isinstance(b, list))))
    found = {(f["rule"], f["step_no"]) for f in document_findings(good_document(), steps)}
    assert {("DURATION_MISSING", index + 1), ("ACTOR_MISSING", index + 1), ("OUTPUT_MISSING", index + 1)} <= found


@given(st.text(min_size=1, max_size=15).filter(lambda t: t.strip()))
def test_a_time_that_cannot_be_measured_is_unparseable_whatever_it_says(printed):
    steps = good_steps()
    steps[2].update(duration_text=printed, duration_minutes=None, duration_problem="unparseable")
    assert ("DURATION_UNPARSEABLE", 3) in [(f["rule"], f["step_no"]) for f in document_findings(good_document(), steps)]


@given(st.sets(st.sampled_from(["activity", "duration_text", "output", "requirements", "step_no"]), min_size=1))
def test_every_field_ocr_read_faintly_is_reported_for_checking(fields):
    steps = good_steps()
    steps[0]["uncertain_fields"] = sorted(fields)
    found = {f["field"] for f in document_findings(good_document(), steps) if f["rule"] == "READING_UNCERTAIN"}
    assert found == fields


def test_an_sop_without_a_flowchart_table_is_reported():
    found = [f["rule"] for f in document_findings(good_document(status="partial"), [])]
    assert "FLOWCHART_MISSING" in found
