"""What an analyst reads in `documents.error`: a sentence about the file, in Bahasa Indonesia.

The readers raise ExtractionError with English reasons (their tests and logs use them); they
are put into Indonesian here, where a failed or partial row is made. A reason not known here
gets a general sentence (the English one goes to the log), never an exception's text.
"""
from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

GENERAL_REASON = "Berkas tidak dapat dibaca sebagai SOP; berkas mungkin rusak. Buka dan simpan ulang berkasnya."
REOPEN_WORD = "buka dan simpan ulang di Word"
SCALE_DOWN = "mungkin bom dekompresi, atau pindaian beresolusi terlalu tinggi: perkecil (300 dpi sudah cukup)"
INSTALL_OCR = "pasang Tesseract OCR dengan bahasa Indonesia (apt-get install tesseract-ocr tesseract-ocr-ind)"

# (pattern of the English reason, its Indonesian sentence: {1}, {2}... are the pattern's groups)
TRANSLATIONS: list[tuple[re.Pattern, str]] = [(re.compile(pattern, re.IGNORECASE), sentence) for pattern, sentence in [
    (r"^the file is empty", "Berkas kosong (0 byte)."),
    (r"^the content is not a known format",
     "Isi berkas bukan format yang dikenali (docx, doc, PDF, PNG, JPEG, TIFF, atau teks); berkas mungkin rusak "
     "atau bukan dokumen SOP."),
    (r"^this is a binary file",
     "Isi berkas bukan teks dan bukan format yang dikenali; berkas mungkin rusak atau ekstensinya salah."),
    (r"^the text is neither UTF-8", "Teks berkas tidak berpengodean UTF-8 maupun Windows-1252; simpan ulang sebagai UTF-8."),
    (r"^the PDF has (\d+) pages, more than the (\d+)",
     "PDF ini berisi {1} halaman, lebih dari {2} halaman yang wajar untuk satu SOP; bila ini kumpulan SOP, "
     "pisahkan menjadi satu berkas per SOP (mis. qpdf --split-pages)."),
    (r"password-protected or an old Word",
     "Berkas dilindungi kata sandi, atau dokumen Word 97-2003 lama yang disimpan sebagai .docx; hapus kata "
     "sandinya atau simpan ulang sebagai .docx di Word."),
    (r"not a Word document \(not a valid \.docx zip\)",
     f"Berkas bukan dokumen Word yang utuh (arsip .docx rusak atau terpotong); {REOPEN_WORD}."),
    (r"zip archive but not a Word document",
     "Berkas berupa arsip zip tetapi bukan dokumen Word (mungkin Excel atau PowerPoint); simpan SOP sebagai .docx."),
    (r"^the Word file is damaged", f"Berkas Word rusak dan tidak dapat dibaca; {REOPEN_WORD}."),
    (r"^the Word file would unpack to (\d+) MB",
     "Berkas Word akan mengembang menjadi {1} MB saat dibuka (bom zip atau berkas rusak); berkas tidak dibuka."),
    (r"^the Word file is password-protected", "Berkas Word dilindungi kata sandi; hapus kata sandinya dan simpan ulang."),
    (r"needs LibreOffice",
     "Membaca berkas .doc memerlukan LibreOffice (perintah 'soffice') yang belum terpasang; pasang LibreOffice "
     "atau simpan berkas sebagai .docx di Word."),
    (r"LibreOffice did not finish converting the \.doc file within (\d+)",
     "LibreOffice tidak selesai mengonversi berkas .doc dalam {1} detik; berkas mungkin rusak: buka di Word "
     "dan simpan sebagai .docx."),
    (r"LibreOffice could not convert",
     "LibreOffice tidak dapat mengonversi berkas .doc; berkas mungkin rusak: buka di Word dan simpan sebagai .docx."),
    (r"^no SOP flowchart table found",
     "Tidak ditemukan tabel diagram alir SOP (tabel dengan kolom 'Kegiatan' atau 'Aktivitas' dan kolom "
     "pelaksana) maupun blok identitas SOP; apakah ini dokumen SOP?"),
    (r"^the identity block was read but no flowchart",
     "Identitas SOP terbaca, tetapi tabel diagram alir tidak ditemukan; langkah diambil dari langkah bernomor "
     "dalam teks, tanpa pelaksana."),
    (r"^the PDF is password-protected", "PDF dilindungi kata sandi; simpan salinan tanpa kata sandi lalu coba lagi."),
    (r"not a readable PDF", "Berkas bukan PDF yang dapat dibaca (rusak, terpotong, atau bukan PDF sama sekali)."),
    (r"^the PDF could not be opened", "PDF tidak dapat dibuka; berkas mungkin rusak atau dilindungi kata sandi."),
    (r"^the PDF has no pages", "PDF tidak memiliki halaman."),
    (r"^page (\d+) of the PDF is damaged", "Halaman {1} PDF rusak dan tidak dapat dibaca."),
    (r"^the image could not be decoded",
     "Gambar tidak dapat dibaca; berkas mungkin rusak atau bukan PNG, JPEG, atau TIFF."),
    (r"^the image is too large to decode safely", f"Gambar terlalu besar untuk dibaca dengan aman; {SCALE_DOWN}."),
    (r"^the image holds ([\d,.]+) million pixels( over \d+ pages)?, more than the ([\d,.]+) million",
     "Gambar berisi {1} juta piksel{2}, lebih dari {3} juta yang dapat dibaca dengan aman; " + SCALE_DOWN + "."),
    (r"^Tesseract OCR is not installed",
     f"Tesseract OCR belum terpasang sehingga pindaian dan gambar tidak dapat dibaca; {INSTALL_OCR}."),
    (r"^Tesseract OCR lacks the Indonesian", f"Tesseract OCR tidak memiliki data bahasa Indonesia; {INSTALL_OCR}."),
]]


def in_indonesian(reason: str) -> str:
    """A reader's English reason as the Indonesian sentence an analyst reads."""
    for pattern, sentence in TRANSLATIONS:
        found = pattern.search(reason)
        if found:
            groups = [part if part is not None else "" for part in found.groups()]
            return sentence.format(None, *(translated_detail(part) for part in groups))
    log.warning("no Indonesian sentence for the reason %r; a general one is shown", reason)
    return GENERAL_REASON


def translated_detail(part: str) -> str:
    """A piece of an English reason kept in the sentence: numbers as written in Indonesian."""
    match = re.fullmatch(r" over (\d+) pages", part)
    if match:
        return f" pada {match.group(1)} halaman"
    return part.replace(",", ".") if re.fullmatch(r"[\d,]+", part) else part


# The batch's own reasons.
def timed_out(seconds: float) -> str:
    return (f"Membaca berkas ini melebihi batas waktu {seconds:g} detik per berkas; berkas mungkin sangat besar "
            "atau rusak.")


OUT_OF_MEMORY = ("Membaca berkas ini memerlukan memori lebih dari batas per berkas; berkas mungkin bom "
                 "dekompresi atau terlalu besar.")
UNEXPECTED = ("Berkas tidak dapat dibaca karena kesalahan tak terduga pada pembaca (rinciannya ada di log); "
              "berkas mungkin rusak.")
CLUSTER_LOST = "Klaster Dask tidak dapat memproses berkas ini (pekerjanya hilang?); jalankan ulang."


def crashed(exit_code) -> str:
    return (f"Pembaca berhenti mendadak pada berkas ini (kode keluar {exit_code}; kehabisan memori?); berkas "
            "mungkin rusak atau terlalu besar.")


def cannot_open(reason: str) -> str:
    return f"Berkas tidak dapat dibuka ({reason})."


def too_many_steps(sop_index: int, n_steps: int, limit: int) -> str:
    return (f"SOP ke-{sop_index} berisi {number(n_steps)} baris langkah, lebih dari batas {number(limit)} per SOP; "
            "berkas ini bukan satu SOP (mungkin tabel data atau berkas rusak) dan tidak diproses.")


def too_many_sops(n_sops: int, limit: int) -> str:
    return (f"Berkas berisi {number(n_sops)} SOP, lebih dari batas {number(limit)} per berkas; pisahkan menjadi "
            "beberapa berkas.")


def too_many_file_steps(n_steps: int, limit: int) -> str:
    return (f"Berkas berisi {number(n_steps)} baris langkah, lebih dari batas {number(limit)} per berkas; pisahkan "
            "menjadi beberapa berkas.")


def number(value: int) -> str:
    """50.000, as Indonesian writes thousands."""
    return f"{value:,}".replace(",", ".")


NO_STEPS = ("Tabel diagram alir ditemukan, tetapi tidak ada langkah yang terbaca; periksa berkasnya (mungkin rusak "
            "atau hasil pindaian yang buram).")
NOT_AN_SOP_TEXT = ("Teks berkas terbaca, tetapi tidak tampak seperti SOP (tidak ada identitas maupun langkah yang "
                   "terbaca); berkas mungkin rusak.")
