"""Procedure groups on titles and spellings the dev corpus does not print: regional spellings
of one word are one word, and an SOP whose title adds its own variant of the procedure ("Beasiswa
Anak Nelayan") joins the agencies' group when its steps do that group's work, while a sibling
procedure sharing only the group's topic word stays apart."""
import pytest
from hypothesis import given, settings, strategies as st

from pipeline.harmonize import harmonize
from pipeline.harmonize.grouping import title_words
from pipeline.harmonize.text import spelling_key

from test_harmonize import DATA_KINERJA, SURAT_KELUAR_AGENDA, SURAT_MASUK, tables

# (standard spelling, regional or older spelling of the same word)
SPELLINGS = [("sertifikat", "sertipikat"), ("izin", "ijin"), ("provinsi", "propinsi"), ("kuitansi", "kwitansi"),
             ("aktif", "aktip"), ("zakat", "jakat"), ("faksimile", "paksimile"), ("akhir", "akir"),
             ("video", "pideo"), ("kualitas", "kwalitas")]


@given(st.sampled_from(SPELLINGS), st.sampled_from(["", "pe", "ber", "di"]), st.sampled_from(["", "an", "nya"]))
def test_regional_spellings_of_a_word_share_its_key(pair, prefix, suffix):
    standard, regional = pair
    assert spelling_key(prefix + standard + suffix) == spelling_key(prefix + regional + suffix)


def test_words_that_differ_by_other_letters_keep_apart():
    for a, b in [("rekaman", "rekapan"), ("pengawas", "pengawal"), ("perawat", "perawan"), ("surat", "sarat")]:
        assert spelling_key(a) != spelling_key(b)


def test_a_title_spelled_regionally_names_the_same_words():
    assert title_words("SOP Pengurusan Sertipikat Tanah") == title_words("SOP Pengurusan Sertifikat Tanah")
    assert title_words("SOP Pemberian Ijin Keramaian") == title_words("SOP Pemberian Izin Keramaian")


# One procedure no dev SOP has (scholarships), step by step in the wordings of four agencies
SCHOLARSHIP_STEPS = [
    [("Calon penerima mengajukan permohonan beasiswa beserta rapor", "Pemohon", "Berkas permohonan beasiswa", 30),
     ("Pendaftaran beasiswa secara daring oleh siswa", "Siswa", "Bukti pendaftaran beasiswa", 20),
     ("Mahasiswa menyampaikan berkas usulan beasiswa", "Mahasiswa", "Berkas usulan beasiswa", 30),
     ("Permohonan beasiswa diajukan orang tua siswa", "Orang tua", "Permohonan beasiswa", 30)],
    [("Petugas memverifikasi berkas dan nilai rapor pemohon beasiswa", "Petugas", "Berkas terverifikasi", 120),
     ("Verifikasi kelengkapan berkas pendaftar beasiswa", "Staf", "Berkas terverifikasi", 90),
     ("Staf meneliti keabsahan berkas usulan beasiswa", "Staf", "Berkas sah", 120),
     ("Pemeriksaan berkas permohonan beasiswa", "Pengelola", "Berkas lengkap", 60)],
    [("Tim seleksi menilai dan memeringkat calon penerima beasiswa", "Tim Seleksi", "Daftar peringkat", 450),
     ("Seleksi calon penerima beasiswa oleh tim", "Tim", "Hasil seleksi beasiswa", 900),
     ("Tim menilai usulan dan menyusun peringkat penerima beasiswa", "Tim", "Daftar peringkat beasiswa", 450),
     ("Penilaian calon penerima beasiswa", "Tim Penilai", "Hasil penilaian", 450)],
    [("Kepala Dinas menetapkan keputusan penerima beasiswa", "Kepala Dinas", "Keputusan penerima beasiswa", 60),
     ("Penetapan penerima beasiswa oleh Kepala Badan", "Kepala Badan", "Keputusan penerima", 60),
     ("Bupati menetapkan daftar penerima beasiswa", "Bupati", "Keputusan penerima beasiswa", 60),
     ("Kepala Dinas menandatangani keputusan penerima beasiswa", "Kepala Dinas", "Keputusan", 30)],
    [("Bendahara menyalurkan dana beasiswa ke rekening penerima", "Bendahara", "Bukti transfer beasiswa", 60),
     ("Pencairan dana beasiswa melalui bank", "Bendahara", "Bukti transfer", 60),
     ("Dana beasiswa ditransfer ke rekening mahasiswa", "Bendahara", "Bukti transfer", 60),
     ("Penyaluran beasiswa kepada siswa penerima", "Bendahara", "Tanda terima beasiswa", 60)],
]
SCHOLARSHIP_TITLES = ["SOP Penyaluran Beasiswa", "SOP Beasiswa Pendidikan", "SOP Pemberian Beasiswa"]
# What an agency adds to the procedure's name for its own variant of it
VARIANTS = ["Anak Nelayan di Pulau Terluar", "Bagi Penghafal Kitab Suci Tingkat Kabupaten",
            "Afirmasi Daerah Tertinggal dan Perbatasan", "Atlet Berprestasi Cabang Olahraga Unggulan",
            "Putra Putri Veteran Pejuang Kemerdekaan"]


def scholarships(variant: str, own_steps: int) -> dict:
    """Four agencies' scholarship SOPs, the fourth naming its own variant; in a batch with SOPs of
    other procedures, as a real batch holds."""
    sops = {}
    for agency, title in enumerate([*SCHOLARSHIP_TITLES, f"SOP Beasiswa {variant}"]):
        sops[f"b{agency}.docx"] = {"title": title, "agency": f"Dinas Pendidikan {'PQRS'[agency]}",
                                   "steps": [row[(agency + own_steps) % 4] for row in SCHOLARSHIP_STEPS]}
    return {**sops, **DATA_KINERJA, **SURAT_MASUK}


def incoming_letters_beside_outgoing_ones() -> dict:
    """Sending letters by three agencies, one of which does not print "keluar" in its title (the
    group's titles share only "surat"), and receiving letters by a fourth."""
    outgoing = dict(SURAT_KELUAR_AGENDA)
    outgoing["j.docx"] = {"title": "SOP Pembuatan dan Pengiriman Surat Dinas", "agency": "Dinas J", "steps": [
        ("Menyusun konsep surat dinas", "Pelaksana", "Konsep surat", 30),
        ("Memaraf konsep surat", "Sekretaris", "Konsep surat", 15),
        ("Menandatangani surat dinas", "Kepala Dinas", "Surat", 10),
        ("Mencatat surat dalam buku agenda surat keluar", "Pelaksana", "Agenda surat keluar", 10),
        ("Mengirimkan surat kepada alamat tujuan", "Pelaksana", "Tanda terima surat", 30),
    ]}
    return {**outgoing, "f.docx": SURAT_MASUK["f.docx"]}


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(VARIANTS), st.integers(min_value=0, max_value=3))
def test_an_sop_naming_its_own_variant_of_a_procedure_joins_the_agencies_group(variant, own_steps):
    groups = harmonize(*tables(scholarships(variant, own_steps))).groups.set_index("sop_key")["group_id"]
    assert groups[[f"b{agency}.docx" for agency in range(4)]].nunique() == 1
    assert groups["b0.docx"] not in set(groups[list(DATA_KINERJA) + list(SURAT_MASUK)])


def test_copies_of_an_sop_naming_its_own_variant_join_the_agencies_group_together():
    """The variant SOP as a Word file and its PDF export: one agency's SOP, left alone as two
    documents, joins as one."""
    sops = scholarships(VARIANTS[1], 0)
    sops["b3.pdf"] = dict(sops["b3.docx"])
    groups = harmonize(*tables(sops)).groups.set_index("sop_key")["group_id"]
    assert groups[["b0.docx", "b1.docx", "b2.docx", "b3.docx", "b3.pdf"]].nunique() == 1


def test_a_sibling_procedure_sharing_only_the_groups_topic_word_stays_apart():
    groups = harmonize(*tables(incoming_letters_beside_outgoing_ones())).groups.set_index("sop_key")["group_id"]
    assert groups["f.docx"] not in set(groups.drop("f.docx"))


def test_an_sop_left_alone_with_other_work_does_not_join_a_group_its_title_names():
    """The title names the group's core but the steps do other work (servicing the vehicles)."""
    sops = scholarships(VARIANTS[0], 0)
    sops["b3.docx"]["steps"] = [
        ("Memeriksa kondisi kendaraan operasional", "Pengemudi", "Catatan kerusakan", 30),
        ("Membawa kendaraan ke bengkel rekanan", "Pengemudi", "Kendaraan di bengkel", 60),
        ("Membayar biaya servis kendaraan", "Bendahara", "Kuitansi servis", 30),
        ("Mencatat riwayat pemeliharaan kendaraan", "Pengurus Barang", "Kartu pemeliharaan", 15),
    ]
    groups = harmonize(*tables(sops)).groups.set_index("sop_key")["group_id"]
    assert groups["b3.docx"] not in set(groups.drop("b3.docx"))


@given(st.sampled_from(SPELLINGS), st.sampled_from(["Menyimpan {} asli", "Pengambilan {} di loket", "{} diterima petugas"]))
def test_a_step_spelled_regionally_reads_as_the_same_work(pair, wording):
    from pipeline.harmonize.phases import Weights, read_step, similarity

    weights = Weights()
    readings = [read_step(wording.format(word), f"{word} tersimpan", None, 0.5, weights, "Pengurus Barang")
                for word in pair]
    assert readings[0].objects == readings[1].objects and readings[0].output == readings[1].output
    assert similarity(readings, weights)[0, 1] == pytest.approx(1.0)
