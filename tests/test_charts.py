"""Figures carry their traits: a click on any bar maps back to the right Trait."""

import pandas as pd

from persona_lib.charts import (
    breakdown_figure, chart_groups, likert_figure, traits_from_selection,
)
from persona_lib.load import load_survey
from persona_lib.models import Role, Trait


def _clicked(fig, trace: int, point: int) -> dict:
    """What Streamlit's selection state holds after a click on one bar."""
    return {"points": [{"curve_number": trace, "point_index": point,
                        "customdata": list(fig.data[trace].customdata[point])}]}


def test_every_bar_maps_back_to_its_answer(sample):
    col = sample.column("How old are you?")
    mask = sample.data["Where do you live?"] == "Big city"
    fig = breakdown_figure(sample, col, mask, "City folk")
    assert [t.name.split(" (")[0] for t in fig.data] == ["Everyone", "City folk"]
    for trace in range(2):
        for i, level in enumerate(col.levels):
            assert traits_from_selection(_clicked(fig, trace, i)) == [
                Trait(question=col.name, answer=level)]


def test_histogram_bar_is_a_range_trait(sample):
    col = sample.column("What is the most you would pay per month for a Brewbox subscription? (USD)")
    fig = breakdown_figure(sample, col, pd.Series(True, index=sample.data.index), "All")
    assert len(fig.data) == 1
    trait = traits_from_selection(_clicked(fig, 0, 0))[0]
    assert trait.is_range and trait.low <= sample.data[col.name].min() < trait.high


def test_likert_battery_is_one_diverging_chart(sample):
    groups = chart_groups(sample, (Role.attitude,))
    likert = [cols for kind, cols in groups if kind == "likert"]
    assert len(likert) == 1 and len(likert[0]) == 4
    mask = sample.data["How old are you?"] == "25-34"
    fig = likert_figure(sample, likert[0], mask, "Young")
    assert len(fig.data) == 5  # one trace per level
    assert len(fig.data[0].y) == 8  # everyone + segment per statement
    disagree = fig.data[0]
    assert all(b + x <= 0.001 or b < 0 for b, x in zip(disagree.base, disagree.x))
    assert traits_from_selection(_clicked(fig, 4, 1)) == [
        Trait(question=likert[0][0].name, answer="Strongly agree")]


def test_answers_are_escaped_in_labels():
    survey = load_survey(b"Q\n<a href='x'>click</a>\n<b>bold</b>\n<a href='x'>click</a>\n", "x.csv")
    fig = breakdown_figure(survey, survey.column("Q"), pd.Series(True, index=survey.data.index),
                           "All")
    labels = list(fig.data[0].y)
    assert all("<" not in label for label in labels)
    assert "&lt;b&gt;bold&lt;/b&gt;" in labels


def test_selection_ignores_points_without_trait_data():
    assert traits_from_selection(None) == []
    assert traits_from_selection({"points": [{"x": 1}, {"customdata": ["only one"]}]}) == []


def test_pinned_bars_are_outlined(sample):
    col = sample.column("How old are you?")
    pinned = [Trait(question=col.name, answer="25-34")]
    fig = breakdown_figure(sample, col, pd.Series(True, index=sample.data.index), "All",
                           pinned=pinned)
    widths = list(fig.data[0].marker.line.width)
    assert widths == [3 if level == "25-34" else 0 for level in col.levels]


def test_a_tiny_survey_shows_counts_and_n_not_bare_percentages():
    survey = load_survey(b"Q\ntea\ntea\ncoffee\nwater\n", "tiny.csv")
    fig = breakdown_figure(survey, survey.column("Q"), pd.Series(True, index=survey.data.index),
                           "All")
    assert list(fig.data[0].text) == ["2 of 4", "1 of 4", "1 of 4"]
    assert fig.data[0].showlegend is True
    assert fig.data[0].name == "Everyone (n=4)"


def test_every_figure_is_valid_plotly(sample):
    """The factories skip plotly's per-property validation for speed; plotly checks them here."""
    import plotly.graph_objects as go

    from persona_lib.charts import crosstab_figure, overlap_figure
    from persona_lib.compare import overlap
    from persona_lib.distinctive import crosstab
    from persona_lib.models import Condition, Persona, Segment

    mask = sample.data["Where do you live?"] == "Big city"
    figures = [likert_figure(sample, cols, mask, "City") if kind == "likert" else
               breakdown_figure(sample, cols[0], mask, "City", pinned=[])
               for kind, cols in chart_groups(sample, tuple(Role))]
    figures.append(crosstab_figure(crosstab(sample, "How old are you?", "Where do you live?"),
                                   "Age", "Location"))
    city = Persona(name="City", segment=Segment(conditions=[
        Condition(question="Where do you live?", answers=["Big city"])]))
    figures.append(overlap_figure(overlap(sample, [city, Persona(name="All")])))
    assert len(figures) > 10
    for fig in figures:
        checked = go.Figure(fig.to_dict())  # raises on any invalid property
        assert checked.to_dict()["data"] and fig.layout.height
