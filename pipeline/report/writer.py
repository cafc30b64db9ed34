"""The reports written chunk by chunk: each chunk's SOP pages and sheet rows go to disk as it
arrives; what the index page and the harmonization's sheets need of every SOP waits in a
database in the writer's scratch folder, removed when it closes."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Iterable

import pandas as pd

from pipeline.harmonize.result import Harmonization
from pipeline.report.acuan import write_reference_sops
from pipeline.report.data import HarmonizationView, prepare_chunk, scratch_database
from pipeline.report.html import HtmlReport
from pipeline.report.summary import BatchSummary
from pipeline.report.values import text
from pipeline.report.workbook import ReportWorkbook

WORKBOOK_NAME = "sop-report.xlsx"
SCRATCH_PREFIX = ".report-"  # the working files of a writer, removed when it closes


class ReportWriter:
    def __init__(self, reports_dir: Path, harmonization: Iterable[Harmonization], documents: pd.DataFrame):
        """`harmonization`: its pieces, taken one at a time (a large group spans several).
        `documents`: sop_key, source_file, sop_index, agency and sop_title of every SOP of the batch (other
        columns are ignored): a group's members are listed by agency, with their titles, and a
        group may be written before its files' chunks. The harmonization's `steps` is not read:
        the chunks' steps carry group_id and phase."""
        self.reports_dir = Path(reports_dir)
        self.reports_dir.mkdir(parents=True, exist_ok=True)
        self.scratch = tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=self.reports_dir)
        self.db = scratch_database(Path(self.scratch.name))  # what is kept of every SOP until the end
        self.view = HarmonizationView(harmonization, documents, self.db)
        self.html = HtmlReport(self.reports_dir)
        self.workbook = ReportWorkbook()
        self.summary = BatchSummary(self.db)
        self.any_chunk = False

    def add(self, documents: pd.DataFrame, steps: pd.DataFrame, findings: pd.DataFrame) -> None:
        """One chunk, in input order: the documents rows of some files, and all the steps and
        findings rows of those files (harmonization and validation findings included)."""
        chunk = prepare_chunk(documents, steps, findings)
        sops = self.summary.add(chunk)
        for sop, document in zip(sops, chunk.document_rows):
            key = text(document["sop_key"])
            self.html.write_sop_page(sop, document, chunk.steps_of.get(key, []), chunk.findings_of.get(key, []),
                                     self.view.sop(key))
        self.workbook.add(chunk, {sop.sop_key: f"sop/{sop.page}" for sop in sops})
        self.any_chunk = True

    def close(self) -> list[Path]:
        """Writes the index and the workbook; returns index.html, the SOP pages, the workbook."""
        if not self.any_chunk:  # an empty batch still gets the tables' headers
            self.add(pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
        self.summary.seal()
        acuan = write_reference_sops(self.view, self.reports_dir)
        pages = self.html.close(self.summary, self.view, acuan)
        workbook = self.workbook.save(self.reports_dir / WORKBOOK_NAME, self.view, self.summary)
        self.db.close()
        self.scratch.cleanup()
        return [*pages, workbook]
