"""What a run is given: the input files and the options. Light to import: the command line
reads them before it knows whether there is any work to do."""
from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from pipeline.cache import ResultCache, file_key
from pipeline.files import is_folder, problem_of, unreadable_folder
from pipeline.normalize.durations import DEFAULT_CALENDAR, WorkCalendar


@dataclass(frozen=True)
class InputFile:
    path: Path
    source_file: str  # relative to the INPUT folder it was found in, or the file name
    problem: str | None = None  # why it cannot be read, found without opening it: its failed row says so


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 1
    timeout: float | None = 300.0  # seconds per file
    memory_mb: int | None = 4096  # per worker process
    cache: ResultCache | None = None
    calendar: WorkCalendar = DEFAULT_CALENDAR  # working minutes per day, days per week and month
    executor: str = "local"  # local or dask
    scheduler: str | None = None  # dask scheduler address


class ClusterUnreachable(Exception):
    """The Dask scheduler of the options cannot be reached (bad usage)."""


def discover(inputs: Iterable[Path]) -> list[InputFile]:
    """Files named directly, and every non-hidden path under folders (recursively). Every path
    found is listed: one that cannot be read (a folder without permission, a FIFO, a device, a
    broken link, a link to a folder) with its problem. Each gets a name of its own."""
    found: list[InputFile] = []
    for given in inputs:
        if is_folder(given, follow_links=True):  # a folder given by a link is meant to be read
            found += search(given)
        else:
            found.append(listed(given, given.name))
    return with_unique_names(found)


def search(root: Path) -> list[InputFile]:
    """Every non-hidden path under `root`, depth first in name order. Iterative: a shared drive's
    tree may be deeper than Python's recursion limit."""
    found: list[InputFile] = []
    stack = [iter([root])]
    while stack:
        path = next(stack[-1], None)
        if path is None:
            stack.pop()
        elif path != root and not is_folder(path, follow_links=False):
            found.append(listed(path, path.relative_to(root).as_posix()))
        else:
            try:
                with os.scandir(path) as entries:
                    names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
            except OSError as error:
                shown = path.relative_to(root).as_posix() if path != root else path.name
                found.append(InputFile(path, display_name(shown + "/"), unreadable_folder(error)))
                continue
            stack.append(iter([path / name for name in names]))
    return found


def listed(path: Path, relative: str) -> InputFile:
    return InputFile(path, display_name(relative), problem_of(path))


def display_name(name: str) -> str:
    """The name as text any table or page can hold: bytes that are not UTF-8 (kept by Python as
    lone surrogates, which Parquet, CSV and HTML writers refuse) are shown as \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def with_unique_names(files: list[InputFile]) -> list[InputFile]:
    """Two inputs may give the same name (two folders' a.docx, or a name shown with \\xNN like
    another's): the later ones get " (2)", " (3)"..., as every row is keyed by its name."""
    original = {item.source_file for item in files}
    used: set[str] = set()
    unique = []
    for item in files:
        name = item.source_file
        if name in used:
            name = next(candidate for number in itertools.count(2)
                        if (candidate := f"{item.source_file} ({number})") not in used and candidate not in original)
            item = replace(item, source_file=name)
        used.add(name)
        unique.append(item)
    return unique


def file_keys(files: list[InputFile]) -> dict[str, str | None]:
    return {item.source_file: cache_key(item) for item in files}


def cache_key(item: InputFile) -> str | None:
    if item.problem:
        return f"problem:{item.problem}"  # a change of what is wrong with it is a change of input
    try:
        return file_key(item.path)
    except OSError:
        return None  # unreadable: the batch reports why
