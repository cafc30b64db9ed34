"""Rewrites every dev SOP (one per SOP, from its gold) as a .txt export whose steps open with
the action noun of their verb ("Penerimaan surat masuk ..." for "Menerima surat masuk ..."),
a word order most dev SOPs do not print, keeping its gold phases; for phase alignment on the
nominal form of every family's verbs.

    .venv/bin/python benchmarks/heldout/nominal.py ../shared/corpus/dev/gold /tmp/nominal
    .venv/bin/sop-pipeline run /tmp/nominal/docs --out /tmp/nominal-run
    .venv/bin/python ../shared/tools/score.py --gold /tmp/nominal/gold --run /tmp/nominal-run

The noun is made the way Indonesian makes it from a me- verb: pe- for me- with the same nasal,
the -kan or -i suffix for -an (memberikan -> pemberian, menandatangani -> penandatanganan).
"""
from __future__ import annotations

import sys
from pathlib import Path

from actor_first import dev_references, sop_of
from make_heldout import write


def action_noun(verb: str) -> str | None:
    """pe-...-an of a me- verb, or None if the word is no me- verb."""
    word = verb.lower()
    if not word.startswith("me") or len(word) < 6:
        return None
    if word.endswith("kan"):
        word = word[:-3]
    elif word.endswith("i") and len(word) > 8 and word[-2] not in "aeos":
        word = word[:-1]  # -i suffix, not a root's own i ("meneliti", "memverifikasi")
    return "pe" + word[2:] + "an"


def nominal(activity: str, actor: str | None = None) -> str:
    first, _, rest = activity.partition(" ")
    noun = action_noun(first)
    return f"{noun.capitalize()} {rest}".strip() if noun else activity


def main(gold_dir: Path, out: Path) -> None:
    write([sop_of(reference, nominal, "_nom") for reference in dev_references(gold_dir)], out)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
