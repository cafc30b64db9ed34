"""sop-pipeline: Indonesian SOP documents (PermenPAN-RB 35/2012) into tables and reports."""
import os

# Arrow's own allocator (mimalloc) keeps what a stage freed for later reuse, and holds it through
# the stages after; the system allocator gives it back when pipeline.memory trims the heap (tens
# of MiB less at 10,000 files and more, and no slower). Set before Arrow first allocates; an
# ARROW_DEFAULT_MEMORY_POOL of the user's own stands.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
