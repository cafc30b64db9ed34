"""The agency that owns an SOP, from a letterhead (kop), an agency line or a position.

canonical_agency(text) -> Agency(unit, region_kind, region_name); Agency.name joins them:

- "SEKRETARIAT DPRD KABUPATEN KAMPAR" -> ("Sekretariat DPRD", "Kabupaten", "Kampar");
- a letterhead, general to specific, one unit per line: "PEMERINTAH PROVINSI SUMATERA
  BARAT\\nSEKRETARIAT DAERAH\\nBIRO ORGANISASI" -> ("Biro Organisasi Sekretariat Daerah",
  "Provinsi", "Sumatera Barat"); a line starting with "dan" continues the one before; address
  and phone lines are skipped;
- a position names the unit it heads: "Camat Dolopo" -> "Kecamatan Dolopo", "Sekretaris DPRD
  Kab. Kampar" -> "Sekretariat DPRD" in Kabupaten Kampar, "Kepala Dinas Kesehatan" ->
  "Dinas Kesehatan";
- abbreviations: "Kab." Kabupaten, "Prov." Provinsi, "Kec." Kecamatan, "Setwan", "Setda",
  "Pemkab"; "Dewan Perwakilan Rakyat Daerah" -> "DPRD"; province short names ("Sumbar") ->
  official names;
- capitals: all-caps or all-lower words in title case, "dan"/"serta" lower, acronyms (DPRD,
  BPS, ...) kept. Words printed in mixed case are kept.
Data: pipeline/data/agency.json and regions.json.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import load_json
from pipeline.names import title_case
from pipeline.normalize.roles import expand


@dataclass(frozen=True)
class Agency:
    unit: str | None  # e.g. "Biro Organisasi Sekretariat Daerah"
    region_kind: str | None  # "Provinsi", "Kabupaten", "Kota"
    region_name: str | None  # e.g. "Sumatera Barat"

    @property
    def name(self) -> str | None:
        parts = [part for part in (self.unit, self.region_kind, self.region_name) if part]
        return " ".join(parts) or None


@lru_cache(maxsize=1)
def agency_data() -> dict:
    return load_json("agency.json")


@lru_cache(maxsize=1)
def regions() -> dict:
    return load_json("regions.json")


@lru_cache(maxsize=1)
def region_pattern() -> re.Pattern[str]:
    """"(Pemerintah) <kind> <name>", the name running to a unit word, punctuation or the end."""
    kinds = "|".join(sorted(regions()["kinds"], key=len, reverse=True))
    stop = "|".join(agency_data()["unit_words"])
    return re.compile(
        rf"(?:\bpemerintah\s+)?\b(?P<kind>{kinds})\b\.?\s+"
        rf"(?P<name>(?:(?!(?:{stop})\b)[^\W\d_][\w'.-]*\s*)+)",
        re.IGNORECASE,
    )


def canonical_agency(text: str | None) -> Agency:
    if not text or not text.strip():
        return Agency(None, None, None)
    region_kind = region_name = None
    segments: list[str] = []
    for line in agency_lines(text):
        region = region_pattern().search(line)
        if region:
            if region_kind is None:
                region_kind = regions()["kinds"][region["kind"].lower()]
                region_name = official_region(region["name"])
            line = line[:region.start()] + " " + line[region.end():]
        segment = unit_of_position(" ".join(line.split()).strip(" ,.:;-"))
        if segment and segment.lower() not in (s.lower() for s in segments):
            segments.append(segment)
    # a letterhead goes from the general to the specific; the name, the other way round
    unit = " ".join(contained_last(segment) for segment in reversed(segments))
    return Agency(title_case(unit) or None, region_kind, region_name)


def agency_lines(text: str) -> list[str]:
    """Lines that name the agency, abbreviations expanded, continuations joined."""
    for long, short in agency_data()["contractions"].items():
        text = re.sub(rf"\b{long}\b", short, text, flags=re.IGNORECASE)
    text = expand(text, ("titles",))
    lines: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or is_address(line):
            continue
        if lines and re.match(r"(?i)(dan|serta|&)\b", line):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return lines


def is_address(line: str) -> bool:
    words = "|".join(re.escape(word) for word in agency_data()["not_agency"])
    return re.search(rf"(?i)(?<!\w)(?:{words})(?!\w)", line) is not None


def official_region(printed: str) -> str:
    name = " ".join(printed.split()).strip(" .,-")
    return regions()["aliases"].get(name.lower()) or title_case(name)


def unit_of_position(line: str) -> str:
    """"Camat Dolopo" -> "Kecamatan Dolopo"; a line that is not a position is kept."""
    lowered = line.lower()
    for position, unit in sorted(agency_data()["positions"].items(), key=lambda p: -len(p[0])):
        if lowered == position or lowered.startswith(position + " "):
            return f"{unit} {line[len(position):].strip()}".strip()
    return line


def contained_last(segment: str) -> str:
    """"Sekretariat Daerah Biro Organisasi" -> "Biro Organisasi Sekretariat Daerah"."""
    for container in agency_data()["containers"]:
        match = re.match(rf"(?i)({container})\s+(\S.*)", segment)
        if match:
            return f"{match[2]} {match[1]}"
    return segment
