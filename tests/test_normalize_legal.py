"""Regulations cited in Dasar Hukum: kind, number, year, subject, one id per regulation."""
import pytest
from hypothesis import given, settings, strategies as st

from pipeline.normalize.legal import LegalReference, parse_legal_reference, parse_legal_references

PERPRES_29_2014 = "perpres-29-2014"
PERMENPANRB_53_2014 = "permenpanrb-53-2014"

# The Dasar Hukum entries of the five seeds, exactly as printed (seeds 000 and 001 have none).
SEED_LEGAL_BASES = {
    "002 Satpol PP Rokan Hilir": [
        ("Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
         "Pemerintah", PERPRES_29_2014),
        ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun "
         "2014 tentang petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Review "
         "atas Laporan Kinerja", PERMENPANRB_53_2014),
    ],
    "003 Biro Organisasi Sumatera Barat": [
        ("Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan", "uu-30-2014"),
        ("Permenpan RB Nomor 53 Tahun 2014", PERMENPANRB_53_2014),
        ("Pergub Sumbar No 71 Tahun 2020", "pergub-sumatera-barat-71-2020"),
    ],
    "004 Setwan Balangan": [
        ("Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
         "Pemerintah", PERPRES_29_2014),
        ("PermenPAN dan RB No. 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan "
         "Kinerja dan Tata Cara Review atas Laporan Kinerja", PERMENPANRB_53_2014),
    ],
}
SEED_CASES = [(seed, text, ref_id) for seed, entries in SEED_LEGAL_BASES.items()
              for text, ref_id in entries]


@pytest.mark.parametrize("seed, text, ref_id", SEED_CASES)
def test_seed_legal_bases(seed, text, ref_id):
    assert parse_legal_reference(text).ref_id == ref_id


def test_seed_regulations_have_one_id_across_agencies():
    ids_by_year = {}
    for _, text, _ in SEED_CASES:
        reference = parse_legal_reference(text)
        ids_by_year.setdefault((reference.kind, reference.number, reference.year), set()).add(
            reference.ref_id)
    assert ids_by_year[("Peraturan Presiden", "29", 2014)] == {PERPRES_29_2014}
    assert ids_by_year[("Peraturan Menteri PAN-RB", "53", 2014)] == {PERMENPANRB_53_2014}


def test_a_seed_entry_in_full():
    assert parse_legal_reference(
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah") == LegalReference(
        "Peraturan Presiden", "29", 2014, "Sistem Akuntabilitas Kinerja Instansi Pemerintah",
        PERPRES_29_2014)


# Spellings from the dev corpus and the BPS PDFs, and other usual ones.
IDS = [
    ("UU No. 5 Tahun 2014 tentang ASN", "uu-5-2014"), ("UU 30/2014", "uu-30-2014"),
    ("Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", "uu-25-2009"),
    ("UU Nomor 23 Tahun 2014 tentang Pemerintahan Daerah", "uu-23-2014"),
    ("1, Undang-Undang Nomor 16 Tahun 1997 Tentang Statistik", "uu-16-1997"),
    ("Undang-\nUndang Nomor 43 Tahun 2009 tentang Kearsipan", "uu-43-2009"),
    ("Undang Undang Nomor 43 Tahun 2009", "uu-43-2009"), ("UU RI No 25 Tahun 2009", "uu-25-2009"),
    ("PP No. 11 Tahun 2017 tentang Manajemen PNS", "pp-11-2017"), ("PP 12/2019", "pp-12-2019"),
    ("Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil", "pp-94-2021"),
    ("PP Nomor: 12 Tahun 2019", "pp-12-2019"),
    ("Peraturan Pemerintah Nomor 28 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 43 Tahun "
     "2009 tentang Kearsipan", "pp-28-2012"),
    ("Perpres 29/2014", PERPRES_29_2014), ("Perpres Nomor 21 Tahun 2023 tentang Hari Kerja dan Jam Kerja",
                                           "perpres-21-2023"),
    ("Peraturan Presiden Republik Indonesia Nomor 86 Tahun 2007 tentang Badan Pusat Statistik",
     "perpres-86-2007"),
    ("Permenpan RB 80/2012", "permenpanrb-80-2012"),
    ("PermenPAN-RB No. 80 Tahun 2012 tentang Pedoman Tata Naskah Dinas", "permenpanrb-80-2012"),
    ("Peraturan Menteri PANRB Nomor 35 Tahun 2012", "permenpanrb-35-2012"),
    ("Permen PAN-RB No.35/2012", "permenpanrb-35-2012"),
    ("Permen PAN dan RB Nomor 35 Tahun 2012", "permenpanrb-35-2012"),
    ("PERMENPAN RB NO. 35 TAHUN 2012", "permenpanrb-35-2012"),
    ("Peraturan Menteri PAN & RB Nomor 35 Tahun 2012", "permenpanrb-35-2012"),
    ("Peraturan MenPAN-RB No. 35 Tahun 2012", "permenpanrb-35-2012"),
    ("PermenPANRB Nomor 35 Tahun 2012", "permenpanrb-35-2012"),
    ("Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/21/M.PAN/11/2008",
     "permenpanrb-21-2008"),
    ("Permendagri 1/2023", "permendagri-1-2023"),
    ("Permendagri No. 52 Tahun 2011 tentang SOP di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota",
     "permendagri-52-2011"),
    ("Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata Naskah Dinas", "permendagri-1-2023"),
    ("Peraturan Menteri Keuangan Nomor 113/PMK.05/2012 tentang Perjalanan Dinas Dalam Negeri",
     "pmk-113-2012"),
    ("PMK Nomor 113/PMK.05/2012", "pmk-113-2012"), ("Permenkeu No. 113/PMK.05/2012", "pmk-113-2012"),
    ("Peraturan Menteri Kesehatan Nomor 3 Tahun 2020", "permen-kesehatan-3-2020"),
    ("Pergub Provinsi Sumbar Nomor 71 Tahun 2020", "pergub-sumatera-barat-71-2020"),
    ("Peraturan Gubernur Sumatera Barat Nomor 71 Tahun 2020", "pergub-sumatera-barat-71-2020"),
    ("Peraturan Gubernur Sulawesi Selatan Nomor 46 Tahun 2017 tentang Kedudukan",
     "pergub-sulawesi-selatan-46-2017"),
    ("Peraturan Bupati Ogan Komering Ilir Nomor 28 Tahun 2021", "perbup-ogan-komering-ilir-28-2021"),
    ("Perbup Madiun No. 87 Tahun 2017", "perbup-madiun-87-2017"),
    ("Peraturan Bupati Nomor 5 Tahun 2020", "perbup-5-2020"),
    ("Peraturan Walikota Malang Nomor 70 Tahun 2022", "perwali-malang-70-2022"),
    ("Peraturan Wali Kota Malang Nomor 70 Tahun 2022", "perwali-malang-70-2022"),
    ("Perwako Padang No. 10 Tahun 2020", "perwali-padang-10-2020"),
    ("Perwali Padang No. 10 Tahun 2020", "perwali-padang-10-2020"),
    ("Peraturan Daerah Kabupaten Madiun Nomor 5 Tahun 2016", "perda-kabupaten-madiun-5-2016"),
    ("Perda Kab. Madiun No. 5 Tahun 2016", "perda-kabupaten-madiun-5-2016"),
    ("Peraturan BKN No. 24 Tahun 2017 tentang Tata Cara Pemberian Cuti PNS", "peraturan-bkn-24-2017"),
    ("Peraturan Badan Kepegawaian Negara Nomor 24 Tahun 2017", "peraturan-bkn-24-2017"),
    ("Perka BKN 24/2017", "peraturan-bkn-24-2017"),
    ("Peraturan Badan Pusat Statistik Nomor 1 Tahun 2023 tentang Pedoman Tata Naskah Dinas",
     "peraturan-bps-1-2023"),
    ("Peraturan Kepala Badan Pusat Statistik nomor 7 Tahun 2008 Tentang Organisasi", "peraturan-bps-7-2008"),
    ("Peraturan Kepala BPS Nomor 9 Tahun 2009", "peraturan-bps-9-2009"),
    ("Peraturan LKPP Nomor 12 Tahun 2021", "peraturan-lkpp-12-2021"),
    ("Keputusan Kepala BPS Nomor 5 Tahun 2000 tentang Sistem Statistik Nasional", "keputusan-bps-5-2000"),
    ("Keputusan Kepala Badan Pusat Statistik Nomor 121 Tahun 2001", "keputusan-bps-121-2001"),
    ("Keputusan Bupati Madiun Nomor 188/12/KPTS/2020 tentang Tim", "kepbup-madiun-188-2020"),
    ("Keputusan Presiden Nomor 9 Tahun 2020", "keppres-9-2020"),
    ("1. Peraturan Presiden Nomor 29 Tahun 2014;", PERPRES_29_2014),
]


@pytest.mark.parametrize("text, ref_id", IDS)
def test_reference_ids(text, ref_id):
    assert parse_legal_reference(text).ref_id == ref_id


@pytest.mark.parametrize("text, kind, number, year, subject, issuer", [
    ("Peraturan Menteri Keuangan Nomor 113/PMK.05/2012 tentang Perjalanan Dinas Dalam Negeri",
     "Peraturan Menteri Keuangan", "113/PMK.05/2012", 2012, "Perjalanan Dinas Dalam Negeri", None),
    ("Pergub Sumbar No 71 Tahun 2020", "Peraturan Gubernur", "71", 2020, None, "Sumbar"),
    ("Permendagri 1/2023", "Peraturan Menteri Dalam Negeri", "1", 2023, None, None),
    ("Peraturan Kepala Badan Pusat Statistik Nomor 19 Tahun 2013 Tentang Pedoman Penyusunan SOP.",
     "Peraturan Lembaga", "19", 2013, "Pedoman Penyusunan SOP", "Badan Pusat Statistik"),
    ("Peraturan Pemerintah Nomor 28 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 43 Tahun 2009",
     "Peraturan Pemerintah", "28", 2012, "Pelaksanaan Undang-Undang Nomor 43 Tahun 2009", None),
    ("Peraturan Presiden tentang Hari Kerja", "Peraturan Presiden", None, None, "Hari Kerja", None),
])
def test_parts(text, kind, number, year, subject, issuer):
    reference = parse_legal_reference(text)
    assert (reference.kind, reference.number, reference.year, reference.subject, reference.issuer) == (
        kind, number, year, subject, issuer)


def test_no_number_no_id():
    assert parse_legal_reference("Peraturan Presiden tentang Hari Kerja").ref_id is None


def test_juncto_lists_every_regulation():
    references = parse_legal_references(
        "Perpres No. 16 Tahun 2018 jo. Perpres No. 12 Tahun 2021 jo. Perpres No. 46 Tahun 2025")
    assert [reference.ref_id for reference in references] == [
        "perpres-16-2018", "perpres-12-2021", "perpres-46-2025"]
    assert parse_legal_reference("Peraturan LKPP Nomor 12 Tahun 2021 jo. Peraturan LKPP Nomor 4 Tahun "
                                 "2024").ref_id == "peraturan-lkpp-12-2021"


@pytest.mark.parametrize("text", [None, "", "Tidak ada", "Nomor 5 Tahun 2020", "-",
                                  "PKuespautt uSstaanti sKtiekpala"])
def test_no_regulation(text):
    assert parse_legal_reference(text) is None


@settings(max_examples=60)
@given(st.text(max_size=200))
def test_never_raises(text):
    references = parse_legal_references(text)
    assert all(reference.kind for reference in references)


@settings(max_examples=60)
@given(st.lists(st.sampled_from(["Peraturan", "Menteri", "PAN", "-", "RB", "Nomor", "No.", "53", "/",
                                 "Tahun", "2014", "tentang", "jo.", "Pergub", "Sumbar", "UU", "PMK.05",
                                 "\n", "Kepala", "BPS"]), max_size=15))
def test_never_raises_on_regulation_words(words):
    parse_legal_references(" ".join(words))
