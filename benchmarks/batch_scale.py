"""Batch throughput, memory and re-run speed-up on an N-file mixed corpus.

Builds N files from the samples in raw/ (each copy varied by a few harmless bytes, so every
file has its own content hash and none is served from another's cache entry), runs
`sop-pipeline run` once cold and once again unchanged, and prints files/s, pages/s, the
peak memory of the whole process tree (while the workers read, and in the batch-wide stages
after them), and the re-run speed-up.

    .venv/bin/python benchmarks/batch_scale.py --n 1000 10000 [--workers 2] [--formats docx,txt,pdf]
        [--ocr-share 0.02]

A share of the copies (default 2 %) are scans or images, read by OCR at some seconds a page;
the rest are Word, text and digital PDF files.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pypdfium2

ROOT = Path(__file__).resolve().parent.parent


def varied_copy(sample: Path, target: Path, index: int) -> None:
    """A copy whose bytes differ from every other copy but which reads the same."""
    shutil.copy(sample, target)
    suffix = sample.suffix.lower()
    if suffix == ".docx":
        with zipfile.ZipFile(target, "a") as archive:
            archive.comment = f"copy {index}".encode()
    elif suffix == ".txt":
        with target.open("a", encoding="utf-8") as handle:
            handle.write(f"\n{' ' * (index % 7)}\n")
            handle.write(f"Salinan {index}\n")
    else:  # pdf and images ignore bytes after their end marker
        with target.open("ab") as handle:
            handle.write(f"\n%copy {index}\n".encode())


def needs_ocr(sample: Path) -> bool:
    """An image, or a PDF without a text layer: read by OCR, some seconds a page."""
    if sample.suffix.lower() != ".pdf":
        return sample.suffix.lower() in {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
    document = pypdfium2.PdfDocument(sample)
    try:
        return not any(page.get_textpage().get_text_range().strip() for page in document)
    finally:
        document.close()


def build_corpus(folder: Path, n: int, formats: set[str], ocr_share: float) -> None:
    """N varied copies of the samples, `ocr_share` of them scans or images."""
    samples = sorted(p for p in (ROOT / "raw").rglob("*") if p.is_file() and p.suffix.lstrip(".").lower() in formats)
    scanned = [p for p in samples if needs_ocr(p)]
    digital = [p for p in samples if p not in scanned] or scanned
    if not samples:
        sys.exit(f"no samples of {sorted(formats)} under raw/")
    n_scanned = round(n * ocr_share) if scanned else 0
    for index in range(n):
        # scans spread evenly through the listing, as in a real archive
        is_scan = n_scanned and index * n_scanned // n != (index + 1) * n_scanned // n
        pool = scanned if is_scan else digital
        sample = pool[index % len(pool)]
        varied_copy(sample, folder / f"{index:06d}_{sample.name}", index)


def status_kib(pid: int, field: str, file: str = "status") -> int:
    try:
        lines = Path(f"/proc/{pid}/{file}").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith(f"{field}:")), 0)


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def descendants(pid: int) -> list[int]:
    """The process and all its descendants."""
    found, stack = [], [pid]
    while stack:
        found.append(stack.pop())
        stack.extend(children(found[-1]))
    return found


@dataclass
class MemoryPeaks:
    """Peaks over a run (KiB). RSS counts a page shared by forked workers once per process; PSS
    splits it among them, so the tree's PSS is the memory the batch really occupies. Reading is
    while workers run; the batch-wide stages (harmonization, tables, reports) follow once the
    workers are gone."""
    reading_pss: int = 0
    stages_pss: int = 0
    tree_rss: int = 0
    main_rss: int = 0
    worker_rss: int = 0  # the largest worker, its OCR or LibreOffice children included
    reading: bool | None = None  # None until the first worker starts

    def sample(self, pid: int) -> None:
        branches = [descendants(child) for child in children(pid)]
        if branches and self.reading is None:
            self.reading = True
        elif not branches and self.reading:
            self.reading = False
        tree = [pid, *(p for branch in branches for p in branch)]
        pss = sum(status_kib(p, "Pss", "smaps_rollup") for p in tree)
        if self.reading is False:
            self.stages_pss = max(self.stages_pss, pss)
        else:
            self.reading_pss = max(self.reading_pss, pss)
            self.worker_rss = max([self.worker_rss, *(sum(status_kib(p, "VmRSS") for p in b) for b in branches)])
        self.tree_rss = max(self.tree_rss, sum(status_kib(p, "VmRSS") for p in tree))
        self.main_rss = max(self.main_rss, status_kib(pid, "VmRSS"))

    @property
    def tree_pss(self) -> int:
        return max(self.reading_pss, self.stages_pss)


def mib(kib: int) -> str:
    return f"{kib / 1024:,.0f} MiB"


def timed_run(corpus: Path, out: Path, workers: int) -> tuple[float, MemoryPeaks]:
    command = [str(ROOT / ".venv" / "bin" / "sop-pipeline"), "run", str(corpus), "--out", str(out),
               "--workers", str(workers)]
    start, peaks = time.perf_counter(), MemoryPeaks()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None:
        peaks.sample(process.pid)
        time.sleep(0.2)
    if process.returncode not in (0, 3):
        sys.exit(f"sop-pipeline exited with {process.returncode}")
    return time.perf_counter() - start, peaks


def measure(n: int, workers: int, formats: set[str], ocr_share: float) -> None:
    with tempfile.TemporaryDirectory() as work:
        corpus, out = Path(work) / "corpus", Path(work) / "out"
        corpus.mkdir()
        build_corpus(corpus, n, formats, ocr_share)
        cold, cold_peaks = timed_run(corpus, out, workers)
        warm, warm_peaks = timed_run(corpus, out, workers)
        documents = pd.read_parquet(out / "normalized" / "documents.parquet")
        pages = int(documents["n_pages"].fillna(1).sum())
    print(f"N = {n} ({','.join(sorted(formats))}, {ocr_share:.0%} scans/images), workers: {workers}")
    print(f"  first run: {cold:.1f} s, {n / cold:.1f} files/s, {pages / cold:.1f} pages/s")
    print(f"  peak memory of all processes: {mib(cold_peaks.tree_pss)} PSS ({mib(cold_peaks.tree_rss)} summed RSS); "
          f"while reading {mib(cold_peaks.reading_pss)}, in the batch-wide stages {mib(cold_peaks.stages_pss)}")
    print(f"  peak RSS of the main process {mib(cold_peaks.main_rss)}, of the largest worker {mib(cold_peaks.worker_rss)}")
    print(f"  unchanged re-run: {warm:.1f} s, peak {mib(warm_peaks.tree_pss)} PSS, "
          f"speed-up {cold / warm:.0f}x")
    print(f"  ok: {(documents['status'] == 'ok').sum()}, failed: {(documents['status'] != 'ok').sum()}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--formats", default="docx,txt,pdf,png,jpg")
    parser.add_argument("--ocr-share", type=float, default=0.02, help="share of copies that are scans or images")
    args = parser.parse_args()
    for n in args.n:
        measure(n, args.workers, set(args.formats.split(",")), args.ocr_share)


if __name__ == "__main__":
    main()
