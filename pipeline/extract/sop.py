"""Turn a backend's Layout into SOPs: flowchart table, identity block, signature.

A file may hold several SOPs (a compilation). Their boundaries are read from the documents
themselves, the same way for every format: a new identity block (another SOP number or
title), or a flowchart whose numbering starts again under a new header.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract.errors import ExtractionError
from pipeline.extract.flowchart import Flowchart, find_header, join_tiles, read_flowcharts, read_steps
from pipeline.extract.identity import NIP, read_identity, split_inline_labels
from pipeline.extract.text import clean_lines, clean_text, fold
from pipeline.model import Block, Identity, Layout, Paragraph, Sop, Step, Table

NOT_AN_SOP = ("no SOP flowchart table found (a table with a 'Kegiatan' or 'Aktivitas' column "
              "and actor columns) and no SOP identity block; is this an SOP document?")
NUMBERED_LINE = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+(\S.*)$")
KEY_LABELS = {"sop_number", "sop_title"}


def read_sops(layout: Layout) -> list[Sop]:
    """Every SOP the layout holds, in document order; raises ExtractionError when none."""
    blocks = join_tiles(layout.blocks)
    sops = [sop for part in sop_parts(blocks) if (sop := read_part(part, layout)) is not None]
    if not sops:
        raise ExtractionError(NOT_AN_SOP)
    return sops


@dataclass
class Part:
    """The blocks of one SOP, and what tells it from the next."""

    blocks: list[Block] = field(default_factory=list)
    key: dict[str, str] = field(default_factory=dict)  # sop_number, sop_title as read (folded)
    has_flowchart: bool = False


def sop_parts(blocks: list[Block]) -> list[list[Block]]:
    """The layout cut into one run of blocks per SOP: first at every new identity block, then
    at every flowchart that numbers its steps from 1 again without one."""
    parts = [Part()]
    for block in blocks:
        part = parts[-1]
        key = identity_key(block)
        if key is not None and opens_new_sop(part, key):
            part = Part(blocks=blocks_heading_next(part.blocks, block))
            for moved in part.blocks:
                part.key.update(identity_key(moved) or {})
            parts.append(part)
        if key:
            for name, value in key.items():
                part.key.setdefault(name, value)
        if isinstance(block, Table) and find_header(block) is not None:
            part.has_flowchart = True
        part.blocks.append(block)
    return [piece for part in parts for piece in split_at_restarted_flowcharts(part.blocks)]


def identity_key(block: Block) -> dict[str, str] | None:
    """The SOP number and title an identity block names, when the block is one: it holds two
    identity labels or more, or the number's or title's. None for any other block."""
    labels = identity_labels(block)
    if len(labels) < 2 and not labels & KEY_LABELS:
        return None
    identity = read_identity([block], [])
    return {name: fold(value) for name in KEY_LABELS if (value := getattr(identity, name))}


def identity_labels(block: Block) -> set[str]:
    texts = [block.text] if isinstance(block, Paragraph) else [
        c.text for row in block.rows for c in row if not c.spanned and c.text.strip()]
    return {label for text in texts for label, _ in split_inline_labels(text) if label}


def opens_new_sop(part: Part, key: dict[str, str]) -> bool:
    """An identity block naming another SOP than the one read so far; after a flowchart, one
    naming an SOP without repeating this one's number or title (a running head repeats them).
    A block naming none (Dasar Hukum, Peralatan) is part of the SOP being read."""
    differs = any(part.key.get(name, value) != value for name, value in key.items())
    repeats = any(part.key.get(name) == value for name, value in key.items())
    return differs or (part.has_flowchart and bool(key) and not repeats)


def blocks_heading_next(blocks: list[Block], opening: Block) -> list[Block]:
    """The blocks at the end of an SOP's that head the next one, which opens with the
    `opening` block; they are taken off `blocks` and returned."""
    if not any(isinstance(b, Table) for b in blocks):
        return []  # a written procedure: its paragraphs are its own
    cut = opening_of(blocks + [opening], len(blocks), 0)
    moved = blocks[cut:]
    del blocks[cut:]
    return moved


def split_at_restarted_flowcharts(blocks: list[Block]) -> list[list[Block]]:
    """A second flowchart whose steps start again at 1, with no identity block between, is
    another SOP (a compilation of flowcharts under titles)."""
    starts = [chart.first_table for chart in read_flowcharts(blocks)[1:] if starts_at_one(chart)]
    pieces, begin = [], 0
    for start in starts:
        cut = opening_of(blocks, start, begin)
        pieces.append(blocks[begin:cut])
        begin = cut
    pieces.append(blocks[begin:])
    return pieces


def opening_of(blocks: list[Block], start: int, begin: int) -> int:
    """Where the SOP that opens at block `start` (its flowchart or identity block) begins:
    with the blocks above it that head it (identity lines and tables, even when they repeat
    the previous SOP's, as in a file holding one SOP twice; title and letterhead paragraphs
    on its page), up to the previous SOP's tables or closing signature (a NIP line, on the
    previous SOP's page or under no identity label)."""
    cut = start
    while cut > begin + 1:
        block, below = blocks[cut - 1], blocks[cut]
        on_its_page = getattr(block, "page", None) == getattr(below, "page", None)
        signed = isinstance(block, Paragraph) and NIP.search(block.text) is not None
        labelled = bool(identity_labels(block)) and (on_its_page or not signed)
        heading = isinstance(block, Paragraph) and not signed and on_its_page
        if not (labelled or heading):
            break
        cut -= 1
    return cut


def starts_at_one(chart: Flowchart) -> bool:
    return bool(chart.steps) and re.match(r"0*1\b", chart.steps[0].step_no or "") is not None


def read_part(blocks: list[Block], layout: Layout) -> Sop | None:
    """The SOP in one part: its first flowchart with the identity around it, or, without a
    flowchart, the identity and the numbered steps of a written procedure."""
    flowcharts = read_flowcharts(blocks)
    pages = page_range(blocks)
    if not flowcharts:
        steps, first, last = procedure_table(blocks) or narrative_steps(blocks)
        identity = read_identity(blocks[:first], blocks[last + 1 :])
        if not has_identity(identity):
            return None
        return Sop(source_format=layout.source_format, identity=identity, actors=[],
                   steps=steps, n_pages=layout.n_pages, pages=pages, has_flowchart=False)
    flowchart = flowcharts[0]
    return Sop(
        source_format=layout.source_format,
        identity=read_identity(blocks[: flowchart.first_table], blocks[flowchart.last_table + 1 :]),
        actors=flowchart.header.actor_headings,
        steps=flowchart.steps,
        headings=flowchart.header.headings,
        n_pages=layout.n_pages,
        pages=pages,
    )


def has_identity(identity: Identity) -> bool:
    """An identity block was read: the SOP's number or its title with another labelled field."""
    labelled = [identity.sop_number, identity.created_date, identity.effective_date,
                identity.approved_by, *identity.legal_basis, *identity.qualifications]
    return bool(identity.sop_number) or (bool(identity.sop_title) and any(labelled))


def procedure_table(blocks: list[Block]) -> tuple[list[Step], int, int] | None:
    """The steps of a procedure typed as a table of No | Kegiatan without actor columns (no
    flowchart drawn), and the table's place among the blocks."""
    for index, block in enumerate(blocks):
        header = find_header(block) if isinstance(block, Table) else None
        if header is None or header.roles.get("no") != header.roles["activity"] - 1:
            continue
        steps = read_steps(block.rows[header.n_rows :], header)
        if steps:
            return steps, index, index
    return None


def narrative_steps(blocks: list[Block]) -> tuple[list[Step], int, int]:
    """The numbered steps of a procedure written as text, and the blocks they take (first,
    last; with the heading above them, "Uraian Prosedur :"): numbered paragraph lines that
    are not the items of an identity label's list (Dasar Hukum 1., 2., ...). A step's wrapped
    lines are those of its paragraph up to the next number. No steps: (ends, len, len)."""
    steps: list[Step] = []
    used: list[int] = []
    in_label_list = False
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            in_label_list = False
            continue
        current: Step | None = None
        for line in clean_lines(block.text):
            label = split_inline_labels(line)[0][0]
            numbered = NUMBERED_LINE.match(line)
            if label is not None:
                in_label_list, current = True, None
            elif numbered and not in_label_list:
                current = Step(step_no=numbered.group(1), activity=numbered.group(2), actors=[], symbol=None)
                steps.append(current)
                used.append(index)
            elif numbered:
                continue
            elif current is not None and not NIP.search(line):
                current.activity = clean_text(f"{current.activity} {line}")
            else:
                in_label_list, current = False, None
    if not steps:
        return [], len(blocks), len(blocks)
    first = used[0]
    if first > 0 and is_heading(blocks[first - 1]):
        first -= 1
    return steps, first, used[-1]


def is_heading(block: Block) -> bool:
    """A short unlabelled line of its own ("Uraian Prosedur :", "Langkah-langkah")."""
    lines = clean_lines(block.text) if isinstance(block, Paragraph) else []
    return (len(lines) == 1 and len(lines[0].split()) <= 6 and split_inline_labels(lines[0])[0][0] is None
            and not NUMBERED_LINE.match(lines[0]))


def page_range(blocks: list[Block]) -> str | None:
    pages = [b.page for b in blocks if getattr(b, "page", None) is not None]
    if not pages:
        return None
    first, last = min(pages), max(pages)
    return str(first) if first == last else f"{first}-{last}"
