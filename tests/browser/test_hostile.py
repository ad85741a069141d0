"""Hostile files and rough use in a real browser, on a server with the network blocked.

The server runs with tests/browser/netblock/sitecustomize.py: any connection or name lookup
that would leave the machine is refused and logged; the browser aborts and records any request
that is not to the app. Then: an upload is never written to disk, a second browser session does
not see it, the hostile corpus files show their messages, and HTML, script or Markdown in answers,
questions and an imported persona never run or render on any page.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import _stop, start_server
from helpers import assert_no_exception, pin_by_click, save_screenshot, upload, wait_for_app
from playwright.sync_api import Browser, Page, expect

from persona_lib import load_survey
from test_workshop import ALL_PAGES, _go
from tests.test_app import SAMPLE_CSV, small_table

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
EXPECTED = json.loads((BAD / "expected.json").read_text())
NETBLOCK = Path(__file__).resolve().parent / "netblock"
MARKER = "ZQ-only-in-the-upload-4417"
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")

# What a rendered payload would leave in the page: any of these means raw HTML or Markdown got
# through (the answers hold <img onerror>, <script>, <iframe>, <u>, javascript: and image links).
RENDERED = """() => ({
  pwned: window.__pwned ?? null,
  elements: [...document.querySelectorAll(
      'img[src="x"], [onerror], iframe, u, a[href^="javascript"], img[src*="198.51.100.7"], '
      + 'script:not([src])')].filter(e => !e.closest('head')).map(e => e.outerHTML.slice(0, 80)),
})"""


@pytest.fixture
def offline_server(tmp_path):
    dirs = {name: tmp_path / name for name in ("home", "tmp", "data")}
    for folder in dirs.values():
        folder.mkdir()
    log = tmp_path / "network.log"
    env = {"HOME": str(dirs["home"]), "TMPDIR": str(dirs["tmp"]),
           "PERSONA_DATA_DIR": str(dirs["data"]),
           "PERSONA_DB_URL": f"sqlite:///{dirs['data'] / 'personas.db'}",
           "PERSONA_NET_LOG": str(log),
           "PYTHONPATH": os.pathsep.join([str(NETBLOCK), os.environ.get("PYTHONPATH", "")])}
    proc, url = start_server(env)
    yield url, dirs, log
    _stop(proc)


def _watch_requests(page: Page) -> list[str]:
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return outside


def _nothing_rendered(page: Page, where: str) -> None:
    page.wait_for_timeout(500)  # charts draw after the script finishes
    assert_no_exception(page)
    found = page.evaluate(RENDERED)
    assert found == {"pwned": None, "elements": []}, f"{where}: {found}"


def test_hostile_files_offline_private_and_shown_as_text(page: Page, browser: Browser,
                                                         offline_server, tmp_path):
    url, dirs, log = offline_server
    outside = _watch_requests(page)
    page.goto(url)
    wait_for_app(page)

    marked = tmp_path / "marked.csv"
    table = small_table().assign(Note=f"{MARKER} says hi")
    marked.write_bytes(table.to_csv(index=False).encode())
    upload(page, marked)
    # (the rerun the upload starts can begin after `upload` saw the app idle, on a busy machine)
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(
        str(len(table)), timeout=20_000)
    on_disk = [p for d in dirs.values() for p in d.rglob("*")
               if p.is_file() and MARKER.encode() in p.read_bytes()]
    assert on_disk == [], "the uploaded file was written to disk"

    other = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    other.goto(url)  # another session: the sample, not the first session's upload
    wait_for_app(other)
    expect(other.locator('[data-testid="stMetricValue"]').first).to_have_text(
        f"{load_survey(SAMPLE_CSV).n:,}")
    assert other.get_by_text("marked.csv").count() == 0
    other.context.close()

    for name in ("binary_junk.csv", "lying_zip_bomb.xlsx", "too_many_columns.csv"):
        upload(page, BAD / name)
        expect(page.get_by_text(EXPECTED[name]["error"]).first).to_be_visible()
        expect(page.get_by_text("Still using marked.csv").first).to_be_visible()
        assert_no_exception(page)

    upload(page, BAD / "hostile_text.csv")
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text("40")
    expect(page.get_by_text("hostile_text.csv").first).to_be_visible()
    for link in ALL_PAGES:
        _go(page, link)
        _nothing_rendered(page, link)
        save_screenshot(page, f"hostile-{link.replace(' ', '-').lower()}")

    _go(page, "What they do")
    bars = page.locator('[data-testid="stPlotlyChart"]').first.locator("g.barlayer g.point path")
    pin_by_click(page, bars.first, "", "Pinned to")
    _go(page, "Persona")
    _nothing_rendered(page, "the card with a hostile trait pinned")
    expect(page.get_by_text("<", exact=False).first).to_be_visible()  # shown, as text
    save_screenshot(page, "hostile-card")

    _go(page, "All personas")
    upload(page, BAD / "persona_hostile.json", "Personas exported from this app (JSON)")
    expect(page.get_by_text('Hacker <script>window.__pwned = "script"</script>').first
           ).to_be_visible()
    _nothing_rendered(page, "the imported hostile persona in the list")
    save_screenshot(page, "hostile-imported-persona")
    _go(page, "Persona")  # the imported persona is the current one: its notes and narrative
    _nothing_rendered(page, "the imported hostile persona's card")
    notes = page.locator("textarea").evaluate_all("els => els.map(e => e.value)")
    assert any("[click me](javascript:window.__pwned='link')" in n for n in notes), notes
    save_screenshot(page, "hostile-imported-persona-card")

    assert outside == [], f"the page tried to reach {outside}"
    assert not log.exists(), f"the server tried to reach: {log.read_text()}"


def test_a_file_over_the_upload_limit_is_refused_and_the_data_stays(page: Page, tmp_path):
    proc, url = start_server({"PERSONA_DATA_DIR": str(tmp_path)},
                             ("--server.maxUploadSize", "1"))
    try:
        page.goto(url)
        wait_for_app(page)
        rows = small_table().to_csv(index=False).encode()
        big = tmp_path / "too-big.csv"
        big.write_bytes(rows + rows.split(b"\n", 1)[1] * (3 * 2**20 // len(rows)))
        assert big.stat().st_size > 2**20
        expect(page.get_by_text(re.compile(r"\b1\.?0?\s?MB per file")).first).to_be_visible()
        upload(page, big)
        expect(page.get_by_text("File must be 1.0MB or smaller").first).to_be_visible()
        expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(
            f"{load_survey(SAMPLE_CSV).n:,}")
        assert_no_exception(page)
        save_screenshot(page, "upload-over-the-limit")
    finally:
        _stop(proc)
