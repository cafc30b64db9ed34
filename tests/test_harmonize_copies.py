"""One SOP counted once: copies and revisions share an sop_id, one row stands for it."""
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
                          "sop_number": None, "status": sop.get("status", "ok"), "source_format": sop["format"],
                          "n_steps": len(sop["steps"]), "uncertain_fields": sop.get("uncertain", []),
                          "revised_date": sop.get("revised"), "effective_date": None, "approved_date": None,
                          "created_date": "2023-01-02"})
        steps += [{"sop_key": sop["key"], "seq": seq, "step_no": seq, "activity": activity, "actor": "Staf",
                   "actors": ["Staf"], "requirements": None, "output": "Surat", "duration_minutes": 30.0,
                   "phase": None} for seq, activity in enumerate(sop["steps"], start=1)]
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
