"""Figures carry their traits: a click on any bar maps back to the right Trait."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from persona_lib.charts import (
    breakdown_figure, chart_groups, group_figure, likert_figure, ticks_figure,
    traits_from_selection,
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


def test_a_question_nobody_answered_draws_empty_bars_not_an_error(sample):
    import dataclasses

    col = sample.column("How old are you?")
    unanswered = pd.Categorical([None] * len(sample.data), categories=col.levels, ordered=True)
    empty = dataclasses.replace(sample, data=sample.data.assign(**{col.name: unanswered}))
    fig = breakdown_figure(empty, col, pd.Series(True, index=empty.data.index), "Everyone")
    assert list(fig.data[0].x) == [0.0] * len(col.levels)
    assert all("nobody answered" in h for h in fig.data[0].hovertext)


@pytest.mark.parametrize(("answer", "level"), [
    ("4.0", "4"), (" 4 ", "4"), ("10 (All my time)", "10"), ("\ufeff1 (None at all)", "1"),
    ("1 - Not at all", "1"), ("4.5", None), ("14", None), ("Four", None)])
def test_a_scale_answer_is_its_level_however_the_tool_wrote_the_number(answer, level):
    """LimeSurvey's RSE survey labels a 1-10 scale's ends ('10 (All my time)', after a byte
    order mark); 11 answers of one row were dropped as none of '0'...'10'."""
    from persona_lib.cells import level_index

    position = {str(v): v for v in range(0, 11)}
    assert level_index(answer, position) == (-1 if level is None else position[level])


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
    figures = [group_figure(sample, kind, cols, mask, "City")
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


def test_a_wide_crosstab_prints_no_share_that_would_overlap_and_its_side_title_fits():
    """The Midwest poll's 4-point identity scale against its 20 states: each share ran into
    the next, and the question down the side ran up into the chart's title."""
    from persona_lib.charts import CROSSTAB_PRINTED_COLUMNS, LAPTOP, crosstab_figure
    from persona_lib.distinctive import Crosstab

    def table(columns: int) -> Crosstab:
        counts = np.arange(4 * columns, dtype=float).reshape(4, columns) + 10
        return Crosstab(rows=["Not at all", "Not much", "Some", "A lot"],
                        columns=[f"State {j}" for j in range(columns)], counts=counts,
                        shares=counts / counts.sum(axis=1, keepdims=True),
                        bases=np.repeat(counts.sum(axis=1, keepdims=True), columns, axis=1),
                        percent="row")

    side = "How much, if at all, do you personally identify as a Midwesterner?"
    wide = crosstab_figure(table(20), side, "Which states are in the Midwest?")
    narrow = crosstab_figure(table(CROSSTAB_PRINTED_COLUMNS), side, "States")
    assert wide.data[0].texttemplate == "" and narrow.data[0].texttemplate == "%{text}"
    assert "%" in wide.data[0].hovertext[0][0]  # the share is still there, on hover
    plot_px = wide.layout.height - 120
    assert len(wide.layout.yaxis.title.text) * 0.6 * LAPTOP.text <= plot_px
    assert side in wide.layout.title.text.replace("<br>", " ")  # the title keeps the wording


def _checkbox_by_columns(rows: int = 60) -> bytes:
    """A LimeSurvey-style export: a checkbox question as a Ja / Nein / N/A column per option,
    its typed 'Other' box, then a plain yes/no question and an option nobody ticked."""
    import random

    pick = random.Random(3)
    lines = ["id,Welche Geräte nutzen Sie? [Laptop],Welche Geräte nutzen Sie? [Tablet],"
             "Welche Geräte nutzen Sie? [Handy],Welche Geräte nutzen Sie? [Sonstiges],"
             "Haben Sie ein Auto?,Welche Kurse? [Chemie],Welche Kurse? [Physik],Land"]
    for i in range(rows):
        asked = i % 10 != 0
        tick = [("Ja" if pick.random() < p else "Nein") if asked else "N/A"
                for p in (0.9, 0.2, 0.6)]
        tick[2] = "" if i % 7 == 3 else tick[2]  # some skipped the last option's row
        other = pick.choice(["", "", "Smartwatch", "E-Reader", f"Gerät {i}"])
        lines.append(",".join([str(i), *tick, other, pick.choice(["Ja", "Nein"]),
                               "Nein", pick.choice(["Nein", "N/A"]),
                               pick.choice(["DE", "AT", "CH"])]))
    return "\n".join(lines).encode()


def test_a_checkbox_exported_as_a_column_per_option_is_one_chart_a_bar_per_option():
    """LimeSurvey writes a checkbox as 'Q [Option]' columns of Ja / Nein / N/A: one chart, a bar
    per option, each the share answering Ja of that column's answers, most ticked first; a
    click pins that column's Ja with the evidence a pin from its own breakdown would have."""
    from persona_lib.stats import trait_evidence

    survey = load_survey(_checkbox_by_columns(), name="lime.csv")
    groups = chart_groups(survey, tuple(Role))
    ticks = [cols for kind, cols in groups if kind == "ticks"]
    assert [[c.label for c in cols] for cols in ticks] == [["Laptop", "Tablet", "Handy"]]
    alone = [cols[0].name for kind, cols in groups if kind == "bars"]
    assert "Haben Sie ein Auto?" in alone  # a yes/no question of its own is not an option
    assert {"Welche Kurse? [Chemie]", "Welche Kurse? [Physik]"} <= set(alone)  # nobody ticked

    everyone = pd.Series(True, index=survey.data.index)
    mask = survey.data["Land"] == "DE"
    fig = ticks_figure(survey, ticks[0], mask, "Germany")
    import plotly.graph_objects as go
    go.Figure(fig.to_dict())  # valid plotly
    assert [t.name.split(" (n=")[0] for t in fig.data] == ["Everyone", "Germany"]
    assert fig.layout.title.text.startswith("Welche Geräte nutzen Sie")
    shares = {}
    for i, label in enumerate(fig.data[0].y):
        (trait,) = traits_from_selection(_clicked(fig, 0, i))
        assert trait.answer == "Ja" and trait.question.endswith(f"[{label}]")
        column = survey.data[trait.question]
        expected = (column == "Ja").sum() / column.notna().sum()
        assert fig.data[0].x[i] == round(expected * 100, 1)
        ev = trait_evidence(survey, trait, mask)
        assert fig.data[1].x[i] == round(ev.share_segment * 100, 1)
        assert f"{ev.count_segment} of {ev.n_segment}" in fig.data[1].hovertext[i]
        assert trait_evidence(survey, trait, everyone).share_overall == expected
        shares[label] = expected
    assert list(fig.data[0].y) == sorted(shares, key=shares.get, reverse=True)
    assert group_figure(survey, "ticks", ticks[0], everyone, "All").data[0].y == fig.data[0].y


def test_an_option_nobody_ticked_is_a_zero_bar_that_pins_nothing():
    survey = load_survey(_checkbox_by_columns(), name="lime.csv")
    columns = [survey.column(f"Welche Geräte nutzen Sie? [{o}]") for o in ("Laptop", "Tablet")]
    columns.append(survey.column("Welche Kurse? [Chemie]"))  # 'Nein' in every row
    fig = ticks_figure(survey, columns, pd.Series(True, index=survey.data.index), "All")
    last = list(fig.data[0].y).index("Chemie")
    assert fig.data[0].x[last] == 0 and fig.data[0].text[last] == "0%"
    assert fig.data[0].name == "Everyone (n=60)"  # every option answered by all 60
    assert traits_from_selection(_clicked(fig, 0, last)) == []

    columns.append(survey.column("Welche Geräte nutzen Sie? [Handy]"))  # 51 answered it
    fig = ticks_figure(survey, columns, pd.Series(True, index=survey.data.index), "All")
    assert fig.data[0].name == "Everyone (n=51–60)"  # n differ: the legend gives their range
    assert [h.rsplit(" of ", 1)[1].rstrip(")") for h in fig.data[0].hovertext] == [
        "60", "51", "60", "60"]  # and each bar's hover its own


def test_a_real_limesurvey_checkbox_charts_as_one_question():
    """The German LimeSurvey export of holdout 12: 'Welchen fachlichen Hintergrund haben Sie?'
    is six Ja / Nein / N/A columns and a typed 'Sonstiges' box; it charts as one question."""
    from pathlib import Path

    path = next((Path(__file__).parent / "fixtures" / "real_holdout12" / "files").iterdir())
    survey = load_survey(path)
    groups = {tuple(c.label for c in cols): kind for kind, cols in chart_groups(
        survey, tuple(Role))}
    background = ("Maschinenbau", "Elektrotechnik", "Informatik", "Kybernetik", "Mechatronik",
                  "Betriebswirtschaft")
    assert groups[background] == "ticks"
    cols = next(cols for kind, cols in chart_groups(survey, tuple(Role))
                if tuple(c.label for c in cols) == background)
    fig = ticks_figure(survey, cols, pd.Series(True, index=survey.data.index), "All")
    assert fig.data[0].y[0] == "Informatik" and fig.data[0].text[0] == "57%"
    assert fig.data[0].name == "Everyone (n=96)"


def _grid(rows: int = 80) -> bytes:
    """Two grids: agreement (two-sided) and importance in German (one-sided), where one row
    of each was never answered at the scale's low end."""
    import random

    pick = random.Random(5)
    agree = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
    wichtig = ["Nicht wichtig", "Eher unwichtig", "Eher wichtig", "Sehr wichtig"]
    header = ["id"] + [f"How much do you agree? [{s}]" for s in ("Price", "Taste", "Service")] \
        + [f"Wie wichtig ist Ihnen das? [{s}]" for s in ("Preis", "Geschmack", "Nähe")] + ["Land"]
    lines = [",".join(header)]
    for i in range(rows):
        cells = [str(i), pick.choice(agree), pick.choice(agree[2:]), pick.choice(agree),
                 pick.choice(wichtig), pick.choice(wichtig), pick.choice(wichtig[1:]),
                 pick.choice(["DE", "AT"])]
        lines.append(",".join(cells))
    return "\n".join(lines).encode()


def test_a_grid_whose_row_lacks_an_end_point_is_still_one_chart():
    """Nobody answered 'Strongly disagree' on one row: the rows share the scale all the same,
    and that row shows none of it (a zero that pins nothing)."""
    survey = load_survey(_grid(), name="grid.csv")
    groups = [(kind, [c.label for c in cols]) for kind, cols in chart_groups(survey, tuple(Role))]
    assert ("likert", ["Price", "Taste", "Service"]) in groups
    assert ("stacked", ["Preis", "Geschmack", "Nähe"]) in groups
    cols = [survey.column(f"How much do you agree? [{s}]") for s in ("Price", "Taste", "Service")]
    fig = likert_figure(survey, cols, pd.Series(True, index=survey.data.index), "All")
    assert [t.name for t in fig.data][0] == "Strongly disagree" and len(fig.data) == 5
    taste = [i for i, y in enumerate(fig.data[0].y) if y.startswith("Taste")]
    assert [fig.data[0].x[i] for i in taste] == [0] and fig.data[0].customdata[taste[0]][0] is None
    assert min(fig.data[0].base) < 0  # two-sided: disagreement left of zero


def test_a_one_sided_grid_is_stacked_from_zero_lowest_first():
    survey = load_survey(_grid(), name="grid.csv")
    cols = [survey.column(f"Wie wichtig ist Ihnen das? [{s}]") for s in ("Preis", "Geschmack",
                                                                          "Nähe")]
    mask = survey.data["Land"] == "DE"
    fig = group_figure(survey, "stacked", cols, mask, "DE")
    import plotly.graph_objects as go
    go.Figure(fig.to_dict())
    assert [t.name for t in fig.data] == ["Nicht wichtig", "Eher unwichtig", "Eher wichtig",
                                          "Sehr wichtig"]
    assert fig.data[0].base[0] == 0 and min(min(t.base) for t in fig.data) == 0
    rows = len(fig.data[0].y)
    assert rows == 6  # each row for everyone and for the segment
    for r in range(rows):
        ends = [t.base[r] + t.x[r] for t in fig.data]
        assert ends == sorted(ends) and abs(ends[-1] - 100) < 0.5
    for t in fig.data:  # every part of a bar pins its own row's answer
        for r, data in enumerate(t.customdata):
            if data[0] is not None:
                assert traits_from_selection({"points": [{"customdata": list(data)}]}) == [
                    Trait(question=data[0], answer=t.name)]


def test_real_grids_chart_as_one_question_each():
    """LimeSurvey's German importance grid (12 rows, one-sided) and a LimeSurvey English grid
    whose headers carry codes ('likert2[affRec4]. [I am satisfied ...]')."""
    from pathlib import Path

    fixtures = Path(__file__).parent / "fixtures"
    german = load_survey(next((fixtures / "real_holdout12" / "files").iterdir()))
    groups = chart_groups(german, tuple(Role))
    first = next(cols for kind, cols in groups if kind == "stacked")
    assert len(first) == 12 and first[0].name.startswith("Welche Eigenschaften haben")
    rse_file = Path(__file__).parents[2] / "shared" / "real-exports" / "corpus" / "files" \
        / "lime_rse_de_2017.csv"
    if not rse_file.exists():
        pytest.skip("shared/real-exports is not here")
    rse = load_survey(rse_file)
    coded = [cols for kind, cols in chart_groups(rse, tuple(Role))
             if kind == "likert" and cols[0].name.startswith("likert2[")]
    assert [len(cols) for cols in coded] == [20]


@settings(max_examples=300)
@given(st.permutations(list("abcdefg")), st.lists(st.booleans(), min_size=7, max_size=7),
       st.lists(st.booleans(), min_size=7, max_size=7))
def test_two_rows_of_one_scale_merge_into_that_scale(scale, in_a, in_b):
    """Two rows of a grid, each missing some points of the same scale: merged, they give the
    scale's points both hold, in its order; or nothing where the order cannot be told."""
    from persona_lib.charts import _merged_order

    a = [p for p, keep in zip(scale, in_a) if keep]
    b = [p for p, keep in zip(scale, in_b) if keep]
    merged = _merged_order(a, b)
    union = [p for p in scale if p in a or p in b]
    if merged is not None:
        assert merged == union
    if set(a) <= set(b):
        assert merged == b
    if len(a) >= 2:  # the same points in another order: not one scale
        assert _merged_order(a, list(reversed(a))) is None


def test_every_answer_row_is_as_tall_as_the_longest_wrapped_answer():
    """plotly.js spaces answers evenly: rows sized by the average label let a five-line
    answer run into its neighbours (OWASP's form, holdout 18)."""
    from persona_lib.charts import LAPTOP

    long = ("It's needed, but likely more of these needed, targeting different groups: "
            "researchers only, AppSec program folk, and then other people entirely")
    options = ["Yes", "No", "Maybe", "Later", long]
    rows = [f"{options[i % 5]}" for i in range(100)]
    content = "\n".join(["Would you use it?"] + [f'"{r}"' for r in rows]).encode()
    survey = load_survey(content, "long.csv")
    col = survey.column("Would you use it?")
    fig = breakdown_figure(survey, col, pd.Series(True, index=survey.data.index), "Everyone")
    lines = max(str(label).count("<br>") + 1 for label in fig.data[0].y)
    assert lines >= 4
    assert fig.layout.height >= len(options) * lines * LAPTOP.tick * 1.3


def _countries() -> str:
    """A typed country: a few answers most people gave, and a long tail of ones and twos."""
    given = {"USA": 300, "UK": 60, "Canada": 40, "India": 30} | {
        f"Country {i:02d}": 1 + i % 2 for i in range(40)}
    return "Where do you live?\n" + "".join(f"{a}\n" * n for a, n in given.items())


def test_a_long_tail_of_answers_draws_the_most_given_and_says_how_many_are_not():
    survey = load_survey(_countries().encode(), "countries.csv")
    col = survey.column("Where do you live?")
    answers = survey.data[col.name]
    assert len(col.levels) == 44
    fig = breakdown_figure(survey, col, pd.Series(True, index=survey.data.index), "Everyone")
    drawn = [y.split("<br>")[0] for y in fig.data[0].y]
    assert len(drawn) == 20 and drawn[:4] == ["USA", "UK", "Canada", "India"]
    assert "Country 06" not in drawn  # given once
    people = int((answers.notna() & ~answers.isin(drawn)).sum())
    assert people > 0
    assert f"24 more answers, given by {people} people" in fig.layout.xaxis.title.text
    # beside a segment, what the segment gave most is drawn too, even from the tail
    segment = answers.isin(["Country 06", "USA"])
    beside = breakdown_figure(survey, col, segment, "Some")
    assert "Country 06" in [y.split("<br>")[0] for y in beside.data[0].y]


def test_axis_titles_are_drawn_by_plotly_js_3(sample):
    """plotly.js 3 drops a title given as a bare string: '% who answered' never showed."""
    col = sample.column("How old are you?")
    fig = breakdown_figure(sample, col, pd.Series(True, index=sample.data.index), "All")
    assert fig.to_plotly_json()["layout"]["xaxis"]["title"]["text"] == "% who answered"


def test_limesurvey_headers_with_question_codes_chart_each_checkbox_as_one_question():
    """Holdout 37's LimeSurvey export heads columns 'G1Q00007[SQ001]. What kind of tasks...?
    [Data transformation]': each option was a chart of its own labelled 'SQ001]. What kind
    of...' (115 charts for 115 columns). The code goes: one chart, a bar per option by its
    own wording, and the typed 'Other' box is labelled as such."""
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "real_holdout37" / "files" / \
        "lime_openrefine_users_2022.csv"
    survey = load_survey(path)
    groups = chart_groups(survey, tuple(Role))
    tasks = next(cols for kind, cols in groups if kind == "ticks"
                 and cols[0].name.startswith("G1Q00007[SQ001]"))
    assert len(tasks) == 8
    assert tasks[0].label == "Data transformation (one format to another)"
    fig = ticks_figure(survey, tasks, pd.Series(True, index=survey.data.index), "All")
    assert fig.layout.title.text.replace("<br>", " ") == "What kind of tasks do you do with OpenRefine"
    assert survey.column("G1Q00007[other]. What kind of tasks do you do with OpenRefine? "
                         "[Other]").label == "Typed in Other: What kind of tasks do you do " \
                                            "with OpenRefine"
    assert len(groups) < 20


def test_a_question_everyone_answered_alike_is_charted_last():
    """Holdout 14 opens with 'Do you agree to participate?', answered 'I agree' by all: a
    chart of 100% says nothing about anyone, so it does not open the page."""
    rows = ["Do you agree to participate?,How did you find us?,How often do you buy?"]
    rows += [f"I agree,{['Search', 'Friend', 'Ad'][i % 3]},{['Never', 'Rarely', 'Often'][i % 3]}"
             for i in range(30)]
    survey = load_survey("\n".join(rows).encode(), "consent.csv")
    names = [cols[0].name for _, cols in chart_groups(survey, tuple(Role))]
    assert names == ["How did you find us?", "How often do you buy?",
                     "Do you agree to participate?"]



def test_an_agreement_scale_in_another_language_is_drawn_diverging():
    """'agree (pl)' and 'agree (de)' are agreement scales: drawn like 'Strongly agree'."""
    rows = ["Grid [A],Grid [B]"]
    levels = ["Zdecydowanie się nie zgadzam", "Raczej się nie zgadzam",
              "Ani się zgadzam, ani nie zgadzam", "Raczej się zgadzam", "Zdecydowanie się zgadzam"]
    rows += [f"{levels[i % 5]},{levels[(i * 2) % 5]}" for i in range(40)]
    survey = load_survey("\n".join(rows).encode(), "pl.csv")
    assert [kind for kind, _ in chart_groups(survey, tuple(Role))] == ["likert"]
