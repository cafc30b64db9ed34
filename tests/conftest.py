"""Shared test settings."""
from hypothesis import settings

# Property tests check results, not speed: on a busy machine (CI, other workers) a slow example
# must not fail them. Speed figures live in benchmarks/.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")
