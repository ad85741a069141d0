"""In a real browser: click a theme's bar on What they say, see it pinned with its evidence."""

import re

import pandas as pd
from helpers import assert_no_exception, pin_by_click, save_screenshot, wait_for_app
from playwright.sync_api import Page, expect

from persona_lib.load import load_survey
from persona_lib.persona import evidence_short
from persona_lib.stats import trait_evidence
from persona_lib.themes import question_themes
from tests.conftest import SAMPLE

WHY = "Why do you buy the coffee you buy?"


def test_clicking_a_theme_pins_it_with_its_evidence(page: Page, app_server: str):
    survey = load_survey(SAMPLE)
    found = question_themes(survey, WHY)
    label = found.themes[0].label
    expected = evidence_short(trait_evidence(survey, found.trait(0),
                                             pd.Series(True, index=survey.data.index)))
    page.goto(app_server)
    wait_for_app(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role(
        "link", name="What they say", exact=True).click()
    wait_for_app(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(
        has=page.locator("text.gtitle", has_text=re.compile(r"^Why do you buy")))
    expect(chart).to_have_count(1)
    bars = chart.locator("g.barlayer g.point path")
    expect(bars).to_have_count(len(found.themes))
    pin_by_click(page, bars.nth(0), label, "Pinned to New persona (Says)")
    expect(page.locator('[data-testid="stToast"]').filter(has_text="Pinned to New persona (Says)")
           .filter(has_text=label).first).to_be_visible()
    assert_no_exception(page)
    in_sidebar = page.locator('[data-testid="stSidebar"] [data-testid="stMarkdownContainer"]'
                              ).filter(has_text=f"{label} (theme)").filter(has_text=expected)
    expect(in_sidebar.first).to_be_attached()
    save_screenshot(page, "theme-1-pinned")
    page.locator('[data-testid="stSidebarNav"]').get_by_role(
        "link", name="Persona", exact=True).click()
    wait_for_app(page)
    says = page.locator('[data-testid="stMarkdownContainer"]').filter(
        has_text=f"{label} (theme)").filter(has_text=expected)
    expect(says.first).to_be_visible()
    assert_no_exception(page)
    save_screenshot(page, "theme-2-card")
