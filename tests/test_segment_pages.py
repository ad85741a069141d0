"""The Segments, Suggested segments and Crosstab pages through AppTest: every page runs on the
sample and on an upload, and the main interactions change what they should. Expected values
come from pandas or persona_lib, not from the app."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from persona_lib.clusters import find_segments
from persona_lib.distinctive import crosstab
from persona_lib.store import SegmentStore
from tests.test_app import (
    AGE, CHANNELS, LOCATION, SAMPLE_CSV, SPEND, assert_ran, current_persona, go, metric,
    small_csv, start, upload,
)

PAGES = ["Segments", "Suggested segments", "Crosstab"]


def plotly_array(value) -> np.ndarray:
    """Plotly writes big numeric arrays as base64 typed arrays."""
    if isinstance(value, dict) and "bdata" in value:
        shape = [int(n) for n in value.get("shape", "-1").split(",")]
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).reshape(shape)
    return np.asarray(value)


def add_condition(at: AppTest, question: str) -> AppTest:
    next(s for s in at.selectbox if s.label == "Add a condition on").set_value(question).run()
    assert_ran(at)
    return at


@pytest.mark.parametrize("page", PAGES)
def test_each_page_runs_on_the_sample_and_on_an_upload(page):
    at = start(page)
    assert [t.value for t in at.title] == [page]
    upload(at, "small.csv", small_csv())
    go(at, page)
    assert [t.value for t in at.title] == [page]


def test_a_numeric_range_and_a_multi_select_all_condition(raw):
    at = add_condition(start("Segments"), SPEND)
    next(n for n in at.number_input if n.label.endswith(": from")).set_value(20).run()
    next(n for n in at.number_input if n.label == "to (included)").set_value(40).run()
    assert_ran(at)
    spend = pd.to_numeric(raw[SPEND])
    in_range = (spend >= 20) & (spend <= 40)
    assert metric(at, "Respondents in segment") == f"{int(in_range.sum()):,}"
    add_condition(at, CHANNELS)
    next(m for m in at.multiselect if m.label == "Where do you like to hear about new products:").set_value(
        ["Instagram", "Podcasts"]).run()
    next(r for r in at.radio if r.label == "Chose").set_value("all").run()
    assert_ran(at)
    chosen = raw[CHANNELS].fillna("").str.split(", ")
    both = chosen.apply(lambda c: "Instagram" in c and "Podcasts" in c)
    assert metric(at, "Respondents in segment") == f"{int((in_range & both).sum()):,}"
    go(at, "Who they are")
    assert metric(at, "Respondents in segment") == f"{int((in_range & both).sum()):,}"


def test_distinctive_traits_can_be_pinned_from_the_table(raw):
    at = add_condition(start("Segments"), LOCATION)
    next(m for m in at.multiselect if m.label == "Where do you live:").set_value(["Rural area"]).run()
    assert_ran(at)
    table = next(d for d in at.dataframe if "Beyond noise" in d.value.columns and
                 "Answer" in d.value.columns)
    # what the rule makes true (everyone in it lives in a rural area) is no finding
    assert "Where do you live" not in set(table.value["Question"])
    second = table.value.iloc[1]
    at.session_state[table.key] = {"selection": {"rows": [1], "columns": []}}
    at.run()
    next(b for b in at.button if b.key == "pin_selected").click().run()
    assert_ran(at)
    assert [p.trait.answer for p in current_persona(at).pinned] == [second["Answer"]]


def test_saving_a_segment_and_using_it_again():
    at = add_condition(start("Segments"), AGE)
    # a new condition starts empty: it selects nobody out, not everyone who answered
    assert not at.select_slider and current_persona(at).segment.is_everyone
    assert metric(at, "Segment size") == f"{len(pd.read_csv(SAMPLE_CSV)):,}"
    next(m for m in at.multiselect if m.key.startswith("answers::")).set_value(
        ["25-34", "35-44"]).run()
    assert_ran(at)
    assert at.select_slider[0].value == ("25-34", "35-44")  # a run of a scale: a range
    next(t for t in at.text_input if t.label == "Name").set_value("Thirtysomethings").run()
    at.button(key="save_segment").click().run()
    assert_ran(at)
    fingerprint = at.session_state["mapping"].fingerprint
    saved = SegmentStore().all(fingerprint)
    assert [s.name for s in saved] == ["Thirtysomethings"]
    assert saved[0].conditions[0].answers == ["25-34", "35-44"]
    next(b for b in at.button if b.label == "New persona").click().run()
    assert current_persona(at).segment.is_everyone
    go(at, "Segments")
    at.button(key=f"use::{saved[0].id}").click().run()
    assert_ran(at)
    assert current_persona(at).segment.conditions == saved[0].conditions
    SegmentStore().delete(fingerprint, saved[0].id)


def test_suggested_segments_and_drafting_a_persona_keeps_the_first_one(sample):
    at = start("Suggested segments")
    first = current_persona(at).id
    at.button(key="cluster_run").click().run()
    assert_ran(at)
    model, labels = find_segments(sample, seed=0)
    assert model.structure == "clear"
    assert [s.value for s in at.success if s.value.startswith("Clear groups")]
    titles = [s.value for s in at.subheader if s.value.startswith("Suggested segment")]
    assert len(titles) == model.k == 4
    sizes = [(labels == i).sum() for i in range(4)]
    assert [f"n = {n:,}" in t for n, t in zip(sizes, titles)] == [True] * 4
    shown = [m.value for m in at.markdown if m.value.startswith("**Stability")]
    assert len(shown) == 4  # without asking: computed with the segments
    assert all(f"**Stability {v:.2f}**" in m for v, m in zip(model.stability.per_segment, shown))
    assert [c.value for c in at.caption if "not fitted on" in c.value]
    at.button(key="draft::2").click().run()
    assert_ran(at)
    drafted = current_persona(at)
    assert drafted.id != first and first in at.session_state["personas"]
    assert drafted.segment.cluster is not None and drafted.segment.cluster.index == 2
    assert len(drafted.pinned) == 5
    assert metric(at, "Respondents in segment") == f"{int((labels == 2).sum()):,}"
    assert [c.value for c in at.caption if c.value.startswith("Stability: ")]


def test_random_answers_show_no_distinct_groups_and_no_draft_persona():
    rng = np.random.default_rng(2)
    agree = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
    frame = pd.DataFrame({f"How much do you agree? [Statement {i + 1}]": rng.choice(agree, 800)
                          for i in range(10)})
    frame["Which plan do you use?"] = rng.choice(["Basic", "Plus", "Pro"], 800)
    at = start("Suggested segments")
    upload(at, "noise.csv", frame.to_csv(index=False).encode())
    go(at, "Suggested segments")
    at.button(key="cluster_run").click().run()
    assert_ran(at)
    assert [w.value for w in at.warning if "No distinct groups" in w.value]
    assert not [b for b in at.button if b.key and b.key.startswith("draft::")]
    assert not [s for s in at.subheader if s.value.startswith("Suggested segment")]
    at.selectbox(key="cluster_k").set_value(3).run()
    at.button(key="cluster_run").click().run()
    assert_ran(at)
    assert [w.value for w in at.warning if "No distinct groups" in w.value]  # unchanged
    assert len([s for s in at.subheader if s.value.startswith("Suggested segment")]) == 3
    assert not [b for b in at.button if b.key and b.key.startswith("draft::")]


def test_crosstab_swap_turns_rows_into_columns(sample):
    at = start("Crosstab")
    at.selectbox(key="crosstab_rows").set_value(AGE).run()
    at.selectbox(key="crosstab_columns").set_value(LOCATION).run()
    before = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    at.button(key="crosstab_swap").click().run()
    assert_ran(at)
    assert at.selectbox(key="crosstab_rows").value == LOCATION
    assert at.selectbox(key="crosstab_columns").value == AGE
    after = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    table = crosstab(sample, LOCATION, AGE)
    assert after["x"] == table.columns and len(after["y"]) == len(before["x"])


def test_crosstab_heatmap_shows_pandas_shares(sample, raw):
    at = start("Crosstab")
    at.selectbox(key="crosstab_rows").set_value(AGE).run()
    at.selectbox(key="crosstab_columns").set_value(LOCATION).run()
    assert_ran(at)
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    expected = pd.crosstab(raw[AGE], raw[LOCATION], normalize="index")
    table = crosstab(sample, AGE, LOCATION)
    answered = raw[[AGE, LOCATION]].dropna()
    # each row's n once, beside its answer; each cell its share alone
    assert figure["y"] == [f"{r} (n={(answered[AGE] == r).sum():,})" for r in table.rows]
    assert figure["x"] == table.columns
    share = expected.loc[table.rows[1], table.columns[0]]
    assert plotly_array(figure["z"])[1][0] == pytest.approx(share * 100)
    assert figure["text"][1][0] == f"{share:.0%}"
    said = [m.value.replace("\\", "") for m in at.markdown
            if "test of independence" in m.value.replace("\\", "")]
    assert len(said) == 1 and "beyond noise" in said[0]
    at.radio(key="crosstab_percent").set_value("column").run()
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert figure["y"] == table.rows
    assert [m.value.replace("\\", "") for m in at.markdown
            if "test of independence" in m.value.replace("\\", "")] == said  # same counts
    assert figure["x"] == [f"{c} (n={(answered[LOCATION] == c).sum():,})" for c in table.columns]
