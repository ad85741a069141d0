"""A real export someone else ran, in a real browser: its own wording as labels, ordered
answers in their order, and a wide survey shown a page at a time with a search.

The file is Cantera's 2020 user survey, a Typeform export with two header rows (BSD-3-Clause,
see tests/fixtures/real_holdout/README.md)."""

from __future__ import annotations

from pathlib import Path

from helpers import assert_no_exception, save_screenshot, upload, wait_for_app
from playwright.sync_api import Page, expect
from test_workshop import _go

CANTERA = Path(__file__).resolve().parents[1] / "fixtures" / "real_holdout" / "files" / \
    "typeform_cantera_2020.csv"


def _chart(page: Page, title: str):
    return page.locator('[data-testid="stPlotlyChart"]').filter(
        has=page.locator("text.gtitle", has_text=title))


def test_a_real_typeform_export_reads_as_its_questions_with_scales_in_order(app_page: Page,
                                                                            tmp_path: Path):
    page = app_page
    short = tmp_path / "cantera.csv"  # the uploader's chip shortens long names
    short.write_bytes(CANTERA.read_bytes())
    _go(page, "Data")
    upload(page, short, label="Upload a survey export")
    expect(page.get_by_text("cantera.csv · Typeform export")).to_be_visible()
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Respondents").first
    expect(metric).to_contain_text("60")
    save_screenshot(page, "real-export-data-page")
    _go(page, "What they do")
    assert_no_exception(page)
    finder = page.get_by_label("Find a question")
    expect(finder).to_be_visible()
    charts = page.locator('[data-testid="stPlotlyChart"]')
    expect(charts.first).to_be_visible()
    assert charts.count() <= 20
    save_screenshot(page, "real-export-what-they-do-page-1")
    # Titles wrapped over several lines stay inside their chart (plotly.js lifts them).
    first = charts.first
    title = first.locator(".gtitle").bounding_box()
    svg = first.locator(".main-svg").first.bounding_box()
    assert first.locator(".gtitle tspan").count() >= 2  # this one wraps
    assert title["y"] >= svg["y"], (title, svg)
    finder.fill("python interface")
    finder.press("Enter")
    wait_for_app(page)
    chart = _chart(page, "How often do you use the")
    expect(chart).to_have_count(1, timeout=30_000)
    save_screenshot(page, "real-export-search")
    answers = chart.locator("g.ytick text").evaluate_all(
        "els => els.map(e => [e.getBoundingClientRect().top, e.textContent.trim()])"
        ".sort((a, b) => a[0] - b[0]).map(p => p[1])")
    assert answers == ["Rarely", "Sometimes", "Often"], answers  # scale order, not popularity
    save_screenshot(page, "real-export-python-interface")
    assert_no_exception(page)


DIGEX = Path(__file__).resolve().parents[1] / "fixtures" / "real_holdout17" / "files" / \
    "qualtrics_digex_2022.xlsx"


def test_a_qualtrics_workbook_without_its_import_id_row_draws_every_chart(app_page: Page,
                                                                          tmp_path: Path):
    """Holdout 17 (MIT, see its README): two name rows, the second Qualtrics' own, read as
    a header, so 499 respondents; a consent page's one answer, under a title of six lines,
    was an empty box (plotly.js gave up on axis scaling) until the legend was put on the
    plot's edge. Every chart must have its bars."""
    page = app_page
    short = tmp_path / "digex.xlsx"
    short.write_bytes(DIGEX.read_bytes())
    _go(page, "Data")
    upload(page, short, label="Upload a survey export")
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Respondents").first
    expect(metric).to_contain_text("499")
    _go(page, "Who they are")
    assert_no_exception(page)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    expect(charts.first).to_be_visible()
    expect(charts.locator(".gtitle").filter(has_text="How do you describe")).to_have_count(1)
    for i in range(charts.count()):
        expect(charts.nth(i).locator("g.trace.bars")).not_to_have_count(0)
    save_screenshot(page, "real-export-qualtrics-who-they-are")
    _go(page, "What they do")
    finder = page.get_by_label("Find a question")
    if finder.count():
        finder.fill("consent")
        finder.press("Enter")
        wait_for_app(page)
    consent = charts.filter(has=page.locator(".gtitle", has_text="Welcome to our survey"))
    expect(consent).to_have_count(1, timeout=30_000)
    expect(consent.locator(".gtitle tspan")).to_have_count(6)
    for i in range(charts.count()):
        expect(charts.nth(i).locator("g.trace.bars")).not_to_have_count(0)
    save_screenshot(page, "real-export-qualtrics-consent")
