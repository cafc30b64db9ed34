"""The whole run: per-file stages, then the batch-wide stages, then the outputs; or nothing,
when the inputs and options are those the stored outputs were made from and they are whole.

One run at a time per output folder (a lock). A run writes its tables and reports in a staging
folder beside them and swaps both folders in together at the end, so the tables and reports in
place are always those of one whole run; a run killed mid-swap is completed by the next."""
from __future__ import annotations

import errno
import fcntl
import logging
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator

from pipeline.inputs import BatchOptions, InputFile, file_keys
from pipeline.decisions import decisions_key, load_decisions, write_template
from pipeline.manifest import MANIFEST, RunSummary, manifest_text, outputs_listing, run_manifest, unchanged_summary

OUTPUT_FOLDERS = ("normalized", "reports")  # the manifest is kept in the first
LOCK_FILE = ".sop-pipeline.lock"
STAGING_PREFIX = ".sop-run-"
SWAP_JOURNAL = ".sop-pipeline.swap"  # names the staging folder whose outputs are being swapped in
# working files of runs killed before the staging folder: files aside
LEFTOVER_PATTERNS = {"normalized": (".*.parquet.*", ".*.csv.*"), "reports": (".*.html.*", ".*.xlsx.*")}
# The batch database's memory in the main process; beyond it DuckDB spills to the staging folder
# (16 MB is too little for its inserts; 64 MB holds the main process flat, docs/benchmarks.md).
DATABASE_MEMORY = "64MB"


LOCKS_UNSUPPORTED = (errno.ENOLCK, errno.EOPNOTSUPP)  # some network file systems: run unlocked rather than never
log = logging.getLogger(__name__)


class OutputFolderError(Exception):
    """The output folder cannot be written (bad usage, exit 2); `reason`: the system's words."""

    def __init__(self, out: Path, reason: str):
        super().__init__(f"cannot use the output folder {out}: {reason}")
        self.reason = reason


class OutputFolderBusy(OutputFolderError):
    """Another run holds the output folder."""


def run_pipeline(files: list[InputFile], out: Path, options: BatchOptions, expectations: bool = True,
                 on_file_done: Callable[[InputFile], None] = lambda f: None) -> RunSummary:
    with output_lock(out):
        finish_interrupted_swap(out)
        remove_leftovers(out, options)
        keys = file_keys(files) if options.cache else None
        manifest = (run_manifest(keys, expectations, options.calendar.key, decisions_key(out))
                    if keys is not None else None)
        unchanged = unchanged_summary(out, manifest, OUTPUT_FOLDERS) if manifest is not None else None
        if unchanged is not None:
            for item in files:  # nothing changed since the last run: its outputs stand
                on_file_done(item)
            return unchanged
        return run_in_staging(files, out, options, keys, manifest, expectations, on_file_done)


def run_in_staging(files: list[InputFile], out: Path, options: BatchOptions, keys: dict | None,
                   manifest: str | None, expectations: bool, on_file_done: Callable[[InputFile], None]) -> RunSummary:
    # The stages are imported only now that there is work: an unchanged re-run needs none of them.
    use_the_system_allocator_for_arrow()
    from pipeline.batch import run_batch
    from pipeline.database import DATABASE_NAME
    from pipeline.finish import finish_run

    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    try:
        result = run_batch(files, options, on_done=on_file_done, keys=keys,
                           database=staging / OUTPUT_FOLDERS[0] / DATABASE_NAME, settings=database_settings(staging))
        try:
            summary = with_counts(finish_run(result, staging, None, expectations, load_decisions(out)), staging)
        finally:
            result.close()
        if manifest is not None:
            text = manifest_text(manifest, outputs_listing(staging, OUTPUT_FOLDERS), summary)
            (staging / OUTPUT_FOLDERS[0] / MANIFEST).write_text(text, encoding="utf-8")
        swap_in(out, staging)
        write_template(out)
        return summary
    finally:
        if not (out / SWAP_JOURNAL).exists():  # a swap under way is finished by the next run
            shutil.rmtree(staging, ignore_errors=True)


def database_settings(staging: Path):
    from pipeline.database import DatabaseSettings

    return DatabaseSettings(memory_limit=DATABASE_MEMORY, temp_directory=staging / "spill")


def use_the_system_allocator_for_arrow() -> None:
    """Arrow's own allocator (mimalloc) keeps what pandas' Arrow-backed text freed, file after
    file and window after window; the system's gives it back to glibc (24 MiB less at the
    batch-wide stages' peak of 1,000 files, docs/benchmarks.md). Set before Arrow first
    allocates, here and in the workers, which inherit it; a user's own choice stands."""
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")


def with_counts(summary: RunSummary, staging: Path) -> RunSummary:
    """The summary with files, SOPs and their statuses counted from the documents table."""
    import pyarrow.parquet as pq

    documents = pq.read_table(staging / "normalized" / "documents.parquet", columns=["source_file", "status"])
    statuses = documents.column("status").to_pylist()
    return replace(summary, n_files=len(set(documents.column("source_file").to_pylist())), n_sops=len(statuses),
                   n_ok=statuses.count("ok"), n_partial=statuses.count("partial"), n_failed=statuses.count("failed"))


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Holds the output folder for this run; another run holding it stops this one at once."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = open(out / LOCK_FILE, "a")
    except OSError as error:
        raise OutputFolderError(out, error.strerror or type(error).__name__) from error
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OutputFolderBusy(out, "another run holds it") from error
            if error.errno not in LOCKS_UNSUPPORTED:
                raise OutputFolderError(out, error.strerror or type(error).__name__) from error
            log.warning("the file system of %s cannot lock files: two runs on it at once are not stopped", out)
        yield  # closing the file releases the lock, also when the process is killed


def swap_in(out: Path, staging: Path) -> None:
    """Puts the staged output folders in place of the current ones, both or (after a kill, once
    the next run has finished the swap) neither: the journal says a swap is under way."""
    journal = out / SWAP_JOURNAL
    aside = journal.with_name(journal.name + ".new")
    aside.write_text(staging.name, encoding="utf-8")
    os.replace(aside, journal)
    finish_swap(out, staging)


def finish_swap(out: Path, staging: Path) -> None:
    for name in OUTPUT_FOLDERS:
        staged, current = staging / name, out / name
        if not staged.exists():
            continue  # swapped in already
        if current.exists() or current.is_symlink():
            os.rename(current, staging / f"previous-{name}")
        os.rename(staged, current)
    (out / SWAP_JOURNAL).unlink()
    shutil.rmtree(staging, ignore_errors=True)


def finish_interrupted_swap(out: Path) -> None:
    journal = out / SWAP_JOURNAL
    try:
        staging = out / journal.read_text(encoding="utf-8").strip()
    except OSError:
        return
    if staging.name.startswith(STAGING_PREFIX) and staging.is_dir():
        finish_swap(out, staging)
    else:
        journal.unlink()


def remove_leftovers(out: Path, options: BatchOptions) -> None:
    """Working files of killed runs (the lock is held: no other run's)."""
    for staging in out.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(staging, ignore_errors=True)
    (out / f"{SWAP_JOURNAL}.new").unlink(missing_ok=True)
    for folder, patterns in LEFTOVER_PATTERNS.items():
        for pattern in patterns:
            for leftover in (out / folder).glob(pattern):
                shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink(missing_ok=True)
    if options.cache is not None:
        options.cache.remove_leftovers()
