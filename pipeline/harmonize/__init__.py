"""Harmonize stage: group SOPs of one procedure across agencies, align their steps into
phases, and audit each SOP against its peers (phases, actors, order, time standards).

Works on the normalized tables only (documents, steps), never on files.
"""
from __future__ import annotations

import pandas as pd
from rapidfuzz import fuzz, process

from pipeline.harmonize.audit import document_audit, duration_findings, phase_matrix, phase_table
from pipeline.harmonize.grouping import group_documents
from pipeline.harmonize.phases import assign_phases, relative_positions
from pipeline.harmonize.result import Harmonization
from pipeline.harmonize.text import words

__all__ = ["harmonize", "Harmonization"]

DOCUMENT_COLUMNS = ["source_file", "sop_title", "agency", "sop_number"]
STEP_COLUMNS = ["source_file", "seq", "step_no", "activity", "output", "requirements", "actor",
                "duration_minutes"]
SAME_AGENCY = 90  # rapidfuzz ratio at which two printed agency names are the same agency


def harmonize(documents: pd.DataFrame, steps: pd.DataFrame) -> Harmonization:
    """Groups, phases and audit of a batch. The order of the rows does not matter: documents
    are read by source_file and steps by (source_file, seq); the steps come back as they came,
    with `group_id` and `phase` filled."""
    documents = plain(documents, DOCUMENT_COLUMNS).sort_values("source_file", kind="stable", ignore_index=True)
    work = plain(steps, STEP_COLUMNS).reset_index(drop=True).sort_values(["source_file", "seq"], kind="stable")
    groups = group_documents(documents, work)
    work["group_id"] = work["source_file"].map(groups.set_index("source_file")["group_id"]).astype(object)
    keys = work["source_file"].map(agency_keys(documents)).astype(object)
    work["phase"] = None
    for _, part in work.dropna(subset=["group_id"]).groupby("group_id"):
        work.loc[part.index, "phase"] = assign_phases(part)

    working = work.dropna(subset=["group_id", "phase"]).assign(agency_key=keys)
    working["position"] = relative_positions(working)
    matrix = phase_matrix(working)
    phases = phase_table(matrix, working)
    audit = document_audit(working, matrix, phases)
    findings = duration_findings(working, matrix)
    work = work.sort_index()
    return Harmonization(
        steps=steps.assign(group_id=work["group_id"].to_numpy(),
                           phase=pd.Series(work["phase"].to_numpy(), index=steps.index, dtype=object)),
        groups=groups,
        phases=phases,
        matrix=matrix.drop(columns=["agency_key", "levels", "first_position"]),
        audit=audit,
        findings=findings,
    )


def plain(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The columns the stage reads (absent ones empty), text as Python objects: reading
    Arrow-backed text one value at a time is many times slower."""
    present = frame.reindex(columns=columns).astype(
        {c: object for c in columns if c not in frame or pd.api.types.is_string_dtype(frame[c])})
    present.loc[:, [c for c in columns if c not in frame]] = None
    return present


def agency_keys(documents: pd.DataFrame) -> dict[str, str]:
    """source_file -> one key per agency: printed names that differ only by case, spacing or a
    few misread letters share a key. Without an agency, the SOP number (else the file) stands in."""
    keys: dict[str, str] = {}
    known: list[str] = []
    key_of_name: dict[str, str] = {}
    for source_file, agency, number in zip(documents["source_file"], documents["agency"],
                                           documents["sop_number"]):
        name = " ".join(words(agency))
        if not name:
            number = " ".join(words(number))
            keys[source_file] = f"nomor:{number}" if number else f"file:{source_file}"
            continue
        if name not in key_of_name:
            key_of_name[name] = known_agency(name, known)
        keys[source_file] = key_of_name[name]
    return keys


def known_agency(name: str, known: list[str]) -> str:
    """The first known name that `name` is a spelling of; else `name`, from now on known."""
    matches = process.extract(name, known, scorer=fuzz.ratio, score_cutoff=SAME_AGENCY, limit=None)
    if matches:
        return known[min(index for _, _, index in matches)]
    known.append(name)
    return name
