"""Writes a sixth held-out set (benchmarks/heldout6/: docs/ and gold/) for phase alignment and
findings on SOPs never seen (#22), written before the phase and findings rules it measures
were tuned again, and never tuned on: whoever changes those rules does not open it and looks
only at its totals, before and after.

    .venv/bin/python benchmarks/heldout/make_heldout6.py
    .venv/bin/sop-pipeline run benchmarks/heldout6/docs --out /tmp/heldout6
    .venv/bin/python ../shared/tools/score.py --gold benchmarks/heldout6/gold --run /tmp/heldout6

Six procedures none of the dev corpus, real-other, real, heldout1-5 or findings_heldout has
(a fishing licence SIPI for small boats, renting a market stall, registering a tourism
business TDUP, schools' reports on the BOS operational fund, library membership, recruiting
non-civil-servant staff), by agencies of provinces neither heldout4 nor heldout5 draws from
(Sulawesi Tenggara, Maluku Utara, Nusa Tenggara Timur, Gorontalo, Kalimantan Selatan,
Kalimantan Timur, Kalimantan Tengah, Sumatera Barat, Sumatera Utara, Sumatera Selatan,
Sulawesi Selatan, Sulawesi Tengah, DI Yogyakarta, Banten, Papua); twenty-three SOPs, three or
four agencies a procedure, titles that mostly share no word ("Sewa Kios dan Los Pasar" and
"Pemakaian Tempat Berjualan"). Every step worded anew: verb-first, passive, nominal and
actor-first orders, regional and colloquial spellings (ijin, meneken, dilaminating, Kartu
Baca, mengonsep), abbreviations (Kadis, Kadisbudpar, Kasubbid, Tim BOS Kab, Monev, SPJ, BA),
steps merged or split differently (receiving and checking in one step, entering data and
taking the photo in one, handing over and registering in one), steps only one agency has (a
paraf by the Sekretaris, a technical recommendation, a Monev visit to sample schools, a
meeting when several traders want one stall, an orientation for new members), one verb doing
two jobs in one procedure (memeriksa the documents, then the boat or the business site;
mengecek the form, then the homestay; mencetak the card, then the monthly report). Six files
are Word (.docx, the same text laid out as tables), the rest tab-separated .txt exports. Gold
phases are phase ids shared within a procedure; gold findings are the defects written in:
clerical work (printing a trader's card or exam cards, laminating a card, copying minutes) in
tens of days or a bare number of thousands under a Waktu (MENIT) heading, a check an order of
magnitude longer than peer agencies give it, SOP numbers with blank or underscored parts,
missing Output, Waktu (blank or "-") or actor mark, numbering gaps, a date of entry into
force or of approval before the date made, a list box printed "-". The gold also gives each
step's actor (scored on the Word files) and the SOP's number, title and dates. About half the
SOPs are clean, with long but legitimate times: a school's report over two weeks, a fortnight's
registration period, collecting staffing needs from all offices, a site verification
scheduled within ten days, checking sixty schools' reports, a trader paying the rent within
fourteen days, a boat inspected at a far landing.

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
FOLDER = HERE.parent / "heldout6"
sys.path.insert(0, str(HERE.parent))
from sop_id_copies import to_docx  # noqa: E402

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]
FIXED_TIME = datetime.datetime(2025, 1, 1, 0, 0, 0)

# What a procedure's SOPs share in their identity block (legal basis, qualifications, ...).
LISTS = {
    "sipi": {
        "legal_basis": "1. Undang-Undang Nomor 31 Tahun 2004 tentang Perikanan sebagaimana telah diubah dengan "
                       "Undang-Undang Nomor 45 Tahun 2009 2. Peraturan Menteri Kelautan dan Perikanan Nomor 58 Tahun "
                       "2020 tentang Usaha Perikanan Tangkap",
        "qualifications": "1. Memahami perizinan usaha perikanan tangkap 2. Mampu memeriksa fisik kapal perikanan",
        "related_sops": "1. SOP Pendaftaran Kapal Perikanan",
        "equipment": "1. Komputer 2. Meteran 3. Kamera 4. Kendaraan operasional",
        "warning": "Apabila SOP tidak dilaksanakan, kapal menangkap ikan tanpa izin",
        "records": "Disimpan dalam buku register izin dan aplikasi perizinan"},
    "sewa_pasar": {
        "legal_basis": "1. Peraturan Daerah tentang Retribusi Pelayanan Pasar 2. Peraturan Kepala Daerah tentang "
                       "Pengelolaan Pasar Rakyat",
        "qualifications": "1. Memahami pengelolaan pasar 2. Mampu menyusun perjanjian sewa",
        "related_sops": "1. SOP Penarikan Retribusi Pasar",
        "equipment": "1. Komputer 2. Printer 3. Denah pasar",
        "warning": "Apabila SOP tidak dilaksanakan, penempatan pedagang tidak tertib",
        "records": "Dicatat dalam buku induk pedagang"},
    "tdup": {
        "legal_basis": "1. Undang-Undang Nomor 10 Tahun 2009 tentang Kepariwisataan 2. Peraturan Menteri Pariwisata "
                       "dan Ekonomi Kreatif Nomor 4 Tahun 2021 tentang Standar Kegiatan Usaha Pariwisata",
        "qualifications": "1. Memahami standar usaha pariwisata 2. Mampu mengoperasikan OSS",
        "related_sops": "1. SOP Pembinaan Usaha Pariwisata",
        "equipment": "1. Komputer 2. Kamera 3. Kendaraan operasional",
        "warning": "Apabila SOP tidak dilaksanakan, usaha pariwisata tidak terdata",
        "records": "Disimpan dalam daftar usaha pariwisata"},
    "bos": {
        "legal_basis": "1. Peraturan Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi Nomor 63 Tahun 2023 "
                       "tentang Petunjuk Teknis Pengelolaan Dana Bantuan Operasional Satuan Pendidikan "
                       "2. Peraturan Kepala Daerah tentang Pengelolaan Dana BOS",
        "qualifications": "1. Memahami pengelolaan keuangan sekolah 2. Mampu mengoperasikan ARKAS",
        "related_sops": "1. SOP Penyaluran Dana BOS",
        "equipment": "1. Komputer 2. Jaringan internet 3. Printer",
        "warning": "Apabila SOP tidak dilaksanakan, penyaluran dana tahap berikutnya tertunda",
        "records": "Disimpan dalam arsip Tim BOS dan aplikasi ARKAS"},
    "perpustakaan": {
        "legal_basis": "1. Undang-Undang Nomor 43 Tahun 2007 tentang Perpustakaan 2. Peraturan Daerah tentang "
                       "Penyelenggaraan Perpustakaan",
        "qualifications": "1. Memahami layanan perpustakaan 2. Mampu mengoperasikan aplikasi INLISLite",
        "related_sops": "1. SOP Layanan Sirkulasi",
        "equipment": "1. Komputer 2. Kamera web 3. Printer kartu",
        "warning": "Apabila SOP tidak dilaksanakan, pemustaka tidak dapat meminjam koleksi",
        "records": "Dicatat dalam database keanggotaan"},
    "non_asn": {
        "legal_basis": "1. Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara 2. Peraturan Bupati "
                       "tentang Pengelolaan Tenaga Non Aparatur Sipil Negara",
        "qualifications": "1. Memahami manajemen kepegawaian 2. Mampu menyelenggarakan seleksi",
        "related_sops": "1. SOP Penyusunan Analisis Kebutuhan Pegawai",
        "equipment": "1. Komputer 2. Printer 3. Ruang ujian",
        "warning": "Apabila SOP tidak dilaksanakan, pengadaan tenaga tidak sesuai kebutuhan",
        "records": "Disimpan dalam arsip kepegawaian"},
}
LABELS = {"legal_basis": "Dasar Hukum", "qualifications": "Kualifikasi Pelaksana", "related_sops": "Keterkaitan",
          "equipment": "Peralatan/Perlengkapan", "warning": "Peringatan", "records": "Pencatatan dan Pendataan"}

# A step: (phase, activity, actor index or None, requirements, Waktu as printed, output).
# Findings name the step by its place in the list (seq); the gold gives its printed number.
SOPS = [
    # --- fishing licence for small boats (Surat Izin Penangkapan Ikan) ---
    {"name": "k01", "family": "sipi", "format": "txt",
     "agency": ("DINAS KELAUTAN DAN PERIKANAN", "PROVINSI SULAWESI TENGGARA"),
     "number": "523/087/DKP-ST/2025", "title": "SOP Penerbitan Surat Izin Penangkapan Ikan (SIPI)",
     "made": (2025, 1, 20), "effective": (2025, 2, 10),
     "signer": ("Ir. LA ODE MUSTARI, M.Si", "19700812 199703 1 004"),
     "actors": ["Kepala Dinas", "Kabid Perikanan Tangkap", "Kasi Perizinan", "Petugas Pemeriksa Fisik Kapal",
                "Pemohon"],
     "steps": [
         ("APPLY", "Pemohon mengajukan permohonan SIPI melalui aplikasi perizinan dengan melampirkan dokumen kapal",
          4, "KTP, grosse akta kapal, tanda daftar kapal", "1 hari", "Permohonan"),
         ("CHECK_DOCS", "Kasi Perizinan memeriksa kelengkapan dan keabsahan dokumen permohonan", 2, "Permohonan",
          "1 hari", "Dokumen lengkap"),
         ("VESSEL_CHECK", "Petugas pemeriksa memeriksa fisik kapal dan alat penangkapan ikan di pelabuhan pangkalan",
          3, "Dokumen lengkap", "3 hari", "Berita acara cek fisik"),
         ("CALC_FEE", "Kabid Perikanan Tangkap menghitung retribusi perizinan usaha perikanan", 1,
          "Berita acara cek fisik", "1 hari", "Surat perintah bayar"),
         ("PAY", "Pemohon menyetor retribusi ke rekening kas daerah", 4, "Surat perintah bayar", "7 hari",
          "Bukti setor"),
         ("DRAFT", "Kasi Perizinan menyiapkan konsep SIPI", 2, "Bukti setor", "2 jam", "Konsep SIPI"),
         ("SIGN", "Kepala Dinas menandatangani SIPI", 0, "Konsep SIPI", "1 hari", "SIPI"),
         ("DELIVER", "Kasi Perizinan menyerahkan SIPI kepada pemohon", 2, "SIPI", "30 menit", "Tanda terima"),
     ], "findings": []},
    {"name": "k02", "family": "sipi", "format": "docx",
     "agency": ("DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU", "PROVINSI MALUKU UTARA"),
     "number": "503/     /DPMPTSP-MU/2025", "title": "SOP Pelayanan Perizinan Kapal Perikanan di Bawah 30 GT",
     "made": (2025, 2, 3), "effective": (2025, 2, 24),
     "signer": ("SAMSUDIN A. KADIR, S.E., M.M.", "19720306 199803 1 007"),
     "actors": ["Kepala Dinas", "Kabid Pelayanan Perizinan", "Tim Teknis DKP", "Front Office", "Pemohon"],
     "steps": [
         ("APPLY", "Penerimaan berkas permohonan SIPI dan pengecekan kelengkapannya di loket", 3,
          "KTP, grosse akta, surat ukur kapal", "1 jam", "Berkas lengkap"),
         ("VESSEL_CHECK", "Cek fisik kapal oleh Tim Teknis DKP bersama syahbandar perikanan", 2, "Berkas lengkap",
          "2 hari", "Berita acara pemeriksaan fisik"),
         ("RECOMMEND", "Penerbitan rekomendasi teknis oleh Tim Teknis DKP", 2, "Berita acara pemeriksaan fisik",
          "1 hari", "Rekomendasi teknis"),
         ("CALC_FEE", "Perhitungan retribusi dan penerbitan SKRD oleh Kabid Pelayanan Perizinan", 1,
          "Rekomendasi teknis", "1 hari", "SKRD"),
         ("PAY", "Pembayaran retribusi oleh pemohon melalui bank", 4, "SKRD", "5 hari", "Bukti bayar"),
         ("SIGN", "Penerbitan dan penandatanganan SIPI oleh Kepala Dinas", 0, "Bukti bayar", "1 hari", "SIPI"),
         ("DELIVER", "Penyerahan SIPI kepada pemohon", 3, "SIPI", "15 menit", ""),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}, {"rule": "OUTPUT_MISSING", "seq": 7}]},
    {"name": "k03", "family": "sipi", "format": "txt",
     "agency": ("DINAS KELAUTAN DAN PERIKANAN", "PROVINSI NUSA TENGGARA TIMUR"),
     "number": "500.5/114/DKP/2025", "title": "SOP Perizinan Berusaha Subsektor Penangkapan",
     "made": (2025, 3, 4), "effective": (2025, 3, 24), "mark": "V",
     "signer": ("GANEF WURGIANTO, S.Pi., M.Si", "19740918 200003 1 005"),
     "actors": ["Kadis", "Kabid Tangkap", "Pengawas Perikanan", "Staf Perizinan", "Nelayan/Pemilik Kapal"],
     "steps": [
         ("APPLY", "Menerima permohonan ijin dari pemilik kapal", 3, "Surat permohonan, KTP, dokumen kapal",
          "30 menit", "Permohonan diterima"),
         ("CHECK_DOCS", "Meneliti berkas dan mencocokkan data kapal dengan buku kapal perikanan", 3,
          "Permohonan diterima", "2 jam", "Berkas sesuai"),
         ("VESSEL_CHECK", "Mengecek fisik kapal, mesin dan alat tangkap di lokasi sandar", 2, "Berkas sesuai",
          "5 hari", "BA cek fisik"),
         ("DRAFT", "Membuat konsep ijin dan menyampaikannya ke Kabid Tangkap", 3, "BA cek fisik", "1 jam",
          "Konsep ijin"),
         ("REVIEW", "Memaraf konsep ijin", 1, "Konsep ijin", "1 jam", "Konsep terparaf"),
         ("SIGN", "Meneken ijin", 0, "Konsep terparaf", "1 hari", "SIPI"),
         ("DELIVER", "Menyerahkan ijin kepada nelayan dan mencatatnya dalam register", 3, "SIPI", "30 menit",
          "Register ijin"),
     ], "findings": []},
    {"name": "k04", "family": "sipi", "format": "txt",
     "agency": ("DINAS KELAUTAN DAN PERIKANAN", "PROVINSI GORONTALO"),
     "number": "523/039/DKP-GTLO/2025", "title": "SOP Pengurusan Ijin Melaut Kapal Motor",
     "made": (2025, 4, 8), "effective": (2025, 4, 28),
     "signer": ("Dr. SYLVIA R. MOHAMAD, S.Pi., M.Si", "19780224 200212 2 003"),
     "actors": ["Kepala Dinas", "Sekretaris Dinas", "Kabid Perikanan Tangkap", "Petugas Loket", "Pemohon"],
     "steps": [
         ("APPLY", "Permohonan didaftarkan pemohon pada loket pelayanan", 4, "KTP, NPWP, pas kapal, foto kapal",
          "30 menit", "Nomor registrasi"),
         ("CHECK_DOCS", "Berkas diperiksa petugas loket", 3, "Nomor registrasi", "1 jam", "Berkas lengkap"),
         ("VESSEL_CHECK", "Kapal dan alat tangkap diperiksa tim Bidang Perikanan Tangkap di pelabuhan", 2,
          "Berkas lengkap", "2 hari", "Hasil pemeriksaan fisik"),
         ("CALC_FEE", "Retribusi dihitung Kabid Perikanan Tangkap", 2, "Hasil pemeriksaan fisik", "1 jam", "SKRD"),
         ("PAY", "Retribusi dibayar pemohon melalui bank", 4, "SKRD", "3 hari", "Bukti bayar"),
         ("DRAFT", "Konsep SIPI dibuat dan diparaf Kabid", 2, "Bukti bayar", "2 jam", "Konsep SIPI"),
         ("REVIEW", "Konsep SIPI diteliti Sekretaris Dinas", 1, "Konsep SIPI", "1 jam", "Konsep diteliti"),
         ("SIGN", "SIPI ditandatangani Kepala Dinas", 0, "Konsep diteliti", "1 hari", "SIPI"),
         ("DELIVER", "SIPI diserahkan kepada pemohon", 3, "SIPI", "15 menit", "Tanda terima"),
         ("ARCHIVE", "Salinan SIPI diarsipkan", 3, "Salinan SIPI", "10 menit", "Arsip"),
     ], "findings": []},
    # --- renting a market stall ---
    {"name": "s01", "family": "sewa_pasar", "format": "txt",
     "agency": ("DINAS PERDAGANGAN", "KOTA BANJARMASIN"),
     "number": "511.2/046/DISDAG/2025", "title": "SOP Sewa Kios dan Los Pasar",
     "made": (2025, 1, 15), "effective": (2025, 2, 3),
     "signer": ("Drs. H. ICHROM MUFTEZAR, M.Si", "19690521 199403 1 006"),
     "actors": ["Kepala Dinas", "Kabid Pengelolaan Pasar", "Kepala UPTD Pasar", "Petugas Pasar", "Pedagang"],
     "steps": [
         ("APPLY", "Pedagang mengajukan permohonan sewa kios kepada Kepala UPTD Pasar", 4,
          "KTP, pas foto, surat permohonan", "1 hari", "Surat permohonan"),
         ("CHECK_DOCS", "Petugas pasar memeriksa kelengkapan berkas permohonan", 3, "Surat permohonan", "1 jam",
          "Berkas lengkap"),
         ("CHECK_STALL", "Petugas pasar mengecek ketersediaan kios sesuai denah pasar", 3, "Berkas lengkap",
          "1 hari", "Data kios kosong"),
         ("RECOMMEND", "Kepala UPTD Pasar membuat rekomendasi penempatan pedagang", 2, "Data kios kosong", "1 hari",
          "Rekomendasi penempatan"),
         ("CONTRACT", "Kabid Pengelolaan Pasar menyiapkan perjanjian sewa", 1, "Rekomendasi penempatan", "2 hari",
          "Draf perjanjian"),
         ("SIGN", "Kepala Dinas dan pedagang menandatangani perjanjian sewa", 0, "Draf perjanjian", "1 hari",
          "Perjanjian sewa"),
         ("PAY", "Pedagang membayar uang sewa dan retribusi", 4, "Perjanjian sewa", "7 hari", "Bukti bayar"),
         ("HANDOVER", "Kepala UPTD Pasar menyerahkan kunci kios kepada pedagang", 2, "Bukti bayar", "30 menit",
          "Berita acara serah terima"),
     ], "findings": []},
    {"name": "s02", "family": "sewa_pasar", "format": "txt",
     "agency": ("DINAS KOPERASI, UKM DAN PERDAGANGAN", "KOTA PADANG PANJANG"),
     "number": "510/072/DKUKMP/2025", "title": "SOP Pemakaian Tempat Berjualan", "unit": "MENIT",
     "made": (2025, 3, 12), "effective": (2025, 2, 24),
     "signer": ("AFRIZAL, S.E., M.M.", "19710704 199803 1 002"),
     "actors": ["Kadis", "Kasi Pengelolaan Pasar", "Juru Pungut", "Pedagang"],
     "steps": [
         ("APPLY", "Pedagang mendaftar di kantor pasar", 3, "KTP, pas foto", "15", "Formulir pendaftaran"),
         ("CHECK_DOCS", "Formulir dan KTP diperiksa Kasi Pengelolaan Pasar", 1, "Formulir pendaftaran", "20",
          "Berkas sesuai"),
         ("CHECK_STALL", "Petak kosong ditunjukkan kepada pedagang", 1, "Berkas sesuai", "30", "Petak ditentukan"),
         ("PAY", "Uang sewa dibayar pedagang kepada juru pungut", 2, "Petak ditentukan", "15", "Karcis sewa"),
         ("SIGN", "Surat izin pemakaian tempat diteken Kadis", 0, "Karcis sewa", "60", "Surat izin pemakaian"),
         ("CARD", "Kartu tanda pedagang dicetak Kasi Pengelolaan Pasar", 1, "Surat izin pemakaian", "2880",
          "Kartu pedagang"),
         ("HANDOVER", "Kartu dan surat izin diserahkan kepada pedagang", 1, "Kartu pedagang", "10",
          "Tanda terima"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "seq": 6}, {"rule": "DATE_ORDER", "field": "effective_date"}]},
    {"name": "s03", "family": "sewa_pasar", "format": "docx",
     "agency": ("DINAS PERINDUSTRIAN DAN PERDAGANGAN", "KABUPATEN TAPIN"),
     "number": "510/118/DISPERINDAG/2025", "title": "SOP Penerbitan Kartu Izin Menempati Kios", "skip_number": 4,
     "made": (2025, 2, 17), "effective": (2025, 3, 10), "mark": "V",
     "signer": ("H. MUHAMMAD NOOR, S.Sos., M.AP", "19700930 199303 1 008"),
     "actors": ["Kepala Dinas", "Kabid Perdagangan", "Kepala Pasar", "Pedagang"],
     "steps": [
         ("APPLY", "Pedagang menyampaikan surat permohonan menempati kios", 3, "Surat permohonan, KTP", "1 hari",
          "Permohonan"),
         ("CHECK_DOCS", "Kepala Pasar meneliti berkas sekaligus mengecek kios yang dimohon", 2, "Permohonan",
          "1 hari", "Hasil penelitian"),
         ("RECOMMEND", "Kepala Pasar mengusulkan penempatan pedagang kepada Kabid Perdagangan", 2,
          "Hasil penelitian", "1 hari", "Usulan penempatan"),
         ("CONTRACT", "Kabid Perdagangan mengonsep kartu izin menempati kios", 1, "Usulan penempatan", "1 hari",
          "Konsep KIMK"),
         ("SIGN", "Kepala Dinas menandatangani KIMK", 0, "Konsep KIMK", "1 hari", "KIMK"),
         ("PAY", "Pembayaran retribusi kios tahun pertama", None, "KIMK", "3 hari", "STS"),
         ("HANDOVER", "Kepala Pasar menyerahkan KIMK dan kunci kios", 2, "STS", "30 menit",
          "Berita acara serah terima"),
         ("RECORD", "Kepala Pasar mencatat pedagang dalam buku induk", 2, "Berita acara serah terima", "15 menit",
          "Buku induk"),
     ], "findings": [{"rule": "STEP_NUMBER_GAP", "step_no": 4}, {"rule": "ACTOR_MISSING", "seq": 6}]},
    {"name": "s04", "family": "sewa_pasar", "format": "txt",
     "agency": ("DINAS PERDAGANGAN", "KOTA SAMARINDA"),
     "number": "511/203/DISDAG-SMD/2025", "title": "SOP Perjanjian Penggunaan Lapak Pedagang",
     "made": (2025, 4, 2), "effective": (2025, 4, 21), "mark": "√",
     "signer": ("MARNABAS PATIROY, S.E., M.Si", "19730415 200003 1 006"),
     "actors": ["Kepala Dinas", "Kabid Sarana Distribusi", "Kepala UPTD", "Staf UPTD", "Calon Penyewa"],
     "steps": [
         ("APPLY", "Menerima dan mencatat permohonan penggunaan lapak", 3, "Surat permohonan, KTP, NPWP",
          "30 menit", "Register permohonan"),
         ("CHECK_DOCS", "Memeriksa kelengkapan persyaratan", 3, "Register permohonan", "1 jam",
          "Persyaratan lengkap"),
         ("CHECK_STALL", "Memeriksa lapak yang kosong di los pasar bersama calon penyewa", 2, "Persyaratan lengkap",
          "1 hari", "BA peninjauan lapak"),
         ("RECOMMEND", "Membahas penetapan penyewa dalam rapat UPTD apabila peminat lebih dari satu", 2,
          "BA peninjauan lapak", "7 hari", "Notulen penetapan"),
         ("CONTRACT", "Menyusun naskah perjanjian penggunaan lapak", 1, "Notulen penetapan", "1 hari",
          "Naskah perjanjian"),
         ("SIGN", "Menandatangani perjanjian bersama calon penyewa", 0, "Naskah perjanjian", "1 hari",
          "Perjanjian"),
         ("PAY", "Melunasi sewa lapak paling lambat 14 hari sejak perjanjian", 4, "Perjanjian", "14 hari",
          "Bukti lunas"),
         ("HANDOVER", "Menyerahkan lapak kepada penyewa", 3, "Bukti lunas", "1 jam", "BA serah terima"),
     ], "findings": []},
    # --- registering a tourism business (Tanda Daftar Usaha Pariwisata) ---
    {"name": "t01", "family": "tdup", "format": "docx",
     "agency": ("DINAS PARIWISATA", "KABUPATEN SLEMAN"),
     "number": "556/0215/DISPAR/2025", "title": "SOP Pendaftaran Usaha Pariwisata",
     "made": (2025, 1, 22), "effective": (2025, 2, 12),
     "signer": ("Drs. ISHADI ZAYID, M.M.", "19680402 199303 1 009"),
     "actors": ["Kepala Dinas", "Kabid Industri Pariwisata", "Analis Usaha Pariwisata", "Pelaku Usaha"],
     "steps": [
         ("APPLY", "Pelaku usaha mendaftarkan usaha melalui OSS dan menyampaikan dokumen pendukung", 3,
          "NIB, KTP, dokumen lingkungan", "1 hari", "Permohonan TDUP"),
         ("CHECK_DOCS", "Analis memeriksa kebenaran dan kelengkapan dokumen", 2, "Permohonan TDUP", "1 jam",
          "Dokumen terverifikasi"),
         ("SITE_VISIT", "Analis memeriksa lokasi dan sarana usaha", 2, "Dokumen terverifikasi", "3 hari",
          "Berita acara kunjungan"),
         ("RECOMMEND", "Kabid Industri Pariwisata menilai hasil kunjungan dan memberikan pertimbangan", 1,
          "Berita acara kunjungan", "1 hari", "Telaahan"),
         ("SIGN", "Kepala Dinas mengesahkan TDUP", 0, "Telaahan", "1 hari", "TDUP"),
         ("DELIVER", "Analis menyampaikan TDUP kepada pelaku usaha melalui surel", 2, "TDUP", "30 menit",
          "Bukti kirim"),
         ("RECORD", "Analis memasukkan data usaha ke dalam daftar usaha pariwisata", 2, "TDUP", "30 menit",
          "Daftar usaha pariwisata"),
     ], "findings": []},
    {"name": "t02", "family": "tdup", "format": "txt",
     "agency": ("DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU", "KABUPATEN SAMOSIR"),
     "number": "503/061/DPMPTSP/2025", "title": "SOP Penerbitan TDUP", "blank": ["equipment"],
     "made": (2025, 2, 19), "effective": (2025, 3, 10),
     "signer": ("ROSITA SIMBOLON, S.H., M.H.", "19760811 200212 2 004"),
     "actors": ["Kepala Dinas", "Kabid Pelayanan Perizinan", "Tim Teknis Dinas Pariwisata", "Petugas Front Office",
                "Pemohon"],
     "steps": [
         ("APPLY", "Permohonan TDUP diajukan pemohon", 4, "NIB, KTP, akta pendirian", "30 menit", "Permohonan"),
         ("CHECK_DOCS", "Berkas permohonan diverifikasi petugas front office", 3, "Permohonan", "6 hari",
          "Berkas lengkap"),
         ("SITE_VISIT", "Lokasi usaha ditinjau tim teknis Dinas Pariwisata", 2, "Berkas lengkap", "2 hari",
          "BA peninjauan"),
         ("RECOMMEND", "Rekomendasi teknis diterbitkan tim teknis", 2, "BA peninjauan", "1 hari",
          "Rekomendasi teknis"),
         ("DRAFT", "Draf TDUP disiapkan Kabid Pelayanan Perizinan", 1, "Rekomendasi teknis", "2 jam", "Draf TDUP"),
         ("SIGN", "TDUP ditandatangani Kepala Dinas secara elektronik", 0, "Draf TDUP", "1 hari", "TDUP"),
         ("DELIVER", "TDUP diserahkan kepada pemohon", 3, "TDUP", "15 menit", "Tanda terima"),
     ], "findings": [{"rule": "DURATION_OUTLIER", "seq": 2},
                     {"rule": "IDENTITY_FIELD_MISSING", "field": "equipment"}]},
    {"name": "t03", "family": "tdup", "format": "txt",
     "agency": ("DINAS KEBUDAYAAN DAN PARIWISATA", "KABUPATEN TORAJA UTARA"),
     "number": "556/094/DISBUDPAR/2025", "title": "SOP Pelayanan Rekomendasi dan Pencatatan Bidang Kepariwisataan",
     "made": (2025, 3, 18), "effective": (2025, 4, 7),
     "signer": ("YOHANIS LANGI, S.Sos., M.Si", "19720619 199903 1 005"),
     "actors": ["Kadisbudpar", "Kabid Pemasaran dan Usaha", "Kasi Usaha Pariwisata", "Pemilik Usaha"],
     "steps": [
         ("APPLY", "Pemilik usaha memasukkan surat permohonan pencatatan usaha", 3, "Surat permohonan, NIB, foto",
          "1 hari", "Surat permohonan"),
         ("CHECK_DOCS", "Kasi Usaha Pariwisata mengecek isian dan lampiran permohonan", 2, "Surat permohonan",
          "1 jam", "Permohonan lengkap"),
         ("SITE_VISIT", "Kasi Usaha Pariwisata mengecek langsung homestay atau rumah makan yang didaftarkan", 2,
          "Permohonan lengkap", "", "Laporan kunjungan"),
         ("RECOMMEND", "Kabid Pemasaran dan Usaha membuat nota pertimbangan", 1, "Laporan kunjungan", "1 hari",
          "Nota pertimbangan"),
         ("SIGN", "Kadisbudpar meneken tanda daftar", 0, "Nota pertimbangan", "1 hari", "Tanda daftar usaha"),
         ("DELIVER", "Kasi Usaha Pariwisata menyerahkan tanda daftar kepada pemilik usaha", 2, "Tanda daftar usaha",
          "15 menit", "Tanda terima"),
     ], "findings": [{"rule": "DURATION_MISSING", "seq": 3}]},
    {"name": "t04", "family": "tdup", "format": "txt",
     "agency": ("DINAS PARIWISATA", "KOTA BUKITTINGGI"),
     "number": "556/138/DISPAR-BKT/2025", "title": "SOP Layanan Legalitas Bisnis Wisata",
     "made": (2025, 4, 14), "effective": (2025, 5, 5),
     "signer": ("Dra. DEWI ANDRIANI, M.Si", "19710227 199703 2 003"),
     "actors": ["Kepala Dinas", "Sekretaris", "Kabid Destinasi dan Industri", "Tim Verifikasi", "Pemohon"],
     "steps": [
         ("APPLY", "Pendaftaran usaha melalui OSS oleh pemohon", 4, "NIB, KTP", "1 hari", "Bukti pendaftaran"),
         ("CHECK_DOCS", "Pemeriksaan dokumen pendaftaran", 3, "Bukti pendaftaran", "2 jam", "Dokumen sesuai"),
         ("SITE_VISIT", "Verifikasi lapangan ke lokasi usaha sesuai jadwal tim", 3, "Dokumen sesuai", "10 hari",
          "Berita acara verifikasi"),
         ("RECOMMEND", "Penyusunan telaah staf atas hasil verifikasi", 2, "Berita acara verifikasi", "1 hari",
          "Telaah staf"),
         ("REVIEW", "Paraf koordinasi Sekretaris", 1, "Telaah staf", "1 jam", "Konsep diparaf"),
         ("SIGN", "Pengesahan TDUP oleh Kepala Dinas", 0, "Konsep diparaf", "1 hari", "TDUP"),
         ("DELIVER", "Pengiriman TDUP ke akun OSS pemohon", 2, "TDUP", "30 menit", "TDUP terkirim"),
     ], "findings": []},
    # --- schools' reports on the BOS operational fund ---
    {"name": "d01", "family": "bos", "format": "txt",
     "agency": ("DINAS PENDIDIKAN", "KABUPATEN SERANG"),
     "number": "420/311/DISDIK/2025", "title": "SOP Pelaporan Penggunaan Dana BOS",
     "made": (2025, 1, 8), "effective": (2025, 1, 27),
     "signer": ("Drs. ASEP NUGRAHA JAYA, M.Pd", "19690714 199303 1 010"),
     "actors": ["Kepala Dinas", "Sekretaris Dinas", "Tim BOS Kabupaten", "Kepala Sekolah", "Bendahara BOS Sekolah"],
     "steps": [
         ("COMPILE", "Bendahara BOS sekolah menyusun laporan realisasi penggunaan dana melalui ARKAS", 4,
          "BKU, bukti belanja", "14 hari", "Laporan realisasi"),
         ("SUBMIT", "Kepala sekolah mengesahkan dan menyampaikan laporan realisasi ke Tim BOS Kabupaten", 3,
          "Laporan realisasi", "1 hari", "Laporan sah"),
         ("CHECK", "Tim BOS Kabupaten memeriksa kesesuaian laporan dengan bukti belanja", 2, "Laporan sah",
          "5 hari", "Hasil verifikasi"),
         ("REVISE", "Bendahara BOS sekolah memperbaiki laporan sesuai catatan verifikasi", 4, "Hasil verifikasi",
          "7 hari", "Laporan perbaikan"),
         ("RECAP", "Tim BOS Kabupaten merekapitulasi laporan seluruh sekolah", 2, "Laporan perbaikan", "3 hari",
          "Rekapitulasi laporan"),
         ("REVIEW", "Sekretaris Dinas meneliti rekapitulasi laporan", 1, "Rekapitulasi laporan", "1 hari",
          "Rekapitulasi diteliti"),
         ("SIGN", "Kepala Dinas menandatangani surat pengantar laporan", 0, "Rekapitulasi diteliti", "1 hari",
          "Surat pengantar"),
         ("SEND", "Tim BOS Kabupaten mengirim laporan ke kementerian melalui aplikasi BOS Salur", 2,
          "Surat pengantar", "1 hari", "Bukti unggah"),
     ], "findings": []},
    {"name": "d02", "family": "bos", "format": "docx",
     "agency": ("DINAS PENDIDIKAN DAN KEBUDAYAAN", "KOTA PALANGKA RAYA"),
     "number": "421/0127/DISDIKBUD/2025", "title": "SOP Verifikasi Laporan Pertanggungjawaban BOSP",
     "skip_number": 5, "made": (2025, 2, 5), "effective": (2025, 2, 26),
     "signer": ("JAYANI, S.Pd., M.Pd", "19730809 199802 2 002"),
     "actors": ["Kepala Dinas", "Kabid Pembinaan SD", "Tim Manajemen BOSP", "Operator Sekolah"],
     "steps": [
         ("SUBMIT", "Mengunggah laporan pertanggungjawaban semester ke aplikasi ARKAS", 3, "LPJ, BKU", "1 hari",
          "LPJ terunggah"),
         ("CHECK", "Memverifikasi LPJ dan kesesuaian SPJ dengan RKAS", 2, "LPJ terunggah", "7 hari",
          "Catatan verifikasi"),
         ("REVISE", "Melengkapi kekurangan SPJ sesuai catatan verifikasi", 3, "Catatan verifikasi", "5 hari",
          "SPJ lengkap"),
         ("MINUTES", "Menyusun berita acara hasil verifikasi", 2, "SPJ lengkap", "1 hari",
          "Berita acara verifikasi"),
         ("COPY", "Menggandakan berita acara verifikasi untuk sekolah", 2, "Berita acara verifikasi", "12 hari",
          "Salinan berita acara"),
         ("SIGN", "Menandatangani berita acara dan rekapitulasi hasil verifikasi", 0, "Salinan berita acara",
          "1 hari", "Rekapitulasi ditandatangani"),
         ("SEND", "Melaporkan rekapitulasi ke kementerian", 1, "Rekapitulasi ditandatangani", "1 hari",
          "Laporan terkirim"),
     ], "findings": [{"rule": "STEP_NUMBER_GAP", "step_no": 5}, {"rule": "DURATION_IMPLAUSIBLE", "seq": 5}]},
    {"name": "d03", "family": "bos", "format": "txt",
     "agency": ("DINAS PENDIDIKAN", "KABUPATEN OGAN KOMERING ILIR"),
     "number": "900/215/DISDIK-OKI/2025", "title": "SOP Monev dan Rekap SPJ Sekolah",
     "made": (2025, 5, 6), "effective_label": "Tanggal Pengesahan", "effective": (2025, 4, 21),
     "signer": ("H. ABDUL KODIR, S.Pd., M.M.", "19700301 199512 1 003"),
     "actors": ["Kadisdik", "Kabid Dikdas", "Kasubbag Keuangan", "Tim BOS Kab", "Sekolah"],
     "steps": [
         ("SUBMIT", "Penyampaian SPJ BOS tahap I dan II oleh sekolah", 4, "SPJ, BKU, foto kegiatan", "3 hari",
          "SPJ sekolah"),
         ("CHECK", "Pemeriksaan SPJ oleh Tim BOS Kab", 3, "SPJ sekolah", "7 hari", "Hasil pemeriksaan"),
         ("MONITOR", "Monev ke sekolah sampel", 3, "Hasil pemeriksaan", "5 hari", "Laporan monev"),
         ("REVISE", "SPJ diperbaiki sekolah bila ada temuan", 4, "Laporan monev", "7 hari", "SPJ perbaikan"),
         ("RECAP", "Rekap SPJ seluruh sekolah", None, "SPJ perbaikan", "2 hari", "Rekap SPJ"),
         ("REVIEW", "Rekap diteliti Kasubbag Keuangan", 2, "Rekap SPJ", "1 hari", "Rekap diteliti"),
         ("SIGN", "Laporan diteken Kadisdik", 0, "Rekap diteliti", "1 hari", "Laporan BOS kabupaten"),
         ("SEND", "Laporan dikirim ke kementerian dan Inspektorat", 3, "Laporan BOS kabupaten", "1 hari",
          "Bukti kirim"),
         ("ARCHIVE", "SPJ dan laporan diarsipkan Kabid Dikdas", 1, "Laporan BOS kabupaten", "1 jam", "Arsip"),
     ], "findings": [{"rule": "ACTOR_MISSING", "seq": 5}, {"rule": "DATE_ORDER", "field": "approved_date"}]},
    {"name": "d04", "family": "bos", "format": "txt",
     "agency": ("DINAS PENDIDIKAN DAN KEBUDAYAAN", "KOTA CILEGON"),
     "number": "420/178/DINDIKBUD/2025", "title": "SOP Penyampaian Laporan Realisasi BOSP",
     "made": (2025, 3, 3), "effective": (2025, 3, 17),
     "signer": ("Dra. SITI HALIMAH, M.Pd", "19680925 199403 2 005"),
     "actors": ["Kepala Dinas", "Kabid SMP", "Tim BOSP Kota", "Kepala Sekolah"],
     "steps": [
         ("SUBMIT", "Kepala sekolah menyampaikan laporan realisasi dana BOSP per semester", 3,
          "Laporan realisasi, BKU", "1 hari", "Laporan realisasi"),
         ("CHECK", "Tim BOSP Kota memeriksa laporan realisasi enam puluh sekolah", 2, "Laporan realisasi",
          "10 hari", "Hasil pemeriksaan"),
         ("REVISE", "Kepala sekolah memperbaiki laporan yang belum sesuai", 3, "Hasil pemeriksaan", "1 minggu",
          "Laporan perbaikan"),
         ("RECAP", "Tim BOSP Kota menyusun rekapitulasi realisasi dana tingkat kota", 2, "Laporan perbaikan",
          "3 hari", "Rekapitulasi"),
         ("REVIEW", "Kabid SMP memeriksa rekapitulasi", 1, "Rekapitulasi", "1 hari", "Rekapitulasi diperiksa"),
         ("SIGN", "Kepala Dinas menandatangani laporan rekapitulasi", 0, "Rekapitulasi diperiksa", "1 hari",
          "Laporan ditandatangani"),
         ("SEND", "Tim BOSP Kota mengunggah laporan ke aplikasi BOS Salur", 2, "Laporan ditandatangani", "1 hari",
          "Laporan terunggah"),
     ], "findings": []},
    # --- library membership ---
    {"name": "l01", "family": "perpustakaan", "format": "txt",
     "agency": ("DINAS PERPUSTAKAAN DAN KEARSIPAN", "KOTA PALU"),
     "number": "041/026/DPK/2025", "title": "SOP Pendaftaran Anggota Perpustakaan",
     "made": (2025, 1, 14), "effective": (2025, 1, 31),
     "signer": ("Dra. NURHAYATI LAMARAUNA, M.Si", "19690316 199403 2 004"),
     "actors": ["Pustakawan", "Petugas Layanan Keanggotaan", "Calon Anggota"],
     "steps": [
         ("FORM", "Calon anggota mengisi formulir pendaftaran", 2, "Formulir, KTP/kartu pelajar", "5 menit",
          "Formulir terisi"),
         ("CHECK_ID", "Petugas layanan keanggotaan mencocokkan formulir dengan identitas", 1, "Formulir terisi",
          "5 menit", "Data sesuai"),
         ("PHOTO", "Petugas layanan keanggotaan memotret calon anggota", 1, "Data sesuai", "3 menit",
          "Foto anggota"),
         ("ENTRY", "Petugas layanan keanggotaan memasukkan data ke INLISLite", 1, "Foto anggota", "5 menit",
          "Data anggota"),
         ("PRINT_CARD", "Petugas layanan keanggotaan mencetak kartu anggota", 1, "Data anggota", "5 menit",
          "Kartu anggota"),
         ("DELIVER", "Petugas menyerahkan kartu anggota dan menjelaskan tata tertib", 1, "Kartu anggota",
          "5 menit", "Kartu diterima"),
         ("REPORT", "Pustakawan menyusun laporan bulanan jumlah anggota baru", 0, "Data anggota", "1 hari",
          "Laporan bulanan"),
     ], "findings": []},
    {"name": "l02", "family": "perpustakaan", "format": "txt",
     "agency": ("DINAS PERPUSTAKAAN DAN KEARSIPAN", "KABUPATEN GORONTALO"),
     "number": "045/017/DISPUSIP/2025", "title": "SOP Pembuatan Kartu Baca", "unit": "MENIT",
     "made": (2025, 2, 11), "effective": (2025, 3, 3),
     "signer": ("RAHMAT DJAFAR, S.Sos", "19750602 200501 1 009"),
     "actors": ["Kasi Layanan", "Petugas Sirkulasi", "Pemohon"],
     "steps": [
         ("FORM", "Pemohon mengambil dan mengisi formulir keanggotaan", 2, "KTP", "10", "Formulir"),
         ("CHECK_ID", "Formulir diperiksa petugas sirkulasi", 1, "Formulir", "5", "Formulir diperiksa"),
         ("ENTRY", "Data pemohon diinput dan pemohon difoto", 1, "Formulir diperiksa", "10", "Data anggota"),
         ("PRINT_CARD", "Kartu baca dicetak", 1, "Data anggota", "5", "Kartu baca"),
         ("LAMINATE", "Kartu baca dilaminating petugas sirkulasi", 1, "Kartu baca", "4500", "Kartu dilaminating"),
         ("VALIDATE", "Kartu baca diparaf Kasi Layanan", 0, "Kartu dilaminating", "5", ""),
         ("DELIVER", "Kartu baca diserahkan kepada pemohon", 1, "Kartu baca", "5", "Tanda terima"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "seq": 5}, {"rule": "OUTPUT_MISSING", "seq": 6}]},
    {"name": "l03", "family": "perpustakaan", "format": "docx",
     "agency": ("DINAS KEARSIPAN DAN PERPUSTAKAAN", "KABUPATEN JAYAPURA"),
     "number": "041/052/DKP-KJ/2025", "title": "SOP Layanan Keanggotaan Pustaka Daerah", "blank": ["related_sops"],
     "made": (2025, 3, 10), "effective": (2025, 3, 31),
     "signer": ("YOSINA M. WALLI, S.Sos., M.Si", "19740511 200012 2 003"),
     "actors": ["Kasi Layanan dan Pelestarian", "Staf Layanan", "Pemustaka"],
     "steps": [
         ("FORM", "Pengisian formulir pendaftaran anggota secara daring atau di meja layanan", 2,
          "KTP/KIA/kartu pelajar", "10 menit", "Formulir pendaftaran"),
         ("CHECK_ID", "Verifikasi data dan identitas calon anggota", 0, "Formulir pendaftaran", "2 hari",
          "Data terverifikasi"),
         ("PHOTO", "Pengambilan foto calon anggota", 1, "Data terverifikasi", "5 menit", "Foto"),
         ("ENTRY", "Penginputan data keanggotaan pada aplikasi", 1, "Foto", "10 menit", "Nomor anggota"),
         ("PRINT_CARD", "Pencetakan kartu anggota", 1, "Nomor anggota", "5 menit", "Kartu anggota"),
         ("DELIVER", "Penyerahan kartu anggota kepada pemustaka", 1, "Kartu anggota", "5 menit", "Kartu diterima"),
         ("ORIENT", "Pengenalan layanan dan tata tertib perpustakaan", 1, "Kartu diterima", "30 menit",
          "Pemustaka memahami layanan"),
     ], "findings": [{"rule": "DURATION_OUTLIER", "seq": 2},
                     {"rule": "IDENTITY_FIELD_MISSING", "field": "related_sops"}]},
    {"name": "l04", "family": "perpustakaan", "format": "txt",
     "agency": ("DINAS PERPUSTAKAAN DAN ARSIP DAERAH", "KOTA KUPANG"),
     "number": "041/088/DPAD/2025", "title": "SOP Registrasi Pemustaka", "mark": "√",
     "made": (2025, 4, 16), "effective": (2025, 5, 2),
     "signer": ("MAXI D. ADOE, S.Sos., M.Si", "19710109 199803 1 005"),
     "actors": ["Kepala Seksi Layanan", "Petugas Registrasi", "Pemustaka"],
     "steps": [
         ("FORM", "Pemustaka mengisi formulir registrasi", 2, "KTP atau kartu pelajar", "5 menit",
          "Formulir registrasi"),
         ("CHECK_ID", "Petugas registrasi memeriksa identitas pemustaka", 1, "Formulir registrasi", "5 menit",
          "Identitas sesuai"),
         ("ENTRY", "Petugas registrasi merekam data dan foto pemustaka pada aplikasi keanggotaan", 1,
          "Identitas sesuai", "10 menit", "Data keanggotaan"),
         ("PRINT_CARD", "Petugas registrasi mencetak kartu anggota", 1, "Data keanggotaan", "5 menit",
          "Kartu anggota"),
         ("DELIVER", "Petugas registrasi menyerahkan kartu anggota", 1, "Kartu anggota", "3 menit",
          "Kartu diterima"),
         ("ORIENT", "Pemustaka baru mengikuti pengenalan perpustakaan bersama petugas", 2, "Kartu diterima",
          "1 jam", "Pemustaka mengenal layanan"),
         ("REPORT", "Kepala Seksi Layanan mencetak laporan bulanan keanggotaan", 0, "Data keanggotaan", "1 jam",
          "Laporan keanggotaan"),
     ], "findings": []},
    # --- recruiting non-civil-servant staff ---
    {"name": "r01", "family": "non_asn", "format": "txt",
     "agency": ("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", "KABUPATEN KUTAI KARTANEGARA"),
     "number": "800/412/BKPSDM/2025", "title": "SOP Rekrutmen Tenaga Harian Lepas",
     "made": (2025, 1, 6), "effective": (2025, 1, 20),
     "signer": ("Dr. H. SUPRIYANTO, M.Si", "19700518 199503 1 004"),
     "actors": ["Bupati", "Kepala BKPSDM", "Panitia Seleksi", "Kabid Pengadaan", "Pelamar"],
     "steps": [
         ("PLAN", "Kabid Pengadaan menghimpun usulan kebutuhan tenaga dari perangkat daerah", 3,
          "Usulan perangkat daerah", "14 hari", "Rekap kebutuhan"),
         ("APPROVE", "Bupati menyetujui formasi kebutuhan tenaga", 0, "Rekap kebutuhan", "3 hari",
          "Persetujuan formasi"),
         ("ANNOUNCE", "Panitia seleksi mengumumkan penerimaan melalui laman resmi", 2, "Persetujuan formasi",
          "1 hari", "Pengumuman"),
         ("REGISTER", "Pelamar mendaftar dan mengunggah berkas lamaran", 4, "Pengumuman", "14 hari",
          "Berkas lamaran"),
         ("ADMIN_SELECT", "Panitia seleksi menyeleksi administrasi berkas lamaran", 2, "Berkas lamaran", "5 hari",
          "Daftar lulus administrasi"),
         ("TEST", "Panitia seleksi melaksanakan tes kompetensi dan wawancara", 2, "Daftar lulus administrasi",
          "3 hari", "Nilai tes"),
         ("RESULT", "Kepala BKPSDM menetapkan dan mengumumkan hasil akhir seleksi", 1, "Nilai tes", "2 hari",
          "Pengumuman kelulusan"),
         ("APPOINT", "Kepala BKPSDM menandatangani perjanjian kerja dengan peserta yang lulus", 1,
          "Pengumuman kelulusan", "1 hari", "Perjanjian kerja"),
     ], "findings": []},
    {"name": "r02", "family": "non_asn", "format": "docx",
     "agency": ("BADAN KEPEGAWAIAN DAERAH", "KABUPATEN HALMAHERA UTARA"),
     "number": "813/067/BKD-HALUT/2025", "title": "SOP Pengangkatan Tenaga Kontrak Daerah",
     "made": (2025, 4, 15), "effective": (2025, 4, 1),
     "signer": ("FREDDY TJANDUA, S.H., M.Si", "19730220 199903 1 006"),
     "actors": ["Bupati", "Kepala BKD", "Kasubbid Pengadaan", "Pelamar"],
     "steps": [
         ("PLAN", "Kebutuhan tenaga kontrak diinventarisasi dari OPD", 2, "Usulan OPD", "7 hari", "Data kebutuhan"),
         ("ANNOUNCE", "Pengumuman penerimaan disebarkan lewat papan pengumuman dan media sosial", 2,
          "Data kebutuhan", "1 hari", "Pengumuman"),
         ("REGISTER", "Lamaran dimasukkan pelamar ke BKD", 3, "Pengumuman", "10 hari", "Berkas lamaran"),
         ("ADMIN_SELECT", "Berkas lamaran diseleksi Kasubbid Pengadaan", 2, "Berkas lamaran", "3 hari",
          "Hasil seleksi berkas"),
         ("TEST", "Tes tertulis dan wawancara dilaksanakan Kasubbid Pengadaan bersama tim", 2,
          "Hasil seleksi berkas", "2 hari", "Nilai tes"),
         ("RESULT", "Hasil seleksi ditetapkan Kepala BKD", 1, "Nilai tes", "2 hari", "Penetapan hasil"),
         ("APPOINT", "SK pengangkatan tenaga kontrak diteken Bupati", 0, "Penetapan hasil", "-", "SK pengangkatan"),
         ("DELIVER", "SK diserahkan kepada tenaga kontrak", 2, "SK pengangkatan", "30 menit", "Tanda terima"),
     ], "findings": [{"rule": "DATE_ORDER", "field": "effective_date"}, {"rule": "DURATION_MISSING", "seq": 7}]},
    {"name": "r03", "family": "non_asn", "format": "txt",
     "agency": ("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", "KABUPATEN KOTAWARINGIN TIMUR"),
     "number": "814/____/BKPSDM/2025", "title": "SOP Seleksi Pegawai Non ASN",
     "made": (2025, 2, 25), "effective": (2025, 3, 14),
     "signer": ("Drs. WIDIYANTO, M.AP", "19690907 199003 1 011"),
     "actors": ["Kepala BKPSDM", "Kabid Pengadaan dan Informasi", "Panitia Seleksi", "Peserta"],
     "steps": [
         ("ANNOUNCE", "Kabid Pengadaan dan Informasi mengumumkan formasi Non ASN yang dibutuhkan", 1, "Formasi",
          "1 hari", "Pengumuman"),
         ("REGISTER", "Peserta mendaftar secara daring", 3, "KTP, ijazah, pas foto", "7 hari", "Data pendaftar"),
         ("ADMIN_SELECT", "Panitia seleksi memverifikasi berkas pendaftar", 2, "Data pendaftar", "3 hari",
          "Peserta lolos administrasi"),
         ("CARDS", "Panitia seleksi mencetak kartu peserta dan daftar hadir ujian", 2, "Peserta lolos administrasi",
          "20 hari", "Kartu peserta"),
         ("TEST", "Panitia seleksi menyelenggarakan ujian CAT dan wawancara", 2, "Kartu peserta", "2 hari",
          "Hasil ujian"),
         ("RESULT", "Kepala BKPSDM mengumumkan peserta yang lulus", 0, "Hasil ujian", "1 hari",
          "Pengumuman kelulusan"),
         ("APPOINT", "Kepala BKPSDM dan peserta yang lulus menandatangani kontrak kerja", 0, "Pengumuman kelulusan",
          "3 hari", "Kontrak kerja"),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}, {"rule": "DURATION_IMPLAUSIBLE", "seq": 4}]},
]

HEADINGS = {"txt": ("NO.", "KEGIATAN", "KELENGKAPAN", "OUTPUT", "KET."),
            "docx": ("NO", "URAIAN KEGIATAN", "PERSYARATAN/KELENGKAPAN", "OUTPUT", "KETERANGAN")}


def date_text(date: tuple[int, int, int]) -> str:
    year, month, day = date
    return f"{day:02d} {MONTHS[month - 1]} {year}"


def iso(date: tuple[int, int, int]) -> str:
    return "{:04d}-{:02d}-{:02d}".format(*date)


def step_numbers(sop: dict) -> list[int]:
    """The printed step numbers: 1, 2, ... with `skip_number` left out if given."""
    skip = sop.get("skip_number")
    numbers, n = [], 1
    for _ in sop["steps"]:
        if n == skip:
            n += 1
        numbers.append(n)
        n += 1
    return numbers


def sop_text(sop: dict) -> str:
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
             for field, value in LISTS[sop["family"]].items()}
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


def write(sops: list[dict], folder: Path) -> None:
    """Each SOP as .txt or .docx in folder/docs and its gold in folder/gold (both emptied first)."""
    for sub in ("docs", "gold"):
        shutil.rmtree(folder / sub, ignore_errors=True)
        (folder / sub).mkdir(parents=True)
    for sop in sops:
        file = f"{sop['name']}.{sop['format']}"
        text = sop_text(sop)
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
    write(SOPS, FOLDER)
