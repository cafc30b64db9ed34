"""The signers' NIPs across the batch. One official signs many SOPs of an agency, so on a scan
a NIP a few digits away from the one the same signer has on the batch's other SOPs is a
misreading to check by eye, not another official: OCR confuses 0/8/9 and 1/7 yet the result
can still be a valid NIP (a birth date and appointment month that exist)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd

SIGNER_COLUMNS = ["sop_key", "source_format", "signatory_name", "signatory_nip_text"]
READ_BY_OCR = {"scan_pdf", "image"}
NIP_DIGITS = 18
MOST_DIGITS_MISREAD = 3  # more differing digits: another official's NIP, not a misreading
SHORT_WORD = 3  # words of a name this short are degrees and titles ("Drs.", "S.Sos", "M.Si", "SE", "H.")


def signer_key(name) -> str:
    """The signer's name without degrees and titles, for matching one official's SOPs."""
    if not isinstance(name, str):
        return ""
    return " ".join(word for word in re.findall(r"[^\W\d_]+", name.casefold()) if len(word) > SHORT_WORD)


def nip_digits(printed) -> str:
    digits = re.sub(r"\D", "", printed) if isinstance(printed, str) else ""
    return digits if len(digits) == NIP_DIGITS else ""


def digits_apart(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b))


def misread_nip_findings(documents: pd.DataFrame) -> list[dict]:
    """READING_UNCERTAIN on each scanned SOP whose signer's NIP differs by a few digits from a
    NIP the same signer has on as many of the batch's SOPs or more, or on a born-digital one
    (two scans that disagree are both to check)."""
    nips: dict[str, Counter] = defaultdict(Counter)  # signer -> NIP -> SOPs that print it
    digital: dict[str, set[str]] = defaultdict(set)  # signer -> NIPs of born-digital SOPs
    rows = []
    for key, source_format, name, printed in documents[SIGNER_COLUMNS].itertuples(index=False):
        signer, nip = signer_key(name), nip_digits(printed)
        if not signer or not nip:
            continue
        nips[signer][nip] += 1
        if source_format not in READ_BY_OCR:
            digital[signer].add(nip)
        rows.append((key, source_format, name, signer, nip))
    found = []
    for key, source_format, name, signer, nip in rows:
        if source_format not in READ_BY_OCR:
            continue
        likelier = [other for other, count in nips[signer].items()
                    if 0 < digits_apart(nip, other) <= MOST_DIGITS_MISREAD
                    and (count >= nips[signer][nip] or other in digital[signer])]
        if likelier:
            other = max(likelier, key=lambda n: (n in digital[signer], nips[signer][n]))
            found.append(finding(key, name, nip, other, nips[signer][other]))
    return found


def finding(sop_key: str, name: str, nip: str, other: str, n_other: int) -> dict:
    return {"sop_key": sop_key, "rule": "READING_UNCERTAIN", "severity": "info", "step_no": None,
            "field": "signatory_nip", "uncertain": True,
            "message": f"NIP penandatangan terbaca {nip}, sedangkan {n_other} SOP lain yang ditandatangani "
                       f"{name} mencantumkan {other}. Kemungkinan ada digit yang salah dibaca: periksa NIP "
                       "pada dokumen aslinya."}
