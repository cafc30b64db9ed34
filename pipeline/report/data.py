"""What a report reads. A chunk of the tables, with every column it uses present and its rows
grouped once by file (filtering a DataFrame per SOP is slow); and the harmonization as procedure
groups, taken a few groups at a time before any chunk arrives, its per-SOP rows kept on disk
until an SOP or a group is written."""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from pipeline.harmonize.result import Harmonization
from pipeline.schema import columns
from pipeline.report.values import as_list, number, sop_name, text, with_columns
from pipeline.store import with_sop_keys

GROUP_COLUMNS = ["sop_key", "group_id", "group_label"]
# the per-SOP rows a report reads, and what their values become (see RowStore)
DOCUMENT_VIEW_COLUMNS = {"sop_key": str, "source_file": str, "sop_index": int, "agency": str, "sop_title": str}
MATRIX_COLUMNS = {"group_id": str, "sop_key": str, "phase": str, "minutes": float, "peers_median": float,
                  "step_nos": list, "actors": list, "outputs": list}
AUDIT_COLUMNS = {"sop_key": str, "group_id": str, "total_minutes": float, "critical_path_minutes": float,
                 "peers_median": float, "missing_phases": list, "extra_steps": list, "order_differences": float,
                 "actor_differences": list}
# the files of an SOP held in more than one (copies, revisions): see Harmonization.history
HISTORY_COLUMNS = {"sop_key": str, "sop_id": str, "source_format": str, "revision_date": str, "is_current": bool,
                   "changes": list}
# a group's phases, as they are read
PHASE_COLUMNS = {"group_id": str, "phase": str, "label": str, "consensus_order": int, "n_agencies": int,
                 "median_minutes": float, "core": bool}
UNNAMED = "(tanpa nama)"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Member:
    """One SOP of a group, as the group's tables show it."""
    sop_key: str
    source_file: str
    sop_index: int
    agency: str
    title: str
    matrix: dict[str, dict]  # phase -> its matrix row, with peers_median
    audit: dict | None  # with peers_median of the total

    @property
    def name(self) -> str:
        """Its file, and its place in the file when the file holds several SOPs."""
        return sop_name(self.source_file, self.sop_index)

    @property
    def agency_key(self) -> str:
        """Its agency as printed, case and spacing aside (its key when none is printed)."""
        return " ".join(text(self.agency).casefold().split()) or self.sop_key


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
    # the files of its sop_id (itself included) when it has copies or revisions: HISTORY_COLUMNS,
    # source_file, sop_index and position (in the batch, as the SOP pages are numbered)
    copies: list[dict] = field(default_factory=list)


def scratch_database(directory: Path) -> sqlite3.Connection:
    """A database for a writer's working rows, in `directory`: scratch data, so no journal and
    no waiting for the disk."""
    db = sqlite3.connect(directory / "report.sqlite")
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    return db


SQL_TYPES = {str: "TEXT", float: "REAL", int: "INTEGER", bool: "INTEGER", list: "TEXT"}


class RowStore:
    """Rows in a table of an SQLite database on disk (memory does not grow with them), read back
    as dicts by the value of `key` or all in the order they came. `columns`: name -> what a
    value becomes, as the reports show it: str (text), float (a number or None), int, bool, or
    list (of text, kept as JSON)."""

    def __init__(self, db: sqlite3.Connection, name: str, columns: dict[str, type], key: str):
        self.db, self.name, self.columns, self.key = db, name, columns, key
        db.execute(f"CREATE TABLE {name} ({', '.join(f'{c} {SQL_TYPES[kind]}' for c, kind in columns.items())})")
        self.converters = [STORED[kind] for kind in columns.values()]
        self.readers = [READ.get(kind) for kind in columns.values()]

    def add(self, rows: Iterable[dict]) -> None:
        """Rows to keep: dicts holding the store's columns (others are ignored)."""
        stored = ([convert(row[c]) for convert, c in zip(self.converters, self.columns)] for row in rows)
        self.db.executemany(f"INSERT INTO {self.name} VALUES ({', '.join('?' * len(self.columns))})", stored)
        self.db.commit()

    def seal(self, *more_keys: str) -> None:
        """Indexes the rows by key (and by `more_keys`): read them so from now on."""
        for column in (self.key, *more_keys):
            self.db.execute(f"CREATE INDEX {self.name}_by_{column} ON {self.name} ({column})")

    def rows(self, value: str, key: str | None = None) -> list[dict]:
        """The rows whose key (or whose column `key`, one of the seal's more_keys) is `value`."""
        return list(self.read(f"WHERE {key or self.key} = ?", (value,)))

    def all(self) -> Iterator[dict]:
        """Every row, in the order they came, read as they are taken."""
        return self.read("", ())

    def read(self, where: str, parameters: tuple) -> Iterator[dict]:
        for row in self.db.execute(f"SELECT * FROM {self.name} {where} ORDER BY rowid", parameters):
            yield {column: read(v) if read and v is not None else v
                   for column, read, v in zip(self.columns, self.readers, row)}


STORED = {str: text, float: number, int: int, bool: bool, list: lambda value: json.dumps(as_list(value), ensure_ascii=False)}
READ = {bool: bool, list: json.loads}  # kinds SQLite gives back as another (0/1, JSON text)


class HarmonizationView:
    """The harmonization as the reports read it: procedure groups, their phases, and each SOP's
    matrix and audit rows (with the other agencies' medians harmonization compared them with).
    What there is of every SOP and group (an SOP's group, agency, title and rows; a group's name
    and phases) waits in an SQLite database on disk and becomes dicts only while it is written;
    in memory stay the groups' ids in name order and their sizes."""

    def __init__(self, harmonization: Iterable[Harmonization], documents: pd.DataFrame, db: sqlite3.Connection):
        """`harmonization`: its pieces, taken one at a time (the steps are not read); a group's
        phases come with its first piece. `documents`: sop_key, agency and sop_title of every
        document of the batch (other columns are ignored), in input order (the order the SOP
        pages are numbered in). `db`: where the SOPs' rows wait."""
        self.db = db
        self.documents = RowStore(db, "documents", DOCUMENT_VIEW_COLUMNS, "sop_key")
        self.documents.add(records(with_sop_keys(documents.copy()), DOCUMENT_VIEW_COLUMNS))
        self.matrix = RowStore(db, "matrix", MATRIX_COLUMNS, "sop_key")
        self.audit = RowStore(db, "audit", AUDIT_COLUMNS, "sop_key")
        self.phases = RowStore(db, "phases", PHASE_COLUMNS, "group_id")
        self.history = RowStore(db, "history", HISTORY_COLUMNS, "sop_key")
        # is_current: the member stands for its SOP (its other copies and revisions are not listed)
        db.execute("CREATE TABLE members (group_id TEXT, sop_key TEXT, is_current INTEGER DEFAULT 1, "
                   "PRIMARY KEY (group_id, sop_key))")
        db.execute("CREATE TABLE groups (group_id TEXT PRIMARY KEY, label TEXT)")
        for piece in harmonization:
            matrix = with_columns(piece.matrix, list(MATRIX_COLUMNS))
            self.matrix.add(records(matrix, MATRIX_COLUMNS))
            self.audit.add(records(piece.audit, AUDIT_COLUMNS))
            groups = with_columns(piece.groups, GROUP_COLUMNS)
            # a group's first name given stands; one never named (only in the matrix) is UNNAMED
            db.executemany("INSERT OR IGNORE INTO groups VALUES (?, ?)",
                           [(text(g), text(label)) for g, label in zip(groups["group_id"], groups["group_label"])
                            if text(g) and text(label)])
            db.executemany("INSERT OR IGNORE INTO members (group_id, sop_key) VALUES (?, ?)",
                           [(text(g), text(f)) for g, f in [*zip(groups["group_id"], groups["sop_key"]),
                                                            *zip(matrix["group_id"], matrix["sop_key"])] if text(g)])
            copies = with_columns(piece.copies, ["sop_key", "is_current"])
            db.executemany("UPDATE members SET is_current = 0 WHERE sop_key = ?",
                           [(text(key),) for key, current in zip(copies["sop_key"], copies["is_current"])
                            if current is False or current == 0])
            self.history.add(records(piece.history, HISTORY_COLUMNS))
            phases = with_columns(piece.phases, list(PHASE_COLUMNS))
            self.phases.add(sorted(records(phases, PHASE_COLUMNS),
                                   key=lambda p: (number(p["consensus_order"]) or 0, text(p["phase"]))))
        for store in (self.documents, self.matrix, self.audit, self.phases):
            store.seal()
        self.history.seal("sop_id")
        self.db.execute("CREATE INDEX members_by_sop_key ON members (sop_key)")
        self.sizes = dict(self.db.execute("SELECT group_id, count(*) FROM members WHERE is_current GROUP BY group_id"))
        self.group_ids = sorted(self.sizes, key=lambda g: (self.label(g), g))  # by name

    def label(self, group_id: str) -> str:
        found = self.db.execute("SELECT label FROM groups WHERE group_id = ?", (group_id,)).fetchone()
        return found[0] if found else UNNAMED

    def phases_of(self, group_id: str) -> list[dict]:
        """The group's phases, in consensus order."""
        return self.phases.rows(group_id)

    def group_of(self, sop_key: str) -> str | None:
        found = self.db.execute("SELECT group_id FROM members WHERE sop_key = ?", (sop_key,)).fetchone()
        return found[0] if found else None

    def label_of(self, sop_key: str) -> str:
        """The name of the SOP's group; empty when it has none."""
        group_id = self.group_of(sop_key)
        return "" if group_id is None else self.label(group_id)

    def n_members(self, group_id: str) -> int:
        return self.sizes.get(group_id, 0)

    def files(self, group_id: str) -> list[str]:
        """The group's SOPs (each once: its current row), by agency, then file."""
        found = self.db.execute("SELECT m.sop_key FROM members m LEFT JOIN documents d USING (sop_key) "
                                "WHERE m.group_id = ? AND m.is_current ORDER BY coalesce(d.agency, ''), m.sop_key", (group_id,))
        return [sop_key for (sop_key,) in found]

    def group(self, group_id: str) -> Group:
        return Group(group_id=group_id, label=self.label(group_id), files=self.files(group_id),
                     phases=self.phases_of(group_id), member=self.member)

    def member(self, sop_key: str) -> Member:
        document = (self.documents.rows(sop_key) or [{}])[0]
        audit = self.audit.rows(sop_key)
        source_file, sop_index = document.get("source_file") or sop_key, document.get("sop_index") or 1
        return Member(sop_key=sop_key, source_file=source_file, sop_index=sop_index, agency=document.get("agency", ""), title=document.get("sop_title", ""),
                      matrix={r["phase"]: r for r in self.matrix.rows(sop_key)},
                      audit=audit[0] if audit else None)

    def groups(self) -> Iterator[Group]:
        """Every group, by name, one at a time."""
        return (self.group(group_id) for group_id in self.group_ids)

    def sop(self, sop_key: str) -> SopHarmonization | None:
        group_id = self.group_of(sop_key)
        if group_id is None:
            return None
        own = self.member(sop_key)
        return SopHarmonization(label=self.label(group_id), n_members=self.n_members(group_id),
                                phases=self.phases_of(group_id), matrix=own.matrix, audit=own.audit,
                                copies=self.copies_of(sop_key))

    def copies_of(self, sop_key: str) -> list[dict]:
        """The files of the SOP's sop_id (see SopHarmonization.copies); none when it has one file."""
        own = self.history.rows(sop_key)
        if not own:
            return []
        rows = self.history.rows(own[0]["sop_id"], key="sop_id")
        for row in rows:
            found = self.db.execute("SELECT rowid, source_file, sop_index FROM documents WHERE sop_key = ?",
                                    (row["sop_key"],)).fetchone()
            row["position"], row["source_file"], row["sop_index"] = found or (None, row["sop_key"], 1)
        return rows


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
    documents = with_columns(with_sop_keys(documents.copy()), columns("documents"))
    position = {text(f): i for i, f in enumerate(documents["sop_key"])}
    steps = with_columns(with_sop_keys(steps.copy()), columns("steps"))
    steps = sorted_by(steps, position, pd.to_numeric(steps["seq"], errors="coerce"))
    findings = with_columns(with_sop_keys(findings.copy()), columns("findings"))
    findings = sorted_by(findings, position, findings["severity"].map(lambda s: SEVERITY_ORDER.get(text(s), 3)))
    return Chunk(documents=documents, steps=steps, findings=findings, document_rows=rows_of(documents),
                 steps_of=by_file(rows_of(steps)), findings_of=by_file(rows_of(findings)))


def rows_of(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def records(frame: pd.DataFrame | None, columns: Iterable[str]) -> Iterator[dict]:
    """The frame's rows as dicts of these columns (missing values for one it lacks), made one at a time."""
    columns = list(columns)
    frame = pd.DataFrame(columns=columns) if frame is None else frame.reindex(columns=columns)
    return (dict(zip(columns, values)) for values in zip(*(frame[column].tolist() for column in columns)))


def sorted_by(frame: pd.DataFrame, position: dict[str, int], order: pd.Series) -> pd.DataFrame:
    """Ordered by the file's position among the documents (the input order), then `order`
    (stable: equal rows keep the table's order)."""
    file_position = [position.get(text(f), len(position)) for f in frame["sop_key"]]
    return (frame.assign(_file=file_position, _order=order.to_numpy())
            .sort_values(["_file", "_order"], kind="stable").drop(columns=["_file", "_order"]).reset_index(drop=True))


def by_file(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[text(row["sop_key"])].append(row)
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
