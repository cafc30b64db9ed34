"""Great Expectations suites: failures become findings and Data Docs are written."""

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from pipeline.store import table_frame
from pipeline.validate.expectations import TableExpectations

FIXTURE = Path(__file__).parent / "fixtures" / "txt" / "sop_d005.txt"


def tables() -> dict:
    documents = table_frame("documents", [
        {"source_file": "a.docx", "status": "ok", "signatory_nip": "196511271988032001",
         "created_date": "2024-01-09", "n_steps": 2},
        {"source_file": "b.docx", "status": "ok", "signatory_nip": "1965 1127", "created_date": "9/1/2024",
         "n_steps": 2},
        {"source_file": "c.pdf", "status": "partial", "n_steps": 0},  # identity without a flowchart: a status
    ])
    steps = table_frame("steps", [
        {"source_file": "a.docx", "seq": 1, "step_no": 1, "activity": "Menerima surat", "symbol": "start",
         "duration_minutes": 15.0},
        {"source_file": "b.docx", "seq": 1, "step_no": 1, "activity": "Mencatat", "symbol": "blob",
         "duration_minutes": 15.0},
    ])
    return {"documents": documents, "steps": steps, "findings": table_frame("findings", [])}


def test_table_expectation_failures_become_findings_and_data_docs_are_written(tmp_path):
    found = TableExpectations(tmp_path / "docs").validate(tables())
    failed = sorted((f["source_file"], f["field"]) for f in found)
    assert failed == [("b.docx", "created_date"), ("b.docx", "signatory_nip"), ("b.docx", "symbol")]
    assert all(f["rule"] == "TABLE_EXPECTATION_FAILED" for f in found)
    assert (tmp_path / "docs" / "index.html").exists()


def test_suites_run_chunk_by_chunk_find_what_they_find_on_the_whole_tables(tmp_path):
    whole = TableExpectations(tmp_path / "whole").validate(tables())
    checks = TableExpectations(tmp_path / "chunked")
    chunked = []
    for source_file in ("a.docx", "b.docx"):
        chunk = {name: frame[frame["source_file"] == source_file] for name, frame in tables().items()}
        chunked += checks.validate(chunk)
    key = lambda f: (f["source_file"], f["field"], f["message"])  # noqa: E731
    assert sorted(chunked, key=key) == sorted(whole, key=key)


def test_a_run_with_the_suites_prints_no_gx_notes(tmp_path):
    command = [str(Path(sys.executable).parent / "sop-pipeline"), "run", str(FIXTURE), "--out", str(tmp_path)]
    run = subprocess.run(command, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert not [line for line in run.stderr.splitlines() if "great_expectations" in line]


def test_results_kept_for_the_docs_index_drop_their_failing_rows_after_the_page_is_written(tmp_path):
    checks = TableExpectations(tmp_path / "docs")
    for _ in range(2):  # two chunks
        assert len(checks.validate(tables())) == 3
    store = checks.context.validation_results_store
    kept = [store.get(key) for key in store.list_keys()]
    assert len(kept) == 4 and any(not result.success for result in kept)  # documents, steps (no findings)
    assert not any(outcome.result.get("unexpected_index_list") or outcome.result.get("unexpected_list")
                   for result in kept for outcome in result.results)
    pages = list((tmp_path / "docs" / "validations").rglob("*.html"))
    assert len(pages) == 4 and any("9/1/2024" in page.read_text(encoding="utf-8") for page in pages)


SUITES: list = []  # one set of suites for every example: setting GX up takes seconds, a run
# of the suites several (so few examples, each of several rows)


def suites(tmp_path_factory) -> TableExpectations:
    if not SUITES:
        SUITES.append(TableExpectations(tmp_path_factory.mktemp("generated")))
    return SUITES[0]


nip_texts = st.one_of(st.from_regex(r"\A\d{18}\Z"), st.from_regex(r"\A\d{8} \d{6} \d \d{3}\Z"),
                      st.from_regex(r"\A\d{6}[A-Za-z.\-]\d{4}\Z"))
date_texts = st.one_of(st.dates().map(lambda d: d.isoformat()), st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
                       st.dates().map(lambda d: d.strftime("%Y-%m")))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(nip_texts, date_texts), min_size=1, max_size=4),
       st.lists(st.tuples(st.integers(-3, 600), st.floats(0, 3 * 118800)), min_size=1, max_size=4))
def test_every_row_breaking_a_table_check_is_a_finding(tmp_path_factory, identities, steps):
    documents = table_frame("documents", [
        {"source_file": f"d{i}.docx", "status": "ok", "signatory_nip": nip, "created_date": created, "n_steps": 1}
        for i, (nip, created) in enumerate(identities)])
    step_rows = table_frame("steps", [
        {"source_file": "d0.docx", "seq": i + 1, "step_no": number, "activity": "Menerima surat", "symbol": "process",
         "duration_minutes": minutes} for i, (number, minutes) in enumerate(steps)])
    found = suites(tmp_path_factory).validate({"documents": documents, "steps": step_rows,
                                               "findings": table_frame("findings", [])})
    expected = sorted(
        [(f"d{i}.docx", "signatory_nip") for i, (nip, _) in enumerate(identities) if not nip.isdigit()]
        + [(f"d{i}.docx", "created_date") for i, (_, created) in enumerate(identities)
           if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", created)]
        + [("d0.docx", "step_no") for number, _ in steps if not 1 <= number <= 500]
        + [("d0.docx", "duration_minutes") for _, minutes in steps if minutes > 12 * 9900])
    assert sorted((f["source_file"], f["field"]) for f in found) == expected
    assert all(f["rule"] == "TABLE_EXPECTATION_FAILED" for f in found)
