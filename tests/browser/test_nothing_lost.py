"""In a real browser, the three ways a persona's segment used to be lost (issue 18), each ending
with the segment and its evidence intact and nothing in the change log the user did not do:
another survey loaded and back; the filtered question relabelled; an older link opened in a
second tab. Expected numbers come from pandas on the sample; what is saved is read from the
database itself."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import _stop, start_server
from helpers import (
    assert_no_exception, pin_by_keyboard, save_screenshot, upload, wait_for_app,
)
from playwright.sync_api import Page, expect

from persona_lib import load_survey
from persona_lib.mapping import SurveyMapping, apply_column_edits
from persona_lib.store import PersonaStore
from tests.conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[2]
OTHER = ROOT / "tests" / "fixtures" / "holdout" / "surveymonkey_streaming.csv"
LIVE, AGE = "Where do you live?", "How old are you?"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nothing-lost")
    db = f"sqlite:///{folder / 'p.db'}"
    proc, url = start_server({"PERSONA_DATA_DIR": str(folder), "PERSONA_DB_URL": db,
                              "PERSONA_EDITOR": ""})
    try:
        yield url, db
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return pd.read_csv(SAMPLE, dtype=str, keep_default_na=False, na_values=[""])


def _go(page: Page, link: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=link, exact=True).click()
    wait_for_app(page)


def _sidebar_multiselect(page: Page, label: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=page.get_by_role("combobox", name=label, exact=True))


def _choose(page: Page, label: str, option: str) -> None:
    box = _sidebar_multiselect(page, label)
    box.get_by_role("combobox", name=label, exact=True).click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page, settle_ms=400)


def _new_persona(page: Page, name: str) -> None:
    page.get_by_role("button", name="New persona").click()
    wait_for_app(page)
    _go(page, "Persona")
    field = page.get_by_label("Persona name")
    field.fill(name)
    field.press("Enter")
    wait_for_app(page)


def _saved(db: str, name: str):
    store = PersonaStore(db)
    found = [s.persona for p in store.projects() for s in store.personas(p.id)
             if s.persona.name == name]
    assert len(found) == 1, [s.persona.name for p in store.projects()
                             for s in store.personas(p.id)]
    return found[0]


def _expect_sidebar_n(page: Page, n: int) -> None:
    """The segment's size in the sidebar becomes n (waiting: an action may rerun twice)."""
    metric = page.locator('[data-testid="stSidebar"] [data-testid="stMetric"]')
    expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(f"{n:,}")


def _city_persona(page: Page, name: str) -> None:
    """A persona with the segment "Where do you live = Big city" and Age 25-34 pinned by keyboard."""
    _new_persona(page, name)
    _choose(page, "Filter respondents by", "Where do you live")
    _choose(page, "Where do you live", "Big city")
    _go(page, "Who they are")
    pin_by_keyboard(page, "How old are you")


def _card_shows_city(page: Page, raw: pd.DataFrame, answer: str) -> None:
    """The card's segment, its size and the pinned age's count, as pandas counts them."""
    city = raw[raw[LIVE] == "Big city"]
    young = int((city[AGE] == answer).sum())
    answered = int(city[AGE].notna().sum())
    _go(page, "Persona")
    expect(page.get_by_text(re.compile(r"Segment:.*is Big city"))).to_be_visible()
    expect(page.get_by_text(f"n = {len(city):,} of {len(raw):,} respondents",
                            exact=False)).to_be_visible()
    expect(page.get_by_text(f"{young:,} of {answered:,}", exact=False).first).to_be_visible()
    _expect_sidebar_n(page, len(city))


def test_another_survey_and_back_loses_nothing(page: Page, server, raw, tmp_path):
    url, db = server
    page.goto(url)
    wait_for_app(page)
    _city_persona(page, "City journey")
    before = _saved(db, "City journey")
    assert before.segment.conditions[0].answers == ["Big city"]
    assert before.data.source == "brewbox_survey.csv"
    assert [p.trait.question for p in before.pinned] == [AGE]
    _go(page, "Data")
    short = tmp_path / "streaming.csv"  # the uploader's chip shortens long names
    short.write_bytes(OTHER.read_bytes())
    upload(page, short)
    other = load_survey(OTHER)
    assert "In which country do you live?" in [c.name for c in other.columns]  # worded otherwise
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text(re.compile("built on brewbox_survey.csv")).first).to_be_visible()
    _go(page, "Persona")
    expect(page.get_by_text(re.compile(r"Built on brewbox_survey\.csv .*read-only")).first
           ).to_be_visible()
    save_screenshot(page, "nothing-lost-other-survey")
    assert _saved(db, "City journey") == before  # nothing written while it was loaded
    _go(page, "Data")
    page.get_by_role("button", name="Back to the sample survey").click()
    wait_for_app(page)
    _card_shows_city(page, raw, before.pinned[0].trait.answer)
    assert_no_exception(page)
    after = _saved(db, "City journey")
    assert after.segment == before.segment and after.pinned == before.pinned
    assert after.changes == before.changes  # the user did nothing: nothing logged


def test_a_relabel_changes_the_tag_not_the_segment(page: Page, server, raw, tmp_path):
    url, db = server
    page.goto(url)
    wait_for_app(page)
    _city_persona(page, "Relabel journey")
    before = _saved(db, "Relabel journey")
    sample = load_survey(SAMPLE)
    column = sample.column(LIVE)
    relabelled = apply_column_edits(
        SurveyMapping(fingerprint=sample.fingerprint), sample.columns, sample.detected,
        {LIVE: {"label": "Home area", "kind": column.kind, "role": column.role}})
    settings = tmp_path / "relabel.json"
    settings.write_text(relabelled.to_json())
    _go(page, "Data")
    page.get_by_role("tab", name="Save or load settings").click()
    upload(page, settings, label="Load settings from a file")
    # the tag follows the new label at once, and the segment is the same
    expect(_sidebar_multiselect(page, "Home area")).to_be_visible()
    expect(_sidebar_multiselect(page, "Filter respondents by").get_by_text("Home area")
           ).to_be_visible()
    _expect_sidebar_n(page, int((raw[LIVE] == "Big city").sum()))
    _go(page, "What they do")  # the next clicks used to save the segment empty
    _go(page, "Who they are")
    after = _saved(db, "Relabel journey")
    assert after.segment == before.segment and after.pinned == before.pinned
    assert after.changes == before.changes
    expect(page.get_by_text(re.compile(r"Home area is Big city")).first).to_be_visible()
    assert_no_exception(page)
    _go(page, "Data")  # back to the detected labels for the next journey
    page.get_by_role("tab", name="Save or load settings").click()
    page.get_by_role("button", name="Reset to what was detected").click()
    wait_for_app(page)


def test_an_older_link_in_a_second_tab_asks_before_replacing(page: Page, server, raw):
    url, db = server
    page.goto(url)
    wait_for_app(page)
    _city_persona(page, "Link journey")
    old_link = page.url
    assert "segment=" in old_link
    _choose(page, "Where do you live", "Suburb")  # the saved segment moves on: city or suburb
    before = _saved(db, "Link journey")
    assert before.segment.conditions[0].answers == ["Big city", "Suburb"]
    second = page.context.new_page()
    second.goto(old_link)
    wait_for_app(second)
    expect(second.get_by_text(re.compile("This link shows .*Link journey"))).to_be_visible()
    either = int(raw[LIVE].isin(["Big city", "Suburb"]).sum())
    _expect_sidebar_n(second, either)  # the saved segment is shown
    assert _saved(db, "Link journey") == before  # and nothing was written
    save_screenshot(second, "nothing-lost-older-link")
    second.get_by_role("button", name="Open the link's segment as a copy").click()
    wait_for_app(second)
    copy = _saved(db, "Link journey (from link)")
    assert copy.segment.conditions[0].answers == ["Big city"]
    _expect_sidebar_n(second, int((raw[LIVE] == "Big city").sum()))
    after = _saved(db, "Link journey")
    assert after.segment == before.segment and after.changes == before.changes
    assert_no_exception(second)
    second.close()
