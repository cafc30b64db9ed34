"""What the harmonize stage hands to the report stage."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pipeline.schema import harmonization_schema


@dataclass
class Harmonization:
    """The harmonization of a batch, or a piece of it (harmonize_in_batches): each frame has the
    columns of the table of that name in pipeline.schema (HARMONIZATION_TABLES)."""
    steps: pd.DataFrame  # step_labels; `harmonize` gives the whole steps table with them filled
    groups: pd.DataFrame
    phases: pd.DataFrame  # a group larger than a batch comes in several pieces; its phases with the first
    matrix: pd.DataFrame  # phase_matrix
    audit: pd.DataFrame  # time_audit
    copies: pd.DataFrame = field(default_factory=lambda: empty("sop_ids"))  # sop_ids
    history: pd.DataFrame = field(default_factory=lambda: empty("history"))
    findings: list[dict] = field(default_factory=list)  # rows of the findings table, by sop_key


def empty(table: str) -> pd.DataFrame:
    return pd.DataFrame(columns=harmonization_schema(table).names)
