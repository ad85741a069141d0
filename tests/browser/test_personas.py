"""In a real browser, as a new user would: build two personas, refresh, restart the app, both
are there; download the printable card and look at it; load a second wave and see the drift."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
from conftest import _stop, start_server
from helpers import (
    ARTIFACTS_DIR, assert_no_exception, pin_by_keyboard, save_screenshot, upload, wait_for_app,
)
from playwright.sync_api import Page, expect

from tests.conftest import SAMPLE


def _go(page: Page, link: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=link, exact=True).click()
    wait_for_app(page)


def _rename(page: Page, name: str) -> None:
    _go(page, "Persona")
    field = page.get_by_label("Persona name")
    field.fill(name)
    field.press("Enter")
    wait_for_app(page)


def _persona_names(page: Page) -> list[str]:
    """The names in the sidebar's persona picker."""
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return sorted(options)


def test_personas_last_across_refresh_and_restart_and_export(page: Page, tmp_path):
    env = {"PERSONA_DATA_DIR": str(tmp_path), "PERSONA_DB_URL": f"sqlite:///{tmp_path}/p.db"}
    proc, url = start_server(env)
    try:
        page.goto(url)
        wait_for_app(page)
        _rename(page, "Busy Beth")
        page.get_by_role("button", name="New persona").click()
        wait_for_app(page)
        _rename(page, "Budget Bob")
        page.reload()
        wait_for_app(page)
        assert _persona_names(page) == ["Budget Bob", "Busy Beth"]
    finally:
        _stop(proc)
    proc, url = start_server(env)  # the app restarts on the same database
    try:
        page.goto(url)
        wait_for_app(page)
        assert _persona_names(page) == ["Budget Bob", "Busy Beth"]
        _go(page, "Persona")
        with page.expect_download() as download:
            page.get_by_role("button", name="Printable card (PDF, A4)").click()
        pdf = ARTIFACTS_DIR / "persona-card-A4.pdf"
        download.value.save_as(pdf)
        document = pdfium.PdfDocument(str(pdf))
        assert len(document) == 1
        text = document[0].get_textpage().get_text_range()
        document[0].render(scale=1.5).to_pil().save(ARTIFACTS_DIR / "persona-card-A4.png")
        document.close()
        assert "Budget Bob" in text or "Busy Beth" in text
        assert all(box in text for box in ("Says", "Thinks", "Does", "Feels")), text  # empathy map
        assert_no_exception(page)
    finally:
        _stop(proc)


def test_a_second_wave_shows_what_moved(page: Page, app_server: str, tmp_path, raw):
    from tests.test_drift import wave_two

    page.goto(app_server)
    wait_for_app(page)
    _go(page, "Who they are")
    pin_by_keyboard(page, "How old are you")
    wave = tmp_path / "wave-2.csv"
    wave.write_bytes(wave_two(raw))
    _go(page, "Data")
    upload(page, wave)
    _go(page, "Persona")
    expect(page.get_by_text(re.compile("Fresh data: built on"))).to_be_visible()
    expect(page.get_by_text(re.compile("since pinned: .* → "))).to_be_visible()
    save_screenshot(page, "persona-fresh-wave")
    assert_no_exception(page)
    assert SAMPLE.exists()
