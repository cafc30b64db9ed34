"""The normalized tables: every column, its type and its meaning, in one place. Writers,
readers, the stores and the reports take their columns and types from here (see CONTRACT.md
of the project for the outside contract; more columns are ours).

Printed text is kept as printed; parsed values sit beside it (`created_date` beside
`created_date_text`, `duration_minutes` beside `duration_text`).
"""
from __future__ import annotations

import pyarrow as pa

TEXT, INT, FLOAT, BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()
TEXT_LIST, INT_LIST = pa.list_(TEXT), pa.list_(INT)

DATE_FIELDS = ("created_date", "revised_date", "effective_date", "approved_date")
LIST_FIELDS = ("legal_basis", "qualifications", "related_sops", "equipment")

# Which SOP a row belongs to: a file may hold several SOPs (a compilation).
SOP_ROW_KEY = [
    ("source_file", TEXT, "path relative to the input folder it was found in (or the file name)"),
    ("sop_index", INT, "1.. the SOP's place in its file"),
    ("sop_key", TEXT, "source_file#sop_index: one key per SOP of the batch, for joins"),
]

DOCUMENTS = [
    *SOP_ROW_KEY,
    ("pages", TEXT, "the file's pages the SOP was read from, e.g. \"3-4\" (null without pages)"),
    ("source_format", TEXT, "docx, doc, pdf, scan_pdf, image, txt, told by the file's content"),
    ("status", TEXT, "ok; partial (identity read, no flowchart table); failed (no SOP read)"),
    ("error", TEXT, "why the file failed or the SOP is partial, in words a user can act on"),
    ("sop_id", TEXT, "shared by the copies of one SOP in several formats and by its revisions"),
    ("is_current", BOOL, "the row of an sop_id that stands for it: latest revision, then best read"),
    ("read_by_ocr", BOOL, "the SOP was read by OCR (a scan or photo): its values may be misread"),
    ("uncertain_fields", TEXT_LIST, "columns read with low confidence (OCR), to check by eye"),
    ("sop_title", TEXT, "Nama SOP as printed"),
    ("agency", TEXT, "the unit that owns the SOP, as printed"),
    ("agency_unit", TEXT, "the agency's unit, parsed from its name"),
    ("agency_region_kind", TEXT, "provinsi, kabupaten, kota ... of the agency"),
    ("agency_region_name", TEXT, "the region's name"),
    ("sop_number", TEXT, "Nomor SOP as printed"),
    *((name, TEXT, "ISO YYYY-MM-DD, or YYYY-MM when only a month is printed") for name in DATE_FIELDS),
    *((f"{name}_text", TEXT, "the date as printed") for name in DATE_FIELDS),
    ("approved_by", TEXT, "the position that approved it (Disahkan oleh)"),
    ("signatory_name", TEXT, "as printed, with degrees"),
    ("signatory_nip", TEXT, "the NIP's digits"),
    ("signatory_nip_text", TEXT, "the NIP as printed"),
    ("signatory_rank", TEXT, "pangkat as printed"),
    ("signatory_birth_date", TEXT, "from the NIP"),
    ("signatory_appointment_month", TEXT, "from the NIP (TMT CPNS)"),
    ("signatory_gender", TEXT, "from the NIP"),
    ("signatory_nip_valid", BOOL, "18 digits with a possible birth date and appointment month"),
    ("signatory_golongan", TEXT, "golongan/ruang of the printed rank"),
    *((name, TEXT_LIST, "one item per numbered entry, numbering removed") for name in LIST_FIELDS),
    ("warning", TEXT, "Peringatan"),
    ("records", TEXT, "Pencatatan dan Pendataan"),
    ("actors", TEXT_LIST, "actor (Pelaksana) column headings, left to right"),
    ("n_steps", INT, "step rows read"),
    ("n_pages", INT, "pages of the file"),
    ("headings", TEXT, "the flowchart's column headings as printed, by role (JSON)"),
    ("evidence", TEXT, "field -> PNG (base64) of the cell an uncertain value was read from (JSON)"),
]

STEPS = [
    *SOP_ROW_KEY,
    ("seq", INT, "1.. in document order"),
    ("step_no", INT, "the number printed in the No column"),
    ("step_no_text", TEXT, "the No column as printed"),
    ("activity", TEXT, "Kegiatan as printed"),
    ("activity_clean", TEXT, "Kegiatan with abbreviations expanded"),
    ("actors", TEXT_LIST, "headings of every actor column holding the step's symbol"),
    ("actor", TEXT, "the first of actors"),
    ("actor_role", TEXT, "the actor's canonical role"),
    ("roles_mentioned", TEXT_LIST, "roles named in the activity text"),
    ("requirements", TEXT, "Kelengkapan / Persyaratan"),
    ("duration_text", TEXT, "Waktu as printed"),
    ("duration_minutes", FLOAT, "working minutes (menit 1, jam 60, hari 450, minggu 2,250, bulan 9,900)"),
    ("duration_problem", TEXT, "missing or unparseable, when Waktu gives no minutes"),
    ("output", TEXT, "Output / Keluaran"),
    ("notes", TEXT, "Keterangan"),
    ("symbol", TEXT, "start, process, decision, end"),
    ("phase", TEXT, "the kind of work, shared by steps of different SOPs doing the same work"),
    ("group_id", TEXT, "the procedure group of the step's SOP"),
    ("ocr_confidence", FLOAT, "the lowest OCR confidence (0-100) of the step's cells"),
    ("uncertain_fields", TEXT_LIST, "cells read with low confidence (OCR), to check by eye"),
    ("evidence", TEXT, "field -> PNG (base64) of the cell an uncertain value was read from (JSON)"),
]

FINDINGS = [
    *SOP_ROW_KEY,
    ("rule", TEXT, "the rule's id, e.g. STEP_NUMBER_GAP"),
    ("severity", TEXT, "error, warning, info"),
    ("step_no", INT, "the step concerned (for STEP_NUMBER_GAP: the missing number)"),
    ("field", TEXT, "the documents column concerned"),
    ("message", TEXT, "plain words for an analyst, in Bahasa Indonesia"),
    ("uncertain", BOOL, "rests on a value read with low confidence: never an error, says what to check"),
    ("decision", TEXT, "the analyst's decision on it (keputusan.csv): diperiksa (checked) or diabaikan (dismissed)"),
    ("decision_reason", TEXT, "why, as the analyst wrote it"),
]

LEGAL_REFERENCES = [
    *SOP_ROW_KEY,
    ("position", INT, "the entry's place in Dasar Hukum"),
    ("text", TEXT, "the entry as printed"),
    ("ref_id", TEXT, "one id per regulation however it is spelt"),
    ("kind", TEXT, "UU, PP, Perpres, Permen ..."),
    ("issuer", TEXT, "who issued it"),
    ("number", TEXT, "its number"),
    ("year", INT, "its year"),
    ("subject", TEXT, "what it is about"),
]

# The harmonization's tables, kept in the batch database (normalized/sop.duckdb, schema
# "harmonization"); the report reads its procedure groups from them.
GROUPS = [
    ("sop_key", TEXT, "the SOP"),
    ("group_id", TEXT, "its procedure group"),
    ("group_label", TEXT, "the group's name, from its SOPs' titles"),
]

PHASES = [
    ("group_id", TEXT, "the procedure group"),
    ("phase", TEXT, "the phase's id within its group"),
    ("label", TEXT, "a short Indonesian description of the phase's work"),
    ("consensus_order", INT, "the phase's place in the group's usual order"),
    ("n_agencies", INT, "agencies whose SOPs have the phase"),
    ("median_minutes", FLOAT, "the median of the agencies' working minutes in the phase"),
    ("core", BOOL, "part of the consensus: done by most agencies (by all when there are only two)"),
]

PHASE_MATRIX = [
    ("group_id", TEXT, "the procedure group"),
    ("sop_key", TEXT, "the SOP"),
    ("phase", TEXT, "a phase the SOP has"),
    ("minutes", FLOAT, "the SOP's working minutes in the phase (null if none measurable)"),
    ("peers_median", FLOAT, "the median of the other agencies' minutes in the phase"),
    ("step_nos", INT_LIST, "the SOP's printed step numbers in the phase"),
    ("actors", TEXT_LIST, "the actors of those steps"),
    ("outputs", TEXT_LIST, "the outputs of those steps"),
]

TIME_AUDIT = [
    ("sop_key", TEXT, "the SOP"),
    ("group_id", TEXT, "the procedure group"),
    ("total_minutes", FLOAT, "the SOP's working minutes, all steps"),
    ("critical_path_minutes", FLOAT, "the working minutes of its longest path"),
    ("peers_median", FLOAT, "the median of the other agencies' totals"),
    ("missing_phases", TEXT_LIST, "core phases of the group the SOP lacks"),
    ("extra_steps", INT_LIST, "its steps in no phase of the group's consensus"),
    ("order_differences", INT, "its phases out of the group's usual order"),
    ("actor_differences", TEXT_LIST, "phase: its actor vs the usual actor"),
]

# What harmonization gives the normalized tables, until they are written
STEP_LABELS = [
    ("sop_key", TEXT, "the step's SOP"),
    ("seq", INT, "the step"),
    ("group_id", TEXT, "the SOP's procedure group"),
    ("phase", TEXT, "the step's phase"),
]

SOP_IDS = [
    ("sop_key", TEXT, "the SOP"),
    ("sop_id", TEXT, "shared by its copies and revisions"),
    ("is_current", BOOL, "the row of its sop_id that stands for it"),
]

# The files of each SOP held in more than one (copies in other formats, revisions), for its page
HISTORY = [
    ("sop_key", TEXT, "a file's SOP"),
    ("sop_id", TEXT, "the SOP it is a copy or revision of"),
    ("source_format", TEXT, "the file's format"),
    ("revision_date", TEXT, "the latest date the file prints (ISO), its revision; null without one"),
    ("is_current", BOOL, "the row of its sop_id that stands for it"),
    ("changes", TEXT_LIST, "what this revision changed in the steps of the revision before (Indonesian)"),
]

HARMONIZATION_TABLES = {"groups": GROUPS, "phases": PHASES, "phase_matrix": PHASE_MATRIX,
                        "time_audit": TIME_AUDIT, "step_labels": STEP_LABELS, "sop_ids": SOP_IDS,
                        "history": HISTORY}

# Columns that carry rows to the report and are not written to normalized/ (images)
INTERNAL = {"evidence"}

TABLES = {"documents": DOCUMENTS, "steps": STEPS, "findings": FINDINGS, "legal_references": LEGAL_REFERENCES}
TABLE_NAMES = tuple(TABLES)


def columns(table: str) -> list[str]:
    return [name for name, _, _ in TABLES[table]]


def harmonization_schema(table: str) -> pa.Schema:
    return pa.schema([pa.field(name, kind, metadata={"meaning": meaning})
                      for name, kind, meaning in HARMONIZATION_TABLES[table]])


def exported_columns(table: str) -> list[str]:
    """The columns written to normalized/."""
    return [name for name in columns(table) if name not in INTERNAL]


def arrow_schema(table: str, exported: bool = False) -> pa.Schema:
    """A table's types, the same in every run whatever values a batch happens to hold; each
    field carries its meaning. `exported`: only the columns written to normalized/."""
    return pa.schema([pa.field(name, kind, metadata={"meaning": meaning}) for name, kind, meaning in TABLES[table]
                      if not (exported and name in INTERNAL)])


def columns_of_type(table: str, kind: pa.DataType) -> list[str]:
    return [name for name, column_kind, _ in TABLES[table] if column_kind == kind]
