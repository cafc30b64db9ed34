"""The HTML report: reports/index.html (the batch, the harmonization) and one page per SOP under
reports/sop/. Every page is self-contained (inline CSS, JS and SVG) and escapes all SOP text."""
from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined

from pipeline.report.charts import BarInput, bar_chart, is_far
from pipeline.report.data import (ReportData, document_findings, group_files, group_ids, group_label,
                                  group_phase_rows, is_core, step_severities)
from pipeline.report.labels import IDENTITY_FIELDS, LIST_IDENTITY_FIELDS, RULE_LABELS, SEVERITY_LABELS
from pipeline.report.swimlane import layout_swimlane
from pipeline.report.values import as_list, is_missing, minutes_text, number, records, shorten, text
from pipeline.store import replace_atomically

PAGES_DIR = "sop"
SEVERITIES = ("error", "warning", "info")


def environment() -> Environment:
    # autoescape for every template, whatever its name: SOP text is untrusted
    env = Environment(loader=PackageLoader("pipeline.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["px"] = lambda value: f"{float(value):.1f}".rstrip("0").rstrip(".")
    env.globals.update(SEVERITY_LABELS=SEVERITY_LABELS, RULE_LABELS=RULE_LABELS)
    return env


def write_html(reports_dir: Path, data: ReportData) -> list[Path]:
    env = environment()
    pages = page_names(data.documents)
    pages_dir = reports_dir / PAGES_DIR
    pages_dir.mkdir(parents=True, exist_ok=True)
    generated = datetime.now().strftime("%d-%m-%Y %H:%M")
    written = []
    for document in records(data.documents):
        page = pages_dir / pages[text(document["source_file"])]
        context = sop_context(data, document)
        written.append(write_page(page, env.get_template("sop.html").render(generated=generated, **context)))
    remove_stale_pages(pages_dir, set(written))
    index = reports_dir / "index.html"
    context = index_context(data, pages)
    return [write_page(index, env.get_template("index.html").render(generated=generated, **context)), *written]


def write_page(path: Path, html: str) -> Path:
    replace_atomically(path, lambda temporary: Path(temporary).write_text(html, encoding="utf-8"))
    return path


def remove_stale_pages(pages_dir: Path, keep: set[Path]) -> None:
    """Pages of SOPs that an earlier run had and this one has not."""
    for page in pages_dir.glob("*.html"):
        if page not in keep:
            page.unlink()


def page_names(documents: pd.DataFrame) -> dict[str, str]:
    """source_file -> a file name safe on any system, unique by its position."""
    names = {}
    for position, source_file in enumerate(documents["source_file"], start=1):
        slug = re.sub(r"[^a-z0-9]+", "-", text(source_file).lower()).strip("-")[:60] or "sop"
        names[text(source_file)] = f"{position:03d}-{slug}.html"
    return names


# --- index page -------------------------------------------------------------------------------

def index_context(data: ReportData, pages: dict[str, str]) -> dict:
    documents = data.documents
    failed = documents[documents["status"] != "ok"]
    return {
        "summary": {
            "files": len(documents), "ok": len(documents) - len(failed), "failed": len(failed),
            "steps": len(data.steps), "findings": len(data.findings),
            "by_severity": severity_counts(data.findings),
            "formats": Counter(text(f) or "?" for f in documents["source_format"]).most_common(),
        },
        "failures": [{"source_file": text(d["source_file"]), "format": text(d["source_format"]),
                      "error": text(d["error"]) or "(tanpa keterangan)",
                      "page": f"{PAGES_DIR}/{pages[text(d['source_file'])]}"} for d in records(failed)],
        "rules": rule_table(data.findings),
        "sops": sop_list(data, pages),
        "groups": [group_view(data, group_id, pages) for group_id in group_ids(data)],
    }


def severity_counts(findings: pd.DataFrame) -> dict[str, int]:
    counts = Counter(text(s) for s in findings["severity"])
    return {severity: counts.get(severity, 0) for severity in SEVERITIES}


def rule_table(findings: pd.DataFrame) -> list[dict]:
    """One row per rule: how many findings of each severity, the most frequent first."""
    rows = []
    for rule, part in findings.groupby(findings["rule"].map(text)):
        rows.append({"rule": rule, "label": RULE_LABELS.get(rule, ""), "counts": severity_counts(part),
                     "total": len(part), "files": part["source_file"].nunique()})
    return sorted(rows, key=lambda r: (-r["total"], r["rule"]))


def sop_list(data: ReportData, pages: dict[str, str]) -> list[dict]:
    group_of = dict(zip(data.groups["source_file"].map(text), data.groups["group_label"].map(text)))
    rows = []
    for document in records(data.documents):
        source_file = text(document["source_file"])
        rows.append({
            "page": f"{PAGES_DIR}/{pages[source_file]}", "source_file": source_file,
            "title": text(document["sop_title"]) or "(tanpa judul)", "agency": text(document["agency"]),
            "format": text(document["source_format"]), "status": text(document["status"]),
            "n_steps": text(document["n_steps"]), "group": group_of.get(source_file, ""),
            "counts": severity_counts(document_findings(data, source_file)),
        })
    return rows


def group_view(data: ReportData, group_id, pages: dict[str, str]) -> dict:
    phases = group_phases(data, group_id)
    matrix = data.matrix[data.matrix["group_id"] == group_id]
    audit = data.audit[data.audit["group_id"] == group_id]
    agency = dict(zip(data.documents["source_file"].map(text), data.documents["agency"].map(text)))
    files = group_files(data, group_id)
    return {
        "id": text(group_id), "label": group_label(data, group_id), "phases": phases,
        "rows": [matrix_row(f, agency.get(f, ""), pages.get(f), phases, matrix, audit) for f in files],
        "phase_chart": bar_chart(group_phase_bars(phases, matrix, files)),
        "total_chart": bar_chart([BarInput(f, row["total_minutes"], row["peers_median"])
                                  for f in files for row in records(audit[audit["source_file"].map(text) == f])]),
        "audit": [audit_view(row, agency.get(text(row["source_file"]), ""), pages.get(text(row["source_file"])))
                  for row in records(audit)],
    }


def group_phases(data: ReportData, group_id) -> list[dict]:
    return [{"phase": text(p["phase"]), "label": shorten(p["label"], 60), "full_label": text(p["label"]),
             "order": text(p["consensus_order"]), "median": minutes_text(p["median_minutes"]),
             "median_minutes": number(p["median_minutes"]), "core": is_core(p)}
            for p in group_phase_rows(data, group_id)]


def matrix_row(source_file: str, agency: str, page: str | None, phases: list[dict], matrix: pd.DataFrame,
               audit: pd.DataFrame) -> dict:
    own = {text(r["phase"]): r for r in records(matrix[matrix["source_file"].map(text) == source_file])}
    totals = records(audit[audit["source_file"].map(text) == source_file])
    return {"source_file": source_file, "agency": agency, "page": f"{PAGES_DIR}/{page}" if page else None,
            "cells": [matrix_cell(own.get(p["phase"]), p["core"]) for p in phases],
            "total": minutes_text(totals[0]["total_minutes"]) if totals else ""}


def matrix_cell(row: dict | None, core: bool) -> dict:
    """A phase of one SOP: its minutes, or the gap where it lacks a phase most agencies have."""
    if row is None:
        return {"text": "tidak ada" if core else "", "css": "gap" if core else "absent",
                "title": "Fase inti yang tidak ada di SOP ini" if core else ""}
    steps = ", ".join(as_list(row["step_nos"]))
    title = f"Langkah {steps}" + (f"; pelaksana: {text(row['actors'])}" if as_list(row["actors"]) else "")
    if number(row["minutes"]) is None:
        return {"text": "tidak terukur", "css": "unmeasured", "title": title}
    far = is_far(number(row["minutes"]), number(row["peers_median"]))
    if number(row["peers_median"]) is not None:
        title += f"; median instansi lain {minutes_text(row['peers_median'])}"
    return {"text": minutes_text(row["minutes"]), "css": "far" if far else "", "title": title}


def group_phase_bars(phases: list[dict], matrix: pd.DataFrame, files: list[str]) -> list[BarInput]:
    bars = []
    for phase in phases:
        part = matrix[matrix["phase"].map(text) == phase["phase"]]
        rows = sorted(records(part), key=lambda r: files.index(text(r["source_file"]))
                      if text(r["source_file"]) in files else len(files))
        bars.append(BarInput(f"{phase['order']}. {phase['phase']}", None, None, heading=True))
        bars += [BarInput(text(r["source_file"]), r["minutes"], r["peers_median"]) for r in rows]
    return bars


def audit_view(row: dict, agency: str, page: str | None) -> dict:
    return {"source_file": text(row["source_file"]), "agency": agency,
            "page": f"{PAGES_DIR}/{page}" if page else None,
            "total": minutes_text(row["total_minutes"]), "critical": minutes_text(row["critical_path_minutes"]),
            "peers_median": minutes_text(row["peers_median"]),
            "missing_phases": as_list(row["missing_phases"]), "extra_steps": as_list(row["extra_steps"]),
            "order_differences": text(row["order_differences"]) or "0",
            "actor_differences": as_list(row["actor_differences"])}


# --- one SOP ----------------------------------------------------------------------------------

def sop_context(data: ReportData, document: dict) -> dict:
    source_file = text(document["source_file"])
    steps = data.steps[data.steps["source_file"].map(text) == source_file]
    findings = document_findings(data, source_file)
    step_list = records(steps)
    return {
        "document": {"source_file": source_file, "title": text(document["sop_title"]) or "(tanpa judul)",
                     "agency": text(document["agency"]), "status": text(document["status"]),
                     "error": text(document["error"]), "format": text(document["source_format"]),
                     "n_pages": text(document["n_pages"]), "n_steps": text(document["n_steps"])},
        "identity": identity_view(document, set(findings["field"].map(text)) - {""}),
        "findings": [{"severity": text(f["severity"]), "rule": text(f["rule"]), "step_no": text(f["step_no"]),
                      "field": text(f["field"]), "message": text(f["message"])} for f in records(findings)],
        "counts": severity_counts(findings),
        "swimlane": layout_swimlane(as_list(document["actors"]), step_list, step_severities(steps, findings))
                    if step_list else None,
        "steps": [step_view(s) for s in step_list],
        "harmonization": sop_harmonization(data, source_file),
    }


def identity_view(document: dict, flagged: set[str]) -> list[dict]:
    """The identity fields; `flagged`: fields a finding is about, shown in red when empty."""
    fields = []
    for column, label in IDENTITY_FIELDS:
        if column in LIST_IDENTITY_FIELDS:
            fields.append({"label": label, "list": as_list(document.get(column)), "value": "",
                           "flagged": column in flagged})
            continue
        value = text(document.get(column)) or text(document.get(f"{column}_text"))
        printed = text(document.get(f"{column}_text"))
        if printed and printed != value:
            value = f"{value} (tertulis: {printed})"
        fields.append({"label": label, "list": None, "value": value, "flagged": column in flagged})
    return fields


def step_view(step: dict) -> dict:
    return {"number": text(step["step_no"]) or text(step["step_no_text"]) or text(step["seq"]),
            "activity": text(step["activity"]), "actors": as_list(step["actors"]),
            "requirements": text(step["requirements"]), "duration": text(step["duration_text"]),
            "minutes": minutes_text(step["duration_minutes"]), "output": text(step["output"]),
            "notes": text(step["notes"]), "symbol": text(step["symbol"]), "phase": text(step["phase"])}


def sop_harmonization(data: ReportData, source_file: str) -> dict | None:
    membership = records(data.groups[data.groups["source_file"].map(text) == source_file])
    group_id = membership[0]["group_id"] if membership else None
    if is_missing(group_id):
        return None
    phases = group_phases(data, group_id)
    matrix = data.matrix[(data.matrix["group_id"] == group_id) & (data.matrix["source_file"].map(text) == source_file)]
    own = {text(r["phase"]): r for r in records(matrix)}
    bars = [own_phase_bar(p, own.get(p["phase"])) for p in phases]
    audit = records(data.audit[data.audit["source_file"].map(text) == source_file])
    return {"label": group_label(data, group_id), "chart": bar_chart(bars),
            "audit": audit_view(audit[0], "", None) if audit else None,
            "n_members": int((data.groups["group_id"] == group_id).sum())}


def own_phase_bar(phase: dict, own: dict | None) -> BarInput:
    """This SOP's minutes in a phase against the other agencies; a phase it lacks shows the
    median of the agencies that have it."""
    label = f"{phase['order']}. {phase['phase']}"
    if own is None:
        return BarInput(label, None, phase["median_minutes"], absent=True)
    return BarInput(label, own["minutes"], own["peers_median"])
