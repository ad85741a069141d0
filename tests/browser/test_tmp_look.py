from pathlib import Path
import pytest
from helpers import assert_no_exception, save_screenshot, upload, wait_for_app
from playwright.sync_api import Page, expect
from test_workshop import _go

H18 = Path(__file__).resolve().parents[1] / "fixtures" / "real_holdout18" / "files"

@pytest.mark.parametrize(("file", "page_name", "find", "title"), [
    ("gforms_owasp_top10_2017.csv", "What they do", "years of experience", "How many years"),
    ("gforms_owasp_top10_2017.csv", "What they do", "valuable", "Do you feel"),
    ("qualtrics_llm_research_2023.csv", "What they do", "Q85", "Q85"),
    ("qualtrics_llm_research_2023.csv", "What they do", "Q26", "Q26")])
def test_look(app_page: Page, tmp_path: Path, file, page_name, find, title):
    page = app_page
    short = tmp_path / (file[:8] + ".csv")
    short.write_bytes((H18 / file).read_bytes())
    _go(page, "Data")
    upload(page, short, label="Upload a survey export")
    page.screenshot(path=f"/tmp/look/data_{file[:8]}.png", full_page=True)
    _go(page, page_name)
    finder = page.get_by_label("Find a question")
    if finder.count():
        finder.fill(find)
        finder.press("Enter")
        wait_for_app(page)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    chart = charts.filter(has=page.locator(".gtitle", has_text=title))
    expect(chart.first).to_be_visible(timeout=30_000)
    chart.first.scroll_into_view_if_needed()
    assert_no_exception(page)
    chart.first.screenshot(path=f"/tmp/look/{file[:8]}_{find}.png")
