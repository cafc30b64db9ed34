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
