"""The harmonize vocabulary (pipeline/data/harmonize_lexicon.json), loaded once."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    abbreviations: dict[str, str]
    compounds: dict[str, str]
    noun_synonyms: dict[str, str]
    stopwords: frozenset[str]
    clause_breakers: frozenset[str]
    recipient_markers: frozenset[str]
    modifier_markers: frozenset[str]
    generic_concepts: frozenset[str]
    light_verbs: frozenset[str]
    nominal_light_verbs: frozenset[str]
    roots: frozenset[str]
    concept_of_root: dict[str, str]
    coarse_of_concept: dict[str, str]
    verb_of_concept: dict[str, str]  # how a phase name says the work: "Menerima"
    title_stopwords: frozenset[str]
    actor_levels: tuple[tuple[str, re.Pattern], ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("pipeline.data").joinpath("harmonize_lexicon.json").read_text(encoding="utf-8")
    data = json.loads(text)
    concepts = data["concepts"]
    concept_of_root = {root: name for name, spec in concepts.items() for root in spec["roots"]}
    # Every concept root is a known root, so the stemmer can stop on it.
    roots = frozenset(data["roots"]) | frozenset(concept_of_root)
    return Lexicon(
        abbreviations=data["abbreviations"],
        compounds=data["compounds"],
        noun_synonyms=data["noun_synonyms"],
        stopwords=frozenset(data["stopwords"]),
        clause_breakers=frozenset(data["clause_breakers"]),
        recipient_markers=frozenset(data["recipient_markers"]),
        modifier_markers=frozenset(data["modifier_markers"]),
        generic_concepts=frozenset(data["generic_concepts"]),
        light_verbs=frozenset(data["light_verbs"]),
        nominal_light_verbs=frozenset(data["nominal_light_verbs"]),
        roots=roots,
        concept_of_root=concept_of_root,
        coarse_of_concept={name: spec["coarse"] for name, spec in concepts.items()},
        verb_of_concept={name: spec["verb"] for name, spec in concepts.items()},
        title_stopwords=frozenset(data["title_stopwords"]),
        actor_levels=tuple((row["level"], re.compile(row["pattern"])) for row in data["actor_levels"]),
    )
