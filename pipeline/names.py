"""How names of agencies, regions and positions are written in the tables."""
from __future__ import annotations

from functools import lru_cache

from pipeline.data import load_json


@lru_cache(maxsize=1)
def capitalisation() -> tuple[frozenset[str], frozenset[str]]:
    """(words kept in capitals, small words in lower case), from data/agency.json."""
    data = load_json("agency.json")
    return frozenset(data["upper"]), frozenset(data["lower"])


def title_case(text: str) -> str:
    """A name in title case, word by word ("DINAS SOSIAL DAN ..." -> "Dinas Sosial dan ...",
    "Kabupaten balangan" -> "Kabupaten Balangan"); a word printed in mixed case is kept
    ("PermenPAN", "Kab.Kampar"), acronyms stay in capitals."""
    return " ".join(title_word(word, first=index == 0) for index, word in enumerate(text.split()))


def title_case_if_all_caps(text: str) -> str:
    """A name printed all in capitals in title case; one printed with lower-case letters is kept
    as printed, its capitals meant ("Kepala Dinas PMD")."""
    return text if any(ch.islower() for ch in text) else title_case(text)


def title_word(word: str, first: bool) -> str:
    upper, lower = capitalisation()
    if word.strip(".,()").upper() in upper:
        return word.upper()
    if not (word.isupper() or word.islower()):
        return word
    if not first and word.lower() in lower:
        return word.lower()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
