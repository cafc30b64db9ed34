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


# Words that go on to the step's next piece of work, by the same actor ("memverifikasi lalu
# mengirim"): unlike a purpose or a condition ("untuk", "jika"), what follows is timed too.
NEXT_WORK = {"lalu", "kemudian", "selanjutnya"}


def band_of(activity: str) -> Band:
    """The band of the step's kind of work. A step may do several pieces of work, joined by
    "dan" or "lalu" ("menerima dan memeriksa berkas", "Penomoran dan penyerahan SK"): its time
    covers them all, so it takes at least the longest of their shortest times and at most the
    widest of their bands; a piece of no known kind may take any time (the fallback's). Passed
    over: the purpose clause ("untuk diisi", someone else's work), the work a generic verb's
    object may name ("menyiapkan berkas", a guess) and a light verb whose object names no work
    ("memberikan tanda terima": the other verbs say more)."""
    kinds, fallback = bands()
    found = [band for piece in pieces(activity) for band in piece_bands(piece, kinds)]
    known = list(dict.fromkeys(band for band in found if band is not None))
    if not known:
        return fallback
    if len(known) == 1 and len(found) == 1:
        return known[0]
    names = [band.kind for band in known] + (["kegiatan lain"] if None in found else [])
    high = fallback.high if None in found else max(band.high for band in known)
    return Band(" dan ".join(names), frozenset(), frozenset(), max(band.low for band in known), high)


def pieces(activity: str) -> list[str]:
    """The activity cut where it goes on to other work: at "lalu"/"kemudian", and at "dan"/"serta"
    before an action noun ("Penerimaan dan pemeriksaan berkas": nouns of actions are not read
    as joined verbs)."""
    from pipeline.harmonize.text import concept_of, is_nominal_action, words  # see piece_bands

    tokens, cuts = words(activity), [0]
    for i, word in enumerate(tokens):
        if word in NEXT_WORK or (word in ("dan", "serta") and i + 1 < len(tokens)
                                 and is_nominal_action(tokens[i + 1]) and concept_of(tokens[i + 1])):
            cuts.append(i + 1)
    cuts.append(len(tokens))
    return [" ".join(tokens[a:b]) for a, b in zip(cuts, cuts[1:]) if b > a]


def piece_bands(activity: str, kinds: list[Band]) -> list[Band | None]:
    """The band of each main action of one piece of work; None for an action of no known kind."""
    # imported here: the harmonize package loads pandas, which a rerun with nothing to do skips
    from pipeline.harmonize.text import (OBJECT_AS_ACTION, SUBORDINATE, concept_of, is_nominal_action, lexicon,
                                         parse_activity)

    reading = parse_activity(activity)
    object_roots = set(reading.objects)
    light = {root.upper() for root in lexicon().light_verbs}

    def widest(concept: str) -> Band | None:
        return max((band for band in kinds if band.fits(concept, object_roots)), key=lambda band: band.high,
                   default=None)

    found: list[Band | None] = []
    for action in reading.actions:
        if action.weight in (SUBORDINATE, OBJECT_AS_ACTION):
            continue
        band = widest(action.concept)
        if band is None and action.concept in light:
            # "melaksanakan kegiatan penyusunan Renstra": the work is the action noun it names
            named = next((concept for word in reading.object_words
                          if is_nominal_action(word) and (concept := concept_of(word))), None)
            if named is None:
                continue
            band = widest(named)
        found.append(band)
    return found


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
