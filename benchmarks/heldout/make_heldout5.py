"""Writes a fifth held-out set (benchmarks/heldout5/: docs/ and gold/) for phase alignment and
findings on SOPs never seen (#22), written before the phase and findings rules it measures
were tuned again, and never tuned on: whoever changes those rules does not open it and looks
only at its totals, before and after.

    .venv/bin/python benchmarks/heldout/make_heldout5.py
    .venv/bin/sop-pipeline run benchmarks/heldout5/docs --out /tmp/heldout5
    .venv/bin/python ../shared/tools/score.py --gold benchmarks/heldout5/gold --run /tmp/heldout5

Seven procedures none of the dev corpus, real-other, real, heldout1-4 or findings_heldout has
(the building permit PBG, birth certificates, a health worker's licence to practise, social
aid, a civil servant's permit to study, periodic roadworthiness tests of vehicles, the
home-industry food certificate SPP-IRT), by agencies of provinces no other set draws from
(Sulawesi Utara, Kalimantan Utara, Nusa Tenggara Barat without Lombok Timur, Sulawesi Barat,
Kepulauan Riau, Kepulauan Bangka Belitung, Papua Barat); twenty-six SOPs, three or four
agencies a procedure, titles that do not always share a word ("Pencatatan Kelahiran" and
"Pembuatan Akte Kelahiran"). Every step worded anew: verb, passive, nominal and actor-first
orders, regional and colloquial spellings (ijin, praktek, akte, sertipikat, meneken,
mengonsep), abbreviations (Kabid, Kasi, Sekdis, TPA), steps merged or split differently
(receiving and checking in one step; entering data and printing in one), steps only one
agency has (a paraf by the Sekdis, a laboratory test, a re-test after repairs), one verb doing
two jobs in one procedure (memeriksa the documents, then the building site or the kitchen;
the akreditasi and the file). Seven files are Word (.docx, the same text laid out as tables),
the rest tab-separated .txt exports. Gold phases are phase ids shared within a procedure;
gold findings are the defects written in: clerical work (forwarding a file, preparing a form,
riveting a plate under a Waktu (MENIT) heading, filing) in tens of days or thousands of
minutes, a bare number of thousands under a plain Waktu heading, a check an order of
magnitude longer than peer agencies give it, SOP numbers with placeholder parts, missing
Output, Waktu or actor mark, numbering gaps, dates of entry into force before the date made,
a list box printed "-". The gold also gives each step's actor (scored on the Word files) and
the SOP's number, title and dates. Half the SOPs are clean, with long
but legitimate times: a field verification of two weeks, a committee's deliberation of seven
days, waiting for a professional body or a laboratory, a recipient's report in a month, the
owner's repairs before a re-test, the applicant's payment within seven days.

The files are the same on every run: no randomness, Word files with fixed dates. Needs the
bench extra (the Word layout is benchmarks/sop_id_copies.py's).
"""
from __future__ import annotations

import datetime
import json
import shutil
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLDER = HERE.parent / "heldout5"
sys.path.insert(0, str(HERE.parent))
from make_heldout import step_numbers  # noqa: E402
from sop_id_copies import to_docx  # noqa: E402

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]
FIXED_TIME = datetime.datetime(2025, 1, 1, 0, 0, 0)

# What a procedure's SOPs share in their identity block (legal basis, qualifications, ...).
LISTS = {
    "pbg": {
        "legal_basis": "1. Peraturan Pemerintah Nomor 16 Tahun 2021 tentang Peraturan Pelaksanaan Undang-Undang "
                       "Nomor 28 Tahun 2002 tentang Bangunan Gedung 2. Peraturan Daerah tentang Pajak Daerah dan "
                       "Retribusi Daerah",
        "qualifications": "1. Memahami ketentuan bangunan gedung 2. Mampu mengoperasikan SIMBG",
        "related_sops": "1. SOP Penerbitan Sertifikat Laik Fungsi",
        "equipment": "1. Komputer 2. Jaringan internet 3. Printer",
        "warning": "Apabila SOP tidak dilaksanakan, persetujuan bangunan gedung terlambat terbit",
        "records": "Disimpan dalam SIMBG dan arsip manual"},
    "akta_kelahiran": {
        "legal_basis": "1. Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun "
                       "2006 tentang Administrasi Kependudukan 2. Peraturan Presiden Nomor 96 Tahun 2018",
        "qualifications": "1. Memahami administrasi kependudukan 2. Mampu mengoperasikan SIAK",
        "related_sops": "1. SOP Penerbitan Kartu Keluarga",
        "equipment": "1. Komputer 2. Printer 3. Blangko akta",
        "warning": "Apabila SOP tidak dilaksanakan, pelayanan akta terhambat",
        "records": "Disimpan dalam database SIAK"},
    "izin_praktik": {
        "legal_basis": "1. Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan 2. Peraturan Menteri Kesehatan "
                       "tentang Izin Praktik Tenaga Kesehatan",
        "qualifications": "1. Memahami perizinan tenaga kesehatan",
        "related_sops": "1. SOP Pembinaan Fasilitas Pelayanan Kesehatan",
        "equipment": "1. Komputer 2. Printer 3. Kendaraan operasional",
        "warning": "Apabila SOP tidak dilaksanakan, tenaga kesehatan berpraktik tanpa izin",
        "records": "Dicatat dalam register perizinan"},
    "bantuan_sosial": {
        "legal_basis": "1. Peraturan Menteri Sosial Nomor 1 Tahun 2019 tentang Penyaluran Belanja Bantuan Sosial "
                       "di Lingkungan Kementerian Sosial 2. Peraturan Bupati tentang Pedoman Pemberian Bantuan Sosial",
        "qualifications": "1. Memahami data terpadu kesejahteraan sosial 2. Mampu berkoordinasi dengan aparat desa",
        "related_sops": "1. SOP Verifikasi dan Validasi DTKS",
        "equipment": "1. Komputer 2. Kendaraan operasional 3. Kamera",
        "warning": "Apabila SOP tidak dilaksanakan, bantuan tidak tepat sasaran",
        "records": "Disimpan secara manual dan elektronik"},
    "izin_belajar": {
        "legal_basis": "1. Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil "
                       "2. Peraturan Kepala Daerah tentang Izin Belajar dan Tugas Belajar",
        "qualifications": "1. Memahami peraturan kepegawaian 2. Mampu mengoperasikan SIASN",
        "related_sops": "1. SOP Pencantuman Gelar Akademik",
        "equipment": "1. Komputer 2. Printer 3. Jaringan internet",
        "warning": "Apabila SOP tidak dilaksanakan, pegawai kuliah tanpa izin",
        "records": "Disimpan dalam arsip kepegawaian"},
    "uji_berkala": {
        "legal_basis": "1. Peraturan Pemerintah Nomor 55 Tahun 2012 tentang Kendaraan 2. Peraturan Menteri "
                       "Perhubungan Nomor PM 19 Tahun 2021 tentang Pengujian Berkala Kendaraan Bermotor",
        "qualifications": "1. Bersertifikat penguji kendaraan bermotor",
        "related_sops": "1. SOP Penerimaan Retribusi Pengujian",
        "equipment": "1. Alat uji emisi 2. Alat uji rem 3. Alat uji lampu 4. Komputer",
        "warning": "Apabila SOP tidak dilaksanakan, kendaraan tidak laik jalan beroperasi",
        "records": "Dicatat dalam sistem informasi pengujian dan buku uji"},
    "spp_irt": {
        "legal_basis": "1. Peraturan Badan Pengawas Obat dan Makanan Nomor 22 Tahun 2018 tentang Pedoman Pemberian "
                       "Sertifikat Produksi Pangan Industri Rumah Tangga",
        "qualifications": "1. Tenaga pengawas pangan bersertifikat 2. Penyuluh keamanan pangan",
        "related_sops": "1. SOP Penyuluhan Keamanan Pangan",
        "equipment": "1. Komputer 2. Formulir pemeriksaan sarana 3. Kendaraan operasional",
        "warning": "Apabila SOP tidak dilaksanakan, pangan tidak aman beredar",
        "records": "Disimpan secara manual dan elektronik"},
}
LABELS = {"legal_basis": "Dasar Hukum", "qualifications": "Kualifikasi Pelaksana", "related_sops": "Keterkaitan",
          "equipment": "Peralatan/Perlengkapan", "warning": "Peringatan", "records": "Pencatatan dan Pendataan"}

# A step: (phase, activity, actor index or None, requirements, Waktu as printed, output).
# Findings name the step by its place in the list (seq); the gold gives its printed number.
SOPS = [
    # --- building permit (Persetujuan Bangunan Gedung) ---
    {"name": "p01", "family": "pbg", "format": "txt",
     "agency": ("DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU", "KOTA MANADO"),
     "number": "640/112/DPMPTSP/2025", "title": "SOP Penerbitan Persetujuan Bangunan Gedung (PBG)",
     "made": (2025, 1, 13), "effective": (2025, 2, 3),
     "signer": ("Ir. FRANKY J. RUMENGAN, M.T.", "19710405 199803 1 006"),
     "actors": ["Kepala Dinas", "Kabid Pelayanan Perizinan", "Tim Profesi Ahli", "Petugas Front Office", "Pemohon"],
     "steps": [
         ("APPLY", "Pemohon mendaftarkan permohonan PBG melalui SIMBG dan mengunggah dokumen rencana teknis", 4,
          "KTP, bukti kepemilikan tanah, gambar rencana teknis", "1 hari", "Permohonan terdaftar"),
         ("CHECK_DOCS", "Petugas front office memeriksa kelengkapan dokumen administrasi dan dokumen teknis", 3,
          "Permohonan terdaftar", "1 hari", "Dokumen lengkap"),
         ("CONSULT", "Tim Profesi Ahli melaksanakan konsultasi perencanaan bersama pemohon", 2,
          "Dokumen rencana teknis", "7 hari", "Berita acara konsultasi"),
         ("SURVEY", "Tim Profesi Ahli memeriksa kesesuaian rencana bangunan di lokasi", 2,
          "Berita acara konsultasi", "3 hari", "Laporan peninjauan"),
         ("CALC_FEE", "Kabid Pelayanan Perizinan menghitung besaran retribusi PBG", 1,
          "Laporan peninjauan", "1 hari", "SKRD"),
         ("PAY", "Pemohon membayar retribusi ke kas daerah", 4, "SKRD", "7 hari", "Bukti bayar"),
         ("SIGN", "Kepala Dinas menandatangani dokumen PBG secara elektronik", 0, "Bukti bayar", "1 hari",
          "Dokumen PBG"),
         ("DELIVER", "Petugas front office menyerahkan dokumen PBG kepada pemohon", 3, "Dokumen PBG", "30 menit",
          "Tanda terima"),
     ], "findings": []},
    {"name": "p02", "family": "pbg", "format": "txt",
     "agency": ("DINAS PEKERJAAN UMUM DAN PENATAAN RUANG", "KABUPATEN MINAHASA UTARA"),
     "number": "640/   /DPUPR/2025", "title": "SOP Pelayanan Persetujuan Bangunan Gedung",
     "made": (2025, 2, 10), "effective": (2025, 3, 3),
     "signer": ("DJOHAN S. WOROTIKAN, S.T., M.Si", "19760822 200212 1 003"),
     "actors": ["Kepala Dinas", "Kabid Tata Bangunan", "TPA", "Staf Teknis", "Pemohon"],
     "steps": [
         ("APPLY", "Pengajuan permohonan PBG oleh pemohon melalui SIMBG", 4,
          "Sertipikat tanah, KTP, gambar bangunan", "1 hari", "Berkas permohonan"),
         ("CHECK_DOCS", "Penelitian kelengkapan berkas oleh staf teknis", 3, "Berkas permohonan", "2 hari",
          "Berkas lengkap"),
         ("SURVEY", "Peninjauan lokasi rencana bangunan", None, "Berkas lengkap", "2 hari", "Laporan survei"),
         ("CONSULT", "Sidang konsultasi rencana teknis oleh TPA", 2, "Laporan survei", "5 hari", "Rekomendasi TPA"),
         ("CALC_FEE", "Perhitungan nilai retribusi oleh Kabid Tata Bangunan", 1, "Rekomendasi TPA", "1 hari", "SKRD"),
         ("PAY", "Pembayaran retribusi oleh pemohon", 4, "SKRD", "3 hari", "Bukti setor"),
         ("SIGN", "Penerbitan dan penandatanganan PBG oleh Kepala Dinas", 0, "Bukti setor", "2 hari", "PBG"),
         ("DELIVER", "Penyerahan PBG kepada pemohon", 3, "PBG", "15 menit", "Tanda terima"),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}, {"rule": "ACTOR_MISSING", "seq": 3}]},
    {"name": "p03", "family": "pbg", "format": "txt",
     "agency": ("DINAS PENANAMAN MODAL DAN PTSP", "KOTA TOMOHON"),
     "number": "503/027/DPMPTSP-TMH/2025", "title": "SOP Layanan Ijin Membangun Gedung",
     "made": (2025, 4, 22), "effective_label": "Tanggal Pengesahan", "effective": (2025, 4, 2),
     "signer": ("MEIKE LUMINTANG, S.E., M.M.", "19790317 200501 2 011"),
     "actors": ["Kepala Dinas", "Sekdis", "Kabid Perizinan", "Tim Teknis", "Pemohon"],
     "steps": [
         ("APPLY", "Permohonan ijin diajukan pemohon melalui aplikasi SIMBG", 4, "KTP, sertipikat, gambar teknis",
          "1 hari", "Permohonan"),
         ("CHECK_DOCS", "Berkas diverifikasi oleh Kabid Perizinan", 2, "Permohonan", "1 hari", "Berkas terverifikasi"),
         ("FORWARD", "Berkas diteruskan kepada tim teknis", 2, "Berkas terverifikasi", "20 hari",
          "Berkas diterima tim"),
         ("CONSULT", "Rencana teknis bangunan dibahas dalam rapat tim teknis bersama pemohon", 3, "Berkas",
          "7 hari", "Berita acara rapat"),
         ("SURVEY", "Lokasi bangunan dicek oleh tim teknis", 3, "Berita acara rapat", "2 hari", "Laporan cek lokasi"),
         ("CALC_FEE", "Retribusi dihitung dan SKRD diterbitkan", 2, "Laporan cek lokasi", "1 hari", "SKRD"),
         ("PAY", "Retribusi disetor pemohon melalui bank", 4, "SKRD", "5 hari", "Bukti setor"),
         ("REVIEW", "Konsep ijin diparaf Sekdis", 1, "Konsep ijin", "1 hari", "Konsep terparaf"),
         ("SIGN", "Ijin ditandatangani Kepala Dinas", 0, "Konsep terparaf", "1 hari", "PBG"),
         ("DELIVER", "Ijin diambil pemohon di loket", 4, "PBG", "15 menit", "Tanda terima"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "seq": 3}, {"rule": "DATE_ORDER", "field": "approved_date"}]},
    {"name": "p04", "family": "pbg", "format": "docx",
     "agency": ("DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU", "KABUPATEN MINAHASA SELATAN"),
     "number": "SOP/DPMPTSP/041/2025", "title": "SOP Penerbitan PBG", "mark": "√",
     "made": (2025, 3, 5), "effective": (2025, 3, 24),
     "signer": ("ROY A. TAMBUWUN, S.H.", "19700619 199603 1 004"),
     "actors": ["Kepala Dinas", "Kabid Pelayanan", "TPA", "Front Office", "Pemohon"],
     "steps": [
         ("APPLY", "Menerima pendaftaran permohonan PBG dari pemohon", 3, "Formulir, KTP, sertipikat", "30 menit",
          "Tanda terima berkas"),
         ("CHECK_DOCS", "Mengecek dokumen administrasi dan teknis lalu meneruskannya ke TPA", 3, "Tanda terima berkas",
          "1 hari", "Dokumen terverifikasi"),
         ("CONSULT", "Melaksanakan sidang TPA untuk menilai rencana teknis", 2, "Dokumen terverifikasi", "7 hari",
          "Rekomendasi TPA"),
         ("SURVEY", "Meninjau lapangan apabila diperlukan", 2, "Rekomendasi TPA", "3 hari",
          "Berita acara peninjauan"),
         ("CALC_FEE", "Menghitung retribusi berdasarkan rekomendasi TPA", 1, "Rekomendasi TPA", "1 hari", "SKRD"),
         ("PAY", "Menyetor retribusi", 4, "SKRD", "7 hari", "STS"),
         ("SIGN", "Menerbitkan dan meneken PBG", 0, "STS", "1 hari", "PBG"),
         ("DELIVER", "Menyerahkan PBG beserta lampirannya kepada pemohon", 3, "PBG", "30 menit", "Tanda terima"),
         ("ARCHIVE", "Mengarsipkan salinan PBG", 3, "Salinan PBG", "15 menit", "Arsip"),
     ], "findings": []},
    # --- birth certificate ---
    {"name": "b01", "family": "akta_kelahiran", "format": "docx",
     "agency": ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "KOTA TARAKAN"),
     "number": "474.1/015/DISDUKCAPIL/2025", "title": "SOP Penerbitan Akta Kelahiran",
     "made": (2025, 1, 8), "effective": (2025, 1, 20),
     "signer": ("H. SYAMSUDDIN ARFAH, S.Sos", "19720110 199203 1 005"),
     "actors": ["Kepala Dinas", "Kabid Pencatatan Sipil", "Operator SIAK", "Petugas Loket", "Pemohon"],
     "steps": [
         ("APPLY", "Pemohon mengisi formulir F-2.01 dan menyerahkan persyaratan ke loket", 4,
          "Surat keterangan lahir, KK, KTP orang tua", "15 menit", "Berkas permohonan"),
         ("VERIFY", "Petugas loket memverifikasi keabsahan persyaratan", 3, "Berkas permohonan", "15 menit",
          "Berkas terverifikasi"),
         ("INPUT", "Operator SIAK merekam data kelahiran", 2, "Berkas terverifikasi", "20 menit", "Data kelahiran"),
         ("PRINT", "Operator SIAK mencetak register dan kutipan akta kelahiran", 2, "Data kelahiran", "10 menit",
          "Kutipan akta"),
         ("SIGN", "Kabid Pencatatan Sipil menandatangani kutipan akta secara elektronik", 1, "Kutipan akta", "1 jam",
          "Akta kelahiran"),
         ("DELIVER", "Petugas loket menyerahkan akta kelahiran kepada pemohon", 3, "Akta kelahiran", "10 menit",
          "Tanda terima"),
     ], "findings": []},
    {"name": "b02", "family": "akta_kelahiran", "format": "txt",
     "agency": ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "KABUPATEN BULUNGAN"),
     "number": "470/088/DKPS/2025", "title": "SOP Pelayanan Pencatatan Kelahiran",
     "made": (2025, 2, 3), "effective": (2025, 2, 17), "blank": ["equipment"],
     "signer": ("ALFIAN NOOR, S.STP., M.Si", "19810925 200312 1 002"),
     "actors": ["Kepala Dinas", "Kabid Capil", "Operator", "Pemohon"],
     "steps": [
         ("APPLY", "Penyerahan formulir pelaporan kelahiran beserta persyaratan", 3, "Formulir F-2.01, KK",
          "10 menit", "Berkas"),
         ("VERIFY", "Pemeriksaan kelengkapan dan keabsahan berkas", 2, "Berkas", "30 menit", "Berkas sah"),
         ("INPUT", "Penginputan data kelahiran ke dalam SIAK", 2, "Berkas sah", "20 menit", "Data terekam"),
         ("PRINT", "Pencetakan kutipan akta kelahiran", 2, "Data terekam", "10 menit", "Kutipan akta"),
         ("SIGN", "Penandatanganan akta oleh Kepala Dinas", 0, "Kutipan akta", "1 hari", "Akta kelahiran"),
         ("RECORD", "Pemutakhiran buku register akta kelahiran", 2, "Akta kelahiran", "7200", "Register akta"),
         ("DELIVER", "Penyerahan akta kepada pemohon", 2, "Akta kelahiran", "10 menit", "Tanda terima"),
     ], "findings": [{"rule": "IDENTITY_FIELD_MISSING", "field": "equipment"},
                     {"rule": "DURATION_IMPLAUSIBLE", "seq": 6}]},
    {"name": "b03", "family": "akta_kelahiran", "format": "txt",
     "agency": ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "KABUPATEN NUNUKAN"),
     "number": "474.1/201/DUKCAPIL/2024", "title": "SOP Pembuatan Akte Kelahiran",
     "made": (2024, 10, 14), "effective": (2024, 11, 1),
     "signer": ("HJ. RAHMAWATI, S.E.", "19740506 199903 2 008"),
     "actors": ["Kepala Dinas", "Kasi Kelahiran", "Petugas Registrasi", "Pemohon"],
     "steps": [
         ("APPLY", "Pemohon datang membawa persyaratan dan mengambil nomor antrian", 3, "KK, surat keterangan lahir",
          "15 menit", "Nomor antrian"),
         ("VERIFY", "Petugas registrasi meneliti berkas persyaratan", 2, "Berkas persyaratan", "2 hari",
          "Berkas benar"),
         ("INPUT", "Petugas registrasi mengentri data ke SIAK lalu mencetak akte", 2, "Berkas benar", "30 menit",
          "Akte tercetak"),
         ("REVIEW", "Kasi Kelahiran memeriksa dan memaraf akte", 1, "Akte tercetak", "1 jam", "Akte terparaf"),
         ("SIGN", "Kepala Dinas menandatangani akte kelahiran", 0, "Akte terparaf", "1 hari", "Akte kelahiran"),
         ("DELIVER", "Petugas registrasi menyerahkan akte kepada pemohon", 2, "Akte kelahiran", "10 menit",
          "Tanda terima"),
     ], "findings": [{"rule": "DURATION_OUTLIER", "seq": 2}]},
    {"name": "b04", "family": "akta_kelahiran", "format": "txt",
     "agency": ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "KABUPATEN MALINAU"),
     "number": "470/19/DISDUKCAPIL-MLN/2025", "title": "SOP Layanan Akta Kelahiran Daring",
     "made": (2025, 5, 12), "effective": (2025, 6, 2), "mark": "V",
     "signer": ("YOSEF LAWING, S.Sos., M.AP", "19750902 200003 1 007"),
     "actors": ["Kadis", "Kabid Capil", "Operator", "Pemohon"],
     "steps": [
         ("APPLY", "Pemohon mengirim hasil pindai persyaratan melalui layanan daring", 3, "Pindaian KK dan surat lahir",
          "15 menit", "Permohonan daring"),
         ("VERIFY", "Operator mengecek berkas yang masuk", 2, "Permohonan daring", "1 jam", "Berkas valid"),
         ("INPUT", "Operator menginput data kelahiran pada SIAK", 2, "Berkas valid", "30 menit", "Data kelahiran"),
         ("SIGN", "Kabid Capil membubuhkan TTE pada akta", 1, "Data kelahiran", "1 hari", "Akta ber-TTE"),
         ("DELIVER", "Operator mengirimkan file akta kelahiran kepada pemohon melalui surel", 2, "Akta ber-TTE",
          "10 menit", "Akta terkirim"),
         ("PRINT", "Pemohon mencetak sendiri akta pada kertas HVS A4 80 gram", 3, "Akta terkirim", "10 menit",
          "Akta tercetak"),
     ], "findings": []},
    # --- licence to practise for health workers ---
    {"name": "c01", "family": "izin_praktik", "format": "txt",
     "agency": ("DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU", "KOTA MATARAM"),
     "number": "503/446/DPMPTSP/2025", "title": "SOP Penerbitan Surat Izin Praktik Dokter",
     "made": (2025, 1, 27), "effective": (2025, 2, 10),
     "signer": ("LALU AHMAD ZAINI, S.H., M.H.", "19730214 199803 1 009"),
     "actors": ["Kepala Dinas", "Kabid Pelayanan", "Tim Teknis Dinkes", "Petugas Front Office", "Pemohon"],
     "steps": [
         ("APPLY", "Pemohon mengajukan permohonan SIP melalui aplikasi perizinan", 4,
          "STR, rekomendasi IDI, surat keterangan sehat", "30 menit", "Permohonan"),
         ("CHECK_DOCS", "Petugas front office memeriksa kelengkapan persyaratan", 3, "Permohonan", "1 jam",
          "Berkas lengkap"),
         ("INSPECT", "Tim teknis Dinas Kesehatan melakukan visitasi ke tempat praktik", 2, "Berkas lengkap", "3 hari",
          "Berita acara visitasi"),
         ("RECOMMEND", "Tim teknis menerbitkan rekomendasi teknis", 2, "Berita acara visitasi", "2 hari",
          "Rekomendasi teknis"),
         ("DRAFT", "Petugas front office menyiapkan draft SIP", 3, "Rekomendasi teknis", "30 menit", "Draft SIP"),
         ("SIGN", "Kepala Dinas menandatangani SIP", 0, "Draft SIP", "1 hari", "SIP"),
         ("DELIVER", "Petugas front office menyerahkan SIP kepada pemohon", 3, "SIP", "15 menit", "Tanda terima"),
     ], "findings": []},
    {"name": "c02", "family": "izin_praktik", "format": "docx",
     "agency": ("DINAS KESEHATAN", "KABUPATEN SUMBAWA"),
     "number": "440/072/DIKES/2025", "title": "SOP Pelayanan Ijin Praktek Bidan",
     "made": (2025, 3, 14), "effective": (2025, 2, 3),
     "signer": ("dr. SRI HANDAYANI, M.Kes", "19780813 200604 2 015"),
     "actors": ["Kepala Dinas", "Kasi SDK", "Staf Perizinan", "Pemohon"],
     "steps": [
         ("APPLY", "Bidan menyampaikan berkas permohonan ijin praktek", 3, "STR, ijazah, pas foto", "15 menit",
          "Berkas permohonan"),
         ("CHECK_DOCS", "Staf perizinan mengecek kelengkapan berkas", 2, "Berkas permohonan", "30 menit",
          "Berkas lengkap"),
         ("RECOMMEND", "Menunggu surat rekomendasi dari organisasi profesi IBI", 3, "Berkas lengkap", "7 hari",
          "Rekomendasi IBI"),
         ("INSPECT", "Kasi SDK meninjau tempat praktek mandiri bidan", 1, "Rekomendasi IBI", "2 hari",
          "Hasil peninjauan"),
         ("DRAFT", "Staf perizinan mengonsep surat ijin praktek", 2, "Hasil peninjauan", "30 menit", "Konsep ijin"),
         ("SIGN", "Kepala Dinas menandatangani surat ijin praktek", 0, "Konsep ijin", "1 hari", "Surat ijin praktek"),
         ("DELIVER", "Surat ijin praktek diserahkan kepada bidan pemohon", 2, "Surat ijin praktek", "15 menit",
          "Tanda terima"),
     ], "findings": [{"rule": "DATE_ORDER", "field": "effective_date"}]},
    {"name": "c03", "family": "izin_praktik", "format": "txt",
     "agency": ("DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU", "KABUPATEN BIMA"),
     "number": "503/118/DPMPTSP/2025", "title": "SOP Izin Praktik Tenaga Kesehatan", "skip_number": 5,
     "made": (2025, 2, 19), "effective": (2025, 3, 10),
     "signer": ("Drs. MUHAMMAD TAYEB", "19690721 199403 1 006"),
     "actors": ["Kepala Dinas", "Sekdis", "Kabid Perizinan", "Operator", "Pemohon"],
     "steps": [
         ("APPLY", "Pendaftaran permohonan izin praktik", 4, "Formulir, STR", "15 menit", "Permohonan"),
         ("CHECK_DOCS", "Verifikasi berkas persyaratan", 3, "Permohonan", "1 jam", "Berkas terverifikasi"),
         ("RECOMMEND", "Permintaan rekomendasi kepada Dinas Kesehatan", 2, "Berkas terverifikasi", "5 hari",
          "Rekomendasi Dinkes"),
         ("DRAFT", "Pembuatan konsep surat izin praktik", 3, "Rekomendasi Dinkes", "30 menit", "Konsep izin"),
         ("REVIEW", "Pemeriksaan dan paraf konsep oleh Sekdis", 1, "Konsep izin", "2 jam", "Konsep terparaf"),
         ("SIGN", "Penandatanganan surat izin oleh Kepala Dinas", 0, "Konsep terparaf", "1 hari", "Surat izin"),
         ("RECORD", "Pencatatan surat izin dalam buku register perizinan", 3, "Surat izin", "10 menit", ""),
         ("DELIVER", "Penyerahan surat izin kepada pemohon", 3, "Surat izin", "15 menit", "Tanda terima"),
     ], "findings": [{"rule": "STEP_NUMBER_GAP", "step_no": 5}, {"rule": "OUTPUT_MISSING", "seq": 7}]},
    {"name": "c04", "family": "izin_praktik", "format": "docx",
     "agency": ("DINAS KESEHATAN", "KABUPATEN LOMBOK BARAT"),
     "number": "445/061/DIKES-LOBAR/2025", "title": "SOP Penerbitan SIPP",
     "made": (2025, 4, 7), "effective": (2025, 5, 5), "mark": "V",
     "signer": ("H. LALU ARIA SANDI, S.KM., M.Kes", "19770430 200003 1 004"),
     "actors": ["Kepala Dinas", "Kabid SDK", "Petugas Loket", "Pemohon"],
     "steps": [
         ("APPLY", "Perawat mengisi formulir permohonan SIPP", 3, "STR, surat keterangan tempat kerja", "15 menit",
          "Formulir terisi"),
         ("CHECK_DOCS", "Petugas loket mencocokkan STR dan ijazah dengan aslinya", 2, "Formulir terisi", "20 menit",
          "Berkas cocok"),
         ("INSPECT", "Kabid SDK berkunjung ke fasyankes tempat perawat bekerja", 1, "Berkas cocok", "1 hari",
          "Hasil kunjungan"),
         ("DRAFT", "Petugas loket mengetik SIPP", 2, "Hasil kunjungan", "30 menit", "Draf SIPP"),
         ("SIGN", "Kepala Dinas membubuhkan tanda tangan pada SIPP", 0, "Draf SIPP", "1 hari", "SIPP"),
         ("DELIVER", "Petugas loket menyerahkan SIPP kepada perawat", 2, "SIPP", "15 menit", "Tanda terima"),
     ], "findings": []},
    # --- social aid ---
    {"name": "d01", "family": "bantuan_sosial", "format": "txt",
     "agency": ("DINAS SOSIAL", "KABUPATEN MAMUJU"),
     "number": "460/031/DINSOS/2025", "title": "SOP Penyaluran Bantuan Sosial",
     "made": (2025, 1, 6), "effective": (2025, 1, 27),
     "signer": ("MUHAMMAD ARSYAD, S.Sos., M.Si", "19740211 199903 1 004"),
     "actors": ["Kepala Dinas", "Kabid Linjamsos", "Pendamping Sosial", "Kepala Desa"],
     "steps": [
         ("PROPOSE", "Kepala desa mengusulkan calon penerima bantuan sosial", 3, "Data DTKS", "3 hari",
          "Usulan calon penerima"),
         ("VERIFY_FIELD", "Pendamping sosial memverifikasi dan memvalidasi calon penerima di lapangan", 2,
          "Usulan calon penerima", "14 hari", "Hasil verifikasi"),
         ("DECIDE", "Kepala Dinas menetapkan daftar penerima bantuan sosial", 0, "Hasil verifikasi", "2 hari",
          "Keputusan penerima"),
         ("ANNOUNCE", "Kabid Linjamsos mengumumkan daftar penerima di kantor desa untuk masa sanggah", 1,
          "Keputusan penerima", "7 hari", "Pengumuman"),
         ("DISTRIBUTE", "Pendamping sosial menyalurkan bantuan kepada penerima", 2, "Daftar penerima", "3 hari",
          "Berita acara serah terima"),
         ("REPORT", "Kabid Linjamsos menyusun laporan penyaluran bantuan", 1, "Berita acara serah terima", "5 hari",
          "Laporan penyaluran"),
     ], "findings": []},
    {"name": "d02", "family": "bantuan_sosial", "format": "docx",
     "agency": ("DINAS SOSIAL", "KABUPATEN POLEWALI MANDAR"),
     "number": "460/207/DINSOS/2025", "title": "SOP Pemberian Bantuan bagi Korban Bencana",
     "made": (2025, 2, 12), "effective": (2025, 3, 3),
     "signer": ("Hj. ANDI NURHAYATI, S.E.", "19760623 200212 2 006"),
     "actors": ["Kepala Dinas", "Kasi PSKBS", "TAGANA", "Kepala Desa"],
     "steps": [
         ("PROPOSE", "Pelaporan data korban bencana oleh kepala desa", 3, "Data korban", "1 hari", "Laporan korban"),
         ("VERIFY_FIELD", "Asesmen kebutuhan korban di lokasi bencana oleh TAGANA", 2, "Laporan korban", "2 hari",
          "Hasil asesmen"),
         ("DECIDE", "Persetujuan jenis dan jumlah bantuan oleh Kepala Dinas", 0, "Hasil asesmen", "1 hari",
          "Persetujuan bantuan"),
         ("PREPARE", "Penyiapan barang bantuan di gudang logistik", None, "Persetujuan bantuan", "1 hari",
          "Barang siap salur"),
         ("DISTRIBUTE", "Pendistribusian bantuan ke lokasi pengungsian", 2, "Barang siap salur", "1 hari",
          "Berita acara serah terima"),
         ("REPORT", "Penyusunan laporan pendistribusian", 1, "Berita acara serah terima", "2 hari", ""),
     ], "findings": [{"rule": "ACTOR_MISSING", "seq": 4}, {"rule": "OUTPUT_MISSING", "seq": 6}]},
    {"name": "d03", "family": "bantuan_sosial", "format": "txt",
     "agency": ("DINAS SOSIAL", "KABUPATEN MAJENE"),
     "number": "SOP/DINSOS/012/2025", "title": "SOP Pencairan Bansos Tunai",
     "made": (2025, 3, 17), "effective": (2025, 4, 7),
     "signer": ("SYAHRIR HAMZAH, S.Pd., M.M.", "19700909 199412 1 002"),
     "actors": ["Kepala Dinas", "Kabid Rehsos", "Bendahara", "Penerima"],
     "steps": [
         ("PROPOSE", "Menghimpun usulan calon penerima dari kecamatan", 1, "Surat usulan kecamatan", "5 hari",
          "Daftar usulan"),
         ("VERIFY_FIELD", "Melakukan survei kelayakan calon penerima", 1, "Daftar usulan", "2 minggu",
          "Hasil survei"),
         ("DECIDE", "Menetapkan keputusan penerima bansos", 0, "Hasil survei", "3 hari", "SK penerima"),
         ("CHECK_PAY", "Memverifikasi kelengkapan dokumen pencairan", 2, "SK penerima, kuitansi", "1 hari",
          "Dokumen pencairan lengkap"),
         ("DISTRIBUTE", "Menyalurkan bansos ke rekening penerima", 2, "Dokumen pencairan lengkap", "2 hari",
          "Bukti transfer"),
         ("RECIPIENT_REPORT", "Menyampaikan laporan penggunaan bantuan", 3, "Bukti pengeluaran", "1 bulan",
          "Laporan penggunaan"),
         ("REPORT", "Menyusun laporan realisasi penyaluran bansos", 1, "Laporan penggunaan", "3 hari",
          "Laporan realisasi"),
     ], "findings": []},
    # --- a civil servant's permit to study ---
    {"name": "e01", "family": "izin_belajar", "format": "docx",
     "agency": ("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", "KOTA BATAM"),
     "number": "800/114/BKPSDM/2025", "title": "SOP Pemberian Izin Belajar",
     "made": (2025, 1, 15), "effective": (2025, 2, 3),
     "signer": ("RIKA SUSANTI, S.Sos., M.Si", "19800301 200501 2 009"),
     "actors": ["Kepala Badan", "Kabid Pengembangan Kompetensi", "Analis SDM Aparatur", "PNS Pemohon"],
     "steps": [
         ("APPLY", "PNS pemohon mengajukan permohonan izin belajar melalui pimpinan perangkat daerah", 3,
          "Rekomendasi atasan, SK pangkat terakhir, SKP 2 tahun", "1 hari", "Permohonan"),
         ("CHECK_DOCS", "Analis SDM Aparatur memeriksa kelengkapan berkas permohonan", 2, "Permohonan", "1 jam",
          "Berkas lengkap"),
         ("CHECK_ACCRED", "Analis SDM Aparatur memeriksa status akreditasi program studi pada PDDikti", 2,
          "Berkas lengkap", "30 menit", "Hasil penelusuran akreditasi"),
         ("DRAFT", "Analis SDM Aparatur menyiapkan konsep surat izin belajar", 2, "Hasil penelusuran akreditasi",
          "30 menit", "Konsep surat"),
         ("REVIEW", "Kabid Pengembangan Kompetensi mengoreksi dan memaraf konsep", 1, "Konsep surat", "1 jam",
          "Konsep terparaf"),
         ("SIGN", "Kepala Badan menandatangani surat izin belajar", 0, "Konsep terparaf", "1 hari",
          "Surat izin belajar"),
         ("DELIVER", "Analis SDM Aparatur menyerahkan surat izin belajar kepada pemohon", 2, "Surat izin belajar",
          "15 menit", "Tanda terima"),
         ("RECORD", "Analis SDM Aparatur memperbarui data pendidikan pada SIASN", 2, "Surat izin belajar",
          "15 menit", "Data SIASN"),
     ], "findings": []},
    {"name": "e02", "family": "izin_belajar", "format": "txt",
     "agency": ("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", "KOTA TANJUNGPINANG"),
     "number": "800/..../BKPSDM/2025", "title": "SOP Penerbitan Surat Ijin Belajar",
     "made": (2025, 2, 4), "effective": (2025, 2, 24),
     "signer": ("Drs. ABDUL KADIR IBRAHIM", "19680517 199003 1 010"),
     "actors": ["Kepala Badan", "Kabid Mutasi dan Pengembangan Karier", "Pengelola Kepegawaian", "Pegawai"],
     "steps": [
         ("APPLY", "Permohonan ijin belajar disampaikan pegawai dengan rekomendasi Kepala OPD", 3,
          "Rekomendasi Kepala OPD", "1 hari", "Permohonan"),
         ("CHECK_DOCS", "Penelitian berkas permohonan oleh pengelola kepegawaian", 2, "Permohonan", "2 jam",
          "Berkas diteliti"),
         ("CHECK_ACCRED", "Pengecekan akreditasi perguruan tinggi dan jadwal perkuliahan", 2, "Berkas diteliti",
          "1 jam", "Akreditasi sesuai"),
         ("DRAFT", "Penyusunan konsep surat ijin belajar", 2, "Akreditasi sesuai", "1 jam", "Konsep surat ijin"),
         ("SIGN", "Penandatanganan surat ijin belajar oleh Kepala Badan", 0, "Konsep surat ijin", "1 hari",
          "Surat ijin belajar"),
         ("DELIVER", "Penyerahan surat ijin kepada pegawai", 2, "Surat ijin belajar", "-", "Tanda terima"),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}, {"rule": "DURATION_MISSING", "seq": 6}]},
    {"name": "e03", "family": "izin_belajar", "format": "txt",
     "agency": ("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", "KABUPATEN BINTAN"),
     "number": "893/052/BKPSDM/2025", "title": "SOP Layanan Izin Kuliah ASN",
     "made": (2025, 3, 3), "effective": (2025, 3, 17),
     "signer": ("HASFARIZAL HANDRA, S.H.", "19790128 200312 1 005"),
     "actors": ["Kepala Badan", "Sekretaris", "Kasubbid Pengembangan", "Pelaksana"],
     "steps": [
         ("CHECK_DOCS", "Pelaksana menerima dan meneliti berkas usulan izin belajar dari perangkat daerah", 3,
          "Usulan perangkat daerah", "1 jam", "Berkas lengkap"),
         ("CHECK_ACCRED", "Kasubbid Pengembangan menelusuri akreditasi prodi melalui laman BAN-PT", 2,
          "Berkas lengkap", "30 menit", "Hasil penelusuran"),
         ("DRAFT", "Pelaksana mengonsep surat izin belajar", 3, "Hasil penelusuran", "30 menit", "Konsep surat"),
         ("REVIEW", "Sekretaris meneliti konsep surat izin belajar", 1, "Konsep surat", "1 jam", "Konsep benar"),
         ("SIGN", "Kepala Badan meneken surat izin belajar", 0, "Konsep benar", "1 hari", "Surat izin belajar"),
         ("DELIVER", "Pelaksana mengirimkan surat izin belajar ke perangkat daerah", 3, "Surat izin belajar",
          "1 jam", "Bukti kirim"),
         ("ARCHIVE", "Pelaksana menyimpan arsip surat izin belajar", 3, "Salinan surat", "10080 menit", "Arsip"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "seq": 7}]},
    {"name": "e04", "family": "izin_belajar", "format": "txt",
     "agency": ("BADAN KEPEGAWAIAN DAERAH", "PROVINSI KEPULAUAN RIAU"),
     "number": "800.2/317/BKD/2025", "title": "SOP Surat Keterangan Izin Belajar Pegawai Negeri Sipil",
     "made": (2025, 4, 14), "effective_label": "Tanggal Pengesahan", "effective": (2025, 4, 28),
     "signer": ("FAUZI BAHTAR, S.Pd., M.Pd.", "19720810 199702 1 003"),
     "actors": ["Kepala Badan", "Kepala Bidang", "Kasubbid", "Pengadministrasi Umum", "Pegawai"],
     "steps": [
         ("APPLY", "Pegawai mengunggah permohonan dan persyaratan izin belajar pada aplikasi kepegawaian", 4,
          "Surat permohonan, rekomendasi atasan", "30 menit", "Permohonan"),
         ("CHECK_DOCS", "Pengadministrasi umum mengecek persyaratan yang diunggah", 3, "Permohonan", "1 jam",
          "Persyaratan lengkap"),
         ("CHECK_ACCRED", "Kasubbid memastikan program studi terakreditasi dan tidak mengganggu jam kerja", 2,
          "Persyaratan lengkap", "1 jam", "Hasil telaah"),
         ("DRAFT", "Kasubbid membuat konsep surat keterangan izin belajar", 2, "Hasil telaah", "1 jam",
          "Konsep surat keterangan"),
         ("REVIEW", "Kepala Bidang menelaah dan memaraf konsep", 1, "Konsep surat keterangan", "2 jam",
          "Konsep terparaf"),
         ("SIGN", "Kepala Badan mengesahkan surat keterangan izin belajar", 0, "Konsep terparaf", "1 hari",
          "Surat keterangan izin belajar"),
         ("DELIVER", "Surat keterangan dikirim ke akun pegawai pada aplikasi", 3, "Surat keterangan izin belajar",
          "15 menit", "Surat terkirim"),
     ], "findings": []},
    # --- periodic roadworthiness test (uji KIR) ---
    {"name": "f01", "family": "uji_berkala", "format": "txt",
     "agency": ("DINAS PERHUBUNGAN", "KOTA PANGKALPINANG"),
     "number": "551/071/DISHUB/2025", "title": "SOP Pengujian Berkala Kendaraan Bermotor",
     "made": (2025, 1, 21), "effective": (2025, 2, 3),
     "signer": ("BAMBANG SUPRIYADI, S.T.", "19730605 199903 1 006"),
     "actors": ["Kepala UPTD", "Penguji", "Petugas Administrasi", "Pemilik Kendaraan"],
     "steps": [
         ("REGISTER", "Pemilik kendaraan mendaftarkan kendaraan untuk uji berkala", 3, "STNK, buku uji lama",
          "10 menit", "Formulir pendaftaran"),
         ("PAY", "Pemilik kendaraan membayar retribusi pengujian", 3, "Formulir pendaftaran", "10 menit",
          "Bukti bayar"),
         ("ADMIN_CHECK", "Petugas administrasi mencocokkan nomor rangka dan nomor mesin", 2, "STNK", "15 menit",
          "Data kendaraan sesuai"),
         ("TEST", "Penguji melakukan uji emisi, rem, lampu dan kincup roda", 1, "Data kendaraan sesuai", "45 menit",
          "Hasil uji"),
         ("DECIDE", "Kepala UPTD mengesahkan hasil uji", 0, "Hasil uji", "15 menit", "Hasil uji disahkan"),
         ("ISSUE", "Petugas administrasi mencetak kartu uji dan stiker tanda lulus uji", 2, "Hasil uji disahkan",
          "15 menit", "Kartu uji, stiker"),
         ("DELIVER", "Petugas administrasi menyerahkan kartu uji kepada pemilik kendaraan", 2, "Kartu uji",
          "5 menit", "Tanda terima"),
     ], "findings": []},
    {"name": "f02", "family": "uji_berkala", "format": "txt",
     "agency": ("DINAS PERHUBUNGAN", "KABUPATEN BELITUNG"),
     "number": "551/023/DISHUB-BLT/2025", "title": "SOP Uji KIR Kendaraan Angkutan", "unit": "MENIT",
     "made": (2025, 2, 11), "effective": (2025, 3, 3),
     "signer": ("Ir. HENDRA WIJAYA", "19690311 199503 1 002"),
     "actors": ["Kepala Dinas", "Kabid LLAJ", "Penguji Kendaraan", "Pemohon"],
     "steps": [
         ("REGISTER", "Kendaraan didaftarkan pemohon di loket UPTD", 3, "STNK, KTP", "10", "Formulir"),
         ("ADMIN_CHECK", "Dokumen kendaraan diperiksa petugas", 2, "Formulir", "15", "Dokumen sesuai"),
         ("PAY", "Retribusi uji dibayar pemohon", 3, "Dokumen sesuai", "10", "Bukti bayar"),
         ("TEST", "Kendaraan diuji pada alat uji", 2, "Bukti bayar", "60", "Hasil uji"),
         ("DECIDE", "Hasil uji dinilai penguji", 2, "Hasil uji", "15", "Kendaraan lulus uji"),
         ("STAMP", "Tanda uji dikeling pada plat samping kendaraan", 2, "Kendaraan lulus uji", "4320",
          "Tanda uji terpasang"),
         ("ISSUE", "Kartu uji ditandatangani Kabid LLAJ", 1, "Kendaraan lulus uji", "30", "Kartu uji"),
         ("DELIVER", "Kartu uji diserahkan kepada pemohon", 2, "Kartu uji", "5", "Tanda terima"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "seq": 6}]},
    {"name": "f03", "family": "uji_berkala", "format": "txt",
     "agency": ("DINAS PERHUBUNGAN", "KABUPATEN BANGKA"),
     "number": "550/140/DISHUB/2025", "title": "SOP Layanan Uji Kendaraan Wajib Uji",
     "made": (2025, 3, 10), "effective": (2025, 3, 31), "mark": "√",
     "signer": ("SUPARMAN, S.Sos., M.Si", "19710716 199203 1 008"),
     "actors": ["Kepala UPTD PKB", "Penguji", "Petugas Loket", "Pemilik"],
     "steps": [
         ("REGISTER", "Pendaftaran uji dan pembayaran retribusi melalui loket", 2, "STNK, buku uji", "15 menit",
          "Bukti daftar dan bayar"),
         ("ADMIN_CHECK", "Pemeriksaan kesesuaian fisik kendaraan dengan STNK", 1, "Bukti daftar dan bayar",
          "15 menit", "Identitas kendaraan sesuai"),
         ("TEST", "Pengujian teknis laik jalan kendaraan", 1, "Identitas kendaraan sesuai", "1 jam", "Hasil uji"),
         ("RETEST", "Perbaikan kendaraan oleh pemilik dan uji ulang bagi yang belum lulus", 3, "Hasil uji",
          "14 hari", "Hasil uji ulang"),
         ("DECIDE", "Penetapan kelulusan uji oleh Kepala UPTD PKB", 0, "Hasil uji", "15 menit", "Kendaraan lulus"),
         ("ISSUE", "Penerbitan kartu uji dan tanda uji", 2, "Kendaraan lulus", "20 menit", "Kartu uji, tanda uji"),
         ("DELIVER", "Penyerahan kartu uji kepada pemilik", 2, "Kartu uji", "5 menit", "Tanda terima"),
         ("RECORD", "Pencatatan hasil uji pada sistem informasi pengujian", 2, "Hasil uji", "10 menit",
          "Data hasil uji"),
     ], "findings": []},
    # --- home-industry food certificate (SPP-IRT) ---
    {"name": "g01", "family": "spp_irt", "format": "txt",
     "agency": ("DINAS KESEHATAN", "KABUPATEN MANOKWARI"),
     "number": "440/219/DINKES/2025", "title": "SOP Penerbitan Sertifikat Produksi Pangan Industri Rumah Tangga",
     "made": (2025, 1, 29), "effective": (2025, 2, 17),
     "signer": ("dr. HENDRIK R. MANDACAN, M.Kes", "19750224 200312 1 006"),
     "actors": ["Kepala Dinas", "Kabid Kesmas", "Tenaga Pengawas Pangan", "Pelaku Usaha"],
     "steps": [
         ("APPLY", "Pelaku usaha mendaftar melalui sistem OSS dan mengunggah rancangan label", 3,
          "NIB, rancangan label, KTP", "1 hari", "Permohonan"),
         ("CHECK_DOCS", "Tenaga pengawas pangan memeriksa kelengkapan dokumen permohonan", 2, "Permohonan", "1 jam",
          "Dokumen lengkap"),
         ("TRAINING", "Pelaku usaha mengikuti penyuluhan keamanan pangan", 3, "Undangan penyuluhan", "2 hari",
          "Sertifikat penyuluhan"),
         ("INSPECT", "Tenaga pengawas pangan memeriksa sarana produksi pangan di lokasi", 2,
          "Sertifikat penyuluhan", "1 hari", "Berita acara pemeriksaan"),
         ("DECIDE", "Kabid Kesmas menilai hasil pemeriksaan dan menetapkan kelayakan", 1, "Berita acara pemeriksaan",
          "2 hari", "Hasil penilaian"),
         ("SIGN", "Kepala Dinas menandatangani SPP-IRT", 0, "Hasil penilaian", "1 hari", "SPP-IRT"),
         ("DELIVER", "SPP-IRT diserahkan kepada pelaku usaha", 2, "SPP-IRT", "30 menit", "Tanda terima"),
     ], "findings": []},
    {"name": "g02", "family": "spp_irt", "format": "docx",
     "agency": ("DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU", "KOTA SORONG"),
     "number": "503/088/DPMPTSP/2025", "title": "SOP Izin Pangan Olahan Rumahan (P-IRT)", "skip_number": 6,
     "made": (2025, 2, 24), "effective": (2025, 3, 17), "blank": ["qualifications"],
     "signer": ("YULIANUS KAMBU, S.E., M.Si", "19760404 200212 1 007"),
     "actors": ["Kepala Dinas", "Kabid Pelayanan", "Tim Teknis Dinkes", "Front Office", "Pemohon"],
     "steps": [
         ("APPLY", "Pendaftaran permohonan SPP-IRT", 4, "NIB, label", "30 menit", "Permohonan"),
         ("CHECK_DOCS", "Verifikasi berkas permohonan", 3, "Permohonan", "1 jam", "Berkas terverifikasi"),
         ("TRAINING", "Pelaksanaan penyuluhan keamanan pangan bagi pemohon", 2, "Berkas terverifikasi", "2 hari",
          "Sertifikat penyuluhan"),
         ("INSPECT", "Kunjungan tim teknis ke tempat produksi", 2, "Sertifikat penyuluhan", "1 hari",
          "Laporan kunjungan"),
         ("LAB", "Pengujian sampel produk di Laboratorium Kesehatan Daerah", 2, "Sampel produk", "14 hari",
          "Hasil uji laboratorium"),
         ("DECIDE", "Rapat evaluasi hasil pemeriksaan dan uji laboratorium", 2, "Hasil uji laboratorium", "1 hari",
          "Rekomendasi teknis"),
         ("SIGN", "Penerbitan dan penandatanganan SPP-IRT", 0, "Rekomendasi teknis", "1 hari", "SPP-IRT"),
         ("DELIVER", "Penyerahan SPP-IRT kepada pemohon", 3, "SPP-IRT", "15 menit", "Tanda terima"),
     ], "findings": [{"rule": "IDENTITY_FIELD_MISSING", "field": "qualifications"},
                     {"rule": "STEP_NUMBER_GAP", "step_no": 6}]},
    {"name": "g03", "family": "spp_irt", "format": "txt",
     "agency": ("DINAS KESEHATAN", "KABUPATEN FAKFAK"),
     "number": "443/047/DINKES/2025", "title": "SOP Sertipikasi Pangan Industri Rumah Tangga",
     "made": (2025, 3, 19), "effective": (2025, 4, 7),
     "signer": ("ABDUL RAHIM HINDOM, S.KM", "19780715 200501 1 004"),
     "actors": ["Kepala Dinas", "Kasi Kesling", "Pengawas Pangan", "Pelaku Usaha"],
     "steps": [
         ("APPLY", "Pelaku usaha mengajukan permohonan sertipikat", 3, "Surat permohonan, label", "30 menit",
          "Permohonan"),
         ("CHECK_DOCS", "Pengawas pangan meneliti berkas permohonan", 2, "Permohonan", "1 jam", "Berkas lengkap"),
         ("TRAINING", "Pelaku usaha menghadiri penyuluhan keamanan pangan", 3, "Undangan", "1 hari",
          "Sertifikat penyuluhan"),
         ("PREPARE_FORM", "Pengawas pangan menyiapkan formulir pemeriksaan sarana produksi", 2, "Sertifikat penyuluhan",
          "10 hari", "Formulir pemeriksaan"),
         ("INSPECT", "Pengawas pangan memeriksa sarana produksi", 2, "Formulir pemeriksaan", "1 hari",
          "Hasil pemeriksaan"),
         ("DECIDE", "Kasi Kesling mengevaluasi hasil pemeriksaan", 1, "Hasil pemeriksaan", "1 hari", "Hasil evaluasi"),
         ("SIGN", "Kepala Dinas menandatangani sertipikat", 0, "Hasil evaluasi", "1 hari", "Sertipikat P-IRT"),
         ("DELIVER", "Pengawas pangan menyerahkan sertipikat kepada pelaku usaha", 2, "Sertipikat P-IRT", "15 menit",
          "Tanda terima"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "seq": 4}]},
    {"name": "g04", "family": "spp_irt", "format": "txt",
     "agency": ("DINAS KESEHATAN", "KABUPATEN TELUK BINTUNI"),
     "number": "440/163/DINKES/2025", "title": "SOP Pemberian Nomor P-IRT",
     "made": (2025, 4, 9), "effective": (2025, 5, 2),
     "signer": ("MARTHEN ORANSEOR, S.KM., M.Kes", "19740322 200003 1 009"),
     "actors": ["Kadis", "Kabid Kesmas", "Petugas P-IRT", "Pemilik Usaha"],
     "steps": [
         ("APPLY", "Pemilik usaha datang membawa berkas permohonan nomor P-IRT", 3, "KTP, NIB, label", "30 menit",
          "Berkas permohonan"),
         ("CHECK_DOCS", "Petugas P-IRT mengecek berkas dan label produk", 2, "Berkas permohonan", "5 hari",
          "Berkas sesuai"),
         ("TRAINING", "Penyuluhan keamanan pangan diikuti pemilik usaha", 3, "Berkas sesuai", "2 hari",
          "Sertifikat penyuluhan"),
         ("INSPECT", "Petugas P-IRT meninjau dapur produksi", 2, "Sertifikat penyuluhan", "1 hari",
          "Hasil peninjauan"),
         ("SIGN", "Kadis meneken SPP-IRT setelah dinilai Kabid Kesmas", 0, "Hasil peninjauan", "1 hari", "SPP-IRT"),
         ("DELIVER", "Petugas P-IRT menyerahkan SPP-IRT", 2, "SPP-IRT", "30 menit", "Tanda terima"),
     ], "findings": [{"rule": "DURATION_OUTLIER", "seq": 2}]},
]

HEADINGS = {"txt": ("NO.", "KEGIATAN", "KELENGKAPAN", "OUTPUT", "KET."),
            "docx": ("NO", "URAIAN KEGIATAN", "PERSYARATAN/KELENGKAPAN", "OUTPUT", "KETERANGAN")}


def date_text(date: tuple[int, int, int]) -> str:
    year, month, day = date
    return f"{day:02d} {MONTHS[month - 1]} {year}"


def iso(date: tuple[int, int, int]) -> str:
    return "{:04d}-{:02d}-{:02d}".format(*date)


def sop_text(sop: dict, lists: dict[str, dict[str, list[str]]]) -> str:
    """The SOP as a tab-separated export: identity beside the agency, list boxes side by side,
    the flowchart table with one column per actor."""
    unit, region = sop["agency"]
    name, nip = sop["signer"]
    identity = [("Nomor SOP", sop["number"]), ("Tanggal Pembuatan", date_text(sop["made"])),
                ("Tanggal Revisi", "-"),
                (sop.get("effective_label", "Tanggal Efektif"), date_text(sop["effective"])),
                ("Disahkan Oleh", f"KEPALA {unit} {region} {name} NIP. {nip}"),
                ("Nama SOP", sop["title"].upper())]
    left = [unit, region] + [""] * (len(identity) - 2)
    lines = [f"{a}\t{label}\t{value}" for a, (label, value) in zip(left, identity)] + [""]
    lists = {field: ("-" if field in sop.get("blank", []) else value)
             for field, value in lists[sop["family"]].items()}
    fields = list(LABELS)
    lines += [f"{LABELS[a]} : {lists[a]}\t{LABELS[b]} : {lists[b]}" for a, b in zip(fields[::2], fields[1::2])]
    lines += ["", sop["title"].upper(), ""]
    no, activity, requirements, output, notes = HEADINGS[sop["format"]]
    actors, mark = sop["actors"], sop.get("mark", "✓")
    waktu = f"WAKTU ({sop['unit']})" if sop.get("unit") else "WAKTU"
    lines.append("\t".join([no, activity, "PELAKSANA"] + [""] * (len(actors) - 1) + ["MUTU BAKU", "", "", notes]))
    lines.append("\t".join(["", ""] + actors + [requirements, waktu, output, ""]))
    for number, (_, text, actor, needs, duration, result) in zip(step_numbers(sop), sop["steps"]):
        marks = [mark if i == actor else "" for i in range(len(actors))]
        lines.append("\t".join([str(number), text, *marks, needs, duration, result, ""]))
    return "\n".join(lines) + "\n"


def gold(sop: dict, file: str) -> dict:
    numbers = step_numbers(sop)
    steps = []
    for seq, (number, (phase, activity, actor, *_)) in enumerate(zip(numbers, sop["steps"]), start=1):
        step = {"seq": seq, "step_no": number, "activity": activity, "phase": phase}
        if actor is not None:
            step["actor"] = sop["actors"][actor]
        steps.append(step)
    findings = []
    for finding in sop["findings"]:  # a step's defect is reported under its printed number
        finding = dict(finding)
        if "seq" in finding:
            finding["step_no"] = numbers[finding.pop("seq") - 1]
        findings.append(finding)
    effective_field = "approved_date" if sop.get("effective_label") == "Tanggal Pengesahan" else "effective_date"
    doc = {"sop_number": sop["number"].strip(), "sop_title": sop["title"].upper(),
           "created_date": iso(sop["made"]), effective_field: iso(sop["effective"])}
    return {"source": file, "format": sop["format"], "family": sop["family"], "doc": doc, "steps": steps,
            "findings": findings}


def fixed_docx(text: str, path: Path) -> None:
    """The Word file of the text, byte for byte the same on every run (fixed document and zip
    dates)."""
    to_docx(text, path)
    from docx import Document

    document = Document(path)
    properties = document.core_properties
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.author = properties.last_modified_by = "Subbag Umum"
    properties.revision = 1
    document.save(path)
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            target.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6]), data,
                            compress_type=zipfile.ZIP_DEFLATED)


def write(sops: list[dict], lists: dict[str, dict[str, list[str]]], folder: Path) -> None:
    """Each SOP as .txt or .docx in folder/docs and its gold in folder/gold (both emptied first)."""
    for sub in ("docs", "gold"):
        shutil.rmtree(folder / sub, ignore_errors=True)
        (folder / sub).mkdir(parents=True)
    for sop in sops:
        file = f"{sop['name']}.{sop['format']}"
        text = sop_text(sop, lists)
        if sop["format"] == "docx":
            fixed_docx(text, folder / "docs" / file)
        else:
            (folder / "docs" / file).write_text(text, encoding="utf-8")
        (folder / "gold" / f"{file}.json").write_text(json.dumps(gold(sop, file), indent=1, ensure_ascii=False),
                                                      encoding="utf-8")
    rules = [finding["rule"] for sop in sops for finding in sop["findings"]]
    print(f"{len(sops)} SOPs written to {folder}, {sum(not sop['findings'] for sop in sops)} clean; findings: "
          + ", ".join(f"{rule} {rules.count(rule)}" for rule in sorted(set(rules))))


if __name__ == "__main__":
    write(SOPS, LISTS, FOLDER)
