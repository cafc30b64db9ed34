"""DIR/normalized/sop.duckdb: the batch's tables in one database an analyst can query (DuckDB CLI,
Python, DBeaver ...), with the same rows as the Parquet files and each column's meaning as
its comment."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

from pipeline.schema import TABLE_NAMES, TABLES, INTERNAL

DATABASE_NAME = "sop.duckdb"


def write_database(normalized: Path, path: Path) -> Path:
    """The tables of `normalized/` (as written there) into a new database, swapped in whole."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(temporary)) as db:
            for name in TABLE_NAMES:
                source = str(normalized / f"{name}.parquet")
                db.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet(?)", [source])
                for column, _, meaning in TABLES[name]:
                    if column not in INTERNAL:
                        db.execute(f"COMMENT ON COLUMN {name}.{column} IS '{meaning.replace(chr(39), chr(39) * 2)}'")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path
