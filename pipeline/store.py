"""The normalized tables' rows as frames of the schema's types, as Arrow and as CSV; outputs replaced
atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa

from pipeline.schema import BOOL, FLOAT, INT, TABLE_NAMES, TEXT_LIST, arrow_schema, columns, columns_of_type

COLUMNS = {name: columns(name) for name in TABLE_NAMES}
LIST_COLUMNS = {name: columns_of_type(name, TEXT_LIST) for name in TABLE_NAMES}
INTEGER_COLUMNS = {name: columns_of_type(name, INT) for name in TABLE_NAMES}


def sop_key(source_file: str, sop_index: int) -> str:
    """The key of one SOP of the batch: a file may hold several (a compilation)."""
    return f"{source_file}#{sop_index}"


def source_of(key: str) -> dict:
    """source_file and sop_index of an sop_key."""
    source_file, index = key.rsplit("#", 1)
    return {"source_file": source_file, "sop_index": int(index)}


def with_sop_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with both sop_key and (source_file, sop_index), whichever of them they came with
    (rows of the per-file stages carry the file and index, the batch-wide stages' the key)."""
    if "sop_key" in frame and frame["sop_key"].notna().all():
        sources = [source_of(key) for key in frame["sop_key"]]
        frame["source_file"] = [source["source_file"] for source in sources]
        frame["sop_index"] = [source["sop_index"] for source in sources]
    elif "source_file" in frame:
        index = frame["sop_index"].fillna(1) if "sop_index" in frame else pd.Series(1, index=frame.index)
        frame["sop_index"] = index
        frame["sop_key"] = [sop_key(f, int(i)) for f, i in zip(frame["source_file"], index)]
    return frame


def table_frame(name: str, rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    rows = pd.DataFrame(rows)
    if len(rows.columns):
        rows = with_sop_keys(rows)
    frame = pd.DataFrame(rows, columns=COLUMNS[name])
    for column in INTEGER_COLUMNS[name]:
        frame[column] = pd.array(frame[column], dtype="Int64")
    for column in columns_of_type(name, FLOAT):
        frame[column] = frame[column].astype("float64")
    # pandas makes a column the rows lack (or of no rows at all) float: text must stay text, to
    # join on and to be stored as text whatever the other parts of a table hold
    typed = {*INTEGER_COLUMNS[name], *columns_of_type(name, FLOAT), *columns_of_type(name, BOOL)}
    for column in frame.columns:
        if column not in typed and (frame.empty or column not in rows.columns):
            frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return frame


def arrow_table(name: str, frame: pd.DataFrame, exported: bool = False) -> pa.Table:
    """A table_frame as Arrow, in the table's schema (a column with no values at all becomes
    nulls of its type, whatever dtype pandas gave it); `exported`: its normalized/ columns."""
    schema = arrow_schema(name, exported)
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
