"""Extract stage: one backend per input format, all producing the same SOP model.

The format is told by the file's first bytes, not its extension, so a misnamed file is
still read (or refused with a clear reason).
"""
from __future__ import annotations

from pathlib import Path

import pypdfium2

from pipeline.extract.errors import ExtractionError
from pipeline.extract.sop import read_sops
from pipeline.model import Layout, Sop

SUPPORTED_SUFFIXES = {".docx", ".doc", ".pdf", ".txt", ".tsv", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
MAX_PDF_PAGES = 100
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def sniff_format(path: Path) -> str:
    """docx, doc, pdf, image or txt, from the file's content."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        raise ExtractionError("the file is empty (0 bytes)")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith(IMAGE_MAGIC):
        return "image"
    return "txt"


def read_layout(path: Path) -> Layout:
    kind = sniff_format(path)
    if kind == "docx":
        from pipeline.extract.docx import read_docx
        return read_docx(path)
    if kind == "doc":
        from pipeline.extract.doc import read_doc
        return read_doc(path)
    if kind == "pdf":
        refuse_long_pdf(path)
        from pipeline.extract.pdf import has_text_layer, read_pdf
        if has_text_layer(path):
            return read_pdf(path)
        from pipeline.extract.scan import read_scan_pdf
        return read_scan_pdf(path)
    if kind == "image":
        from pipeline.extract.scan import read_image
        return read_image(path)
    from pipeline.extract.txt import read_txt
    return read_txt(path)


def refuse_long_pdf(path: Path) -> None:
    """An SOP runs to a few pages; hundreds are a compilation or a hostile file, which would
    hold a worker for long and be read as one SOP."""
    try:
        document = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError:
        return  # the PDF backend says what is wrong with it
    try:
        pages = len(document)
    finally:
        document.close()
    if pages > MAX_PDF_PAGES:
        raise ExtractionError(f"the PDF has {pages} pages, more than the {MAX_PDF_PAGES} one SOP may have; if it is "
                              "a compilation of SOPs, split it into one file per SOP (e.g. qpdf --split-pages)")


def extract(path: Path) -> list[Sop]:
    """Every SOP of one file (a compilation holds several), in document order; raises
    ExtractionError with a reason a user can act on when the file holds none."""
    return read_sops(read_layout(path))


__all__ = ["ExtractionError", "SUPPORTED_SUFFIXES", "extract", "read_layout", "sniff_format"]
