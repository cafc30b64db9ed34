"""Batch throughput, memory and re-run speed-up on an N-file mixed corpus.

Builds N files from the samples in raw/ (each copy varied by a few harmless bytes, so every
file has its own content hash and none is served from another's cache entry), runs
`sop-pipeline run` once cold and once again unchanged, and prints files/s, pages/s, the
peak resident memory of the whole process tree, and the re-run speed-up.

    .venv/bin/python benchmarks/batch_scale.py --n 1000 [--workers 2] [--formats docx,txt,pdf]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pandas as pd

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


def build_corpus(folder: Path, n: int, formats: set[str]) -> None:
    samples = sorted(p for p in (ROOT / "raw").rglob("*") if p.is_file() and p.suffix.lstrip(".").lower() in formats)
    if not samples:
        sys.exit(f"no samples of {sorted(formats)} under raw/")
    for index in range(n):
        sample = samples[index % len(samples)]
        varied_copy(sample, folder / f"{index:06d}_{sample.name}", index)


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants (KiB)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        stack.extend(int(c) for c in children)
    return total


def timed_run(corpus: Path, out: Path, workers: int) -> tuple[float, int]:
    command = [str(ROOT / ".venv" / "bin" / "sop-pipeline"), "run", str(corpus), "--out", str(out),
               "--workers", str(workers)]
    start, peak = time.perf_counter(), 0
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None:
        peak = max(peak, tree_rss_kib(process.pid))
        time.sleep(0.2)
    if process.returncode not in (0, 3):
        sys.exit(f"sop-pipeline exited with {process.returncode}")
    return time.perf_counter() - start, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--formats", default="docx,txt,pdf,png,jpg")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        corpus, out = Path(work) / "corpus", Path(work) / "out"
        corpus.mkdir()
        build_corpus(corpus, args.n, set(args.formats.split(",")))
        cold, cold_peak = timed_run(corpus, out, args.workers)
        warm, warm_peak = timed_run(corpus, out, args.workers)
        documents = pd.read_parquet(out / "normalized" / "documents.parquet")
        pages = int(documents["n_pages"].fillna(1).sum())
    print(f"files: {args.n} ({args.formats}), workers: {args.workers}")
    print(f"first run: {cold:.1f} s, {args.n / cold:.1f} files/s, {pages / cold:.1f} pages/s, "
          f"peak RSS {cold_peak / 1024:.0f} MiB")
    print(f"unchanged re-run: {warm:.1f} s, peak RSS {warm_peak / 1024:.0f} MiB, "
          f"speed-up {cold / warm:.1f}x")
    print(f"ok: {(documents['status'] == 'ok').sum()}, failed: {(documents['status'] != 'ok').sum()}")


if __name__ == "__main__":
    main()
