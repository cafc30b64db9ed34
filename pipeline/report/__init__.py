"""Report stage: the HTML report (reports/index.html and a page per SOP) and the workbook
(reports/sop-report.xlsx), from the normalized tables and the harmonization."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.harmonize.result import Harmonization
from pipeline.report.data import prepare
from pipeline.report.html import write_html
from pipeline.report.workbook import write_workbook

__all__ = ["write_reports"]

WORKBOOK_NAME = "sop-report.xlsx"


def write_reports(reports_dir: Path, documents: pd.DataFrame, steps: pd.DataFrame, findings: pd.DataFrame,
                  harmonization: Harmonization) -> list[Path]:
    """Writes the reports and returns their paths, index.html first. `findings` is the whole
    findings table (the harmonization's own findings included)."""
    reports_dir = Path(reports_dir)
    reports_dir.mkdir(parents=True, exist_ok=True)
    data = prepare(documents, steps, findings, harmonization)
    return [*write_html(reports_dir, data), write_workbook(reports_dir / WORKBOOK_NAME, data)]
