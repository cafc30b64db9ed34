"""The images of the cells uncertain values were read from, written beside the SOP pages so
an analyst confirms or corrects a reading at a glance.

A row's `evidence` column maps a field to the PNG of its cell (base64, made by the extract
stage while the page image was at hand). Images are named by their content: a copy read twice
is written once.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
from pathlib import Path

from pipeline.report.values import as_list, text
from pipeline.store import replace_atomically

EVIDENCE_DIR = "bukti"  # beside the SOP pages


class EvidenceImages:
    def __init__(self, pages_dir: Path):
        self.directory = pages_dir / EVIDENCE_DIR
        self.directory.mkdir(parents=True, exist_ok=True)
        self.written: set[str] = set()

    def of_row(self, row: dict) -> dict[str, str]:
        """field -> the page-relative path of its cell image, for the row's uncertain fields."""
        images = {}
        for field, encoded in parse(row.get("evidence")).items():
            if field not in as_list(row.get("uncertain_fields")):
                continue
            try:
                png = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError):
                continue
            images[field] = f"{EVIDENCE_DIR}/{self.write(png)}"
        return images

    def write(self, png: bytes) -> str:
        name = hashlib.sha1(png).hexdigest()[:16] + ".png"
        if name not in self.written:
            path = self.directory / name
            if not path.exists():
                replace_atomically(path, lambda temporary: Path(temporary).write_bytes(png))
            self.written.add(name)
        return name

    def remove_stale(self) -> None:
        """Images of an earlier run that no page of this one shows."""
        for image in self.directory.glob("*.png"):
            if image.name not in self.written:
                image.unlink()


def parse(value) -> dict[str, str]:
    if not text(value):
        return {}
    try:
        parsed = json.loads(text(value))
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in parsed.items()} if isinstance(parsed, dict) else {}
