"""Reading short Indonesian activity labels: words, stems, the action and its object.

A Kegiatan is printed as a verb phrase: "Menyampaikan format permintaan data kepada Kepala
Bagian untuk diisi". What identifies the kind of work is the leading verb (its root, mapped to
a concept such as SERAH), the object ("format permintaan data") and, more weakly, the verbs of
a purpose clause ("untuk diisi") and the recipient ("kepada Kepala Bagian").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from pipeline.harmonize.lexicon import lexicon

VOWELS = "aeiou"
MIN_STEM = 4  # a stripped stem shorter than this is more likely a wrong cut than a root
READING_CACHES = []  # see reading_cache


def reading_cache(maxsize: int):
    """lru_cache for a reading of text (its words, stems, action and object): wordings recur
    across the SOPs of one pass. forget_readings() empties every such cache."""
    def cached(function):
        cache = lru_cache(maxsize=maxsize)(function)
        READING_CACHES.append(cache)
        return cache
    return cached


def forget_readings() -> None:
    """Empties the caches of text readings: they serve one pass (a window of files being
    grouped, a batch of groups being phased), whose wordings repeat within it; kept, they
    would grow with the batch's wordings to a hundred MiB or more."""
    for cache in READING_CACHES:
        cache.cache_clear()


def words(text: str | None) -> list[str]:
    """Lower-case words with abbreviations expanded and fixed compounds joined (none of a
    missing value, NaN included)."""
    return list(text_words(str(text))) if text and not pd.isna(text) else []


@reading_cache(maxsize=65536)
def text_words(text: str) -> tuple[str, ...]:
    """words() of a text (cached: labels and outputs recur across SOPs and stages)."""
    lex = lexicon()
    folded = unicodedata.normalize("NFKC", text).casefold()
    raw = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", folded)
    expanded = [part for word in raw for part in lex.abbreviations.get(word, word).split()]
    return tuple(join_compounds(expanded, lex.compounds))


def join_compounds(tokens: list[str], compounds: dict[str, str]) -> list[str]:
    joined, i = [], 0
    longest_first = sorted(compounds, key=lambda c: -len(c.split()))
    while i < len(tokens):
        for phrase in longest_first:
            parts = phrase.split()
            if tokens[i:i + len(parts)] == parts:
                joined.append(compounds[phrase])
                i += len(parts)
                break
        else:
            joined.append(tokens[i])
            i += 1
    return joined


def suffix_variants(word: str) -> list[str]:
    """The word without inflectional and derivational suffixes, most literal first."""
    bases = [word]
    for particle in ("nya", "lah", "kah"):
        if word.endswith(particle) and len(word) - len(particle) >= MIN_STEM:
            bases.append(word[: -len(particle)])
    variants = list(bases)
    for base in bases:
        for suffix in ("kan", "an", "i"):
            if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                variants.append(base[: -len(suffix)])
    return variants


def prefix_variants(word: str) -> list[str]:
    """Possible roots under the me-/pe-/di-/ber-/ter-/ke- prefixes (with their sound changes)."""
    out: list[str] = []

    def rest_after(prefix: str) -> str | None:
        return word[len(prefix):] if word.startswith(prefix) and len(word) > len(prefix) + 1 else None

    for nasal, prefix in (("me", "me"), ("pe", "pe")):
        if (r := rest_after(prefix + "mper")) or (prefix == "pe" and (r := rest_after("per"))):
            out.append(r)
        if r := rest_after(prefix + "nge"):
            out.append(r)  # monosyllabic roots: mengecek, pengesahan
        if r := rest_after(prefix + "ng"):
            out += [r, "k" + r] if r[0] in VOWELS else [r]
        if r := rest_after(prefix + "ny"):
            out += ["s" + r] if r[0] in VOWELS else []
        if r := rest_after(prefix + "m"):
            out += ["p" + r, "m" + r] if r[0] in VOWELS else [r] if r[0] in "bfpv" else []
        if r := rest_after(prefix + "n"):
            out += ["t" + r, "n" + r] if r[0] in VOWELS else [r] if r[0] in "cdjstz" else []
        if r := rest_after(prefix):
            out += [r] if r[0] in "lmnrwy" else []
    for prefix in ("diper", "di", "ber", "ter", "ke"):
        if r := rest_after(prefix):
            out.append(r)
    return out


@reading_cache(maxsize=8192)
def stem(word: str) -> str:
    """Root of an Indonesian word: a known root if any cut reaches one, else a cautious cut."""
    lex = lexicon()
    if word in lex.roots or len(word) <= MIN_STEM or not word.isalpha():
        return word
    for base in suffix_variants(word):
        if base in lex.roots:
            return base
        for candidate in prefix_variants(base):
            if candidate in lex.roots:
                return candidate
    return cautious_stem(word)


def cautious_stem(word: str) -> str:
    base = word
    for suffix in ("nya", "kan", "an"):
        if base.endswith(suffix) and len(base) - len(suffix) >= MIN_STEM + 1:
            base = base[: -len(suffix)]
    first = next((c for c in prefix_variants(base) if len(c) >= MIN_STEM), None)
    return first or base


def has_affix(word: str) -> bool:
    """A derived word (prefix or -an/-kan/-i): a nominalization such as "pemilahan" or a verb."""
    return stem(word) != word


def canonical_noun(word: str) -> str:
    synonyms = lexicon().noun_synonyms
    base = stem(synonyms.get(word, word))
    return synonyms.get(base, base)


# Letters Indonesian spells one sound with, in regional, older and loanword spellings:
# "sertipikat"/"sertifikat", "ijin"/"izin", "propinsi"/"provinsi", "kwitansi"/"kuitansi",
# "akhir"/"akir"
SOUND_ALIKE = (("kh", "k"), ("dh", "d"), ("ph", "p"), ("kw", "ku"), ("f", "p"), ("v", "p"),
               ("z", "j"), ("q", "k"), ("x", "ks"))


def spelling_key(word: str) -> str:
    """One key for a word's spellings, to compare words by (never printed, never looked up in
    the lexicon, whose roots keep their standard spelling)."""
    for letters, sound in SOUND_ALIKE:
        word = word.replace(letters, sound)
    return word


@dataclass
class Action:
    concept: str  # a concept of the lexicon, or the verb root itself when it has none
    weight: float


@dataclass
class Activity:
    actions: list[Action] = field(default_factory=list)
    objects: dict[str, float] = field(default_factory=dict)  # noun root -> weight
    recipients: list[str] = field(default_factory=list)  # words after "kepada", "dari", ...
    generic: bool = False  # led by a generic verb ("menyampaikan") whose object names no work
    object_words: list[str] = field(default_factory=list)  # the main object as printed, for names
    head_word: str | None = None  # the leading verb as printed, for names

    @property
    def head(self) -> str | None:
        return self.actions[0].concept if self.actions else None


HEAD, COORDINATE, SUBORDINATE = 1.0, 0.7, 0.25  # weights of verbs by their place in the phrase
OBJECT_MAIN, OBJECT_MINOR = 1.0, 0.4  # nouns of the object; of a purpose clause or modifier
# A generic verb ("membuat", "menyiapkan") says little; its object's root says more
# ("membuat laporan" is close to "melaporkan").
GENERIC_HEAD, OBJECT_AS_ACTION = 0.5, 0.8


def concept_of(word: str) -> str | None:
    return lexicon().concept_of_root.get(stem(word))


def participle_concepts(text: str | None) -> list[str]:
    """Action concepts of the participles in an Output ("Formulir yang telah diisi",
    "Berkas terverifikasi"): the state a step leaves its artefact in names its work."""
    return [concept for word in words(text)
            if re.match(r"^(di|ter|ber)", word) and has_affix(word) and (concept := concept_of(word))]


def is_verb_form(word: str) -> bool:
    return bool(re.match(r"^(me|di|mem|men|meng|meny|memper|diper)", word)) and has_affix(word)


def light_complement(tokens: list[str], start: int, verb_root: str) -> tuple[str, int] | None:
    """The concept named by the noun after a light verb ("melakukan pemilahan" -> PILAH), with
    its index. "melakukan"/"melaksanakan" need a derived noun: "melaksanakan tugas" is doing
    the task, not assigning it."""
    lex = lexicon()
    following = [j for j in range(start, min(start + 3, len(tokens))) if tokens[j] not in lex.stopwords]
    if not following:
        return None
    word = tokens[following[0]]
    concept = concept_of(word)
    nominal = has_affix(word) or word in lex.compounds.values()
    if concept and (verb_root not in lex.nominal_light_verbs or nominal):
        return concept, following[0]
    return None


def is_passive(word: str) -> bool:
    """A di- passive verb. (A ter- form after a noun is mostly its state: "formulir terisi".)"""
    return word.startswith("di") and has_affix(word)


def is_nominal_action(word: str) -> bool:
    """A pe-...-an / per-...-an noun of an action ("Penerimaan", "Pengarsipan")."""
    return bool(re.match(r"^pe.*an$", word)) and has_affix(word)


def is_agent_noun(word: str) -> bool:
    """A pe- noun of the one who acts ("Pemohon", "Pelaksana", "Pengelola")."""
    return word.startswith("pe") and not word.endswith("an") and has_affix(word)


def verb_first(tokens: list[str]) -> list[str]:
    """The phrase as a verb phrase. A Kegiatan may open with its subject: the actor ("Kepala
    Dinas menugaskan ...", dropped: the actor columns say who) or, before a passive verb, the
    thing worked on ("Permohonan cuti disetujui ...", moved after the verb as its object). Only
    the main clause is searched (an actor's name may hold "dan": "Kasubbag Umum dan
    Kepegawaian"); a phrase led by a verb, or by a word naming work before an active verb
    ("Penyusunan laporan menggunakan ..."), stays as it is."""
    lex = lexicon()
    if not tokens or is_verb_form(tokens[0]):
        return tokens
    stops = lex.clause_breakers | lex.recipient_markers | lex.modifier_markers | {"yang"}
    clause = next((j for j, word in enumerate(tokens) if word in stops), len(tokens))
    verb = next((j for j in range(1, clause) if is_verb_form(tokens[j])), None)
    if verb is None and not has_affix(tokens[0]):
        # a plain noun subject may carry where it comes from before its passive verb:
        # "Arsip dari bidang diterima oleh ..."
        sentence = next((j for j, word in enumerate(tokens) if word in lex.clause_breakers), len(tokens))
        verb = next((j for j in range(clause, sentence) if is_passive(tokens[j])), None)
    if verb is None:
        return tokens
    if is_passive(tokens[verb]):
        return [tokens[verb], *tokens[:verb], *tokens[verb + 1:]]
    if is_nominal_action(tokens[0]) or (concept_of(tokens[0]) and not is_agent_noun(tokens[0])):
        return tokens  # the opening word names work: "Berangkat melaksanakan ..."
    # "Staf berangkat melaksanakan ...": an intransitive ber- verb before the verb leads
    return tokens[next((k for k in range(1, verb) if tokens[k].startswith("ber") and concept_of(tokens[k])), verb):]


@reading_cache(maxsize=16384)
def parse_activity(text: str | None) -> Activity:
    """The reading of a Kegiatan (cached: the same wording recurs across SOPs and stages;
    callers must not modify the result)."""
    lex = lexicon()
    tokens = verb_first(words(text))
    activity = Activity()
    # role of the nouns being read: the object, a recipient ("kepada ..."), or a modifier
    # ("sesuai formulir"), which says less about the work than the object does
    clause_weight, role, expect_verb = HEAD, "object", True
    i = 0
    while i < len(tokens):
        word = tokens[i]
        if word in lex.clause_breakers:
            clause_weight, role, expect_verb = SUBORDINATE, "object", True
        elif word in ("dan", "serta", "atau"):
            expect_verb = True
            role = "object" if role == "recipient" else role
        elif word in lex.recipient_markers:
            role = "recipient"
        elif word in lex.modifier_markers:
            role = "modifier"
        elif expect_verb and (not activity.actions or is_verb_form(word)):
            i = read_action(tokens, i, activity, action_weight(activity, clause_weight))
            expect_verb, role = False, "object"
            continue
        else:
            read_noun(word, activity, role, clause_weight)
            expect_verb = False
        i += 1
    weaken_generic_head(activity)
    return activity


def read_noun(word: str, activity: Activity, role: str, clause_weight: float) -> None:
    lex = lexicon()
    if role == "recipient":
        activity.recipients.append(word)
        return
    if word in lex.stopwords or word.isdigit() or len(word) < 2:
        return
    weight = OBJECT_MAIN if clause_weight == HEAD and role == "object" else OBJECT_MINOR
    if weight == OBJECT_MAIN:
        activity.object_words.append(word)
    noun = canonical_noun(word)
    activity.objects[noun] = max(activity.objects.get(noun, 0.0), weight)


def weaken_generic_head(activity: Activity) -> None:
    """A generic verb takes its kind of work from its object's root when it has one."""
    lex = lexicon()
    head = activity.head
    if head is None or not (head in lex.generic_concepts or head.lower() in lex.light_verbs):
        return
    activity.actions[0].weight = GENERIC_HEAD
    head_noun = next(iter(activity.objects), None)
    concept = lex.concept_of_root.get(head_noun)
    if concept:
        activity.actions.insert(1, Action(concept, OBJECT_AS_ACTION))
    else:
        activity.generic = True


def action_weight(activity: Activity, clause_weight: float) -> float:
    if clause_weight != HEAD:
        return SUBORDINATE
    return HEAD if not activity.actions else COORDINATE


def read_action(tokens: list[str], i: int, activity: Activity, weight: float) -> int:
    """Record the verb at i (or what its light verb points to); return the next index."""
    lex = lexicon()
    root = stem(tokens[i])
    activity.head_word = activity.head_word or tokens[i]
    if root in lex.light_verbs:
        complement = light_complement(tokens, i + 1, root)
        if complement:
            activity.actions.append(Action(complement[0], weight))
            return complement[1] + 1
    activity.actions.append(Action(lex.concept_of_root.get(root, root.upper()), weight))
    return i + 1
