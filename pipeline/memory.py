"""Giving freed memory back to the system. glibc's heap and Arrow's memory pool both keep what
was freed for later reuse, so a process would hold the peak of every file or stage it ran
through the ones after it."""
from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

import pyarrow as pa


def release_freed_memory() -> None:
    pa.default_memory_pool().release_unused()
    trim = malloc_trim()
    if trim is not None:
        trim(0)


@cache
def malloc_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc: nothing to release this way
        return None
