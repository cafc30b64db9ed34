"""Group SOPs of the same procedure across agencies.

Titles vary ("SOP Pengumpulan Data Kinerja", "SOP Mekanisme Pengumpulan Data Kinerja", "SOP
Data Kinerja") and sometimes name the procedure differently ("Penerbitan SPPD" for a
perjalanan dinas SOP), so a document is compared by its title words and by what its steps
handle, both weighted by rarity across the batch.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from pipeline.harmonize.cluster import average_linkage
from pipeline.harmonize.lexicon import lexicon
from pipeline.harmonize.text import canonical_noun, parse_activity, words
from pipeline.harmonize.vectors import Bag, apply_idf, cosine_matrix, idf_weights

TITLE_WEIGHT = 0.5
GROUP_THRESHOLD = 0.3


def title_bag(title: str | None) -> Bag:
    lex = lexicon()
    return {canonical_noun(w): 1.0 for w in words(title)
            if w not in lex.title_stopwords and w not in lex.stopwords and not w.isdigit()}


def content_bag(steps: pd.DataFrame) -> Bag:
    """What the SOP's steps do and handle: action concepts, object nouns, outputs."""
    counts: Counter = Counter()
    for row in steps.itertuples(index=False):
        activity = parse_activity(row.activity)
        counts.update(a.concept for a in activity.actions)
        counts.update(activity.objects)
        counts.update(title_bag(row.output))
    return {word: 1.0 + np.log(count) for word, count in counts.items()}


def document_similarity(titles: list[Bag], contents: list[Bag]) -> np.ndarray:
    title_idf, content_idf = idf_weights(titles), idf_weights(contents)
    title_sim = cosine_matrix([apply_idf(b, title_idf) for b in titles])
    content_sim = cosine_matrix([apply_idf(b, content_idf) for b in contents])
    has_title = np.array([bool(b) for b in titles])
    both = has_title[:, None] & has_title[None, :]
    # without a title on either side, content alone decides
    return np.where(both, TITLE_WEIGHT * title_sim + (1 - TITLE_WEIGHT) * content_sim, content_sim)


def group_label(titles: pd.Series) -> str:
    """The procedure's name: the most common title, as printed, of the group."""
    printed = [t.strip() for t in titles.dropna() if str(t).strip()]
    if not printed:
        return "(tanpa judul)"
    by_key = Counter(" ".join(words(t)) for t in printed)
    key = by_key.most_common(1)[0][0]
    return next(t for t in printed if " ".join(words(t)) == key)


def group_documents(documents: pd.DataFrame, steps: pd.DataFrame) -> pd.DataFrame:
    """One row per document: source_file, group_id, group_label. Documents without steps
    (failed files) are grouped by title only."""
    steps_by_file = {name: rows for name, rows in steps.groupby("source_file", sort=False)}
    files = documents["source_file"].tolist()
    titles = [title_bag(t) for t in documents["sop_title"]]
    contents = [content_bag(steps_by_file[f]) if f in steps_by_file else {} for f in files]
    clusters = average_linkage(document_similarity(titles, contents), GROUP_THRESHOLD) if files else []
    groups = pd.DataFrame({"source_file": files, "cluster": clusters,
                           "sop_title": documents["sop_title"].tolist()})
    labels = groups.groupby("cluster")["sop_title"].agg(group_label)
    groups["group_label"] = groups["cluster"].map(labels)
    groups["group_id"] = groups["cluster"].map(lambda c: f"G{c + 1:02d}")
    return groups[["source_file", "group_id", "group_label"]]
