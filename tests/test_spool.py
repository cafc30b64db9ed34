"""Spooled batch rows: on disk in chunks, read back whole, in input order, with their types."""
from concurrent.futures import Future

import pandas as pd
import pyarrow as pa

from pipeline.batch import windowed
from pipeline.spool import RowSpool


def document(source_file: str, agency: str | None) -> dict:
    return {"source_file": source_file, "source_format": "txt", "status": "ok", "agency": agency,
            "legal_basis": ["UU 5/2014"], "n_steps": 1}


def step(source_file: str, seq: int) -> dict:
    return {"source_file": source_file, "seq": seq, "activity": f"Langkah {seq}", "actors": ["Staf"],
            "duration_minutes": 30.0}


def test_rows_come_back_in_input_order_across_chunks_whatever_order_files_finished_in(tmp_path):
    names = [f"f{i}.txt" for i in range(7)]
    spool = RowSpool({name: i for i, name in enumerate(names)}, tmp_path, chunk_files=3)
    for name in reversed(names):  # the last file finishes first
        spool.add([document(name, None if name == "f6.txt" else "Dinas A")], [step(name, 1), step(name, 2)], [], [])
    assert len(list(spool.directory.glob("documents-*.parquet"))) == 2  # two full chunks on disk
    documents = spool.frame("documents")
    assert documents["source_file"].tolist() == names
    # a column empty throughout one chunk joins the same column of the others
    assert documents["agency"].iloc[:6].tolist() == ["Dinas A"] * 6 and pd.isna(documents["agency"].iloc[6])
    assert documents["legal_basis"].iloc[0] == ["UU 5/2014"]
    steps = spool.frame("steps")
    assert list(zip(steps["source_file"], steps["seq"])) == [(n, s) for n in names for s in (1, 2)]
    assert str(steps["seq"].dtype) == "Int64" and steps["actors"].iloc[0] == ["Staf"]
    spool.close()
    assert not spool.directory.exists()


def test_steps_read_a_window_of_files_at_a_time_or_for_some_files(tmp_path):
    """How the harmonize stage reads the steps: by windows to group, then by groups' files."""
    names = [f"f{i}.txt" for i in range(5)]
    spool = RowSpool({name: i for i, name in enumerate(names)}, tmp_path, chunk_files=2)
    for name in names:
        spool.add([document(name, "Dinas A")], [step(name, 1), step(name, 2)], [], [])
    windows = [spool.read("steps", ["source_file"], window)["source_file"].tolist() for window in spool.windows(2)]
    assert windows == [["f0.txt"] * 2 + ["f1.txt"] * 2, ["f2.txt"] * 2 + ["f3.txt"] * 2, ["f4.txt"] * 2]
    some = spool.read("steps", ["sop_key", "seq"], keys=["f3.txt#1", "f0.txt#1"])
    assert list(zip(some["sop_key"], some["seq"])) == [("f0.txt#1", 1), ("f0.txt#1", 2), ("f3.txt#1", 1), ("f3.txt#1", 2)]
    assert spool.read("steps", ["seq"], keys=[]).empty


def test_tables_without_rows_come_back_empty_with_their_columns(tmp_path):
    spool = RowSpool({"a.txt": 0}, tmp_path)
    spool.add([document("a.txt", "Dinas A")], [], [], [])
    assert spool.frame("findings").empty and "rule" in spool.frame("findings").columns


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


def test_chunks_give_every_table_a_window_of_files_at_a_time_in_input_order(tmp_path):
    names = [f"f{i}.txt" for i in range(5)]
    spool = RowSpool({name: i for i, name in enumerate(names)}, tmp_path, chunk_files=2)
    for name in [names[3], names[0], names[4], names[1], names[2]]:
        spool.add([document(name, "Dinas A")], [step(name, 1), step(name, 2)], [], [])
    chunks = list(spool.chunks(files_per_chunk=2))
    assert [chunk["documents"]["source_file"].tolist() for chunk in chunks] == [names[:2], names[2:4], names[4:]]
    assert [sorted(set(chunk["steps"]["source_file"])) for chunk in chunks] == [names[:2], names[2:4], names[4:]]
    assert all(chunk["findings"].empty and "rule" in chunk["findings"] for chunk in chunks)
    assert "_position" not in chunks[0]["steps"].columns


def test_some_columns_of_a_table(tmp_path):
    spool = RowSpool({"b.txt": 0, "a.txt": 1}, tmp_path)
    spool.add([document("a.txt", "Dinas A")], [step("a.txt", 1)], [], [])
    spool.add([document("b.txt", "Dinas B")], [step("b.txt", 1)], [], [])
    documents = spool.frame("documents", ["agency"])
    assert list(documents.columns) == ["agency"] and documents["agency"].tolist() == ["Dinas B", "Dinas A"]


def test_rows_added_later_for_many_files_join_their_files_windows(tmp_path):
    """How the harmonization's labels and findings wait for the tables to be written: a part
    for many files at once, read back with each file's other rows, in input order."""
    names = [f"f{i}.txt" for i in range(4)]
    spool = RowSpool({name: i for i, name in enumerate(names)}, tmp_path, chunk_files=2)
    for name in names:
        spool.add([document(name, "Dinas A")], [step(name, 1)], [{"source_file": name, "rule": "EXTRACTED"}], [])
    labels = pa.schema([("source_file", pa.string()), ("seq", pa.int64()), ("phase", pa.string())])
    spool.add_rows("labels", labels.empty_table())
    spool.add_rows("labels", pa.table({"source_file": ["f3.txt", "f0.txt"], "seq": [1, 1], "phase": ["P2", "P1"]},
                                      schema=labels))
    spool.add_rows("findings", pa.table({"source_file": ["f2.txt", "f0.txt"], "rule": ["LATER", "LATER"]}))
    *chunks, unlisted = spool.chunks(files_per_chunk=2)  # the last: rows of files not in the listing
    assert unlisted["labels"].empty and unlisted["findings"].empty
    assert [list(zip(c["labels"]["source_file"], c["labels"]["phase"])) for c in chunks] == [
        [("f0.txt", "P1")], [("f3.txt", "P2")]]
    assert str(chunks[0]["labels"]["seq"].dtype) == "int64"  # an own table comes back as written
    assert [list(zip(c["findings"]["source_file"], c["findings"]["rule"])) for c in chunks] == [
        [("f0.txt", "EXTRACTED"), ("f0.txt", "LATER"), ("f1.txt", "EXTRACTED")],
        [("f2.txt", "EXTRACTED"), ("f2.txt", "LATER"), ("f3.txt", "EXTRACTED")]]
    assert list(spool.read("labels", ["phase"], keys=[]).columns) == ["phase"]
