"""The analyst's decisions, kept in a plain file in the output folder (`DIR/keputusan.csv`) that
people edit in a spreadsheet or a text editor; every run applies them, and the report and the
workbook show them.

One decision per row, columns in Bahasa Indonesia (the analysts write them):

- jenis=kelompok: the SOP (berkas, sop_ke) belongs to the procedure group named `nilai`; SOPs
  given the same name are one group, whatever the grouping found.
- jenis=fase: step `langkah` (its printed number) of the SOP is in the phase named `nilai`.
- jenis=temuan: the finding (aturan, langkah, kolom) of the SOP is `diperiksa` (checked with the
  agency) or `diabaikan` (dismissed), with `alasan`.

A row that cannot be applied (an unknown kind, a missing SOP) is skipped with a warning in the
log; the file itself is never rewritten by the pipeline once it exists.
"""
from __future__ import annotations

import csv
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

DECISIONS_FILE = "keputusan.csv"
COLUMNS = ["jenis", "berkas", "sop_ke", "langkah", "aturan", "kolom", "nilai", "alasan"]
FINDING_STATUSES = {"diperiksa", "diabaikan"}


@dataclass
class Decisions:
    groups: dict[str, str] = field(default_factory=dict)  # sop_key -> group name
    phases: dict[tuple[str, int], str] = field(default_factory=dict)  # (sop_key, step_no) -> phase
    # (sop_key, rule, step_no or None, field or None) -> (status, reason)
    findings: dict[tuple[str, str, int | None, str | None], tuple[str, str]] = field(default_factory=dict)

    def finding(self, sop_key: str, rule: str, step_no, column) -> tuple[str, str] | None:
        return self.findings.get((sop_key, rule, whole(step_no), text_or_none(column)))


def whole(value) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def text_or_none(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def load_decisions(out: Path) -> Decisions:
    """The decisions in `out`'s file; none when there is no file."""
    decisions = Decisions()
    path = out / DECISIONS_FILE
    if not path.exists():
        return decisions
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if not add(decisions, {k: (v or "").strip() for k, v in row.items() if k}):
                log.warning("%s, row %d: not a decision this version can apply; skipped", path.name, number)
    return decisions


def add(decisions: Decisions, row: dict[str, str]) -> bool:
    kind, source, value = row.get("jenis", "").lower(), row.get("berkas", ""), row.get("nilai", "")
    if not source or not value:
        return False
    key = f"{source}#{whole(row.get('sop_ke')) or 1}"
    if kind == "kelompok":
        decisions.groups[key] = value
    elif kind == "fase" and whole(row.get("langkah")) is not None:
        decisions.phases[(key, whole(row.get("langkah")))] = value
    elif kind == "temuan" and row.get("aturan") and value.lower() in FINDING_STATUSES:
        where = (key, row["aturan"].upper(), whole(row.get("langkah")), text_or_none(row.get("kolom")))
        decisions.findings[where] = (value.lower(), row.get("alasan", ""))
    else:
        return False
    return True


def decisions_key(out: Path) -> str:
    """What the decisions add to a run's inputs: a changed decision makes the run go again (a
    file holding none, as the template, is no decision)."""
    decisions = load_decisions(out)
    if not (decisions.groups or decisions.phases or decisions.findings):
        return ""
    listing = repr([sorted(decisions.groups.items()), sorted(decisions.phases.items()),
                    sorted(decisions.findings.items(), key=repr)])
    return hashlib.sha256(listing.encode()).hexdigest()


def write_template(out: Path) -> None:
    """An empty decisions file with its header, for the analyst to fill in (never overwritten)."""
    path = out / DECISIONS_FILE
    if not path.exists():
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerow(COLUMNS)
