"""Batch guarantees: every file accounted for, failures isolated, cache, limits, exit codes."""
import shutil
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import pipeline.batch as batch
from pipeline.batch import run_batch
from pipeline.cache import ResultCache
from pipeline.cli import app
from pipeline.inputs import BatchOptions, discover
from pipeline.database import BatchDatabase

FIXTURES = Path(__file__).parent / "fixtures" / "txt"
GOOD = FIXTURES / "sop_d005.txt"


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub dir").mkdir(parents=True)
    shutil.copy(GOOD, folder / "good.txt")
    shutil.copy(GOOD, folder / "sub dir" / "naïve $(rm -rf) ; name.txt")
    (folder / "empty.docx").write_bytes(b"")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / ".hidden").write_text("ignored")
    return folder


def test_every_input_file_becomes_one_documents_row(mixed_folder):
    result = run_batch(discover([mixed_folder]), BatchOptions(workers=1, timeout=None))
    rows = {d["source_file"]: d for d in result.documents}
    assert sorted(rows) == ["broken.docx", "empty.docx", "good.txt", "sub dir/naïve $(rm -rf) ; name.txt"]
    assert rows["good.txt"]["status"] == "ok"
    assert rows["sub dir/naïve $(rm -rf) ; name.txt"]["status"] == "ok"
    assert rows["empty.docx"]["status"] == "failed" and "kosong" in rows["empty.docx"]["error"]
    assert rows["broken.docx"]["status"] == "failed" and rows["broken.docx"]["error"]
    assert {s["source_file"] for s in result.steps} == {"good.txt", "sub dir/naïve $(rm -rf) ; name.txt"}


def test_cli_writes_tables_and_exits_3_when_some_files_fail(mixed_folder, tmp_path):
    out = tmp_path / "out"
    outcome = CliRunner().invoke(app, ["run", str(mixed_folder), "--out", str(out), "--workers", "2", "--no-expectations"])
    assert outcome.exit_code == 3, outcome.output
    documents = pd.read_parquet(out / "normalized" / "documents.parquet")
    assert len(documents) == 4 and (documents["status"] == "failed").sum() == 2
    steps = pd.read_csv(out / "normalized" / "steps.csv")
    assert len(steps) == 14 and steps["actors"].iloc[0].startswith("[")
    assert (out / "normalized" / "findings.parquet").exists() and (out / "reports").is_dir()


def test_cli_exits_0_when_every_file_is_ok_and_2_on_bad_usage(tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["run", str(GOOD), "--out", str(out), "--no-expectations"]).exit_code == 0
    assert CliRunner().invoke(app, ["run", str(tmp_path / "nowhere"), "--out", str(out)]).exit_code == 2
    assert CliRunner().invoke(app, ["run", str(GOOD), "--executor", "dask"]).exit_code == 2


def test_unchanged_file_is_read_from_cache_and_changed_file_is_parsed_again(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    target = folder / "a.txt"
    shutil.copy(GOOD, target)
    calls = []
    real_extract = batch.extract
    monkeypatch.setattr(batch, "extract", lambda path: calls.append(path.name) or real_extract(path))
    options = BatchOptions(workers=1, timeout=None, cache=ResultCache(tmp_path / "cache"))
    first = run_batch(discover([folder]), options)
    second = run_batch(discover([folder]), options)
    assert calls == ["a.txt"]
    assert second.documents == first.documents and second.steps == first.steps
    target.write_text(GOOD.read_text(encoding="utf-8").replace("30 menit", "45 menit"), encoding="utf-8")
    third = run_batch(discover([folder]), options)
    assert calls == ["a.txt", "a.txt"]
    assert third.steps[0]["duration_minutes"] == 45


def test_a_file_over_the_time_limit_fails_alone(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / "slow.txt")
    shutil.copy(GOOD, folder / "fast.txt")
    real_extract = batch.extract

    def sometimes_slow(path):
        if path.name == "slow.txt":
            time.sleep(30)
        return real_extract(path)

    monkeypatch.setattr(batch, "extract", sometimes_slow)  # inherited by forked workers
    result = run_batch(discover([folder]), BatchOptions(workers=2, timeout=2))
    rows = {d["source_file"]: d for d in result.documents}
    assert rows["fast.txt"]["status"] == "ok"
    assert rows["slow.txt"]["status"] == "failed" and "batas waktu 2 detik" in rows["slow.txt"]["error"]


def test_a_file_needing_too_much_memory_fails_alone(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / "bomb.txt")
    shutil.copy(GOOD, folder / "fine.txt")
    real_extract = batch.extract

    def greedy(path):
        if path.name == "bomb.txt":
            bytearray(2 << 30)  # 2 GiB, over the 1 GiB limit
        return real_extract(path)

    monkeypatch.setattr(batch, "extract", greedy)
    result = run_batch(discover([folder]), BatchOptions(workers=1, timeout=60, memory_mb=1024))
    rows = {d["source_file"]: d for d in result.documents}
    assert rows["fine.txt"]["status"] == "ok"
    assert rows["bomb.txt"]["status"] == "failed" and "memori" in rows["bomb.txt"]["error"]


def test_unchanged_rerun_keeps_outputs_without_running_and_a_change_reruns(tmp_path, monkeypatch):
    import pipeline.workflow as workflow

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a.txt")
    options = BatchOptions(workers=1, timeout=None, cache=ResultCache(tmp_path / "cache"))
    out = tmp_path / "out"
    first = workflow.run_pipeline(discover([folder]), out, options, expectations=False)
    runs = []
    real_run_batch = batch.run_batch
    monkeypatch.setattr(batch, "run_batch", lambda *a, **k: runs.append(1) or real_run_batch(*a, **k))
    again = workflow.run_pipeline(discover([folder]), out, options, expectations=False)
    assert runs == [] and again == first
    shutil.copy(GOOD, folder / "b.txt")
    grown = workflow.run_pipeline(discover([folder]), out, options, expectations=False)
    assert runs == [1] and grown.n_files == 2


def test_a_run_killed_while_writing_leaves_previous_tables_readable(tmp_path, monkeypatch):
    import pipeline.workflow as workflow

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a.txt")
    options = BatchOptions(workers=1, timeout=None, cache=ResultCache(tmp_path / "cache"))
    out = tmp_path / "out"
    workflow.run_pipeline(discover([folder]), out, options, expectations=False)
    shutil.copy(GOOD, folder / "b.txt")
    real_add = BatchDatabase.add_output

    def dies_on_steps(database, name, rows):
        if name == "steps":
            raise KeyboardInterrupt("killed")
        real_add(database, name, rows)

    monkeypatch.setattr(BatchDatabase, "add_output", dies_on_steps)
    with pytest.raises(KeyboardInterrupt):
        workflow.run_pipeline(discover([folder]), out, options, expectations=False)
    assert len(pd.read_parquet(out / "normalized" / "documents.parquet")) == 1  # old tables, whole
    assert len(pd.read_parquet(out / "normalized" / "steps.parquet")) == 7
    assert not list(out.glob(".sop-run-*"))  # nothing staged left
    assert [p.name for p in (out / "normalized").glob(".*")] == [".run-manifest.json"]  # the first run's, still true
    monkeypatch.setattr(BatchDatabase, "add_output", real_add)
    resumed = workflow.run_pipeline(discover([folder]), out, options, expectations=False)
    assert resumed.n_files == 2 and len(pd.read_parquet(out / "normalized" / "steps.parquet")) == 14


def test_csv_cells_that_would_start_a_formula_are_neutralized_and_parquet_keeps_the_text(tmp_path):
    from pipeline.store import table_frame

    steps = table_frame("steps", [{"source_file": "a.txt", "seq": 1, "activity": "=HYPERLINK(\"http://x\")",
                                   "duration_text": "-", "output": "@SUM(A1)", "actors": []}])
    write_tables(tmp_path, {"steps": steps})
    as_csv = pd.read_csv(tmp_path / "steps.csv", dtype=str)
    assert as_csv.loc[0, "activity"] == "'=HYPERLINK(\"http://x\")"
    assert as_csv.loc[0, "output"] == "'@SUM(A1)" and as_csv.loc[0, "duration_text"] == "'-"
    assert pd.read_parquet(tmp_path / "steps.parquet").loc[0, "activity"] == "=HYPERLINK(\"http://x\")"


def test_working_calendar_is_configurable_and_changes_cached_minutes(tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["run", str(GOOD), "--out", str(out), "--no-expectations"]).exit_code == 0
    default = pd.read_parquet(out / "normalized" / "steps.parquet")
    assert default.loc[default["duration_text"] == "3 hari", "duration_minutes"].item() == 1350
    outcome = CliRunner().invoke(app, ["run", str(GOOD), "--out", str(out), "--no-expectations",
                                       "--minutes-per-day", "480"])
    assert outcome.exit_code == 0
    eight_hours = pd.read_parquet(out / "normalized" / "steps.parquet")
    assert eight_hours.loc[eight_hours["duration_text"] == "3 hari", "duration_minutes"].item() == 1440


def test_a_run_killed_mid_batch_resumes_without_reading_finished_files_again(tmp_path, monkeypatch):
    import pipeline.workflow as workflow

    folder = tmp_path / "in"
    folder.mkdir()
    for name in "abcd":
        (folder / f"{name}.txt").write_text(GOOD.read_text(encoding="utf-8") + f"\n{name}\n", encoding="utf-8")
    options = BatchOptions(workers=1, timeout=None, cache=ResultCache(tmp_path / "cache"))
    out = tmp_path / "out"
    calls = []
    real_extract = batch.extract

    def killed_at_the_third_file(path):
        if len(calls) == 2:
            raise KeyboardInterrupt("killed")
        calls.append(path.name)
        return real_extract(path)

    monkeypatch.setattr(batch, "extract", killed_at_the_third_file)
    with pytest.raises(KeyboardInterrupt):
        workflow.run_pipeline(discover([folder]), out, options, expectations=False)
    monkeypatch.setattr(batch, "extract", lambda path: calls.append(path.name) or real_extract(path))
    resumed = workflow.run_pipeline(discover([folder]), out, options, expectations=False)
    assert calls == ["a.txt", "b.txt", "c.txt", "d.txt"]  # a and b came from the cache
    assert resumed.n_files == 4 and resumed.n_failed == 0
    assert not list(out.glob(".sop-run-*"))


def test_tables_exported_in_parts_equal_the_whole_tables_and_keep_their_types(tmp_path, monkeypatch):
    import pipeline.database as database
    from pipeline.store import table_frame

    rows = [{"source_file": f"{i}.txt", "seq": 1, "activity": f"Langkah {i}", "actors": ["Staf"] if i else [],
             "duration_minutes": 30.0 if i else None, "phase": None} for i in range(5)]
    write_tables(tmp_path / "whole", {"steps": table_frame("steps", rows)})
    monkeypatch.setattr(database, "EXPORT_ROWS", 2)
    chunks = [table_frame("steps", rows[start:start + 2]) for start in range(0, 5, 2)]
    write_tables(tmp_path / "chunked", {"steps": chunks})
    chunked, whole = (pd.read_parquet(tmp_path / d / "steps.parquet") for d in ("chunked", "whole"))
    pd.testing.assert_frame_equal(chunked, whole)
    assert len(chunked) == 5 and chunked["activity"].tolist() == [f"Langkah {i}" for i in range(5)]
    assert (tmp_path / "chunked" / "steps.csv").read_text() == (tmp_path / "whole" / "steps.csv").read_text()
    assert len(pq.ParquetFile(tmp_path / "chunked" / "steps.parquet").metadata.to_dict()["row_groups"]) == 3
    schema = pq.read_schema(tmp_path / "chunked" / "steps.parquet")
    # a column empty in every row keeps its type, so every run's tables read the same way
    assert str(schema.field("phase").type) == "string" and str(schema.field("seq").type) == "int64"
    assert str(schema.field("actors").type.value_type) == "string"
    assert schema.field("duration_minutes").metadata[b"meaning"].startswith(b"working minutes")


def test_outputs_get_the_permissions_of_a_plain_new_file(tmp_path):
    import os
    import stat

    from pipeline.store import UMASK, table_frame

    write_tables(tmp_path, {"findings": table_frame("findings", [])})
    for name in ("findings.parquet", "findings.csv"):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == 0o666 & ~UMASK


def test_an_unchanged_rerun_loads_none_of_the_stages(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out"
    arguments = ["run", str(GOOD), "--out", str(out), "--no-expectations"]
    assert CliRunner().invoke(app, arguments).exit_code == 0
    program = ("import sys; from pipeline.cli import app\n"
               f"code = app({arguments!r}, standalone_mode=False)\n"
               "print(code, [m for m in ('pandas', 'pipeline.batch', 'pipeline.finish') if m in sys.modules])")
    printed = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout
    assert printed.split()[0] == "0" and printed.strip().endswith("[]")


def write_tables(directory: Path, tables: dict) -> None:
    """The tables (a frame, or a list of frames added one after the other) exported from a batch
    database, as a run exports them."""
    directory.mkdir(parents=True, exist_ok=True)
    database = BatchDatabase(directory / "sop.duckdb", {})
    for name, frames in tables.items():
        for frame in frames if isinstance(frames, list) else [frames]:
            database.add_output(name, frame)
    database.export(directory)
    database.close()


def rows_naming_the_worker(item, calendar):
    """A stand-in for process_file (module level, so a worker can unpickle it)."""
    import os

    return [{"source_file": item.source_file, "status": "ok", "error": str(os.getpid())}], [], [], []


def test_workers_are_replaced_after_a_number_of_files(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(6):
        (folder / f"{index}.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(batch, "process_file", rows_naming_the_worker)
    monkeypatch.setattr(batch, "FILES_PER_WORKER", 2)
    result = run_batch(discover([folder]), BatchOptions(workers=1, timeout=60))
    assert len({document["error"] for document in result.documents}) == 3  # one worker per two files


def test_workers_release_freed_memory_after_every_file(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(3):
        shutil.copy(GOOD, folder / f"{index}.txt")
    released = tmp_path / "released"
    monkeypatch.setattr(batch, "malloc_trim", lambda: lambda pad: released.open("a").write("x"))  # in forked workers
    result = run_batch(discover([folder]), BatchOptions(workers=2, timeout=60))
    assert [d["status"] for d in result.documents] == ["ok"] * 3
    assert released.read_text() == "xxx"


def test_a_harmonization_failing_midway_keeps_the_groups_it_gave_and_writes_every_table(tmp_path, monkeypatch,
                                                                                        caplog):
    import pipeline.harmonize as stage
    import pipeline.workflow as workflow

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("sop_d005.txt", "sop_d009.txt", "003_0c68956c6325f089.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    monkeypatch.setattr(stage, "DOCUMENTS_PER_BATCH", 1)
    real_harmonize_groups, calls = stage.harmonize_groups, []

    def failing_after_the_first(*arguments):
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("harmonization broke")
        return real_harmonize_groups(*arguments)

    monkeypatch.setattr(stage, "harmonize_groups", failing_after_the_first)
    summary = workflow.run_pipeline(discover([folder]), tmp_path / "out", BatchOptions(workers=1, timeout=None),
                                    expectations=False)
    assert summary.n_files == 3 and summary.n_failed == 0 and len(calls) == 2
    assert "harmonization failed" in caplog.text and "harmonization broke" in caplog.text
    steps = pd.read_parquet(tmp_path / "out" / "normalized" / "steps.parquet")
    labelled = steps.groupby("source_file")["phase"].apply(lambda p: p.notna().all())
    assert labelled.sum() == 1 and len(labelled) == 3  # the first group's steps only
    assert (tmp_path / "out" / "reports" / "index.html").exists()


def test_each_sop_of_a_compilation_gets_its_rows_its_group_and_its_page(tmp_path, monkeypatch):
    """A file holding two SOPs of different procedures: two documents rows, each with its own
    steps, findings, procedure group and report page."""
    import pipeline.workflow as workflow
    from pipeline.extract import extract

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / "compilation.txt")
    shutil.copy(FIXTURES / "sop_d009.txt", folder / "other.txt")
    second = extract(FIXTURES / "sop_d009.txt")[0]
    monkeypatch.setattr(batch, "extract", lambda path: [*extract(path), *([second] if "compilation" in path.name else [])])
    workflow.run_pipeline(discover([folder]), tmp_path / "out", BatchOptions(workers=1, timeout=None),
                          expectations=False)
    tables = {name: pd.read_parquet(tmp_path / "out" / "normalized" / f"{name}.parquet")
              for name in ("documents", "steps", "findings")}
    documents = tables["documents"].set_index(["source_file", "sop_index"])
    assert sorted(documents.index) == [("compilation.txt", 1), ("compilation.txt", 2), ("other.txt", 1)]
    assert documents.loc[("compilation.txt", 2), "sop_title"] == documents.loc[("other.txt", 1), "sop_title"]
    steps = tables["steps"].groupby(["source_file", "sop_index"]).size()
    assert steps[("compilation.txt", 2)] == steps[("other.txt", 1)] == documents.loc[("other.txt", 1), "n_steps"]
    assert steps[("compilation.txt", 1)] == documents.loc[("compilation.txt", 1), "n_steps"]
    assert set(zip(tables["findings"]["source_file"], tables["findings"]["sop_index"])) >= {("compilation.txt", 1)}
    groups = tables["steps"].groupby(["source_file", "sop_index"])["group_id"].first()
    assert groups[("compilation.txt", 2)] == groups[("other.txt", 1)] != groups[("compilation.txt", 1)]
    pages = sorted(p.name for p in (tmp_path / "out" / "reports" / "sop").glob("*.html"))
    assert len(pages) == 3
    assert "compilation.txt (SOP ke-2)" in (tmp_path / "out" / "reports" / "index.html").read_text(encoding="utf-8")


def plain_rows(frame: pd.DataFrame) -> list[list]:
    """Rows as Python values: lists for arrays, None for every kind of missing value."""
    def plain(value):
        if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
            value = value.tolist()
        if isinstance(value, list):
            return [plain(v) for v in value]
        return None if value is None or value is pd.NA or value != value else value
    return [[plain(v) for v in row] for row in frame.itertuples(index=False)]


def test_the_database_holds_the_tables_with_the_rows_of_the_parquet_files(tmp_path):
    import duckdb

    import pipeline.workflow as workflow

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("sop_d005.txt", "sop_d009.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "out"
    workflow.run_pipeline(discover([folder]), out, BatchOptions(workers=1, timeout=None), expectations=False)
    with duckdb.connect(str(out / "normalized" / "sop.duckdb"), read_only=True) as db:
        for name in ("documents", "steps", "findings", "legal_references"):
            stored = db.execute(f"SELECT * FROM {name}").df()
            written = pd.read_parquet(out / "normalized" / f"{name}.parquet")
            assert list(stored.columns) == list(written.columns)
            assert plain_rows(stored) == plain_rows(written), name
        per_agency = db.execute("SELECT d.agency, count(*) FROM steps s JOIN documents d USING (sop_key) "
                                "GROUP BY d.agency").fetchall()
        assert sum(n for _, n in per_agency) == len(pd.read_parquet(out / "normalized" / "steps.parquet"))
        meaning = db.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'documents' "
                             "AND column_name = 'sop_id'").fetchone()[0]
        assert "copies" in meaning
        # the rows as read are gone; the harmonization's tables stay, for the same SOPs
        schemas = {name for (name,) in db.execute("SELECT DISTINCT schema_name FROM duckdb_tables()").fetchall()}
        assert schemas == {"main", "harmonization"}
        grouped = {key for (key,) in db.execute("SELECT sop_key FROM harmonization.groups").fetchall()}
        documents = pd.read_parquet(out / "normalized" / "documents.parquet")
        assert grouped == set(documents["sop_key"]) and len(grouped) == 3


def test_an_sop_without_a_flowchart_is_partial_with_its_reason_in_indonesian(tmp_path, monkeypatch):
    from pipeline.extract import extract
    from pipeline.inputs import InputFile

    narrative = extract(GOOD)[0]
    narrative.steps, narrative.actors, narrative.has_flowchart = narrative.steps[:2], [], False
    for step in narrative.steps:
        step.actors = []
    monkeypatch.setattr(batch, "extract", lambda path: [narrative])
    documents, steps, findings, _ = batch.process_file(InputFile(GOOD, "narasi.txt"))
    assert documents[0]["status"] == "partial" and len(steps) == 2
    assert documents[0]["error"].startswith("Identitas SOP terbaca, tetapi tabel diagram alir tidak ditemukan")
    assert "FLOWCHART_MISSING" in {f["rule"] for f in findings}
    assert "ACTOR_MISSING" not in {f["rule"] for f in findings}


def test_decisions_written_in_the_output_folder_survive_a_rerun(tmp_path):
    """The analyst puts an SOP in another procedure group, renames a phase and dismisses a
    finding in keputusan.csv; the next run applies them, and so does the one after."""
    import pipeline.workflow as workflow
    from pipeline.decisions import DECISIONS_FILE

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("sop_d005.txt", "sop_d009.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    out = tmp_path / "out"
    options = BatchOptions(workers=1, timeout=None, cache=ResultCache(tmp_path / "cache"))
    workflow.run_pipeline(discover([folder]), out, options, expectations=False)
    decisions_file = out / DECISIONS_FILE
    assert decisions_file.read_text(encoding="utf-8").startswith("jenis,berkas,sop_ke")  # a template to fill
    findings = pd.read_parquet(out / "normalized" / "findings.parquet")
    dismissed = findings[findings["sop_key"] == "sop_d005.txt#1"].iloc[0]
    step_no = "" if pd.isna(dismissed["step_no"]) else int(dismissed["step_no"])
    column = dismissed["field"] if isinstance(dismissed["field"], str) else ""
    with decisions_file.open("a", encoding="utf-8") as handle:
        handle.write("kelompok,sop_d005.txt,1,,,,Surat dinas,\n")
        handle.write("kelompok,sop_d009.txt,1,,,,Surat dinas,\n")
        handle.write("fase,sop_d005.txt,1,1,,,Menerima surat,\n")
        handle.write(f"temuan,sop_d005.txt,1,{step_no},{dismissed['rule']},{column},diabaikan,Sudah dikonfirmasi\n")
    for _ in range(2):  # the run the edit starts, and an unchanged one after it
        workflow.run_pipeline(discover([folder]), out, options, expectations=False)
        steps = pd.read_parquet(out / "normalized" / "steps.parquet")
        assert steps["group_id"].nunique() == 1
        first = steps[(steps["sop_key"] == "sop_d005.txt#1") & (steps["step_no"] == 1)]
        assert first["phase"].tolist() == ["Menerima surat"]
        findings = pd.read_parquet(out / "normalized" / "findings.parquet")
        decided = findings[findings["decision"].notna()]
        assert decided[["rule", "decision", "decision_reason"]].values.tolist() == [
            [dismissed["rule"], "diabaikan", "Sudah dikonfirmasi"]]
        page = next((out / "reports" / "sop").glob("*sop-d005*.html")).read_text(encoding="utf-8")
        assert "diabaikan" in page and "Sudah dikonfirmasi" in page and "Surat dinas" in page


def test_a_run_gives_arrow_the_system_allocator_unless_the_user_chose():
    import os
    import subprocess
    import sys

    code = ("from pipeline.workflow import use_the_system_allocator_for_arrow as use; use(); "
            "import pyarrow; print(pyarrow.default_memory_pool().backend_name)")
    environment = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    for chosen, expected in ((None, "system"), ("mimalloc", "mimalloc")):
        env = environment if chosen is None else {**environment, "ARROW_DEFAULT_MEMORY_POOL": chosen}
        printed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        assert printed.stdout.strip() == expected


def test_a_worker_lets_the_second_ocr_engine_go_after_each_file():
    """Its session's memory arena keeps the buffers of the widest lines it read: a worker that
    read a scan would hold them through the files after it."""
    from pipeline.extract.line_reader import line_recognizer
    from pipeline.inputs import InputFile
    from pipeline.normalize.durations import DEFAULT_CALENDAR

    if line_recognizer() is None:
        pytest.skip("the second OCR engine is not installed (scripts/install.sh installs it)")
    assert line_recognizer.cache_info().currsize == 1
    documents, *_ = batch.process_in_worker(InputFile(GOOD, GOOD.name), DEFAULT_CALENDAR)
    assert documents[0]["status"] == "ok"
    assert line_recognizer.cache_info().currsize == 0


def test_a_worker_that_read_no_scan_never_imports_the_second_ocr_engine():
    """Letting the engine go must not import it (onnxruntime: 15 MiB in every worker)."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; import pipeline.batch as b; "
            "from pipeline.inputs import InputFile; from pipeline.normalize.durations import DEFAULT_CALENDAR; "
            f"path = Path({str(GOOD)!r}); b.process_in_worker(InputFile(path, path.name), DEFAULT_CALENDAR); "
            "print('pipeline.extract.line_reader' in sys.modules, 'onnxruntime' in sys.modules)")
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert printed.stdout.split() == ["False", "False"]


def test_a_worker_forked_from_a_large_process_still_has_its_memory():
    """The limit counts from what the worker inherits: a parent holding 6 GiB of address space
    (reserved, as thread stacks and arenas are) must not leave its worker without room."""
    import subprocess
    import sys

    code = ("import mmap; from pipeline.batch import limit_memory; "
            "reserved = mmap.mmap(-1, 6 << 30, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS); "
            "limit_memory(256); data = bytearray(200 << 20); print('room')")
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert printed.stdout.strip() == "room", printed.stderr[-500:]
    code = "from pipeline.batch import limit_memory; limit_memory(256); data = bytearray(400 << 20)"
    assert "MemoryError" in subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stderr
