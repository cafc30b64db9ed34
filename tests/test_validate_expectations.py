"""Great Expectations suites: failures become findings and Data Docs are written."""

from pipeline.store import table_frame
from pipeline.validate.expectations import run_expectations


def test_table_expectation_failures_become_findings_and_data_docs_are_written(tmp_path):
    documents = table_frame("documents", [
        {"source_file": "a.docx", "status": "ok", "signatory_nip": "196511271988032001",
         "created_date": "2024-01-09", "n_steps": 2},
        {"source_file": "b.docx", "status": "ok", "signatory_nip": "1965 1127", "created_date": "9/1/2024",
         "n_steps": 2},
    ])
    steps = table_frame("steps", [
        {"source_file": "a.docx", "seq": 1, "step_no": 1, "activity": "Menerima surat", "symbol": "start",
         "duration_minutes": 15.0},
        {"source_file": "b.docx", "seq": 1, "step_no": 1, "activity": "Mencatat", "symbol": "blob",
         "duration_minutes": 15.0},
    ])
    findings = table_frame("findings", [])
    found = run_expectations({"documents": documents, "steps": steps, "findings": findings}, tmp_path / "docs")
    failed = sorted((f["source_file"], f["field"]) for f in found)
    assert failed == [("b.docx", "created_date"), ("b.docx", "signatory_nip"), ("b.docx", "symbol")]
    assert all(f["rule"] == "TABLE_EXPECTATION_FAILED" for f in found)
    assert (tmp_path / "docs" / "index.html").exists()
