"""What the index page shows of the SOPs, kept while the chunks stream through: a few values per
SOP and running counts. The SOP pages and the table rows themselves are written chunk by chunk
and dropped."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.report.data import Chunk
from pipeline.report.values import text

SEVERITIES = ("error", "warning", "info")


@dataclass(slots=True)
class SopSummary:
    source_file: str
    page: str  # its page's file name
    title: str  # empty when the SOP has none
    agency: str
    format: str
    status: str
    error: str
    n_steps: str
    counts: dict[str, int]  # its findings by severity


@dataclass
class RuleTally:
    severities: Counter = field(default_factory=Counter)
    n_files: int = 0


@dataclass
class BatchSummary:
    sops: list[SopSummary] = field(default_factory=list)  # in input order
    n_steps: int = 0
    severities: Counter = field(default_factory=Counter)  # every finding, whatever its severity
    rules: dict[str, RuleTally] = field(default_factory=dict)

    def add(self, chunk: Chunk) -> list[SopSummary]:
        """Counts the chunk's rows and returns the summaries of its SOPs, page names included."""
        self.n_steps += len(chunk.steps)
        for findings in chunk.findings_of.values():  # a file's findings all come in one chunk
            self.count_findings(findings)
        first = len(self.sops)
        for document in chunk.document_rows:
            self.sops.append(self.summarize(document, chunk.findings_of.get(text(document["source_file"]), [])))
        return self.sops[first:]

    def count_findings(self, findings: list[dict]) -> None:
        """One file's findings."""
        for finding in findings:
            severity, rule = text(finding["severity"]), text(finding["rule"])
            self.severities[severity] += 1
            self.rules.setdefault(rule, RuleTally()).severities[severity] += 1
        for rule in {text(finding["rule"]) for finding in findings}:
            self.rules[rule].n_files += 1

    def summarize(self, document: dict, findings: list[dict]) -> SopSummary:
        source_file = text(document["source_file"])
        return SopSummary(source_file=source_file, page=page_name(len(self.sops) + 1, source_file),
                          title=text(document["sop_title"]), agency=text(document["agency"]),
                          format=text(document["source_format"]), status=text(document["status"]),
                          error=text(document["error"]), n_steps=text(document["n_steps"]),
                          counts=severity_counts(findings))


def page_name(position: int, source_file: str) -> str:
    """A file name safe on any system, unique by the SOP's position in the batch."""
    slug = re.sub(r"[^a-z0-9]+", "-", source_file.lower()).strip("-")[:60] or "sop"
    return f"{position:03d}-{slug}.html"


def severity_counts(findings: list[dict]) -> dict[str, int]:
    return by_severity(Counter(text(f["severity"]) for f in findings))


def by_severity(counts: Counter) -> dict[str, int]:
    return {severity: counts.get(severity, 0) for severity in SEVERITIES}
