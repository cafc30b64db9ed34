"""The printed words of an SOP (PermenPAN-RB 35/2012) that every backend and the flowchart
reader recognise: the flowchart table's column headings, step numbers, the words of flowchart
symbols, branch labels and check marks. One place, so that Word, PDF, scans and text exports
read them alike.
"""
from __future__ import annotations

import re

from rapidfuzz.fuzz import ratio

from pipeline.extract.text import clean_text, fold
from pipeline.model import Cell

# Column roles, recognised from heading words (spelling varies between agencies). A word is
# matched from its start: an actor's name holds heading words inside its own ("Kasi
# Pencatatan Sipil" is no "catatan", "Penghasilan" no "hasil").
ROLE_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("no", re.compile(r"^(no|nomor|no\.? urut)\b\.?$")),
    ("activity", re.compile(r"\b(?:kegiatan|aktivitas|aktifitas|uraian|langkah|prosedur)")),
    ("requirements", re.compile(r"\b(?:kelengkapan|persyaratan|syarat|input|bahan)")),
    ("duration", re.compile(r"\bwaktu")),
    ("output", re.compile(r"\b(?:output|keluaran|hasil)")),
    ("notes", re.compile(r"^ket\b|\b(?:keterangan|catatan)")),
]
# The usual heading words, for a heading misprinted by a letter ("KEGITAN", "OUTPT",
# "KELENGAPAN"), printed alone in its cell: still its column, and the validation says it is
# not standard.
ROLE_WORDS = {"activity": ["kegiatan", "aktivitas", "uraian"], "requirements": ["kelengkapan", "persyaratan"],
              "output": ["output", "keluaran"], "notes": ["keterangan"]}
MISPRINT = 85.0  # rapidfuzz ratio from which a word of five letters or more is a misprint of a heading word
MUTU_BAKU = re.compile(r"^mutu\b")
MUTU_ROLES = ("requirements", "duration", "output", "notes")
STEP_NUMBER = re.compile(r"\d{1,3}[.)]?")  # "4", "4.", "4)"

# The words written in a terminator symbol (or left where it stood, in text exports).
TERMINATOR_WORDS = {"mulai", "selesai", "start", "end", "stop"}
# Words written beside a decision's branches (Indonesian, and English in translated templates):
# never a step's text, never a symbol of their own.
BRANCH_LABELS = {"ya", "y", "tidak", "tdk", "t", "yes", "no", "n"}
# A tick or a cross typed in an actor's cell marks the actor, as a drawn symbol would.
CHECK_MARKS = "√✓✔☑✗✘vVxX"


def classify_heading(text: str) -> str | None:
    """The column role a heading names (no, activity, requirements, duration, output, notes)."""
    folded = fold(text)
    if len(folded.split()) > 5:  # headings are short; long text is content that uses the word
        return None
    # a word broken over two lines of a narrow heading cell ("KELENGK APAN") read whole too
    for variant in (folded, folded.replace(" ", "")) if len(folded.split()) <= 3 else (folded,):
        for role, pattern in ROLE_PATTERNS:
            if pattern.search(variant):
                return role
    # one word, or one broken over the lines of a narrow cell ("KELENGA PAN"); an actor's name
    # has two or more words
    word = re.sub(r"[^a-z]", "", folded)
    pieces = folded.split()
    if len(word) >= 5 and (len(pieces) == 1 or (len(pieces) <= 3 and min(len(p) for p in pieces) <= 3)):
        for role, spellings in ROLE_WORDS.items():
            if any(ratio(word, spelling) >= MISPRINT for spelling in spellings):
                return role
    return None


def is_step_number(text: str) -> bool:
    return STEP_NUMBER.fullmatch(clean_text(text)) is not None


def bare_word(text: str) -> str:
    """The letters of a short word, lower case, punctuation and spaces dropped: "(Ya)" -> "ya"."""
    return re.sub(r"\W", "", text).casefold()


def is_branch_label(text: str) -> bool:
    return bool(text) and bare_word(text) in BRANCH_LABELS


def is_terminator_word(text: str) -> bool:
    return bool(text) and bare_word(text) in TERMINATOR_WORDS


def is_check_text(text: str) -> bool:
    """Text made only of tick or cross characters (spaces aside)."""
    marks = re.sub(r"\s", "", text)
    return bool(marks) and all(ch in CHECK_MARKS for ch in marks)


def flowchart_heading_row(rows: list[list[Cell]]) -> int | None:
    """The row of flowchart column headings (an activity heading beside another known one)
    when rows of another table stand above it (an identity block drawn in one piece with the
    flowchart); only rows above the first step row are looked at."""
    for index, row in enumerate(rows):
        if is_step_number(row[0].text):
            return None
        roles = {classify_heading(cell.text) for cell in row if not cell.spanned} - {None}
        if "activity" in roles and len(roles) >= 2:
            return index or None
    return None
