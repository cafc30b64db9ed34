"""Write the normalized tables (Parquet and CSV), each file replaced atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from pipeline.normalize.tables import DOCUMENT_COLUMNS, LEGAL_REFERENCE_COLUMNS, LIST_FIELDS, STEP_COLUMNS
from pipeline.validate.rules import FINDING_COLUMNS

LIST_COLUMNS = {"documents": [*LIST_FIELDS, "actors"], "steps": ["actors", "roles_mentioned"],
                "findings": [], "legal_references": []}
COLUMNS = {"documents": DOCUMENT_COLUMNS, "steps": STEP_COLUMNS, "findings": FINDING_COLUMNS,
           "legal_references": LEGAL_REFERENCE_COLUMNS}
INTEGER_COLUMNS = {"documents": ["n_steps", "n_pages"], "steps": ["seq", "step_no"], "findings": ["step_no"],
                   "legal_references": ["position", "year"]}


def table_frame(name: str, rows: list[dict]) -> pd.DataFrame:
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


def write_table(directory: Path, name: str, frame: pd.DataFrame) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    replace_atomically(directory / f"{name}.parquet", lambda p: frame.to_parquet(p, index=False))
    as_csv = frame.copy()
    for column in LIST_COLUMNS[name]:
        as_csv[column] = as_csv[column].map(lambda v: json.dumps(list(v), ensure_ascii=False))
    replace_atomically(directory / f"{name}.csv", lambda p: as_csv.to_csv(p, index=False))
