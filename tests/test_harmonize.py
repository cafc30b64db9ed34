"""Harmonize stage on small hand-made tables: grouping, phases, audit, time."""
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pipeline.harmonize as stage
from pipeline.harmonize import FrameSteps, batches_of_groups, harmonize, harmonize_in_batches
from pipeline.harmonize.cluster import average_linkage, merge_complementary
from pipeline.harmonize.grouping import activity_counts
from pipeline.harmonize.timing import document_minutes, in_words
from pipeline.harmonize.vectors import cosine_matrix

FIXTURES = Path(__file__).parent / "fixtures" / "harmonize"


def tables(sops: dict[str, dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """documents and steps from {file: {title, agency, steps: [(activity, actor, output, minutes)]}}."""
    documents, steps = [], []
    for sop_key, sop in sops.items():
        documents.append({"sop_key": sop_key, "status": "ok", "sop_title": sop["title"],
                          "agency": sop["agency"], "sop_number": None})
        for seq, (activity, actor, output, minutes, *step_no) in enumerate(sop["steps"], start=1):
            steps.append({"sop_key": sop_key, "seq": seq,
                          "step_no": step_no[0] if step_no else seq, "activity": activity,
                          "actor": actor, "actors": [actor], "requirements": None, "output": output,
                          "duration_minutes": minutes, "phase": None})
    return pd.DataFrame(documents), pd.DataFrame(steps)


DATA_KINERJA = {
    "a.docx": {"title": "SOP Pengumpulan Data Kinerja", "agency": "Kecamatan A", "steps": [
        ("Memerintahkan staf untuk menyiapkan formulir data kinerja", "Camat", "Disposisi", 30),
        ("Mengisi formulir data capaian kinerja", "Kepala Seksi", "Formulir yang telah diisi", 900),
        ("Merekap data capaian kinerja", "Staf", "Rekap data kinerja", 120),
        ("Memverifikasi hasil rekapitulasi data kinerja", "Sekretaris", "Data terverifikasi", 60),
        ("Menyimpan dokumen data kinerja", "Staf", "Arsip data kinerja", 15),
    ]},
    "b.pdf": {"title": "SOP Mekanisme Pengumpulan Data Kinerja", "agency": "Dinas B", "steps": [
        ("Mendisposisikan kepada Kasubbag untuk mengumpulkan data kinerja", "Kepala Dinas",
         "Lembar disposisi", 20),
        ("Menginput data realisasi kinerja pada format yang tersedia", "Kepala Sub Bagian Program",
         "Data capaian kinerja", 1350),
        ("Mengkompilasi data kinerja dari seluruh bidang", "Staf", "Rekap data kinerja", 450),
        ("Memeriksa kelengkapan dan kebenaran data kinerja", "Sekretaris", "Data terverifikasi", 90),
    ]},
    "c.txt": {"title": "SOP Data Kinerja", "agency": "Biro C", "steps": [
        ("Menginstruksikan Staf untuk menghimpun data kinerja", "Kepala Biro", "Arahan", 45),
        ("Merekapitulasi data kinerja yang telah terkumpul", "Staf", "Rekap data kinerja", 300),
        ("Mengisi formulir pengumpulan data kinerja", "Kepala Bagian", "Data capaian kinerja", 1800),
        ("Menganalisa hasil rekapitulasi data kinerja", "Kepala Biro", "Data tervalidasi", 120),
    ]},
}
SURAT_KELUAR = {
    "d.docx": {"title": "SOP Surat Keluar", "agency": "Dinas D", "steps": [
        ("Mengetik konsep surat keluar", "Pelaksana", "Draft surat", 60),
        ("Menandatangani surat keluar", "Kepala Dinas", "Surat yang telah ditandatangani", 20),
        ("Mengirim surat melalui pos atau email dinas", "Pelaksana", "Tanda terima", 30),
    ]},
    "e.pdf": {"title": "SOP Penerbitan Surat Keluar", "agency": "Badan E", "steps": [
        ("Membuat konsep surat keluar sesuai disposisi", "Staf", "Konsep surat", 45),
        ("Menyetujui dan menandatangani surat", "Kepala Badan", "Surat yang telah ditandatangani", 15),
        ("Mengirimkan surat kepada alamat tujuan melalui kurir", "Staf", "Bukti pengiriman", 60),
    ]},
}


@pytest.fixture(scope="module")
def result():
    return harmonize(*tables({**DATA_KINERJA, **SURAT_KELUAR}))


def phase_of(result, sop_key, seq):
    steps = result.steps
    return steps.loc[(steps["sop_key"] == sop_key) & (steps["seq"] == seq), "phase"].item()


def test_titles_worded_differently_group_together_and_other_procedures_apart(result):
    group = result.groups.set_index("sop_key")["group_id"]
    assert group["a.docx"] == group["b.pdf"] == group["c.txt"]
    assert group["d.docx"] == group["e.pdf"]
    assert group["a.docx"] != group["d.docx"]
    assert set(result.groups.columns) >= {"sop_key", "group_id", "group_label"}


@pytest.mark.parametrize("a, b", [
    (("a.docx", 1), ("b.pdf", 1)),  # memerintahkan / mendisposisikan
    (("a.docx", 1), ("c.txt", 1)),  # memerintahkan / menginstruksikan
    (("a.docx", 2), ("b.pdf", 2)),  # mengisi / menginput
    (("a.docx", 3), ("b.pdf", 3)),  # merekap / mengkompilasi
    (("a.docx", 3), ("c.txt", 2)),  # merekap / merekapitulasi, at another position
    (("a.docx", 4), ("b.pdf", 4)),  # memverifikasi / memeriksa
    (("a.docx", 4), ("c.txt", 4)),  # memverifikasi / menganalisa
    (("d.docx", 1), ("e.pdf", 1)),  # mengetik / membuat konsep
    (("d.docx", 2), ("e.pdf", 2)),
    (("d.docx", 3), ("e.pdf", 3)),  # mengirim / mengirimkan
])
def test_same_work_worded_differently_shares_a_phase(result, a, b):
    assert phase_of(result, *a) == phase_of(result, *b)


@pytest.mark.parametrize("a, b", [
    (("a.docx", 1), ("a.docx", 2)),
    (("a.docx", 2), ("a.docx", 3)),
    (("a.docx", 3), ("a.docx", 4)),
    (("b.pdf", 2), ("b.pdf", 4)),
    (("d.docx", 1), ("d.docx", 2)),
    (("e.pdf", 2), ("e.pdf", 3)),
])
def test_different_work_gets_different_phases(result, a, b):
    assert phase_of(result, *a) != phase_of(result, *b)


def test_consensus_and_differences_per_agency(result):
    group = result.groups.set_index("sop_key")["group_id"]["a.docx"]
    phases = result.phases[result.phases["group_id"] == group].set_index("phase")
    archive = phase_of(result, "a.docx", 5)
    assert phases.loc[archive, "n_agencies"] == 1 and not phases.loc[archive, "core"]
    audit = result.audit.set_index("sop_key")
    assert audit.loc["a.docx", "extra_steps"] == [5]
    assert audit.loc["b.pdf", "missing_phases"] == []
    # c.txt recaps before filling in: one pair of phases against the consensus order
    assert audit.loc["c.txt", "order_differences"] == 1
    assert audit.loc["a.docx", "order_differences"] == 0
    # filling in is done by section heads elsewhere, by a Kepala Bagian in c.txt
    fill = phase_of(result, "c.txt", 3)
    assert any(d.startswith(f"{fill}: Kepala Bagian") for d in audit.loc["c.txt", "actor_differences"])


def test_matrix_sums_minutes_per_document_and_phase(result):
    matrix = result.matrix
    row = matrix[(matrix["sop_key"] == "a.docx") & (matrix["phase"] == phase_of(result, "a.docx", 3))]
    assert row["minutes"].item() == 120 and row["step_nos"].item() == [3]
    assert row["actors"].item() == ["Staf"]


def test_totals_and_critical_path_in_audit(result):
    audit = result.audit.set_index("sop_key")
    assert audit.loc["a.docx", "total_minutes"] == 30 + 900 + 120 + 60 + 15
    assert audit.loc["a.docx", "critical_path_minutes"] == audit.loc["a.docx", "total_minutes"]


def test_critical_path_takes_the_longest_of_steps_printed_with_one_number():
    steps = pd.DataFrame({"sop_key": "a.docx", "seq": [1, 2, 3, 4], "step_no": [1, 2, 2, 3],
                          "duration_minutes": [10.0, 30.0, 45.0, math.nan]})
    unmeasured = steps.assign(sop_key="b.docx", duration_minutes=math.nan)
    minutes = document_minutes(pd.concat([steps, unmeasured]))
    assert minutes.loc["a.docx", "total_minutes"] == 85
    assert minutes.loc["a.docx", "critical_path_minutes"] == 55
    assert minutes.loc["b.docx"].isna().all()


@pytest.mark.parametrize("minutes, text", [(2, "2 menit"), (90, "1,5 jam"), (54000, "120 hari")])
def test_minutes_in_words(minutes, text):
    assert in_words(minutes) == text


def test_same_agency_in_two_files_is_not_its_own_peer():
    sops = {name: {**sop, "steps": list(sop["steps"])} for name, sop in DATA_KINERJA.items()}
    sops["d.pdf"] = {**DATA_KINERJA["a.docx"], "agency": "Badan Pendapatan D"}  # a third peer for b
    # b.pdf read twice (as docx too), with 10 days instead of 1 hour for the check
    slow = [*sops["b.pdf"]["steps"][:3], ("Memeriksa kelengkapan dan kebenaran data kinerja",
                                          "Sekretaris", "Data terverifikasi", 4500)]
    sops["b.pdf"]["steps"] = slow
    sops["b.docx"] = {**sops["b.pdf"], "agency": "DINAS  B"}
    found = harmonize(*tables(sops)).findings
    outliers = {(f["sop_key"], f["step_no"]) for f in found if f["rule"] == "DURATION_OUTLIER"}
    assert ("b.pdf", 4) in outliers and ("b.docx", 4) in outliers
    assert "dari 3 instansi" in next(f["message"] for f in found if f["sop_key"] == "b.pdf")


def test_a_time_is_an_outlier_only_against_three_other_agencies():
    """Against one or two agencies a different time may be a different way of working."""
    sops = {name: {**sop, "steps": list(sop["steps"])} for name, sop in DATA_KINERJA.items()}
    sops["b.pdf"]["steps"][3] = ("Memeriksa kelengkapan dan kebenaran data kinerja", "Sekretaris",
                                 "Data terverifikasi", 4500)
    assert not [f for f in harmonize(*tables(sops)).findings if f["rule"] == "DURATION_OUTLIER"]


def test_matrix_and_audit_carry_the_other_agencies_medians_each_agency_once():
    sops = {**DATA_KINERJA, "b.docx": {**DATA_KINERJA["b.pdf"], "agency": "DINAS  B"}}  # b's SOP read twice
    result = harmonize(*tables(sops))
    matrix = result.matrix.set_index(["sop_key", "phase"])
    phase = matrix.loc["a.docx"].index[0]  # a's first phase: a 30, b 20 (twice), c 45 minutes
    minutes = {f: matrix.loc[(f, phase), "minutes"] for f in sops}
    assert matrix.loc[("a.docx", phase), "peers_median"] == (minutes["b.pdf"] + minutes["c.txt"]) / 2
    assert matrix.loc[("b.pdf", phase), "peers_median"] == (minutes["a.docx"] + minutes["c.txt"]) / 2
    totals = result.audit.set_index("sop_key")["total_minutes"]
    peers = result.audit.set_index("sop_key")["peers_median"]
    assert peers["c.txt"] == (totals["a.docx"] + totals["b.pdf"]) / 2 and peers["b.docx"] == peers["b.pdf"]


def test_failed_document_without_steps_is_grouped_and_harmless():
    documents, steps = tables(SURAT_KELUAR)
    failed = pd.DataFrame([{"sop_key": "x.pdf", "status": "failed", "sop_title": None,
                            "agency": None, "sop_number": None}])
    result = harmonize(pd.concat([documents, failed], ignore_index=True), steps)
    assert "x.pdf" in set(result.groups["sop_key"])
    assert "x.pdf" not in set(result.audit["sop_key"])


def seed_tables():
    return (pd.read_csv(FIXTURES / "seed_documents.csv"), pd.read_csv(FIXTURES / "seed_steps.csv"))


def test_seeds_form_one_group_and_times_far_from_three_agencies_stand_out():
    result = harmonize(*seed_tables())
    assert result.groups["group_id"].nunique() == 1
    outliers = [f for f in result.findings if f["rule"] == "DURATION_OUTLIER"]
    by_step = {(f["sop_key"], f["step_no"]): f for f in outliers}
    assert "10 hari" in by_step[("000_536c8a9962f24e58.txt", 6)]["message"]
    assert "lebih singkat" in by_step[("001_61309ccb0c5e84e3.txt", 1)]["message"]
    # Rokan Hilir's "120 hari" report has only two other agencies doing that work: too few to judge
    assert not [f for f in outliers if f["sop_key"] == "002_c2a19b0c359d43f6.txt"]
    assert all(f["severity"] == "warning" and f["field"] == "duration_minutes" for f in outliers)
    assert all(re.search(r"dari ([3-9]|\d\d+) instansi", f["message"]) for f in outliers)
    assert set(outliers[0]) == {"sop_key", "rule", "severity", "step_no", "field", "message"}


def test_tables_as_the_run_stores_them():
    """Nullable integer columns (a step printed without a number) as the batch hands them over."""
    documents, steps = tables(SURAT_KELUAR)
    steps["step_no"] = pd.array([1, None, 3, 1, 2, 3], dtype="Int64")
    steps["seq"] = pd.array(steps["seq"], dtype="Int64")
    result = harmonize(documents, steps)
    audit = result.audit.set_index("sop_key")
    assert audit.loc["d.docx", "critical_path_minutes"] == 60 + 20 + 30
    assert result.steps["phase"].notna().all()


def test_clusters_that_no_sop_has_both_of_merge_when_close():
    similarity = np.array([[1.0, 0.9, 0.3, 0.3],
                           [0.9, 1.0, 0.3, 0.3],
                           [0.3, 0.3, 1.0, 0.1],
                           [0.3, 0.3, 0.1, 1.0]])
    clusters = average_linkage(similarity, 0.5)
    assert clusters == [0, 0, 1, 2]
    # step 2 belongs to SOP "a" like step 0: not merged; step 3 (SOP "c") is
    assert merge_complementary(similarity, clusters, ["a", "b", "a", "c"], 0.25) == [0, 0, 1, 0]
    assert merge_complementary(similarity, clusters, ["a", "b", "a", "c"], 0.35) == clusters


def test_empty_batch_gives_empty_tables():
    documents = pd.DataFrame(columns=["sop_key", "status", "sop_title", "agency", "sop_number"])
    steps = pd.DataFrame(columns=["sop_key", "seq", "step_no", "activity", "actor", "requirements",
                                  "output", "duration_minutes", "phase"])
    result = harmonize(documents, steps)
    assert result.groups.empty and result.phases.empty and result.audit.empty and not result.findings


def test_cosine_similarity_of_bags_with_and_without_a_second_collection():
    bags = [{"surat": 1.0, "masuk": 1.0}, {"surat": 2.0, "keluar": 2.0}, {}]
    within = cosine_matrix(bags)
    assert within.shape == (3, 3) and within[0, 0] == pytest.approx(1.0) and within[0, 1] == pytest.approx(0.5)
    assert not within[2].any()  # an empty bag is like nothing
    # a word only the first side has counts in its norm, though it needs no column
    across = cosine_matrix([{"surat": 1.0, "arsip": 1.0}], [{"surat": 1.0}])
    assert across.shape == (1, 1) and across[0, 0] == pytest.approx(2 ** -0.5)
    assert cosine_matrix(bags, []).shape == (3, 0)


def test_groups_harmonized_a_few_files_at_a_time_give_what_the_whole_batch_gives(monkeypatch):
    """Phases and audit are per group, and a group larger than a batch is read a chunk of its
    files at a time: nothing changes but row order."""
    documents, steps = seed_and_small_tables()
    whole = harmonize(documents, steps)
    assert whole.groups.groupby("group_id").size().max() > 2
    monkeypatch.setattr(stage, "DOCUMENTS_PER_BATCH", 2)
    pieces = list(harmonize_in_batches(documents, FrameSteps(steps)))
    for piece in pieces:  # at most two files a piece, with their steps' labels
        assert 0 < len(piece.groups) <= 2
        assert set(piece.steps["sop_key"]) <= set(piece.groups["sop_key"])
    assert sorted(f for piece in pieces for f in piece.groups["sop_key"]) == sorted(documents["sop_key"])
    batched = harmonize(documents, steps)
    assert batched.steps[["group_id", "phase"]].equals(whole.steps[["group_id", "phase"]])
    for name in ("groups", "phases", "matrix", "audit"):
        key = {"groups": ["sop_key"], "phases": ["group_id", "phase"], "matrix": ["sop_key", "phase"],
               "audit": ["sop_key"]}[name]
        expected, got = (getattr(r, name).sort_values(key, ignore_index=True) for r in (whole, batched))
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert sorted(map(repr, batched.findings)) == sorted(map(repr, whole.findings))


class StepsFileByFile(FrameSteps):
    """The steps a window of one file at a time; notes how many activity readings are cached
    when each window is taken."""

    def __init__(self, steps: pd.DataFrame):
        super().__init__(steps)
        self.cached_readings: list[int] = []

    def windows(self, columns: list[str]):
        for _, part in self.steps.groupby("sop_key", sort=True):
            self.cached_readings.append(activity_counts.cache_info().currsize)
            yield part.reindex(columns=columns)


def test_grouping_read_a_window_at_a_time_holds_one_windows_readings_and_groups_as_whole():
    documents, steps = seed_and_small_tables()
    whole = harmonize(documents, steps)
    windowed = StepsFileByFile(steps)
    groups = pd.concat([piece.groups for piece in harmonize_in_batches(documents, windowed)], ignore_index=True)
    assert len(windowed.cached_readings) == documents["sop_key"].nunique()
    assert windowed.cached_readings == [0] * len(windowed.cached_readings)
    pd.testing.assert_frame_equal(groups.sort_values("sop_key", ignore_index=True),
                                  whole.groups.sort_values("sop_key", ignore_index=True))


def test_batches_hold_whole_groups_and_a_larger_group_alone():
    groups = pd.DataFrame({"sop_key": list("abcdefg"), "group_id": ["G1", "G2", "G2", "G2", "G3", "G3", "G4"]})
    assert batches_of_groups(groups, 3) == [["a"], ["b", "c", "d"], ["e", "f", "g"]]
    assert batches_of_groups(groups, 2) == [["a"], ["b", "c", "d"], ["e", "f"], ["g"]]
    assert batches_of_groups(groups.iloc[:0], 3) == [[]]


def seed_and_small_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The five seeds (one procedure) and the hand-made SOPs of two others: three groups."""
    documents, steps = tables({**DATA_KINERJA, **SURAT_KELUAR})
    seeds = pd.read_csv(FIXTURES / "seed_documents.csv"), pd.read_csv(FIXTURES / "seed_steps.csv")
    return (pd.concat([documents, seeds[0]], ignore_index=True),
            pd.concat([steps, seeds[1]], ignore_index=True))


SURAT_MASUK = {
    "f.docx": {"title": "SOP Surat Masuk", "agency": "Dinas F", "steps": [
        ("Menerima surat masuk dari pengirim", "Pelaksana", "Surat masuk", 10),
        ("Mencatat surat masuk dalam buku agenda surat", "Pelaksana", "Agenda surat", 15),
        ("Meneruskan surat kepada Kepala Dinas", "Sekretaris", "Surat", 10),
        ("Mendisposisikan surat kepada bidang terkait", "Kepala Dinas", "Lembar disposisi surat", 20),
        ("Mengarsipkan surat masuk", "Pelaksana", "Arsip surat", 15),
    ]},
    "g.pdf": {"title": "SOP Penerimaan Surat Masuk", "agency": "Badan G", "steps": [
        ("Menerima dan memeriksa surat yang datang", "Staf", "Surat", 10),
        ("Mengagendakan surat pada buku agenda surat masuk", "Staf", "Agenda surat masuk", 10),
        ("Memberi disposisi surat", "Kepala Badan", "Disposisi surat", 30),
        ("Menyimpan surat masuk dalam arsip", "Staf", "Arsip surat", 15),
    ]},
}


# sending letters, recorded and filed as received ones are
SURAT_KELUAR_AGENDA = {
    "h.docx": {"title": "SOP Surat Keluar", "agency": "Dinas H", "steps": [
        ("Membuat konsep surat keluar", "Pelaksana", "Konsep surat", 30),
        ("Memeriksa konsep surat", "Sekretaris", "Konsep surat", 15),
        ("Menandatangani surat", "Kepala Dinas", "Surat", 10),
        ("Mencatat surat keluar dalam buku agenda surat", "Pelaksana", "Agenda surat", 10),
        ("Mengirim surat kepada tujuan", "Pelaksana", "Surat", 30),
        ("Mengarsipkan surat keluar", "Pelaksana", "Arsip surat", 10),
    ]},
    "i.pdf": {"title": "SOP Pengiriman Surat Keluar", "agency": "Badan I", "steps": [
        ("Mengetik surat sesuai konsep", "Staf", "Surat", 30),
        ("Memaraf dan menandatangani surat", "Kepala Badan", "Surat", 15),
        ("Mengagendakan surat pada buku agenda surat keluar", "Staf", "Agenda surat keluar", 10),
        ("Mengirimkan surat", "Staf", "Tanda terima surat", 20),
        ("Menyimpan arsip surat", "Staf", "Arsip surat", 10),
    ]},
}


@pytest.mark.parametrize("masuk", list(SURAT_MASUK))
@pytest.mark.parametrize("keluar", list(SURAT_KELUAR_AGENDA))
def test_two_procedures_on_one_object_stay_apart_in_a_batch_of_two(masuk, keluar):
    """Over two SOPs every word is about as rare as any other: the letters both handle in every
    step (recorded in an agenda, filed) must not make receiving and sending letters one procedure."""
    result = harmonize(*tables({masuk: SURAT_MASUK[masuk], keluar: SURAT_KELUAR_AGENDA[keluar]}))
    assert result.groups["group_id"].nunique() == 2


@pytest.mark.parametrize("procedure", [SURAT_MASUK, SURAT_KELUAR, SURAT_KELUAR_AGENDA])
def test_one_procedure_worded_differently_is_one_group_in_a_batch_of_two(procedure):
    assert harmonize(*tables(procedure)).groups["group_id"].nunique() == 1
