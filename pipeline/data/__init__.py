"""Dictionaries and tables the pipeline reads at run time (JSON files beside this module)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load_json(name: str):
    """The parsed content of data file `name`, read once per process."""
    return json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))
