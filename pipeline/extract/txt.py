"""Tab-separated text exports of Word SOPs: tab-separated lines are table rows.

Symbols are lost in such exports; only their text ("Mulai", "Ya", ticks) may remain in the
actor cells, which the flowchart reader treats as marks.
"""
from __future__ import annotations

import re
from pathlib import Path

from pipeline.extract.errors import ExtractionError
from pipeline.model import Block, Cell, Layout, Paragraph, Table

MARKUP = re.compile(r"\*\*|</?p>|</?b>|</?i>|</?br\s*/?>")


def decode(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractionError("this is a binary file, not a text export; check its extension")
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionError("the text is neither UTF-8 nor Windows-1252 encoded")


def read_txt(path: Path) -> Layout:
    text = MARKUP.sub("", decode(path.read_bytes()))
    blocks: list[Block] = []
    rows: list[list[str]] = []
    paragraph: list[str] = []

    def flush_table() -> None:
        if rows:
            width = max(len(r) for r in rows)
            blocks.append(Table([[Cell(t.strip()) for t in r + [""] * (width - len(r))] for r in rows]))
            rows.clear()

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(Paragraph("\n".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        if "\t" in line:
            flush_paragraph()
            rows.append(line.split("\t"))
        elif line.strip():
            flush_table()
            paragraph.append(line.strip())
        else:
            flush_table()
            flush_paragraph()
    flush_table()
    flush_paragraph()
    return Layout(blocks=blocks, source_format="txt")
