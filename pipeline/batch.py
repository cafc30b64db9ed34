"""Run the stages over a batch of files: extract -> normalize -> validate -> write.

Every input file becomes one documents row per SOP it holds (a compilation holds several), or
one failed row with the reason; a file that fails never stops the batch.
"""
from __future__ import annotations

import itertools
import logging
import resource
from concurrent.futures import FIRST_COMPLETED, TimeoutError, wait
from pathlib import Path
from typing import Callable

from pebble import ProcessExpired, ProcessPool

from pipeline.extract import ExtractionError, extract, sniff_format
from pipeline.inputs import BatchOptions, InputFile, cache_key
from pipeline.memory import release_freed_memory
from pipeline.normalize.durations import DEFAULT_CALENDAR, WorkCalendar
from pipeline.normalize.tables import document_row, failed_document, legal_reference_rows, step_rows
from pipeline.spool import RowSpool
from pipeline.validate.rules import document_findings

log = logging.getLogger(__name__)
IN_FLIGHT_PER_WORKER = 4  # files submitted ahead: keeps workers busy, results out of memory
# A worker's memory creeps up file after file (caches, and heap the allocator keeps); a fresh
# worker after this many files keeps it flat, for a second of start-up.
FILES_PER_WORKER = 500


class BatchResult:
    """Every file's rows, spooled to disk as files finish (see pipeline.spool)."""

    def __init__(self, spool: RowSpool):
        self.spool = spool

    def add(self, outcome: FileRows) -> None:
        self.spool.add(*outcome)

    @property
    def documents(self) -> list[dict]:
        return self.spool.rows("documents")

    @property
    def steps(self) -> list[dict]:
        return self.spool.rows("steps")

    @property
    def findings(self) -> list[dict]:
        return self.spool.rows("findings")


def source_format(path: Path) -> str:
    try:
        kind = sniff_format(path)
    except (OSError, ExtractionError):
        return path.suffix.lstrip(".").lower() or "unknown"
    return "image" if kind == "image" else kind


# (documents rows, steps rows, findings rows, legal_references rows) of one file: a documents
# row per SOP it holds
FileRows = tuple[list[dict], list[dict], list[dict], list[dict]]


def process_file(item: InputFile, calendar: WorkCalendar = DEFAULT_CALENDAR) -> FileRows:
    """The table rows of one file; never raises."""
    try:
        if not item.path.is_file():
            raise ExtractionError("not a regular file (broken link or special file)")
        sops = extract(item.path)
    except ExtractionError as error:
        return failed(item, str(error))
    except MemoryError:
        return failed(item, "reading needed more memory than the per-file limit; the file may be "
                            "a decompression bomb or far too large")
    except Exception as error:  # a bug or a hostile file must not stop the batch
        log.exception("unexpected error on %s", item.path)
        return failed(item, f"could not be read ({type(error).__name__}: {error}); the file may be damaged")
    documents, steps, findings, references = [], [], [], []
    for sop_index, sop in enumerate(sops, start=1):
        document = document_row(sop, item.source_file, sop_index)
        own_steps = step_rows(sop, item.source_file, calendar, sop_index)
        documents.append(document)
        steps += own_steps
        findings += document_findings(document, own_steps)
        references += legal_reference_rows(sop, item.source_file, sop_index)
    return documents, steps, findings, references


def process_in_worker(item: InputFile, calendar: WorkCalendar) -> FileRows:
    """process_file, then the memory it freed goes back to the system (a page image of an OCR
    run is tens of MiB): a worker would otherwise hold the peak of every file it read."""
    try:
        return process_file(item, calendar)
    finally:
        release_freed_memory()


def limit_memory(memory_mb: int | None) -> None:
    """Worker initializer: a file that needs more memory fails alone (MemoryError)."""
    if memory_mb:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))


def failed(item: InputFile, reason: str) -> FileRows:
    return [failed_document(item.source_file, source_format(item.path), reason)], [], [], []


def run_batch(files: list[InputFile], options: BatchOptions = BatchOptions(),
              on_done: Callable[[InputFile], None] = lambda f: None,
              keys: dict[str, str | None] | None = None, spool_directory: Path | None = None) -> BatchResult:
    """Process every file (cached results reused), in worker processes or on a Dask cluster.
    Rows are spooled under `spool_directory` (default: the system's temporary folder)."""
    order = {item.source_file: i for i, item in enumerate(files)}
    result = BatchResult(RowSpool(order, spool_directory))

    def collect(item: InputFile, outcome: FileRows) -> None:
        result.add(outcome)
        on_done(item)

    pending: list[tuple[InputFile, str | None]] = []
    for item in files:
        if not options.cache:
            key = None
        else:
            key = keys[item.source_file] if keys is not None else cache_key(item)
            key = key and f"{key}-{options.calendar.key}"  # minutes depend on the calendar
        cached = options.cache.get(key, item.source_file) if key else None
        if cached is not None:
            collect(item, cached)
        else:
            pending.append((item, key))

    def store(item: InputFile, key: str | None, outcome) -> None:
        if key and options.cache:
            options.cache.put(key, outcome)
        collect(item, outcome)

    if pending and options.executor == "dask":
        run_on_dask(pending, options, store, collect)
    elif pending:
        run_local(pending, options, store, collect)
    return result


def run_local(pending, options: BatchOptions, store, collect) -> None:
    if options.workers <= 1 and options.timeout is None:
        for item, key in pending:
            store(item, key, process_file(item, options.calendar))
        return
    workers = max(options.workers, 1)
    with ProcessPool(max_workers=workers, max_tasks=FILES_PER_WORKER, initializer=limit_memory,
                     initargs=(options.memory_mb,)) as pool:
        def submit(item: InputFile):
            return pool.schedule(process_in_worker, args=(item, options.calendar), timeout=options.timeout)

        for (item, key), future in windowed(pending, submit, IN_FLIGHT_PER_WORKER * workers):
            try:
                store(item, key, future.result())
            except TimeoutError:
                collect(item, failed(item, f"reading took longer than the {options.timeout:g} s limit "
                                           "per file; the file may be very large or damaged"))
            except ProcessExpired as error:
                collect(item, failed(item, f"the reader crashed on this file (exit code {error.exitcode}"
                                           ", out of memory?); the file may be damaged or too large"))


def first_finished(futures) -> set:
    return wait(futures, return_when=FIRST_COMPLETED).done


def windowed(pending, submit, window: int, wait_any=first_finished):
    """(pending entry, finished future) as files finish, with at most `window` submitted and
    unfinished at a time: a finished result is dropped once handled, so memory does not grow
    with the number of files."""
    queue = iter(pending)
    in_flight = {}
    for entry in itertools.islice(queue, window):
        in_flight[submit(entry[0])] = entry
    while in_flight:
        for future in wait_any(list(in_flight)):
            entry = in_flight.pop(future)
            following = next(queue, None)
            if following is not None:
                in_flight[submit(following[0])] = following
            yield entry, future


def run_on_dask(pending, options: BatchOptions, store, collect) -> None:
    from dask.distributed import Client, wait as dask_wait

    with Client(options.scheduler) as client:
        window = IN_FLIGHT_PER_WORKER * max(sum(client.nthreads().values()), 1)

        def submit(item: InputFile):
            return client.submit(process_in_worker, item, options.calendar, pure=False)

        def finished(futures) -> set:
            return dask_wait(futures, return_when="FIRST_COMPLETED").done

        for (item, key), future in windowed(pending, submit, window, finished):
            try:
                store(item, key, future.result())
            except Exception as error:  # a lost worker must not stop the batch
                collect(item, failed(item, f"the cluster could not process this file ({error})"))
            finally:
                future.release()
