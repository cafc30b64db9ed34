"""Extract stage: one backend per input format, all producing the same SOP model.

The format is told by the file's first bytes, not its extension, so a misnamed file is
still read (or refused with a clear reason).
"""
from __future__ import annotations

import codecs
import sys
from pathlib import Path

import pypdfium2

from pipeline.extract.errors import ExtractionError
from pipeline.files import open_regular
from pipeline.extract.sop import read_sops
from pipeline.model import Layout, Sop

SUPPORTED_SUFFIXES = {".docx", ".doc", ".pdf", ".txt", ".tsv", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
MAX_PDF_PAGES = 100
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def sniff_format(path: Path) -> str:
    """docx, doc, pdf, image, txt or unknown, from the file's content. Only a regular file is
    opened (a FIFO or a device raises NotRegularFile, an OSError)."""
    with open_regular(path) as handle:
        head = handle.read(TEXT_SAMPLE_BYTES)
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
    return "txt" if looks_like_text(head) else "unknown"


TEXT_SAMPLE_BYTES = 4096
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_like_text(head: bytes) -> bool:
    """The start of a text export: no NUL byte (unless UTF-16), and UTF-8 or Windows-1252 (the
    encodings the text reader takes). Random or damaged bytes are neither."""
    if head.startswith(UTF16_BOMS):
        return True
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # the sample may cut a character
        return True
    except UnicodeDecodeError:
        pass
    try:
        head.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


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
    if kind == "unknown":
        raise ExtractionError("the content is not a known format (docx, doc, PDF, PNG, JPEG, TIFF or text)")
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


def release_second_ocr_engine() -> None:
    """The second OCR engine unloaded (its session: 30 MiB and more): the next scan that needs
    it loads it again (0.1-0.5 s). Tesseract stays loaded: its models take a fixed 30-40 MiB,
    and loading them costs 0.3-1.5 s. A worker that has read no scan has not imported the
    engine (onnxruntime: 15 MiB) and does not now."""
    line_reader = sys.modules.get("pipeline.extract.line_reader")
    if line_reader is not None:
        line_reader.release()


__all__ = ["ExtractionError", "SUPPORTED_SUFFIXES", "extract", "read_layout", "release_second_ocr_engine", "sniff_format"]

