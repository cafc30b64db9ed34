"""A reference SOP (SOP acuan) per procedure group of at least three agencies: a Word document
in the PermenPAN-RB 35/2012 layout, built from the consensus of the group's SOPs, for an
analyst to send as the model the agencies harmonize to.

- identity block: the procedure's name, the other boxes left to fill in;
- flowchart table: one step per core phase (one most agencies have), in the agencies' usual
  order; the actor most agencies give it, its symbol drawn as a shape in that actor's cell;
- Mutu Baku: the agencies' median time (in a unit it reads back to exactly) and usual output.

The pipeline reads it back to the same steps, actors and times (tested).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.shared import Cm, Pt

from pipeline.normalize.roles import canonical_role
from pipeline.report.data import Group, HarmonizationView, Member, is_core
from pipeline.report.values import as_list, group_stem, number, text
from pipeline.store import replace_atomically

ACUAN_DIR = "acuan"
MIN_AGENCIES = 3
TO_FILL = "……"  # a box the agency fills in
IDENTITY_LABELS = ["Nomor SOP", "Tanggal Pembuatan", "Tanggal Revisi", "Tanggal Efektif", "Disahkan oleh",
                   "Nama SOP", "Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan", "Peralatan/Perlengkapan",
                   "Peringatan", "Pencatatan dan Pendataan"]
SHAPE_EMU = (640080, 274320)  # 1.8 cm x 0.76 cm
SHAPE = """<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>
<wp:docPr id="{id}" name="Simbol {id}"/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom><a:noFill/>
<a:ln w="12700"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>
<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing>"""
GEOMETRY = {"start": "flowChartTerminator", "end": "flowChartTerminator", "process": "flowChartProcess"}


def write_reference_sops(view: HarmonizationView, reports_dir: Path) -> dict[str, str]:
    """A .docx per group of MIN_AGENCIES agencies or more, under reports/acuan/ (stale ones
    removed); group id -> its path relative to the reports folder."""
    directory = reports_dir / ACUAN_DIR
    written = {}
    for group in view.groups():
        members = list(group.members())
        if len({m.agency_key for m in members if text(m.agency)}) < MIN_AGENCIES:
            continue
        steps = consensus_steps(group, members)
        if steps:
            directory.mkdir(parents=True, exist_ok=True)
            path = directory / f"{group_stem(group.label, group.group_id)}.docx"
            replace_atomically(path, lambda temporary, steps=steps: reference_document(group.label, steps).save(temporary))
            written[group.group_id] = f"{ACUAN_DIR}/{path.name}"
    if directory.exists():
        for stale in set(directory.glob("*.docx")) - {reports_dir / path for path in written.values()}:
            stale.unlink()
    return written


def consensus_steps(group: Group, members: list[Member]) -> list[dict]:
    """One step per core phase, in consensus order: activity, actor, minutes, output."""
    steps = []
    for phase in group.phases:
        if not is_core(phase):
            continue
        rows = [m.matrix[text(phase["phase"])] for m in members if text(phase["phase"]) in m.matrix]
        actor = usual_actor([a for row in rows for a in as_list(row["actors"])[:1]])
        outputs = Counter(o for row in rows for o in as_list(row.get("outputs")))
        minutes = number(phase["median_minutes"])
        steps.append({"activity": text(phase["label"]) or text(phase["phase"]), "actor": actor,
                      "minutes": None if minutes is None else round(minutes),
                      "output": outputs.most_common(1)[0][0] if outputs else ""})
    return steps


def usual_actor(printed: list[str]) -> str:
    """The role most agencies give the work, named as they most often print it."""
    if not printed:
        return "Pelaksana"
    role = Counter(canonical_role(p) or p for p in printed).most_common(1)[0][0]
    return Counter(p for p in printed if (canonical_role(p) or p) == role).most_common(1)[0][0]


def duration_text(minutes: int | None) -> str:
    """Working minutes in the largest unit they read back to exactly (hari 450, jam 60)."""
    if minutes is None:
        return ""
    for unit, size in (("hari", 450), ("jam", 60)):
        if minutes >= size and minutes % size == 0:
            return f"{minutes // size} {unit}"
    return f"{minutes} menit"


def reference_document(title: str, steps: list[dict]) -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = section.page_height, section.page_width  # landscape
    document.add_paragraph("STANDAR OPERASIONAL PROSEDUR (SOP ACUAN)").runs[0].bold = True
    identity = document.add_table(rows=len(IDENTITY_LABELS), cols=2)
    identity.style = "Table Grid"
    for row, label in zip(identity.rows, IDENTITY_LABELS):
        row.cells[0].text = label
        row.cells[1].text = title if label == "Nama SOP" else TO_FILL
    document.add_paragraph("")
    flowchart_table(document, steps)
    return document


def flowchart_table(document: Document, steps: list[dict]) -> None:
    actors = list(dict.fromkeys(step["actor"] for step in steps))
    columns = ["No", "Kegiatan", *actors, "Kelengkapan", "Waktu", "Output", "Keterangan"]
    table = document.add_table(rows=2 + len(steps), cols=len(columns))
    table.style = "Table Grid"
    first, second = table.rows[0].cells, table.rows[1].cells
    first[0].merge(second[0]).text = "No"
    first[1].merge(second[1]).text = "Kegiatan"
    first[2].merge(first[1 + len(actors)]).text = "Pelaksana"
    for index, actor in enumerate(actors, start=2):
        second[index].text = actor
    mutu = 2 + len(actors)
    first[mutu].merge(first[mutu + 2]).text = "Mutu Baku"
    for offset, heading in enumerate(("Kelengkapan", "Waktu", "Output")):
        second[mutu + offset].text = heading
    first[-1].merge(second[-1]).text = "Keterangan"
    for number_, (row, step) in enumerate(zip(table.rows[2:], steps), start=1):
        cells = row.cells
        cells[0].text = str(number_)
        cells[1].text = step["activity"]
        kind = "start" if number_ == 1 else "end" if number_ == len(steps) else "process"
        draw_symbol(cells[2 + actors.index(step["actor"])], GEOMETRY[kind], number_)
        cells[mutu + 1].text = duration_text(step["minutes"])
        cells[mutu + 2].text = step["output"]
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    table.columns[1].width = Cm(6)


def draw_symbol(cell, geometry: str, shape_id: int) -> None:
    run = cell.paragraphs[0].add_run()
    run._r.append(parse_xml(SHAPE.format(cx=SHAPE_EMU[0], cy=SHAPE_EMU[1], id=shape_id, geometry=geometry)))

