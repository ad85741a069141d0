"""Differences between groups: intervals, tests and multiple-testing control checked against
hand-computed values and against scipy / statsmodels, plus properties under hypothesis."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as scipy_stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (
    confint_proportions_2indep, proportions_ztest,
)

from persona_lib import load_survey
from persona_lib.distinctive import (
    crosstab, distinctive_traits, questions_to_compare, rank_difference, top_traits,
    traits_for_display,
)
from persona_lib.mapping import SurveyMapping
from persona_lib.models import Kind, Trait
from persona_lib.stats import (
    Tally, answer_codes, benjamini_hochberg, difference_p_value, newcombe_interval,
    trait_mask, wilson_interval,
)

AGE = "How old are you?"
LIVE = "Where do you live?"
CHANNELS = "Where do you like to hear about new products?"


@pytest.mark.parametrize(("c1", "n1", "c2", "n2"), [(56, 70, 48, 80), (9, 10, 3, 10),
                                                    (0, 25, 5, 30), (300, 1000, 250, 1200)])
def test_newcombe_interval_matches_statsmodels(c1, n1, c2, n2):
    ours = newcombe_interval(c1 / n1, n1, c2 / n2, n2)
    theirs = confint_proportions_2indep(c1, n1, c2, n2, method="newcomb", compare="diff")
    assert ours == pytest.approx(theirs, abs=1e-6)


def test_newcombe_hand_computed():
    # Newcombe (1998), example (a): 56/70 vs 48/80 -> 0.0524 to 0.3339.
    low, high = newcombe_interval(56 / 70, 70, 48 / 80, 80)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)


def test_large_groups_use_the_pooled_z_test():
    a, b = Tally(300, 1000, 0.3, 1000.0), Tally(250, 1200, 250 / 1200, 1200.0)
    expected = proportions_ztest([300, 250], [1000, 1200])[1]
    assert difference_p_value(a, b) == pytest.approx(expected, rel=1e-9)


def test_small_groups_use_fishers_exact_test():
    a, b = Tally(9, 10, 0.9, 10.0), Tally(3, 10, 0.3, 10.0)
    assert difference_p_value(a, b) == pytest.approx(
        scipy_stats.fisher_exact([[9, 1], [3, 7]]).pvalue)


@given(st.lists(st.floats(0, 1), min_size=1, max_size=60))
def test_benjamini_hochberg_matches_statsmodels(p_values):
    expected = multipletests(p_values, method="fdr_bh")[1]
    assert benjamini_hochberg(p_values) == pytest.approx(expected)


def test_rank_difference_matches_scipy_mann_whitney():
    rng = np.random.default_rng(3)
    x, y = rng.integers(0, 5, 300).astype(float), rng.integers(0, 6, 500).astype(float)
    p, effect = rank_difference(x, y)
    result = scipy_stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic")
    assert p == pytest.approx(result.pvalue, rel=1e-6)
    assert effect == pytest.approx(2 * result.statistic / (300 * 500) - 1)


def test_weighted_share_and_kish_effective_n():
    has = np.array([True, True, False, False, True])
    base = np.array([True, True, True, True, False])
    weights = np.array([2.0, 1.0, 1.0, 0.5, 9.0])
    tally = Tally.of(has, base, weights)
    assert (tally.count, tally.n) == (2, 4)
    assert tally.share == pytest.approx(3.0 / 4.5)
    assert tally.n_eff == pytest.approx(4.5 ** 2 / (4 + 1 + 1 + 0.25))


@settings(max_examples=200)
@given(st.lists(st.tuples(st.booleans(), st.booleans(), st.floats(0.01, 10)), min_size=1,
                max_size=80))
def test_weighted_shares_stay_in_the_unit_interval_and_inside_their_interval(rows):
    has = np.array([r[0] for r in rows])
    base = np.array([r[1] for r in rows])
    weights = np.array([r[2] for r in rows])
    tally = Tally.of(has, base, weights)
    if tally.share is None:
        assert not base.any()
        return
    low, high = tally.interval
    assert 0.0 <= low <= tally.share + 1e-12 and tally.share - 1e-12 <= high <= 1.0


@given(st.integers(1, 400), st.integers(1, 400), st.data())
def test_newcombe_interval_contains_the_difference(n1, n2, data):
    c1, c2 = data.draw(st.integers(0, n1)), data.draw(st.integers(0, n2))
    low, high = newcombe_interval(c1 / n1, n1, c2 / n2, n2)
    assert -1 <= low <= c1 / n1 - c2 / n2 <= high <= 1


def small_survey():
    """40 respondents: 10 city (8 of them 25-34), 30 elsewhere (6 of them 25-34)."""
    rows = []
    for i in range(40):
        city = i < 10
        young = (i < 8) if city else (10 <= i < 16)
        rows.append(f"{'Big city' if city else 'Suburb'},{'25-34' if young else '45-54'},"
                    f"{'Email' if i % 2 else 'Podcasts'}")
    return load_survey(("Where do you live?,How old are you?,Channels\n" + "\n".join(rows))
                       .encode(), "small.csv")


def test_a_hand_counted_difference():
    survey = small_survey()
    city = survey.data[LIVE] == "Big city"
    table = distinctive_traits(survey, city)
    young = table[(table["question"] == AGE) & (table["answer"] == "25-34")].iloc[0]
    assert (young.count_in, young.n_in, young.share_in) == (8, 10, 0.8)
    assert young.share_out == pytest.approx(6 / 30)
    assert young.difference == pytest.approx(0.6)
    assert young.lift == pytest.approx(4.0)
    assert (young.diff_low, young.diff_high) == pytest.approx(newcombe_interval(0.8, 10, 0.2, 30))
    assert young.p == pytest.approx(scipy_stats.fisher_exact([[8, 2], [6, 24]]).pvalue)
    assert (young.ci_low, young.ci_high) == pytest.approx(wilson_interval(8, 10))


def test_against_everyone_the_difference_is_scaled_by_the_rest():
    survey = small_survey()
    city = survey.data[LIVE] == "Big city"
    table = distinctive_traits(survey, city, compare="everyone")
    young = table[(table["question"] == AGE) & (table["answer"] == "25-34")].iloc[0]
    assert young.share_out == pytest.approx(14 / 40)
    assert young.difference == pytest.approx(0.8 - 14 / 40)
    assert young.lift == pytest.approx(0.8 / (14 / 40))


def test_too_few_reads_too_few_to_say_and_is_not_tested():
    survey = small_survey()
    city = survey.data[LIVE] == "Big city"
    table = distinctive_traits(survey, city, min_n=11)
    assert (table.loc[table["kind"] == "answer", "status"] == "too_few").all()
    assert table["q"].isna().all()
    shown = traits_for_display(table)
    assert set(shown["In segment"]) == {"too few to say"}
    assert not shown["Difference"].str.contains("%").any()


def test_the_sample_segment_ranks_its_planted_traits_first(sample, planted):
    enthusiasts = pd.Series((planted == "Coffee enthusiast").to_numpy(), index=sample.data.index)
    table = distinctive_traits(sample, enthusiasts)
    answers = table[table["kind"] == "answer"]
    assert (answers["strength"].diff().dropna()[answers["status"].iloc[1:].eq("ok").values]
            <= 1e-12).all()
    assert Trait(question="What frustrates you about buying coffee today?",
                 answer="Stale supermarket beans") in top_traits(table)
    shuffled = pd.Series(np.random.default_rng(0).permutation(enthusiasts.to_numpy()),
                         index=sample.data.index)
    noise = distinctive_traits(sample, shuffled)
    assert (noise["strength"] > 0).sum() <= 3  # a random group has (almost) nothing beyond noise


def test_crosstab_matches_pandas(sample, raw):
    table = crosstab(sample, AGE, LIVE, percent="row")
    expected = pd.crosstab(raw[AGE], raw[LIVE], normalize="index")
    for i, row in enumerate(table.rows):
        for j, col in enumerate(table.columns):
            assert table.shares[i, j] == pytest.approx(expected.loc[row, col])
    counts = pd.crosstab(raw[AGE], raw[LIVE])
    assert table.counts[0, 0] == counts.loc[table.rows[0], table.columns[0]]
    by_column = crosstab(sample, AGE, LIVE, percent="column")
    expected = pd.crosstab(raw[AGE], raw[LIVE], normalize="columns")
    assert by_column.shares[2, 1] == pytest.approx(expected.loc[by_column.rows[2],
                                                                by_column.columns[1]])


def test_crosstab_with_a_multi_select_counts_each_option(sample, raw):
    table = crosstab(sample, LIVE, CHANNELS, percent="row")
    city = raw[(raw[LIVE] == "Big city") & raw[CHANNELS].notna()]
    instagram = city[CHANNELS].str.split(", ").apply(lambda picks: "Instagram" in picks).mean()
    i, j = table.rows.index("Big city"), table.columns.index("Instagram")
    assert table.shares[i, j] == pytest.approx(instagram)
    assert table.bases[i, j] == len(city)


def test_weights_change_shares_and_intervals_use_effective_n():
    rows = "\n".join(f"{'Big city' if i < 20 else 'Suburb'},{'25-34' if i % 4 == 0 else '45-54'},"
                     f"{3.0 if i % 4 == 0 else 1.0}" for i in range(60))
    content = f"Where do you live?,How old are you?,weight\n{rows}".encode()
    plain = load_survey(content, "w.csv")
    weighted = load_survey(content, "w.csv", mapping=SurveyMapping(weight="weight"))
    assert plain.weights is None and weighted.weights is not None
    city = weighted.data[LIVE] == "Big city"
    table = distinctive_traits(weighted, city)
    young = table[(table["question"] == AGE) & (table["answer"] == "25-34")].iloc[0]
    assert young.share_in == pytest.approx(15 / 30)  # 5 of 20 weighted 3 vs 15 weighted 1
    unweighted = distinctive_traits(plain, plain.data[LIVE] == "Big city")
    plain_young = unweighted[(unweighted["question"] == AGE)
                             & (unweighted["answer"] == "25-34")].iloc[0]
    assert plain_young.share_in == pytest.approx(5 / 20)
    n_eff = 30 ** 2 / (5 * 9 + 15 * 1)
    assert (young.ci_low, young.ci_high) == pytest.approx(wilson_interval(0.5 * n_eff, n_eff))


def test_rank_difference_from_level_counts_equals_the_full_test():
    from persona_lib.distinctive import level_rank_difference

    rng = np.random.default_rng(5)
    x, y = rng.integers(0, 5, 400), rng.integers(0, 5, 900)
    from_counts = level_rank_difference(np.bincount(x, minlength=5), np.bincount(y, minlength=5))
    assert from_counts == pytest.approx(rank_difference(x.astype(float), y.astype(float)))


def test_against_everyone_uses_the_rest_share_of_those_who_answered():
    """The segment (10 city) all answered the age question; only 10 of the 30 others did.
    Everyone's share of 25-34 is then out of the 20 who answered, not scaled by the 30 of 40
    the rest are of all respondents."""
    rows = []
    for i in range(40):
        city = i < 10
        age = ("25-34" if i < 8 else "45-54") if city else (
            ("25-34" if i < 13 else "45-54") if i < 20 else "")
        rows.append(f"{'Big city' if city else 'Suburb'},{age}")
    survey = load_survey(("Where do you live?,How old are you?\n" + "\n".join(rows)).encode(),
                         "rates.csv")
    city = survey.data[LIVE] == "Big city"
    ages = survey.data[AGE]
    everyone = float((ages.dropna() == "25-34").mean())  # pandas: 11 of 20
    table = distinctive_traits(survey, city, compare="everyone")
    young = table[(table["question"] == AGE) & (table["answer"] == "25-34")].iloc[0]
    assert young.share_out == pytest.approx(everyone)
    assert young.difference == pytest.approx(0.8 - everyone)
    rest = distinctive_traits(survey, city)
    rest_young = rest[(rest["question"] == AGE) & (rest["answer"] == "25-34")].iloc[0]
    assert (young.diff_low, young.diff_high) == pytest.approx(
        (rest_young.diff_low * 0.5, rest_young.diff_high * 0.5))  # the rest are 10 of 20


def _with_weight(weight: str) -> tuple:
    rows = "\n".join(f"{'Big city' if i < 12 else 'Suburb'},"
                     f"{'25-34' if (i < 12 and i % 3 == 0) or i % 9 == 0 else '45-54'},"
                     f"{weight if weight != 'vary' else (3.0 if i % 4 == 0 else 1.0)}"
                     for i in range(60))
    content = f"Where do you live?,How old are you?,weight\n{rows}".encode()
    return (load_survey(content, "w.csv"),
            load_survey(content, "w.csv", mapping=SurveyMapping(weight="weight")))


def test_equal_weights_behave_exactly_like_no_weights():
    from persona_lib.stats import trait_evidence
    from persona_lib.trust import trait_strength

    plain, weighted = _with_weight("2.5")
    city = plain.data[LIVE] == "Big city"
    a, b = distinctive_traits(plain, city), distinctive_traits(weighted, city)
    columns = ["share_in", "ci_low", "ci_high", "diff_low", "diff_high", "p", "q"]
    pd.testing.assert_frame_equal(a[columns], b[columns])
    young = a[(a["question"] == AGE) & (a["answer"] == "25-34")].iloc[0]
    assert young.p == pytest.approx(scipy_stats.fisher_exact([[4, 8], [5, 43]]).pvalue)
    trait = Trait(question=AGE, answer="25-34")
    e_plain, e_weighted = trait_evidence(plain, trait, city), trait_evidence(weighted, trait, city)
    assert e_weighted.n_effective is None and e_plain == e_weighted
    assert trait_strength(e_plain) == trait_strength(e_weighted)


def test_weighted_badges_use_the_weighted_test_with_effective_n():
    from persona_lib.stats import trait_evidence
    from persona_lib.trust import difference_from_rest

    _, weighted = _with_weight("vary")
    city = (weighted.data[LIVE] == "Big city").to_numpy()
    trait = Trait(question=AGE, answer="25-34")
    evidence = trait_evidence(weighted, trait, pd.Series(city))
    w = weighted.weights.to_numpy()
    young = (weighted.data[AGE] == "25-34").to_numpy()
    shares, n_eff = [], []
    for group in (city, ~city):
        shares.append(w[group & young].sum() / w[group].sum())
        n_eff.append(w[group].sum() ** 2 / (w[group] ** 2).sum())
    _, expected = proportions_ztest([shares[0] * n_eff[0], shares[1] * n_eff[1]], n_eff)
    assert difference_from_rest(evidence) == pytest.approx(expected)
    table = distinctive_traits(weighted, pd.Series(city))
    row = table[(table["question"] == AGE) & (table["answer"] == "25-34")].iloc[0]
    assert row.p == pytest.approx(expected)  # the same test as the table


def test_one_pass_tallies_equal_the_tallies_of_each_group(sample):
    rng = np.random.default_rng(3)
    inside = rng.random(sample.n) < 0.3
    rest = ~inside & (rng.random(sample.n) < 0.8)  # some respondents in neither group
    for name in questions_to_compare(sample):
        codes = answer_codes(sample, name)
        for answered in (sample.answered(name).to_numpy(), np.ones(sample.n, dtype=bool)):
            fast = codes.split_tallies(answered & inside, answered & rest)
            assert fast == (codes.tallies(answered & inside),
                            codes.tallies(answered & rest)), name


def test_the_fast_table_equals_the_straightforward_one(sample, planted):
    """Every row of distinctive_traits against Tally.of per answer, the Mann-Whitney test on
    the sorted answers and np.median: the one-pass counts change nothing."""
    rng = np.random.default_rng(5)
    among = rng.random(sample.n) < 0.7
    segments = {"planted": (planted == "Coffee enthusiast").to_numpy(),
                "small": rng.random(sample.n) < 0.012}  # ~15 in the segment: exact tests
    for segment in segments.values():
        table = distinctive_traits(sample, pd.Series(segment, index=sample.data.index),
                                   among=among, min_n=5)
        inside, rest = segment & among, ~segment & among
        for r in table.itertuples():
            col = sample.column(r.question)
            answered = sample.answered(r.question).to_numpy()
            if r.kind == "answer":
                trait = Trait(question=r.question, answer=r.answer) if pd.isna(r.low) else \
                    Trait(question=r.question, low=r.low, high=r.high)
                has = trait_mask(sample, trait).fillna(False).to_numpy(dtype=bool)
                a, b = Tally.of(has, answered & inside), Tally.of(has, answered & rest)
                assert (r.n_in, r.count_in, r.n_out) == (a.n, a.count, b.n), r
                assert r.share_out == pytest.approx(b.share)
                continue
            values = sample.data[r.question]
            numbers = (values.cat.codes.to_numpy().astype(float) if col.kind == Kind.ordinal
                       else values.to_numpy(dtype=float, copy=True))
            numbers[~answered] = np.nan
            x, y = numbers[inside & answered], numbers[rest & answered]
            assert (r.n_in, r.n_out) == (len(x), len(y))
            if col.kind == Kind.numeric:
                assert r.detail == (f"median {np.median(x):,.4g} vs {np.median(y):,.4g} "
                                    "for the rest")
            if r.status == "ok":
                p, effect = rank_difference(x, y)
                assert (r.p, r.effect) == (pytest.approx(p, rel=1e-9, abs=1e-12),
                                           pytest.approx(effect, rel=1e-9, abs=1e-12)), r


def test_a_surveys_derived_codes_are_worked_out_once(sample):
    first = answer_codes(sample, AGE)
    assert answer_codes(sample, AGE) is first
    other = dataclasses.replace(sample, weights=None)  # a changed survey starts afresh
    assert answer_codes(other, AGE) is not first


def test_what_sets_a_built_segment_apart_leaves_out_what_its_rule_makes_true(sample):
    """Holdout 14, segment 'age group 18-24': its top traits were '18-24: 100%' and '25-34:
    0%', true by definition. A multi-select in the rule keeps its other options."""
    from persona_lib.distinctive import beside_the_rule, questions_beside_the_rule
    from persona_lib.models import Condition, Segment
    from persona_lib.segments import segment_mask

    where, heard = "Where do you live?", "Where do you like to hear about new products?"
    segment = Segment(conditions=[Condition(question=where, answers=["Big city"]),
                                  Condition(question=heard, answers=["Instagram"])])
    table = beside_the_rule(distinctive_traits(
        sample, segment_mask(sample, segment),
        questions=questions_beside_the_rule(sample, segment)), segment)
    assert where not in set(table["question"])
    options = set(table.loc[table["question"] == heard, "answer"])
    assert "Instagram" not in options and "Email newsletter" in options
    either = segment.model_copy(update={"combine": "any"})
    assert where in questions_beside_the_rule(sample, either)
    assert len(beside_the_rule(table, either)) == len(table)


def test_crosstab_independence_is_scipys_chi_squared_on_the_counts_or_says_why_not(
        sample, raw, monkeypatch):
    """The crosstab says whether its two questions go together beyond noise: 44% against 60%
    of 32 and 25 respondents (the sneakers survey) looks like a difference and may be none."""
    from scipy.stats import chi2_contingency

    from persona_lib import distinctive
    from persona_lib.distinctive import independence

    table = crosstab(sample, AGE, LIVE)
    test = independence(sample, table, AGE, LIVE)
    counts = pd.crosstab(raw[AGE], raw[LIVE])
    assert test.p_value == pytest.approx(chi2_contingency(counts, correction=False).pvalue)
    assert test.n == counts.to_numpy().sum() and "beyond noise" in test.sentence()
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"Colour?": rng.choice(["Red", "Blue", "Green"], 600),
                          "Size?": rng.choice(["S", "M", "L"], 600)})
    noise = load_survey(frame.to_csv(index=False).encode(), "noise.csv")
    none = independence(noise, crosstab(noise, "Colour?", "Size?"), "Colour?", "Size?")
    assert none.p_value > 0.05 and "no clear sign" in none.sentence()
    multi = independence(sample, crosstab(sample, LIVE, CHANNELS), LIVE, CHANNELS)
    assert multi.p_value is None and "multi-select" in multi.sentence()
    few = frame.head(30)
    sparse = load_survey(few.to_csv(index=False).encode(), "few.csv")
    thin = independence(sparse, crosstab(sparse, "Colour?", "Size?"), "Colour?", "Size?")
    counts = pd.crosstab(few["Colour?"], few["Size?"]).to_numpy()
    shuffled = chi2_contingency(counts, correction=False, method=scipy_stats.PermutationMethod(
        n_resamples=20_000, rng=np.random.default_rng(7))).pvalue
    assert thin.permuted and abs(thin.p_value - shuffled) < 0.03  # 3 sd of 2,000 shuffles
    assert "seeded shuffles" in thin.sentence()
    monkeypatch.setattr(distinctive, "PERMUTED_UP_TO", 20)
    too_many = independence(sparse, crosstab(sparse, "Colour?", "Size?"), "Colour?", "Size?")
    assert too_many.p_value is None and "fewer than 5" in too_many.sentence()
