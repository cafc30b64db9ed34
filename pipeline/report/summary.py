"""What the index page shows of the SOPs: running counts kept while the chunks stream through,
and each SOP's summary read back from the batch database's normalized tables (written by then)
as the pages are written. The SOP pages and the table rows themselves are written chunk by
chunk and dropped."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterator

from pipeline.database import BatchDatabase
from pipeline.report.data import UNNAMED, Chunk
from pipeline.report.values import page_name, sop_name, text

SEVERITIES = ("error", "warning", "info")
SOPS_PER_QUERY = 1000  # documents a report query joins and sorts at once


@dataclass(slots=True)
class SopSummary:
    sop_key: str
    source_file: str
    name: str  # its file, and its place in the file when the file holds several SOPs
    page: str  # its page's file name
    title: str  # empty when the SOP has none
    agency: str
    format: str
    status: str
    error: str
    n_steps: str
    is_copy: bool  # another row of its sop_id stands for the SOP (a copy in another format, an older revision)
    counts: dict[str, int]  # its findings by severity
    group_label: str = ""  # the name of its procedure group; empty when it has none


@dataclass
class RuleTally:
    severities: Counter = field(default_factory=Counter)
    n_files: int = 0


# the normalized documents columns a summary is made of, and the SOP's place in the batch
DOCUMENT_COLUMNS = "d.sop_key, d.source_file, d.sop_index, d.sop_title, d.agency, d.source_format, d.status, " \
                   "d.error, d.n_steps, d.is_current, d.rowid + 1 AS position"
SEVERITY_RANK = "CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 WHEN 'info' THEN 2 ELSE 3 END"


class BatchSummary:
    """Running counts of the batch's rows and findings; each SOP's summary and the findings of a
    rule are read from the batch database's documents and findings tables, in input order."""

    def __init__(self, database: BatchDatabase):
        self.database = database
        self.n_sops = 0
        self.n_steps = 0
        self.formats: Counter = Counter()  # files per source format
        self.failed: list[SopSummary] = []  # the SOPs that could not be read, or only in part
        self.severities: Counter = Counter()  # every finding, whatever its severity
        self.rules: dict[str, RuleTally] = {}

    def add(self, chunk: Chunk) -> list[SopSummary]:
        """Counts the chunk's rows and returns the summaries of its SOPs, page names included."""
        self.n_steps += len(chunk.steps)
        for findings in chunk.findings_of.values():  # a file's findings all come in one chunk
            self.count_findings(findings)
        sops = [summarize(self.n_sops + index + 1, document,
                          severity_counts(chunk.findings_of.get(text(document["sop_key"]), [])))
                for index, document in enumerate(chunk.document_rows)]
        self.n_sops += len(sops)
        self.formats.update(sop.format or "?" for sop in sops)
        self.failed += [sop for sop in sops if sop.status != "ok"]
        return sops

    def n_distinct(self) -> int:
        """Each SOP read once, whatever its copies and revisions."""
        (found,) = self.database.execute(
            "SELECT count(DISTINCT coalesce(nullif(trim(sop_id), ''), sop_key)) FROM main.documents "
            "WHERE status IS DISTINCT FROM 'failed'").fetchone()
        return found

    def status_counts(self) -> dict[str, int]:
        """SOPs read whole (ok), in part (partial) and not at all (failed)."""
        failed = sum(1 for sop in self.failed if sop.status == "failed")
        partial = len(self.failed) - failed
        return {"ok": self.n_sops - len(self.failed), "partial": partial, "failed": failed}

    def findings_of(self, rule: str) -> Iterator[dict]:
        """The findings of one rule across the batch, in input order (by SOP, then severity), read
        as the page is written."""
        rows = self.by_window(
            f"SELECT f.rule, f.severity, f.step_no, f.field, f.message, f.uncertain, f.decision, {DOCUMENT_COLUMNS} "
            f"FROM main.findings f JOIN main.documents d USING (sop_key) "
            f"WHERE f.rule = ? AND d.rowid >= ? AND d.rowid < ? "
            f"ORDER BY d.rowid, {SEVERITY_RANK}, f.rowid", lambda start, stop: [rule, start, stop])
        for row in rows:
            sop = summarize(row["position"], row, {})
            yield finding_row(row, sop)

    def sops(self) -> Iterator[SopSummary]:
        """Every SOP's summary, in input order, made as it is read."""
        counts = ", ".join(f"count(*) FILTER (WHERE severity = '{severity}') AS {severity}" for severity in SEVERITIES)
        rows = self.by_window(
            f"SELECT {DOCUMENT_COLUMNS}, {', '.join(f'coalesce(c.{s}, 0) AS {s}' for s in SEVERITIES)}, "
            "m.group_id, coalesce(n.label, '') AS label "
            f"FROM main.documents d LEFT JOIN (SELECT sop_key, {counts} FROM main.findings WHERE sop_key IN "
            "(SELECT sop_key FROM main.documents WHERE rowid >= ? AND rowid < ?) GROUP BY sop_key) c "
            "USING (sop_key) LEFT JOIN (SELECT sop_key, min(group_id) AS group_id FROM harmonization.members "
            "GROUP BY sop_key) m USING (sop_key) LEFT JOIN harmonization.group_names n USING (group_id) "
            "WHERE d.rowid >= ? AND d.rowid < ? ORDER BY d.rowid", lambda start, stop: [start, stop, start, stop])
        for row in rows:
            sop = summarize(row["position"], row, {severity: row[severity] for severity in SEVERITIES})
            if row["group_id"] is not None:
                sop.group_label = row["label"] or UNNAMED
            yield sop

    def by_window(self, sql: str, parameters: Callable[[int, int], list]) -> Iterator[dict]:
        """The rows of `sql`, run on a window of SOPs at a time (`parameters(start, stop)`: the
        values of its placeholders for the documents' rowids in [start, stop)): DuckDB sorts a
        window within its memory limit, not a batch of 100,000 SOPs."""
        (end,) = self.database.execute("SELECT coalesce(max(rowid) + 1, 0) FROM main.documents").fetchone()
        for start in range(0, end, SOPS_PER_QUERY):
            yield from self.database.query(sql, parameters(start, start + SOPS_PER_QUERY))

    def page_of(self, sop_key: str) -> str | None:
        """The file name of the SOP's page."""
        found = self.database.execute("SELECT rowid + 1, source_file FROM main.documents WHERE sop_key = ?",
                                      [sop_key]).fetchone()
        return page_name(*found) if found else None

    def has_page(self, page: str) -> bool:
        position = page.split("-", 1)[0]
        if not position.isdigit():
            return False
        found = self.database.execute("SELECT source_file FROM main.documents WHERE rowid = ?",
                                      [int(position) - 1]).fetchone()
        return found is not None and page_name(int(position), found[0]) == page

    def count_findings(self, findings: list[dict]) -> None:
        """One SOP's findings."""
        for finding in findings:
            severity, rule = text(finding["severity"]), text(finding["rule"])
            self.severities[severity] += 1
            self.rules.setdefault(rule, RuleTally()).severities[severity] += 1
        for rule in {text(finding["rule"]) for finding in findings}:
            self.rules[rule].n_files += 1


def summarize(position: int, document: dict, counts: dict[str, int]) -> SopSummary:
    source_file = text(document["source_file"])
    return SopSummary(sop_key=text(document["sop_key"]), source_file=source_file,
                      name=sop_name(source_file, document["sop_index"]), page=page_name(position, source_file),
                      title=text(document["sop_title"]), agency=text(document["agency"]),
                      format=text(document["source_format"]), status=text(document["status"]),
                      error=text(document["error"]), n_steps=text(document["n_steps"]),
                      is_copy=document.get("is_current") is False and text(document["status"]) != "failed",
                      counts=counts)


def finding_row(finding: dict, sop: SopSummary) -> dict:
    return {"rule": text(finding["rule"]), "severity": text(finding["severity"]), "sop_key": sop.sop_key,
            "name": sop.name, "agency": sop.agency, "title": sop.title, "page": sop.page,
            "step_no": text(finding["step_no"]), "field": text(finding["field"]), "message": text(finding["message"]),
            "uncertain": finding.get("uncertain") is True, "decision": text(finding.get("decision"))}


def severity_counts(findings: list[dict]) -> dict[str, int]:
    return by_severity(Counter(text(f["severity"]) for f in findings))


def by_severity(counts: Counter) -> dict[str, int]:
    return {severity: counts.get(severity, 0) for severity in SEVERITIES}
