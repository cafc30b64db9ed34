"""Working minutes from a printed Waktu (Mutu Baku) cell.

Accepted forms (case-insensitive; unit spellings in pipeline/data/duration_units.json):

- a number and a unit: "15 menit", "2 Jam", "3 Hari", "1 hari kerja", "5 HK", "1 minggu",
  "1 pekan", "3 bulan", "1 tahun", "30 detik"; abbreviations "mnt", "mt", "jm", "hr", "bln",
  "thn", ...; anything after the unit is ignored ("5 menit/berkas", "1 hari kerja setelah ...");
- a bare number ("1", "30") takes its unit from the column heading ("Waktu / Hari",
  "WAKTU (MENIT)"); with no unit in the cell or the heading it is unparseable;
- decimals with comma or point ("1,5 jam"), fractions ("1/2 hari", "½ hari") and mixed
  numbers ("1½ jam", "1 1/2 jam");
- number words ("dua jam", "dua puluh menit", "satu setengah jam", "sehari"); a number
  repeated in words is read once ("2 (dua) hari");
- products "1 x 24 jam" (= 24 jam = 1,440 working minutes: a jam is always 60 minutes);
- ranges take the upper bound: "1-2 hari", "30 – 60 menit", "1 s/d 2 hari", "1 sampai 2 hari",
  "2 atau 3 hari", "1 jam - 2 jam";
- several durations in one cell add up: "1 jam 30 menit", "2 hari\\n3 jam", "2 bulan; 5 hari".

Working calendar (contract): menit 1, jam 60, hari 450 (37.5 h over a 5-day week), minggu
2,250, bulan 9,900 (22 working days), triwulan 3 bulan, semester 6 bulan, tahun 12 bulan,
detik 1/60. A calendar day ("hari kalender") counts as a working day: the printed figure is
the standard, not a date difference.

parse_duration never raises; it reports "missing" for an empty cell or a dash and
"unparseable" for text with no duration in it ("Tentatif", "Segera", "Setiap Triwulan").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import load_json


@dataclass(frozen=True)
class WorkCalendar:
    minutes_per_day: float = 450.0
    days_per_week: float = 5.0
    days_per_month: float = 22.0

    @property
    def key(self) -> str:
        """Names the calendar in cache keys and run manifests: minutes depend on it."""
        return f"{self.minutes_per_day:g}.{self.days_per_week:g}.{self.days_per_month:g}"

    def unit_minutes(self, unit: str) -> float:
        """Working minutes in one base unit (a key of duration_units.json)."""
        month = self.minutes_per_day * self.days_per_month
        return {
            "detik": 1 / 60,
            "menit": 1.0,
            "jam": 60.0,
            "hari": self.minutes_per_day,
            "minggu": self.minutes_per_day * self.days_per_week,
            "bulan": month,
            "triwulan": 3 * month,
            "semester": 6 * month,
            "tahun": 12 * month,
        }[unit]


DEFAULT_CALENDAR = WorkCalendar()


@dataclass(frozen=True)
class Duration:
    minutes: float | None
    problem: str | None  # None (parsed), "missing", "unparseable"


MISSING = Duration(None, "missing")
UNPARSEABLE = Duration(None, "unparseable")

NUMBER = r"\d+(?:\.\d+)?"
# A number's start: tried once per number, so long digit runs cost linear time.
NUMBER_START = r"(?<![\d.])"
# Words and signs that join the two ends of a range.
RANGE_JOIN = r"(?:-|s\s*/\s*d\.?|s\.\s*d\.?|sd|sampai(?:\s+dengan)?|hingga|atau|~)"
# Text between two durations that makes them a range rather than a sum ("1 jam - 2 jam").
RANGE_BETWEEN = re.compile(rf"\s*{RANGE_JOIN}\s*")
EMPTY_MARKS = re.compile(r"[\s\-–—_.·*/]*")


@lru_cache(maxsize=1)
def unit_aliases() -> dict[str, str]:
    """Spelling -> base unit."""
    units = load_json("duration_units.json")["units"]
    return {alias: unit for unit, aliases in units.items() for alias in aliases}


@lru_cache(maxsize=1)
def duration_pattern() -> re.Pattern[str]:
    """A number (or range), then an optional unit, e.g. "1-2 hari", "30 menit", "3"."""
    aliases = sorted(unit_aliases(), key=len, reverse=True)  # longest spelling first
    unit = "|".join(re.escape(alias) for alias in aliases)
    return re.compile(
        rf"(?<![\w/.])(?<![a-z]-)(?P<low>{NUMBER})(?:\s*{RANGE_JOIN}\s*(?P<high>{NUMBER}))?"
        # a bare number must stand alone: not "037" in "SOP-037/..."
        rf"(?:\s*(?P<unit>{unit})\b\.?|(?![\w/]))"
    )


@lru_cache(maxsize=1)
def number_words() -> dict:
    return load_json("number_words.json")


def words_to_number(words: list[str]) -> float:
    """Value of a run of Indonesian number words: "dua puluh lima" -> 25."""
    table = number_words()
    total, current = 0.0, 0.0
    for word in words:
        if word in table["multipliers"]:
            total += (current or 1) * table["multipliers"][word]
            current = 0.0
        elif word == table["teens"]:
            total += current + 10
            current = 0.0
        elif table["digits"][word] >= 10:  # sepuluh, sebelas, seratus stand alone
            total += current + table["digits"][word]
            current = 0.0
        else:
            current += table["digits"][word]
    return total + current


def replace_number_words(text: str) -> str:
    table = number_words()
    for fused, plain in table["fused"].items():
        text = re.sub(rf"\b{fused}\b", plain, text)
    vocabulary = [*table["digits"], *table["multipliers"], table["teens"]]
    run = rf"\b(?:(?:{'|'.join(vocabulary)})\b\s*)+"
    return re.sub(run, lambda m: f"{words_to_number(m.group().split()):g} ", text)


def clean(text: str) -> str:
    """Lower case, one kind of dash, decimal points, number words as digits."""
    text = text.lower().replace("½", " 1/2").replace("¼", " 1/4").replace("¾", " 3/4")
    text = re.sub(r"[–—−‐‑]", "-", text)
    text = re.sub(r"(?<=\d),(?=\d)", ".", text)  # decimal comma
    text = replace_number_words(text)
    # "2 (2) hari": the number repeated in words (now digits) counts once.
    text = re.sub(rf"{NUMBER_START}({NUMBER})\s*\(\s*\1\s*\)", r"\1", text)
    # a mixed number, "1 1/2 jam" or "1½ jam" (the ½ is " 1/2" by now), then "1/2 hari"
    text = re.sub(r"(?<![\w/.])(\d+)\s+(\d)\s*/\s*(\d)(?![\w/.])", mixed_number, text)
    text = re.sub(r"(?<![\w/.])(\d)\s*/\s*(\d)(?![\w/.])", fraction, text)
    text = re.sub(rf"{NUMBER_START}({NUMBER})\s*[x×*]\s*({NUMBER})", product, text)
    return text


def fraction(match: re.Match[str]) -> str:
    numerator, denominator = float(match.group(1)), float(match.group(2))
    return f"{numerator / denominator:g}" if denominator else match.group()


def mixed_number(match: re.Match[str]) -> str:
    whole, numerator, denominator = (float(match.group(i)) for i in (1, 2, 3))
    return f"{whole + numerator / denominator:g}" if 0 < numerator < denominator else match.group()


def product(match: re.Match[str]) -> str:
    return f"{float(match.group(1)) * float(match.group(2)):g}"


def heading_unit(heading: str | None) -> str | None:
    """The unit named in a Waktu column heading: "Waktu / Hari" -> "hari"."""
    if not heading:
        return None
    aliases = unit_aliases()
    for word in re.findall(r"[a-z]+", heading.lower()):
        if word in aliases:
            return aliases[word]
    return None


def parse_duration(text: str | None, heading: str | None = None,
                   calendar: WorkCalendar = DEFAULT_CALENDAR) -> Duration:
    if text is None or EMPTY_MARKS.fullmatch(text):
        return MISSING
    minutes = cell_minutes(clean(text), heading_unit(heading), calendar)
    if minutes is None or not math.isfinite(minutes):  # a digit run too long for a float
        return UNPARSEABLE
    return Duration(minutes, None)


def stated_minutes(text: str | None, calendar: WorkCalendar = DEFAULT_CALENDAR) -> list[float]:
    """Each time a running text states with its unit ("menjawab sanggahan paling lambat 14 hari
    kalender", "dalam 1 x 24 jam"), in working minutes; a range by its upper bound."""
    if not text:
        return []
    return [float(match["high"] or match["low"]) * calendar.unit_minutes(unit_aliases()[match["unit"]])
            for match in duration_pattern().finditer(clean(text)) if match["unit"]]


def cell_minutes(text: str, default_unit: str | None, calendar: WorkCalendar) -> float | None:
    """Sum of the durations in a cleaned cell; ranges count by their upper bound."""
    parts: list[tuple[re.Match[str], float]] = []
    for match in duration_pattern().finditer(text):
        unit = unit_aliases()[match["unit"]] if match["unit"] else default_unit
        if unit is None:
            continue  # a bare number with no unit anywhere says nothing
        amount = float(match["high"] or match["low"])
        parts.append((match, amount * calendar.unit_minutes(unit)))
    if not parts:
        return None
    total, last = 0.0, None
    for match, minutes in parts:
        if last is not None and RANGE_BETWEEN.fullmatch(text[last[0].end():match.start()]):
            total += max(minutes - last[1], 0.0)  # "1 jam - 2 jam": keep the larger end
            minutes = max(minutes, last[1])
        else:
            total += minutes
        last = (match, minutes)
    return round(total, 4)
