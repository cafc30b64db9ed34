"""What a run is given: the input files and the options. Light to import: the command line
reads them before it knows whether there is any work to do."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pipeline.cache import ResultCache, file_key
from pipeline.normalize.durations import DEFAULT_CALENDAR, WorkCalendar


@dataclass(frozen=True)
class InputFile:
    path: Path
    source_file: str  # relative to the INPUT folder it was found in, or the file name


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 1
    timeout: float | None = 300.0  # seconds per file
    memory_mb: int | None = 4096  # per worker process
    cache: ResultCache | None = None
    calendar: WorkCalendar = DEFAULT_CALENDAR  # working minutes per day, days per week and month
    executor: str = "local"  # local or dask
    scheduler: str | None = None  # dask scheduler address


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


def file_keys(files: list[InputFile]) -> dict[str, str | None]:
    return {item.source_file: cache_key(item) for item in files}


def cache_key(item: InputFile) -> str | None:
    try:
        return file_key(item.path)
    except OSError:
        return None  # unreadable: the batch reports why
