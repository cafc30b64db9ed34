"""The rows of a batch, kept on disk as files finish, so that the batch holds at most one chunk
of rows in memory however many files it reads.

Rows arrive per file (a documents row and the file's steps, findings and legal references);
every `chunk_files` files they are written as one Parquet part per table, each row with its
file's position in the input listing. Later stages may add rows of many files at once, to
these tables or to tables of their own (`add_rows`). Reading back gives the rows in input
order, whole or a window of files at a time, with the column types of `store.table_frame`
(a table of a later stage's own: as it wrote them).
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import TABLE_NAMES
from pipeline.store import LIST_COLUMNS, table_frame

CHUNK_FILES = 250  # files whose rows are held in memory before they go to disk
READ_CHUNK_FILES = 1000  # files whose rows a later stage holds at a time
POSITION = "_position"  # spool-only column: the file's place in the input listing


class RowSpool:
    def __init__(self, order: dict[str, int], directory: Path | None = None, chunk_files: int = CHUNK_FILES):
        """`order`: source_file -> position in the input listing, the order tables are read in."""
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
        self._temporary = tempfile.TemporaryDirectory(prefix=".spool-", dir=directory)
        self.directory = Path(self._temporary.name)
        self.order = order
        self.chunk_files = chunk_files
        self.buffer: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
        self.n_files = self.n_buffered = self.n_parts = 0
        self.table_names = list(TABLE_NAMES)  # and the tables later stages added

    def add(self, documents: list[dict], steps: list[dict], findings: list[dict], legal_references: list[dict]) -> None:
        """The rows of one file (a documents row per SOP it holds)."""
        for name, rows in zip(TABLE_NAMES, (documents, steps, findings, legal_references)):
            self.buffer[name].extend(rows)
        self.n_files += 1
        self.n_buffered += 1
        if self.n_buffered >= self.chunk_files:
            self.flush()

    def add_rows(self, name: str, rows: pa.Table) -> None:
        """Rows of any files at once, as a part of their own: of one of the tables, or of a table
        of the caller's (its first part, even empty, sets its columns)."""
        self.flush()
        if name not in self.table_names:
            self.table_names.append(name)
        self.write_part(name, rows)
        self.n_parts += 1

    def flush(self) -> None:
        if not self.n_buffered:
            return
        for name, rows in self.buffer.items():
            if rows:
                self.write_part(name, pa.Table.from_pandas(table_frame(name, rows), preserve_index=False))
            rows.clear()
        self.n_parts += 1
        self.n_buffered = 0

    def write_part(self, name: str, rows: pa.Table) -> None:
        files = rows["source_file"].to_pandas()
        position = pa.array(files.map(self.order).fillna(len(self.order)).astype("int64"), pa.int64())
        pq.write_table(rows.append_column(POSITION, position), self.directory / f"{name}-{self.n_parts:06d}.parquet")

    def frame(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """The whole table (or some of its columns) in input order (files), rows of one file in
        their own order."""
        return self.read(name, columns, None)

    def chunks(self, files_per_chunk: int = READ_CHUNK_FILES) -> Iterator[dict[str, pd.DataFrame]]:
        """Every table, a window of files at a time in input order: {table name: its rows of
        those files}."""
        for window in self.windows(files_per_chunk):
            yield {name: self.read(name, None, window) for name in self.table_names}

    def windows(self, files_per_chunk: int = READ_CHUNK_FILES) -> Iterator[tuple[int, int]]:
        """(start, stop) positions of the files of each window, in input order."""
        end = len(self.order) + 1  # a row of a file missing from the listing sorts last
        for start in range(0, end, files_per_chunk):
            yield start, min(start + files_per_chunk, end)

    def read(self, name: str, columns: list[str] | None = None, window: tuple[int, int] | None = None,
             keys: list[str] | None = None) -> pd.DataFrame:
        """The rows of a window of files, or of some SOPs (sop_key), or all; in input order."""
        self.flush()
        wanted = None if columns is None else list(dict.fromkeys(
            ["source_file", *(["sop_index", "sop_key"] if name in TABLE_NAMES else []), *columns, POSITION]))
        filters = [(POSITION, ">=", window[0]), (POSITION, "<", window[1])] if window is not None else None
        if keys is not None:
            filters = [*(filters or []), ("sop_key", "in", keys)]
        paths = sorted(self.directory.glob(f"{name}-*.parquet"))
        if keys == []:  # no SOPs, no rows (pyarrow rejects an "in" filter on an empty list)
            parts = [pq.read_table(path, columns=wanted).slice(0, 0) for path in paths[:1]]
        else:
            parts = [pq.read_table(path, columns=wanted, filters=filters) for path in paths]
        frame = pd.DataFrame()
        if parts:
            frame = pa.concat_tables(parts, promote_options="permissive").to_pandas()
            for column in LIST_COLUMNS.get(name, []):  # Parquet gives arrays; the stages expect lists
                if column in frame:
                    frame[column] = frame[column].map(lambda v: v.tolist() if isinstance(v, np.ndarray) else v)
            frame = frame.iloc[frame[POSITION].argsort(kind="stable")].reset_index(drop=True).drop(columns=POSITION)
        if name in TABLE_NAMES:  # the pipeline's tables get their types; a later stage's own is as written
            frame = table_frame(name, frame)
        return frame[columns] if columns else frame

    def rows(self, name: str) -> list[dict]:
        """The table as plain rows (None for missing values)."""
        frame = self.frame(name).astype(object)
        return frame.where(frame.notna(), None).to_dict("records")

    def close(self) -> None:
        self._temporary.cleanup()
