"""The whole run: per-file stages, then the batch-wide stages, then the outputs; or nothing,
when the inputs and options are those the stored outputs were made from."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

from pipeline.inputs import BatchOptions, InputFile, file_keys
from pipeline.manifest import RunSummary, run_manifest, unchanged_summary


def run_pipeline(files: list[InputFile], out: Path, options: BatchOptions, expectations: bool = True,
                 on_file_done: Callable[[InputFile], None] = lambda f: None) -> RunSummary:
    normalized = out / "normalized"
    keys = file_keys(files) if options.cache else None
    manifest = run_manifest(keys, expectations, options.calendar.key) if keys is not None else None
    unchanged = unchanged_summary(normalized, manifest) if manifest is not None else None
    if unchanged is not None:
        for item in files:  # nothing changed since the last run: its outputs stand
            on_file_done(item)
        return unchanged
    # The stages are imported only now that there is work: an unchanged re-run needs none of them.
    from pipeline.batch import run_batch
    from pipeline.finish import finish_run
    from pipeline.report.writer import SCRATCH_PREFIX

    # working files left by a run that was killed
    for stale in [*normalized.glob(".spool-*"), *(out / "reports").glob(f"{SCRATCH_PREFIX}*")]:
        shutil.rmtree(stale, ignore_errors=True)
    result = run_batch(files, options, on_done=on_file_done, keys=keys, spool_directory=normalized)
    try:
        return finish_run(result, out, manifest, expectations)
    finally:
        result.spool.close()
