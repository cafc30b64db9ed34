"""Turn a backend's Layout into SOPs: flowchart table, identity block, signature."""
from __future__ import annotations

from pipeline.extract.errors import ExtractionError
from pipeline.extract.flowchart import read_flowchart
from pipeline.extract.identity import read_identity
from pipeline.model import Block, Identity, Layout, Sop

NOT_AN_SOP = ("no SOP flowchart table found (a table with a 'Kegiatan' or 'Aktivitas' column "
              "and actor columns) and no SOP identity block; is this an SOP document?")


def read_sops(layout: Layout) -> list[Sop]:
    """Every SOP the layout holds, in document order; raises ExtractionError when none."""
    flowchart = read_flowchart(layout.blocks)
    if flowchart is None:
        identity = read_identity(layout.blocks, [])
        if not has_identity(identity):
            raise ExtractionError(NOT_AN_SOP)
        return [Sop(source_format=layout.source_format, identity=identity, actors=[], steps=[],
                    n_pages=layout.n_pages, pages=page_range(layout.blocks), has_flowchart=False)]
    before = layout.blocks[: flowchart.first_table]
    after = layout.blocks[flowchart.last_table + 1 :]
    return [Sop(
        source_format=layout.source_format,
        identity=read_identity(before, after),
        actors=flowchart.header.actor_headings,
        steps=flowchart.steps,
        headings=flowchart.header.headings,
        n_pages=layout.n_pages,
        pages=page_range(layout.blocks),
    )]


def has_identity(identity: Identity) -> bool:
    """An identity block was read: the SOP's number or its title with another labelled field."""
    labelled = [identity.sop_number, identity.created_date, identity.effective_date,
                identity.approved_by, *identity.legal_basis, *identity.qualifications]
    return bool(identity.sop_number) or (bool(identity.sop_title) and any(labelled))


def page_range(blocks: list[Block]) -> str | None:
    pages = [b.page for b in blocks if getattr(b, "page", None) is not None]
    if not pages:
        return None
    first, last = min(pages), max(pages)
    return str(first) if first == last else f"{first}-{last}"
