"""The very first request to a freshly started server: every page's link opens that page
(never "Page not found"), a link's segment is applied, and Streamlit's own list of the files
in pages/ never shows, not even for a moment (a MutationObserver installed before the page's
first script records every navigation entry and every "Page not found" the page ever draws).
Screenshots, one as early as the app's frame exists and one when the page is done, are saved
in artifacts/ as cold-<page>-early.png and cold-<page>.png.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from helpers import ARTIFACTS_DIR, assert_no_exception, save_screenshot, wait_for_app
from playwright.sync_api import Browser, expect

from persona_lib.models import Condition, Segment
from persona_lib.segments import segment_token

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "brewbox_survey.csv"
LIVE = "Where do you live?"

# Our navigation: the titles app.py gives its pages. Streamlit's own list would name the
# files instead ("app", "data", "behaviour"...).
NAV_TITLES = {"Data", "Who they are", "What they do", "What they say", "Segments",
              "Suggested segments", "Crosstab", "Persona", "All personas", "Worth it"}
# Each page's URL path (its file name; the default page's is the root) and something only
# that page draws.
PAGES = {
    "": ("heading", "Data"),
    "who": ("heading", "Who they are"),
    "behaviour": ("heading", "What they do"),
    "said": ("heading", "What they say"),
    "segment": ("heading", "Segments"),
    "suggestions": ("heading", "Suggested segments"),
    "crosstabs": ("heading", "Crosstab"),
    "persona": ("heading", "Empathy map"),
    "personas": ("heading", "All personas"),
    "worth": ("heading", "Worth it"),
}

WATCH_JS = """
window.__seen = {nav: [], notFound: false};
const record = () => {
  for (const link of document.querySelectorAll('[data-testid="stSidebarNav"] a')) {
    const label = link.cloneNode(true);  // its words, without the icon's ligature name
    label.querySelectorAll('[data-testid="stIconMaterial"]').forEach((icon) => icon.remove());
    const text = label.textContent.trim();
    if (text && !window.__seen.nav.includes(text)) window.__seen.nav.push(text);
  }
  if (document.body && document.body.textContent.includes("Page not found")) {
    window.__seen.notFound = true;
  }
};
new MutationObserver(record).observe(document, {childList: true, subtree: true,
                                                characterData: true});
"""


def first_visit(browser: Browser, url: str, name: str):
    """Open `url` in a new browser context, as the server's first request; return the page
    and what it ever showed."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.add_init_script(WATCH_JS)
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.locator('[data-testid="stApp"]').wait_for(state="attached", timeout=30_000)
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / f"cold-{name}-early.png"))
    wait_for_app(page, settle_ms=500)
    save_screenshot(page, f"cold-{name}")
    return page, page.evaluate("window.__seen")


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_link_works_as_the_first_request(browser: Browser, fresh_server, path):
    page, seen = first_visit(browser, f"{fresh_server}/{path}", path or "root")
    role, text = PAGES[path]
    expect(page.get_by_role(role, name=text).first).to_be_visible()
    assert_no_exception(page)
    assert not seen["notFound"]
    assert seen["nav"] and set(seen["nav"]) <= NAV_TITLES, seen["nav"]
    page.context.close()


def test_a_segment_link_opened_first_shows_that_segment(browser: Browser, fresh_server):
    token = segment_token(Segment(conditions=[Condition(question=LIVE, answers=["Big city"])]))
    city = int((pd.read_csv(SAMPLE)[LIVE] == "Big city").sum())
    page, seen = first_visit(browser, f"{fresh_server}/behaviour?segment={token}",
                             "behaviour-segment")
    expect(page.get_by_role("heading", name="What they do")).to_be_visible()
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.locator('[data-testid="stMetricValue"]')).to_have_text(f"{city:,}")
    expect(sidebar.get_by_text("Shared segment").first).to_be_visible()
    assert not seen["notFound"]
    assert seen["nav"] and set(seen["nav"]) <= NAV_TITLES, seen["nav"]
    page.context.close()
