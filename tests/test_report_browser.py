"""The HTML report in headless Chromium: pages load offline, their script runs without a console
error, they render, and what a person sees at a laptop's and a desktop's width (1,024 and 1,400
px) holds: the page never scrolls sideways, the matrix's Total column stays in view.
Screenshots of every kind of page at both widths are kept in ARTIFACTS for a look by eye."""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from test_report import FILE_A, batch, write_reports

CHROMIUM = shutil.which("chromium")
# where the screenshots are kept (SOP_TEST_ARTIFACTS, else tests/artifacts/browser)
ARTIFACTS = Path(os.environ.get("SOP_TEST_ARTIFACTS", Path(__file__).parent / "artifacts")) / "browser"
WIDTHS = [1024, 1400]
# Measured in the page after its script ran, into the body's data-measure attribute: how far the
# page scrolls sideways, and where the matrix's Total column (header and cells) lies in the window.
MEASURE = """<script>
(() => {
  const total = [...document.querySelectorAll("table.matrix tr > :last-child")].filter(c => c.closest("thead"));
  const box = element => { const r = element.getBoundingClientRect(); return [r.left, r.right]; };
  document.body.setAttribute("data-measure", JSON.stringify({
    width: window.innerWidth, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    total: total.map(box),
    total_text: total.map(cell => cell.textContent.trim()),
    copies: [...document.querySelectorAll("#copies tr")].map(box),
  }));
})();
</script>"""

pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="chromium not installed (Debian: apt-get install -y chromium)")


def chromium(page: Path, profile: Path, *arguments: str) -> subprocess.CompletedProcess:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--window-size=1400,2000",
               *arguments, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def console_messages(stderr: str) -> list[str]:
    """What the page wrote to the console, uncaught JS errors included ("...:CONSOLE:12] ...")."""
    return [line for line in stderr.splitlines() if re.search(r":CONSOLE(\(\d+\)|:\d+)\]", line)]


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("browser") / "reports"
    write_reports(directory, *batch())
    return directory


@pytest.mark.parametrize("name", ["index", "sop"])
def test_page_runs_its_script_without_console_errors(reports, tmp_path, name):
    page = reports / "index.html" if name == "index" else next((reports / "sop").glob("001-*.html"))
    result = chromium(page, tmp_path / "profile", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_messages(result.stderr) == []
    assert 'data-ready="1"' in result.stdout  # the report's script ran to its end
    assert result.stdout.count("<script") == 1  # no SOP text became a script element
    if name == "sop":
        assert "<svg class=\"swimlane\"" in result.stdout and FILE_A in result.stdout


PAGES = {"index": "index.html", "sop": "sop/001-*.html", "group": "kelompok/*.html", "rule": "temuan/*.html"}


def page_of(reports: Path, name: str) -> Path:
    return sorted(reports.glob(PAGES[name]))[0]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_to_a_screenshot_at_each_width(reports, tmp_path, name, width):
    screenshot = tmp_path / f"{name}-{width}.png"
    result = chromium(page_of(reports, name), tmp_path / "profile", f"--screenshot={screenshot}",
                      f"--window-size={width},1400")
    assert console_messages(result.stderr) == []
    assert screenshot.exists() and screenshot.stat().st_size > 20_000, result.stderr[-2000:]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(screenshot, ARTIFACTS / f"{name}-{width}.png")


def measured(page: Path, width: int, profile: Path) -> dict:
    """The page's measurements (MEASURE) at a window `width` wide: a copy of the page beside it
    (its links and images resolve the same) with the measuring script after its own."""
    probe = page.with_name(f"_probe-{page.name}")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    try:
        result = chromium(probe, profile, "--dump-dom", f"--window-size={width},1400")
    finally:
        probe.unlink()
    assert console_messages(result.stderr) == []
    found = re.search(r'data-measure="([^"]*)"', result.stdout)
    assert found, result.stderr[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_scrolls_sideways(reports, tmp_path, name, width):
    """Wide tables and drawings scroll inside their own box; the page itself fits the window."""
    measure = measured(page_of(reports, name), width, tmp_path / "profile")
    assert measure["width"] == width and measure["overflow"] <= 0, measure


@pytest.mark.parametrize("width", WIDTHS)
def test_the_matrix_total_column_is_in_view(reports, tmp_path, width):
    """However many phases the matrix has, its Total column is seen without scrolling it."""
    measure = measured(page_of(reports, "group"), width, tmp_path / "profile")
    assert measure["total_text"] == ["Total"]
    (left, right), = measure["total"]
    assert 0 <= left < right <= width, measure


def test_a_matrix_of_many_phases_keeps_its_total_column_in_view(reports, tmp_path):
    """A group of 14 phases is wider than a laptop's window: the matrix scrolls in its box and
    its Total column stays at the box's right edge."""
    page = page_of(reports, "group")
    html = page.read_text(encoding="utf-8")
    head = re.search(r'<th class="phase".*?</th>', html, re.S).group(0)
    cell = re.search(r'(<tr><td class="doc">.*?</td>\n)(<td.*?</td>)', html, re.S)
    wide = html.replace(head, head * 14, 1).replace(cell.group(0), cell.group(1) + cell.group(2) * 14, 1)
    wide_page = page.with_name("_wide.html")
    wide_page.write_text(wide, encoding="utf-8")
    try:
        measure = measured(wide_page, 1024, tmp_path / "profile")
    finally:
        wide_page.unlink()
    (left, right), = measure["total"]
    assert measure["overflow"] <= 0 and 0 <= left < right <= 1024, measure


def test_a_page_shows_the_cell_images_of_uncertain_values(tmp_path):
    from test_report import Harmonization, pd, scanned_batch, table_frame

    reports = tmp_path / "reports"
    write_reports(reports, *scanned_batch(), table_frame("findings", []),
                  Harmonization(*(pd.DataFrame() for _ in range(5))))
    page = next((reports / "sop").glob("*.html"))
    screenshot = tmp_path / "evidence.png"
    result = chromium(page, tmp_path / "profile", f"--screenshot={screenshot}", "--window-size=1024,1400")
    assert console_messages(result.stderr) == []
    assert screenshot.exists() and screenshot.stat().st_size > 20_000, result.stderr[-2000:]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(screenshot, ARTIFACTS / "sop-evidence-1024.png")
    dom = chromium(page, tmp_path / "profile2", "--dump-dom").stdout
    assert len(re.findall(r'<img[^>]+src="bukti/', dom)) == 2


def test_a_group_page_puts_two_sops_side_by_side(reports, tmp_path):
    """The comparison is filled by the page's script: the first two SOPs' steps aligned by phase."""
    (page,) = (reports / "kelompok").glob("*.html")
    result = chromium(page, tmp_path / "profile", "--dump-dom")
    assert console_messages(result.stderr) == [] and 'data-ready="1"' in result.stdout
    table = re.search(r'<table id="compare".*?</table>', result.stdout, re.S).group(0)
    rows = re.findall(r"<tr><td>.*?</tr>", table, re.S)
    assert len(rows) >= 3 and all(row.count("<td") == 7 for row in rows) and "Langkah" in table
    screenshot = tmp_path / "group.png"
    chromium(page, tmp_path / "profile2", f"--screenshot={screenshot}", "--window-size=1400,2000")
    assert screenshot.exists() and screenshot.stat().st_size > 20_000


def test_tables_of_long_file_names_scroll_in_their_box(reports, tmp_path):
    """Files named without spaces (SOP_PENGUMPULAN_DATA_KINERJA_...) widen every table listing
    them: each such table scrolls in its own box, the page does not."""
    long_name = "SOP_PENGUMPULAN_DATA_KINERJA_KECAMATAN_" * 3
    for name in ("index", "group", "rule"):
        page = page_of(reports, name)
        html = page.read_text(encoding="utf-8").replace(FILE_A, f"{FILE_A}{long_name}")
        wide = page.with_name(f"_long-{page.name}")
        wide.write_text(html, encoding="utf-8")
        try:
            measure = measured(wide, 1024, tmp_path / f"profile-{name}")
        finally:
            wide.unlink()
        assert measure["overflow"] <= 0, (name, measure)
