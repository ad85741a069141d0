"""A persona belongs to the survey it was built on; another export's questions are matched to
its own by the question itself (wording or the tool's code), never by a generated label; drift
names its cause; the change log tells the user's changes from the app's; no account names.
Expected values come from pandas on the raw files, not from the code under test."""

from __future__ import annotations

import getpass
from pathlib import Path

import pandas as pd
import pytest

from persona_lib import load_survey
from persona_lib.drift import DATA, SEGMENT, persona_drift
from persona_lib.mapping import SurveyMapping
from persona_lib.models import Change, Condition, Persona, Segment, Trait
from persona_lib.persona import (
    belongs_to, build_card, claim, evidence_short, pin, persona_in, working_name,
)
from persona_lib.segments import match_question, rule_words, segment_mask
from persona_lib.store import editor_name
from persona_lib.trust import change_text, provenance, provenance_lines, with_change

ROOT = Path(__file__).resolve().parents[1]
STREAMING = ROOT / "tests" / "fixtures" / "holdout" / "surveymonkey_streaming.csv"
QUALTRICS = ROOT / "tests" / "fixtures" / "exports" / "qualtrics.csv"
LIVE, AGE = "Where do you live?", "How old are you?"


@pytest.fixture(scope="module")
def streaming():
    return load_survey(STREAMING)


@pytest.fixture(scope="module")
def city(sample) -> Persona:
    made = Persona(name="City", segment=Segment(conditions=[
        Condition(question=LIVE, answers=["Big city"])]))
    return pin(made, sample, Trait(question=AGE, answer="25-34"))


def test_two_questions_sharing_a_label_are_not_matched(sample):
    theirs = "In which country do you live?"
    relabelled = SurveyMapping().with_override(theirs, label=sample.column(LIVE).label)
    streaming = load_survey(STREAMING, mapping=relabelled)
    assert streaming.column(theirs).label == sample.column(LIVE).label  # the trap: same label
    assert match_question(streaming, LIVE) is None
    assert match_question(streaming, "What is your age?") == "What is your age?"


def test_the_same_question_is_matched_by_its_wording_or_its_code(raw):
    reworded = raw.rename(columns={AGE: "HOW OLD ARE YOU", LIVE: "Where did you grow up?"})
    other = load_survey(reworded.to_csv(index=False).encode(), "reworded.csv")
    assert match_question(other, AGE) == "HOW OLD ARE YOU"
    assert match_question(other, LIVE) is None
    qualtrics = load_survey(QUALTRICS)
    coded = next(c for c in qualtrics.columns if c.code == "Q7")
    lines = QUALTRICS.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    lines[1] = lines[1].replace(coded.name, "How many years young are you?")
    rewritten = load_survey("".join(lines).encode(), "qualtrics-reworded.csv")
    assert not rewritten.has(coded.name)
    assert match_question(rewritten, coded.name) is None  # wording alone: not found
    assert match_question(rewritten, coded.name, "Q7") == "How many years young are you?"


def test_a_persona_on_another_survey_keeps_what_is_not_there_and_says_so(sample, streaming,
                                                                          city):
    view = persona_in(streaming, city)
    assert view.segment.conditions[0].question == LIVE  # kept, never replaced
    assert city.segment.conditions[0].question == LIVE  # and the persona itself untouched
    drift = persona_drift(streaming, city)
    assert drift.status == "other survey" and not drift.compared  # only when asked
    asked = persona_drift(streaming, city, other_survey=True)
    assert asked.compared and LIVE in asked.not_found and AGE in asked.not_found
    assert [t.evidence.status for t in asked.traits] == ["missing"]


def test_a_persona_belongs_to_the_survey_of_its_first_segment_or_pin(sample, streaming, city):
    fresh = Persona()
    assert belongs_to(fresh, streaming) and claim(fresh, sample).data is None
    segmented = claim(fresh.model_copy(update={"segment": city.segment}), sample)
    assert segmented.data.fingerprint == sample.fingerprint
    assert segmented.data.source == "brewbox_survey.csv"
    assert segmented.segment_snapshot.n == int((sample.data[LIVE] == "Big city").sum())
    assert belongs_to(segmented, sample) and not belongs_to(segmented, streaming)
    assert claim(segmented, streaming) == segmented  # another survey never rewrites it


def test_drift_blames_the_segment_when_the_segment_changed(sample, raw, city):
    wider = city.model_copy(update={"segment": Segment(conditions=[
        Condition(question=LIVE, answers=["Big city", "Rural area"])])})
    drift = persona_drift(sample, wider)
    assert drift.status == "same data"
    assert drift.traits[0].causes == [SEGMENT]
    in_city = raw[raw[LIVE] == "Big city"]
    in_both = raw[raw[LIVE].isin(["Big city", "Rural area"])]
    assert drift.traits[0].change.then == pytest.approx(
        (in_city[AGE] == "25-34").sum() / in_city[AGE].notna().sum())
    assert drift.traits[0].change.now == pytest.approx(
        (in_both[AGE] == "25-34").sum() / in_both[AGE].notna().sum())
    assert drift.traits[0].change.beyond_noise and drift.causes_of_change() == [SEGMENT]
    wave = load_survey(raw.sample(frac=1, random_state=3).to_csv(index=False).encode(), "w2.csv")
    assert persona_drift(wave, city).traits[0].causes == [DATA]
    assert persona_drift(wave, wider).traits[0].causes == [DATA, SEGMENT]


def test_the_change_log_tells_the_user_from_the_app(city):
    renamed = with_change(city, city.model_copy(update={"name": "Urban"}), "Ana")
    assert (renamed.changes[-1].actor, renamed.changes[-1].by) == ("user", "Ana")
    moved = with_change(renamed, renamed.model_copy(update={"segment": Segment()}),
                        "Ana", app_reason="the link's segment, opened as asked")
    last = moved.changes[-1]
    assert (last.actor, last.by, last.what) == ("app", "", ["segment changed"])
    assert "the app (the link's segment, opened as asked)" in change_text(last)
    assert "Ana" not in change_text(last)


def test_no_account_name_is_ever_the_editor(monkeypatch):
    monkeypatch.delenv("PERSONA_EDITOR", raising=False)
    assert editor_name() == ""
    monkeypatch.setenv("PERSONA_EDITOR", "Workshop laptop")
    assert editor_name() == "Workshop laptop"
    assert editor_name("Ana") == "Ana"
    # a change saved before `actor` existed held the account name: dropped when read
    legacy = Change.model_validate({"by": getpass.getuser(), "what": ["renamed to 'x'"]})
    assert legacy.by == ""
    assert Change.model_validate({"by": "Ana", "actor": "user", "what": []}).by == "Ana"


def test_working_name_comes_from_the_most_distinctive_answers():
    traits = [Trait(question=LIVE, answer="Big city"), Trait(question=AGE, answer="25-34"),
              Trait(question="Spend", low=10, high=20),
              Trait(question="Another brand?", answer="No"),
              Trait(question="Channels", answer="Instagram"),
              Trait(question="Occupation", answer="Retired")]
    assert working_name(traits) == "Big-city 25-34, Instagram"
    assert working_name([Trait(question="Spend", low=1, high=2)]) == "Drafted persona"


def test_a_top_answer_below_everyone_is_marked(sample, raw):
    persona = Persona(segment=Segment(conditions=[Condition(question=LIVE,
                                                            answers=["Rural area"])]))
    card = build_card(sample, persona)
    rural = raw[raw[LIVE] == "Rural area"]
    below = [line for line in card.goals + card.channels + card.frustrations
             if line.evidence.lift is not None and line.evidence.lift < 1]
    above = [line for line in card.goals + card.channels + card.frustrations
             if line.evidence.lift is not None and line.evidence.lift >= 1]
    assert below and above, "the sample should give both kinds in the rural top-3s"
    assert all("less common than among everyone" in evidence_short(x.evidence) for x in below)
    assert not any("less common" in evidence_short(x.evidence) for x in above)
    assert card.segment_n == len(rural)


def test_provenance_has_no_account_name(monkeypatch, sample, city):
    monkeypatch.delenv("PERSONA_EDITOR", raising=False)
    edited = with_change(city, city.model_copy(update={"name": "Urban"}), editor_name())
    lines = provenance_lines(provenance(edited, rule_words(edited.segment)))
    assert lines[-1].endswith("someone: renamed to 'Urban'")
    assert f" {getpass.getuser()}: " not in "\n".join(lines)
    assert edited.changes[-1].by == ""
    assert int(segment_mask(sample, edited.segment).sum()) == int(
        pd.Series(sample.data[LIVE] == "Big city").sum())
