"""Affixing a mark (a test tag riveted to a vehicle, a sticker, a seal, a label, a meterai) is a
few minutes' work whatever the verb's form: thousands of minutes for it are a slip. Installing
other things (a network, boundary markers set into the ground) and posting a notice for a
period are not that kind of work. Each property generates the wordings."""
from hypothesis import given, strategies as st

from pipeline.validate.bands import band_of, implausible_duration
from pipeline.validate.rules import document_findings

from test_validate_rules import good_document, good_steps

DAY = 450  # working minutes

# (active, passive, action noun) of verbs of fixing something onto something
AFFIX_VERBS = [("memasang", "dipasang", "Pemasangan"), ("menempelkan", "ditempel", "Penempelan"),
               ("mengeling", "dikeling", "Pengelingan"), ("melekatkan", "dilekatkan", "Pelekatan")]
MARKS = ["tanda uji", "stiker lulus uji", "label", "segel", "meterai", "plat nomor", "tanda lulus"]
PLACES = ["pada plat samping kendaraan", "pada kaca depan", "di sampul berkas", "pada meter air", ""]
WORKERS = ["Penguji", "Petugas", "Staf administrasi"]


def affixing(worker: str, verb: tuple, form: int, mark: str, place: str) -> str:
    """"Penguji memasang tanda uji pada ...", "Tanda uji dikeling pada ...", "Pengelingan tanda uji ..."."""
    if form == 0:
        text = f"{worker} {verb[0]} {mark} {place}"
    elif form == 1:
        text = f"{mark.capitalize()} {verb[1]} {place}"
    else:
        text = f"{verb[2]} {mark} {place}"
    return text.strip()


affixings = st.builds(affixing, st.sampled_from(WORKERS), st.sampled_from(AFFIX_VERBS), st.integers(0, 2),
                      st.sampled_from(MARKS), st.sampled_from(PLACES))


@given(affixings, st.integers(2251, 99999))
def test_affixing_a_mark_in_thousands_of_minutes_is_implausible(activity, minutes):
    assert band_of(activity).high <= 5 * DAY, activity
    assert implausible_duration(activity, float(minutes)), activity


@given(affixings, st.integers(1, 5 * DAY))
def test_affixing_a_mark_in_minutes_to_days_is_plausible(activity, minutes):
    assert implausible_duration(activity, float(minutes)) is None, activity


@given(affixings, st.integers(2251, 99999))
def test_a_bare_number_beyond_affixing_a_mark_is_implausible_whatever_its_unit(activity, number):
    assert implausible_duration(activity, None, str(number)), activity


@given(st.sampled_from(AFFIX_VERBS), st.sampled_from(["jaringan internet", "instalasi listrik", "tanda batas bidang tanah",
                                                      "pengumuman di papan pengumuman", "tenda acara"]),
       st.integers(11, 60))
def test_installing_other_things_or_posting_a_notice_may_take_weeks(verb, thing, days):
    activity = f"Petugas {verb[0]} {thing}"
    assert implausible_duration(activity, float(days * DAY)) is None, activity


@given(affixings, st.sampled_from([4320, 7200, 14400]))
def test_the_validator_reports_the_step_that_affixes_a_mark_for_days_on_end(activity, minutes):
    steps = good_steps()
    steps[2] |= {"activity": activity, "duration_text": str(minutes), "duration_minutes": float(minutes)}
    found = [(f["rule"], f["step_no"]) for f in document_findings(good_document(), steps)]
    assert ("DURATION_IMPLAUSIBLE", 3) in found, activity
