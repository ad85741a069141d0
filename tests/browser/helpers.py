"""Helpers for real-browser tests (import as ``from helpers import ...``).

``tests/browser`` has no ``__init__.py``, so pytest's default "prepend" import
mode puts this directory on ``sys.path``; keep it that way or the import breaks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

ARTIFACTS_DIR = Path(__file__).resolve().parent / "artifacts"

# The root element carries the run state (checked in streamlit 1.67's bundle):
#   data-test-script-state: initial | running | notRunning | rerunRequested | ...
#   data-test-connection-state: INITIAL | CONNECTING | CONNECTED | ...
APP_IDLE = (
    '[data-testid="stApp"]'
    '[data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)


def wait_for_app(page: Page, timeout: float = 30_000, settle_ms: int = 150) -> None:
    """Wait until the app is connected and its script has finished running.

    Call after page.goto() and after every interaction that triggers a rerun
    (click, fill+Enter, upload, ...). The short initial pause covers the gap
    between an interaction and the frontend flipping to "running" (Streamlit's
    own e2e helper does the same); ``settle_ms`` lets the final render land.
    """
    page.wait_for_timeout(settle_ms)
    page.locator('[data-testid="stApp"]').wait_for(state="attached", timeout=timeout)
    page.locator(APP_IDLE).wait_for(state="attached", timeout=timeout)
    page.wait_for_timeout(settle_ms)


def upload(page: Page, path: Path, label: str = "", timeout: float = 30_000) -> None:
    """Give a file to the uploader whose label contains ``label`` and wait until the server
    has it and the rerun it starts has finished. Waiting for the app alone can return before
    the upload even begins on a slow machine (the file goes over HTTP first)."""
    box = page.locator('[data-testid="stFileUploader"]').filter(has_text=label).first
    # (a chip shortens a long name in the middle, "smonkey...r_2020.csv")
    chip = box.locator('[data-testid="stFileChip"]').filter(has_text=path.name[-8:])
    for attempt in range(3):  # a file given while a rerun redraws the uploader is dropped
        box.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
        try:  # its tab may be in the background
            expect(chip.first).to_be_attached(timeout=timeout / 3)
            break
        except AssertionError:
            if attempt == 2:
                raise
    expect(chip.locator('[data-testid="stFileChipIconSpinner"]')).to_have_count(0, timeout=timeout)
    wait_for_app(page, timeout, settle_ms=400)


def pin_by_keyboard(page: Page, question: str) -> None:
    """Pin an answer with the keyboard path: type the question into the picker, press Pin
    (the answer is the picker's first)."""
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Question").click()
    page.keyboard.type(question)
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Pin", exact=True).click()
    wait_for_app(page)


def pin_by_click(page: Page, bar: Locator, answer: str, pinned: str, tries: int = 3) -> None:
    """Click a bar as a user does and wait for the toast saying ``pinned``.

    The pointer first rests on the bar until plotly's own hover label names ``answer``: a chart
    still settling (fonts, the charts above it) can move between measuring and clicking, and a
    blind click then pins the bar beside it. A click whose selection plotly drops is retried."""
    chart = bar.locator("xpath=ancestor::*[@data-testid='stPlotlyChart']")
    hover = chart.locator("g.hovertext").filter(has_text=answer)
    toast = page.locator('[data-testid="stToast"]').filter(has_text=pinned)
    for _ in range(tries):
        for _ in range(10):
            bar.scroll_into_view_if_needed()
            box = bar.bounding_box()
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.mouse.move(x, y)
            try:
                expect(hover.first).to_be_visible(timeout=1_000)
                break
            except AssertionError:
                page.mouse.move(0, 0)
        else:
            pytest.fail(f"plotly never showed a hover label with {answer!r} on that bar")
        page.mouse.click(x, y)
        wait_for_app(page)
        try:
            expect(toast.first).to_be_visible(timeout=3_000)
            return
        except AssertionError:
            continue
    pytest.fail(f"no toast {pinned!r} after {tries} clicks on the bar of {answer!r}",
                pytrace=False)


def assert_no_exception(page: Page) -> None:
    """Fail the test if the app rendered any st.exception / uncaught traceback."""
    boxes = page.locator('[data-testid="stException"]')
    n = boxes.count()
    if n:
        texts = "\n---\n".join(boxes.nth(i).inner_text() for i in range(n))
        pytest.fail(f"{n} Streamlit exception(s) on {page.url}:\n{texts}", pytrace=False)


def save_screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG to tests/browser/artifacts/<name>.png; returns the path."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "screenshot"
    if stem.lower().endswith(".png"):
        stem = stem[:-4]
    path = ARTIFACTS_DIR / f"{stem}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


SMALL_TEXT_JS = """
(minimum) => {
  const small = [];
  let checked = 0;
  const visible = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || parseFloat(s.opacity) === 0) {
        return false;
      }
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const el = walker.currentNode.parentElement;
    if (!text || !el || !visible(el)) continue;
    checked += 1;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < minimum) small.push(`${size}px: ${text.slice(0, 60)}`);
  }
  return {checked, small};
}
"""


def small_text(page: Page, minimum: float = 18) -> list[str]:
    """Every visible piece of text (HTML and chart SVG alike) smaller than `minimum` px.
    Fails if the page shows no text at all, so a blank page cannot pass."""
    result = page.evaluate(SMALL_TEXT_JS, minimum)
    if result["checked"] < 20:
        pytest.fail(f"only {result['checked']} pieces of text on {page.url}: a blank page?",
                    pytrace=False)
    return result["small"]
