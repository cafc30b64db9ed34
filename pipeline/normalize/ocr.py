"""Repairs for the letters Tesseract confuses in a Waktu cell, applied only to text read by OCR.

A Waktu cell holds a small, known vocabulary (a number and a unit), so a misread there can be
undone with confidence that free text would not allow: "S jam" is "5 jam", "1O menit" is
"10 menit", "20 Menu" is "20 Menit", "2 jarn" is "2 jam", "3 han" is "3 hari", "45 mean" is
"45 menit". A repaired cell is a guess: the caller marks it uncertain.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from pipeline.normalize.durations import heading_unit, unit_aliases

# Letters Tesseract reads for a digit that stands without other digits to give it context.
DIGIT_LOOKALIKES = str.maketrans({"S": "5", "s": "5", "O": "0", "o": "0", "I": "1", "l": "1", "|": "1",
                                  "B": "8", "Z": "2", "z": "2"})
LOOKALIKE = "SsOoIl|BZz"
LETTER_LOOKALIKES = str.maketrans({"0": "O", "5": "S", "8": "B", "1": "I"})  # in a word of letters
MAX_UNIT_EDITS = 2  # "menu" -> "menit"
UNIT_NAMES = ("detik", "menit", "jam", "hari", "minggu", "bulan", "tahun")
# Similarity (rapidfuzz ratio) of a misread word to a unit name, and its lead over the next
# unit: "han" is 57 like hari, "kali" only 50.
SIMILAR_UNIT, UNIT_MARGIN = 55, 10


@lru_cache(maxsize=1)
def number_then_word() -> re.Pattern[str]:
    """A number (possibly with look-alike letters) and the word after it."""
    return re.compile(rf"(?<![\w/])(?P<number>[\d{re.escape(LOOKALIKE)}]{{1,4}})(?P<gap>\s*)(?P<word>[^\W\d_]+)")


def repair_duration_text(text: str | None) -> str | None:
    if not text:
        return text
    return number_then_word().sub(repair_pair, text)


def repair_heading_unit(heading: str | None) -> str | None:
    """A Waktu heading whose unit OCR misread ("Waktu Yam)" for "Waktu (Jam)"): the word after
    "Waktu" is the unit it is most like. Bare numbers in the column take their unit from it."""
    if not heading or heading_unit(heading) is not None:
        return heading
    match = re.search(r"waktu\W+([^\W\d_]+)", heading, re.IGNORECASE)
    unit = closest_unit(match[1].replace("rn", "m")) if match else None
    return heading[: match.start(1)] + unit + heading[match.end(1):] if unit else heading


def repair_pair(match: re.Match[str]) -> str:
    number, word = match["number"], match["word"]
    unit = closest_unit(word.replace("rn", "m"))  # "rn" is how OCR often reads an "m"
    if unit is None:
        return match.group()
    if not any(c.isdigit() for c in number) and (len(number) > 1 or not match["gap"]):
        return match.group()  # a word, not a misread number
    return number.translate(DIGIT_LOOKALIKES) + match["gap"] + unit


def closest_unit(word: str) -> str | None:
    """The unit spelling a word was misread from, or the word itself when it is one."""
    lower = word.lower()
    if lower in unit_aliases():
        return word
    if len(lower) < 3:
        return None
    distances = {alias: Levenshtein.distance(lower, alias) for alias in unit_aliases()
                 if len(alias) >= 4 and alias[:2] == lower[:2]}
    best = min(distances.values(), default=MAX_UNIT_EDITS + 1)
    units = {unit_aliases()[alias] for alias, d in distances.items() if d == best}
    if best <= MAX_UNIT_EDITS and len(units) == 1:
        return units.pop()
    return most_like_a_unit(lower)


def most_like_a_unit(word: str) -> str | None:
    """The unit name a word after a number is clearly most like ("han" hari, "mean" menit,
    "kam" jam): by similarity, with a margin over the next unit."""
    scores = sorted(((ratio(word, unit), unit) for unit in UNIT_NAMES), reverse=True)
    (best, unit), (second, _) = scores[0], scores[1]
    return unit if best >= SIMILAR_UNIT and best - second >= UNIT_MARGIN else None


def repair_date_text(text: str | None) -> str | None:
    """Letters read for digits inside a date's numbers ("2O17", "l2"): a token that is mostly
    digits is all digits; digits read for letters in a month's name ("0ktober"): a word that is
    mostly letters is all letters. Month names are then matched by likeness."""
    if not text:
        return text
    def mended(match: re.Match[str]) -> str:
        token = match.group()
        digits = sum(c.isdigit() for c in token)
        if digits * 2 >= len(token):
            return token.translate(DIGIT_LOOKALIKES)
        return token.translate(LETTER_LOOKALIKES) if len(token) >= 3 else token
    return re.sub(r"\w+", mended, text)


def compact_code(text: str | None) -> str | None:
    """An SOP number read by OCR without the spaces around its separators ("188.44 / 765 /
    KPTS / 2017 - 2"): a number is one code, and the gaps a hand or a reader leaves there are
    not part of it."""
    if not text:
        return text
    # not between two separators: "065/ /ORG" leaves a part to be filled in, as printed
    return re.sub(r"(?<=\w)\s+(?=[/.\-–])|(?<=[/.\-–])\s+(?=\w)", "", text)
