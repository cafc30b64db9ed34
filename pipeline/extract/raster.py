"""Image and grid geometry for scanned pages: cleaning, deskew, perspective, table grids and
flowchart symbols.

All functions take and return numpy arrays in pixel coordinates of the page image; masks are
uint8 with 255 for ink. Sizes are expressed in multiples of the page's text height so that the
same rules hold for a 150 dpi scan and a 12-megapixel phone photo.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pipeline.extract.grid import Grid, Rules, Segment, build_grid, connected_groups, join_collinear

WHITE = 255
SOLID_INK = 110  # grey level under which a filled symbol's ink lies (paper is flattened to white)
FAINT_INK = 200  # grey level under which a faint mark's strokes lie
SOLID_FILL = 0.97  # share of its outline a filled symbol's paint covers


# ---------------------------------------------------------------------------------------------
# Cleaning


def channel_extremes(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The brightest and the darkest channel of every pixel (the grey image twice if grey)."""
    if image.ndim == 2:
        return image, image
    blue, green, red = cv2.split(image)
    return cv2.max(cv2.max(blue, green), red), cv2.min(cv2.min(blue, green), red)


def coloured_ink(brightest: np.ndarray, darkest: np.ndarray) -> np.ndarray:
    """Where coloured ink (blue stamps and signatures) lies on the page: a boolean mask."""
    colour = cv2.blur(cv2.subtract(brightest, darkest), (3, 3))  # JPEG smears colour over a few pixels
    return (colour >= 30) & (brightest >= 100)


def pen_lines(coloured: np.ndarray, unit: float, stamps: list[tuple[int, int, int]] | None = None,
              ) -> tuple[list[tuple[int, int, int, int]], np.ndarray]:
    """Lines written in coloured pen (boxes x0, y0, x1, y1) and the mask of their strokes:
    coloured strokes of letter size joined along a line. A stamp's rings (`stamps`, searched
    for when not given) and a signature's loops are taller than any letter: they go, with
    whatever lies within them (a stamp's own words, a logo's colours)."""
    mask = coloured.astype(np.uint8)
    for circle in stamp_circles(mask, unit) if stamps is None else stamps:
        remove_stamp(mask, circle)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    width, height, area = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_AREA]
    large = (height > 2.5 * unit) | (width > 20 * unit)
    letters = ~large & (area >= 0.1 * unit * unit)
    letters[0] = large[0] = False
    big = [(x, y, x + w, y + h) for x, y, w, h, _ in stats[large]]
    strokes = letters[labels]
    margin = int(unit)  # the loose bits of a coloured emblem or a signature around it
    for x0, y0, x1, y1 in big:
        strokes[max(y0 - margin, 0) : y1 + margin, max(x0 - margin, 0) : x1 + margin] = False
    joined = cv2.dilate(strokes.astype(np.uint8), np.ones((max(3, int(unit / 3)), odd(1.5 * unit)), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    lines = []
    for x, y, w, h, _ in stats[1:]:
        if w < 1.5 * unit or h < 0.6 * unit:
            continue
        if h <= 3 * unit:
            lines.append((int(x), int(y), int(x + w), int(y + h)))
        elif h <= 8 * unit:  # lines written one under the other, touching: cut apart
            lines += stacked_lines(strokes[y : y + h, x : x + w], (int(x), int(y)), unit)
    return lines, strokes


def stacked_lines(strokes: np.ndarray, origin: tuple[int, int], unit: float) -> list[tuple[int, int, int, int]]:
    """The lines of a block of writing whose lines touch (a descender on the next line's
    capital): bands of rows holding most of the strokes, split where few strokes cross."""
    profile = np.convolve(strokes.sum(axis=1), np.ones(3) / 3, mode="same")
    busy = profile > 0.25 * profile.max()
    lines, start = [], None
    for row, is_busy in enumerate(list(busy) + [False]):
        if is_busy and start is None:
            start = row
        elif not is_busy and start is not None:
            if row - start >= 0.5 * unit:
                top, bottom = max(start - int(unit / 3), 0), min(row + int(unit / 3), len(busy))
                cols = np.nonzero(strokes[top:bottom].any(axis=0))[0]
                if len(cols) and cols[-1] - cols[0] >= 1.5 * unit:
                    lines.append((origin[0] + int(cols[0]), origin[1] + top,
                                  origin[0] + int(cols[-1]) + 1, origin[1] + bottom))
            start = None
    return lines


def stamp_circles(mask: np.ndarray, unit: float) -> list[tuple[int, int, int]]:
    """Round office stamps (centre x, y and radius) in a mask of coloured ink: rings of 2.5 to
    12 letter heights across. Writing that crosses a ring is broken there, not lost. (The
    search takes a minute on a 300 dpi page whose print has colour fringes: the page's
    analysis does it once.)"""
    if not mask.any():
        return []
    circles = cv2.HoughCircles(cv2.GaussianBlur((mask > 0).astype(np.uint8) * WHITE, (5, 5), 0), cv2.HOUGH_GRADIENT,
                               dp=2, minDist=int(5 * unit), param1=100, param2=100,
                               minRadius=int(2.5 * unit), maxRadius=int(12 * unit))
    return [] if circles is None else [tuple(int(v) for v in c) for c in circles[0]]


def stamp_discs(shape: tuple[int, ...], stamps: list[tuple[int, int, int]]) -> np.ndarray:
    """A mask (0/255) of the discs of round stamps."""
    discs = np.zeros(shape[:2], np.uint8)
    for x, y, radius in stamps:
        cv2.circle(discs, (x, y), radius, WHITE, thickness=-1)
    return discs


def remove_stamp(mask: np.ndarray, circle: tuple[int, int, int]) -> None:
    """A round stamp taken out of a mask of coloured ink: what lies within its ring (its words)
    and its rings, found around it as the distances from its centre at which ink runs all the
    way round. Writing that crosses a ring loses only the ring's width."""
    x, y, radius = circle
    reach = 2 * radius
    top, left = max(y - reach, 0), max(x - reach, 0)
    window = mask[top : y + reach + 1, left : x + reach + 1]
    rows, cols = np.mgrid[top : top + window.shape[0], left : left + window.shape[1]]
    distance = np.hypot(cols - x, rows - y).astype(int)
    counts = np.bincount(distance[window > 0], minlength=reach + 1)[: reach + 1]
    around = 2 * np.pi * np.maximum(np.arange(reach + 1), 1)
    rings = [d for d in range(radius, reach + 1) if counts[d] >= 0.4 * around[d]]
    window[distance <= radius + 2] = 0
    for d in rings:
        window[np.abs(distance - d) <= 2] = 0


def text_grey(brightest: np.ndarray, coloured: np.ndarray) -> np.ndarray:
    """Grey image in which coloured ink becomes paper, except where print shows through it,
    darker than the coloured ink itself (a table line under a stamp; also the darkest strokes
    of a signature). Dark colour (navy headings) stays print. `brightest`: the brightest
    channel, in which black print is dark and blue ink is light."""
    if not coloured.any():
        return brightest
    # Scaled so that the stamp's typical ink becomes paper: print under it, darker in the
    # brightest channel than the ink, stays visible with its anti-aliased edges.
    ink_level = float(np.median(brightest[coloured]))
    grey = brightest.copy()
    grey[coloured] = np.clip(brightest[coloured] * (WHITE / ink_level), 0, WHITE).astype(np.uint8)
    return grey


def flatten_background(grey: np.ndarray) -> np.ndarray:
    """Divide by the paper's brightness so that shadows and uneven light become white.

    The paper is estimated on a coarse copy, with a window wider than any shaded cell, so that
    cell shading survives."""
    height, width = grey.shape
    factor = 8
    small = cv2.resize(grey, (max(1, width // factor), max(1, height // factor)), interpolation=cv2.INTER_AREA)
    small = cv2.dilate(small, np.ones((3, 3), np.uint8))  # print is darker than paper: remove it
    window = odd(max(small.shape) // 8)
    paper = cv2.medianBlur(small, min(window, 255)) if window >= 3 else small
    paper = cv2.resize(paper, (width, height), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(grey, np.maximum(paper, 1), scale=WHITE)


def ink_mask(grey: np.ndarray) -> np.ndarray:
    """Dark marks on the paper (print, lines, shapes), by a threshold that follows local contrast:
    blurred low-contrast scans keep thin strokes apart."""
    block = odd(max(15, min(grey.shape) // 50))
    return cv2.adaptiveThreshold(grey, WHITE, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY_INV, block, 15)


def whiten_fill(image: np.ndarray, box: tuple[float, float, float, float]) -> None:
    """Make a filled (shaded) cell's paper white, its print staying dark: Tesseract binarizes
    the whole page at one level, under which a grey cell would be all ink."""
    left, top, right, bottom = (int(v) for v in box)
    cell = image[top + 3 : bottom - 2, left + 3 : right - 2]
    if cell.size == 0:
        return
    paper = float(np.median(cell))
    if 40 < paper < 200:
        cell[:] = np.clip(cell * (WHITE / paper), 0, WHITE).astype(np.uint8)


def thin_grey(grey: np.ndarray, unit: float) -> np.ndarray:
    """Thin strokes clearly darker than paper, however faint their surroundings make them: a
    grey table line keeps the pixels the local threshold loses where black lines cross it.
    Filled areas (shaded cells, symbols) are left out."""
    grey_ink = (grey < 180).astype(np.uint8) * WHITE
    solid = cv2.morphologyEx(grey_ink, cv2.MORPH_OPEN, np.ones((odd(unit / 2), odd(unit / 2)), np.uint8))
    return cv2.subtract(grey_ink, solid)


def stretch_contrast(grey: np.ndarray) -> np.ndarray:
    """The darkest print to black, paper and faint smudges to white: faint scans read better."""
    dark = float(np.percentile(grey[::4, ::4], 0.5))
    if dark >= 200:
        return grey
    lut = np.clip((np.arange(256) - dark) * 255.0 / (225.0 - dark), 0, 255).astype(np.uint8)
    return cv2.LUT(grey, lut)


def text_height(ink: np.ndarray) -> float:
    """Median height of letter-sized ink blobs: the unit for every size rule."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    letters = heights[(heights >= 5) & (heights <= 120) & (widths <= 3 * heights) & (widths >= 2)]
    return float(np.median(letters)) if len(letters) >= 20 else 12.0


def odd(value: float) -> int:
    number = int(value)
    return number if number % 2 else number + 1


# ---------------------------------------------------------------------------------------------
# Orientation

SIDEWAYS = 1.5  # letters join into this many times fewer words across the rows than down them
UPSIDE_DOWN = 0.05  # least lean of ink below the letters' middle band to turn a page over
LEAN_WORDS = 300  # words enough to measure the lean on


def quarter_turns(ink: np.ndarray) -> int:
    """Quarter turns clockwise (0-3) that bring the page's print upright, read from the letters
    alone in a few hundredths of a second. Letters of a word stand closer together than lines
    do, so joining each letter with its near neighbours gives far fewer pieces along the lines
    than across them: that tells sideways from upright. Then, in Latin print, ascenders, capitals
    and i-dots rise above the middle band of a word more than descenders fall below it: that
    tells upside down. A page with too little print, or no clear lean, stays as it is."""
    letters, unit = letter_mask(ink)
    if letters is None:
        return 0
    reach = max(2, int(round(unit / 2)))
    along = cv2.dilate(letters, np.ones((1, reach), np.uint8))
    across = cv2.dilate(letters, np.ones((reach, 1), np.uint8))
    pieces_along, pieces_across = cv2.connectedComponents(along)[0], cv2.connectedComponents(across)[0]
    sideways = pieces_along > SIDEWAYS * pieces_across
    if sideways:
        letters, along = cv2.rotate(letters, cv2.ROTATE_90_CLOCKWISE), cv2.rotate(across, cv2.ROTATE_90_CLOCKWISE)
    elif pieces_along * SIDEWAYS >= pieces_across:
        return 0  # neither way clearly
    lean = ascender_lean(letters, along, unit)
    if sideways:
        return 1 if lean >= 0 else 3
    return 2 if lean <= -UPSIDE_DOWN else 0


def letter_mask(ink: np.ndarray) -> tuple[np.ndarray | None, float]:
    """The letter-sized blobs of the ink (not lines, symbols or pictures) and their size (the
    larger side, the same whichever way the page lies); None when there are too few."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    widths, heights = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    size = np.maximum(widths, heights)
    letter = (size >= 6) & (size <= 120) & (np.minimum(widths, heights) >= 2)
    if letter.sum() < 20:
        return None, 0.0
    unit = float(np.median(size[letter]))
    keep = np.zeros(count, bool)
    keep[1:] = letter & (size <= 2.5 * unit)
    return keep[labels].astype(np.uint8) * WHITE, unit


def ascender_lean(letters: np.ndarray, words: np.ndarray, unit: float) -> float:
    """Over the widest words (`words`: the letters joined along the lines) of a page upright or
    upside down, the ink above the middle band of the letters less the ink below it, as a share
    of both: positive when the page is upright."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(words, connectivity=8)
    widths, heights = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    word = (widths >= 3 * heights) & (heights >= 0.6 * unit) & (heights <= 2.5 * unit)  # a few letters, one line
    widest = 1 + np.nonzero(word)[0][np.argsort(-widths[word])[:LEAN_WORDS]]
    above = below = 0
    for x, y, width, height, _ in stats[widest]:
        profile = np.count_nonzero(letters[y : y + height, x : x + width], axis=1)
        band = np.nonzero(profile >= 0.4 * profile.max())[0]
        above += int(profile[: band[0]].sum())
        below += int(profile[band[-1] + 1 :].sum())
    return (above - below) / (above + below) if above + below else 0.0


# ---------------------------------------------------------------------------------------------
# Straightening


def skew_angle(ink: np.ndarray) -> float:
    """Degrees the page is turned, from long printed lines (table borders), else text lines."""
    from_lines = skew_from_lines(ink)
    return from_lines if from_lines is not None else skew_from_text(ink)


def skew_from_lines(ink: np.ndarray) -> float | None:
    height, width = ink.shape
    # A short kernel survives a few degrees of tilt; long runs of it are the lines.
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (41, 1)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines)
    angles, weights = [], []
    for i in range(1, count):
        x, y, w, h = stats[i, :4]
        if w < width // 6 or h > w // 4:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == i)
        slope = np.polyfit(xs, ys, 1)[0]
        angles.append(float(np.degrees(np.arctan(slope))))
        weights.append(w)
    if not angles:
        return None
    return weighted_median(angles, weights)


def skew_from_text(ink: np.ndarray) -> float:
    """The tilt at which rows of text give the sharpest horizontal projection profile."""
    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    if small.sum() == 0:
        return 0.0
    centre = (small.shape[1] / 2, small.shape[0] / 2)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-5.0, 5.01, 0.25):
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        turned = cv2.warpAffine(small, matrix, small.shape[::-1], flags=cv2.INTER_NEAREST)
        profile = turned.sum(axis=1, dtype=np.float64)
        score = float(np.sum(np.diff(profile) ** 2))
        if score > best_score:
            best, best_score = float(angle), score
    return -best


def weighted_median(values: list[float], weights: list[float]) -> float:
    order = np.argsort(values)
    cumulative = np.cumsum(np.asarray(weights, dtype=float)[order])
    return float(np.asarray(values)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def rotate(image: np.ndarray, angle: float) -> np.ndarray:
    """Turn by `angle` degrees (positive: counter-clockwise) about the centre; the edges repeat
    the border (paper), so no black wedge appears."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)


def table_outline(ink: np.ndarray, unit: float) -> np.ndarray | None:
    """Corners (top-left, top-right, bottom-right, bottom-left) of the largest four-sided ruled
    outline on the page, or None."""
    length = odd(max(15, 2 * unit))
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    lines |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    lines = cv2.dilate(lines, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    if cv2.contourArea(largest) < 0.1 * ink.size:
        return None
    quad = cv2.approxPolyDP(cv2.convexHull(largest), 0.02 * cv2.arcLength(largest, True), True)
    if len(quad) != 4:
        return None
    return order_corners(quad.reshape(4, 2).astype(np.float32))


def order_corners(points: np.ndarray) -> np.ndarray:
    total = points.sum(axis=1)
    difference = np.diff(points, axis=1).ravel()
    return np.array([points[np.argmin(total)], points[np.argmin(difference)],
                     points[np.argmax(total)], points[np.argmax(difference)]], dtype=np.float32)


def paper_outline(grey: np.ndarray) -> np.ndarray | None:
    """Corners of the sheet in a photo that shows the desk around it, or None when the image is
    all paper (a scan)."""
    factor = 600 / max(grey.shape)
    small = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    _, bright = cv2.threshold(small, 0, WHITE, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))  # print on the sheet
    count, labels, stats, _ = cv2.connectedComponentsWithStats(bright)
    if count < 2:
        return None
    sheet = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    contours, _ = cv2.findContours((labels == sheet).astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    area = cv2.contourArea(quad)
    if len(quad) != 4 or not 0.3 * small.size <= area <= 0.95 * small.size:
        return None
    return order_corners(quad.reshape(4, 2).astype(np.float32) / factor)


def sheet_transform(corners: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
    """The homography that maps a photographed sheet onto an upright rectangle, and its size.
    The sheet's edge itself is left out: it would read as a ruled line."""
    corners = corners + (corners.mean(axis=0) - corners) * 0.01
    top_left, top_right, bottom_right, bottom_left = corners
    width = (np.linalg.norm(top_right - top_left) + np.linalg.norm(bottom_right - bottom_left)) / 2
    height = (np.linalg.norm(bottom_left - top_left) + np.linalg.norm(bottom_right - top_right)) / 2
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    return cv2.getPerspectiveTransform(corners, target), (int(round(width)), int(round(height)))


def perspective_transform(corners: np.ndarray) -> np.ndarray | None:
    """The homography that makes a photographed table outline rectangular, or None when the
    outline already is (within half a degree), so that scans are not resampled for nothing."""
    top_left, top_right, bottom_right, bottom_left = corners
    edges = [top_right - top_left, bottom_right - bottom_left, bottom_left - top_left, bottom_right - top_right]
    angles = [np.degrees(np.arctan2(e[1], e[0])) for e in edges[:2]]
    angles += [np.degrees(np.arctan2(-e[0], e[1])) for e in edges[2:]]
    if max(angles) - min(angles) < 0.5:
        return None
    width = (np.linalg.norm(edges[0]) + np.linalg.norm(edges[1])) / 2
    height = (np.linalg.norm(edges[2]) + np.linalg.norm(edges[3])) / 2
    target = np.array([top_left, top_left + [width, 0], top_left + [width, height], top_left + [0, height]],
                      dtype=np.float32)
    return cv2.getPerspectiveTransform(corners, target)


def warp(image: np.ndarray, homography: np.ndarray, size: tuple[int, int] | None = None) -> np.ndarray:
    """The image through a homography, onto an image of `size` (width, height; default: its own)."""
    size = size or (image.shape[1], image.shape[0])
    return cv2.warpPerspective(image, homography, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


# ---------------------------------------------------------------------------------------------
# Ruled lines


def line_masks(ink: np.ndarray, unit: float, coloured: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical strokes longer than any letter stroke. `coloured`: where coloured
    ink lies (a date written in pen across a ruled line): not print a line runs through."""
    length = int(max(20, 2.5 * unit))
    bridge = int(max(3, unit / 2))  # closes breaks left by a faint scan
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, bridge)))
    printed = ink if coloured is None else cv2.bitwise_and(ink, cv2.bitwise_not(coloured))
    return (without_print(horizontal, printed, unit),
            np.ascontiguousarray(without_print(vertical.T.copy(), printed.T, unit).T))


def without_print(lines: np.ndarray, ink: np.ndarray, unit: float) -> np.ndarray:
    """Horizontal runs through the letters of a bold word are not lines: along most of their
    length there is print both just above and just below them."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    reach = max(2, int(unit / 2))
    for i in range(1, count):
        x, y, w, h = stats[i, :4]
        above = ink[max(y - reach, 0) : y, x : x + w].any(axis=0)
        below = ink[y + h : y + h + reach, x : x + w].any(axis=0)
        if above.size == below.size == w and (above & below).mean() > 0.5:
            lines[y : y + h, x : x + w][labels[y : y + h, x : x + w] == i] = 0
    return lines


def segments(mask: np.ndarray, horizontal: bool, unit: float, covered: np.ndarray | None = None,
             hiding: np.ndarray | None = None) -> list[Segment]:
    """The straight lines of a line mask. Pieces of one line broken by a faint stretch, or by a
    stamp laid over it, become one segment again; `covered` marks where a line may be hidden
    (see under_stamp), for a gap of a few letters; `hiding` where coloured ink lies over the
    page (a stamp's disc, writing in pen), for a gap of any width under it."""
    count, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    found = []
    for i in range(1, count):
        x, y, w, h = stats[i, :4]
        if horizontal:
            found.append(Segment(True, float(centroids[i][1]), float(x), float(x + w - 1)))
        else:
            found.append(Segment(False, float(centroids[i][0]), float(y), float(y + h - 1)))
    return join_collinear(found, across=max(2.0, unit / 4), along=unit,
                          bridge=lambda piece, start, end: (end - start <= 4 * unit or under_stamp(hiding, piece, start, end))
                          and under_stamp(covered, piece, start, end))


def under_stamp(covered: np.ndarray | None, line: Segment, start: float, end: float) -> bool:
    """Does a gap in a line hold, nearly all along, something `covered` marks: removed coloured
    ink (a stamp laid over the line) or ink (stubs of the line too short to count as lines)?"""
    if covered is None:
        return False
    at, start, end = int(round(line.pos)), int(start), int(end) + 1
    band = covered[max(at - 3, 0) : at + 4, start:end] if line.horizontal else covered[start:end, max(at - 3, 0) : at + 4].T
    return band.size > 0 and band.any(axis=0).mean() >= 0.8


# ---------------------------------------------------------------------------------------------
# Table grids


def rules(unit: float) -> Rules:
    """A scanned line is a few pixels wide, tilts a little and fades in places: borders lie
    within most of a letter's height, and half a cell's side drawn makes one."""
    tolerance = max(4.0, 0.6 * unit)
    return Rules(tolerance=tolerance, merge=max(tolerance, 0.8 * unit), share=0.5)


def find_grids(horizontal: list[Segment], vertical: list[Segment], unit: float,
               covered: np.ndarray | None = None) -> list[Grid]:
    """The ruled tables among the line segments of a page, top to bottom.

    Connector arrows and symbol edges are lines too; a table line is told apart by ending on
    other table lines at both ends, starting from the table's outline. A line may end short of
    another where `covered` shows a stamp or stubs (see under_stamp)."""
    page_rules = rules(unit)
    reach = Reach(page_rules.tolerance, 4 * unit, covered)
    grids = []
    for group in connected_groups(horizontal + vertical, page_rules.tolerance):
        group_h = [s for s in group if s.horizontal]
        group_v = [s for s in group if not s.horizontal]
        if len(group_h) < 2 or len(group_v) < 2:
            continue
        ruling_h, ruling_v = grid_lines(group_h, group_v, reach)
        if len(ruling_h) < 2 or len(ruling_v) < 2:
            continue
        grid = build_grid(ruling_h + ruling_v, page_rules)
        if grid is not None:
            grids.append(grid)
    # A box drawn inside a table cell is a flowchart symbol, not a table.
    grids = [g for g in grids if not any(other is not g and contains(other.box, g.box) for other in grids)]
    return sorted(grids, key=lambda g: g.ys[0])


def contains(outer: tuple[float, float, float, float], inner: tuple[float, float, float, float]) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


@dataclass(frozen=True)
class Reach:
    """How far a line's end may stop short of the line it rests on: `tolerance`, or up to
    `hidden` where something `covered` marks may hide the rest (see under_stamp)."""

    tolerance: float
    hidden: float
    covered: np.ndarray | None


def grid_lines(horizontal: list[Segment], vertical: list[Segment], reach: Reach):
    """The segments of a group that are table lines: the outline, then every segment whose two
    ends rest on table lines found so far."""
    width = max(h.end for h in horizontal) - min(h.start for h in horizontal)
    ruling_h = [h for h in horizontal if h.length >= 0.85 * width]
    # The outline's top and bottom give the height: an arrow may leave the table.
    height = max(h.pos for h in ruling_h) - min(h.pos for h in ruling_h)
    if height < reach.hidden:  # no bottom line: a table cut off at the foot of the page
        height = max(v.end for v in vertical) - min(v.start for v in vertical)
    ruling_v = [v for v in vertical if v.length >= 0.85 * height]
    if not ruling_h or not ruling_v:
        return [], []
    changed = True
    while changed:
        changed = False
        for candidates, ruling, across in ((horizontal, ruling_h, ruling_v), (vertical, ruling_v, ruling_h)):
            for segment in candidates:
                if segment not in ruling and rests_on(segment, across, reach):
                    ruling.append(segment)
                    changed = True
    return ruling_h, ruling_v


def rests_on(segment: Segment, lines: list[Segment], reach: Reach) -> bool:
    def end_on(end: float, outward: int) -> bool:
        for line in lines:
            if not line.start - reach.tolerance <= segment.pos <= line.end + reach.tolerance:
                continue
            short_by = (line.pos - end) * outward  # > 0: the segment stops before the line
            if abs(short_by) <= reach.tolerance or (
                    0 < short_by <= reach.hidden
                    and under_stamp(reach.covered, segment, min(line.pos, end), max(line.pos, end))):
                return True
        return False
    return end_on(segment.start, -1) and end_on(segment.end, 1)


def draw_segments(shape: tuple[int, int], lines: list[Segment], thickness: int) -> np.ndarray:
    mask = np.zeros(shape, np.uint8)
    for line in lines:
        if line.horizontal:
            start, end = (int(line.start), int(round(line.pos))), (int(line.end), int(round(line.pos)))
        else:
            start, end = (int(round(line.pos)), int(line.start)), (int(round(line.pos)), int(line.end))
        cv2.line(mask, start, end, WHITE, thickness)
    return mask


# ---------------------------------------------------------------------------------------------
# Clutter that is not text

def lines_to_erase(lines: np.ndarray, underlines: np.ndarray) -> np.ndarray:
    """Line pixels (with their grey fringe) to whiten before OCR. Underlines stay: Tesseract
    reads underlined names well, and removing them clips the commas that touch them."""
    return cv2.subtract(cv2.dilate(lines, np.ones((5, 5), np.uint8)), cv2.dilate(underlines, np.ones((7, 7), np.uint8)))


def underline_mask(ink: np.ndarray, lines: list[Segment], unit: float) -> np.ndarray:
    """The horizontal lines with print sitting right on top along most of their length."""
    keep = [line for line in lines if line.horizontal and is_underline(ink, line, unit)]
    return draw_segments(ink.shape, keep, thickness=3)


def is_underline(ink: np.ndarray, line: Segment, unit: float) -> bool:
    at = int(round(line.pos))
    above = ink[max(at - int(unit), 0) : max(at - 2, 0), int(line.start) : int(line.end) + 1]
    return above.size > 0 and above.any(axis=0).mean() >= 0.5



def words_mask(ink: np.ndarray, unit: float) -> np.ndarray:
    """Letter-sized blobs with a neighbour beside them on the same line: print, as opposed to
    the loose pieces of a logo or a scribble. Bold print blurred by a scan, or darkened by a
    stamp's ink over it, runs a few letters together: a blob of a letter's height and a few
    letters' width is letters too."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights, widths = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH]
    letter = (heights >= 0.4 * unit) & (heights <= 2 * unit) & (widths <= 2.5 * unit)
    letter |= (heights >= 0.6 * unit) & (heights <= 1.6 * unit) & (widths <= 8 * unit)
    letter[0] = False
    letters = letter[labels]
    joined = cv2.dilate(letters.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (odd(unit), 1)))
    count_words, word_labels = cv2.connectedComponents(joined, connectivity=8)
    word_of_blob = np.zeros(count, np.int64)
    word_of_blob[labels[letters]] = word_labels[letters]
    letters_per_word = np.bincount(word_of_blob[np.nonzero(letter)[0]], minlength=count_words)
    return ((letters_per_word[word_labels] >= 2) & letters).astype(np.uint8) * WHITE


def arrowheads(leftover: np.ndarray, connectors: list[Segment], unit: float) -> np.ndarray:
    """Arrowheads left at the ends of connector lines once the lines are removed: small blobs
    just beyond a line's end and centred on it."""
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(leftover, connectivity=8)
    small = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]) <= 1.5 * unit
    small[0] = False
    found = np.zeros(count, bool)
    reach, off_axis = unit * 0.8, unit * 0.35
    for line in connectors:
        along, across = (centroids[:, 0], centroids[:, 1]) if line.horizontal else (centroids[:, 1], centroids[:, 0])
        at_end = ((line.start - reach <= along) & (along <= line.start + 1.2 * unit)) | (
            (line.end - 1.2 * unit <= along) & (along <= line.end + reach))
        found |= small & at_end & (np.abs(across - line.pos) <= off_axis)
    return found[labels].astype(np.uint8) * WHITE


def specks(leftover: np.ndarray, unit: float) -> np.ndarray:
    """Dots of scanner noise: tiny blobs with no letter nearby (a full stop or the dot of an i
    always has one)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(leftover, connectivity=8)
    small = np.isin(labels, np.nonzero(stats[:, cv2.CC_STAT_AREA] <= max(4, unit * unit / 25))[0][1:])
    letters = (leftover > 0) & ~small
    reach = odd(unit * 1.5)
    near_letters = cv2.dilate(letters.astype(np.uint8), np.ones((reach, reach), np.uint8)) > 0
    kept = np.unique(labels[small & near_letters])
    return (small & ~np.isin(labels, kept)).astype(np.uint8) * WHITE


# ---------------------------------------------------------------------------------------------
# Flowchart symbols


@dataclass
class Shape:
    """A closed outline drawn in a cell: a flowchart symbol."""

    kind: str  # terminator, process, decision
    box: tuple[int, int, int, int]  # x, y, width, height of the inside
    inside: np.ndarray  # mask of the inside, the size of `box`
    solid: bool = False  # drawn filled: its inside holds no text


# Word's process boxes are up to about 1.2 inch wide; under 8 pt text that is 20 letter heights.
MAX_SYMBOL_WIDTH = 24


def find_shapes(ink: np.ndarray, unit: float) -> list[Shape]:
    """Closed outlines larger than letters: the holes of ink rings (a symbol's inside), so an
    arrow touching the outline does not matter."""
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    if hierarchy is None:
        return []
    shapes = []
    for contour, (_, _, _, parent) in zip(contours, hierarchy.reshape(-1, 4)):
        if parent < 0:
            continue
        x, y, w, h = cv2.boundingRect(contour)
        if not (1.5 * unit <= w <= MAX_SYMBOL_WIDTH * unit and 0.9 * unit <= h <= 6 * unit):
            continue
        inside = np.zeros((h, w), np.uint8)
        cv2.drawContours(inside, [contour], -1, WHITE, thickness=cv2.FILLED, offset=(-x, -y))
        kind = shape_kind(inside)
        if kind:
            shapes.append(Shape(kind, (x, y, w, h), inside))
    return shapes


def find_solid_shapes(grey: np.ndarray, unit: float) -> list[Shape]:
    """Symbols drawn filled (solid black boxes): what stays of the dark print when every stroke
    thinner than most of a letter is opened away (text, ruled lines, bold connectors, most of an
    arrowhead). A filled symbol has no inside ring for find_shapes to see."""
    dark = (grey < SOLID_INK).astype(np.uint8) * WHITE
    core = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((odd(0.8 * unit), odd(0.8 * unit)), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
    shapes = []
    for i in range(1, count):
        x, y, w, h, _ = stats[i]
        # larger than an outlined symbol's smallest inside: dark bits of a logo are not symbols
        if not (2.5 * unit <= w <= 15 * unit and 1.5 * unit <= h <= 6 * unit):
            continue
        inside = (labels[y : y + h, x : x + w] == i).astype(np.uint8) * WHITE
        # a filled round shape is a symbol: a connector circle is drawn open, with its letter in it
        kind = shape_kind(inside, round_is_symbol=True)
        if kind and evenly_filled(inside):
            shapes.append(Shape(kind, (int(x), int(y), int(w), int(h)), inside, solid=True))
    return shapes


def evenly_filled(inside: np.ndarray) -> bool:
    """Paint without pale parts inside its outline: a filled symbol, not a logo or a seal,
    whose light details leave holes."""
    outline, _ = cv2.findContours(inside, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    whole = np.zeros_like(inside)
    cv2.drawContours(whole, outline, -1, WHITE, thickness=cv2.FILLED)
    return np.count_nonzero(inside) >= SOLID_FILL * np.count_nonzero(whole)


def shape_kind(inside: np.ndarray, round_is_symbol: bool = False) -> str | None:
    """terminator (rounded ends), process (square corners) or decision (diamond), from the
    inside's fill of its bounding box and of its corners; None for what is no symbol (a round
    connector too, unless `round_is_symbol`: then an ellipse, like Word's, is a terminator)."""
    height, width = inside.shape
    filled = inside > 0
    extent = filled.mean()
    if 0.35 <= extent <= 0.65 and diamond_like(filled):
        return "decision"
    if extent < 0.7:
        return None  # an irregular loop of connectors, not a symbol
    side = max(2, int(round(0.25 * min(height, width))))
    corners = [filled[:side, :side], filled[:side, -side:], filled[-side:, :side], filled[-side:, -side:]]
    # All four corners cut off: rounded ends. An arrow meeting a box near a corner may cut one
    # or two corners of a rectangle's inside, never all four.
    corner_gap = min(1 - float(c.mean()) for c in corners)
    if corner_gap <= 0.12:
        return "process"
    return "terminator" if width >= 1.3 * height or round_is_symbol else None  # a round connector is no symbol


def diamond_like(filled: np.ndarray) -> bool:
    """Full at the middle of each side, empty at the corners."""
    height, width = filled.shape
    middle_row, middle_col = filled[height // 2], filled[:, width // 2]
    corner = max(1, min(height, width) // 5)
    corners_empty = not any(filled[a, b].any() for a, b in (
        (slice(0, corner), slice(0, corner)), (slice(0, corner), slice(-corner, None)),
        (slice(-corner, None), slice(0, corner)), (slice(-corner, None), slice(-corner, None))))
    return middle_row.mean() > 0.8 and middle_col.mean() > 0.8 and corners_empty


def find_ticks(dark: np.ndarray, unit: float) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of check marks (✓ √) standing alone: a letter-sized stroke whose
    lowest point is left of centre, rising to the top right, with the top left and bottom
    right empty (unlike V, 1, 4, J or y)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(dark.astype(np.uint8), connectivity=8)
    ticks = []
    for i in range(1, count):
        x, y, w, h, area = stats[i]
        if not (0.5 * unit <= h <= 2.2 * unit and 0.5 * h <= w <= 1.6 * h and area <= 0.5 * w * h):
            continue
        glyph = labels[y : y + h, x : x + w] == i
        if tick_shaped(glyph) and stands_alone(dark, labels, i, (x, y, w, h), unit):
            ticks.append((int(x), int(y), int(w), int(h)))
    return ticks


def faint_marks(grey: np.ndarray, unit: float) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of marks drawn faint or broken (a thin tick blurred in a photo, a
    symbol's outline half lost in a light scan) in a cell that is otherwise empty: `grey` is the
    cell with lines, connectors and arrowheads already whitened. A mark is of letter size, has a
    dark core, and is more than a speck or a thin line's remains."""
    faint = (grey < FAINT_INK).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(faint, connectivity=8)
    marks = []
    for i in range(1, count):
        x, y, w, h, area = stats[i]
        if not (0.35 * unit <= w <= 4 * unit and 0.35 * unit <= h <= 4 * unit and area >= 0.12 * unit * unit):
            continue
        if grey[y : y + h, x : x + w][labels[y : y + h, x : x + w] == i].min() < SOLID_INK:
            marks.append((int(x), int(y), int(w), int(h)))
    return marks


def tick_shaped(glyph: np.ndarray) -> bool:
    height, width = glyph.shape
    bottom = max(1, height // 4)
    right, left = max(1, int(width * 0.35)), max(1, int(width * 0.4))

    def middle_of(row: np.ndarray) -> float:
        return np.nonzero(row)[0].mean() / max(width - 1, 1)

    return (middle_of(glyph[0]) >= 0.6 and 0.1 <= middle_of(glyph[-1]) <= 0.65  # highest right, lowest left
            and not glyph[: int(height * 0.4), :left].any() and not glyph[-bottom:, -right:].any())


def stands_alone(dark: np.ndarray, labels: np.ndarray, index: int, box, unit: float) -> bool:
    x, y, w, h = box
    margin = int(unit)
    top, left = max(0, y - margin), max(0, x - margin)
    around = dark[top : y + h + margin, left : x + w + margin].astype(bool)
    others = around & (labels[top : y + h + margin, left : x + w + margin] != index)
    return not others.any()


def draw_outline(mask: np.ndarray, shape: Shape, stroke: int) -> None:
    """Mark where the symbol's outline is drawn: a band around its inside."""
    x, y, w, h = shape.box
    pad = stroke + 1
    top, left = max(y - pad, 0), max(x - pad, 0)
    local = np.zeros((h + 2 * pad, w + 2 * pad), np.uint8)
    local[pad : pad + h, pad : pad + w] = shape.inside
    grown = cv2.dilate(local, np.ones((2 * stroke + 1, 2 * stroke + 1), np.uint8))
    band = cv2.subtract(grown, cv2.erode(local, np.ones((3, 3), np.uint8)))
    band = band[top - (y - pad) :, left - (x - pad) :]
    region = mask[top : top + band.shape[0], left : left + band.shape[1]]
    region |= band[: region.shape[0], : region.shape[1]]
