"""The batch database, DIR/normalized/sop.duckdb: every stage after the workers reads and writes
the batch's rows here, and an analyst queries the outcome (DuckDB CLI, Python, DBeaver ...).

Schema `batch` holds the rows as the workers read them (each with its file's position in the
input listing, `_position`) and what harmonization gives them (step labels, sop_ids);
schema `harmonization` the procedure groups, phases, phase matrix and time audit; the main
schema the four normalized tables as they are exported to Parquet and CSV, each column's
meaning as its comment. The `batch` schema is dropped once the outputs are written.

Rows are read back by query, a window of files or some SOPs at a time, as DataFrames with the
types of `pipeline.schema`; memory does not grow with the batch (DuckDB spills to disk beyond
its memory limit).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import HARMONIZATION_TABLES, TABLE_NAMES, arrow_schema, exported_columns, harmonization_schema
from pipeline.store import arrow_table, csv_frame, file_aside, table_frame

DATABASE_NAME = "sop.duckdb"
CHUNK_FILES = 250  # files whose rows are held in memory before they go to the database
READ_CHUNK_FILES = 1000  # files whose rows a later stage reads at a time
# Rows of a table exported at a time: a part becomes a pandas frame for the CSV. The export is
# the stages' peak: at 10,000 files parts of 100,000 rows raised it 115 MiB over the reports'
# plateau, parts of 20,000 rows 40 MiB (docs/benchmarks.md).
EXPORT_ROWS = 20_000
POSITION = "_position"  # the file's place in the input listing, in the batch schema's tables
BATCH_TABLES = {"step_labels", "sop_ids"}  # harmonization's tables that live in the batch schema


@dataclass(frozen=True)
class DatabaseSettings:
    """How much DuckDB may hold in memory; beyond it, it spills to `temp_directory`. None:
    DuckDB's default."""
    memory_limit: str | None = None
    temp_directory: Path | None = None


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class BatchDatabase:
    def __init__(self, path: Path, order: dict[str, int], settings: DatabaseSettings = DatabaseSettings(),
                 chunk_files: int = CHUNK_FILES):
        """A new database at `path` (one there is replaced). `order`: source_file -> position in
        the input listing, the order rows are read in."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        config = {"preserve_insertion_order": True}
        if settings.memory_limit:
            config["memory_limit"] = settings.memory_limit
        if settings.temp_directory is not None:
            config["temp_directory"] = str(settings.temp_directory)
        self.path = path
        self.db = duckdb.connect(str(path), config=config)
        self.order = order
        self.chunk_files = chunk_files
        self.buffer: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
        self.n_buffered = 0
        self.db.execute("CREATE SCHEMA batch; CREATE SCHEMA harmonization")
        for name in TABLE_NAMES:
            self.create("batch", name, arrow_schema(name).append(pa.field(POSITION, pa.int64())))
            self.create("main", name, arrow_schema(name, exported=True))
        for name in HARMONIZATION_TABLES:
            schema = harmonization_schema(name)
            self.create(self.schema_of(name), name, schema.append(pa.field(POSITION, pa.int64()))
                        if name in BATCH_TABLES else schema)

    def create(self, schema_name: str, name: str, schema: pa.Schema) -> None:
        empty = schema.empty_table()  # noqa: F841  (read by DuckDB by its name)
        self.db.execute(f"CREATE TABLE {schema_name}.{name} AS SELECT * FROM empty")
        for field in schema:
            meaning = (field.metadata or {}).get(b"meaning")
            if meaning is not None and schema_name != "batch":
                self.db.execute(f"COMMENT ON COLUMN {schema_name}.{name}.{field.name} IS {quoted(meaning.decode())}")

    @staticmethod
    def schema_of(name: str) -> str:
        return "batch" if name in BATCH_TABLES or name in TABLE_NAMES else "harmonization"

    # --- the workers' rows

    def add(self, documents: list[dict], steps: list[dict], findings: list[dict], legal_references: list[dict]) -> None:
        """The rows of one file (a documents row per SOP it holds)."""
        for name, rows in zip(TABLE_NAMES, (documents, steps, findings, legal_references)):
            self.buffer[name].extend(rows)
        self.n_buffered += 1
        if self.n_buffered >= self.chunk_files:
            self.flush()

    def flush(self) -> None:
        if not self.n_buffered:
            return
        for name, rows in self.buffer.items():
            if rows:
                self.add_rows(name, table_frame(name, rows))
            rows.clear()
        self.n_buffered = 0

    def add_rows(self, name: str, frame: pd.DataFrame) -> None:
        """Rows of any files at once, to a table of the batch schema (the per-file tables, step
        labels, sop_ids), each with its file's position."""
        if frame.empty:
            return
        if name in TABLE_NAMES:
            rows = arrow_table(name, table_frame(name, frame))
        else:
            rows = typed(harmonization_schema(name), frame)
        files = pd.Series(frame["source_file"] if "source_file" in frame else
                          [key.rsplit("#", 1)[0] for key in frame["sop_key"]], dtype=object)
        position = pa.array(files.map(self.order).fillna(len(self.order)).astype("int64"), pa.int64())
        self.insert(f"batch.{name}", rows.append_column(POSITION, position))

    def insert(self, table: str, rows: pa.Table) -> None:
        if rows.num_rows:
            self.db.execute(f"INSERT INTO {table} SELECT * FROM rows")

    def windows(self, files_per_window: int = READ_CHUNK_FILES) -> Iterator[tuple[int, int]]:
        """(start, stop) positions of the files of each window, in input order."""
        end = len(self.order) + 1  # a row of a file missing from the listing sorts last
        for start in range(0, end, files_per_window):
            yield start, min(start + files_per_window, end)

    def read(self, name: str, columns: list[str] | None = None, window: tuple[int, int] | None = None,
             keys: list[str] | None = None) -> pd.DataFrame:
        """Rows of a table of the batch schema: of a window of files, or of some SOPs (sop_key),
        or all; in input order, rows of one file in the order they came. The per-file tables
        come with every column typed as `store.table_frame` gives it."""
        self.flush()
        conditions, parameters = [], []
        if window is not None:
            conditions.append(f"{POSITION} >= ? AND {POSITION} < ?")
            parameters += list(window)
        if keys is not None:
            conditions.append("sop_key IN (SELECT unnest(?::VARCHAR[]))")
            parameters.append(keys)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        names = [field.name for field in (arrow_schema(name) if name in TABLE_NAMES else harmonization_schema(name))]
        wanted = names if columns is None else [c for c in names if c in {"source_file", "sop_index", "sop_key", *columns}]
        selected = ", ".join(wanted)
        found = self.db.sql(f"SELECT {selected} FROM batch.{name} {where} ORDER BY {POSITION}, rowid",
                            params=parameters).to_arrow_table()
        frame = plain_lists(found.to_pandas(), found.schema)
        if name in TABLE_NAMES:
            frame = table_frame(name, frame)
        return frame[columns] if columns else frame

    def frame(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        return self.read(name, columns)

    def rows(self, name: str) -> list[dict]:
        """A batch table as plain rows (None for missing values)."""
        frame = self.frame(name).astype(object)
        return frame.where(frame.notna(), None).to_dict("records")

    # --- the harmonization

    def add_harmonization_table(self, name: str, frame: pd.DataFrame) -> None:
        """Rows of one of the harmonization's tables (their columns as in pipeline.schema)."""
        if name in BATCH_TABLES:
            self.add_rows(name, frame)
        else:
            self.insert(f"harmonization.{name}", typed(harmonization_schema(name), frame))

    # --- the outputs

    def add_output(self, name: str, frame: pd.DataFrame) -> None:
        """Rows of a normalized table as it is exported, in input order."""
        self.insert(f"main.{name}", arrow_table(name, table_frame(name, frame)[exported_columns(name)], exported=True))

    def export(self, directory: Path) -> list[str]:
        """The normalized tables as Parquet (the schema's types, each column's meaning as its field
        metadata) and CSV (list columns as JSON arrays), a part at a time; returns the files' names."""
        written = []
        for name in TABLE_NAMES:
            schema = arrow_schema(name, exported=True)
            parquet, csv = (Path(file_aside(directory, f".{name}.{suffix}.")) for suffix in ("parquet", "csv"))
            try:
                with pq.ParquetWriter(parquet, schema) as writer:
                    csv_frame(name, table_frame(name, [])[exported_columns(name)]).to_csv(csv, index=False)
                    for part in self.db.sql(f"SELECT * FROM main.{name}").to_arrow_reader(EXPORT_ROWS):
                        rows = pa.Table.from_batches([part]).cast(schema)
                        writer.write_table(rows)
                        frame = table_frame(name, plain_lists(rows.to_pandas(), schema))[exported_columns(name)]
                        csv_frame(name, frame).to_csv(csv, mode="a", header=False, index=False)
                for path, suffix in ((parquet, "parquet"), (csv, "csv")):
                    os.replace(path, directory / f"{name}.{suffix}")
                    written.append(f"{name}.{suffix}")
            finally:
                parquet.unlink(missing_ok=True)
                csv.unlink(missing_ok=True)
        return written

    def query(self, sql: str, parameters: list | tuple = ()) -> list[dict]:
        """Rows of any query as dicts."""
        cursor = self.db.execute(sql, list(parameters))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, values)) for values in cursor.fetchall()]

    def execute(self, sql: str, parameters: list | tuple = ()) -> duckdb.DuckDBPyConnection:
        return self.db.execute(sql, list(parameters))

    def finish(self) -> None:
        """Drops the rows as read (the normalized tables hold them now) and closes."""
        self.db.execute("DROP SCHEMA batch CASCADE")
        self.db.execute("CHECKPOINT")
        self.close()

    def close(self) -> None:
        self.db.close()


def typed(schema: pa.Schema, frame: pd.DataFrame) -> pa.Table:
    """The frame's columns in the schema's types (a column it lacks: nulls)."""
    return pa.Table.from_arrays(
        [pa.nulls(len(frame), field.type) if field.name not in frame or frame[field.name].isna().all()
         else pa.array(frame[field.name], type=field.type, from_pandas=True) for field in schema], schema=schema)


def plain_lists(frame: pd.DataFrame, schema: pa.Schema) -> pd.DataFrame:
    """Arrow gives list columns as arrays; the stages take lists."""
    for field in schema:
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            frame[field.name] = frame[field.name].map(lambda v: v.tolist() if isinstance(v, np.ndarray) else v)
    return frame
