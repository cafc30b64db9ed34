"""Harmonize stage: group SOPs of one procedure across agencies, align their steps into
phases, and audit each SOP against its peers (phases, actors, order, time standards).

Works on the normalized tables only (documents, steps), never on files. The steps are never
held whole: they are read a window of files at a time to group the documents, then a batch of
whole groups at a time to phase and audit them; a group larger than a batch is read a chunk
of its files at a time, in three passes (see StepTable and harmonize_groups).
"""
from __future__ import annotations

import hashlib
from typing import Iterable, Iterator, Protocol

import pandas as pd
from rapidfuzz import fuzz, process

from pipeline.harmonize.copies import DATE_COLUMNS, identify_copies
from pipeline.harmonize.audit import Comparison, document_audit, duration_findings, phase_matrix, with_peer_medians
from pipeline.harmonize.grouping import group_documents
from pipeline.harmonize.phases import GroupPhasing, relative_positions
from pipeline.harmonize.result import Harmonization
from pipeline.harmonize.signers import misread_nip_findings
from pipeline.harmonize.text import forget_readings, words

__all__ = ["harmonize", "harmonize_in_batches", "Harmonization", "StepTable", "FrameSteps"]

# The columns the stage reads of the normalized tables
DOCUMENTS_READ = ["sop_key", "sop_title", "agency", "sop_number", "status", "source_format", "n_steps",
                  "uncertain_fields", "signatory_name", "signatory_nip_text", *DATE_COLUMNS]
STEPS_READ = ["sop_key", "seq", "step_no", "activity", "output", "requirements", "actor", "duration_minutes"]
GROUPING_COLUMNS = ["sop_key", "seq", "activity", "output"]
STEP_KEY = ["sop_key", "seq"]
# rapidfuzz ratio (word for word, or with the words sorted) at which two printed agency names
# are the same agency: a few misread letters, or a letterhead's lines read in another order
SAME_AGENCY = 90
# rapidfuzz ratio at which the words two such names do not share are a misreading of each other
# (one misread letter in four): a long unit name must not hide two regions ("Dinas
# Kependudukan dan Pencatatan Sipil Kabupaten Nunukan" and "... Kabupaten Malinau")
MISREAD_WORDS = 75
# Documents whose groups are phased and audited together at most (a larger group alone): the
# steps in memory at once, and few enough passes over the steps table
DOCUMENTS_PER_BATCH = 5000


class StepTable(Protocol):
    """The steps table as the stage reads it."""

    def windows(self, columns: list[str]) -> Iterable[pd.DataFrame]:
        """Every step, a window of files at a time; all steps of a file in one window."""

    def of_sops(self, keys: list[str], columns: list[str]) -> pd.DataFrame:
        """The steps of these SOPs (sop_key)."""


class FrameSteps:
    """A steps table held in memory."""

    def __init__(self, steps: pd.DataFrame):
        self.steps = steps

    def windows(self, columns: list[str]) -> Iterable[pd.DataFrame]:
        return [self.steps.reindex(columns=columns)]

    def of_sops(self, keys: list[str], columns: list[str]) -> pd.DataFrame:
        return self.steps.loc[self.steps["sop_key"].isin(keys)].reindex(columns=columns)


def harmonize(documents: pd.DataFrame, steps: pd.DataFrame) -> Harmonization:
    """Groups, phases and audit of a batch held in memory, as one Harmonization. The order of
    the rows does not matter: documents are read by sop_key and steps by (sop_key,
    seq); the steps come back as they came, with `group_id` and `phase` filled."""
    pieces = list(harmonize_in_batches(documents, FrameSteps(steps)))
    labels = pd.concat([piece.steps for piece in pieces], ignore_index=True).set_index(STEP_KEY)
    at = pd.MultiIndex.from_frame(steps[STEP_KEY])
    return Harmonization(
        steps=steps.assign(**{name: nullable(labels[name].reindex(at), steps.index) for name in ["group_id", "phase"]}),
        groups=concatenated(piece.groups for piece in pieces),
        phases=concatenated(piece.phases for piece in pieces),
        matrix=concatenated(piece.matrix for piece in pieces),
        audit=concatenated(piece.audit for piece in pieces),
        copies=concatenated(piece.copies for piece in pieces),
        history=concatenated(piece.history for piece in pieces),
        findings=[finding for piece in pieces for finding in piece.findings],
    )


def harmonize_in_batches(documents: pd.DataFrame, steps: StepTable,
                         decided_groups: dict[str, str] | None = None) -> Iterator[Harmonization]:
    """The harmonization of a batch, a few whole groups (or a chunk of a large group's files) at
    a time: each piece's `steps` holds the labels of its files' steps (sop_key, seq,
    group_id, phase); its other tables are those files' rows, and its groups' phases. Memory
    grows with DOCUMENTS_PER_BATCH and with a group's distinct wordings, not with the batch."""
    try:
        documents = plain(documents, DOCUMENTS_READ).sort_values("sop_key", kind="stable", ignore_index=True)
        groups = group_documents(documents, (plain(window, GROUPING_COLUMNS).sort_values(STEP_KEY, kind="stable")
                                             for window in steps.windows(GROUPING_COLUMNS)))
        groups = with_decided_groups(groups, decided_groups or {})
        forget_readings()  # the grouping's readings
        keys = agency_keys(documents)
        batch_findings = misread_nip_findings(documents)  # across groups: one official signs for many procedures
        for files in batches_of_groups(groups, DOCUMENTS_PER_BATCH):
            chunks = [files[start:start + DOCUMENTS_PER_BATCH] for start in range(0, len(files), DOCUMENTS_PER_BATCH)]
            members = groups[groups["sop_key"].isin(files)]
            for piece in harmonize_groups(members, documents[documents["sop_key"].isin(files)], chunks or [[]],
                                          steps, keys):
                piece.findings += batch_findings
                batch_findings = []
                yield piece
            # each batch reads its own wordings: caches full of the others' would be held to no use
            forget_readings()
    finally:
        forget_readings()


def with_decided_groups(groups: pd.DataFrame, decided: dict[str, str]) -> pd.DataFrame:
    """The groups with the analyst's say: SOPs given one group name form that group."""
    given = groups["sop_key"].map(decided)
    if given.isna().all():
        return groups
    groups = groups.copy()
    named = given.notna()
    groups.loc[named, "group_label"] = given[named]
    groups.loc[named, "group_id"] = ["K-" + hashlib.sha1(name.encode()).hexdigest()[:8] for name in given[named]]
    return groups


def batches_of_groups(groups: pd.DataFrame, limit: int) -> list[list[str]]:
    """The files of whole groups, in group order, at most `limit` a batch unless one group
    alone has more. A batch without groups is one empty batch: its tables keep their columns."""
    batches: list[list[str]] = [[]]
    for _, files in groups.groupby("group_id", sort=True)["sop_key"]:
        if batches[-1] and len(batches[-1]) + len(files) > limit:
            batches.append([])
        batches[-1] += files.tolist()
    return batches


def harmonize_groups(groups: pd.DataFrame, documents: pd.DataFrame, chunks: list[list[str]], steps: StepTable,
                     keys: dict[str, str]) -> Iterator[Harmonization]:
    """Phases and audit of some whole groups, one piece per chunk of their files (a group larger
    than a batch spans several chunks; the groups' phases come with the first piece). The steps
    are read three times, a chunk at a time: to learn the phases, to gather what the SOPs are
    compared with, to audit them (a single chunk is read once and held). Copies of one SOP are
    found within a chunk (`documents`: the groups' documents)."""
    group_of = groups.set_index("sop_key")["group_id"]
    documents = documents.assign(group_id=documents["sop_key"].map(group_of), agency_key=documents["sop_key"].map(keys))

    def read(files: list[str]) -> pd.DataFrame:
        work = plain(steps.of_sops(files, STEPS_READ), STEPS_READ).sort_values(STEP_KEY, kind="stable",
                                                                                    ignore_index=True)
        work["group_id"] = work["sop_key"].map(group_of).astype(object)
        work["agency_key"] = work["sop_key"].map(keys).astype(object)
        return work

    held = read(chunks[0]) if len(chunks) == 1 else None

    def chunk_steps() -> Iterator[pd.DataFrame]:
        """Each chunk's steps, read again on each pass unless a single chunk is held."""
        return iter([held]) if held is not None else map(read, chunks)

    copies = []
    phasing: dict[str, GroupPhasing] = {}
    for files, work in zip(chunks, chunk_steps()):
        copies.append(identify_copies(documents[documents["sop_key"].isin(files)], work))
        for group_id, part in work.dropna(subset=["group_id"]).groupby("group_id", sort=False):
            phasing.setdefault(group_id, GroupPhasing()).add(part)
    # each SOP counts once among its peers: its other copies and revisions are phased and audited,
    # not compared with
    copied = set().union(*(c.table.loc[~c.table["is_current"].astype(bool), "sop_key"] for c in copies))
    for group in phasing.values():
        group.fit()
    comparison = Comparison()
    for work in chunk_steps():
        comparison.add(*(frame[~frame["sop_key"].isin(copied)] for frame in phased(work, phasing)))
    comparison.close()
    for index, (files, work) in enumerate(zip(chunks, chunk_steps())):
        working, matrix = phased(work, phasing)
        yield Harmonization(
            steps=work[STEP_KEY + ["group_id", "phase"]],
            groups=groups[groups["sop_key"].isin(files)].reset_index(drop=True),
            phases=comparison.phases if index == 0 else comparison.phases.iloc[:0],
            matrix=with_peer_medians(matrix, comparison).drop(columns=["agency_key", "levels", "first_position"]),
            audit=document_audit(working, matrix, comparison),
            copies=copies[index].table,
            history=copies[index].history,
            findings=duration_findings(working, matrix, comparison) + copies[index].findings,
        )


def phased(work: pd.DataFrame, phasing: dict[str, GroupPhasing]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fills the chunk's `phase`; returns its steps in a phase, with their positions, and their
    phase_matrix."""
    work["phase"] = None
    for group_id, part in work.dropna(subset=["group_id"]).groupby("group_id", sort=False):
        work.loc[part.index, "phase"] = phasing[group_id].phases(part)
    working = work.dropna(subset=["group_id", "phase"]).copy()
    working["position"] = relative_positions(working)
    return working, phase_matrix(working)


def nullable(values: pd.Series, index: pd.Index) -> pd.Series:
    """Object values on `index`, None where missing."""
    values = values.astype(object)
    return pd.Series(values.where(values.notna(), None).to_numpy(), index=index, dtype=object)


def concatenated(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    frames = list(frames)
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def plain(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The columns the stage reads (absent ones empty), text as Python objects: reading
    Arrow-backed text one value at a time is many times slower."""
    text = [c for c in columns if c not in frame or pd.api.types.is_string_dtype(frame[c])]
    present = frame.reindex(columns=columns).astype({c: object for c in text})
    present.loc[:, [c for c in columns if c not in frame]] = None
    for column in text:
        present[column] = shared(present[column])
    return present


def shared(values: pd.Series) -> pd.Series:
    """Equal values as one object: copies of an SOP repeat their wordings, file after file."""
    seen: dict = {}
    return pd.Series([seen.setdefault(v, v) for v in values.tolist()], index=values.index, dtype=object)


def agency_keys(documents: pd.DataFrame) -> dict[str, str]:
    """sop_key -> one key per agency: printed names that differ only by case, spacing or a
    few misread letters share a key. Without an agency, the SOP number (else the file) stands in."""
    keys: dict[str, str] = {}
    known: list[str] = []
    key_of_name: dict[str, str] = {}
    for sop_key, agency, number in zip(documents["sop_key"], documents["agency"],
                                           documents["sop_number"]):
        name = " ".join(words(agency))
        if not name:
            number = " ".join(words(number))
            keys[sop_key] = f"nomor:{number}" if number else f"file:{sop_key}"
            continue
        if name not in key_of_name:
            key_of_name[name] = known_agency(name, known)
        keys[sop_key] = key_of_name[name]
    return keys


def known_agency(name: str, known: list[str]) -> str:
    """The first known name that `name` is a spelling of; else `name`, from now on known. Alike
    word for word, or once their words are sorted (the lines of a letterhead read in another
    order): sorting alone would part names whose misread word sorts elsewhere ("maearam")."""
    matches = [match for scorer in (fuzz.ratio, fuzz.token_sort_ratio)
               for match in process.extract(name, known, scorer=scorer, score_cutoff=SAME_AGENCY, limit=None)]
    spellings = [index for match, _, index in matches if differing_words_misread(name, match)]
    if spellings:
        return known[min(spellings)]
    known.append(name)
    return name


def differing_words_misread(name: str, other: str) -> bool:
    """Are the words each name has and the other lacks misreadings of each other ("sosia1",
    "sosial")? Other words (another region, another unit) make another agency, however long
    the words the names share; a word only one name has (dropped by OCR) is for the whole
    name's likeness to judge."""
    own, others = set(name.split()), set(other.split())
    only_own, only_other = sorted(own - others), sorted(others - own)
    if not only_own or not only_other:
        return True
    return fuzz.ratio(" ".join(only_own), " ".join(only_other)) >= MISREAD_WORDS
