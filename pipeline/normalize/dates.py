"""ISO dates from printed SOP dates (Tanggal Pembuatan / Revisi / Efektif / Pengesahan).

Accepted forms (case-insensitive, found anywhere in the text, the first date wins):

- day, month name, year: "09 Januari 2023", "2 Juni 2025", "6-Apr-2023", "Senin, 9 Jan. 2023";
  month names Indonesian, English, old spellings and abbreviations (Peb, Pebruari, Agt,
  Agust, Nop, Nopember, Okt, Des, Sept, ... see pipeline/data/months.json), other prefixes
  of a month name ("Septem") and near misses of OCR ("Januarl", "Desembep"), matched by
  similarity to the twelve Indonesian names and marked `approximate`;
- month name and year: "Januari 2023" -> "2023-01";
- English order: "January 9, 2023";
- numeric day-month-year: "09-01-2023", "09/01/2023", "9.1.2023", two-digit years as 20yy
  ("09/01/23"); numeric month-year "01/2023" -> "2023-01";
- ISO: "2023-01-09", "2023/01/09".

Numeric dates are always read day first (Indonesian order). An impossible date
("31 Februari 2023", month 13, day 0, a year outside 1900-2100) is reported "invalid" and
never guessed. Empty text or a dash is "missing"; text with no date is "unparseable".
parse_date never raises.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from pipeline.data import load_json


@dataclass(frozen=True)
class ParsedDate:
    iso: str | None
    problem: str | None  # None (parsed), "missing", "unparseable", "invalid"
    # The month word was no known spelling, only like one (an OCR slip): worth a look.
    approximate: bool = False


MISSING = ParsedDate(None, "missing")
UNPARSEABLE = ParsedDate(None, "unparseable")
INVALID = ParsedDate(None, "invalid")

EMPTY_MARKS = re.compile(r"[\s\-–—_.·*/:]*")
# Filler words around a date: "tanggal 9 bulan Januari tahun 2023".
FILLER = re.compile(r"\b(?:tanggal|tgl|bulan|bln|tahun|thn)\b\.?")
SEP = r"\s*(?:[-/.,]\s*)?"
WORD = r"(?<![a-z])([a-z]{3,12})\.?"  # bounded: no quadratic scans of long words
DAY = r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(\d{4})(?!\d)"
MIN_YEAR, MAX_YEAR = 1900, 2100
# Similarity (rapidfuzz ratio) at which a misread word is taken for a month name, as a guess
# marked approximate: "Yesembep" (75) is Desember, "Aawtuc" (46) is no month.
SIMILAR_MONTH = 70

# (pattern, reading of its groups): the order is the priority.
PATTERNS = [
    (re.compile(r"(?<!\d)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<!\d)(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})(?!\d)"), "dmy"),
    (re.compile(DAY + SEP + WORD + SEP + YEAR), "d_name_y"),
    (re.compile(WORD + r"\s+" + DAY + r"\s*,?\s*" + YEAR), "name_d_y"),
    (re.compile(WORD + SEP + YEAR), "name_y"),
    (re.compile(r"(?<![\d/.-])(\d{1,2})\s*[-/.]\s*" + YEAR), "my"),
]


@lru_cache(maxsize=1)
def month_spellings() -> dict[str, int]:
    months = load_json("months.json")["months"]
    return {spelling: int(number) for number, spellings in months.items() for spelling in spellings}


@lru_cache(maxsize=1)
def full_month_names() -> dict[str, int]:
    """The first two spellings of each month: the Indonesian and English full names."""
    months = load_json("months.json")["months"]
    return {name: int(number) for number, spellings in months.items() for name in spellings[:2]}


@lru_cache(maxsize=256)
def month_number(word: str) -> int | None:
    """1-12 for a month word, None for any other word."""
    if word in month_spellings():
        return month_spellings()[word]
    names = full_month_names()
    prefixed = {number for name, number in names.items() if len(word) >= 3 and name.startswith(word)}
    if len(prefixed) == 1:
        return prefixed.pop()
    return month_by_similarity(word)


@lru_cache(maxsize=256)
def month_by_similarity(word: str) -> int | None:
    """The Indonesian month a misread word is most like ("Januarl", "Desembep", "Pesember")."""
    if len(word) < 5:
        return None
    names = indonesian_month_names()
    best = process.extractOne(word, names.keys(), scorer=fuzz.ratio, score_cutoff=SIMILAR_MONTH)
    return names[best[0]] if best else None


@lru_cache(maxsize=1)
def indonesian_month_names() -> dict[str, int]:
    """The twelve Indonesian month names (the first spelling of each month)."""
    return {spellings[0]: int(number) for number, spellings in load_json("months.json")["months"].items()}


def is_known_month(word: str) -> bool:
    """A spelling of a month, or a prefix of one month's name: not a guess."""
    if word in month_spellings():
        return True
    return len({n for name, n in full_month_names().items() if len(word) >= 3 and name.startswith(word)}) == 1


def parse_date(text: str | None) -> ParsedDate:
    if text is None or EMPTY_MARKS.fullmatch(text):
        return MISSING
    cleaned = FILLER.sub(" ", text.lower())
    for pattern, reading in PATTERNS:
        for match in pattern.finditer(cleaned):
            parts = date_parts(match.groups(), reading)
            if parts is not None:
                guessed = any(g.isalpha() and not is_known_month(g) for g in match.groups() if g)
                return replace(checked(*parts), approximate=guessed)
    return UNPARSEABLE


def date_parts(groups: tuple[str, ...], reading: str) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) from a match, or None when a word is not a month."""
    if reading == "ymd":
        return int(groups[0]), int(groups[1]), int(groups[2])
    if reading == "dmy":
        return full_year(groups[2]), int(groups[1]), int(groups[0])
    if reading == "my":
        return int(groups[1]), int(groups[0]), None
    if reading == "d_name_y":
        day, word, year = groups
    elif reading == "name_d_y":
        word, day, year = groups
    else:
        (word, year), day = groups, None
    month = month_number(word)
    if month is None:
        return None
    return int(year), month, int(day) if day is not None else None


def full_year(printed: str) -> int:
    """Two-digit years are of this century: SOPs in this format date from 2012 on."""
    return 2000 + int(printed) if len(printed) == 2 else int(printed)


def checked(year: int, month: int, day: int | None) -> ParsedDate:
    if not MIN_YEAR <= year <= MAX_YEAR or not 1 <= month <= 12:
        return INVALID
    if day is None:
        return ParsedDate(f"{year:04d}-{month:02d}", None)
    try:
        return ParsedDate(datetime.date(year, month, day).isoformat(), None)
    except ValueError:
        return INVALID
