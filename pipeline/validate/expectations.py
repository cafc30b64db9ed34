"""Great Expectations suites over the normalized tables.

They guard the tables' contract (columns, required values, formats, value sets, ranges);
every failing row becomes a TABLE_EXPECTATION_FAILED finding, and GX Data Docs are written
for the analyst under reports/data-docs/.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ISO_DATE = r"^\d{4}-\d{2}(?:-\d{2})?$"  # no capturing group: pandas warns on one
# what result_format COMPLETE adds to a result, row by row
FAILING_ROW_LISTS = ("unexpected_list", "unexpected_index_list", "unexpected_index_query",
                     "partial_unexpected_list", "partial_unexpected_index_list", "partial_unexpected_counts")


@dataclass(frozen=True)
class Check:
    table: str
    expectation: str  # class name in great_expectations.expectations
    kwargs: dict
    severity: str
    message: str  # Bahasa Indonesia; {value} is the offending value


CHECKS = [
    Check("documents", "ExpectColumnValuesToNotBeNull", {"column": "source_file"}, "error",
          "Baris dokumen tanpa nama berkas."),
    Check("documents", "ExpectColumnValuesToBeInSet", {"column": "status", "value_set": ["ok", "partial", "failed"]},
          "error", "Status dokumen tidak dikenal: {value}."),
    Check("documents", "ExpectColumnValuesToMatchRegex", {"column": "signatory_nip", "regex": r"^\d+$"},
          "error", "NIP penandatangan memuat selain angka: {value}."),
    *(Check("documents", "ExpectColumnValuesToMatchRegex", {"column": column, "regex": ISO_DATE}, "error",
            f"Kolom {column} bukan tanggal ISO: {{value}}.")
      for column in ("created_date", "revised_date", "effective_date", "approved_date")),
    Check("documents", "ExpectColumnValuesToBeBetween", {"column": "n_steps", "min_value": 0, "max_value": 500},
          "warning", "Jumlah langkah tidak wajar: {value}."),
    Check("steps", "ExpectColumnValuesToNotBeNull", {"column": "activity"}, "error",
          "Langkah tanpa uraian kegiatan."),
    Check("steps", "ExpectColumnValuesToBeInSet",
          {"column": "symbol", "value_set": ["start", "process", "decision", "end"]}, "error",
          "Simbol bagan alir tidak dikenal: {value}."),
    Check("steps", "ExpectColumnValuesToBeBetween", {"column": "step_no", "min_value": 1, "max_value": 500},
          "warning", "Nomor langkah di luar rentang wajar: {value}."),
    Check("steps", "ExpectColumnValuesToBeBetween",
          {"column": "duration_minutes", "min_value": 0, "max_value": 12 * 9900}, "warning",
          "Waktu lebih dari setahun kerja: {value} menit."),
    Check("findings", "ExpectColumnValuesToBeInSet", {"column": "severity", "value_set": ["error", "warning", "info"]},
          "error", "Tingkat temuan tidak dikenal: {value}."),
    Check("findings", "ExpectColumnValuesToNotBeNull", {"column": "rule"}, "error", "Temuan tanpa kode aturan."),
]


def quiet_context(docs_dir: Path):
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no network calls from a batch run
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    # GX sets this module logger to INFO: its notes are not for an analyst
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.add_data_docs_site(site_name="sop", site_config={
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    return gx, context


class TableExpectations:
    """The suites, set up once and run on each chunk of rows a batch gives them; failures become
    findings and Data Docs are written to docs_dir."""

    def __init__(self, docs_dir: Path):
        self.gx, self.context = quiet_context(docs_dir.resolve())
        self.source = self.context.data_sources.add_pandas("sop_tables")
        self.checkpoints: dict[str, tuple[object, list[str]]] = {}  # table -> (checkpoint, columns it reads)

    def validate(self, tables: dict[str, pd.DataFrame]) -> list[dict]:
        """Failures in these rows, as findings."""
        findings: list[dict] = []
        for table, frame in tables.items():
            if frame.empty or not self.has_checks(table, frame):
                continue
            checkpoint, columns = self.checkpoints[table]
            # Only the checked columns (and where a failure points to): GX copies what it is given.
            rows = frame[[c for c in columns if c in frame.columns]].reset_index(drop=True)
            result = checkpoint.run(batch_parameters={"dataframe": rows})
            for key, run in result.run_results.items():
                findings.extend(failures_as_findings(table, rows, run.results))
                self.keep_summary_only(key)
        return findings

    def keep_summary_only(self, key) -> None:
        """GX keeps every run's results in memory for the Data Docs index, which reads only their
        counts. Once the run's page is written and its failures are findings, the lists of
        failing rows go: a batch runs the suites once per chunk."""
        store = self.context.validation_results_store
        stored = store.get(key)
        for outcome in stored.results:
            for name in FAILING_ROW_LISTS:
                outcome.result.pop(name, None)
        store.set(key, stored)

    def has_checks(self, table: str, frame: pd.DataFrame) -> bool:
        """Whether a suite checks this table; set up on its first rows, from the columns they have."""
        if table not in self.checkpoints:
            checks = [(i, c) for i, c in enumerate(CHECKS) if c.table == table and c.kwargs["column"] in frame.columns]
            if not checks:
                return False
            self.checkpoints[table] = (self.checkpoint(table, checks), list(dict.fromkeys(
                ["source_file", "sop_index", *(["step_no"] if table == "steps" else []), *(c.kwargs["column"] for _, c in checks)])))
        return True

    def checkpoint(self, table: str, checks: list[tuple[int, Check]]):
        gx, context = self.gx, self.context
        suite = context.suites.add(gx.ExpectationSuite(name=f"sop_{table}"))
        for index, check in checks:
            expectation_class = getattr(gx.expectations, check.expectation)
            suite.add_expectation(expectation_class(**check.kwargs, meta={"check": index}))
        batch = self.source.add_dataframe_asset(name=table).add_batch_definition_whole_dataframe("all")
        definition = context.validation_definitions.add(gx.ValidationDefinition(data=batch, suite=suite,
                                                                                name=f"sop_{table}"))
        return context.checkpoints.add(gx.Checkpoint(
            name=f"check_{table}", validation_definitions=[definition],
            actions=[gx.checkpoint.UpdateDataDocsAction(name="docs", site_names=["sop"])],
            result_format={"result_format": "COMPLETE"}))


def failures_as_findings(table: str, frame: pd.DataFrame, results) -> list[dict]:
    findings = []
    for outcome in results:
        if outcome.success:
            continue
        check = CHECKS[int(outcome.expectation_config.meta["check"])]
        column = check.kwargs["column"]
        for index in outcome.result.get("unexpected_index_list") or []:
            row = frame.loc[index]
            findings.append({
                "source_file": row.get("source_file"),
                "sop_index": row.get("sop_index"),
                "rule": "TABLE_EXPECTATION_FAILED",
                "severity": check.severity,
                "step_no": int(row["step_no"]) if table == "steps" and pd.notna(row["step_no"]) else None,
                "field": column,
                "message": check.message.format(value=row.get(column)),
            })
    return findings
