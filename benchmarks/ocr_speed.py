"""OCR speed: the pipeline's scan backend against bare Tesseract, on the same page images.

Every page of the given scanned PDFs and images is rendered (or decoded) once, as the backend
does it; then, alternately and over several rounds, the backend reads the page (straightening,
table grid, symbols, one Tesseract pass, words into cells, doubtful lines read again) and bare
Tesseract reads the same image (ind+eng, default page segmentation), twice: as the `tesseract`
command (pytesseract's `image_to_data`), which loads its language models at every call, and
through its library with the models loaded once, as the backend reads it. Each page keeps its
fastest round of each (other processes on the machine only ever slow a round down). A round
reads every page in turn; the second engine is let go before each file, as the batch's workers
do, so a file's first doubtful line pays its loading; Tesseract's models stay loaded, as in the
workers. Prints seconds per page and the ratios; the target (issue #19) is at most bare
Tesseract's time.

    .venv/bin/python benchmarks/ocr_speed.py [FILE_OR_FOLDER ...] [--rounds 2]

Default input: tests/fixtures/scan. PDFs with a text layer and other files are skipped.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import cv2
import pypdfium2
import pytesseract

from pipeline.extract import release_second_ocr_engine, scan
from pipeline.extract.tesseract import tesseract

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


def time_tesseract_loaded(image) -> float:
    """The library's own page segmentation (3) and resolution estimate (no dpi given), as the
    command's defaults; the grey image it would decode from the command's PNG."""
    start = time.perf_counter()
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)  # pytesseract's PNG holds the channels as RGB
    tesseract(scan.OCR_LANGUAGES).read(grey, 3, 0, {"tessedit_do_invert": "1", "debug_file": "/dev/null"})
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
    time_tesseract_loaded(pages[0][2])

    best = [[float("inf")] * 3 for _ in pages]
    for _ in range(args.rounds):
        for index, (name, number, image) in enumerate(pages):
            if number == 1:  # as the batch's workers do after each file
                release_second_ocr_engine()
            times = (time_pipeline(image), time_tesseract(image), time_tesseract_loaded(image))
            best[index] = [min(a, b) for a, b in zip(best[index], times)]

    print(f"{'page':<40} {'pipeline s':>10} {'command s':>9} {'ratio':>6} {'loaded s':>8} {'ratio':>6}")
    totals = [0.0, 0.0, 0.0]
    for (name, number, _), (pipeline, command, loaded) in zip(pages, best):
        totals = [t + v for t, v in zip(totals, (pipeline, command, loaded))]
        print(f"{name + ' p' + str(number):<40} {pipeline:>10.2f} {command:>9.2f} {pipeline / command:>6.2f} "
              f"{loaded:>8.2f} {pipeline / loaded:>6.2f}")
    n = len(pages)
    print(f"{n} pages: pipeline {totals[0] / n:.2f} s/page; bare Tesseract, the command {totals[1] / n:.2f} s/page "
          f"(ratio {totals[0] / totals[1]:.2f}, target <= 1.0), the library with its models loaded "
          f"{totals[2] / n:.2f} s/page (ratio {totals[0] / totals[2]:.2f}); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
