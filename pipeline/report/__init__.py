"""Report stage: the HTML report (reports/index.html and a page per SOP) and the workbook
(reports/sop-report.xlsx), from the normalized tables and the harmonization.

ReportWriter takes the tables chunk by chunk, and keeps what it needs of every SOP until the
end on disk: in memory it holds an id and a size per procedure group, not the SOPs' rows."""
from pipeline.report.writer import ReportWriter

__all__ = ["ReportWriter"]
