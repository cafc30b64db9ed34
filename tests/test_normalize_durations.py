"""Working minutes from printed Waktu cells (day 450, week 2,250, month 9,900)."""
import pytest
from hypothesis import given, strategies as st

from pipeline.normalize.durations import DEFAULT_CALENDAR, Duration, WorkCalendar, parse_duration

H, D, W, M = 60, 450, 2250, 9900

UNIT_FORMS = [
    ("15 menit", 15), ("15 Menit", 15), ("45 MENIT", 45), ("15mnt", 15), ("15 mnt.", 15),
    ("10 mt", 10), ("30 min", 30), ("2 Jam", 2 * H), ("2 jm", 2 * H), ("7 jam", 7 * H),
    ("3 Hari", 3 * D), ("1 hari kerja", D), ("14 hari kerja", 14 * D), ("5 HK", 5 * D),
    ("3 hk", 3 * D), ("2 hr", 2 * D), ("1 hari kalender", D), ("1 minggu", W), ("1 Minggu", W),
    ("2 mgg", 2 * W), ("1 pekan", W), ("3 bulan", 3 * M), ("1 Bulan", M), ("3 bln", 3 * M),
    ("1 tahun", 12 * M), ("1 thn", 12 * M), ("1 triwulan", 3 * M), ("1 semester", 6 * M),
    ("30 detik", 0.5), ("90 dtk", 1.5), ("120 Hari", 120 * D), ("1 day", D), ("2 hours", 2 * H),
    ("10 minutes", 10), ("1 week", W),
]

COMPOSITE_FORMS = [
    ("1 x 24 jam", 24 * H), ("1x24 jam", 24 * H), ("3 x 24 Jam", 72 * H), ("2 × 1 hari", 2 * D),
    ("5 menit/berkas", 5), ("5 menit / berkas", 5), ("10 menit per surat", 10),
    ("1-2 hari", 2 * D), ("1 - 2 hari", 2 * D), ("30 – 60 menit", 60), ("30—60 menit", 60),
    ("1 s/d 2 hari", 2 * D), ("1 s.d. 2 hari", 2 * D), ("1 sd 2 hari", 2 * D),
    ("1 sampai 2 hari", 2 * D), ("1 sampai dengan 3 hari", 3 * D), ("1 hingga 2 jam", 2 * H),
    ("2 atau 3 hari", 3 * D), ("1 jam - 2 jam", 2 * H), ("30 menit s/d 1 jam", H),
    ("1 jam 30 menit", 90), ("2 hari\n3 jam", 2 * D + 3 * H), ("1 hari, 2 jam", D + 2 * H),
    ("2 bulan;\n5 hari kerja;\n1 hari", 2 * M + 6 * D), ("1 jam + 15 menit", 75),
    ("1,5 jam", 90), ("1.5 jam", 90), ("0,5 hari", 225), ("1/2 hari", 225), ("½ hari", 225),
    ("satu hari", D), ("dua jam", 2 * H), ("Tiga Hari", 3 * D), ("dua puluh menit", 20),
    ("empat puluh lima menit", 45), ("sepuluh menit", 10), ("sebelas hari", 11 * D),
    ("dua belas jam", 12 * H), ("seratus dua puluh menit", 120), ("satu setengah jam", 90),
    ("setengah hari", 225), ("sehari", D), ("seminggu", W), ("sebulan", M),
    ("2 (dua) hari", 2 * D), ("3 (tiga) Jam", 3 * H), ("± 2 jam", 2 * H), ("maks. 3 hari", 3 * D),
    ("paling lama 1 hari", D), ("1 hari kerja setelah evaluasi penawaran", D),
    ("  30 menit  ", 30), ("Setiap 3 bulan", 3 * M),
]

# Waktu cells of the real BPS Bengkulu PDFs (pdfplumber text).
REAL_BPS_FORMS = [
    ("1 hari kerja", D), ("3 hari kerja", 3 * D), ("5 hari kerja;", 5 * D), ("14 hari kerja", 14 * D),
    ("1 minggu", W), ("3 minggu", 3 * W), ("2 Minggu", 2 * W), ("1 bulan", M), ("1 Bulan", M),
    ("3 Bulan", 3 * M), ("3 Hari", 3 * D), ("2 Hari", 2 * D), ("1 hari", D),
    ("2 bulan;\n5 hari kerja;\n1 hari", 2 * M + 6 * D),
]

# Bare numbers take their unit from the printed Waktu heading.
HEADING_FORMS = [
    ("1", "Waktu / Hari", D), ("10", "Waktu / Hari", 10 * D), ("1", "WAKTU / JAM", H),
    ("26", "Waktu (Jam)", 26 * H), ("2", "Waktu / Jam", 2 * H), ("855", "WAKTU (MENIT)", 855),
    ("20", "Waktu (menit)", 20), ("30", "WAKTU / MENIT", 30), ("3", "Waktu (Hari)", 3 * D),
    ("1-2", "Waktu / Hari", 2 * D), ("1,5", "Waktu (Jam)", 90), ("1", "Waktu (hari kerja)", D),
    ("2 jam", "Waktu / Hari", 2 * H), ("15 menit", "Waktu", 15), ("1\n2", "Waktu / Jam", 3 * H),
    ("1 kali", "Waktu / Hari", D),
]

MISSING_FORMS = [None, "", " ", "-", "–", "—", " - ", "--", "...", "\n"]

UNPARSEABLE_FORMS = [
    ("Tentatif", None), ("Segera", None), ("segera", None), ("Setiap Triwulan", None),
    ("Triwulanan", None), ("Sejak Kickoff", None), ("Sejak\nKickoff", None), ("Disesuaikan dengan kebutuhan", None),
    ("1", None), ("30", "Waktu"), ("1 kali", None), ("Lihat SOP-037/17000/2025", "Waktu / Hari"),
    ("SOP-01", "Waktu / Hari"), ("menit", None), ("jam kerja", None), ("1" * 400 + " jam", None),
]


@pytest.mark.parametrize("text, minutes", UNIT_FORMS + COMPOSITE_FORMS + REAL_BPS_FORMS)
def test_printed_forms(text, minutes):
    assert parse_duration(text) == Duration(pytest.approx(minutes), None)


@pytest.mark.parametrize("text, heading, minutes", HEADING_FORMS)
def test_unit_from_heading(text, heading, minutes):
    assert parse_duration(text, heading) == Duration(pytest.approx(minutes), None)


@pytest.mark.parametrize("text", MISSING_FORMS)
def test_missing(text):
    assert parse_duration(text) == Duration(None, "missing")


@pytest.mark.parametrize("text, heading", UNPARSEABLE_FORMS)
def test_unparseable(text, heading):
    assert parse_duration(text, heading) == Duration(None, "unparseable")


def test_calendar_defaults_follow_the_contract():
    calendar = DEFAULT_CALENDAR
    assert [calendar.unit_minutes(unit) for unit in ("jam", "hari", "minggu", "bulan")] == [
        60, 450, 2250, 9900]


def test_other_calendar():
    six_hour_days = WorkCalendar(minutes_per_day=360, days_per_week=6, days_per_month=25)
    assert parse_duration("2 hari", calendar=six_hour_days).minutes == 720
    assert parse_duration("1 minggu", calendar=six_hour_days).minutes == 2160
    assert parse_duration("1", "Waktu / Bulan", six_hour_days).minutes == 9000


@given(st.text(), st.one_of(st.none(), st.text(max_size=30)))
def test_never_raises(text, heading):
    duration = parse_duration(text, heading)
    assert duration.problem in (None, "missing", "unparseable")
    assert (duration.minutes is None) == (duration.problem is not None)


@given(st.text(alphabet="0123456789 ,.-/xs:dhariJjammenitbulnggu\n–½", max_size=40))
def test_never_raises_on_duration_like_text(text):
    duration = parse_duration(text, "Waktu / Hari")
    assert duration.minutes is None or duration.minutes >= 0


@given(st.integers(min_value=1, max_value=9),
       st.sampled_from([("½", 0.5), ("¼", 0.25), ("¾", 0.75), (" 1/2", 0.5), (" 1/4", 0.25), (" 3/4", 0.75)]),
       st.sampled_from(["", " "]), st.sampled_from([("jam", 60), ("hari", 450), ("Jam", 60)]))
def test_a_mixed_number_counts_its_whole_and_its_fraction(whole, fraction, gap, unit):
    (printed, value), (name, minutes) = fraction, unit
    text = f"{whole}{gap if printed.startswith(('½', '¼', '¾')) else ''}{printed} {name}"
    assert parse_duration(text).minutes == pytest.approx((whole + value) * minutes)
