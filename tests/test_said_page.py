"""The What they say page through Streamlit's AppTest: a chart per free-text question, pinning
a theme into a chosen box with its evidence, and a rename saved for the survey."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from persona_lib.load import load_survey
from persona_lib.models import Box
from persona_lib.persona import evidence_short
from persona_lib.text import escape_markdown
from persona_lib.stats import trait_evidence
from persona_lib.store import ThemeStore
from persona_lib.themes import SavedThemes, question_themes, text_questions
from tests.test_app import card_entries, go, start, upload

APP = Path(__file__).resolve().parents[1] / "app.py"
WHY = "Why do you buy the coffee you buy?"


def _open() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    at.switch_page("pages/said.py")
    at.run()
    assert not at.exception
    return at


def test_what_they_say_pins_a_theme_into_the_chosen_box_with_its_evidence(sample):
    at = _open()
    assert [t.value for t in at.title] == ["What they say"]
    assert len(at.get("plotly_chart")) == 2  # one per free-text question
    found = question_themes(sample, WHY)
    at.radio(key="said_box").set_value(Box.pains).run()
    at.selectbox(key="said0::pin_pick").set_value(1).run()
    at.button(key="said0::pin").click().run()
    assert not at.exception
    [persona] = at.session_state["personas"].values()
    [pinned] = persona.pinned
    assert pinned.trait == found.trait(1) and pinned.box.value == "pains"
    expected = evidence_short(trait_evidence(sample, found.trait(1),
                                             pd.Series(True, index=sample.data.index)))
    sidebar = " ".join(m.value for m in at.sidebar.markdown)
    assert escape_markdown(found.themes[1].label) in sidebar
    assert escape_markdown(expected) in sidebar


def test_a_rename_is_saved_for_the_survey_and_shown(sample):
    at = _open()
    at.selectbox(key="said0::rename_pick").set_value(0).run()
    at.text_input(key="said0::rename_name").input("Knows what they get").run()
    at.button(key="said0::rename").click().run()
    assert not at.exception
    saved = ThemeStore().get(sample.fingerprint).questions[WHY]
    assert saved[0].label == "Knows what they get"
    labels = [o for o in at.selectbox(key="said0::pin_pick").options]
    assert "Knows what they get" in labels
    ThemeStore().put(SavedThemes(fingerprint=sample.fingerprint))  # none left for other tests


def test_what_people_typed_in_a_choices_other_box_is_a_question_to_theme_and_pin():
    """An upload whose 'How did you hear about us?' has sentences typed in its 'Other' box:
    What they say shows them as 'Typed in Other: ...', and a theme of them pins like any."""
    from tests.test_app import upload

    places = ["cafe", "gym", "office", "school", "market", "party", "library", "station"]
    typed = [f"My cousin told me at the {p}" for p in places] + \
        [f"Saw your van outside the {p}" for p in places] + \
        [f"A flyer at the farmers market near the {p}" for p in places]
    rows = ["How did you hear about us?,How often do you buy coffee?"]
    for i in range(240):
        heard = typed[i // 10] if i % 10 == 0 else ["Instagram", "A friend", "Search",
                                                    "Podcast", "Newsletter"][i % 5]
        rows.append(f'"{heard}",{["Weekly", "Monthly", "Daily"][i % 3]}')
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    upload(at, "heard.csv", "\n".join(rows).encode())
    at.switch_page("pages/said.py").run()
    assert not at.exception
    [chart] = at.get("plotly_chart")
    title = json.loads(chart.proto.spec)["layout"]["title"]["text"]
    assert title.replace("<br>", " ") == "Typed in Other: How did you hear about us"
    assert any(c.value.startswith("24 answered") for c in at.caption)
    at.button(key="said0::pin").click().run()
    assert not at.exception
    [persona] = at.session_state["personas"].values()
    [pinned] = persona.pinned
    assert pinned.trait.question == "How did you hear about us? (typed in Other)"


def test_a_free_text_frustrations_question_gives_the_card_its_themes_as_renamed():
    """Spack's pain points (real, free text): the card's Frustrations shows the question's
    themes with their evidence, and a theme renamed on What they say is renamed there too."""
    spack = Path(__file__).parent / "fixtures/real_holdout2/files/gforms_spack_2022.csv"
    pain = ("What are the biggest pain points in Spack for your workflow? (feel free to link "
            "to issues)")
    at = upload(start(), spack.name, spack.read_bytes())
    go(at, "Persona")
    survey = load_survey(spack)
    top = max(question_themes(survey, pain).themes, key=lambda t: t.n)
    assert any(entry.startswith(f"**{top.label} (theme)**") for entry in card_entries(at))
    go(at, "What they say")
    ident = f"said{text_questions(survey).index(pain)}"
    at.selectbox(key=f"{ident}::rename_pick").set_value(top.index).run()
    at.text_input(key=f"{ident}::rename_name").input("Builds break").run()
    at.button(key=f"{ident}::rename").click().run()
    assert not at.exception
    go(at, "Persona")
    assert any(entry.startswith("**Builds break (theme)**") for entry in card_entries(at))
    ThemeStore().put(SavedThemes(fingerprint=survey.fingerprint))  # none left for other tests


def test_a_question_with_too_few_answers_says_why_it_has_no_themes_once():
    said = ["Faster sync please as it takes ages on the train", "The dark mode is far too grey",
            "Nothing really as I am happy with it", "Let me export my notes to PDF",
            "A cheaper family plan for three people", "More widgets on the home screen",
            "Search that finds old notes", "Fewer emails about new features",
            "Offline mode for flights", "Bigger text on the tablet"]
    rows = ["Which plan do you have?,What would you change about the app?"]
    rows += [f"{['Basic', 'Team', 'Family'][i % 3]},{said[i] if i < len(said) else ''}"
             for i in range(40)]
    at = upload(start(), "few.csv", "\n".join(rows).encode())
    go(at, "What they say")
    [note] = [i.value for i in at.info if i.value.startswith("No themes")]
    assert note == "No themes: fewer than 20 answers with words in them (10 answered)."
