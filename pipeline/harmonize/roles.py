"""Actor roles by level of the organisation, so that "Kasubag Umum" of one agency and
"Kepala Sub Bagian TU" of another count as the same kind of actor."""
from __future__ import annotations

from pipeline.harmonize.lexicon import lexicon
from pipeline.harmonize.text import reading_cache, words


@reading_cache(maxsize=4096)
def actor_level(name: str | None) -> str | None:
    """pimpinan, sekretaris, kepala bagian/bidang, kepala subbagian/seksi, pelaksana; or None."""
    text = " ".join(words(name))
    if not text:
        return None
    for level, pattern in lexicon().actor_levels:
        if pattern.search(text):
            return level
    return None
