"""Procedure groups on a whole batch and on small batches cut out of it: a small batch must not
merge SOPs of different procedures (IDF over two or three documents tells little) nor split
SOPs of one procedure.

    python benchmarks/grouping_small_batches.py --run OUT --gold GOLD_DIR [--triples N]

OUT: a run's folder (its normalized/documents.parquet and steps.parquet); GOLD_DIR: gold JSON
files holding each file's `family` (its procedure). Prints the whole batch's group pairwise F1,
then, over every pair of SOPs (one file per SOP: its copies in other formats left out) and over
sampled triples, how many SOPs of different procedures were merged and of one procedure split.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
from pathlib import Path

import pandas as pd

from pipeline.harmonize.grouping import group_documents


def families(gold: Path) -> dict[str, str]:
    found = {}
    for path in sorted(gold.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        found[record.get("source") or path.name.removesuffix(".json")] = record.get("family")
    return found


def grouped(documents: pd.DataFrame, steps: pd.DataFrame, keys: list[str]) -> dict[str, str]:
    chosen = documents[documents["sop_key"].isin(keys)].sort_values("sop_key")
    groups = group_documents(chosen, [steps[steps["sop_key"].isin(keys)]])
    return dict(zip(groups["sop_key"], groups["group_id"]))


def pairwise(truth: dict[str, str], found: dict[str, str]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(found), 2):
        same, together = truth[a] == truth[b], found[a] == found[b]
        tp += same and together
        fp += together and not same
        fn += same and not together
    return tp, fp, fn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, required=True)
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--triples", type=int, default=300)
    args = parser.parse_args()
    documents = pd.read_parquet(args.run / "normalized" / "documents.parquet")
    documents["sop_key"] = documents["source_file"] + "#" + documents["sop_index"].astype(str)
    steps = pd.read_parquet(args.run / "normalized" / "steps.parquet")
    steps["sop_key"] = steps["source_file"] + "#" + steps["sop_index"].astype(str)
    family_of_file = families(args.gold)
    documents = documents[documents["source_file"].map(family_of_file).notna()]
    truth = dict(zip(documents["sop_key"], documents["source_file"].map(family_of_file)))
    tp, fp, fn = pairwise(truth, grouped(documents, steps, list(truth)))
    print(f"whole batch ({len(truth)} SOPs): group pairwise F1 {2 * tp / max(2 * tp + fp + fn, 1):.3f} "
          f"(tp={tp} fp={fp} fn={fn})")
    # one file per SOP: copies in other formats would only repeat the same pairs
    one = documents.drop_duplicates("sop_id") if "sop_id" in documents else documents
    keys = sorted(one["sop_key"])
    pairs = list(itertools.combinations(keys, 2))
    different = [p for p in pairs if truth[p[0]] != truth[p[1]]]
    same = [p for p in pairs if truth[p[0]] == truth[p[1]]]
    merged = [p for p in different if len(set(grouped(documents, steps, list(p)).values())) == 1]
    split = [p for p in same if len(set(grouped(documents, steps, list(p)).values())) > 1]
    print(f"pairs of different procedures merged: {len(merged)}/{len(different)}")
    for a, b in merged:
        print(f"  {truth[a]} + {truth[b]}: {a}, {b}")
    print(f"pairs of one procedure split: {len(split)}/{len(same)}")
    for a, b in split:
        print(f"  {truth[a]}: {a}, {b}")
    rng = random.Random(7)
    triples = [tuple(rng.sample(keys, 3)) for _ in range(args.triples)]
    tp = fp = fn = 0
    for triple in triples:
        t, f, n = pairwise(truth, grouped(documents, steps, list(triple)))
        tp, fp, fn = tp + t, fp + f, fn + n
        if f:
            print("  merged in a triple:", ", ".join(f"{key} ({truth[key]})" for key in triple))
    print(f"{len(triples)} random triples: wrong merges {fp}, wrong splits {fn}, right merges {tp}")


if __name__ == "__main__":
    main()
