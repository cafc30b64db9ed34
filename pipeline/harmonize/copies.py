"""One SOP counted once: copies of an SOP (the same file saved as Word, PDF, a scan, a text
export) and its revisions share an `sop_id`, and one of them, `is_current`, stands for it.

Two SOPs are one when they belong to one agency, one procedure group, and print nearly the
same steps under nearly the same title: copies repeat them word for word (a scan up to a few
misread letters), a revision changes a few. Different procedures of one agency share far less
(on the dev corpus copies score 100 and different SOPs of one agency at most 55). The same
steps under another title are not one SOP: the flowchart of one was reused for the other
(FLOWCHART_REUSED), which the agency should check. The SOP number identifies an SOP within
its agency: one title under one complete number is one SOP, however many of its steps a scan
lost or a revision rewrote (a number with a part left blank, "800/   /BKD", is shared by an
agency's drafts and identifies none); so is one title over steps of which one reading holds
a run of the other's (a scan whose later rows or pages were not read).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from pipeline.harmonize.text import words
from pipeline.harmonize.timing import in_words
from pipeline.schema import HISTORY
from pipeline.validate.rules import INCOMPLETE_NUMBER

SAME_STEPS = 75  # rapidfuzz ratio of two SOPs' step sequences at which they are one SOP
# partial_ratio of a reading of at least MIN_PART_STEPS steps within another's sequence at which
# they are one SOP (under one title): a scan whose later rows or pages were not read (synthetic
# scans of the heldout SOPs that lost steps score 98-99 against their SOP, 50-52 against
# another SOP of the agency)
SAME_STEPS_IN_PART, MIN_PART_STEPS = 90, 2
SAME_TITLE = 80  # token_set_ratio of their titles' words ("SOP" prefixes and word order aside)
DATE_COLUMNS = ["revised_date", "effective_date", "approved_date", "created_date"]
# Which copy reads best, by format: a text export has lost the actors, a scan or photo may hold
# misreadings.
FORMAT_RANK = {"docx": 0, "doc": 0, "pdf": 1, "scan_pdf": 2, "image": 3, "txt": 4}
COLUMNS = ["sop_key", "sop_id", "is_current"]
# The rows of an SOP held in several files: which file is which copy or revision, and what each
# revision changed in the steps of the one before.
HISTORY_COLUMNS = [name for name, _, _ in HISTORY]
REWORDED = 60  # rapidfuzz ratio at which a step of a revision is the older step reworded


def sop_id_of(keys: list[str]) -> str:
    """An id that stays the same while the SOP's first file (in key order) does."""
    return "SOP-" + hashlib.sha1(min(keys).encode()).hexdigest()[:10]


def step_signature(activities: pd.Series) -> str:
    return " | ".join(" ".join(words(activity)) for activity in activities)


@dataclass
class Copies:
    table: pd.DataFrame  # sop_key, sop_id, is_current of every document given
    findings: list[dict]  # FLOWCHART_REUSED, on both SOPs of a pair
    # HISTORY_COLUMNS of every document of an sop_id held in more than one file
    history: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=HISTORY_COLUMNS))


def identify_copies(documents: pd.DataFrame, steps: pd.DataFrame) -> Copies:
    """`documents`: sop_key, sop_title, group_id, agency_key, status, source_format, n_steps,
    uncertain_fields and the dates; `steps`: sop_key, seq, activity (and step_no, actor,
    duration_minutes, for the history of revisions) of (at least) the documents of the groups
    given."""
    documents = documents.reset_index(drop=True)
    signature = steps.sort_values(["sop_key", "seq"]).groupby("sop_key", sort=False)["activity"].agg(step_signature)
    signatures = [signature.get(key, "") for key in documents["sop_key"]]
    titles = [" ".join(words(title)) for title in documents["sop_title"]]
    numbers = [number_key(number) for number in documents.get("sop_number", pd.Series([None] * len(documents)))]
    # documents read alike (steps, title, number) are one another's copies without comparing:
    # only the first of each is compared, so thousands of copies of one SOP cost no pairs
    identical, alike = [], {}  # (first, copy); first -> the documents read like it
    candidates = []
    for members in candidate_sets(documents):
        first_of: dict[tuple, int] = {}
        firsts = []
        for i in members:
            key = (signatures[i], titles[i], numbers[i])
            comparable = bool(titles[i] and (signatures[i] or numbers[i]))  # what joins two copies
            if comparable and key in first_of:
                identical.append((first_of[key], i))
                alike[first_of[key]].append(i)
                continue
            if comparable:
                first_of[key] = i
            firsts.append(i)
            alike[i] = [i]
        candidates += [(i, j) for a, i in enumerate(firsts) for j in firsts[a + 1:]]
    same_steps = [(i, j) for i, j in candidates
                  if signatures[i] and signatures[j] and fuzz.ratio(signatures[i], signatures[j]) >= SAME_STEPS]
    same_number = {(i, j) for i, j in candidates if numbers[i] and numbers[i] == numbers[j]}
    titled = {(i, j) for i, j in candidates if fuzz.token_set_ratio(titles[i], titles[j]) >= SAME_TITLE}
    joined = same_number.union(same_steps) & titled
    # the costlier comparison only for pairs nothing else joined (copies mostly match whole)
    in_part = {(i, j) for i, j in titled - joined if steps_read_in_part(signatures[i], signatures[j])}
    pairs = sorted(joined | in_part | set(identical))
    n = len(documents)
    rows, cols = (np.array([p[k] for p in pairs], dtype=int) for k in (0, 1))
    graph = sparse.coo_matrix((np.ones(len(pairs)), (rows, cols)), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    result, history = [], []
    steps_by_key = StepsByKey(steps)
    for _, members in documents.groupby(component, sort=False):
        sop_id = sop_id_of(members["sop_key"].tolist())
        current = current_row(members)
        result += [{"sop_key": key, "sop_id": sop_id, "is_current": index == current}
                   for index, key in zip(members.index, members["sop_key"])]
        if len(members) > 1:
            history += revision_history(members, sop_id, current, steps_by_key)
    reused = [(a, b) for i, j in same_steps if component[i] != component[j] for a in alike[i] for b in alike[j]]
    findings = [reused_finding(documents.loc[a], documents.loc[b]) for i, j in reused for a, b in ((i, j), (j, i))]
    return Copies(pd.DataFrame(result, columns=COLUMNS), findings, pd.DataFrame(history, columns=HISTORY_COLUMNS))


class StepsByKey:
    """Each SOP's steps in order, split once on first use (most chunks have no revisions)."""

    def __init__(self, steps: pd.DataFrame):
        self.steps, self.split = steps, None

    def __call__(self, sop_key: str) -> pd.DataFrame:
        if self.split is None:
            ordered = self.steps.sort_values(["sop_key", "seq"], kind="stable")
            self.split = dict(tuple(ordered.groupby("sop_key", sort=False)))
        return self.split.get(sop_key, self.steps.iloc[:0])


def steps_read_in_part(a: str, b: str) -> bool:
    """All the steps the shorter reading holds (at least MIN_PART_STEPS) are a run of the longer's."""
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return shorter.count(" | ") + 1 >= MIN_PART_STEPS and fuzz.partial_ratio(shorter, longer) >= SAME_STEPS_IN_PART


def number_key(number) -> str | None:
    """An SOP number printed whole, case and spacing aside; None for a number with a blank part."""
    if not isinstance(number, str) or not number.strip() or INCOMPLETE_NUMBER.search(number):
        return None
    return "".join(number.casefold().split())


def revision_history(members: pd.DataFrame, sop_id: str, current: int | None, steps_of: StepsByKey) -> list[dict]:
    """The rows of one SOP's files: its copies share a revision date (the latest date printed);
    each revision's best read copy carries what changed in the steps since the revision before."""
    dates = latest_dates(members)
    rows = {index: {"sop_key": key, "sop_id": sop_id, "source_format": fmt, "revision_date": dates[index] or None,
                    "is_current": index == current, "changes": []}
            for index, key, fmt in zip(members.index, members["sop_key"], members["source_format"])}
    read = members[members["status"] != "failed"]
    revisions = [best_read(read[dates[read.index] == date]) for date in sorted(set(dates[read.index]))]
    for older, newer in zip(revisions, revisions[1:]):
        rows[newer]["changes"] = step_changes(steps_of(members.loc[older, "sop_key"]),
                                              steps_of(members.loc[newer, "sop_key"]))
    return list(rows.values())


def step_changes(older: pd.DataFrame, newer: pd.DataFrame) -> list[str]:
    """What a revision changed, in Bahasa Indonesia: steps added, removed, reworded, given to
    another actor or another time. Steps are matched in order by their words; a run of steps
    replaced by as many others is matched position by position where the wording is close."""
    old, new = older.to_dict("records"), newer.to_dict("records")
    old_words, new_words = ([" ".join(words(s.get("activity"))) for s in rows] for rows in (old, new))
    pairs, removed, added = [], [], []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        i, j = i1, j1
        while i < i2 and j < j2 and (tag == "equal" or fuzz.ratio(old_words[i], new_words[j]) >= REWORDED):
            pairs.append((old[i], new[j]))
            i, j = i + 1, j + 1
        removed += old[i:i2]
        added += new[j:j2]
    changes = [f"Langkah {step_number(s)} dihapus: \"{s.get('activity') or ''}\"" for s in removed]
    changes += [f"Langkah {step_number(s)} ditambahkan: \"{s.get('activity') or ''}\"" for s in added]
    for before, after in pairs:
        where = f"Langkah {step_number(after)}"
        if " ".join(words(before.get("activity"))) != " ".join(words(after.get("activity"))):
            changes.append(f"{where}: kegiatan diubah dari \"{before.get('activity')}\" menjadi \"{after.get('activity')}\"")
        if " ".join(words(before.get("actor"))) != " ".join(words(after.get("actor"))):
            changes.append(f"{where}: pelaksana diubah dari {before.get('actor') or '(tidak ada)'} "
                           f"menjadi {after.get('actor') or '(tidak ada)'}")
        if minutes_of(before) != minutes_of(after):
            changes.append(f"{where}: waktu diubah dari {minutes_of(before)} menjadi {minutes_of(after)}")
    return changes


def step_number(step: dict) -> str:
    number = step.get("step_no")
    return str(int(number)) if isinstance(number, (int, float)) and not pd.isna(number) else f"ke-{step['seq']}"


def minutes_of(step: dict) -> str:
    minutes = step.get("duration_minutes")
    return "(tidak diisi)" if minutes is None or pd.isna(minutes) else in_words(float(minutes))


def reused_finding(own: pd.Series, other: pd.Series) -> dict:
    message = (f"Diagram alir SOP ini sama dengan diagram alir SOP lain dari instansi yang sama dengan "
               f"judul berbeda: \"{other['sop_title']}\". Periksa apakah diagram alirnya tertukar atau "
               "disalin tanpa disesuaikan.")
    return {"sop_key": own["sop_key"], "rule": "FLOWCHART_REUSED", "severity": "warning", "step_no": None,
            "field": None, "message": message}


def candidate_sets(documents: pd.DataFrame) -> list[list[int]]:
    """Row numbers of documents of one procedure group and one agency: only they can be one SOP."""
    read = documents[documents["status"] != "failed"]
    return [list(members) for members in read.groupby(["group_id", "agency_key"], sort=False).indices.values()
            if len(members) > 1]


def current_row(members: pd.DataFrame) -> int | None:
    """The row that stands for the SOP: the latest revision, and of its copies the best read
    (a format that keeps everything, fewest uncertain readings, most steps). A failed file
    stands for nothing."""
    read = members[members["status"] != "failed"]
    if read.empty:
        return None
    return best_read(read)


def latest_dates(documents: pd.DataFrame) -> pd.Series:
    """The latest date each document prints (ISO text; empty without one)."""
    return documents[DATE_COLUMNS].apply(lambda row: max((d for d in row if isinstance(d, str) and d), default=""),
                                         axis=1)


def best_read(read: pd.DataFrame) -> int:
    """Of documents read, the latest revision's best read copy (see current_row)."""
    order = pd.DataFrame({
        "latest": latest_dates(read),
        "format": read["source_format"].map(FORMAT_RANK).fillna(len(FORMAT_RANK)),
        "uncertain": read["uncertain_fields"].map(lambda v: 0 if v is None or isinstance(v, float) else len(v)),
        "steps": pd.to_numeric(read["n_steps"], errors="coerce").fillna(0),
        "key": read["sop_key"],
    }, index=read.index)
    best = order.sort_values(["latest", "format", "uncertain", "steps", "key"],
                             ascending=[False, True, True, False, True], kind="stable")
    return best.index[0]
