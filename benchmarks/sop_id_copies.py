"""sop_id on SOPs the copy detection was not developed on: copies of each SOP of a folder of
tab-separated text exports (default benchmarks/heldout/docs) as Word (built from the text),
as PDF (LibreOffice from that Word file), as a scan of that PDF (benchmarks/synthetic_scans.py:
dates rewritten by hand, stamps, scanner noise), as a text with OCR-like misreadings, and as a revision
(a later Tanggal Revisi, a step reworded, a time changed); and, as SOPs that must stay apart,
another SOP's flowchart under each SOP's agency. The pipeline runs on them all; prints the
pairwise F1 of the sop_ids against the truth (copies and revisions of one SOP share one,
different SOPs do not) and every wrong pair.

    python benchmarks/sop_id_copies.py [--docs DIR] [--work DIR] [--no-pdf]

(--no-pdf: neither the PDF nor the scan copies, which need LibreOffice.)
"""
from __future__ import annotations

import argparse
import itertools
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import cv2
import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm
from PIL import Image

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from synthetic_scans import DPI, degrade, pages_with_dates, scanner_noise  # noqa: E402


def to_docx(text: str, path: Path) -> None:
    """Runs of tab-separated lines as tables, other lines as paragraphs, on a landscape page with
    each column as wide as its text asks: as a Word author lays an SOP out."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(1.5)
    usable = section.page_width - section.left_margin - section.right_margin
    block: list[list[str]] = []

    def flush() -> None:
        if not block:
            return
        width = max(len(row) for row in block)
        rows = [row + [""] * (width - len(row)) for row in block]
        wants = [max(4, min(60, max(len(row[c]) for row in rows))) for c in range(width)]
        table = document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        table.autofit = False
        for cells, row in zip(table.rows, rows):
            for column, (cell, value) in enumerate(zip(cells.cells, row)):
                cell.width = int(usable * wants[column] / sum(wants))
                cell.text = value
        block.clear()

    for line in text.splitlines():
        if "\t" in line:
            block.append(line.split("\t"))
        else:
            flush()
            if line.strip():
                document.add_paragraph(line)
    flush()
    document.save(path)


def step_rows(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if re.match(r"^\d+\.?\t", line)]


def misread(text: str, rng: random.Random) -> str:
    """Letters a scanner misreads, in one word in three of the step rows."""
    swaps = [("i", "l"), ("m", "rn"), ("e", "c"), ("a", "o"), ("u", "v")]
    lines = text.splitlines()
    for i in step_rows(lines):
        cells = lines[i].split("\t")
        words = cells[1].split()
        for w in range(0, len(words), 3):
            old, new = rng.choice(swaps)
            words[w] = words[w].replace(old, new, 1)
        cells[1] = " ".join(words)
        lines[i] = "\t".join(cells)
    return "\n".join(lines) + "\n"


def revised(text: str) -> str:
    """A later revision: Tanggal Revisi filled, the second step reworded, the third one's time changed."""
    lines = text.splitlines()
    lines = [re.sub(r"(Tanggal Revisi\t)[^\t]*", r"\g<1>10 Maret 2026", line) for line in lines]
    rows = step_rows(lines)
    cells = lines[rows[1]].split("\t")
    cells[1] += " secara elektronik"
    lines[rows[1]] = "\t".join(cells)
    lines[rows[2]] = re.sub(r"\t(\d+)(\s*(?:menit|jam|hari)?)\t", lambda m: f"\t{int(m[1]) * 2}{m[2]}\t",
                            lines[rows[2]], count=1)
    return "\n".join(lines) + "\n"


def under_agency(text: str, agency_of: str) -> str:
    """`text`'s SOP (title, flowchart) printed under the agency lines of `agency_of`."""
    lines, agency = text.splitlines(), agency_of.splitlines()
    for i in (0, 1):
        cells = lines[i].split("\t")
        cells[0] = agency[i].split("\t")[0]
        lines[i] = "\t".join(cells)
    return "\n".join(lines) + "\n"


def build(docs: Path, work: Path, pdf: bool) -> dict[str, str]:
    """Writes the variants into work/input; returns file -> the SOP it holds."""
    source = work / "input"
    shutil.rmtree(work, ignore_errors=True)
    source.mkdir(parents=True)
    rng = random.Random(11)
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(docs.glob("*.txt"))}
    truth = {}
    names = sorted(texts)
    for index, name in enumerate(names):
        text = texts[name]
        variants = {f"{name}.txt": text, f"{name}_ocr.txt": misread(text, rng), f"{name}_revisi.txt": revised(text)}
        for file, content in variants.items():
            (source / file).write_text(content, encoding="utf-8")
            truth[file] = name
        to_docx(text, source / f"{name}.docx")
        truth[f"{name}.docx"] = name
        other = names[(index + len(names) // 2) % len(names)]  # another SOP, printed under this agency
        (source / f"{name}_lain.txt").write_text(under_agency(texts[other], text), encoding="utf-8")
        truth[f"{name}_lain.txt"] = f"{other} di instansi {name}"
    if pdf:
        pdf_dir = work / "pdf"
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(pdf_dir),
                        *map(str, sorted(source.glob("*.docx")))], check=True, capture_output=True, timeout=600)
        for path in sorted(pdf_dir.glob("*.pdf")):
            pages = [scanner_noise(page, rng) for page in degrade(pages_with_dates(path), rng)]
            images = [Image.fromarray(cv2.cvtColor(page, cv2.COLOR_BGR2RGB)) for page in pages]
            images[0].save(source / f"{path.stem}_scan.pdf", save_all=True, append_images=images[1:], resolution=DPI)
            truth[f"{path.stem}_scan.pdf"] = path.stem
            shutil.move(path, source / path.name)
            truth[path.name] = path.stem
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=HERE / "heldout" / "docs")
    parser.add_argument("--work", type=Path, default=Path("/tmp/sop_id_copies"))
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    truth = build(args.docs, args.work, not args.no_pdf)
    out = args.work / "out"
    command = [str(Path(sys.executable).with_name("sop-pipeline")), "run", str(args.work / "input"), "--out", str(out),
               "--workers", "1", "--no-expectations"]
    subprocess.run(command, capture_output=True, check=False)
    documents = pd.read_parquet(out / "normalized" / "documents.parquet")
    found = dict(zip(documents["source_file"], documents["sop_id"]))
    statuses = documents.groupby("status").size().to_dict()
    tp = fp = fn = 0
    wrong = []
    for a, b in itertools.combinations(sorted(truth), 2):
        same, together = truth[a] == truth[b], found.get(a) == found.get(b) is not None
        tp += same and together
        fp += together and not same
        fn += same and not together
        if same != together:
            wrong.append(f"  {'merged' if together else 'split'}: {a}, {b}")
    f1 = 2 * tp / max(2 * tp + fp + fn, 1)
    print(f"{len(truth)} files ({statuses}), {len(set(truth.values()))} SOPs, {len(set(found.values()))} sop_ids")
    print(f"sop_id pairwise F1 {f1:.3f} (tp={tp} fp={fp} fn={fn})")
    print("\n".join(wrong))


if __name__ == "__main__":
    main()
