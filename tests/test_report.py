"""Report stage: HTML pages and workbook from hand-made normalized tables and a fake harmonization
(and a real one, whole and in pieces)."""
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import pipeline.harmonize as stage
import pipeline.report.html as report_html
import pipeline.report.workbook as workbook
from pipeline.harmonize.result import Harmonization
from pipeline.report import ReportWriter
from pipeline.report.charts import BarInput, bar_chart
from pipeline.database import BatchDatabase
from pipeline.finish import store_harmonization
from pipeline.report.labels import COLUMN_HEADINGS
from pipeline.report.swimlane import NO_ACTOR_LANE, layout_swimlane
from pipeline.store import table_frame
from test_harmonize import seed_and_small_tables

SCRIPT = '<script>alert("x")</script>'
FILE_A, FILE_B, FILE_C, FILE_FAILED = "kab-a/surat_masuk.docx", "kab-b/surat_masuk.pdf", "kab-c/surat.txt", "rusak.pdf"
ACTORS_A = ["Pengadministrasi Umum", "Kasubbag Umum", "Sekretaris"]


class BatchReport:
    """A report writer fed as a run feeds it: the harmonization's pieces stored in a batch
    database first, then each chunk's rows in its normalized tables before the chunk is added."""

    def __init__(self, reports_dir: Path, harmonization, documents: pd.DataFrame | None = None):
        """`documents`: the batch's documents rows as read, in input order, when a test needs
        them before its chunk is written (the pages of an SOP's copies)."""
        self.database = BatchDatabase(reports_dir.with_name(reports_dir.name + ".duckdb"), {})
        if documents is not None:
            self.database.add_rows("documents", documents)
        for piece in harmonization:
            store_harmonization(self.database, piece)
        self.writer = ReportWriter(reports_dir, self.database)
        self.view = self.writer.view

    def add(self, documents: pd.DataFrame, steps: pd.DataFrame, findings: pd.DataFrame) -> None:
        for name, frame in (("documents", documents), ("steps", steps), ("findings", findings)):
            self.database.add_output(name, frame)
        self.writer.add(documents, steps, findings)

    def close(self) -> list[Path]:
        paths = self.writer.close()
        self.database.close()
        return paths


def write_reports(reports_dir: Path, documents: pd.DataFrame, steps: pd.DataFrame, findings: pd.DataFrame,
                  harmonization: Harmonization) -> list[Path]:
    """The reports of a batch given whole, as one chunk."""
    writer = BatchReport(reports_dir, [harmonization])
    writer.add(documents, steps, findings)
    return writer.close()


def document(source_file, agency, actors, n_steps, **changes) -> dict:
    row = {"source_file": source_file, "source_format": source_file.rsplit(".", 1)[1], "status": "ok",
           "sop_title": "SOP Pengelolaan Surat Masuk", "agency": agency, "sop_number": "800/12/ORG/2024",
           "created_date": "2024-01-09", "created_date_text": "09 Januari 2024", "approved_by": "Sekretaris Daerah",
           "signatory_name": "Drs. H. AHMAD, M.Si", "signatory_nip": "196511271988031001",
           "signatory_rank": "Pembina Tingkat I", "legal_basis": ["UU 43/2009 tentang Kearsipan", "PP 28/2012"],
           "qualifications": ["S1"], "related_sops": [], "equipment": ["Komputer", "Buku agenda"],
           "warning": "Surat dapat hilang", "records": "Arsip", "actors": actors, "n_steps": n_steps}
    row.update(changes)
    return row


def step(source_file, seq, activity, actors, symbol, minutes, phase, **changes) -> dict:
    row = {"source_file": source_file, "seq": seq, "step_no": seq, "step_no_text": f"{seq}.", "activity": activity,
           "actors": actors, "actor": actors[0] if actors else None, "requirements": "Surat",
           "duration_text": f"{minutes:g} menit" if minutes is not None else None, "duration_minutes": minutes,
           "output": "Surat", "symbol": symbol, "phase": phase, "group_id": "g1"}
    row.update(changes)
    return row


def batch():
    """Three SOPs of one procedure by three agencies, and a file that failed."""
    documents = table_frame("documents", [
        document(FILE_A, "Sekretariat Daerah Kabupaten A", ACTORS_A, 6, sop_number="=HYPERLINK(\"http://x\")"),
        document(FILE_B, "Dinas Kesehatan Kabupaten B", ["Staf", "Kepala Dinas"], 3),
        document(FILE_C, "Dinas Pendidikan Kabupaten C", ["Staf", "Kepala Dinas"], 3, source_format="txt"),
        {"source_file": FILE_FAILED, "source_format": "pdf", "status": "failed", "error": "Berkas PDF rusak",
         "actors": [], "n_steps": 0, "legal_basis": [], "qualifications": [], "related_sops": [], "equipment": []},
    ])
    step_rows = [
        step(FILE_A, 1, "Menerima surat masuk dari kurir", ["Pengadministrasi Umum"], "start", 5, "RECEIVE",
             label="Mulai"),
        step(FILE_A, 2, SCRIPT, ["Pengadministrasi Umum"], "process", 10, "RECORD", label="Tidak",
             output="=1+1", requirements="@SUM(A1)", notes="+62 811", duration_text="-5 menit"),
        step(FILE_A, 3, "Memeriksa surat dan memberi paraf bersama", ["Kasubbag Umum", "Sekretaris"], "process",
             30, "VERIFY"),
        step(FILE_A, 4, "Apakah surat lengkap?", ["Kasubbag Umum"], "decision", 15, "VERIFY"),
        step(FILE_A, 5, "Mendisposisikan surat kepada bidang terkait", ["Sekretaris"], "process", 4500, "DISPOSE",
             label="Ya"),
        step(FILE_A, 6, "Mengarsipkan surat", [], "end", None, "FILE", label="Selesai"),
        step(FILE_B, 1, "Menerima surat", ["Staf"], "start", 10, "RECEIVE"),
        step(FILE_B, 2, "Mencatat surat di buku agenda", ["Staf"], "process", 20, "RECORD"),
        step(FILE_B, 3, "Mendisposisikan surat", ["Kepala Dinas"], "end", 60, "DISPOSE"),
        step(FILE_C, 1, "Menerima surat", ["Staf"], None, 15, "RECEIVE"),
        step(FILE_C, 2, "Mencatat surat", ["Staf"], None, 15, "RECORD"),
        step(FILE_C, 3, "Mendisposisikan surat", ["Kepala Dinas"], None, 30, "DISPOSE"),
    ]
    # `label` (the text printed on a symbol or its incoming arrow) is an optional column
    steps = table_frame("steps", step_rows).assign(label=[r.get("label") for r in step_rows])
    findings = table_frame("findings", [
        {"source_file": FILE_A, "rule": "DURATION_OUTLIER", "severity": "warning", "step_no": 5,
         "field": "duration_minutes", "message": "Langkah 5: waktu 10 hari jauh lebih lama."},
        {"source_file": FILE_A, "rule": "ACTOR_MISSING", "severity": "error", "step_no": 6, "field": None,
         "message": f"Langkah 6: tidak ada pelaksana yang ditandai. {SCRIPT}"},
        {"source_file": FILE_B, "rule": "IDENTITY_FIELD_MISSING", "severity": "warning", "step_no": None,
         "field": "warning", "message": "Identitas SOP tidak memuat Peringatan."},
        {"source_file": FILE_FAILED, "rule": "IDENTITY_FIELD_MISSING", "severity": "info", "step_no": None,
         "field": "sop_title", "message": "Tidak ada judul."},
    ])
    return documents, steps, findings, harmonization(steps)


def harmonization(steps: pd.DataFrame) -> Harmonization:
    files = [f"{name}#1" for name in (FILE_A, FILE_B, FILE_C)]
    groups = pd.DataFrame({"sop_key": files, "group_id": "g1", "group_label": "SOP Pengelolaan Surat Masuk"})
    phases = pd.DataFrame([
        {"group_id": "g1", "phase": p, "label": label, "consensus_order": i, "n_agencies": n,
         "median_minutes": median, "core": n >= 2}
        for i, (p, label, n, median) in enumerate([
            ("RECEIVE", "Menerima surat", 3, 10.0), ("RECORD", "Mencatat surat", 3, 15.0),
            ("VERIFY", "Memeriksa surat", 1, 45.0), ("DISPOSE", "Mendisposisikan surat", 3, 60.0),
            ("FILE", "Mengarsipkan surat", 1, None)], start=1)])
    matrix = (steps.groupby(["group_id", "sop_key", "phase"], sort=False)
              .agg(minutes=("duration_minutes", lambda m: m.sum(min_count=1)),
                   step_nos=("step_no", lambda s: [int(n) for n in s]),
                   actors=("actor", lambda a: [x for x in a if x]))
              .reset_index())
    matrix["peers_median"] = others_median(matrix, "minutes", ["phase"])
    audit = pd.DataFrame([
        {"sop_key": f, "group_id": "g1", "total_minutes": steps.loc[steps["sop_key"] == f, "duration_minutes"].sum(),
         "critical_path_minutes": None, "missing_phases": [], "extra_steps": [3, 4] if f == f"{FILE_A}#1" else [],
         "order_differences": 0, "actor_differences": []} for f in files])
    audit["peers_median"] = others_median(audit, "total_minutes", ["group_id"])
    return Harmonization(steps=steps, groups=groups, phases=phases, matrix=matrix, audit=audit)


def others_median(frame: pd.DataFrame, column: str, by: list[str]) -> list[float | None]:
    """Per row, the median of `column` over the other files' rows with the same `by` (each file
    its own agency here), as harmonization gives it."""
    medians = []
    for _, row in frame.iterrows():
        same = (frame[by] == row[by]).all(axis=1) & (frame["sop_key"] != row["sop_key"])
        values = frame.loc[same, column].dropna()
        medians.append(float(values.median()) if len(values) else None)
    return medians


@pytest.fixture
def written(tmp_path):
    paths = write_reports(tmp_path / "reports", *batch())
    return tmp_path / "reports", paths


def page_of(reports: Path, source_file: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", source_file.lower())
    return next((reports / "sop").glob(f"*-{slug}.html")).read_text(encoding="utf-8")


class ScriptCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"


def script_elements(html: str) -> int:
    parser = ScriptCounter()
    parser.feed(html)
    return parser.scripts


def test_writes_index_a_page_per_sop_and_the_workbook(written):
    reports, paths = written
    assert paths[0] == reports / "index.html"
    assert paths[-1] == reports / "sop-report.xlsx"
    assert len(list((reports / "sop").glob("*.html"))) == 4
    assert all(p.exists() for p in paths)
    index = paths[0].read_text(encoding="utf-8")
    for page in (reports / "sop").glob("*.html"):
        assert f'href="sop/{page.name}"' in index
    assert sorted(p.name for p in reports.iterdir()) == ["acuan", "index.html", "kelompok", "sop", "sop-report.xlsx", "temuan"]  # no working files


def test_pages_are_self_contained(written):
    _, paths = written
    for page in paths[:-1]:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<link|\bsrc=|@import|url\(\s*['\"]?(https?:|//)", html), page
        links = re.findall(r'\bhref="([^"]*)"', html)
        assert links and not [link for link in links if re.match(r"[a-z]+:|//", link)], page


def test_sop_text_is_escaped_in_tables_and_svg(written):
    reports, paths = written
    for page in paths[:-1]:
        html = page.read_text(encoding="utf-8")
        assert SCRIPT not in html
        assert script_elements(html) == 1  # the report's own inline script only
    page = page_of(reports, FILE_A)
    svg = page[page.index('<svg class="swimlane"'):]
    svg = svg[: svg.index("</svg>")]
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in svg


def test_index_summarises_the_batch(written):
    _, paths = written
    html = paths[0].read_text(encoding="utf-8")
    assert "Berkas PDF rusak" in html  # the failure with its error
    assert re.search(r"<code>IDENTITY_FIELD_MISSING</code>.*?<b>2</b>", html, re.S)  # by rule, all severities
    assert "SOP Pengelolaan Surat Masuk" in html


def group_page(reports: Path) -> str:
    """The page of the batch's one procedure group."""
    (page,) = (reports / "kelompok").glob("*.html")
    return page.read_text(encoding="utf-8")


def test_matrix_highlights_a_core_phase_an_sop_lacks(written):
    reports, paths = written
    html = group_page(reports)
    matrix = html[html.index('<table class="matrix">'): html.index("</table>", html.index('<table class="matrix">'))]
    rows = {re.search(r'href="\.\./sop/[^"]+">([^<]+)</a>', r).group(1): r for r in matrix.split("<tr>")[2:]
            if "href" in r}
    assert len(rows) == 3
    assert 'class="gap"' not in rows[FILE_A]
    # FILE_B has no VERIFY step: VERIFY is done by one agency only, so not a gap
    assert 'class="absent"' in rows[FILE_B]
    assert 'class="far"' in rows[FILE_A]  # DISPOSE 10 days against 30 and 60 minutes


def test_gap_cell_for_a_missing_core_phase(tmp_path):
    documents, steps, findings, harmonized = batch()
    harmonized.matrix = harmonized.matrix[~((harmonized.matrix["sop_key"] == f"{FILE_C}#1")
                                            & (harmonized.matrix["phase"] == "RECORD"))]
    write_reports(tmp_path, documents, steps, findings, harmonized)
    row = next(r for r in group_page(tmp_path).split("<tr>") if f">{FILE_C}</a>" in r and 'class="doc"' in r)
    assert '<td class="gap" title="Fase inti yang tidak ada di SOP ini">tidak ada</td>' in row


def test_swimlane_draws_each_step_in_its_actors_lanes():
    documents, steps, _, _ = batch()
    rows = steps[steps["source_file"] == FILE_A].to_dict("records")
    drawing = layout_swimlane(ACTORS_A, rows, {6: "error"})
    assert [lane.name for lane in drawing.lanes] == [*ACTORS_A, NO_ACTOR_LANE]
    assert [[s.lane for s in r.symbols] for r in drawing.rows] == [[0], [0], [1, 2], [1], [2], [3]]
    assert [r.symbols[0].kind for r in drawing.rows] == ["terminator", "process", "process", "decision",
                                                          "process", "terminator"]
    assert drawing.rows[5].severity == "error"
    consecutive = [a for a in drawing.arrows if not a.branch]
    assert len(consecutive) == 5
    assert consecutive[3].label == "Ya"  # decision 4 -> step 5, printed "Ya"
    loops = [a for a in drawing.arrows if a.branch]
    assert [(a.label, a.points[0][1] > a.points[-1][1]) for a in loops] == [("Tidak", True)]  # back to step 2


def test_swimlane_svg_shapes(written):
    reports, _ = written
    page = page_of(reports, FILE_A)
    svg = page[page.index('<svg class="swimlane"'): page.index("</svg>", page.index('<svg class="swimlane"'))]
    assert svg.count('class="symbol terminator"') == 2 and 'rx="15"' in svg
    assert svg.count("<polygon class=\"symbol decision\"") == 1
    assert svg.count('class="symbol process"') == 4  # step 3 in two lanes
    assert svg.count("<polyline") == 6
    assert ">Ya</text>" in svg and ">Tidak</text>" in svg
    assert ">4500 menit<" in svg and ">10 hari<" in svg  # time beside the step, and in working days
    assert svg.count(">5 menit<") == 1  # not repeated when the printed time reads the same
    assert 'class="symbol process unmarked"' in page_of(reports, FILE_C)  # symbols lost in a text export


def columns_of(sheet) -> list[str]:
    """A workbook sheet's header as table column names (the sheet shows them in Indonesian)."""
    names = {heading: column for column, heading in COLUMN_HEADINGS.items()}
    return [names.get(c.value, c.value) for c in sheet[1]]


def test_workbook_sheets_filters_and_lists(written):
    reports, _ = written
    book = load_workbook(reports / "sop-report.xlsx")
    assert book.sheetnames == ["ringkasan", "documents", "steps", "findings", "harmonisasi", "audit"]
    assert [c.value for c in book["documents"][1]][:4] == ["Halaman laporan", "Berkas", "SOP ke-", "Kunci SOP"]
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
        assert all(8 <= sheet.column_dimensions[c[0].column_letter].width <= 60 for c in sheet.iter_cols())
    documents = book["documents"]
    header = columns_of(documents)
    legal = documents.cell(2, header.index("legal_basis") + 1).value
    assert legal == "UU 43/2009 tentang Kearsipan; PP 28/2012"
    matrix = book["harmonisasi"]
    header = columns_of(matrix)
    statuses = [row[header.index("status")] for row in matrix.iter_rows(min_row=2, values_only=True)]
    assert len(statuses) == 3 * 5 and statuses.count("tidak ada") == 4


def test_workbook_audit_sheet_has_each_sop_with_its_group_agency_title_and_peers(written):
    reports, _ = written
    audit = load_workbook(reports / "sop-report.xlsx")["audit"]
    header = columns_of(audit)
    rows = {row[0]: dict(zip(header, row)) for row in audit.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {FILE_A, FILE_B, FILE_C}
    totals = {f: rows[f]["total_minutes"] for f in rows}
    assert rows[FILE_A]["peers_median_total_minutes"] == (totals[FILE_B] + totals[FILE_C]) / 2
    assert (rows[FILE_A]["group_label"], rows[FILE_A]["agency"], rows[FILE_A]["sop_title"]) == (
        "SOP Pengelolaan Surat Masuk", "Sekretariat Daerah Kabupaten A", "SOP Pengelolaan Surat Masuk")
    assert rows[FILE_A]["extra_steps"] == "3; 4" and rows[FILE_B]["extra_steps"] is None


def test_workbook_never_runs_sop_text_as_formulas(written):
    reports, _ = written
    with zipfile.ZipFile(reports / "sop-report.xlsx") as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):  # the only formulas: links to the report's own pages
                formulas = re.findall(rb"<f>(.*?)</f>", archive.read(name))
                assert all(re.fullmatch(rb'HYPERLINK\((&quot;|")(sop/[^&"]+|index\.html)(&quot;|"),(&quot;|")buka[^&"]*(&quot;|")\)', f)
                           for f in formulas), formulas
    book = load_workbook(reports / "sop-report.xlsx")
    cells = {c.value: c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str)}
    for value in ('=HYPERLINK("http://x")', "=1+1", "@SUM(A1)", "+62 811", "-5 menit"):
        assert cells[value].data_type == "s" and cells[value].quotePrefix, value


def test_a_batch_where_every_file_failed(tmp_path):
    documents = table_frame("documents", [
        {"source_file": "a.pdf", "source_format": "pdf", "status": "failed", "error": "Berkas terenkripsi",
         "actors": [], "n_steps": 0}])
    empty = Harmonization(steps=pd.DataFrame(), groups=pd.DataFrame(), phases=pd.DataFrame(),
                          matrix=pd.DataFrame(), audit=pd.DataFrame())
    paths = write_reports(tmp_path, documents, table_frame("steps", []), table_frame("findings", []), empty)
    index = paths[0].read_text(encoding="utf-8")
    assert "Berkas terenkripsi" in index and "Tidak ada kelompok prosedur" in index
    assert load_workbook(paths[-1])["harmonisasi"].max_row == 1


def test_an_empty_batch(tmp_path):
    empty = Harmonization(*(pd.DataFrame() for _ in range(5)))
    paths = write_reports(tmp_path, pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), empty)
    assert [p.name for p in paths] == ["index.html", "sop-report.xlsx"]
    assert "Tidak ada berkas" in paths[0].read_text(encoding="utf-8")
    streamed = BatchReport(tmp_path / "streamed", []).close()  # no piece and no chunk at all
    assert workbook_contents(streamed[-1]) == workbook_contents(paths[-1])


def test_missing_optional_columns(tmp_path):
    documents = pd.DataFrame({"source_file": ["a.txt"], "status": ["ok"], "actors": [["Staf"]]})
    steps = pd.DataFrame({"source_file": ["a.txt", "a.txt"], "seq": [1, 2], "activity": ["Menerima", "Mencatat"],
                          "actors": [["Staf"], ["Staf"]]})
    findings = pd.DataFrame({"source_file": ["a.txt"], "rule": ["OUTPUT_MISSING"], "severity": ["warning"],
                             "message": ["Output tidak diisi."]})
    empty = Harmonization(*(pd.DataFrame() for _ in range(5)))
    paths = write_reports(tmp_path, documents, steps, findings, empty)
    page = (tmp_path / "sop").glob("*.html").__next__().read_text(encoding="utf-8")
    assert "Mencatat" in page and "Output tidak diisi." in page and '<svg class="swimlane"' in page
    assert load_workbook(paths[-1])["steps"].max_row == 3


def test_sop_rows_show_the_medians_harmonization_compared_them_with(tmp_path):
    documents, steps, findings, harmonized = batch()
    report = BatchReport(tmp_path / "reports", [harmonized])
    report.add(documents, steps, findings)
    view = report.view
    member = {m.name: m for m in view.group(view.groups_of([f"{FILE_A}#1"])[f"{FILE_A}#1"]).members()}[FILE_A]
    assert member.matrix["RECEIVE"]["peers_median"] == 12.5  # median of B (10) and C (15)
    assert member.audit["peers_median"] == harmonized.audit.set_index("sop_key").loc[f"{FILE_A}#1", "peers_median"]


def test_stale_sop_pages_are_removed(tmp_path):
    write_reports(tmp_path, *batch())
    documents, steps, findings, harmonized = batch()
    write_reports(tmp_path, documents[documents["source_file"] != FILE_FAILED], steps, findings, harmonized)
    assert len(list((tmp_path / "sop").glob("*.html"))) == 3


def test_a_procedure_only_one_sop_follows_is_listed_not_charted(tmp_path):
    documents, steps, findings, harmonized = batch()
    harmonized.groups = harmonized.groups[harmonized.groups["sop_key"] == f"{FILE_A}#1"]
    harmonized.matrix = harmonized.matrix[harmonized.matrix["sop_key"] == f"{FILE_A}#1"]
    harmonized.audit = harmonized.audit[harmonized.audit["sop_key"] == f"{FILE_A}#1"]
    index = write_reports(tmp_path, documents, steps, findings, harmonized)[0].read_text(encoding="utf-8")
    assert '<table class="matrix">' not in index and "SOP tanpa pembanding" in index
    assert "Belum ada SOP lain" in page_of(tmp_path, FILE_A)


def write_in_chunks(reports: Path, chunks: list[list[str]], documents: pd.DataFrame, steps: pd.DataFrame,
                    findings: pd.DataFrame, harmonized: Harmonization) -> list[Path]:
    """Each chunk: the rows of the files it names, of every table."""
    writer = BatchReport(reports, [harmonized])
    for files in chunks:
        writer.add(*(frame[frame["source_file"].isin(files)] for frame in (documents, steps, findings)))
    return writer.close()


def without_timestamp(page: Path) -> str:
    return re.sub(r'<p class="generated">[^<]*</p>', "", page.read_text(encoding="utf-8"))


def workbook_contents(path: Path) -> dict:
    book = load_workbook(path)
    return {sheet.title: {"rows": list(sheet.iter_rows(values_only=True)), "freeze": sheet.freeze_panes,
                          "filter": sheet.auto_filter.ref,
                          "widths": {letter: d.width for letter, d in sheet.column_dimensions.items()}}
            for sheet in book.worksheets}


# A sheet measures its column widths on its first `sample_rows` rows, then streams: with 4, the
# documents sheet waits for the last chunk (the failure's error widens a column) while the steps
# sheet streams from the first; with 2, every sheet streams from the first chunk.
@pytest.mark.parametrize(("chunks", "sample_rows"), [([[FILE_A], [FILE_B], [FILE_C], [FILE_FAILED]], 4),
                                                     ([[FILE_A, FILE_B], [FILE_C, FILE_FAILED]], 2)])
def test_chunks_write_the_same_reports_as_one_chunk(tmp_path, monkeypatch, chunks, sample_rows):
    monkeypatch.setattr("pipeline.report.workbook.WIDTH_SAMPLE_ROWS", sample_rows)
    whole_dir, chunked_dir = tmp_path / "whole", tmp_path / "chunked"
    whole = write_reports(whole_dir, *batch())
    documents, steps, findings, harmonized = batch()
    harmonized.steps = steps[["sop_key"]]  # the writer reads the chunks' steps, never these
    chunked = write_in_chunks(chunked_dir, chunks, documents, steps, findings, harmonized)
    assert [p.relative_to(chunked_dir) for p in chunked] == [p.relative_to(whole_dir) for p in whole]
    for one, streamed in zip(whole[:-1], chunked[:-1]):  # index.html and the SOP pages
        assert without_timestamp(streamed) == without_timestamp(one), streamed.name
    assert workbook_contents(chunked[-1]) == workbook_contents(whole[-1])


def test_findings_arriving_with_their_chunk_show_on_the_page_and_in_the_index(tmp_path):
    documents, steps, findings, harmonized = batch()
    outlier = {"source_file": FILE_C, "rule": "DURATION_OUTLIER", "severity": "warning", "step_no": 3,
               "field": "duration_minutes", "message": "Langkah 3: waktu jauh lebih singkat."}
    findings = pd.concat([findings, table_frame("findings", [outlier])], ignore_index=True)
    index = write_in_chunks(tmp_path, [[FILE_A], [FILE_B, FILE_C], [FILE_FAILED]], documents, steps, findings,
                            harmonized)[0].read_text(encoding="utf-8")
    assert "Langkah 3: waktu jauh lebih singkat." in page_of(tmp_path, FILE_C)
    cards = {name: int(value) for value, name in
             re.findall(r'<div class="value">(\d+)</div><div class="name">([a-z ]+)</div>', index)}
    assert cards["temuan"] == 5
    row_c = next(r for r in index.split("<tr>") if f"<td>{FILE_C}</td>" in r)
    assert re.findall(r'<td class="num">(\d*)</td>', row_c) == ["3", "", "1", ""]  # steps; error, warning, info
    rule = re.search(r"<code>DURATION_OUTLIER</code>.*?</tr>", index, re.S).group(0)
    assert re.findall(r'<td class="num">(?:<b>)?(\d*)', rule) == ["", "2", "", "2", "2"]  # 2 findings, 2 SOPs


def test_chart_bars_and_the_peers_median():
    chart = bar_chart([BarInput("a", 4500, 45), BarInput("b", 30, 45), BarInput("c", None, 45, absent=True)])
    a, b, c = list(chart.rows)
    assert [a.far, b.far, c.far] == [True, False, False]  # 100 times the median; 0.7 times
    assert a.bar_width > b.bar_width > c.bar_width == 0 and a.marker_x == b.marker_x
    assert c.value_text == "tidak ada (median lain 45 menit)"
    assert [g.label for g in chart.gridlines] == ["1 menit", "1 jam", "1 hari", "1 minggu", "1 bulan"]
    assert bar_chart([BarInput("a", None, None)]) is None


def test_harmonization_given_in_pieces_writes_the_reports_it_writes_whole(tmp_path, monkeypatch):
    """The run hands the report its harmonization a few groups at a time."""
    documents, steps = (frame.assign(sop_key=frame["sop_key"] + "#1") for frame in seed_and_small_tables())
    whole = stage.harmonize(documents, steps)
    monkeypatch.setattr(stage, "DOCUMENTS_PER_BATCH", 2)
    pieces = stage.harmonize_in_batches(documents, stage.FrameSteps(steps))
    outputs = {}
    for name, harmonization in (("whole", [whole]), ("pieces", pieces)):
        writer = BatchReport(tmp_path / name, harmonization)
        writer.add(documents, whole.steps, pd.DataFrame())
        outputs[name] = writer.close()
    assert [p.name for p in outputs["whole"]] == [p.name for p in outputs["pieces"]]
    for whole_path, pieces_path in zip(outputs["whole"], outputs["pieces"]):
        if whole_path.suffix == ".html":
            assert without_timestamp(pieces_path) == without_timestamp(whole_path), whole_path.name
    assert workbook_contents(outputs["pieces"][-1]) == workbook_contents(outputs["whole"][-1])
    assert "harmonisasi" in workbook_contents(outputs["whole"][-1])


def test_a_group_written_in_parts_fills_the_workbook_as_whole(tmp_path, monkeypatch):
    """A group's harmonization and audit rows go to the workbook some SOPs at a time."""
    documents, steps, findings, harmonized = batch()
    whole = write_reports(tmp_path / "whole", documents, steps, findings, harmonized)[-1]
    monkeypatch.setattr(workbook, "MEMBERS_PER_PART", 1)
    parts = write_reports(tmp_path / "parts", documents, steps, findings, harmonized)[-1]
    assert workbook_contents(parts) == workbook_contents(whole)
    assert len(workbook_contents(whole)["audit"]["rows"]) == 1 + 3  # header, the three SOPs of the group


def test_a_group_too_large_to_chart_keeps_its_matrix_and_audit_without_charts(tmp_path, monkeypatch):
    monkeypatch.setattr(report_html, "MAX_CHARTED_SOPS", 2)  # the group has three SOPs
    write_reports(tmp_path, *batch())
    page = group_page(tmp_path)
    assert 'class="chart"' not in page and "Grafik hanya digambar untuk kelompok sampai 2 SOP" in page
    assert 'id="compare"' not in page  # nor the side-by-side comparison, which holds every SOP
    matrix = re.search(r'<table class="matrix">.*?</table>', page, re.S).group(0)
    assert all(f">{name}</a>" in matrix for name in (FILE_A, FILE_B, FILE_C))
    monkeypatch.setattr(report_html, "MAX_CHARTED_SOPS", 3)
    write_reports(tmp_path, *batch())
    assert 'class="chart"' in group_page(tmp_path)


def test_a_partial_sop_and_an_uncertain_finding_are_shown_as_such(tmp_path):
    """An SOP read without its flowchart is 'sebagian', not failed; a finding that rests on an
    uncertain reading says to check it before it goes to the agency."""
    documents = table_frame("documents", [
        document("narasi.pdf", "Dinas A", [], 2, status="partial", error="Identitas SOP terbaca, tetapi tabel "
                 "diagram alir (flowchart) tidak ditemukan."),
        document("scan.pdf", "Dinas B", ["Staf"], 1, source_format="scan_pdf")])
    steps = table_frame("steps", [step("narasi.pdf", 1, "Menerima berkas", [], None, None, None),
                                  step("narasi.pdf", 2, "Memeriksa berkas", [], None, None, None),
                                  step("scan.pdf", 1, "Menerima berkas", ["Staf"], "start", 10, None)])
    findings = table_frame("findings", [
        {"source_file": "narasi.pdf", "rule": "FLOWCHART_MISSING", "severity": "warning", "message": "Tidak ada diagram alir."},
        {"source_file": "scan.pdf", "rule": "DATE_INVALID", "severity": "warning", "field": "created_date",
         "message": "Tanggal Pembuatan terbaca \"5 Aawtuc 2024\".", "uncertain": True}])
    empty = Harmonization(*(pd.DataFrame() for _ in range(5)))
    index = write_reports(tmp_path, documents, steps, findings, empty)[0].read_text(encoding="utf-8")
    assert re.search(r'<div class="value">1</div><div class="name">sebagian</div>', index)
    assert re.search(r'<div class="value">0</div><div class="name">gagal</div>', index)
    partial = page_of(tmp_path, "narasi.pdf")
    assert "sebagian (tanpa diagram alir)" in partial and "Terbaca sebagian:" in partial
    assert "Diagram alir tidak ada" in partial
    scanned = page_of(tmp_path, "scan.pdf")
    assert scanned.count("perlu dicek") == 1 and "perlu dicek" not in partial


def test_an_sop_page_says_when_its_peers_are_too_few_to_judge_its_times(written):
    """Three agencies in the group: each has two others, fewer than an outlier needs."""
    reports, _ = written
    assert "Pembanding terlalu sedikit" in page_of(reports, FILE_A)


def cell_png(text_to_draw: str) -> bytes:
    """A small PNG of a cell, as the scan backend crops it."""
    import io

    from PIL import Image, ImageDraw
    image = Image.new("L", (160, 40), 255)
    ImageDraw.Draw(image).text((5, 12), text_to_draw, fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def scanned_batch():
    """A scanned SOP whose handwritten date and one Waktu cell were read with low confidence."""
    import base64
    import json

    def encoded(png: bytes) -> str:
        return json.dumps({key: base64.b64encode(png).decode() for key, png in png.items()})
    documents = table_frame("documents", [document(
        "scan.pdf", "Dinas B", ["Staf"], 2, source_format="scan_pdf", created_date=None,
        created_date_text="5 Aawtuc 2024", uncertain_fields=["created_date"],
        evidence=encoded({"created_date": cell_png("5 Agustus 2024"), "warning": cell_png("not uncertain")}))])
    steps = table_frame("steps", [
        step("scan.pdf", 1, "Menerima berkas", ["Staf"], "start", 450, None, duration_text="1 han",
             uncertain_fields=["duration_text"], evidence=encoded({"duration_text": cell_png("1 hari")})),
        step("scan.pdf", 2, "Memeriksa berkas", ["Staf"], "end", 30, None)])
    return documents, steps


def test_uncertain_values_are_shown_beside_the_image_of_their_cell(tmp_path):
    documents, steps = scanned_batch()
    empty = Harmonization(*(pd.DataFrame() for _ in range(5)))
    write_reports(tmp_path, documents, steps, table_frame("findings", []), empty)
    page = page_of(tmp_path, "scan.pdf")
    images = re.findall(r'<img[^>]* src="(bukti/[0-9a-f]{16}\.png)"', page)
    assert len(images) == 2  # the date and the Waktu cell; a field read with confidence shows none
    for image in images:
        assert (tmp_path / "sop" / image).read_bytes().startswith(b"\x89PNG")
    assert "Bacaan yang perlu dicek" in page and "5 Aawtuc 2024" in page
    row = re.search(r"<tr><td class=\"num\">1.*?</tr>", page, re.S).group(0)
    assert "uncertain-cell" in row and "perlu dicek" in row


def test_images_of_an_earlier_run_no_page_shows_are_removed(tmp_path):
    documents, steps = scanned_batch()
    empty = Harmonization(*(pd.DataFrame() for _ in range(5)))
    write_reports(tmp_path, documents, steps, table_frame("findings", []), empty)
    assert len(list((tmp_path / "sop" / "bukti").glob("*.png"))) == 2
    write_reports(tmp_path, documents.assign(uncertain_fields=[[]]), steps.assign(uncertain_fields=[[], []]),
                  table_frame("findings", []), empty)
    assert not list((tmp_path / "sop" / "bukti").glob("*.png"))


def test_workbook_sheets_name_each_rows_sop_and_hold_no_cell_images(tmp_path):
    documents, steps = scanned_batch()
    empty = Harmonization(*(pd.DataFrame() for _ in range(5)))
    finding = {"source_file": "scan.pdf", "rule": "DATE_INVALID", "severity": "warning", "message": "?"}
    book = workbook_contents(write_reports(tmp_path, documents, steps, table_frame("findings", [finding]), empty)[-1])
    for sheet in ("steps", "findings"):
        header, *rows = book[sheet]["rows"]
        assert header[header.index("Kunci SOP") + 1: header.index("Kunci SOP") + 3] == ("Instansi", "Nama SOP")
        assert {(row[header.index("Instansi")], row[header.index("Nama SOP")]) for row in rows} == {
            ("Dinas B", "SOP Pengelolaan Surat Masuk")}
    assert all("evidence" not in book[sheet]["rows"][0] for sheet in ("documents", "steps", "findings"))


def test_a_reference_sop_per_group_of_three_agencies_reads_back_to_its_steps(tmp_path):
    """SOP acuan: the consensus of the group (its core phases, usual actors, median times, usual
    outputs) as a Word SOP that the pipeline reads back to the same steps, actors and times."""
    from pipeline.extract import extract
    from pipeline.normalize.durations import parse_duration

    documents, steps, findings, harmonized = batch()
    harmonized.matrix["outputs"] = [["Surat"]] * len(harmonized.matrix)
    write_reports(tmp_path, documents, steps, findings, harmonized)
    written = list((tmp_path / "acuan").glob("*.docx"))
    assert len(written) == 1
    sop = extract(written[0])[0]
    assert sop.has_flowchart and sop.identity.sop_title == "SOP Pengelolaan Surat Masuk"
    core = harmonized.phases[harmonized.phases["core"]].sort_values("consensus_order")
    assert [s.activity for s in sop.steps] == core["label"].tolist()
    assert [s.actors for s in sop.steps] == [["Staf"], ["Staf"], ["Kepala Dinas"]]
    assert [parse_duration(s.duration_text).minutes for s in sop.steps] == core["median_minutes"].tolist()
    assert [s.symbol for s in sop.steps] == ["start", "process", "end"] and {s.output for s in sop.steps} == {"Surat"}


def test_no_reference_sop_for_a_group_of_fewer_than_three_agencies(tmp_path):
    documents, steps, findings, harmonized = batch()
    two = f"{FILE_C}#1"
    for name in ("groups", "matrix", "audit"):
        frame = getattr(harmonized, name)
        setattr(harmonized, name, frame[frame["sop_key"] != two])
    write_reports(tmp_path, documents, steps, findings, harmonized)
    assert not list((tmp_path / "acuan").glob("*.docx"))


def test_the_audit_ranks_by_times_the_other_agencies_median_and_tables_sort(written):
    reports, _ = written
    page = group_page(reports)
    audit = re.search(r'<h2>Audit waktu</h2>.*?</table>', page, re.S).group(0)
    assert '<table class="sortable">' in audit and "× median" in audit
    row_b = next(r for r in audit.split("<tr>") if f">{FILE_B}</a>" in r)
    times = re.search(r'<td class="num" data-sort="([\d.]+)">([\d,]+)×</td>', row_b)
    assert float(times.group(1)) == round(90 / 2295, 3) and times.group(2) == "0,04"  # 1,5 jam against 5,1 hari


def test_a_rule_count_opens_the_list_of_its_findings_across_the_batch(written):
    reports, paths = written
    index = paths[0].read_text(encoding="utf-8")
    link = re.search(r'<a href="(temuan/[^"]+)"><code>IDENTITY_FIELD_MISSING</code></a>', index).group(1)
    page = (reports / link).read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-severity="(\w+)">.*?</tr>', page, re.S)
    assert len(rows) == 2  # FILE_B's and the failed file's
    assert "Dinas Kesehatan Kabupaten B" in page and "Identitas SOP tidak memuat Peringatan." in page


def test_workbook_dates_are_dates_times_read_in_hours_or_days_and_a_summary_comes_first(written):
    import datetime

    reports, _ = written
    book = load_workbook(reports / "sop-report.xlsx")
    documents, steps = book["documents"], book["steps"]
    created = documents.cell(2, columns_of(documents).index("created_date") + 1)
    assert created.value == datetime.datetime(2024, 1, 9) and created.is_date
    times = [row[columns_of(steps).index("working_time")] for row in steps.iter_rows(min_row=2, values_only=True)]
    assert "10 hari" in times and "5 menit" in times
    summary = {row[0]: row[1] for row in book["ringkasan"].iter_rows(values_only=True)}
    assert summary["SOP"] == 4 and summary["Gagal"] == 1 and summary["Kelompok prosedur"] == 1


def test_the_index_counts_each_sop_once_and_marks_its_copies(tmp_path):
    documents, steps, findings, harmonized = batch()
    documents["sop_id"] = ["SOP-a", "SOP-b", "SOP-a", None]  # FILE_C read as a copy of FILE_A's SOP
    documents["is_current"] = [True, True, False, False]
    index = write_reports(tmp_path, documents, steps, findings, harmonized)[0].read_text(encoding="utf-8")
    assert re.search(r'<div class="value">4</div><div class="name">SOP dibaca</div>', index)
    assert re.search(r'<div class="value">2</div><div class="name">SOP berbeda</div>', index)
    row_c = next(r for r in index.split("<tr>") if f"<td>{FILE_C}</td>" in r)
    assert ">salinan</span>" in row_c
    assert sum(">salinan</span>" in r for r in index.split("<tr>")) == 1  # not the failed file
