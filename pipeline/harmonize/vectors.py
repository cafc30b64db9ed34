"""Sparse bag-of-words vectors and cosine similarity, with IDF over a small collection."""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

Bag = dict[str, float]


def idf_weights(bags: list[Bag]) -> dict[str, float]:
    """Smoothed IDF: a word every item carries (e.g. "surat" in a group about letters) counts little."""
    df = Counter(word for bag in bags for word in bag)
    n = len(bags)
    return {word: math.log((1 + n) / (1 + count)) + 1.0 for word, count in df.items()}


def apply_idf(bag: Bag, idf: dict[str, float]) -> Bag:
    return {word: weight * idf.get(word, 1.0) for word, weight in bag.items()}


def matrix(bags: list[Bag]) -> np.ndarray:
    """Rows are the L2-normalized bags (zero rows stay zero)."""
    vocabulary = {word: j for j, word in enumerate(sorted({w for bag in bags for w in bag}))}
    rows = np.zeros((len(bags), max(len(vocabulary), 1)))
    for i, bag in enumerate(bags):
        for word, weight in bag.items():
            rows[i, vocabulary[word]] = weight
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


def cosine_matrix(bags: list[Bag]) -> np.ndarray:
    rows = matrix(bags)
    return rows @ rows.T
