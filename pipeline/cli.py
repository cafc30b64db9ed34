"""Command line: `sop-pipeline run [INPUT ...] [--out DIR]`."""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from pipeline.inputs import BatchOptions, discover
from pipeline.cache import ResultCache
from pipeline.normalize.durations import WorkCalendar
from pipeline.workflow import run_pipeline

app = typer.Typer(add_completion=False, help="Extract, normalize and validate Indonesian SOP documents.")
console = Console(stderr=True)


@app.callback()
def main() -> None:
    """sop-pipeline: turn a pile of SOP files into normalized tables and reports."""


@app.command()
def run(
    inputs: Optional[List[Path]] = typer.Argument(
        None, help="Files or folders (searched recursively). Default: raw/."),
    out: Path = typer.Option(Path("."), "--out", help="Writes OUT/normalized/ and OUT/reports/."),
    workers: int = typer.Option(os.cpu_count() or 1, "--workers", min=1, help="Worker processes."),
    timeout: float = typer.Option(300.0, "--timeout", min=1, help="Seconds allowed per file."),
    memory_mb: int = typer.Option(4096, "--memory-mb", min=256, help="Memory allowed per worker (MiB)."),
    executor: str = typer.Option("local", "--executor", help="local, or dask (with --scheduler)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address."),
    cache: bool = typer.Option(True, "--cache/--no-cache",
                               help="Reuse results of unchanged files (OUT/.sop-cache/)."),
    minutes_per_day: float = typer.Option(450.0, "--minutes-per-day", min=1,
                                          help="Working minutes in a day (default 37.5 h / 5 days)."),
    days_per_week: float = typer.Option(5.0, "--days-per-week", min=1, help="Working days in a week."),
    days_per_month: float = typer.Option(22.0, "--days-per-month", min=1, help="Working days in a month."),
    expectations: bool = typer.Option(True, "--expectations/--no-expectations",
                                      help="Run the Great Expectations suites and write Data Docs."),
) -> None:
    """Read every SOP file and write documents, steps and findings tables.

    Exit status: 0 every file ok; 3 some files failed (the rest is written); 2 bad usage.
    """
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    paths = inputs or [Path("raw")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        console.print(f"[red]error:[/red] input not found: {', '.join(map(str, missing))}")
        raise typer.Exit(2)
    if executor not in {"local", "dask"} or (executor == "dask" and not scheduler):
        console.print("[red]error:[/red] --executor is local or dask, and dask needs --scheduler ADDRESS")
        raise typer.Exit(2)
    options = BatchOptions(workers=workers, timeout=timeout, memory_mb=memory_mb,
                           cache=ResultCache(out / ".sop-cache") if cache else None,
                           executor=executor, scheduler=scheduler,
                           calendar=WorkCalendar(minutes_per_day, days_per_week, days_per_month))
    files = discover(paths)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=console, transient=False) as progress:
        task = progress.add_task("Reading SOP files", total=len(files))
        summary = run_pipeline(files, out, options, expectations=expectations,
                               on_file_done=lambda item: progress.advance(task))
    console.print(f"{summary.n_files} files: {summary.n_files - summary.n_failed} ok, "
                  f"{summary.n_failed} failed; {summary.n_steps} steps, {summary.n_findings} findings "
                  f"-> {out / 'normalized'}")
    for source_file, error in summary.failures:
        console.print(f"[yellow]failed:[/yellow] {source_file}: {error}")
    raise typer.Exit(3 if summary.n_failed else 0)
