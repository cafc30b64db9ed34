"""Plausible duration bands per kind of work (data: pipeline/data/duration_bands.json).

The kind of work is read from the step's action and its object, not matched against example
wordings: the concepts of its main verbs (any affixed form or synonym of a root, see
harmonize.text) and the roots of its object. "Memutakhirkan buku register" and "Pencatatan
pada agenda" are both CATAT, so both get the band of recording work; "menetapkan keputusan"
(a decree) is not the quick approval "menyetujui permohonan" is, though both are SETUJU.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import load_json
from pipeline.normalize.durations import stated_minutes

BARE_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*$")
# A time the step's own text prescribes ("menjawab sanggahan paling lambat 14 hari") is the
# rule's deadline, not a slip: a mistyped unit is not printed twice. Rounding aside
# ("5 hari kalender", "1 minggu"), the two are the same time.
SAME_TIME = 1.5


@dataclass(frozen=True)
class Band:
    kind: str
    concepts: frozenset[str]
    objects: frozenset[str]  # roots of which the object must name one; empty: any object
    low: float
    high: float
    places: frozenset[str] = frozenset()  # registers an item is put in or taken out of
    head_object: bool = False  # `objects` must be the object's head noun, not a word modifying it

    def fits(self, concept: str, object_roots: set[str], head_root: str | None = None) -> bool:
        named = {head_root} if self.head_object else object_roots
        return concept in self.concepts and (not self.objects or bool(self.objects & named))


@dataclass(frozen=True)
class Bands:
    kinds: list[Band]
    made_in_step: Band  # handing over or reporting a piece of work the actor makes in the step
    fallback: Band


def band_from(entry: dict) -> Band:
    """A band as duration_bands.json gives it."""
    return Band(entry["kind"], frozenset(entry.get("concepts", [])), frozenset(entry.get("objects", [])),
                entry["min"], entry["max"], frozenset(entry.get("places", [])), entry.get("head_object", False))


@lru_cache(maxsize=1)
def bands() -> Bands:
    data = load_json("duration_bands.json")
    return Bands([band_from(kind) for kind in data["kinds"]], band_from(data["made_in_step"]),
                 band_from(data["fallback"]))


# Words that go on to the step's next piece of work, by the same actor ("memverifikasi lalu
# mengirim"): unlike a purpose or a condition ("untuk", "jika"), what follows is timed too.
NEXT_WORK = {"lalu", "kemudian", "selanjutnya"}
# Where an item goes into or comes out of ("dikeluarkan dari kartu inventaris", "dimasukkan ke
# dalam daftar"); a comparison ("dengan daftar") or a relative clause ("yang masuk ke daftar")
# is no place of the step's own work.
PLACE_MARKERS = {"dari", "ke", "pada", "dalam", "di"}


def band_of(activity: str, requirements=None) -> Band:
    """The band of the step's kind of work. A step may do several pieces of work, joined by
    "dan" or "lalu" ("menerima dan memeriksa berkas", "Penomoran dan penyerahan SK"): its time
    covers them all, so it takes at least the longest of their shortest times and at most the
    widest of their bands; a piece of no known kind may take any time (the fallback's). Passed
    over: the purpose clause ("untuk diisi", someone else's work), the work a generic verb's
    object may name ("menyiapkan berkas", a guess) and a light verb whose object names no work
    ("memberikan tanda terima": the other verbs say more). The requirements (Kelengkapan) tell
    whether a report handed over was made in the step."""
    known_bands = bands()
    found = [found_band for piece in pieces(activity)
             for found_band in piece_bands(piece, known_bands, requirements)]
    known = list(dict.fromkeys(found_band for found_band in found if found_band is not None))
    if not known:
        return known_bands.fallback
    if len(known) == 1 and len(found) == 1:
        return known[0]
    names = [found_band.kind for found_band in known] + (["kegiatan lain"] if None in found else [])
    high = known_bands.fallback.high if None in found else max(found_band.high for found_band in known)
    return Band(" dan ".join(names), frozenset(), frozenset(), max(found_band.low for found_band in known), high)


def pieces(activity: str) -> list[str]:
    """The activity cut where it goes on to other work: at "lalu"/"kemudian", and at "dan"/"serta"
    before an action noun ("Penerimaan dan pemeriksaan berkas": nouns of actions are not read
    as joined verbs) or a verb ("memeriksa kelengkapan berkas dan menilai kelayakan proposal":
    each piece keeps its own object)."""
    from pipeline.harmonize.text import concept_of, is_nominal_action, is_verb_form, words  # see piece_bands

    tokens, cuts = words(activity), [0]
    for i, word in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if word in NEXT_WORK or (word in ("dan", "serta") and (
                is_verb_form(following) or is_nominal_action(following)) and concept_of(following)):
            cuts.append(i + 1)
    cuts.append(len(tokens))
    return [" ".join(tokens[a:b]) for a, b in zip(cuts, cuts[1:]) if b > a]


def piece_bands(activity: str, known: Bands, requirements=None) -> list[Band | None]:
    """The band of each main action of one piece of work; None for an action of no known kind."""
    # imported here: the harmonize package loads pandas, which a rerun with nothing to do skips
    from pipeline.harmonize.text import (OBJECT_AS_ACTION, SUBORDINATE, canonical_noun, concept_of,
                                         is_nominal_action, lexicon, parse_activity)

    reading = parse_activity(activity)
    object_roots = set(reading.objects)
    head_root = canonical_noun(reading.object_words[0]) if reading.object_words else None
    light = {root.upper() for root in lexicon().light_verbs}
    made = made_in_step(reading, requirements, known.made_in_step)
    register = entry_place(activity, known.kinds)

    def widest(concept: str) -> Band | None:
        fitting = [kind for kind in known.kinds if kind.fits(concept, object_roots, head_root)]
        if made and concept in made.concepts:
            fitting.append(made)
        return max(fitting, key=lambda kind: kind.high, default=None)

    found: list[Band | None] = []
    for action in reading.actions:
        if action.weight in (SUBORDINATE, OBJECT_AS_ACTION):
            continue
        kind = widest(action.concept)
        if kind is None and action.concept in light:
            # "melaksanakan kegiatan penyusunan Renstra": the work is the action noun it names
            named = next((concept for word in reading.object_words
                          if is_nominal_action(word) and (concept := concept_of(word))), None)
            if named is None:
                continue
            kind = widest(named)
        found.append(kind if kind is not None else register)
    return found


def roots(text) -> set[str]:
    """The roots of a text's words; none of a missing value (None, NaN, pd.NA)."""
    from pipeline.harmonize.text import canonical_noun, words  # see piece_bands

    return {canonical_noun(word) for word in words(text)} if isinstance(text, str) else set()


def made_in_step(reading, requirements, made: Band) -> Band | None:
    """The band of making and handing over a piece of work. A step that reports on work done
    ("Organisasi melaporkan penggunaan dana": an action noun) writes its report; one that hands
    over a report ("Penerima menyampaikan laporan penggunaan hibah") writes it when its
    Kelengkapan lists what it works from and no report among it. A report listed there was
    made before and is only passed on; with no Kelengkapan, nothing says it was written in the
    step. Reporting an item ("melaporkan formulir isian") is passing it on too. `reading`: the
    piece of work as harmonize.text.parse_activity reads it."""
    from pipeline.harmonize.text import is_nominal_action, stem  # see piece_bands

    inputs = roots(requirements)
    if made.objects & inputs:
        return None
    on_work = (reading.head_word is not None and stem(reading.head_word) in made.objects
               and bool(reading.object_words) and is_nominal_action(reading.object_words[0]))
    hands_over = bool(made.objects & set(reading.objects)) and bool(inputs)
    return made if on_work or hands_over else None


def entry_place(activity: str, kinds: list[Band]) -> Band | None:
    """The band of the register an item goes into or comes out of in the main clause ("Aset
    dikeluarkan dari kartu inventaris", "Nama dihapus dari daftar"), whatever the verb."""
    from pipeline.harmonize.text import canonical_noun, lexicon, words  # see piece_bands

    lex = lexicon()
    tokens = words(activity)
    for i, word in enumerate(tokens):
        if word == "yang" or word in lex.clause_breakers:
            break
        if word not in PLACE_MARKERS:
            continue
        place = next((token for token in tokens[i + 1:] if token not in PLACE_MARKERS), None)
        if place is None:
            break
        for kind in kinds:
            if canonical_noun(place) in kind.places:
                return kind
    return None


def implausible_duration(activity: str, minutes: float | None, printed: str | None = None,
                         requirements=None) -> str | None:
    """The kind of work whose band the duration falls outside of, with the band in words
    ("penyerahan/penerusan (wajar 1 menit sampai 10 hari)"), or None if plausible. A bare number
    printed without any unit is too long whatever its unit when, read as minutes (the shortest
    unit), it already exceeds the band. A time the activity itself prescribes is plausible."""
    band = band_of(activity, requirements)
    if minutes is None:
        bare = BARE_NUMBER.match(printed or "")
        plausible = bare is None or float(bare.group(1).replace(",", ".")) <= band.high
    else:
        plausible = band.low <= minutes <= band.high or prescribed(activity, minutes)
    return None if plausible else described(band)


def prescribed(activity: str, minutes: float) -> bool:
    """Does the activity itself state this time ("waktu paling lambat 14 hari kalender")?"""
    return any(minutes / SAME_TIME <= stated <= minutes * SAME_TIME for stated in stated_minutes(activity))


def described(band: Band) -> str:
    from pipeline.harmonize.timing import in_words  # see band_of on importing harmonize

    return f"{band.kind} (wajar {in_words(band.low)} sampai {in_words(band.high)})"
