"""Turn the SOP model into rows of the normalized tables (documents, steps).

Printed text is kept as printed; parsed values sit beside it (dates in ISO form, NIP
digits, working minutes).
"""
from __future__ import annotations

import base64
import json
import re

from pipeline.model import Sop
from pipeline.normalize.dates import parse_date
from pipeline.normalize.durations import DEFAULT_CALENDAR, WorkCalendar, parse_duration
from pipeline.normalize.ocr import compact_code, repair_date_text, repair_duration_text, repair_heading_unit
from pipeline.normalize.agency import canonical_agency
from pipeline.normalize.legal import parse_legal_references
from pipeline.normalize.nip import golongan_for_rank, parse_nip
from pipeline.normalize.roles import canonical_role, expand_abbreviations, find_roles
from pipeline.schema import DATE_FIELDS, LIST_FIELDS, columns

DOCUMENT_COLUMNS, STEP_COLUMNS = columns("documents"), columns("steps")
# Mean Tesseract word confidence below which a cell's text is worth checking by eye.
LOW_OCR_CONFIDENCE = 60.0
# Step columns named by the flowchart role their cell has.
ROLE_COLUMNS = {"no": "step_no", "duration": "duration_text"}


def evidence_of(images: dict[str, bytes], fields: list[str]) -> str | None:
    """The cell images of the uncertain values, for the report (JSON of base64 PNGs)."""
    kept = {field: base64.b64encode(images[field]).decode("ascii") for field in fields if field in images}
    return json.dumps(kept) if kept else None


def failed_document(source_file: str, source_format: str, error: str) -> dict:
    row = {column: None for column in DOCUMENT_COLUMNS}
    row.update(source_file=source_file, sop_index=1, source_format=source_format, status="failed",
               error=error, actors=[], n_steps=0, read_by_ocr=False, uncertain_fields=[],
               **{name: [] for name in LIST_FIELDS})
    return row


FLOWCHART_MISSING_REASON = ("the identity block was read but no flowchart table was found; the steps are "
                            "the numbered steps of the text, without actors")


def document_row(sop: Sop, source_file: str, sop_index: int = 1) -> dict:
    identity = sop.identity
    read_by_ocr = bool(identity.confidence) or any(step.confidence for step in sop.steps)
    row = {column: None for column in DOCUMENT_COLUMNS}
    row.update(
        source_file=source_file,
        sop_index=sop_index,
        pages=sop.pages,
        source_format=sop.source_format,
        status="ok" if sop.has_flowchart else "partial",
        error=None if sop.has_flowchart else FLOWCHART_MISSING_REASON,
        read_by_ocr=read_by_ocr,
        sop_title=identity.sop_title,
        agency=identity.agency,
        sop_number=compact_code(identity.sop_number) if "sop_number" in identity.confidence else identity.sop_number,
        approved_by=identity.approved_by,
        signatory_name=identity.signatory_name,
        signatory_nip_text=identity.signatory_nip,
        signatory_rank=identity.signatory_rank,
        signatory_golongan=golongan_for_rank(identity.signatory_rank),
        warning=identity.warning,
        records=identity.records,
        actors=list(sop.actors),
        n_steps=len(sop.steps),
        n_pages=sop.n_pages,
        headings=json.dumps(sop.headings, ensure_ascii=False),
        **{name: list(getattr(identity, name)) for name in LIST_FIELDS},
    )
    doubtful = {f for f, c in identity.confidence.items() if c < LOW_OCR_CONFIDENCE}
    if sop.headings.get("named_from") == "structure":
        doubtful.add("actors")  # the actor columns' headings were not read: named by their place
    for name in DATE_FIELDS:
        printed = getattr(identity, name)
        parsed = parse_date(repair_date_text(printed) if name in identity.confidence else printed)
        row[f"{name}_text"] = printed
        row[name] = parsed.iso
        if read_by_ocr and (parsed.approximate or parsed.problem not in (None, "missing")):
            doubtful.add(name)  # read by OCR and no plain date: more likely misread than misprinted
    agency = canonical_agency(identity.agency) if identity.agency else None
    if agency is not None:
        row.update(agency_unit=agency.unit, agency_region_kind=agency.region_kind,
                   agency_region_name=agency.region_name)
    # The printed digits are kept even when there are not 18 of them: NIP_INVALID says so.
    nip = parse_nip(identity.signatory_nip) if identity.signatory_nip else None
    if nip is not None:
        row.update(signatory_nip=nip.digits, signatory_birth_date=nip.birth_date,
                   signatory_appointment_month=nip.appointment_month, signatory_gender=nip.gender,
                   signatory_nip_valid=nip.problem is None)
        if nip.problem and read_by_ocr:
            doubtful.add("signatory_nip")
    row["uncertain_fields"] = sorted(doubtful)
    row["evidence"] = evidence_of(identity.evidence, row["uncertain_fields"])
    return row


def legal_reference_rows(sop: Sop, source_file: str, sop_index: int = 1) -> list[dict]:
    """One row per regulation cited in Dasar Hukum; one regulation has one ref_id however spelt."""
    rows = []
    for position, text in enumerate(sop.identity.legal_basis, start=1):
        for reference in parse_legal_references(text) or [None]:
            row = {"source_file": source_file, "sop_index": sop_index, "position": position, "text": text}
            if reference is not None:
                row.update(ref_id=reference.ref_id, kind=reference.kind, issuer=reference.issuer,
                           number=reference.number, year=reference.year, subject=reference.subject)
            rows.append(row)
    return rows


def step_number(printed: str | None) -> int | None:
    match = re.fullmatch(r"\s*(\d{1,3})\s*[.)]?\s*", printed or "")
    return int(match.group(1)) if match else None


def step_rows(sop: Sop, source_file: str, calendar: WorkCalendar = DEFAULT_CALENDAR, sop_index: int = 1) -> list[dict]:
    printed_heading = sop.headings.get("duration")
    read_by_ocr = any(step.confidence for step in sop.steps)
    duration_heading = repair_heading_unit(printed_heading) if read_by_ocr else printed_heading
    rows = []
    for seq, step in enumerate(sop.steps, start=1):
        duration_text = repair_duration_text(step.duration_text) if "duration" in step.confidence else step.duration_text
        duration = parse_duration(duration_text, duration_heading, calendar)
        confidence = min(step.confidence.values()) if step.confidence else None
        doubtful = {ROLE_COLUMNS.get(f, f) for f, c in step.confidence.items() if c < LOW_OCR_CONFIDENCE}
        if duration_text != step.duration_text:
            doubtful.add("duration_text")  # an OCR slip mended by likeness: a guess
        elif duration_heading != printed_heading and duration.minutes is not None \
                and parse_duration(duration_text, printed_heading, calendar).minutes is None:
            doubtful.add("duration_text")  # its unit taken from a heading mended by likeness
        rows.append({
            "source_file": source_file,
            "sop_index": sop_index,
            "seq": seq,
            "step_no": step_number(step.step_no),
            "step_no_text": step.step_no,
            "activity": step.activity,
            "activity_clean": expand_abbreviations(step.activity),
            "actors": list(step.actors),
            "actor": step.actors[0] if step.actors else None,
            "actor_role": canonical_role(step.actors[0]) if step.actors else None,
            "roles_mentioned": find_roles(step.activity),
            "requirements": step.requirements,
            "duration_text": step.duration_text,
            "duration_minutes": duration.minutes,
            "duration_problem": duration.problem,
            "output": step.output,
            "notes": step.notes,
            "symbol": step.symbol,
            "phase": None,
            "ocr_confidence": confidence,
            "uncertain_fields": sorted(doubtful),
            "evidence": evidence_of({ROLE_COLUMNS.get(f, f): png for f, png in step.evidence.items()}, sorted(doubtful)),
        })
    return rows
