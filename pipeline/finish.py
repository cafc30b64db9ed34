"""The batch-wide stages on the batch database, then the outputs."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator

import pandas as pd

from pipeline.batch import BatchResult
from pipeline.database import BatchDatabase
from pipeline.decisions import Decisions, whole
from pipeline.harmonize import DOCUMENTS_READ as HARMONIZE_READS, harmonize_in_batches
from pipeline.harmonize.copies import sop_id_of
from pipeline.harmonize.result import Harmonization
from pipeline.manifest import MANIFEST, RunSummary, manifest_text
from pipeline.report import ReportWriter
from pipeline.store import replace_atomically, table_frame
from pipeline.validate.expectations import TableExpectations

STEP_KEY, STEP_LABELS = ["sop_key", "seq"], ["group_id", "phase"]
DOCUMENTS_READ = ["source_file", "sop_index", "error", *HARMONIZE_READS]
log = logging.getLogger(__name__)


def finish_run(result: BatchResult, out: Path, manifest: str | None, expectations: bool,
               decisions: Decisions = Decisions()) -> RunSummary:
    """The batch-wide stages on the batch database, then the outputs. Harmonization reads the
    steps a window of files, then a batch of groups, at a time; its tables go to the database.
    Then, a window of files at a time, the rows get their labels, the validation's findings and
    the analyst's `decisions` (groups, phases, findings checked or dismissed), and go to the
    database's normalized tables and to the reports; Parquet and CSV are exported from it."""
    normalized, reports = out / "normalized", out / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    normalized.mkdir(parents=True, exist_ok=True)
    database = result.database
    documents = database.frame("documents", DOCUMENTS_READ)
    n_files, failures = len(documents), failures_of(documents)
    for piece in harmonized(documents, database, decisions.groups):
        store_harmonization(database, piece)
    del documents
    report = ReportWriter(reports, database)
    checks = TableExpectations(reports / "data-docs") if expectations else None
    (normalized / MANIFEST).unlink(missing_ok=True)  # a run killed from here on leaves no match
    n_rows: dict[str, int] = {}
    for window in database.windows():
        chunk = {name: database.read(name, window=window) for name in ("documents", "steps", "findings",
                                                                        "legal_references")}
        chunk["steps"] = with_decided_phases(labelled(chunk["steps"], database.read("step_labels", window=window)),
                                             decisions)
        chunk["documents"] = identified(chunk["documents"], database.read("sop_ids", window=window))
        if checks is not None:
            chunk["findings"] = with_frame(chunk["findings"], table_frame("findings", checks.validate(chunk)))
        chunk["findings"] = with_decided_findings(chunk["findings"], decisions)
        for name, frame in chunk.items():
            database.add_output(name, frame)
            n_rows[name] = n_rows.get(name, 0) + len(frame)
        report.add(chunk["documents"], chunk["steps"], chunk["findings"])
    outputs = database.export(normalized)
    report.close()
    database.finish()
    summary = RunSummary(n_files, len(failures), n_rows.get("steps", 0), n_rows.get("findings", 0), failures)
    if manifest is not None:
        text = manifest_text(manifest, outputs, summary)
        replace_atomically(normalized / MANIFEST, lambda p: Path(p).write_text(text, encoding="utf-8"))
    return summary


def harmonized(documents: pd.DataFrame, database: BatchDatabase, decided_groups: dict[str, str]) -> Iterator[Harmonization]:
    """The harmonization's pieces; if it fails, those it gave (the other steps are written
    without phase labels: the per-file tables are still whole, better than losing the run)."""
    try:
        yield from harmonize_in_batches(documents, DatabaseSteps(database), decided_groups)
    except Exception:
        log.exception("harmonization failed; steps of the groups not yet harmonized are written without phase labels")


def store_harmonization(database: BatchDatabase, piece: Harmonization) -> None:
    """One piece of the harmonization into the database: its steps' labels, the SOPs' sop_ids,
    its findings (with the files' own), its groups, phases, matrix and audit, and the files of
    each SOP held in several."""
    database.add_harmonization_table("step_labels", piece.steps)
    database.add_harmonization_table("sop_ids", piece.copies)
    database.add_rows("findings", table_frame("findings", piece.findings))
    database.add_harmonization_table("groups", piece.groups)
    database.add_harmonization_table("phases", piece.phases)
    database.add_harmonization_table("phase_matrix", piece.matrix)
    database.add_harmonization_table("time_audit", piece.audit)
    database.add_harmonization_table("history", piece.history)


class DatabaseSteps:
    """The batch's steps table as the harmonize stage reads it."""

    def __init__(self, database: BatchDatabase):
        self.database = database

    def windows(self, columns: list[str]) -> Iterator[pd.DataFrame]:
        return (self.database.read("steps", columns, window) for window in self.database.windows())

    def of_sops(self, keys: list[str], columns: list[str]) -> pd.DataFrame:
        return self.database.read("steps", columns, keys=keys)


def labelled(steps: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """The steps with the group and phase harmonization gave them (`labels`: of these steps' files)."""
    return steps.drop(columns=STEP_LABELS).merge(labels[STEP_KEY + STEP_LABELS], on=STEP_KEY, how="left")


def with_decided_phases(steps: pd.DataFrame, decisions: Decisions) -> pd.DataFrame:
    """The steps with the phases the analyst gave some of them."""
    if not decisions.phases or steps.empty:
        return steps
    decided = [decisions.phases.get((key, whole(number))) for key, number in zip(steps["sop_key"], steps["step_no"])]
    steps["phase"] = [given or phase for given, phase in zip(decided, steps["phase"])]
    return steps


def with_decided_findings(findings: pd.DataFrame, decisions: Decisions) -> pd.DataFrame:
    """The findings with the analyst's decision on them (diperiksa, diabaikan) and its reason."""
    if not decisions.findings or findings.empty:
        return findings
    decided = [decisions.finding(key, rule, number, column) for key, rule, number, column in
               zip(findings["sop_key"], findings["rule"], findings["step_no"], findings["field"])]
    findings["decision"] = [d[0] if d else None for d in decided]
    findings["decision_reason"] = [d[1] or None if d else None for d in decided]
    return findings


def identified(documents: pd.DataFrame, copies: pd.DataFrame) -> pd.DataFrame:
    """The documents with the sop_id and is_current harmonization gave them; an SOP it did not
    reach (it failed midway) is its own, current unless its file failed."""
    found = documents.drop(columns=["sop_id", "is_current"]).merge(copies[["sop_key", "sop_id", "is_current"]],
                                                                  on="sop_key", how="left")
    alone = found["sop_id"].isna()
    found.loc[alone, "sop_id"] = [sop_id_of([key]) for key in found.loc[alone, "sop_key"]]
    found.loc[alone, "is_current"] = found.loc[alone, "status"] != "failed"
    found["is_current"] = found["is_current"].astype(bool)
    return found


def with_frame(frame: pd.DataFrame, more: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([frame, more], ignore_index=True) if len(more) else frame


def failures_of(documents: pd.DataFrame) -> list[tuple[str, str]]:
    """(source_file, error) of the files that could not be read, or of their SOPs read in part."""
    failed = documents[documents["status"] != "ok"]
    return list(zip(failed["source_file"], failed["error"]))
