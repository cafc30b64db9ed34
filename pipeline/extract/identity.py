"""Read the identity block and the signature out of the blocks around the flowchart.

Three layouts occur: "Label : value" paragraphs; a bordered identity table (agency cells at
the left, label | value at the right, then a two-column block Dasar Hukum | Kualifikasi
Pelaksana, Keterkaitan | Peralatan, Peringatan | Pencatatan with labels above their lists);
and none at all (title, flowchart, signature). Values stay as printed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio

from pipeline.extract.reading import mend_misread_words, trace_identity
from pipeline.extract.text import clean_lines, clean_text, fold
from pipeline.model import UNREAD, Block, Cell, Identity, Paragraph, Table
from pipeline.names import title_case_if_all_caps

LABELS: list[tuple[str, str]] = [
    ("sop_number", r"(?:nomor|no\.?)\s*sop"),
    # a bare "Tanggal :" beside the number is the date the SOP was made
    ("created_date", r"tanggal\s+pembuatan|tgl\.?\s*pembuatan|tanggal(?=\s*:)|tgl\.?(?=\s*:)"),
    ("revised_date", r"tanggal\s+revisi|tgl\.?\s*revisi"),
    ("effective_date", r"tanggal\s+(?:efektif|berlaku)|tgl\.?\s*efektif"),
    ("approved_date", r"tanggal\s+(?:pengesahan|disahkan)|tgl\.?\s*pengesahan"),
    ("approved_by", r"disahkan\s+oleh"),
    ("sop_title", r"nama\s+sop|judul\s+sop"),
    ("legal_basis", r"dasar\s+hukum"),
    ("qualifications", r"kualifikasi\s+pelaksana(?:an)?"),
    ("related_sops", r"keterkaitan"),
    ("equipment", r"peralatan\s*/\s*perlengkapan|peralatan(?:\s+dan\s+perlengkapan)?|perlengkapan"),
    ("warning", r"peringatan"),
    ("records", r"pencatatan\s+(?:dan|&)\s+pendataan|pencatatan"),
    ("agency", r"(?:satuan|unit)\s+kerja"),
]
LABEL_AT_START = re.compile(
    r"^\s*(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in LABELS) + r")\b\s*:?\s*",
    re.IGNORECASE,
)
# The labels' usual wordings, for labels printed with a typo ("Tanggal Evektif", "Kualitas
# Pelaksana", "Keterikatan"): a label is matched by similarity to these, word count for word count.
SPELLINGS: list[tuple[str, str]] = [
    ("sop_number", "nomor sop"), ("created_date", "tanggal pembuatan"),
    ("revised_date", "tanggal revisi"), ("effective_date", "tanggal efektif"),
    ("effective_date", "tanggal berlaku"), ("approved_date", "tanggal pengesahan"),
    ("approved_by", "disahkan oleh"), ("sop_title", "nama sop"), ("legal_basis", "dasar hukum"),
    ("qualifications", "kualifikasi pelaksana"), ("related_sops", "keterkaitan"),
    ("equipment", "peralatan perlengkapan"), ("equipment", "peralatan dan perlengkapan"),
    ("warning", "peringatan"), ("records", "pencatatan dan pendataan"),
]
# A label printed longer than its usual words ("Keterkaitan dengan SOP lain :", "Peralatan yang
# digunakan :"): a few more words and a colon that ends the line.
LABEL_GOES_ON = re.compile(r"(?:[^\W\d_][\w./&-]*[ \t]+){0,3}[^\W\d_][\w./&-]*[ \t]*:[ \t]*(?=\n|$)")
SIMILAR_LABEL = 85.0  # rapidfuzz ratio from which a printed label is taken for a known one
SIMILAR_WORD = 88.0  # a one-word label needs more: short words differ by fewer letters
# A line OCR read in doubt (a stamp over it, a photo's blur) has more letters wrong and often
# loses its colon ("Tanggak Revid : ...", "Tanggal Pemibuatan Januari 2022").
SIMILAR_LABEL_IN_DOUBT = 80.0
IN_DOUBT = 60.0  # OCR confidence under which a line is read in doubt (LOW_OCR_CONFIDENCE)
LABEL_START_WORD = 75.0  # likeness of a doubtful line's first word to a label's ("tanggak", "nomar")
# OCR reads an l as ! or | ("Tangga! Efektif"), an S as 5, an O as 0 ("Nomor 5OP"): a word with
# at least one letter may hold them.
LABEL_WORD = re.compile(r"(?:[^\W\d_]|[!|015])*[^\W\d_](?:[^\W\d_]|[!|015])*")
AS_LETTERS = str.maketrans({"!": "l", "|": "l", "1": "l", "0": "o", "5": "s"})
LIST_FIELDS = ("legal_basis", "qualifications", "related_sops", "equipment")
# Lines of the letterhead that are not the agency's name.
NOT_AGENCY = re.compile(
    r"^(jl\.?|jalan|telp|telepon|fax|email|e-mail|website|laman|kode pos|satuan kerja|unit kerja|"
    r"dokumen dasar|standar operasional|standard operating|logo|"
    # the heading of a decree the SOPs are attached to: "LAMPIRAN KEPUTUSAN BUPATI ... NOMOR ... TENTANG ..."
    r"lampiran|keputusan|peraturan|nomor|tentang)\b|@|www\.",
    re.IGNORECASE,
)
TITLE_PREFIX = re.compile(r"(standar operasional(?: prosedur)?|sop)(\s*\(sop\))?\W*", re.IGNORECASE)
TITLE_LINE = re.compile(r"^(sop|standar operasional(?: prosedur)?)\b\s*\S", re.IGNORECASE)
REGION = re.compile(r"\b(provinsi|kabupaten|kab\.|kota(?!\s+tujuan))\s", re.IGNORECASE)
# A misprinted NIP (too few or many digits) is still the NIP: the validator reports it.
NIP = re.compile(r"NIP\.?\s*:?\s*(\d(?:[\s.]*\d){13,21})", re.IGNORECASE)
RANKS = (
    r"pembina\s+utama\s+madya|pembina\s+utama\s+muda|pembina\s+utama|pembina\s+(?:tingkat|tk\.?)\s*i"
    r"|pembina|penata\s+muda\s+(?:tingkat|tk\.?)\s*i|penata\s+muda|penata\s+(?:tingkat|tk\.?)\s*i"
    r"|penata|pengatur\s+muda\s+(?:tingkat|tk\.?)\s*i|pengatur\s+muda|pengatur\s+(?:tingkat|tk\.?)\s*i"
    r"|pengatur|juru\s+muda\s+(?:tingkat|tk\.?)\s*i|juru\s+muda|juru\s+(?:tingkat|tk\.?)\s*i|juru"
)
RANK = re.compile(
    rf"(?<![\w.])(?:{RANKS})\b(?:\s*[,(]?\s*(?:I{{1,3}}|IV)\s*/\s*[a-e]\)?)?", re.IGNORECASE
)
DEGREE = re.compile(r"^\s*,?\s*(?:S\.|SE\b|SH\b|ST\b|SKM\b|SP\b|M\.|MM\b|MT\b|Dr|Drs|Ir|Hj?\.)")
COPY_CERTIFIED = re.compile(r"sesuai\s+dengan\s+(?:yang\s+)?asli", re.IGNORECASE)  # a certified copy's mark
NAME_PREFIX = re.compile(r"(?:^|(?<=\s))(?:Dr|Drs|Dra|Ir|H|Hj)\.")  # academic or hajj title before a name
POSITION_WORDS = set(
    "kepala sekretaris camat lurah direktur ketua plt plh pj. pj kabag kasubbag kasubag kabid "
    "bupati walikota gubernur inspektur sekda sekwan dinas badan biro bagian kantor kecamatan "
    "kelurahan kabupaten kab. kota provinsi dprd daerah sekretariat satuan dan unit pelaksana "
    "teknis bidang seksi sub bps pusat statistik".split()
)


@dataclass
class Collected:
    values: dict[str, list[str]] = field(default_factory=dict)
    unlabelled: list[str] = field(default_factory=list)
    # label -> the value box beside or under it, holding writing OCR made no words of (or the
    # line read in doubt where the label may stand)
    unread: dict[str, Cell | Paragraph] = field(default_factory=dict)

    def add(self, name: str, text: str) -> None:
        if text.strip():
            if name == "agency":
                self.unlabelled.append(text)
            else:
                self.values.setdefault(name, []).append(text)


def match_label(text: str, in_doubt: bool = False) -> tuple[str, int] | None:
    """The label a text starts with and where it ends (after its colon), or None. `in_doubt`:
    the text is a line OCR read in doubt."""
    match = LABEL_AT_START.match(text)
    if match:
        end = match.end()
        if not re.search(r"[:\n]", match.group()):
            longer = LABEL_GOES_ON.match(text, end)
            end = longer.end() if longer else end
        return match.lastgroup, end
    return similar_label(text, in_doubt)


def similar_label(text: str, in_doubt: bool = False) -> tuple[str, int] | None:
    """A label printed with a typo: the text's first words close to a known label's, and
    nothing after them on the line but a colon (a sentence that starts with a similar word
    goes on). On a line read in doubt a label of several words may be a little less alike,
    and its colon lost."""
    words = label_words(text)
    for n in range(len(words), 0, -1):
        ends = r"[ \t]*:?[ \t]*" if in_doubt and n > 1 else r"[ \t]*(:[ \t]*|(?=\n)|$)"
        tail = re.match(ends, text[words[n - 1].end():])
        if tail is None:
            continue
        printed = " ".join(as_letters(w.group(0)) for w in words[:n])
        threshold = SIMILAR_WORD if n == 1 else SIMILAR_LABEL_IN_DOUBT if in_doubt else SIMILAR_LABEL
        for name, spelling in SPELLINGS:
            if spelling.count(" ") + 1 == n and ratio(printed, spelling) >= threshold:
                return name, words[n - 1].end() + tail.end()
    return None


def label_words(text: str) -> list[re.Match[str]]:
    """The first words of a text (up to three) that may make a label: joined by spaces, dots,
    slashes or ampersands."""
    words: list[re.Match[str]] = []
    for word in LABEL_WORD.finditer(text[:60]):
        gap = text[words[-1].end() if words else 0 : word.start()]
        if not re.fullmatch(r"[\s./&]*", gap) or len(words) == 3:
            break
        words.append(word)
    return words


def as_letters(word: str) -> str:
    return word.casefold().translate(AS_LETTERS)


def labels_like(line: str) -> set[str]:
    """The labels a line read in doubt may start with: those whose first word its first word
    is like ("Tanggak ..." may be any date's label)."""
    words = label_words(line)
    if not words:
        return set()
    first = as_letters(words[0].group(0))
    return {name for name, spelling in SPELLINGS
            if spelling.count(" ") and ratio(first, spelling.split()[0]) >= LABEL_START_WORD}


def split_label(text: str, in_doubt: bool = False) -> tuple[str | None, str]:
    found = match_label(text, in_doubt)
    if not found:
        return None, text
    name, end = found
    return name, text[end:]


def split_inline_labels(text: str, in_doubt: bool = False) -> list[tuple[str | None, str]]:
    """A text that holds several 'Label : value' parts (columns flattened into one line)."""
    starts, covered_until = [0], 0
    first = match_label(text, in_doubt)
    if first:
        covered_until = first[1]
    for match in re.finditer(r"(?<=\s)\S", text):
        if match.start() < covered_until:
            continue
        found = match_label(text[match.start():])
        if not found:
            continue
        label_end = match.start() + len(text[match.start():match.start() + found[1]].rstrip(" :\t\n"))
        if re.match(r"\s*(:|1[.)]|\n|$)", text[label_end:]):  # a label, not the same word inside a sentence
            starts.append(match.start())
            covered_until = match.start() + found[1]
    parts = [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]
    return [split_label(part, in_doubt and a == 0) for a, part in zip(starts, parts)]


def collect_paragraphs(paragraphs: list[Paragraph], into: Collected) -> None:
    current: str | None = None
    lines: list[tuple[str, Paragraph, str | None]] = []  # line, its paragraph, the label it starts with
    for paragraph in paragraphs:
        in_doubt = paragraph.confidence is not None and paragraph.confidence < IN_DOUBT
        for line in paragraph.text.splitlines():
            if not line.strip():
                continue
            parts = split_inline_labels(line, in_doubt)
            label, rest = parts[0]
            lines.append((line, paragraph, label))
            if label is None and current and re.match(r"\s*(\d{1,2}[.)]|[-•·]|[a-z])", line):
                into.add(current, line)  # a list item continuing the previous label
                parts = parts[1:]
            for label, rest in parts:
                if label is None:
                    into.unlabelled.append(clean_text(rest))
                    current = None
                else:
                    into.add(label, rest)
                    current = label
                    if paragraph.value_hidden and not rest.strip(" :\t"):  # under a stamp, unread
                        into.unread.setdefault(label, paragraph)
    # A line read in doubt among "Label : value" lines whose label could not be made out (a
    # stamp over it): a label its first word is like, and not printed on another line, may be
    # there, unread, not missing.
    printed = {label for _, _, label in lines}
    for index, (line, paragraph, label) in enumerate(lines):
        if label or paragraph.confidence is None or paragraph.confidence >= IN_DOUBT:
            continue
        if any(lines[i][2] for i in (index - 1, index + 1) if 0 <= i < len(lines)):
            for name in labels_like(line) - printed:
                into.unread.setdefault(name, paragraph)


def collect_table(table: Table, into: Collected, column_label: dict[int, str] | None = None) -> dict[int, str]:
    """Label | value rows, and labels that head the cells below them (two-column block).
    `column_label`: the labels heading the columns where the table was cut by a page break;
    those heading its last rows are returned."""
    column_label = dict(column_label or {})  # labels printed above their content
    for row in table.rows:
        row_label: tuple[int, str] | None = None
        stacked: list[str] = []  # labels stacked in one cell, their values not yet read
        for col, cell in enumerate(row):
            if cell.spanned:  # a merged cell's copy: its text counts once, at its origin
                continue
            if not cell.text.strip() and cell.confidence == UNREAD:
                label = row_label[1] if row_label is not None else label_above(column_label, col)
                if label is not None:
                    into.unread.setdefault(label, cell)
                continue
            parts = split_inline_labels(cell.text) if cell.text.strip() else []
            if stacked and parts and all(label is None for label, _ in parts):
                for label, value in zip(stacked, stacked_values(stacked, clean_lines(cell.text))):
                    into.add(label, value)
                if row_label is not None:
                    column_label.pop(row_label[0], None)  # the values stood beside the labels
                row_label, stacked = (col, stacked[-1]), []
                continue
            labels = [label for label, rest in parts if label is not None]
            if len(labels) > 1 and len(labels) == len(parts) and not any(rest.strip() for _, rest in parts):
                stacked = labels
            for label, rest in parts:
                if label is not None:
                    row_label = (col, label)
                    if rest.strip():
                        column_label.pop(col, None)
                    else:
                        column_label[col] = label
                    into.add(label, rest)
                elif row_label is not None:
                    column_label.pop(row_label[0], None)  # its value is beside it, not below
                    into.add(row_label[1], rest)
                elif (above := label_above(column_label, col)) is not None:
                    # a row across the whole block ("Maksud dan tujuan: ...") is under no label
                    if not reaches_under_another_label(column_label, merged_columns(row, col)):
                        into.add(above, rest)
                else:
                    into.unlabelled.extend(clean_lines(rest))
    return column_label


def stacked_values(labels: list[str], lines: list[str]) -> list[str]:
    """Values stacked line by line in the cell beside labels stacked in one cell (Word users
    type the block as two cells of several lines). A value that wraps belongs to the last
    label (Disahkan oleh, Nama SOP: the long ones)."""
    if len(lines) <= len(labels):
        return lines
    return lines[: len(labels) - 1] + ["\n".join(lines[len(labels) - 1 :])]


def continues_on_next_page(previous: Table | None, table: Table) -> bool:
    """A table cut by a page break: the rest, on the next page, has the same columns, and its
    first rows stand under the labels of the part before."""
    return (previous is not None and previous.page is not None and table.page == previous.page + 1
            and previous.n_cols == table.n_cols)


def label_above(column_label: dict[int, str], col: int) -> str | None:
    """The label heading this column: the nearest one at or left of it (list numbers may
    stand in a column of their own left of the text)."""
    left = [c for c in column_label if c <= col]
    return column_label[max(left)] if left else None


def merged_columns(row: list[Cell], col: int) -> range:
    """The columns a cell covers on its row: its origin and the merged copies right of it."""
    end = col + 1
    while end < len(row) and row[end].spanned and row[end].text == row[col].text:
        end += 1
    return range(col, end)


def reaches_under_another_label(column_label: dict[int, str], columns: range) -> bool:
    """Does a cell stretch under a second label (Peringatan | Pencatatan)? Then it is
    under neither."""
    return any(c in column_label for c in columns[1:])


def list_items(texts: list[str]) -> list[str]:
    """Numbered (or bulleted, or one-per-line) entries, numbering removed.

    A number opens an entry when it is the next in sequence ("1." or "1,"), or when it starts
    a line (numbering printed out of sequence, "1. 2. 2. 3.")."""
    text = "\n".join(t.strip() for t in texts if t.strip()).strip(" :\n")
    if not text or fold(text) in {"-", ""}:
        return []
    pieces, expected, last = [], 1, 0
    for match in re.finditer(r"(?:(?<=\s)|^)(\d{1,2})\s*[.,)]\s+", text):
        at_line_start = match.start() == 0 or text[match.start() - 1] == "\n"
        if int(match.group(1)) == expected or (at_line_start and expected > 1):
            pieces.append((last, match.start()))
            last = match.end()
            expected = int(match.group(1)) + 1
    pieces.append((last, len(text)))
    items = [clean_text(text[a:b]) for a, b in pieces]
    if expected == 1:  # no numbering: one entry per line or bullet
        items = [clean_text(x) for x in re.split(r"\n|(?:^|\s)[-•·]\s", text)]
    return [i.strip(" ;,•·-") .strip() for i in items if i.strip(" ;,•·-")]


def parse_signature(lines: list[str], vocabulary: set[str]) -> dict[str, str | None]:
    """Position, name, pangkat and NIP from a signature block (lines or one joined line)."""
    text = "\n".join(lines)
    result: dict[str, str | None] = {"approved_by": None, "signatory_name": None,
                                     "signatory_rank": None, "signatory_nip": None}
    nip = NIP.search(text)
    if nip:
        result["signatory_nip"] = clean_text(nip.group(1))
        text = text[: nip.start()] + "\n" + text[nip.end():]
    rank = RANK.search(text)
    if rank:
        result["signatory_rank"] = clean_text(rank.group(0))
        text = text[: rank.start()] + "\n" + text[rank.end():]
    remaining = [l for l in (clean_text(x) for x in text.splitlines()) if l and not re.fullmatch(r"ttd\.?|\W*", l, re.I)]
    if not remaining:
        return result
    if len(remaining) > 1:
        name_index = next((i for i in range(len(remaining) - 1, -1, -1) if looks_like_name(remaining[i])), len(remaining) - 1)
        if name_index > 0 or len(remaining) == 1:
            result["signatory_name"] = remaining[name_index]
            result["approved_by"] = clean_text(" ".join(remaining[:name_index])).rstrip(",") or None
            return result
    position, name = split_position_and_name(" ".join(remaining), vocabulary)
    result["approved_by"], result["signatory_name"] = position, name
    return result


def looks_like_name(line: str) -> bool:
    """A name with a degree before it ("Dra.Hella", with or without a space) or after a comma."""
    if NAME_PREFIX.match(line):
        return True
    if "," not in line:
        return False
    return DEGREE.match(line[line.index(","):]) is not None


def split_position_and_name(text: str, vocabulary: set[str]) -> tuple[str | None, str | None]:
    text = clean_text(text)
    if "  " in text:
        position, name = text.split("  ", 1)
        return position.rstrip(", ") or None, name.strip() or None
    prefixed = NAME_PREFIX.search(text)
    if prefixed and prefixed.start() > 0:  # "Kepala Badan X Dra.Hella Haerani": the name's title starts it
        return text[: prefixed.start()].rstrip(", ") or None, text[prefixed.start():]
    comma = text.find(",")
    if comma > 0 and not DEGREE.match(text[comma:]):
        return text[:comma].strip() or None, text[comma + 1 :].strip() or None
    if not looks_like_name(text):
        return text.rstrip(",") or None, None
    words = text.split(" ")
    cut = 0
    while cut < len(words) and words[cut].casefold().strip(",") in vocabulary:
        cut += 1
    position = " ".join(words[:cut]).rstrip(",")
    name = " ".join(words[cut:])
    return position or None, name or None


def title_headings(lines: list[str]) -> tuple[list[str], list[str]]:
    """Title headings ("SOP Pelayanan ...") and the other lines. A heading broken after its
    "Standar Operasional Prosedur" goes on on the next line."""
    titles, others = [], []
    for line in lines:
        if titles and TITLE_PREFIX.fullmatch(titles[-1]):
            titles[-1] = f"{titles[-1]} {line}"
        elif TITLE_LINE.match(line) or TITLE_PREFIX.fullmatch(line):
            titles.append(line)
        else:
            others.append(line)
    return [t for t in titles if not TITLE_PREFIX.fullmatch(t)], others


def compose_agency(lines: list[str]) -> str | None:
    """Letterhead lines ("PEMERINTAH PROVINSI X", "SEKRETARIAT DAERAH", "BIRO ORGANISASI")
    as one name from the unit up to the region: "Biro Organisasi Sekretariat Daerah Provinsi X".
    A line naming the head ("KEPALA BADAN X PROVINSI Y") stands for the unit it heads."""
    units: list[str] = []
    region: str | None = None
    for raw in lines:
        line = re.sub(r"^(pemerintah(an)?|kepala)\s+", "", clean_text(raw), flags=re.IGNORECASE)
        if not line:
            continue
        match = REGION.search(line + " ")
        if match:
            unit, found_region = line[: match.start()].strip(), line[match.start():].strip()
            region = region or found_region
            if unit:
                units.append(unit)
        elif units and re.match(r"(dan|&|serta)\b", line, re.IGNORECASE):
            units[-1] = f"{units[-1]} {line}"
        else:
            units.append(line)
    distinct_units = {fold(u): u for u in reversed(units)}.values()  # the head's line repeats the unit
    parts = list(distinct_units) + ([region] if region else [])
    if not parts:
        return None
    agency = " ".join(title_case_if_all_caps(p) for p in parts)
    agency = re.sub(r"\bDewan Perwakilan Rakyat Daerah\b", "DPRD", agency, flags=re.IGNORECASE)
    return re.sub(r"\bKab\.\s*", "Kabupaten ", agency)


def agency_from_position(position: str | None) -> str | None:
    """"Camat Dolopo" -> "Kecamatan Dolopo": the unit a signing official heads."""
    if not position:
        return None
    text = title_case_if_all_caps(clean_text(position)).rstrip(",")
    rules = [(r"^Camat\s+(.+)", r"Kecamatan \1"), (r"^Lurah\s+(.+)", r"Kelurahan \1"),
             (r"^Sekretaris DPRD\b(.*)", r"Sekretariat DPRD\1"),
             (r"^Kepala\s+((?:Dinas|Badan|Biro|Kantor|Bagian|Satuan)\s.+)", r"\1")]
    for pattern, replacement in rules:
        if re.match(pattern, text):
            return re.sub(r"\bKab\.\s*", "Kabupaten ", re.sub(pattern, replacement, text))
    return None


def read_identity(before: list[Block], after: list[Block]) -> Identity:
    """Identity fields from the blocks before the flowchart and the signature after it."""
    collected = Collected()
    paragraphs: list[Paragraph] = []
    previous: Table | None = None
    column_label: dict[int, str] = {}
    for block in before:
        if isinstance(block, Paragraph):
            paragraphs.append(block)
        else:
            collect_paragraphs(paragraphs, collected)
            paragraphs = []
            carried = column_label if continues_on_next_page(previous, block) else None
            column_label = collect_table(block, collected, carried)
            previous = block
    collect_paragraphs(paragraphs, collected)
    values = collected.values
    move_glued_nip(values)

    def text_of(name: str) -> str | None:
        return clean_text(" ".join(values.get(name, []))).strip(" :") or None

    identity = Identity(**{name: list_items(values.get(name, [])) for name in LIST_FIELDS})
    # A dash in a number, date or title box means "not given"; in the free-text boxes
    # (Peringatan, Pencatatan) it is what the author printed, and stays.
    for name in ("sop_number", "created_date", "revised_date", "effective_date",
                 "approved_date", "sop_title"):
        value = text_of(name)
        setattr(identity, name, None if value in {"-", "–"} else value)
    identity.warning, identity.records = text_of("warning"), text_of("records")

    title_lines, other_lines = title_headings(collected.unlabelled)
    # The letterhead is often printed twice (page header and identity table): keep it once.
    agency_lines = list(dict.fromkeys(
        l for l in other_lines if not NOT_AGENCY.search(l) and not re.fullmatch(r"\W*", l)))
    identity.sop_title = identity.sop_title or (title_lines[-1] if title_lines else None)
    identity.agency = compose_agency(agency_lines)

    vocabulary = POSITION_WORDS | {w.casefold() for l in agency_lines for w in l.split()}
    approval = values.get("approved_by", [])
    signature = parse_signature(approval, vocabulary) if approval else {}
    closing = signature_lines(after)
    closing_signature = parse_signature(closing, vocabulary) if closing else {}
    for name in ("approved_by", "signatory_name", "signatory_rank", "signatory_nip"):
        setattr(identity, name, signature.get(name) or closing_signature.get(name))
    identity.agency = identity.agency or agency_from_position(identity.approved_by)
    identity.confidence, identity.boxes, identity.evidence = trace_identity(identity, before + after)
    mend_misread_words(identity, before + after, vocabulary)
    for name, cell in collected.unread.items():
        if not getattr(identity, name, None):  # written there but not read: in doubt, not missing
            identity.confidence[name] = UNREAD
            if cell.box:
                identity.boxes[name] = cell.box
            if cell.image:
                identity.evidence[name] = cell.image
    return identity


def move_glued_nip(values: dict[str, list[str]]) -> None:
    """A signer's NIP line read into a neighbouring field (the signature block beside the
    title cell, its last line taken into the title's): it goes back to the signature."""
    for name, texts in list(values.items()):
        if name == "approved_by":
            continue
        for index, text in enumerate(texts):
            nip = NIP.search(text)
            if nip:
                values.setdefault("approved_by", []).append(nip.group(0))
                texts[index] = text[: nip.start()] + text[nip.end():]


def signature_lines(after: list[Block]) -> list[str]:
    """The lines of the closing signature block: up to and including the NIP line."""
    lines = without_copy_certification([l for b in after if isinstance(b, Paragraph) for l in clean_lines(b.text)])
    nip_at = next((i for i in range(len(lines) - 1, -1, -1) if NIP.search(lines[i])), None)
    if nip_at is None:
        return signed_for(lines)
    start = nip_at
    while start > 0 and nip_at - start < 5:
        previous = lines[start - 1]
        if re.search(r"ditetapkan|mengetahui|tanggal|\d{4}$|^pada\b", previous, re.IGNORECASE):
            break
        start -= 1
    # "Disahkan oleh :" printed over the closing signature is its label, not the position
    return [rest if label == "approved_by" else line
            for line in lines[start : nip_at + 1] for label, rest in [split_label(line)]]


def without_copy_certification(lines: list[str]) -> list[str]:
    """The lines without a certified copy's block ("Salinan sesuai dengan aslinya", the
    certifying official's position, name and NIP): that official did not sign the SOP."""
    start = next((i for i, line in enumerate(lines) if COPY_CERTIFIED.search(line)), None)
    if start is None:
        return lines
    end = next((i for i in range(start, len(lines)) if NIP.search(lines[i])), len(lines) - 1)
    return lines[:start] + lines[end + 1 :]


def signed_for(lines: list[str]) -> list[str]:
    """A signature a copy stands in for with "ttd" (tertanda): the position above it, the name
    below."""
    at = next((i for i in range(len(lines) - 1, -1, -1) if re.fullmatch(r"ttd\.?", lines[i], re.IGNORECASE)), None)
    if at is None or at == 0 or at == len(lines) - 1:
        return []
    return [lines[at - 1], lines[at], lines[at + 1]]
