"""Align the steps of one group of SOPs into phases (kinds of work shared across agencies).

Each step is read as an action (verb concepts), an object (nouns of the activity), the
artefact it yields (Output) and its place in the sequence. Steps are clustered (average
linkage) by a weighted similarity of these; then clusters that no SOP has both of are merged
when still fairly similar, since one kind of work worded two ways by two agencies looks like
that. A cluster is a phase; one SOP may have several steps in one phase.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.harmonize.cluster import average_linkage, merge_complementary
from pipeline.harmonize.lexicon import lexicon
from pipeline.harmonize.roles import actor_level
from pipeline.harmonize.text import canonical_noun, parse_activity, participle_concepts, words
from pipeline.harmonize.vectors import Bag, apply_idf, cosine_matrix, idf_weights


@dataclass(frozen=True)
class Weights:
    action: float = 0.6
    object: float = 0.25
    output: float = 0.25
    requirements: float = 0.1
    recipient: float = 0.1
    position: float = 0.2
    coarse: float = 0.7  # weight of the coarse concept beside the fine one, within the action
    output_action: float = 0.5  # weight of an Output participle ("diisi") among the actions
    generic: float = 0.4  # share of the action weight left between generic actions
    threshold: float = 0.6
    complement_threshold: float = 0.25  # to merge phases that no SOP has both of


@dataclass
class StepReading:
    actions: Bag
    concepts: Bag  # action concepts with their weights, for naming the phase
    objects: Bag
    output: Bag
    requirements: Bag
    recipient: Bag  # level of the actor the work goes to ("kepada Sekretaris")
    generic: bool  # led by a generic verb: the object tells the kind of work
    position: float  # 0 for the first step of its SOP, 1 for the last


def noun_bag(text: str | None) -> Bag:
    lex = lexicon()
    return {canonical_noun(w): 1.0 for w in words(text)
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


def read_steps(steps: pd.DataFrame, weights: Weights) -> list[StepReading]:
    readings = []
    for row in steps.itertuples(index=False):
        activity = parse_activity(row.activity)
        concepts = [(a.concept, a.weight) for a in activity.actions]
        concepts += [(c, weights.output_action) for c in participle_concepts(row.output)]
        readings.append(StepReading(
            actions=action_bag(concepts, weights.coarse),
            # reversed: a concept read twice keeps the weight of its first, strongest reading
            concepts={a.concept: a.weight for a in reversed(activity.actions)},
            objects=activity.objects,
            output=noun_bag(row.output),
            requirements=noun_bag(row.requirements),
            recipient={level: 1.0} if (level := actor_level(" ".join(activity.recipients))) else {},
            generic=activity.generic,
            position=row.position,
        ))
    return readings


def similarity(readings: list[StepReading], weights: Weights) -> np.ndarray:
    """Weighted sum of action, context (object, output, requirements, recipient) and position
    similarity. A context field empty on either side is left out rather than counted as a
    mismatch. Between two generic actions ("menyampaikan", "membuat") the action counts less
    and the context more."""
    context = {
        "objects": weights.object, "output": weights.output,
        "requirements": weights.requirements, "recipient": weights.recipient,
    }
    specificity = np.array([weights.generic if r.generic else 1.0 for r in readings])
    action_weight = weights.action * np.minimum(specificity[:, None], specificity[None, :])
    context_sim = np.zeros((len(readings), len(readings)))
    context_weight = np.zeros_like(context_sim)
    for name, weight in context.items():
        bags = [getattr(r, name) for r in readings]
        idf = idf_weights(bags)
        present = np.array([bool(b) for b in bags])
        both = weight * (present[:, None] & present[None, :])
        context_sim += both * cosine_matrix([apply_idf(b, idf) for b in bags])
        context_weight += both
    context_share = 1.0 - weights.position - action_weight
    context_part = np.divide(context_sim, context_weight, out=np.zeros_like(context_sim),
                             where=context_weight > 0)
    positions = np.array([r.position for r in readings])
    return (action_weight * cosine_matrix([r.actions for r in readings])
            + context_share * context_part
            + weights.position * (1.0 - np.abs(positions[:, None] - positions[None, :])))


def relative_positions(steps: pd.DataFrame) -> pd.Series:
    order = steps.groupby("source_file")["seq"].rank(method="first") - 1
    last = steps.groupby("source_file")["seq"].transform("count") - 1
    return (order / last.where(last > 0, 1)).astype(float)


def phase_labels(readings: list[StepReading], clusters: list[int]) -> list[str]:
    """Name each cluster after its dominant action concept, adding the most common object
    when two clusters would share a name."""
    by_cluster: dict[int, list[StepReading]] = {}
    for reading, cluster in zip(readings, clusters):
        by_cluster.setdefault(cluster, []).append(reading)
    heads = {c: dominant_concept(members) for c, members in by_cluster.items()}
    head_count = Counter(heads.values())
    names: dict[int, str] = {}
    for cluster, members in by_cluster.items():
        name = heads[cluster]
        if head_count[name] > 1:
            name = f"{name}_{(most_common(w for r in members for w in r.objects) or '').upper()}".rstrip("_")
        names[cluster] = name
    return [unique_name(names, c) for c in clusters]


def dominant_concept(members: list[StepReading]) -> str:
    scores: Counter = Counter()
    for reading in members:
        scores.update(reading.concepts)
    return scores.most_common(1)[0][0] if scores else "LAIN"


def unique_name(names: dict[int, str], cluster: int) -> str:
    """Number the clusters that still share a name, in cluster order."""
    same = sorted(c for c, n in names.items() if n == names[cluster])
    return names[cluster] if len(same) == 1 else f"{names[cluster]}_{same.index(cluster) + 1}"


def most_common(values) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def assign_phases(steps: pd.DataFrame, weights: Weights = Weights()) -> pd.Series:
    """Phase label per step of one group (index aligned with `steps`)."""
    if steps.empty:
        return pd.Series([], index=steps.index, dtype=object)
    steps = steps.assign(position=relative_positions(steps))
    readings = read_steps(steps, weights)
    matrix = similarity(readings, weights)
    clusters = average_linkage(matrix, weights.threshold)
    clusters = merge_complementary(matrix, clusters, steps["source_file"].tolist(),
                                   weights.complement_threshold)
    return pd.Series(phase_labels(readings, clusters), index=steps.index, dtype=object)
