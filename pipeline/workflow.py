"""The whole run: per-file stages, then the batch-wide stages, then the outputs."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from pipeline.batch import BatchOptions, InputFile, run_batch
from pipeline.store import table_frame, write_table


@dataclass
class RunSummary:
    n_files: int
    n_failed: int
    n_steps: int
    n_findings: int
    failures: list[tuple[str, str]]  # (source_file, error)


def run_pipeline(files: list[InputFile], out: Path, options: BatchOptions, expectations: bool = True,
                 on_file_done: Callable[[InputFile], None] = lambda f: None) -> RunSummary:
    result = run_batch(files, options, on_done=on_file_done)
    tables = {"documents": table_frame("documents", result.documents),
              "steps": table_frame("steps", result.steps),
              "findings": table_frame("findings", result.findings),
              "legal_references": table_frame("legal_references", result.legal_references)}
    reports = out / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    if expectations:
        from pipeline.validate.expectations import run_expectations
        extra = run_expectations(tables, reports / "data-docs")
        tables["findings"] = table_frame("findings", result.findings + extra)
    for name, frame in tables.items():
        write_table(out / "normalized", name, frame)
    failed = tables["documents"][tables["documents"]["status"] != "ok"]
    return RunSummary(len(files), len(failed), len(tables["steps"]), len(tables["findings"]),
                      list(zip(failed["source_file"], failed["error"])))
