"""reports/sop-report.xlsx: the tables for analysts who work in a spreadsheet.

Every sheet has a frozen header row and an autofilter. SOP text never runs as a formula: a text
starting with = + - @ is stored as text (with Excel's quote prefix, so it stays text when edited).

The workbook is write-only: rows stream to a temporary file per sheet instead of living as cell
objects, so memory stays small however many SOPs there are. The tables' sheets take their rows
chunk by chunk, interleaved; the harmonization's sheets are written at the end.
"""
from __future__ import annotations

from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pipeline.report.data import Chunk, Group, HarmonizationView, Member, is_core
from pipeline.report.labels import COLUMN_HEADINGS, SEVERITY_LABELS
from pipeline.report.summary import BatchSummary
from pipeline.report.values import is_missing, minutes_text, number, text
from pipeline.schema import DATE_FIELDS
from pipeline.schema import exported_columns
from pipeline.store import replace_atomically

FORMULA_STARTS = ("=", "+", "-", "@")
MAX_CELL_CHARS = 32767  # Excel's limit
MIN_WIDTH, MAX_WIDTH = 8, 60
WIDTH_SAMPLE_ROWS = 500
MEMBERS_PER_PART = 1000  # SOPs of a group whose harmonization rows are made at once
HEADER_FILL = PatternFill("solid", fgColor="DDE5EE")
HARMONIZATION_COLUMNS = ["group_id", "group_label", "consensus_order", "phase", "phase_label", "core",
                         "source_file", "sop_index", "agency", "status", "minutes", "duration", "peers_median_minutes",
                         "step_nos", "actors"]
AUDIT_SHEET_COLUMNS = ["source_file", "sop_index", "group_id", "group_label", "agency", "sop_title", "peers_median_total_minutes",
                       "total_minutes", "critical_path_minutes", "missing_phases", "extra_steps",
                       "order_differences", "actor_differences"]


class ReportWorkbook:
    """The tables' sheets fed chunk by chunk, the harmonization's written at save."""

    def __init__(self):
        self.book = Workbook(write_only=True)
        self.summary_sheet = self.book.create_sheet("ringkasan")
        self.sheets = {name: StreamedSheet(self.book.create_sheet(name))
                       for name in ("documents", "steps", "findings", "harmonisasi", "audit")}

    def add(self, chunk: Chunk, pages: dict[str, str]) -> None:
        """The chunk's rows, in the columns written to normalized/, dates as dates; steps and
        findings with their SOP's agency and title, so that a sheet can be read or filtered on
        its own; a link to each SOP's page (`pages`: sop_key -> its page, relative to the
        workbook)."""
        documents = with_dates(chunk.documents[exported_columns("documents")])
        documents.insert(0, "page", [page_link(pages.get(key)) for key in documents["sop_key"]])
        self.sheets["documents"].add(documents)
        steps = chunk.steps[exported_columns("steps")].copy()
        steps.insert(steps.columns.get_loc("duration_minutes") + 1, "working_time",
                     [minutes_text(m) for m in steps["duration_minutes"]])
        self.sheets["steps"].add(with_sop_names(chunk.documents, steps))
        self.sheets["findings"].add(with_sop_names(chunk.documents, chunk.findings[exported_columns("findings")]))

    def save(self, path: Path, view: HarmonizationView, summary: BatchSummary) -> Path:
        """The harmonization's sheets are written MEMBERS_PER_PART SOPs of a group at a time."""
        for label, value in summary_rows(summary, view):
            self.summary_sheet.append([label, sheet_cell(self.summary_sheet, value)])
        self.sheets["harmonisasi"].add(pd.DataFrame(columns=HARMONIZATION_COLUMNS))
        self.sheets["audit"].add(pd.DataFrame(columns=AUDIT_SHEET_COLUMNS))
        for group in view.groups():
            for members in batches(group.members(), MEMBERS_PER_PART):
                self.sheets["harmonisasi"].add(harmonization_rows(group, members))
                self.sheets["audit"].add(audit_rows(group, members))
        for sheet in self.sheets.values():
            sheet.close()
        replace_atomically(path, self.book.save)
        return path


class StreamedSheet:
    """A sheet written in parts. A write-only sheet takes its frozen pane and column widths before
    its first row, so the first WIDTH_SAMPLE_ROWS rows wait until the widths can be measured on
    them, as on a sheet written whole; later parts are written at once, in the columns of the
    first ones. The autofilter needs the row count: it is set at close."""

    def __init__(self, sheet: WriteOnlyWorksheet):
        self.sheet = sheet
        self.pending: list[pd.DataFrame] = []
        self.columns: list[str] | None = None  # known once the header is written
        self.n_rows = 0

    def add(self, frame: pd.DataFrame) -> None:
        if self.columns is not None:
            self.write_rows(frame.reindex(columns=self.columns))
            return
        self.pending.append(frame)
        if sum(len(part) for part in self.pending) >= WIDTH_SAMPLE_ROWS:
            self.start()

    def start(self) -> None:
        self.columns = list(dict.fromkeys(c for part in self.pending for c in part.columns))
        pending, self.pending = [part.reindex(columns=self.columns) for part in self.pending], []
        self.sheet.freeze_panes = "A2"
        set_widths(self.sheet, self.columns, pending)
        self.sheet.append([header_cell(self.sheet, COLUMN_HEADINGS.get(str(c), str(c))) for c in self.columns])
        for part in pending:
            self.write_rows(part)

    def write_rows(self, frame: pd.DataFrame) -> None:
        for row in frame.itertuples(index=False):
            self.sheet.append([sheet_cell(self.sheet, cell_value(v)) for v in row])
        self.n_rows += len(frame)

    def close(self) -> None:
        if self.columns is None:
            self.start()
        last_column = get_column_letter(max(len(self.columns), 1))
        self.sheet.auto_filter.ref = f"A1:{last_column}{self.n_rows + 1}"


class Formula(str):
    """A formula of our own (a link): written as a formula, unlike SOP text starting with '='."""


def page_link(page: str | None) -> Formula | None:
    return Formula(f'=HYPERLINK("{page}","buka")') if page else None


def with_dates(documents: pd.DataFrame) -> pd.DataFrame:
    """ISO dates as dates (a month alone, YYYY-MM, stays text): Excel sorts and filters them."""
    documents = documents.copy()
    for column in DATE_FIELDS:
        documents[column] = [date.fromisoformat(v) if isinstance(v, str) and len(v) == 10 else v
                             for v in documents[column]]
    return documents


def summary_rows(summary: BatchSummary, view: HarmonizationView) -> list[tuple[str, object]]:
    counts = summary.status_counts()
    return [("Ringkasan batch", None), ("SOP", summary.n_sops), ("Berhasil dibaca", counts["ok"]),
            ("Sebagian (tanpa diagram alir)", counts["partial"]), ("Gagal", counts["failed"]),
            ("Langkah", summary.n_steps),
            *((f"Temuan: {SEVERITY_LABELS[s]}", summary.severities.get(s, 0)) for s in SEVERITY_LABELS),
            ("Kelompok prosedur", len(view.group_ids)), ("Laporan", Formula('=HYPERLINK("index.html","buka index.html")'))]


def with_sop_names(documents: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with their SOP's agency and title after the SOP's key columns."""
    names = documents[["sop_key", "agency", "sop_title"]].drop_duplicates("sop_key")
    named = rows.merge(names, on="sop_key", how="left")
    at = list(rows.columns).index("sop_key") + 1
    order = [*rows.columns[:at], "agency", "sop_title", *rows.columns[at:]]
    return named[order]


def header_cell(sheet: WriteOnlyWorksheet, title: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=title)
    cell.font, cell.fill = Font(bold=True), HEADER_FILL
    return cell


def sheet_cell(sheet: WriteOnlyWorksheet, value):
    """Text that would start a formula is stored as text, with Excel's quote prefix."""
    if isinstance(value, Formula) or not (isinstance(value, str) and value.startswith(FORMULA_STARTS)):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type, cell.quotePrefix = "s", True
    return cell


def cell_value(value):
    """A table value as a spreadsheet cell: lists joined with "; ", numbers as numbers."""
    if isinstance(value, (Formula, date)):
        return value
    if isinstance(value, (list, tuple, np.ndarray)):
        return text(value)[:MAX_CELL_CHARS] or None
    if is_missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return number(value)
    return text(value)[:MAX_CELL_CHARS] or None


def set_widths(sheet: WriteOnlyWorksheet, columns: list[str], parts: list[pd.DataFrame]) -> None:
    """From the header and the first rows."""
    for index, column in enumerate(columns, start=1):
        sample = islice(chain.from_iterable(part[column] for part in parts), WIDTH_SAMPLE_ROWS)
        widest = max([len(str(column)), *(len(text(v)) for v in sample)])
        sheet.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, widest + 2))


def harmonization_rows(group: Group, members: list[Member]) -> pd.DataFrame:
    """The agency x phase matrix of some SOPs of one group, one row per (SOP, phase), with a row
    for every phase an SOP lacks, so the gaps can be filtered."""
    rows = []
    for member in members:
        for phase in group.phases:
            cell = member.matrix.get(text(phase["phase"]))
            rows.append({
                "group_id": group.group_id, "group_label": group.label,
                "consensus_order": phase["consensus_order"], "phase": phase["phase"],
                "phase_label": phase["label"], "core": is_core(phase),
                "source_file": member.source_file, "sop_index": member.sop_index, "agency": member.agency,
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


def audit_rows(group: Group, members: list[Member]) -> pd.DataFrame:
    """The audit of some SOPs of one group, with the group's name, their agency and title."""
    rows = [{**member.audit, "source_file": member.source_file, "sop_index": member.sop_index, "group_label": group.label, "agency": member.agency,
             "sop_title": member.title, "peers_median_total_minutes": member.audit["peers_median"]}
            for member in members if member.audit]
    return pd.DataFrame(rows, columns=AUDIT_SHEET_COLUMNS)


def batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
