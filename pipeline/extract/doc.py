"""Legacy Word 97-2003 (.doc) backend: LibreOffice converts the file to .docx, then the Word
backend reads it."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.extract.docx import read_docx
from pipeline.extract.errors import ExtractionError
from pipeline.model import Layout

CONVERSION_TIMEOUT_S = 120
# The stream an encrypted Office file carries, as it is named in the OLE directory (UTF-16).
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


def read_doc(path: Path) -> Layout:
    path = Path(path)
    if ENCRYPTION_STREAM in path.read_bytes():
        raise ExtractionError("the Word file is password-protected; remove the password and save it again")
    with tempfile.TemporaryDirectory(prefix="sop-doc-") as workdir:
        layout = read_docx(convert_to_docx(path, Path(workdir)))
    layout.source_format = "doc"
    return layout


def convert_to_docx(path: Path, workdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ExtractionError(
            "reading .doc files needs LibreOffice (the 'soffice' command), which is not installed; "
            "install it or save the file as .docx in Word"
        )
    # A private LibreOffice profile per conversion, so parallel runs do not lock each other out.
    command = [
        soffice,
        f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(workdir),
        str(path.resolve()),
    ]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=CONVERSION_TIMEOUT_S)
    except subprocess.TimeoutExpired as error:
        raise ExtractionError(
            f"LibreOffice did not finish converting the .doc file within {CONVERSION_TIMEOUT_S} s; "
            "the file may be damaged: open it in Word and save it as .docx"
        ) from error
    converted = workdir / (path.stem + ".docx")
    if completed.returncode != 0 or not converted.exists():
        detail = (completed.stderr or completed.stdout).strip().splitlines()
        reason = f" ({detail[-1]})" if detail else ""
        raise ExtractionError(
            f"LibreOffice could not convert the .doc file{reason}; it may be damaged: "
            "open it in Word and save it as .docx"
        )
    return converted
