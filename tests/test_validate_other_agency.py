"""OTHER_AGENCY_NAMED: an SOP copied from another agency's and not adapted names that agency's
region (or, as approver, its unit) as its own. Generated variants: other regions in the title,
the steps and the approver fire; the SOP's own region however printed, the province above it,
regions in Dasar Hukum, generic mentions and a province's own kabupaten stay quiet."""
from pathlib import Path

from hypothesis import given, strategies as st

from pipeline.batch import process_file
from pipeline.inputs import InputFile
from pipeline.validate.rules import other_agency_findings

from test_validate_rules import good_document, good_steps

FIXTURE = Path(__file__).parent / "fixtures" / "txt" / "sop_d009.txt"  # Kabupaten Lombok Timur
OWN = {"agency_region_kind": "Kabupaten", "agency_region_name": "Lombok Timur",
       "agency_unit": "Badan Penanggulangan Bencana Daerah",
       "approved_by": "Kepala Badan Penanggulangan Bencana Daerah"}
OTHER_REGIONS = ["Kabupaten Sumbawa", "Kabupaten Lombok Barat", "Kota Mataram", "Kab. Bima", "KABUPATEN DOMPU",
                 "Kabupaten Tulang Bawang Barat", "Kota Cimahi"]
OWN_SPELLINGS = ["Kabupaten Lombok Timur", "KABUPATEN LOMBOK TIMUR", "Kab. Lombok Timur", "Pemerintah Kabupaten Lombok Timur",
                 "Kabupaten Lombok Timor"]  # an OCR misreading
# named legitimately by a kabupaten's SOP
ALLOWED = ["Provinsi Nusa Tenggara Barat", "Gubernur Provinsi NTB", "kabupaten setempat", "Kabupaten/Kota",
           "Kementerian Dalam Negeri", "kabupaten lain", "BPBD Provinsi Nusa Tenggara Barat"]
SENTENCES = ["Mengirim laporan kepada Bupati {}", "Menerima surat dari Sekretariat Daerah {} pada hari kerja",
             "Berkoordinasi dengan Dinas Sosial {}", "Menyampaikan hasil kaji cepat ke {}"]

sentence = st.sampled_from(SENTENCES)


def document(**changes) -> dict:
    return good_document(**{**OWN, **changes})


def steps_with(activity: str, at: int = 2) -> list[dict]:
    steps = good_steps()
    steps[at - 1] = {**steps[at - 1], "activity": activity}
    return steps


def rules(document: dict, steps: list[dict]) -> list[tuple]:
    return [(f["rule"], f["severity"], f["step_no"], f["field"]) for f in other_agency_findings(document, steps)]


@given(sentence, st.sampled_from(OTHER_REGIONS), st.integers(1, 4))
def test_another_region_in_a_step_is_named(template, region, at):
    found = other_agency_findings(document(), steps_with(template.format(region), at))
    assert [(f["rule"], f["severity"], f["step_no"], f["field"]) for f in found] == [
        ("OTHER_AGENCY_NAMED", "warning", at, "activity")]
    assert "Lombok Timur" in found[0]["message"] and not found[0]["uncertain"]


@given(st.sampled_from(OTHER_REGIONS))
def test_another_region_in_the_title_or_approver_is_named(region):
    assert rules(document(sop_title=f"SOP Surat Masuk BPBD {region}"), good_steps()) == [
        ("OTHER_AGENCY_NAMED", "warning", None, "sop_title")]
    approver = f"Kepala Badan Penanggulangan Bencana Daerah {region}"
    assert rules(document(approved_by=approver), good_steps()) == [
        ("OTHER_AGENCY_NAMED", "warning", None, "approved_by")]


@given(sentence, st.sampled_from(OWN_SPELLINGS + ALLOWED), st.integers(1, 4))
def test_its_own_region_and_bodies_it_legitimately_names_are_quiet(template, name, at):
    assert rules(document(sop_title=f"SOP Surat Masuk {name}"), steps_with(template.format(name), at)) == []


@given(st.sampled_from(OTHER_REGIONS))
def test_regions_in_dasar_hukum_are_quiet(region):
    """A regulation names other regions legitimately (a region's founding act, a province's Perda)."""
    legal = [f"Undang-Undang Nomor 7 Tahun 2003 tentang Pembentukan {region}", "Permendagri Nomor 46 Tahun 2008"]
    assert rules(document(legal_basis=legal), good_steps()) == []


@given(sentence, st.sampled_from(OTHER_REGIONS))
def test_a_province_names_its_kabupaten_and_kota(template, region):
    province = document(agency_region_kind="Provinsi", agency_region_name="Nusa Tenggara Barat",
                        approved_by="Kepala Pelaksana BPBD")
    assert rules(province, steps_with(template.format(region))) == []
    assert rules(province, steps_with("Melapor kepada Gubernur Provinsi Bali")) == [
        ("OTHER_AGENCY_NAMED", "warning", 2, "activity")]


def test_an_sop_without_a_region_is_not_checked():
    assert rules(document(agency_region_kind=None, agency_region_name=None),
                 steps_with("Mengirim laporan kepada Bupati Kabupaten Sumbawa")) == []


def test_another_unit_of_its_kind_approving_it_is_named_and_its_own_or_a_higher_one_is_not():
    health = {"agency_unit": "Dinas Kesehatan"}
    assert rules(document(**health, approved_by="Kepala Dinas Pendidikan"), good_steps()) == [
        ("OTHER_AGENCY_NAMED", "warning", None, "approved_by")]
    for approver in ["Kepala Dinas Kesehatan", "KEPALA DINAS KESEHATAN KABUPATEN LOMBOK TIMUR", "Sekretaris Daerah",
                     "Bupati Lombok Timur"]:
        assert rules(document(**health, approved_by=approver), good_steps()) == []


def test_on_a_scan_the_finding_says_to_check_the_reading():
    (found,) = other_agency_findings(document(read_by_ocr=True), steps_with("Mengirim ke Kabupaten Sumbawa"))
    assert found["uncertain"] and found["severity"] == "warning" and "periksa" in found["message"]


def test_a_text_export_copied_from_another_kabupaten(tmp_path):
    """The whole per-file path: an SOP of Kabupaten Lombok Timur whose step still names the
    kabupaten it was copied from."""
    original = FIXTURE.read_text(encoding="utf-8")
    _, _, findings, _ = process_file(InputFile(FIXTURE, FIXTURE.name))
    assert [f for f in findings if f["rule"] == "OTHER_AGENCY_NAMED"] == []
    lines = original.splitlines()
    step = next(i for i, line in enumerate(lines) if line.split("\t", 1)[0].strip(" .") == "2")
    cells = lines[step].split("\t")
    cells[1] = cells[1] + " ke Sekretariat Daerah Kabupaten Sumbawa"
    lines[step] = "\t".join(cells)
    copied = tmp_path / "salinan.txt"
    copied.write_text("\n".join(lines), encoding="utf-8")
    _, _, findings, _ = process_file(InputFile(copied, copied.name))
    named = [f for f in findings if f["rule"] == "OTHER_AGENCY_NAMED"]
    assert [(f["step_no"], f["field"]) for f in named] == [(2, "activity")]
    assert "Kabupaten Sumbawa" in named[0]["message"] and "Kabupaten Lombok Timur" in named[0]["message"]
