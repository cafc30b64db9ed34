"""PDF throughput: the pipeline's PDF backend against bare pdfplumber, on the same files.

For every PDF with a text layer, times `read_pdf` (everything the pipeline reads: text lines,
table grids with merged cells, symbols, ticks, shading, pictures) and pdfplumber's
`extract_tables()` on every page, alternately and over several rounds, keeping each file's
fastest round (other processes on the machine only ever slow a round down), then prints pages
per second for both and their ratio. Pages that are only a picture of a table go to the OCR
backend inside `read_pdf` (pdfplumber reads nothing there): the ratio is given for all files
and for the files without such pages.

    .venv/bin/pip install -e '.[bench]'   # pdfplumber, which the pipeline itself does not use
    .venv/bin/python benchmarks/pdf_throughput.py [FILE_OR_FOLDER ...] [--rounds 3]

Default input: tests/fixtures/pdf.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

try:
    import pdfplumber
except ImportError:
    raise SystemExit("this benchmark needs pdfplumber: .venv/bin/pip install -e '.[bench]'")

from pipeline.extract import pdf as pdf_backend

ROOT = Path(__file__).resolve().parent.parent


def pdf_files(inputs: list[Path]) -> list[Path]:
    found = []
    for item in inputs:
        found += sorted(item.rglob("*.pdf")) if item.is_dir() else [item]
    return [f for f in found if pdf_backend.has_text_layer(f)]


class OcrPages:
    """Counts the pages read_pdf sends to the OCR fallback while in use."""

    def __init__(self):
        self.count = 0
        self.original = pdf_backend.read_picture_page

    def __enter__(self):
        def counted(document, number):
            self.count += 1
            return self.original(document, number)

        pdf_backend.read_picture_page = counted
        return self

    def __exit__(self, *exc):
        pdf_backend.read_picture_page = self.original


def time_pipeline(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    layout = pdf_backend.read_pdf(path)
    return time.perf_counter() - start, layout.n_pages or 0


def time_pdfplumber(path: Path) -> float:
    start = time.perf_counter()
    with pdfplumber.open(path) as document:
        for page in document.pages:
            page.extract_tables()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[ROOT / "tests" / "fixtures" / "pdf"])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = pdf_files(args.inputs)
    if not files:
        raise SystemExit("no PDF with a text layer found")
    for path in files[:1]:  # warm imports and caches once, untimed
        time_pipeline(path)
        time_pdfplumber(path)

    results = []  # per file: pages, pipeline seconds, pdfplumber seconds, pages sent to OCR
    for path in files:
        ours = theirs = float("inf")
        with OcrPages() as ocr:
            for _ in range(args.rounds):
                seconds, pages = time_pipeline(path)
                ours = min(ours, seconds)
                theirs = min(theirs, time_pdfplumber(path))
        results.append((pages, ours, theirs, ocr.count // args.rounds))
    print(f"{len(files)} files, fastest of {args.rounds} rounds each")
    report("all files", results)
    with_ocr = [r for r in results if r[3]]
    if with_ocr:
        print(f"  {len(with_ocr)} files had {sum(r[3] for r in with_ocr)} pages read by OCR (a picture of the table)")
        report("files without OCR pages", [r for r in results if not r[3]])


def report(label: str, results: list[tuple[int, float, float, int]]) -> None:
    pages = sum(r[0] for r in results)
    ours, theirs = sum(r[1] for r in results), sum(r[2] for r in results)
    print(f"{label}: {pages} pages")
    print(f"  pdfplumber extract_tables  {pages / theirs:8.1f} pages/s")
    print(f"  pipeline read_pdf          {pages / ours:8.1f} pages/s   ratio {theirs / ours:.2f}x")


if __name__ == "__main__":
    main()
