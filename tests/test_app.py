"""The app end to end through Streamlit's AppTest: pages, upload, pinning, segments, the card.

Expected values come from pandas on the raw CSV or from persona_lib on the `sample` fixture,
never from the app itself.
"""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from persona_lib import Survey, load_survey
from persona_lib.charts import chart_groups
from persona_lib.drift import drift_text, persona_drift
from persona_lib.models import Column, Role, Trait
from persona_lib.persona import evidence_short, evidence_text
from persona_lib.stats import trait_evidence
from persona_lib.text import avatar_svg

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
SAMPLE_CSV = ROOT / "sample_data" / "brewbox_survey.csv"
TIMEOUT = 60

AGE = "How old are you?"
GENDER = "What is your gender?"
LOCATION = "Where do you live?"
CHANNELS = "Where do you like to hear about new products?"
SPEND = "How much do you spend on coffee in a typical month? (USD)"
LIKERT = "How much do you agree with each statement? [I enjoy trying new coffees]"
EMPATHY_TITLES = ["Says", "Thinks", "Does", "Feels", "Pains", "Gains"]


def _registered_pages() -> dict[str, str]:
    """Page title -> script path, as app.py registers them with st.Page."""
    found = re.findall(r'st\.Page\(\s*"([^"]+)",\s*title="([^"]+)"', APP.read_text())
    return {title: path for path, title in found}


PAGES = _registered_pages()


def small_table() -> pd.DataFrame:
    """40 respondents: age band, gender, semicolon multi-select, Likert item, a number."""
    ages = ["18-24", "25-34", "35-44", "45-54"]
    genders = ["Woman", "Man", "Non-binary"]
    channels = ["Instagram", "Email newsletter", "Podcasts", "Friends and family"]
    scale = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
             "Strongly agree"]
    return pd.DataFrame([{
        AGE: ages[i % 4],
        GENDER: genders[i % 3],
        CHANNELS: ";".join(c for j, c in enumerate(channels) if (i + 1) >> j & 1),
        LIKERT: scale[i % 5],
        SPEND: 10 + (i * 7) % 30,
    } for i in range(40)])


def small_csv() -> bytes:
    return small_table().to_csv(index=False).encode()


def small_xlsx() -> bytes:
    buffer = io.BytesIO()
    small_table().to_excel(buffer, index=False, engine="openpyxl")
    return buffer.getvalue()


def assert_ran(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def start(page: str = "Data") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert_ran(at)
    return go(at, page) if page != "Data" else at


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(PAGES[page]).run()
    assert_ran(at)
    return at


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    go(at, "Data")
    at.file_uploader[0].set_value((name, content, "text/csv")).run()
    assert_ran(at)
    return at


def metric(at: AppTest, label: str) -> str:
    values = [m.value for m in at.metric if m.label == label]
    assert len(values) == 1, f"expected one '{label}' metric, found {values}"
    return values[0]


def charted_questions(at: AppTest) -> list[tuple[str, ...]]:
    """Per chart, the questions its clickable bars carry (customdata[0] is the question)."""
    charts = []
    for chart in at.get("plotly_chart"):
        questions: dict[str, None] = {}
        for trace in json.loads(chart.proto.spec)["data"]:
            questions.update(dict.fromkeys(point[0] for point in trace.get("customdata", [])))
        charts.append(tuple(questions))
    return charts


def expected_charts(survey: Survey, roles: tuple[Role, ...]) -> list[tuple[str, ...]]:
    return [tuple(c.name for c in cols) for _, cols in chart_groups(survey, roles)]


def name_input(at: AppTest):
    return next(t for t in at.text_input if t.key and t.key.startswith("persona_name::"))


def current_persona(at: AppTest):
    """The persona being built, as the app keeps it (see ui/session.py)."""
    return at.session_state["personas"][at.session_state["persona_id"]]


def sidebar_multiselect(at: AppTest, prefix: str):
    found = [w for w in at.sidebar.multiselect if w.key and w.key.startswith(prefix)]
    assert len(found) == 1, [w.key for w in at.sidebar.multiselect]
    return found[0]


def filter_segment(at: AppTest, question: str, answers: list[str]) -> AppTest:
    questions = sidebar_multiselect(at, "segment_questions::")
    questions.set_value([*questions.value, question]).run()
    assert_ran(at)
    sidebar_multiselect(at, f"segment_answers::{question}::").set_value(answers).run()
    assert_ran(at)
    return at


def pin_with_keyboard(at: AppTest, picker: str, column: Column, answer: str) -> AppTest:
    at.selectbox(key=f"{picker}::question").set_value(column.label).run()
    assert_ran(at)
    at.selectbox(key=f"{picker}::answer::{column.name}").set_value(answer).run()
    assert_ran(at)
    at.button(key=f"{picker}::pin").click().run()
    assert_ran(at)
    return at


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def card_entries(at: AppTest) -> list[str]:
    return [unescape(m.value) for m in at.markdown]


def shows_trait(at: AppTest, label: str, evidence: str | None = None) -> bool:
    """Some card entry is headed by the bold label (and has this exact evidence line)."""
    return any(
        f"**{label}**" in entry and (evidence is None or evidence in [
            line.strip() for line in entry.splitlines()])
        for entry in card_entries(at)
    )


def everyone(survey: Survey) -> pd.Series:
    return pd.Series(True, index=survey.data.index)


def test_data_page_shows_the_sample_and_its_detected_columns(sample, raw):
    at = start()
    assert [t.value for t in at.title] == ["Data"]
    assert metric(at, "Respondents") == f"{len(raw):,}" == "1,800"
    assert metric(at, "Questions charted") == str(sum(c.chartable for c in sample.columns))
    assert [t.label for t in at.tabs][:2] == ["Columns", "Answers"]
    detected = next(d.value for d in at.data_editor if "Kind" in d.value.columns)
    assert list(detected["Column"]) == list(raw.columns)
    assert list(detected["Kind"]) == [c.kind.value.replace("_", " ") for c in sample.columns]
    shown = "\n".join(d.value.astype(str).to_csv() for d in at.dataframe)
    assert not any(email in shown for email in raw["Email address"].dropna().head(50))


def test_who_they_are_draws_one_chart_per_demographic_question(sample):
    at = start("Who they are")
    assert [t.value for t in at.title] == ["Who they are"]
    expected = expected_charts(sample, (Role.demographic,))
    assert len(expected) == 7
    assert charted_questions(at) == expected


def test_what_they_do_draws_every_behaviour_and_attitude_chart(sample):
    at = start("What they do")
    assert [t.value for t in at.title] == ["What they do"]
    expected = expected_charts(sample, (Role.behaviour, Role.attitude))
    assert any(len(questions) > 1 for questions in expected)
    assert charted_questions(at) == expected


def test_persona_page_shows_the_empathy_map():
    at = start("Persona")
    assert "Empathy map" in [h.value for h in at.header]
    subheaders = [s.value for s in at.subheader]
    assert [t for t in subheaders if t in EMPATHY_TITLES] == EMPATHY_TITLES
    assert any("Nothing pinned yet" in i.value for i in at.info)


@pytest.mark.parametrize(("name", "content"), [("small.csv", small_csv()),
                                             ("small.xlsx", small_xlsx())])
def test_uploaded_file_replaces_the_sample_on_every_page(name, content):
    survey = load_survey(content, name)
    assert survey.n == 40
    assert survey.column(CHANNELS).kind.value == "multi_choice"
    assert survey.column(SPEND).kind.value == "numeric"
    at = upload(start(), name, content)
    assert metric(at, "Respondents") == "40"
    assert metric(at, "Respondents in segment") == "40"
    assert name in [unescape(s.value) for s in at.subheader]
    assert not at.error
    go(at, "Who they are")
    assert charted_questions(at) == expected_charts(survey, (Role.demographic,))
    go(at, "What they do")
    assert charted_questions(at) == expected_charts(survey, (Role.behaviour, Role.attitude))
    go(at, "Persona")
    assert [s.value for s in at.subheader if s.value in EMPATHY_TITLES] == EMPATHY_TITLES
    go(at, "Data")
    assert metric(at, "Respondents") == "40"
    next(b for b in at.button if b.label == "Back to the sample survey").click().run()
    assert_ran(at)
    assert metric(at, "Respondents") == "1,800"
    assert metric(at, "Respondents in segment") == "1,800"


def test_a_csv_saved_by_excel_for_mac_reads_its_accents_and_says_how_it_was_read():
    frame = small_table()
    frame[CHANNELS] = ["Café crème", "Thé à la menthe"] * 20
    content = frame.to_csv(index=False).encode("mac_roman")
    at = upload(start(), "mac.csv", content)
    assert metric(at, "Respondents") == "40"
    assert any("read as Mac Roman" in unescape(w.value) for w in at.warning)
    go(at, "What they do")
    answers = {point[1] for chart in at.get("plotly_chart")
               for trace in json.loads(chart.proto.spec)["data"]
               for point in trace.get("customdata", []) if point[0] == CHANNELS}
    assert answers == {"Café crème", "Thé à la menthe"}


def test_a_persona_of_another_survey_is_kept_read_only_and_checked_only_when_asked(sample):
    """Pinned on the sample, then another survey is loaded: the persona keeps its evidence and
    is not reinterpreted; asked, it is compared with the new data question by question."""
    content = small_csv()
    small = load_survey(content, "small.csv")
    at = pin_with_keyboard(start("Who they are"), "pin_who", sample.column(AGE), "25-34")
    built = current_persona(at)
    upload(at, "small.csv", content)
    go(at, "Persona")
    assert current_persona(at) == built  # nothing rewritten by loading another file
    assert any(unescape(i.value).startswith("Built on **brewbox_survey.csv**") and "read-only"
               in i.value for i in at.info), [i.value for i in at.info]
    assert not at.text_input  # no name or notes to edit
    snapshot = built.pinned[0].snapshot
    assert any(f"{snapshot.share:.0%} of n={snapshot.n:,} when pinned" in unescape(m.value)
               for m in at.markdown)
    assert not at.dataframe
    at.toggle(key=f"check_other::{built.id}").set_value(True).run()
    assert_ran(at)
    expected = persona_drift(small, built, other_survey=True)
    shown = at.dataframe[0].value
    assert list(shown["Then → now"]) == [drift_text(expected.segment),
                                         drift_text(expected.traits[0].change)]
    assert expected.traits[0].change.now == pytest.approx(
        (small.data[AGE] == "25-34").mean())
    assert current_persona(at) == built


BAD_UPLOADS = [
    pytest.param("empty.csv", b"", id="empty"),
    pytest.param("junk.csv", bytes(range(256)) * 8, id="binary-junk"),
    pytest.param("broken.xlsx", b"PK\x03\x04 not really a workbook", id="broken-xlsx"),
    pytest.param("header_only.csv", b"Age,Gender\n", id="header-only"),
]


@pytest.mark.parametrize(("name", "content"), BAD_UPLOADS)
def test_unreadable_upload_explains_and_keeps_sample_and_pins(sample, name, content):
    at = pin_with_keyboard(start("Who they are"), "pin_who", sample.column(AGE), "25-34")
    upload(at, name, content)
    errors = [unescape(e.value) for e in at.error]
    assert len(errors) == 1 and name in errors[0], errors
    assert metric(at, "Respondents") == "1,800"
    assert metric(at, "Respondents in segment") == "1,800"
    go(at, "Persona")
    expected = evidence_text(trait_evidence(sample, Trait(question=AGE, answer="25-34"),
                                            everyone(sample)))
    assert shows_trait(at, "How old are you: 25-34", expected)


def test_load_error_clears_when_the_bad_file_is_removed():
    at = upload(start(), "empty.csv", b"")
    assert len(at.error) == 1
    at.file_uploader[0].set_value(None).run()
    assert_ran(at)
    assert not at.error
    assert metric(at, "Respondents") == "1,800"


def test_keyboard_pin_puts_the_trait_on_the_card_with_its_evidence(sample, raw):
    trait = Trait(question=AGE, answer="25-34")
    evidence = trait_evidence(sample, trait, everyone(sample))
    ages = raw[AGE]
    assert (evidence.count_segment, evidence.n_segment) == ((ages == "25-34").sum(),
                                                           ages.notna().sum())
    at = pin_with_keyboard(start("Who they are"), "pin_who", sample.column(AGE), "25-34")
    assert any("How old are you: 25-34" in unescape(t.value) for t in at.toast)
    go(at, "Persona")
    assert shows_trait(at, "How old are you: 25-34", evidence_text(evidence))

    in_city = (raw[LOCATION] == "Big city").to_numpy()
    segment_evidence = trait_evidence(sample, trait, pd.Series(in_city, index=sample.data.index))
    assert (segment_evidence.count_segment, segment_evidence.n_segment) == (
        ((ages == "25-34") & in_city).sum(), (ages.notna() & in_city).sum())
    assert evidence_text(segment_evidence) != evidence_text(evidence)
    filter_segment(at, LOCATION, ["Big city"])
    assert shows_trait(at, "How old are you: 25-34", evidence_text(segment_evidence))
    assert not shows_trait(at, "How old are you: 25-34", evidence_text(evidence))


def test_a_pin_shows_at_once_in_the_sidebar_card_and_follows_the_segment(sample, raw):
    at = start("Who they are")
    pinned = [m for m in at.sidebar.markdown if "push_pin" in m.value]
    assert pinned == [] and any("Nothing yet" in c.value for c in at.sidebar.caption)
    pin_with_keyboard(at, "pin_who", sample.column(AGE), "25-34")
    trait = Trait(question=AGE, answer="25-34")
    lines = [unescape(m.value) for m in at.sidebar.markdown if "push_pin" in m.value]
    assert len(lines) == 1 and "How old are you: 25-34" in lines[0]
    assert evidence_short(trait_evidence(sample, trait, everyone(sample))) in lines[0]

    filter_segment(at, LOCATION, ["Big city"])
    in_city = pd.Series((raw[LOCATION] == "Big city").to_numpy(), index=sample.data.index)
    now = evidence_short(trait_evidence(sample, trait, in_city))
    lines = [unescape(m.value) for m in at.sidebar.markdown if "push_pin" in m.value]
    assert now in lines[0] and now != evidence_short(trait_evidence(sample, trait,
                                                                    everyone(sample)))
    go(at, "Persona")  # the page is the card: no second copy in the sidebar
    assert not [m for m in at.sidebar.markdown if "push_pin" in m.value]


def test_keyboard_pin_of_a_numeric_range(sample, raw):
    at = start("What they do")
    at.selectbox(key="pin_behaviour::question").set_value(sample.column(SPEND).label).run()
    assert_ran(at)
    answers = at.selectbox(key=f"pin_behaviour::answer::{SPEND}").options
    low, high = (float(x) for x in answers[1].split("–"))
    pin_with_keyboard(at, "pin_behaviour", sample.column(SPEND), answers[1])
    trait = Trait(question=SPEND, low=low, high=high)
    evidence = trait_evidence(sample, trait, everyone(sample))
    spend = pd.to_numeric(raw[SPEND])
    assert evidence.count_segment == ((spend >= low) & (spend < high)).sum() > 0
    go(at, "Persona")
    assert shows_trait(at, f"How much do you spend on coffee in a typical month? (USD): {answers[1]}", evidence_text(evidence))


def test_sidebar_segment_count_matches_pandas(raw):
    at = start()
    assert metric(at, "Respondents in segment") == "1,800"
    places = ["Big city", "Suburb"]
    filter_segment(at, LOCATION, places)
    lives = raw[LOCATION].isin(places)
    assert metric(at, "Respondents in segment") == f"{lives.sum():,}"
    assert f"{lives.sum():,}" != "1,800"

    filter_segment(at, CHANNELS, ["TikTok"])
    tiktok = raw[CHANNELS].fillna("").str.split(", ").map(lambda chosen: "TikTok" in chosen)
    assert metric(at, "Respondents in segment") == f"{(lives & tiktok).sum():,}"
    next(r for r in at.sidebar.radio if r.key.startswith("segment_combine::")).set_value(
        "any").run()
    assert_ran(at)
    assert metric(at, "Respondents in segment") == f"{(lives | tiktok).sum():,}"


def test_unpin_removes_only_that_trait(sample):
    rural = Trait(question=LOCATION, answer="Rural area")
    rural_evidence = evidence_text(trait_evidence(sample, rural, everyone(sample)))
    at = start("Who they are")
    pin_with_keyboard(at, "pin_who", sample.column(AGE), "25-34")
    pin_with_keyboard(at, "pin_who", sample.column(LOCATION), "Rural area")
    go(at, "Persona")
    assert shows_trait(at, "How old are you: 25-34")
    assert shows_trait(at, "Where do you live: Rural area", rural_evidence)
    unpin = [b for b in at.button if b.key and b.key.startswith("unpin::")]
    assert len(unpin) == 2
    unpin[0].click().run()
    assert_ran(at)
    assert not shows_trait(at, "How old are you: 25-34")
    assert shows_trait(at, "Where do you live: Rural area", rural_evidence)
    assert [p.trait for p in current_persona(at).pinned] == [rural]


def avatar(at: AppTest) -> str:
    url = at.get("image")[0].proto.imgs[0].url
    return base64.b64decode(url.split(",", 1)[1]).decode()


def test_renaming_the_persona_updates_the_card():
    at = start("Persona")
    persona_id = current_persona(at).id
    assert avatar(at) == avatar_svg("New persona", persona_id)
    name_input(at).input("Coffee Explorer").run()
    assert_ran(at)
    assert avatar(at) == avatar_svg("Coffee Explorer", persona_id)
    assert ">CE</text>" in avatar(at)
    filter_segment(go(at, "Who they are"), LOCATION, ["Big city"])
    assert any("Coffee Explorer" in unescape(c.value) for c in at.caption)
    go(at, "Persona")
    assert name_input(at).value == "Coffee Explorer"
    name_input(at).input("   ").run()
    assert_ran(at)
    assert current_persona(at).name == "New persona"


def test_headers_equal_after_trimming_are_kept_apart():
    content = b"Age,Age \n" + b"".join(b"25-34,18-24\n" for _ in range(12))
    at = upload(start(), "dupes.csv", content)
    assert not at.error
    assert metric(at, "Respondents") == "12"
    detected = next(d.value for d in at.dataframe if "Kind" in d.value.columns)
    assert len(detected) == 2 and detected["Column"].is_unique
    assert any(detected["Column"].iloc[1] in unescape(w.value) for w in at.warning)


def test_a_checkbox_exported_as_a_column_per_option_is_one_chart_on_its_page():
    """LimeSurvey's 'Q [Option]' columns of Ja / Nein / N/A: one chart with a bar per option."""
    from tests.test_charts import _checkbox_by_columns

    content = _checkbox_by_columns()
    survey = load_survey(content, "lime.csv")
    options = {f"Welche Geräte nutzen Sie? [{o}]" for o in ("Laptop", "Tablet", "Handy")}
    at = upload(start(), "lime.csv", content)
    shown = []
    for page, roles in (("Who they are", (Role.demographic,)),
                        ("What they do", (Role.behaviour, Role.attitude))):
        go(at, page)
        charts = charted_questions(at)
        assert [set(c) for c in charts] == [set(c) for c in expected_charts(survey, roles)]
        shown += charts
    assert [set(c) for c in shown].count(options) == 1
    assert not any(set(c) & options and set(c) != options for c in shown)


def test_card_says_what_they_would_pay_when_the_price_is_asked_in_bands():
    """The merch survey (real, Google Forms) asks the price as bands: the card shows the
    question once and its commonest bands with their evidence, not 'no question recognised'."""
    merch = ROOT / "tests/fixtures/real_holdout10/files/gforms_merch_iiserm_2026.csv"
    at = upload(start(), merch.name, merch.read_bytes())
    go(at, "Persona")
    entries = card_entries(at)
    assert not any("No willingness-to-pay question" in c.value for c in at.caption)
    assert any(entry.startswith('What is the price you would be willing to pay for a "good"')
               for entry in entries)
    assert shows_trait(at, "400 - 600 INR", "33% [22%–46%] of n=55")
    heading = next(m for m in at.markdown if m.value.startswith("What is the price"))
    assert "Sweatshirt" in heading.help  # the whole question, where the label is shortened
