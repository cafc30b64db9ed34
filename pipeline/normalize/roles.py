"""Roles (actor headings, roles named in activity text) and abbreviation expansion.

- expand_abbreviations("Memerintahkan Kasubag Keu dan Prolap utk menyiapkan ...") ->
  "Memerintahkan Kepala Sub Bagian Keuangan dan Program dan Pelaporan untuk menyiapkan ...":
  shorthand (utk, kpd, dgn, hsl, srt, yg ...), positions and units (Kasubbag, Kabag, Kasi,
  Sekcam, Sekwan, Keu, Prolap, Ka. ...) and acronyms (TU, PK, SKP, RKT, LKj, LAKIP, OPD, SKPD,
  DPA, ATK, SPPD, SPJ, PPTK, JF ...) from pipeline/data/abbreviations.json. Whole words only;
  shorthand keeps the printed case, titles come in title case, acronyms match only as
  printed (case-sensitive); text printed in all caps stays all caps. Spaces are tidied.
- canonical_role("Kasubag Keu dan Prolap") -> "Kepala Sub Bagian"; "Sekwan" -> "Sekretaris
  DPRD"; "JF/Pelaksana", "Staf" -> "Pelaksana" (roles in pipeline/data/roles.json). A heading
  naming two roles gives the first.
- parse_role(heading) -> Role(title, unit): "Kasubbag TU dan Kepegawaian" ->
  Role("Kepala Sub Bagian", "Tata Usaha dan Kepegawaian").
- find_roles(activity) -> the canonical roles named in a text, in order of first mention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import load_json


@dataclass(frozen=True)
class Role:
    title: str  # canonical role, e.g. "Kepala Sub Bagian"
    unit: str | None  # what follows the title, expanded, e.g. "Tata Usaha dan Kepegawaian"


@dataclass(frozen=True)
class Abbreviation:
    pattern: re.Pattern[str]
    expansions: dict[str, str]  # folded key -> expansion
    style: str  # "words", "titles" or "acronyms"


@lru_cache(maxsize=1)
def abbreviation_tables() -> list[Abbreviation]:
    data = load_json("abbreviations.json")
    tables = []
    for style in ("titles", "acronyms", "words"):  # titles first: "sekretaris dewan" before words
        entries = data[style]
        flags = 0 if style == "acronyms" else re.IGNORECASE
        keys = sorted(entries, key=len, reverse=True)
        alternatives = "|".join(key_pattern(key) for key in keys)
        pattern = re.compile(rf"(?<!\w)({alternatives})(?:\.(?=\s+\w))?", flags)
        folded = {key if style == "acronyms" else key.lower(): value for key, value in entries.items()}
        tables.append(Abbreviation(pattern, folded, style))
    return tables


def key_pattern(key: str) -> str:
    """A key as a regex: spaces match any spacing; a whole word, or a final dot before a word."""
    pattern = r"\s+".join(re.escape(part) for part in key.split())
    return pattern + (r"(?=\s*\w)" if key.endswith(".") else r"(?!\w)")


def expand_abbreviations(text: str | None) -> str:
    return expand(text, ("titles", "acronyms", "words"))


def expand(text: str | None, styles: tuple[str, ...], all_caps: bool | None = None) -> str:
    """Expand the abbreviation tables named in styles; all_caps defaults to the text's own."""
    if not text:
        return ""
    if all_caps is None:
        all_caps = is_all_caps(text)
    for table in abbreviation_tables():
        if table.style in styles:
            text = table.pattern.sub(lambda match: expansion(match, table, all_caps), text)
    return tidy(text)


def is_all_caps(text: str) -> bool:
    """Printed in capitals: no lower case, and some word that is not a known acronym."""
    acronyms = load_json("abbreviations.json")["acronyms"]
    words = re.findall(r"[^\W\d_]{3,}", text)
    return not any(char.islower() for char in text) and any(word not in acronyms for word in words)


def expansion(match: re.Match[str], table: Abbreviation, all_caps: bool) -> str:
    printed = match.group(1)
    key = printed if table.style == "acronyms" else " ".join(printed.lower().split())
    expanded = table.expansions[key]
    if all_caps:
        expanded = expanded.upper()
    elif table.style == "words":
        expanded = in_case_of(printed, expanded)
    # "Ka.Biro": keep a space between the expansion and the next word
    return expanded + " " if printed.endswith(".") else expanded


def in_case_of(printed: str, expanded: str) -> str:
    if printed.isupper() and len(printed) > 1:
        return expanded.upper()
    if printed[0].isupper():
        return expanded[0].upper() + expanded[1:]
    return expanded


def tidy(text: str) -> str:
    """Single spaces within lines, no space before punctuation, no blank edges."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    text = "\n".join(line for line in lines if line)
    return re.sub(r" ([,;:)]|\.(?!\.))", r"\1", text)


@lru_cache(maxsize=1)
def role_pattern() -> tuple[re.Pattern[str], list[str]]:
    """One regex with a group per role, in priority order, and the role of each group."""
    titles, groups = [], []
    for title, patterns in load_json("roles.json")["roles"]:
        titles.append(title)
        groups.append(f"(?P<r{len(groups)}>{'|'.join(patterns)})")
    return re.compile(rf"\b(?:{'|'.join(groups)})\b", re.IGNORECASE), titles


def role_text(text: str | None) -> str:
    """Titles expanded, acronyms kept: "SKP" must not name a "Pegawai" role."""
    return expand(text, ("titles", "words"))


def role_matches(text: str | None) -> list[tuple[str, re.Match[str]]]:
    """(role, match in role_text) for every role named in the text."""
    pattern, titles = role_pattern()
    found = []
    for match in pattern.finditer(role_text(text)):
        index = int(match.lastgroup[1:])
        found.append((titles[index], match))
    return found


def canonical_role(text: str | None) -> str | None:
    matches = role_matches(text)
    return matches[0][0] if matches else None


def parse_role(text: str | None) -> Role | None:
    if not text:
        return None
    matches = role_matches(text)
    if not matches:
        return None
    title, match = matches[0]
    all_caps = is_all_caps(text)
    unit = expand(role_text(text)[match.end():], ("acronyms",), all_caps).strip(" ,.:;/-")
    return Role(title, unit or None)


def find_roles(text: str | None) -> list[str]:
    roles: list[str] = []
    for title, _ in role_matches(text):
        if title not in roles:
            roles.append(title)
    return roles
