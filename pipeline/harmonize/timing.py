"""Time of one SOP: total, critical path, and minutes in words for the analysts."""
from __future__ import annotations

import math

import pandas as pd

MINUTES_PER_HOUR = 60
MINUTES_PER_DAY = 450  # working day of CONTRACT.md (37.5 h over 5 days)


def total_minutes(steps: pd.DataFrame) -> float:
    """Sum of the measurable step times; NaN when no step has one."""
    return float(steps["duration_minutes"].sum(min_count=1))


def critical_path_minutes(steps: pd.DataFrame) -> float:
    """Longest path through the flowchart. Steps run one after another, except rows that share
    a printed step number, which run side by side: only the longest of them counts."""
    minutes = steps["duration_minutes"]
    if minutes.notna().sum() == 0:
        return math.nan
    keys = [f"no{int(no)}" if pd.notna(no) else f"seq{seq}" for no, seq in zip(steps["step_no"], steps["seq"])]
    return float(minutes.groupby(keys).max().sum(min_count=1))


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
