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
