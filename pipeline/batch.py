"""Run the stages over a batch of files: extract -> normalize -> validate -> write.

Every input file becomes one documents row per SOP it holds (a compilation holds several), or
one failed row with the reason; a file that fails never stops the batch.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import itertools
import logging
import multiprocessing
import resource
import tempfile
from concurrent.futures import FIRST_COMPLETED, TimeoutError, wait
from pathlib import Path
from typing import Callable

from pebble import ProcessExpired, ProcessPool

from pipeline import messages
from pipeline.extract import ExtractionError, extract, release_second_ocr_engine, sniff_format
from pipeline.files import os_reason
from pipeline.database import DATABASE_NAME, BatchDatabase, DatabaseSettings
from pipeline.inputs import BatchOptions, ClusterUnreachable, InputFile, cache_key
from pipeline.messages import in_indonesian
from pipeline.normalize.durations import DEFAULT_CALENDAR, WorkCalendar
from pipeline.normalize.tables import document_row, failed_document, legal_reference_rows, step_rows
from pipeline.validate.rules import document_findings

log = logging.getLogger(__name__)
IN_FLIGHT_PER_WORKER = 4  # files submitted ahead: keeps workers busy, results out of memory
# A worker's memory creeps up file after file (caches, and heap the allocator keeps); a fresh
# worker after this many files keeps it flat, for a second of start-up.
FILES_PER_WORKER = 500


class BatchResult:
    """Every file's rows, in the batch database as files finish (see pipeline.database)."""

    def __init__(self, database: BatchDatabase, temporary: tempfile.TemporaryDirectory | None = None):
        self.database = database
        self.temporary = temporary  # the folder of a database of the caller's temporary folder

    def add(self, outcome: FileRows) -> None:
        self.database.add(*outcome)

    @property
    def documents(self) -> list[dict]:
        return self.database.rows("documents")

    @property
    def steps(self) -> list[dict]:
        return self.database.rows("steps")

    @property
    def findings(self) -> list[dict]:
        return self.database.rows("findings")

    def close(self) -> None:
        self.database.close()
        if self.temporary is not None:
            self.temporary.cleanup()


def source_format(path: Path) -> str:
    """The format named from the file's content; unknown when it cannot be read."""
    try:
        return sniff_format(path)
    except (OSError, ExtractionError):
        return "unknown"


# (documents rows, steps rows, findings rows, legal_references rows) of one file: a documents
# row per SOP it holds
FileRows = tuple[list[dict], list[dict], list[dict], list[dict]]
# The main process holds a window of files' rows and harmonizes every step: an SOP has tens of
# steps, so thousands are a data table or a hostile file, refused before its rows leave the worker.
MAX_STEP_ROWS = 2000
MAX_SOPS_PER_FILE = 500
MAX_FILE_STEP_ROWS = 20_000  # a compilation's SOPs together


def process_file(item: InputFile, calendar: WorkCalendar = DEFAULT_CALENDAR) -> FileRows:
    """The table rows of one file; never raises. Every error is a sentence for the analyst."""
    try:
        sops = extract(item.path)
    except ExtractionError as error:
        return failed(item, in_indonesian(str(error)))
    except MemoryError:
        return failed(item, messages.OUT_OF_MEMORY)
    except OSError as error:  # gone, no permission, or no longer a regular file since it was listed
        return failed(item, messages.cannot_open(os_reason(error)))
    except Exception:  # a bug or a hostile file must not stop the batch
        log.exception("unexpected error on %s", item.source_file)
        return failed(item, messages.UNEXPECTED)
    refused = messages.NOT_AN_SOP_TEXT if not sops else oversized(sops)  # every file gets a row
    if refused:
        return failed(item, refused)
    documents, steps, findings, references = [], [], [], []
    for sop_index, sop in enumerate(sops, start=1):
        document = with_plain_status(document_row(sop, item.source_file, sop_index))
        own_steps = step_rows(sop, item.source_file, calendar, sop_index)
        documents.append(document)
        if document["status"] == "failed":  # nothing of an SOP was read: nothing to check
            continue
        steps += own_steps
        findings += document_findings(document, own_steps)
        references += legal_reference_rows(sop, item.source_file, sop_index)
    return documents, steps, findings, references


def oversized(sops: list) -> str | None:
    if len(sops) > MAX_SOPS_PER_FILE:
        return messages.too_many_sops(len(sops), MAX_SOPS_PER_FILE)
    for sop_index, sop in enumerate(sops, start=1):
        if len(sop.steps) > MAX_STEP_ROWS:
            return messages.too_many_steps(sop_index, len(sop.steps), MAX_STEP_ROWS)
    n_steps = sum(len(sop.steps) for sop in sops)
    if n_steps > MAX_FILE_STEP_ROWS:
        return messages.too_many_file_steps(n_steps, MAX_FILE_STEP_ROWS)
    return None


IDENTITY_COLUMNS = ("sop_title", "sop_number", "agency", "approved_by")


def with_plain_status(document: dict) -> dict:
    """The row's status as an analyst must take it: a flowchart read with no step is not ok, and
    without an identity either it is not an SOP's text at all (e.g. a damaged PDF's jumble)."""
    if document["status"] == "ok" and not document["n_steps"]:
        has_identity = any(document.get(column) for column in IDENTITY_COLUMNS)
        document.update(status="partial" if has_identity else "failed",
                        error=messages.NO_STEPS if has_identity else messages.NOT_AN_SOP_TEXT)
    elif document["error"]:
        document["error"] = in_indonesian(document["error"])
    return document


def process_in_worker(item: InputFile, calendar: WorkCalendar) -> FileRows:
    """process_file, then the heap it freed goes back to the system (a page image of an OCR run
    is tens of MiB): glibc keeps it for reuse, and a worker would hold the peak of every file it
    read. The second OCR engine's session is let go too: most files are no scans."""
    try:
        return process_file(item, calendar)
    finally:
        release_second_ocr_engine()
        trim = malloc_trim()
        if trim is not None:
            trim(0)


@functools.cache
def malloc_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc: nothing to give back this way
        return None


def limit_memory(memory_mb: int | None) -> None:
    """Worker initializer: a file that needs more memory fails alone (MemoryError). The limit
    counts from the address space the worker starts with: a forked worker inherits its
    parent's, mostly reserved and never used (thread stacks, DuckDB's and onnxruntime's
    arenas), and a parent of several GiB left a worker no room at all (it crashed on its
    first file)."""
    if memory_mb:
        limit = address_space_bytes() + (memory_mb << 20)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def address_space_bytes() -> int:
    """This process's virtual size; 0 where /proc does not tell it."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def failed(item: InputFile, reason: str) -> FileRows:
    kind = "unknown" if item.problem else source_format(item.path)
    return [failed_document(item.source_file, kind, reason)], [], [], []


def run_batch(files: list[InputFile], options: BatchOptions = BatchOptions(),
              on_done: Callable[[InputFile], None] = lambda f: None,
              keys: dict[str, str | None] | None = None, database: Path | None = None,
              settings: DatabaseSettings = DatabaseSettings()) -> BatchResult:
    """Process every file (cached results reused), in worker processes or on a Dask cluster.
    Rows go to the batch database at `database` (default: in the system's temporary folder)."""
    order = {item.source_file: i for i, item in enumerate(files)}
    temporary = tempfile.TemporaryDirectory(prefix="sop-batch-") if database is None else None
    path = Path(temporary.name) / DATABASE_NAME if temporary is not None else database
    result = BatchResult(BatchDatabase(path, order, settings), temporary)

    def collect(item: InputFile, outcome: FileRows) -> None:
        result.add(outcome)
        on_done(item)

    pending: list[tuple[InputFile, str | None]] = []
    for item in files:
        if item.problem:  # found unreadable without opening it: nothing to give a worker
            collect(item, failed(item, item.problem))
            continue
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
    with limited_pool(workers, options.memory_mb) as pool:
        def submit(item: InputFile):
            return pool.schedule(process_in_worker, args=(item, options.calendar), timeout=options.timeout)

        for (item, key), future in windowed(pending, submit, IN_FLIGHT_PER_WORKER * workers):
            keep(item, key, outcome_of(item, future, options.timeout), store, collect)


def limited_pool(workers: int, memory_mb: int | None) -> ProcessPool:
    return ProcessPool(max_workers=workers, max_tasks=FILES_PER_WORKER, initializer=limit_memory,
                       initargs=(memory_mb,))


# (the file's rows, whether they are its own: rows of a time-out or a crash are not cached, as
# the file may be read on a calmer machine or with higher limits)
Outcome = tuple[FileRows, bool]


def outcome_of(item: InputFile, future, timeout: float | None) -> Outcome:
    """The rows of a file from its worker's future, under the limits: the same on Dask as here."""
    try:
        return future.result(), True
    except TimeoutError:
        return failed(item, messages.timed_out(timeout or 0)), False
    except ProcessExpired as error:
        return failed(item, messages.crashed(error.exitcode)), False


def keep(item: InputFile, key: str | None, outcome: Outcome, store, collect) -> None:
    rows, own = outcome
    (store(item, key, rows) if own else collect(item, rows))


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

    try:
        client = Client(options.scheduler)
    except (OSError, ValueError) as error:  # no scheduler there, or not an address
        raise ClusterUnreachable(options.scheduler) from error
    with client:
        window = IN_FLIGHT_PER_WORKER * max(sum(client.nthreads().values()), 1)

        def submit(item: InputFile):
            return client.submit(process_within_limits, item, options.calendar, options.timeout, options.memory_mb,
                                 pure=False)

        def finished(futures) -> set:
            return dask_wait(futures, return_when="FIRST_COMPLETED").done

        for (item, key), future in windowed(pending, submit, window, finished):
            try:
                outcome = future.result()
            except Exception:  # a lost worker must not stop the batch
                log.exception("the cluster lost %s", item.source_file)
                outcome = failed(item, messages.CLUSTER_LOST), False
            finally:
                future.release()
            keep(item, key, outcome, store, collect)


WORKER_POOLS: dict[int | None, ProcessPool] = {}  # on a Dask worker: its pools, by memory limit


def process_within_limits(item: InputFile, calendar: WorkCalendar, timeout: float | None,
                          memory_mb: int | None) -> Outcome:
    """A Dask task: the file read in a process of the Dask worker's own pool, under the time and
    memory limits of a local run (a Dask task alone can be neither stopped nor limited)."""
    pool = WORKER_POOLS.get(memory_mb)
    if pool is None or not pool.active:
        # Dask's worker processes are daemons, which multiprocessing forbids to have children;
        # the pool's processes are daemons themselves and end with this one.
        multiprocessing.current_process()._config["daemon"] = False  # type: ignore[attr-defined]
        pool = WORKER_POOLS[memory_mb] = limited_pool(dask_worker_threads(), memory_mb)
    future = pool.schedule(process_in_worker, args=(item, calendar), timeout=timeout)
    return outcome_of(item, future, timeout)


def dask_worker_threads() -> int:
    from dask.distributed import get_worker

    return max(get_worker().state.nthreads, 1)
