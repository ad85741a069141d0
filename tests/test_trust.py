"""How far a persona can be trusted: each rule of persona_lib/trust.py on hand-computed cases."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd
import pytest

from persona_lib import load_survey
from persona_lib.clusters import find_segments, suggested_segments
from persona_lib.models import Box, Evidence, Persona, Trait
from persona_lib.persona import (
    build_card, draft_persona, pin, quote_candidates, segment_size_text,
)
from persona_lib.trust import (
    CHANGES_KEPT, Strength, _best_jaccard, changes_between, cluster_stability, coverage,
    difference_from_rest, evidence_age, provenance, provenance_lines, respondent_answers,
    trait_strength, with_change,
)


def evidence(count: int, n: int, count_all: int, n_all: int) -> Evidence:
    z = 1.959963984540054
    p = count / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return Evidence(status="ok", count_segment=count, n_segment=n, share_segment=p,
                    ci_low=centre - half, ci_high=centre + half, count_overall=count_all,
                    n_overall=n_all, share_overall=count_all / n_all)


def z_test(c1: int, n1: int, c2: int, n2: int) -> float:
    pooled = (c1 + c2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return math.erfc(abs(c1 / n1 - c2 / n2) / se / math.sqrt(2))


def test_strength_follows_the_stated_rule_on_hand_computed_cases():
    # 320 of 400 in the segment (80%, interval 7.8 points) against 80 of 600 in the rest.
    strong = evidence(320, 400, 400, 1_000)
    assert difference_from_rest(strong) == pytest.approx(z_test(320, 400, 80, 600))
    assert trait_strength(strong) == Strength.strong
    # 24 of 40 (interval 29 points) against 360 of 960: p = 0.004, but too wide for strong.
    moderate = evidence(24, 40, 384, 1_000)
    assert 0.25 < moderate.ci_high - moderate.ci_low < 0.30
    assert z_test(24, 40, 360, 960) < 0.01
    assert trait_strength(moderate) == Strength.moderate
    # 45 of 100 against 378 of 900: no clear difference (p = 0.57) -> weak.
    weak = evidence(45, 100, 423, 1_000)
    assert z_test(45, 100, 378, 900) > 0.05
    assert trait_strength(weak) == Strength.weak
    assert trait_strength(Evidence(status="too_few", n_segment=6)) == Strength.too_few
    assert trait_strength(Evidence(status="missing")) == Strength.too_few


def test_with_no_rest_the_interval_alone_decides():
    everyone = evidence(400, 1_000, 400, 1_000)  # interval 6.1 points
    assert difference_from_rest(everyone) is None
    assert trait_strength(everyone) == Strength.strong
    assert trait_strength(evidence(40, 100, 40, 100)) == Strength.moderate  # 18.8 points
    assert trait_strength(evidence(8, 20, 8, 20)) == Strength.weak  # 39.5 points


def test_a_narrow_interval_that_does_not_differ_from_the_rest_is_weak():
    same = evidence(400, 1_000, 800, 2_000)  # 40% inside, 40% in the rest
    assert difference_from_rest(same) == pytest.approx(1.0)
    assert trait_strength(same) == Strength.weak


def test_the_size_line_gives_wilsons_interval_and_its_width(sample):
    card = build_card(sample, Persona()).model_copy(update={"segment_n": 30, "total_n": 120,
                                                          "too_few": False})
    centre = (0.25 + 1.96 ** 2 / 240) / (1 + 1.96 ** 2 / 120)
    half = 1.96 * math.sqrt(0.25 * 0.75 / 120 + 1.96 ** 2 / (4 * 120 ** 2)) / (1 + 1.96 ** 2 / 120)
    assert segment_size_text(card) == (
        f"n = 30 of 120 respondents (25%, 95% CI {centre - half:.0%}–{centre + half:.0%}, "
        f"{2 * half * 100:.1f} points wide)")


def test_best_jaccard_matches_each_segment_with_its_most_similar_one():
    assert list(_best_jaccard(np.array([0, 0, 1, 1]), np.array([1, 1, 0, 0]), 2)) == [1, 1]
    found = _best_jaccard(np.array([0, 0, 0, 1]), np.array([0, 0, 1, 1]), 2)
    assert found == pytest.approx([2 / 3, 1 / 2])


def _planted_csv(per_group: int = 60, noise: bool = False) -> bytes:
    rng = np.random.default_rng(4)
    rows = ["Colour,Size,Speed"]
    for i in range(3 * per_group):
        if noise:
            rows.append(",".join(rng.choice(["a", "b", "c"], 3)))
        else:
            g = i % 3
            rows.append(",".join([["red", "green", "blue"][g], ["S", "M", "L"][g],
                                  ["slow", "medium", "fast"][g]]))
    return ("\n".join(rows) + "\n").encode()


def test_planted_groups_are_stable_and_random_answers_are_not():
    planted = load_survey(_planted_csv(), "planted.csv")
    model, _ = find_segments(planted, k=3)
    stable = cluster_stability(planted, model, resamples=10)
    assert min(stable.per_segment) > 0.95
    noise = load_survey(_planted_csv(noise=True), "noise.csv")
    model, _ = find_segments(noise, k=6)
    shaky = cluster_stability(noise, model, resamples=10)
    assert np.mean(shaky.per_segment) < np.mean(stable.per_segment) - 0.2
    assert set(shaky.neighbours) == {5, 7}


def test_coverage_counts_who_no_persona_represents():
    survey = load_survey(_planted_csv(10), "t.csv")
    colour = survey.data["Colour"]
    masks = {"Red": colour == "red", "Red or green": colour.isin(["red", "green"])}
    report, nobody = coverage(survey, masks)
    assert (report.total, report.covered, report.uncovered) == (30, 20, 10)
    assert report.in_several == 10  # the red ones fit both
    assert set(colour[nobody]) == {"blue"}


def test_the_change_log_says_what_changed_and_keeps_the_last_ones(sample):
    before = Persona(name="A")
    after = pin(before, sample, Trait(question="How old are you?", answer="25-34"))
    after = after.model_copy(update={"name": "B", "notes": {Box.feels: "tired"},
                                     "quote_pick": 1})
    assert changes_between(None, before) == ["created"]
    assert changes_between(before, after) == [
        "renamed to 'B'", "pinned '25-34'", "feels note edited", "quote swapped"]
    assert with_change(before, before, "ana") is before  # nothing changed, nothing logged
    logged = before
    for i in range(CHANGES_KEPT + 5):
        logged = with_change(logged, logged.model_copy(update={"name": f"n{i}"}), "ana")
    assert len(logged.changes) == CHANGES_KEPT
    assert logged.changes[-1].what == [f"renamed to 'n{CHANGES_KEPT + 4}'"]
    assert logged.changes[-1].by == "ana"
    assert Persona.model_validate_json(logged.model_dump_json()) == logged


def test_provenance_tells_suggested_from_hand_pinned_traits(sample):
    model, labels = find_segments(sample, k=3)
    drafted = draft_persona(sample, suggested_segments(sample, model, labels)[0], traits=2)
    drafted = pin(drafted, sample, Trait(question="How old are you?", answer="65+"))
    made = provenance(drafted, "rule", {"How old are you?": "Age"})
    assert len(made.suggested) == 2 and made.by_hand[0].startswith("Age: 65+ (pinned ")
    assert made.method.startswith("Suggested segment 1 of 3: latent class analysis; groups in "
                                   "the answers: clear; traits tested on respondents it was not "
                                   "fitted on (900 of 1,800 fitted)")
    lines = provenance_lines(made)
    assert lines[0].startswith(f"Data: brewbox_survey.csv, {sample.n:,} respondents")
    assert any(line.startswith("Pinned by hand: Age: 65+") for line in lines)


def test_evidence_age_in_words(sample):
    persona = pin(Persona(), sample, Trait(question="How old are you?", answer="25-34"))
    taken = persona.data.taken_at
    assert evidence_age(Persona()) is None
    assert evidence_age(persona, taken + timedelta(hours=3)).endswith("(today)")
    assert evidence_age(persona, taken + timedelta(days=9)).endswith("(9 days ago)")
    assert evidence_age(persona, taken + timedelta(days=95)).endswith("(3 months ago)")
    assert evidence_age(persona, datetime.now(timezone.utc)).startswith(
        "Evidence from brewbox_survey.csv, taken ")


def test_quotes_name_their_respondent_and_can_be_swapped(sample):
    everyone = pd.Series(True, index=sample.data.index)
    quotes = quote_candidates(sample, everyone)
    assert len(quotes) == 20 and len({q.text for q in quotes}) > 1
    for quote in quotes[:3]:
        assert sample.data[quote.question].iloc[quote.row] == quote.text or "[" in quote.text
        answers = dict(respondent_answers(sample, quote.row))
        assert any(quote.text[:30] in a for a in answers.values())
        assert not any("@" in a for a in answers.values())  # no emails
    first = build_card(sample, Persona())
    second = build_card(sample, Persona(quote_pick=1))
    assert first.quote_source == quotes[0] and second.quote_source == quotes[1]
    assert second.quotes_available == 20
    assert build_card(sample, Persona(quote_pick=20)).quote_source == quotes[0]  # wraps round
