"""Reading Indonesian activity labels: stems, actions, objects."""
import pytest

from pipeline.harmonize.text import parse_activity, participle_concepts, stem, words


@pytest.mark.parametrize("word, root", [
    ("menyampaikan", "sampai"),
    ("mengumpulkan", "kumpul"),
    ("memeriksa", "periksa"),
    ("memverifikasi", "verifikasi"),
    ("menandatangani", "tandatangan"),
    ("penandatanganan", "tandatangan"),
    ("diserahkan", "serah"),
    ("laporan", "lapor"),
    ("melaporkan", "lapor"),
    ("mengirim", "kirim"),
    ("menetapkan", "tetap"),
    ("mengesahkan", "sah"),
    ("pemilahan", "pilah"),
    ("perjalanan", "jalan"),
    ("dinas", "dinas"),  # no cut below four letters
    ("berita", "berita"),  # a root that looks prefixed
])
def test_stem(word, root):
    assert stem(word) == root


def test_words_expand_abbreviations_and_join_compounds():
    assert words("Menyerahkan srt kpd Kasubag utk tanda tangan") == [
        "menyerahkan", "surat", "kepada", "kasubbag", "untuk", "tandatangan"]


@pytest.mark.parametrize("activity, head", [
    ("Memerintahkan staf untuk merekap data", "PERINTAH"),  # the purpose clause is secondary
    ("Memberikan disposisi dan arahan atas surat masuk", "PERINTAH"),  # light verb + noun
    ("Melakukan pemilahan arsip sesuai klasifikasi", "PILAH"),
    ("Verifikasi data isian input kinerja", "PERIKSA"),  # a noun used as the verb
    ("Mengoreksi konsep surat keluar", "PERIKSA"),
    ("Menginstruksikan Staf untuk menghimpun data", "PERINTAH"),
])
def test_head_action(activity, head):
    assert parse_activity(activity).head == head


def test_generic_verb_takes_the_kind_of_work_from_its_object():
    actions = [a.concept for a in parse_activity("Menyusun laporan kinerja triwulan").actions]
    assert actions[:2] == ["SUSUN", "LAPOR"]
    assert not parse_activity("Menyusun laporan kinerja triwulan").generic
    assert parse_activity("Menyampaikan data kinerja kepada staf").generic


def test_recipient_and_modifier_are_not_the_object():
    activity = parse_activity("Menyerahkan formulir kepada Kepala Bidang sesuai jadwal")
    assert activity.recipients == ["kepala", "bidang"]
    assert activity.objects["formulir"] > activity.objects["jadwal"]


def test_output_participles_name_the_work_done():
    assert participle_concepts("Formulir yang telah diisi") == ["ISI"]
    assert participle_concepts("Berkas cuti terverifikasi") == ["PERIKSA"]
    assert participle_concepts("Laporan data kinerja") == []  # an artefact, not a state
