"""Writes a held-out set for the rule catalogue (benchmarks/findings_heldout/: docs/ and gold/):
SOPs with a defect of every rule of the catalogue written in, and clean SOPs, in wordings,
agencies, units and layouts no other set has. Written and committed with its gold before the
validation code it measures was changed; only its totals are looked at.

    .venv/bin/python benchmarks/findings_heldout/make_findings_heldout.py [--no-pdf]
    .venv/bin/sop-pipeline run benchmarks/findings_heldout/docs --out /tmp/findings_heldout
    .venv/bin/python ../shared/tools/score.py --gold benchmarks/findings_heldout/gold \\
        --run /tmp/findings_heldout --by format

Seven procedures (none of dev, heldout, heldout2 or heldout3 has them: legalising copies of
diplomas, reporting gratuities, retirement proposals, paying honoraria, crowd permits,
booking the meeting hall, transfer of civil servants), each by eight agencies of provinces the
other sets do not draw from (Maluku, Sulawesi Tenggara, Bengkulu, Gorontalo, Bali, Jambi).
Each SOP is drawn from a seeded generator: wording of every step (verb, passive, nominal and
actor-first orders, steps doing two things joined by "dan" or "lalu"), times in many spellings
(number words, "2 (dua) hari", fractions, ranges, "HK", weeks, a unit only in the heading),
headings (Kegiatan/Uraian Kegiatan/Aktivitas, Kelengkapan/Persyaratan, Output/Keluaran/Hasil),
marks (✓ √ V X), identity laid out as a table beside the agency or as labels under it, and the
file written as .txt, Word (.docx) or PDF (LibreOffice from the Word file; --no-pdf skips them).

Five SOPs in eight carry one or two defects, each rule of the catalogue in three SOPs:
SOP_NUMBER_INCOMPLETE, IDENTITY_FIELD_MISSING, DATE_INVALID, DATE_ORDER, NIP_INVALID,
HEADING_NONSTANDARD, STEP_NUMBER_GAP, STEP_NUMBER_DUPLICATE, DURATION_MISSING,
DURATION_UNPARSEABLE, DURATION_IMPLAUSIBLE (clerical work in weeks or months, a bare number
far too large, an analysis in one minute), ACTOR_MISSING, OUTPUT_MISSING, OTHER_AGENCY_NAMED,
FLOWCHART_MISSING. The clean half has long but legitimate times: work that covers a long piece
of work or waits on another body, and steps that do two things.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from sop_id_copies import to_docx  # noqa: E402

SEED = 2212

# Agencies: (unit line, region line, unit abbreviation, region kind, region name)
AGENCIES = [
    ("DINAS PENDIDIKAN DAN KEBUDAYAAN", "KABUPATEN MALUKU TENGAH", "DIKBUD"),
    ("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", "KOTA AMBON", "BKPSDM"),
    ("INSPEKTORAT DAERAH", "KABUPATEN KONAWE SELATAN", "INSPEKTORAT"),
    ("SEKRETARIAT DAERAH", "KOTA KENDARI", "SETDA"),
    ("DINAS PERINDUSTRIAN DAN PERDAGANGAN", "KABUPATEN REJANG LEBONG", "DISPERINDAG"),
    ("BADAN KESATUAN BANGSA DAN POLITIK", "PROVINSI BENGKULU", "KESBANGPOL"),
    ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "KABUPATEN BONE BOLANGO", "DISDUKCAPIL"),
    ("BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH", "KOTA GORONTALO", "BPKAD"),
    ("DINAS PARIWISATA", "KABUPATEN GIANYAR", "DISPAR"),
    ("DINAS KOMUNIKASI, INFORMATIKA DAN PERSANDIAN", "KOTA DENPASAR", "DISKOMINFOS"),
    ("KECAMATAN KUTA", "KABUPATEN BADUNG", "KEC-KUTA"),
    ("DINAS KESEHATAN", "KABUPATEN MUARO JAMBI", "DINKES"),
    ("BADAN PERENCANAAN PEMBANGUNAN DAERAH", "KABUPATEN KERINCI", "BAPPEDA"),
    ("SEKRETARIAT DPRD", "PROVINSI JAMBI", "SETWAN"),
]
# Regions another agency's copied SOP may still name (same level as the kabupaten/kota above).
OTHER_REGIONS = ["Kabupaten Buton Utara", "Kota Bitung", "Kabupaten Seluma", "Kota Sungai Penuh",
                 "Kabupaten Tabanan", "Kabupaten Pohuwato"]

# A step: (activity wordings, actor index, requirements, plausible Waktu spellings, output,
# kind) where kind says how a defect may be written into its time: "clerical" work (receiving,
# recording, signing, handing over, filing, notifying) or "analysis" (compiling, examining data).
PROCEDURES = [
    {"family": "legalisir_ijazah", "titles": ["SOP Legalisir Fotokopi Ijazah", "SOP Pelayanan Legalisasi Salinan Ijazah"],
     "actors": ["Kepala Dinas", "Kepala Bidang Pembinaan", "Petugas Pelayanan", "Pemohon"],
     "steps": [
         (["Pemohon menyerahkan fotokopi ijazah beserta ijazah asli", "Penyerahan fotokopi dan ijazah asli oleh pemohon",
           "Menyerahkan berkas legalisir ke loket"], 3, "Ijazah asli, fotokopi", ["5 menit", "10 mnt", "lima menit"], "Berkas legalisir", "clerical"),
         (["Petugas menerima dan mencocokkan fotokopi dengan ijazah asli", "Menerima berkas lalu mencocokkan salinan dengan aslinya",
           "Pencocokan fotokopi dengan ijazah asli"], 2, "Berkas legalisir", ["15 menit", "10-15 menit", "1/4 jam"], "Fotokopi tercocokkan", "clerical"),
         (["Mencatat permohonan pada buku register legalisir", "Permohonan dicatat dalam register legalisir",
           "Pencatatan permohonan legalisir"], 2, "Fotokopi tercocokkan", ["5 menit", "5 mnt", "lima menit"], "Register legalisir", "clerical"),
         (["Kepala Bidang memaraf fotokopi yang dilegalisir", "Pembubuhan paraf pada salinan ijazah",
           "Fotokopi diparaf oleh Kepala Bidang"], 1, "Fotokopi", ["30 menit", "1/2 jam", "setengah jam"], "Fotokopi terparaf", "clerical"),
         (["Kepala Dinas menandatangani legalisir", "Penandatanganan legalisir oleh Kepala Dinas",
           "Menandatangani dan membubuhkan cap dinas pada fotokopi"], 0, "Fotokopi terparaf", ["1 hari", "1 (satu) hari", "2 jam"], "Fotokopi terlegalisir", "clerical"),
         (["Petugas menyerahkan fotokopi terlegalisir kepada pemohon", "Fotokopi yang telah dilegalisir diserahkan kepada pemohon",
           "Penyerahan hasil legalisir"], 2, "Fotokopi terlegalisir", ["5 menit", "10 menit"], "Tanda terima", "clerical"),
     ]},
    {"family": "pelaporan_gratifikasi", "titles": ["SOP Pelaporan Gratifikasi", "SOP Penanganan Laporan Gratifikasi"],
     "actors": ["Inspektur", "Unit Pengendali Gratifikasi", "Sekretariat UPG", "Pelapor"],
     "steps": [
         (["Pelapor mengisi formulir laporan gratifikasi", "Pengisian formulir pelaporan gratifikasi",
           "Mengisi formulir laporan penerimaan gratifikasi"], 3, "Formulir", ["30 menit", "1/2 jam"], "Formulir terisi", "clerical"),
         (["Sekretariat menerima laporan dan memberikan tanda terima", "Laporan diterima sekretariat UPG",
           "Penerimaan laporan gratifikasi"], 2, "Formulir terisi", ["15 menit", "10 menit"], "Tanda terima", "clerical"),
         (["Sekretariat mencatat laporan ke dalam register gratifikasi", "Pencatatan laporan dalam aplikasi gratifikasi",
           "Laporan dibukukan pada register"], 2, "Laporan", ["10 menit", "15 mnt"], "Register laporan", "clerical"),
         (["UPG menelaah dan menganalisis laporan gratifikasi", "Penelaahan laporan gratifikasi oleh UPG",
           "Menganalisis data laporan gratifikasi"], 1, "Register laporan", ["5 hari", "3-5 hari kerja", "1 minggu"], "Hasil telaah", "analysis"),
         (["Inspektur menetapkan rekomendasi status gratifikasi", "Penetapan rekomendasi oleh Inspektur",
           "Menyetujui rekomendasi hasil telaah"], 0, "Hasil telaah", ["1 hari", "2 hari"], "Rekomendasi", "clerical"),
         (["UPG meneruskan laporan ke KPK lalu menunggu keputusan KPK", "Laporan diteruskan kepada KPK dan ditunggu penetapannya",
           "Meneruskan laporan kepada KPK dan memantau penetapan status"], 1, "Rekomendasi", ["30 hari kerja", "30 HK", "6 minggu"], "Keputusan KPK", "long"),
         (["Sekretariat memberitahukan keputusan kepada pelapor", "Pemberitahuan keputusan kepada pelapor",
           "Menyampaikan keputusan KPK kepada pelapor"], 2, "Keputusan KPK", ["1 hari", "2 jam"], "Surat pemberitahuan", "clerical"),
         (["Mengarsipkan berkas laporan gratifikasi", "Berkas laporan disimpan sebagai arsip",
           "Penyimpanan berkas gratifikasi"], 2, "Berkas", ["10 menit", "15 menit"], "Arsip", "clerical"),
     ]},
    {"family": "usul_pensiun", "titles": ["SOP Usul Pensiun Pegawai", "SOP Pelayanan Pensiun Batas Usia"],
     "actors": ["Kepala Badan", "Kepala Bidang Mutasi", "Analis Kepegawaian", "Pengelola Kepegawaian OPD"],
     "steps": [
         (["Pengelola kepegawaian OPD mengajukan usul pensiun", "Pengajuan berkas usul pensiun dari OPD",
           "Usul pensiun diajukan oleh perangkat daerah"], 3, "SK terakhir, DPCP", ["1 hari", "1 hr"], "Usul pensiun", "clerical"),
         (["Analis menerima dan memeriksa kelengkapan berkas usul", "Berkas usul pensiun diterima lalu diteliti kelengkapannya",
           "Penerimaan dan penelitian berkas pensiun"], 2, "Usul pensiun", ["3 hari", "2-3 hari", "tiga hari"], "Berkas lengkap", "clerical"),
         (["Analis memverifikasi lalu mengirim usul melalui aplikasi SIASN", "Verifikasi data dan pengiriman usul ke BKN",
           "Memvalidasi data pensiun dan mengunggah usul ke SIASN"], 2, "Berkas lengkap", ["2 hari", "1-2 hari"], "Usul terkirim", "clerical"),
         (["Menunggu pertimbangan teknis dari Kantor Regional BKN", "Pertimbangan teknis BKN ditunggu",
           "Pemantauan terbitnya pertimbangan teknis BKN"], 1, "Usul terkirim", ["1 bulan", "30 hari kerja", "4-6 minggu"], "Pertek BKN", "long"),
         (["Analis menyusun konsep SK pensiun", "Penyusunan konsep SK pensiun", "Konsep SK pensiun diketik"], 2, "Pertek BKN",
          ["1 hari", "2 hari"], "Konsep SK", "clerical"),
         (["Kepala Badan menandatangani SK pensiun", "Penandatanganan SK pensiun", "SK pensiun ditandatangani Kepala Badan"], 0,
          "Konsep SK", ["1 hari", "2 jam"], "SK pensiun", "clerical"),
         (["SK pensiun diserahkan kepada OPD", "Menyerahkan SK pensiun kepada pengelola kepegawaian OPD",
           "Penyerahan SK pensiun"], 2, "SK pensiun", ["30 menit", "1 jam"], "Tanda terima", "clerical"),
     ]},
    {"family": "pembayaran_honorarium", "titles": ["SOP Pembayaran Honorarium Kegiatan", "SOP Pencairan Honorarium"],
     "actors": ["Pengguna Anggaran", "PPK", "Bendahara Pengeluaran", "PPTK"],
     "steps": [
         (["PPTK mengajukan daftar honorarium kegiatan", "Pengajuan daftar nominatif honorarium", "Daftar honorarium diajukan PPTK"], 3,
          "SK tim, daftar hadir", ["1 hari", "2 jam"], "Daftar honorarium", "clerical"),
         (["Bendahara memeriksa dan menghitung pajak honorarium", "Pemeriksaan daftar honorarium dan perhitungan pajak",
           "Menghitung potongan pajak lalu memeriksa daftar honorarium"], 2, "Daftar honorarium", ["1 hari", "4 jam"], "Daftar terverifikasi", "clerical"),
         (["PPK menyetujui pembayaran honorarium", "Persetujuan pembayaran oleh PPK", "Menyetujui SPP honorarium"], 1,
          "Daftar terverifikasi", ["1 hari", "2 jam"], "SPP", "clerical"),
         (["Pengguna Anggaran menandatangani SPM", "Penandatanganan SPM honorarium", "SPM ditandatangani Pengguna Anggaran"], 0,
          "SPP", ["1 hari"], "SPM", "clerical"),
         (["Bendahara mencairkan dana dan membayarkan honorarium", "Pencairan dana dan pembayaran honorarium",
           "Membayar honorarium kepada penerima"], 2, "SP2D", ["2 hari", "1-3 hari"], "Bukti bayar", "clerical"),
         (["Bendahara mencatat pembayaran pada BKU", "Pembukuan pembayaran dalam buku kas umum", "Mencatat transaksi pada BKU"], 2,
          "Bukti bayar", ["15 menit", "30 menit"], "BKU", "clerical"),
     ]},
    {"family": "izin_keramaian", "titles": ["SOP Rekomendasi Izin Keramaian", "SOP Penerbitan Rekomendasi Kegiatan Keramaian"],
     "actors": ["Kepala Badan", "Kepala Bidang", "Petugas Front Office", "Pemohon"],
     "steps": [
         (["Pemohon mengajukan permohonan rekomendasi keramaian", "Permohonan rekomendasi diajukan pemohon",
           "Pengajuan permohonan rekomendasi"], 3, "Surat permohonan, KTP", ["15 menit", "10 menit"], "Permohonan", "clerical"),
         (["Petugas meneliti kelengkapan berkas permohonan", "Penelitian kelengkapan berkas", "Berkas diperiksa kelengkapannya"], 2,
          "Permohonan", ["30 menit", "1 jam"], "Berkas lengkap", "clerical"),
         (["Kepala Bidang melakukan peninjauan lokasi kegiatan", "Peninjauan lokasi keramaian", "Meninjau lokasi dan berkoordinasi dengan aparat setempat"], 1,
          "Berkas lengkap", ["1 hari", "2 hari"], "Berita acara peninjauan", "analysis"),
         (["Petugas mengetik konsep rekomendasi", "Pembuatan konsep rekomendasi", "Konsep rekomendasi disusun petugas"], 2,
          "Berita acara", ["30 menit", "1 jam"], "Konsep rekomendasi", "clerical"),
         (["Kepala Badan menandatangani rekomendasi", "Penandatanganan rekomendasi", "Rekomendasi ditandatangani Kepala Badan"], 0,
          "Konsep rekomendasi", ["1 hari", "3 jam"], "Rekomendasi", "clerical"),
         (["Petugas memberi nomor dan menyerahkan rekomendasi kepada pemohon", "Penomoran dan penyerahan rekomendasi",
           "Rekomendasi diberi nomor lalu diserahkan kepada pemohon"], 2, "Rekomendasi", ["15 menit", "30 menit"], "Tanda terima", "clerical"),
     ]},
    {"family": "peminjaman_aula", "titles": ["SOP Peminjaman Aula", "SOP Penggunaan Ruang Pertemuan"],
     "actors": ["Sekretaris", "Kasubbag Umum", "Pengelola Aula", "Peminjam"],
     "steps": [
         (["Peminjam menyampaikan surat permohonan pemakaian aula", "Permohonan penggunaan aula disampaikan peminjam",
           "Mengajukan permohonan peminjaman ruang pertemuan"], 3, "Surat permohonan", ["10 menit", "15 menit"], "Surat permohonan", "clerical"),
         (["Pengelola mengecek jadwal pemakaian aula", "Pengecekan jadwal aula", "Jadwal penggunaan ruang dicek"], 2,
          "Surat permohonan", ["10 menit", "15 menit"], "Jadwal tersedia", "clerical"),
         (["Kasubbag Umum menyetujui permohonan", "Persetujuan permohonan oleh Kasubbag Umum", "Menyetujui penggunaan aula"], 1,
          "Jadwal tersedia", ["1 hari", "2 jam"], "Persetujuan", "clerical"),
         (["Pengelola memberitahukan persetujuan kepada peminjam", "Pemberitahuan persetujuan kepada peminjam",
           "Mengabarkan hasil permohonan kepada peminjam"], 2, "Persetujuan", ["30 menit", "1 jam"], "Pemberitahuan", "clerical"),
         (["Pengelola menyiapkan dan memeriksa sarana aula", "Penyiapan sarana dan prasarana aula", "Aula disiapkan pengelola"], 2,
          "Persetujuan", ["1 jam", "2 jam"], "Aula siap", "clerical"),
         (["Mencatat pemakaian aula pada buku inventaris ruang", "Pencatatan penggunaan aula", "Pemakaian dicatat dalam buku pemakaian"], 2,
          "Aula siap", ["5 menit", "10 menit"], "Buku pemakaian", "clerical"),
     ]},
    {"family": "mutasi_pegawai", "titles": ["SOP Mutasi Pegawai Antar Perangkat Daerah", "SOP Pindah Tugas Pegawai"],
     "actors": ["Kepala Badan", "Kepala Bidang Mutasi", "Analis Kepegawaian", "Pegawai"],
     "steps": [
         (["Pegawai mengajukan permohonan pindah tugas", "Pengajuan permohonan mutasi", "Permohonan mutasi diajukan pegawai"], 3,
          "Surat permohonan, persetujuan atasan", ["30 menit", "1 jam"], "Permohonan mutasi", "clerical"),
         (["Analis menerima dan meneliti berkas permohonan", "Berkas mutasi diterima dan diteliti", "Penerimaan serta penelitian berkas mutasi"], 2,
          "Permohonan mutasi", ["2 hari", "1-2 hari"], "Berkas lengkap", "clerical"),
         (["Kepala Bidang mengkaji formasi dan kebutuhan pegawai", "Kajian formasi jabatan", "Menganalisis kebutuhan dan formasi pegawai"], 1,
          "Berkas lengkap", ["1 minggu", "5 hari kerja", "2 minggu"], "Hasil kajian", "analysis"),
         (["Kepala Bidang memaparkan hasil kajian dalam rapat Baperjakat", "Pembahasan dalam sidang Baperjakat", "Rapat Baperjakat membahas usul mutasi"], 1,
          "Hasil kajian", ["1 hari", "2 hari"], "Berita acara", "clerical"),
         (["Analis mengetik SK mutasi", "Pengetikan SK mutasi", "SK mutasi disusun analis"], 2, "Berita acara", ["1 hari", "3 jam"], "Konsep SK", "clerical"),
         (["Kepala Badan menandatangani SK mutasi", "Penandatanganan SK mutasi", "SK mutasi ditandatangani"], 0, "Konsep SK",
          ["1 hari", "2 jam"], "SK mutasi", "clerical"),
         (["SK mutasi disampaikan kepada pegawai", "Penyampaian SK mutasi kepada pegawai", "Menyerahkan SK mutasi kepada yang bersangkutan"], 2,
          "SK mutasi", ["30 menit", "1 jam"], "Tanda terima", "clerical"),
     ]},
]

# Times a defect writes in: clerical work in weeks or months, a bare number far beyond any
# band read as minutes, an analysis done in a minute.
IMPLAUSIBLE_CLERICAL = ["25 hari", "3 bulan", "6 minggu", "40 HK", "2 (dua) bulan", "dua puluh lima hari", "1 tahun"]
IMPLAUSIBLE_BARE = ["15000", "20000", "45000"]
UNPARSEABLE = ["Segera", "Sesuai jadwal", "Tentatif", "Menyesuaikan", "Sewaktu-waktu"]
HEADING_MISPRINTS = {"MUTU BAKU": ["MUTU BAKUU", "MUTU BAK"], "KEGIATAN": ["KEGITAN", "KEGIATN"],
                     "KELENGKAPAN": ["KELENGKAPN", "KELENGAPAN"], "OUTPUT": ["OUTPT", "OUPUT"]}
INVALID_DATES = ["31 Juni 2025", "30 Februari 2025", "32 Maret 2025", "15-13-2025"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]
FIELD_LABELS = {"legal_basis": "Dasar Hukum", "qualifications": "Kualifikasi Pelaksana", "related_sops": "Keterkaitan",
                "equipment": "Peralatan/Perlengkapan", "warning": "Peringatan", "records": "Pencatatan dan Pendataan"}
DOC_RULES = ["SOP_NUMBER_INCOMPLETE", "IDENTITY_FIELD_MISSING", "DATE_INVALID", "DATE_ORDER", "NIP_INVALID",
             "HEADING_NONSTANDARD", "OTHER_AGENCY_NAMED"]
STEP_RULES = ["STEP_NUMBER_GAP", "STEP_NUMBER_DUPLICATE", "DURATION_MISSING", "DURATION_UNPARSEABLE",
              "DURATION_IMPLAUSIBLE", "ACTOR_MISSING", "OUTPUT_MISSING"]


def nip(rng: random.Random, valid: bool = True) -> str:
    """An 18-digit NIP (birth date, appointment month, sex, serial); an invalid one has a
    month 13 of birth or a digit too few."""
    year, month, day = rng.randint(1965, 1990), rng.randint(1, 12), rng.randint(1, 28)
    tmt = f"{year + rng.randint(22, 30)}{rng.randint(1, 12):02d}"
    digits = f"{year}{month:02d}{day:02d} {tmt} {rng.randint(1, 2)} {rng.randint(1, 9):03d}"
    if valid:
        return digits
    if rng.random() < 0.5:
        return f"{year}13{day:02d} {tmt} {rng.randint(1, 2)} {rng.randint(1, 9):03d}"
    return digits[:-1]


def date_text(rng: random.Random, year: int, month: int, day: int) -> str:
    style = rng.choice(["long", "long", "numeric", "short"])
    if style == "numeric":
        return f"{day:02d}-{month:02d}-{year}"
    if style == "short":
        return f"{day} {MONTHS[month - 1][:3]} {year}"
    return f"{day:02d} {MONTHS[month - 1]} {year}"


def region_title(region: str) -> str:
    return region.title().replace("Dprd", "DPRD")


def draw_sop(rng: random.Random, index: int, procedure: dict, agency: tuple, defects: list[str]) -> dict:
    """One SOP (its rows and identity as printed) and its gold findings."""
    unit, region, short = agency
    steps = []
    for wordings, actor, requirements, times, output, kind in procedure["steps"]:
        steps.append({"activity": rng.choice(wordings), "actor": actor, "requirements": requirements,
                      "time": rng.choice(times), "output": output, "kind": kind})
    year = rng.choice([2024, 2025])
    created = (year, rng.randint(1, 6), rng.randint(1, 28))
    effective = (year, created[1] + rng.randint(1, 5), rng.randint(1, 28))
    sop = {"name": f"f{index:02d}", "family": procedure["family"], "unit": unit, "region": region,
           "number": f"{rng.choice(['800', '045', '060', '027'])}/{rng.randint(10, 480):03d}/{short}/{year}",
           "title": rng.choice(procedure["titles"]), "actors": procedure["actors"], "steps": steps,
           "created": date_text(rng, *created), "effective": date_text(rng, *effective),
           "effective_label": rng.choice(["Tanggal Efektif", "Tanggal Pengesahan"]),
           "signer": f"KEPALA {unit}", "signer_name": rng.choice(["Drs. LA ODE HASAN, M.Si", "I WAYAN SUDARSA, S.H.",
                                                              "HJ. NURHAYATI, S.E., M.M.", "ABDUL RAHMAN, S.Sos"]),
           "nip": nip(rng), "lists": {field: value for field, value in (
               ("legal_basis", "1. Peraturan Menteri PAN-RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP "
                               "Administrasi Pemerintahan"),
               ("qualifications", "1. Memahami tugas pokok dan fungsi 2. Mampu mengoperasikan komputer"),
               ("related_sops", "1. SOP Kearsipan"),
               ("equipment", "1. Komputer 2. Printer 3. Alat tulis kantor"),
               ("warning", "Apabila SOP tidak dilaksanakan, pelayanan tidak tepat waktu"),
               ("records", "Dicatat dan didokumentasikan secara manual dan elektronik"))},
           "headings": {"activity": rng.choice(["KEGIATAN", "URAIAN KEGIATAN", "AKTIVITAS"]),
                        "requirements": rng.choice(["KELENGKAPAN", "PERSYARATAN/KELENGKAPAN", "PERSYARATAN"]),
                        "output": rng.choice(["OUTPUT", "KELUARAN", "HASIL"]), "notes": rng.choice(["KET.", "KETERANGAN"]),
                        "mutu_baku": "MUTU BAKU"},
           "mark": rng.choice(["✓", "√", "V", "X"]), "time_unit": None, "skip": None, "repeat": None,
           "layout": rng.choice(["beside", "below"]), "flowchart": True, "findings": []}
    findings = sop["findings"]
    # the date of entry into force printed as Tanggal Pengesahan is the approval date
    effective_field = "approved_date" if sop["effective_label"] == "Tanggal Pengesahan" else "effective_date"
    if rng.random() < 0.2 and "DURATION_IMPLAUSIBLE" not in defects:  # every time in hours, the unit in the heading
        sop["time_unit"] = "JAM"
        for step in steps:
            step["time"] = hours_only(step["time"])
    for rule in defects:
        clerical = [i for i, s in enumerate(steps) if s["kind"] == "clerical"]
        if rule == "SOP_NUMBER_INCOMPLETE":
            parts = sop["number"].split("/")
            parts[1] = rng.choice(["   ", "....", "___", "…", " - "])
            sop["number"] = "/".join(parts)
            findings.append({"rule": rule})
        elif rule == "IDENTITY_FIELD_MISSING":
            field = rng.choice(["legal_basis", "qualifications", "equipment", "warning", "records"])
            sop["lists"][field] = rng.choice(["-", "", "—"])
            findings.append({"rule": rule, "field": field})
        elif rule == "DATE_INVALID":
            field = rng.choice(["created_date", "effective_date"])
            sop["created" if field == "created_date" else "effective"] = rng.choice(INVALID_DATES)
            findings.append({"rule": rule, "field": field if field == "created_date" else effective_field})
        elif rule == "DATE_ORDER":
            sop["effective"] = date_text(rng, created[0] - 1, rng.randint(1, 12), rng.randint(1, 28))
            # a valid date now stands where an invalid one may have been printed
            findings[:] = [f for f in findings if f != {"rule": "DATE_INVALID", "field": effective_field}]
            findings.append({"rule": rule, "field": effective_field})
        elif rule == "NIP_INVALID":
            sop["nip"] = nip(rng, valid=False)
            findings.append({"rule": rule, "field": "signatory_nip"})
        elif rule == "HEADING_NONSTANDARD":
            role, standard = rng.choice([("mutu_baku", "MUTU BAKU"), ("activity", "KEGIATAN"),
                                         ("requirements", "KELENGKAPAN"), ("output", "OUTPUT")])
            sop["headings"][role] = rng.choice(HEADING_MISPRINTS[standard])
            findings.append({"rule": rule, "field": "headings"})
        elif rule == "OTHER_AGENCY_NAMED":
            other = rng.choice(OTHER_REGIONS if not region.startswith("PROVINSI") else ["Provinsi Sulawesi Barat"])
            at = rng.randrange(len(steps))
            steps[at]["activity"] += f" sesuai ketentuan Pemerintah {other}"
            findings.append({"rule": rule, "step_no": at + 1})
        elif rule == "STEP_NUMBER_GAP":
            sop["skip"] = rng.randint(2, len(steps))
            findings.append({"rule": rule, "step_no": sop["skip"]})
        elif rule == "STEP_NUMBER_DUPLICATE":
            sop["repeat"] = rng.randint(2, len(steps) - 1)
            findings.append({"rule": rule, "step_no": sop["repeat"]})
        elif rule == "DURATION_MISSING":
            at = rng.randrange(len(steps))
            steps[at]["time"] = rng.choice(["", "-"])
            findings.append({"rule": rule, "step_no": at + 1})
        elif rule == "DURATION_UNPARSEABLE":
            at = rng.randrange(len(steps))
            steps[at]["time"] = rng.choice(UNPARSEABLE)
            findings.append({"rule": rule, "step_no": at + 1})
        elif rule == "DURATION_IMPLAUSIBLE":
            analysis = [i for i, s in enumerate(steps) if s["kind"] == "analysis"]
            choice = rng.random()
            if analysis and choice < 0.25:
                at = analysis[0]
                steps[at]["time"] = rng.choice(["1 menit", "2 menit"])
            elif choice < 0.5:
                at = rng.choice(clerical)
                steps[at]["time"] = rng.choice(IMPLAUSIBLE_BARE)
            else:
                at = rng.choice(clerical)
                steps[at]["time"] = rng.choice(IMPLAUSIBLE_CLERICAL)
            findings.append({"rule": rule, "step_no": at + 1})
        elif rule == "ACTOR_MISSING":
            at = rng.randrange(len(steps))
            steps[at]["actor"] = None
            findings.append({"rule": rule, "step_no": at + 1})
        elif rule == "OUTPUT_MISSING":
            at = rng.randrange(len(steps))
            steps[at]["output"] = rng.choice(["", "-"])
            findings.append({"rule": rule, "step_no": at + 1})
        elif rule == "FLOWCHART_MISSING":
            sop["flowchart"] = False
            findings.append({"rule": rule})
    numbers = step_numbers(len(steps), sop["skip"], sop["repeat"])
    for finding in findings:  # a step's defect is reported under its printed number
        if "step_no" in finding and finding["rule"] not in ("STEP_NUMBER_GAP", "STEP_NUMBER_DUPLICATE"):
            finding["step_no"] = numbers[finding["step_no"] - 1]
    sop["numbers"] = numbers
    return sop


def hours_only(time: str) -> str:
    """A time as a bare number of hours (the unit goes in the heading): "30 menit" -> "0,5"."""
    from pipeline.normalize.durations import parse_duration

    minutes = parse_duration(time).minutes
    return f"{round(minutes / 60, 2):g}".replace(".", ",")


def step_numbers(n: int, skip: int | None, repeat: int | None) -> list[int]:
    numbers, number = [], 1
    for _ in range(n):
        if number == skip:
            number += 1
        numbers.append(number)
        number += 1
    if repeat:  # the number after `repeat` printed again as `repeat`, the rest follow on
        at = numbers.index(repeat)
        numbers = numbers[: at + 1] + [repeat] + [x - 1 for x in numbers[at + 2:]] if at + 1 < n else numbers
        numbers = numbers[:n]
    return numbers


def identity_lines(sop: dict) -> list[str]:
    values = [("Nomor SOP", sop["number"]), ("Tanggal Pembuatan", sop["created"]), ("Tanggal Revisi", "-"),
              (sop["effective_label"], sop["effective"]),
              ("Disahkan Oleh", f"{sop['signer']} {sop['region']} {sop['signer_name']} NIP. {sop['nip']}"),
              ("Nama SOP", sop["title"].upper())]
    if sop["layout"] == "beside":
        left = [sop["unit"], sop["region"]] + [""] * (len(values) - 2)
        return [f"{a}\t{label}\t{value}" for a, (label, value) in zip(left, values)]
    return [sop["unit"], sop["region"], ""] + [f"{label}\t{value}" for label, value in values]


def list_lines(sop: dict) -> list[str]:
    fields = list(FIELD_LABELS)
    if sop["layout"] == "beside":  # "Label : value" side by side
        return [f"{FIELD_LABELS[a]} : {sop['lists'][a]}\t{FIELD_LABELS[b]} : {sop['lists'][b]}"
                for a, b in zip(fields[::2], fields[1::2])]
    lines = []  # labels above their lists, two columns
    for a, b in zip(fields[::2], fields[1::2]):
        lines.append(f"{FIELD_LABELS[a]}:\t{FIELD_LABELS[b]}:")
        lines.append(f"{sop['lists'][a] or ' '}\t{sop['lists'][b] or ' '}")
    return lines


def flowchart_lines(sop: dict) -> list[str]:
    h, actors = sop["headings"], sop["actors"]
    waktu = f"WAKTU ({sop['time_unit']})" if sop["time_unit"] else "WAKTU"
    head = ["NO", h["activity"], "PELAKSANA"] + [""] * (len(actors) - 1) + [h["mutu_baku"], "", "", h["notes"]]
    sub = ["", ""] + actors + [h["requirements"], waktu, h["output"], ""]
    rows = ["\t".join(head), "\t".join(sub)]
    for number, step in zip(sop["numbers"], sop["steps"]):
        marks = [sop["mark"] if i == step["actor"] else "" for i in range(len(actors))]
        rows.append("\t".join([str(number), step["activity"], *marks, step["requirements"], step["time"],
                               step["output"], ""]))
    return rows


def sop_text(sop: dict) -> str:
    lines = identity_lines(sop) + [""] + list_lines(sop) + ["", sop["title"].upper(), ""]
    if sop["flowchart"]:
        lines += flowchart_lines(sop)
    else:  # the steps as a numbered list only
        lines += [f"{number}. {step['activity']}." for number, step in zip(sop["numbers"], sop["steps"])]
    return "\n".join(lines) + "\n"


def gold(sop: dict, file: str, file_format: str) -> dict:
    steps = [{"seq": seq, "step_no": number, "activity": step["activity"]}
             for seq, (number, step) in enumerate(zip(sop["numbers"], sop["steps"]), start=1)]
    return {"source": file, "format": file_format, "family": sop["family"],
            "doc": {"sop_number": sop["number"].strip()}, "steps": steps, "findings": sop["findings"]}


def plan(rng: random.Random) -> list[tuple[dict, tuple, list[str]]]:
    """(procedure, agency, defects) of every SOP: eight agencies per procedure; every rule
    written into three SOPs (DURATION_IMPLAUSIBLE, in its several forms, into seven), one or two
    defects in an SOP (an SOP without a table, FLOWCHART_MISSING, has that one alone); the
    rest clean."""
    rules = (DOC_RULES + STEP_RULES + ["FLOWCHART_MISSING"]) * 3 + ["DURATION_IMPLAUSIBLE"] * 4
    rng.shuffle(rules)
    slots = [(procedure, agency) for procedure in PROCEDURES for agency in rng.sample(AGENCIES, 8)]
    rng.shuffle(slots)
    planned, r = [], 0
    for index, (procedure, agency) in enumerate(slots):
        defects: list[str] = []
        if r < len(rules) and index % 8 < 5:  # five of every eight SOPs carry defects
            take = 2 if rng.random() < 0.5 else 1
            defects = rules[r:r + take]
            if "FLOWCHART_MISSING" in defects or set(defects) == {"STEP_NUMBER_GAP", "STEP_NUMBER_DUPLICATE"}:
                defects = defects[:1]  # the other waits for the next SOP
            r += len(defects)
        planned.append((procedure, agency, defects))
    return planned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-pdf", action="store_true", help="no PDF files (they need LibreOffice)")
    args = parser.parse_args()
    rng = random.Random(SEED)
    docs, golds = HERE / "docs", HERE / "gold"
    for folder in (docs, golds):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    to_pdf = []
    for index, (procedure, agency, defects) in enumerate(plan(rng), start=1):
        sop = draw_sop(rng, index, procedure, agency, defects)
        text = sop_text(sop)
        file_format = ["txt", "docx", "pdf"][index % 3] if not args.no_pdf else ["txt", "docx"][index % 2]
        file = f"{sop['name']}.{file_format}"
        if file_format == "txt":
            (docs / file).write_text(text, encoding="utf-8")
        else:
            to_docx(text, docs / f"{sop['name']}.docx")
            if file_format == "pdf":
                to_pdf.append(docs / f"{sop['name']}.docx")
        (golds / f"{file}.json").write_text(json.dumps(gold(sop, file, file_format), indent=1, ensure_ascii=False),
                                            encoding="utf-8")
    if to_pdf:
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(docs), *map(str, to_pdf)],
                       check=True, capture_output=True, timeout=900)
        for path in to_pdf:
            path.unlink()
    written = [json.loads(path.read_text(encoding="utf-8")) for path in golds.glob("*.json")]
    rules = sorted(finding["rule"] for sop in written for finding in sop["findings"])
    print(f"{len(written)} SOPs written to {docs}, {sum(not sop['findings'] for sop in written)} clean; "
          f"defects: " + ", ".join(f"{rule} {rules.count(rule)}" for rule in dict.fromkeys(rules)))


if __name__ == "__main__":
    main()
