"""ISO dates from printed SOP dates."""
import pytest
from hypothesis import given, strategies as st

from pipeline.normalize.dates import ParsedDate, parse_date

PARSED = [
    # seeds, dev corpus and the BPS PDFs
    ("09 Januari 2023", "2023-01-09"), ("10 Januari 2023", "2023-01-10"),
    ("Januari 2023", "2023-01"), ("6 April 2023", "2023-04-06"), ("02 Januari 2021", "2021-01-02"),
    ("2 Juni 2025", "2025-06-02"), ("9 November 2024", "2024-11-09"),
    (": 10 Januari 2025", "2025-01-10"), ("Tanggal Efektif 2 Januari 2025", "2025-01-02"),
    # every Indonesian month
    ("1 Februari 2020", "2020-02-01"), ("31 Maret 2020", "2020-03-31"), ("5 Mei 2020", "2020-05-05"),
    ("30 Juni 2020", "2020-06-30"), ("17 Juli 2020", "2020-07-17"), ("17 Agustus 2020", "2020-08-17"),
    ("1 September 2020", "2020-09-01"), ("28 Oktober 2020", "2020-10-28"),
    ("25 Desember 2020", "2020-12-25"),
    # abbreviations and old or wrong spellings
    ("6 Jan 2023", "2023-01-06"), ("6 Jan. 2023", "2023-01-06"), ("6 Peb 2023", "2023-02-06"),
    ("17 Pebruari 2020", "2020-02-17"), ("17 Febuari 2020", "2020-02-17"), ("2 Mrt 2021", "2021-03-02"),
    ("1 Agt 2021", "2021-08-01"), ("5 Agust 2021", "2021-08-05"), ("5 Ags 2021", "2021-08-05"),
    ("3 Nop 2022", "2022-11-03"), ("3 Nopember 2022", "2022-11-03"), ("3 Okt 2022", "2022-10-03"),
    ("1 Des 2020", "2020-12-01"), ("1 Sept 2020", "2020-09-01"), ("1 Sep 2020", "2020-09-01"),
    ("14 Septem 2022", "2022-09-14"), ("9 JANUARI 2023", "2023-01-09"), ("9 januari 2023", "2023-01-09"),
    ("9 Januarl 2023", "2023-01-09"), ("9 Nopembcr 2023", "2023-11-09"),
    # English
    ("9 January 2023", "2023-01-09"), ("January 9, 2023", "2023-01-09"), ("March 3rd 2021", "2021-03-03"),
    ("9 Oct 2023", "2023-10-09"), ("May 2024", "2024-05"), ("August 2019", "2019-08"),
    # month and year only
    ("Mei 2024", "2024-05"), ("Maret 2024", "2024-03"), ("Agustus, 2021", "2021-08"),
    ("Des 2019", "2019-12"), ("01/2023", "2023-01"), ("12-2022", "2022-12"),
    # numeric, day first
    ("09-01-2023", "2023-01-09"), ("09/01/2023", "2023-01-09"), ("9.1.2023", "2023-01-09"),
    ("9/1/2023", "2023-01-09"), ("31-12-2020", "2020-12-31"), ("09/01/23", "2023-01-09"),
    ("2023-01-09", "2023-01-09"), ("2023/1/9", "2023-01-09"),
    # separators, fillers, weekdays
    ("6-Apr-2023", "2023-04-06"), ("06 - April - 2023", "2023-04-06"), ("Senin, 9 Jan. 2023", "2023-01-09"),
    ("tanggal 9 bulan Januari tahun 2023", "2023-01-09"), ("Tgl. 9 Januari 2023", "2023-01-09"),
    ("9 Januari 2023 (revisi ke-1)", "2023-01-09"), ("29 Februari 2024", "2024-02-29"),
    ("9Januari2023", "2023-01-09"),
]

INVALID = [
    "31 Februari 2023", "29 Februari 2023", "31 April 2023", "0 Januari 2023", "32 Januari 2023",
    "13/13/2023", "09-13-2023", "31/02/2023", "2023-02-30", "2023-13-01", "00/01/2023",
    "1 Januari 1850", "13/2023",
]

UNPARSEABLE = ["belum ada", "2023", "Januari", "Tanggal Revisi", "SOP-01/PEM", "xx-xx-xxxx",
               "9 Jumlah 2023"]

MISSING = [None, "", "  ", "-", "–", "—", "-/-/-", "...", ":"]


@pytest.mark.parametrize("text, iso", PARSED)
def test_parsed(text, iso):
    parsed = parse_date(text)
    assert (parsed.iso, parsed.problem) == (iso, None)


@pytest.mark.parametrize("text, iso", [("9 Januarl 2023", "2023-01-09"), ("9 Nopembcr 2023", "2023-11-09"),
                                       ("23 YESEMBEP 2017", "2017-12-23"), ("28 Pesember 2017", "2017-12-28")])
def test_a_month_misread_by_ocr_is_matched_by_similarity_and_marked_approximate(text, iso):
    assert parse_date(text) == ParsedDate(iso, None, approximate=True)


@pytest.mark.parametrize("text", ["9 Januari 2023", "9 Jan 2023", "Septem 2023", "9 Pebruari 2023"])
def test_a_known_month_spelling_is_not_approximate(text):
    assert not parse_date(text).approximate


def test_a_word_like_no_month_is_not_taken_for_one():
    assert parse_date("5 Aawtuc 2024").problem == "unparseable"


@pytest.mark.parametrize("text", INVALID)
def test_impossible_dates_are_reported_not_guessed(text):
    assert parse_date(text) == ParsedDate(None, "invalid")


@pytest.mark.parametrize("text", UNPARSEABLE)
def test_unparseable(text):
    assert parse_date(text) == ParsedDate(None, "unparseable")


@pytest.mark.parametrize("text", MISSING)
def test_missing(text):
    assert parse_date(text) == ParsedDate(None, "missing")


@given(st.text())
def test_never_raises(text):
    parsed = parse_date(text)
    assert parsed.problem in (None, "missing", "unparseable", "invalid")
    assert (parsed.iso is None) == (parsed.problem is not None)


@given(st.integers(0, 40), st.sampled_from(["Januari", "Peb", "Agt", "Nop", "Des", "13", "02"]),
       st.integers(0, 99999), st.sampled_from([" ", "-", "/", "."]))
def test_never_raises_on_date_like_text(day, month, year, sep):
    parsed = parse_date(f"{day}{sep}{month}{sep}{year}")
    assert parsed.iso is None or parsed.iso[:4].isdigit()
