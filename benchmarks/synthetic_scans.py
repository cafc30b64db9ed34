"""Scans and phone photos made from born-digital SOPs, with what real scans carry: a coloured
stamp over print, dates written by hand, blur, uneven light and a tilted sheet on a desk.

Each digital PDF (and Word file, converted with LibreOffice) of a corpus is rendered to page
images and degraded; its gold file is copied under the new name, so `tools/score.py` measures
the scan path on documents the pipeline has not been tuned on. The families are split in two
halves (`gold-dev/`, `gold-held/`) so that one half can be kept out of sight while developing.

    .venv/bin/pip install -e '.[bench]'   # pdfplumber, which the pipeline itself does not use
    .venv/bin/python benchmarks/synthetic_scans.py ../shared/corpus/dev --out /tmp/synth
    .venv/bin/sop-pipeline run /tmp/synth/docs --out /tmp/synth-run
    python3 ../shared/tools/score.py --gold /tmp/synth/gold-held --run /tmp/synth-run
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np
try:
    import pdfplumber
except ImportError:
    raise SystemExit("this benchmark needs pdfplumber: .venv/bin/pip install -e '.[bench]'")
import pypdfium2
from PIL import Image

DPI = 150
DEV_FAMILIES = {"pengumpulan_data_kinerja", "surat_masuk", "pengelolaan_arsip"}
MONTHS = ("januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
          "november|nopember|desember")
DATE = re.compile(rf"\b\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}\b", re.IGNORECASE)
STAMP_INK = [(150, 60, 40), (140, 40, 120)]  # BGR: blue, purple
PEN_INK = (110, 40, 20)  # BGR: dark blue ballpoint


def as_pdf(source: Path, scratch: Path) -> Path:
    if source.suffix == ".pdf":
        return source
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(scratch), str(source)],
                   check=True, capture_output=True, timeout=180)
    return scratch / f"{source.stem}.pdf"


def pages_with_dates(pdf: Path) -> list[tuple[np.ndarray, list[tuple[str, tuple[float, ...]]]]]:
    """Page images (BGR) and the printed dates on each, with their boxes in pixels."""
    scale = DPI / 72
    rendered = []
    document = pypdfium2.PdfDocument(str(pdf))
    with pdfplumber.open(str(pdf)) as plumber:
        for page, plumbed in zip(document, plumber.pages):
            image = cv2.cvtColor(page.render(scale=scale).to_numpy(), cv2.COLOR_RGBA2BGR)
            rendered.append((image, printed_dates(plumbed, scale)))
    document.close()
    return rendered


def printed_dates(page, scale: float) -> list[tuple[str, tuple[float, ...]]]:
    words = page.extract_words(keep_blank_chars=False, use_text_flow=True)
    found = []
    for line in group_lines(words):
        text = " ".join(w["text"] for w in line)
        for match in DATE.finditer(text):
            start = len(text[: match.start()].split())
            covered = line[start : start + len(match.group().split())]
            box = (min(w["x0"] for w in covered), min(w["top"] for w in covered),
                   max(w["x1"] for w in covered), max(w["bottom"] for w in covered))
            found.append((match.group(), tuple(v * scale for v in box)))
    return found


def group_lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) < 3 and word["x0"] - lines[-1][-1]["x1"] < 15:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def handwrite(image: np.ndarray, text: str, box: tuple[float, ...], rng: random.Random) -> None:
    """The printed date whitened and written again in a script hand, slanting a little. A cell's
    ruled line that the date's box touches stays: the hand writes over the printed form."""
    x0, y0, x1, y1 = (int(v) for v in box)
    printed = image[y0 - 1 : y1 + 2, x0 - 1 : x1 + 2]
    dark = printed.min(axis=2) < 160
    ruled = (dark.mean(axis=1)[:, None] >= 0.9) | (dark.mean(axis=0)[None, :] >= 0.9)
    printed[~ruled] = 255
    height = y1 - y0
    scale = height / 24 * rng.uniform(0.9, 1.1)
    canvas = np.full((height * 3, int((x1 - x0) * 2) + 40, 3), 255, np.uint8)
    cv2.putText(canvas, text, (5, int(height * 2)), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, scale, PEN_INK, 2, cv2.LINE_AA)
    angle = rng.uniform(-3, 3)
    turn = cv2.getRotationMatrix2D((canvas.shape[1] / 2, canvas.shape[0] / 2), angle, 1.0)
    canvas = cv2.warpAffine(canvas, turn, (canvas.shape[1], canvas.shape[0]), borderValue=(255, 255, 255))
    top = max(y0 - int(height * 1.3), 0)
    region = image[top : top + canvas.shape[0], x0 : x0 + canvas.shape[1]]
    np.minimum(region, canvas[: region.shape[0], : region.shape[1]], out=region)


def stamp(image: np.ndarray, centre: tuple[int, int], rng: random.Random) -> None:
    """A round office stamp in coloured ink, multiplied over what is printed under it."""
    radius = int(DPI * rng.uniform(0.55, 0.75))
    ink = rng.choice(STAMP_INK)
    layer = np.full_like(image, 255)
    cv2.circle(layer, centre, radius, ink, 4, cv2.LINE_AA)
    cv2.circle(layer, centre, int(radius * 0.72), ink, 2, cv2.LINE_AA)
    for index, word in enumerate(("PEMERINTAH", "CAP DINAS", "SETDA")):
        size = cv2.getTextSize(word, cv2.FONT_HERSHEY_SIMPLEX, 0.6, 2)[0]
        cv2.putText(layer, word, (centre[0] - size[0] // 2, centre[1] - 20 + 22 * index),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.6, ink, 2, cv2.LINE_AA)
    image[:] = (image.astype(np.float32) * layer.astype(np.float32) / 255).astype(np.uint8)


def scanner_noise(image: np.ndarray, rng: random.Random) -> np.ndarray:
    angle = rng.uniform(-1.2, 1.2)
    turn = cv2.getRotationMatrix2D((image.shape[1] / 2, image.shape[0] / 2), angle, 1.0)
    image = cv2.warpAffine(image, turn, (image.shape[1], image.shape[0]), borderValue=(245, 245, 245))
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, image.shape)
    return np.clip(cv2.GaussianBlur(image, (3, 3), 0) + noise, 0, 255).astype(np.uint8)


def phone_photo(image: np.ndarray, rng: random.Random) -> np.ndarray:
    """The sheet on a desk, seen at a slant, blurred, lit from one side."""
    height, width = image.shape[:2]
    pad = int(0.08 * max(height, width))
    desk = np.full((height + 2 * pad, width + 2 * pad, 3), (70, 90, 110), np.uint8)
    corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    jitter = [[rng.uniform(-0.5, 0.5) * pad for _ in range(2)] for _ in range(4)]
    target = np.float32([[x + pad + dx, y + pad + dy] for (x, y), (dx, dy) in zip(corners, jitter)])
    homography = cv2.getPerspectiveTransform(corners, target)
    sheet = cv2.warpPerspective(image, homography, (desk.shape[1], desk.shape[0]), borderValue=(0, 0, 0))
    covered = cv2.warpPerspective(np.full((height, width), 255, np.uint8), homography, (desk.shape[1], desk.shape[0]))
    desk[covered > 0] = sheet[covered > 0]
    light = np.linspace(1.0, rng.uniform(0.7, 0.85), desk.shape[1])[None, :, None]
    photo = np.clip(desk * light, 0, 255).astype(np.uint8)
    return cv2.GaussianBlur(photo, (5, 5), rng.uniform(0.8, 1.4))


def degrade(pages, rng: random.Random) -> list[np.ndarray]:
    out = []
    for number, (image, dates) in enumerate(pages):
        image = image.copy()
        for text, box in dates[:3]:
            handwrite(image, text, box, rng)
        if number == 0:  # over the letterhead and identity block
            stamp(image, (int(image.shape[1] * rng.uniform(0.15, 0.3)), int(image.shape[0] * rng.uniform(0.1, 0.2))), rng)
        if number == len(pages) - 1:  # over the signature
            stamp(image, (int(image.shape[1] * rng.uniform(0.6, 0.75)), int(image.shape[0] * rng.uniform(0.75, 0.88))), rng)
        out.append(image)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a corpus folder with docs/, gold/ and MANIFEST.csv")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for folder in ("docs", "gold-dev", "gold-held"):
        (args.out / folder).mkdir(parents=True, exist_ok=True)
    with (args.corpus / "MANIFEST.csv").open() as handle:
        manifest = [row for row in csv.DictReader(handle) if row["format"] in ("pdf", "docx")]
    with tempfile.TemporaryDirectory() as scratch:
        for row in manifest:
            source = args.corpus / "docs" / row["file"]
            gold = json.loads((args.corpus / "gold" / f"{row['file']}.json").read_text())
            printed = pages_with_dates(as_pdf(source, Path(scratch)))
            pages = degrade(printed, rng)
            stem = f"{source.stem}_{source.suffix[1:]}"
            photographed = rng.random() < 0.4
            if photographed and len(pages) == 1:
                name = f"{stem}_photo.jpg"
                cv2.imwrite(str(args.out / "docs" / name), phone_photo(pages[0], rng), [cv2.IMWRITE_JPEG_QUALITY, 75])
            else:  # a scanned PDF, or the photos of a multi-page SOP gathered in one
                name = f"{stem}_{'photos' if photographed else 'synthscan'}.pdf"
                made = [phone_photo(p, rng) if photographed else scanner_noise(p, rng) for p in pages]
                images = [Image.fromarray(cv2.cvtColor(p, cv2.COLOR_BGR2RGB)) for p in made]
                images[0].save(args.out / "docs" / name, save_all=True, append_images=images[1:], resolution=DPI)
            half = "gold-dev" if row["family"] in DEV_FAMILIES else "gold-held"
            gold.update(source=name, format=Path(name).suffix[1:])
            (args.out / half / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False))
            print(name, half, sum(min(len(d), 3) for _, d in printed), "dates written by hand")


if __name__ == "__main__":
    main()
