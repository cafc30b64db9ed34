"""The tables a report reads, with every column it uses present, the peers' medians the audit
compares with, and the rows grouped once by file and by procedure group (filtering a
DataFrame per SOP is slow on a large batch)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from pipeline.harmonize.result import Harmonization
from pipeline.normalize.tables import DOCUMENT_COLUMNS, STEP_COLUMNS
from pipeline.report.values import number, text, with_columns
from pipeline.validate.rules import FINDING_COLUMNS

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
class ReportData:
    # the tables, every column present (the workbook writes them whole)
    documents: pd.DataFrame
    steps: pd.DataFrame
    findings: pd.DataFrame
    matrix: pd.DataFrame  # plus agency_key and peers_median
    audit: pd.DataFrame  # plus agency_key and peers_median (of the total minutes)
    # the same rows as dicts, looked up by file and by group
    document_rows: list[dict]
    steps_of: dict[str, list[dict]]
    findings_of: dict[str, list[dict]]
    groups: list[Group]  # ordered by name
    group_of: dict[str, Group]  # source_file -> its group


def prepare(documents: pd.DataFrame, steps: pd.DataFrame, findings: pd.DataFrame,
            harmonization: Harmonization | None) -> ReportData:
    documents = with_columns(documents, DOCUMENT_COLUMNS)
    keys = agency_keys(documents)
    steps = with_columns(steps, STEP_COLUMNS)
    steps = sorted_by(steps, pd.to_numeric(steps["seq"], errors="coerce"))
    findings = with_columns(findings, FINDING_COLUMNS)
    findings = sorted_by(findings, findings["severity"].map(lambda s: SEVERITY_ORDER.get(text(s), 3)))
    matrix = with_peer_medians(with_columns(getattr(harmonization, "matrix", None), MATRIX_COLUMNS),
                               "minutes", ["group_id", "phase"], keys)
    audit = with_peer_medians(with_columns(getattr(harmonization, "audit", None), AUDIT_COLUMNS),
                              "total_minutes", ["group_id"], keys)
    document_rows = rows_of(documents)
    groups = procedure_groups(with_columns(getattr(harmonization, "groups", None), GROUP_COLUMNS),
                              with_columns(getattr(harmonization, "phases", None), PHASE_COLUMNS),
                              rows_of(matrix), rows_of(audit), document_rows)
    return ReportData(documents=documents, steps=steps, findings=findings, matrix=matrix, audit=audit,
                      document_rows=document_rows, steps_of=by_file(rows_of(steps)),
                      findings_of=by_file(rows_of(findings)), groups=groups,
                      group_of={f: g for g in groups for f in g.files})


def rows_of(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def sorted_by(frame: pd.DataFrame, order: pd.Series) -> pd.DataFrame:
    """Ordered by file, then `order` (stable: equal rows keep the table's order)."""
    return (frame.assign(_order=order.to_numpy()).sort_values(["source_file", "_order"], kind="stable")
            .drop(columns="_order").reset_index(drop=True))


def by_file(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[text(row["source_file"])].append(row)
    return grouped


def agency_keys(documents: pd.DataFrame) -> dict[str, str]:
    """source_file -> the agency, folded; several files of one agency (the same SOP as Word and
    PDF) are one peer, and never their own peer. Without an agency, the file stands alone."""
    keys = {}
    for source_file, agency in zip(documents["source_file"], documents["agency"]):
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
                     documents: list[dict]) -> list[Group]:
    agency = {text(d["source_file"]): text(d["agency"]) for d in documents}
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
