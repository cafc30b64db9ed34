"""SOPs of one procedure by different agencies must meet as peers: a procedure spelled the
non-standard way (akte, ijin, praktek, sertipikat) is the same procedure, and agencies whose
long unit names differ only by their region are different agencies, while a misread letter
in a name is the same agency. Otherwise a step an order of magnitude slower than every other
agency's has too few peers to be reported."""
import pandas as pd
from hypothesis import given, settings, strategies as st

from pipeline.harmonize import agency_keys, harmonize
from pipeline.harmonize.grouping import title_words
from pipeline.harmonize.text import canonical_noun

from test_harmonize import tables

# (standard, non-standard) spellings as regional and colloquial SOPs print them
SPELLINGS = [("akta", "akte"), ("izin", "ijin"), ("praktik", "praktek"), ("sertifikat", "sertipikat"),
             ("kuitansi", "kwitansi"), ("risiko", "resiko"), ("ijazah", "ijasah")]
TITLE_HEADS = ["SOP Penerbitan", "SOP Pelayanan", "SOP Pembuatan", "SOP"]


@given(st.sampled_from(SPELLINGS), st.sampled_from(TITLE_HEADS), st.sampled_from(["", "Kelahiran", "Bidan"]))
def test_a_non_standard_spelling_names_the_same_procedure(spelling, head, rest):
    standard, other = spelling
    assert canonical_noun(other) == canonical_noun(standard)
    assert title_words(f"{head} {other.upper()} {rest}") == title_words(f"{head} {standard} {rest}")


# affixed forms of a noun: (the noun's spellings, how the form is made)
DERIVED = [(("izin", "ijin"), "per{}an"), (("izin", "ijin"), "per{}annya"), (("sertifikat", "sertipikat"), "pen{}an"),
           (("sertifikat", "sertipikat"), "{}nya"), (("praktik", "praktek"), "{}nya")]


@given(st.sampled_from(DERIVED))
def test_a_non_standard_spelling_is_read_alike_in_its_derived_forms(case):
    (standard, other), form = case
    assert canonical_noun(form.format(other)) == canonical_noun(form.format(standard)) == canonical_noun(standard)


UNITS = ["Dinas Kependudukan dan Pencatatan Sipil", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
         "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Dinas Kesehatan"]
REGIONS = ["Kabupaten Nunukan", "Kabupaten Malinau", "Kota Manado", "Kota Mataram", "Kabupaten Lombok Barat",
           "Kabupaten Lombok Timur", "Provinsi Jambi", "Provinsi Jawa Timur", "Kabupaten Rejang Lebong",
           "Kabupaten Lampung Selatan"]


@given(st.sampled_from(UNITS), st.lists(st.sampled_from(REGIONS), min_size=2, max_size=2, unique=True))
def test_one_unit_of_two_regions_is_two_agencies(unit, regions):
    documents = pd.DataFrame({"sop_key": ["a", "b"], "agency": [f"{unit} {region}" for region in regions],
                              "sop_number": [None, None]})
    keys = agency_keys(documents)
    assert keys["a"] != keys["b"], regions


def misread(word: str, at: int) -> str:
    """One letter of a word read as another, as OCR does (l as 1, a as o)."""
    at = 1 + at % (len(word) - 1)
    return word[:at] + {"l": "1", "a": "o", "i": "l"}.get(word[at], "e") + word[at + 1:]


@given(st.sampled_from(UNITS), st.sampled_from(REGIONS), st.integers(0, 20), st.booleans())
def test_a_misread_letter_leaves_the_same_agency(unit, region, at, in_region):
    name = f"{unit} {region}"
    words = name.split()
    target = len(words) - 1 if in_region else 1
    words[target] = misread(words[target], at)
    documents = pd.DataFrame({"sop_key": ["a", "b"], "agency": [name, " ".join(words)], "sop_number": [None, None]})
    keys = agency_keys(documents)
    assert keys["a"] == keys["b"], words


def procedure(title: str, agency: str, check_minutes: float, noun: str) -> dict:
    return {"title": title, "agency": agency, "steps": [
        (f"Pemohon menyerahkan formulir permohonan {noun}", "Pemohon", "Formulir", 15),
        ("Petugas registrasi memeriksa berkas persyaratan", "Petugas Registrasi", "Berkas benar", check_minutes),
        (f"Operator merekam data {noun} ke aplikasi", "Operator", "Data terekam", 30),
        (f"Kepala Dinas menandatangani {noun}", "Kepala Dinas", noun.capitalize(), 450),
        (f"Petugas menyerahkan {noun} kepada pemohon", "Petugas", "Tanda terima", 10),
    ]}


@settings(max_examples=15, deadline=None)  # a harmonization each
@given(st.sampled_from(SPELLINGS[:4]), st.integers(10, 60), st.integers(20, 40))
def test_a_check_far_slower_than_every_other_agency_is_an_outlier_whatever_the_spelling(spelling, usual, factor):
    standard, other = spelling
    unit = "Dinas Kependudukan dan Pencatatan Sipil"
    sops = {f"{n}.txt": procedure(f"SOP Penerbitan {standard.capitalize()} Kelahiran", f"{unit} {region}", usual,
                                  f"{standard} kelahiran")
            for n, region in enumerate(["Kota Tarakan", "Kabupaten Bulungan", "Kabupaten Malinau"])}
    sops["x.txt"] = procedure(f"SOP Pembuatan {other.capitalize()} Kelahiran", f"{unit} Kabupaten Nunukan",
                              usual * factor, f"{other} kelahiran")
    result = harmonize(*tables(sops))
    assert result.groups["group_id"].nunique() == 1
    flagged = [(f["sop_key"], f["step_no"]) for f in result.findings if f["rule"] == "DURATION_OUTLIER"]
    assert flagged == [("x.txt", 2)]
