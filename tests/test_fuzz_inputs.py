"""Fuzzing the batch with damaged copies of the fixtures, special files and odd names: every
path is accounted for, nothing hangs, and every row reads as the contract says."""
import os
import random
import shutil
import socket
import time
from pathlib import Path

from pipeline.batch import run_batch
from pipeline.inputs import BatchOptions, discover

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = [FIXTURES / "docx" / "sop_d004.docx", FIXTURES / "pdf" / "sop_d014.pdf",
           FIXTURES / "scan" / "sop_d027_photo.jpg"]
KNOWN_FORMATS = {"docx", "doc", "pdf", "scan_pdf", "image", "txt", "unknown"}
EXCEPTION_WORDS = ("Error", "Exception", "Traceback", "errno", "NotImplemented", "arg is an empty sequence")


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    damaged = bytearray(data)
    for _ in range(5):
        position = rng.randrange(len(damaged))
        damaged[position] ^= 0xFF
    return bytes(damaged)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def splice(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + os.urandom(rng.randrange(1, 512)) + data[start + rng.randrange(1, 512):]


MUTATIONS = (flip_bytes, truncate, splice)


def fuzz_folder(root: Path, seed: int = 23) -> Path:
    rng = random.Random(seed)
    folder = root / "fuzz"
    folder.mkdir()
    for source in SOURCES:
        data = source.read_bytes()
        for mutate in MUTATIONS:
            (folder / f"{mutate.__name__}-{source.name}").write_bytes(mutate(data, rng))
    odd = folder / "nama aneh"
    odd.mkdir()
    good = FIXTURES / "txt" / "sop_d005.txt"
    names = ("-r.txt", "baris\nbaru.txt", "é" * 80 + ".txt", "x" * 251 + ".txt", "🙂 SOP.txt",
             os.fsdecode(b"\xc0\xaf latin1 \xe9.txt"))
    for name in names:
        shutil.copy(good, odd / name)
    os.mkfifo(folder / "pipa.pdf")
    (folder / "nol.docx").symlink_to("/dev/zero")
    (folder / "lingkaran.pdf").symlink_to(folder / "lingkaran.pdf")
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(folder / "soket.jpg"))
    return folder


def test_damaged_files_special_files_and_odd_names_are_all_accounted_for(tmp_path, fails_if_it_hangs):
    folder = fuzz_folder(tmp_path)
    paths = [path for path in folder.rglob("*") if not path.is_dir() or path.is_symlink()]
    started = time.monotonic()
    result = run_batch(discover([folder]), BatchOptions(workers=2, timeout=30, memory_mb=2048))
    assert time.monotonic() - started < 240  # the per-file limits bound every file
    documents = result.documents
    assert len({d["source_file"] for d in documents}) == len(paths)
    for row in documents:
        assert row["status"] in {"ok", "partial", "failed"} and row["source_format"] in KNOWN_FORMATS
        assert row["source_file"].encode("utf-8")  # no lone surrogates: every writer takes it
        if row["status"] == "ok":
            assert row["n_steps"] > 0, row
        else:
            assert row["error"] and not any(word in row["error"] for word in EXCEPTION_WORDS), row
    special = {d["source_file"]: d for d in documents if d["source_file"] in {"pipa.pdf", "nol.docx",
                                                                              "lingkaran.pdf", "soket.jpg"}}
    assert len(special) == 4 and all(d["status"] == "failed" for d in special.values())
    assert sum(d["status"] == "ok" for d in documents if d["source_file"].startswith("nama aneh/")) == 6
