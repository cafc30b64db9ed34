"""Broken and hostile files: each becomes a failed row with a reason, and nothing leaks."""
import shutil
import zipfile
from pathlib import Path


from pipeline.batch import run_batch
from pipeline.inputs import BatchOptions, discover

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
    assert row["status"] == "failed" and "bom zip" in row["error"]


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
    assert rows["truncated.docx"]["status"] == "failed" and "rusak atau terpotong" in rows["truncated.docx"]["error"]
    assert rows["empty.pdf"]["status"] == "failed" and "kosong" in rows["empty.pdf"]["error"]
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
    assert row["status"] == "failed" and "apakah ini dokumen SOP" in row["error"]


GOOD_PDF = Path(__file__).parent / "fixtures" / "pdf" / "sop_d014.pdf"


def test_password_protected_pdf_fails_asking_for_an_unprotected_copy(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(GOOD_PDF))
    writer.encrypt(user_password="rahasia", owner_password="pemilik")
    writer.write(tmp_path / "terkunci.pdf")
    shutil.copy(GOOD_PDF, tmp_path / "terbuka.pdf")
    rows = run_folder(tmp_path)
    assert rows["terkunci.pdf"]["status"] == "failed" and "kata sandi" in rows["terkunci.pdf"]["error"]
    assert rows["terbuka.pdf"]["status"] == "ok"


def test_a_pdf_of_hundreds_of_pages_is_refused_as_a_compilation(tmp_path):
    import pypdfium2

    source = pypdfium2.PdfDocument(GOOD_PDF)
    compilation = pypdfium2.PdfDocument.new()
    while len(compilation) < 500:
        compilation.import_pages(source)
    compilation.save(tmp_path / "kumpulan sop.pdf")
    row = run_folder(tmp_path)["kumpulan sop.pdf"]
    assert row["status"] == "failed"
    assert "500 halaman" in row["error"] and "pisahkan menjadi satu berkas per SOP" in row["error"]


def png_of_blank_paper(width: int, height: int) -> bytes:
    """A valid PNG of white pixels: a few hundred kilobytes that decode to width x height bytes."""
    import struct
    import zlib

    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def test_decompression_bomb_image_is_refused_before_it_is_decoded(tmp_path):
    (tmp_path / "bom.png").write_bytes(png_of_blank_paper(20_000, 20_000))  # 400 megapixels
    row = run_folder(tmp_path)["bom.png"]
    assert row["status"] == "failed"
    assert "bom dekompresi" in row["error"] and "perkecil" in row["error"]


def test_multi_page_tiff_over_the_pixel_budget_is_refused(tmp_path):
    from PIL import Image

    page = Image.new("L", (9_000, 9_000), 255)  # 81 megapixels a page, 243 over three
    page.save(tmp_path / "arsip.tif", save_all=True, append_images=[page, page], compression="tiff_deflate")
    row = run_folder(tmp_path)["arsip.tif"]
    assert row["status"] == "failed" and "pada 3 halaman" in row["error"]
