"""The same batch on a dask.distributed cluster gives the same tables as the local executor."""
from pathlib import Path

import pytest

from pipeline.batch import run_batch
from pipeline.inputs import BatchOptions, discover

distributed = pytest.importorskip("dask.distributed")

FIXTURES = Path(__file__).parent / "fixtures" / "txt"


def test_dask_cluster_tables_equal_local_tables(tmp_path):
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    files = discover([FIXTURES]) + discover([tmp_path])
    local = run_batch(files, BatchOptions(workers=1, timeout=None))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        on_dask = run_batch(files, BatchOptions(executor="dask", scheduler=cluster.scheduler_address))
    assert on_dask.documents == local.documents
    assert on_dask.steps == local.steps
    assert on_dask.findings == local.findings
    assert len(on_dask.documents) == len(files)


def test_dask_applies_the_per_file_time_and_memory_limits_as_a_local_run_does(tmp_path, monkeypatch):
    import shutil
    import time

    import pipeline.batch as batch

    for name in ("slow.txt", "fast.txt", "bomb.txt"):
        shutil.copy(FIXTURES / "sop_d005.txt", tmp_path / name)
    real_extract = batch.extract

    def sometimes_slow_or_greedy(path):
        if path.name == "slow.txt":
            time.sleep(30)
        if path.name == "bomb.txt":
            bytearray(3 << 30)  # 3 GiB, over the 2 GiB limit
        return real_extract(path)

    # inherited by the processes the reading is forked into, here and on the in-process Dask worker
    monkeypatch.setattr(batch, "extract", sometimes_slow_or_greedy)
    files = discover([tmp_path])
    limits = {"timeout": 2, "memory_mb": 2048}
    local = run_batch(files, BatchOptions(workers=1, **limits))
    try:
        with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                      dashboard_address=None) as cluster:
            on_dask = run_batch(files, BatchOptions(executor="dask", scheduler=cluster.scheduler_address, **limits))
    finally:
        for pool in batch.WORKER_POOLS.values():
            pool.stop()
        batch.WORKER_POOLS.clear()
    assert on_dask.documents == local.documents and on_dask.steps == local.steps
    rows = {document["source_file"]: document for document in on_dask.documents}
    assert rows["fast.txt"]["status"] == "ok"
    assert rows["slow.txt"]["status"] == "failed" and "batas waktu 2 detik" in rows["slow.txt"]["error"]
    assert rows["bomb.txt"]["status"] == "failed" and "memori" in rows["bomb.txt"]["error"]
