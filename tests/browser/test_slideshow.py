"""Presentation mode as slides, in a real browser at 1280x720, 1920x1080 and 1024x768: every
slide fits the screen (its scroll height is no more than the window), no text under 18 px,
keys and buttons move between slides, a slide opens at its top, Escape leaves. Screenshots of
every slide at every size are saved in artifacts/."""

from __future__ import annotations

import re

from helpers import assert_no_exception, save_screenshot, small_text, wait_for_app
from playwright.sync_api import Page, expect

SIZES = ((1280, 720), (1920, 1080), (1024, 768))
FITS_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return {page: document.scrollingElement.scrollHeight, main: main ? main.scrollHeight : 0,
          screen: window.innerHeight};
}"""




def _pin_first_answer(page: Page, url: str, path: str) -> None:
    """Pin with the keyboard row: the first question and answer of the page."""
    page.goto(f"{url}/{path}")
    wait_for_app(page)
    page.get_by_role("button", name="Pin", exact=True).click()
    wait_for_app(page)


def _position(page: Page) -> tuple[int, int]:
    controls = page.locator(".st-key-slide_controls")
    expect(controls).to_contain_text(re.compile(r"\d+ / \d+"), timeout=15_000)
    text = controls.inner_text()
    here, total = re.search(r"(\d+) / (\d+)", text).groups()
    return int(here), int(total)


def _press(page: Page, key: str, expected: int) -> None:
    """A key, then wait until the slideshow is on the slide it should be."""
    page.keyboard.press(key)
    expect(page.locator(".st-key-slide_controls")).to_contain_text(
        re.compile(rf"(?<![0-9]){expected} / [0-9]"), timeout=15_000)
    wait_for_app(page)


def assert_fits(page: Page, what: str) -> None:
    sizes = page.evaluate(FITS_JS)
    assert sizes["page"] <= sizes["screen"] and sizes["main"] <= sizes["screen"], (what, sizes)


def test_presentation_mode_is_a_slideshow_that_fits_every_screen(page: Page, fresh_server):
    _pin_first_answer(page, fresh_server, "who")
    _pin_first_answer(page, fresh_server, "behaviour")
    page.get_by_role("button", name="Present").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"present=1"))
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(400)
        while _position(page)[0] > 1:  # back to the first slide with the keyboard
            _press(page, "PageUp", _position(page)[0] - 1)
        here, total = _position(page)
        assert total == 3  # the persona, then the two charts pinned from
        for slide in range(1, total + 1):
            assert _position(page) == (slide, total)
            page.wait_for_timeout(900)  # charts draw after the script finishes
            assert_no_exception(page)
            save_screenshot(page, f"slides-{width}x{height}-{slide}")
            assert_fits(page, f"slide {slide} at {width}x{height}")
            assert small_text(page) == [], f"text under 18 px on slide {slide}"
            if slide == 1:
                slides = page.locator(".persona-slide:visible")
                expect(slides).to_have_count(1)
                for quadrant in ("Says", "Thinks", "Does", "Feels", "Pains", "Gains"):
                    expect(slides.get_by_text(quadrant, exact=True)).to_be_visible()
                box = slides.bounding_box()
                assert box["y"] >= 0 and box["y"] + box["height"] <= height + 1
            else:
                expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(1)
                chart = page.locator('[data-testid="stPlotlyChart"]').bounding_box()
                assert chart["height"] >= 580  # the chart uses most of a 720 px screen
                assert chart["y"] + chart["height"] <= height
            assert page.get_by_text("Click a bar").count() == 0  # no editing hints
            if slide < total:
                _press(page, "ArrowRight" if slide == 1 else "PageDown", slide + 1)
        page.get_by_role("button", name="Previous").click()  # and the on-screen buttons
        expect(page.locator(".st-key-slide_controls")).to_contain_text(f"{total - 1} / {total}")
        wait_for_app(page)
        _press(page, "ArrowLeft", 1)
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(page).not_to_have_url(re.compile(r"present=1"))
    expect(page.locator(".persona-slide")).to_have_count(0)
    assert_no_exception(page)
