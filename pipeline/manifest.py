"""A run's manifest: what its outputs were made from, which files they are and what they hold.
A run whose inputs and options match the stored manifest has nothing to do: its outputs stand.
Light to import, so that such a run starts and ends in a fraction of a second."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST = ".run-manifest.json"


@dataclass
class RunSummary:
    n_files: int
    n_failed: int  # SOP rows that failed (a file none of whose SOPs could be read)
    n_steps: int
    n_findings: int
    failures: list[tuple[str, str]]  # (source_file, error) of every row not ok
    n_sops: int = 0  # documents rows
    n_ok: int = 0
    n_partial: int = 0

    @property
    def all_ok(self) -> bool:
        return not self.failures


def run_manifest(keys: dict[str, str | None], expectations: bool, calendar_key: str, decisions_key: str = "") -> str:
    """What a run's outputs are made from: every input's content key, the options and the
    analyst's decisions."""
    listing = json.dumps({"files": sorted(keys.items(), key=lambda kv: kv[0]), "expectations": expectations,
                          "calendar": calendar_key, "decisions": decisions_key}, default=str)
    return hashlib.sha256(listing.encode()).hexdigest()


def unchanged_summary(out: Path, manifest: str, folders: tuple[str, ...]) -> RunSummary | None:
    """The stored run's summary, if it was made from `manifest` and every output it wrote (in
    `folders` of `out`) is still there, whole: same size and content hash. Otherwise None, and
    the run is made again (a deleted report or a 0-byte table is written anew)."""
    try:
        stored = json.loads((out / folders[0] / MANIFEST).read_text(encoding="utf-8"))
        if stored.get("made_from") != manifest or not stored["outputs"]:
            return None
        if not all(is_whole(out / name, size, digest) for name, (size, digest) in stored["outputs"].items()):
            return None
        summary = stored["summary"]
        return RunSummary(**{**summary, "failures": [tuple(pair) for pair in summary["failures"]]})
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def is_whole(path: Path, size: int, digest: str) -> bool:
    try:
        return path.stat().st_size == size and content_hash(path) == digest
    except OSError:
        return False


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def outputs_listing(out: Path, folders: tuple[str, ...]) -> dict[str, tuple[int, str]]:
    """Every file the run wrote under `folders` of `out` (relative path -> size, hash), the
    manifest itself aside."""
    listing = {}
    for folder in folders:
        for path in sorted((out / folder).rglob("*")):
            if path.is_file() and path.name != MANIFEST:
                listing[path.relative_to(out).as_posix()] = (path.stat().st_size, content_hash(path))
    return listing


def manifest_text(manifest: str, outputs, summary: RunSummary) -> str:
    """`outputs`: the files written, relative to the output folder, with their sizes and hashes
    (as outputs_listing gives them); a bare list of names is never taken as whole."""
    return json.dumps({"made_from": manifest, "outputs": outputs if isinstance(outputs, dict) else {},
                       "summary": asdict(summary)}, ensure_ascii=False)
