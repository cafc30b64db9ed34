"""Small text helpers shared by the interpreters of the layout."""
from __future__ import annotations

import re
import unicodedata


def clean_text(text: str | None) -> str:
    """Whitespace collapsed to single spaces, ends stripped; characters kept as printed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def clean_lines(text: str | None) -> list[str]:
    """Non-empty lines of a multi-line text, each cleaned."""
    return [line for line in (clean_text(x) for x in (text or "").splitlines()) if line]


def fold(text: str | None) -> str:
    """Case- and space-folded text for comparisons, trailing punctuation dropped."""
    return clean_text(text).casefold().strip(" .:;,")


# Words kept in capitals when an all-caps name is shown in title case.
ACRONYMS = {"DPRD", "BPS", "BPBD", "BPKAD", "RSUD", "UPT", "UPTD", "SKPD", "OPD", "RI", "TU",
            "SDM", "PPID", "DPMPTSP", "BKPSDM", "BAPPEDA", "SETWAN", "II", "III", "IV", "KB"}
LOWER_WORDS = {"dan", "di", "ke", "dari", "serta", "atas", "untuk", "pada", "yang", "&"}


def title_case(text: str) -> str:
    """An all-caps heading in title case ("DINAS SOSIAL DAN ..." -> "Dinas Sosial dan ...")."""
    if any(ch.islower() for ch in text):
        return text
    words = []
    for i, word in enumerate(text.split(" ")):
        bare = word.strip(".,()")
        if bare in ACRONYMS:
            words.append(word)
        elif i > 0 and word.lower() in LOWER_WORDS:
            words.append(word.lower())
        else:
            words.append(word[:1].upper() + word[1:].lower())
    return " ".join(words)
