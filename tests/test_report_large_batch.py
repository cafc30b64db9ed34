"""Regression: at 100,000 SOPs the report's batch-wide queries (the SOP list, a rule's page)
ran out of DuckDB's memory limit sorting the whole batch at once; they go a window at a time."""
import pandas as pd

from pipeline.database import BatchDatabase, DatabaseSettings
from pipeline.report.data import HarmonizationView
from pipeline.report.summary import SOPS_PER_QUERY, BatchSummary
from pipeline.workflow import DATABASE_MEMORY

N_SOPS, FINDINGS_PER_SOP = 100_000, 2


def test_sop_list_and_rule_pages_of_a_batch_larger_than_the_memory_limit_holds(tmp_path):
    files = [f"berkas-{i:06d}-{'panjang-' * 6}.pdf" for i in range(N_SOPS)]
    database = BatchDatabase(tmp_path / "sop.duckdb", {name: i for i, name in enumerate(files)},
                             DatabaseSettings(memory_limit=DATABASE_MEMORY, temp_directory=tmp_path / "spill"))
    for start in range(0, N_SOPS, 5000):  # as the stages write them: a window of files at a time
        window = files[start:start + 5000]
        database.add_output("documents", pd.DataFrame({
            "source_file": window, "sop_index": 1, "status": "ok", "source_format": "pdf", "n_steps": 8,
            "sop_title": [f"Standar Operasional Prosedur Penerimaan Surat Masuk {name}" for name in window],
            "agency": "Dinas Komunikasi dan Informatika Kabupaten Contoh", "is_current": True}))
        database.add_output("findings", pd.DataFrame({
            "source_file": [name for name in window for _ in range(FINDINGS_PER_SOP)], "sop_index": 1,
            "rule": ["DURATION_MISSING", "OUTPUT_MISSING"] * (len(window) * FINDINGS_PER_SOP // 2),
            "severity": "warning", "step_no": list(range(1, FINDINGS_PER_SOP + 1)) * len(window), "uncertain": False,
            "message": "Waktu pada Mutu Baku langkah ini kosong; isi waktu penyelesaian yang baku."}))
    HarmonizationView(database)  # the groups' tables the SOP list joins
    summary = BatchSummary(database)

    sops = [sop.source_file for sop in summary.sops()]
    assert sops == files and N_SOPS > 10 * SOPS_PER_QUERY  # every SOP once, in input order
    findings = list(summary.findings_of("DURATION_MISSING"))
    assert len(findings) == N_SOPS * FINDINGS_PER_SOP // 2
    assert [f["name"] for f in findings[:3]] == files[:3]  # one an SOP, in input order
    database.close()
