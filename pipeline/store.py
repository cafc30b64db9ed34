"""Write the normalized tables (Parquet and CSV), each file replaced atomically."""
from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.normalize.tables import DOCUMENT_COLUMNS, LEGAL_REFERENCE_COLUMNS, LIST_FIELDS, STEP_COLUMNS
from pipeline.validate.rules import FINDING_COLUMNS

LIST_COLUMNS = {"documents": [*LIST_FIELDS, "actors", "uncertain_fields"],
                "steps": ["actors", "roles_mentioned", "uncertain_fields"],
                "findings": [], "legal_references": []}
COLUMNS = {"documents": DOCUMENT_COLUMNS, "steps": STEP_COLUMNS, "findings": FINDING_COLUMNS,
           "legal_references": LEGAL_REFERENCE_COLUMNS}
TABLE_NAMES = tuple(COLUMNS)
INTEGER_COLUMNS = {"documents": ["sop_index", "n_steps", "n_pages"], "steps": ["sop_index", "seq", "step_no"],
                   "findings": ["sop_index", "step_no"], "legal_references": ["sop_index", "position", "year"]}
FLOAT_COLUMNS = {"documents": [], "steps": ["duration_minutes", "ocr_confidence"], "findings": [],
                 "legal_references": []}
BOOLEAN_COLUMNS = {"documents": ["signatory_nip_valid", "is_current", "read_by_ocr"], "steps": [], "findings": ["uncertain"],
                   "legal_references": []}


def table_frame(name: str, rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS[name])
    for column in INTEGER_COLUMNS[name]:
        frame[column] = pd.array(frame[column], dtype="Int64")
    if name == "steps":
        frame["duration_minutes"] = frame["duration_minutes"].astype("float64")
    return frame


def arrow_schema(name: str) -> pa.Schema:
    """A table's Parquet types, the same in every run whatever values a batch happens to hold."""
    def arrow_type(column: str) -> pa.DataType:
        if column in INTEGER_COLUMNS[name]:
            return pa.int64()
        if column in FLOAT_COLUMNS[name]:
            return pa.float64()
        if column in BOOLEAN_COLUMNS[name]:
            return pa.bool_()
        if column in LIST_COLUMNS[name]:
            return pa.list_(pa.string())
        return pa.string()
    return pa.schema([(column, arrow_type(column)) for column in COLUMNS[name]])


def arrow_table(name: str, frame: pd.DataFrame) -> pa.Table:
    """A table_frame as Arrow, in the table's schema (a column with no values at all becomes
    nulls of its type, whatever dtype pandas gave it)."""
    schema = arrow_schema(name)
    return pa.Table.from_arrays(
        [pa.nulls(len(frame), field.type) if frame[field.name].isna().all()
         else pa.array(frame[field.name], type=field.type, from_pandas=True) for field in schema], schema=schema)


UMASK = os.umask(0o022)  # the only way to read it is to set it: put straight back
os.umask(UMASK)


def file_aside(directory: Path, prefix: str) -> str:
    """A new empty file to write an output in before it is swapped in, with the permissions a
    plain new file gets (mkstemp's are private to the owner: analysts share reports)."""
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=prefix)
    os.close(handle)
    os.chmod(temporary, 0o666 & ~UMASK)
    return temporary


def replace_atomically(target: Path, write) -> None:
    temporary = file_aside(target.parent, f".{target.name}.")
    try:
        write(temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """A spreadsheet must show text, not run it: prefix text that would start a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def csv_frame(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    as_csv = frame.copy()
    for column in LIST_COLUMNS[name]:
        as_csv[column] = as_csv[column].map(
            lambda v: json.dumps([] if v is None or isinstance(v, float) else list(v), ensure_ascii=False))
    for column in as_csv.columns:
        if as_csv[column].dtype == object or pd.api.types.is_string_dtype(as_csv[column]):
            as_csv[column] = as_csv[column].map(formula_safe)
    return as_csv


class TableWriter:
    """The tables as Parquet and CSV, written a chunk of rows at a time to files aside and swapped
    in together by `commit`, so a run killed while writing leaves the previous tables whole. A
    table that got no rows is written empty, with its columns."""

    def __init__(self, directory: Path, names: tuple[str, ...] = TABLE_NAMES):
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.names = names
        self.staged: dict[tuple[str, str], Path] = {}  # (table, suffix) -> file aside
        self.parquet: dict[str, pq.ParquetWriter] = {}
        self.n_rows: Counter[str] = Counter()  # rows written, by table

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exception) -> None:
        self.close_writers()
        for temporary in self.staged.values():  # left only if commit did not happen
            temporary.unlink(missing_ok=True)

    def add(self, name: str, rows: pd.DataFrame) -> None:
        frame = table_frame(name, rows)
        if name not in self.parquet:
            self.parquet[name] = pq.ParquetWriter(self.aside(name, "parquet"), arrow_schema(name))
            csv_frame(name, frame.head(0)).to_csv(self.aside(name, "csv"), index=False)
        self.parquet[name].write_table(arrow_table(name, frame))
        csv_frame(name, frame).to_csv(self.staged[(name, "csv")], mode="a", header=False, index=False)
        self.n_rows[name] += len(frame)

    def aside(self, name: str, suffix: str) -> Path:
        temporary = Path(file_aside(self.directory, f".{name}.{suffix}."))
        self.staged[(name, suffix)] = temporary
        return temporary

    def commit(self) -> list[str]:
        """Swaps the tables in; returns the names of the files written."""
        for name in self.names:
            if name not in self.parquet:
                self.add(name, table_frame(name, []))
        self.close_writers()
        written = []
        for (name, suffix), temporary in list(self.staged.items()):
            os.replace(temporary, self.directory / f"{name}.{suffix}")
            del self.staged[(name, suffix)]
            written.append(f"{name}.{suffix}")
        return written

    def close_writers(self) -> None:
        for writer in self.parquet.values():
            writer.close()
        self.parquet.clear()
