"""Lifecycle, acquisition cost, value and risk per persona, checked on small surveys whose
answers are written here, so every expected number is worked out by hand."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from persona_lib import load_survey
from persona_lib.economics import (
    QUESTION_ROLES, STAGES, Share, blended_cost, channel_mix, cost_per_customer,
    lifecycle_stages, median_interval, scale_position, stage_frame, stage_mix, switching_risk,
    value_summary, worth_frame, worth_lines, worth_settings, worth_table, yearly_value,
)

TENURE = "How long have you been a customer?"
LAST = "When did you last order?"
OFTEN = "How often do you buy?"
EASE = "How easy would it be to switch supplier?"
NPS = "How likely are you to recommend us to a friend?"
SPEND = "How much do you spend in a typical month? (USD)"
FOUND = "How did you hear about us?"
TENURES = ["Less than 3 months", "3-12 months", "1-2 years", "More than 2 years"]
LASTS = ["Less than 1 month ago", "1-3 months ago", "3-6 months ago", "More than 6 months ago"]
OFTENS = ["Less than once a month", "Once a month", "Every two weeks", "Every week"]
EASES = ["Very difficult", "Somewhat difficult", "Neither easy nor difficult", "Somewhat easy",
         "Very easy"]

# One row per case: tenure, last order, frequency, ease, recommend, monthly spend, channel.
CASES = {
    "not a customer": ["Not a customer yet", "Never ordered", OFTENS[0], EASES[2], 5, 10, "TikTok"],
    "lapsed": [TENURES[2], LASTS[3], OFTENS[1], EASES[0], 8, 20, "Instagram"],
    "at risk (detractor)": [TENURES[2], LASTS[0], OFTENS[3], EASES[0], 4, 30, "Instagram"],
    "at risk (easy, passive)": [TENURES[2], LASTS[0], OFTENS[3], EASES[4], 8, 40, "Google"],
    "new": [TENURES[0], LASTS[0], OFTENS[1], EASES[0], 8, 50, "Google"],
    "loyal (long and often)": [TENURES[3], LASTS[0], OFTENS[2], EASES[0], 8, 60, "Google"],
    "loyal (promoter, easy)": [TENURES[1], LASTS[1], OFTENS[0], EASES[4], 10, 70, "Instagram"],
    "active": [TENURES[1], LASTS[1], OFTENS[0], EASES[1], 7, 80, "Instagram"],
}
EXPECTED = ["not a customer", "lapsed", "at risk", "at risk", "new", "loyal", "loyal", "active"]


def survey_of(rows: list[list[object]]):
    frame = pd.DataFrame(rows, columns=[TENURE, LAST, OFTEN, EASE, NPS, SPEND, FOUND])
    # every level appears once more so each question shows its whole scale
    filler = pd.DataFrame({TENURE: TENURES, LAST: LASTS, OFTEN: OFTENS, EASE: EASES[:4],
                           NPS: [0, 3, 9, 10], SPEND: [None] * 4, FOUND: [None] * 4})
    frame = pd.concat([frame, filler], ignore_index=True)
    return load_survey(frame.to_csv(index=False).encode(), "cases.csv")


@pytest.fixture(scope="module")
def cases():
    return survey_of(list(CASES.values()))


def test_the_questions_are_found_by_their_wording(cases):
    rules = worth_settings(cases)
    assert (rules.tenure, rules.last_purchase, rules.frequency, rules.switching,
            rules.recommend) == (TENURE, LAST, OFTEN, EASE, NPS)


def test_each_case_lands_in_its_stage(cases):
    stages = lifecycle_stages(cases, worth_settings(cases))
    assert list(stages.iloc[:len(CASES)]) == EXPECTED


def test_scale_positions_follow_the_levels_and_leave_opt_outs_out(cases):
    tenure = scale_position(cases, TENURE)
    assert tenure.iloc[0] != tenure.iloc[0]  # "Not a customer yet": NaN
    assert list(tenure.iloc[8:12]) == pytest.approx([0, 1 / 3, 2 / 3, 1])
    assert list(scale_position(cases, NPS).iloc[:3]) == pytest.approx([0.5, 0.8, 0.4])


def test_stage_mix_shares_and_wilson_intervals(cases):
    stages = lifecycle_stages(cases, worth_settings(cases))
    first = pd.Series([True] * len(CASES) + [False] * 4, index=cases.data.index)
    mix = {s.label: s for s in stage_mix(stages, first)}
    assert list(mix) == list(STAGES)
    assert (mix["at risk"].count, mix["at risk"].n) == (2, 8)
    z, p, n = 1.959963984540054, 0.25, 8
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert (mix["at risk"].low, mix["at risk"].high) == pytest.approx((centre - half,
                                                                        centre + half))


def test_blended_acquisition_cost_weights_channels_and_names_the_uncosted(cases):
    first = pd.Series([True] * len(CASES) + [False] * 4, index=cases.data.index)
    mix = channel_mix(cases, FOUND, first)
    assert {s.label: s.count for s in mix} == {"Instagram": 4, "Google": 3, "TikTok": 1}
    cost = blended_cost(mix, {"Instagram": 10.0, "Google": 30.0})
    assert cost.cost == pytest.approx((4 * 10 + 3 * 30) / 7)
    assert cost.covered == pytest.approx(7 / 8)
    assert cost.without_cost == ["TikTok"]
    assert blended_cost(mix, {}).cost is None
    half = [Share(label="A", count=5, n=10, share=0.5, low=0, high=1),
            Share(label="B", count=5, n=10, share=0.5, low=0, high=1)]
    assert blended_cost(half, {"A": 10, "B": 30}).cost == pytest.approx(20)
    assert cost_per_customer(1_000, 40) == 25 and cost_per_customer(5, 0) is None


def test_yearly_value_is_twelve_monthly_spends_with_an_order_statistic_interval(cases):
    values = yearly_value(cases, SPEND)
    assert list(values.iloc[:len(CASES)]) == [120, 240, 360, 480, 600, 720, 840, 960]
    first = pd.Series([True] * len(CASES) + [False] * 4, index=cases.data.index)
    summary = value_summary(values, first, min_n=5)
    assert summary.median == 540 and summary.n == 8
    # n = 8: ranks floor(4 - 2.77) = 1 and ceil(5 + 2.77) = 8 -> the smallest and largest
    assert (summary.low, summary.high) == (120, 960)
    assert value_summary(values, first, min_n=10).too_few
    assert value_summary(values, first, min_n=10).median is None


def test_a_spend_per_purchase_is_multiplied_by_how_often():
    frame = pd.DataFrame({"How much do you spend per order?": [10, 20],
                          OFTEN: ["Every week", "Once a month"]})
    survey = load_survey(frame.to_csv(index=False).encode(), "orders.csv")
    values = yearly_value(survey, "How much do you spend per order?", OFTEN)
    assert list(values) == [520, 240]


def test_median_interval_on_a_hundred_values_matches_the_binomial_ranks():
    low, high = median_interval(np.arange(1, 101, dtype=float))
    assert (low, high) == (40, 61)  # ranks floor(50 - 9.8) = 40 and ceil(51 + 9.8) = 61


def test_switching_risk_and_nps(cases):
    first = pd.Series([True] * len(CASES) + [False] * 4, index=cases.data.index)
    risk = switching_risk(cases, worth_settings(cases), first)
    # detractors (0-6): 5, 4 -> 2 of 8; easy and not a promoter: the passive 8 -> 3 at risk
    assert (risk.at_risk.count, risk.at_risk.n) == (3, 8)
    # promoters 1 (10), detractors 2 (5, 4) of 8 -> NPS = 12.5 - 25 = -12.5
    assert risk.nps == pytest.approx(-12.5) and risk.nps_n == 8


def test_the_worth_table_on_the_sample_has_every_figure_with_its_n(sample):
    settings = worth_settings(sample, costs={"Instagram": 25.0})
    assert settings.channel == "How did you first hear about Brewbox?"
    assert settings.spend == "How much do you spend on coffee in a typical month? (USD)"
    everyone = pd.Series(True, index=sample.data.index)
    city = sample.data["Where do you live?"] == "Big city"
    rows = worth_table(sample, {"Everyone": everyone, "City": city}, settings)
    frame = worth_frame(rows)
    assert list(frame["Persona"]) == ["Everyone", "City"]
    assert frame.loc[1, "Respondents"] == int(city.sum())
    assert frame.loc[0, "Acquisition cost"] == 25.0  # only one channel has a cost
    channel = sample.data["How did you first hear about Brewbox?"]
    assert frame.loc[0, "Acquisition cost n"] == int(channel.notna().sum())
    assert frame.loc[1, "Acquisition cost n"] == int(channel[city].notna().sum())
    spend = pd.to_numeric(sample.data["How much do you spend on coffee in a typical month? (USD)"
                                      ].astype("object"), errors="coerce")
    assert frame.loc[0, "Yearly value (median)"] == pytest.approx(spend.median() * 12)
    assert frame.loc[0, "Value n"] == int(spend.notna().sum())
    stages = {s.label: s for s in rows[0].stages}
    assert sum(s.count for s in stages.values()) == stages["new"].n


@given(st.lists(st.tuples(st.integers(1, 50), st.floats(0, 1_000)), min_size=1, max_size=6))
def test_a_blended_cost_lies_between_the_cheapest_and_dearest_channel(channels):
    n = sum(count for count, _ in channels)
    mix = [Share(label=f"c{i}", count=c, n=n, share=c / n, low=0, high=1)
           for i, (c, _) in enumerate(channels)]
    costs = {f"c{i}": cost for i, (_, cost) in enumerate(channels)}
    blended = blended_cost(mix, costs).cost
    assert min(costs.values()) - 1e-9 <= blended <= max(costs.values()) + 1e-9


def test_the_stage_table_says_too_few_under_the_threshold(cases):
    settings = worth_settings(cases, {"spend": None, "channel": None})
    first = pd.Series([True] * len(CASES) + [False] * 4, index=cases.data.index)
    rows = worth_table(cases, {"All": first, "Two": first & (first.cumsum() <= 2)}, settings,
                       min_n=5)
    table = stage_frame(rows, min_n=5)
    assert list(table["n"]) == [8, 2]
    assert table.loc[0, "at risk"].startswith("25% [") and table.loc[1, "new"] == "too few"


def test_settings_keep_the_users_choices_that_still_exist_and_default_the_rest(cases):
    settings = worth_settings(cases, {"tenure": None, "frequency": "No such question",
                                      "spend": SPEND})
    assert settings.tenure is None  # the user said: no tenure question
    assert settings.frequency == OFTEN  # gone from this survey: back to the wording default
    assert (settings.spend, settings.channel) == (SPEND, FOUND)
    assert not worth_settings(cases, dict.fromkeys(QUESTION_ROLES)
                              ).asks_anything()


def test_the_cards_worth_lines_carry_every_figure_with_its_n(cases):
    settings = worth_settings(cases, costs={"Instagram": 30.0, "Google": 10.0})
    first = pd.Series([True] * len(CASES) + [False] * 4, index=cases.data.index)
    row = worth_table(cases, {"All": first}, settings, min_n=5)[0]
    lines = worth_lines(row, min_n=5)
    # monthly spends 10..80 x 12: median of 120..960 is 540; 8 values give ranks 1 and 8
    assert lines[0] == "Yearly value: median 540 (95% CI 120–960), n=8"
    # Instagram 4 of 8, Google 3, TikTok 1 without a cost: (4*30 + 3*10) / 7
    assert lines[1] == ("Acquisition cost: 21.43 per customer (channels with a cost: 88% of n=8; "
                        "none for TikTok)")
    # the 2 detractors and the passive who finds switching easy: 3 of 8, Wilson 14%-69%
    assert lines[2] == "At risk of switching: 38% (95% CI 14%–69%), n=8"
    assert lines[3] == "NPS: -12, n=8"  # 1 promoter, 2 detractors of 8 -> -12.5
    assert lines[4] == ("Lifecycle: not a customer 12%; new 12%; active 12%; loyal 25%; "
                        "at risk 25%; lapsed 12%; n=8")  # in the order of STAGES
    two = worth_table(cases, {"Two": first & (first.cumsum() <= 2)}, settings, min_n=5)[0]
    assert worth_lines(two, min_n=5)[0] == "Yearly value: too few to say (n=2)"


def test_a_worth_it_question_is_taken_only_when_its_wording_asks_it():
    from persona_lib.economics import WORDINGS
    assert not WORDINGS["frequency"].search("How often have you visited parks or squares?")
    assert WORDINGS["frequency"].search("How often do you buy coffee beans?")
    assert not WORDINGS["spend"].search("How much time do you usually spend in parks?")
    assert not WORDINGS["spend"].search("What is the most you would pay per month? (USD)")
    assert WORDINGS["spend"].search("How much do you spend on coffee in a typical month? (USD)")
    assert WORDINGS["spend"].search("How much money have you spent so far (in US dollars)?")


def test_a_recommend_statement_rated_1_to_5_gives_no_nps_and_risk_below_its_middle():
    """Holdout 14 rates 'I would recommend it to others.' 1 to 5: read as 5 of 10 and below,
    everyone was a detractor, 100% at risk and NPS -100. NPS is defined on 0 to 10 only; on a
    shorter scale those who would not recommend are the ones below its middle (1 and 2)."""
    answers = [1, 2, 3, 3, 4, 4, 5, 5, 5, 2]
    rows = ["I would recommend this shop to others."] + [str(a) for a in answers * 3]
    survey = load_survey("\n".join(rows).encode(), "agree.csv")
    settings = worth_settings(survey)
    assert settings.recommend == "I would recommend this shop to others."
    risk = switching_risk(survey, settings, pd.Series(True, index=survey.data.index))
    assert risk.nps is None and risk.nps_n == 0
    assert (risk.at_risk.count, risk.at_risk.n) == (9, 30)  # the 1s and 2s: 3 of 10, thrice
    assert list(scale_position(survey, settings.recommend)[:5]) == [0, 0.25, 0.5, 0.5, 0.75]


def test_a_0_to_10_question_nobody_rated_9_or_10_is_still_0_to_10():
    rows = ["How likely are you to recommend us to a friend?"] + [str(i % 9) for i in range(30)]
    survey = load_survey("\n".join(rows).encode(), "low.csv")
    settings = worth_settings(survey)
    risk = switching_risk(survey, settings, pd.Series(True, index=survey.data.index))
    assert risk.nps == pytest.approx(-100 * sum(i % 9 <= 6 for i in range(30)) / 30)
    assert scale_position(survey, settings.recommend).max() == pytest.approx(0.8)


def test_a_spend_asked_in_bands_per_visit_is_valued_at_the_band_middles():
    """Holdout 14's supermarket survey asks spend per visit in rupee bands, how long they have
    been shopping there, and how long a visit takes: the bands had no value, and the time a
    visit takes was taken for spend."""
    time = "How long do you usually spend per supermarket visit?"
    spend = "On average, how much do you spend per visit?"
    tenure = "How long have you been shopping at this supermarket?"
    often = "How often do you shop at supermarkets?"
    bands = ["Less than Rs. 1,000", "Rs. 1,000–2,500", "Rs. 2,501–5,000"]
    rows = [",".join(f'"{q}"' for q in (time, spend, tenure, often))]
    rows += [f'"{["Less than 15 minutes", "15–30 minutes"][i % 2]}","{bands[i % 3]}",'
             f'"{["Less than 6 months", "1–3 years"][i % 2]}","{["Weekly", "Monthly"][i % 2]}"'
             for i in range(30)]
    survey = load_survey("\n".join(rows).encode(), "supermarket.csv")
    settings = worth_settings(survey)
    assert (settings.spend, settings.tenure, settings.frequency) == (spend, tenure, often)
    assert survey.column(time).topic is None and survey.column(spend).topic is not None
    values = yearly_value(survey, spend, often)
    assert list(values[:3]) == [500 * 52, 1750 * 12, 3750.5 * 52]


def test_recommendations_rated_are_not_the_recommend_question():
    """A SurveyMonkey grid's '... - Search and recommendations' came before 'How likely is it
    that you would recommend Reelhouse...?' and was taken for it."""
    survey = load_survey(Path(__file__).parent / "fixtures" / "holdout" /
                         "surveymonkey_streaming.csv")
    assert worth_settings(survey).recommend == \
        "How likely is it that you would recommend Reelhouse to a friend or colleague?"


def test_the_recommend_question_is_one_asking_whether_they_would():
    rows = ["Did the assistant recommend the correct location?,Would you recommend us to a friend?"]
    rows += [f"{['Y', 'N'][i % 2]},{i % 11}" for i in range(30)]
    survey = load_survey("\n".join(rows).encode(), "assistant.csv")
    assert worth_settings(survey).recommend == "Would you recommend us to a friend?"


def test_whether_something_would_make_them_more_likely_to_recommend_is_no_recommend_question():
    """Spack's 'would [a foundation] make you more likely to use/recommend Spack?' was read as
    their likelihood to recommend, so Worth it called 53% of its users at risk (holdout 2)."""
    spack = load_survey(Path(__file__).parent / "fixtures/real_holdout2/files/"
                        "gforms_spack_2022.csv")
    assert worth_settings(spack).recommend is None
    rows = ["Would a loyalty card make you more likely to recommend us?,"
            "How likely are you to recommend us to a friend?"]
    rows += [f"{['Yes', 'No'][i % 2]},{i % 11}" for i in range(30)]
    survey = load_survey("\n".join(rows).encode(), "hypothetical.csv")
    assert worth_settings(survey).recommend == "How likely are you to recommend us to a friend?"
