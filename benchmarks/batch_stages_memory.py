"""Memory and time of the batch-wide stages (harmonize, validation, tables, reports) at N files.

Reads the Word, text and PDF samples in raw/ once, puts the rows of N renamed copies in a batch
database as a batch would, then runs the stages that follow the batch (`finish.finish_run`) and prints its
time and the peak memory: PSS of the process (and of any child it starts), and its RSS.
Cheap enough to show N = 50,000; the extraction side is measured by batch_scale.py.

    .venv/bin/python benchmarks/batch_stages_memory.py --n 1000 10000 50000 [--agencies 20] [--no-expectations]

Each N runs in a fresh process, so one N's memory does not carry into the next.

Plain copies make a batch of a few procedures, each followed by thousands of SOPs. With
`--agencies K`, each block of K copies of the samples stands for other procedures instead:
every word of its titles, activities, outputs and requirements gets the block's own letters,
so no two blocks share a word. That is a province's archive, where a procedure is followed by
one SOP per agency and the vocabulary grows with the batch.
"""
from __future__ import annotations

import argparse
import copy
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.workflow import database_settings, use_the_system_allocator_for_arrow  # noqa: E402

use_the_system_allocator_for_arrow()  # as a run does, before Arrow first allocates
from batch_scale import descendants, status_kib  # noqa: E402
from pipeline.batch import BatchResult, process_file  # noqa: E402
from pipeline.database import DATABASE_NAME, BatchDatabase  # noqa: E402
from pipeline.finish import finish_run  # noqa: E402
from pipeline.inputs import InputFile  # noqa: E402

SAMPLE_FORMATS = {".docx", ".txt", ".pdf"}


def tree_pss_mib() -> int:
    """PSS of this process and any children: pages shared with others split among them."""
    return sum(status_kib(pid, "Pss", "smaps_rollup") for pid in descendants(os.getpid())) // 1024


def rss_mib() -> int:
    return status_kib(os.getpid(), "VmRSS") // 1024


class PeakWatch:
    """The highest memory of the process tree (PSS) and of this process (RSS) seen while
    running, sampled every 50 ms."""

    def __init__(self):
        self.tree, self.main, self.running = tree_pss_mib(), rss_mib(), True
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()

    def watch(self) -> None:
        while self.running:
            self.tree, self.main = max(self.tree, tree_pss_mib()), max(self.main, rss_mib())
            time.sleep(0.05)

    def stop(self) -> tuple[int, int]:
        self.running = False
        self.thread.join()
        return self.tree, self.main


def block_words(text, block: int):
    """Every word with the block's letters appended ("surat" -> "suratbc" in block 12)."""
    if not isinstance(text, str):
        return text
    letters = "".join(chr(ord("a") + int(digit)) for digit in str(block))
    return re.sub(r"[^\W\d_]+", lambda word: word.group(0) + letters, text)


def measure(n: int, expectations: bool, agencies: int) -> None:
    samples = sorted(p for p in (ROOT / "raw").rglob("*") if p.is_file() and p.suffix.lower() in SAMPLE_FORMATS)
    outcomes = [o for o in (process_file(InputFile(p, p.name)) for p in samples) if o[0][0]["status"] == "ok"]
    if not outcomes:
        sys.exit("no readable Word, text or PDF samples under raw/")
    names = [f"{i:06d}_{outcomes[i % len(outcomes)][0][0]['source_file']}" for i in range(n)]
    with tempfile.TemporaryDirectory() as work:
        out = Path(work)
        result = BatchResult(BatchDatabase(out / "normalized" / DATABASE_NAME, {name: i for i, name in enumerate(names)},
                                           database_settings(out)))
        for i, name in enumerate(names):
            documents, steps, findings, references = copy.deepcopy(outcomes[i % len(outcomes)])
            for row in (*documents, *steps, *findings, *references):
                row["source_file"] = name
            if agencies:
                block = i // (agencies * len(outcomes))
                for document in documents:
                    document["sop_title"] = block_words(document["sop_title"], block)
                for step in steps:
                    for field in ("activity", "output", "requirements"):
                        step[field] = block_words(step[field], block)
            result.add((documents, steps, findings, references))
        before = tree_pss_mib()
        watch, start = PeakWatch(), time.perf_counter()
        summary = finish_run(result, out, None, expectations)
        seconds, (peak, main_peak) = time.perf_counter() - start, watch.stop()
        result.close()
    print(f"N = {n:>6}: {seconds:6.1f} s, {n / seconds:6.0f} files/s, peak PSS {peak} MiB "
          f"(+{peak - before} MiB over the batch as read; main process RSS {main_peak} MiB), {summary.n_steps} steps, "
          f"expectations {'on' if expectations else 'off'}, "
          f"{f'{agencies} agencies per procedure' if agencies else 'plain copies'}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-expectations", action="store_true")
    parser.add_argument("--agencies", type=int, default=0,
                        help="copies per procedure: each block of this many copies gets words of its own")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a single N, in this process
    arguments = parser.parse_args()
    if arguments.one:
        measure(arguments.one, not arguments.no_expectations, arguments.agencies)
        return
    for n in arguments.n:
        command = [sys.executable, __file__, "--one", str(n), "--agencies", str(arguments.agencies)]
        subprocess.run(command + (["--no-expectations"] if arguments.no_expectations else []), check=True)


if __name__ == "__main__":
    main()
