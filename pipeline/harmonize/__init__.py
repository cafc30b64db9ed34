"""Harmonize stage: group SOPs of one procedure across agencies, align their steps into
phases, and audit each SOP against its peers (phases, actors, order, time standards).

Works on the normalized tables only (documents, steps), never on files.
"""
from __future__ import annotations

import pandas as pd
from rapidfuzz import fuzz

from pipeline.harmonize.audit import document_audit, duration_findings, phase_matrix, phase_table
from pipeline.harmonize.grouping import group_documents
from pipeline.harmonize.phases import assign_phases, relative_positions
from pipeline.harmonize.result import Harmonization
from pipeline.harmonize.text import words

__all__ = ["harmonize", "Harmonization"]

SAME_AGENCY = 90  # rapidfuzz ratio at which two printed agency names are the same agency


def harmonize(documents: pd.DataFrame, steps: pd.DataFrame) -> Harmonization:
    groups = group_documents(documents, steps)
    steps = steps.copy()
    steps["group_id"] = steps["source_file"].map(groups.set_index("source_file")["group_id"])
    keys = steps["source_file"].map(agency_keys(documents))
    steps["phase"] = None
    for _, part in steps.dropna(subset=["group_id"]).groupby("group_id"):
        steps.loc[part.index, "phase"] = assign_phases(part)

    working = steps.dropna(subset=["group_id", "phase"]).assign(agency_key=keys)
    working["position"] = relative_positions(working)
    matrix = phase_matrix(working)
    phases = phase_table(matrix, working)
    audit = document_audit(working, matrix, phases)
    findings = duration_findings(working, matrix)
    return Harmonization(
        steps=steps,
        groups=groups,
        phases=phases,
        matrix=matrix.drop(columns=["agency_key", "levels", "first_position"]),
        audit=audit,
        findings=findings,
    )


def agency_keys(documents: pd.DataFrame) -> dict[str, str]:
    """source_file -> one key per agency: printed names that differ only by case, spacing or a
    few misread letters share a key. Without an agency, the SOP number (else the file) stands in."""
    keys: dict[str, str] = {}
    known: list[str] = []
    for row in documents.itertuples(index=False):
        name = " ".join(words(getattr(row, "agency", None)))
        if not name:
            number = " ".join(words(getattr(row, "sop_number", None)))
            keys[row.source_file] = f"nomor:{number}" if number else f"file:{row.source_file}"
            continue
        match = next((k for k in known if fuzz.ratio(k, name) >= SAME_AGENCY), None)
        if match is None:
            known.append(name)
        keys[row.source_file] = match or name
    return keys
