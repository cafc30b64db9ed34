"""Run the stages over a batch of files: extract -> normalize -> validate -> write.

Every input file becomes exactly one documents row; a file that fails is recorded with the
reason and never stops the batch.
"""
from __future__ import annotations

import logging
import resource
from concurrent.futures import TimeoutError
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from pebble import ProcessExpired, ProcessPool

from pipeline.cache import ResultCache, file_key
from pipeline.extract import ExtractionError, extract, sniff_format
from pipeline.normalize.durations import DEFAULT_CALENDAR, WorkCalendar
from pipeline.normalize.tables import document_row, failed_document, legal_reference_rows, step_rows
from pipeline.validate.rules import document_findings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InputFile:
    path: Path
    source_file: str  # relative to the INPUT folder it was found in, or the file name


@dataclass
class BatchResult:
    documents: list[dict] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    legal_references: list[dict] = field(default_factory=list)

    @property
    def n_failed(self) -> int:
        return sum(1 for d in self.documents if d["status"] != "ok")


def discover(inputs: Iterable[Path]) -> list[InputFile]:
    """Files named directly, and every non-hidden file under folders (recursively)."""
    found: list[InputFile] = []
    for given in inputs:
        if given.is_dir():
            for path in sorted(p for p in given.rglob("*") if p.is_file() or p.is_symlink()):
                relative = path.relative_to(given)
                if not any(part.startswith(".") for part in relative.parts):
                    found.append(InputFile(path, relative.as_posix()))
        else:
            found.append(InputFile(given, given.name))
    return found


def source_format(path: Path) -> str:
    try:
        kind = sniff_format(path)
    except (OSError, ExtractionError):
        return path.suffix.lstrip(".").lower() or "unknown"
    return "image" if kind == "image" else kind


# (documents row, steps rows, findings rows, legal_references rows) of one file
FileRows = tuple[dict, list[dict], list[dict], list[dict]]


def process_file(item: InputFile, calendar: WorkCalendar = DEFAULT_CALENDAR) -> FileRows:
    """The table rows of one file; never raises."""
    try:
        if not item.path.is_file():
            raise ExtractionError("not a regular file (broken link or special file)")
        sop = extract(item.path)
    except ExtractionError as error:
        return failed(item, str(error))
    except MemoryError:
        return failed(item, "reading needed more memory than the per-file limit; the file may be "
                            "a decompression bomb or far too large")
    except Exception as error:  # a bug or a hostile file must not stop the batch
        log.exception("unexpected error on %s", item.path)
        return failed(item, f"could not be read ({type(error).__name__}: {error}); the file may be damaged")
    document = document_row(sop, item.source_file)
    steps = step_rows(sop, item.source_file, calendar)
    return document, steps, document_findings(document, steps), legal_reference_rows(sop, item.source_file)


def limit_memory(memory_mb: int | None) -> None:
    """Worker initializer: a file that needs more memory fails alone (MemoryError)."""
    if memory_mb:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))


def failed(item: InputFile, reason: str) -> FileRows:
    return failed_document(item.source_file, source_format(item.path), reason), [], [], []


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 1
    timeout: float | None = 300.0  # seconds per file
    memory_mb: int | None = 4096  # per worker process
    cache: ResultCache | None = None
    calendar: WorkCalendar = DEFAULT_CALENDAR  # working minutes per day, days per week and month
    executor: str = "local"  # local or dask
    scheduler: str | None = None  # dask scheduler address


def run_batch(files: list[InputFile], options: BatchOptions = BatchOptions(),
              on_done: Callable[[InputFile], None] = lambda f: None,
              keys: dict[str, str | None] | None = None) -> BatchResult:
    """Process every file (cached results reused), in worker processes or on a Dask cluster."""
    result = BatchResult()

    def collect(item: InputFile, outcome: FileRows) -> None:
        document, steps, findings, legal_references = outcome
        result.documents.append(document)
        result.steps.extend(steps)
        result.findings.extend(findings)
        result.legal_references.extend(legal_references)
        on_done(item)

    pending: list[tuple[InputFile, str | None]] = []
    for item in files:
        if not options.cache:
            key = None
        else:
            key = keys[item.source_file] if keys is not None else cache_key(item)
            key = key and f"{key}-{calendar_key(options.calendar)}"  # minutes depend on the calendar
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
    order = {item.source_file: i for i, item in enumerate(files)}
    result.documents.sort(key=lambda d: order.get(d["source_file"], 0))
    result.steps.sort(key=lambda s: (order.get(s["source_file"], 0), s["seq"]))
    result.findings.sort(key=lambda f: order.get(f["source_file"], 0))
    result.legal_references.sort(key=lambda r: (order.get(r["source_file"], 0), r["position"]))
    return result


def calendar_key(calendar: WorkCalendar) -> str:
    return f"{calendar.minutes_per_day:g}.{calendar.days_per_week:g}.{calendar.days_per_month:g}"


def file_keys(files: list[InputFile]) -> dict[str, str | None]:
    return {item.source_file: cache_key(item) for item in files}


def cache_key(item: InputFile) -> str | None:
    try:
        return file_key(item.path)
    except OSError:
        return None  # unreadable: process_file reports why


def run_local(pending, options: BatchOptions, store, collect) -> None:
    if options.workers <= 1 and options.timeout is None:
        for item, key in pending:
            store(item, key, process_file(item, options.calendar))
        return
    with ProcessPool(max_workers=max(options.workers, 1), initializer=limit_memory,
                     initargs=(options.memory_mb,)) as pool:
        futures = [(item, key, pool.schedule(process_file, args=(item, options.calendar), timeout=options.timeout))
                   for item, key in pending]
        for item, key, future in futures:
            try:
                store(item, key, future.result())
            except TimeoutError:
                collect(item, failed(item, f"reading took longer than the {options.timeout:g} s limit "
                                           "per file; the file may be very large or damaged"))
            except ProcessExpired as error:
                collect(item, failed(item, f"the reader crashed on this file (exit code {error.exitcode}"
                                           ", out of memory?); the file may be damaged or too large"))


def run_on_dask(pending, options: BatchOptions, store, collect) -> None:
    from dask.distributed import Client, as_completed

    with Client(options.scheduler) as client:
        futures = {client.submit(process_file, item, options.calendar, pure=False): (item, key) for item, key in pending}
        for future in as_completed(futures):
            item, key = futures[future]
            try:
                store(item, key, future.result())
            except Exception as error:  # a lost worker must not stop the batch
                collect(item, failed(item, f"the cluster could not process this file ({error})"))
