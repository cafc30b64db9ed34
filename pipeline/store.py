"""Write the normalized tables (Parquet and CSV), each file replaced atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from pipeline.normalize.tables import DOCUMENT_COLUMNS, LEGAL_REFERENCE_COLUMNS, LIST_FIELDS, STEP_COLUMNS
from pipeline.validate.rules import FINDING_COLUMNS

LIST_COLUMNS = {"documents": [*LIST_FIELDS, "actors"], "steps": ["actors", "roles_mentioned", "ocr_uncertain_fields"],
                "findings": [], "legal_references": []}
COLUMNS = {"documents": DOCUMENT_COLUMNS, "steps": STEP_COLUMNS, "findings": FINDING_COLUMNS,
           "legal_references": LEGAL_REFERENCE_COLUMNS}
TABLE_NAMES = tuple(COLUMNS)
INTEGER_COLUMNS = {"documents": ["n_steps", "n_pages"], "steps": ["seq", "step_no"], "findings": ["step_no"],
                   "legal_references": ["position", "year"]}


def table_frame(name: str, rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS[name])
    for column in INTEGER_COLUMNS[name]:
        frame[column] = pd.array(frame[column], dtype="Int64")
    if name == "steps":
        frame["duration_minutes"] = frame["duration_minutes"].astype("float64")
    return frame


def replace_atomically(target: Path, write) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
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


def write_tables(directory: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Every table as Parquet and CSV. All files are written aside first and swapped in
    together, so a run killed while writing leaves the previous tables whole."""
    directory.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, frame in tables.items():
            for suffix, write in (("parquet", lambda f, p: f.to_parquet(p, index=False)),
                                  ("csv", lambda f, p: csv_frame(name, f).to_csv(p, index=False))):
                handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.{suffix}.")
                os.close(handle)
                staged.append((temporary, directory / f"{name}.{suffix}"))
                write(frame, temporary)
        for temporary, target in staged:
            os.replace(temporary, target)
    finally:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
