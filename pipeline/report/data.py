"""What a report reads. A chunk of the tables, with every column it uses present and its rows
grouped once by file (filtering a DataFrame per SOP is slow); and the harmonization as procedure
groups, read from the batch database by query: the SOPs of a chunk, or of a group a part at a
time, never every SOP at once."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterator

import pandas as pd

from pipeline.database import POSITION, BatchDatabase
from pipeline.schema import HARMONIZATION_TABLES, TEXT, columns
from pipeline.report.values import number, page_name, sop_name, text, with_columns
from pipeline.store import with_sop_keys

UNNAMED = "(tanpa nama)"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
MEMBERS_PER_QUERY = 1000  # SOPs of a group read at a time


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
    page: str | None = None  # its page's file name

    @property
    def name(self) -> str:
        """Its file, and its place in the file when the file holds several SOPs."""
        return sop_name(self.source_file, self.sop_index)

    @property
    def agency_key(self) -> str:
        """Its agency as printed, case and spacing aside (its key when none is printed)."""
        return " ".join(self.agency.casefold().split()) or self.sop_key


@dataclass
class Group:
    group_id: str
    label: str
    files: list[str]  # ordered by agency, then file
    phases: list[dict]  # in consensus order
    members_of: Callable[[list[str]], dict[str, Member]]

    def members(self) -> Iterator[Member]:
        """The group's SOPs in order, read a part at a time: a group may have thousands."""
        keys = iter(self.files)
        while part := list(islice(keys, MEMBERS_PER_QUERY)):
            found = self.members_of(part)
            yield from (found[key] for key in part)


@dataclass
class SopHarmonization:
    """One SOP's place in its group, for its own page."""
    label: str
    n_members: int
    phases: list[dict]  # of the group, in consensus order
    matrix: dict[str, dict]  # phase -> this SOP's matrix row, with peers_median
    audit: dict | None
    # the files of its sop_id (itself included) when it has copies or revisions: the history
    # table's columns, source_file, sop_index and position (in the batch, as the SOP pages are numbered)
    copies: list[dict] = field(default_factory=list)


def selected(table: str) -> str:
    """The columns of one of the harmonization's tables, missing text as empty text."""
    return ", ".join(f"coalesce({name}, '') AS {name}" if kind == TEXT else name
                     for name, kind, _ in HARMONIZATION_TABLES[table])


class HarmonizationView:
    """The harmonization as the reports read it from the batch database: procedure groups, their
    phases, and each SOP's matrix and audit rows (with the other agencies' medians harmonization
    compared them with). In memory stay the groups' ids, names and sizes."""

    def __init__(self, database: BatchDatabase):
        """`database`: the harmonization is in; the documents are looked up in its normalized
        table as they are written."""
        self.database = database
        # an SOP is a member of the groups it is given or has matrix rows in; is_current: the
        # member stands for its SOP (its other copies and revisions are not listed)
        database.execute("""
            CREATE TABLE harmonization.members AS
            SELECT group_id, sop_key, NOT EXISTS (SELECT 1 FROM batch.sop_ids c
                                                  WHERE c.sop_key = m.sop_key AND NOT c.is_current) AS is_current
            FROM (SELECT DISTINCT group_id, sop_key FROM (SELECT group_id, sop_key FROM harmonization.groups
                                                         UNION ALL SELECT group_id, sop_key FROM harmonization.phase_matrix)
                  WHERE trim(coalesce(group_id, '')) <> '') m""")
        # a group's first name given stands; one never named (only in the matrix) is UNNAMED
        database.execute("""
            CREATE TABLE harmonization.group_names AS
            SELECT group_id, first(group_label ORDER BY rowid) AS label FROM harmonization.groups
            WHERE trim(coalesce(group_id, '')) <> '' AND trim(coalesce(group_label, '')) <> '' GROUP BY group_id""")
        self.labels = dict(database.execute("SELECT group_id, label FROM harmonization.group_names").fetchall())
        # the files of each SOP held in several, with their place among the SOP pages: the row
        # order of batch.documents, the order the normalized documents table is written in (it
        # holds only the windows written so far)
        database.execute(f"""
            CREATE TABLE harmonization.copies AS
            SELECT h.history_order, h.sop_key, h.sop_id, h.source_format, h.revision_date, h.is_current, h.changes,
                   coalesce(d.source_file, h.sop_key) AS source_file, coalesce(d.sop_index, 1) AS sop_index,
                   d.position
            FROM (SELECT *, rowid AS history_order FROM harmonization.history) h
            LEFT JOIN (SELECT sop_key, source_file, sop_index,
                              row_number() OVER (ORDER BY {POSITION}, rowid) AS position FROM batch.documents) d
            USING (sop_key)""")
        self.sizes = dict(database.execute("SELECT group_id, count(*) FROM harmonization.members WHERE is_current "
                                           "GROUP BY group_id").fetchall())
        self.group_ids = sorted(self.sizes, key=lambda g: (self.label(g), g))  # by name

    def label(self, group_id: str) -> str:
        return self.labels.get(group_id, UNNAMED)

    def phases_of(self, group_id: str) -> list[dict]:
        """The group's phases, in consensus order."""
        return self.database.query(f"SELECT {selected('phases')} FROM harmonization.phases WHERE group_id = ? "
                                   "ORDER BY coalesce(consensus_order, 0), phase", [group_id])

    def groups_of(self, keys: list[str]) -> dict[str, str]:
        """sop_key -> its group, for those of `keys` that have one."""
        return dict(self.database.execute("SELECT sop_key, min(group_id) FROM harmonization.members "
                                          "WHERE sop_key IN (SELECT unnest(?::VARCHAR[])) GROUP BY sop_key",
                                          [keys]).fetchall())

    def n_members(self, group_id: str) -> int:
        return self.sizes.get(group_id, 0)

    def files(self, group_id: str) -> list[str]:
        """The group's SOPs (each once: its current row), by agency, then file."""
        found = self.database.execute(
            "SELECT m.sop_key FROM harmonization.members m LEFT JOIN main.documents d USING (sop_key) "
            "WHERE m.group_id = ? AND m.is_current ORDER BY coalesce(d.agency, ''), m.sop_key", [group_id])
        return [sop_key for (sop_key,) in found.fetchall()]

    def group(self, group_id: str) -> Group:
        return Group(group_id=group_id, label=self.label(group_id), files=self.files(group_id),
                     phases=self.phases_of(group_id), members_of=self.members_of)

    def members_of(self, keys: list[str]) -> dict[str, Member]:
        """The SOPs of `keys`, with their documents row (those written so far), matrix and audit."""
        wanted = [keys]
        documents = {row["sop_key"]: row for row in self.database.query(
            "SELECT sop_key, source_file, sop_index, coalesce(agency, '') AS agency, coalesce(sop_title, '') AS title, "
            "rowid + 1 AS position FROM main.documents WHERE sop_key IN (SELECT unnest(?::VARCHAR[]))", wanted)}
        matrix: dict[str, dict[str, dict]] = defaultdict(dict)
        for row in self.database.query(f"SELECT {selected('phase_matrix')} FROM harmonization.phase_matrix "
                                       "WHERE sop_key IN (SELECT unnest(?::VARCHAR[])) ORDER BY rowid", wanted):
            matrix[row["sop_key"]][row["phase"]] = row
        audits: dict[str, dict] = {}
        for row in self.database.query(f"SELECT {selected('time_audit')} FROM harmonization.time_audit "
                                       "WHERE sop_key IN (SELECT unnest(?::VARCHAR[])) ORDER BY rowid", wanted):
            audits.setdefault(row["sop_key"], row)
        members = {}
        for key in keys:
            document = documents.get(key, {})
            source_file = document.get("source_file") or key
            members[key] = Member(sop_key=key, source_file=source_file, sop_index=document.get("sop_index") or 1,
                                  agency=document.get("agency", ""), title=document.get("title", ""),
                                  matrix=matrix.get(key, {}), audit=audits.get(key),
                                  page=page_name(document["position"], source_file) if document else None)
        return members

    def member(self, sop_key: str) -> Member:
        return self.members_of([sop_key])[sop_key]

    def groups(self) -> Iterator[Group]:
        """Every group, by name, one at a time."""
        return (self.group(group_id) for group_id in self.group_ids)

    def sops(self, keys: list[str]) -> dict[str, SopHarmonization]:
        """The place in its group of each SOP of `keys` that has one, with its files when it is
        held in several."""
        group_of = self.groups_of(keys)
        members = self.members_of(list(group_of))
        phases = {group_id: self.phases_of(group_id) for group_id in set(group_of.values())}
        copies = self.copies_of(list(group_of))
        return {key: SopHarmonization(label=self.label(group_id), n_members=self.n_members(group_id),
                                      phases=phases[group_id], matrix=members[key].matrix, audit=members[key].audit,
                                      copies=copies.get(key, []))
                for key, group_id in group_of.items()}

    def copies_of(self, keys: list[str]) -> dict[str, list[dict]]:
        """sop_key -> the files of its sop_id (see SopHarmonization.copies), for those of `keys`
        held in several files."""
        files: dict[str, list[dict]] = defaultdict(list)
        for row in self.database.query(
                "SELECT * EXCLUDE (history_order) FROM harmonization.copies WHERE sop_id IN "
                "(SELECT sop_id FROM harmonization.copies WHERE sop_key IN (SELECT unnest(?::VARCHAR[]))) "
                "ORDER BY history_order", [keys]):
            files[row["sop_id"]].append(row)
        wanted = set(keys)
        return {row["sop_key"]: rows for rows in files.values() for row in rows if row["sop_key"] in wanted}


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
    return phase.get("core") is True


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
