"""More of the rule catalogue on wordings and layouts it was not written from: steps that do
several pieces of work, headings misprinted by a letter, list boxes holding only a dash,
approval dates before the SOP was made, SOPs without a flowchart table. Each property
generates its variants; clean variants must stay quiet."""
import json
from datetime import date, timedelta

from hypothesis import given, strategies as st

from pipeline.extract.vocabulary import classify_heading
from pipeline.validate.bands import band_of, implausible_duration
from pipeline.validate.rules import document_findings

from test_validate_rules import good_document, good_steps

DAY = 450  # working minutes

# Clerical work of a known kind, as verb, passive and action noun
CLERICAL = [("Menerima", "diterima", "Penerimaan"), ("Mencatat", "dicatat", "Pencatatan"),
            ("Menyerahkan", "diserahkan", "Penyerahan"), ("Mengarsipkan", "diarsipkan", "Pengarsipan"),
            ("Meneruskan", "diteruskan", "Penerusan")]
# Work no band knows: its time may be anything
OPEN_ENDED = [("memeriksa", "diperiksa", "pemeriksaan"), ("meneliti", "diteliti", "penelitian"),
              ("memantau", "dipantau", "pemantauan"), ("mencocokkan", "dicocokkan", "pencocokan")]
OBJECTS = ["berkas usulan", "surat permohonan", "kontrak pengadaan", "SK kenaikan pangkat"]  # no data or report:
# examining them is of no known kind
JOINS = ["dan", "serta", "lalu", "kemudian", "selanjutnya"]


def joined(first: tuple, second: tuple, form: int, join: str, work_object: str) -> str:
    """Two pieces of work in one step, both as verbs, as passives ("Berkas diterima lalu
    diperiksa") or as action nouns ("Penerimaan dan pemeriksaan berkas")."""
    if form == 0:
        return f"{first[0]} {work_object} {join} {second[0]}"
    if form == 1:
        return f"{work_object.capitalize()} {first[1]} {join} {second[1]}"
    return f"{first[2]} {'dan' if join in ('lalu', 'kemudian', 'selanjutnya') else join} {second[2]} {work_object}"


@given(st.sampled_from(CLERICAL), st.sampled_from(OPEN_ENDED), st.integers(0, 2), st.sampled_from(JOINS),
       st.sampled_from(OBJECTS), st.booleans(), st.integers(11, 80))
def test_a_step_joining_clerical_work_to_open_ended_work_may_take_weeks(clerical, other, form, join, work_object,
                                                                        clerical_first, days):
    first, second = (clerical, other) if clerical_first else (other, tuple(w.lower() for w in clerical))
    activity = joined(first, second, form, join, work_object)
    assert implausible_duration(activity, float(days * DAY)) is None, activity


@given(st.sampled_from(CLERICAL), st.sampled_from(CLERICAL), st.integers(0, 2), st.sampled_from(JOINS),
       st.sampled_from(OBJECTS), st.integers(11, 80))
def test_two_pieces_of_clerical_work_in_tens_of_days_stay_implausible(first, second, form, join, work_object, days):
    activity = joined(first, tuple(w.lower() for w in second), form, join, work_object)
    found = implausible_duration(activity, float(days * DAY))
    assert found and "wajar" in found, activity


@given(st.sampled_from(CLERICAL), st.sampled_from(OPEN_ENDED), st.sampled_from(OBJECTS))
def test_the_purpose_of_a_step_is_not_its_own_work(clerical, other, work_object):
    # "untuk diperiksa": someone else examines it afterwards; the step only receives
    activity = f"{clerical[0]} {work_object} untuk {other[1]}"
    assert band_of(activity).high <= 10 * DAY
    assert implausible_duration(activity, float(30 * DAY))


@given(st.sampled_from(["Menyusun", "Mengolah", "Penyusunan", "Pengolahan"]), st.sampled_from(OPEN_ENDED),
       st.sampled_from(["data kinerja", "laporan kinerja", "data capaian"]), st.integers(1, 4))
def test_joined_work_keeps_the_shortest_time_of_its_slowest_piece(analysis, other, work_object, minutes):
    # gathering and analysing data in a few minutes is still too short for the analysis
    activity = f"{other[0].capitalize()} dan {analysis.lower()} {work_object}"
    assert implausible_duration(activity, float(minutes)), activity


@given(st.sampled_from(["laksanakan", "lakukan"]), st.sampled_from(["kegiatan", "proses"]),
       st.sampled_from(["penyusunan Renstra", "pemeriksaan lapangan", "penelitian berkas"]),
       st.sampled_from(CLERICAL), st.integers(11, 60))
def test_a_light_verb_takes_the_work_its_object_names(verb, filler, work, clerical, days):
    activity = f"Kasubbag me{verb} {filler} {work} dan {clerical[0].lower()}nya"
    assert implausible_duration(activity, float(days * DAY)) is None, activity


def misprints(word: str) -> st.SearchStrategy[str]:
    """The word with one letter dropped, doubled or two neighbours swapped (a typing slip)."""
    slips = {word[:i] + word[i + 1:] for i in range(1, len(word))} | \
        {word[:i] + word[i] + word[i:] for i in range(1, len(word))} | \
        {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1)}
    return st.sampled_from(sorted(slips - {word}))


HEADING_WORDS = {"activity": "kegiatan", "requirements": "kelengkapan", "output": "keluaran", "notes": "keterangan"}


@given(st.sampled_from(sorted(HEADING_WORDS)).flatmap(lambda role: st.tuples(st.just(role),
                                                                              misprints(HEADING_WORDS[role]))),
       st.sampled_from([str.upper, str.title, str.lower]))
def test_a_heading_misprinted_by_a_letter_keeps_its_column_and_is_flagged(case, case_of):
    role, printed = case
    assert classify_heading(case_of(printed)) == role
    headings = {"activity": "Kegiatan", "mutu_baku": "Mutu Baku", "duration": "Waktu", role: case_of(printed)}
    found = document_findings(good_document(headings=json.dumps(headings)), good_steps())
    assert [f["field"] for f in found if f["rule"] == "HEADING_NONSTANDARD"] == ["headings"]


@given(st.sampled_from(["Kepala Dinas", "Kasubbag Umum", "Pengadministrasi Persuratan", "Petugas Loket",
                        "Analis Kepegawaian", "Bendahara Pengeluaran", "Staf Perencanaan", "Pengurus Barang",
                        "Pemohon", "Sekretaris", "Pelaksana", "Camat", "Pengetik", "Keuangan"]))
def test_actor_headings_are_no_misprinted_column_heading(actor):
    assert classify_heading(actor) is None


@given(st.sampled_from(["legal_basis", "qualifications", "equipment"]),
       st.lists(st.sampled_from(["-", "—", "–", "", " ", "_"]), min_size=1, max_size=3))
def test_a_list_box_holding_only_dashes_is_missing(field, dashes):
    found = document_findings(good_document(**{field: dashes}), good_steps())
    assert ("IDENTITY_FIELD_MISSING", field) in [(f["rule"], f["field"]) for f in found]


SOP_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))  # the years a date may have


@given(SOP_DATES, st.integers(min_value=1, max_value=700))
def test_an_sop_approved_before_it_was_made_is_out_of_order(created, days_before):
    approved = created - timedelta(days=days_before)
    document = good_document(created_date=created.isoformat(), approved_date=approved.isoformat(),
                             effective_date=None, effective_date_text=None)
    found = [(f["rule"], f["field"]) for f in document_findings(document, good_steps())]
    assert ("DATE_ORDER", "approved_date") in found


@given(SOP_DATES, st.integers(min_value=0, max_value=700))
def test_an_sop_approved_after_it_was_made_is_in_order(created, days_after):
    approved = created + timedelta(days=days_after)
    document = good_document(created_date=created.isoformat(), approved_date=approved.isoformat(),
                             effective_date=approved.isoformat())
    assert "DATE_ORDER" not in [f["rule"] for f in document_findings(document, good_steps())]


@given(st.sampled_from(["sop_number", "sop_title", "approved_by"]), st.booleans())
def test_an_sop_without_a_flowchart_table_is_reported_whatever_else_it_lacks(field, steps_listed):
    steps = [dict(step, actors=[]) for step in good_steps()] if steps_listed else []
    found = [f["rule"] for f in document_findings(good_document(status="partial", **{field: None}), steps)]
    assert "FLOWCHART_MISSING" in found and "ACTOR_MISSING" not in found
