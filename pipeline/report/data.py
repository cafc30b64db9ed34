"""What a report reads. A chunk of the tables, with every column it uses present and its rows
grouped once by file (filtering a DataFrame per SOP is slow); and the harmonization as procedure
groups, taken a few groups at a time before any chunk arrives, its per-SOP rows held in Arrow
columns until an SOP or a group is written."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import repeat
from typing import Callable, Iterable, Iterator

import pandas as pd
import pyarrow as pa

from pipeline.harmonize.result import Harmonization
from pipeline.normalize.tables import DOCUMENT_COLUMNS, STEP_COLUMNS
from pipeline.report.values import as_list, number, text, with_columns
from pipeline.validate.rules import FINDING_COLUMNS

AGENCY_COLUMNS = ["source_file", "agency"]
GROUP_COLUMNS = ["source_file", "group_id", "group_label"]
PHASE_COLUMNS = ["group_id", "phase", "label", "consensus_order", "n_agencies", "median_minutes", "core"]
MATRIX_COLUMNS = ["group_id", "source_file", "phase", "minutes", "peers_median", "step_nos", "actors"]
AUDIT_COLUMNS = ["source_file", "group_id", "total_minutes", "critical_path_minutes", "peers_median",
                 "missing_phases", "extra_steps", "order_differences", "actor_differences"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Member:
    """One SOP of a group, as the group's tables show it."""
    source_file: str
    matrix: dict[str, dict]  # phase -> its matrix row, with peers_median
    audit: dict | None  # with peers_median of the total


@dataclass
class Group:
    group_id: str
    label: str
    files: list[str]  # ordered by agency, then file
    phases: list[dict]  # in consensus order
    member: Callable[[str], Member]

    def members(self) -> Iterator[Member]:
        """The group's SOPs in order, read one at a time: a group may have thousands."""
        return map(self.member, self.files)


@dataclass
class SopHarmonization:
    """One SOP's place in its group, for its own page."""
    label: str
    n_members: int
    phases: list[dict]  # of the group, in consensus order
    matrix: dict[str, dict]  # phase -> this SOP's matrix row, with peers_median
    audit: dict | None


class RowStore:
    """The rows of some frames as Arrow columns (some bytes a row where dicts take hundreds),
    each frame sorted by `key`, read back as dicts one value of the key at a time. Values become
    text, numbers (`numbers`) or lists of text (`lists`), as the reports show them. A value of
    the key must not span two frames (a frame holds whole SOPs)."""

    def __init__(self, key: str, numbers: set[str], lists: set[str]):
        self.key, self.numbers, self.lists = key, numbers, lists
        self.parts: list[pa.Table] = []
        self.table: pa.Table | None = None
        self.spans: dict[str, tuple[int, int]] = {}

    def add(self, frame: pd.DataFrame) -> None:
        sort_keys = frame[self.key].map(text).tolist()
        order = sorted(range(len(frame)), key=sort_keys.__getitem__)
        columns = {}
        for column in frame.columns:
            values = frame[column].tolist()
            values = [values[i] for i in order]
            if column in self.lists:
                columns[column] = pa.array([as_list(v) for v in values], pa.list_(pa.string()))
            elif column in self.numbers:
                columns[column] = pa.array([number(v) for v in values], pa.float64())
            else:
                columns[column] = pa.array([text(v) for v in values], pa.string())
        self.parts.append(pa.table(columns))

    def seal(self) -> None:
        """Joins the frames added; rows can be read from now on."""
        self.table = pa.concat_tables(self.parts) if self.parts else None
        self.parts = []
        self.spans = spans(self.table[self.key].to_pylist() if self.table else [])

    def rows(self, value: str) -> list[dict]:
        """The rows whose key is `value`."""
        start, stop = self.spans.get(value, (0, 0))
        return self.table.slice(start, stop - start).to_pylist() if stop > start else []


def spans(values: list[str]) -> dict[str, tuple[int, int]]:
    """value -> (start, stop) of its run in a sorted column."""
    found: dict[str, tuple[int, int]] = {}
    for index, value in enumerate(values):
        start = found.get(value, (index, index))[0]
        found[value] = (start, index + 1)
    return found


class HarmonizationView:
    """The harmonization as the reports read it: procedure groups, their phases, and each SOP's
    matrix and audit rows (with the other agencies' medians harmonization compared them with).
    The per-SOP rows stay in Arrow columns; an SOP becomes dicts only while it is written."""

    def __init__(self, harmonization: Iterable[Harmonization], agencies: pd.DataFrame):
        """`harmonization`: its pieces, taken one at a time (the steps are not read); a group's
        phases come with its first piece. `agencies`: source_file and agency of every document
        of the batch (other columns are ignored), to name each SOP's agency."""
        agencies = agencies.reindex(columns=AGENCY_COLUMNS)
        self.agency_of = {text(f): text(a) for f, a in zip(agencies["source_file"], agencies["agency"])}
        self.matrix = RowStore("source_file", {"minutes", "peers_median"}, {"step_nos", "actors"})
        self.audit = RowStore("source_file",
                              {"total_minutes", "critical_path_minutes", "order_differences", "peers_median"},
                              {"missing_phases", "extra_steps", "actor_differences"})
        self.labels: dict[str, str] = {}
        self.phases_of: dict[str, list[dict]] = defaultdict(list)
        members: dict[str, set[str]] = defaultdict(set)
        for piece in harmonization:
            matrix = with_columns(piece.matrix, MATRIX_COLUMNS)
            self.matrix.add(matrix)
            self.audit.add(with_columns(piece.audit, AUDIT_COLUMNS))
            groups = with_columns(piece.groups, GROUP_COLUMNS)
            for group_id, source_file, label in [*zip(groups["group_id"], groups["source_file"], groups["group_label"]),
                                                 *zip(matrix["group_id"], matrix["source_file"], repeat(None))]:
                group_id = text(group_id)
                if group_id:
                    self.labels[group_id] = self.labels.get(group_id) or text(label)
                    members[group_id].add(text(source_file))
            phases = with_columns(piece.phases, PHASE_COLUMNS)
            for phase in sorted(rows_of(phases), key=lambda p: (number(p["consensus_order"]) or 0, text(p["phase"]))):
                self.phases_of[text(phase["group_id"])].append(phase)
        self.matrix.seal()
        self.audit.seal()
        self.files_of = {g: sorted(files, key=lambda f: (self.agency_of.get(f, ""), f)) for g, files in members.items()}
        self.group_of = {f: g for g, files in self.files_of.items() for f in files}  # source_file -> group_id
        self.group_ids = sorted(self.labels, key=lambda g: (self.label(g), g))  # by name

    def label(self, group_id: str) -> str:
        return self.labels[group_id] or "(tanpa nama)"

    def label_of(self, source_file: str) -> str:
        """The name of the SOP's group; empty when it has none."""
        group_id = self.group_of.get(source_file)
        return "" if group_id is None else self.label(group_id)

    def group(self, group_id: str) -> Group:
        return Group(group_id=group_id, label=self.label(group_id), files=self.files_of[group_id],
                     phases=self.phases_of.get(group_id, []), member=self.member)

    def member(self, source_file: str) -> Member:
        audit = self.audit.rows(source_file)
        return Member(source_file=source_file,
                      matrix={r["phase"]: r for r in self.matrix.rows(source_file)},
                      audit=audit[0] if audit else None)

    def groups(self) -> Iterator[Group]:
        """Every group, by name, one at a time."""
        return (self.group(group_id) for group_id in self.group_ids)

    def sop(self, source_file: str) -> SopHarmonization | None:
        group_id = self.group_of.get(source_file)
        if group_id is None:
            return None
        own = self.member(source_file)
        return SopHarmonization(label=self.label(group_id), n_members=len(self.files_of[group_id]),
                                phases=self.phases_of.get(group_id, []), matrix=own.matrix, audit=own.audit)


@dataclass
class Chunk:
    # the tables, every column present (the workbook writes all their columns)
    documents: pd.DataFrame
    steps: pd.DataFrame  # by file (in the documents' order), then seq
    findings: pd.DataFrame  # by file (in the documents' order), then severity
    # the same rows as dicts, looked up by file
    document_rows: list[dict]
    steps_of: dict[str, list[dict]]
    findings_of: dict[str, list[dict]]


def prepare_chunk(documents: pd.DataFrame, steps: pd.DataFrame, findings: pd.DataFrame) -> Chunk:
    documents = with_columns(documents, DOCUMENT_COLUMNS)
    position = {text(f): i for i, f in enumerate(documents["source_file"])}
    steps = with_columns(steps, STEP_COLUMNS)
    steps = sorted_by(steps, position, pd.to_numeric(steps["seq"], errors="coerce"))
    findings = with_columns(findings, FINDING_COLUMNS)
    findings = sorted_by(findings, position, findings["severity"].map(lambda s: SEVERITY_ORDER.get(text(s), 3)))
    return Chunk(documents=documents, steps=steps, findings=findings, document_rows=rows_of(documents),
                 steps_of=by_file(rows_of(steps)), findings_of=by_file(rows_of(findings)))


def rows_of(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def sorted_by(frame: pd.DataFrame, position: dict[str, int], order: pd.Series) -> pd.DataFrame:
    """Ordered by the file's position among the documents (the input order), then `order`
    (stable: equal rows keep the table's order)."""
    file_position = [position.get(text(f), len(position)) for f in frame["source_file"]]
    return (frame.assign(_file=file_position, _order=order.to_numpy())
            .sort_values(["_file", "_order"], kind="stable").drop(columns=["_file", "_order"]).reset_index(drop=True))


def by_file(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[text(row["source_file"])].append(row)
    return grouped


def is_core(phase: dict) -> bool:
    return phase.get("core") is True or text(phase.get("core")).lower() in ("true", "1")


def step_severities(steps: list[dict], findings: list[dict]) -> dict[int, str]:
    """seq -> the worst severity of the findings about that step (matched by step number)."""
    seqs_of: dict[float, list[int]] = defaultdict(list)
    for step in steps:
        if number(step["step_no"]) is not None:
            seqs_of[number(step["step_no"])].append(int(number(step["seq"]) or 0))
    worst: dict[int, str] = {}
    for finding in findings:
        severity = text(finding["severity"])
        for seq in seqs_of.get(number(finding["step_no"]), []):
            if SEVERITY_ORDER.get(severity, 3) < SEVERITY_ORDER.get(worst.get(seq, ""), 3):
                worst[seq] = severity
    return worst
