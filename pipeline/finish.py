"""The batch-wide stages on the spooled rows of a batch, then the outputs."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.batch import BatchResult
from pipeline.harmonize import StepTable, harmonize_in_batches
from pipeline.harmonize.result import Harmonization
from pipeline.manifest import MANIFEST, RunSummary, manifest_text
from pipeline.memory import release_freed_memory
from pipeline.report import ReportWriter
from pipeline.spool import RowSpool
from pipeline.store import TableWriter, arrow_table, replace_atomically, table_frame
from pipeline.validate.expectations import TableExpectations

STEP_KEY, STEP_LABELS = ["source_file", "seq"], ["group_id", "phase"]
LABELS = pa.schema([("source_file", pa.string()), ("seq", pa.int64()), ("group_id", pa.string()), ("phase", pa.string())])
log = logging.getLogger(__name__)


def finish_run(result: BatchResult, out: Path, manifest: str | None, expectations: bool) -> RunSummary:
    """The batch-wide stages on the spooled rows, then the outputs. Harmonization reads the
    steps a window of files, then a batch of groups, at a time; what spans the batch is held
    compactly (its labels, findings and per-SOP results as Arrow columns, one summary row per
    file for the index); the tables and reports are written a window of files at a time."""
    normalized, reports = out / "normalized", out / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    spool = result.spool
    documents = spool.frame("documents", ["source_file", "status", "error", "sop_title", "agency", "sop_number"])
    labels, added_findings, report = harmonize_batch(documents, spool, reports)
    release_freed_memory()
    checks = TableExpectations(reports / "data-docs") if expectations else None
    (normalized / MANIFEST).unlink(missing_ok=True)  # a run killed from here on leaves no match
    with TableWriter(normalized) as tables:
        for chunk in spool.chunks():
            chunk["steps"] = labelled(chunk["steps"], labels)
            files = chunk["documents"]["source_file"]
            chunk["findings"] = with_frame(chunk["findings"], table_frame("findings", rows_of_files(added_findings, files)))
            if checks is not None:
                chunk["findings"] = with_frame(chunk["findings"], table_frame("findings", checks.validate(chunk)))
            for name, frame in chunk.items():
                tables.add(name, frame)
            report.add(chunk["documents"], chunk["steps"], chunk["findings"])
            release_freed_memory()
        outputs = tables.commit()
    report.close()
    summary = summary_of(documents, tables.n_rows["steps"], tables.n_rows["findings"])
    if manifest is not None:
        text = manifest_text(manifest, outputs, summary)
        replace_atomically(normalized / MANIFEST, lambda p: Path(p).write_text(text, encoding="utf-8"))
    return summary


def harmonize_batch(documents: pd.DataFrame, spool: RowSpool,
                    reports: Path) -> tuple[pa.Table, pa.Table, ReportWriter]:
    """The steps' (group_id, phase) labels, the harmonization's findings, and the report writer
    holding its groups. Harmonization comes a few groups at a time; of each piece only these
    are kept, as Arrow columns."""
    labels, findings = [LABELS.empty_table()], [arrow_table("findings", table_frame("findings", []))]

    def kept(pieces: Iterator[Harmonization]) -> Iterator[Harmonization]:
        for piece in pieces:
            labels.append(pa.Table.from_pandas(piece.steps[LABELS.names], schema=LABELS, preserve_index=False))
            findings.append(arrow_table("findings", table_frame("findings", piece.findings)))
            yield piece

    report = ReportWriter(reports, kept(harmonized(documents, SpooledSteps(spool))), documents)
    return pa.concat_tables(labels), pa.concat_tables(findings), report


def harmonized(documents: pd.DataFrame, steps: StepTable) -> Iterator[Harmonization]:
    """The harmonization's pieces; if it fails, those it gave (the other steps are written
    without phase labels: the per-file tables are still whole, better than losing the run)."""
    try:
        yield from harmonize_in_batches(documents, steps)
    except Exception:
        log.exception("harmonization failed; steps of the groups not yet harmonized are written without phase labels")


class SpooledSteps:
    """The spool's steps table as the harmonize stage reads it."""

    def __init__(self, spool: RowSpool):
        self.spool = spool

    def windows(self, columns: list[str]) -> Iterator[pd.DataFrame]:
        return (self.spool.read("steps", columns, window) for window in self.spool.windows())

    def of_files(self, files: list[str], columns: list[str]) -> pd.DataFrame:
        return self.spool.read("steps", columns, files=files)


def labelled(steps: pd.DataFrame, labels: pa.Table) -> pd.DataFrame:
    """The steps with the group and phase harmonization gave them."""
    return steps.drop(columns=STEP_LABELS).merge(rows_of_files(labels, steps["source_file"]), on=STEP_KEY, how="left")


def rows_of_files(table: pa.Table, files: pd.Series) -> pd.DataFrame:
    """The rows of these files, in the files' order (a file's rows in their own order)."""
    files = files.astype(str).drop_duplicates()
    rows = table.filter(pc.is_in(table["source_file"], value_set=pa.array(files, pa.string()))).to_pandas()
    position = pd.Series(range(len(files)), index=files.to_numpy())
    return rows.iloc[position.loc[rows["source_file"]].to_numpy().argsort(kind="stable")].reset_index(drop=True)


def with_frame(frame: pd.DataFrame, more: pd.DataFrame) -> pd.DataFrame:
    return pd.concat([frame, more], ignore_index=True) if len(more) else frame


def summary_of(documents: pd.DataFrame, n_steps: int, n_findings: int) -> RunSummary:
    failed = documents[documents["status"] != "ok"]
    return RunSummary(len(documents), len(failed), n_steps, n_findings,
                      list(zip(failed["source_file"], failed["error"])))
