"""Faults of real shared drives (issue #23): special files, unreadable folders, odd names,
damaged caches and outputs, two runs on one folder, messages an analyst can read."""
import fcntl
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import pipeline.batch as batch
import pipeline.inputs as inputs
import pipeline.workflow as workflow
from pipeline.batch import run_batch
from pipeline.cache import ResultCache
from pipeline.cli import app
from pipeline.inputs import BatchOptions, discover

GOOD = Path(__file__).parent / "fixtures" / "txt" / "sop_d005.txt"
NOT_UTF8 = os.fsdecode(b"laporan \xff\xfe.txt")


def hostile_folder(root: Path) -> Path:
    """One input holding a good file, a non-UTF-8 name, special files and a folder that cannot be
    read (simulated: tests run as root, whom chmod 000 does not stop)."""
    folder = root / "in"
    (folder / "rahasia").mkdir(parents=True)
    (folder / "sub").mkdir()
    shutil.copy(GOOD, folder / "baik.txt")
    shutil.copy(GOOD, folder / "sub" / NOT_UTF8)
    os.mkfifo(folder / "antrian.docx")
    (folder / "ke-fifo.pdf").symlink_to(folder / "antrian.docx")
    (folder / "nol.pdf").symlink_to("/dev/zero")
    (folder / "patah.docx").symlink_to(folder / "tidak-ada")
    (folder / "ke-folder").symlink_to(folder / "sub")
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(folder / "soket"))
    (folder / "rahasia" / "a.docx").write_bytes(b"tidak terbaca")
    return folder


EXPECTED_ROWS = {"antrian.docx", "baik.txt", "ke-fifo.pdf", "ke-folder", "nol.pdf", "patah.docx", "rahasia/",
                 "soket", "sub/laporan \\xff\\xfe.txt"}


@pytest.fixture
def unreadable_secret(monkeypatch):
    real_scandir = os.scandir

    def scandir(path="."):
        if not isinstance(path, int) and os.fspath(path).endswith("rahasia"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(inputs.os, "scandir", scandir)


def test_special_files_an_unreadable_folder_and_an_odd_name_each_get_a_row_and_nothing_hangs(
        tmp_path, unreadable_secret, fails_if_it_hangs):
    folder, out = hostile_folder(tmp_path), tmp_path / "out"
    started = time.monotonic()
    outcome = CliRunner().invoke(app, ["run", str(folder), "--out", str(out), "--workers", "2", "--no-expectations"])
    assert outcome.exit_code == 3, outcome.output
    assert time.monotonic() - started < 120  # no file waited for its 300 s limit
    documents = pd.read_parquet(out / "normalized" / "documents.parquet").set_index("source_file")
    assert set(documents.index) == EXPECTED_ROWS
    assert set(pd.read_csv(out / "normalized" / "documents.csv")["source_file"]) == EXPECTED_ROWS
    assert documents.loc["baik.txt", "status"] == documents.loc["sub/laporan \\xff\\xfe.txt", "status"] == "ok"
    errors = documents["error"].dropna()
    assert "FIFO" in errors["antrian.docx"] and errors["ke-fifo.pdf"].startswith("Tautan ke pipa bernama")
    assert "perangkat karakter" in errors["nol.pdf"] and "soket" in errors["soket"]
    assert "rusak" in errors["patah.docx"] and "folder" in errors["ke-folder"]
    assert "tidak dapat dibuka (izin ditolak)" in errors["rahasia/"]
    index = (out / "reports" / "index.html").read_text(encoding="utf-8")
    assert "laporan \\xff\\xfe.txt" in index and "rahasia/" in index


def test_a_fifo_given_as_input_fails_without_blocking(tmp_path, fails_if_it_hangs):
    os.mkfifo(tmp_path / "pipa")
    result = run_batch(discover([tmp_path / "pipa"]), BatchOptions(workers=1, timeout=None,
                                                                   cache=ResultCache(tmp_path / "cache")))
    assert [(d["source_file"], d["status"], d["source_format"]) for d in result.documents] == \
        [("pipa", "failed", "unknown")]


def test_a_file_the_user_cannot_read_gets_a_row_saying_so(tmp_path, monkeypatch):
    import pipeline.files as files

    shutil.copy(GOOD, tmp_path / "terkunci.txt")
    real_access = os.access  # root reads everything: the denial is simulated
    monkeypatch.setattr(files.os, "access", lambda path, mode: "terkunci" not in str(path) and real_access(path, mode))
    (row,) = run_batch(discover([tmp_path]), BatchOptions(workers=1, timeout=None)).documents
    assert row["status"] == "failed" and "izin ditolak" in row["error"] and row["source_format"] == "unknown"


def test_names_given_twice_are_told_apart(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(GOOD, tmp_path / folder / "sop.txt")
    names = [item.source_file for item in discover([tmp_path / "a" / "sop.txt", tmp_path / "b" / "sop.txt"])]
    assert names == ["sop.txt", "sop.txt (2)"]


@pytest.mark.parametrize("damage", ["[]", "null", "edited", "truncated"])
def test_a_damaged_cache_entry_is_read_again_and_repaired(tmp_path, damage):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a.txt")
    arguments = ["run", str(folder), "--out", str(out), "--no-expectations", "--workers", "1"]
    assert CliRunner().invoke(app, arguments).exit_code == 0
    minutes = pd.read_parquet(out / "normalized" / "steps.parquet")["duration_minutes"].tolist()
    (entry,) = (out / ".sop-cache").glob("*/*.json")
    text = entry.read_text(encoding="utf-8")
    damaged = {"[]": "[]", "null": "null", "truncated": text[: len(text) // 2],
               "edited": text.replace('"duration_minutes": 30.0', '"duration_minutes": 9999.0')}[damage]
    assert damaged != text
    entry.write_text(damaged, encoding="utf-8")
    shutil.rmtree(out / "normalized")  # so that the run reads the cache
    outcome = CliRunner().invoke(app, arguments)
    assert outcome.exit_code == 0, outcome.output
    assert pd.read_parquet(out / "normalized" / "steps.parquet")["duration_minutes"].tolist() == minutes
    assert json.loads(entry.read_text(encoding="utf-8"))["rows"]  # rewritten whole


@pytest.mark.parametrize("damage", ["empty table", "deleted report"])
def test_an_unchanged_rerun_rewrites_a_damaged_or_missing_output(tmp_path, damage):
    out = tmp_path / "out"
    arguments = ["run", str(GOOD), "--out", str(out), "--no-expectations"]
    assert CliRunner().invoke(app, arguments).exit_code == 0
    if damage == "empty table":
        (out / "normalized" / "documents.parquet").write_bytes(b"")
    else:
        (out / "reports" / "index.html").unlink()
    assert CliRunner().invoke(app, arguments).exit_code == 0
    assert len(pd.read_parquet(out / "normalized" / "documents.parquet")) == 1
    assert (out / "reports" / "index.html").stat().st_size > 0


def test_a_second_run_on_a_held_output_folder_stops_at_once_with_exit_2(tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["run", str(GOOD), "--out", str(out), "--no-expectations"]).exit_code == 0
    before = {p: p.read_bytes() for p in (out / "normalized").iterdir()}
    with open(out / workflow.LOCK_FILE, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        outcome = CliRunner().invoke(app, ["run", str(GOOD), "--out", str(out), "--no-expectations", "--no-cache"])
    assert outcome.exit_code == 2 and "proses sop-pipeline lain" in outcome.output
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    assert {p: p.read_bytes() for p in (out / "normalized").iterdir()} == before


def test_two_runs_started_together_neither_crashes_and_the_tables_are_whole(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for name in "abc":
        shutil.copy(GOOD, folder / f"{name}.txt")
    command = [sys.executable, "-c", "from pipeline.cli import app; app()", "run", str(folder), "--out", str(out), "--no-expectations",
               "--workers", "1", "--no-cache"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    codes = sorted(run.wait(timeout=300) for run in runs)
    errors = [run.stderr.read() for run in runs]
    assert codes in ([0, 0], [0, 2]), errors
    assert not any("Traceback" in text for text in errors)
    assert len(pd.read_parquet(out / "normalized" / "documents.parquet")) == 3
    assert len(pd.read_parquet(out / "normalized" / "steps.parquet")) == 21


def test_a_run_killed_while_swapping_its_outputs_in_is_completed_by_the_next(tmp_path, monkeypatch):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a.txt")
    options = BatchOptions(workers=1, timeout=None, cache=ResultCache(tmp_path / "cache"))
    workflow.run_pipeline(discover([folder]), out, options, expectations=False)
    shutil.copy(GOOD, folder / "b.txt")
    real_rename, renamed = os.rename, []

    def killed_after_the_tables(source, target):
        if renamed and Path(target).name == "previous-reports":
            raise KeyboardInterrupt("killed")
        renamed.append(target)
        real_rename(source, target)

    monkeypatch.setattr(workflow.os, "rename", killed_after_the_tables)
    with pytest.raises(KeyboardInterrupt):
        workflow.run_pipeline(discover([folder]), out, options, expectations=False)
    monkeypatch.setattr(workflow.os, "rename", real_rename)
    summary = workflow.run_pipeline(discover([folder]), out, options, expectations=False)  # unchanged now
    assert summary.n_files == 2
    assert len(pd.read_parquet(out / "normalized" / "documents.parquet")) == 2
    assert "b.txt" in (out / "reports" / "index.html").read_text(encoding="utf-8")  # reports agree with tables
    assert not list(out.glob(".sop-run-*")) and not (out / workflow.SWAP_JOURNAL).exists()


def test_leftover_working_files_of_killed_runs_are_removed(tmp_path):
    out = tmp_path / "out"
    for leftover in ("normalized/.documents.parquet.x1", "reports/.index.html.x2", ".sop-run-old/spool/part",
                     ".sop-cache/ab/.tmp-x3"):
        (out / leftover).parent.mkdir(parents=True, exist_ok=True)
        (out / leftover).write_text("half", encoding="utf-8")
    options = BatchOptions(workers=1, timeout=None, cache=ResultCache(out / ".sop-cache"))
    workflow.run_pipeline(discover([GOOD]), out, options, expectations=False)
    assert not [p for p in out.rglob("*") if p.name.startswith((".documents", ".index", ".sop-run", ".tmp"))]


def test_a_batch_where_every_file_fails_writes_its_tables_and_exits_3(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "acak.pdf").write_bytes(os.urandom(3000))
    outcome = CliRunner().invoke(app, ["run", str(folder), "--out", str(out), "--no-expectations"])
    assert outcome.exit_code == 3, outcome.output
    (row,) = pd.read_parquet(out / "normalized" / "documents.parquet").to_dict("records")
    assert row["status"] == "failed" and row["source_format"] == "unknown"
    assert row["error"].startswith("Isi berkas bukan format yang dikenali")
    assert len(pd.read_parquet(out / "normalized" / "steps.parquet")) == 0
    assert (out / "reports" / "index.html").exists() and (out / "reports" / "sop-report.xlsx").exists()


def test_an_empty_batch_still_writes_empty_tables(tmp_path):
    summary = workflow.run_pipeline([], tmp_path / "out", BatchOptions(workers=1, timeout=None), expectations=False)
    assert summary.n_files == 0 and summary.all_ok
    assert list(pd.read_parquet(tmp_path / "out" / "normalized" / "documents.parquet")["source_file"]) == []


@pytest.mark.parametrize("case", ["missing input", "empty folder", "output is a file", "unknown language",
                                  "no scheduler"])
def test_bad_usage_gets_one_message_and_exit_2(tmp_path, case):
    (tmp_path / "kosong").mkdir()
    (tmp_path / "berkas").write_text("x", encoding="utf-8")
    arguments = {"missing input": [str(tmp_path / "tidak-ada")], "empty folder": [str(tmp_path / "kosong")],
                 "output is a file": [str(GOOD)], "unknown language": [str(GOOD), "--lang", "fr"],
                 "no scheduler": [str(GOOD), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"]}[case]
    out = tmp_path / ("berkas" if case == "output is a file" else "out")
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):  # a refused connection is retried until then
        outcome = CliRunner().invoke(app, ["run", *arguments, "--out", str(out), "--no-expectations"])
    assert outcome.exit_code == 2 and "kesalahan:" in outcome.output, outcome.output
    assert "Traceback" not in outcome.output and outcome.output.count("kesalahan:") == 1
    if case == "empty folder":  # said after the run: the tables show the folder holds nothing
        assert pd.read_parquet(tmp_path / "out" / "normalized" / "documents.parquet").empty


def test_the_cli_speaks_indonesian_and_english_on_request(tmp_path):
    indonesian = CliRunner().invoke(app, ["run", str(GOOD), "--out", str(tmp_path / "id"), "--no-expectations"])
    assert "1 berkas, 1 SOP: 1 ok, 0 sebagian, 0 gagal" in indonesian.output
    assert indonesian.output.strip().splitlines()[-1].endswith("reports/index.html")
    english = CliRunner().invoke(app, ["run", str(tmp_path / "nowhere"), "--lang", "en"])
    assert english.exit_code == 2 and "error: input not found" in english.output
    program = "from pipeline.cli import app; app(['run', '--help'])"
    helps = {lang: subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                                  env={**os.environ, "SOP_PIPELINE_LANG": lang, "COLUMNS": "200"}).stdout
             for lang in ("id", "en")}
    assert "Batas waktu per berkas" in helps["id"] and "Seconds allowed per file" in helps["en"]


def test_an_sop_with_an_absurd_number_of_rows_is_refused_in_the_worker(tmp_path, monkeypatch):
    from pipeline.extract import extract

    monkeypatch.setattr(batch, "MAX_STEP_ROWS", 5)  # the fixture has 7
    (row,) = run_batch(discover([GOOD]), BatchOptions(workers=1, timeout=60)).documents
    assert row["status"] == "failed" and "SOP ke-1 berisi 7 baris langkah, lebih dari batas 5" in row["error"]
    monkeypatch.setattr(batch, "MAX_STEP_ROWS", 10)
    monkeypatch.setattr(batch, "MAX_FILE_STEP_ROWS", 12)  # two SOPs of 7 steps each
    monkeypatch.setattr(batch, "extract", lambda path: extract(path) * 2)
    (row,) = run_batch(discover([GOOD]), BatchOptions(workers=1, timeout=60)).documents
    assert row["status"] == "failed" and "14 baris langkah, lebih dari batas 12 per berkas" in row["error"]


def test_a_reader_giving_no_sop_still_gives_the_file_a_failed_row(monkeypatch):
    monkeypatch.setattr(batch, "extract", lambda path: [])
    (row,) = run_batch(discover([GOOD]), BatchOptions(workers=1, timeout=None)).documents
    assert row["status"] == "failed" and row["error"]


def test_a_flowchart_with_no_step_read_is_not_ok(tmp_path, monkeypatch):
    from pipeline.extract import extract

    def without_steps(path):
        sops = extract(path)
        for sop in sops:
            sop.steps = []
        return sops

    monkeypatch.setattr(batch, "extract", without_steps)
    (row,) = run_batch(discover([GOOD]), BatchOptions(workers=1, timeout=None)).documents
    assert row["status"] == "partial" and "tidak ada langkah yang terbaca" in row["error"]
    monkeypatch.setattr(batch, "extract", lambda path: [
        type(sop)(**{**sop.__dict__, "identity": type(sop.identity)()}) for sop in without_steps(path)])
    result = run_batch(discover([GOOD]), BatchOptions(workers=1, timeout=None))
    (row,) = result.documents
    assert row["status"] == "failed" and "tidak tampak seperti SOP" in row["error"]
    assert result.findings == []  # a failed row is not checked field by field


ENGLISH_REASONS = [
    "the file is empty (0 bytes)",
    "the PDF has 500 pages, more than the 100 one SOP may have; if it is a compilation",
    "the file is password-protected or an old Word 97-2003 document saved as .docx; remove",
    "the file is not a Word document (not a valid .docx zip); it may be corrupt or truncated",
    "the Word file is damaged and cannot be read (Bad magic number); open and save it again in Word",
    "the Word file would unpack to 400 MB (a zip bomb or a damaged file); it was not opened",
    "this is a binary file, not a text export; check its extension",
    "no SOP flowchart table found (a table with a 'Kegiatan' column) and no SOP identity block; is this an SOP?",
    "the identity block was read but no flowchart table was found; the steps are the numbered steps",
    "the PDF could not be opened (Failed to load document (PDFium: Data format error).); it may be damaged",
    "the file is not a readable PDF (damaged, truncated or not a PDF at all)",
    "page 3 of the PDF is damaged and cannot be read",
    "the image holds 243 million pixels over 3 pages, more than the 179 million that can be decoded safely",
]


@pytest.mark.parametrize("reason", ENGLISH_REASONS)
def test_reasons_reach_the_analyst_as_indonesian_sentences_without_exception_text(reason):
    from pipeline.messages import GENERAL_REASON, in_indonesian

    sentence = in_indonesian(reason)
    assert sentence != GENERAL_REASON and sentence.endswith((".", "?"))
    for english in ("Bad magic", "PDFium", "Error", "the file", "the PDF"):
        assert english not in sentence


def test_a_folder_tree_deeper_than_the_recursion_limit_is_searched(tmp_path):
    deep = tmp_path
    for _ in range(sys.getrecursionlimit() + 50):  # one by one: os.makedirs recurses
        deep = deep / "d"
        deep.mkdir()
    shutil.copy(GOOD, deep / "sop.txt")
    try:
        (found,) = discover([tmp_path])
        assert found.source_file == "d/" * (sys.getrecursionlimit() + 50) + "sop.txt" and found.problem is None
    finally:  # removed level by level: pytest's clean-up (shutil.rmtree) recurses too
        (deep / "sop.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent
