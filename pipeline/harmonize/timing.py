"""Time of each SOP: total, critical path, and minutes in words for the analysts."""
from __future__ import annotations

import pandas as pd

MINUTES_PER_HOUR = 60
MINUTES_PER_DAY = 450  # working day of CONTRACT.md (37.5 h over 5 days)


def document_minutes(steps: pd.DataFrame) -> pd.DataFrame:
    """Per sop_key: total_minutes, the sum of the measurable step times, and
    critical_path_minutes, the longest path through the flowchart (NaN when no step has a
    time). Steps run one after another, except rows that share a printed step number, which
    run side by side: only the longest of them counts."""
    minutes = steps["duration_minutes"]
    slots = [f"no{int(no)}" if pd.notna(no) else f"seq{seq}" for no, seq in zip(steps["step_no"], steps["seq"])]
    longest = minutes.groupby([steps["sop_key"], slots], sort=False).max()
    return pd.DataFrame({
        "total_minutes": minutes.groupby(steps["sop_key"], sort=False).sum(min_count=1),
        "critical_path_minutes": longest.groupby(level=0, sort=False).sum(min_count=1),
    })


def in_words(minutes: float) -> str:
    """"2 menit", "1,5 jam", "120 hari" (working days of 7.5 hours)."""
    if minutes < MINUTES_PER_HOUR:
        return f"{number(minutes)} menit"
    if minutes < MINUTES_PER_DAY:
        return f"{number(minutes / MINUTES_PER_HOUR)} jam"
    return f"{number(minutes / MINUTES_PER_DAY)} hari"


def number(value: float) -> str:
    rounded = round(value, 1)
    return f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}".replace(".", ",")
