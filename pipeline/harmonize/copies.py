"""One SOP counted once: copies of an SOP (the same file saved as Word, PDF, a scan, a text
export) and its revisions share an `sop_id`, and one of them, `is_current`, stands for it.

Two SOPs are one when they belong to one agency, one procedure group, and print nearly the
same steps under nearly the same title: copies repeat them word for word (a scan up to a few
misread letters), a revision changes a few. Different procedures of one agency share far less
(on the dev corpus copies score 100 and different SOPs of one agency at most 55). The same
steps under another title are not one SOP: the flowchart of one was reused for the other
(FLOWCHART_REUSED), which the agency should check.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from pipeline.harmonize.text import words

SAME_STEPS = 75  # rapidfuzz ratio of two SOPs' step sequences at which they are one SOP
SAME_TITLE = 80  # token_set_ratio of their titles' words ("SOP" prefixes and word order aside)
DATE_COLUMNS = ["revised_date", "effective_date", "approved_date", "created_date"]
# Which copy reads best, by format: a text export has lost the actors, a scan or photo may hold
# misreadings.
FORMAT_RANK = {"docx": 0, "doc": 0, "pdf": 1, "scan_pdf": 2, "image": 3, "txt": 4}
COLUMNS = ["sop_key", "sop_id", "is_current"]


def sop_id_of(keys: list[str]) -> str:
    """An id that stays the same while the SOP's first file (in key order) does."""
    return "SOP-" + hashlib.sha1(min(keys).encode()).hexdigest()[:10]


def step_signature(activities: pd.Series) -> str:
    return " | ".join(" ".join(words(activity)) for activity in activities)


@dataclass
class Copies:
    table: pd.DataFrame  # sop_key, sop_id, is_current of every document given
    findings: list[dict]  # FLOWCHART_REUSED, on both SOPs of a pair


def identify_copies(documents: pd.DataFrame, steps: pd.DataFrame) -> Copies:
    """`documents`: sop_key, sop_title, group_id, agency_key, status, source_format, n_steps,
    uncertain_fields and the dates; `steps`: sop_key, seq, activity of (at least) the
    documents of the groups given."""
    documents = documents.reset_index(drop=True)
    signature = steps.sort_values(["sop_key", "seq"]).groupby("sop_key", sort=False)["activity"].agg(step_signature)
    signatures = [signature.get(key, "") for key in documents["sop_key"]]
    titles = [" ".join(words(title)) for title in documents["sop_title"]]
    same_steps = [(i, j) for members in candidate_sets(documents)
                  for a, i in enumerate(members) for j in members[a + 1:]
                  if signatures[i] and signatures[j] and fuzz.ratio(signatures[i], signatures[j]) >= SAME_STEPS]
    pairs = [(i, j) for i, j in same_steps if fuzz.token_set_ratio(titles[i], titles[j]) >= SAME_TITLE]
    n = len(documents)
    rows, cols = (np.array([p[k] for p in pairs], dtype=int) for k in (0, 1))
    graph = sparse.coo_matrix((np.ones(len(pairs)), (rows, cols)), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    result = []
    for _, members in documents.groupby(component, sort=False):
        sop_id = sop_id_of(members["sop_key"].tolist())
        current = current_row(members)
        result += [{"sop_key": key, "sop_id": sop_id, "is_current": index == current}
                   for index, key in zip(members.index, members["sop_key"])]
    reused = [(i, j) for i, j in same_steps if component[i] != component[j]]
    findings = [reused_finding(documents.loc[a], documents.loc[b]) for i, j in reused for a, b in ((i, j), (j, i))]
    return Copies(pd.DataFrame(result, columns=COLUMNS), findings)


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
    latest = read[DATE_COLUMNS].apply(lambda row: max((d for d in row if isinstance(d, str) and d), default=""), axis=1)
    order = pd.DataFrame({
        "latest": latest,
        "format": read["source_format"].map(FORMAT_RANK).fillna(len(FORMAT_RANK)),
        "uncertain": read["uncertain_fields"].map(lambda v: 0 if v is None or isinstance(v, float) else len(v)),
        "steps": pd.to_numeric(read["n_steps"], errors="coerce").fillna(0),
        "key": read["sop_key"],
    }, index=read.index)
    best = order.sort_values(["latest", "format", "uncertain", "steps", "key"],
                             ascending=[False, True, True, False, True], kind="stable")
    return best.index[0]
