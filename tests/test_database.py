"""The batch database: the workers' rows read back in input order with their types, a window of
files or some SOPs at a time; later stages' rows joining their files' windows."""
import os
from concurrent.futures import Future

import pandas as pd

from pipeline.batch import windowed
from pipeline.database import BatchDatabase, DatabaseSettings


def document(source_file: str, agency: str | None) -> dict:
    return {"source_file": source_file, "source_format": "txt", "status": "ok", "agency": agency,
            "legal_basis": ["UU 5/2014"], "n_steps": 1}


def step(source_file: str, seq: int) -> dict:
    return {"source_file": source_file, "seq": seq, "activity": f"Langkah {seq}", "actors": ["Staf"],
            "duration_minutes": 30.0}


def database(tmp_path, names, chunk_files=250) -> BatchDatabase:
    return BatchDatabase(tmp_path / "sop.duckdb", {name: i for i, name in enumerate(names)}, chunk_files=chunk_files)


def test_rows_come_back_in_input_order_across_chunks_whatever_order_files_finished_in(tmp_path):
    names = [f"f{i}.txt" for i in range(7)]
    batch = database(tmp_path, names, chunk_files=3)
    for name in reversed(names):  # the last file finishes first
        batch.add([document(name, None if name == "f6.txt" else "Dinas A")], [step(name, 1), step(name, 2)], [], [])
    assert batch.n_buffered == 1  # two full chunks in the database, one file waiting
    documents = batch.frame("documents")
    assert documents["source_file"].tolist() == names
    # a column empty throughout one chunk joins the same column of the others
    assert documents["agency"].iloc[:6].tolist() == ["Dinas A"] * 6 and pd.isna(documents["agency"].iloc[6])
    assert documents["legal_basis"].iloc[0] == ["UU 5/2014"]
    steps = batch.frame("steps")
    assert list(zip(steps["source_file"], steps["seq"])) == [(n, s) for n in names for s in (1, 2)]
    assert str(steps["seq"].dtype) == "Int64" and steps["actors"].iloc[0] == ["Staf"]
    assert str(steps["duration_minutes"].dtype) == "float64"


def test_steps_read_a_window_of_files_at_a_time_or_for_some_sops(tmp_path):
    """How the harmonize stage reads the steps: by windows to group, then by groups' SOPs."""
    names = [f"f{i}.txt" for i in range(5)]
    batch = database(tmp_path, names, chunk_files=2)
    for name in names:
        batch.add([document(name, "Dinas A")], [step(name, 1), step(name, 2)], [], [])
    windows = [batch.read("steps", ["source_file"], window)["source_file"].tolist() for window in batch.windows(2)]
    assert windows == [["f0.txt"] * 2 + ["f1.txt"] * 2, ["f2.txt"] * 2 + ["f3.txt"] * 2, ["f4.txt"] * 2]
    some = batch.read("steps", ["sop_key", "seq"], keys=["f3.txt#1", "f0.txt#1"])
    assert list(zip(some["sop_key"], some["seq"])) == [("f0.txt#1", 1), ("f0.txt#1", 2), ("f3.txt#1", 1), ("f3.txt#1", 2)]
    assert batch.read("steps", ["seq"], keys=[]).empty


def test_tables_without_rows_come_back_empty_with_their_columns(tmp_path):
    batch = database(tmp_path, ["a.txt"])
    batch.add([document("a.txt", "Dinas A")], [], [], [])
    assert batch.frame("findings").empty and "rule" in batch.frame("findings").columns


def test_some_columns_of_a_table(tmp_path):
    batch = database(tmp_path, ["b.txt", "a.txt"])
    batch.add([document("a.txt", "Dinas A")], [step("a.txt", 1)], [], [])
    batch.add([document("b.txt", "Dinas B")], [step("b.txt", 1)], [], [])
    documents = batch.frame("documents", ["agency"])
    assert list(documents.columns) == ["agency"] and documents["agency"].tolist() == ["Dinas B", "Dinas A"]


def test_rows_added_later_for_many_files_join_their_files_windows(tmp_path):
    """How the harmonization's labels and findings wait for the tables to be written: rows of
    many files at once, read back with each file's other rows, in input order."""
    names = [f"f{i}.txt" for i in range(4)]
    batch = database(tmp_path, names, chunk_files=2)
    for name in names:
        batch.add([document(name, "Dinas A")], [step(name, 1)], [{"source_file": name, "rule": "EXTRACTED"}], [])
    batch.add_harmonization_table("step_labels", pd.DataFrame(
        {"sop_key": ["f3.txt#1", "f0.txt#1", "elsewhere.txt#1"], "seq": [1, 1, 1], "phase": ["P2", "P1", "P0"]}))
    batch.add_rows("findings", pd.DataFrame({"source_file": ["f2.txt", "f0.txt"], "rule": ["LATER", "LATER"]}))
    *windows, unlisted = batch.windows(2)  # the last: rows of files not in the listing
    assert batch.read("step_labels", window=unlisted)["phase"].tolist() == ["P0"]
    assert batch.read("findings", window=unlisted).empty
    labels = [batch.read("step_labels", window=window) for window in windows]
    assert [list(zip(frame["sop_key"], frame["phase"])) for frame in labels] == [[("f0.txt#1", "P1")], [("f3.txt#1", "P2")]]
    assert labels[0]["seq"].tolist() == [1] and labels[0]["group_id"].isna().all()
    findings = [batch.read("findings", window=window) for window in windows]
    assert [list(zip(frame["source_file"], frame["rule"])) for frame in findings] == [
        [("f0.txt", "EXTRACTED"), ("f0.txt", "LATER"), ("f1.txt", "EXTRACTED")],
        [("f2.txt", "EXTRACTED"), ("f2.txt", "LATER"), ("f3.txt", "EXTRACTED")]]


def test_the_outputs_are_exported_and_the_rows_as_read_dropped(tmp_path):
    names = ["a.txt", "b.txt"]
    batch = BatchDatabase(tmp_path / "sop.duckdb", {name: i for i, name in enumerate(names)},
                          DatabaseSettings(memory_limit="64MB", temp_directory=tmp_path / "spill"))
    for name in names:
        batch.add([document(name, "Dinas A")], [step(name, 1)], [], [])
    for name in ("documents", "steps"):
        batch.add_output(name, batch.frame(name))
    written = batch.export(tmp_path)
    assert sorted(written) == sorted(f"{t}.{s}" for t in ("documents", "steps", "findings", "legal_references")
                                     for s in ("parquet", "csv"))
    assert pd.read_parquet(tmp_path / "steps.parquet")["source_file"].tolist() == names
    assert pd.read_csv(tmp_path / "findings.csv").empty
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".")]  # nothing left aside
    batch.finish()
    import duckdb

    with duckdb.connect(str(tmp_path / "sop.duckdb"), read_only=True) as db:
        schemas = {s for (s,) in db.execute("SELECT DISTINCT schema_name FROM duckdb_tables()").fetchall()}
        assert schemas == {"main", "harmonization"}
        assert db.execute("SELECT count(*) FROM steps").fetchone() == (2,)



def test_windowed_keeps_at_most_the_window_in_flight_and_yields_every_entry():
    submitted: list[Future] = []

    def submit(item):
        future = Future()
        future.set_result(item * 10)
        submitted.append(future)
        return future

    in_flight_seen = []

    def wait_any(futures):
        in_flight_seen.append(len(futures))
        return {futures[0]}

    pending = [(i, None) for i in range(10)]
    results = [(entry[0], future.result()) for entry, future in windowed(pending, submit, 3, wait_any)]
    assert sorted(results) == [(i, i * 10) for i in range(10)]
    assert max(in_flight_seen) == 3 and len(submitted) == 10

