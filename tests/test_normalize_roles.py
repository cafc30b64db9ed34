"""Canonical roles and abbreviation expansion."""
import pytest
from hypothesis import given, strategies as st

from pipeline.normalize.roles import Role, canonical_role, expand_abbreviations, find_roles, parse_role

# Actor headings of the seeds, the dev corpus and the BPS PDFs.
HEADINGS = [
    ("Kasubbag Program dan Perlengkapan", "Kepala Sub Bagian"),
    ("Kasubbag TU dan Kepegawaian", "Kepala Sub Bagian"),
    ("Kasubbag TU dan Kepegawaian dan Kasubbag Program dan Perlengkapan", "Kepala Sub Bagian"),
    ("Kasubag Keu dan Prolap", "Kepala Sub Bagian"), ("Kasubag Perencanaan", "Kepala Sub Bagian"),
    ("Kepala Sub Bagian", "Kepala Sub Bagian"), ("KEPALA SUB BAGIAN", "Kepala Sub Bagian"),
    ("Kepala Subbagian Umum", "Kepala Sub Bagian"), ("Ka. Subbag TU", "Kepala Sub Bagian"),
    ("Kasubid", "Kepala Sub Bidang"), ("Kasubbid", "Kepala Sub Bidang"),
    ("Kepala Bagian", "Kepala Bagian"), ("Kabag TTL", "Kepala Bagian"), ("Kabag TU", "Kepala Bagian"),
    ("Kabag Umum dan Keuangan", "Kepala Bagian"), ("Kepala Bidang", "Kepala Bidang"),
    ("Kabid", "Kepala Bidang"), ("Kasi Pemerintahan", "Kepala Seksi"), ("Kepala Seksi", "Kepala Seksi"),
    ("Kasie Trantib", "Kepala Seksi"), ("Kepala Dinas", "Kepala Dinas"), ("Kadis", "Kepala Dinas"),
    ("Kepala Badan", "Kepala Badan"), ("Kepala Biro", "Kepala Biro"), ("Ka. Biro", "Kepala Biro"),
    ("Ka.Biro", "Kepala Biro"), ("Kepala Satuan", "Kepala Satuan"),
    ("Sekretaris DPRD", "Sekretaris DPRD"), ("SEKRETARIS DPRD", "Sekretaris DPRD"),
    ("Sekwan", "Sekretaris DPRD"), ("Sekretaris Dewan", "Sekretaris DPRD"),
    ("Sekcam", "Sekretaris Camat"), ("Sekretaris Camat", "Sekretaris Camat"),
    ("Sekretaris", "Sekretaris"), ("Sekretaris Dinas", "Sekretaris"), ("Sekretaris Badan", "Sekretaris"),
    ("Sekda", "Sekretaris Daerah"), ("Camat", "Camat"), ("Camat Lowokwaru", "Camat"),
    ("Camat Somba Opu", "Camat"), ("Lurah", "Lurah"), ("Ketua Tim Metodologi", "Ketua Tim"),
    ("Katim", "Ketua Tim"), ("Anggota Tim", "Anggota Tim"), ("Kepala", "Kepala"),
    ("Kepala BPS Provinsi Bengkulu", "Kepala"), ("JF/Pelaksana", "Pelaksana"),
    ("JF / Pelaksana", "Pelaksana"), ("Pelaksana", "Pelaksana"), ("Staf", "Pelaksana"),
    ("staf", "Pelaksana"), ("Staff", "Pelaksana"), ("Staf Pelaksana", "Pelaksana"),
    ("JF", "Pejabat Fungsional"), ("Pejabat Fungsional", "Pejabat Fungsional"),
    ("PPTK", "PPTK"), ("Pejabat Pelaksana Teknis Kegiatan", "PPTK"), ("PPK", "PPK"),
    ("Bendahara", "Bendahara"), ("Bendahara Pengeluaran", "Bendahara"),
    ("Bendahara Pengeluaran Pembantu", "Bendahara"), ("Pengadministrasi Umum", "Pengadministrasi"),
    ("Pengelola Surat", "Pengelola"), ("Pengelola Data", "Pengelola"), ("Analis", "Analis"),
    ("Analis Kebijakan Ahli Muda", "Analis"), ("Agendaris", "Agendaris"),
    ("Petugas Agenda", "Agendaris"), ("Arsiparis", "Arsiparis"), ("Petugas Arsip", "Arsiparis"),
    ("Pegawai", "Pegawai"), ("Pegawai Pemohon", "Pemohon"), ("ASN Pemohon", "Pemohon"),
    ("ASN", "Pegawai"), ("Pokja Pemilihan", "Kelompok Kerja"), ("Operator", "Operator"),
    ("Pimpinan", "Pimpinan"),
]


@pytest.mark.parametrize("heading, role", HEADINGS)
def test_canonical_role(heading, role):
    assert canonical_role(heading) == role


@pytest.mark.parametrize("text", [None, "", "Kelengkapan", "Output", "Surat masuk", "-"])
def test_no_role(text):
    assert canonical_role(text) is None


@pytest.mark.parametrize("heading, role", [
    ("Kasubbag TU dan Kepegawaian", Role("Kepala Sub Bagian", "Tata Usaha dan Kepegawaian")),
    ("Kasubag Keu dan Prolap", Role("Kepala Sub Bagian", "Keuangan dan Program dan Pelaporan")),
    ("Kabag TTL", Role("Kepala Bagian", "Tatalaksana")),
    ("Camat Dolopo", Role("Camat", "Dolopo")),
    ("Sekretaris DPRD", Role("Sekretaris DPRD", None)),
    ("KASUBBAG TU", Role("Kepala Sub Bagian", "TATA USAHA")),
])
def test_parse_role(heading, role):
    assert parse_role(heading) == role


@pytest.mark.parametrize("activity, roles", [
    ("Memerintahkan Kasubag Keu dan Prolap utk menyiapkan formulir pengumpulan data Kinerja",
     ["Kepala Sub Bagian"]),
    ("Melaporkan hasil rekapitulasi data kinerja kpd Sekretaris", ["Sekretaris"]),
    ("Memerintahkan Kasubag TU melalui Kabag TTL untuk mengumpulkan data kinerja Biro Organisasi",
     ["Kepala Sub Bagian", "Kepala Bagian"]),
    ("Memerintahkan staf utk membagikan formulir", ["Pelaksana"]),
    ("Membagikan formulir penyampaian data capaian kinerja kpd kasi", ["Kepala Seksi"]),
    ("Mendisposisikan kepada kepala bagian / kepala sub bagian untuk melakukan input data",
     ["Kepala Bagian", "Kepala Sub Bagian"]),
    ("Memvalidasi data kinerja yang telah disusun oleh JF/Pelaksana", ["Pelaksana"]),
    ("Membuat Dokumen PK dan SKP dan Rencana Aksi", []),
    ("Melaksanakan pelaksanaan kegiatan", []),
])
def test_roles_named_in_activity_text(activity, roles):
    assert find_roles(activity) == roles


EXPANSIONS = [
    ("Memerintahkan Kasubag Keu dan Prolap utk menyiapkan formulir",
     "Memerintahkan Kepala Sub Bagian Keuangan dan Program dan Pelaporan untuk menyiapkan formulir"),
    ("Menganalisa hsl rekapitulasi data kinerja", "Menganalisa hasil rekapitulasi data kinerja"),
    ("diserahkan kpd Kasubag Keu", "diserahkan kepada Kepala Sub Bagian Keuangan"),
    ("Srt pengantar", "Surat pengantar"), ("srt masuk", "surat masuk"),
    ("sesuai formulir yg tersedia", "sesuai formulir yang tersedia"),
    ("koordinasi dgn bidang", "koordinasi dengan bidang"), ("UTK DIPROSES", "UNTUK DIPROSES"),
    ("Utk diproses", "Untuk diproses"), ("Dokumen PK, SKP & Rencana Aksi",
     "Dokumen Perjanjian Kinerja, Sasaran Kinerja Pegawai & Rencana Aksi"),
    ("Dokumen Lkj, Rencana Aksi, RKT", "Dokumen Laporan Kinerja, Rencana Aksi, Rencana Kerja Tahunan"),
    ("LKj dan Renaksi", "Laporan Kinerja dan Rencana Aksi"),
    ("penyusunan LAKIP", "penyusunan Laporan Akuntabilitas Kinerja Instansi Pemerintah"),
    ("Kepala OPD", "Kepala Organisasi Perangkat Daerah"),
    ("DPA SKPD", "Dokumen Pelaksanaan Anggaran Satuan Kerja Perangkat Daerah"),
    ("ATK", "Alat Tulis Kantor"), ("SPPD yang telah disahkan", "Surat Perintah Perjalanan Dinas yang telah disahkan"),
    ("SPJ perjalanan dinas", "Surat Pertanggungjawaban perjalanan dinas"),
    ("Kasubbag TU", "Kepala Sub Bagian Tata Usaha"), ("KASUBBAG TU", "KEPALA SUB BAGIAN TATA USAHA"),
    ("ditandatangani Ka. Biro", "ditandatangani Kepala Biro"),
    ("JF/Pelaksana", "Jabatan Fungsional/Pelaksana"), ("PPTK", "Pejabat Pelaksana Teknis Kegiatan"),
    ("Sekcam", "Sekretaris Camat"), ("Sekwan", "Sekretaris DPRD"),
    ("kpd. Sekretaris", "kepada Sekretaris"), ("Selesai dll.", "Selesai dan lain-lain."),
    # lower-case letters that only look like acronyms, and words that contain abbreviations
    ("pk. 08.00", "pk. 08.00"), ("tugas dan fungsi", "tugas dan fungsi"),
    ("Keuangan dan Kepegawaian", "Keuangan dan Kepegawaian"), ("Kasir", "Kasir"),
    ("  dua   spasi \n\n baris  ", "dua spasi\nbaris"), ("", ""),
]


@pytest.mark.parametrize("text, expanded", EXPANSIONS)
def test_expand_abbreviations(text, expanded):
    assert expand_abbreviations(text) == expanded


def test_expand_none():
    assert expand_abbreviations(None) == ""


@given(st.text())
def test_never_raises(text):
    expand_abbreviations(text)
    canonical_role(text)
    parse_role(text)
    assert isinstance(find_roles(text), list)
