"""Shared test settings."""
from hypothesis import settings

# Property tests check results, not speed: on a busy machine (CI, other workers) a slow example
# must not fail them. Speed figures live in benchmarks/.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")


import signal  # noqa: E402

import pytest  # noqa: E402


class Hang(Exception):
    pass


@pytest.fixture
def fails_if_it_hangs():
    """Turns a hang (a FIFO or /dev/zero read by the main process) into a failure after 300 s,
    instead of a test run that never ends."""
    def hung(signum, frame):
        raise Hang("the test hung for 300 s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(300)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)
