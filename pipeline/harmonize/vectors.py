"""Sparse bag-of-words vectors and cosine similarity, with IDF over a small collection; and
many bags as the rows of one sparse matrix, for collections too large for a dict per bag."""
from __future__ import annotations

import math
from array import array
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy import sparse

Bag = dict[str, float]


@dataclass(frozen=True)
class Idf:
    weights: dict[str, float]
    unseen: float  # a word no item of the collection carries is rarer than any that one does


def smoothed_idf(n: int, count: int) -> float:
    """IDF of a word `count` of `n` items carry: one every item carries (e.g. "surat" in a
    group about letters) counts little; one none carries, most."""
    return math.log((1 + n) / (1 + count)) + 1.0


def idf_weights(bags: list[Bag]) -> Idf:
    df = Counter(word for bag in bags for word in bag)
    n = len(bags)
    return Idf({word: smoothed_idf(n, count) for word, count in df.items()}, unseen=smoothed_idf(n, 0))


def apply_idf(bag: Bag, idf: Idf) -> Bag:
    return {word: weight * idf.weights.get(word, idf.unseen) for word, weight in bag.items()}


def cosine_matrix(bags: list[Bag], others: list[Bag] | None = None) -> np.ndarray:
    """Cosine of every bag with every other bag, or with every bag of `others`."""
    vocabulary: dict[str, int] = {}
    rows, other_rows = BagRows(vocabulary), BagRows(vocabulary)
    for bag in bags:
        rows.add(bag)
    for bag in others or []:
        other_rows.add(bag)
    left = rows.matrix()
    return cosine_of_rows(left, np.ones(left.shape[1]), None if others is None else other_rows.matrix())


class BagRows:
    """Bags as the rows of one sparse matrix, added one at a time: some bytes a word where a
    dict of floats takes a hundred. Matrices built on one vocabulary share their columns."""

    def __init__(self, vocabulary: dict[str, int]):
        self.vocabulary = vocabulary  # word -> column, grown by every bag added
        self.columns, self.weights, self.starts = array("q"), array("d"), array("q", [0])

    def add(self, bag: Bag) -> None:
        for word, weight in bag.items():
            self.columns.append(self.vocabulary.setdefault(word, len(self.vocabulary)))
            self.weights.append(weight)
        self.starts.append(len(self.columns))

    def matrix(self) -> sparse.csr_matrix:
        """The rows so far, on every column of the vocabulary (in each row, its bag's order)."""
        return sparse.csr_matrix((np.frombuffer(self.weights), np.frombuffer(self.columns, np.int64),
                                  np.frombuffer(self.starts, np.int64)),
                                 shape=(len(self.starts) - 1, max(len(self.vocabulary), 1)))


def idf_of_rows(rows: sparse.csr_matrix) -> np.ndarray:
    """idf_weights over the rows, per column (a column no row has gets Idf.unseen)."""
    n = rows.shape[0]
    counts, column_counts = np.unique(np.bincount(rows.indices, minlength=rows.shape[1]), return_inverse=True)
    return np.array([smoothed_idf(n, int(count)) for count in counts])[column_counts]


def normalized(rows: sparse.csr_matrix) -> sparse.csr_matrix:
    """The rows L2-normalized (a zero row stays zero)."""
    squares = sparse.csr_matrix((rows.data * rows.data, rows.indices, rows.indptr), shape=rows.shape)
    norms = np.sqrt(squares @ np.ones(rows.shape[1]))
    per_value = np.repeat(norms, np.diff(rows.indptr))
    return sparse.csr_matrix((rows.data / per_value, rows.indices, rows.indptr), shape=rows.shape)


def cosine_of_rows(rows: sparse.csr_matrix, idf: np.ndarray, others: sparse.csr_matrix | None = None) -> np.ndarray:
    """cosine_matrix of the rows (and of `others`) weighted by `idf`, on one vocabulary's columns."""
    def weighted(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
        return normalized(sparse.csr_matrix((matrix.data * idf[matrix.indices], matrix.indices, matrix.indptr),
                                            shape=matrix.shape))
    left = weighted(rows)
    right = left if others is None else weighted(others)
    return (left @ right.T).toarray()
