"""Report stage: the HTML report (reports/index.html and a page per SOP) and the workbook
(reports/sop-report.xlsx), from the normalized tables and the harmonization.

ReportWriter takes the tables chunk by chunk, so memory does not grow with the batch beyond a
few values per SOP; write_reports is its use with the whole tables as one chunk."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.harmonize.result import Harmonization
from pipeline.report.writer import ReportWriter

__all__ = ["ReportWriter", "write_reports"]


def write_reports(reports_dir: Path, documents: pd.DataFrame, steps: pd.DataFrame, findings: pd.DataFrame,
                  harmonization: Harmonization) -> list[Path]:
    """Writes the reports and returns their paths, index.html first. `findings` is the whole
    findings table (the harmonization's own findings included)."""
    writer = ReportWriter(reports_dir, harmonization, agencies=documents)
    writer.add(documents, steps, findings)
    return writer.close()
