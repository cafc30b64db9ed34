"""What a report reads. A chunk of the tables, with every column it uses present and its rows
grouped once by file (filtering a DataFrame per SOP is slow); and the harmonization as procedure
groups, taken a few groups at a time before any chunk arrives, its per-SOP rows kept on disk
until an SOP or a group is written."""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from pipeline.harmonize.result import Harmonization
from pipeline.normalize.tables import DOCUMENT_COLUMNS, STEP_COLUMNS
from pipeline.report.values import as_list, number, text, with_columns
from pipeline.validate.rules import FINDING_COLUMNS

DOCUMENT_VIEW_COLUMNS = ["source_file", "agency", "sop_title"]
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
    agency: str
    title: str
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
    """The rows of some frames in a table of an SQLite database on disk (memory does not grow
    with them), read back as dicts by the value of `key`, in the order they came. Values become
    text, numbers (`numbers`) or lists of text (`lists`, kept as JSON), as the reports show them."""

    def __init__(self, db: sqlite3.Connection, name: str, columns: list[str], key: str,
                 numbers: set[str] = frozenset(), lists: set[str] = frozenset()):
        self.db, self.name, self.columns, self.key, self.numbers, self.lists = db, name, columns, key, numbers, lists
        db.execute(f"CREATE TABLE {name} ({', '.join(f'{c} {sql_type(c, numbers)}' for c in columns)})")

    def add(self, frame: pd.DataFrame) -> None:
        """Rows of whole SOPs (a value of the key must not come in two frames)."""
        values = [list(map(self.stored_value(column), frame[column].tolist())) for column in self.columns]
        self.db.executemany(f"INSERT INTO {self.name} VALUES ({', '.join('?' * len(self.columns))})", zip(*values))
        self.db.commit()

    def stored_value(self, column: str) -> Callable:
        if column in self.lists:
            return lambda value: json.dumps(as_list(value), ensure_ascii=False)
        return number if column in self.numbers else text

    def seal(self) -> None:
        """Indexes the rows added by key; read them from now on."""
        self.db.execute(f"CREATE INDEX {self.name}_by_{self.key} ON {self.name} ({self.key})")

    def rows(self, value: str) -> list[dict]:
        """The rows whose key is `value`."""
        found = self.db.execute(f"SELECT * FROM {self.name} WHERE {self.key} = ? ORDER BY rowid", (value,))
        return [{column: json.loads(v) if column in self.lists else v for column, v in zip(self.columns, row)}
                for row in found]


def sql_type(column: str, numbers: set[str]) -> str:
    return "REAL" if column in numbers else "TEXT"


class HarmonizationView:
    """The harmonization as the reports read it: procedure groups, their phases, and each SOP's
    matrix and audit rows (with the other agencies' medians harmonization compared them with).
    What there is of every SOP (its group, agency, title, rows) waits in an SQLite database on
    disk and becomes dicts only while the SOP is written; a group's name and phases stay in memory."""

    def __init__(self, harmonization: Iterable[Harmonization], documents: pd.DataFrame, directory: Path):
        """`harmonization`: its pieces, taken one at a time (the steps are not read); a group's
        phases come with its first piece. `documents`: source_file, agency and sop_title of every
        document of the batch (other columns are ignored). `directory`: where the database goes;
        `close` leaves it there."""
        self.db = sqlite3.connect(directory / "harmonization.sqlite")
        self.db.execute("PRAGMA journal_mode = OFF")  # scratch data: no journal, no waits on the disk
        self.db.execute("PRAGMA synchronous = OFF")
        self.documents = RowStore(self.db, "documents", DOCUMENT_VIEW_COLUMNS, "source_file")
        self.documents.add(documents.reindex(columns=DOCUMENT_VIEW_COLUMNS))
        self.matrix = RowStore(self.db, "matrix", MATRIX_COLUMNS, "source_file", {"minutes", "peers_median"},
                               {"step_nos", "actors"})
        self.audit = RowStore(self.db, "audit", AUDIT_COLUMNS, "source_file",
                              {"total_minutes", "critical_path_minutes", "order_differences", "peers_median"},
                              {"missing_phases", "extra_steps", "actor_differences"})
        self.db.execute("CREATE TABLE members (group_id TEXT, source_file TEXT, PRIMARY KEY (group_id, source_file))")
        self.labels: dict[str, str] = {}
        self.phases_of: dict[str, list[dict]] = defaultdict(list)
        for piece in harmonization:
            matrix = with_columns(piece.matrix, MATRIX_COLUMNS)
            self.matrix.add(matrix)
            self.audit.add(with_columns(piece.audit, AUDIT_COLUMNS))
            groups = with_columns(piece.groups, GROUP_COLUMNS)
            members = []
            for group_id, source_file, label in [*zip(groups["group_id"], groups["source_file"], groups["group_label"]),
                                                 *zip(matrix["group_id"], matrix["source_file"], repeat(None))]:
                group_id = text(group_id)
                if group_id:
                    self.labels[group_id] = self.labels.get(group_id) or text(label)
                    members.append((group_id, text(source_file)))
            self.db.executemany("INSERT OR IGNORE INTO members VALUES (?, ?)", members)
            self.db.commit()
            phases = with_columns(piece.phases, PHASE_COLUMNS)
            for phase in sorted(rows_of(phases), key=lambda p: (number(p["consensus_order"]) or 0, text(p["phase"]))):
                self.phases_of[text(phase["group_id"])].append(phase)
        for store in (self.documents, self.matrix, self.audit):
            store.seal()
        self.db.execute("CREATE INDEX members_by_source_file ON members (source_file)")
        self.sizes = dict(self.db.execute("SELECT group_id, count(*) FROM members GROUP BY group_id"))
        self.group_ids = sorted(self.labels, key=lambda g: (self.label(g), g))  # by name

    def close(self) -> None:
        self.db.close()

    def label(self, group_id: str) -> str:
        return self.labels[group_id] or "(tanpa nama)"

    def group_of(self, source_file: str) -> str | None:
        found = self.db.execute("SELECT group_id FROM members WHERE source_file = ?", (source_file,)).fetchone()
        return found[0] if found else None

    def label_of(self, source_file: str) -> str:
        """The name of the SOP's group; empty when it has none."""
        group_id = self.group_of(source_file)
        return "" if group_id is None else self.label(group_id)

    def n_members(self, group_id: str) -> int:
        return self.sizes.get(group_id, 0)

    def files(self, group_id: str) -> list[str]:
        """The group's SOPs, by agency, then file."""
        found = self.db.execute("SELECT m.source_file FROM members m LEFT JOIN documents d USING (source_file) "
                                "WHERE m.group_id = ? ORDER BY coalesce(d.agency, ''), m.source_file", (group_id,))
        return [source_file for (source_file,) in found]

    def group(self, group_id: str) -> Group:
        return Group(group_id=group_id, label=self.label(group_id), files=self.files(group_id),
                     phases=self.phases_of.get(group_id, []), member=self.member)

    def member(self, source_file: str) -> Member:
        document = (self.documents.rows(source_file) or [{}])[0]
        audit = self.audit.rows(source_file)
        return Member(source_file=source_file, agency=document.get("agency", ""), title=document.get("sop_title", ""),
                      matrix={r["phase"]: r for r in self.matrix.rows(source_file)},
                      audit=audit[0] if audit else None)

    def groups(self) -> Iterator[Group]:
        """Every group, by name, one at a time."""
        return (self.group(group_id) for group_id in self.group_ids)

    def sop(self, source_file: str) -> SopHarmonization | None:
        group_id = self.group_of(source_file)
        if group_id is None:
            return None
        own = self.member(source_file)
        return SopHarmonization(label=self.label(group_id), n_members=self.n_members(group_id),
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
