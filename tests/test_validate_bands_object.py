"""Duration bands read from a step's action AND its object, on wordings they were not written
from: checking an item's completeness, an item put into or taken out of a register, a report
its own actor writes and hands over, a decree set or signed, paying, preparing an operation,
a time the step's text prescribes, a bare number far too large. Each property generates the
defect's variants and the clean variants that must stay quiet."""
import pandas as pd
from hypothesis import given, strategies as st

from pipeline.normalize.durations import stated_minutes
from pipeline.validate.bands import band_of, implausible_duration
from pipeline.validate.rules import document_findings

from test_validate_rules import good_document, good_steps

DAY = 450  # working minutes
MONTH = 22 * DAY

CHECKERS = ["Petugas", "Verifikator", "Analis", "Bendahara", "Staf sekretariat", ""]
CHECK_VERBS = [("memeriksa", "diperiksa", "Pemeriksaan"), ("meneliti", "diteliti", "Penelitian"),
               ("mengecek", "dicek", "Pengecekan"), ("memverifikasi", "diverifikasi", "Verifikasi"),
               ("menguji", "diuji", "Pengujian"), ("menelaah", "ditelaah", "Penelaahan")]
ITEMS = ["berkas permohonan", "persyaratan", "SPP hibah", "surat usulan", "SPJ perjalanan", "formulir dan lampiran"]


def completeness_check(who: str, verb: tuple, form: int, item: str) -> str:
    """"Petugas memeriksa kelengkapan berkas", "Berkas diperiksa kelengkapannya",
    "Pemeriksaan kelengkapan berkas"."""
    if form == 0:
        return f"{who} {verb[0]} kelengkapan {item}".strip()
    if form == 1:
        return f"{item.capitalize()} {verb[1]} kelengkapannya"
    return f"{verb[2]} kelengkapan {item}"


checks = st.builds(completeness_check, st.sampled_from(CHECKERS), st.sampled_from(CHECK_VERBS),
                   st.integers(0, 2), st.sampled_from(ITEMS))


@given(checks, st.integers(11, 90))
def test_a_completeness_check_in_tens_of_days_is_implausible(activity, days):
    assert band_of(activity).high <= 10 * DAY, activity
    assert implausible_duration(activity, float(days * DAY)), activity


@given(checks, st.integers(5, 7 * DAY))
def test_a_completeness_check_in_minutes_to_a_week_is_plausible(activity, minutes):
    assert implausible_duration(activity, float(minutes)) is None, activity


@given(checks, st.integers(4501, 99999))
def test_a_bare_number_far_beyond_a_completeness_check_is_implausible_whatever_its_unit(activity, number):
    # "14400" with no unit in the cell or the heading: even as minutes it is weeks of work
    assert implausible_duration(activity, None, str(number)), activity


@given(st.sampled_from(["menilai kelayakan proposal", "mengkaji substansi usulan", "mengevaluasi isi dokumen"]),
       st.sampled_from(CHECK_VERBS), st.integers(11, 40))
def test_a_completeness_check_joined_to_an_evaluation_may_take_weeks(evaluation, verb, days):
    activity = f"Tim {verb[0]} kelengkapan berkas dan {evaluation}"
    assert implausible_duration(activity, float(days * DAY)) is None, activity


ITEMS_ON_REGISTERS = ["Aset", "Barang", "Nama pegawai", "Data cuti", "Surat keluar", "Nomor sertifikat"]
REGISTERS = ["kartu inventaris barang", "daftar inventaris", "buku register", "buku agenda", "kartu kendali",
             "KIB", "BKU"]
MOVES = [("dikeluarkan dari", "Mengeluarkan {item} dari"), ("dihapus dari", "Menghapus {item} dari"),
         ("dimasukkan ke dalam", "Memasukkan {item} ke dalam"), ("dicoret dari", "Mencoret {item} dari"),
         ("dipindahkan ke", "Memindahkan {item} ke"), ("dicantumkan pada", "Mencantumkan {item} pada"),
         ("ditambahkan ke", "Menambahkan {item} ke")]


def register_entry(item: str, move: tuple, register: str, active: bool) -> str:
    """An item put into or taken out of a register, by a verb of no known kind."""
    if active:
        return f"{move[1].format(item=item.lower())} {register}"
    return f"{item} {move[0]} {register}"


entries = st.builds(register_entry, st.sampled_from(ITEMS_ON_REGISTERS), st.sampled_from(MOVES),
                    st.sampled_from(REGISTERS), st.booleans())


@given(entries, st.integers(11, 90))
def test_an_item_moved_in_or_out_of_a_register_in_tens_of_days_is_implausible(activity, days):
    assert band_of(activity).kind == "pencatatan/registrasi", activity
    assert implausible_duration(activity, float(days * DAY)), activity


@given(entries, st.integers(2251, 99999))
def test_a_bare_number_far_beyond_a_register_entry_is_implausible(activity, number):
    assert implausible_duration(activity, None, str(number)), activity


@given(entries, st.integers(1, 120))
def test_a_register_entry_in_minutes_is_plausible(activity, minutes):
    assert implausible_duration(activity, float(minutes)) is None, activity


@given(st.sampled_from(REGISTERS), st.sampled_from(["Mengundang peserta yang masuk ke dalam",
                                                    "Mencocokkan fisik barang dengan",
                                                    "Menilai usulan untuk dimasukkan ke"]))
def test_a_register_named_outside_the_steps_own_move_gives_it_no_band(register, opening):
    # a relative clause, a comparison or a purpose: the register is not where this step writes
    assert band_of(f"{opening} {register}").kind == "apa pun"


REPORTERS = ["Penerima hibah", "Organisasi penerima", "Lembaga", "Peserta pelatihan", "Pegawai", "Kepala Desa"]
HAND_OVER = [("menyampaikan", "disampaikan"), ("menyerahkan", "diserahkan"), ("mengirimkan", "dikirimkan"),
             ("menyetorkan", "disetorkan")]
REPORTS = ["laporan penggunaan dana hibah", "laporan pertanggungjawaban", "LPJ kegiatan",
           "laporan pelaksanaan kegiatan", "laporan hasil pelatihan", "SPJ perjalanan dinas"]
EVIDENCE = ["Bukti pengeluaran", "Kuitansi, nota", "Sertifikat pelatihan", "Data realisasi", "Daftar hadir"]
NO_KELENGKAPAN = [None, float("nan"), pd.NA, "", "-"]


def report_handed_over(who: str, verb: tuple, report: str, passive: bool) -> str:
    return f"{report[0].upper()}{report[1:]} {verb[1]} {who.lower()}" if passive else f"{who} {verb[0]} {report}"


made_reports = st.builds(report_handed_over, st.sampled_from(REPORTERS), st.sampled_from(HAND_OVER),
                         st.sampled_from(REPORTS), st.booleans())


@given(made_reports, st.sampled_from(EVIDENCE), st.integers(11, 55))
def test_a_report_its_actor_writes_and_hands_over_may_take_weeks(activity, evidence, days):
    # the Kelengkapan lists what the report is made from, not the report: writing it is in the step
    assert implausible_duration(activity, float(days * DAY), requirements=evidence) is None, (activity, evidence)


@given(made_reports, st.sampled_from(NO_KELENGKAPAN), st.integers(11, 55))
def test_a_report_handed_over_with_no_kelengkapan_is_not_known_to_be_written_there(activity, nothing, days):
    assert implausible_duration(activity, float(days * DAY), requirements=nothing), activity


@given(st.sampled_from(REPORTERS), st.sampled_from(["penggunaan dana hibah", "pelaksanaan kegiatan",
                                                    "penyelesaian pekerjaan", "pemanfaatan bantuan"]),
       st.sampled_from(NO_KELENGKAPAN + EVIDENCE), st.integers(11, 55))
def test_reporting_on_work_done_may_take_weeks(who, work, kelengkapan, days):
    activity = f"{who} melaporkan {work}"
    assert implausible_duration(activity, float(days * DAY), requirements=kelengkapan) is None, activity


@given(made_reports, st.sampled_from(["Laporan", "LPJ", "Laporan pertanggungjawaban", "SPJ", "Draft laporan"]),
       st.integers(11, 55))
def test_a_report_listed_in_the_kelengkapan_is_only_passed_on(activity, listed, days):
    assert implausible_duration(activity, float(days * DAY), requirements=listed), (activity, listed)


@given(st.sampled_from(["Meneruskan", "Mendistribusikan", "Mengembalikan"]), st.sampled_from(REPORTS),
       st.integers(11, 55))
def test_forwarding_a_report_is_passing_it_on(verb, report, days):
    assert implausible_duration(f"{verb} {report} kepada Kepala Dinas", float(days * DAY))


@given(st.sampled_from(["Memberitahukan", "Mengabarkan", "Menginformasikan", "Melaporkan"]),
       st.sampled_from(["hasil penyelesaian kepada warga", "kepada pemohon bahwa izin dapat diambil",
                        "formulir isian kepada Kepala Bidang", "data pegawai ke Subbagian Umum"]),
       st.integers(11, 55))
def test_notifying_or_reporting_an_item_in_tens_of_days_stays_implausible(verb, rest, days):
    assert implausible_duration(f"{verb} {rest}", float(days * DAY))


HEADS = ["Bupati", "Wali Kota", "Gubernur", "Kepala Dinas", "Sekretaris Daerah", "Kepala Badan"]
DECREES = ["keputusan penghapusan barang", "SK penerima hibah", "surat keputusan tim", "peraturan bupati",
           "keputusan penetapan lokasi"]
SETTING = [("menetapkan", "ditetapkan"), ("menandatangani", "ditandatangani"), ("mengesahkan", "disahkan"),
           ("meneken", "diteken")]


def decree_act(head: str, verb: tuple, decree: str, passive: bool) -> str:
    return f"{decree[0].upper()}{decree[1:]} {verb[1]} {head}" if passive else f"{head} {verb[0]} {decree}"


@given(st.sampled_from(HEADS), st.sampled_from(SETTING), st.sampled_from(DECREES), st.booleans(),
       st.integers(6, 20))
def test_setting_or_signing_a_decree_may_take_up_to_four_weeks(head, verb, decree, passive, days):
    activity = decree_act(head, verb, decree, passive)
    assert implausible_duration(activity, float(days * DAY)) is None, activity


@given(st.sampled_from(HEADS), st.sampled_from(SETTING), st.sampled_from(DECREES), st.booleans(),
       st.integers(2, 6))
def test_a_decree_set_in_months_is_implausible(head, verb, decree, passive, months):
    activity = decree_act(head, verb, decree, passive)
    assert implausible_duration(activity, float(months * MONTH)), activity


@given(st.sampled_from(HEADS), st.sampled_from(SETTING[1:]),
       st.sampled_from(["surat keterangan", "surat izin cuti", "nota dinas", "surat tugas"]), st.booleans(),
       st.integers(11, 40))
def test_signing_a_letter_in_tens_of_days_stays_implausible(head, verb, letter, passive, days):
    activity = decree_act(head, verb, letter, passive)
    assert implausible_duration(activity, float(days * DAY)), activity


PAYING = ["Bendahara membayarkan {x}", "Bendahara mencairkan {x}", "Pembayaran {x} oleh bendahara",
          "Pencairan {x}", "{X} dibayarkan kepada penerima"]
PAID = ["honorarium", "uang muka perjalanan", "tagihan bengkel", "dana hibah", "biaya perbaikan"]


def paying(template: str, paid: str) -> str:
    return template.format(x=paid, X=paid.capitalize())


@given(st.sampled_from(PAYING), st.sampled_from(PAID), st.integers(21, 90))
def test_paying_in_weeks_on_end_is_implausible(template, paid, days):
    assert implausible_duration(paying(template, paid), float(days * DAY))


@given(st.sampled_from(PAYING), st.sampled_from(PAID), st.integers(30, 5 * DAY))
def test_paying_within_days_is_plausible(template, paid, minutes):
    assert implausible_duration(paying(template, paid), float(minutes)) is None


@given(st.sampled_from(["Melaksanakan persiapan {x}", "Persiapan {x}", "Menyiapkan pelaksanaan {x}",
                        "Mempersiapkan {x}"]),
       st.sampled_from(["survei", "sensus pertanian", "kegiatan sosialisasi", "pelatihan petugas",
                        "rapat koordinasi"]), st.integers(6, 60))
def test_preparing_an_operation_may_take_weeks(template, operation, days):
    assert implausible_duration(template.format(x=operation), float(days * DAY)) is None


@given(st.sampled_from(["Menyiapkan", "Penyiapan", "Mempersiapkan"]),
       st.sampled_from(["formulir permohonan", "blanko isian", "naskah surat", "berkas usulan", "bahan rapat",
                        "undangan pelatihan", "daftar hadir kegiatan"]),
       st.integers(11, 60))
def test_preparing_a_document_in_tens_of_days_stays_implausible(verb, document, days):
    assert implausible_duration(f"{verb} {document}", float(days * DAY))


DEADLINES = ["waktu paling lambat {n} hari kalender setelah menerima sanggahan",
             "paling lama {n} hari kerja sejak berkas diterima", "dalam waktu {n} hari"]
CLERICAL = ["Pokja menjawab sanggahan", "Petugas menyerahkan keputusan kepada pemohon",
            "Sekretariat memberitahukan hasil kepada peserta", "Panitia menerima berkas penawaran"]


@given(st.sampled_from(CLERICAL), st.sampled_from(DEADLINES), st.integers(11, 40),
       st.sampled_from(["hari", "hari kerja", "HK"]))
def test_a_time_the_step_itself_prescribes_is_no_slip(activity, deadline, days, unit):
    text = f"{activity}, {deadline.format(n=days)}"
    found = step_rules(activity=text, duration_text=f"{days} {unit}", duration_minutes=float(days * DAY))
    assert ("DURATION_IMPLAUSIBLE", 2) not in found, text


@given(st.sampled_from(CLERICAL), st.sampled_from(DEADLINES), st.integers(1, 3), st.integers(30, 60))
def test_a_time_other_than_the_prescribed_one_is_still_judged(activity, deadline, prescribed, days):
    text = f"{activity}, {deadline.format(n=prescribed)}"
    assert implausible_duration(text, float(days * DAY)), text


@given(st.sampled_from(["Beracara di pengadilan", "Menunggu putusan pengadilan", "Pelaksanaan pekerjaan konstruksi",
                        "Pemantauan pelaksanaan proyek"]), st.integers(1, 12))
def test_work_of_no_known_kind_may_take_up_to_a_year_but_not_more(activity, months):
    assert implausible_duration(activity, float(months * MONTH)) is None
    assert implausible_duration(activity, float((12 + months) * MONTH))


def test_times_stated_in_running_text():
    assert stated_minutes("paling lambat 14 hari kalender setelah 2 (dua) jam") == [14 * DAY, 120.0]
    assert stated_minutes("Menyerahkan 3 berkas kepada Kepala") == []  # a count, not a time
    assert stated_minutes(None) == []


def step_rules(**changes) -> list[tuple]:
    steps = good_steps()
    steps[1].update(changes)
    return [(f["rule"], f["step_no"]) for f in document_findings(good_document(), steps)]


@given(made_reports, st.sampled_from(["Bukti pengeluaran", "Kuitansi"]), st.integers(11, 55))
def test_the_validator_reads_the_kelengkapan_of_the_step(activity, evidence, days):
    timed = dict(duration_text=f"{days} hari", duration_minutes=float(days * DAY), activity=activity)
    assert ("DURATION_IMPLAUSIBLE", 2) not in step_rules(requirements=evidence, **timed)
    assert ("DURATION_IMPLAUSIBLE", 2) in step_rules(requirements="Laporan pertanggungjawaban", **timed)
