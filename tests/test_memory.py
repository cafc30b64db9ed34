"""The process-wide memory settings the pipeline makes."""
import os
import subprocess
import sys


def arrow_allocator(environment: dict[str, str]) -> str:
    code = "import pipeline, pyarrow; print(pyarrow.default_memory_pool().backend_name)"
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_arrow_uses_the_system_allocator_whose_freed_memory_can_go_back_unless_the_user_chose():
    environment = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    assert arrow_allocator(environment) == "system"
    assert arrow_allocator({**environment, "ARROW_DEFAULT_MEMORY_POOL": "mimalloc"}) == "mimalloc"
