"""Rewrites every dev SOP (one per SOP, from its gold) as a .txt export whose steps open with
their actor ("Kasubbag Umum menerima surat masuk ..."), a word order the dev corpus does not
print, keeping its gold phases; for phase alignment on another word order of every family.

    .venv/bin/python benchmarks/heldout/actor_first.py ../shared/corpus/dev/gold /tmp/actor-first
    .venv/bin/sop-pipeline run /tmp/actor-first/docs --out /tmp/actor-first-run
    .venv/bin/python ../shared/tools/score.py --gold /tmp/actor-first/gold --run /tmp/actor-first-run
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from make_heldout import write


def actor_first(activity: str, actor: str | None) -> str:
    return f"{actor} {activity[:1].lower()}{activity[1:]}" if actor else activity


def sop_of(reference: dict, reword=actor_first, suffix: str = "_af") -> dict:
    """The SOP of a gold reference, each step's activity reworded by reword(activity, actor)."""
    actors = list(dict.fromkeys(s.get("actor") or "Pelaksana" for s in reference["steps"]))
    steps = [(s["phase"], reword(s["activity"], s.get("actor")), actors.index(s.get("actor") or "Pelaksana"),
              s.get("requirements") or "-", s.get("duration_text") or "-", s.get("output") or "-")
             for s in reference["steps"]]
    return {"name": Path(reference["source"]).stem + suffix, "family": reference["family"],
            "agency": "PEMERINTAH\tKABUPATEN CONTOH", "number": "000/001/CONTOH/2025",
            "title": reference["doc"].get("sop_title") or "SOP", "unit": None, "actors": actors,
            "steps": steps, "findings": []}


def dev_references(gold_dir: Path):
    """The gold of each dev SOP with steps, once (its docx or first rendering, no scan)."""
    for path in sorted(gold_dir.glob("*.json")):
        reference = json.loads(path.read_text(encoding="utf-8"))
        if "_scan" in reference["source"] or not reference.get("steps"):
            continue
        if reference["source"].startswith("sop_d") or reference["source"].endswith(".docx"):
            yield reference


def main(gold_dir: Path, out: Path) -> None:
    write([sop_of(reference) for reference in dev_references(gold_dir)], out)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
