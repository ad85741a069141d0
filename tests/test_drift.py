"""A fresh wave of the same survey: each persona's numbers then and now, and which moved beyond
noise; accepting the new numbers; another survey is recognised as such."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from persona_lib import load_survey
from persona_lib.drift import drift_text, persona_drift
from persona_lib.models import Condition, Persona, Segment, Trait
from persona_lib.persona import pin, with_current_evidence
from persona_lib.stats import newcombe_interval

LIVE = "Where do you live?"
AGE = "How old are you?"
GENDER = "What is your gender?"


def wave_two(raw: pd.DataFrame) -> bytes:
    """The sample again, but half the city's 25-34s now answer 45-54, and more live in suburbs."""
    wave = raw.copy()
    city_young = wave.index[(wave[LIVE] == "Big city") & (wave[AGE] == "25-34")]
    wave.loc[city_young[::2], AGE] = "45-54"
    rural = wave.index[wave[LIVE] == "Rural area"]
    wave.loc[rural[: len(rural) // 2], LIVE] = "Suburb"
    return wave.sample(frac=1, random_state=1).to_csv(index=False).encode()


@pytest.fixture(scope="module")
def persona(sample) -> Persona:
    made = Persona(name="City", segment=Segment(conditions=[
        Condition(question=LIVE, answers=["Big city"])]))
    for trait in (Trait(question=AGE, answer="25-34"), Trait(question=GENDER, answer="Woman")):
        made = pin(made, sample, trait)
    return made


def test_on_the_same_data_nothing_drifts(sample, persona):
    drift = persona_drift(sample, persona)
    assert drift.status == "same data"
    assert drift.changed == [] and all(t.change.difference == 0 for t in drift.traits)


def test_a_fresh_wave_flags_what_moved_and_only_that(raw, persona):
    fresh = load_survey(wave_two(raw), "wave-2.csv")
    drift = persona_drift(fresh, persona)
    assert drift.status == "fresh wave" and drift.then.source == "brewbox_survey.csv"
    age, gender = drift.traits
    then = persona.pinned[0].snapshot
    city = raw[raw[LIVE] == "Big city"]
    young_then = (city[AGE] == "25-34").sum()
    young_now = young_then - len(range(0, young_then, 2))
    answered = city[AGE].notna().sum()
    assert then.share == pytest.approx(young_then / answered)
    assert age.change.now == pytest.approx(young_now / answered)
    assert (age.change.low, age.change.high) == pytest.approx(newcombe_interval(
        age.change.now, answered, then.share, answered))
    assert age.change.beyond_noise and not gender.change.beyond_noise
    assert drift.segment.then == pytest.approx((raw[LIVE] == "Big city").mean())
    assert not drift.segment.beyond_noise  # the city itself did not change
    assert drift.segment.now == pytest.approx(fresh.data[LIVE].eq("Big city").mean())
    assert "beyond noise" in drift_text(age.change) and "within noise" in drift_text(
        gender.change)


def test_accepting_the_new_numbers_takes_fresh_snapshots(raw, persona):
    fresh = load_survey(wave_two(raw), "wave-2.csv")
    accepted = with_current_evidence(persona, fresh)
    assert accepted.data.digest == fresh.digest and accepted.data.source == "wave-2.csv"
    drift = persona_drift(fresh, accepted)
    assert drift.status == "same data" and drift.changed == []


def test_another_survey_is_not_compared(persona):
    other = load_survey(b"Plan,Age\n" + b"".join(b"Gold,25-34\n" for _ in range(12)), "o.csv")
    assert persona_drift(other, persona).status == "other survey"
    assert persona_drift(other, Persona()).status == "no snapshot"
    assert np.isfinite(persona.segment_snapshot.n)
