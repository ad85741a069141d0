"""Chart pages: one clickable chart per question, where a click on a bar (or the keyboard
pin row) pins that answer to the persona."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from persona_lib import charts
from persona_lib.charts import LAPTOP, PROJECTOR
from persona_lib.models import Role, Trait
from persona_lib.persona import pin, trait_label
from persona_lib.segments import describe_segment
from persona_lib.stats import answer_traits, breakdown
from persona_lib.survey import Survey
from persona_lib.text import escape_markdown
from ui.analysis import _segment_rule, current_mask
from ui.presentation import presenting
from ui.session import built_on, foreign, persona, set_persona, survey
from ui.state import FILE_BYTES, _cache_key, _survey_for, flash


@st.cache_resource(max_entries=600, show_spinner=False)
def _figure_for(key: tuple, kind: str, questions: tuple[str, ...], segment_json: str,
                name: str, pinned_json: tuple[str, ...], presenting: bool, _content: bytes,
                _mask: pd.Series) -> go.Figure:
    """One chart, kept until something it shows changes: after a pin only the chart with the
    pinned bar is drawn again. `_mask` is the segment that `segment_json` describes."""
    data = _survey_for(*key, _content)
    cols = [data.column(q) for q in questions]
    pinned = [Trait.model_validate_json(t) for t in pinned_json]
    style = PROJECTOR if presenting else LAPTOP
    return charts.group_figure(data, kind, cols, _mask, name, pinned=pinned, style=style)


def segment_caption(data: Survey) -> None:
    if foreign():
        st.caption(f"Showing all {data.n:,} respondents. **{escape_markdown(persona().name)}** "
                   f"is built on {escape_markdown(built_on(persona()))} and is read-only here; "
                   "start a *New persona* in the sidebar to build one on this survey.")
        return
    if persona().segment.is_everyone:
        st.caption(f"Showing all {data.n:,} respondents." + ("" if presenting() else
                   " Filter a segment in the sidebar to see it beside everyone. Click a bar to "
                   "pin that trait to the persona."))
        return
    rule = describe_segment(data, persona().segment)
    st.caption(
        f"Showing **{escape_markdown(persona().name)}** ({escape_markdown(rule)}; "
        f"n={int(current_mask(data).sum()):,}) beside everyone (n={data.n:,}). "
        "Click a bar to pin that trait to the persona."
    )


def pin_traits(traits: list[Trait]) -> None:
    data = survey()
    current = persona()
    if foreign(current):
        flash(f"{escape_markdown(current.name)} is built on {escape_markdown(built_on(current))}"
              " and is read-only here: start a New persona to pin traits of this survey.",
              icon=":material/lock:")
        return
    for trait in traits:
        if current.has_trait(trait):
            flash(f"Already pinned: {escape_markdown(trait_label(data, trait))}")
            continue
        current = pin(current, data, trait)
        flash(f"Pinned to {escape_markdown(current.name)}: "
              f"{escape_markdown(trait_label(data, trait))}")
    set_persona(current)


def _on_chart_select(key: str) -> Callable[[], None]:
    def callback() -> None:
        selection = st.session_state[key].get("selection") if key in st.session_state else None
        pin_traits(charts.traits_from_selection(selection))

    return callback


def breakdown_page(roles: tuple[Role, ...], pin_key: str, nothing: str) -> None:
    """A chart page: who is shown, the keyboard pin row, then one clickable chart per question."""
    data = survey()
    segment_caption(data)
    groups = charts.chart_groups(data, roles)
    if not groups:
        st.info(f"No {nothing} questions were recognised in this survey. "
                "Check the detected kinds on the Data page.")
        return
    if not presenting():
        pin_picker(data, groups, key=pin_key)
    if len(groups) > charts.PAGE_SIZE:
        groups = one_page_of(groups, key=pin_key)
    chart_grid(data, groups, columns=1 if presenting() else 2)


def one_page_of(groups: list[tuple[str, list]], key: str) -> list[tuple[str, list]]:
    """A wide survey's charts a page at a time, with a search over questions and answers."""
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    query = left.text_input("Find a question", key=f"{key}::find",
                            placeholder="a word from a question or its answers")
    found = charts.matching_groups(groups, query)
    if not found:
        st.info("No question or answer mentions that. Try another word.")
        return []
    pages = charts.chart_pages(found)
    if len(pages) == 1:
        return pages[0][1]
    names = [name for name, _ in pages]
    chosen = right.selectbox(f"{len(found)} charts, {len(pages)} pages", names,
                             key=f"{key}::page::{query}")
    return dict(pages)[chosen]


def chart_grid(data: Survey, groups: list[tuple[str, list]], columns: int = 2) -> None:
    """Each question's chart, clickable: a click on a bar pins that answer as a trait.
    Bar charts fill a grid row by row; a grid of questions takes a full row of its own."""
    mask = current_mask(data)
    name = persona().name
    pinned = [p.trait for p in persona().pinned]
    data_key, rule, content = _cache_key(), _segment_rule(), st.session_state[FILE_BYTES]
    cells: list = []
    for kind, cols in groups:
        questions = tuple(c.name for c in cols)
        shown = tuple(sorted(t.model_dump_json() for t in pinned if t.question in questions))
        fig = _figure_for(data_key, kind, questions, rule, name, shown, presenting(), content,
                          mask)
        if kind in ("likert", "stacked"):
            place = st.container()
            cells = []
        else:
            if not cells:
                cells = list(st.columns(columns))
            place = cells.pop(0)
        # A new key after each pin clears plotly's selection, so the next click always counts.
        key = f"chart::{'|'.join(c.name for c in cols)}::{len(pinned)}"
        with place:
            st.plotly_chart(
                fig, key=key, on_select=_on_chart_select(key), selection_mode="points",
                config={"displayModeBar": False}, width="stretch", theme=None,
            )


def pin_picker(data: Survey, groups: list[tuple[str, list]], key: str) -> None:
    """The keyboard path to pinning: pick a question and an answer, press Pin."""
    questions = [c for _, cols in groups for c in cols]
    with st.container(border=True):
        left, middle, right = st.columns([3, 3, 1], vertical_alignment="bottom")
        question = left.selectbox("Question", questions, format_func=lambda c: c.label,
                                  key=f"{key}::question")
        table = breakdown(data, question.name, current_mask(data))
        traits = dict(zip(table["answer"], answer_traits(question.name, table)))
        answer = middle.selectbox("Answer", list(traits), key=f"{key}::answer::{question.name}")
        if right.button("Pin", key=f"{key}::pin", type="primary", width="stretch"):
            pin_traits([traits[answer]])
            st.rerun()
