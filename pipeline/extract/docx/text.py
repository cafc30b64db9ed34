"""What a run of text prints that its characters do not say: ticks typed in symbol fonts, and
the list numbers ("1.", "a.") Word draws in front of numbered paragraphs."""
from __future__ import annotations

import re

from pipeline.extract.docx.ooxml import attr, to_int, xpath

# Symbol-font characters (w:sym or a run in that font) that print as a tick or a cross.
SYMBOL_FONT_CHECKS = {
    "wingdings": {"FC", "FB", "FD", "FE", "F0FC", "F0FB", "F0FD", "F0FE"},
    "wingdings 2": {"50", "51", "52", "4F", "54", "F050", "F051", "F052", "F04F", "F054"},
    "symbol": {"D6", "F0D6"},
}
CHECK_CHAR = "✓"


def run_font(run) -> str:
    fonts = xpath(run, "w:rPr/w:rFonts")
    if not fonts:
        return ""
    return (attr(fonts[0], "w:ascii") or attr(fonts[0], "w:hAnsi") or "").lower()


def symbol_font_text(text: str, font: str) -> str:
    """Text in a symbol font: a tick or cross glyph becomes a tick character."""
    codes = SYMBOL_FONT_CHECKS.get(font)
    if not codes:
        return text
    return "".join(CHECK_CHAR if f"{ord(ch):02X}" in codes else ch for ch in text)


def sym_text(sym) -> str:
    font = (attr(sym, "w:font") or "").lower()
    code = (attr(sym, "w:char") or "").upper()
    if code in SYMBOL_FONT_CHECKS.get(font, ()):
        return CHECK_CHAR
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    return chr(value) if value < 0xF000 else ""


# ---------------------------------------------------------------------------------------------
# List numbering: Word draws "1.", "a." in front of numbered paragraphs; the text lacks them.


class ListNumbering:
    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_numbering = style_numbering(document)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {attr(a, "w:abstractNumId"): self.read_levels(a) for a in xpath(root, "w:abstractNum")}
        for num in xpath(root, "w:num"):
            levels = dict(abstract.get(xpath(num, "string(w:abstractNumId/@w:val)"), {}))
            for override in xpath(num, "w:lvlOverride"):
                level = int(attr(override, "w:ilvl") or 0)
                start = xpath(override, "string(w:startOverride/@w:val)")
                if start and level in levels:
                    fmt, text, _ = levels[level]
                    levels[level] = (fmt, text, int(start))
            self.levels[attr(num, "w:numId")] = levels

    @staticmethod
    def read_levels(abstract) -> dict[int, tuple[str, str, int]]:
        levels = {}
        for level in xpath(abstract, "w:lvl"):
            levels[int(attr(level, "w:ilvl") or 0)] = (
                xpath(level, "string(w:numFmt/@w:val)") or "decimal",
                xpath(level, "string(w:lvlText/@w:val)"),
                int(xpath(level, "string(w:start/@w:val)") or 1),
            )
        return levels

    def label(self, p) -> str:
        num_id, level = self.numbering_of(p)
        levels = self.levels.get(num_id or "")
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, template, start = levels[level]
        counters[level] = counters[level] + 1 if counters[level] else start
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def render(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            value = counters[index] or levels.get(index, ("decimal", "", 1))[2]
            return format_number(value, levels.get(index, ("decimal",))[0])

        return re.sub(r"%(\d)", render, template)

    def numbering_of(self, p) -> tuple[str | None, int]:
        num_pr = xpath(p, "w:pPr/w:numPr")
        style = xpath(p, "string(w:pPr/w:pStyle/@w:val)")
        num_id, level = self.style_numbering.get(style, (None, 0))
        if num_pr:
            num_id = xpath(num_pr[0], "string(w:numId/@w:val)") or num_id
            level = int(xpath(num_pr[0], "string(w:ilvl/@w:val)") or level)
        if num_id in (None, "0"):
            return None, 0
        return num_id, min(level, 8)


def default_font_size(document) -> float:
    """The document's default font size in points (Word's own default: 11 pt)."""
    try:
        styles = document.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return 11.0
    size = xpath(
        styles,
        "string(w:style[@w:type='paragraph' and @w:default='1']/w:rPr/w:sz/@w:val"
        " | w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val)",
    )
    return to_int(size) / 2 or 11.0


def style_numbering(document) -> dict[str, tuple[str, int]]:
    """Paragraph style id -> (numId, level) for styles that number their paragraphs."""
    found = {}
    try:
        styles = document.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return found
    for style in xpath(styles, "w:style[w:pPr/w:numPr/w:numId]"):
        num_id = xpath(style, "string(w:pPr/w:numPr/w:numId/@w:val)")
        level = int(xpath(style, "string(w:pPr/w:numPr/w:ilvl/@w:val)") or 0)
        found[attr(style, "w:styleId")] = (num_id, level)
    return found


def format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def to_roman(value: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for number, numeral in numerals:
        while value >= number:
            out += numeral
            value -= number
    return out
