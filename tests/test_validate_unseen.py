"""The rule catalogue on wordings and layouts it was not written from: other verb forms and
synonyms of the same kinds of work, other units, placeholders and OCR specks. Each property
names a defect and generates its variants; the same generators give clean variants that must
stay quiet."""
import json

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
    "penyerahan/penerusan": ["Menyerahkan", "Penyerahan", "Mengirimkan", "Mengantarkan", "Penyampaian",
                             "Menyalurkan", "Membagikan", "Meneruskan"],
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
    standard = heading.strip(".").casefold() in {"output", "keluaran/output", "hasil"}
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
def test_a_heading_with_a_vowel_misprinted_is_nonstandard(spelling, data):
    vowels = [i for i, c in enumerate(spelling) if c in "aeiou"]
    i = data.draw(st.sampled_from(vowels))
    other = data.draw(st.sampled_from([v for v in "aiu" if v != spelling[i]]))
    misprint = spelling[:i] + other + spelling[i + 1:]
    assert "HEADING_NONSTANDARD" in heading_rules(ROLE_OF[spelling], misprint.upper())
