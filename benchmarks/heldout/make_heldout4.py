"""Writes a fourth held-out set (benchmarks/heldout4/: docs/ and gold/), written before the
phase alignment it measures was changed (#22: verbs doing two jobs in one procedure, signing
and approving, grouping by steps rather than titles), and never tuned on: only its totals
are looked at, before and after.

    .venv/bin/python benchmarks/heldout/make_heldout4.py
    .venv/bin/sop-pipeline run benchmarks/heldout4/docs --out /tmp/heldout4
    .venv/bin/python ../shared/tools/score.py --gold benchmarks/heldout4/gold --run /tmp/heldout4

Six procedures none of the dev corpus or the other held-out sets has (certification of the
regional government's land, disbursement of grants, registration for training, the
inspectorate's letter that an official has no unsettled audit finding, write-off of
inventory, leave of other kinds than annual leave), by agencies of Aceh, Jambi, Bengkulu,
Maluku, Riau and Lampung; twenty-one SOPs, four agencies for three procedures. Every step
worded anew: verb, passive, nominal and actor-first orders, regional spellings
("sertipikat"), colloquial verbs ("meneken", "mengonsep"), one verb doing two jobs in one
procedure (checking a file's completeness, then checking the audit findings; examining a
grant proposal, then the payment papers), approving and signing in one step. Gold phases
are phase ids shared within a procedure; gold findings are the defects written in: a
check timed in hours where peer agencies take minutes (DURATION_OUTLIER), handing over a
letter in twenty-five days and bare numbers of tens of thousands of minutes
(DURATION_IMPLAUSIBLE), SOP numbers with placeholder parts, a missing Output, a numbering
gap. Clean SOPs include long but legitimate times (two weeks for the land office to
measure, a month for a grantee's report, a public auction, ten days of training).
"""
from __future__ import annotations

from pathlib import Path

from make_heldout import write

FOLDER = Path(__file__).resolve().parent.parent / "heldout4"

# (phase, activity, actor index, requirements, duration, output)
SOPS = [
    # --- certification of regional land ---
    {"name": "n01", "family": "sertifikasi_tanah", "agency": "BADAN PENGELOLAAN KEUANGAN DAN ASET\tKABUPATEN ACEH BESAR",
     "number": "030/214/BPKA/2025", "title": "SOP Pensertifikatan Tanah Milik Pemerintah Daerah", "unit": None,
     "actors": ["Kepala Badan", "Kabid Aset", "Pengurus Barang", "Kantor Pertanahan"],
     "steps": [
         ("INVENTORY", "Pengurus barang menginventarisasi bidang tanah yang belum bersertifikat", 2, "KIB A", "3 hari", "Daftar tanah belum bersertifikat"),
         ("COLLECT", "Pengurus barang mengumpulkan alas hak dan dokumen perolehan tanah", 2, "Daftar tanah", "5 hari", "Alas hak"),
         ("APPLY", "Kabid Aset mengajukan permohonan sertifikat hak pakai ke Kantor Pertanahan", 1, "Alas hak, surat permohonan", "1 hari", "Surat permohonan"),
         ("MEASURE", "Pengukuran dan pemetaan bidang tanah oleh Kantor Pertanahan", 3, "Surat permohonan", "14 hari", "Peta bidang tanah"),
         ("PAY", "Kabid Aset membayar biaya PNBP pendaftaran tanah", 1, "Surat perintah setor", "1 hari", "Bukti setor"),
         ("RECEIVE", "Menerima sertifikat hak pakai dari Kantor Pertanahan", 1, "Bukti setor", "1 jam", "Sertifikat"),
         ("RECORD", "Pengurus barang memutakhirkan data tanah pada KIB A", 2, "Sertifikat", "30 menit", "KIB A mutakhir"),
         ("STORE", "Sertifikat asli disimpan di brankas badan", 2, "Sertifikat", "15 menit", "Sertifikat tersimpan"),
     ], "findings": []},
    {"name": "n02", "family": "sertifikasi_tanah", "agency": "DINAS PERUMAHAN DAN KAWASAN PERMUKIMAN\tKABUPATEN PIDIE",
     "number": "593/061/DPKP/2025", "title": "SOP Sertifikasi Aset Tanah", "unit": None,
     "actors": ["Kepala Dinas", "Sekretaris", "Pengelola Barang", "Petugas BPN"],
     "steps": [
         ("INVENTORY", "Pendataan aset tanah yang belum memiliki sertifikat", 2, "KIB", "2 hari", "Data aset tanah"),
         ("COLLECT", "Penghimpunan bukti kepemilikan tanah", 2, "Data aset tanah", "1 minggu", "Berkas kepemilikan"),
         ("APPLY", "Surat permohonan penerbitan sertifikat dikirim ke Kantor Pertanahan", 1, "Berkas kepemilikan", "1 hari", "Permohonan"),
         ("MEASURE", "Petugas BPN mengukur batas bidang tanah di lapangan", 3, "Permohonan", "10 hari", "Gambar ukur"),
         ("PAY", "Penyetoran biaya pendaftaran tanah", 1, "Surat perintah setor", "1 hari", "Bukti setor"),
         ("RECEIVE", "Sertifikat hak pakai diambil di Kantor Pertanahan", 2, "Bukti setor", "2 jam", "Sertifikat"),
         ("STORE", "Pengelola barang menyimpan sertifikat dalam lemari tahan api", 2, "Sertifikat", "10 menit", ""),
     ], "findings": [{"rule": "OUTPUT_MISSING", "step_no": 7}]},
    {"name": "n03", "family": "sertifikasi_tanah", "agency": "BADAN PENGELOLAAN KEUANGAN DAERAH\tKOTA BANDA ACEH",
     "number": "030/   /BPKD/2025", "title": "SOP Pengurusan Sertipikat Tanah Pemerintah Kota", "unit": None,
     "actors": ["Kepala Badan", "Kabid Aset", "Pengurus Barang", "Bendahara Pengeluaran"],
     "steps": [
         ("INVENTORY", "Identifikasi tanah pemerintah kota yang belum bersertipikat", 2, "KIB A", "3 hari", "Daftar tanah"),
         ("COLLECT", "Melengkapi dokumen riwayat tanah dan surat pernyataan penguasaan fisik", 2, "Daftar tanah", "7 hari", "Dokumen riwayat tanah"),
         ("APPLY", "Mendaftarkan permohonan sertipikat pada loket Kantor Pertanahan", 1, "Dokumen riwayat tanah", "1 hari", "Tanda terima berkas"),
         ("MEASURE", "Pengurus barang mendampingi petugas ukur Kantor Pertanahan di lokasi tanah", 2, "Tanda terima berkas", "14 hari", "Berita acara pengukuran"),
         ("PAY", "Pelunasan PNBP oleh bendahara pengeluaran", 3, "Surat perintah setor", "1 hari", "Bukti setor"),
         ("RECEIVE", "Sertipikat diterima dan dicocokkan datanya", 1, "Bukti setor", "1 jam", "Sertipikat"),
         ("RECORD", "Pencatatan nomor sertipikat dalam kartu inventaris barang", 2, "Sertipikat", "20 menit", "KIB mutakhir"),
         ("STORE", "Penyimpanan sertipikat asli", 2, "Sertipikat", "10 menit", "Sertipikat tersimpan"),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}]},
    # --- disbursement of grants ---
    {"name": "n04", "family": "penyaluran_hibah", "agency": "BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH\tPROVINSI JAMBI",
     "number": "900/118/BPKAD/2025", "title": "SOP Penyaluran Hibah Uang", "unit": None,
     "actors": ["Kepala Badan", "Tim Evaluasi", "Bendahara", "Penerima Hibah"],
     "steps": [
         ("APPLY", "Calon penerima hibah menyampaikan proposal kepada Gubernur melalui BPKAD", 3, "Proposal", "1 hari", "Proposal"),
         ("EVALUATE", "Tim evaluasi mengkaji kelayakan proposal hibah", 1, "Proposal", "14 hari", "Rekomendasi tim"),
         ("DECIDE", "Kepala Badan menetapkan daftar penerima hibah", 0, "Rekomendasi tim", "2 hari", "Keputusan penerima hibah"),
         ("AGREE", "Penandatanganan NPHD antara pemerintah daerah dan penerima hibah", 0, "Keputusan penerima hibah", "1 hari", "NPHD"),
         ("CLAIM", "Penerima hibah mengajukan permohonan pencairan dengan melampirkan NPHD dan kuitansi", 3, "NPHD, kuitansi", "1 hari", "Permohonan pencairan"),
         ("CHECK", "Bendahara memeriksa kelengkapan dokumen pencairan", 2, "Permohonan pencairan", "1 hari", "Dokumen lengkap"),
         ("DISBURSE", "Dana hibah ditransfer ke rekening penerima", 2, "SP2D", "2 hari", "Bukti transfer"),
         ("REPORT", "Penerima menyampaikan laporan penggunaan hibah", 3, "Bukti pengeluaran", "30 hari", "Laporan pertanggungjawaban"),
     ], "findings": []},
    {"name": "n05", "family": "penyaluran_hibah", "agency": "DINAS PEMUDA DAN OLAHRAGA\tKABUPATEN MUARO JAMBI",
     "number": "426/033/DISPORA/2025", "title": "SOP Pemberian Hibah kepada Organisasi Kepemudaan", "unit": None,
     "actors": ["Kepala Dinas", "Kabid Kepemudaan", "Bendahara", "Organisasi Penerima"],
     "steps": [
         ("APPLY", "Pengajuan proposal hibah oleh organisasi kepemudaan", 3, "Proposal, akta organisasi", "1 hari", "Proposal"),
         ("EVALUATE", "Kabid Kepemudaan meneliti proposal dan meninjau lokasi kegiatan", 1, "Proposal", "7 hari", "Hasil evaluasi"),
         ("DECIDE", "Kepala Dinas menyetujui besaran hibah", 0, "Hasil evaluasi", "1 hari", "Persetujuan"),
         ("AGREE", "Naskah perjanjian hibah ditandatangani kedua pihak", 0, "Persetujuan", "1 hari", "NPHD"),
         ("CHECK", "Bendahara meneliti kuitansi dan nomor rekening penerima", 2, "NPHD, kuitansi", "1 hari", "Kuitansi benar"),
         ("DISBURSE", "Pencairan hibah melalui rekening bank", 2, "Kuitansi benar", "2 hari", "Bukti transfer"),
         ("REPORT", "Organisasi penerima melaporkan penggunaan dana hibah", 3, "Bukti pengeluaran", "1 bulan", "Laporan penggunaan"),
     ], "findings": []},
    {"name": "n06", "family": "penyaluran_hibah", "agency": "BADAN PENGELOLAAN KEUANGAN DAERAH\tKABUPATEN KERINCI",
     "number": "900/271/BPKD/2025", "title": "SOP Pencairan Belanja Hibah", "unit": None,
     "actors": ["Kepala Badan", "Kabid Anggaran", "Verifikator", "Penerima Hibah"],
     "steps": [
         ("APPLY", "Penerima hibah mengusulkan permohonan hibah secara tertulis", 3, "Surat permohonan", "1 hari", "Usulan hibah"),
         ("EVALUATE", "Verifikasi dan evaluasi usulan hibah oleh Kabid Anggaran", 1, "Usulan hibah", "10 hari", "Hasil evaluasi"),
         ("DECIDE", "Kepala Badan menetapkan penerima hibah", 0, "Hasil evaluasi", "3 hari", "Keputusan"),
         ("AGREE", "Kepala Badan dan penerima hibah meneken NPHD", 0, "Keputusan", "1 hari", "NPHD"),
         ("CLAIM", "Penerima mengajukan permintaan pencairan", 3, "NPHD", "1 hari", "Permintaan pencairan"),
         ("CHECK", "Verifikator menguji kelengkapan SPP hibah", 2, "SPP", "14400", "SPP lengkap"),
         ("DISBURSE", "Penerbitan SP2D hibah", 1, "SPP lengkap", "1 hari", "SP2D"),
         ("REPORT", "Laporan pertanggungjawaban hibah disampaikan penerima", 3, "Bukti pengeluaran", "30 hari", "LPJ hibah"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "step_no": 6}]},
    {"name": "n07", "family": "penyaluran_hibah", "agency": "SEKRETARIAT DAERAH\tKOTA JAMBI",
     "number": "SOP/KESRA/019/2025", "title": "SOP Penyaluran Bantuan Hibah Keagamaan", "unit": None,
     "actors": ["Sekretaris Daerah", "Kabag Kesra", "Staf Kesra", "Lembaga Penerima"],
     "steps": [
         ("APPLY", "Lembaga keagamaan memasukkan proposal ke Bagian Kesra", 3, "Proposal", "1 hari", "Proposal masuk"),
         ("EVALUATE", "Staf Kesra menilai proposal dan memverifikasi keberadaan lembaga", 2, "Proposal masuk", "7 hari", "Hasil penilaian"),
         ("DECIDE", "Penetapan penerima hibah oleh Sekretaris Daerah", 0, "Hasil penilaian", "2 hari", "Keputusan penerima"),
         ("AGREE", "NPHD ditandatangani Sekretaris Daerah dan ketua lembaga", 0, "Keputusan penerima", "1 hari", "NPHD"),
         ("DISBURSE", "Dana hibah disalurkan ke rekening lembaga", 2, "NPHD", "3 hari", "Bukti transfer"),
         ("REPORT", "Lembaga menyerahkan laporan pertanggungjawaban penggunaan hibah", 3, "Bukti pengeluaran", "30 hari", "LPJ"),
         ("REVIEW_REPORT", "Staf Kesra memeriksa laporan pertanggungjawaban", 2, "LPJ", "2 hari", "LPJ diperiksa"),
     ], "findings": []},
    # --- registration for training (diklat) ---
    {"name": "n08", "family": "pendaftaran_diklat", "agency": "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA\tKABUPATEN REJANG LEBONG",
     "number": "893/140/BKPSDM/2025", "title": "SOP Pengiriman Peserta Diklat", "unit": None,
     "actors": ["Kepala Badan", "Kabid Pengembangan Kompetensi", "Analis SDM", "Perangkat Daerah"],
     "steps": [
         ("ANNOUNCE", "Kabid Pengembangan Kompetensi menyebarluaskan informasi penyelenggaraan diklat kepada perangkat daerah", 1, "Surat penyelenggara", "1 hari", "Surat edaran"),
         ("NOMINATE", "Perangkat daerah mengusulkan nama pegawai calon peserta", 3, "Surat edaran", "5 hari", "Usulan peserta"),
         ("SELECT", "Analis SDM menyeleksi usulan sesuai persyaratan diklat", 2, "Usulan peserta", "2 hari", "Daftar peserta terpilih"),
         ("REGISTER", "Analis SDM mendaftarkan peserta ke lembaga penyelenggara", 2, "Daftar peserta terpilih", "1 hari", "Bukti pendaftaran"),
         ("ASSIGN", "Kepala Badan menandatangani surat tugas peserta diklat", 0, "Konsep surat tugas", "1 hari", "Surat tugas"),
         ("ATTEND", "Peserta mengikuti diklat sampai selesai", 3, "Surat tugas", "10 hari", "Sertifikat diklat"),
         ("REPORT", "Peserta menyerahkan laporan dan salinan sertifikat diklat", 3, "Sertifikat diklat", "3 hari", "Laporan diklat"),
         ("RECORD", "Analis SDM merekam riwayat diklat pada SIMPEG", 2, "Sertifikat diklat", "15 menit", "Data SIMPEG"),
     ], "findings": []},
    {"name": "n09", "family": "pendaftaran_diklat", "agency": "DINAS PENDIDIKAN DAN KEBUDAYAAN\tKABUPATEN BENGKULU UTARA",
     "number": "800/077/DIKBUD/2025", "title": "SOP Pendaftaran Diklat Guru", "unit": None,
     "actors": ["Kepala Dinas", "Sekretaris", "Kasubbag Kepegawaian", "Guru"],
     "steps": [
         ("ANNOUNCE", "Pengumuman diklat disebarkan ke sekolah-sekolah", 2, "Surat penyelenggara", "1 hari", "Pengumuman"),
         ("NOMINATE", "Guru mengajukan diri sebagai calon peserta melalui kepala sekolah", 3, "Formulir", "3 hari", "Formulir calon peserta"),
         ("SELECT", "Seleksi berkas calon peserta oleh Kasubbag Kepegawaian", 2, "Formulir calon peserta", "2 hari", "Daftar peserta"),
         ("ASSIGN", "Penerbitan surat tugas yang ditandatangani Kepala Dinas", 0, "Daftar peserta", "1 hari", "Surat tugas"),
         ("REGISTER", "Kasubbag Kepegawaian mengirimkan daftar peserta kepada penyelenggara diklat", 2, "Surat tugas", "1 hari", "Tanda terima"),
         ("ATTEND", "Peserta melaksanakan diklat", 3, "Surat tugas", "7 hari", "Sertifikat"),
         ("REPORT", "Pelaporan hasil diklat oleh peserta", 3, "Sertifikat", "3 hari", "Laporan"),
     ], "findings": [{"rule": "STEP_NUMBER_GAP", "step_no": 4}], "skip_number": 4},
    {"name": "n10", "family": "pendaftaran_diklat", "agency": "SEKRETARIAT DPRD\tPROVINSI BENGKULU",
     "number": "800/052/SETWAN/2025", "title": "SOP Pengembangan Kompetensi Melalui Pelatihan", "unit": None,
     "actors": ["Sekretaris DPRD", "Kabag Umum", "Pengelola Kepegawaian", "Pegawai"],
     "steps": [
         ("ANNOUNCE", "Pengelola kepegawaian menyampaikan undangan pelatihan kepada seluruh bagian", 2, "Undangan", "1 hari", "Undangan tersebar"),
         ("NOMINATE", "Kabag Umum menunjuk pegawai yang akan diikutsertakan", 1, "Undangan", "2 hari", "Nama calon peserta"),
         ("SELECT", "Menelaah kesesuaian calon peserta dengan syarat pelatihan", 2, "Nama calon peserta", "1 hari", "Peserta memenuhi syarat"),
         ("ASSIGN", "Sekretaris DPRD menerbitkan surat perintah tugas", 0, "Peserta memenuhi syarat", "1 hari", "Surat perintah tugas"),
         ("REGISTER", "Registrasi peserta secara daring pada laman penyelenggara", 2, "Surat perintah tugas", "30 menit", "Bukti registrasi"),
         ("ATTEND", "Pegawai menghadiri pelatihan", 3, "Bukti registrasi", "5 hari", "Sertifikat"),
         ("REPORT", "Pegawai membuat laporan hasil pelatihan", 3, "Sertifikat", "2 hari", "Laporan hasil pelatihan"),
         ("RECORD", "Sertifikat pelatihan disimpan dalam berkas kepegawaian", 2, "Sertifikat", "10 menit", "Berkas kepegawaian"),
     ], "findings": []},
    # --- letter that an official has no unsettled audit finding (inspectorate) ---
    {"name": "n11", "family": "keterangan_bebas_temuan", "agency": "INSPEKTORAT\tKABUPATEN MALUKU TENGAH",
     "number": "700/066/INSP/2025", "title": "SOP Penerbitan Surat Keterangan Bebas Temuan", "unit": None,
     "actors": ["Inspektur", "Inspektur Pembantu", "Petugas Tindak Lanjut", "Pemohon"],
     "steps": [
         ("APPLY", "Pemohon mengajukan permohonan surat keterangan bebas temuan", 3, "Surat pengantar", "15 menit", "Permohonan"),
         ("CHECK_DOCS", "Petugas memeriksa kelengkapan berkas permohonan", 2, "Permohonan", "15 menit", "Berkas lengkap"),
         ("TRACE", "Petugas memeriksa data tindak lanjut temuan hasil pemeriksaan atas nama pemohon", 2, "Data tindak lanjut", "1 hari", "Hasil penelusuran"),
         ("DRAFT", "Petugas menyiapkan konsep surat keterangan", 2, "Hasil penelusuran", "30 menit", "Konsep surat"),
         ("REVIEW", "Inspektur Pembantu meneliti dan memaraf konsep", 1, "Konsep surat", "1 jam", "Konsep diparaf"),
         ("SIGN", "Inspektur menandatangani surat keterangan bebas temuan", 0, "Konsep diparaf", "1 hari", "Surat keterangan"),
         ("DELIVER", "Surat keterangan diserahkan kepada pemohon", 2, "Surat keterangan", "10 menit", "Tanda terima"),
     ], "findings": []},
    {"name": "n12", "family": "keterangan_bebas_temuan", "agency": "INSPEKTORAT\tKOTA AMBON",
     "number": "700/   /INSP/2025", "title": "SOP Surat Keterangan Bebas Temuan", "unit": None,
     "actors": ["Inspektur", "Sekretaris", "Irban", "Staf Sekretariat", "Pemohon"],
     "steps": [
         ("APPLY", "Permohonan SKBT diajukan melalui loket pelayanan", 4, "Surat permohonan", "10 menit", "Permohonan"),
         ("CHECK_DOCS", "Staf sekretariat meneliti kelengkapan persyaratan", 3, "Permohonan", "10 menit", "Persyaratan lengkap"),
         ("TRACE", "Irban menelusuri temuan dan kerugian daerah yang belum ditindaklanjuti", 2, "Persyaratan lengkap", "2 hari", "Hasil penelusuran"),
         ("DRAFT", "Penyusunan konsep SKBT", 3, "Hasil penelusuran", "30 menit", "Konsep SKBT"),
         ("REVIEW", "Konsep SKBT dikoreksi oleh Sekretaris", 1, "Konsep SKBT", "1 jam", "Konsep benar"),
         ("SIGN", "Pengesahan SKBT oleh Inspektur", 0, "Konsep benar", "1 hari", "SKBT"),
         ("DELIVER", "Staf sekretariat menyampaikan SKBT kepada pemohon", 3, "SKBT", "15 menit", "Tanda terima"),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}]},
    {"name": "n13", "family": "keterangan_bebas_temuan", "agency": "INSPEKTORAT DAERAH\tPROVINSI MALUKU",
     "number": "700/109/ITPROV/2025", "title": "SOP Layanan Keterangan Tidak Ada Temuan", "unit": None,
     "actors": ["Inspektur", "Irban Wilayah", "Auditor", "Pegawai Pemohon"],
     "steps": [
         ("APPLY", "Pegawai pemohon mengisi formulir permintaan keterangan", 3, "KTP, SK jabatan", "10 menit", "Formulir permintaan"),
         ("CHECK_DOCS", "Auditor mengecek kelengkapan formulir dan lampiran", 2, "Formulir permintaan", "3 jam", "Formulir lengkap"),
         ("TRACE", "Auditor mencocokkan nama pemohon dengan daftar temuan yang belum selesai", 2, "Daftar temuan", "1 hari", "Hasil pencocokan"),
         ("DRAFT", "Auditor mengonsep surat keterangan", 2, "Hasil pencocokan", "30 menit", "Konsep surat keterangan"),
         ("REVIEW", "Irban Wilayah memeriksa konsep surat keterangan", 1, "Konsep surat keterangan", "1 jam", "Konsep diperiksa"),
         ("SIGN", "Inspektur meneken surat keterangan", 0, "Konsep diperiksa", "1 hari", "Surat keterangan"),
         ("DELIVER", "Surat keterangan dikirim kepada pemohon", 2, "Surat keterangan", "30 menit", "Bukti kirim"),
     ], "findings": [{"rule": "DURATION_OUTLIER", "step_no": 2}]},
    {"name": "n14", "family": "keterangan_bebas_temuan", "agency": "INSPEKTORAT\tKABUPATEN HALMAHERA UTARA",
     "number": "700/031/INSP/2025", "title": "SOP Pelayanan Surat Keterangan Bebas Temuan", "unit": None,
     "actors": ["Inspektur", "Irban", "Petugas Pelayanan", "Pemohon"],
     "steps": [
         ("APPLY", "Pemohon datang dan menyerahkan surat permohonan", 3, "Surat permohonan", "15 menit", "Surat permohonan"),
         ("CHECK_DOCS", "Verifikasi berkas oleh petugas pelayanan", 2, "Surat permohonan", "15 menit", "Berkas terverifikasi"),
         ("TRACE", "Pengecekan status temuan pemohon pada aplikasi tindak lanjut", 2, "Berkas terverifikasi", "1 hari", "Status temuan"),
         ("DRAFT", "Petugas mengetik surat keterangan", 2, "Status temuan", "20 menit", "Konsep surat"),
         ("SIGN", "Surat keterangan ditandatangani Inspektur setelah diparaf Irban", 0, "Konsep surat", "1 hari", "Surat keterangan"),
         ("DELIVER", "Pemohon menerima surat keterangan bebas temuan", 3, "Surat keterangan", "10 menit", "Tanda terima"),
         ("ARCHIVE", "Salinan surat keterangan diarsipkan", 2, "Salinan", "10 menit", "Arsip"),
     ], "findings": []},
    # --- write-off of inventory ---
    {"name": "n15", "family": "penghapusan_barang", "agency": "BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH\tKABUPATEN KAMPAR",
     "number": "032/088/BPKAD/2025", "title": "SOP Penghapusan Barang Milik Daerah", "unit": None,
     "actors": ["Bupati", "Kepala Badan", "Panitia Penghapusan", "Pengurus Barang"],
     "steps": [
         ("PROPOSE", "Pengurus barang mengusulkan barang rusak berat untuk dihapuskan", 3, "Daftar barang rusak", "1 hari", "Usulan penghapusan"),
         ("FORM_TEAM", "Kepala Badan membentuk panitia penghapusan", 1, "Usulan penghapusan", "2 hari", "SK panitia"),
         ("INSPECT", "Panitia meneliti kondisi fisik dan dokumen barang", 2, "SK panitia", "5 hari", "Berita acara penelitian"),
         ("APPRAISE", "Panitia menaksir nilai limit barang", 2, "Berita acara penelitian", "3 hari", "Nilai taksiran"),
         ("DECIDE", "Bupati menetapkan keputusan penghapusan", 0, "Berita acara penelitian", "7 hari", "Keputusan penghapusan"),
         ("DISPOSE", "Barang dijual melalui lelang oleh KPKNL", 2, "Keputusan penghapusan", "30 hari", "Risalah lelang"),
         ("RECORD", "Pengurus barang menghapus barang dari daftar inventaris", 3, "Keputusan penghapusan", "30 menit", "KIB mutakhir"),
     ], "findings": []},
    {"name": "n16", "family": "penghapusan_barang", "agency": "DINAS KESEHATAN\tKABUPATEN BENGKALIS",
     "number": "028/142/DINKES/2025", "title": "SOP Penghapusan Aset Rusak Berat", "unit": None,
     "actors": ["Kepala Dinas", "Sekretaris", "Tim Penilai", "Pengurus Barang"],
     "steps": [
         ("PROPOSE", "Pendataan dan pengusulan aset rusak berat", 3, "Kartu inventaris", "2 hari", "Usulan penghapusan"),
         ("FORM_TEAM", "Pembentukan tim penilai oleh Kepala Dinas", 0, "Usulan penghapusan", "2 hari", "SK tim"),
         ("INSPECT", "Tim penilai memeriksa fisik aset yang diusulkan", 2, "SK tim", "3 hari", "Berita acara pemeriksaan"),
         ("DECIDE", "Penetapan penghapusan aset oleh Kepala Dinas", 0, "Berita acara pemeriksaan", "5 hari", "Keputusan penghapusan"),
         ("DISPOSE", "Pemusnahan aset yang tidak laku dijual", 2, "Keputusan penghapusan", "2 hari", "Berita acara pemusnahan"),
         ("RECORD", "Aset dikeluarkan dari kartu inventaris barang", 3, "Keputusan penghapusan", "20000", "Kartu inventaris mutakhir"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "step_no": 6}]},
    {"name": "n17", "family": "penghapusan_barang", "agency": "SEKRETARIAT DAERAH\tKOTA PEKANBARU",
     "number": "SOP/UMUM/044/2025", "title": "SOP Penghapusan Barang Inventaris", "unit": None,
     "actors": ["Sekretaris Daerah", "Kabag Umum", "Tim Penghapusan", "Pengurus Barang"],
     "steps": [
         ("PROPOSE", "Pengurus barang menyampaikan daftar usulan penghapusan kepada Kabag Umum", 3, "Daftar barang", "1 hari", "Daftar usulan"),
         ("FORM_TEAM", "Kabag Umum menunjuk tim penghapusan", 1, "Daftar usulan", "1 hari", "Surat penunjukan"),
         ("INSPECT", "Tim melakukan pengecekan fisik barang dan membuat berita acara", 2, "Surat penunjukan", "3 hari", "Berita acara"),
         ("APPRAISE", "Penilaian harga barang oleh tim", 2, "Berita acara", "2 hari", "Nilai barang"),
         ("DECIDE", "Sekretaris Daerah menerbitkan keputusan penghapusan", 0, "Nilai barang", "5 hari", "Keputusan penghapusan"),
         ("DISPOSE", "Barang hasil penghapusan dilelang", 2, "Keputusan penghapusan", "30 hari", "Risalah lelang"),
         ("RECORD", "Pencatatan penghapusan pada buku inventaris", 3, "Keputusan penghapusan", "30 menit", "Buku inventaris"),
     ], "findings": []},
    # --- leave of other kinds ---
    {"name": "n18", "family": "cuti_lain", "agency": "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA\tKABUPATEN LAMPUNG SELATAN",
     "number": "851/233/BKPSDM/2025", "title": "SOP Cuti Melahirkan", "unit": None,
     "actors": ["Kepala Badan", "Kabid Mutasi", "Atasan Langsung", "Pegawai"],
     "steps": [
         ("APPLY", "Pegawai mengajukan permohonan cuti melahirkan dengan surat keterangan dokter", 3, "Surat keterangan dokter", "30 menit", "Permohonan cuti"),
         ("RECOMMEND", "Atasan langsung memberikan pertimbangan atas permohonan", 2, "Permohonan cuti", "1 hari", "Pertimbangan atasan"),
         ("VERIFY", "Kabid Mutasi memverifikasi berkas dan hak cuti", 1, "Permohonan cuti", "1 hari", "Berkas terverifikasi"),
         ("SIGN", "Kepala Badan menandatangani surat izin cuti melahirkan", 0, "Berkas terverifikasi", "1 hari", "Surat izin cuti"),
         ("DELIVER", "Surat izin cuti diserahkan kepada pegawai", 1, "Surat izin cuti", "30 menit", "Tanda terima"),
         ("RECORD", "Pencatatan cuti pada kartu cuti pegawai", 1, "Surat izin cuti", "10 menit", "Kartu cuti"),
     ], "findings": []},
    {"name": "n19", "family": "cuti_lain", "agency": "RUMAH SAKIT UMUM DAERAH\tKABUPATEN TANGGAMUS",
     "number": "851/019/RSUD/2025", "title": "SOP Cuti Sakit Pegawai", "unit": None,
     "actors": ["Direktur", "Kabag Kepegawaian", "Kepala Ruangan", "Pegawai"],
     "steps": [
         ("APPLY", "Permohonan cuti sakit disampaikan pegawai beserta surat keterangan dokter", 3, "Surat keterangan dokter", "30 menit", "Permohonan"),
         ("RECOMMEND", "Kepala ruangan mengetahui dan meneruskan permohonan", 2, "Permohonan", "2 jam", "Permohonan diketahui"),
         ("VERIFY", "Kabag Kepegawaian mengecek keabsahan surat dokter", 1, "Permohonan", "1 jam", "Permohonan sah"),
         ("DRAFT", "Pembuatan surat izin cuti sakit", 1, "Permohonan sah", "30 menit", "Konsep surat izin"),
         ("SIGN", "Direktur menyetujui dan menandatangani surat izin", 0, "Konsep surat izin", "1 hari", "Surat izin cuti sakit"),
         ("DELIVER", "Penyampaian surat izin cuti kepada pegawai", 1, "Surat izin cuti sakit", "30 menit", "Tanda terima"),
     ], "findings": []},
    {"name": "n20", "family": "cuti_lain", "agency": "DINAS PERHUBUNGAN\tPROVINSI LAMPUNG",
     "number": "851/061/DISHUB/2025", "title": "SOP Cuti Besar", "unit": None,
     "actors": ["Kepala Dinas", "Sekretaris", "Kasubbag Umum dan Kepegawaian", "Pegawai"],
     "steps": [
         ("APPLY", "Pegawai mengisi blanko permintaan cuti besar", 3, "Blanko cuti", "20 menit", "Permintaan cuti"),
         ("RECOMMEND", "Sekretaris selaku atasan langsung menyetujui permintaan cuti", 1, "Permintaan cuti", "1 hari", "Persetujuan atasan"),
         ("VERIFY", "Kasubbag meneliti masa kerja dan hak cuti besar", 2, "Persetujuan atasan", "2 jam", "Hak cuti terverifikasi"),
         ("DRAFT", "Kasubbag mengonsep surat cuti besar", 2, "Hak cuti terverifikasi", "30 menit", "Konsep surat"),
         ("SIGN", "Surat cuti besar diteken Kepala Dinas", 0, "Konsep surat", "1 hari", "Surat cuti besar"),
         ("DELIVER", "Kasubbag menyerahkan surat cuti besar kepada pegawai", 2, "Surat cuti besar", "25 hari", "Tanda terima"),
         ("RECORD", "Mencatat cuti besar dalam buku register cuti", 2, "Surat cuti besar", "10 menit", "Register cuti"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "step_no": 6}]},
    {"name": "n21", "family": "cuti_lain", "agency": "KECAMATAN METRO PUSAT\tKOTA METRO",
     "number": "851/14/KEC-MP/2025", "title": "SOP Izin Cuti Alasan Penting", "unit": None,
     "actors": ["Camat", "Sekretaris Camat", "Pegawai"],
     "steps": [
         ("APPLY", "Pengajuan cuti alasan penting oleh pegawai", 2, "Surat permohonan", "20 menit", "Permohonan cuti"),
         ("VERIFY", "Sekretaris Camat menelaah alasan dan kelengkapan berkas", 1, "Permohonan cuti", "1 jam", "Berkas lengkap"),
         ("SIGN", "Camat memberikan persetujuan dan membubuhkan tanda tangan pada surat cuti", 0, "Berkas lengkap", "1 hari", "Surat cuti"),
         ("DELIVER", "Surat cuti diberikan kepada pegawai yang bersangkutan", 1, "Surat cuti", "15 menit", "Tanda terima"),
         ("RECORD", "Sekretaris Camat memperbarui rekap cuti pegawai kecamatan", 1, "Surat cuti", "10 menit", "Rekap cuti"),
     ], "findings": []},
]


if __name__ == "__main__":
    write(SOPS, FOLDER)
