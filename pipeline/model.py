"""The intermediate document model every extractor produces.

Vocabulary of SOPs in the PermenPAN-RB 35/2012 format (kept in Indonesian where it is the
domain):

- kegiatan: an activity, one step row of the flowchart table;
- pelaksana: the actors, one table column each; a step's actor is shown only by the flowchart
  symbol (or tick, or shading) drawn in that actor's cell;
- mutu baku: the quality standard of a step: kelengkapan/persyaratan (what it needs), waktu
  (how long it may take) and output/keluaran (what it yields);
- keterangan (ket): free notes;
- identitas: the identity block: Nomor SOP, Tanggal Pembuatan/Revisi/Efektif/Pengesahan,
  Disahkan oleh, Nama SOP, Dasar Hukum, Kualifikasi Pelaksana, Keterkaitan,
  Peralatan/Perlengkapan, Peringatan, Pencatatan dan Pendataan.

A format backend (docx, pdf, scan, txt) only reads what the file shows: paragraphs and
tables, cell by cell, with the marks drawn in each cell. `pipeline.extract.sop` then reads the
SOP structure out of that layout, the same way for every format.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

# Where a value was read on a scan: page number and pixel box (x0, y0, x1, y1) of the page as
# the scan backend straightened it, for an analyst to see the image a doubtful value came from.
Box = tuple[int, float, float, float, float]
# a connector (off-page pentagon) marks its row's actor only where the row has no other symbol
MarkKind = Literal["terminator", "process", "decision", "connector", "check", "shading", "picture"]


@dataclass
class Mark:
    """Something drawn in a table cell that marks the cell's actor as doing the step."""

    kind: MarkKind
    text: str = ""  # text inside the shape, e.g. "Mulai", "Selesai"
    x: float = 0.0  # horizontal position within the page or cell, to order several marks


# The confidence of a box holding writing that OCR made no words of (a hand, print under a
# stamp): its value is there but unread, in doubt, not missing.
UNREAD = 0.0


@dataclass
class Cell:
    text: str = ""
    marks: list[Mark] = field(default_factory=list)
    # A merged cell appears in every grid position it covers; copies have spanned=True and
    # carry the text but no marks, so a mark counts once.
    spanned: bool = False
    confidence: float | None = None  # OCR word confidence (0-100), None for born-digital text
    box: Box | None = None  # where an OCR backend read it
    image: bytes | None = None  # PNG of the cell as scanned (OCR), shown beside a doubtful value


@dataclass
class Table:
    """A rectangular grid: every row has the same number of cells."""

    rows: list[list[Cell]]
    page: int | None = None
    # The horizontal borders top to bottom (one more than rows), in page units, where the
    # format has geometry: tiles of one table printed on several pages match by them.
    row_bounds: list[float] | None = None

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Paragraph:
    text: str
    page: int | None = None
    confidence: float | None = None  # mean OCR word confidence (0-100), None for born-digital text
    box: Box | None = None  # where an OCR backend read it
    image: bytes | None = None  # PNG of the lines as scanned (OCR), shown beside a doubtful value
    # The place after its last word lies under a stamp (OCR): a value there may be unread.
    value_hidden: bool = False


Block = Union[Paragraph, Table]


@dataclass
class Layout:
    """What a format backend read from one file, in reading order."""

    blocks: list[Block]
    source_format: str
    n_pages: int | None = None
    pages: str | None = None  # the file's pages it was read from, e.g. "3-4"; None without pages
    has_flowchart: bool = True


@dataclass
class Step:
    """One step row of the flowchart table, values as printed."""

    step_no: str | None  # the No column as printed ("4.", "5")
    activity: str
    actors: list[str]  # actor headings whose cell holds the step's mark, left to right
    symbol: str | None  # start, process, decision, end
    requirements: str | None = None
    duration_text: str | None = None
    output: str | None = None
    notes: str | None = None
    confidence: dict[str, float] = field(default_factory=dict)  # field -> OCR confidence
    boxes: dict[str, Box] = field(default_factory=dict)  # field -> where it was read (OCR only)
    evidence: dict[str, bytes] = field(default_factory=dict)  # field -> PNG of its cell (OCR)


@dataclass
class Identity:
    """The identity block and signature, values as printed (dates and NIP not parsed)."""

    sop_title: str | None = None
    agency: str | None = None
    sop_number: str | None = None
    created_date: str | None = None
    revised_date: str | None = None
    effective_date: str | None = None
    approved_date: str | None = None
    approved_by: str | None = None
    signatory_name: str | None = None
    signatory_nip: str | None = None
    signatory_rank: str | None = None
    legal_basis: list[str] = field(default_factory=list)
    qualifications: list[str] = field(default_factory=list)
    related_sops: list[str] = field(default_factory=list)
    equipment: list[str] = field(default_factory=list)
    warning: str | None = None
    records: str | None = None
    confidence: dict[str, float] = field(default_factory=dict)  # field -> OCR confidence (0-100)
    boxes: dict[str, Box] = field(default_factory=dict)  # field -> where it was read (OCR only)
    evidence: dict[str, bytes] = field(default_factory=dict)  # field -> PNG of where it was read (OCR)


@dataclass
class Sop:
    """One SOP as read from a file (a compilation holds several): the input of the normalize
    stage. An SOP without a flowchart table keeps its identity and any numbered steps of a
    narrative procedure (without actors): `has_flowchart` is False and its status `partial`."""

    source_format: str
    identity: Identity
    actors: list[str]
    steps: list[Step]
    # Column headings as printed, by role: activity, actors_group, mutu_baku, requirements,
    # duration, output, notes. The duration heading may carry the unit ("Waktu / Hari").
    headings: dict[str, str] = field(default_factory=dict)
    n_pages: int | None = None
    pages: str | None = None  # the file's pages it was read from, e.g. "3-4"; None without pages
    has_flowchart: bool = True
