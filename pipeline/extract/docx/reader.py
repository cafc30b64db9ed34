"""The backend entry: a Word document's header and body, paragraphs and tables in reading order."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.extract.docx.ooxml import attr, q, xpath
from pipeline.extract.docx.package import open_document
from pipeline.extract.docx.shapes import Drawn, ShapeReader, first_choice, is_flow_word, vml_type_number
from pipeline.extract.docx.tables import TableGrid
from pipeline.extract.docx.text import ListNumbering, default_font_size, run_font, sym_text, symbol_font_text
from pipeline.model import Block, Layout, Paragraph, Table


def read_docx(path: Path) -> Layout:
    document = open_document(Path(path))
    reader = DocumentReader(document)
    blocks = reader.header_blocks() + reader.read_blocks(document.element.body)
    return Layout(blocks=blocks, source_format="docx")


@dataclass
class ParagraphContent:
    text: list[str] = field(default_factory=list)
    drawn: list[Drawn] = field(default_factory=list)


class DocumentReader(ShapeReader):
    def __init__(self, document):
        self.document = document
        self.part = document.part  # the part whose relationships resolve image ids
        self.numbering = ListNumbering(document)
        # Word defines a VML shape type once and refers to it from later shapes.
        self.vml_types = {attr(t, "id"): vml_type_number(t) for t in xpath(document.element, "//v:shapetype")}
        section = document.sections[0] if document.sections else None
        self.left_margin = int(section.left_margin or 0) if section else 0
        self.default_font_pt = default_font_size(document)

    # -- blocks --------------------------------------------------------------------------------

    def read_blocks(self, container) -> list[Block]:
        blocks: list[Block] = []
        for child in container:
            if child.tag == q("w:p"):
                blocks.extend(self.read_body_paragraph(child))
            elif child.tag == q("w:tbl"):
                blocks.append(self.read_table(child))
            elif child.tag in (q("w:sdt"), q("w:customXml")):
                content = child.find(q("w:sdtContent"))
                blocks.extend(self.read_blocks(child if content is None else content))
        return blocks

    def read_body_paragraph(self, p) -> list[Paragraph]:
        content = self.read_paragraph(p)
        paragraphs = []
        text = "".join(content.text).strip()
        if text:
            paragraphs.append(Paragraph(text))
        # Text boxes and shapes outside tables hold body text (a title, a note); a flowchart's
        # start/end or branch words there are no body text.
        paragraphs.extend(Paragraph(d.text) for d in content.drawn if d.text and not is_flow_word(d.text))
        return paragraphs

    def header_blocks(self) -> list[Block]:
        """The first page's header, when it carries text beyond a page number (a letterhead)."""
        if not self.document.sections:
            return []
        section = self.document.sections[0]
        header = section.first_page_header if section.different_first_page_header_footer else section.header
        if header.is_linked_to_previous:
            return []
        self.part = header.part
        blocks = self.read_blocks(header._element)
        self.part = self.document.part
        text = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
        has_table = any(isinstance(b, Table) for b in blocks)
        if not has_table and not re.search(r"[A-Za-z]{3}", re.sub(r"(?i)halaman|page|dari|of", "", text)):
            return []
        return blocks

    # -- paragraphs ----------------------------------------------------------------------------

    def read_paragraph(self, p) -> ParagraphContent:
        content = ParagraphContent()
        label = self.numbering.label(p)
        if label:
            content.text.append(label + " ")
        self.walk_inline(p, content)
        return content

    def walk_inline(self, element, content: ParagraphContent) -> None:
        for child in element:
            tag = child.tag
            if tag == q("w:r"):
                self.read_run(child, content)
            elif tag == q("mc:AlternateContent"):
                self.walk_inline(first_choice(child), content)
            elif tag in (q("w:del"), q("w:moveFrom"), q("w:pPr")):
                continue
            elif tag == q("w:sdt"):
                inner = child.find(q("w:sdtContent"))
                if inner is not None:
                    self.walk_inline(inner, content)
            elif len(child):  # hyperlink, ins, smartTag, fldSimple, customXml, moveTo ...
                self.walk_inline(child, content)

    def read_run(self, run, content: ParagraphContent) -> None:
        if xpath(run, "w:rPr/w:vanish[not(@w:val) or @w:val!='0' and @w:val!='false']"):
            return  # hidden text is not printed
        font = run_font(run)
        for child in run:
            tag = child.tag
            if tag == q("w:t"):
                content.text.append(symbol_font_text(child.text or "", font))
            elif tag in (q("w:tab"), q("w:ptab")):
                content.text.append("\t")
            elif tag in (q("w:br"), q("w:cr")):
                content.text.append("\n")
            elif tag == q("w:noBreakHyphen"):
                content.text.append("-")
            elif tag == q("w:sym"):
                content.text.append(sym_text(child))
            elif tag == q("w:drawing"):
                content.drawn.extend(self.read_drawing(child))
            elif tag == q("w:pict"):
                content.drawn.extend(self.read_vml(child))
            elif tag == q("mc:AlternateContent"):
                self.read_run(first_choice(child), content)

    def text_of(self, container) -> str:
        """Text of the paragraphs inside a text box or shape, lines joined by spaces."""
        lines = []
        for p in xpath(container, ".//w:p"):
            content = ParagraphContent()
            self.walk_inline(p, content)
            lines.append("".join(content.text))
        return re.sub(r"\s+", " ", " ".join(lines)).strip()

    # -- tables --------------------------------------------------------------------------------

    def read_table(self, tbl) -> Table:
        grid = TableGrid(tbl, self)
        return grid.to_table()
