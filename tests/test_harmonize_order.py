"""Phases where one verb does two jobs in one procedure, and verbs of signing, applying and
recording, on wordings (a library's book loans, a meeting's minutes) that no corpus prints."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from pipeline.harmonize import harmonize
from pipeline.harmonize.cluster import split_repeated
from pipeline.harmonize.text import parse_activity

from test_harmonize import tables

# Book loans at a library as three agencies might word them: "memeriksa" checks the member's
# card before lending and the book brought back after; each row is one kind of work
LOAN = [
    ["Anggota mengisi slip peminjaman buku", "Pengisian slip pinjam oleh anggota", "Slip peminjaman diisi anggota"],
    ["Petugas memeriksa kartu anggota dan ketersediaan buku", "Pemeriksaan kartu anggota perpustakaan",
     "Petugas mengecek keabsahan kartu anggota"],
    ["Petugas mencatat peminjaman pada buku induk", "Pencatatan pinjaman pada sistem perpustakaan",
     "Peminjaman dicatat dalam kartu buku"],
    ["Buku diserahkan kepada anggota", "Penyerahan buku kepada peminjam", "Petugas memberikan buku kepada anggota"],
    ["Anggota mengembalikan buku yang dipinjam", "Pengembalian buku oleh anggota", "Buku dikembalikan peminjam"],
    ["Petugas memeriksa keadaan buku yang dikembalikan", "Pemeriksaan kondisi buku yang kembali",
     "Petugas meneliti keutuhan buku kembalian"],
]
LIBRARIES = ["Dinas Perpustakaan Kota Tual", "Dinas Kearsipan dan Perpustakaan Kabupaten Buru",
             "UPT Perpustakaan Daerah Provinsi Gorontalo"]
LOAN_ACTORS = ["Anggota", "Pustakawan", "Pustakawan", "Pustakawan", "Anggota", "Pustakawan"]


def library(choice: list[int]) -> dict:
    sops = {}
    for agency, pick in enumerate(choice):
        steps = [(row[(pick + agency) % len(row)], actor, "Buku", 10) for row, actor in zip(LOAN, LOAN_ACTORS)]
        sops[f"{agency}.docx"] = {"title": "SOP Layanan Sirkulasi", "agency": LIBRARIES[agency],
                                  "steps": steps}
    return sops


@settings(max_examples=10, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=2), min_size=3, max_size=3))
def test_checking_before_lending_and_after_return_are_two_phases(choice):
    steps = harmonize(*tables(library(choice))).steps
    phase = steps.set_index(["sop_key", "seq"])["phase"]
    for sop in ("0.docx", "1.docx", "2.docx"):
        assert phase[(sop, 2)] != phase[(sop, 6)]
    assert steps.groupby("seq")["phase"].nunique().loc[[2, 6]].eq(1).all()


def test_one_agency_doing_a_kind_of_work_again_keeps_it_one_phase():
    # a disposition at steps 1 and 3 by one agency only: the same work, not two phases
    sops = {
        "a.docx": {"title": "SOP Rapat Koordinasi", "agency": "Dinas A", "steps": [
            ("Kepala Dinas mendisposisikan undangan rapat kepada Sekretaris", "Kepala Dinas", "Disposisi", 10),
            ("Sekretaris menyiapkan bahan rapat", "Sekretaris", "Bahan rapat", 60),
            ("Kepala Dinas mendisposisikan notulen rapat kepada bidang", "Kepala Dinas", "Disposisi", 10),
            ("Staf mengarsipkan notulen rapat", "Staf", "Arsip", 10)]},
        "b.docx": {"title": "SOP Rapat Koordinasi", "agency": "Dinas B", "steps": [
            ("Pemberian disposisi undangan rapat oleh Kepala", "Kepala Badan", "Disposisi", 10),
            ("Penyiapan bahan rapat", "Sekretaris", "Bahan rapat", 60),
            ("Pengarsipan notulen rapat", "Staf", "Arsip", 10)]},
        "c.docx": {"title": "SOP Rapat Koordinasi", "agency": "Dinas C", "steps": [
            ("Kepala mendisposisi undangan rapat", "Kepala Kantor", "Disposisi", 10),
            ("Bahan rapat disiapkan Sekretaris", "Sekretaris", "Bahan rapat", 60),
            ("Notulen rapat diarsipkan", "Staf", "Arsip", 10)]},
    }
    steps = harmonize(*tables(sops)).steps.set_index(["sop_key", "seq"])["phase"]
    assert steps[("a.docx", 1)] == steps[("a.docx", 3)] == steps[("b.docx", 1)] == steps[("c.docx", 1)]


def test_a_cluster_is_split_by_order_only_where_most_agencies_repeat_its_work():
    # items: owner x place; every owner has two items far apart, item 6 (owner "d") is nearer the late ones
    owners = ["a", "a", "b", "b", "c", "c", "d"]
    places = [1, 5, 1, 6, 0, 4, 5]
    similarity = np.full((7, 7), 0.7)
    late = [1, 3, 5, 6]
    similarity[np.ix_(late, late)] = 0.9
    other_things = np.eye(7)  # every item handles its own object
    labels = split_repeated(similarity, [0] * 7, owners, owners, places, other_things)
    assert [labels[i] for i in late] == [labels[1]] * 4 and labels[0] == labels[2] == labels[4] != labels[1]
    # the same three SOPs as copies of one agency's: one agency repeating is no sign
    assert split_repeated(similarity, [0] * 7, owners, ["x"] * 6 + ["d"], places, other_things) == [0] * 7
    # most agencies doing it twice one step after the other (places 1 and 2), on other things:
    # two jobs too (a file checked, then the applicant's audit findings)
    in_a_row = [1, 2, 1, 2, 0, 1, 5]
    labels = split_repeated(similarity, [0] * 7, owners, owners, in_a_row, other_things)
    assert [labels[i] for i in late] == [labels[1]] * 4 and labels[0] != labels[1]
    # ... on one thing: a chain (a form passed down from the head to a section), one phase
    one_thing = np.ones((7, 7))
    assert split_repeated(similarity, [0] * 7, owners, owners, in_a_row, one_thing) == [0] * 7
    # ... naming no object ("mendisposisikan" twice): no sign of other things either
    assert split_repeated(similarity, [0] * 7, owners, owners, in_a_row, np.zeros((7, 7))) == [0] * 7
    # one agency doing it twice in a row on other things, the others once: one stretch of work
    assert split_repeated(similarity, [0] * 5, ["a", "a", "b", "c", "d"], ["a", "a", "b", "c", "d"],
                          [1, 2, 1, 1, 2], np.eye(5)) == [0] * 5


def test_agencies_doing_a_verbs_three_jobs_anchor_the_split_and_one_doing_two_goes_by_similarity():
    # owners a, b, c check a file (places 1), trace findings (2) and review a draft (4); owner d
    # checks the file and traces findings (1, 2) but has no review: its trace is no review.
    # Tracing is nearer checking than reviewing is.
    owners = ["a", "a", "a", "b", "b", "b", "c", "c", "c", "d", "d"]
    places = [1, 2, 4, 1, 2, 4, 1, 2, 4, 1, 2]
    job = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1]
    between = {frozenset((0, 1)): 0.8, frozenset((0, 2)): 0.6, frozenset((1, 2)): 0.6}
    similarity = np.array([[0.9 if a == b else between[frozenset((a, b))] for b in job] for a in job])
    labels = split_repeated(similarity, [0] * 11, owners, owners, places, np.eye(11))
    parts = {}
    for item, kind in enumerate(job):
        parts.setdefault(kind, set()).add(labels[item])
    assert all(len(found) == 1 for found in parts.values()) and len(set().union(*parts.values())) == 3


# An inspectorate's letter that an employee has no unsettled audit finding, as four agencies
# might word it: the file is checked, then the findings, one step after the other
CLEARANCE = [
    ["Pegawai mengajukan permohonan surat keterangan bebas temuan", "Permohonan surat keterangan diajukan pegawai",
     "Pemohon menyerahkan formulir permohonan keterangan", "Pengajuan permohonan keterangan bebas temuan"],
    ["Petugas memeriksa kelengkapan berkas permohonan", "Staf meneliti kelengkapan persyaratan",
     "Verifikasi kelengkapan berkas oleh petugas", "Petugas mengecek kelengkapan formulir dan lampiran"],
    ["Auditor memeriksa daftar temuan yang belum ditindaklanjuti", "Auditor meneliti tindak lanjut temuan pemohon",
     "Pengecekan status temuan pemohon pada aplikasi", "Auditor mencocokkan nama pemohon dengan daftar temuan"],
    ["Petugas menyusun konsep surat keterangan", "Penyusunan konsep surat keterangan",
     "Petugas mengetik surat keterangan", "Konsep surat keterangan dibuat staf"],
    ["Inspektur menandatangani surat keterangan", "Surat keterangan ditandatangani Inspektur",
     "Penandatanganan surat keterangan oleh Inspektur", "Inspektur menandatangani surat keterangan"],
]
CLEARANCE_ACTORS = ["Pemohon", "Petugas", "Auditor", "Petugas", "Inspektur"]
INSPECTORATES = ["Inspektorat Kabupaten Nias", "Inspektorat Kota Sibolga", "Inspektorat Daerah Provinsi Bengkulu",
                 "Inspektorat Kabupaten Lebak"]


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=3), min_size=4, max_size=4))
def test_checking_a_file_and_then_the_findings_in_a_row_are_two_phases(choice):
    sops = {}
    for agency, pick in enumerate(choice):
        steps = [(row[(pick + agency) % len(row)], actor, "Berkas", 30) for row, actor in zip(CLEARANCE, CLEARANCE_ACTORS)]
        sops[f"{agency}.docx"] = {"title": "SOP Surat Keterangan Bebas Temuan", "agency": INSPECTORATES[agency],
                                  "steps": steps}
    steps = harmonize(*tables(sops)).steps
    phase = steps.set_index(["sop_key", "seq"])["phase"]
    for sop in sops:
        assert phase[(sop, 2)] != phase[(sop, 3)]
    assert steps.groupby("seq")["phase"].nunique().loc[[2, 3]].eq(1).all()


@pytest.mark.parametrize("text, kind", [
    ("Pengesahan notulen rapat oleh Kepala Dinas", "TANDATANGAN"),
    ("Kepala mengesahkan daftar hadir", "TANDATANGAN"),
    ("Notulen ditandatangani pimpinan rapat", "TANDATANGAN"),
    ("Pimpinan menyetujui jadwal rapat", "SETUJU"),
    ("Menetapkan peserta rapat", "SETUJU"),
    ("Sekretaris mengajukan usulan anggaran rapat", "MOHON"),
    ("Pengajuan anggaran rapat", "MOHON"),
    ("Membukukan biaya konsumsi rapat", "CATAT"),
    ("Menyerahterimakan notulen kepada bidang", "SERAH"),
    ("Peserta menghadiri rapat", "HADIR"),
    ("Pegawai mengikuti bimbingan teknis", "HADIR"),
])
def test_signing_applying_and_recording_verbs_read_as_their_kind_of_work(text, kind):
    assert parse_activity(text).head == kind


@pytest.mark.parametrize("unknown, known, other", [
    ("Menempelkan pengumuman lelang di papan informasi", "Mempublikasikan pengumuman lelang di papan informasi",
     "Memeriksa pengumuman lelang"),
    ("Pelunasan tagihan listrik kantor", "Pembayaran tagihan listrik kantor", "Pencatatan tagihan listrik kantor"),
])
def test_a_verb_the_lexicon_does_not_know_counts_neither_for_nor_against_a_phase(unknown, known, other):
    # "menempelkan", "melunasi": verbs the lexicon lacks; the object, output, actor and place decide
    from pipeline.harmonize.phases import Weights, read_step, similarity

    weights = Weights()
    readings = [read_step(text, "Dokumen", None, 0.5, weights, "Kepala Bagian") for text in (unknown, known, other)]
    assert not readings[0].known and readings[1].known and readings[2].known
    matrix = similarity(readings, weights)
    assert matrix[0, 1] == pytest.approx(1.0)  # all else alike: nothing held against it
    assert matrix[1, 2] < weights.threshold  # two known verbs of other kinds of work stay apart


# two procedures of village offices whose titles share only the kind of agency that wrote them
KELURAHAN = {
    "p.docx": {"title": "SOP Legalisasi Dokumen Kelurahan", "agency": "Kelurahan Batu Merah", "steps": [
        ("Warga menyerahkan fotokopi dokumen dan aslinya", "Warga", "Fotokopi dokumen", 5),
        ("Petugas mencocokkan fotokopi dengan dokumen asli", "Petugas", "Fotokopi sesuai", 10),
        ("Lurah memaraf dan mengecap fotokopi dokumen", "Lurah", "Fotokopi terlegalisasi", 10),
        ("Petugas mencatat legalisasi dalam buku register", "Petugas", "Register legalisasi", 5)]},
    "q.docx": {"title": "SOP Pengadaan Barang Persediaan Kelurahan", "agency": "Kelurahan Waihaong", "steps": [
        ("Staf menyusun daftar kebutuhan barang persediaan", "Staf", "Daftar kebutuhan", 60),
        ("Lurah menyetujui daftar kebutuhan", "Lurah", "Persetujuan", 30),
        ("Bendahara membeli barang pada toko", "Bendahara", "Nota pembelian", 120),
        ("Staf mencatat barang masuk pada kartu persediaan", "Staf", "Kartu persediaan", 15)]},
}


def test_a_title_word_naming_the_sops_own_agency_does_not_join_procedures():
    from pipeline.harmonize.grouping import title_bag

    assert set(title_bag("SOP Legalisasi Dokumen Kelurahan", "Kelurahan Batu Merah")) == {"legalisasi", "dokumen"}
    assert "lurah" in title_bag("SOP Legalisasi Dokumen Kelurahan", "Dinas Kependudukan")
    for names in (["p.docx", "q.docx"], ["p.docx", "q.docx", "0.docx"]):
        sops = {**KELURAHAN, **library([0, 1, 2])}
        result = harmonize(*tables({name: sops[name] for name in names}))
        assert result.groups["group_id"].nunique() == len(names)


def test_an_instruction_passed_down_in_a_row_by_every_agency_stays_one_phase():
    """Head to secretary to section, one step after the other, on one thing: a chain, not two jobs."""
    sops = {}
    for agency, (head, unit) in enumerate([("Kepala Dinas", "Dinas Sosial Kota Tual"),
                                           ("Kepala Badan", "Badan Kesbangpol Kabupaten Buru"),
                                           ("Camat", "Kecamatan Leitimur Selatan")]):
        sops[f"{agency}.docx"] = {"title": "SOP Pendataan Penerima Bantuan", "agency": unit, "steps": [
            (f"{head} memerintahkan Sekretaris menyiapkan pendataan penerima bantuan", head, "Disposisi", 10),
            ("Sekretaris memerintahkan Kepala Seksi menyiapkan pendataan penerima bantuan", "Sekretaris",
             "Disposisi", 10),
            ("Kepala Seksi mendata calon penerima bantuan di lapangan", "Kepala Seksi", "Daftar calon penerima", 900),
            ("Sekretaris memeriksa daftar calon penerima bantuan", "Sekretaris", "Daftar terverifikasi", 60),
        ]}
    phase = harmonize(*tables(sops)).steps.set_index(["sop_key", "seq"])["phase"]
    assert all(phase[(sop, 1)] == phase[(sop, 2)] for sop in sops)
