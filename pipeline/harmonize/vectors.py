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


def idf_weights(bags: list[Bag]) -> Idf:
    """Smoothed IDF: a word every item carries (e.g. "surat" in a group about letters) counts little."""
    df = Counter(word for bag in bags for word in bag)
    n = len(bags)
    return Idf({word: math.log((1 + n) / (1 + count)) + 1.0 for word, count in df.items()},
               unseen=math.log(1 + n) + 1.0)


def apply_idf(bag: Bag, idf: Idf) -> Bag:
    return {word: weight * idf.weights.get(word, idf.unseen) for word, weight in bag.items()}


def normalized_rows(bags: list[Bag], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """The L2-normalized bags on the columns of `vocabulary` (a zero bag stays zero). A word
    outside it counts in its row's norm but needs no column: it cannot meet a word of the
    other side. Sparse: a batch of many procedures has a vocabulary of tens of thousands of
    words, and dense rows would take that many numbers each."""
    data: list[float] = []
    columns: list[int] = []
    starts = [0]
    for bag in bags:
        norm = math.sqrt(sum(weight * weight for weight in bag.values()))
        for word, weight in bag.items():
            if word in vocabulary:
                columns.append(vocabulary[word])
                data.append(weight / norm)
        starts.append(len(columns))
    return sparse.csr_matrix((data, columns, starts), shape=(len(bags), max(len(vocabulary), 1)))


def cosine_matrix(bags: list[Bag], others: list[Bag] | None = None) -> np.ndarray:
    """Cosine of every bag with every other bag, or with every bag of `others`."""
    other_bags = bags if others is None else others
    vocabulary = {word: j for j, word in enumerate(sorted({w for bag in other_bags for w in bag}))}
    rows = normalized_rows(bags, vocabulary)
    other_rows = rows if others is None else normalized_rows(others, vocabulary)
    return (rows @ other_rows.T).toarray()


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
    return np.array([math.log((1 + n) / (1 + int(count))) + 1.0 for count in counts])[column_counts]


def normalized(rows: sparse.csr_matrix) -> sparse.csr_matrix:
    """The rows L2-normalized (a zero row stays zero), as normalized_rows does."""
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
