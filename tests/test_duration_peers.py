"""Times judged against the peer agencies' times for the same phase: an order of magnitude
from their median is DURATION_OUTLIER; two orders of magnitude from every peer's time (days
where all take minutes, minutes where all take days: a unit mistyped) it is
DURATION_IMPLAUSIBLE; a time the step's kind of work already finds implausible is reported
implausible once, by validate, and an outlier beside it."""
from hypothesis import given, settings, strategies as st

from pipeline.harmonize import harmonize
from pipeline.validate.bands import implausible_duration

from test_harmonize import tables
from test_harmonize_unseen import WORDINGS, agencies

DAY = 450
# rows of WORDINGS whose kind of work allows up to five days (receiving, recording) or
# more (checking, of no band of its own)
ROWS = [0, 1, 2]


def with_times(peer_minutes: list[float], own_minutes: float, row: int, peers: int = 3,
               wording: str | None = None) -> dict:
    """The procedure at peers + 1 agencies; step `row` timed peer_minutes (cycled) at the
    peers and own_minutes at the last agency (and worded `wording` at every agency, if given),
    every other step 15 minutes."""
    sops = agencies([0, 1, 2])
    names = [f"{n}.docx" for n in range(peers + 1)]
    for index, name in enumerate(names):
        base = sops[f"{index % 3}.docx"]["steps"]
        minutes = own_minutes if index == peers else peer_minutes[index % len(peer_minutes)]
        sops[name] = {"title": "SOP Pengelolaan Surat Masuk", "agency": f"Dinas {'ABCDEF'[index]}",
                      "steps": [(wording or a if i == row else a, actor, o, minutes if i == row else 15)
                                for i, (a, actor, o, _) in enumerate(base)]}
    return {name: sops[name] for name in names}


def duration_rules(sops: dict, row: int) -> list[str]:
    own = sorted(sops)[-1]
    return [f["rule"] for f in harmonize(*tables(sops)).findings
            if f["sop_key"] == own and f["step_no"] == row + 1 and f["rule"].startswith("DURATION")]


@settings(max_examples=10, deadline=None)
@given(st.lists(st.integers(5, 20), min_size=3, max_size=3), st.integers(5, 60))
def test_days_where_every_peer_takes_minutes_is_implausible_once(peers, days):
    row = 2  # studying a letter's content: no band of its own, up to the fallback's year
    sops = with_times(peers, days * DAY, row, wording="Menelaah isi surat")
    activity = sops[sorted(sops)[-1]]["steps"][row][0]
    assert implausible_duration(activity, days * DAY) is None  # within its kind's band
    assert duration_rules(sops, row) == ["DURATION_IMPLAUSIBLE"]


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(ROWS), st.lists(st.integers(15, 30), min_size=3, max_size=3))
def test_a_day_where_peers_take_half_an_hour_is_only_an_outlier(row, peers):
    # "1 hari" is a common upper bound for signing or a disposition
    assert duration_rules(with_times(peers, DAY, row), row) == ["DURATION_OUTLIER"]


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(ROWS), st.lists(st.integers(5, 10), min_size=3, max_size=3), st.integers(2, 7))
def test_hours_where_peers_take_minutes_is_an_outlier_not_implausible(row, peers, hours):
    own = hours * 60
    if own < 10 * sorted(peers)[1]:
        own = 10 * sorted(peers)[1]
    assert duration_rules(with_times(peers, own, row), row) == ["DURATION_OUTLIER"]


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(ROWS), st.lists(st.integers(2, 5), min_size=3, max_size=3), st.integers(1, 9))
def test_minutes_where_every_peer_takes_days_is_implausible(row, peer_days, minutes):
    sops = with_times([d * DAY for d in peer_days], minutes, row)
    assert duration_rules(sops, row) == ["DURATION_IMPLAUSIBLE"]


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([0, 1]), st.lists(st.integers(5, 30), min_size=3, max_size=3), st.integers(11, 60))
def test_a_time_its_kind_of_work_finds_implausible_gets_no_second_finding(row, peers, days):
    sops = with_times(peers, days * DAY, row)
    activity = sops[sorted(sops)[-1]]["steps"][row][0]
    assert implausible_duration(activity, days * DAY)  # validate reports it
    assert duration_rules(sops, row) == []


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(ROWS), st.lists(st.integers(5, 20), min_size=2, max_size=2), st.integers(1, 4))
def test_two_peers_are_too_few_to_judge_a_time(row, peers, days):
    assert duration_rules(with_times(peers, days * DAY, row, peers=2), row) == []


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(ROWS), st.lists(st.integers(5, 30), min_size=3, max_size=3), st.integers(10, 50))
def test_peers_own_usual_times_raise_nothing(row, peers, own):
    assert duration_rules(with_times(peers, own, row), row) == []


assert len(WORDINGS) > max(ROWS)


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([0, 1]), st.lists(st.integers(1, 2), min_size=3, max_size=3), st.integers(20, 40))
def test_an_outlier_is_said_beside_its_kind_of_works_finding(row, peer_days, days):
    # weeks for receiving or recording where the peers take a day or two: validate finds the
    # time implausible for its kind of work, and the peers tell how far it is from theirs
    sops = with_times([d * DAY for d in peer_days], days * DAY, row)
    activity = sops[sorted(sops)[-1]]["steps"][row][0]
    assert implausible_duration(activity, days * DAY)
    assert duration_rules(sops, row) == ["DURATION_OUTLIER"]
