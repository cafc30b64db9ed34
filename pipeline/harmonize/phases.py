"""Align the steps of one group of SOPs into phases (kinds of work shared across agencies).

Each step is read as an action (verb concepts), an object (nouns of the activity), the
artefact it yields (Output), the level of its actor, its place in the sequence and the work
of the steps before and after it (a check after a return is not the check of a request). A verb of
no kind of work the lexicon knows counts for little, so that the rest decides. Steps are clustered (average
linkage) by a weighted similarity of these; then clusters that no SOP has both of are merged
when still fairly similar, since one kind of work worded two ways by two agencies looks like
that. A cluster is a phase; one SOP may have several steps in one phase.

A group of more than SAMPLE_DOCUMENTS SOPs is not compared pair by pair: its most
representative SOPs are clustered so, and every other step joins the phase of its most
similar clustered step (see GroupPhasing). Steps read alike (copies of an SOP) are read and
kept once.
"""
from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

from pipeline.harmonize.cluster import (Space, attach, attach_to_nearest, average_linkage, cluster_in_rounds,
                                        coverage_order, merge_complementary, split_repeated)
from pipeline.harmonize.lexicon import lexicon
from pipeline.harmonize.roles import actor_level
from pipeline.harmonize.text import (SUBORDINATE, canonical_noun, concept_of, parse_activity, participle_concepts,
                                     spelling_key, words)
from pipeline.harmonize.vectors import Bag, BagRows, Idf, apply_idf, cosine_matrix, idf_weights


@dataclass(frozen=True)
class Weights:
    action: float = 0.6
    object: float = 0.25
    output: float = 0.25
    requirements: float = 0.1
    recipient: float = 0.1
    level: float = 0.1
    neighbours: float = 0.1
    position: float = 0.2
    coarse: float = 0.7  # weight of the coarse concept beside the fine one, within the action
    output_action: float = 0.5  # weight of an Output participle ("diisi") among the actions
    generic: float = 0.4  # share of the action weight left between generic actions
    unknown: float = 0.5  # share left between two steps printing one verb the lexicon does not know
    threshold: float = 0.6
    complement_threshold: float = 0.25  # to merge phases that no SOP has both of


# Reading fields compared as context of the action
CONTEXT_FIELDS = ("objects", "output", "requirements", "recipient", "level", "neighbours")
# SOPs of one group whose steps are clustered together at most (larger groups: a sample of
# them; the others' steps join the phase of their most similar sampled step)
SAMPLE_DOCUMENTS = 60
LEFTOVER_LIMIT = 600  # distinct steps fitting no sampled phase clustered together at most


@dataclass
class StepReading:
    actions: Bag
    concepts: Bag  # action concepts with their weights, for naming the phase
    objects: Bag
    output: Bag
    requirements: Bag
    recipient: Bag  # level of the actor the work goes to ("kepada Sekretaris")
    level: Bag  # level of the actor who does it: agencies give one kind of work to one level
    neighbours: Bag  # the work of the steps before and after it ("<TERIMA", ">TANDATANGAN")
    generic: bool  # led by a generic verb: the object tells the kind of work
    known: bool  # an action is of a kind of work the lexicon knows
    position: float  # 0 for the first step of its SOP, 1 for the last
    head_word: str | None  # the leading verb and the main object as printed, to name the phase
    object_words: tuple[str, ...]


def noun_bag(text: str | None) -> Bag:
    lex = lexicon()
    return {spelling_key(canonical_noun(w)): 1.0 for w in words(text)
            if w not in lex.stopwords and not w.isdigit() and len(w) > 1}


def action_bag(concepts: list[tuple[str, float]], coarse_weight: float) -> Bag:
    coarse_of = lexicon().coarse_of_concept
    bag: Bag = {}
    for concept, weight in concepts:
        bag[concept] = max(bag.get(concept, 0.0), weight)
        if concept in coarse_of:
            key = "~" + coarse_of[concept]
            bag[key] = max(bag.get(key, 0.0), weight * coarse_weight)
    return bag


def reading_key(activity: str | None, output: str | None, requirements: str | None,
                position: float, actor: str | None = None, before: str | None = None,
                after: str | None = None) -> tuple:
    """What a step's reading is made of: steps with one key read alike (copies of an SOP
    repeat their steps, in other capitals or abbreviations too)."""
    return (tuple(words(activity)), tuple(words(output)), tuple(words(requirements)), position, actor_level(actor),
            tuple(words(before)), tuple(words(after)))


def neighbour_bag(before: str | None, after: str | None, coarse_weight: float) -> Bag:
    """The kinds of work of the steps before ("<") and after (">") a step: a step between
    receiving and signing is placed by its order too when its own verb says little (an
    unknown synonym) or the same verb does two jobs (checking a request, checking goods
    returned). Only the main verbs of known kinds count."""
    bag: Bag = {}
    for mark, text in (("<", before), (">", after)):
        main = [(a.concept, a.weight) for a in parse_activity(text).actions
                if a.weight > SUBORDINATE and a.concept in lexicon().coarse_of_concept]
        for key, weight in action_bag(main, coarse_weight).items():
            bag[mark + key] = max(bag.get(mark + key, 0.0), weight)
    return bag


def read_step(activity: str | None, output: str | None, requirements: str | None, position: float,
              weights: Weights, actor: str | None = None, before: str | None = None,
              after: str | None = None) -> StepReading:
    """`before` and `after`: the activities of the SOP's previous and next steps (None at its ends)."""
    parsed = parse_activity(activity)
    concepts = [(a.concept, a.weight) for a in parsed.actions]
    concepts += [(c, weights.output_action) for c in participle_concepts(output)]
    return StepReading(
        actions=action_bag(concepts, weights.coarse),
        # reversed: a concept read twice keeps the weight of its first, strongest reading
        concepts={a.concept: a.weight for a in reversed(parsed.actions)},
        objects={spelling_key(noun): weight for noun, weight in parsed.objects.items()},
        output=noun_bag(output),
        requirements=noun_bag(requirements),
        recipient={level: 1.0} if (level := actor_level(" ".join(parsed.recipients))) else {},
        level={level: 1.0} if (level := actor_level(actor)) else {},
        neighbours=neighbour_bag(before, after, weights.coarse),
        generic=parsed.generic,
        known=any(concept in lexicon().coarse_of_concept for concept, _ in concepts),
        position=position,
        head_word=parsed.head_word,
        object_words=tuple(parsed.object_words),
    )


def context_idf(readings: list[StepReading]) -> dict[str, Idf]:
    return {name: idf_weights([getattr(r, name) for r in readings]) for name in CONTEXT_FIELDS}


def similarity(readings: list[StepReading], weights: Weights, others: list[StepReading] | None = None,
               idf: dict[str, Idf] | None = None) -> np.ndarray:
    """Of every reading with every other, or with every one of `others`: weighted sum of
    action, context (object, output, requirements, recipient) and position similarity, with
    IDF over `readings` unless given. A context field empty on either side is left out rather
    than counted as a mismatch. Between two generic actions ("menyampaikan", "membuat") the
    action counts less and the context more; beside a verb the lexicon does not know, the
    action counts only where both print it."""
    idf = idf or context_idf(readings)
    right = readings if others is None else others
    context = dict(zip(CONTEXT_FIELDS, (weights.object, weights.output, weights.requirements,
                                        weights.recipient, weights.level, weights.neighbours)))
    specificity = np.array([action_specificity(r, weights) for r in readings])
    other_specificity = np.array([action_specificity(r, weights) for r in right])
    action_weight = weights.action * np.minimum(specificity[:, None], other_specificity[None, :])
    other_actions = None if others is None else [r.actions for r in others]
    action_sim = cosine_matrix([r.actions for r in readings], other_actions)
    # a verb the lexicon does not know is no evidence against a phase (a synonym it lacks), only
    # for one where the other step prints the same root: elsewhere the context decides alone
    known = np.array([r.known for r in readings])
    other_known = known if others is None else np.array([r.known for r in right])
    action_weight = np.where((known[:, None] & other_known[None, :]) | (action_sim > 0), action_weight, 0.0)
    context_sim = np.zeros((len(readings), len(right)))
    context_weight = np.zeros_like(context_sim)
    for name, weight in context.items():
        bags = [apply_idf(getattr(r, name), idf[name]) for r in readings]
        other_bags = None if others is None else [apply_idf(getattr(r, name), idf[name]) for r in others]
        present = np.array([bool(b) for b in bags])
        other_present = present if others is None else np.array([bool(b) for b in other_bags])
        both = weight * (present[:, None] & other_present[None, :])
        context_sim += both * cosine_matrix(bags, other_bags)
        context_weight += both
    context_share = 1.0 - weights.position - action_weight
    context_part = np.divide(context_sim, context_weight, out=np.zeros_like(context_sim),
                             where=context_weight > 0)
    positions = np.array([r.position for r in readings])
    other_positions = np.array([r.position for r in right])
    return (action_weight * action_sim
            + context_share * context_part
            + weights.position * (1.0 - np.abs(positions[:, None] - other_positions[None, :])))


def action_specificity(reading: StepReading, weights: Weights) -> float:
    """How much the action tells of the kind of work: less for a generic verb, and less for a
    verb the lexicon does not know (which similarity() counts only where both steps print it)."""
    if reading.generic:
        return weights.generic
    return 1.0 if reading.known else weights.unknown


def relative_positions(steps: pd.DataFrame) -> pd.Series:
    order = steps.groupby("sop_key")["seq"].rank(method="first") - 1
    last = steps.groupby("sop_key")["seq"].transform("count") - 1
    return (order / last.where(last > 0, 1)).astype(float)


def phase_names(steps: Iterable[tuple[StepReading, int]]) -> dict[int, str]:
    """Cluster -> a name an analyst reads: the work of its dominant action concept and its most
    common object word ("Menerima surat"), with a second object word ("Menyusun laporan
    kinerja") and then a number where clusters of one group would share a name."""
    by_cluster: dict[int, list[StepReading]] = {}
    for reading, cluster in steps:
        by_cluster.setdefault(cluster, []).append(reading)
    names = {c: name_words(members, 1) for c, members in by_cluster.items()}
    shared = Counter(names.values())
    names = {c: name_words(by_cluster[c], 2) if shared[name] > 1 else name for c, name in names.items()}
    return {cluster: unique_name(names, cluster) for cluster in names}


def name_words(members: list[StepReading], object_words: int) -> str:
    concept = dominant_concept(members)
    # the verb most agencies print for the work ("Mendisposisikan"), else the lexicon's
    printed = Counter(r.head_word for r in members
                      if r.head_word and r.head_word.startswith("me") and concept_of(r.head_word) == concept)
    ranked = printed.most_common(2)
    usual = ranked[0][0] if ranked and ranked[0][1] > 1 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    verb = usual or lexicon().verb_of_concept.get(concept) or most_common(
        r.head_word for r in members if concept in r.concepts) or "Kegiatan lain"
    objects = most_common_sequence([printed_objects(r.object_words, concept)[:object_words]
                                    for r in members if concept in r.concepts])
    return " ".join([verb[:1].upper() + verb[1:], *objects])


def printed_objects(object_words: tuple[str, ...], concept: str | None) -> tuple[str, ...]:
    """Object words as an analyst writes them: a joined compound apart again ("surat tugas"),
    without a noun of the phase's own work ("Melaporkan laporan" says nothing more) or a person
    given the work ("Memerintahkan staf": the actor columns say who) or an abbreviation of two
    letters ("TU", "PK"), which names a unit or document only to those who know it."""
    longest_first = sorted(lexicon().compounds.items(), key=lambda item: -len(item[0]))
    phrases = {joined: phrase for phrase, joined in longest_first}  # the shortest phrase stays
    return tuple(phrases.get(word, word) for word in object_words
                 if concept_of(word) != concept and actor_level(word) is None and len(word) > 2)


def dominant_concept(members: list[StepReading]) -> str | None:
    scores: Counter = Counter()
    for reading in members:
        scores.update(reading.concepts)
    return scores.most_common(1)[0][0] if scores else None


def unique_name(names: dict[int, str], cluster: int) -> str:
    """Number the clusters that still share a name, in cluster order: "Memeriksa surat (2)"."""
    same = sorted(c for c, n in names.items() if n == names[cluster])
    return names[cluster] if len(same) == 1 else f"{names[cluster]} ({same.index(cluster) + 1})"


def most_common(values) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def most_common_sequence(sequences: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The commonest non-empty sequence, the first seen on ties."""
    counts = Counter(s for s in sequences if s)
    return counts.most_common(1)[0][0] if counts else ()


class GroupPhasing:
    """The phases of one group's steps. The steps come a few whole SOPs at a time (`add`), in
    the order of the SOPs' names; a wording is read once and kept once, every step as the
    number of its wording, so that a group of thousands of SOPs is phased in memory that
    follows its distinct wordings. `fit` clusters them; `phases` then labels the steps."""

    def __init__(self, weights: Weights = Weights()):
        self.weights = weights
        self.key_ids: dict[tuple, int] = {}  # reading key -> wording number, in order of first use
        self.readings: list[StepReading] = []  # per wording number
        self.counts: list[int] = []  # steps per wording number
        self.steps_of: dict[str, array] = {}  # SOP -> wording number of each of its steps, in order
        self.agency_of: dict[str, str] = {}  # SOP -> its agency (copies of one SOP share it)
        self.cluster_of_step: dict[str, list[int]] = {}  # SOP -> cluster per step (clustered SOPs)
        self.cluster_of_key: list[int] = []  # per wording number (a large group's other SOPs)
        self.names: dict[int, str] = {}

    def add(self, steps: pd.DataFrame) -> None:
        """All steps of some SOPs of the group, sorted by (sop_key, seq)."""
        positions = relative_positions(steps)
        actors = steps["actor"] if "actor" in steps else [None] * len(steps)
        owners, activities = steps["sop_key"].tolist(), steps["activity"].tolist()
        agencies = steps["agency_key"].tolist() if "agency_key" in steps else owners
        self.agency_of.update(zip(owners, agencies))
        # the activities of each step's neighbours in its SOP
        before = [activities[i - 1] if i > 0 and owners[i - 1] == owners[i] else None for i in range(len(owners))]
        after = [activities[i + 1] if i + 1 < len(owners) and owners[i + 1] == owners[i] else None
                 for i in range(len(owners))]
        for owner, activity, output, requirements, actor, position, previous, following in zip(
                owners, activities, steps["output"], steps["requirements"], actors, positions, before, after):
            key = reading_key(activity, output, requirements, position, actor, previous, following)
            number = self.key_ids.get(key)
            if number is None:
                number = self.key_ids[key] = len(self.readings)
                self.readings.append(read_step(activity, output, requirements, position, self.weights, actor,
                                               previous, following))
                self.counts.append(0)
            self.counts[number] += 1
            self.steps_of.setdefault(owner, array("q")).append(number)

    def fit(self) -> None:
        """Up to SAMPLE_DOCUMENTS SOPs are clustered step by step. In a larger group the steps
        of a sample of SOPs are clustered so; a wording one of them has takes its phase, any
        other the phase of its most similar sampled step; those that fit none are clustered
        among themselves, in bounded rounds. Time and memory follow the wordings, not the steps."""
        owners = sorted(self.steps_of)
        if len(owners) <= SAMPLE_DOCUMENTS:
            sample = owners
        else:
            keys = list(self.key_ids)
            sample = sorted(sample_documents({owner: (keys[n] for n in self.steps_of[owner]) for owner in owners}))
        seeds = [(owner, number) for owner in sample for number in self.steps_of[owner]]
        seed_readings = [self.readings[number] for _, number in seeds]
        places = [place for owner in sample for place in range(len(self.steps_of[owner]))]
        seed_clusters = cluster_steps(seed_readings, [owner for owner, _ in seeds], self.weights,
                                      [self.agency_of[owner] for owner, _ in seeds], places)
        if len(owners) <= SAMPLE_DOCUMENTS:
            for (owner, _), cluster in zip(seeds, seed_clusters):
                self.cluster_of_step.setdefault(owner, []).append(cluster)
            self.names = phase_names(zip(seed_readings, seed_clusters))
            return
        self.cluster_of_key = self.clusters_of_wordings(seeds, seed_readings, seed_clusters)
        self.names = phase_names((self.readings[number], self.cluster_of_key[number])
                                 for owner in owners for number in self.steps_of[owner])

    def clusters_of_wordings(self, seeds: list[tuple[str, int]], seed_readings: list[StepReading],
                             seed_clusters: list[int]) -> list[int]:
        """Cluster per wording number: a sampled wording's first step's, else as fit says."""
        cluster_of_key: dict[int, int] = {}
        for (_, number), cluster in zip(seeds, seed_clusters):
            cluster_of_key.setdefault(number, cluster)
        # commonest first (first used on ties): the leftover rounds seed on the commonest wordings
        pending = sorted((n for n in range(len(self.readings)) if n not in cluster_of_key),
                         key=lambda n: -self.counts[n])
        pending_readings = [self.readings[n] for n in pending]
        weights, idf = self.weights, context_idf(seed_readings)
        found, left = attach(list(range(len(pending))),
                             lambda items: similarity([pending_readings[i] for i in items], weights, seed_readings, idf),
                             seed_clusters, weights.threshold, attach_to_nearest)
        offset = max(seed_clusters) + 1
        leftover = cluster_in_rounds(left, reading_space(pending_readings, weights), weights.threshold,
                                     LEFTOVER_LIMIT, attach_to_nearest)
        found.update({item: offset + cluster for item, cluster in leftover.items()})
        cluster_of_key.update({pending[item]: cluster for item, cluster in found.items()})
        return [cluster_of_key[n] for n in range(len(self.readings))]

    def phases(self, steps: pd.DataFrame) -> list[str]:
        """The phase of each of these steps: all steps of some SOPs given to `add`, in the
        same order."""
        labels, at = [], {}
        for owner in steps["sop_key"]:
            index = at[owner] = at.get(owner, -1) + 1
            cluster = (self.cluster_of_step[owner][index] if self.cluster_of_step
                       else self.cluster_of_key[self.steps_of[owner][index]])
            labels.append(self.names[cluster])
        return labels


def cluster_steps(readings: list[StepReading], owners: list[str], weights: Weights, agencies: list[str],
                  places: list[int]) -> list[int]:
    """Cluster per step; `places`: each step's order in its SOP."""
    matrix = similarity(readings, weights)
    handled = cosine_matrix([r.objects for r in readings])
    clusters = split_repeated(matrix, average_linkage(matrix, weights.threshold), owners, agencies, places, handled)
    return merge_complementary(matrix, clusters, owners, weights.complement_threshold)


def sample_documents(wordings: dict[str, Iterable[tuple]]) -> list[str]:
    """The SOPs whose steps are clustered: the most representative and diverse by the wording
    of their steps, wherever in the SOP (see coverage_order; the first by name on ties).
    `wordings`: SOP -> the reading keys of its steps, SOPs by name."""
    rows = BagRows({})
    for keys in wordings.values():
        rows.add(dict.fromkeys((key[:3] for key in keys), 1.0))
    names = list(wordings)
    return [names[row] for row in coverage_order(rows.matrix(), SAMPLE_DOCUMENTS)]


def reading_space(readings: list[StepReading], weights: Weights) -> Space:
    """Similarity among seed readings and of other readings to them, with IDF over the seeds."""
    def space(seeds: list[int]):
        seed_readings = [readings[i] for i in seeds]
        idf = context_idf(seed_readings)
        return (similarity(seed_readings, weights, idf=idf),
                lambda items: similarity([readings[i] for i in items], weights, seed_readings, idf))
    return space
