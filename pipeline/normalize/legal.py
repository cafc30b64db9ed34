"""Regulations cited in Dasar Hukum, one id per regulation however it is spelt.

parse_legal_reference(text) -> LegalReference(kind, number, year, subject, ref_id, issuer):

- the kind is found by a spaCy EntityRuler over an Indonesian tokenizer, with the spellings
  of pipeline/data/legal_kinds.json: UU / Undang-Undang, PP, Perpres, Keppres, Permen PAN-RB
  ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "Permenpan RB",
  "PermenPAN dan RB", "PermenPAN-RB", "Permen PANRB" ...), Permendagri, PMK / Permenkeu,
  other Peraturan/Keputusan Menteri, Pergub, Perbup, Perwali / Perwako, Perda, Keputusan
  Gubernur/Bupati/Wali Kota, Peraturan (Kepala) / Perka of an agency (BPS, BKN, LKPP ...),
  Keputusan (Kepala), Surat Edaran;
- the number: "Nomor 53 Tahun 2014", "No. 53 Tahun 2014", "No 71 Tahun 2020", "1/2023",
  "Nomor 113/PMK.05/2012" (number kept as printed, year 2012);
- the subject: the words after "tentang";
- ref_id: kind-[issuer-]number-year in lower case, e.g. "permenpanrb-53-2014",
  "perpres-29-2014", "pmk-113-2012", "pergub-sumatera-barat-71-2020" (a regional
  regulation names its region when printed; short names such as "Sumbar" are resolved),
  "peraturan-bps-1-2023" (Peraturan BPS and Peraturan Kepala BPS are one series).

The first regulation of the text is the one cited: a regulation named in the subject
("... tentang Pelaksanaan Undang-Undang Nomor 43 Tahun 2009") is not. parse_legal_references
splits entries joined by "jo." (juncto). Both never raise; None when no regulation is found.

The pipeline is spacy.blank("id")'s Indonesian language without its ~16,000 tokenizer
exceptions (reduplicated words such as "masing-masing"): building them takes ~8 s, and no
pattern needs them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import load_json

ENTITY_LABEL = "REGULATION"
NUMBER_WORD = re.compile(r"\b(?:nomor|nomer|nmr|no)\b\s*\.?\s*:?\s*", re.IGNORECASE)
# after "Nomor" a number may start with letters: "PER/21/M.PAN/11/2008"
PRINTED_NUMBER = re.compile(r"\w[\w.\-]*(?:\s*/\s*[\w.\-]+)*")
NUMBER = re.compile(r"(?<![\w/])\d+[a-z]?(?:\s*/\s*[\w.\-]+)*", re.IGNORECASE)
YEAR_WORD = re.compile(r"\btahun\s*((?:19|20)\d\d)\b", re.IGNORECASE)
TENTANG = re.compile(r"\btentang\b", re.IGNORECASE)
JUNCTO = re.compile(r"\s*\b(?:jo|juncto|jis)\b\.?\s*", re.IGNORECASE)
# The kind opens an entry: spaCy reads only this many characters (long OCR noise stays cheap).
KIND_WINDOW = 500
LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[a-z])\s*[.,)]\s+", re.IGNORECASE)


@dataclass(frozen=True)
class LegalReference:
    kind: str  # e.g. "Peraturan Presiden"
    number: str | None  # as printed: "29", "113/PMK.05/2012"
    year: int | None
    subject: str | None  # after "tentang"
    ref_id: str | None  # e.g. "perpres-29-2014"; None without number and year
    issuer: str | None = None  # region, ministry or agency named between kind and number


@dataclass(frozen=True)
class Kind:
    id: str
    name: str
    issuer: str | None


@lru_cache(maxsize=1)
def kinds() -> dict[str, Kind]:
    return {entry["id"]: Kind(entry["id"], entry["name"], entry.get("issuer"))
            for entry in load_json("legal_kinds.json")["kinds"]}


@lru_cache(maxsize=1)
def legal_nlp():
    """The spaCy pipeline, built once: Indonesian tokenizer and an EntityRuler of kinds."""
    from spacy.lang.id import Indonesian
    from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS

    class LegalIndonesian(Indonesian):
        class Defaults(Indonesian.Defaults):
            tokenizer_exceptions = BASE_EXCEPTIONS

    nlp = LegalIndonesian()
    ruler = nlp.add_pipe("entity_ruler", config={"validate": True})
    ruler.add_patterns([
        {"label": ENTITY_LABEL, "id": entry["id"], "pattern": token_pattern(pattern)}
        for entry in load_json("legal_kinds.json")["kinds"] for pattern in entry["patterns"]
    ])
    return nlp


def token_pattern(pattern: str) -> list[dict]:
    """"permenpan (-|dan)? rb?" -> spaCy token patterns; a final "?" makes a token optional."""
    tokens = []
    for token in pattern.split():
        optional = len(token) > 1 and token.endswith("?")
        regex = token[:-1] if optional else token
        spec: dict = {"LOWER": {"REGEX": f"^(?:{regex})$"}}
        if optional:
            spec["OP"] = "?"
        tokens.append(spec)
    return tokens


def clean(text: str) -> str:
    """One line: words broken at a line end joined ("Undang-\\nUndang"), list number dropped."""
    text = re.sub(r"-\s*\n\s*", "-", text)
    return LIST_NUMBER.sub("", " ".join(text.split()))


def parse_legal_reference(text: str | None) -> LegalReference | None:
    references = parse_legal_references(text)
    return references[0] if references else None


def parse_legal_references(text: str | None) -> list[LegalReference]:
    if not text or not text.strip():
        return []
    parts = JUNCTO.split(clean(text))
    return [reference for part in parts if (reference := parse_one(part)) is not None]


def parse_one(text: str) -> LegalReference | None:
    entities = [ent for ent in legal_nlp()(text[:KIND_WINDOW]).ents if ent.label_ == ENTITY_LABEL]
    if not entities:
        return None
    entity = entities[0]
    kind = kinds()[entity.ent_id_]
    after = text[entity.end_char:]
    tentang = TENTANG.search(after)
    head = after[:tentang.start()] if tentang else after
    subject = after[tentang.end():].strip(" ;,.:") if tentang else None
    number, year, issuer_text = number_and_year(head)
    issuer = issuer_key(kind, issuer_text)
    return LegalReference(
        kind=kind.name,
        number=number,
        year=year,
        subject=subject or None,
        ref_id=reference_id(kind, issuer, number, year),
        issuer=issuer_text if kind.issuer and issuer_text else None,
    )


def number_and_year(head: str) -> tuple[str | None, int | None, str]:
    """(number as printed, year, words before the number) from "Sumbar No 71 Tahun 2020"."""
    match = NUMBER_WORD.search(head)
    number_match = PRINTED_NUMBER.match(head, match.end()) if match else None
    if number_match is None or not re.search(r"\d", number_match.group()):
        match, number_match = None, NUMBER.search(head)
    year_match = YEAR_WORD.search(head)
    year = int(year_match[1]) if year_match else None
    if number_match is None:
        issuer_end = year_match.start() if year_match else len(head)
        return None, year, head[:issuer_end].strip(" ,.:;")
    issuer_text = head[:(match or number_match).start()].strip(" ,.:;")
    number = re.sub(r"\s*/\s*", "/", number_match.group()).rstrip(".-")
    short = re.fullmatch(r"(\d+[a-z]?)/((?:19|20)\d\d)", number, re.IGNORECASE)
    if short:  # "1/2023": number 1 of 2023
        return short[1], int(short[2]), issuer_text
    if year is None:
        trailing = re.search(r"/((?:19|20)\d\d)$", number)
        year = int(trailing[1]) if trailing else None
    return number, year, issuer_text


def issuer_key(kind: Kind, printed: str) -> str | None:
    """The issuer's part of the id: a region, ministry or agency, spelt one way."""
    if not kind.issuer or not printed:
        return None
    text = re.sub(r"\b(?:republik indonesia|ri)\b", " ", printed.lower())
    if kind.issuer == "agency":
        text = re.sub(r"^\s*kepala\b", " ", text)
        name = " ".join(text.split())
        return slug(load_json("legal_kinds.json")["agencies"].get(name, name))
    if kind.issuer == "region":
        text = region_name(text, keep_kind=kind.id == "perda")
    return slug(text)


def region_name(text: str, keep_kind: bool) -> str:
    """"Provinsi Sumbar" -> "sumatera barat"; a Perda keeps its kind ("kabupaten madiun")."""
    region_kinds = load_json("regions.json")["kinds"]
    words = text.replace(".", " ").split()
    kind = region_kinds.get(words[0]) if words else None
    if kind:
        words = words[1:]
    name = " ".join(words)
    name = load_json("regions.json")["aliases"].get(name, name).lower()
    return f"{kind.lower()} {name}" if keep_kind and kind else name


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def reference_id(kind: Kind, issuer: str | None, number: str | None, year: int | None) -> str | None:
    if number is None and year is None:
        return None
    leading = re.search(r"\d+[a-z]?", number, re.IGNORECASE) if number else None
    parts = [kind.id, issuer, leading.group().lower() if leading else None,
             str(year) if year else None]
    return "-".join(part for part in parts if part)
