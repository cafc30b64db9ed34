"""Opening a .docx: only a real Word package is opened, and none that would unpack to an absurd
size (a zip bomb), each refused with a reason the user can act on."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from pipeline.extract.errors import ExtractionError


def open_document(path: Path):
    if not zipfile.is_zipfile(path):
        if path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0":
            raise ExtractionError(
                "the file is password-protected or an old Word 97-2003 document saved as .docx; "
                "remove the password or save it again as .docx in Word"
            )
        raise ExtractionError("the file is not a Word document (not a valid .docx zip); it may be corrupt or truncated")
    with zipfile.ZipFile(path) as archive:
        refuse_zip_bomb(archive)
        if not any(name.startswith("word/") for name in archive.namelist()):
            raise ExtractionError(
                "the file is a zip archive but not a Word document (an Excel or PowerPoint file?); "
                "save the SOP as .docx"
            )
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise ExtractionError(
            f"the Word file is damaged and cannot be read ({error}); open and save it again in Word"
        ) from error


MAX_UNPACKED_BYTES = 300 << 20  # far above any real SOP; python-docx unpacks parts in memory
MAX_PACKING_RATIO = 300


def refuse_zip_bomb(archive: zipfile.ZipFile) -> None:
    """Refuse archives whose declared unpacked size is absurd, before anything is unpacked."""
    entries = archive.infolist()
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > MAX_UNPACKED_BYTES or (unpacked > 20 << 20 and unpacked / packed > MAX_PACKING_RATIO):
        raise ExtractionError(
            f"the Word file would unpack to {unpacked >> 20} MB (a zip bomb or a damaged file); "
            "it was not opened"
        )
