"""The whole run: per-file stages, then the batch-wide stages, then the outputs."""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import pyarrow.parquet as pq

from pipeline.batch import BatchOptions, BatchResult, InputFile, calendar_key, file_keys, run_batch
from pipeline.harmonize import harmonize
from pipeline.harmonize.result import Harmonization
from pipeline.report import write_reports
from pipeline.store import TABLE_NAMES, replace_atomically, table_frame, write_tables

MANIFEST = ".run-manifest.json"
log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    n_files: int
    n_failed: int
    n_steps: int
    n_findings: int
    failures: list[tuple[str, str]]  # (source_file, error)


def run_pipeline(files: list[InputFile], out: Path, options: BatchOptions, expectations: bool = True,
                 on_file_done: Callable[[InputFile], None] = lambda f: None) -> RunSummary:
    normalized = out / "normalized"
    keys = file_keys(files) if options.cache else None
    manifest = run_manifest(keys, expectations, options) if keys is not None else None
    if manifest is not None and stored_manifest(normalized) == manifest:
        for item in files:  # nothing changed since the last run: its outputs stand
            on_file_done(item)
        return stored_summary(normalized)
    for stale in normalized.glob(".spool-*"):  # left by a run that was killed
        shutil.rmtree(stale, ignore_errors=True)
    result = run_batch(files, options, on_done=on_file_done, keys=keys, spool_directory=normalized)
    try:
        return finish_run(result, out, manifest, expectations)
    finally:
        result.spool.close()


def finish_run(result: BatchResult, out: Path, manifest: str | None, expectations: bool) -> RunSummary:
    """The batch-wide stages on the spooled rows, then the outputs."""
    normalized = out / "normalized"
    documents = result.frame("documents")
    steps = result.frame("steps")
    try:
        harmonization = harmonize(documents, steps)
        steps, harmonization_findings = table_frame("steps", harmonization.steps), harmonization.findings
    except Exception:  # the per-file tables are still whole: write them rather than lose the run
        log.exception("harmonization failed; steps are written without phase labels")
        harmonization = Harmonization(steps=steps, groups=pd.DataFrame(), phases=pd.DataFrame(),
                                      matrix=pd.DataFrame(), audit=pd.DataFrame())
        harmonization_findings = []
    findings = result.frame("findings")
    tables = {"documents": documents,
              "steps": steps,
              "findings": with_rows(findings, harmonization_findings),
              "legal_references": result.frame("legal_references")}
    reports = out / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    if expectations:
        from pipeline.validate.expectations import run_expectations
        tables["findings"] = with_rows(tables["findings"], run_expectations(tables, reports / "data-docs"))
    (normalized / MANIFEST).unlink(missing_ok=True)  # a run killed from here on leaves no match
    write_tables(normalized, tables)
    write_reports(reports, tables["documents"], tables["steps"], tables["findings"], harmonization)
    if manifest is not None:
        replace_atomically(normalized / MANIFEST, lambda p: Path(p).write_text(manifest))
    return summary_of(tables["documents"], len(tables["steps"]), len(tables["findings"]))


def with_rows(findings: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    return pd.concat([findings, table_frame("findings", rows)], ignore_index=True) if rows else findings


def run_manifest(keys: dict[str, str | None], expectations: bool, options: BatchOptions) -> str:
    """What a run's outputs were made from: every input's content key, and the options."""
    listing = json.dumps({"files": sorted(keys.items(), key=lambda kv: kv[0]), "expectations": expectations,
                          "calendar": calendar_key(options.calendar)}, default=str)
    return hashlib.sha256(listing.encode()).hexdigest()


def stored_manifest(normalized: Path) -> str | None:
    if not all((normalized / f"{name}.parquet").exists() for name in TABLE_NAMES):
        return None
    try:
        return (normalized / MANIFEST).read_text()
    except OSError:
        return None


def stored_summary(normalized: Path) -> RunSummary:
    documents = pd.read_parquet(normalized / "documents.parquet", columns=["source_file", "status", "error"])
    return summary_of(documents, pq.read_metadata(normalized / "steps.parquet").num_rows,
                      pq.read_metadata(normalized / "findings.parquet").num_rows)


def summary_of(documents: pd.DataFrame, n_steps: int, n_findings: int) -> RunSummary:
    failed = documents[documents["status"] != "ok"]
    return RunSummary(len(documents), len(failed), n_steps, n_findings,
                      list(zip(failed["source_file"], failed["error"])))
