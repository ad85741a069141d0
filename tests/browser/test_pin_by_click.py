"""In a real browser: click a bar, see the trait pinned on the persona card with its evidence."""

import re

import pandas as pd
from helpers import assert_no_exception, pin_by_click, save_screenshot, wait_for_app
from playwright.sync_api import Page, expect

from persona_lib.load import load_survey
from persona_lib.models import Trait
from persona_lib.persona import evidence_short
from persona_lib.stats import trait_evidence
from persona_lib.trust import trait_strength
from tests.conftest import SAMPLE

AGE = "How old are you?"


def _chart(page: Page, title: str):
    return page.locator('[data-testid="stPlotlyChart"]').filter(
        has=page.locator("text.gtitle", has_text=re.compile(f"^{re.escape(title)}$")))


def _go(page: Page, link: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=link, exact=True).click()
    wait_for_app(page)


def test_clicking_a_bar_pins_the_trait_to_the_card(page: Page, fresh_server: str):
    """On a server of its own: the shared one keeps what earlier tests pinned."""
    app_server = fresh_server
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
            else None)
    page.goto(app_server)
    wait_for_app(page)
    _go(page, "Who they are")
    age = _chart(page, "How old are you")
    expect(age).to_have_count(1)
    bars = age.locator("g.barlayer g.point path")
    expect(bars).to_have_count(6)
    expect(page.get_by_text("Nothing yet: click a bar to pin that answer.")).to_be_visible()
    save_screenshot(page, "pin-1-who-they-are")

    pin_by_click(page, bars.nth(1), "25-34", "Pinned to New persona: How old are you: 25-34")
    assert_no_exception(page)
    survey = load_survey(SAMPLE)
    everyone = pd.Series(True, index=survey.data.index)
    expected = evidence_short(trait_evidence(survey, Trait(question=AGE, answer="25-34"), everyone))
    in_sidebar = page.locator('[data-testid="stSidebar"] [data-testid="stMarkdownContainer"]'
                              ).filter(has_text="How old are you: 25-34").filter(has_text=expected)
    expect(in_sidebar.first).to_be_attached()  # the card as it grows, beside the charts
    pins = page.locator('[data-testid="stSidebar"] [data-testid="stMarkdownContainer"]'
                        ).filter(has_text="How old are you: ")
    expect(pins).to_have_count(1)  # that bar's answer and no other
    in_sidebar.first.scroll_into_view_if_needed()
    expect(in_sidebar.first).to_be_visible()
    save_screenshot(page, "pin-1b-sidebar-card")

    _go(page, "Persona")
    pinned = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text="How old are you: 25-34")
    expect(pinned.first).to_be_visible()
    expect(pinned.filter(has_text=expected).first).to_be_visible()
    assert_no_exception(page)
    pinned.filter(has_text=expected).first.scroll_into_view_if_needed()
    save_screenshot(page, "pin-2-persona-card")

    strength = trait_strength(trait_evidence(survey, Trait(question=AGE, answer="25-34"),
                                             everyone)).value
    badge = pinned.filter(has_text=expected).first.locator("span", has_text=strength)
    expect(badge.first).to_be_visible()  # the strength badge beside the trait
    page.get_by_text("How this was made").first.click()
    wait_for_app(page)
    made = page.locator('[data-testid="stMarkdownContainer"]').filter(
        has_text="Pinned by hand: ").filter(has_text="How old are you: 25-34 (pinned ")
    expect(made.first).to_be_visible()
    expect(made.filter(has_text=f"Data: brewbox_survey.csv, {survey.n:,} respondents").first
           ).to_be_visible()
    made.first.scroll_into_view_if_needed()
    save_screenshot(page, "pin-3-how-this-was-made")
    assert outside == [], f"the app requested outside addresses: {outside}"
