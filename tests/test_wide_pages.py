"""Wide surveys stay usable: charts a page at a time with a search, titles and answers that
wrap instead of being cut, and every share's label inside the chart."""

import io

import numpy as np
import pandas as pd

from persona_lib import load_survey
from persona_lib.charts import (
    PAGE_SIZE, breakdown_figure, chart_groups, chart_pages, matching_groups,
)
from persona_lib.models import Role
from tests.test_app import assert_ran, go, upload

OFTEN = ["Never", "Rarely", "Sometimes", "Often", "Always"]


def wide_csv(questions: int = 60, respondents: int = 80) -> bytes:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({
        f"Q{q + 1}. How often do you use feature number {q + 1} of the product?":
            rng.choice(OFTEN, respondents) for q in range(questions)})
    frame["Which park do you visit most?"] = rng.choice(["Riverside", "Hilltop"], respondents)
    out = io.StringIO()
    frame.to_csv(out, index=False)
    return out.getvalue().encode()


def test_long_runs_of_charts_come_in_pages_named_for_their_questions():
    survey = load_survey(wide_csv(), "wide.csv")
    groups = chart_groups(survey, (Role.behaviour, Role.attitude))
    pages = chart_pages(groups)
    assert len(groups) == 61 and [len(p) for _, p in pages] == [PAGE_SIZE, PAGE_SIZE, PAGE_SIZE, 1]
    assert pages[1][0].startswith("Questions 21–40: Q21. How often")
    assert [g[1][0].name for g in matching_groups(groups, "PARK visit")] == [
        "Which park do you visit most?"]
    assert matching_groups(groups, "") == groups
    assert len(matching_groups(groups, "hilltop")) == 1  # answers are searched too


def test_long_titles_and_answers_wrap_at_words_and_the_full_wording_is_in_the_tooltip():
    question = ("How much time do you usually spend in parks or public squares on a typical "
                "weekend day in summer?")
    answers = ["Up to fifteen minutes on the way somewhere else", "More than one hour"] * 20
    survey = load_survey(pd.DataFrame({question: answers}).to_csv(index=False).encode(), "p.csv")
    column = survey.column(question)
    fig = breakdown_figure(survey, column, pd.Series(True, index=survey.data.index), "All")
    title = fig.layout.title.text
    assert "<br>" in title and "…" not in title
    assert all(len(line) <= 40 for line in title.split("<br>"))
    assert all("<br>" in label for label in fig.data[0].y if len(label) > 30)
    assert question.split()[-1] in fig.data[0].hovertext[0]
    assert fig.layout.xaxis.range[1] > 100 * max(fig.data[0].x) / 100  # room for the label


def test_what_they_do_on_a_wide_upload_shows_a_page_and_finds_a_question():
    from streamlit.testing.v1 import AppTest

    from tests.test_app import APP, TIMEOUT
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    upload(at, "wide.csv", wide_csv())
    go(at, "What they do")
    assert len(at.get("plotly_chart")) == PAGE_SIZE
    pages = next(s for s in at.selectbox if "pages" in s.label)
    assert len(pages.options) == 4
    pages.set_value(pages.options[3]).run()
    assert_ran(at)
    assert len(at.get("plotly_chart")) == 1
    next(t for t in at.text_input if t.label == "Find a question").set_value("park").run()
    assert_ran(at)
    assert len(at.get("plotly_chart")) == 1
