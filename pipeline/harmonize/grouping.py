"""Group SOPs of the same procedure across agencies.

Titles vary ("SOP Pengumpulan Data Kinerja", "SOP Mekanisme Pengumpulan Data Kinerja", "SOP
Data Kinerja") and sometimes name the procedure differently ("Penerbitan SPPD" for a
perjalanan dinas SOP), so a document is compared by its title words and by what its steps
handle, both weighted by rarity across the batch (across the documents clustered together,
in a batch too large to compare every pair). Titles that share no word say nothing either
way: what the steps handle decides.

What the steps handle is also weighted by its rarity among the batch's steps. The object a
procedure's every step handles ("surat" in a letters SOP) is its topic, which sibling
procedures share (surat masuk, surat keluar); the work its few steps do tells them apart.
Rarity across documents sees that only in a batch of many SOPs (over two or three, every word
is about as rare as any other); two or three SOPs already have dozens of steps.

Agencies name one procedure by its object and add what their own variant is about: "Cuti
Besar", "Cuti Sakit Pegawai", "Izin Cuti Alasan Penting"; "Penyaluran Hibah Uang", "Pemberian
Hibah kepada Organisasi Kepemudaan". Such words, printed by one SOP alone, weigh on its title
similarity as much as the shared object does, and an SOP whose title carries several of them
may be left alone. So an SOP left alone joins the group whose titles all name words its title
names too (the group's core: "cuti"), where its steps still handle what the group's steps
handle: a sibling procedure whose title shares the core ("Surat Masuk" beside a group whose
titles share only "surat") does other work in its steps. Words are compared by their spelling
key (text.spelling_key): regional spellings ("sertipikat", "ijin") are one word.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import numpy as np
import pandas as pd
from scipy import sparse

from pipeline.harmonize.cluster import Space, attach_by_mean, cluster_in_rounds, coverage_order
from pipeline.harmonize.lexicon import lexicon
from pipeline.harmonize.text import (canonical_noun, forget_readings, parse_activity, reading_cache, spelling_key,
                                     words)
from pipeline.harmonize.vectors import Bag, BagRows, cosine_of_rows, idf_of_rows, smoothed_idf

TITLE_WEIGHT = 0.5
GROUP_THRESHOLD = 0.28
# Documents clustered together at most: one round of average linkage holds this many; in a
# larger batch the others join the group they fit best, round after round.
DOCUMENT_LIMIT = 500
# What an SOP left alone needs to join a group whose core its title names: a content
# similarity (mean over the group's members) of CORE_CONTENT_FLOOR, and CORE_CONTENT_SHARE of
# the members' mean similarity among themselves. SOPs of one procedure left alone by extra
# title words reach 0.18-0.32, 0.4 of their group's own or more, on the held-out sets; a
# sibling procedure sharing only the core's word ("surat") 0.10-0.13, a fifth of its group's
# own, on the dev corpus.
CORE_CONTENT_FLOOR = 0.15
CORE_CONTENT_SHARE = 0.3
# Members of a group a document left alone is compared with at most (the first ones)
CORE_MEMBERS = 100


def title_bag(title: str | None, agency: str | None = None) -> Bag:
    """The title's words but those of the SOP's own agency ("SOP Perjalanan Dinas Kecamatan"
    by Kecamatan Tempe): they say who works, which SOPs of other procedures by agencies of
    that kind share, not what the work is."""
    own = set(title_words(agency))
    return dict.fromkeys((word for word in title_words(title) if word not in own), 1.0)


@reading_cache(maxsize=65536)
def title_words(title: str | None) -> tuple[str, ...]:
    """The words that name a procedure (cached: titles and outputs recur across SOPs)."""
    lex = lexicon()
    return tuple(dict.fromkeys(spelling_key(canonical_noun(w)) for w in words(title)
                               if w not in lex.title_stopwords and w not in lex.stopwords and not w.isdigit()))


@reading_cache(maxsize=65536)
def activity_counts(text: str | None) -> Counter:
    """What a step does and handles: its action concepts, and its object nouns by weight
    (cached; callers must not modify it)."""
    activity = parse_activity(text)
    counts = Counter(a.concept for a in activity.actions)
    counts.update({spelling_key(noun): weight for noun, weight in activity.objects.items()})
    return counts


def document_bags(documents: pd.DataFrame, step_windows: Iterable[pd.DataFrame]
                  ) -> tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray]:
    """Per document (a row each, on one vocabulary): its title words, and what its steps do and
    handle (action concepts, object nouns, outputs); and per word of the vocabulary its IDF
    over the batch's steps. The steps are read a window at a time (sop_key, activity, output)."""
    vocabulary: dict[str, int] = {}
    contents, row_of = BagRows(vocabulary), {}
    in_steps, n_steps = Counter(), 0  # steps holding each word
    for steps in step_windows:
        counts: dict[str, Counter] = {}
        for sop_key, text, output in zip(steps["sop_key"], steps["activity"], steps["output"]):
            held = counts.setdefault(sop_key, Counter())
            step = activity_counts(text) + Counter(title_words(output))
            held.update(step)
            in_steps.update(step.keys())
            n_steps += 1
        for sop_key, held in counts.items():
            row_of[sop_key] = len(row_of)
            contents.add({word: 1.0 + np.log(count) for word, count in held.items()})
        forget_readings()  # the next window's wordings are mostly its own
    contents.add({})  # the row of a document without steps
    titles = BagRows(vocabulary)
    agencies = documents["agency"] if "agency" in documents else [None] * len(documents)
    for title, agency in zip(documents["sop_title"], agencies):
        titles.add(title_bag(title, agency))
    content_rows = [row_of.get(f, len(row_of)) for f in documents["sop_key"]]
    step_idf = np.full(max(len(vocabulary), 1), smoothed_idf(n_steps, 0))
    for word, count in in_steps.items():
        step_idf[vocabulary[word]] = smoothed_idf(n_steps, count)
    return titles.matrix(), contents.matrix()[content_rows].tocsr(), step_idf


def document_similarity(titles: sparse.csr_matrix, contents: sparse.csr_matrix, idf: tuple[np.ndarray, np.ndarray],
                        other_titles: sparse.csr_matrix | None = None,
                        other_contents: sparse.csr_matrix | None = None) -> np.ndarray:
    """Of every document with every other, or with every one of the others (bags weighted by
    the title and content IDF)."""
    title_sim = cosine_of_rows(titles, idf[0], other_titles)
    content_sim = cosine_of_rows(contents, idf[1], other_contents)
    # titles sharing no word (or none printed) neither confirm nor deny: content alone decides
    return np.where(title_sim > 0, TITLE_WEIGHT * title_sim + (1 - TITLE_WEIGHT) * content_sim, content_sim)


def document_space(titles: sparse.csr_matrix, contents: sparse.csr_matrix, step_idf: np.ndarray) -> Space:
    """Similarity among seed documents and of other documents to them, with IDF over the seeds
    (content words weighted by their IDF over the batch's steps too)."""
    def space(seeds: list[int]):
        seed_titles, seed_contents = titles[seeds], contents[seeds]
        idf = idf_of_rows(seed_titles), idf_of_rows(seed_contents) * step_idf
        return (document_similarity(seed_titles, seed_contents, idf),
                lambda items: document_similarity(titles[items], contents[items], idf, seed_titles, seed_contents))
    return space


def seed_order(titles: sparse.csr_matrix, contents: sparse.csr_matrix) -> list[int]:
    """Documents in the order they seed the clustering rounds: as given when one round holds
    them all, else the most representative and diverse first (see coverage_order)."""
    n = titles.shape[0]
    if n <= DOCUMENT_LIMIT:
        return list(range(n))
    chosen = coverage_order((titles + contents).tocsr(), DOCUMENT_LIMIT)
    return chosen + sorted(set(range(n)) - set(chosen))


def numbered_by_first_member(clusters: dict[int, int], n: int) -> list[int]:
    """Cluster per item, clusters numbered in the order of their first item."""
    first: dict[int, int] = {}
    for item in range(n):
        first.setdefault(clusters[item], len(first))
    return [first[clusters[item]] for item in range(n)]


def group_label(titles: pd.Series) -> str:
    """The procedure's name: the most common title, as printed, of the group."""
    printed = [t.strip() for t in titles.dropna() if str(t).strip()]
    if not printed:
        return "(tanpa judul)"
    by_key = Counter(" ".join(words(t)) for t in printed)
    key = by_key.most_common(1)[0][0]
    return next(t for t in printed if " ".join(words(t)) == key)


def with_named_singletons_joined(clusters: dict[int, int], titles: sparse.csr_matrix, contents: sparse.csr_matrix,
                                 step_idf: np.ndarray, agencies: list[str]) -> dict[int, int]:
    """The clusters with each SOP left alone (a group of one agency's documents: one SOP, its
    copies in other formats and its revisions) moved to the group whose core (the title words
    every member's title names; groups of two agencies or more) its title names, where its
    content fits (content IDF over the batch; see CORE_CONTENT_FLOOR); of several such groups,
    the most similar (the first on ties). A group is compared by its first CORE_MEMBERS
    members, so time grows with the SOPs left alone and the groups their titles name, not with
    the batch. `agencies`: per document, a key of its agency (its own where none is printed)."""
    members: dict[int, list[int]] = {}
    for item in sorted(clusters):
        members.setdefault(clusters[item], []).append(item)
    named = {item: set(titles.indices[titles.indptr[item]:titles.indptr[item + 1]]) for item in range(titles.shape[0])}
    kept, alone = {}, {}  # cluster -> the title words all its members name
    for cluster, items in members.items():
        core = set.intersection(*(named[i] for i in items))
        if core:
            (kept if len({agencies[i] for i in items}) > 1 else alone)[cluster] = core
    if not kept or not alone:
        return clusters
    content_idf = idf_of_rows(contents) * step_idf

    def similarity(these: list[int], those: list[int]) -> float:
        return float(cosine_of_rows(contents[these[:CORE_MEMBERS]], content_idf, contents[those[:CORE_MEMBERS]]).mean())

    own: dict[int, float] = {}  # a group's mean content similarity among its members

    def needed(cluster: int) -> float:
        if cluster not in own:
            group = members[cluster][:CORE_MEMBERS]
            within = cosine_of_rows(contents[group], content_idf)
            own[cluster] = float(within[np.triu_indices(len(group), 1)].mean())
        return max(CORE_CONTENT_FLOOR, CORE_CONTENT_SHARE * own[cluster])

    by_word: dict[int, list[int]] = {}  # a word -> the groups whose core names it
    for cluster, core in kept.items():
        for word in core:
            by_word.setdefault(word, []).append(cluster)
    joined = dict(clusters)
    for single, title in alone.items():
        best, best_similarity = None, 0.0
        for cluster in sorted({cluster for word in title for cluster in by_word.get(word, [])}):
            if kept[cluster] <= title:
                fit = similarity(members[single], members[cluster])
                if fit >= needed(cluster) and fit > best_similarity:
                    best, best_similarity = cluster, fit
        if best is not None:
            joined.update(dict.fromkeys(members[single], best))
    return joined


def group_documents(documents: pd.DataFrame, step_windows: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """One row per document: sop_key, group_id, group_label. Documents without steps
    (failed files) are grouped by title only. Memory and time grow with the number of
    documents times DOCUMENT_LIMIT, not with its square."""
    files = documents["sop_key"].tolist()
    titles, contents, step_idf = document_bags(documents, step_windows)
    found = cluster_in_rounds(seed_order(titles, contents), document_space(titles, contents, step_idf),
                              GROUP_THRESHOLD, DOCUMENT_LIMIT, attach_by_mean)
    agencies = documents["agency"] if "agency" in documents else [None] * len(files)
    found = with_named_singletons_joined(found, titles, contents, step_idf,
                                         [" ".join(words(agency)) or f"#{item}" for item, agency in enumerate(agencies)])
    groups = pd.DataFrame({"sop_key": files, "cluster": numbered_by_first_member(found, len(files)),
                           "sop_title": documents["sop_title"].tolist()})
    labels = groups.groupby("cluster")["sop_title"].agg(group_label)
    groups["group_label"] = groups["cluster"].map(labels)
    groups["group_id"] = groups["cluster"].map(lambda c: f"G{c + 1:02d}")
    return groups[["sop_key", "group_id", "group_label"]]
