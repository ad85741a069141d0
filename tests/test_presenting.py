"""Presentation mode and links that reopen the same view, through AppTest."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from persona_lib.models import Condition, Segment
from persona_lib.segments import segment_from_token, segment_token
from tests.test_app import (
    APP, LOCATION, PAGES, TIMEOUT, assert_ran, current_persona, filter_segment, go, start,
)


def open_link(page: str = "Data", **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert_ran(at)
    if page != "Data":
        at.switch_page(PAGES[page]).run()
        assert_ran(at)
    return at


def test_present_opens_the_persona_slide_with_no_editing_chrome():
    at = open_link("Persona", present="1")
    slide = [h.proto.body for h in at.get("html") if "persona-slides" in h.proto.body]
    assert len(slide) == 1 and current_persona(at).name in slide[0]
    assert not at.sidebar.selectbox and not at.sidebar.multiselect
    assert not at.text_input and not at.text_area and not at.get("download_button")
    assert [b.label for b in at.button] == ["Previous", "Next", "Exit"]
    assert at.button(key="slide_prev").disabled and at.button(key="slide_next").disabled
    css = [h for h in at.get("html") if "font-size: 24px" in h.proto.body]
    assert len(css) == 1


def test_chart_slides_follow_the_pins_at_projector_sizes(sample):
    at = start("Who they are")
    at.button(key="pin_who::pin").click().run()
    assert_ran(at)
    at.button(key="start_present").click().run()
    assert_ran(at)
    assert not at.get("plotly_chart")  # the persona slide first
    at.button(key="slide_next").click().run()
    assert_ran(at)
    assert at.query_params.get("slide") in ("2", ["2"])
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    assert figure["font"]["size"] >= 20 and figure["title"]["font"]["size"] >= 24
    assert at.button(key="slide_next").disabled  # one pin, one chart
    laptop = open_link("Who they are")
    assert json.loads(laptop.get("plotly_chart")[0].proto.spec)["layout"]["font"]["size"] == 16


def test_present_and_exit_buttons_switch_the_mode_in_the_url():
    at = start("Persona")
    at.button(key="start_present").click().run()
    assert_ran(at)
    assert at.query_params.get("present") in ("1", ["1"])
    at.button(key="exit_present").click().run()  # "Exit" on the slideshow
    assert_ran(at)
    assert "present" not in at.query_params
    assert at.sidebar.selectbox


def test_the_url_names_the_project_persona_and_rule_segment(sample):
    at = filter_segment(start("Who they are"), LOCATION, ["Big city"])
    params = dict(at.query_params)
    persona = current_persona(at)
    assert params["persona"] in (persona.id, [persona.id])
    token = params["segment"] if isinstance(params["segment"], str) else params["segment"][0]
    assert segment_from_token(token).same_rule(persona.segment)
    reopened = open_link("Who they are", persona=persona.id)
    assert current_persona(reopened).id == persona.id
    assert current_persona(reopened).segment.same_rule(persona.segment)


def test_a_link_from_elsewhere_opens_its_segment_in_a_new_persona():
    shared = Segment(conditions=[Condition(question=LOCATION, answers=["Suburb"])])
    at = open_link("Persona", persona="not-here", segment=segment_token(shared))
    assert current_persona(at).name == "Shared segment"
    assert current_persona(at).segment.same_rule(shared)
    before = len(at.session_state["personas"])
    broken = open_link("Persona", segment="not-a-token")
    assert len(broken.session_state["personas"]) == before  # a bad token is ignored
    go(broken, "Who they are")
