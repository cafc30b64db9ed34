"""Shapes and pictures drawn in a paragraph: flowchart symbols (DrawingML and VML shapes, small
pictures of symbols) and free text labels, with where they are drawn."""
from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np
from lxml import etree

from pipeline.extract.docx.ooxml import EMU_PER_PT, NS, attr, number, q, xpath
from pipeline.extract.vocabulary import is_branch_label, is_terminator_word

# A picture larger than this is a logo, a scanned page or a whole drawn flowchart, not a symbol.
MAX_SYMBOL_PICTURE_EMU = 1_300_000
# DrawingML preset geometries and VML shape types (o:spt) by mark kind.
TERMINATOR_GEOMETRIES = {"flowChartTerminator", "roundRect", "ellipse", "flowChartAlternateProcess"}
DECISION_GEOMETRIES = {"diamond", "flowChartDecision"}
NOT_SYMBOL_GEOMETRIES = re.compile(
    r"^(line|lineInv|straightConnector1|bentConnector\d|curvedConnector\d|arc|"
    r"flowChartConnector|flowChartOffpageConnector|"
    r"\w*Arrow\w*|\w*Brace|\w*Bracket)$"
)
VML_TERMINATOR_TYPES = {2, 3, 116, 176}  # roundRect, ellipse, terminator, alternate process
VML_DECISION_TYPES = {4, 110}  # diamond, decision
VML_TEXTBOX_TYPE = 202
VML_NOT_SYMBOL_TYPES = (
    {20, 32, 33, 34, 35, 36, 37, 38, 39, 40}  # line, straight/bent/curved connectors
    | {13, 66, 67, 68, 69, 93, 94}  # block arrows
    | {120, 177}  # on-page and off-page connector circles
    | {75}  # picture frame without an image
)
TERMINATOR_NAME = re.compile(r"(?i)terminator|\boval\b|ellips|rounded rectangle|alternate process")
DECISION_NAME = re.compile(r"(?i)decision|diamond|keputusan|belah ketupat")
# A box narrower than this (about 2 pt) is a line drawn as a rectangle.
THIN_EMU = 25_400
# Default shape names Word gives lines and connectors (English and Indonesian Word).
LINE_NAME = re.compile(r"(?i)\b(connector|arrow|line|konektor|panah|garis)\b")


@dataclass
class Drawn:
    """A shape or text drawn in a paragraph: a symbol (kind set) or a free text label."""

    kind: str | None  # a MarkKind, or None for a text without a symbol around it
    text: str
    x: float | None  # EMU from the anchor's reference, None when unknown (inline)
    width: float
    relative_to: str  # column (the anchor's cell), page or inline
    y: float | None = None  # EMU below the top of the anchor paragraph, when known
    height: float = 0.0


@dataclass
class Box:
    """Where a shape is drawn: left edge (EMU, None when inline), size, reference, name."""

    x: float | None
    width: float
    height: float
    relative_to: str
    name: str = ""
    y: float | None = None  # EMU below the top of the anchor paragraph

    def drawn(self, kind: str | None, text: str = "") -> Drawn:
        return Drawn(kind, text, self.x, self.width, self.relative_to, self.y, self.height)

    def is_thin(self) -> bool:
        return 0 <= min(self.width, self.height) < THIN_EMU

    def is_named_as_line(self) -> bool:
        return bool(LINE_NAME.search(self.name))


class ShapeReader:
    """The drawings of a paragraph, for the document reader (`text_of` reads a text box,
    `part` resolves image ids)."""

    def read_drawing(self, drawing) -> list[Drawn]:
        found = []
        for frame in drawing:
            if frame.tag not in (q("wp:anchor"), q("wp:inline")):
                continue
            x, relative_to = horizontal_position(frame)
            box = Box(
                x,
                float(xpath(frame, "string(wp:extent/@cx)") or 0),
                float(xpath(frame, "string(wp:extent/@cy)") or 0),
                relative_to,
                xpath(frame, "string(wp:docPr/@name)"),
                vertical_position(frame),
            )
            for shape in xpath(frame, "a:graphic/a:graphicData/*"):
                found.extend(self.read_graphic(shape, box))
        return found

    def read_graphic(self, shape, box: Box) -> list[Drawn]:
        if shape.tag == q("pic:pic"):
            small = box.width <= MAX_SYMBOL_PICTURE_EMU and box.height <= MAX_SYMBOL_PICTURE_EMU
            image_id = xpath(shape, "string(pic:blipFill/a:blip/@r:embed)")
            return [box.drawn(picture_kind(self.image(image_id)))] if small else []
        if shape.tag == q("wps:wsp"):
            drawn = self.read_wps(shape, box)
            return [drawn] if drawn else []
        if shape.tag in (q("wpg:wgp"), q("wpg:grpSp")):
            return self.read_group(shape, box)
        return []

    def read_group(self, group, box: Box) -> list[Drawn]:
        """Shapes of a group (a whole flowchart may be one), each placed by its offset inside
        the group's own coordinates."""
        frame = xpath(group, "wpg:grpSpPr/a:xfrm")
        origin = (0.0, 0.0)
        scale = (1.0, 1.0)
        if frame:
            origin = (number(frame[0], "a:chOff/@x"), number(frame[0], "a:chOff/@y"))
            extent = (number(frame[0], "a:chExt/@cx"), number(frame[0], "a:chExt/@cy"))
            scale = (box.width / extent[0] if extent[0] else 1.0, box.height / extent[1] if extent[1] else 1.0)
        found = []
        for child in group:
            left = (number(child, "*/a:xfrm/a:off/@x") - origin[0]) * scale[0]
            top = (number(child, "*/a:xfrm/a:off/@y") - origin[1]) * scale[1]
            child_box = Box(
                None if box.x is None else box.x + left,
                number(child, "*/a:xfrm/a:ext/@cx") * scale[0],
                number(child, "*/a:xfrm/a:ext/@cy") * scale[1],
                box.relative_to,
                xpath(child, "string(*/wps:cNvPr/@name | */pic:cNvPr/@name | */wpg:cNvPr/@name)"),
                None if box.y is None else box.y + top,
            )
            found.extend(self.read_graphic(child, child_box))
        return found

    def read_wps(self, shape, box: Box) -> Drawn | None:
        textbox = shape.find(q("wps:txbx"))
        text = self.text_of(textbox) if textbox is not None else ""
        if dml_is_line(shape, box) or is_branch_label(text):
            return None
        if not dml_is_visible(shape):
            return box.drawn(None, text) if text else None
        geometry = xpath(shape, "string(wps:spPr/a:prstGeom/@prst)")
        return box.drawn(dml_kind(geometry, box.name), text)

    # -- VML -----------------------------------------------------------------------------------

    def read_vml(self, pict) -> list[Drawn]:
        return [drawn for shape in pict for drawn in self.read_vml_shape(shape, group=None)]

    def read_vml_shape(self, shape, group: VmlGroup | None) -> list[Drawn]:
        if not isinstance(shape.tag, str) or etree.QName(shape).namespace != NS["v"]:
            return []  # comments, Office extensions
        local = etree.QName(shape).localname  # v:line, v:polyline ... are no symbols: see vml_kind
        style = vml_style(shape)
        x, relative_to = vml_horizontal_position(style)
        y = vml_vertical_position(style)
        width, height = length_emu(style.get("width", "0")), length_emu(style.get("height", "0"))
        if group is not None:  # a group member: coordinates in the group's units
            x, y, width, height = group.place(style)
            relative_to = group.relative_to
        if local == "group":
            inner = VmlGroup.of(shape, style, x, y, relative_to)
            return [drawn for child in shape for drawn in self.read_vml_shape(child, inner)]
        if xpath(shape, "v:stroke[(@endarrow and @endarrow!='none') or (@startarrow and @startarrow!='none')]"):
            return []
        if attr(shape, "o:connectortype") not in (None, "none"):
            return []
        textbox = shape.find(q("v:textbox"))
        text = self.text_of(textbox) if textbox is not None else ""
        if is_branch_label(text):
            return []
        kind = vml_kind(shape, local, self.vml_types)
        if kind is None:
            return []
        if kind == "label" or not vml_is_visible(shape):
            return [Drawn(None, text, x, width, relative_to, y, height)] if text else []
        if kind == "picture":
            if max(width, height) > MAX_SYMBOL_PICTURE_EMU:
                return []
            kind = picture_kind(self.image(xpath(shape, "string(v:imagedata/@r:id)")))
        return [Drawn(kind, text, x, width, relative_to, y, height)]

    def image(self, relationship_id: str) -> bytes:
        try:
            return self.part.related_parts[relationship_id].blob
        except (KeyError, AttributeError):
            return b""


# ---------------------------------------------------------------------------------------------
# What kind of shape, and where it is drawn


def first_choice(alternate):
    """The mc:Choice branch of an mc:AlternateContent (the Fallback repeats the same shape)."""
    for branch in (q("mc:Choice"), q("mc:Fallback")):
        found = alternate.find(branch)
        if found is not None:
            return found
    return alternate  # empty: nothing in it is read


def is_flow_word(text: str) -> bool:
    return is_branch_label(text) or is_terminator_word(text)


def horizontal_position(frame) -> tuple[float | None, str]:
    """EMU offset of a floating shape and what it is measured from; inline shapes: None.

    Inside a table cell Word measures column, margin (and, with layoutInCell, page) offsets
    from the cell; LibreOffice writes "margin" for the same cell-relative offsets.
    """
    if frame.tag == q("wp:inline"):
        return None, "inline"
    position = frame.find(q("wp:positionH"))
    offset = None if position is None else position.find(q("wp:posOffset"))
    if offset is None:  # aligned left/centre/right: it stays in its anchor cell
        return None, "inline"
    relative = attr(position, "relativeFrom") or "column"
    if relative == "page" and attr(frame, "layoutInCell") in ("0", "false"):
        return float(offset.text or 0), "page"
    return float(offset.text or 0), "column"


def vertical_position(frame) -> float | None:
    """EMU offset below the anchor paragraph's top, when the shape is placed that way."""
    position = frame.find(q("wp:positionV"))
    offset = None if position is None else position.find(q("wp:posOffset"))
    if offset is None or attr(position, "relativeFrom") not in ("paragraph", "line"):
        return None
    return float(offset.text or 0)


def dml_is_line(shape, box: Box) -> bool:
    """Connectors, arrows and lines join the symbols; they mark no actor."""
    if xpath(shape, "wps:cNvCnPr | wps:spPr/a:ln/*[self::a:headEnd or self::a:tailEnd][@type!='none']"):
        return True
    geometry = xpath(shape, "string(wps:spPr/a:prstGeom/@prst)")
    if NOT_SYMBOL_GEOMETRIES.match(geometry) or (not geometry and xpath(shape, "wps:spPr/a:custGeom")):
        return True
    # LibreOffice turns connectors into plain rectangles: only their size and name tell.
    return box.is_thin() or box.is_named_as_line()


def dml_is_visible(shape) -> bool:
    """Has an outline or a fill; an invisible shape only carries a text label."""
    line = xpath(shape, "wps:spPr/a:ln")
    has_line = (not line and bool(xpath(shape, "wps:style/a:lnRef[@idx!='0']"))) or (
        bool(line) and not xpath(line[0], "a:noFill")
    )
    fill = xpath(shape, "wps:spPr/a:solidFill | wps:spPr/a:gradFill | wps:spPr/a:pattFill")
    has_fill = bool(fill) or (
        not xpath(shape, "wps:spPr/a:noFill") and bool(xpath(shape, "wps:style/a:fillRef[@idx!='0']"))
    )
    if xpath(shape, "wps:cNvSpPr[@txBox='1']"):
        return has_line  # a filled text box without a border reads as text
    return has_line or has_fill


def dml_kind(geometry: str, name: str) -> str:
    if geometry in ("", "rect"):
        # LibreOffice writes every symbol as a rectangle but keeps Word's shape name.
        return kind_from_name(name) or "process"
    if geometry in TERMINATOR_GEOMETRIES:
        return "terminator"
    if geometry in DECISION_GEOMETRIES:
        return "decision"
    return "process"


def kind_from_name(name: str) -> str | None:
    if TERMINATOR_NAME.search(name):
        return "terminator"
    if DECISION_NAME.search(name):
        return "decision"
    return None


def vml_type_number(shapetype) -> int | None:
    spt = attr(shapetype, "o:spt")
    if spt and spt.replace(".", "").isdigit():
        return int(float(spt))
    match = re.search(r"_x0000_t(\d+)$", attr(shapetype, "id") or "")
    return int(match.group(1)) if match else None


def vml_kind(shape, local: str, types: dict) -> str | None:
    """A MarkKind, "label" for a text box, or None for what is not a symbol."""
    if local == "rect":
        return "process"
    if local == "roundrect":
        return "terminator"
    if local == "oval":
        return "terminator"
    if local != "shape":
        return None
    if shape.find(q("v:imagedata")) is not None:
        return "picture"
    reference = (attr(shape, "type") or "").lstrip("#")
    number = types.get(reference)
    if number is None:
        match = re.search(r"_x0000_t(\d+)$", reference)
        number = int(match.group(1)) if match else vml_type_number(shape)
    if number in VML_NOT_SYMBOL_TYPES:
        return None
    if number == VML_TEXTBOX_TYPE:
        return "label"
    if number in VML_DECISION_TYPES:
        return "decision"
    if number in VML_TERMINATOR_TYPES:
        return "terminator"
    return "process"


def vml_is_visible(shape) -> bool:
    stroked = (attr(shape, "stroked") or "t").lower() not in ("f", "false")
    filled = (attr(shape, "filled") or "t").lower() not in ("f", "false")
    if xpath(shape, "v:stroke[@on='f' or @on='false']"):
        stroked = False
    if xpath(shape, "v:fill[@on='f' or @on='false']"):
        filled = False
    return stroked or filled


def vml_style(shape) -> dict[str, str]:
    style = {}
    for part in (attr(shape, "style") or "").split(";"):
        if ":" in part:
            key, value = part.split(":", 1)
            style[key.strip().lower()] = value.strip()
    return style


def vml_horizontal_position(style: dict[str, str]) -> tuple[float | None, str]:
    if style.get("position") != "absolute":
        return None, "inline"
    offset = length_emu(style.get("margin-left", style.get("left", "0")))
    if style.get("mso-position-horizontal-relative") == "page":
        return offset, "page"
    return offset, "column"


def vml_vertical_position(style: dict[str, str]) -> float | None:
    relative = style.get("mso-position-vertical-relative", "text")
    if style.get("position") != "absolute" or relative not in ("text", "line"):
        return None
    return length_emu(style.get("margin-top", style.get("top", "0")))


UNITS_EMU = {"pt": EMU_PER_PT, "in": 914400, "cm": 360000, "mm": 36000, "px": 9525, "emu": 1}


def length_emu(value: str) -> float:
    match = re.match(r"^\s*(-?[\d.]+)\s*([a-z]*)", value or "")
    if not match:
        return 0.0
    number = float(match.group(1))
    unit = match.group(2) or "emu"
    return number * UNITS_EMU.get(unit, 1)


@dataclass
class VmlGroup:
    """Maps a VML group's child coordinates (coordorigin/coordsize) onto the group's box."""

    x: float | None
    y: float | None
    origin: tuple[float, float]
    scale: tuple[float, float]
    relative_to: str

    @classmethod
    def of(cls, group, style: dict[str, str], x, y, relative_to) -> VmlGroup:
        origin = coordinate_pair(attr(group, "coordorigin"), default=0.0)
        size = coordinate_pair(attr(group, "coordsize"), default=1000.0)
        width, height = length_emu(style.get("width", "0")), length_emu(style.get("height", "0"))
        scale = (width / size[0] if size[0] else 1.0, height / size[1] if size[1] else 1.0)
        return cls(x, y, origin, scale, relative_to)

    def place(self, style: dict[str, str]) -> tuple[float | None, float | None, float, float]:
        """A member's left, top, width and height in EMU."""
        left, top, width, height = (
            float(re.sub(r"[a-z]+$", "", style.get(key, "0")) or 0) for key in ("left", "top", "width", "height")
        )
        x = None if self.x is None else self.x + (left - self.origin[0]) * self.scale[0]
        y = None if self.y is None else self.y + (top - self.origin[1]) * self.scale[1]
        return x, y, width * self.scale[0], height * self.scale[1]


def coordinate_pair(value: str | None, default: float) -> tuple[float, float]:
    parts = [p.strip() for p in (value or "").split(",")]
    parts += [""] * (2 - len(parts))
    return tuple(float(p) if re.fullmatch(r"-?[\d.]+", p) else default for p in parts[:2])


# ---------------------------------------------------------------------------------------------
# Pictures of symbols


def picture_kind(blob: bytes) -> str:
    """The flowchart symbol a small picture shows (from where its outline has ink), or
    "picture" when the image is not a plain symbol outline (a tick, a logo, an unreadable file)."""
    dark = ink_mask(blob)
    if dark is None or dark.sum() < 20:
        return "picture"
    ys, xs = np.nonzero(dark)
    box = dark[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    height, width = box.shape
    radius = max(2, int(0.04 * min(height, width)))

    def ink(fy: float, fx: float) -> bool:
        y, x = int(fy * (height - 1)), int(fx * (width - 1))
        return bool(box[max(0, y - radius) : y + radius + 1, max(0, x - radius) : x + radius + 1].any())

    corners = [ink(0, 0), ink(0, 1), ink(1, 0), ink(1, 1)]
    edge_middles = [ink(0, 0.5), ink(1, 0.5), ink(0.5, 0), ink(0.5, 1)]
    if all(corners):
        return "process"
    if any(corners) or not all(edge_middles):
        return "picture"
    if all([ink(0, 0.25), ink(0, 0.75), ink(1, 0.25), ink(1, 0.75)]):
        return "terminator"  # long straight top and bottom, rounded ends
    if not ink(0, 0.25) and not ink(0.25, 0):
        return "decision"  # ink only where a diamond touches its box
    return "picture"


def ink_mask(blob: bytes):
    """Dark pixels of an image (transparency shown as white), or None if it cannot be decoded."""
    if not blob:
        return None
    image = cv2.imdecode(np.frombuffer(blob, np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None:
        return None
    if image.ndim == 2:
        return image < 128
    grey = image[..., :3].astype(float).mean(axis=2)
    if image.shape[2] == 4:
        alpha = image[..., 3] / 255.0
        grey = grey * alpha + 255 * (1 - alpha)
    return grey < 128
