"""Sparse bag-of-words vectors and cosine similarity, with IDF over a small collection."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

Bag = dict[str, float]


@dataclass(frozen=True)
class Idf:
    weights: dict[str, float]
    unseen: float  # a word no item of the collection carries is rarer than any that one does


def idf_weights(bags: list[Bag]) -> Idf:
    """Smoothed IDF: a word every item carries (e.g. "surat" in a group about letters) counts little."""
    df = Counter(word for bag in bags for word in bag)
    n = len(bags)
    return Idf({word: math.log((1 + n) / (1 + count)) + 1.0 for word, count in df.items()},
               unseen=math.log(1 + n) + 1.0)


def apply_idf(bag: Bag, idf: Idf) -> Bag:
    return {word: weight * idf.weights.get(word, idf.unseen) for word, weight in bag.items()}


def matrix(bags: list[Bag]) -> np.ndarray:
    """Rows are the L2-normalized bags (zero rows stay zero)."""
    vocabulary = {word: j for j, word in enumerate(sorted({w for bag in bags for w in bag}))}
    rows = np.zeros((len(bags), max(len(vocabulary), 1)))
    for i, bag in enumerate(bags):
        for word, weight in bag.items():
            rows[i, vocabulary[word]] = weight
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


def projected_matrix(bags: list[Bag], vocabulary: dict[str, int]) -> np.ndarray:
    """The L2-normalized bags on the columns of `vocabulary` only: words outside it count in a
    row's norm but need no column, since they cannot meet a word of the other side."""
    rows = np.zeros((len(bags), max(len(vocabulary), 1)))
    for i, bag in enumerate(bags):
        norm = math.sqrt(sum(weight * weight for weight in bag.values()))
        for word, weight in bag.items():
            if word in vocabulary:
                rows[i, vocabulary[word]] = weight / norm
    return rows


def cosine_matrix(bags: list[Bag], others: list[Bag] | None = None) -> np.ndarray:
    """Cosine of every bag with every other bag, or with every bag of `others`."""
    if others is None:
        rows = matrix(bags)
        return rows @ rows.T
    vocabulary = {word: j for j, word in enumerate(sorted({w for bag in others for w in bag}))}
    return projected_matrix(bags, vocabulary) @ projected_matrix(others, vocabulary).T
