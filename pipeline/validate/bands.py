"""Plausible duration bands per kind of work (data: pipeline/data/duration_bands.json)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.data import load_json


@dataclass(frozen=True)
class Band:
    kind: str
    activity: re.Pattern
    work_object: re.Pattern | None
    low: float
    high: float

    def matches(self, activity: str) -> bool:
        return bool(self.activity.search(activity)) and (
            self.work_object is None or bool(self.work_object.search(activity)))


@lru_cache(maxsize=1)
def bands() -> list[Band]:
    return [
        Band(band["kind"], re.compile(band["activity"], re.IGNORECASE),
             re.compile(band["object"], re.IGNORECASE) if band.get("object") else None,
             band["min"], band["max"])
        for band in load_json("duration_bands.json")["bands"]
    ]


def implausible_duration(activity: str, minutes: float | None) -> str | None:
    """The kind of work whose band the duration falls outside of, or None if plausible."""
    if minutes is None:
        return None
    band = next((b for b in bands() if b.matches(activity)), None)
    if band is None or band.low <= minutes <= band.high:
        return None
    return band.kind
