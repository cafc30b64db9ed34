"""NIP digits and parts; pangkat <-> golongan."""
import pytest
from hypothesis import given, strategies as st

from pipeline.normalize.nip import (NipInfo, golongan_for_rank, nip_digits, parse_nip,
                                    printed_digits, rank_for_golongan)

# Printed forms from the seeds and the dev corpus.
NIP_FORMS = [
    ("NIP. 19651127 198803 2 001", "196511271988032001"),
    ("NIP. 19691214 199602 1 001", "196912141996021001"),
    ("NIP 196511271988032001", "196511271988032001"),
    ("NIP: 19651127.198803.2.001", "196511271988032001"),
    ("NIP. 19620718198302 1 004", "196207181983021004"),
    ("NIP. 19801208200102 1 011", "198012082001021011"),
    ("19730513 199703 2 005", "197305131997032005"),
    ("NIP.19730513-199703-2-005", "197305131997032005"),
    ("KEPALA SATUAN, H. SYAFNURIZAL, SE Pembina NIP. 19690512 199603 1 003", "196905121996031003"),
    ("Ir. Win Rizal M.E\nNIP. 19660825 198802 1 001", "196608251988021001"),
]


@pytest.mark.parametrize("text, digits", NIP_FORMS)
def test_nip_digits(text, digits):
    assert nip_digits(text) == digits


@pytest.mark.parametrize("text", [None, "", "NIP.", "NIP. -", "NIP. 19780306200304102",
                                  "NIP. 1978030620030410211", "Pembina Tingkat I"])
def test_not_eighteen_digits(text):
    assert nip_digits(text) is None


def test_digits_do_not_join_across_lines():
    assert nip_digits("NIP. 19651127 198803 2 001\n2023") == "196511271988032001"


def test_parts_of_a_valid_nip():
    assert parse_nip("NIP. 19651127 198803 2 001") == NipInfo(
        "196511271988032001", "1965-11-27", "1988-03", "P", "001", None)
    assert parse_nip("NIP. 19691214 199602 1 001").gender == "L"


@pytest.mark.parametrize("text, reason", [
    ("NIP. 19780306200304102", "17 digits, a NIP has 18"),
    ("19651131 198803 1 001", "impossible birth date"),
    ("19651300 198803 1 001", "impossible birth date"),
    ("20991127 201803 1 001", "impossible birth date"),
    ("19651127 198813 1 001", "impossible appointment month (TMT CPNS)"),
    ("19651127 209903 1 001", "impossible appointment month (TMT CPNS)"),
    ("19651127 198803 3 001", "gender digit is not 1 or 2"),
    ("19651127 197003 1 001", "appointed before the age of 18"),
])
def test_invalid(text, reason):
    info = parse_nip(text)
    assert (info.problem, info.reason) == ("invalid", reason)


def test_seventeen_digits_are_kept_for_the_report():
    assert printed_digits("NIP. 19780306 200304 1 02") == "19780306200304102"
    assert parse_nip("NIP. 19780306 200304 1 02").digits == "19780306200304102"


@pytest.mark.parametrize("text", [None, "", "NIP. -", "tanpa NIP"])
def test_no_nip(text):
    assert parse_nip(text) is None


RANKS = [
    ("Juru Muda", "I/a"), ("Juru Muda Tingkat I", "I/b"), ("Juru", "I/c"), ("Juru Tingkat I", "I/d"),
    ("Pengatur Muda", "II/a"), ("Pengatur Muda Tk. I", "II/b"), ("Pengatur", "II/c"),
    ("Pengatur Tk.I", "II/d"), ("Penata Muda", "III/a"), ("Penata Muda Tingkat I", "III/b"),
    ("Penata", "III/c"), ("Penata Tingkat I", "III/d"), ("Pembina", "IV/a"),
    ("Pembina Tingkat I", "IV/b"), ("Pembina Utama Muda", "IV/c"), ("Pembina Utama Madya", "IV/d"),
    ("Pembina Utama", "IV/e"), ("PEMBINA TK. I", "IV/b"), ("pembina tkt 1", "IV/b"),
    ("Pembina Tingkat 1", "IV/b"), ("PEMBINA UTAMA MUDA", "IV/c"), ("Pembina Utama Muda (IV/c)", "IV/c"),
    ("Penata Muda Tk.I (III/b)", "III/b"), ("Pembina, IV/a", "IV/a"), ("IV/c", "IV/c"),
    ("IV.b", "IV/b"), ("Penata Tingkat I, III/d", "III/d"),
]


@pytest.mark.parametrize("rank, golongan", RANKS)
def test_golongan_for_rank(rank, golongan):
    assert golongan_for_rank(rank) == golongan


@pytest.mark.parametrize("rank", [None, "", "Kepala Dinas", "Pembina Utama Agung"])
def test_unknown_rank(rank):
    assert golongan_for_rank(rank) is None


@pytest.mark.parametrize("golongan, rank", [
    ("IV/b", "Pembina Tingkat I"), ("iv.b", "Pembina Tingkat I"), ("4b", "Pembina Tingkat I"),
    ("III-a", "Penata Muda"), ("I/a", "Juru Muda"), ("IV/e", "Pembina Utama"),
    ("II / c", "Pengatur"), ("V/a", None), ("IV/f", None), (None, None),
])
def test_rank_for_golongan(golongan, rank):
    assert rank_for_golongan(golongan) == rank


@given(st.text())
def test_never_raises(text):
    nip_digits(text)
    golongan_for_rank(text)
    rank_for_golongan(text)
    info = parse_nip(text)
    assert info is None or info.problem in (None, "invalid")


@given(st.text(alphabet="0123456789 .-\n", min_size=10, max_size=30))
def test_never_raises_on_digit_runs(text):
    info = parse_nip(text)
    assert info is None or len(info.digits) > 0
