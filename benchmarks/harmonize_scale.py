"""harmonize() time and peak memory on N synthetic documents built from real normalized tables.

Each synthetic document is a varied copy of a real one (cycling through the real documents):
another agency, a title in other capitals, some steps reworded (capitals, abbreviations, a
word dropped), dropped or timed differently. So the groups of one procedure grow to hundreds
or thousands of SOPs that repeat, but not exactly, a few real wordings.

    .venv/bin/python benchmarks/harmonize_scale.py /tmp/devrun-h/normalized [--n 1000 10000]

The tables folder holds documents.parquet and steps.parquet of a run (e.g. `sop-pipeline run
../shared/corpus/dev/docs --out /tmp/devrun-h`). Without it the script prints this help and
runs nothing. Each N runs in its own process, so its peak resident memory is its own; beside
seconds and memory it prints how well the synthetic result agrees with the real tables' one:
pairwise F1 of the groups against the originals' groups, and of the phases against the
original steps' phases (pairs of different documents, as tools/score.py counts phases).
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.harmonize import harmonize  # noqa: E402
from pipeline.store import table_frame  # noqa: E402

N_AGENCIES = 2000  # distinct agencies over the synthetic batch (a few files each)
SYLLABLES = ["ba", "ka", "ma", "ra", "si", "tu", "lo", "ngi", "pe", "da", "wi", "ja", "ro", "su", "te"]
UNITS = ["Dinas Kesehatan", "Badan Pendapatan Daerah", "Sekretariat DPRD", "Kecamatan", "Dinas Sosial",
         "Inspektorat", "Badan Kepegawaian Daerah", "Dinas Pendidikan"]
ABBREVIATIONS = {"untuk": "utk", "dan": "&", "kepada": "kpd", "yang": "yg", "dengan": "dgn"}


def load_tables(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    documents = table_frame("documents", pd.read_parquet(folder / "documents.parquet"))
    steps = table_frame("steps", pd.read_parquet(folder / "steps.parquet")).drop(columns=["group_id"], errors="ignore")
    return documents, steps.assign(phase=None)


def agency_name(index: int) -> str:
    rng = random.Random(f"agency-{index}")
    place = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    return f"{rng.choice(UNITS)} Kabupaten {place} {rng.choice(SYLLABLES).upper()}{index}"


def varied_text(text: str | None, rng: random.Random) -> str | None:
    """The same work worded a little differently, as another agency types it."""
    if not isinstance(text, str) or not text:
        return text
    tokens = text.split()
    change = rng.choice(["capitals", "abbreviate", "drop", "lower"])
    if change == "capitals":
        return text.upper()
    if change == "lower":
        return text.lower()
    if change == "abbreviate":
        return " ".join(ABBREVIATIONS.get(t.lower(), t) for t in tokens)
    return " ".join(tokens[:-1]) if len(tokens) > 3 else text


def varied_steps(steps: pd.DataFrame, sop_key: str, rng: random.Random) -> pd.DataFrame:
    keep = [rng.random() > 0.05 for _ in range(len(steps))] if len(steps) > 3 else [True] * len(steps)
    copy = steps[keep].copy()
    copy["sop_key"] = sop_key
    copy["original_seq"] = copy["seq"]
    copy["seq"] = range(1, len(copy) + 1)
    reworded = [rng.random() < 0.15 for _ in range(len(copy))]
    copy["activity"] = [varied_text(t, rng) if r else t for t, r in zip(copy["activity"], reworded)]
    copy["output"] = [varied_text(t, rng) if rng.random() < 0.1 else t for t in copy["output"]]
    copy["duration_minutes"] = copy["duration_minutes"] * rng.choice([1, 1, 1, 0.5, 2, 10])
    return copy


def synthetic_tables(documents: pd.DataFrame, steps: pd.DataFrame, n: int
                     ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """N varied copies of the real documents, and sop_key -> the real file it copies."""
    steps_by_file = {name: part for name, part in steps.groupby("sop_key", sort=False)}
    originals = documents.to_dict("records")
    rows, parts, original_of = [], [], {}
    for i in range(n):
        rng = random.Random(i)
        original = originals[i % len(originals)]
        sop_key = f"syn/{i:05d}/{original['sop_key']}"
        title = original["sop_title"] or ""
        rows.append({**original, "sop_key": sop_key, "agency": agency_name(i % N_AGENCIES),
                     "sop_title": rng.choice([title, title.upper(), title.title()])})
        if original["sop_key"] in steps_by_file:
            parts.append(varied_steps(steps_by_file[original["sop_key"]], sop_key, rng))
        original_of[sop_key] = original["sop_key"]
    return pd.DataFrame(rows), pd.concat(parts, ignore_index=True), original_of


def pairs(frame: pd.DataFrame, columns: list[str]) -> int:
    """Pairs of rows of different documents that agree on `columns`."""
    within = frame.groupby(columns).size()
    within_document = frame.groupby(["sop_key", *columns]).size()
    return int((within * (within - 1) // 2).sum() - (within_document * (within_document - 1) // 2).sum())


def pairwise_f1(frame: pd.DataFrame, label: str, reference: str) -> float:
    """Pairwise F1 of `label` against `reference` over pairs of rows of different documents
    (the phase metric of tools/score.py, counted rather than enumerated)."""
    frame = frame.dropna(subset=[label, reference])
    both = pairs(frame, [label, reference])
    wrong, missed = pairs(frame, [label]) - both, pairs(frame, [reference]) - both
    return 2 * both / (2 * both + wrong + missed) if both else 0.0


def agreement(result, real, original_of: dict[str, str]) -> dict[str, float]:
    """Groups and phases of the synthetic batch against those of the real tables: every
    document should be in the group of its original and every step (reworded or not) in the
    phase of its original step."""
    real_group = real.groups.set_index("sop_key")["group_id"]
    groups = result.groups.assign(reference=result.groups["sop_key"].map(original_of).map(real_group))
    real_steps = real.steps.assign(reference=real.steps["group_id"] + "/" + real.steps["phase"])
    real_phase = real_steps.set_index(["sop_key", "seq"])["reference"]
    keys = pd.MultiIndex.from_arrays([result.steps["sop_key"].map(original_of), result.steps["original_seq"]])
    steps = result.steps.assign(reference=real_phase.reindex(keys).values,
                                label=result.steps["group_id"] + "/" + result.steps["phase"])
    return {"group_f1": pairwise_f1(groups.assign(label=groups["group_id"]), "label", "reference"),
            "phase_f1": pairwise_f1(steps, "label", "reference")}


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(folder: Path, n: int) -> dict:
    documents, steps = load_tables(folder)
    real = harmonize(documents, steps)
    synthetic_documents, synthetic_steps, original_of = synthetic_tables(documents, steps, n)
    before = peak_rss_mib()
    start = time.perf_counter()
    result = harmonize(synthetic_documents, synthetic_steps)
    seconds = time.perf_counter() - start
    return {"n": n, "steps": len(synthetic_steps), "groups": int(result.groups["group_id"].nunique()),
            "largest_group": int(result.groups["group_id"].value_counts().max()),
            "seconds": round(seconds, 1), "peak_rss_mib": round(peak_rss_mib()),
            "rss_before_mib": round(before), **{k: round(v, 3) for k, v in agreement(result, real, original_of).items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tables", nargs="?", type=Path, help="folder with documents.parquet and steps.parquet")
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per N")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tables is None:
        parser.print_help()
        return
    if args.child:
        print(json.dumps(measure(args.tables, args.child)))
        return
    for n in args.n:
        command = [sys.executable, __file__, str(args.tables), "--child", str(n)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(json.dumps({"n": n, "seconds": f"> {args.timeout:.0f}"}))
            continue
        print(done.stdout.strip() or done.stderr.strip()[-2000:], flush=True)


if __name__ == "__main__":
    main()
