"""Sparse bag-of-words vectors and cosine similarity, with IDF over a small collection."""
from __future__ import annotations

import math
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
