"""Cell values as the typed tables hold them (None, NaN, pd.NA for missing values, lists) turned
into what a report shows."""
from __future__ import annotations

import math
import re

import pandas as pd

from pipeline.harmonize.timing import in_words

# Control characters break XML (xlsx) and mean nothing on screen; tab and newline stay.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LIST_SEPARATOR = "; "


def group_stem(label: str, group_id: str) -> str:
    """The file name (without suffix) of a procedure group's page and reference SOP."""
    return (re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")[:60] or "kelompok") + f"-{group_id}"


def page_name(position: int, source_file: str) -> str:
    """The file name of an SOP's page: safe on any system, unique by the SOP's position in the batch."""
    slug = re.sub(r"[^a-z0-9]+", "-", source_file.lower()).strip("-")[:60] or "sop"
    return f"{position:03d}-{slug}.html"


def sop_name(source_file: str, sop_index) -> str:
    """How a report names an SOP: its file, and its place in the file after the first."""
    index = number(sop_index)
    return f"{source_file} (SOP ke-{index:.0f})" if index is not None and index > 1 else source_file


def is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def as_list(value) -> list[str]:
    """A list column's value as display text, one item each (empty items left out)."""
    if isinstance(value, (list, tuple)):
        return [text(v) for v in value if text(v)]
    return []


def text(value) -> str:
    """Any cell as display text; missing is the empty string."""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(as_list(value))
    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return CONTROL_CHARACTERS.sub("", str(value)).strip()


def number(value) -> float | None:
    """A numeric cell (the schema types them) as a float; missing is None."""
    return None if is_missing(value) else float(value)


def minutes_text(value) -> str:
    """Working minutes in words ("1,5 jam", "3 hari"); empty when not measured."""
    minutes = number(value)
    return "" if minutes is None else in_words(minutes)


def shorten(value, limit: int) -> str:
    """At most `limit` characters, cut at a word and marked with an ellipsis."""
    full = " ".join(text(value).split())
    if len(full) <= limit:
        return full
    cut = full[: limit - 1].rsplit(" ", 1)[0] if " " in full[: limit - 1] else full[: limit - 1]
    return cut.rstrip(",;:.") + "…"


def with_columns(frame: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """A copy holding at least `columns` (missing ones empty), so optional columns can be read."""
    frame = pd.DataFrame() if frame is None else frame.copy()
    for column in columns:
        if column not in frame.columns:
            frame[column] = None
    return frame.reset_index(drop=True)
