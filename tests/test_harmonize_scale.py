"""Harmonize on batches too large to compare every pair: copies of a small group, reworded a
little, must be phased as the small group is, deterministically, in bounded memory."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import pipeline.harmonize.grouping as grouping
import pipeline.harmonize.phases as phases
from pipeline.harmonize import agency_keys, harmonize
from pipeline.harmonize.cluster import coverage_order
from pipeline.harmonize.vectors import BagRows, cosine_matrix
from test_harmonize import DATA_KINERJA, SURAT_KELUAR, tables

FIXTURES = Path(__file__).parent / "fixtures" / "harmonize"


def seed_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Five SOPs of one procedure by five agencies."""
    return pd.read_csv(FIXTURES / "seed_documents.csv"), pd.read_csv(FIXTURES / "seed_steps.csv")


def reworded(text: str, copy: int) -> str:
    """The same words another way: capitals, spacing, abbreviations."""
    variants = [str.upper, str.lower, lambda t: "  ".join(t.split()), lambda t: t.replace("untuk", "utk")]
    return variants[copy % len(variants)](text)


def copies(documents: pd.DataFrame, steps: pd.DataFrame, n: int, drop_a_word: bool = False
           ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """The originals and n copies of each by other agencies, reworded without changing the
    words read (or, with drop_a_word, with the last word of one step dropped); and
    copy -> original."""
    all_documents, all_steps, original_of = [documents], [steps], {}
    for k in range(n):
        names = {f: f"copy{k:03d}/{f}" for f in documents["sop_key"]}
        original_of.update({name: f for f, name in names.items()})
        all_documents.append(documents.assign(sop_key=documents["sop_key"].map(names),
                                              agency=[f"Instansi {k} {a}" for a in documents["agency"]]))
        copied = steps.assign(sop_key=steps["sop_key"].map(names),
                              activity=[reworded(t, k) for t in steps["activity"]])
        if drop_a_word:
            changed = copied["seq"] == 1 + k % 4
            copied.loc[changed, "activity"] = [" ".join(t.split()[:-1]) for t in copied.loc[changed, "activity"]]
        all_steps.append(copied)
    return (pd.concat(all_documents, ignore_index=True), pd.concat(all_steps, ignore_index=True), original_of)


def same_phase_pairs(steps: pd.DataFrame) -> set[tuple]:
    """The partition of steps into phases, as pairs of (sop_key, seq) sharing one."""
    keys = list(zip(steps["sop_key"], steps["seq"], steps["phase"]))
    return {(a[:2], b[:2]) for a in keys for b in keys if a < b and a[2] == b[2]}


def phase_by_step(steps: pd.DataFrame) -> dict[tuple[str, int], str]:
    return dict(zip(zip(steps["sop_key"], steps["seq"]), steps["phase"]))


@pytest.fixture(scope="module")
def small():
    return harmonize(*seed_tables())


def assert_phased_like_the_originals(result, small, original_of):
    originals = result.steps[~result.steps["sop_key"].isin(original_of)]
    assert same_phase_pairs(originals) == same_phase_pairs(small.steps)
    phase_of = phase_by_step(result.steps)
    for (sop_key, seq), phase in phase_of.items():
        if sop_key in original_of:
            assert phase == phase_of[(original_of[sop_key], seq)], (sop_key, seq)


def test_copies_of_a_small_group_are_phased_as_the_small_group(small):
    documents, steps, original_of = copies(*seed_tables(), n=14)  # 75 SOPs: above the sample size
    assert documents["sop_key"].nunique() > phases.SAMPLE_DOCUMENTS
    result = harmonize(documents, steps)
    assert result.groups["group_id"].nunique() == 1
    assert_phased_like_the_originals(result, small, original_of)


def test_reworded_steps_take_the_phase_of_their_original_step(small, monkeypatch):
    # a sample of five SOPs: the originals are clustered, every copy joins them
    monkeypatch.setattr(phases, "SAMPLE_DOCUMENTS", 5)
    documents, steps, original_of = copies(*seed_tables(), n=8, drop_a_word=True)
    assert_phased_like_the_originals(harmonize(documents, steps), small, original_of)


def test_a_large_group_is_clustered_in_bounded_pieces(monkeypatch):
    shapes = []
    similarity = phases.similarity

    def recorded(readings, *args, **kwargs):
        matrix = similarity(readings, *args, **kwargs)
        shapes.append(matrix.shape)
        return matrix
    monkeypatch.setattr(phases, "similarity", recorded)
    documents, steps, _ = copies(*seed_tables(), n=30, drop_a_word=True)
    harmonize(documents, steps)
    largest_sample = phases.SAMPLE_DOCUMENTS * documents["n_steps"].max()
    assert len(steps) > largest_sample
    assert shapes and all(columns <= largest_sample for _, columns in shapes)


def test_results_do_not_depend_on_runs_or_row_order():
    documents, steps, _ = copies(*seed_tables(), n=14, drop_a_word=True)
    first = harmonize(documents, steps)
    shuffled = harmonize(documents.sample(frac=1, random_state=1), steps.sample(frac=1, random_state=2))
    assert shuffled.steps.loc[steps.index, "phase"].tolist() == first.steps["phase"].tolist()
    assert harmonize(documents, steps).steps["phase"].tolist() == first.steps["phase"].tolist()
    for name in ["groups", "phases", "matrix", "audit"]:
        pd.testing.assert_frame_equal(getattr(shuffled, name), getattr(first, name))
    assert shuffled.findings == first.findings


def test_documents_beyond_one_round_join_the_group_they_fit(monkeypatch):
    documents, steps = tables({**DATA_KINERJA, **SURAT_KELUAR})
    expected = harmonize(documents, steps).groups
    monkeypatch.setattr(grouping, "DOCUMENT_LIMIT", 2)  # rounds of two documents
    groups = harmonize(documents, steps).groups
    pd.testing.assert_frame_equal(groups, expected)


def test_cross_similarity_agrees_with_the_square_one():
    documents, steps = seed_tables()
    steps = steps.assign(position=phases.relative_positions(steps))
    readings = [phases.read_step(a, o, r, p, phases.Weights())
                for a, o, r, p in zip(steps["activity"], steps["output"], steps["requirements"], steps["position"])]
    idf = phases.context_idf(readings)
    square = phases.similarity(readings, phases.Weights())
    across = phases.similarity(readings[:7], phases.Weights(), readings, idf)
    assert np.allclose(across, square[:7])
    bags = [{"a": 1.0, "b": 2.0}, {"b": 1.0}, {}, {"c": 3.0, "a": 1.0}]
    assert np.allclose(cosine_matrix(bags, bags[1:]), cosine_matrix(bags)[:, 1:])


def test_coverage_order_takes_the_commonest_wordings_first_and_stops_when_all_are_held():
    rows = BagRows({})
    for held in ({"x", "y"}, {"x", "y"}, {"z"}, {"x", "z"}):
        rows.add(dict.fromkeys(held, 1.0))
    assert coverage_order(rows.matrix(), limit=10) == [0, 2]  # the first of two equal rows
    assert coverage_order(rows.matrix(), limit=1) == [0]


def test_agency_spellings_share_the_first_spelling_seen():
    documents = pd.DataFrame({"sop_key": ["a", "b", "c", "d", "e"],
                              "agency": ["Dinas Sosial Kota X", "DINAS  SOSIAL KOTA X", "Dinas Sosia1 Kota X",
                                         "Badan Kepegawaian", None],
                              "sop_number": [None, None, None, None, "12/SOP/2023"]})
    keys = agency_keys(documents)
    assert keys["a"] == keys["b"] == keys["c"] == "dinas sosial kota x"
    assert keys["d"] == "badan kepegawaian" and keys["e"] == "nomor:12 sop 2023"
