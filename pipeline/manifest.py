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
    n_failed: int
    n_steps: int
    n_findings: int
    failures: list[tuple[str, str]]  # (source_file, error)


def run_manifest(keys: dict[str, str | None], expectations: bool, calendar_key: str) -> str:
    """What a run's outputs are made from: every input's content key, and the options."""
    listing = json.dumps({"files": sorted(keys.items(), key=lambda kv: kv[0]), "expectations": expectations,
                          "calendar": calendar_key}, default=str)
    return hashlib.sha256(listing.encode()).hexdigest()


def unchanged_summary(normalized: Path, manifest: str) -> RunSummary | None:
    """The stored run's summary, if it was made from `manifest` and its outputs are all there."""
    try:
        stored = json.loads((normalized / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if stored.get("made_from") != manifest or not all((normalized / name).exists() for name in stored["outputs"]):
        return None
    summary = stored["summary"]
    return RunSummary(**{**summary, "failures": [tuple(pair) for pair in summary["failures"]]})


def manifest_text(manifest: str, outputs: list[str], summary: RunSummary) -> str:
    """`outputs`: the files, relative to the normalized folder, the run wrote."""
    return json.dumps({"made_from": manifest, "outputs": outputs, "summary": asdict(summary)}, ensure_ascii=False)
