"""How well each identity value was read: the OCR confidence and place of the cells and lines
it came from.

Identity values are composed from several layouts (label cells, "Label : value" lines,
signature blocks), so they are traced back by their text rather than along the way they were
read: a value comes from the smallest OCR block holding it, or from the blocks it is made of.
"""
from __future__ import annotations

import re
from dataclasses import fields

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from pipeline.extract.text import fold
from pipeline.model import Block, Box, Identity

NIP_RUN = re.compile(r"\d(?:[ .]?\d){15,19}")  # a NIP as printed, with its spaces or dots
MAX_NIP_SLIPS = 3  # digits two readings of one NIP may differ by; more is another person's NIP
MENDABLE = ("approved_by", "signatory_rank")  # words of offices: a known vocabulary
MEND_BELOW = 60.0  # OCR confidence under which a position's words are mended (LOW_OCR_CONFIDENCE)
CLEARLY_READ = 85.0  # confidence of blocks whose words teach the mending
# Likeness (rapidfuzz ratio) of a misread word to a known one, and its lead over the next:
# "SVEERNUR" is 62.5 like "gubernur", 50 like "prosedur".
SIMILAR_WORD, WORD_MARGIN = 60.0, 10.0
NOT_READ = {"confidence", "boxes", "evidence", "agency"}  # the agency is composed from several lines, not read as one


def trace_identity(identity: Identity, blocks: list[Block]
                   ) -> tuple[dict[str, float], dict[str, Box], dict[str, bytes]]:
    """field -> the lowest OCR confidence of the blocks the value came from, where it was read
    and the image of it there (the first of those blocks). Empty for born-digital text."""
    read = [(fold(b.text), b) for b in ocr_blocks(blocks)]
    confidence: dict[str, float] = {}
    boxes: dict[str, Box] = {}
    evidence: dict[str, bytes] = {}
    for item in fields(Identity):
        if item.name in NOT_READ:
            continue
        value = getattr(identity, item.name)
        values = value if isinstance(value, list) else [value] if value else []
        sources = [b for v in values for b in sources_of(fold(v), read)]
        if sources:
            confidence[item.name] = min(b.confidence for b in sources)
            if sources[0].box:
                boxes[item.name] = sources[0].box
            if sources[0].image:
                evidence[item.name] = sources[0].image
    if "signatory_nip" in confidence and other_readings(identity.signatory_nip, [text for text, _ in read]):
        confidence["signatory_nip"] = 0.0  # the same signer's NIP read two ways: neither is sure
    return confidence, boxes, evidence


def other_readings(nip: str, texts: list[str]) -> set[str]:
    """Readings of the same NIP elsewhere in the file (a digit or three apart) that differ."""
    digits = re.sub(r"\D", "", nip)
    found = {re.sub(r"\D", "", run) for text in texts for run in NIP_RUN.findall(text)}
    return {run for run in found if run != digits and Levenshtein.distance(run, digits) <= MAX_NIP_SLIPS}


def ocr_blocks(blocks: list[Block]):
    """Paragraphs and table cells read by OCR (those with a confidence)."""
    for block in blocks:
        if hasattr(block, "rows"):
            yield from (c for row in block.rows for c in row if not c.spanned and c.confidence is not None)
        elif block.confidence is not None:
            yield block


def sources_of(value: str, read: list[tuple[str, object]]) -> list:
    """The smallest block holding the value, or else the blocks the value is made of."""
    if not value:
        return []
    holding = [block for text, block in read if value in text]
    if holding:
        return [min(holding, key=lambda b: len(b.text))]
    return [block for text, block in read if len(text) >= 3 and text in value]


def mend_misread_words(identity: Identity, blocks: list[Block], vocabulary: set[str]) -> None:
    """Words of a doubtful position or rank ("CUBEEHUR SUMETERY UTARA") mended by likeness to
    the words of offices and to the words this file prints clearly (its letterhead): "GUBERNUR
    SUMATERA UTARA". The value stays listed as uncertain."""
    known = {w.casefold() for w in vocabulary} | clearly_read_words(blocks)
    for name in MENDABLE:
        value = getattr(identity, name)
        if value and identity.confidence.get(name, 100.0) < MEND_BELOW:
            setattr(identity, name, re.sub(r"[^\W\d_]{5,}", lambda m: mended(m.group(), known), value))


def clearly_read_words(blocks: list[Block]) -> set[str]:
    return {w.casefold() for b in ocr_blocks(blocks) if b.confidence >= CLEARLY_READ
            for w in re.findall(r"[^\W\d_]{5,}", b.text)}


def mended(word: str, known: set[str]) -> str:
    lower = word.casefold()
    if lower in known:
        return word
    scores = sorted(((ratio(lower, k), k) for k in known), reverse=True)[:2] + [(0.0, "")] * 2
    (best, match), (second, _) = scores[0], scores[1]
    if best < SIMILAR_WORD or best - second < WORD_MARGIN:
        return word
    return match.upper() if word.isupper() else match.title() if word.istitle() else match
