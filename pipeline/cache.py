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
    with path.open("rb") as handle:
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
        path = self._path(key)
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return tuple(with_source(part, source_file) for part in stored)  # type: ignore[return-value]

    def put(self, key: str, result: tuple) -> None:
        path = self._path(key)
        path.parent.mkdir(exist_ok=True)
        stored = [with_source(part, SOURCE_PLACEHOLDER) for part in result]
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(stored, out, ensure_ascii=False)
        os.replace(temporary, path)


def with_source(part, source_file: str):
    """The same rows with their source_file replaced (results are shared by identical files)."""
    if isinstance(part, dict):
        return {**part, "source_file": source_file}
    return [{**row, "source_file": source_file} for row in part]
