"""Tesseract read in the process, through the C API of its library (libtesseract, which the
`tesseract` command runs on).

The command loads its language models again at every call (0.3 s on a quiet machine, 1 s
under load, for ind+eng: as long as reading a short piece) and takes the image as a PNG file it
decodes; a scanned page is read in one to three calls. Here the models are loaded once per
process and the image is handed over from memory. The readings are the command's own: the same
library with the same settings (page segmentation, resolution, variables) gives the same words,
boxes and confidences.
"""
from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import itertools
import os
from dataclasses import dataclass

import numpy as np

LIBRARY = "tesseract"
LIBRARY_FILE = "libtesseract.so.5"  # where the linker cache does not name it (find_library finds none)
# the columns of its TSV: level, page_num, block_num, par_num, line_num, word_num, left, top,
# width, height, conf, text; level 5 is a word
TSV_COLUMNS, WORD_LEVEL = 12, "5"


class TesseractUnavailable(Exception):
    """The library or a language's data is missing."""


@dataclass
class TsvWord:
    text: str
    confidence: float  # 0-100
    left: int
    top: int
    width: int
    height: int


class Tesseract:
    def __init__(self, languages: str):
        # OpenMP reads its limit when the library loads: Tesseract's threads would only contend
        # with the batch's workers for the cores
        os.environ["OMP_THREAD_LIMIT"] = "1"
        try:
            self.lib = ctypes.CDLL(ctypes.util.find_library(LIBRARY) or LIBRARY_FILE)
        except OSError as error:
            raise TesseractUnavailable(f"the Tesseract library is not installed ({error})") from error
        declare(self.lib)
        self.handle = self.lib.TessBaseAPICreate()
        # a language whose data is missing is left out with a warning, the first one too
        missing = [language for language in languages.split("+") if language not in self.loaded()] \
            if self.lib.TessBaseAPIInit3(self.handle, None, languages.encode()) == 0 else languages.split("+")
        if missing:
            self.close()
            raise TesseractUnavailable(f"Tesseract has no data for the language {', '.join(missing)}")

    def read(self, image: np.ndarray, page_segmentation: int, dpi: int, variables: dict[str, str]) -> list[TsvWord]:
        """The words of a grey image, as `tesseract IMAGE - --psm P --dpi D -c NAME=VALUE tsv`
        reads them."""
        image = np.ascontiguousarray(image, dtype=np.uint8)
        self.lib.TessBaseAPISetPageSegMode(self.handle, page_segmentation)
        for name, value in {"user_defined_dpi": str(dpi), **variables}.items():
            self.lib.TessBaseAPISetVariable(self.handle, name.encode(), value.encode())
        height, width = image.shape
        self.lib.TessBaseAPISetImage(self.handle, image.ctypes.data, width, height, 1, image.strides[0])
        try:
            if self.lib.TessBaseAPIRecognize(self.handle, None) != 0:
                raise RuntimeError("Tesseract could not read the image")
            text = self.lib.TessBaseAPIGetTsvText(self.handle, 0)
            try:
                tsv = ctypes.string_at(text).decode("utf-8", errors="replace")
            finally:
                self.lib.TessDeleteText(text)
        finally:
            self.lib.TessBaseAPIClear(self.handle)  # the image and its results, not the models
        words = []
        for line in tsv.splitlines():
            fields = line.split("\t")
            fields += [""] * (TSV_COLUMNS - len(fields))  # a last word without text
            level, *_, left, top, width, height, conf, text = fields
            if level == WORD_LEVEL:
                # whole numbers, as the command's output was read before (pytesseract): the
                # thresholds on them were set on those
                words.append(TsvWord(text, float(int(float(conf))), int(left), int(top), int(width), int(height)))
        return words

    def loaded(self) -> list[str]:
        names = self.lib.TessBaseAPIGetLoadedLanguagesAsVector(self.handle)
        try:
            return [name.decode() for name in itertools.takewhile(bool, (names[i] for i in itertools.count()))]
        finally:
            self.lib.TessDeleteTextArray(names)

    def close(self) -> None:
        if self.handle:
            self.lib.TessBaseAPIEnd(self.handle)
            self.lib.TessBaseAPIDelete(self.handle)
            self.handle = None


def declare(lib: ctypes.CDLL) -> None:
    handle = ctypes.c_void_p
    lib.TessBaseAPICreate.restype = handle
    lib.TessBaseAPIInit3.argtypes = [handle, ctypes.c_char_p, ctypes.c_char_p]
    lib.TessBaseAPIInit3.restype = ctypes.c_int
    lib.TessBaseAPISetPageSegMode.argtypes = [handle, ctypes.c_int]
    lib.TessBaseAPISetVariable.argtypes = [handle, ctypes.c_char_p, ctypes.c_char_p]
    lib.TessBaseAPISetVariable.restype = ctypes.c_int
    lib.TessBaseAPISetImage.argtypes = [handle, ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.TessBaseAPIRecognize.argtypes = [handle, ctypes.c_void_p]
    lib.TessBaseAPIRecognize.restype = ctypes.c_int
    lib.TessBaseAPIGetTsvText.argtypes = [handle, ctypes.c_int]
    lib.TessBaseAPIGetTsvText.restype = ctypes.POINTER(ctypes.c_char)  # freed by TessDeleteText
    lib.TessDeleteText.argtypes = [ctypes.POINTER(ctypes.c_char)]
    lib.TessBaseAPIGetLoadedLanguagesAsVector.argtypes = [handle]
    lib.TessBaseAPIGetLoadedLanguagesAsVector.restype = ctypes.POINTER(ctypes.c_char_p)
    lib.TessDeleteTextArray.argtypes = [ctypes.POINTER(ctypes.c_char_p)]
    for name in ("TessBaseAPIClear", "TessBaseAPIEnd", "TessBaseAPIDelete"):
        getattr(lib, name).argtypes = [handle]


LOADED: dict[str, Tesseract] = {}


def tesseract(languages: str) -> Tesseract:
    """Tesseract with its models loaded, once per process (until released)."""
    if languages not in LOADED:
        LOADED[languages] = Tesseract(languages)
    return LOADED[languages]


@atexit.register  # before the library's own exit: it warns of models left loaded
def release() -> None:
    """The models unloaded: the next reading loads them again."""
    for engine in LOADED.values():
        engine.close()
    LOADED.clear()
