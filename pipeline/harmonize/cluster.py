"""Average-linkage agglomerative clustering on a similarity matrix."""
from __future__ import annotations

import numpy as np


def average_linkage(similarity: np.ndarray, threshold: float) -> list[int]:
    """Cluster id per item: merge the two most similar clusters while their mean similarity
    is at least `threshold`."""
    n = len(similarity)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    linkage = similarity.astype(float).copy()
    np.fill_diagonal(linkage, -np.inf)
    while len(members) > 1:
        a, b = np.unravel_index(np.argmax(linkage), linkage.shape)
        if linkage[a, b] < threshold:
            break
        size_a, size_b = len(members[a]), len(members[b])
        merged = (linkage[a] * size_a + linkage[b] * size_b) / (size_a + size_b)
        linkage[a, :], linkage[:, a] = merged, merged
        linkage[a, a] = -np.inf
        linkage[b, :], linkage[:, b] = -np.inf, -np.inf
        members[a] += members.pop(b)
    labels = [0] * n
    for cluster_id, items in enumerate(sorted(members.values(), key=min)):
        for item in items:
            labels[item] = cluster_id
    return labels


def merge_complementary(similarity: np.ndarray, labels: list[int], owners: list[str],
                        threshold: float) -> list[int]:
    """Merge clusters that no owner has both of, most similar pair first, while their mean
    similarity reaches `threshold`. One SOP rarely does the same kind of work twice in two
    wordings, while different SOPs word one kind of work differently: clusters that complement
    each other across SOPs are likely one phase."""
    labels = list(labels)
    while True:
        members: dict[int, list[int]] = {}
        for i, c in enumerate(labels):
            members.setdefault(c, []).append(i)
        held = {c: {owners[i] for i in items} for c, items in members.items()}
        best, best_score = None, threshold
        for a in members:
            for b in members:
                if a < b and not held[a] & held[b]:
                    score = float(similarity[np.ix_(members[a], members[b])].mean())
                    if score >= best_score:
                        best, best_score = (a, b), score
        if best is None:
            return labels
        labels = [best[0] if c == best[1] else c for c in labels]
