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
