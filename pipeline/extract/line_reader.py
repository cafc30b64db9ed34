"""A second OCR engine for single lines Tesseract reads with low confidence: handwriting.

Tesseract is trained on print; an SOP number or a date written by hand in the identity block
comes out of it as "23 YESEMBEP 207". PP-OCR's line recognizer (a CRNN trained on printed and
handwritten lines alike) reads such lines far better. Its ONNX model ships inside the
`rapidocr-onnxruntime` wheel and runs here through onnxruntime, recognition only: the lines are
already cut out of the page. The wheel is installed without its dependencies
(`scripts/install.sh`): they would bring a second OpenCV build that needs a display library.
Without it, scans are read by Tesseract alone.
"""
from __future__ import annotations

import functools
import logging
import string
from dataclasses import dataclass
import importlib.util
from pathlib import Path

import cv2
import numpy as np

MODEL_PACKAGE, MODEL_FILE = "rapidocr_onnxruntime", "models/ch_PP-OCRv4_rec_infer.onnx"
INPUT_HEIGHT, MIN_INPUT_WIDTH = 48, 320  # the model's input: lines scaled to 48 pixels high
BATCH = 6
# An Indonesian SOP prints Latin letters, digits and common punctuation: the model's Chinese
# characters are never on the page, so they are never chosen.
PRINTABLE = set(string.ascii_letters + string.digits + " .,:;/-()'&%")
log = logging.getLogger(__name__)


@dataclass
class LineReading:
    text: str
    confidence: float  # 0-100: the mean probability of the characters chosen


class LineRecognizer:
    def __init__(self, model_path: str):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1  # the batch's workers hold the cores
        # No memory arena (nor buffers planned from the shapes of earlier runs): each run gives
        # its buffers back. An arena holds on to those of the widest batch read, +110 MiB after
        # a few lines of a column's width, +450 MiB after lines 3,000 pixels wide, through the
        # rest of the file (the batch's workers let the session go after each file). The cost:
        # lines of a column's width read as fast, lines of a page's width 2-3 times slower.
        options.enable_cpu_mem_arena = False
        options.enable_mem_pattern = False
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
        characters = self.session.get_modelmeta().custom_metadata_map["character"].splitlines()
        self.characters = ["", *characters, " "]  # CTC blank first, space last (as the model was trained)
        self.allowed = np.array([c in PRINTABLE for c in self.characters])
        self.allowed[0] = True  # the blank

    def read(self, lines: list[np.ndarray]) -> list[LineReading]:
        """Each grey line image read as one line of text."""
        readings: list[LineReading] = [LineReading("", 0.0)] * len(lines)
        order = sorted(range(len(lines)), key=lambda i: lines[i].shape[1] / max(lines[i].shape[0], 1))
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            width = max(MIN_INPUT_WIDTH, *(input_width(lines[i]) for i in batch))
            tensor = np.stack([normalised(lines[i], width) for i in batch])
            scores = self.session.run(None, {self.session.get_inputs()[0].name: tensor})[0]
            for i, row in zip(batch, scores):
                readings[i] = self.decode(row)
        return readings

    def decode(self, row: np.ndarray) -> LineReading:
        """Greedy CTC decoding among the characters an SOP prints."""
        row = np.where(self.allowed, row, 0.0)
        best, probability = row.argmax(axis=1), row.max(axis=1)
        text, confidences = [], []
        for t, index in enumerate(best):
            if index == 0 or (t > 0 and index == best[t - 1]):
                continue
            text.append(self.characters[index])
            confidences.append(probability[t])
        confidence = 100.0 * float(np.mean(confidences)) if confidences else 0.0
        return LineReading("".join(text), confidence)


def input_width(line: np.ndarray) -> int:
    height, width = line.shape[:2]
    return int(np.ceil(INPUT_HEIGHT * width / max(height, 1)))


def normalised(line: np.ndarray, width: int) -> np.ndarray:
    """The line scaled to the model's height, as 3 channels in [-1, 1], padded to `width`."""
    resized = cv2.resize(line, (min(input_width(line), width), INPUT_HEIGHT), interpolation=cv2.INTER_AREA)
    values = resized.astype(np.float32) / 127.5 - 1.0
    tensor = np.zeros((3, INPUT_HEIGHT, width), np.float32)
    tensor[:, :, : values.shape[1]] = values
    return tensor


@functools.lru_cache(maxsize=1)
def line_recognizer() -> LineRecognizer | None:
    """The second engine, loaded once per process; None when its model is not installed."""
    # found, not imported: the package's own code needs the dependencies left out
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    try:
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError(f"{MODEL_PACKAGE} is not installed")
        return LineRecognizer(str(Path(spec.submodule_search_locations[0]) / MODEL_FILE))
    except (ImportError, OSError, RuntimeError) as error:
        log.warning("second OCR engine not available (%s): handwriting is read by Tesseract alone; "
                    "scripts/install.sh installs it", error)
        return None


def release() -> None:
    """The model unloaded: the next line read loads it again."""
    line_recognizer.cache_clear()
