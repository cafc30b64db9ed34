"""Average-linkage agglomerative clustering on a similarity matrix, and the same in bounded
memory for many items: a bounded, representative set of seeds is clustered, the other items
join the cluster they fit, and those fitting none are clustered in further bounded rounds."""
from __future__ import annotations

import heapq
from collections import Counter
from typing import Callable

import numpy as np
from scipy import sparse


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


# Object similarity below which two steps of one owner in a row handle other things
OTHER_THINGS = 0.5


def split_repeated(similarity: np.ndarray, labels: list[int], owners: list[str], agencies: list[str],
                   places: list[int], handled: np.ndarray) -> list[int]:
    """Split a cluster in two, by order, where most of the agencies it holds do its work twice
    (see doing_again): a verb such as "memeriksa" doing two jobs in one procedure (checking a
    request, then checking the goods returned; checking a file's completeness, then the
    applicant's audit findings, one step after the other) names two phases, which agencies
    that word the work alike do in the same order. One agency doing the work again (a
    disposition at steps 1, 3 and 7) is no such sign. The owners doing it the usual number of
    times (the commonest count) anchor the parts, each one's first item the earlier and its
    last the later; every other item goes where its mean similarity is higher (an agency
    doing two of the others' three such jobs has no last one to pin). Repeated until no
    cluster is split. `handled`: how alike the items' objects are."""
    labels = list(labels)
    while True:
        members: dict[int, list[int]] = {}
        for i, c in enumerate(labels):
            members.setdefault(c, []).append(i)
        for items in members.values():
            parts = order_split(similarity, items, owners, agencies, places, handled)
            if parts is not None:
                later = max(labels) + 1
                for i in parts:
                    labels[i] = later
                break
        else:
            return labels


def order_split(similarity: np.ndarray, items: list[int], owners: list[str], agencies: list[str],
                places: list[int], handled: np.ndarray) -> list[int] | None:
    """The items of the later part (see split_repeated), or None where the cluster stays whole."""
    by_owner: dict[str, list[int]] = {}
    for i in sorted(items, key=lambda i: places[i]):
        by_owner.setdefault(owners[i], []).append(i)
    repeating = [held for held in by_owner.values() if len(held) > 1 and doing_again(held, places, handled)]
    doing_twice = {agencies[held[0]] for held in repeating}
    if len(doing_twice) < 2 or 2 * len(doing_twice) <= len({agencies[i] for i in items}):
        return None
    usual = Counter(len(held) for held in repeating).most_common(1)[0][0]
    anchors = [held for held in repeating if len(held) == usual]
    early, late = [held[0] for held in anchors], [held[-1] for held in anchors]
    placed = set(early) | set(late)
    rest = [i for i in items if i not in placed]
    later = [i for i in rest if similarity[i, late].mean() > similarity[i, early].mean()]
    return late + later


def doing_again(held: list[int], places: list[int], handled: np.ndarray) -> bool:
    """Whether one owner's items of a cluster (in order) do its work again: apart in the order,
    or one after the other on other things (a file checked, then the applicant's audit
    findings), not a chain of steps on one thing (an instruction or a form passed down from
    the head to a section: "menyampaikan format permintaan data" twice) nor steps of which one
    names no object ("mendisposisikan", twice). `handled`: how alike two items' objects are
    (a cosine: 0 on the diagonal for an item without objects)."""
    if places[held[-1]] - places[held[0]] >= len(held):
        return True
    if not all(handled[i, i] > 0 for i in held):
        return False
    return bool(handled[np.ix_(held, held)][np.triu_indices(len(held), 1)].mean() < OTHER_THINGS)


# seeds -> (their similarity matrix, items -> similarity of the items (rows) to the seeds).
Space = Callable[[list[int]], tuple[np.ndarray, Callable[[list[int]], np.ndarray]]]
# (similarity of items to seeds, cluster per seed, threshold) -> cluster per item, or -1 for none.
Attach = Callable[[np.ndarray, np.ndarray, float], np.ndarray]
BLOCK = 1024  # items compared with the seeds at once: memory is BLOCK x seeds


def attach_to_nearest(similarity: np.ndarray, seed_clusters: np.ndarray, threshold: float) -> np.ndarray:
    """The cluster of the most similar seed (the first on ties), if that similarity reaches
    `threshold`: a near copy of a seed goes where the seed went."""
    nearest = similarity.argmax(axis=1)
    best = similarity[np.arange(len(similarity)), nearest]
    return np.where(best >= threshold, seed_clusters[nearest], -1)


def attach_by_mean(similarity: np.ndarray, seed_clusters: np.ndarray, threshold: float) -> np.ndarray:
    """The cluster of highest mean similarity (the lowest id on ties), if that mean reaches
    `threshold`: what average linkage would merge a single item into."""
    membership = np.eye(seed_clusters.max() + 1)[seed_clusters]
    means = (similarity @ membership) / membership.sum(axis=0)
    best = means.argmax(axis=1)
    return np.where(means[np.arange(len(means)), best] >= threshold, best, -1)


def attach(items: list[int], similarity_to_seeds: Callable[[list[int]], np.ndarray],
           seed_clusters: list[int], threshold: float, rule: Attach) -> tuple[dict[int, int], list[int]]:
    """Cluster per item that fits one (compared with the seeds a block at a time), and the
    items that fit none, in their order."""
    clusters = np.asarray(seed_clusters)
    found: dict[int, int] = {}
    left: list[int] = []
    for start in range(0, len(items), BLOCK):
        block = items[start:start + BLOCK]
        for item, cluster in zip(block, rule(similarity_to_seeds(block), clusters, threshold)):
            if cluster < 0:
                left.append(item)
            else:
                found[item] = int(cluster)
    return found, left


def cluster_in_rounds(order: list[int], space: Space, threshold: float, limit: int,
                      rule: Attach) -> dict[int, int]:
    """Cluster per item in memory bounded by `limit`: each round clusters (average linkage) the
    first `limit` items of `order` still without one, then gives every other such item the
    cluster it fits (`rule`); those that fit none wait for the next round. With at most
    `limit` items this is plain average linkage."""
    clusters: dict[int, int] = {}
    pending = list(order)
    while pending:
        seeds, rest = sorted(pending[:limit]), pending[limit:]
        within, similarity_to_seeds = space(seeds)
        offset = max(clusters.values(), default=-1) + 1
        seed_clusters = average_linkage(within, threshold)
        clusters.update({seed: offset + c for seed, c in zip(seeds, seed_clusters)})
        found, pending = attach(rest, similarity_to_seeds, seed_clusters, threshold, rule)
        clusters.update({item: offset + c for item, c in found.items()})
    return clusters


def coverage_order(rows: sparse.csr_matrix, limit: int) -> list[int]:
    """Up to `limit` rows, each time the one whose keys (nonzero columns, once each) not yet
    covered are the most common overall (the first row on ties), until every key is covered:
    the first holds the most common wordings, each next one the most common wordings still
    missing. Lazy greedy: a row's gain only shrinks, so a stale gain is an upper bound."""
    uncovered = np.bincount(rows.indices, minlength=rows.shape[1])  # a key's frequency until covered

    def keys(row: int) -> np.ndarray:
        return rows.indices[rows.indptr[row]:rows.indptr[row + 1]]

    held = sparse.csr_matrix((np.ones(len(rows.indices)), rows.indices, rows.indptr), shape=rows.shape)
    heap = [(-int(gain), row) for row, gain in enumerate(held @ uncovered)]
    heapq.heapify(heap)
    chosen: list[int] = []
    while heap and len(chosen) < limit:
        _, row = heapq.heappop(heap)
        entry = (-int(uncovered[keys(row)].sum()), row)
        if heap and entry > heap[0]:
            heapq.heappush(heap, entry)
            continue
        if entry[0] == 0:
            break
        chosen.append(row)
        uncovered[keys(row)] = 0
    return chosen
