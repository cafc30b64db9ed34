"""Plausible duration bands per kind of work (data: pipeline/data/duration_bands.json).

The kind of work is read from the step's activity, not matched against example wordings: the
concepts of its main verbs (any affixed form or synonym of a root, see harmonize.text) and
the roots of its object. "Memutakhirkan buku register" and "Pencatatan pada agenda" are both
CATAT, so both get the band of recording work.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import load_json

BARE_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*$")


@dataclass(frozen=True)
class Band:
    kind: str
    concepts: frozenset[str]
    objects: frozenset[str]  # roots of which the object must name one; empty: any object
    low: float
    high: float

    def fits(self, concept: str, object_roots: set[str]) -> bool:
        return concept in self.concepts and (not self.objects or bool(self.objects & object_roots))


@lru_cache(maxsize=1)
def bands() -> tuple[list[Band], Band]:
    data = load_json("duration_bands.json")
    kinds = [Band(kind["kind"], frozenset(kind["concepts"]), frozenset(kind.get("objects", [])),
                  kind["min"], kind["max"]) for kind in data["kinds"]]
    fallback = data["fallback"]
    return kinds, Band(fallback["kind"], frozenset(), frozenset(), fallback["min"], fallback["max"])


def band_of(activity: str) -> Band:
    """The band of the step's kind of work: the loosest band among its main verbs (the purpose
    clause, "untuk diisi", is someone else's work; the work a generic verb's object may name,
    "menyiapkan berkas", is a guess). Verbs of no known kind are passed over when another has
    one; a step of no known kind gets the fallback."""
    # imported here: the harmonize package loads pandas, which a rerun with nothing to do skips
    from pipeline.harmonize.text import OBJECT_AS_ACTION, SUBORDINATE, parse_activity

    kinds, fallback = bands()
    reading = parse_activity(activity)
    object_roots = set(reading.objects)
    found = [band for action in reading.actions if action.weight not in (SUBORDINATE, OBJECT_AS_ACTION)
             for band in kinds if band.fits(action.concept, object_roots)]
    return max(found, key=lambda band: band.high) if found else fallback


def implausible_duration(activity: str, minutes: float | None, printed: str | None = None) -> str | None:
    """The kind of work whose band the duration falls outside of, with the band in words
    ("penyerahan/penerusan (wajar 1 menit sampai 10 hari)"), or None if plausible. A bare number
    printed without any unit is too long whatever its unit when, read as minutes (the shortest
    unit), it already exceeds the band."""
    band = band_of(activity)
    if minutes is None:
        bare = BARE_NUMBER.match(printed or "")
        plausible = bare is None or float(bare.group(1).replace(",", ".")) <= band.high
    else:
        plausible = band.low <= minutes <= band.high
    return None if plausible else described(band)


def described(band: Band) -> str:
    from pipeline.harmonize.timing import in_words  # see band_of on importing harmonize

    return f"{band.kind} (wajar {in_words(band.low)} sampai {in_words(band.high)})"
