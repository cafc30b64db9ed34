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
    "OTHER_AGENCY_NAMED": "Menyebut instansi/daerah lain",
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

# Workbook headings in Bahasa Indonesia (a column not listed keeps its table name).
COLUMN_HEADINGS = {
    "source_file": "Berkas", "sop_index": "SOP ke-", "sop_key": "Kunci SOP", "pages": "Halaman berkas",
    "source_format": "Format", "status": "Status", "error": "Penyebab", "sop_id": "ID SOP",
    "is_current": "Versi acuan", "read_by_ocr": "Dibaca OCR", "uncertain_fields": "Perlu dicek",
    "sop_title": "Nama SOP", "agency": "Instansi", "sop_number": "Nomor SOP",
    "created_date": "Tanggal Pembuatan", "revised_date": "Tanggal Revisi", "effective_date": "Tanggal Efektif",
    "approved_date": "Tanggal Pengesahan", "approved_by": "Disahkan oleh", "signatory_name": "Penandatangan",
    "signatory_nip": "NIP", "signatory_rank": "Pangkat", "legal_basis": "Dasar Hukum",
    "qualifications": "Kualifikasi Pelaksana", "related_sops": "Keterkaitan", "equipment": "Peralatan",
    "warning": "Peringatan", "records": "Pencatatan dan Pendataan", "actors": "Pelaksana", "n_steps": "Jumlah langkah",
    "seq": "Urutan", "step_no": "No", "activity": "Kegiatan", "actor": "Pelaksana utama",
    "requirements": "Kelengkapan", "duration_text": "Waktu (tertulis)", "duration_minutes": "Waktu (menit kerja)",
    "working_time": "Waktu (jam/hari kerja)", "output": "Output", "notes": "Keterangan", "symbol": "Simbol",
    "phase": "Fase", "group_id": "Kelompok", "rule": "Aturan", "severity": "Tingkat", "field": "Kolom",
    "message": "Pesan", "uncertain": "Bacaan tidak pasti", "decision": "Keputusan", "decision_reason": "Alasan",
    "group_label": "Kelompok prosedur", "consensus_order": "Urutan fase", "phase_label": "Nama fase",
    "core": "Fase inti", "minutes": "Menit kerja", "duration": "Waktu", "peers_median_minutes": "Median instansi lain",
    "step_nos": "Langkah", "total_minutes": "Total menit kerja", "critical_path_minutes": "Jalur kritis (menit)",
    "peers_median_total_minutes": "Median total instansi lain", "missing_phases": "Fase inti tidak ada",
    "extra_steps": "Langkah tambahan", "order_differences": "Beda urutan", "actor_differences": "Beda pelaksana",
    "page": "Halaman laporan",
}
