"""Per-file result cache keyed by file content and pipeline version.

An unchanged file is not parsed again; a changed file, or any change to the pipeline's code
or data, gives a new key.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from pipeline.files import open_regular

PACKAGE_ROOT = Path(__file__).parent
SOURCE_PLACEHOLDER = "\x00source\x00"


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """A hash of the package's code and data files: the 'pipeline version' of a result."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_ROOT.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".tsv", ".csv", ".html", ".css", ".js", ".txt"}:
            digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def file_key(path: Path) -> str:
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return f"{digest.hexdigest()}-{pipeline_fingerprint()}"


class ResultCache:
    """Results stored one JSON file per key, written atomically."""

    def __init__(self, directory: Path):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, source_file: str) -> tuple | None:
        """The stored result, or None when there is none or it is damaged (edited, truncated, of
        another shape): the file is then read again and its entry rewritten."""
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            rows = entry["rows"]
            whole = entry["checksum"] == checksum(rows) and is_result(rows)
        except (OSError, ValueError, TypeError, KeyError):
            return None
        return tuple(with_source(part, source_file) for part in rows) if whole else None  # type: ignore[return-value]

    def remove_leftovers(self) -> None:
        """Entries aside of runs killed while writing them."""
        for temporary in self.directory.glob("*/.tmp-*"):
            temporary.unlink(missing_ok=True)

    def put(self, key: str, result: tuple) -> None:
        path = self._path(key)
        path.parent.mkdir(exist_ok=True)
        rows = [with_source(part, SOURCE_PLACEHOLDER) for part in result]
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"checksum": checksum(rows), "rows": rows}, out, ensure_ascii=False)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)


def checksum(rows) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")).hexdigest()


def is_result(rows) -> bool:
    """The shape of a file's result: documents (at least one row, each with a status), steps,
    findings and legal references, every one a list of rows."""
    return (isinstance(rows, list) and len(rows) == 4
            and all(isinstance(part, list) and all(isinstance(row, dict) for row in part) for part in rows)
            and len(rows[0]) > 0 and all(row.get("status") in {"ok", "partial", "failed"} for row in rows[0]))


def with_source(part, source_file: str):
    """The same rows with their source_file replaced (results are shared by identical files)."""
    if isinstance(part, dict):
        return {**part, "source_file": source_file}
    return [{**row, "source_file": source_file} for row in part]
