"""Broken and hostile files: each becomes a failed row with a reason, and nothing leaks."""
import shutil
import zipfile
from pathlib import Path

import pytest

from pipeline.batch import BatchOptions, discover, run_batch

DOCX_FIXTURES = Path(__file__).parent / "fixtures" / "docx"
GOOD_DOCX = next(DOCX_FIXTURES.glob("*.docx"))
GOOD_TXT = Path(__file__).parent / "fixtures" / "txt" / "sop_d005.txt"


def rewrite_docx(source: Path, target: Path, replace: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in original.infolist():
            copy.writestr(entry, replace.get(entry.filename, original.read(entry.filename)))


def run_folder(folder: Path) -> dict[str, dict]:
    result = run_batch(discover([folder]), BatchOptions(workers=2, timeout=60, memory_mb=2048))
    assert len(result.documents) == len(list(p for p in folder.rglob("*") if p.is_file()))
    return {d["source_file"]: d for d in result.documents}


def test_zip_bomb_in_a_docx_is_refused_unopened(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(GOOD_DOCX) as original, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in original.infolist():
            copy.writestr(entry, original.read(entry.filename))
        copy.writestr("word/media/padding.bin", b"\0" * (400 << 20))
    row = run_folder(tmp_path)["bomb.docx"]
    assert row["status"] == "failed" and "zip bomb" in row["error"]


def test_external_entities_in_docx_xml_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    with zipfile.ZipFile(GOOD_DOCX) as original:
        xml = original.read("word/document.xml").decode("utf-8")
    head, body = xml.split("?>", 1)
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    body = body.replace("<w:t>", "<w:t>&xxe;", 1)
    folder = tmp_path / "in"
    folder.mkdir()
    rewrite_docx(GOOD_DOCX, folder / "xxe.docx", {"word/document.xml": (head + "?>" + doctype + body).encode()})
    result = run_batch(discover([folder]), BatchOptions(workers=1, timeout=60))
    assert "TOP-SECRET-CONTENT" not in repr(result.documents + result.steps + result.findings)


def test_entity_expansion_bomb_does_not_expand(tmp_path):
    with zipfile.ZipFile(GOOD_DOCX) as original:
        xml = original.read("word/document.xml").decode("utf-8")
    head, body = xml.split("?>", 1)
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    body = body.replace("<w:t>", "<w:t>&a9;", 1)
    folder = tmp_path / "in"
    folder.mkdir()
    rewrite_docx(GOOD_DOCX, folder / "laughs.docx",
                 {"word/document.xml": (head + "?>" + f"<!DOCTYPE w:document [{entities}]>" + body).encode()})
    rows = run_folder(folder)
    assert "lollollol" not in repr(rows)


def test_truncated_and_empty_and_mislabelled_files_fail_with_reasons(tmp_path):
    data = GOOD_DOCX.read_bytes()
    (tmp_path / "truncated.docx").write_bytes(data[: len(data) // 2])
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "noise.png").write_bytes(b"this is plain text, not an image")
    shutil.copy(GOOD_DOCX, tmp_path / "really a docx.txt")  # wrong extension: read by content
    rows = run_folder(tmp_path)
    assert rows["truncated.docx"]["status"] == "failed" and "corrupt or truncated" in rows["truncated.docx"]["error"]
    assert rows["empty.pdf"]["status"] == "failed" and "empty" in rows["empty.pdf"]["error"]
    assert rows["noise.png"]["status"] == "failed" and rows["noise.png"]["error"]
    assert rows["really a docx.txt"]["status"] == "ok"


def test_a_word_file_that_is_not_an_sop_is_reported_as_such(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Undangan rapat koordinasi")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Nama"
    table.cell(0, 1).text = "Jabatan"
    document.save(tmp_path / "undangan.docx")
    row = run_folder(tmp_path)["undangan.docx"]
    assert row["status"] == "failed" and "is this an SOP" in row["error"]
