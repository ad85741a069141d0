"""Segments, pinning and the live card: evidence follows the segment and the data."""

from pathlib import Path

import pandas as pd
import pytest

from persona_lib.export import card_markdown
from persona_lib.load import load_survey
from persona_lib.models import Box, Condition, Persona, Segment, Topic, Trait
from persona_lib.persona import (
    build_card, default_box, evidence_short, evidence_text, move, pin, representative_quote, unpin,
)
from persona_lib.segments import describe_segment, missing_questions, segment_mask
from persona_lib.text import escape_markdown_file

AGE = "How old are you?"
LIVE = "Where do you live?"
CHANNELS = "Where do you like to hear about new products?"
FRUSTRATIONS = "What frustrates you about buying coffee today?"
WTP = "What is the most you would pay per month for a Brewbox subscription? (USD)"


def test_segment_mask_and_or(sample):
    young = Condition(question=AGE, answers=["18-24", "25-34"])
    city = Condition(question=LIVE, answers=["Big city"])
    both = segment_mask(sample, Segment(conditions=[young, city]))
    either = segment_mask(sample, Segment(conditions=[young, city], combine="any"))
    age_ok = sample.data[AGE].isin(["18-24", "25-34"])
    city_ok = sample.data[LIVE] == "Big city"
    assert both.sum() == (age_ok & city_ok).sum()
    assert either.sum() == (age_ok | city_ok).sum()
    assert describe_segment(sample, Segment(conditions=[young, city])) == \
        "How old are you is 18-24 or 25-34 and Where do you live is Big city"


def test_multi_select_condition_means_chose_any(sample):
    seg = Segment(conditions=[Condition(question=CHANNELS, answers=["TikTok", "Podcasts"])])
    expected = sample.options[CHANNELS][["TikTok", "Podcasts"]].any(axis=1)
    assert segment_mask(sample, seg).sum() == expected.sum()


def test_default_boxes(sample):
    assert default_box(sample.column(AGE)) == Box.profile
    assert default_box(sample.column(FRUSTRATIONS)) == Box.pains
    assert default_box(sample.column("What do you want from your coffee?")) == Box.gains
    assert default_box(sample.column(CHANNELS)) == Box.does
    assert default_box(sample.column(
        "How much do you agree with each statement? [I care where my coffee comes from]")
    ) == Box.thinks
    assert default_box(sample.column(
        "How much do you agree with each statement? [I enjoy trying new coffees]")) == Box.feels


def test_pin_unpin_move(sample):
    trait = Trait(question=FRUSTRATIONS, answer="Stale supermarket beans")
    persona = pin(Persona(), sample, trait)
    assert [p.box for p in persona.pinned] == [Box.pains]
    assert pin(persona, sample, trait) == persona
    persona = move(persona, trait, Box.feels)
    assert persona.pinned[0].box == Box.feels
    assert unpin(persona, trait).pinned == []


def test_card_evidence_matches_hand_count(sample):
    city = Segment(conditions=[Condition(question=LIVE, answers=["Big city"])])
    trait = Trait(question=FRUSTRATIONS, answer="Stale supermarket beans")
    card = build_card(sample, pin(Persona(segment=city), sample, trait))
    ev = card.traits[0].evidence
    in_city = sample.data[LIVE] == "Big city"
    answered = sample.options[FRUSTRATIONS].any(axis=1)
    chose = sample.options[FRUSTRATIONS]["Stale supermarket beans"]
    assert ev.n_segment == (in_city & answered).sum()
    assert ev.count_segment == (in_city & chose).sum()
    assert ev.share_overall == pytest.approx(chose.sum() / answered.sum())
    assert card.segment_n == in_city.sum()


def test_card_is_live_when_the_segment_changes(sample):
    trait = Trait(question=AGE, answer="25-34")
    persona = pin(Persona(), sample, trait)
    everyone = build_card(sample, persona).traits[0].evidence
    narrowed = persona.model_copy(update={"segment": Segment(conditions=[
        Condition(question=AGE, answers=["25-34"])])})
    evidence = build_card(sample, narrowed).traits[0].evidence
    assert everyone.share_segment == pytest.approx(everyone.share_overall)
    assert evidence.share_segment == 1.0
    assert evidence.n_segment < everyone.n_segment


def test_card_flags_traits_and_filters_missing_from_new_data(sample):
    persona = pin(Persona(), sample, Trait(question=AGE, answer="25-34"))
    persona = persona.model_copy(update={"segment": Segment(conditions=[
        Condition(question=LIVE, answers=["Suburb"])])})
    wave2 = load_survey(b"Respondent ID,What is your gender?\nr1,Woman\nr2,Man\n", "wave2.csv")
    card = build_card(wave2, persona)
    assert card.traits[0].evidence.status == "missing"
    assert "not in this data" in evidence_text(card.traits[0].evidence)
    assert card.missing_questions == [LIVE]
    assert missing_questions(wave2, persona.segment) == [LIVE]
    assert card.segment_n == 2


def test_tiny_segment_is_too_few_to_say(sample):
    ids = sample.data["Respondent ID"].head(4).tolist()
    seg = Segment(conditions=[Condition(question=AGE, answers=["65+"]),
                              Condition(question=LIVE, answers=["Big city"]),
                              Condition(question="What is your gender?", answers=["Non-binary"])])
    card = build_card(sample, pin(Persona(segment=seg), sample, Trait(question=AGE, answer="65+")))
    assert card.segment_n < 10, ids
    assert card.too_few
    assert card.traits[0].evidence.share_segment is None
    assert evidence_text(card.traits[0].evidence).startswith("too few to say")


def test_card_summaries(sample):
    card = build_card(sample, Persona())
    assert {line.label for line in card.demographics} >= {
        "How old are you", "What is your gender", "What is your annual household income"}
    assert len(card.goals) == 3 and len(card.frustrations) == 3 and len(card.channels) == 3
    wtp = card.willingness_to_pay
    assert wtp is not None
    assert wtp.median == pytest.approx(sample.data[WTP].median())
    assert wtp.n == sample.data[WTP].notna().sum()
    assert card.quote


def _about_them_csv() -> bytes:
    """Forty respondents: a checkbox question about their job exported as a Yes / No / N/A
    column per option (LimeSurvey), an income most preferred not to give, and a question
    not asked of most (N/A)."""
    rows = ["Which describe your job? [Nurse],Which describe your job? [Teacher],"
            "Which describe your job? [Driver],What is your income?,Do you have children?"]
    for i in range(40):
        nurse = "N/A" if i >= 36 else "Yes" if i % 4 == 0 else "No"
        teacher = "N/A" if i >= 36 else "Yes" if i % 2 == 0 else "No"
        income = ["Prefer not to say"] * 2 + ["$50k-$75k"] * 2 + ["Under $50k"]
        rows.append(f"{nurse},{teacher},{'N/A' if i >= 36 else 'No'},{income[i % 5]},"
                    f"{'No' if i < 5 else 'N/A'}")
    return "\n".join(rows).encode()


def test_who_they_are_says_the_most_ticked_option_and_skips_answers_that_say_nothing():
    """Holdout 29 (LimeSurvey): each option of a checkbox question was a line of its own on
    the card ('Teacher: No'), and 'N/A' or 'Prefer not to say' was a persona's trait."""
    survey = load_survey(_about_them_csv(), "jobs.csv")
    lines = {line.label: line for line in build_card(survey, Persona()).demographics}
    job = lines["Which describe your job"]
    assert (job.answer, job.ticked) == ("Teacher", "Yes")
    assert (job.evidence.count_segment, job.evidence.n_segment) == (18, 40)
    assert job.trait == Trait(question="Which describe your job? [Teacher]", answer="Yes")
    assert lines["What is your income"].answer == "$50k-$75k"  # not 'Prefer not to say'
    assert len(lines) == 2  # children: N/A for most, no line
    pinned = pin(Persona(), survey, job.trait)
    assert "Which describe your job" not in {
        line.label for line in build_card(survey, pinned).demographics}


def test_channels_asked_as_a_column_per_option_are_the_options_most_ticked():
    """Holdout 37: the card's Channels said 'No 75%' and 'Yes 11%' (the first option's
    column), not which channels."""
    rows = ["Which channels do you use? [Forum],Which channels do you use? [Email],"
            "Which channels do you use? [Chat]"]
    rows += [f"{'Yes' if i % 2 else 'No'},{'Yes' if i % 3 == 0 else 'No'},No" for i in range(30)]
    rows += ["N/A,N/A,N/A"] * 3  # LimeSurvey: not asked
    survey = load_survey("\n".join(rows).encode(), "channels.csv")
    channels = build_card(survey, Persona()).channels
    assert [(line.answer, line.evidence.count_segment) for line in channels] == [
        ("Forum", 15), ("Email", 10)]  # nobody ticked Chat: no line


def test_quote_comes_from_the_segment_and_is_redacted():
    rows = ["Why do you buy the coffee you buy?,Group"]
    rows += [f"I buy it because the roast is fresh and tasty number {i},A" for i in range(5)]
    rows += ["Mail me at jo@example.com or call +44 20 7946 0958 about fresh roast,B"]
    survey = load_survey("\n".join(rows).encode(), "q.csv")
    quote_b = representative_quote(survey, survey.data["Group"] == "B")
    assert quote_b == "Mail me at [email] or call [phone] about fresh roast"
    quote_a = representative_quote(survey, survey.data["Group"] == "A")
    assert quote_a.startswith("I buy it because")
    assert representative_quote(survey, pd.Series(False, index=survey.data.index)) is None


MERCH = Path(__file__).parent / "fixtures/real_holdout10/files/gforms_merch_iiserm_2026.csv"
SWEATSHIRT = 'What is the price you would be willing to pay for a "good" Sweatshirt?'


def test_willingness_to_pay_asked_in_price_bands_shows_the_commonest_bands():
    """A real Google Forms export asks the price they would pay in bands ('400 - 600 INR'):
    no median of a number, but the card still says what they would pay, with its evidence."""
    survey = load_survey(MERCH)
    card = build_card(survey, Persona())
    assert card.willingness_to_pay is None
    lines = card.willingness_to_pay_answers
    assert [line.question for line in lines] == [SWEATSHIRT] * 3
    counts = survey.data[SWEATSHIRT].value_counts()
    assert [line.answer for line in lines] == counts.index[:3].astype(str).tolist()
    assert [line.evidence.count_segment for line in lines] == counts.iloc[:3].tolist()
    assert lines[0].evidence.n_segment == survey.data[SWEATSHIRT].notna().sum()
    markdown = card_markdown(card, Persona())
    assert "## Willingness to pay" in markdown
    evidence = escape_markdown_file(evidence_short(lines[0].evidence))
    assert f"- **{lines[0].answer}**: {evidence}" in markdown


def test_willingness_to_pay_as_a_number_keeps_its_median_and_no_answer_lines(sample):
    card = build_card(sample, Persona())
    assert card.willingness_to_pay is not None and card.willingness_to_pay_answers == []


SPACK = Path(__file__).parent / "fixtures/real_holdout2/files/gforms_spack_2022.csv"
PAIN = "What are the biggest pain points in Spack for your workflow? (feel free to link to issues)"


def test_frustrations_asked_in_free_text_are_the_themes_the_segment_said_most():
    """Spack's survey (real, Google Forms) asks its pain points in free text: the card's
    frustrations are the question's themes, most said first, each with its evidence, and a
    team's renamed themes are the ones shown."""
    from persona_lib.themes import question_themes, rename_theme, theme_mask

    survey = load_survey(SPACK)
    assert survey.column(PAIN).topic == Topic.frustrations
    lines = build_card(survey, Persona()).frustrations
    found = question_themes(survey, PAIN)
    said = {t.label: t.n for t in found.themes}
    assert len(lines) == 3 and all(line.question == PAIN for line in lines)
    assert [line.answer for line in lines] == [t.label for t in sorted(
        found.themes, key=lambda t: -t.n)][:3]
    for line in lines:
        assert line.shown == f"{line.answer} (theme)" and line.trait.is_theme
        assert line.evidence.count_segment == said[line.answer] == int(
            theme_mask(survey, line.trait).sum())
    renamed = rename_theme(found.rules, found.rules.index(
        next(r for r in found.rules if r.label == lines[0].answer)), "Builds break")
    again = build_card(survey, Persona(), themes={PAIN: renamed}).frustrations
    assert again[0].answer == "Builds break"
    assert again[0].evidence.count_segment == lines[0].evidence.count_segment


def test_card_lines_come_from_answers_that_name_something_not_a_yes_or_a_scale_point():
    """'Have you been frustrated by bugs?' answered 'No' (systemd's survey) and a difficulty
    rated 4 of 6 (LamaPoll) named no frustration on the card; a question whose options name
    them does, even when it comes later."""
    rows = ["Have you been frustrated by bugs?,How frustrating is the setup? (1-6),"
            "What frustrates you most?"]
    rows += [f"{['No', 'No', 'Yes'][i % 3]},{i % 6 + 1},{['Slow sync', 'Price', 'Ads'][i % 3]}"
             for i in range(60)]
    survey = load_survey("\n".join(rows).encode(), "frustrations.csv")
    assert {c.topic for c in survey.columns} == {Topic.frustrations}
    lines = build_card(survey, Persona()).frustrations
    assert {line.question for line in lines} == {"What frustrates you most?"}
    assert sorted(line.answer for line in lines) == ["Ads", "Price", "Slow sync"]
