"""NIP (Nomor Induk Pegawai) and pangkat/golongan of the signatory.

A NIP has 18 digits: birth date YYYYMMDD, TMT CPNS (appointment) YYYYMM, gender (1 laki-laki,
2 perempuan), sequence number (3 digits). It is printed in many ways: "NIP. 19651127 198803 2
001", "NIP 196511271988032001", "NIP: 19651127.198803.2.001", "19620718198302 1 004". The
digits are read from the longest run of digits on one line (spaces, dots and dashes between
digits are ignored).

parse_nip reports problem "invalid" when the NIP does not have 18 digits, the birth date is
impossible or in the future, the appointment month is impossible or in the future, the gender
digit is not 1 or 2, or the holder would have been appointed before the age of 18 (the
minimum age for a CPNS). `reason` says which.

golongan_for_rank maps a printed pangkat to its golongan/ruang ("Pembina Tk. I" -> "IV/b",
case and "Tk."/"Tkt"/"Tingkat" tolerant; a golongan printed beside the name is used when the
name is unknown); rank_for_golongan goes back ("IV/b", "IV.b", "4b" -> "Pembina Tingkat I").
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import load_json

NIP_LENGTH = 18
MIN_APPOINTMENT_AGE_MONTHS = 18 * 12
MIN_BIRTH_YEAR = 1900
# Digits with at most a few spaces, dots or dashes between them, on one line.
DIGIT_RUN = re.compile(r"\d(?:[ \t.\-]{0,3}\d)*")
ROMAN = {"i": "I", "ii": "II", "iii": "III", "iv": "IV", "1": "I", "2": "II", "3": "III", "4": "IV"}
GOLONGAN = re.compile(r"(?<![a-z0-9])(iv|iii|ii|i|[1-4])\s*(?:[/.\-]\s*)?([a-e])(?![a-z])")


@dataclass(frozen=True)
class NipInfo:
    digits: str
    birth_date: str | None  # YYYY-MM-DD
    appointment_month: str | None  # TMT CPNS, YYYY-MM
    gender: str | None  # "L" laki-laki, "P" perempuan
    sequence: str
    problem: str | None  # None or "invalid"
    reason: str | None = None  # why it is invalid, in words


def printed_digits(text: str | None) -> str | None:
    """The digits of the longest run of digits in the text, whatever their number."""
    runs = [re.sub(r"\D", "", run) for run in DIGIT_RUN.findall(text or "")]
    return max(runs, key=len) if runs else None


def nip_digits(text: str | None) -> str | None:
    digits = printed_digits(text)
    return digits if digits and len(digits) == NIP_LENGTH else None


def parse_nip(text: str | None) -> NipInfo | None:
    """The parts of a printed NIP; None when the text holds no digits at all."""
    digits = printed_digits(text)
    if digits is None:
        return None
    if len(digits) != NIP_LENGTH:
        return NipInfo(digits, None, None, None, "", "invalid",
                       f"{len(digits)} digits, a NIP has {NIP_LENGTH}")
    birth = birth_date(digits[:8])
    appointment = appointment_month(digits[8:14])
    gender = {"1": "L", "2": "P"}.get(digits[14])
    reason = invalid_reason(birth, appointment, gender)
    return NipInfo(
        digits=digits,
        birth_date=birth.isoformat() if birth else None,
        appointment_month=f"{appointment[0]:04d}-{appointment[1]:02d}" if appointment else None,
        gender=gender,
        sequence=digits[15:],
        problem="invalid" if reason else None,
        reason=reason,
    )


def birth_date(printed: str) -> datetime.date | None:
    try:
        born = datetime.date(int(printed[:4]), int(printed[4:6]), int(printed[6:]))
    except ValueError:
        return None
    return born if MIN_BIRTH_YEAR <= born.year and born <= datetime.date.today() else None


def appointment_month(printed: str) -> tuple[int, int] | None:
    year, month = int(printed[:4]), int(printed[4:])
    today = datetime.date.today()
    if not 1 <= month <= 12 or year < MIN_BIRTH_YEAR or (year, month) > (today.year, today.month):
        return None
    return year, month


def invalid_reason(birth: datetime.date | None, appointment: tuple[int, int] | None,
                   gender: str | None) -> str | None:
    if birth is None:
        return "impossible birth date"
    if appointment is None:
        return "impossible appointment month (TMT CPNS)"
    if gender is None:
        return "gender digit is not 1 or 2"
    age_months = (appointment[0] - birth.year) * 12 + appointment[1] - birth.month
    if age_months < MIN_APPOINTMENT_AGE_MONTHS:
        return "appointed before the age of 18"
    return None


@lru_cache(maxsize=1)
def rank_table() -> dict[str, str]:
    """Folded rank name -> golongan."""
    return {fold_rank(name): golongan for name, golongan in load_json("ranks.json")["ranks"].items()}


@lru_cache(maxsize=1)
def rank_names() -> dict[str, str]:
    """Golongan -> canonical rank name."""
    return {golongan: name for name, golongan in load_json("ranks.json")["ranks"].items()}


def fold_rank(text: str) -> str:
    """Lower case, "Tk. I"/"Tkt.I"/"Tingkat 1" -> "tingkat i", no punctuation."""
    text = re.sub(r"\b(?:tingkat|tkt|tk)\b\.?\s*(?:i|1)\b", "tingkat i", text.lower())
    return " ".join(re.sub(r"[^a-z ]", " ", text).split())


def golongan_for_rank(rank: str | None) -> str | None:
    if not rank:
        return None
    printed = GOLONGAN.search(rank.lower())
    name = GOLONGAN.sub(" ", rank.lower())
    golongan = rank_table().get(fold_rank(name))
    if golongan is None and printed:
        golongan = normal_golongan(printed)
    return golongan


def normal_golongan(match: re.Match[str]) -> str:
    return f"{ROMAN[match.group(1)]}/{match.group(2)}"


def rank_for_golongan(golongan: str | None) -> str | None:
    match = GOLONGAN.fullmatch((golongan or "").strip().lower())
    return rank_names().get(normal_golongan(match)) if match else None
