"""Shares, Wilson intervals and too-few-to-say, against hand-computed values and properties."""

import math

import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from persona_lib.load import load_survey
from persona_lib.stats import (
    breakdown, evidence_from_counts, median_and_range, numeric_bin_edges, wilson_interval,
)


@pytest.mark.parametrize(
    ("count", "n", "low", "high"),
    [
        # Hand-computed from the Wilson formula with z = 1.959964.
        (50, 100, 0.40383, 0.59617),
        (0, 10, 0.0, 0.27754),
        (10, 10, 0.72246, 1.0),
        (1, 20, 0.00889, 0.23613),
    ],
)
def test_wilson_hand_computed(count, n, low, high):
    lo, hi = wilson_interval(count, n)
    assert lo == pytest.approx(low, abs=1e-5)
    assert hi == pytest.approx(high, abs=1e-5)


@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_the_share_and_stays_in_unit_interval(pair):
    count, n = pair
    lo, hi = wilson_interval(count, n)
    assert 0.0 <= lo <= count / n <= hi <= 1.0


@given(st.integers(0, 50), st.integers(51, 200))
def test_wilson_narrows_with_more_data(count, n):
    lo1, hi1 = wilson_interval(count, n)
    lo4, hi4 = wilson_interval(count * 4, n * 4)
    assert hi4 - lo4 < hi1 - lo1


def test_too_few_gives_no_share():
    ev = evidence_from_counts(3, 7, 100, 1000, min_n=10)
    assert ev.status == "too_few"
    assert ev.share_segment is None and ev.lift is None
    assert ev.share_overall == pytest.approx(0.1)


def test_evidence_share_and_lift():
    ev = evidence_from_counts(30, 60, 100, 1000)
    assert (ev.status, ev.share_segment, ev.share_overall) == ("ok", 0.5, 0.1)
    assert ev.lift == pytest.approx(5.0)
    assert (ev.ci_low, ev.ci_high) == pytest.approx(wilson_interval(30, 60))


CSV = b"""Who,Channels,Spend
a,"Email, Phone",10
b,Email,20
c,,35
d,"Phone, Post",
e,Email,99
"""


def test_multi_select_share_is_of_respondents_who_answered():
    survey = load_survey(CSV + b"f,\"Post, Email\",5\ng,Phone,7\n", "t.csv")
    everyone = pd.Series(True, index=survey.data.index)
    table = breakdown(survey, "Channels", everyone, min_n=1).set_index("answer")
    # 6 of 7 answered; Email chosen by a, b, e, f.
    assert table.loc["Email", "count_overall"] == 4
    assert table.loc["Email", "n_overall"] == 6
    assert table.loc["Email", "share_overall"] == pytest.approx(4 / 6)
    assert table["share_overall"].sum() > 1  # several options per respondent


def test_single_choice_breakdown_in_a_segment(sample):
    age = "How old are you?"
    mask = sample.data["Where do you live?"] == "Big city"
    table = breakdown(sample, age, mask).set_index("answer")
    answered = sample.data[age].notna()
    n_seg = int((answered & mask).sum())
    k = int(((sample.data[age] == "25-34") & mask).sum())
    assert table.loc["25-34", "n_segment"] == n_seg
    assert table.loc["25-34", "count_segment"] == k
    assert table.loc["25-34", "share_segment"] == pytest.approx(k / n_seg)
    assert table["share_segment"].sum() == pytest.approx(1.0)


def test_numeric_bins_cover_every_value(sample):
    spend = sample.data["How much do you spend on coffee in a typical month? (USD)"]
    table = breakdown(sample, spend.name, pd.Series(True, index=spend.index))
    assert table["count_overall"].sum() == spend.notna().sum()
    assert len(table) <= 12


@given(st.lists(st.floats(-1e300, 1e300, allow_nan=False), min_size=1, max_size=200))
@example([3.0, -8.745134342713364e-248])  # found by hypothesis: one bin more than allowed
@example([0.0, 5e-324])  # found by hypothesis: a span whose twelfth underflows to zero
@example([11.0, -5e-324])  # found by hypothesis: a value a hair below zero divides to zero
@example([9007199254740992.0])  # found by hypothesis: 2 ** 53 + 1 is 2 ** 53
@example([9.999999999999395e+299, 9.999999999999388e+299])  # steps below their precision
def test_bin_edges_cover_values(values):
    import numpy as np

    arr = np.array(values)
    edges = numeric_bin_edges(arr)
    assert edges[0] <= arr.min() and arr.max() < edges[-1]
    assert len(edges) - 1 <= 13
    assert all(b > a for a, b in zip(edges, edges[1:]))


def test_a_few_absurd_numbers_get_the_last_bin_and_leave_the_rest_readable():
    """freeCodeCamp 2016 (typeform): 'hours spend learning each week' has 1e14, 3e20 and
    1.2e34 among answers of 0 to 100; 10 ** 33 as a step overflowed int64 and the chart
    crashed, and one bin 0-2e33 would hold everyone."""
    import numpy as np

    hours = np.array([float(h % 60) for h in range(500)] + [1e14, 3e20, 1.2321231231232124e34])
    edges = numeric_bin_edges(hours)
    assert edges[0] == 0 and edges[-1] > 1.2321231231232124e34 and len(edges) - 1 <= 12
    assert edges[-2] <= 60  # the bins before the last cover the answers people gave
    counts = np.histogram(hours, edges)[0]
    assert counts[-1] == 3 and counts[:-1].max() < 100


def test_median_and_range():
    summary = median_and_range(pd.Series([10, 20, 30, 40, None]))
    assert summary == {"n": 4, "median": 25.0, "p25": 17.5, "p75": 32.5, "min": 10.0,
                       "max": 40.0}
    assert median_and_range(pd.Series([None], dtype=float)) is None
    assert not math.isnan(summary["median"])
