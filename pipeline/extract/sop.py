"""Turn a backend's Layout into the SOP model: flowchart table, identity block, signature."""
from __future__ import annotations

from pipeline.extract.errors import ExtractionError
from pipeline.extract.flowchart import read_flowchart
from pipeline.extract.identity import read_identity
from pipeline.model import Layout, Sop


def read_sop(layout: Layout) -> Sop:
    flowchart = read_flowchart(layout.blocks)
    if flowchart is None:
        raise ExtractionError(
            "no SOP flowchart table found (a table with a 'Kegiatan' or 'Aktivitas' column "
            "and actor columns); is this an SOP document?"
        )
    before = layout.blocks[: flowchart.first_table]
    after = layout.blocks[flowchart.last_table + 1 :]
    return Sop(
        source_format=layout.source_format,
        identity=read_identity(before, after),
        actors=flowchart.header.actor_headings,
        steps=flowchart.steps,
        headings=flowchart.header.headings,
        n_pages=layout.n_pages,
    )
