"""Compare the SOPs of one group: consensus of phases, each agency's differences, time audit.

Peers are other agencies: several files of one agency (the same SOP as Word and PDF, or two
versions) count once, so an SOP is never its own peer.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from pipeline.harmonize.roles import actor_level
from pipeline.harmonize.text import parse_activity
from pipeline.harmonize.timing import critical_path_minutes, in_words, total_minutes

OUTLIER_FACTOR = 10.0  # an order of magnitude from the peers' median
EXCESS_FACTOR = 3.0  # a phase total this many times the peers' median, and above their maximum
MIN_PEERS = 1  # a single peer agency is enough for a gap of an order of magnitude


def phase_matrix(steps: pd.DataFrame) -> pd.DataFrame:
    """One row per (group_id, source_file, phase): minutes, step_nos, actors (and, for the
    audit, agency_key, the actors' levels and the phase's first position in the SOP)."""
    columns = ["group_id", "source_file", "phase", "agency_key", "minutes", "step_nos", "actors",
               "levels", "first_position"]
    if steps.empty:
        return pd.DataFrame(columns=columns)
    matrix = steps.groupby(["group_id", "source_file", "phase"], sort=False).agg(
        agency_key=("agency_key", "first"),
        minutes=("duration_minutes", lambda m: m.sum(min_count=1)),
        step_nos=("step_no", lambda n: [int(x) for x in n.dropna()]),
        actors=("actor", lambda a: list(dict.fromkeys(str(x) for x in a.dropna() if str(x).strip()))),
        first_position=("position", "min"),
    ).reset_index()
    matrix["levels"] = matrix["actors"].map(lambda actors: {actor_level(a) for a in actors} - {None})
    return matrix[columns]


def agency_values(matrix: pd.DataFrame, column: str) -> pd.DataFrame:
    """One value per (group, phase, agency): the median over that agency's files."""
    return (matrix.groupby(["group_id", "phase", "agency_key"])[column].median().reset_index())


def by_agency(values: pd.DataFrame, column: str) -> dict[tuple[str, str], dict[str, float]]:
    """(group_id, phase) -> {agency_key: value}, for looking up an agency's peers."""
    table: dict[tuple[str, str], dict[str, float]] = {}
    for row in values.itertuples(index=False):
        table.setdefault((row.group_id, row.phase), {})[row.agency_key] = getattr(row, column)
    return table


def phase_table(matrix: pd.DataFrame, steps: pd.DataFrame) -> pd.DataFrame:
    """One row per (group_id, phase): label, consensus_order, n_agencies, median_minutes, core."""
    if matrix.empty:
        return pd.DataFrame(columns=["group_id", "phase", "label", "consensus_order", "n_agencies",
                                     "median_minutes", "core"])
    positions = agency_values(matrix, "first_position")
    minutes = agency_values(matrix, "minutes")
    table = positions.groupby(["group_id", "phase"]).agg(
        n_agencies=("agency_key", "nunique"), position=("first_position", "median")).reset_index()
    table["median_minutes"] = table.set_index(["group_id", "phase"]).index.map(
        minutes.groupby(["group_id", "phase"])["minutes"].median())
    agencies_in_group = matrix.groupby("group_id")["agency_key"].nunique()
    table["core"] = [is_core(n, agencies_in_group[g]) for g, n in zip(table["group_id"], table["n_agencies"])]
    table["label"] = [phase_description(steps, g, p) for g, p in zip(table["group_id"], table["phase"])]
    table = table.sort_values(["group_id", "position", "phase"])
    table["consensus_order"] = table.groupby("group_id").cumcount() + 1
    return table[["group_id", "phase", "label", "consensus_order", "n_agencies", "median_minutes",
                  "core"]].reset_index(drop=True)


def is_core(n_agencies: int, agencies_in_group: int) -> bool:
    """Part of the consensus: done by most agencies (by all when there are only two)."""
    return n_agencies * 2 > agencies_in_group if agencies_in_group > 2 else n_agencies == agencies_in_group


def phase_description(steps: pd.DataFrame, group_id: str, phase: str) -> str:
    """The most common wording among the phase's activities led by the phase's own action
    (the label's first part), shortest first on ties."""
    rows = steps[(steps["group_id"] == group_id) & (steps["phase"] == phase)]
    texts = [" ".join(str(t).split()) for t in rows["activity"].dropna()]
    concept = phase.split("_")[0]
    typical = [t for t in texts if parse_activity(t).head == concept] or texts
    counts = Counter(typical)
    if not counts:
        return phase
    return min(counts, key=lambda t: (-counts[t], len(t)))


def document_audit(steps: pd.DataFrame, matrix: pd.DataFrame, phases: pd.DataFrame) -> pd.DataFrame:
    """One row per document with steps: totals, missing phases, extra steps, order and actor
    differences against the group's consensus."""
    phases_by_group = {g: part.set_index("phase") for g, part in phases.groupby("group_id")}
    matrix_by_document = {key: part for key, part in matrix.groupby(["group_id", "source_file"])}
    agencies_by_group = matrix.groupby("group_id")["agency_key"].nunique()
    levels = level_votes(matrix)
    rows = []
    for (group_id, source_file), part in steps.groupby(["group_id", "source_file"], sort=False):
        group_phases = phases_by_group[group_id]
        own = matrix_by_document[(group_id, source_file)]
        present = set(own["phase"])
        single_agency = set(group_phases.index[group_phases["n_agencies"] == 1])
        rows.append({
            "source_file": source_file,
            "group_id": group_id,
            "total_minutes": total_minutes(part),
            "critical_path_minutes": critical_path_minutes(part),
            "missing_phases": [p for p in group_phases.index[group_phases["core"]] if p not in present],
            "extra_steps": [int(n) for n in part.loc[part["phase"].isin(single_agency), "step_no"].dropna()]
                           if agencies_by_group[group_id] > 1 else [],
            "order_differences": order_differences(own.sort_values("first_position")["phase"].tolist(),
                                                   group_phases["consensus_order"].to_dict()),
            "actor_differences": actor_differences(own, levels),
        })
    return pd.DataFrame(rows, columns=["source_file", "group_id", "total_minutes", "critical_path_minutes",
                                       "missing_phases", "extra_steps", "order_differences",
                                       "actor_differences"])


def order_differences(own_order: list[str], consensus: dict[str, int]) -> int:
    """Pairs of phases done in the opposite order to the consensus."""
    ranks = [consensus[p] for p in own_order if p in consensus]
    return sum(1 for i in range(len(ranks)) for j in range(i + 1, len(ranks)) if ranks[i] > ranks[j])


def level_votes(matrix: pd.DataFrame) -> dict[tuple[str, str], dict[str, set[str]]]:
    """(group_id, phase) -> {agency_key: actor levels that agency gives the phase}."""
    votes: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in matrix.itertuples(index=False):
        votes.setdefault((row.group_id, row.phase), {}).setdefault(row.agency_key, set()).update(row.levels)
    return votes


def actor_differences(own: pd.DataFrame, votes: dict[tuple[str, str], dict[str, set[str]]]) -> list[str]:
    """"PHASE: our actor vs usual actor" where the level of our actor differs from the level
    most other agencies give the phase."""
    found = []
    for row in own.itertuples(index=False):
        peers = {a: levels for a, levels in votes[(row.group_id, row.phase)].items() if a != row.agency_key}
        usual = usual_level(peers)
        if row.levels and usual and usual not in row.levels:
            found.append(f"{row.phase}: {', '.join(row.actors)} vs umumnya {usual}")
    return found


def usual_level(peers: dict[str, set[str]]) -> str | None:
    """The actor level a majority of peer agencies give a phase."""
    counts = Counter(level for levels in peers.values() for level in levels)
    if not counts:
        return None
    level, count = counts.most_common(1)[0]
    return level if count * 2 > len(peers) else None


def duration_findings(steps: pd.DataFrame, matrix: pd.DataFrame) -> list[dict]:
    """DURATION_OUTLIER per step against peer agencies' steps of the same phase, and
    PHASE_DURATION_EXCESS where several steps add up to more than any peer's whole phase."""
    timed = steps.dropna(subset=["duration_minutes", "phase"])
    step_values = by_agency(timed.groupby(["group_id", "phase", "agency_key"])["duration_minutes"]
                            .median().reset_index(), "duration_minutes")
    findings = []
    for row in timed.itertuples(index=False):
        peers = peer_values(step_values, row.group_id, row.phase, row.agency_key)
        if len(peers) >= MIN_PEERS and row.duration_minutes > 0:
            findings += [f for f in [step_outlier(row, peers)] if f]
    timed_phases = matrix.dropna(subset=["minutes"])
    phase_values = by_agency(agency_values(timed_phases, "minutes"), "minutes")
    for row in timed_phases.itertuples(index=False):
        peers = peer_values(phase_values, row.group_id, row.phase, row.agency_key)
        if len(peers) >= MIN_PEERS and len(row.step_nos) > 1:
            findings += [f for f in [phase_excess(row, peers)] if f]
    return findings


def peer_values(values: dict[tuple[str, str], dict[str, float]], group_id: str, phase: str,
                agency_key: str) -> pd.Series:
    same_phase = values.get((group_id, phase), {})
    return pd.Series([v for agency, v in same_phase.items() if agency != agency_key], dtype=float)


def step_outlier(row, peers: pd.Series) -> dict | None:
    median = float(peers.median())
    if median <= 0:
        return None
    ratio = row.duration_minutes / median
    if 1 / OUTLIER_FACTOR < ratio < OUTLIER_FACTOR:
        return None
    if ratio >= OUTLIER_FACTOR:
        how = f"{number_of_times(ratio)} kali lebih lama dari"
    else:
        how = f"{number_of_times(1 / ratio)} kali lebih singkat dari"
    step = f"Langkah ke-{int(row.seq)}" if pd.isna(row.step_no) else f"Langkah {int(row.step_no)}"
    message = (f"{step} (fase {row.phase}): waktu {in_words(row.duration_minutes)} {how} "
               f"instansi lain untuk pekerjaan yang sama (median {in_words(median)} dari "
               f"{len(peers)} instansi). Periksa apakah satuan waktunya benar.")
    return {"source_file": row.source_file, "rule": "DURATION_OUTLIER", "severity": "warning",
            "step_no": None if pd.isna(row.step_no) else int(row.step_no), "field": "duration_minutes",
            "message": message}


def phase_excess(row, peers: pd.Series) -> dict | None:
    median, highest = float(peers.median()), float(peers.max())
    if not (row.minutes > highest and row.minutes >= EXCESS_FACTOR * median and median > 0):
        return None
    steps_text = ", ".join(str(n) for n in row.step_nos)
    message = (f"Fase {row.phase} (langkah {steps_text}): jumlah waktunya {in_words(row.minutes)}, "
               f"lebih lama dari fase yang sama di instansi mana pun (paling lama {in_words(highest)}, "
               f"median {in_words(median)}). Periksa apakah langkah-langkah ini tumpang tindih.")
    return {"source_file": row.source_file, "rule": "PHASE_DURATION_EXCESS", "severity": "info",
            "step_no": row.step_nos[0], "field": "duration_minutes", "message": message}


def number_of_times(ratio: float) -> str:
    return f"{ratio:.0f}" if ratio >= 10 else f"{ratio:.1f}".replace(".", ",")
