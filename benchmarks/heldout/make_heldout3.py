"""Writes a third held-out set (benchmarks/heldout3/: docs/ and gold/), written before the
peer bands and the broader verb lexicon it measures were built, and never tuned on: only its
totals are looked at, before and after.

    .venv/bin/python benchmarks/heldout/make_heldout3.py
    .venv/bin/sop-pipeline run benchmarks/heldout3/docs --out /tmp/heldout3
    .venv/bin/python ../shared/tools/score.py --gold benchmarks/heldout3/gold --run /tmp/heldout3

Six procedures none of the dev corpus, heldout or heldout2 has (public information requests,
promotion of civil servants, research permits, guest reception, vehicle maintenance,
procurement of office supplies), by agencies of other provinces; twenty SOPs, four agencies
for three procedures so that every phase has peers. Every step worded anew: verb, passive,
nominal and actor-first orders. Gold phases are phase ids shared within a procedure; gold
findings are the defects written in: work timed an order of magnitude from the peer agencies'
in a unit next to theirs (DURATION_OUTLIER: hours where they take minutes), work timed in days
that every peer does in minutes or beyond what its kind ever takes (DURATION_IMPLAUSIBLE:
telling an applicant an answer in twenty days, past the ten working days plus seven the law on
public information allows), a bare number far too large, SOP numbers with placeholder parts, a missing Output, a numbering gap. Clean
SOPs include long but legitimate times (ten working days to answer an information request,
thirty days for a decision by another agency, a week for a supplier to deliver).
"""
from __future__ import annotations

from pathlib import Path

from make_heldout import write

FOLDER = Path(__file__).resolve().parent.parent / "heldout3"

# (phase, activity, actor index, requirements, duration, output)
SOPS = [
    # --- public information requests (PPID) ---
    {"name": "m01", "family": "permohonan_informasi", "agency": "DINAS KOMUNIKASI DAN INFORMATIKA\tKABUPATEN KUPANG",
     "number": "555/071/DISKOMINFO/2025", "title": "SOP Pelayanan Permohonan Informasi Publik", "unit": None,
     "actors": ["PPID Utama", "PPID Pembantu", "Petugas Meja Layanan", "Pemohon Informasi"],
     "steps": [
         ("APPLY", "Pemohon mengisi formulir permohonan informasi publik", 3, "KTP, formulir", "10 menit", "Formulir permohonan"),
         ("REGISTER", "Petugas mencatat permohonan dalam buku register permohonan informasi", 2, "Formulir permohonan", "10 menit", "Register permohonan"),
         ("FORWARD", "Petugas meneruskan permohonan kepada PPID Pembantu pemilik informasi", 2, "Register permohonan", "1 jam", "Nota dinas"),
         ("PREPARE", "PPID Pembantu menghimpun informasi yang dimohon", 1, "Nota dinas", "5 hari", "Bahan informasi"),
         ("DECIDE", "PPID Utama memutuskan informasi dapat diberikan atau dikecualikan", 0, "Bahan informasi", "1 hari", "Surat keputusan PPID"),
         ("NOTIFY", "Petugas memberitahukan jawaban tertulis kepada pemohon", 2, "Surat keputusan PPID", "1 hari", "Surat pemberitahuan"),
         ("ARCHIVE", "Petugas mengarsipkan berkas permohonan", 2, "Berkas permohonan", "15 menit", "Arsip"),
     ], "findings": []},
    {"name": "m02", "family": "permohonan_informasi", "agency": "BADAN PERENCANAAN PEMBANGUNAN DAERAH\tKABUPATEN SIKKA",
     "number": "050/   /BAPPEDA/2025", "title": "SOP Layanan Informasi Publik", "unit": None,
     "actors": ["Kepala Badan", "Sekretaris", "Pengelola Informasi", "Pemohon"],
     "steps": [
         ("APPLY", "Permohonan informasi diajukan pemohon secara tertulis atau daring", 3, "Identitas pemohon", "10 menit", "Permohonan"),
         ("REGISTER", "Pendaftaran permohonan dan pemberian nomor registrasi", 2, "Permohonan", "10 menit", "Nomor registrasi"),
         ("FORWARD", "Permohonan disampaikan kepada Sekretaris selaku PPID Pembantu", 2, "Permohonan", "30 menit", "Lembar disposisi"),
         ("PREPARE", "Sekretaris mengumpulkan dan menyiapkan dokumen informasi", 1, "Lembar disposisi", "7 hari", "Dokumen informasi"),
         ("DECIDE", "Kepala Badan menetapkan jawaban atas permohonan informasi", 0, "Dokumen informasi", "1 hari", "Jawaban"),
         ("NOTIFY", "Menginformasikan hasil permohonan kepada pemohon melalui surel", 2, "Jawaban", "30 menit", "Surel terkirim"),
         ("ARCHIVE", "Penyimpanan dokumen permohonan dan jawaban", 2, "Dokumen", "10 menit", "Arsip"),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}]},
    {"name": "m03", "family": "permohonan_informasi", "agency": "DINAS PENDIDIKAN\tKABUPATEN ENDE",
     "number": "420/118/DISDIK/2025", "title": "SOP Pengelolaan Permintaan Informasi", "unit": None,
     "actors": ["Kepala Dinas", "Kasubbag Umum", "Staf PPID", "Pemohon"],
     "steps": [
         ("APPLY", "Pemohon menyampaikan permintaan informasi di meja layanan", 3, "KTP", "15 menit", "Permintaan informasi"),
         ("REGISTER", "Pembukuan permintaan informasi pada register layanan", 2, "Permintaan informasi", "10 menit", "Register layanan"),
         ("PREPARE", "Kasubbag Umum mencari dan mengumpulkan informasi yang diminta", 1, "Register layanan", "10 hari", "Informasi"),
         ("DECIDE", "Persetujuan pemberian informasi oleh Kepala Dinas", 0, "Informasi", "1 hari", "Persetujuan"),
         ("NOTIFY", "Staf PPID membalas surat permohonan pemohon", 2, "Persetujuan", "1 hari", "Surat balasan"),
         ("ARCHIVE", "Pengarsipan berkas layanan informasi", 2, "Berkas", "15 menit", ""),
     ], "findings": [{"rule": "OUTPUT_MISSING", "step_no": 6}]},
    {"name": "m04", "family": "permohonan_informasi", "agency": "SEKRETARIAT DPRD\tKABUPATEN FLORES TIMUR",
     "number": "005/044/SETWAN/2025", "title": "SOP Permohonan Informasi", "unit": None,
     "actors": ["Sekretaris DPRD", "Kabag Umum", "Petugas Informasi", "Pemohon"],
     "steps": [
         ("APPLY", "Pengajuan permohonan informasi oleh pemohon", 3, "Formulir", "10 menit", "Permohonan"),
         ("REGISTER", "Petugas menginput permohonan ke aplikasi e-PPID", 2, "Permohonan", "5 menit", "Data permohonan"),
         ("FORWARD", "Permohonan diteruskan kepada Kabag Umum", 2, "Data permohonan", "20 menit", "Disposisi"),
         ("PREPARE", "Kabag Umum menyediakan salinan informasi yang dimohon", 1, "Disposisi", "5 hari", "Salinan informasi"),
         ("DECIDE", "Sekretaris DPRD menyetujui pemberian informasi", 0, "Salinan informasi", "2 jam", "Persetujuan"),
         ("NOTIFY", "Petugas mengabarkan kepada pemohon bahwa informasi dapat diambil", 2, "Persetujuan", "20 hari", "Pemberitahuan"),
         ("ARCHIVE", "Berkas permohonan disimpan", 2, "Berkas", "10 menit", "Arsip"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "step_no": 6}]},
    # --- promotion (kenaikan pangkat) ---
    {"name": "m05", "family": "kenaikan_pangkat", "agency": "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM\tKABUPATEN MANGGARAI",
     "number": "823/210/BKPSDM/2025", "title": "SOP Kenaikan Pangkat Reguler", "unit": None,
     "actors": ["Kepala Badan", "Kabid Mutasi", "Analis Kepegawaian", "Pengelola Kepegawaian OPD"],
     "steps": [
         ("SUBMIT", "Pengelola kepegawaian OPD mengirimkan usulan kenaikan pangkat", 3, "SK pangkat terakhir, SKP 2 tahun", "1 hari", "Usulan"),
         ("VERIFY", "Analis memverifikasi kelengkapan berkas usulan", 2, "Usulan", "2 hari", "Berkas terverifikasi"),
         ("PROPOSE", "Kabid Mutasi mengusulkan pertimbangan teknis ke BKN", 1, "Berkas terverifikasi", "1 hari", "Usul pertek"),
         ("WAIT", "Menunggu persetujuan teknis dari Kantor Regional BKN", 1, "Usul pertek", "30 hari", "Pertek BKN"),
         ("DRAFT", "Analis mengetik SK kenaikan pangkat", 2, "Pertek BKN", "1 hari", "Konsep SK"),
         ("SIGN", "Kepala Badan menandatangani SK kenaikan pangkat", 0, "Konsep SK", "1 hari", "SK kenaikan pangkat"),
         ("DELIVER", "SK diserahkan kepada pengelola kepegawaian OPD", 2, "SK kenaikan pangkat", "30 menit", "Tanda terima"),
     ], "findings": []},
    {"name": "m06", "family": "kenaikan_pangkat", "agency": "DINAS KESEHATAN\tKABUPATEN SUMBA BARAT",
     "number": "800/019/DINKES/2025", "title": "SOP Usulan Kenaikan Pangkat Pegawai", "unit": None,
     "actors": ["Kepala Dinas", "Kasubbag Kepegawaian", "Pegawai"],
     "steps": [
         ("APPLY", "Pegawai menyerahkan berkas persyaratan kenaikan pangkat", 2, "Berkas persyaratan", "30 menit", "Berkas"),
         ("VERIFY", "Kasubbag Kepegawaian meneliti berkas persyaratan", 1, "Berkas", "1 hari", "Berkas lengkap"),
         ("DRAFT_LETTER", "Membuat surat pengantar usulan kenaikan pangkat", 1, "Berkas lengkap", "1 jam", "Konsep surat pengantar"),
         ("SIGN", "Penandatanganan surat pengantar oleh Kepala Dinas", 0, "Konsep surat pengantar", "1 hari", "Surat pengantar"),
         ("SUBMIT", "Pengiriman usulan ke BKPSDM", 1, "Surat pengantar, berkas", "1 hari", "Tanda terima BKPSDM"),
         ("DELIVER", "Menyampaikan SK kenaikan pangkat yang telah terbit kepada pegawai", 1, "SK", "1 jam", "Tanda terima"),
     ], "findings": []},
    {"name": "m07", "family": "kenaikan_pangkat", "agency": "BADAN KEPEGAWAIAN DAERAH\tKABUPATEN ALOR",
     "number": "800/088/BKD/2025", "title": "SOP Pelayanan Kenaikan Pangkat", "unit": None,
     "actors": ["Kepala BKD", "Kabid Pengadaan dan Mutasi", "Staf Pengolah Data"],
     "steps": [
         ("SUBMIT", "Penerimaan usulan kenaikan pangkat dari perangkat daerah", 2, "Usulan", "1 hari", "Usulan diterima"),
         ("VERIFY", "Staf memeriksa keabsahan dokumen usulan", 2, "Usulan", "3 hari", "Usulan valid"),
         ("PROPOSE", "Usul kenaikan pangkat dikirim melalui aplikasi SIASN", 1, "Usulan valid", "1 hari", "Usul terkirim"),
         ("WAIT", "Pertimbangan teknis ditunggu dari BKN", 1, "Usul terkirim", "21 hari", "Pertek"),
         ("DRAFT", "Penyiapan konsep SK kenaikan pangkat", 2, "Pertek", "2 hari", "Konsep SK"),
         ("SIGN", "Konsep SK ditandatangani Kepala BKD", 0, "Konsep SK", "2 hari", "SK"),
         ("DELIVER", "Pendistribusian SK kenaikan pangkat ke perangkat daerah", 2, "SK", "2 jam", "Tanda terima"),
     ], "findings": []},
    # --- research permits ---
    {"name": "m08", "family": "izin_penelitian", "agency": "BADAN KESATUAN BANGSA DAN POLITIK\tPROVINSI KALIMANTAN BARAT",
     "number": "070/412/BAKESBANGPOL/2025", "title": "SOP Penerbitan Surat Keterangan Penelitian", "unit": None,
     "actors": ["Kepala Badan", "Kabid Ideologi", "Petugas Loket", "Pemohon"],
     "steps": [
         ("APPLY", "Pemohon mengajukan permohonan izin penelitian", 3, "Proposal, surat kampus", "15 menit", "Permohonan"),
         ("CHECK", "Petugas loket memeriksa kelengkapan syarat", 2, "Permohonan", "15 menit", "Syarat lengkap"),
         ("DRAFT", "Petugas membuat konsep surat keterangan penelitian", 2, "Syarat lengkap", "30 menit", "Konsep SKP"),
         ("REVIEW", "Kabid Ideologi memaraf konsep surat keterangan", 1, "Konsep SKP", "1 jam", "Konsep terparaf"),
         ("SIGN", "Kepala Badan menandatangani surat keterangan penelitian", 0, "Konsep terparaf", "1 hari", "SKP"),
         ("DELIVER", "Petugas menyerahkan surat keterangan kepada pemohon", 2, "SKP", "10 menit", "Tanda terima"),
     ], "findings": []},
    {"name": "m09", "family": "izin_penelitian", "agency": "DINAS PENANAMAN MODAL DAN PTSP\tKOTA PONTIANAK",
     "number": "503/   /DPMPTSP/2025", "title": "SOP Izin Penelitian", "unit": None,
     "actors": ["Kepala Dinas", "Kabid Pelayanan", "Petugas Front Office", "Pemohon"],
     "steps": [
         ("APPLY", "Pendaftaran permohonan melalui aplikasi perizinan", 3, "Proposal penelitian", "10 menit", "Bukti daftar"),
         ("CHECK", "Pengecekan berkas permohonan oleh petugas", 2, "Bukti daftar", "30 menit", "Berkas lengkap"),
         ("DRAFT", "Penyusunan draf izin penelitian", 2, "Berkas lengkap", "30 menit", "Draf izin"),
         ("REVIEW", "Kabid Pelayanan mengoreksi draf izin", 1, "Draf izin", "30 menit", "Draf benar"),
         ("SIGN", "Izin penelitian ditandatangani secara elektronik", 0, "Draf benar", "1 jam", "Izin penelitian"),
         ("DELIVER", "Izin dikirimkan kepada pemohon melalui surel", 2, "Izin penelitian", "9000", "Bukti kirim"),
         ("ARCHIVE", "Salinan izin disimpan sebagai arsip", 2, "Salinan", "5 menit", "Arsip"),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}, {"rule": "DURATION_IMPLAUSIBLE", "step_no": 6}]},
    {"name": "m10", "family": "izin_penelitian", "agency": "KANTOR KESATUAN BANGSA DAN POLITIK\tKABUPATEN KUBU RAYA",
     "number": "070/055/KESBANG/2025", "title": "SOP Rekomendasi Penelitian", "unit": None,
     "actors": ["Kepala Kantor", "Kasi Pelayanan", "Staf"],
     "steps": [
         ("APPLY", "Berkas permohonan rekomendasi diterima dari pemohon", 2, "Surat permohonan", "10 menit", "Berkas"),
         ("CHECK", "Staf meneliti berkas permohonan rekomendasi", 2, "Berkas", "20 menit", "Berkas lengkap"),
         ("DRAFT", "Staf menulis konsep rekomendasi penelitian", 2, "Berkas lengkap", "30 menit", "Konsep rekomendasi"),
         ("REVIEW", "Kasi Pelayanan memeriksa konsep rekomendasi", 1, "Konsep rekomendasi", "30 menit", "Konsep diperiksa"),
         ("SIGN", "Kepala Kantor meneken rekomendasi penelitian", 0, "Konsep diperiksa", "30 menit", "Rekomendasi"),
         ("DELIVER", "Rekomendasi diberikan kepada pemohon", 2, "Rekomendasi", "10 menit", "Tanda terima"),
         ("ARCHIVE", "Menyimpan arsip rekomendasi", 2, "Salinan", "10 menit", "Arsip"),
     ], "findings": []},
    # --- guest reception ---
    {"name": "m11", "family": "penerimaan_tamu", "agency": "SEKRETARIAT DAERAH\tPROVINSI KALIMANTAN TENGAH",
     "number": "SOP/PROTOKOL/007/2025", "title": "SOP Penerimaan Tamu Dinas", "unit": None,
     "actors": ["Kepala Biro", "Kabag Protokol", "Petugas Resepsionis"],
     "steps": [
         ("GREET", "Resepsionis menyambut tamu dan menanyakan maksud kedatangan", 2, "-", "5 menit", "Maksud kunjungan"),
         ("RECORD", "Tamu mengisi buku tamu", 2, "Buku tamu", "5 menit", "Buku tamu terisi"),
         ("CONFIRM", "Resepsionis menghubungi pejabat yang akan ditemui", 2, "Buku tamu", "10 menit", "Konfirmasi pejabat"),
         ("ESCORT", "Resepsionis mengantarkan tamu ke ruang pertemuan", 2, "Konfirmasi", "5 menit", "Tamu diterima"),
         ("MEET", "Kabag Protokol menerima tamu dan membahas keperluan kunjungan", 1, "-", "1 jam", "Notulen"),
     ], "findings": []},
    {"name": "m12", "family": "penerimaan_tamu", "agency": "DINAS PERHUBUNGAN\tKOTA PALANGKA RAYA",
     "number": "550/034/DISHUB/2025", "title": "SOP Pelayanan Tamu", "unit": None,
     "actors": ["Kepala Dinas", "Sekretaris", "Petugas Piket"],
     "steps": [
         ("GREET", "Petugas piket menyapa tamu yang datang", 2, "-", "5 menit", "Tamu dilayani"),
         ("RECORD", "Pencatatan identitas tamu pada buku tamu", 2, "Buku tamu", "5 menit", "Data tamu"),
         ("CONFIRM", "Petugas menanyakan kesediaan pejabat untuk menerima tamu", 2, "Data tamu", "10 menit", "Kesediaan pejabat"),
         ("ESCORT", "Tamu diantar ke ruangan Sekretaris", 2, "-", "3 hari", "Tamu diantar"),
         ("MEET", "Sekretaris menemui tamu", 1, "-", "30 menit", "Hasil pertemuan"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "step_no": 4}]},
    {"name": "m13", "family": "penerimaan_tamu", "agency": "BADAN PUSAT PENGELOLAAN PENDAPATAN\tKABUPATEN KAPUAS",
     "number": "970/012/BAPPENDA/2025", "title": "SOP Penerimaan Tamu", "unit": None,
     "actors": ["Kepala Badan", "Kasubbag Umum", "Satpam"],
     "steps": [
         ("GREET", "Satpam menyambut dan menanyakan keperluan tamu", 2, "-", "5 menit", "Keperluan tamu"),
         ("RECORD", "Satpam mencatat nama dan instansi tamu", 2, "Buku tamu", "5 menit", "Buku tamu"),
         ("CONFIRM", "Satpam mengonfirmasi kepada Kasubbag Umum melalui telepon", 2, "Buku tamu", "5 menit", "Konfirmasi"),
         ("ESCORT", "Tamu diarahkan ke ruang tunggu", 2, "-", "5 menit", "Tamu menunggu"),
         ("MEET", "Kasubbag Umum melayani keperluan tamu", 1, "-", "30 menit", "Keperluan terlayani"),
     ], "findings": []},
    {"name": "m14", "family": "penerimaan_tamu", "agency": "DINAS KOPERASI DAN UMKM\tKABUPATEN KOTAWARINGIN BARAT",
     "number": "500/071/DISKOP/2025", "title": "SOP Penerimaan Tamu Kantor", "unit": None,
     "actors": ["Kepala Dinas", "Kasubbag Umum", "Staf Umum"],
     "steps": [
         ("GREET", "Staf Umum menerima kedatangan tamu", 2, "-", "5 menit", "Tamu"),
         ("RECORD", "Staf Umum meminta tamu mengisi daftar hadir tamu", 2, "Daftar tamu", "5 menit", "Daftar tamu"),
         ("CONFIRM", "Staf Umum memberitahukan kedatangan tamu kepada pejabat yang dituju", 2, "Daftar tamu", "2 jam", "Pejabat siap"),
         ("ESCORT", "Staf Umum mengantar tamu menemui pejabat", 2, "-", "5 menit", "Tamu bertemu pejabat"),
         ("MEET", "Kepala Dinas menerima tamu", 0, "-", "1 jam", "Hasil pertemuan"),
     ], "findings": [{"rule": "DURATION_OUTLIER", "step_no": 3}]},
    # --- vehicle maintenance ---
    {"name": "m15", "family": "pemeliharaan_kendaraan", "agency": "DINAS PEKERJAAN UMUM\tKABUPATEN BERAU",
     "number": "027/101/DPU/2025", "title": "SOP Pemeliharaan Kendaraan Dinas", "unit": None,
     "actors": ["Kepala Dinas", "Kasubbag Umum", "Pengurus Barang", "Pemegang Kendaraan"],
     "steps": [
         ("REPORT", "Pemegang kendaraan melaporkan kerusakan kendaraan", 3, "Kendaraan", "15 menit", "Laporan kerusakan"),
         ("INSPECT", "Pengurus barang mengecek kerusakan kendaraan", 2, "Laporan kerusakan", "1 jam", "Hasil pengecekan"),
         ("PROPOSE", "Pengurus barang mengajukan usulan perbaikan beserta rincian biaya", 2, "Hasil pengecekan", "1 jam", "Usulan perbaikan"),
         ("APPROVE", "Kepala Dinas menyetujui usulan perbaikan", 0, "Usulan perbaikan", "1 hari", "Persetujuan"),
         ("REPAIR", "Kendaraan diperbaiki di bengkel rekanan", 3, "Persetujuan", "3 hari", "Kendaraan baik"),
         ("PAY", "Kasubbag Umum membayar tagihan bengkel", 1, "Kuitansi", "1 hari", "Bukti bayar"),
         ("RECORD", "Pengurus barang mencatat pemeliharaan pada kartu kendaraan", 2, "Bukti bayar", "10 menit", "Kartu pemeliharaan"),
     ], "findings": []},
    {"name": "m16", "family": "pemeliharaan_kendaraan", "agency": "BADAN PENANGGULANGAN BENCANA DAERAH\tKABUPATEN PASER",
     "number": "360/   /BPBD/2025", "title": "SOP Perawatan Kendaraan Operasional", "unit": None,
     "actors": ["Kepala Pelaksana", "Sekretaris", "Pengelola BMD", "Pengemudi"],
     "steps": [
         ("REPORT", "Pengemudi menyampaikan laporan kerusakan kendaraan", 3, "Kendaraan", "10 menit", "Laporan"),
         ("INSPECT", "Pemeriksaan kondisi kendaraan oleh pengelola BMD", 2, "Laporan", "1 jam", "Berita acara pemeriksaan"),
         ("APPROVE", "Persetujuan perbaikan oleh Sekretaris", 1, "Berita acara pemeriksaan", "2 jam", "Persetujuan"),
         ("REPAIR", "Perbaikan kendaraan di bengkel", 3, "Persetujuan", "2 hari", "Kendaraan diperbaiki"),
         ("PAY", "Pembayaran biaya perbaikan", 1, "Nota bengkel", "1 hari", "Kuitansi"),
         ("RECORD", "Pembaruan catatan riwayat pemeliharaan", 2, "Kuitansi", "15 menit", "Riwayat pemeliharaan"),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}]},
    {"name": "m17", "family": "pemeliharaan_kendaraan", "agency": "DINAS LINGKUNGAN HIDUP\tKOTA SAMARINDA",
     "number": "027/066/DLH/2025", "title": "SOP Servis Kendaraan Dinas", "unit": None,
     "actors": ["Kepala Dinas", "Kabag Umum", "Pengurus Barang", "Sopir"],
     "steps": [
         ("REPORT", "Sopir memberitahukan kerusakan kendaraan kepada pengurus barang", 3, "-", "10 menit", "Informasi kerusakan"),
         ("INSPECT", "Pengurus barang meneliti kondisi kendaraan", 2, "-", "30 menit", "Catatan kerusakan"),
         ("PROPOSE", "Pengajuan permintaan servis kepada Kabag Umum", 2, "Catatan kerusakan", "30 menit", "Permintaan servis"),
         ("APPROVE", "Kabag Umum menyetujui permintaan servis", 1, "Permintaan servis", "1 jam", "Persetujuan"),
         ("REPAIR", "Sopir membawa kendaraan ke bengkel untuk diservis", 3, "Persetujuan", "1 hari", "Kendaraan selesai diservis"),
         ("PAY", "Pelunasan biaya servis oleh bendahara", 2, "Nota", "2 jam", "Kuitansi"),
         ("RECORD", "Pengurus barang mencatat servis dalam buku kendaraan", 2, "Kuitansi", "10 menit", "Buku kendaraan"),
     ], "findings": []},
    # --- procurement of office supplies ---
    {"name": "m18", "family": "pengadaan_atk", "agency": "DINAS SOSIAL\tKABUPATEN MIMIKA",
     "number": "027/015/DINSOS/2025", "title": "SOP Pengadaan Alat Tulis Kantor", "unit": None,
     "actors": ["Kepala Dinas", "PPK", "Pengurus Barang", "Kepala Bidang"],
     "steps": [
         ("REQUEST", "Kepala Bidang mengajukan kebutuhan ATK bidangnya", 3, "Daftar kebutuhan", "1 hari", "Usulan kebutuhan"),
         ("COMPILE", "Pengurus barang merekap kebutuhan ATK seluruh bidang", 2, "Usulan kebutuhan", "1 hari", "Rekap kebutuhan"),
         ("APPROVE", "PPK menyetujui rencana pembelian", 1, "Rekap kebutuhan", "1 hari", "Persetujuan"),
         ("ORDER", "Pengurus barang memesan ATK kepada penyedia", 2, "Persetujuan", "7 hari", "Surat pesanan"),
         ("RECEIVE", "Menerima dan memeriksa ATK dari penyedia", 2, "Surat pesanan", "1 jam", "Berita acara penerimaan"),
         ("DISTRIBUTE", "Membagikan ATK kepada bidang", 2, "Berita acara", "2 jam", "Bukti pengambilan"),
     ], "findings": []},
    {"name": "m19", "family": "pengadaan_atk", "agency": "BADAN PENGELOLA KEUANGAN DAERAH\tKABUPATEN JAYAPURA",
     "number": "900/088/BPKD/2025", "title": "SOP Belanja Alat Tulis Kantor", "unit": "MENIT",
     "actors": ["Kepala Badan", "Pejabat Pengadaan", "Pengurus Barang", "Kasubbag"],
     "steps": [
         ("REQUEST", "Permintaan kebutuhan ATK dari subbagian", 3, "Nota permintaan", "60", "Nota permintaan"),
         ("COMPILE", "Penghimpunan permintaan ATK", 2, "Nota permintaan", "120", "Daftar kebutuhan"),
         ("APPROVE", "Kepala Badan mengesahkan daftar kebutuhan", 0, "Daftar kebutuhan", "60", "Daftar disahkan"),
         ("ORDER", "Pejabat pengadaan melakukan pembelian ATK", 1, "Daftar disahkan", "1440", "Faktur"),
         ("RECEIVE", "Pemeriksaan dan penerimaan barang", 2, "Faktur", "60", "Berita acara"),
         ("RECORD", "Pencatatan barang masuk pada buku persediaan", 2, "Berita acara", "30", "Buku persediaan"),
         ("DISTRIBUTE", "Penyaluran ATK kepada subbagian", 2, "Buku persediaan", "60", "Tanda terima"),
     ], "findings": [{"rule": "STEP_NUMBER_GAP", "step_no": 3}], "skip_number": 3},
    {"name": "m20", "family": "pengadaan_atk", "agency": "DINAS PERTANIAN\tKABUPATEN MERAUKE",
     "number": "027/140/DISTAN/2025", "title": "SOP Pengadaan Persediaan ATK", "unit": None,
     "actors": ["Kepala Dinas", "Sekretaris", "Pengurus Barang"],
     "steps": [
         ("REQUEST", "Setiap bidang menyampaikan permintaan ATK", 2, "Formulir permintaan", "1 hari", "Permintaan"),
         ("COMPILE", "Pengurus barang menyusun daftar kebutuhan ATK", 2, "Permintaan", "1 hari", "Daftar kebutuhan"),
         ("APPROVE", "Sekretaris menyetujui daftar kebutuhan", 1, "Daftar kebutuhan", "2 jam", "Persetujuan"),
         ("ORDER", "Pembelian ATK pada penyedia", 2, "Persetujuan", "3 hari", "Nota pembelian"),
         ("RECEIVE", "Pengurus barang menerima ATK yang dibeli", 2, "Nota pembelian", "30 menit", "Barang diterima"),
         ("RECORD", "Membukukan ATK pada kartu persediaan", 2, "Barang diterima", "15 menit", "Kartu persediaan"),
         ("DISTRIBUTE", "ATK diserahkan kepada bidang yang meminta", 2, "Kartu persediaan", "1 hari", "Tanda terima"),
     ], "findings": []},
]


if __name__ == "__main__":
    write(SOPS, FOLDER)
