"""What the harmonize stage hands to the report stage."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pipeline.harmonize.copies import HISTORY_COLUMNS


@dataclass
class Harmonization:
    # The normalized steps with `phase` filled and a `group_id` column added (in a piece of
    # harmonize_in_batches: sop_key, seq, group_id and phase of its groups' steps).
    steps: pd.DataFrame
    # One row per document: sop_key, group_id, group_label (the procedure's name).
    groups: pd.DataFrame
    # One row per (group_id, phase): label (short Indonesian description of the work),
    # consensus_order (int), n_agencies, median_minutes, core. A group larger than a batch
    # comes in several pieces; its phases come with the first.
    phases: pd.DataFrame
    # One row per (group_id, sop_key, phase) present: minutes (sum over that document's
    # steps in the phase, NaN if none measurable), peers_median (the median of the other
    # agencies' minutes in the phase, each agency counted once; None without any),
    # step_nos (list[int]), actors (list[str]).
    matrix: pd.DataFrame
    # One row per document: sop_key, group_id, total_minutes, critical_path_minutes,
    # peers_median (of the other agencies' totals), missing_phases (list[str]), extra_steps
    # (list[int]), order_differences (int), actor_differences (list[str]: "phase: our actor vs
    # usual actor").
    audit: pd.DataFrame
    # One row per document: sop_key, sop_id (shared by the copies and revisions of one SOP),
    # is_current (the one of them that stands for the SOP).
    copies: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["sop_key", "sop_id", "is_current"]))
    # One row per document of an SOP held in more than one file (copies, revisions): sop_key,
    # sop_id, source_format, revision_date, is_current, changes (list[str]: what its revision
    # changed in the steps of the revision before; on the best read copy of each revision).
    history: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=HISTORY_COLUMNS))
    # Findings in the findings-table columns (DURATION_OUTLIER and the like).
    findings: list[dict] = field(default_factory=list)
