"""The Office Open XML a Word file is made of: namespaces, units, and lxml helpers (python-docx
elements override xpath() with their own prefixes)."""
from __future__ import annotations

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
EMU_PER_TWIP = 635
EMU_PER_PT = 12700


def q(name: str) -> str:
    """Clark notation of a prefixed name: q("w:p") -> "{...main}p"."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def attr(element, name: str) -> str | None:
    return element.get(q(name)) if ":" in name else element.get(name)


def to_int(value: str | None) -> int:
    try:
        return int(float(value)) if value else 0
    except ValueError:
        return 0


def number(element, path: str) -> float:
    """A numeric attribute found by an XPath, 0 when absent."""
    try:
        return float(xpath(element, f"string({path})") or 0)
    except ValueError:
        return 0.0


def xpath(element, path: str):
    # python-docx elements override xpath() with their own prefixes; use lxml's directly
    return etree._Element.xpath(element, path, namespaces=NS)
