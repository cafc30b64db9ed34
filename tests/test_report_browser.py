"""The HTML report in headless Chromium: pages load offline, their script runs without a console
error, and they render (screenshots kept for a look by eye)."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from test_report import FILE_A, batch, write_reports

CHROMIUM = shutil.which("chromium")
SHARED_SCREENSHOTS = {"index": Path("/tmp/report_screenshot.png"), "sop": Path("/tmp/report_screenshot_sop.png")}

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


@pytest.mark.parametrize("name", ["index", "sop"])
def test_page_renders_to_a_screenshot(reports, tmp_path, name):
    page = reports / "index.html" if name == "index" else next((reports / "sop").glob("001-*.html"))
    screenshot = tmp_path / f"{name}.png"
    result = chromium(page, tmp_path / "profile", f"--screenshot={screenshot}")
    assert console_messages(result.stderr) == []
    assert screenshot.exists() and screenshot.stat().st_size > 20_000, result.stderr[-2000:]
    shutil.copyfile(screenshot, SHARED_SCREENSHOTS[name])


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
    shutil.copyfile(screenshot, Path("/tmp/report_screenshot_evidence.png"))
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
    shutil.copyfile(screenshot, Path("/tmp/report_screenshot_group.png"))
