"""Compare the SOPs of one group: consensus of phases, each agency's differences, time audit.

Peers are other agencies: several files of one agency (the same SOP as Word and PDF, or two
versions) count once, so an SOP is never its own peer. Every table is built in passes over
the rows, never per document or per peer, so that a batch of thousands of SOPs of one
procedure costs time linear in its rows.
"""
from __future__ import annotations

import bisect
from collections import Counter, namedtuple
from dataclasses import dataclass
from typing import Iterator

import pandas as pd

from pipeline.harmonize.roles import actor_level
from pipeline.harmonize.text import parse_activity
from pipeline.harmonize.timing import document_minutes, in_words
from pipeline.validate.bands import implausible_duration

OUTLIER_FACTOR = 10.0  # an order of magnitude from the peers' median
# Two orders of magnitude from every peer: a unit mistyped (hari for menit: 450 times), not a
# slower way of working ("1 hari" to sign where others write "20 menit" is only an outlier)
UNIT_SLIP_FACTOR = 100.0
EXCESS_FACTOR = 3.0  # a phase total this many times the peers' median, and above their maximum
MIN_PEERS = 3  # fewer other agencies cannot tell an outlier from a different way of working
MATRIX_KEY = ["group_id", "sop_key", "phase"]
PHASE_COLUMNS = ["group_id", "phase", "label", "consensus_order", "n_agencies", "median_minutes", "core",
                 "spread_low", "spread_high", "timed_agencies"]
# A phase's time standard is proposed from this many agencies' times at least; an SOP is off it
# when outside the agencies' middle half and this many times from the median
STANDARD_AGENCIES = 3
STANDARD_FACTOR = 3.0


def columns(frame: pd.DataFrame, *names: str) -> Iterator[tuple]:
    """The values of some columns, row by row. Read as Python lists: iterating Arrow-backed
    text a value at a time is many times slower."""
    return zip(*(frame[name].tolist() for name in names))


def records(frame: pd.DataFrame) -> Iterator[tuple]:
    """The rows as named tuples (like itertuples), read as columns()."""
    row = namedtuple("Row", frame.columns)
    return map(row._make, columns(frame, *frame.columns))


def phase_matrix(steps: pd.DataFrame) -> pd.DataFrame:
    """One row per (group_id, sop_key, phase): minutes, step_nos, actors, outputs (and, for
    the audit, agency_key, the actors' levels and the phase's first position in the SOP)."""
    columns = [*MATRIX_KEY, "agency_key", "minutes", "step_nos", "actors", "outputs", "levels", "first_position"]
    if steps.empty:
        return pd.DataFrame(columns=columns)
    grouped = steps.groupby(MATRIX_KEY, sort=False)
    matrix = grouped.agg(agency_key=("agency_key", "first"), first_position=("position", "min"))
    matrix["minutes"] = grouped["duration_minutes"].sum(min_count=1)
    step_nos, actors, outputs = listed_per_phase(steps)
    matrix["step_nos"] = [step_nos[key] for key in matrix.index]
    matrix["actors"] = [list(actors[key]) for key in matrix.index]
    matrix["outputs"] = [list(outputs[key]) for key in matrix.index]
    matrix = matrix.reset_index()
    matrix["levels"] = matrix["actors"].map(lambda names: {actor_level(a) for a in names} - {None})
    return matrix[columns]


def listed_per_phase(steps: pd.DataFrame) -> tuple[dict[tuple, list[int]], dict[tuple, dict[str, None]],
                                                   dict[tuple, dict[str, None]]]:
    """(group_id, sop_key, phase) -> its printed step numbers, and its actors and outputs (in
    order, once each)."""
    step_nos: dict[tuple, list[int]] = {}
    actors: dict[tuple, dict[str, None]] = {}
    outputs: dict[tuple, dict[str, None]] = {}
    for *key, step_no, actor, output in columns(steps, *MATRIX_KEY, "step_no", "actor", "output"):
        key = tuple(key)
        numbers, names, made = step_nos.setdefault(key, []), actors.setdefault(key, {}), outputs.setdefault(key, {})
        if pd.notna(step_no):
            numbers.append(int(step_no))
        if pd.notna(actor) and str(actor).strip():
            names[str(actor)] = None
        if pd.notna(output) and str(output).strip():
            made[str(output)] = None
    return step_nos, actors, outputs


def agency_values(matrix: pd.DataFrame, column: str) -> pd.DataFrame:
    """One value per (group, phase, agency): the median over that agency's files."""
    return (matrix.groupby(["group_id", "phase", "agency_key"])[column].median().reset_index())


def phase_table(matrix: pd.DataFrame, wordings: dict[tuple[str, str], Counter]) -> pd.DataFrame:
    """One row per (group_id, phase): label, consensus_order, n_agencies, median_minutes, core.
    `wordings`: (group_id, phase) -> how often each wording of its activities occurs."""
    if matrix.empty:
        return pd.DataFrame(columns=PHASE_COLUMNS)
    positions = agency_values(matrix, "first_position")
    minutes = agency_values(matrix, "minutes")
    table = positions.groupby(["group_id", "phase"]).agg(
        n_agencies=("agency_key", "nunique"), position=("first_position", "median")).reset_index()
    by_phase = minutes.dropna(subset=["minutes"]).groupby(["group_id", "phase"])["minutes"]
    at = table.set_index(["group_id", "phase"]).index
    table["median_minutes"] = at.map(by_phase.median())
    # the proposed time standard's spread: the middle half of the agencies' times
    table["spread_low"], table["spread_high"] = at.map(by_phase.quantile(0.25)), at.map(by_phase.quantile(0.75))
    table["timed_agencies"] = at.map(by_phase.count()).fillna(0).astype(int)
    agencies_in_group = matrix.groupby("group_id")["agency_key"].nunique()
    table["core"] = [is_core(n, agencies_in_group[g]) for g, n in zip(table["group_id"], table["n_agencies"])]
    table["label"] = [typical_wording(p, wordings[(g, p)]) if (g, p) in wordings else p
                      for g, p in zip(table["group_id"], table["phase"])]
    table = table.sort_values(["group_id", "position", "phase"])
    table["consensus_order"] = table.groupby("group_id").cumcount() + 1
    return table[PHASE_COLUMNS].reset_index(drop=True)


def is_core(n_agencies: int, agencies_in_group: int) -> bool:
    """Part of the consensus: done by most agencies (by all when there are only two)."""
    return n_agencies * 2 > agencies_in_group if agencies_in_group > 2 else n_agencies == agencies_in_group


def count_wordings(steps: pd.DataFrame, counts: dict[tuple[str, str], Counter]) -> None:
    """Adds to (group_id, phase) -> Counter the wordings of these steps' activities."""
    for group_id, phase, text in columns(steps, "group_id", "phase", "activity"):
        if pd.notna(text):
            counts.setdefault((group_id, phase), Counter())[" ".join(str(text).split())] += 1


def typical_wording(phase: str, wordings: Counter) -> str:
    """The most common wording led by the phase's own action (the one its name starts with),
    shortest first on ties."""
    concept = parse_activity(phase).head
    typical = {t: n for t, n in wordings.items() if parse_activity(t).head == concept} or wordings
    return min(typical, key=lambda t: (-typical[t], len(t)))


class Comparison:
    """What the SOPs of some groups are compared with: the consensus of phases, the actor levels
    each agency gives a phase, and the peers' step, phase and total times. Gathered from the
    groups' labelled steps and matrix rows a few SOPs at a time (`add`), then `close`d; held
    as a few values per matrix row and per timed step, so that a group of thousands of SOPs
    is compared without holding their steps."""

    def __init__(self):
        self.matrix_parts: list[pd.DataFrame] = []
        self.timed_parts: list[pd.DataFrame] = []
        self.total_parts: list[pd.DataFrame] = []
        self.wordings: dict[tuple[str, str], Counter] = {}
        self.level_sets: dict[frozenset, frozenset] = {}

    def add(self, steps: pd.DataFrame, matrix: pd.DataFrame) -> None:
        """Labelled steps (group_id, phase, agency_key, position) of some whole SOPs, and their
        phase_matrix."""
        compact = matrix[["group_id", "phase", "agency_key", "first_position", "minutes"]].copy()
        compact["levels"] = [self.level_sets.setdefault(frozenset(levels), frozenset(levels))
                             for levels in matrix["levels"]]
        self.matrix_parts.append(compact)
        timed = steps.dropna(subset=["duration_minutes", "phase"])
        self.timed_parts.append(timed[["group_id", "phase", "agency_key", "duration_minutes"]].copy())
        totals = document_minutes(steps).join(steps.groupby("sop_key", sort=False)[["group_id", "agency_key"]].first())
        self.total_parts.append(totals.dropna(subset=["total_minutes"])[["group_id", "agency_key", "total_minutes"]])
        count_wordings(steps, self.wordings)

    def close(self) -> None:
        matrix, timed, totals = (pd.concat(parts, ignore_index=True)
                                 for parts in (self.matrix_parts, self.timed_parts, self.total_parts))
        self.matrix_parts, self.timed_parts, self.total_parts = [], [], []
        self.phases = phase_table(matrix, self.wordings)
        self.consensus = {g: Consensus.of(part) for g, part in self.phases.groupby("group_id")}
        self.standards = {(g, p): TimeStandard(median, low, high, n) for g, p, median, low, high, n in columns(
            self.phases, "group_id", "phase", "median_minutes", "spread_low", "spread_high", "timed_agencies")
            if n >= STANDARD_AGENCIES}
        self.several_agencies = (matrix.groupby("group_id")["agency_key"].nunique() > 1).to_dict()
        self.levels = LevelVotes(matrix)
        self.step_peers = PeerValues(timed.groupby(["group_id", "phase", "agency_key"])["duration_minutes"]
                                     .median().reset_index(), "duration_minutes", ["group_id", "phase"])
        self.phase_peers = PeerValues(agency_values(matrix.dropna(subset=["minutes"]), "minutes"), "minutes",
                                      ["group_id", "phase"])
        self.total_peers = PeerValues(totals.groupby(["group_id", "agency_key"])["total_minutes"].median()
                                      .reset_index(), "total_minutes", ["group_id"])


def with_peer_medians(matrix: pd.DataFrame, comparison: Comparison) -> pd.DataFrame:
    """The matrix with peers_median: the median of the phase's minutes at the other agencies."""
    return matrix.assign(peers_median=[median_of(comparison.phase_peers.peers((g, p), a))
                                       for g, p, a in columns(matrix, "group_id", "phase", "agency_key")])


def median_of(peers: Peers | None) -> float | None:
    return None if peers is None else peers.median


def document_audit(steps: pd.DataFrame, matrix: pd.DataFrame, comparison: Comparison) -> pd.DataFrame:
    """One row per document with steps: totals (and the other agencies' median total), missing
    phases, extra steps, order and actor differences against the group's consensus."""
    columns = ["sop_key", "group_id", "total_minutes", "critical_path_minutes", "peers_median",
               "missing_phases", "extra_steps", "order_differences", "actor_differences"]
    minutes = document_minutes(steps).to_dict("index")
    extra = extra_steps(steps, comparison.consensus)
    rows = []
    for (group_id, sop_key), own in rows_per_document(matrix).items():
        group = comparison.consensus[group_id]
        present = {row.phase for row in own}
        own_order = [row.phase for row in sorted(own, key=lambda row: row.first_position)]
        rows.append({
            "sop_key": sop_key,
            "group_id": group_id,
            **minutes[sop_key],
            "peers_median": median_of(comparison.total_peers.peers((group_id,), own[0].agency_key)),
            "missing_phases": [p for p in group.core if p not in present],
            "extra_steps": extra.get(sop_key, []) if comparison.several_agencies[group_id] else [],
            "order_differences": order_differences(own_order, group.order),
            "actor_differences": [d for row in own if (d := comparison.levels.difference(row))],
        })
    return pd.DataFrame(rows, columns=columns)


def rows_per_document(matrix: pd.DataFrame) -> dict[tuple[str, str], list]:
    """(group_id, sop_key) -> its matrix rows, in the order of the matrix."""
    rows: dict[tuple[str, str], list] = {}
    for row in records(matrix):
        rows.setdefault((row.group_id, row.sop_key), []).append(row)
    return rows


@dataclass
class Consensus:
    core: list[str]  # in consensus order
    order: dict[str, int]  # phase -> consensus_order
    single_agency: set[str]  # phases only one agency has

    @classmethod
    def of(cls, phases: pd.DataFrame) -> Consensus:
        return cls(core=phases.loc[phases["core"], "phase"].tolist(),
                   order=dict(zip(phases["phase"], phases["consensus_order"])),
                   single_agency=set(phases.loc[phases["n_agencies"] == 1, "phase"]))


def extra_steps(steps: pd.DataFrame, consensus: dict[str, Consensus]) -> dict[str, list[int]]:
    """sop_key -> printed numbers of its steps in phases no other agency has."""
    extra: dict[str, list[int]] = {}
    for group_id, sop_key, phase, step_no in columns(steps, "group_id", "sop_key", "phase", "step_no"):
        if phase in consensus[group_id].single_agency and pd.notna(step_no):
            extra.setdefault(sop_key, []).append(int(step_no))
    return extra


def order_differences(own_order: list[str], consensus: dict[str, int]) -> int:
    """Pairs of phases done in the opposite order to the consensus."""
    ranks = [consensus[p] for p in own_order if p in consensus]
    return sum(1 for i in range(len(ranks)) for j in range(i + 1, len(ranks)) if ranks[i] > ranks[j])


class LevelVotes:
    """The actor levels each agency gives each phase, counted once per (group_id, phase) so
    that an agency's peers' votes are all votes less its own."""

    def __init__(self, matrix: pd.DataFrame):
        self.votes: dict[tuple[str, str], dict[str, set[str]]] = {}
        for group_id, phase, agency, levels in columns(matrix, "group_id", "phase", "agency_key", "levels"):
            self.votes.setdefault((group_id, phase), {}).setdefault(agency, set()).update(levels)
        self.counts = {key: Counter(level for levels in by_agency.values() for level in levels)
                       for key, by_agency in self.votes.items()}

    def usual_levels(self, group_id: str, phase: str, agency: str) -> list[str]:
        """The actor levels a majority of the other agencies give a phase (an agency may give
        several), most common first, then by name. A phase only an SOP's older revision has is
        given by no one compared."""
        votes = self.votes.get((group_id, phase), {})
        own = votes.get(agency, set())
        peers = len(votes) - (agency in votes)
        counts = [(level, count - (level in own)) for level, count in self.counts.get((group_id, phase), {}).items()]
        return [level for level, count in sorted(counts, key=lambda item: (-item[1], item[0]))
                if count * 2 > peers]

    def difference(self, row) -> str | None:
        """"PHASE: our actor vs usual actor" where our actor's level is none of the levels most
        other agencies give the phase."""
        usual = self.usual_levels(row.group_id, row.phase, row.agency_key)
        if row.levels and usual and not row.levels & set(usual):
            return f"{row.phase}: {', '.join(row.actors)} vs umumnya {usual[0]}"
        return None


@dataclass(frozen=True)
class Peers:
    count: int
    median: float
    highest: float
    lowest: float


class PeerValues:
    """One value per agency for each key (the `by` columns' values), sorted, so that an agency's
    peers (the other agencies) are summed up without being listed."""

    def __init__(self, values: pd.DataFrame, column: str, by: list[str]):
        self.sorted: dict[tuple, list[float]] = {}
        self.own: dict[tuple, float] = {}
        for *key, agency, value in columns(values, *by, "agency_key", column):
            key = tuple(key)
            self.sorted.setdefault(key, []).append(float(value))
            self.own[(*key, agency)] = float(value)
        for listed in self.sorted.values():
            listed.sort()

    def peers(self, key: tuple, agency: str) -> Peers | None:
        listed = self.sorted.get(key, [])
        own = self.own.get((*key, agency))
        skip = len(listed) if own is None else bisect.bisect_left(listed, own)
        count = len(listed) - (own is not None)
        if count == 0:
            return None

        def at(k: int) -> float:  # the k-th peer value: the list without the own value
            return listed[k if k < skip else k + 1]
        middle = count // 2
        median = at(middle) if count % 2 else (at(middle - 1) + at(middle)) / 2
        return Peers(count, median, at(count - 1), at(0))


def duration_findings(steps: pd.DataFrame, matrix: pd.DataFrame, comparison: Comparison) -> list[dict]:
    """DURATION_OUTLIER per step against peer agencies' steps of the same phase, and
    PHASE_DURATION_EXCESS where several steps add up to more than any peer's whole phase."""
    findings = []
    for row in records(steps.dropna(subset=["duration_minutes", "phase"])):
        peers = comparison.step_peers.peers((row.group_id, row.phase), row.agency_key)
        if peers and peers.count >= MIN_PEERS and row.duration_minutes > 0:
            findings += [f for f in [step_outlier(row, peers)] if f]
    for row in records(matrix.dropna(subset=["minutes"])):
        peers = comparison.phase_peers.peers((row.group_id, row.phase), row.agency_key)
        if peers and peers.count >= MIN_PEERS and len(row.step_nos) > 1:
            findings += [f for f in [phase_excess(row, peers)] if f]
        standard = comparison.standards.get((row.group_id, row.phase))
        if standard:
            findings += [f for f in [off_standard(row, standard)] if f]
    return findings


@dataclass(frozen=True)
class TimeStandard:
    """The time a phase should take, proposed from the agencies' times: their median, and their
    middle half as the spread."""
    median: float
    low: float
    high: float
    agencies: int


def off_standard(row, standard: TimeStandard) -> dict | None:
    """PHASE_TIME_STANDARD where an SOP's time for a phase is outside the proposed standard's
    spread and far from its median: by how much, in minutes and as a ratio."""
    minutes, median = row.minutes, standard.median
    if median <= 0 or minutes <= 0 or standard.low <= minutes <= standard.high:
        return None
    ratio = minutes / median
    if 1 / STANDARD_FACTOR < ratio < STANDARD_FACTOR:
        return None
    if ratio > 1:
        how = f"{in_words(minutes - standard.high)} di atas batas atas ({number_of_times(ratio)} kali median)"
    else:
        how = f"{in_words(standard.low - minutes)} di bawah batas bawah ({number_of_times(1 / ratio)} kali lebih singkat dari median)"
    message = (f"Fase {row.phase}: waktunya {in_words(minutes)}, di luar standar waktu yang diusulkan dari "
               f"{standard.agencies} instansi (median {in_words(median)}, rentang {in_words(standard.low)} sampai "
               f"{in_words(standard.high)}): {how}.")
    return {"sop_key": row.sop_key, "rule": "PHASE_TIME_STANDARD", "severity": "info",
            "step_no": row.step_nos[0] if row.step_nos else None, "field": "duration_minutes",
            "message": message}


def step_outlier(row, peers: Peers) -> dict | None:
    """DURATION_OUTLIER for a step timed an order of magnitude from the peer agencies' median;
    DURATION_IMPLAUSIBLE instead where it is two orders of magnitude from every peer's time
    (days where every other agency takes minutes, or minutes where all take days). No second
    DURATION_IMPLAUSIBLE where the step's kind of work already finds the time implausible
    (validate reports it); an outlier is still said, as how far the time is from the peers'
    is more than its kind of work tells."""
    median = peers.median
    if median <= 0:
        return None
    ratio = row.duration_minutes / median
    if 1 / OUTLIER_FACTOR < ratio < OUTLIER_FACTOR:
        return None
    if ratio >= OUTLIER_FACTOR:
        how = f"{number_of_times(ratio)} kali lebih lama dari"
        unit_apart = row.duration_minutes >= UNIT_SLIP_FACTOR * peers.highest
    else:
        how = f"{number_of_times(1 / ratio)} kali lebih singkat dari"
        unit_apart = row.duration_minutes * UNIT_SLIP_FACTOR <= peers.lowest
    activity = row.activity if isinstance(row.activity, str) else ""
    if unit_apart and implausible_duration(activity, row.duration_minutes, requirements=row.requirements):
        return None
    step = f"Langkah ke-{int(row.seq)}" if pd.isna(row.step_no) else f"Langkah {int(row.step_no)}"
    compared = (f"{step} (fase {row.phase}): waktu {in_words(row.duration_minutes)} {how} "
                f"instansi lain untuk pekerjaan yang sama (median {in_words(median)} dari {peers.count} instansi")
    if unit_apart:
        message = (f"{compared}, semuanya antara {in_words(peers.lowest)} dan {in_words(peers.highest)}). "
                   "Waktu ini tidak wajar: periksa apakah satuan waktunya salah ketik.")
    else:
        message = f"{compared}). Periksa apakah satuan waktunya benar."
    return {"sop_key": row.sop_key, "rule": "DURATION_IMPLAUSIBLE" if unit_apart else "DURATION_OUTLIER",
            "severity": "warning", "step_no": None if pd.isna(row.step_no) else int(row.step_no),
            "field": "duration_minutes", "message": message}


def phase_excess(row, peers: Peers) -> dict | None:
    median, highest = peers.median, peers.highest
    if not (row.minutes > highest and row.minutes >= EXCESS_FACTOR * median and median > 0):
        return None
    steps_text = ", ".join(str(n) for n in row.step_nos)
    message = (f"Fase {row.phase} (langkah {steps_text}): jumlah waktunya {in_words(row.minutes)}, "
               f"lebih lama dari fase yang sama di instansi mana pun (paling lama {in_words(highest)}, "
               f"median {in_words(median)}). Periksa apakah langkah-langkah ini tumpang tindih.")
    return {"sop_key": row.sop_key, "rule": "PHASE_DURATION_EXCESS", "severity": "info",
            "step_no": row.step_nos[0], "field": "duration_minutes", "message": message}


def number_of_times(ratio: float) -> str:
    return f"{ratio:.0f}" if ratio >= 10 else f"{ratio:.1f}".replace(".", ",")
