"""The batch-wide stages on the spooled rows of a batch, then the outputs."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator

import pandas as pd
import pyarrow as pa

from pipeline.batch import BatchResult
from pipeline.database import DATABASE_NAME, write_database
from pipeline.harmonize import StepTable, harmonize_in_batches
from pipeline.decisions import Decisions, whole
from pipeline.harmonize.copies import DATE_COLUMNS, sop_id_of
from pipeline.harmonize.result import Harmonization
from pipeline.manifest import MANIFEST, RunSummary, manifest_text
from pipeline.memory import release_freed_memory
from pipeline.report import ReportWriter
from pipeline.spool import RowSpool
from pipeline.store import TableWriter, arrow_table, replace_atomically, table_frame, with_sop_keys
from pipeline.validate.expectations import TableExpectations

STEP_KEY, STEP_LABELS = ["sop_key", "seq"], ["group_id", "phase"]
LABELS_TABLE = "step_labels"  # the spool's table of the harmonization's labels
LABELS = pa.schema([("source_file", pa.string()), ("sop_key", pa.string()), ("seq", pa.int64()),
                    ("group_id", pa.string()), ("phase", pa.string())])
COPIES_TABLE = "sop_ids"  # the spool's table of each SOP's sop_id and is_current
COPIES = pa.schema([("source_file", pa.string()), ("sop_key", pa.string()), ("sop_id", pa.string()),
                    ("is_current", pa.bool_())])
log = logging.getLogger(__name__)


def finish_run(result: BatchResult, out: Path, manifest: str | None, expectations: bool,
               decisions: Decisions = Decisions()) -> RunSummary:
    """The batch-wide stages on the spooled rows, then the outputs. Harmonization reads the
    steps a window of files, then a batch of groups, at a time; its labels and findings join
    the spool, its per-SOP results the report's store on disk; the tables and reports are
    written a window of files at a time. The analyst's `decisions` (groups, phases, findings
    checked or dismissed) are applied on the way."""
    normalized, reports = out / "normalized", out / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    spool = result.spool
    documents = spool.frame("documents", ["source_file", "sop_index", "sop_key", "status", "error", "sop_title",
                                          "agency", "sop_number", "source_format", "n_steps", "uncertain_fields",
                                          *DATE_COLUMNS])
    report = harmonize_batch(documents, spool, reports, decisions.groups)
    n_files, failures = len(documents), failures_of(documents)
    del documents  # the report writer has what it needs of them
    release_freed_memory()
    checks = TableExpectations(reports / "data-docs") if expectations else None
    (normalized / MANIFEST).unlink(missing_ok=True)  # a run killed from here on leaves no match
    with TableWriter(normalized) as tables:
        for chunk in spool.chunks():
            chunk["steps"] = with_decided_phases(labelled(chunk["steps"], chunk.pop(LABELS_TABLE)), decisions)
            chunk["documents"] = identified(chunk["documents"], chunk.pop(COPIES_TABLE))
            if checks is not None:
                chunk["findings"] = with_frame(chunk["findings"], table_frame("findings", checks.validate(chunk)))
            chunk["findings"] = with_decided_findings(chunk["findings"], decisions)
            for name, frame in chunk.items():
                tables.add(name, frame)
            report.add(chunk["documents"], chunk["steps"], chunk["findings"])
            release_freed_memory()
        outputs = tables.commit()
    write_database(normalized, normalized / DATABASE_NAME)
    report.close()
    summary = RunSummary(n_files, len(failures), tables.n_rows["steps"], tables.n_rows["findings"], failures)
    if manifest is not None:
        text = manifest_text(manifest, outputs, summary)
        replace_atomically(normalized / MANIFEST, lambda p: Path(p).write_text(text, encoding="utf-8"))
    return summary


def harmonize_batch(documents: pd.DataFrame, spool: RowSpool, reports: Path,
                    decided_groups: dict[str, str] | None = None) -> ReportWriter:
    """Harmonizes the batch a few groups at a time: each piece's step labels (group_id, phase)
    go to the spool's LABELS_TABLE and its findings to the spool's findings; the report writer
    that comes back holds the pieces' groups."""
    spool.add_rows(LABELS_TABLE, LABELS.empty_table())  # the tables are there even if harmonization fails
    spool.add_rows(COPIES_TABLE, COPIES.empty_table())

    def spooled(pieces: Iterator[Harmonization]) -> Iterator[Harmonization]:
        for piece in pieces:
            labels = with_sop_keys(piece.steps.copy())
            spool.add_rows(LABELS_TABLE, pa.Table.from_pandas(labels[LABELS.names], schema=LABELS, preserve_index=False))
            copies = with_sop_keys(piece.copies.copy())
            spool.add_rows(COPIES_TABLE, pa.Table.from_pandas(copies[COPIES.names], schema=COPIES, preserve_index=False))
            spool.add_rows("findings", arrow_table("findings", table_frame("findings", piece.findings)))
            yield piece

    return ReportWriter(reports, spooled(harmonized(documents, SpooledSteps(spool), decided_groups or {})), documents)


def harmonized(documents: pd.DataFrame, steps: StepTable, decided_groups: dict[str, str]) -> Iterator[Harmonization]:
    """The harmonization's pieces; if it fails, those it gave (the other steps are written
    without phase labels: the per-file tables are still whole, better than losing the run)."""
    try:
        yield from harmonize_in_batches(documents, steps, decided_groups)
    except Exception:
        log.exception("harmonization failed; steps of the groups not yet harmonized are written without phase labels")


class SpooledSteps:
    """The spool's steps table as the harmonize stage reads it."""

    def __init__(self, spool: RowSpool):
        self.spool = spool

    def windows(self, columns: list[str]) -> Iterator[pd.DataFrame]:
        return (self.spool.read("steps", columns, window) for window in self.spool.windows())

    def of_sops(self, keys: list[str], columns: list[str]) -> pd.DataFrame:
        return self.spool.read("steps", columns, keys=keys)


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
