from pipeline.names import title_case, title_case_if_all_caps


def test_all_caps_name_in_title_case_with_small_words_and_acronyms():
    assert title_case("DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT") == "Dinas Sosial dan Pemberdayaan Masyarakat"
    assert title_case("KEMENTERIAN PERTANIAN RI") == "Kementerian Pertanian RI"
    assert title_case("BADAN PUSAT STATISTIK (BPS)") == "Badan Pusat Statistik (BPS)"
    assert title_case("SEKRETARIAT DPRD KABUPATEN TANAH-LAUT") == "Sekretariat DPRD Kabupaten Tanah-Laut"


def test_a_small_word_opens_a_name_in_capitals():
    assert title_case("DAN LAIN-LAIN") == "Dan Lain-Lain"


def test_name_printed_in_mixed_case_is_kept_as_printed():
    assert title_case_if_all_caps("Kepala Dinas PMD Kabupaten Bogor") == "Kepala Dinas PMD Kabupaten Bogor"


def test_word_by_word_for_names_joined_from_several_lines():
    assert title_case("Kecamatan DOLOPO") == "Kecamatan Dolopo"
    assert title_case("Sekretariat DPRD Kabupaten balangan") == "Sekretariat DPRD Kabupaten Balangan"
    assert title_case("Kab.Kampar bps") == "Kab.Kampar BPS"
