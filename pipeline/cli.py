"""Command line: `sop-pipeline run [INPUT ...] [--out DIR]`, in Bahasa Indonesia (`--lang en`:
English). Bad usage gets one clear message and exit status 2, never a traceback."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from pipeline.cache import ResultCache
from pipeline.inputs import BatchOptions, ClusterUnreachable, discover, display_name, with_unique_names
from pipeline.manifest import RunSummary
from pipeline.normalize.durations import WorkCalendar
from pipeline.workflow import OutputFolderBusy, OutputFolderError, run_pipeline

LANGUAGES = ("id", "en")
LANG_ENV = "SOP_PIPELINE_LANG"
MAX_FAILURES_LISTED = 20  # the rest are in the report

TEXTS = {
    "id": {
        "app": "Membaca, menormalkan, dan memeriksa dokumen SOP berbahasa Indonesia.",
        "main": "sop-pipeline: mengubah setumpuk berkas SOP menjadi tabel yang dinormalkan dan laporan.",
        "run": "Membaca setiap berkas SOP dan menulis tabel documents, steps, dan findings beserta laporannya.\n\n"
               "Kode keluar: 0 semua berkas ok; 3 ada berkas yang gagal atau terbaca sebagian (sisanya tetap "
               "ditulis); 2 salah penggunaan.",
        "inputs": "Berkas atau folder (dicari sampai ke subfolder). Bawaan: raw/.",
        "out": "Menulis OUT/normalized/ dan OUT/reports/.",
        "workers": "Jumlah proses pekerja.",
        "timeout": "Batas waktu per berkas (detik).",
        "memory": "Batas memori per proses pekerja (MiB).",
        "executor": "local, atau dask (dengan --scheduler).",
        "scheduler": "Alamat scheduler Dask.",
        "cache": "Pakai ulang hasil berkas yang tidak berubah (OUT/.sop-cache/).",
        "minutes_per_day": "Menit kerja dalam sehari (bawaan 37,5 jam / 5 hari).",
        "days_per_week": "Hari kerja dalam seminggu.",
        "days_per_month": "Hari kerja dalam sebulan.",
        "expectations": "Jalankan rangkaian Great Expectations dan tulis Data Docs.",
        "lang": "Bahasa keluaran baris perintah: id (Bahasa Indonesia) atau en (English).",
        "error": "kesalahan",
        "bad_lang": "--lang adalah id atau en",
        "missing": "masukan tidak ditemukan: {paths}",
        "nothing": "masukan tidak berisi berkas untuk dibaca: {paths}",
        "executor_usage": "--executor adalah local atau dask, dan dask memerlukan --scheduler ALAMAT",
        "busy": "proses sop-pipeline lain sedang memakai folder keluaran {out}; tunggu sampai selesai, "
                "atau pakai --out lain",
        "not_writable": "folder keluaran {out} tidak dapat ditulisi ({reason})",
        "no_cluster": "scheduler Dask di {address} tidak dapat dihubungi; periksa alamat --scheduler",
        "progress": "Membaca berkas SOP",
        "summary": "{files} berkas, {sops} SOP: {ok} ok, {partial} sebagian, {failed} gagal; "
                   "{steps} langkah, {findings} temuan.",
        "more": "... dan {n} lainnya (lihat laporan)",
        "report": "Laporan: {path}",
    },
    "en": {
        "app": "Extract, normalize and validate Indonesian SOP documents.",
        "main": "sop-pipeline: turn a pile of SOP files into normalized tables and reports.",
        "run": "Read every SOP file and write the documents, steps and findings tables and the reports.\n\n"
               "Exit status: 0 every file ok; 3 some files failed or were read in part (the rest is written); "
               "2 bad usage.",
        "inputs": "Files or folders (searched recursively). Default: raw/.",
        "out": "Writes OUT/normalized/ and OUT/reports/.",
        "workers": "Worker processes.",
        "timeout": "Seconds allowed per file.",
        "memory": "Memory allowed per worker (MiB).",
        "executor": "local, or dask (with --scheduler).",
        "scheduler": "Dask scheduler address.",
        "cache": "Reuse results of unchanged files (OUT/.sop-cache/).",
        "minutes_per_day": "Working minutes in a day (default 37.5 h / 5 days).",
        "days_per_week": "Working days in a week.",
        "days_per_month": "Working days in a month.",
        "expectations": "Run the Great Expectations suites and write Data Docs.",
        "lang": "Language of the command line's output: id (Bahasa Indonesia) or en (English).",
        "error": "error",
        "bad_lang": "--lang is id or en",
        "missing": "input not found: {paths}",
        "nothing": "input holds no file to read: {paths}",
        "executor_usage": "--executor is local or dask, and dask needs --scheduler ADDRESS",
        "busy": "another sop-pipeline run is using the output folder {out}; wait for it to finish, or use another --out",
        "not_writable": "cannot write to the output folder {out} ({reason})",
        "no_cluster": "cannot reach the Dask scheduler at {address}; check --scheduler",
        "progress": "Reading SOP files",
        "summary": "{files} files, {sops} SOPs: {ok} ok, {partial} partial, {failed} failed; "
                   "{steps} steps, {findings} findings.",
        "more": "... and {n} more (see the report)",
        "report": "Report: {path}",
    },
}


def language_asked(argv: list[str]) -> str:
    """The language asked for on the command line (or in SOP_PIPELINE_LANG): the help texts are
    chosen before the options are parsed."""
    for index, argument in enumerate(argv):
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1] if argv[index + 1] in LANGUAGES else "id"
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1] if argument.split("=", 1)[1] in LANGUAGES else "id"
    return os.environ.get(LANG_ENV) if os.environ.get(LANG_ENV) in LANGUAGES else "id"


HELP = TEXTS[language_asked(sys.argv)]
app = typer.Typer(add_completion=False, help=HELP["app"])
console = Console(stderr=True)


@app.callback(help=HELP["main"])
def main() -> None:
    pass


def fail_usage(texts: dict, message: str) -> typer.Exit:
    console.print(f"[red]{texts['error']}:[/red] {escape(message)}")
    return typer.Exit(2)


def shown(path: Path) -> str:
    return display_name(str(path))


@app.command(help=HELP["run"])
def run(
    inputs: Optional[List[Path]] = typer.Argument(None, help=HELP["inputs"], show_default=False),
    out: Path = typer.Option(Path("."), "--out", help=HELP["out"]),
    workers: int = typer.Option(os.cpu_count() or 1, "--workers", min=1, help=HELP["workers"]),
    timeout: float = typer.Option(300.0, "--timeout", min=1, help=HELP["timeout"]),
    memory_mb: int = typer.Option(4096, "--memory-mb", min=256, help=HELP["memory"]),
    executor: str = typer.Option("local", "--executor", help=HELP["executor"]),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help=HELP["scheduler"]),
    cache: bool = typer.Option(True, "--cache/--no-cache", help=HELP["cache"]),
    minutes_per_day: float = typer.Option(450.0, "--minutes-per-day", min=1, help=HELP["minutes_per_day"]),
    days_per_week: float = typer.Option(5.0, "--days-per-week", min=1, help=HELP["days_per_week"]),
    days_per_month: float = typer.Option(22.0, "--days-per-month", min=1, help=HELP["days_per_month"]),
    expectations: bool = typer.Option(True, "--expectations/--no-expectations", help=HELP["expectations"]),
    lang: str = typer.Option("id", "--lang", envvar=LANG_ENV, help=HELP["lang"]),
) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    texts = TEXTS.get(lang, TEXTS["id"])
    if lang not in LANGUAGES:
        raise fail_usage(texts, texts["bad_lang"])
    paths = inputs or [Path("raw")]
    missing = [p for p in paths if not (p.exists() or p.is_symlink())]
    if missing:
        raise fail_usage(texts, texts["missing"].format(paths=", ".join(map(shown, missing))))
    if executor not in {"local", "dask"} or (executor == "dask" and not scheduler):
        raise fail_usage(texts, texts["executor_usage"])
    listed = [discover([path]) for path in paths]
    # An input with no file is bad usage, said after the run: the tables and reports still show
    # what the inputs hold (nothing, for an empty folder), never an earlier run's.
    empty = [path for path, files in zip(paths, listed) if not files]
    files = with_unique_names([item for found in listed for item in found])  # names given twice told apart
    try:
        results = ResultCache(out / ".sop-cache") if cache else None
    except OSError as error:
        raise fail_usage(texts, texts["not_writable"].format(out=shown(out), reason=error.strerror or "OSError"))
    options = BatchOptions(workers=workers, timeout=timeout, memory_mb=memory_mb, cache=results,
                           executor=executor, scheduler=scheduler,
                           calendar=WorkCalendar(minutes_per_day, days_per_week, days_per_month))
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), console=console, transient=False) as progress:
            task = progress.add_task(texts["progress"], total=len(files))
            summary = run_pipeline(files, out, options, expectations=expectations,
                                   on_file_done=lambda item: progress.advance(task))
    except OutputFolderBusy:
        raise fail_usage(texts, texts["busy"].format(out=shown(out)))
    except OutputFolderError as error:
        raise fail_usage(texts, texts["not_writable"].format(out=shown(out), reason=error.reason))
    except ClusterUnreachable:
        raise fail_usage(texts, texts["no_cluster"].format(address=scheduler))
    print_summary(texts, summary, out)
    if empty:
        raise fail_usage(texts, texts["nothing"].format(paths=", ".join(map(shown, empty))))
    raise typer.Exit(0 if summary.all_ok else 3)


def print_summary(texts: dict, summary: RunSummary, out: Path) -> None:
    console.print(escape(texts["summary"].format(
        files=summary.n_files, sops=summary.n_sops, ok=summary.n_ok, partial=summary.n_partial,
        failed=summary.n_failed, steps=summary.n_steps, findings=summary.n_findings)))
    for source_file, error in summary.failures[:MAX_FAILURES_LISTED]:
        console.print(f"[yellow]-[/yellow] {escape(source_file)}: {escape(error or '')}")
    if len(summary.failures) > MAX_FAILURES_LISTED:
        console.print(escape(texts["more"].format(n=len(summary.failures) - MAX_FAILURES_LISTED)))
    console.print(escape(texts["report"].format(path=shown(out / "reports" / "index.html"))), soft_wrap=True)
