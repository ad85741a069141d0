"""A workshop off a projected screen, in a real browser: upload a fresh file, pin a trait by
clicking a bar, write in the empathy map, present at 1280x720 and 1920x1080 in the light and
the dark theme with no text under 18 px, and download the card as a PDF."""

from __future__ import annotations

import re

from conftest import serving
from helpers import (
    ARTIFACTS_DIR, assert_no_exception, pin_by_click, save_screenshot, small_text, upload,
    wait_for_app,
)
from playwright.sync_api import Page, expect

from tests.test_app import small_csv

ALL_PAGES = ("Data", "Who they are", "What they do", "Segments", "Suggested segments",
             "Crosstab", "Persona", "All personas", "Worth it")


def _go(page: Page, link: str, nav: str = "stSidebarNav") -> None:
    page.locator(f'[data-testid="{nav}"]').get_by_role("link", name=link, exact=True).click()
    wait_for_app(page)


def _bar(page: Page, title: str, index: int):
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(
        has=page.locator("text.gtitle", has_text=re.compile(f"^{re.escape(title)}$")))
    return chart.locator("g.barlayer g.point path").nth(index)


def _present_every_page(page: Page, name: str) -> None:
    """Every slide of the slideshow, from the first (the persona) to the last chart."""
    controls = page.locator(".st-key-slide_controls")
    expect(controls).to_contain_text(re.compile(r"\d+ / \d+"))
    while not re.search(r"(?<![0-9])1 / ", controls.inner_text()):
        page.keyboard.press("PageUp")
        wait_for_app(page)
    total = int(re.search(r"/ (\d+)", controls.inner_text()).group(1))
    for slide in range(1, total + 1):
        page.wait_for_timeout(800)  # charts draw after the script finishes
        assert_no_exception(page)
        save_screenshot(page, f"{name}-slide-{slide}")
        assert small_text(page) == [], f"text under 18 px on slide {slide}"
        if slide < total:
            page.keyboard.press("ArrowRight")
            expect(controls).to_contain_text(re.compile(rf"(?<![0-9]){slide + 1} / "))
            wait_for_app(page)
    while not re.search(r"(?<![0-9])1 / ", controls.inner_text()):
        page.keyboard.press("ArrowLeft")
        wait_for_app(page)




def test_a_workshop_from_upload_to_presenting_and_a_pdf(page: Page, fresh_server, tmp_path):
    url = fresh_server
    page.goto(url)
    wait_for_app(page)
    for link in ALL_PAGES:  # every page runs on the sample
        _go(page, link)
        assert_no_exception(page)

    fresh = tmp_path / "fresh-responses.csv"
    fresh.write_bytes(small_csv())
    _go(page, "Data")
    upload(page, fresh)
    expect(page.get_by_text("fresh-responses.csv", exact=False).first).to_be_visible()
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("40")

    _go(page, "Who they are")
    pin_by_click(page, _bar(page, "How old are you", 1), "25-34", "How old are you: 25-34")

    _go(page, "Persona")
    pains = page.get_by_placeholder("What gets in their way?")
    pains.fill("Mornings are a rush; the beans always run out on a Monday.")
    pains.press("Tab")
    wait_for_app(page)
    page.reload()  # a refresh keeps the uploaded data, the pin and the written note
    wait_for_app(page)
    _go(page, "Persona")
    expect(page.get_by_text("All 40 respondents").first).to_be_visible()
    expect(page.get_by_placeholder("What gets in their way?")).to_have_value(
        re.compile("beans always run out"))
    expect(page.get_by_text("How old are you: 25-34").first).to_be_visible()
    assert_no_exception(page)

    page.get_by_role("button", name="Present").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"present=1"))  # a link to this view opens it
    for width, height in ((1280, 720), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        _present_every_page(page, f"present-light-{width}")
    expect(page.locator(".persona-slide:visible")).to_contain_text("Note: Mornings are a")
    page.get_by_role("button", name="Exit", exact=True).click()
    wait_for_app(page)
    expect(page).not_to_have_url(re.compile(r"present=1"))

    _go(page, "Persona")
    with page.expect_download() as download:
        page.get_by_role("button", name="Printable card (PDF, A4)").click()
    pdf = ARTIFACTS_DIR / "workshop-card.pdf"
    download.value.save_as(pdf)
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF") and len(content) > 10_000


def test_presentation_mode_is_legible_in_the_dark_theme(page: Page, own_env):
    with serving(own_env, ("--theme.base", "dark")) as url:
        for width, height in ((1280, 720), (1920, 1080)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{url}/who?present=1")  # a link opens straight into presentation mode
            wait_for_app(page)
            _present_every_page(page, f"present-dark-{width}")
