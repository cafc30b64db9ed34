"""What a report reads. A chunk of the tables, with every column it uses present and its rows
grouped once by file (filtering a DataFrame per SOP is slow); and the harmonization as procedure
groups with the peers' medians the audit compares with, built from the whole batch's agencies
before any chunk arrives."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from pipeline.harmonize.result import Harmonization
from pipeline.normalize.tables import DOCUMENT_COLUMNS, STEP_COLUMNS
from pipeline.report.values import number, text, with_columns
from pipeline.validate.rules import FINDING_COLUMNS

AGENCY_COLUMNS = ["source_file", "agency"]
GROUP_COLUMNS = ["source_file", "group_id", "group_label"]
PHASE_COLUMNS = ["group_id", "phase", "label", "consensus_order", "n_agencies", "median_minutes", "core"]
MATRIX_COLUMNS = ["group_id", "source_file", "phase", "minutes", "step_nos", "actors"]
AUDIT_COLUMNS = ["source_file", "group_id", "total_minutes", "critical_path_minutes", "missing_phases",
                 "extra_steps", "order_differences", "actor_differences"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Group:
    group_id: str
    label: str
    files: list[str]  # ordered by agency, then file
    phases: list[dict]  # in consensus order
    matrix: dict[tuple[str, str], dict]  # (source_file, phase) -> matrix row, with peers_median
    audit: dict[str, dict]  # source_file -> audit row, with peers_median of the total


@dataclass
class HarmonizationView:
    agency_of: dict[str, str]  # source_file -> agency, for every document of the batch
    audit: pd.DataFrame  # every column present, plus agency_key and peers_median (of the total minutes)
    groups: list[Group]  # ordered by name
    group_of: dict[str, Group]  # source_file -> its group


@dataclass
class Chunk:
    # the tables, every column present (the workbook writes all their columns)
    documents: pd.DataFrame
    steps: pd.DataFrame  # by file (in the documents' order), then seq
    findings: pd.DataFrame  # by file (in the documents' order), then severity
    # the same rows as dicts, looked up by file
    document_rows: list[dict]
    steps_of: dict[str, list[dict]]
    findings_of: dict[str, list[dict]]


def harmonization_view(harmonization: Harmonization | None, agencies: pd.DataFrame) -> HarmonizationView:
    """`agencies`: source_file and agency of every document of the batch (a peer's median needs
    them all; other columns are ignored). The harmonization's `steps` is not read."""
    agencies = agencies.reindex(columns=AGENCY_COLUMNS)
    keys = agency_keys(agencies)
    agency_of = {text(f): text(a) for f, a in zip(agencies["source_file"], agencies["agency"])}
    matrix = with_peer_medians(with_columns(getattr(harmonization, "matrix", None), MATRIX_COLUMNS),
                               "minutes", ["group_id", "phase"], keys)
    audit = with_peer_medians(with_columns(getattr(harmonization, "audit", None), AUDIT_COLUMNS),
                              "total_minutes", ["group_id"], keys)
    groups = procedure_groups(with_columns(getattr(harmonization, "groups", None), GROUP_COLUMNS),
                              with_columns(getattr(harmonization, "phases", None), PHASE_COLUMNS),
                              rows_of(matrix), rows_of(audit), agency_of)
    return HarmonizationView(agency_of=agency_of, audit=audit, groups=groups,
                             group_of={f: g for g in groups for f in g.files})


def prepare_chunk(documents: pd.DataFrame, steps: pd.DataFrame, findings: pd.DataFrame) -> Chunk:
    documents = with_columns(documents, DOCUMENT_COLUMNS)
    position = {text(f): i for i, f in enumerate(documents["source_file"])}
    steps = with_columns(steps, STEP_COLUMNS)
    steps = sorted_by(steps, position, pd.to_numeric(steps["seq"], errors="coerce"))
    findings = with_columns(findings, FINDING_COLUMNS)
    findings = sorted_by(findings, position, findings["severity"].map(lambda s: SEVERITY_ORDER.get(text(s), 3)))
    return Chunk(documents=documents, steps=steps, findings=findings, document_rows=rows_of(documents),
                 steps_of=by_file(rows_of(steps)), findings_of=by_file(rows_of(findings)))


def rows_of(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def sorted_by(frame: pd.DataFrame, position: dict[str, int], order: pd.Series) -> pd.DataFrame:
    """Ordered by the file's position among the documents (the input order), then `order`
    (stable: equal rows keep the table's order)."""
    file_position = [position.get(text(f), len(position)) for f in frame["source_file"]]
    return (frame.assign(_file=file_position, _order=order.to_numpy())
            .sort_values(["_file", "_order"], kind="stable").drop(columns=["_file", "_order"]).reset_index(drop=True))


def by_file(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[text(row["source_file"])].append(row)
    return grouped


def agency_keys(agencies: pd.DataFrame) -> dict[str, str]:
    """source_file -> the agency, folded; several files of one agency (the same SOP as Word and
    PDF) are one peer, and never their own peer. Without an agency, the file stands alone."""
    keys = {}
    for source_file, agency in zip(agencies["source_file"], agencies["agency"]):
        folded = " ".join(text(agency).casefold().split())
        keys[text(source_file)] = folded or f"file:{text(source_file)}"
    return keys


def with_peer_medians(frame: pd.DataFrame, column: str, by: list[str], keys: dict[str, str]) -> pd.DataFrame:
    """Adds agency_key, and peers_median: the median of `column` over the other agencies of the
    same `by` values, each agency counted once (the median of its files)."""
    frame = frame.copy()
    frame["agency_key"] = [keys.get(text(f), f"file:{text(f)}") for f in frame["source_file"]]
    values = pd.to_numeric(frame[column], errors="coerce")
    per_agency: dict[tuple, dict[str, float]] = defaultdict(dict)
    for group, value in frame.assign(_value=values).groupby(by + ["agency_key"])["_value"].median().items():
        if number(value) is not None:
            per_agency[tuple(group[:-1])][group[-1]] = float(value)
    own = zip(*(frame[c] for c in by), frame["agency_key"])
    frame["peers_median"] = [peer_median(per_agency.get(tuple(k[:-1]), {}), k[-1]) for k in own]
    return frame


def peer_median(values: dict[str, float], own_key: str) -> float | None:
    peers = [v for key, v in values.items() if key != own_key]
    return float(pd.Series(peers).median()) if peers else None


def procedure_groups(groups: pd.DataFrame, phases: pd.DataFrame, matrix: list[dict], audit: list[dict],
                     agency: dict[str, str]) -> list[Group]:
    labels: dict[str, str] = {}
    files: dict[str, set[str]] = defaultdict(set)
    for row in rows_of(groups) + matrix:
        group_id = text(row["group_id"])
        if group_id:
            labels[group_id] = labels.get(group_id) or text(row.get("group_label"))
            files[group_id].add(text(row["source_file"]))
    phases_of = defaultdict(list)
    for phase in sorted(rows_of(phases), key=lambda p: (number(p["consensus_order"]) or 0, text(p["phase"]))):
        phases_of[text(phase["group_id"])].append(phase)
    matrix_of, audit_of = defaultdict(dict), defaultdict(dict)
    for row in matrix:
        matrix_of[text(row["group_id"])][(text(row["source_file"]), text(row["phase"]))] = row
    for row in audit:
        audit_of[text(row["group_id"])][text(row["source_file"])] = row
    built = [Group(group_id=g, label=labels[g] or "(tanpa nama)",
                   files=sorted(files[g], key=lambda f: (agency.get(f, ""), f)),
                   phases=phases_of[g], matrix=matrix_of[g], audit=audit_of[g]) for g in labels]
    return sorted(built, key=lambda g: (g.label, g.group_id))


def is_core(phase: dict) -> bool:
    return phase.get("core") is True or text(phase.get("core")).lower() in ("true", "1")


def step_severities(steps: list[dict], findings: list[dict]) -> dict[int, str]:
    """seq -> the worst severity of the findings about that step (matched by step number)."""
    seqs_of: dict[float, list[int]] = defaultdict(list)
    for step in steps:
        if number(step["step_no"]) is not None:
            seqs_of[number(step["step_no"])].append(int(number(step["seq"]) or 0))
    worst: dict[int, str] = {}
    for finding in findings:
        severity = text(finding["severity"])
        for seq in seqs_of.get(number(finding["step_no"]), []):
            if SEVERITY_ORDER.get(severity, 3) < SEVERITY_ORDER.get(worst.get(seq, ""), 3):
                worst[seq] = severity
    return worst
