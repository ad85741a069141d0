"""The Worth it page through AppTest: it runs on the sample and on an upload, a channel cost
entered there shows as each persona's blended cost and is kept for the survey."""

from __future__ import annotations

import pandas as pd

from persona_lib.economics import channel_mix, default_question
from persona_lib.store import CostStore
from tests.test_app import assert_ran, go, small_csv, start, upload

CHANNEL = "How did you first hear about Brewbox?"


def _table(at, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_worth_it_runs_on_the_sample_and_on_an_upload(sample):
    at = start("Worth it")
    frame = _table(at, "Yearly value (median)")
    assert frame.loc[0, "Persona"] == "Everyone" and frame.loc[0, "Respondents"] == sample.n
    assert {"not a customer", "lapsed", "loyal"} <= set(_table(at, "lapsed").columns)
    upload(at, "small.csv", small_csv())
    go(at, "Worth it")
    assert _table(at, "Respondents").loc[0, "Respondents"] == 40
    missing = next(i.value for i in at.info if i.value.startswith("No question clearly asks"))
    assert "how likely they are to recommend (NPS when 0-10)" in missing


def test_a_cost_per_channel_gives_the_blended_cost_and_is_saved(sample):
    at = start("Worth it")
    assert default_question(sample, "channel") == CHANNEL
    editor = next(k for k in at.session_state if str(k).startswith("worth_costs::"))
    channels = list(_table(at, "Channel")["Channel"])
    at.session_state[editor] = {"edited_rows": {
        channels.index("Instagram"): {"Cost per customer": 30.0},
        channels.index("Google search"): {"Spend": 1_000.0, "Customers won": 100.0}},
        "added_rows": [], "deleted_rows": []}
    at.run()
    assert_ran(at)
    everyone = pd.Series(True, index=sample.data.index)
    mix = {s.label: s.share for s in channel_mix(sample, CHANNEL, everyone)}
    expected = (mix["Instagram"] * 30 + mix["Google search"] * 10) / (
        mix["Instagram"] + mix["Google search"])
    frame = _table(at, "Acquisition cost")
    assert frame.loc[0, "Acquisition cost"] == round(expected, 2)
    assert CostStore().get(sample.fingerprint).per_customer() == {"Instagram": 30.0,
                                                                 "Google search": 10.0}


def _markdown(at) -> str:
    """The page's Markdown as read, without the escapes that keep answers from being markup."""
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def test_the_card_carries_the_worth_it_figures_chosen_on_the_page(sample, tmp_path, monkeypatch):
    monkeypatch.setenv("PERSONA_DATA_DIR", str(tmp_path))  # no costs saved by other tests
    at = start("Worth it")
    editor = next(k for k in at.session_state if str(k).startswith("worth_costs::"))
    channels = list(_table(at, "Channel")["Channel"])
    at.session_state[editor] = {"edited_rows": {channels.index("Instagram"): {
        "Cost per customer": 30.0}}, "added_rows": [], "deleted_rows": []}
    at.run()
    go(at, "Persona")
    card = _markdown(at)
    assert "Acquisition cost: 30.00 per customer" in card and "Yearly value: median" in card

    go(at, "Worth it")
    spend = next(s for s in at.selectbox if s.label == "How much they spend")
    spend.select_index(0).run()  # "(none)"
    assert_ran(at)
    assert CostStore().get(sample.fingerprint).questions["spend"] is None
    go(at, "Persona")
    card = _markdown(at)
    assert "Yearly value" not in card and "Acquisition cost: 30.00 per customer" in card
