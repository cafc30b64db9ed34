"""The reports written chunk by chunk: each chunk's SOP pages and sheet rows go to disk as it
arrives; the index page and the harmonization's sheets read what they need of every SOP from
the batch database."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.database import BatchDatabase
from pipeline.report.acuan import write_reference_sops
from pipeline.report.data import HarmonizationView, prepare_chunk
from pipeline.report.html import HtmlReport
from pipeline.report.summary import BatchSummary
from pipeline.report.values import text
from pipeline.report.workbook import ReportWorkbook

WORKBOOK_NAME = "sop-report.xlsx"


class ReportWriter:
    def __init__(self, reports_dir: Path, database: BatchDatabase):
        """`database`: the batch database, harmonized (its harmonization tables filled); each
        chunk's rows are in its normalized tables before the chunk is added."""
        self.reports_dir = Path(reports_dir)
        self.reports_dir.mkdir(parents=True, exist_ok=True)
        self.view = HarmonizationView(database)
        self.html = HtmlReport(self.reports_dir)
        self.workbook = ReportWorkbook()
        self.summary = BatchSummary(database)
        self.any_chunk = False

    def add(self, documents: pd.DataFrame, steps: pd.DataFrame, findings: pd.DataFrame) -> None:
        """One chunk, in input order: the documents rows of some files, and all the steps and
        findings rows of those files (harmonization and validation findings included)."""
        chunk = prepare_chunk(documents, steps, findings)
        sops = self.summary.add(chunk)
        harmonizations = self.view.sops([sop.sop_key for sop in sops])
        for sop, document in zip(sops, chunk.document_rows):
            key = text(document["sop_key"])
            self.html.write_sop_page(sop, document, chunk.steps_of.get(key, []), chunk.findings_of.get(key, []),
                                     harmonizations.get(key))
        self.workbook.add(chunk, {sop.sop_key: f"sop/{sop.page}" for sop in sops})
        self.any_chunk = True

    def close(self) -> list[Path]:
        """Writes the index and the workbook; returns index.html, the SOP pages, the workbook."""
        if not self.any_chunk:  # an empty batch still gets the tables' headers
            self.add(pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
        acuan = write_reference_sops(self.view, self.reports_dir)
        pages = self.html.close(self.summary, self.view, acuan)
        workbook = self.workbook.save(self.reports_dir / WORKBOOK_NAME, self.view, self.summary)
        return [*pages, workbook]
