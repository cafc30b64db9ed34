"""What the index page shows of the SOPs, kept while the chunks stream through: a few values per
SOP (in a table on disk) and running counts. The SOP pages and the table rows themselves are
written chunk by chunk and dropped."""
from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from pipeline.report.data import Chunk, RowStore
from pipeline.report.values import sop_name, text

SEVERITIES = ("error", "warning", "info")


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


@dataclass
class RuleTally:
    severities: Counter = field(default_factory=Counter)
    n_files: int = 0


class BatchSummary:
    """Running counts of the batch's rows and findings, and each SOP's summary kept as a row of a
    table on disk, read back in input order or by file."""

    def __init__(self, db: sqlite3.Connection):
        self.rows = RowStore(db, "sops", SOP_COLUMNS, "sop_key")
        self.findings = RowStore(db, "findings", FINDING_COLUMNS, "rule")  # every finding, for its rule's page
        self.n_sops = 0
        self.sop_ids: set[str] = set()  # each SOP once, whatever its copies and revisions
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
        sops = [self.summarize(self.n_sops + index + 1, document,
                               chunk.findings_of.get(text(document["sop_key"]), []))
                for index, document in enumerate(chunk.document_rows)]
        self.n_sops += len(sops)
        self.sop_ids.update(text(d["sop_id"]) or text(d["sop_key"]) for d in chunk.document_rows
                            if text(d["status"]) != "failed")
        self.findings.add(finding_row(finding, sop) for sop in sops for finding in chunk.findings_of.get(sop.sop_key, []))
        self.formats.update(sop.format or "?" for sop in sops)
        self.failed += [sop for sop in sops if sop.status != "ok"]
        self.rows.add(map(summary_row, sops))
        return sops

    def seal(self) -> None:
        """Every chunk is in: summaries can be looked up by file or page from now on."""
        self.rows.seal("page")
        self.findings.seal()

    def status_counts(self) -> dict[str, int]:
        """SOPs read whole (ok), in part (partial) and not at all (failed)."""
        failed = sum(1 for sop in self.failed if sop.status == "failed")
        partial = len(self.failed) - failed
        return {"ok": self.n_sops - len(self.failed), "partial": partial, "failed": failed}

    def findings_of(self, rule: str) -> Iterator[dict]:
        """The findings of one rule across the batch, in input order, read as the page is written."""
        return self.findings.read("WHERE rule = ?", (rule,))

    def sops(self) -> Iterator[SopSummary]:
        """Every SOP's summary, in input order, made as it is read."""
        for row in self.rows.all():
            counts = {severity: row.pop(column) for severity, column in COUNT_COLUMNS.items()}
            yield SopSummary(**row, counts=counts)

    def page_of(self, sop_key: str) -> str | None:
        """The file name of the SOP's page."""
        found = self.rows.rows(sop_key)
        return found[0]["page"] if found else None

    def has_page(self, page: str) -> bool:
        return bool(self.rows.rows(page, key="page"))

    def count_findings(self, findings: list[dict]) -> None:
        """One SOP's findings."""
        for finding in findings:
            severity, rule = text(finding["severity"]), text(finding["rule"])
            self.severities[severity] += 1
            self.rules.setdefault(rule, RuleTally()).severities[severity] += 1
        for rule in {text(finding["rule"]) for finding in findings}:
            self.rules[rule].n_files += 1

    @staticmethod
    def summarize(position: int, document: dict, findings: list[dict]) -> SopSummary:
        source_file = text(document["source_file"])
        return SopSummary(sop_key=text(document["sop_key"]), source_file=source_file,
                          name=sop_name(source_file, document["sop_index"]), page=page_name(position, source_file),
                          title=text(document["sop_title"]), agency=text(document["agency"]),
                          format=text(document["source_format"]), status=text(document["status"]),
                          error=text(document["error"]), n_steps=text(document["n_steps"]),
                          is_copy=document.get("is_current") is False and text(document["status"]) != "failed",
                          counts=severity_counts(findings))


TEXT_FIELDS = ("sop_key", "source_file", "name", "page", "title", "agency", "format", "status", "error", "n_steps")
FLAG_FIELDS = ("is_copy",)
COUNT_COLUMNS = {severity: f"{severity}_count" for severity in SEVERITIES}
SOP_COLUMNS = {**dict.fromkeys(TEXT_FIELDS, str), **dict.fromkeys(FLAG_FIELDS, bool),
               **dict.fromkeys(COUNT_COLUMNS.values(), int)}


FINDING_COLUMNS = {"rule": str, "severity": str, "sop_key": str, "name": str, "agency": str, "title": str,
                   "page": str, "step_no": str, "field": str, "message": str, "uncertain": bool, "decision": str}


def finding_row(finding: dict, sop: SopSummary) -> dict:
    return {"rule": text(finding["rule"]), "severity": text(finding["severity"]), "sop_key": sop.sop_key,
            "name": sop.name, "agency": sop.agency, "title": sop.title, "page": sop.page,
            "step_no": text(finding["step_no"]), "field": text(finding["field"]), "message": text(finding["message"]),
            "uncertain": finding.get("uncertain") is True, "decision": text(finding.get("decision"))}


def summary_row(sop: SopSummary) -> dict:
    return {**{name: getattr(sop, name) for name in (*TEXT_FIELDS, *FLAG_FIELDS)},
            **{COUNT_COLUMNS[severity]: count for severity, count in sop.counts.items()}}


def page_name(position: int, source_file: str) -> str:
    """A file name safe on any system, unique by the SOP's position in the batch."""
    slug = re.sub(r"[^a-z0-9]+", "-", source_file.lower()).strip("-")[:60] or "sop"
    return f"{position:03d}-{slug}.html"


def severity_counts(findings: list[dict]) -> dict[str, int]:
    return by_severity(Counter(text(f["severity"]) for f in findings))


def by_severity(counts: Counter) -> dict[str, int]:
    return {severity: counts.get(severity, 0) for severity in SEVERITIES}
