"""The same signer's NIP across the batch: a scan's NIP a few digits away is a misreading to check."""
import pandas as pd

from pipeline.harmonize import harmonize
from pipeline.harmonize.signers import misread_nip_findings, signer_key

NIP = "197011101995031002"
MISREAD = "197011191995031002"  # 0 read as 9: still a valid NIP


def documents(*rows):
    return pd.DataFrame([{"sop_key": f"sop{i}.pdf#1", "source_format": fmt, "signatory_name": name,
                          "signatory_nip_text": nip} for i, (fmt, name, nip) in enumerate(rows)])


def test_scan_nip_a_digit_from_the_signers_nip_elsewhere_is_to_check():
    found = misread_nip_findings(documents(("pdf", "Drs. H. AHMAD SUBAGJA, M.Si", NIP),
                                           ("docx", "Drs. H. Ahmad Subagja, M.Si.", "19701110 199503 1 002"),
                                           ("scan_pdf", "AHMAD SUBAGJA", "19701119 199503 1 002")))
    assert len(found) == 1
    finding = found[0]
    assert (finding["sop_key"], finding["rule"], finding["severity"], finding["field"], finding["uncertain"]) == \
        ("sop2.pdf#1", "READING_UNCERTAIN", "info", "signatory_nip", True)
    assert MISREAD in finding["message"] and NIP in finding["message"]


def test_two_scans_that_disagree_are_both_to_check_and_the_majority_is_not():
    found = misread_nip_findings(documents(("scan_pdf", "Ahmad Subagja", NIP), ("image", "Ahmad Subagja", MISREAD)))
    assert sorted(f["sop_key"] for f in found) == ["sop0.pdf#1", "sop1.pdf#1"]
    found = misread_nip_findings(documents(("scan_pdf", "Ahmad Subagja", NIP), ("scan_pdf", "Ahmad Subagja", NIP),
                                           ("image", "Ahmad Subagja", MISREAD)))
    assert [f["sop_key"] for f in found] == ["sop2.pdf#1"]


def test_another_officials_nip_a_born_digital_nip_or_a_partial_one_is_not_a_misreading():
    other_official = "198503222010012015"
    assert misread_nip_findings(documents(("pdf", "Ahmad Subagja", NIP), ("scan_pdf", "Ahmad Subagja", other_official))) == []
    # a born-digital SOP's NIP is not a reading: the scan beside it is the one to check
    found = misread_nip_findings(documents(("scan_pdf", "Ahmad Subagja", NIP), ("docx", "Ahmad Subagja", MISREAD)))
    assert [f["sop_key"] for f in found] == ["sop0.pdf#1"]
    assert misread_nip_findings(documents(("pdf", "Ahmad Subagja", NIP), ("scan_pdf", "Budi Santoso", MISREAD))) == []
    assert misread_nip_findings(documents(("pdf", "Ahmad Subagja", NIP), ("scan_pdf", "Ahmad Subagja", "1970111"))) == []


def test_signer_key_leaves_out_degrees_and_titles():
    assert signer_key("Drs. H. AHMAD SUBAGJA, M.Si") == signer_key("Ahmad Subagja, S.Sos., MM") == "ahmad subagja"


def test_harmonization_gives_the_finding_with_the_batch():
    docs = documents(("pdf", "Ahmad Subagja", NIP), ("scan_pdf", "Ahmad Subagja", MISREAD)).assign(
        sop_title="SOP Penerimaan Surat Masuk", agency="Dinas Sosial", sop_number=None, status="ok", n_steps=1,
        uncertain_fields=None)
    steps = pd.DataFrame([{"sop_key": key, "seq": 1, "step_no": 1, "activity": "Menerima surat masuk",
                           "output": "Surat", "requirements": None, "actor": "Pengadministrasi",
                           "duration_minutes": 10.0} for key in docs["sop_key"]])
    findings = harmonize(docs, steps).findings
    assert [(f["sop_key"], f["rule"]) for f in findings if f["field"] == "signatory_nip"] == \
        [("sop1.pdf#1", "READING_UNCERTAIN")]
