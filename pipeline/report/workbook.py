"""reports/sop-report.xlsx: the tables for analysts who work in a spreadsheet.

Every sheet has a frozen header row and an autofilter. SOP text never runs as a formula: a text
starting with = + - @ is stored as text (with Excel's quote prefix, so it stays text when edited).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pipeline.report.data import ReportData, is_core
from pipeline.report.values import is_missing, minutes_text, number, text
from pipeline.store import replace_atomically

FORMULA_STARTS = ("=", "+", "-", "@")
MAX_CELL_CHARS = 32767  # Excel's limit
MIN_WIDTH, MAX_WIDTH = 8, 60
WIDTH_SAMPLE_ROWS = 500
HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")
HARMONIZATION_COLUMNS = ["group_id", "group_label", "consensus_order", "phase", "phase_label", "core",
                         "source_file", "agency", "status", "minutes", "duration", "peers_median_minutes",
                         "step_nos", "actors"]
AUDIT_EXTRA_COLUMNS = ["group_label", "agency", "sop_title", "peers_median_total_minutes"]


def write_workbook(path: Path, data: ReportData) -> Path:
    # Write-only: rows stream to the file instead of living as cell objects, so memory stays
    # small however many SOPs there are.
    book = Workbook(write_only=True)
    for name, frame in (("documents", data.documents), ("steps", data.steps), ("findings", data.findings),
                        ("harmonisasi", harmonization_sheet(data)), ("audit", audit_sheet(data))):
        write_sheet(book.create_sheet(name), frame)
    replace_atomically(path, book.save)
    return path


def write_sheet(sheet: WriteOnlyWorksheet, frame: pd.DataFrame) -> None:
    sheet.freeze_panes = "A2"
    set_widths(sheet, frame)
    sheet.append([header_cell(sheet, str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([sheet_cell(sheet, cell_value(v)) for v in row])
    last_column = get_column_letter(max(len(frame.columns), 1))
    sheet.auto_filter.ref = f"A1:{last_column}{len(frame) + 1}"


def header_cell(sheet: WriteOnlyWorksheet, title: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=title)
    cell.font, cell.fill = Font(bold=True), HEADER_FILL
    return cell


def sheet_cell(sheet: WriteOnlyWorksheet, value):
    """Text that would start a formula is stored as text, with Excel's quote prefix."""
    if not (isinstance(value, str) and value.startswith(FORMULA_STARTS)):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type, cell.quotePrefix = "s", True
    return cell


def cell_value(value):
    """A table value as a spreadsheet cell: lists joined with "; ", numbers as numbers."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return text(value)[:MAX_CELL_CHARS] or None
    if is_missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return number(value)
    return text(value)[:MAX_CELL_CHARS] or None


def set_widths(sheet: WriteOnlyWorksheet, frame: pd.DataFrame) -> None:
    for index, column in enumerate(frame.columns, start=1):
        sample = [len(text(v)) for v in frame[column].head(WIDTH_SAMPLE_ROWS)]
        widest = max([len(str(column)), *sample])
        sheet.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, widest + 2))


def harmonization_sheet(data: ReportData) -> pd.DataFrame:
    """The agency x phase matrix, one row per (group, SOP, phase), with a row for every phase an
    SOP lacks, so the gaps can be filtered."""
    agency = {text(d["source_file"]): text(d["agency"]) for d in data.document_rows}
    rows = []
    for group in data.groups:
        for source_file in group.files:
            for phase in group.phases:
                cell = group.matrix.get((source_file, text(phase["phase"])))
                rows.append({
                    "group_id": group.group_id, "group_label": group.label,
                    "consensus_order": phase["consensus_order"], "phase": phase["phase"],
                    "phase_label": phase["label"], "core": is_core(phase),
                    "source_file": source_file, "agency": agency.get(source_file, ""),
                    "status": cell_status(cell), "minutes": cell["minutes"] if cell else None,
                    "duration": minutes_text(cell["minutes"]) if cell else "",
                    "peers_median_minutes": cell["peers_median"] if cell else None,
                    "step_nos": cell["step_nos"] if cell else [], "actors": cell["actors"] if cell else [],
                })
    return pd.DataFrame(rows, columns=HARMONIZATION_COLUMNS)


def cell_status(cell: dict | None) -> str:
    if cell is None:
        return "tidak ada"
    return "ada" if number(cell["minutes"]) is not None else "tidak terukur"


def audit_sheet(data: ReportData) -> pd.DataFrame:
    documents = {text(d["source_file"]): d for d in data.document_rows}
    labels = {g.group_id: g.label for g in data.groups}
    audit = data.audit.drop(columns=["agency_key"]).rename(columns={"peers_median": "peers_median_total_minutes"})
    files = [text(f) for f in audit["source_file"]]
    audit["group_label"] = [labels.get(text(g), "") for g in audit["group_id"]]
    audit["agency"] = [text(documents.get(f, {}).get("agency")) for f in files]
    audit["sop_title"] = [text(documents.get(f, {}).get("sop_title")) for f in files]
    front = ["source_file", "group_id", *AUDIT_EXTRA_COLUMNS]
    return audit[front + [c for c in audit.columns if c not in front]]
