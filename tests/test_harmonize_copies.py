"""One SOP counted once: copies and revisions share an sop_id, one row stands for it."""
import re

import pandas as pd

from pipeline.harmonize import harmonize
from pipeline.database import BatchDatabase
from pipeline.finish import store_harmonization
from pipeline.report.data import HarmonizationView

SURAT_MASUK = ["Menerima surat masuk dari kurir", "Mencatat surat di buku agenda", "Memeriksa kelengkapan surat",
               "Mendisposisikan surat kepada bidang terkait", "Mengarsipkan surat"]
SURAT_KELUAR = ["Mengetik konsep surat keluar", "Memaraf konsep surat", "Menandatangani surat keluar",
                "Memberi nomor dan cap surat", "Mengirim surat kepada tujuan"]


def tables(sops: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    documents, steps = [], []
    for sop in sops:
        documents.append({"sop_key": sop["key"], "sop_title": sop["title"], "agency": sop["agency"],
                          "sop_number": sop.get("number"), "status": sop.get("status", "ok"), "source_format": sop["format"],
                          "n_steps": len(sop["steps"]), "uncertain_fields": sop.get("uncertain", []),
                          "revised_date": sop.get("revised"), "effective_date": None, "approved_date": None,
                          "created_date": "2023-01-02"})
        actor, minutes = sop.get("actor", {}), sop.get("minutes", {})
        steps += [{"sop_key": sop["key"], "seq": seq, "step_no": seq, "activity": activity,
                   "actor": actor.get(seq, "Staf"), "actors": [actor.get(seq, "Staf")], "requirements": None,
                   "output": "Surat", "duration_minutes": minutes.get(seq, 30.0), "phase": None}
                  for seq, activity in enumerate(sop["steps"], start=1)]
    return pd.DataFrame(documents), pd.DataFrame(steps)


def copies_of(sops: list[dict]) -> pd.DataFrame:
    return harmonize(*tables(sops)).copies.set_index("sop_key")


def sop(key, fmt, steps=SURAT_MASUK, agency="Dinas A", title="SOP Surat Masuk", **more) -> dict:
    return {"key": key, "format": fmt, "steps": steps, "agency": agency, "title": title, **more}


def test_copies_in_several_formats_share_an_sop_id_and_the_best_read_stands_for_them():
    scanned = [s.replace("surat", "snrat", 1) for s in SURAT_MASUK]  # a misread letter or two
    copies = copies_of([sop("a.txt#1", "txt"), sop("a.docx#1", "docx"), sop("a_scan.pdf#1", "scan_pdf", scanned),
                        sop("b.docx#1", "docx", agency="Dinas B")])
    assert copies.loc["a.txt#1", "sop_id"] == copies.loc["a.docx#1", "sop_id"] == copies.loc["a_scan.pdf#1", "sop_id"]
    assert copies.loc["b.docx#1", "sop_id"] != copies.loc["a.docx#1", "sop_id"]  # another agency's
    assert copies["is_current"].to_dict() == {"a.txt#1": False, "a.docx#1": True, "a_scan.pdf#1": False,
                                              "b.docx#1": True}


def test_the_latest_revision_stands_for_the_sop_and_another_procedure_of_the_agency_is_apart():
    revised = [*SURAT_MASUK[:3], "Mendisposisikan surat melalui aplikasi kepada bidang terkait", SURAT_MASUK[4]]
    copies = copies_of([sop("old.docx#1", "docx"), sop("new.pdf#1", "pdf", revised, revised="2024-05-01"),
                        sop("keluar.docx#1", "docx", SURAT_KELUAR, title="SOP Surat Keluar"),
                        sop("other.docx#1", "docx", agency="Dinas B")])
    assert copies.loc["old.docx#1", "sop_id"] == copies.loc["new.pdf#1", "sop_id"]
    assert copies.loc["new.pdf#1", "is_current"] and not copies.loc["old.docx#1", "is_current"]
    assert copies.loc["keluar.docx#1", "sop_id"] != copies.loc["old.docx#1", "sop_id"]
    assert copies.loc["keluar.docx#1", "is_current"]


def test_a_failed_file_is_its_own_sop_and_stands_for_nothing():
    copies = copies_of([sop("a.docx#1", "docx"), sop("broken.pdf#1", "pdf", [], status="failed")])
    assert copies.loc["broken.pdf#1", "sop_id"] != copies.loc["a.docx#1", "sop_id"]
    assert not copies.loc["broken.pdf#1", "is_current"] and copies.loc["a.docx#1", "is_current"]


def test_copies_of_one_sop_count_once_in_their_procedure_group(tmp_path):
    """The report lists a procedure group's SOPs each once (its current row)."""
    sops = [sop(f"a{i}.docx#1", "docx") for i in range(4)] + [sop("b.docx#1", "docx", agency="Dinas B")]
    documents, steps = tables(sops)
    database = BatchDatabase(tmp_path / "sop.duckdb", {})
    store_harmonization(database, harmonize(documents, steps))
    database.add_output("documents", documents)
    view = HarmonizationView(database)
    group_id = view.groups_of(["a0.docx#1"])["a0.docx#1"]
    assert view.n_members(group_id) == 2 and view.files(group_id) == ["a0.docx#1", "b.docx#1"]
    assert view.groups_of(["a3.docx#1"]) == {"a3.docx#1": group_id}  # a copy still has its group, for its own page


def test_the_same_flowchart_under_another_title_is_reported_not_merged():
    """Seen in real files: an agency's SOP whose flowchart is another of its SOPs'."""
    sops = [sop("masuk.docx#1", "docx"), sop("arsip.docx#1", "docx", title="SOP Pengelolaan Arsip Dinamis"),
            sop("other.docx#1", "docx", agency="Dinas B")]
    result = harmonize(*tables(sops))
    copies = result.copies.set_index("sop_key")
    assert copies.loc["masuk.docx#1", "sop_id"] != copies.loc["arsip.docx#1", "sop_id"]
    assert copies["is_current"].all()
    reused = {f["sop_key"]: f for f in result.findings if f["rule"] == "FLOWCHART_REUSED"}
    assert set(reused) == {"masuk.docx#1", "arsip.docx#1"}
    assert "SOP Pengelolaan Arsip Dinamis" in reused["masuk.docx#1"]["message"]
    assert reused["arsip.docx#1"]["severity"] == "warning"


REVISED = [SURAT_MASUK[0], "Mencatat surat di buku agenda elektronik", *SURAT_MASUK[2:4],
           "Mengarsipkan surat dalam map arsip", "Melaporkan surat masuk kepada pimpinan setiap bulan"]


def revised_batch() -> list[dict]:
    return [sop("a.docx#1", "docx"), sop("a.txt#1", "txt"),
            sop("a_2024.pdf#1", "pdf", REVISED, revised="2024-05-01", actor={1: "Petugas Loket"}, minutes={3: 60.0}),
            sop("b.docx#1", "docx", agency="Dinas B")]


def test_a_revision_says_what_it_changed_in_the_steps_of_the_revision_before():
    history = harmonize(*tables(revised_batch())).history.set_index("sop_key")
    assert set(history.index) == {"a.docx#1", "a.txt#1", "a_2024.pdf#1"}  # b has one file: no history
    assert history.loc["a_2024.pdf#1", "revision_date"] == "2024-05-01" and history.loc["a_2024.pdf#1", "is_current"]
    assert list(history.loc["a.docx#1", "changes"]) == list(history.loc["a.txt#1", "changes"]) == []
    assert sorted(history.loc["a_2024.pdf#1", "changes"]) == sorted([
        "Langkah 6 ditambahkan: \"Melaporkan surat masuk kepada pimpinan setiap bulan\"",
        "Langkah 1: pelaksana diubah dari Staf menjadi Petugas Loket",
        "Langkah 2: kegiatan diubah dari \"Mencatat surat di buku agenda\" menjadi "
        "\"Mencatat surat di buku agenda elektronik\"",
        "Langkah 3: waktu diubah dari 30 menit menjadi 1 jam",
        "Langkah 5: kegiatan diubah dari \"Mengarsipkan surat\" menjadi \"Mengarsipkan surat dalam map arsip\"",
    ])


def test_a_removed_step_is_named_with_its_number_in_the_older_revision():
    shorter = [*SURAT_MASUK[:2], *SURAT_MASUK[3:]]
    history = harmonize(*tables([sop("old.docx#1", "docx"), sop("new.docx#1", "docx", shorter, revised="2024-05-01")])
                        ).history.set_index("sop_key")
    assert list(history.loc["new.docx#1", "changes"]) == ["Langkah 3 dihapus: \"Memeriksa kelengkapan surat\""]


def test_the_sop_page_lists_its_files_and_what_each_revision_changed(tmp_path):
    from test_report import BatchReport

    documents, steps = tables(revised_batch())
    documents = documents.assign(source_file=documents["sop_key"].str.replace("#1", ""), sop_index=1)
    steps = steps.assign(source_file=steps["sop_key"].str.replace("#1", ""), sop_index=1)
    # the page of a copy is known before its chunk is written: each chunk holds one SOP
    writer = BatchReport(tmp_path, [harmonize(documents, steps)], documents)
    for i in range(len(documents)):
        key = documents["sop_key"].iloc[i]
        writer.add(documents.iloc[[i]], steps[steps["sop_key"] == key], pd.DataFrame())
    writer.close()
    page = (tmp_path / "sop" / "001-a-docx.html").read_text(encoding="utf-8")
    table = re.search(r'<table id="copies">.*?</table>', page, re.S).group(0)
    rows = re.findall(r"<tr(?: class=\"own\")?><td>.*?</tr>", table, re.S)
    assert [re.search(r"a(?:_2024)?\.\w+", row).group(0) for row in rows] == ["a_2024.pdf", "a.docx", "a.txt"]
    assert "01-05-2024" in rows[0] and "acuan" in rows[0] and "acuan" not in rows[1] + rows[2]
    assert 'href="003-a-2024-pdf.html"' in rows[0] and "(halaman ini)" in rows[1]
    assert "Perubahan dari revisi 02-01-2023 ke revisi 01-05-2024" in page
    assert "Langkah 3: waktu diubah dari 30 menit menjadi 1 jam" in page
    other = (tmp_path / "sop" / "004-b-docx.html").read_text(encoding="utf-8")
    assert 'id="copies"' not in other  # an SOP in one file


def test_a_scan_that_lost_steps_is_its_copy_by_its_complete_number_and_title():
    lost = SURAT_MASUK[:2]  # the rest of the table was not read on the scan
    copies = copies_of([sop("a.docx#1", "docx", number="045/017/DKP/2025"),
                        sop("a_scan.pdf#1", "scan_pdf", lost, number="045/017/DKP/2025 "),
                        sop("b.docx#1", "docx", agency="Dinas B")])
    assert copies.loc["a.docx#1", "sop_id"] == copies.loc["a_scan.pdf#1", "sop_id"]


def test_a_number_with_a_blank_part_identifies_no_sop():
    """Drafts of an agency share "800/   /BKD": under it, different steps stay different SOPs."""
    copies = copies_of([sop("a.docx#1", "docx", number="800/   /BKD"),
                        sop("c.docx#1", "docx", SURAT_KELUAR, number="800/   /BKD"),
                        sop("b.docx#1", "docx", agency="Dinas B")])
    assert copies.loc["a.docx#1", "sop_id"] != copies.loc["c.docx#1", "sop_id"]


def test_an_agency_read_with_its_letterhead_lines_in_another_order_is_one_agency():
    copies = copies_of([sop("a.docx#1", "docx", agency="Badan Penanggulangan Bencana Daerah Kabupaten Sigi"),
                        sop("a_scan.pdf#1", "scan_pdf", agency="Bencana Daerah Badan Penanggulangan Kabupaten Sigi"),
                        sop("b.docx#1", "docx", agency="Dinas B")])
    assert copies.loc["a.docx#1", "sop_id"] == copies.loc["a_scan.pdf#1", "sop_id"]


ARSIP = ["Memilah arsip aktif dan inaktif", "Memindahkan arsip inaktif ke unit kearsipan",
         "Memusnahkan arsip sesuai jadwal retensi"]


def test_a_scan_that_read_a_run_of_the_steps_is_its_copy_under_one_title_only():
    lost = [s.replace("surat", "sur at", 1) for s in SURAT_MASUK[:3]]  # later rows not read, words split
    result = harmonize(*tables([sop("a.docx#1", "docx", number="800/   /BKD"),
                                sop("a_scan.pdf#1", "scan_pdf", lost, number="800/ /BKD"),
                                sop("arsip.docx#1", "docx", [*SURAT_MASUK[:3], *ARSIP], title="SOP Pengelolaan Arsip Dinamis"),
                                sop("b.docx#1", "docx", agency="Dinas B")]))
    copies = result.copies.set_index("sop_key")
    assert copies.loc["a.docx#1", "sop_id"] == copies.loc["a_scan.pdf#1", "sop_id"]
    assert copies.loc["arsip.docx#1", "sop_id"] != copies.loc["a.docx#1", "sop_id"]
    assert not [f for f in result.findings if f["rule"] == "FLOWCHART_REUSED"]  # a part is not the flowchart


def test_thousands_of_copies_of_one_sop_are_joined_without_comparing_every_pair(monkeypatch):
    """Regression: a batch of 10,000 files holding copies of a few SOPs made a list of every pair
    of one agency's copies (1.5 GB at 10,000 files); copies read alike are not compared."""
    from pipeline.harmonize import copies as copies_module

    compared = []
    ratio = copies_module.fuzz.ratio
    monkeypatch.setattr(copies_module.fuzz, "ratio", lambda a, b, **k: compared.append(1) or ratio(a, b, **k))
    revised = [*SURAT_MASUK[:3], "Mendisposisikan surat melalui aplikasi kepada bidang terkait", SURAT_MASUK[4]]
    batch = [sop(f"copy{i:04d}.docx#1", "docx") for i in range(1500)]
    batch += [sop("revised.pdf#1", "pdf", revised, revised="2024-05-01"),
              sop("other.docx#1", "docx", SURAT_KELUAR, title="SOP Surat Keluar")]
    copies = copies_of(batch)
    assert copies.loc[[s["key"] for s in batch[:-1]], "sop_id"].nunique() == 1  # the copies and their revision
    assert copies.loc["other.docx#1", "sop_id"] != copies.loc["revised.pdf#1", "sop_id"]
    assert copies.loc["revised.pdf#1", "is_current"] and copies["is_current"].sum() == 2
    assert len(compared) < 100  # three distinct readings, not 1,500 x 1,500 / 2 pairs
