"""OCR speed: the pipeline's scan backend against bare Tesseract, on the same page images.

Every page of the given scanned PDFs and images is rendered (or decoded) once, as the backend
does it; then, alternately and over several rounds, the backend reads the page (straightening,
table grid, symbols, one Tesseract pass, words into cells) and bare Tesseract runs
`image_to_data` on the same image (ind+eng, default page segmentation). Each page keeps its
fastest round of each (other processes on the machine only ever slow a round down). Prints
seconds per page for both and their ratio; the target is a ratio of at most 1.3.

    .venv/bin/python benchmarks/ocr_speed.py [FILE_OR_FOLDER ...] [--rounds 2]

Default input: tests/fixtures/scan. PDFs with a text layer and other files are skipped.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import pypdfium2
import pytesseract

from pipeline.extract import scan

ROOT = Path(__file__).resolve().parent.parent
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def page_images(path: Path) -> list:
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return scan.load_image_pages(path)
    document = pypdfium2.PdfDocument(str(path))
    try:
        if any(scan.text_layer_words(page) for page in document):
            return []  # the digital PDF backend reads it
        return [scan.render(page, has_text=False)[0] for page in document]
    finally:
        document.close()


def input_files(inputs: list[Path]) -> list[Path]:
    found = []
    for item in inputs:
        found += sorted(item.rglob("*")) if item.is_dir() else [item]
    return [f for f in found if f.is_file() and f.suffix.lower() in IMAGE_SUFFIXES | {".pdf"}]


def time_pipeline(image) -> float:
    start = time.perf_counter()
    scan.read_scanned_page(image, 1)
    return time.perf_counter() - start


def time_tesseract(image) -> float:
    start = time.perf_counter()
    pytesseract.image_to_data(image, lang=scan.OCR_LANGUAGES)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[ROOT / "tests" / "fixtures" / "scan"])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"  # both sides single-threaded, as in the batch
    pages = [(path.name, number, image) for path in input_files(args.inputs)
             for number, image in enumerate(page_images(path), start=1)]
    if not pages:
        raise SystemExit("no scanned page found")
    time_pipeline(pages[0][2])  # warm imports and Tesseract's language data once, untimed
    time_tesseract(pages[0][2])

    print(f"{'page':<44} {'pipeline s':>10} {'tesseract s':>11} {'ratio':>6}")
    total_pipeline = total_tesseract = 0.0
    for name, number, image in pages:
        rounds = [(time_pipeline(image), time_tesseract(image)) for _ in range(args.rounds)]
        pipeline, tesseract = min(r[0] for r in rounds), min(r[1] for r in rounds)
        total_pipeline += pipeline
        total_tesseract += tesseract
        print(f"{name + ' p' + str(number):<44} {pipeline:>10.2f} {tesseract:>11.2f} {pipeline / tesseract:>6.2f}")
    n = len(pages)
    print(f"{n} pages: pipeline {total_pipeline / n:.2f} s/page, bare Tesseract {total_tesseract / n:.2f} s/page, "
          f"ratio {total_pipeline / total_tesseract:.2f} (target <= 1.3)")


if __name__ == "__main__":
    main()
