"""The owning agency from letterheads, agency lines and positions."""
import pytest
from hypothesis import given, strategies as st

from pipeline.normalize.agency import Agency, canonical_agency

AGENCIES = [
    # seeds (as printed in the txt exports), then the dev corpus gold agencies
    ("SEKRETARIAT DPRD KABUPATEN KAMPAR", ("Sekretariat DPRD", "Kabupaten", "Kampar")),
    ("SEKRETARIS DPRD KAB. KAMPAR", ("Sekretariat DPRD", "Kabupaten", "Kampar")),
    ("Sekretaris DPRD Kab. Kampar", ("Sekretariat DPRD", "Kabupaten", "Kampar")),
    ("Camat Dolopo", ("Kecamatan Dolopo", None, None)),
    ("CAMAT DOLOPO", ("Kecamatan Dolopo", None, None)),
    ("PEMERINTAH KABUPATEN ROKAN HILIR\nDINAS SATUAN POLISI PAMONG PRAJA DAERAH\n"
     "DAN PERLINDUNGAN MASYARAKAT\nJL. KECAMATAN BATU 6 TELP. / FAX. (0767) BAGANSIAPIPI",
     ("Dinas Satuan Polisi Pamong Praja Daerah dan Perlindungan Masyarakat", "Kabupaten", "Rokan Hilir")),
    ("PEMERINTAH PROVINSI SUMATERA BARAT\nSEKRETARIAT DAERAH\nBIRO ORGANISASI",
     ("Biro Organisasi Sekretariat Daerah", "Provinsi", "Sumatera Barat")),
    ("Sekretariat DPRD\nKabupaten Balangan", ("Sekretariat DPRD", "Kabupaten", "Balangan")),
    ("Sekretaris DPRD Kabupaten balangan", ("Sekretariat DPRD", "Kabupaten", "Balangan")),
    ("SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH\nKABUPATEN MADIUN",
     ("Sekretariat DPRD", "Kabupaten", "Madiun")),
    ("PEMERINTAH PROVINSI KALIMANTAN SELATAN\nSEKRETARIAT DAERAH\nBIRO PEMERINTAHAN DAN OTONOMI DAERAH",
     ("Biro Pemerintahan dan Otonomi Daerah Sekretariat Daerah", "Provinsi", "Kalimantan Selatan")),
    ("PEMERINTAH KABUPATEN LOMBOK TIMUR\nBADAN PENANGGULANGAN BENCANA DAERAH",
     ("Badan Penanggulangan Bencana Daerah", "Kabupaten", "Lombok Timur")),
    ("Kecamatan Tulung Selapan Kabupaten Ogan Komering Ilir",
     ("Kecamatan Tulung Selapan", "Kabupaten", "Ogan Komering Ilir")),
    ("Kecamatan Lowokwaru Kota Malang", ("Kecamatan Lowokwaru", "Kota", "Malang")),
    ("Dinas Pekerjaan Umum dan Penataan Ruang Kota Padang",
     ("Dinas Pekerjaan Umum dan Penataan Ruang", "Kota", "Padang")),
    ("Kepala Dinas Perpustakaan dan Kearsipan", ("Dinas Perpustakaan dan Kearsipan", None, None)),
    ("Kepala Biro Umum", ("Biro Umum", None, None)),
    ("Kepala Badan Penanggulangan Bencana Daerah", ("Badan Penanggulangan Bencana Daerah", None, None)),
    ("SEKRETARIAT DPRD KOTA PEKANBARU", ("Sekretariat DPRD", "Kota", "Pekanbaru")),
    ("Dinas Kesehatan Kota Malang", ("Dinas Kesehatan", "Kota", "Malang")),
    ("Badan Perencanaan Pembangunan Daerah Kota Kupang",
     ("Badan Perencanaan Pembangunan Daerah", "Kota", "Kupang")),
    # abbreviations, short names, BPS
    ("Setwan Kab. Kampar", ("Sekretariat DPRD", "Kabupaten", "Kampar")),
    ("Setda Prov. Sumbar", ("Sekretariat Daerah", "Provinsi", "Sumatera Barat")),
    ("Sekretariat Daerah Biro Organisasi Prov. Sumbar",
     ("Biro Organisasi Sekretariat Daerah", "Provinsi", "Sumatera Barat")),
    ("Pemkab Madiun\nDinas Kesehatan", ("Dinas Kesehatan", "Kabupaten", "Madiun")),
    ("Kepala BPS Provinsi Bengkulu", ("BPS", "Provinsi", "Bengkulu")),
    ("BADAN PUSAT STATISTIK\nKEPALA BADAN PUSAT STATISTIK PROVINSI BENGKULU",
     ("Badan Pusat Statistik", "Provinsi", "Bengkulu")),
    ("Kabupaten Lima Puluh Kota", (None, "Kabupaten", "Lima Puluh Kota")),
    ("Kota Madiun", (None, "Kota", "Madiun")),
]


@pytest.mark.parametrize("text, parts", AGENCIES)
def test_canonical_agency(text, parts):
    assert canonical_agency(text) == Agency(*parts)


def test_name_joins_the_parts():
    assert canonical_agency("Camat Dolopo").name == "Kecamatan Dolopo"
    assert canonical_agency("PEMERINTAH PROVINSI SUMATERA BARAT\nSEKRETARIAT DAERAH\nBIRO ORGANISASI"
                            ).name == "Biro Organisasi Sekretariat Daerah Provinsi Sumatera Barat"
    assert canonical_agency("").name is None


@pytest.mark.parametrize("text", [None, "", "  \n "])
def test_empty(text):
    assert canonical_agency(text) == Agency(None, None, None)


@given(st.text())
def test_never_raises(text):
    agency = canonical_agency(text)
    assert agency.name is None or agency.name.strip() == agency.name
