"""Report wording in Bahasa Indonesia: field names, rules, severities."""
from __future__ import annotations

SEVERITY_LABELS = {"error": "Galat", "warning": "Peringatan", "info": "Info"}
# A document row's status: read whole, identity without a flowchart table, nothing read
STATUS_LABELS = {"ok": "berhasil dibaca", "partial": "sebagian (tanpa diagram alir)", "failed": "gagal dibaca"}

RULE_LABELS = {
    "STEP_NUMBER_GAP": "Nomor langkah melompat",
    "STEP_NUMBER_DUPLICATE": "Nomor langkah ganda",
    "DURATION_MISSING": "Waktu tidak diisi",
    "DURATION_UNPARSEABLE": "Waktu tidak dapat diukur",
    "DURATION_IMPLAUSIBLE": "Waktu tidak wajar",
    "DURATION_OUTLIER": "Waktu jauh dari instansi lain",
    "PHASE_DURATION_EXCESS": "Waktu fase berlebih",
    "HEADING_NONSTANDARD": "Judul kolom tidak baku",
    "IDENTITY_FIELD_MISSING": "Identitas tidak lengkap",
    "SOP_NUMBER_INCOMPLETE": "Nomor SOP tidak lengkap",
    "DATE_INVALID": "Tanggal tidak sah",
    "DATE_ORDER": "Urutan tanggal salah",
    "NIP_INVALID": "NIP tidak sah",
    "ACTOR_MISSING": "Pelaksana tidak ditandai",
    "OUTPUT_MISSING": "Output tidak diisi",
    "FLOWCHART_MISSING": "Diagram alir tidak ada",
    "FLOWCHART_REUSED": "Diagram alir sama dengan SOP lain",
    "PHASE_TIME_STANDARD": "Waktu fase di luar standar usulan",
    "READING_UNCERTAIN": "Bacaan perlu dicek",
}

# (column, label) of the identity block, in the order of the printed SOP.
IDENTITY_FIELDS = [
    ("sop_number", "Nomor SOP"),
    ("created_date", "Tanggal Pembuatan"),
    ("revised_date", "Tanggal Revisi"),
    ("effective_date", "Tanggal Efektif"),
    ("approved_date", "Tanggal Pengesahan"),
    ("approved_by", "Disahkan oleh"),
    ("signatory_name", "Nama penandatangan"),
    ("signatory_nip", "NIP"),
    ("signatory_rank", "Pangkat"),
    ("legal_basis", "Dasar Hukum"),
    ("qualifications", "Kualifikasi Pelaksana"),
    ("related_sops", "Keterkaitan"),
    ("equipment", "Peralatan/Perlengkapan"),
    ("warning", "Peringatan"),
    ("records", "Pencatatan dan Pendataan"),
    ("actors", "Pelaksana"),
]
LIST_IDENTITY_FIELDS = {"legal_basis", "qualifications", "related_sops", "equipment", "actors"}
