"""Rule catalogue: problems of one SOP found in its normalized rows.

Messages are in Bahasa Indonesia, for the analysts. Severity policy: `error` when the SOP
is wrong or unusable as printed (numbering, impossible dates or NIP, missing durations),
`warning` when something required is missing or doubtful, `info` for what to check by eye.
"""
from __future__ import annotations

import json
import re
from collections import Counter

from rapidfuzz.fuzz import ratio

from pipeline.normalize.agency import canonical_agency, official_region, region_pattern, regions
from pipeline.validate.bands import implausible_duration


# Identity fields PermenPAN-RB 35/2012 requires; a date of entry into force may be printed
# as Tanggal Efektif or as Tanggal Pengesahan.
REQUIRED_FIELDS = {
    "sop_number": "Nomor SOP",
    "created_date": "Tanggal Pembuatan",
    "effective_date": "Tanggal Efektif/Pengesahan",
    "approved_by": "Disahkan oleh",
    "sop_title": "Nama SOP",
    "legal_basis": "Dasar Hukum",
    "qualifications": "Kualifikasi Pelaksana",
    "equipment": "Peralatan/Perlengkapan",
    "warning": "Peringatan",
    "records": "Pencatatan dan Pendataan",
}
DATE_LABELS = {"created_date": "Tanggal Pembuatan", "revised_date": "Tanggal Revisi",
               "effective_date": "Tanggal Efektif", "approved_date": "Tanggal Pengesahan"}
# Accepted spellings of the standard headings (two of one role may be joined by a slash); a
# heading close to one of them but not equal is a misprint ("Mutu Buku").
STANDARD_HEADINGS = {
    "mutu_baku": ["mutu baku"],
    "activity": ["kegiatan", "uraian kegiatan", "aktivitas", "aktifitas", "uraian"],
    "requirements": ["kelengkapan", "persyaratan"],
    "output": ["output", "keluaran", "hasil"],
    "notes": ["ket", "keterangan", "catatan", "ket."],
    "actors_group": ["pelaksana"],
}


# A part of the SOP number left for later: empty, or only a placeholder printed in its place
# ("800/     /BKD", "065/____/ORG", "800/..../BKD", "800/…/BKD").
BLANK_PART = r"[\s_.…·\-–—]*"
INCOMPLETE_NUMBER = re.compile(rf"^{BLANK_PART}/|/{BLANK_PART}/|/{BLANK_PART}$")

FIELD_LABELS = {"step_no": "No", "activity": "Kegiatan", "requirements": "Kelengkapan", "duration_text": "Waktu",
                "output": "Output", "notes": "Keterangan", "actors": "Pelaksana",
                "sop_number": "Nomor SOP", "sop_title": "Nama SOP", "approved_by": "Disahkan oleh",
                "signatory_name": "nama penandatangan", "signatory_nip": "NIP penandatangan",
                "signatory_rank": "pangkat penandatangan", "legal_basis": "Dasar Hukum",
                "qualifications": "Kualifikasi Pelaksana", "related_sops": "Keterkaitan",
                "equipment": "Peralatan/Perlengkapan", "warning": "Peringatan",
                "records": "Pencatatan dan Pendataan", **DATE_LABELS}
# What to look at on the page when a finding rests on a reading that may be wrong.
CHECK_BY_EYE = "Dibaca dari pindaian (OCR) dan mungkin salah baca; periksa {what} pada dokumen aslinya."


def finding(document: dict, rule: str, severity: str, message: str,
            step_no: int | None = None, field: str | None = None, uncertain: bool = False) -> dict:
    return {"source_file": document["source_file"], "sop_index": document.get("sop_index", 1), "rule": rule,
            "severity": severity, "step_no": step_no, "field": field, "message": message, "uncertain": uncertain}


def doubtful(document: dict, field: str) -> bool:
    return field in (document.get("uncertain_fields") or [])


def uncertain_finding(document: dict, rule: str, severity: str, message: str, what: str,
                      uncertain: bool, **where) -> dict:
    """A finding that, when it rests on a doubtful reading, is at most a warning and says what
    to check by eye: the SOP may be right and the reading wrong."""
    if not uncertain:
        return finding(document, rule, severity, message, **where)
    severity = "warning" if severity == "error" else severity
    return finding(document, rule, severity, f"{message} {CHECK_BY_EYE.format(what=what)}", uncertain=True, **where)


def is_blank(value) -> bool:
    """Nothing, or a text without a letter or digit: a dash for an empty box, or the specks and
    rules OCR reads in an empty cell ("|", ".", "_")."""
    if isinstance(value, (list, tuple)):  # a list box holding only a dash lists nothing
        return all(is_blank(item) for item in value)
    return value is None or (isinstance(value, str) and not re.search(r"[^\W_]", value))


def identity_findings(document: dict) -> list[dict]:
    found = []
    for field, label in REQUIRED_FIELDS.items():
        value = document.get(field)
        if field in DATE_LABELS:  # a date printed but not understood is not missing: DATE_INVALID says so
            value = value or document.get(f"{field}_text")
        boxes = [field]
        if field == "effective_date":
            value = value or document.get("approved_date") or document.get("approved_date_text")
            boxes.append("approved_date")
        # a box holding writing OCR could not read is not empty: READING_UNCERTAIN says so
        if is_blank(value) and not any(doubtful(document, box) for box in boxes):
            found.append(finding(document, "IDENTITY_FIELD_MISSING", "warning",
                                 f"Identitas SOP tidak memuat {label}.", field=field))
    number = document.get("sop_number")
    if number and INCOMPLETE_NUMBER.search(number):
        found.append(finding(document, "SOP_NUMBER_INCOMPLETE", "warning",
                             f"Nomor SOP tidak lengkap: \"{number}\" (ada bagian yang kosong).",
                             field="sop_number"))
    return found


def date_findings(document: dict) -> list[dict]:
    found = []
    for field, label in DATE_LABELS.items():
        printed = document.get(f"{field}_text")
        if not is_blank(printed) and document.get(field) is None:
            found.append(uncertain_finding(document, "DATE_INVALID", "error",
                                           f"{label} \"{printed}\" bukan tanggal yang sah.",
                                           f"tulisan {label}", doubtful(document, field), field=field))
    # an SOP is approved and takes effect after it is made, and takes effect once approved
    for earlier, later in (("created_date", "revised_date"), ("approved_date", "effective_date"),
                           ("created_date", "effective_date"), ("created_date", "approved_date")):
        a, b = document.get(earlier), document.get(later)
        if a and b and b[: len(a)] < a[: len(b)]:
            found.append(uncertain_finding(
                document, "DATE_ORDER", "error",
                f"{DATE_LABELS[later]} ({b}) lebih awal dari {DATE_LABELS[earlier]} ({a}).",
                f"{DATE_LABELS[earlier]} dan {DATE_LABELS[later]}",
                doubtful(document, earlier) or doubtful(document, later), field=later))
    return found


def signatory_findings(document: dict) -> list[dict]:
    printed = document.get("signatory_nip_text")
    if is_blank(printed):
        return []
    if document.get("signatory_nip") is None or document.get("signatory_nip_valid") is False:
        return [uncertain_finding(document, "NIP_INVALID", "error",
                                  f"NIP penandatangan \"{printed}\" tidak sah (harus 18 digit dengan tanggal "
                                  "lahir dan TMT yang mungkin).", "setiap digit NIP penandatangan",
                                  doubtful(document, "signatory_nip"), field="signatory_nip")]
    return []


def reading_findings(document: dict) -> list[dict]:
    """Identity values read with low confidence, to be checked by eye (a wrong digit in a date
    or NIP may still look valid)."""
    found = []
    for field in document.get("uncertain_fields") or []:
        if field == "actors":
            continue
        label = FIELD_LABELS.get(field, field)
        printed = document.get(f"{field}_text") or document.get(field)
        if is_blank(printed):
            found.append(finding(document, "READING_UNCERTAIN", "info",
                                 f"Kotak {label} berisi tulisan (tangan, atau tertutup cap) yang tidak terbaca "
                                 f"oleh OCR; periksa isi {label} pada dokumen aslinya.", field=field, uncertain=True))
        else:
            found.append(finding(document, "READING_UNCERTAIN", "info",
                                 f"{label} terbaca samar oleh OCR (\"{printed}\"); periksa dengan dokumen aslinya.",
                                 field=field, uncertain=True))
    if "actors" in (document.get("uncertain_fields") or []):
        found.append(finding(document, "READING_UNCERTAIN", "info",
                             "Judul kolom pelaksana tidak terbaca dari berkas; kolom diberi nama menurut "
                             f"urutannya ({', '.join(document.get('actors') or [])}). Periksa nama pelaksana "
                             "pada dokumen aslinya.", field="actors", uncertain=True))
    return found


def letters_only(text: str) -> str:
    """Words of a heading without punctuation."""
    return " ".join(re.findall(r"[a-z]+", text.casefold()))


def ocr_split_of(name: str, spellings: set[str]) -> bool:
    """A standard spelling read with a word split ("out put", "keleng kapan"): OCR reads a wide
    gap between letters, or a line break in a narrow column, as a space."""
    return " " in name and name.replace(" ", "") in {spelling.replace(" ", "") for spelling in spellings}


def ocr_dropout_of(name: str, spellings: set[str]) -> bool:
    """A standard spelling read with letters lost as spaces ("kel ngkapan", "kelengk pan"): OCR
    drops a faint letter so; a misprint replaces or adds one ("mutu buku")."""
    if " " not in name:
        return False
    pattern = re.compile("(?: |[a-z])".join(re.escape(part) for part in name.split(" ")))
    return any(pattern.fullmatch(spelling) for spelling in spellings)


def heading_findings(document: dict) -> list[dict]:
    headings = json.loads(document.get("headings") or "{}")
    found = []
    for role, accepted in STANDARD_HEADINGS.items():
        printed = headings.get(role)
        if not printed:
            continue
        spellings = {letters_only(a) for a in accepted}
        # "Aktivitas/Kegiatan": each name joined by a slash (scans misread "/" as "!") is checked
        names = [name for name in (letters_only(part) for part in re.split(r"[/!|]", printed)) if name]
        if all(name in spellings or ocr_split_of(name, spellings) or ocr_dropout_of(name, spellings)
               for name in names):
            continue
        if all(max(ratio(name, spelling) for spelling in spellings) >= 70 for name in names):
            found.append(uncertain_finding(
                document, "HEADING_NONSTANDARD", "warning",
                f"Judul kolom \"{printed}\" tidak baku (seharusnya \"{accepted[0].title()}\").",
                "ejaan judul kolom", bool(document.get("read_by_ocr")), field="headings"))
    return found


def misread_numbers(steps: list[dict]) -> dict[int, int]:
    """seq -> the number expected, for OCR-read step numbers that break a sequence their
    neighbouring rows continue ("1 2 8 4": the 8 is a misread 3). A printed typo in a
    born-digital file is what it says, so only OCR readings are doubted."""
    numbered = [s for s in steps if s.get("step_no") is not None]
    misread = {}
    for index, step in enumerate(numbered):
        if step.get("ocr_confidence") is None:
            continue
        before = numbered[index - 1]["step_no"] if index > 0 else None
        after = numbered[index + 1]["step_no"] if index + 1 < len(numbered) else None
        if before is not None and after is not None:
            expected = before + 1 if after == before + 2 else None
        elif after is not None:  # the first row
            expected = after - 1 if len(numbered) > 2 and numbered[index + 2]["step_no"] == after + 1 else None
        elif before is not None:  # the last row
            expected = before + 1 if index > 1 and numbered[index - 2]["step_no"] == before - 1 else None
        else:
            expected = None
        if expected is not None and expected > 0 and step["step_no"] != expected:
            misread[step["seq"]] = expected
    return misread


def missing_from(numbers, number: int) -> bool:
    """Is the number missing inside the range of the numbers?"""
    return number not in numbers and min(numbers) <= number <= max(numbers) or 0 < number < min(numbers)


def numbering_findings(document: dict, steps: list[dict]) -> list[dict]:
    numbers = [s["step_no"] for s in steps if s.get("step_no") is not None]
    if not numbers:
        return []
    misread = misread_numbers(steps)
    # read as the sequence suggests: a gap or duplicate that vanishes then rests on a misreading
    corrected = Counter(misread.get(s["seq"], s["step_no"]) for s in steps if s.get("step_no") is not None)
    low_confidence = {s["step_no"] for s in steps if "step_no" in (s.get("uncertain_fields") or [])}
    what = "nomor langkah pada kolom No"
    found = []
    for step in steps:
        if step["seq"] in misread:
            found.append(finding(document, "READING_UNCERTAIN", "info",
                                 f"Langkah ke-{step['seq']}: nomor terbaca {step['step_no']}, tetapi urutan di "
                                 f"sekitarnya menunjukkan {misread[step['seq']]}; periksa dengan dokumen aslinya.",
                                 step_no=step["step_no"], field="step_no", uncertain=True))
    for number, count in sorted(Counter(numbers).items()):
        if count > 1:
            found.append(uncertain_finding(document, "STEP_NUMBER_DUPLICATE", "error",
                                           f"Nomor langkah {number} dipakai {count} kali.", what,
                                           corrected[number] < 2 or number in low_confidence, step_no=number))
    present = set(numbers)
    for number in range(min(min(numbers), 1), max(numbers)):
        if number not in present and number > 0:
            found.append(uncertain_finding(document, "STEP_NUMBER_GAP", "error",
                                           f"Langkah nomor {number} tidak ada (penomoran melompat).", what,
                                           not missing_from(corrected, number) or bool(low_confidence),
                                           step_no=number))
    return found


def step_findings(document: dict, steps: list[dict]) -> list[dict]:
    headings = json.loads(document.get("headings") or "{}")
    # Where most steps show their actor, the format kept the symbols: a step without one
    # lacks it in the document itself.
    marks_kept = sum(1 for s in steps if s.get("actors")) * 2 > len(steps)
    scanned = bool(document.get("read_by_ocr"))
    found = []
    for step in steps:
        number = step.get("step_no")
        where = f"Langkah {number}" if number is not None else f"Langkah ke-{step['seq']}"
        problem = step.get("duration_problem")
        duration_doubtful = "duration_text" in (step.get("uncertain_fields") or [])
        waktu = f"isi kolom Waktu {where.lower()}"
        # a Waktu read in doubt, or written but not read, is to be checked (READING_UNCERTAIN
        # below), not taken for the SOP's own fault
        if "duration" in headings and problem == "missing" and not duration_doubtful:
            found.append(finding(document, "DURATION_MISSING", "error",
                                 f"{where}: Mutu Baku Waktu tidak diisi.", step_no=number))
        elif problem == "unparseable" and not duration_doubtful:
            found.append(finding(document, "DURATION_UNPARSEABLE", "warning",
                                 f"{where}: waktu \"{step.get('duration_text')}\" tidak dapat diukur.", step_no=number))
        band = implausible_duration(step.get("activity") or "", step.get("duration_minutes"),
                                    step.get("duration_text"), step.get("requirements"))
        if band:
            found.append(uncertain_finding(document, "DURATION_IMPLAUSIBLE", "warning",
                                           f"{where}: waktu \"{step.get('duration_text')}\" tidak wajar untuk "
                                           f"kegiatan {band}.", waktu, duration_doubtful, step_no=number))
        if marks_kept and not step.get("actors"):
            # on a scan a faint or broken symbol may have been missed
            found.append(uncertain_finding(document, "ACTOR_MISSING", "error",
                                           f"{where}: tidak ada pelaksana yang ditandai.",
                                           f"apakah ada simbol samar di kolom Pelaksana {where.lower()}",
                                           scanned, step_no=number))
        for field in step.get("uncertain_fields") or []:
            column = FIELD_LABELS.get(field, field)
            if is_blank(step.get(field)):
                message = (f"{where}: kolom {column} berisi tulisan yang tidak terbaca oleh OCR; "
                           f"periksa isi kolom {column} pada dokumen aslinya.")
            elif field == "duration_text" and problem == "unparseable":
                message = (f"{where}: waktu terbaca \"{step.get('duration_text')}\" dan tidak dapat diukur, "
                           f"mungkin salah baca OCR; periksa isi kolom {column} pada dokumen aslinya.")
            else:
                message = f"{where}: teks kolom {column} terbaca samar oleh OCR; periksa dengan dokumen aslinya."
            found.append(finding(document, "READING_UNCERTAIN", "info", message, step_no=number, field=field,
                                 uncertain=True))
        if "output" in headings and is_blank(step.get("output")) and "output" not in (step.get("uncertain_fields") or []):
            found.append(finding(document, "OUTPUT_MISSING", "warning",
                                 f"{where}: Output tidak diisi.", step_no=number))
    return found


# Where an SOP names the bodies it works with, as its own text. Dasar Hukum is left out: laws
# and regulations legitimately name other regions (a province's Perda, a region's founding act).
OWN_TEXT_FIELDS = ("sop_title", "approved_by", "qualifications", "related_sops", "equipment", "warning", "records")
STEP_TEXT_FIELDS = ("activity", "requirements", "output", "notes")
LOCAL_KINDS = {"Kabupaten", "Kota"}
SAME_NAME = 85  # rapidfuzz ratio at which two printed region or unit names are one (OCR misreadings)
# Words that end a region's name in running text ("Kabupaten Kampar pada tahun ...") or make
# the mention no name at all ("kabupaten setempat", "kota lain").
NOT_NAME_WORDS = {"pada", "dan", "yang", "di", "ke", "dari", "untuk", "dengan", "sesuai", "serta", "atau", "oleh",
                  "dalam", "tahun", "nomor", "setempat", "lain", "lainnya", "tersebut", "terkait", "masing-masing",
                  "se", "sebagai", "agar", "melalui", "kepada", "bagi"}


def region_mentions(text: str) -> list[tuple[str, str]]:
    """(kind, official name) of every region a text names: "Kabupaten Kampar", "Kota Cimahi",
    "Provinsi Sumatera Utara". In mixed-case text a name runs over its capitalized words."""
    found = []
    mixed_case = not text.isupper()
    position = 0
    while match := region_pattern().search(text, position):
        kind = regions()["kinds"][match["kind"].lower()]
        name_words, position = [], match.end()
        for word in re.finditer(r"\S+", match["name"]):
            bare = word[0].strip(".,;:()")
            if (bare.lower() in NOT_NAME_WORDS or bare.lower() in regions()["kinds"]
                    or (mixed_case and not bare[:1].isupper())):
                position = match.start("name") + word.start()  # the rest may name another region
                break
            name_words.append(bare)
        if name_words:
            found.append((kind, official_region(" ".join(name_words))))
    return found


def one_name(a: str, b: str) -> bool:
    a, b = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    return a == b or ratio(a, b) >= SAME_NAME


def is_another_region(own_kind: str, own_name: str, kind: str, name: str) -> bool:
    """A region of the SOP's own level that is not its own: another kabupaten or kota in a
    kabupaten's or kota's SOP, another province in a province's. A province named in a
    kabupaten's SOP is the one above it; the kabupaten a province's SOP names are below it."""
    same_level = (kind in LOCAL_KINDS and own_kind in LOCAL_KINDS) or (kind == own_kind == "Provinsi")
    return same_level and not one_name(own_name, name)


def unit_kind(unit: str | None) -> str:
    """The kind of unit: its first word ("Dinas", "Badan", "Kecamatan")."""
    return (unit or "").split(" ", 1)[0].casefold()


def other_agency_findings(document: dict, steps: list[dict]) -> list[dict]:
    """Another agency's region or unit named as the SOP's own: the SOP (or part of it) was
    likely copied from another agency's and not adapted. A region is checked in the identity
    and the steps; a unit (another Dinas for a Dinas) in who approves the SOP."""
    own_kind, own_name, own_unit, approved_by = (value if isinstance(value := document.get(field), str) else None
                                                 for field in ("agency_region_kind", "agency_region_name",
                                                               "agency_unit", "approved_by"))
    uncertain = bool(document.get("read_by_ocr"))
    found, reported = [], set()

    def check(text, where: str, **at) -> None:
        for value in (text if isinstance(text, (list, tuple)) else [text]):
            if not isinstance(value, str) or not own_kind or not own_name:
                continue
            for kind, name in region_mentions(value):
                if is_another_region(own_kind, own_name, kind, name) and (name, where) not in reported:
                    reported.add((name, where))
                    found.append(uncertain_finding(
                        document, "OTHER_AGENCY_NAMED", "warning",
                        f"{where} menyebut {kind} {name}, padahal SOP ini milik {own_kind} {own_name}: "
                        "mungkin disalin dari SOP instansi lain tanpa disesuaikan.",
                        f"nama daerah pada {where.lower()}", uncertain, **at))

    for field in OWN_TEXT_FIELDS:
        check(document.get(field), FIELD_LABELS.get(field, field), field=field)
    for step in steps:
        number = step.get("step_no")
        where = f"Langkah {number}" if number is not None else f"Langkah ke-{step['seq']}"
        for field in STEP_TEXT_FIELDS:
            check(step.get(field), where, step_no=number, field=field)
    approver = canonical_agency(approved_by).unit if approved_by else None
    if (own_unit and approver and unit_kind(own_unit) == unit_kind(approver)
            and approver.casefold() not in own_unit.casefold() and own_unit.casefold() not in approver.casefold()
            and not one_name(own_unit, approver)):
        found.append(uncertain_finding(
            document, "OTHER_AGENCY_NAMED", "warning",
            f"SOP ini milik {own_unit}, tetapi disahkan oleh pimpinan {approver}: mungkin disalin dari SOP "
            "instansi lain tanpa disesuaikan.", "nama instansi pada Disahkan oleh", uncertain, field="approved_by"))
    return found


def document_findings(document: dict, steps: list[dict]) -> list[dict]:
    if document.get("status") == "partial":
        return (identity_findings(document) + date_findings(document) + signatory_findings(document)
                + reading_findings(document)
                + [finding(document, "FLOWCHART_MISSING", "warning",
                           "SOP tidak memuat tabel diagram alir (flowchart); langkah-langkahnya hanya "
                           "terbaca sebagai teks bernomor, tanpa pelaksana.")])
    return (identity_findings(document) + date_findings(document) + signatory_findings(document)
            + reading_findings(document) + heading_findings(document) + numbering_findings(document, steps)
            + step_findings(document, steps) + other_agency_findings(document, steps))
