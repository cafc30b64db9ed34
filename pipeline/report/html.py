"""The HTML report: reports/index.html (the batch, the harmonization) and one page per SOP under
reports/sop/. Every page is self-contained (inline CSS, JS and SVG) and escapes all SOP text.
SOP pages are written as their chunk arrives, the index once every SOP is summarized."""
from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from pipeline.harmonize.audit import MIN_PEERS
from pipeline.report.charts import BarChart, BarInput, bar_chart, is_far
from pipeline.report.evidence import EvidenceImages
from pipeline.validate.expectations import CHECKS, EXPECTATION_RULE
from pipeline.report.data import Group, HarmonizationView, Member, SopHarmonization, is_core, step_severities
from pipeline.report.labels import IDENTITY_FIELDS, LIST_IDENTITY_FIELDS, RULE_LABELS, SEVERITY_LABELS, STATUS_LABELS
from pipeline.report.summary import BatchSummary, RuleTally, SopSummary, by_severity, page_name, severity_counts
from pipeline.report.swimlane import layout_swimlane, time_lines
from pipeline.report.values import as_list, group_stem, minutes_text, number, shorten, sop_name, text
from pipeline.store import replace_atomically

PAGES_DIR = "sop"
GROUPS_DIR = "kelompok"  # a page per procedure group
RULES_DIR = "temuan"  # a page per rule: its findings across the batch
AGENCY_CHARS = 90  # in lists; a misread agency can run to a paragraph
# A group's charts draw a bar per SOP and phase: beyond this many SOPs they could not be read
# (nor drawn by a browser); the matrix, the audit table and the workbook still hold every SOP.
MAX_CHARTED_SOPS = 300


@cache  # templates compile once per process
def environment() -> Environment:
    # autoescape for every template, whatever its name: SOP text is untrusted
    env = Environment(loader=PackageLoader("pipeline.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["px"] = lambda value: f"{float(value):.1f}".rstrip("0").rstrip(".")
    env.globals.update(SEVERITY_LABELS=SEVERITY_LABELS, RULE_LABELS=RULE_LABELS, STATUS_LABELS=STATUS_LABELS)
    return env


class HtmlReport:
    """The pages of one run: SOP pages one by one, then the index."""

    def __init__(self, reports_dir: Path):
        self.index_path = reports_dir / "index.html"
        self.pages_dir = reports_dir / PAGES_DIR
        self.pages_dir.mkdir(parents=True, exist_ok=True)
        self.evidence = EvidenceImages(self.pages_dir)
        self.generated = datetime.now().strftime("%d-%m-%Y %H:%M")

    def write_sop_page(self, sop: SopSummary, document: dict, steps: list[dict], findings: list[dict],
                       harmonization: SopHarmonization | None) -> None:
        write_page(self.pages_dir / sop.page, "sop.html", generated=self.generated,
                   **sop_context(document, steps, findings, harmonization, self.evidence))

    def close(self, summary: BatchSummary, view: HarmonizationView, acuan: dict[str, str]) -> list[Path]:
        """Writes a page per procedure group, then the index; returns the index, the SOP pages and
        the group pages. `acuan`: group id -> its reference SOP, relative to the reports folder."""
        remove_stale_pages(self.pages_dir, summary)
        self.evidence.remove_stale()
        groups = self.write_group_pages(summary, view, acuan)
        self.write_rule_pages(summary)
        index = write_page(self.index_path, "index.html", generated=self.generated,
                           **index_context(summary, view, groups))
        return [index, *(self.pages_dir / sop.page for sop in summary.sops()),
                *(self.index_path.parent / g["page"] for g in groups)]

    def write_rule_pages(self, summary: BatchSummary) -> None:
        """A page per rule: its findings across the batch, with each SOP's agency and title."""
        directory = self.index_path.parent / RULES_DIR
        directory.mkdir(parents=True, exist_ok=True)
        written = set()
        for rule in summary.rules:
            path = directory / f"{rule_stem(rule)}.html"
            write_page(path, "rule.html", generated=self.generated, rule=rule, label=RULE_LABELS.get(rule, ""),
                       findings=summary.findings_of(rule))
            written.add(path)
        for stale in set(directory.glob("*.html")) - written:
            stale.unlink()

    def write_group_pages(self, summary: BatchSummary, view: HarmonizationView, acuan: dict[str, str]) -> list[dict]:
        """A page per group of more than one SOP, one at a time; their rows for the index."""
        directory = self.index_path.parent / GROUPS_DIR
        directory.mkdir(parents=True, exist_ok=True)
        rows = []
        for group_id in view.group_ids:
            if view.n_members(group_id) < 2:
                continue
            group = view.group(group_id)
            page = f"{GROUPS_DIR}/{group_stem(group.label, group_id)}.html"
            context = group_view(group, summary)
            context.update(acuan=acuan.get(group_id))
            write_page(self.index_path.parent / page, "group.html", generated=self.generated, g=context,
                       max_charted_sops=MAX_CHARTED_SOPS)
            rows.append({"page": page, "label": group.label, "n_members": context["n_members"],
                         "n_agencies": context["n_agencies"], "n_core": sum(p["core"] for p in context["phases"]),
                         "acuan": acuan.get(group_id)})
        for stale in set(directory.glob("*.html")) - {self.index_path.parent / row["page"] for row in rows}:
            stale.unlink()
        return rows


def write_page(path: Path, template: str, **context) -> Path:
    # streamed to the file: the index of a large batch is never one string in memory
    stream = environment().get_template(template).stream(**context)
    replace_atomically(path, lambda temporary: stream.dump(temporary, encoding="utf-8"))
    return path


def remove_stale_pages(pages_dir: Path, summary: BatchSummary) -> None:
    """Pages of SOPs that an earlier run had and this one has not."""
    for page in pages_dir.glob("*.html"):
        if not summary.has_page(page.name):
            page.unlink()


def page_link(summary: BatchSummary, sop_key: str) -> str | None:
    return page_href(summary.page_of(sop_key))


def page_href(page: str | None) -> str | None:
    return f"{PAGES_DIR}/{page}" if page else None


# --- index page -------------------------------------------------------------------------------

def index_context(summary: BatchSummary, view: HarmonizationView, groups: list[dict]) -> dict:
    compared = [group_id for group_id in view.group_ids if view.n_members(group_id) > 1]
    return {
        "summary": {
            "files": summary.n_sops, "distinct": summary.n_distinct(), **summary.status_counts(),
            "steps": summary.n_steps, "findings": sum(summary.severities.values()),
            "by_severity": by_severity(summary.severities),
            "formats": summary.formats.most_common(),
        },
        "failures": [{"source_file": sop.name, "format": sop.format, "status": sop.status,
                      "error": sop.error or "(tanpa keterangan)", "page": page_href(sop.page)}
                     for sop in summary.failed],
        "rules": rule_table(summary.rules),
        "expectations": expectation_view(summary.rules.get(EXPECTATION_RULE)),
        "max_charted_sops": MAX_CHARTED_SOPS,
        # generators: the rows of the list and of the group matrices are rendered as they are made
        "sops": (sop_list_row(sop, sop.group_label) for sop in summary.sops()),
        "n_compared_groups": len(compared),
        "groups": groups,
        # a procedure only one SOP follows has nothing to be compared with: listed, not charted
        "single_groups": [{"label": view.label(group_id), "source_file": view.member(key).name,
                           "page": page_link(summary, key)}
                          for group_id in view.group_ids if view.n_members(group_id) == 1
                          for key in view.files(group_id)],
    }


def expectation_view(tally: RuleTally | None) -> dict:
    """The table checks (Great Expectations) and how many rows failed them: shown in the report
    itself, since the Data Docs pages load their styles from the internet."""
    checks = [{"table": c.table, "column": c.kwargs["column"], "expectation": c.expectation,
               "severity": c.severity} for c in CHECKS]
    failed = sum(tally.severities.values()) if tally else 0
    return {"checks": checks, "failed": failed, "page": f"{RULES_DIR}/{rule_stem(EXPECTATION_RULE)}.html"}


def rule_stem(rule: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "-", rule) or "aturan"


def rule_table(rules: dict[str, RuleTally]) -> list[dict]:
    """One row per rule: how many findings of each severity, the most frequent first."""
    rows = [{"rule": rule, "label": RULE_LABELS.get(rule, ""), "counts": by_severity(tally.severities),
             "page": f"{RULES_DIR}/{rule_stem(rule)}.html",
             "total": sum(tally.severities.values()), "files": tally.n_files}
            for rule, tally in rules.items()]
    return sorted(rows, key=lambda r: (-r["total"], r["rule"]))


def sop_list_row(sop: SopSummary, group: str) -> dict:
    return {"page": page_href(sop.page), "source_file": sop.name,
            "title": sop.title or "(tanpa judul)",
            "agency": shorten(sop.agency, AGENCY_CHARS), "agency_full": sop.agency,
            "format": sop.format, "status": sop.status, "is_copy": sop.is_copy,
            "n_steps": sop.n_steps, "group": group, "counts": sop.counts}


def group_view(group: Group, summary: BatchSummary) -> dict:
    """The group's matrix, charts and audit. The matrix and audit rows are read from the group as
    the page is written (a group may have thousands of SOPs); charts only for a group small
    enough to read them, whose SOPs are then held once for both charts."""
    def agency(member: Member) -> str:
        return shorten(member.agency, AGENCY_CHARS)
    phases = phase_views(group.phases)
    charted = len(group.files) <= MAX_CHARTED_SOPS
    held = list(group.members()) if charted else []
    phase_chart, total_chart = group_charts(held, phases) if charted else (None, None)
    return {
        "id": group.group_id, "label": group.label, "phases": phases, "n_members": len(group.files),
        "n_agencies": len({m.agency_key for m in group.members()}),
        "compare": comparison_data(held, phases) if charted else None,
        "rows": (matrix_row(member, agency(member), page_href(member.page), phases)
                 for member in group.members()),
        "charted": charted, "phase_chart": phase_chart, "total_chart": total_chart,
        "audit": (audit_view(member.audit, member.name, agency(member), page_href(member.page))
                  for member in group.members() if member.audit),
    }


def phase_views(phases: list[dict]) -> list[dict]:
    return [{"phase": text(p["phase"]), "label": shorten(p["label"], 60), "full_label": text(p["label"]),
             "order": text(p["consensus_order"]), "median": minutes_text(p["median_minutes"]),
             "median_minutes": number(p["median_minutes"]), "core": is_core(p)}
            for p in phases]


def matrix_row(member: Member, agency: str, page: str | None, phases: list[dict]) -> dict:
    return {"source_file": member.name, "agency": agency, "page": page,
            "cells": [matrix_cell(member.matrix.get(p["phase"]), p["core"]) for p in phases],
            "total": minutes_text(member.audit["total_minutes"]) if member.audit else ""}


def matrix_cell(row: dict | None, core: bool) -> dict:
    """A phase of one SOP: its minutes, or the gap where it lacks a phase most agencies have."""
    if row is None:
        return {"text": "tidak ada" if core else "", "css": "gap" if core else "absent",
                "title": "Fase inti yang tidak ada di SOP ini" if core else ""}
    title = f"Langkah {', '.join(as_list(row['step_nos']))}"
    if as_list(row["actors"]):
        title += f"; pelaksana: {text(row['actors'])}"
    minutes, peers = number(row["minutes"]), number(row["peers_median"])
    if minutes is None:
        return {"text": "tidak terukur", "css": "unmeasured", "title": title}
    if peers is not None:
        title += f"; median instansi lain {minutes_text(peers)}"
    return {"text": minutes_text(minutes), "css": "far" if is_far(minutes, peers) else "", "title": title}


def group_charts(members: list[Member], phases: list[dict]) -> tuple[BarChart | None, BarChart | None]:
    """Minutes per phase (a heading per phase, then the bar of every SOP that has it) and the
    total per SOP, each against the other agencies' median."""
    bars = []
    for phase in phases:
        bars.append(BarInput(f"{phase['order']}. {phase['phase']}", None, None, heading=True))
        bars += [BarInput(chart_label(member), row["minutes"], row["peers_median"]) for member in members
                 if (row := member.matrix.get(phase["phase"])) is not None]
    totals = [BarInput(chart_label(member), member.audit["total_minutes"], member.audit["peers_median"])
              for member in members if member.audit]
    return bar_chart(bars), bar_chart(totals)


def chart_label(member: Member) -> str:
    """A bar is the SOP of an agency: named by the agency (by its file when none is printed)."""
    return shorten(member.agency, 60) if text(member.agency) else member.name


def comparison_data(members: list[Member], phases: list[dict]) -> dict:
    """What the page's side-by-side comparison of two SOPs reads: each SOP's steps, actors and
    time per phase."""
    return {"phases": [{"phase": p["phase"], "label": p["full_label"]} for p in phases],
            "sops": [{"name": f"{chart_label(m)} · {m.name}",
                      "cells": {phase: {"steps": as_list(row["step_nos"]), "actors": as_list(row["actors"]),
                                        "minutes": number(row["minutes"]), "time": minutes_text(row["minutes"])}
                                for phase, row in m.matrix.items()}}
                     for m in members]}


def times_text(ratio: float) -> str:
    """"12×", "1,5×", "0,04×": two significant figures at most, Indonesian decimal comma."""
    digits = 0 if ratio >= 10 else 1 if ratio >= 1 else 2
    return f"{ratio:.{digits}f}".replace(".", ",") + "×"


def audit_view(row: dict, name: str, agency: str, page: str | None) -> dict:
    total, peers = number(row["total_minutes"]), number(row["peers_median"])
    times = total / peers if total is not None and peers else None
    return {"source_file": name, "agency": agency, "page": page,
            "total": minutes_text(row["total_minutes"]), "total_minutes": "" if total is None else total,
            "times_median": "" if times is None else round(times, 3),
            "times_median_text": "" if times is None else times_text(times), "critical": minutes_text(row["critical_path_minutes"]),
            "peers_median": minutes_text(row["peers_median"]),
            "missing_phases": as_list(row["missing_phases"]), "extra_steps": as_list(row["extra_steps"]),
            "order_differences": text(row["order_differences"]) or "0",
            "actor_differences": as_list(row["actor_differences"])}


# --- one SOP ----------------------------------------------------------------------------------

def sop_context(document: dict, steps: list[dict], findings: list[dict],
                harmonization: SopHarmonization | None, evidence: EvidenceImages) -> dict:
    return {
        "document": {"source_file": sop_name(text(document["source_file"]), document["sop_index"]),
                     "pages": text(document["pages"]), "title": text(document["sop_title"]) or "(tanpa judul)",
                     "agency": text(document["agency"]), "status": text(document["status"]),
                     "error": text(document["error"]), "format": text(document["source_format"]),
                     "n_pages": text(document["n_pages"]), "n_steps": text(document["n_steps"])},
        "identity": identity_view(document, {text(f["field"]) for f in findings} - {""},
                                  set(as_list(document.get("uncertain_fields")))),
        "uncertain": uncertain_view(document, evidence.of_row(document)),
        "findings": [{"severity": text(f["severity"]), "rule": text(f["rule"]), "step_no": text(f["step_no"]),
                      "field": text(f["field"]), "message": text(f["message"]),
                      "uncertain": f.get("uncertain") is True,
                      "decision": text(f.get("decision")), "decision_reason": text(f.get("decision_reason"))}
                     for f in findings],
        "counts": severity_counts(findings),
        "swimlane": layout_swimlane(as_list(document["actors"]), steps, step_severities(steps, findings))
                    if steps else None,
        "steps": [step_view(s, evidence.of_row(s)) for s in steps],
        "harmonization": sop_harmonization(harmonization),
        "copies": copies_view(harmonization.copies if harmonization else [], text(document["sop_key"])),
    }


def copies_view(rows: list[dict], own_key: str) -> dict | None:
    """The files of an SOP held in several (copies in other formats, revisions): each with its
    format, revision date and page, the one that stands for the SOP marked; and what each
    revision changed in the steps of the one before."""
    if not rows:
        return None
    rows = sorted(rows, key=lambda r: (text(r["revision_date"]), r["is_current"]), reverse=True)
    files = [{"name": sop_name(text(r["source_file"]), r["sop_index"]), "format": text(r["source_format"]),
              "date": date_text(r["revision_date"]) or "(tanpa tanggal)", "current": r["is_current"] is True,
              "own": r["sop_key"] == own_key,
              "page": page_name(int(r["position"]), text(r["source_file"])) if r["position"] else None}
             for r in rows]
    dates = sorted({text(r["revision_date"]) for r in rows})
    revisions = [{"date": date_text(date) or "(tanpa tanggal)", "previous": date_text(before) or "(tanpa tanggal)",
                  "changes": [change for r in rows if text(r["revision_date"]) == date for change in as_list(r["changes"])]}
                 for before, date in zip(dates, dates[1:])]
    return {"files": files, "revisions": revisions[::-1]}


def date_text(value) -> str:
    """An ISO date as Indonesians write it: 2024-05-01 -> 01-05-2024."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text(value))
    return f"{match[3]}-{match[2]}-{match[1]}" if match else text(value)


def identity_view(document: dict, flagged: set[str], uncertain: set[str]) -> list[dict]:
    """The identity fields; `flagged`: fields a finding is about, shown in red when empty;
    `uncertain`: fields read with low confidence, marked to check."""
    fields = []
    for column, label in IDENTITY_FIELDS:
        if column in LIST_IDENTITY_FIELDS:
            fields.append({"label": label, "list": as_list(document.get(column)), "value": "",
                           "flagged": column in flagged, "uncertain": column in uncertain})
            continue
        value = text(document.get(column)) or text(document.get(f"{column}_text"))
        printed = text(document.get(f"{column}_text"))
        if printed and printed != value:
            value = f"{value} (tertulis: {printed})"
        fields.append({"label": label, "list": None, "value": value, "flagged": column in flagged,
                       "uncertain": column in uncertain})
    return fields


def uncertain_view(document: dict, images: dict[str, str]) -> list[dict]:
    """The identity values read with low confidence: label, value as read, its cell's image."""
    labels = {"sop_title": "Nama SOP", "agency": "Instansi", **dict(IDENTITY_FIELDS)}
    return [{"label": labels.get(field, field),
             "value": text(document.get(f"{field}_text")) or ", ".join(as_list(document.get(field)))
                      or text(document.get(field)),
             "image": images.get(field)}
            for field in as_list(document.get("uncertain_fields"))]


# the step columns an uncertain_fields entry names, as the step table shows them
STEP_CELLS = {"step_no": "number", "activity": "activity", "requirements": "requirements", "duration_text": "time",
              "output": "output", "notes": "notes"}


def step_view(step: dict, images: dict[str, str]) -> dict:
    uncertain = as_list(step["uncertain_fields"])
    return {"uncertain": {STEP_CELLS.get(f, f): images.get(f) for f in uncertain},
            "number": text(step["step_no"]) or text(step["step_no_text"]) or text(step["seq"]),
            "activity": text(step["activity"]), "actors": as_list(step["actors"]),
            "requirements": text(step["requirements"]), "time": time_lines(step, limit=None),
            "output": text(step["output"]),
            "notes": text(step["notes"]), "symbol": text(step["symbol"]), "phase": text(step["phase"])}


def sop_harmonization(own: SopHarmonization | None) -> dict | None:
    if own is None:
        return None
    bars = [own_phase_bar(p, own.matrix.get(p["phase"])) for p in phase_views(own.phases)]
    return {"label": own.label, "chart": bar_chart(bars), "n_members": own.n_members, "min_peers": MIN_PEERS,
            "audit": audit_view(own.audit, "", "", None) if own.audit else None}


def own_phase_bar(phase: dict, own: dict | None) -> BarInput:
    """This SOP's minutes in a phase against the other agencies; a phase it lacks shows the
    median of the agencies that have it."""
    label = f"{phase['order']}. {phase['phase']}"
    if own is None:
        return BarInput(label, None, phase["median_minutes"], absent=True)
    return BarInput(label, own["minutes"], own["peers_median"])
