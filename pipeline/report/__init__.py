"""Report stage: the HTML report (reports/index.html and a page per SOP) and the workbook
(reports/sop-report.xlsx), from the normalized tables and the harmonization.

ReportWriter takes the tables chunk by chunk, so memory does not grow with the batch beyond a
few values per SOP."""
from pipeline.report.writer import ReportWriter

__all__ = ["ReportWriter"]
