"""Writes a held-out set of SOPs (.txt exports) with gold labels, for phase alignment and
findings on wordings, agencies and defects the dev corpus does not have.

    .venv/bin/python benchmarks/heldout/make_heldout.py   # writes docs/ and gold/ beside it
    .venv/bin/sop-pipeline run benchmarks/heldout/docs --out /tmp/heldout
    .venv/bin/python ../shared/tools/score.py --gold benchmarks/heldout/gold --run /tmp/heldout

Four procedures, three agencies each, every step worded anew (other verb forms, synonyms,
nominal and passive word orders). Gold phases are the dev corpus's phase ids; gold findings
are the defects written in: clerical work timed in tens of days or thousands of bare
minutes, SOP numbers with placeholder parts, a missing Output, a gap in the numbering.
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (phase, activity, actor index, requirements, duration, output)
SOPS = [
    {"name": "h01", "family": "surat_masuk", "agency": "BADAN PENANGGULANGAN BENCANA DAERAH\tKABUPATEN SIGI",
     "number": "800/____/BPBD/2025", "title": "SOP Penanganan Surat Masuk", "unit": None,
     "actors": ["Kepala Pelaksana", "Sekretaris", "Pengadministrasi Persuratan"],
     "steps": [
         ("RECEIVE", "Penerimaan surat dari pengirim beserta pemberian bukti terima", 2, "Surat", "10 menit", "Bukti terima"),
         ("CHECK", "Pengecekan keabsahan dan kelengkapan lampiran surat", 2, "Surat", "10 menit", "Surat yang telah dicek"),
         ("REGISTER", "Surat dicatat ke dalam register surat masuk", 2, "Surat", "15 menit", "Register surat masuk"),
         ("FORWARD", "Surat diteruskan kepada Kepala Pelaksana melalui Sekretaris", 1, "Surat dan lembar disposisi", "30 menit", "Surat dan lembar disposisi"),
         ("DISPOSE", "Pemberian disposisi atas surat", 0, "Surat dan lembar disposisi", "30 menit", "Lembar disposisi"),
         ("DISTRIBUTE", "Penyaluran surat kepada bidang sesuai disposisi", 2, "Lembar disposisi", "15 menit", "Buku ekspedisi"),
         ("ARCHIVE", "Pengarsipan surat masuk menurut kode klasifikasi", 2, "Surat", "15 menit", "Arsip surat"),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}]},
    {"name": "h02", "family": "surat_masuk", "agency": "DINAS KETAHANAN PANGAN\tKOTA PALU",
     "number": "045/017/DKP/2025", "title": "SOP Pengelolaan Surat Masuk", "unit": None,
     "actors": ["Kepala Dinas", "Kasubbag Umum", "Petugas Agenda"],
     "steps": [
         ("RECEIVE", "Menerima kiriman surat dari ekspedisi dan menandatangani buku ekspedisi", 2, "Surat", "5 menit", "Surat diterima"),
         ("REGISTER", "Membukukan surat pada buku agenda masuk", 2, "Surat", "10 menit", "Buku agenda"),
         ("CHECK", "Mencermati sifat dan kelengkapan surat", 1, "Surat", "15 menit", "Surat terpilah"),
         ("DISPOSE", "Mendisposisikan surat kepada pejabat terkait", 0, "Lembar disposisi", "1 jam", "Disposisi"),
         ("DISTRIBUTE", "Membagikan surat yang telah didisposisi kepada pelaksana", 2, "Disposisi", "20 menit", "Tanda terima"),
         ("FOLLOW_UP", "Surat ditindaklanjuti oleh pelaksana sesuai disposisi", 1, "Disposisi", "2 hari", "Jawaban surat"),
         ("ARCHIVE", "Arsip surat masuk disimpan dalam map arsip", 2, "Surat", "10 menit", "Arsip surat"),
     ], "findings": []},
    {"name": "h03", "family": "surat_masuk", "agency": "KECAMATAN TAWAELI\tKOTA PALU",
     "number": "005/041/KEC-TWL/2025", "title": "SOP Surat Masuk Kecamatan", "unit": None,
     "actors": ["Camat", "Sekretaris Camat", "Staf Umum"],
     "steps": [
         ("RECEIVE", "Staf menerima surat masuk dari instansi pengirim", 2, "Surat", "5 menit", "Surat masuk"),
         ("CHECK", "Penelitian alamat dan kelengkapan surat masuk", 2, "Surat", "10 menit", "Surat terpilah"),
         ("REGISTER", "Penginputan surat masuk ke aplikasi persuratan", 2, "Surat", "15 menit", "Data surat masuk"),
         ("FORWARD", "Menyampaikan surat masuk kepada Camat untuk didisposisi", 1, "Surat", "20 menit", ""),
         ("DISPOSE", "Memberi arahan tindak lanjut pada lembar disposisi", 0, "Surat", "30 menit", "Lembar disposisi"),
         ("FOLLOW_UP", "Memproses jawaban surat sesuai arahan pimpinan", 2, "Disposisi", "1 hari", "Konsep jawaban"),
         ("ARCHIVE", "Penyimpanan surat masuk sesuai klasifikasi", 2, "Surat", "10 menit", "Arsip surat"),
     ], "findings": [{"rule": "OUTPUT_MISSING", "step_no": 4}]},
    {"name": "h04", "family": "cuti_pegawai", "agency": "BADAN KEPEGAWAIAN DAERAH\tKABUPATEN POSO",
     "number": "800/     /BKD", "title": "SOP Pemberian Cuti Tahunan", "unit": None,
     "actors": ["Kepala Badan", "Atasan Langsung", "Pegawai", "Analis Kepegawaian"],
     "steps": [
         ("APPLY", "Pegawai mengajukan permohonan cuti dengan formulir yang telah diisi", 2, "Formulir cuti", "30 menit", "Permohonan cuti"),
         ("RECOMMEND", "Pemberian pertimbangan oleh atasan langsung atas permohonan cuti", 1, "Permohonan cuti", "1 hari", "Pertimbangan atasan"),
         ("VERIFY", "Pengecekan sisa hak cuti pegawai dan kelengkapan berkas", 3, "Permohonan cuti", "1 jam", "Berkas terverifikasi"),
         ("DRAFT_LETTER", "Pengetikan surat izin cuti", 3, "Berkas terverifikasi", "30 menit", "Konsep surat izin cuti"),
         ("SIGN", "Penandatanganan surat izin cuti", 0, "Konsep surat izin cuti", "1 hari", "Surat izin cuti"),
         ("DELIVER", "Surat izin cuti diserahkan kepada pegawai pemohon", 3, "Surat izin cuti", "20 hari", "Tanda terima"),
         ("RECORD", "Memutakhirkan kartu cuti dan data SIMPEG", 3, "Surat izin cuti", "15 menit", "Kartu cuti"),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}, {"rule": "DURATION_IMPLAUSIBLE", "step_no": 6}]},
    {"name": "h05", "family": "cuti_pegawai", "agency": "DINAS KESEHATAN\tKABUPATEN BANGGAI",
     "number": "870/112/DINKES/2025", "title": "SOP Cuti Pegawai", "unit": None,
     "actors": ["Kepala Dinas", "Kepala Bidang", "Pegawai", "Pengelola Kepegawaian"],
     "steps": [
         ("APPLY", "Menyampaikan blanko usulan cuti yang sudah diisi kepada atasan", 2, "Blanko cuti", "20 menit", "Usulan cuti"),
         ("RECOMMEND", "Menyetujui usulan cuti sebagai atasan langsung", 1, "Usulan cuti", "2 jam", "Usulan disetujui"),
         ("VERIFY", "Menelaah hak cuti dan persyaratan usulan cuti", 3, "Usulan cuti", "45 menit", "Berkas terverifikasi"),
         ("DRAFT_LETTER", "Merancang surat izin cuti sesuai jenis cuti", 3, "Berkas", "45 menit", "Draf surat cuti"),
         ("SIGN", "Menandatangani surat izin cuti pegawai", 0, "Draf surat cuti", "3 jam", "Surat izin cuti"),
         ("DELIVER", "Mengantarkan surat izin cuti kepada pegawai", 3, "Surat izin cuti", "15 menit", "Tanda terima"),
         ("RECORD", "Pembaruan buku register cuti pegawai", 3, "Surat izin cuti", "10 menit", "Register cuti"),
     ], "findings": []},
    {"name": "h06", "family": "cuti_pegawai", "agency": "SEKRETARIAT DAERAH\tKABUPATEN TOLITOLI",
     "number": "SOP/SETDA/077/2025", "title": "SOP Permohonan Cuti", "unit": "MENIT",
     "actors": ["Sekretaris Daerah", "Kepala Bagian", "Pemohon", "Pranata Kepegawaian"],
     "steps": [
         ("APPLY", "Pemohon mengisi dan menyerahkan formulir permohonan cuti", 2, "Formulir", "30", "Permohonan cuti"),
         ("RECOMMEND", "Kepala Bagian memberikan rekomendasi atas permohonan", 1, "Permohonan cuti", "60", "Rekomendasi"),
         ("VERIFY", "Memverifikasi sisa cuti dan lampiran permohonan", 3, "Permohonan cuti", "45", "Berkas terverifikasi"),
         ("DRAFT_LETTER", "Menyiapkan naskah surat izin cuti", 3, "Berkas terverifikasi", "3000", "Naskah surat cuti"),
         ("SIGN", "Pengesahan dan penandatanganan surat izin cuti", 0, "Naskah surat cuti", "120", "Surat izin cuti"),
         ("DELIVER", "Penyampaian surat izin cuti kepada pemohon", 3, "Surat izin cuti", "15", "Tanda terima"),
         ("RECORD", "Pencatatan cuti dalam kartu cuti", 3, "Surat izin cuti", "10", "Kartu cuti"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "step_no": 4}]},
    {"name": "h07", "family": "pengumpulan_data_kinerja", "agency": "DINAS PERHUBUNGAN\tKABUPATEN PARIGI MOUTONG",
     "number": "065/   /DISHUB-2025", "title": "SOP Penghimpunan Data Kinerja", "unit": None,
     "actors": ["Kepala Dinas", "Kasubbag Perencanaan", "Kepala Bidang", "Staf Perencanaan"],
     "steps": [
         ("INSTRUCT", "Kepala Dinas menugaskan Kasubbag Perencanaan menghimpun data kinerja", 0, "-", "30 menit", "Disposisi"),
         ("PREPARE_FORM", "Penyiapan blanko isian data kinerja", 3, "Disposisi", "25 hari", "Blanko isian"),
         ("DISTRIBUTE", "Pengiriman blanko isian kepada setiap bidang", 3, "Blanko isian", "30 menit", "Tanda terima"),
         ("FILL", "Bidang melengkapi blanko isian capaian kinerja", 2, "Blanko isian", "3 hari", "Blanko terisi"),
         ("SUBMIT", "Penyerahan blanko terisi kepada Kasubbag Perencanaan", 2, "Blanko terisi", "30 menit", "Tanda terima"),
         ("RECAP", "Pengompilasian data capaian dari semua bidang", 3, "Blanko terisi", "1 hari", "Rekap data"),
         ("REVIEW", "Penelaahan rekap data capaian kinerja", 1, "Rekap data", "2 jam", "Rekap terverifikasi"),
         ("REPORT", "Pelaporan capaian kinerja kepada Kepala Dinas", 1, "Rekap terverifikasi", "1 jam", "Laporan capaian"),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}, {"rule": "DURATION_IMPLAUSIBLE", "step_no": 2}]},
    {"name": "h08", "family": "pengumpulan_data_kinerja", "agency": "BADAN PERENCANAAN PEMBANGUNAN DAERAH\tKABUPATEN MOROWALI",
     "number": "050/208/BAPPEDA/2025", "title": "SOP Pengumpulan Capaian Kinerja", "unit": None,
     "actors": ["Kepala Badan", "Sekretaris", "Kepala Bidang", "Analis Perencanaan"],
     "steps": [
         ("INSTRUCT", "Memberikan perintah kepada Sekretaris untuk mengumpulkan capaian kinerja", 0, "-", "20 menit", "Disposisi"),
         ("PREPARE_FORM", "Membuat format isian capaian kinerja", 3, "Disposisi", "1 jam", "Format isian"),
         ("DISTRIBUTE", "Mengedarkan format isian ke semua bidang", 3, "Format isian", "30 menit", "Tanda terima"),
         ("FILL", "Mengisikan realisasi capaian kinerja pada format", 2, "Format isian", "2 hari", "Format terisi"),
         ("SUBMIT", "Mengirimkan format terisi kepada Analis Perencanaan", 2, "Format terisi", "30 menit", "Tanda terima"),
         ("RECAP", "Merekapitulasi seluruh capaian kinerja", 3, "Format terisi", "1 hari", "Rekapitulasi capaian"),
         ("REVIEW", "Mengevaluasi hasil rekapitulasi capaian kinerja", 1, "Rekapitulasi capaian", "3 jam", "Hasil evaluasi"),
         ("REPORT", "Melaporkan capaian kinerja kepada Kepala Badan", 1, "Hasil evaluasi", "1 jam", "Laporan capaian"),
         ("ARCHIVE", "Mengarsipkan dokumen capaian kinerja", 3, "Laporan capaian", "20 menit", "Arsip"),
     ], "findings": []},
    {"name": "h09", "family": "pengumpulan_data_kinerja", "agency": "KECAMATAN LAGE\tKABUPATEN POSO",
     "number": "060/15/KEC/2025", "title": "SOP Pengumpulan Data Kinerja Kecamatan", "unit": None,
     "actors": ["Camat", "Sekretaris Camat", "Kepala Seksi", "Pelaksana"],
     "steps": [
         ("INSTRUCT", "Camat menginstruksikan pengumpulan data kinerja", 0, "-", "15 menit", "Arahan"),
         ("PREPARE_FORM", "Pelaksana mempersiapkan formulir data kinerja", 3, "Arahan", "1 jam", "Formulir"),
         ("DISTRIBUTE", "Formulir dibagikan kepada para Kepala Seksi", 3, "Formulir", "30 menit", "Tanda terima"),
         ("FILL", "Formulir data kinerja diisi oleh Kepala Seksi", 2, "Formulir", "3 hari", "Formulir terisi"),
         ("SUBMIT", "Menyerahkan data kinerja kepada Pelaksana", 2, "Formulir terisi", "15 hari", "Tanda terima"),
         ("RECAP", "Pelaksana merekap data kinerja seksi", 3, "Formulir terisi", "4 jam", "Rekap data"),
         ("REPORT", "Rekap data kinerja dilaporkan kepada Camat", 1, "Rekap data", "1 jam", "Laporan"),
         ("ARCHIVE", "Pendokumentasian data kinerja", 3, "Laporan", "20 menit", "Arsip"),
     ], "findings": [{"rule": "DURATION_IMPLAUSIBLE", "step_no": 5}]},
    {"name": "h10", "family": "surat_keluar", "agency": "DINAS PENDIDIKAN\tKABUPATEN DONGGALA",
     "number": "421/..../DISDIK/2025", "title": "SOP Surat Keluar", "unit": None,
     "actors": ["Kepala Dinas", "Kasubbag Umum", "Pengetik"],
     "steps": [
         ("INSTRUCT", "Kepala Dinas memerintahkan pembuatan surat dinas", 0, "Nota", "15 menit", "Disposisi"),
         ("DRAFT", "Pengetikan konsep surat dinas", 2, "Disposisi", "45 menit", "Konsep surat"),
         ("REVIEW", "Penelitian dan koreksi konsep surat", 1, "Konsep surat", "20 menit", "Konsep terkoreksi"),
         ("SIGN", "Penandatanganan surat oleh Kepala Dinas", 0, "Konsep terkoreksi", "20 menit", "Surat ditandatangani"),
         ("NUMBER", "Pemberian nomor dan tanggal surat pada buku agenda keluar", 2, "Surat", "10 menit", "Surat bernomor"),
         ("STAMP", "Pembubuhan cap dinas", 2, "Surat bernomor", "5 menit", "Surat distempel"),
         ("SEND", "Pengiriman surat ke alamat tujuan", 2, "Surat", "1 jam", "Bukti kirim"),
     ], "findings": [{"rule": "SOP_NUMBER_INCOMPLETE"}]},
    {"name": "h11", "family": "surat_keluar", "agency": "DINAS PERTANIAN\tKABUPATEN TOJO UNA-UNA",
     "number": "045.2/077/DISTAN/2025", "title": "SOP Pembuatan Surat Keluar", "unit": None,
     "actors": ["Kepala Dinas", "Sekretaris", "Pelaksana"],
     "steps": [
         ("INSTRUCT", "Menugaskan Pelaksana membuat surat keluar", 0, "-", "15 menit", "Disposisi"),
         ("DRAFT", "Merancang naskah surat keluar", 2, "Disposisi", "1 jam", "Naskah surat"),
         ("REVIEW", "Mengecek dan memaraf naskah surat keluar", 1, "Naskah surat", "30 menit", "Naskah terparaf"),
         ("SIGN", "Membubuhkan tanda tangan pada surat keluar", 0, "Naskah terparaf", "15 menit", "Surat ditandatangani"),
         ("NUMBER", "Menomori surat keluar dan mencatat di buku agenda", 2, "Surat", "10 menit", "Surat bernomor"),
         ("SEND", "Mengantar surat keluar kepada alamat tujuan", 2, "Surat", "2 jam", "Tanda terima"),
         ("ARCHIVE", "Menyimpan salinan surat keluar", 2, "Salinan", "10 menit", "Arsip surat keluar"),
     ], "findings": []},
    {"name": "h12", "family": "surat_keluar", "agency": "SEKRETARIAT DPRD\tKABUPATEN BUOL",
     "number": "SOP/SETWAN/031/2025", "title": "SOP Naskah Dinas Keluar", "unit": None,
     "actors": ["Sekretaris DPRD", "Kabag Umum", "Pengadministrasi"],
     "steps": [
         ("INSTRUCT", "Sekretaris DPRD mendisposisi pembuatan naskah dinas", 0, "-", "20 menit", "Disposisi"),
         ("DRAFT", "Pengadministrasi menyusun draf naskah dinas", 2, "Disposisi", "1 jam", "Draf naskah"),
         ("REVIEW", "Draf naskah diperiksa dan diparaf Kabag Umum", 1, "Draf naskah", "30 menit", "Draf terparaf"),
         ("SIGN", "Naskah dinas ditandatangani Sekretaris DPRD", 0, "Draf terparaf", "30 menit", "Naskah ditandatangani"),
         ("STAMP", "Naskah dinas distempel dan digandakan", 2, "Naskah", "10 menit", "Naskah siap kirim"),
         ("SEND", "Naskah dikirim melalui surel dinas", 2, "Naskah", "30 menit", "Bukti kirim"),
         ("ARCHIVE", "Salinan naskah diarsipkan", 2, "Salinan", "10 menit", "Arsip"),
     ], "findings": [{"rule": "STEP_NUMBER_GAP", "step_no": 4}], "skip_number": 4},
]

IDENTITY = """{agency_line1}\tNomor SOP\t{number}
{agency_line2}\tTanggal Pembuatan\t06 Januari 2025
\tTanggal Revisi\t-
\tTanggal Efektif\t03 Februari 2025
\tDisahkan Oleh\t{signer}
\tNama SOP\t{title_upper}

Dasar Hukum : 1. Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan\tKualifikasi Pelaksana : 1. Memahami tata naskah dinas
Keterkaitan : 1. SOP Kearsipan\tPeralatan/Perlengkapan : 1. Komputer 2. Printer
Peringatan : Jika SOP tidak dilaksanakan, layanan terlambat\tPencatatan dan pendataan : Disimpan secara manual dan elektronik
"""


def sop_text(sop: dict) -> str:
    line1, line2 = sop["agency"].split("\t")
    text = IDENTITY.format(agency_line1=line1, agency_line2=line2, number=sop["number"],
                           signer=f"KEPALA {line1} NIP. 19750312 200003 1 004",
                           title_upper=sop["title"].upper())
    actors = sop["actors"]
    waktu = f"WAKTU ({sop['unit']})" if sop["unit"] else "WAKTU"
    head = ["NO.", "KEGIATAN", "PELAKSANA"] + [""] * (len(actors) - 1) + ["MUTU BAKU", "", "", "KET."]
    sub = ["", ""] + actors + ["KELENGKAPAN", waktu, "OUTPUT", ""]
    rows = ["\t".join(head), "\t".join(sub)]
    for number, (phase, activity, actor, requirements, duration, output) in zip(step_numbers(sop), sop["steps"]):
        marks = ["✓" if i == actor else "" for i in range(len(actors))]
        rows.append("\t".join([str(number), activity, *marks, requirements, duration, output, ""]))
    return f"{text}\n{sop['title'].upper()}\n\n" + "\n".join(rows) + "\n"


def step_numbers(sop: dict) -> list[int]:
    """The printed step numbers: 1, 2, ... with `skip_number` left out if given."""
    skip = sop.get("skip_number")
    numbers, n = [], 1
    for _ in sop["steps"]:
        if n == skip:
            n += 1
        numbers.append(n)
        n += 1
    return numbers


def gold(sop: dict) -> dict:
    steps = [{"seq": seq, "step_no": no, "activity": activity, "phase": phase}
             for seq, (no, (phase, activity, *_)) in enumerate(zip(step_numbers(sop), sop["steps"]), start=1)]
    return {"source": f"{sop['name']}.txt", "format": "txt", "family": sop["family"],
            "doc": {"sop_number": sop["number"].strip()}, "steps": steps, "findings": sop["findings"]}


def write(sops: list[dict], folder: Path) -> None:
    """Each SOP's .txt export in folder/docs and its gold in folder/gold."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "gold").mkdir(exist_ok=True)
    for sop in sops:
        (folder / "docs" / f"{sop['name']}.txt").write_text(sop_text(sop), encoding="utf-8")
        (folder / "gold" / f"{sop['name']}.txt.json").write_text(json.dumps(gold(sop), indent=1, ensure_ascii=False),
                                                                 encoding="utf-8")


if __name__ == "__main__":
    write(SOPS, HERE)
