"""Build the persona's segment from any question, save it, and see what makes it different."""

import streamlit as st

import ui
from persona_lib.distinctive import shifts_for_display, traits_for_display, traits_of
from persona_lib.models import CHARTABLE_KINDS, Condition, Kind
from persona_lib.segments import describe_segment, rule_words, segment_mask
from persona_lib.stats import DEFAULT_MIN_N
from persona_lib.store import SegmentStore
from persona_lib.survey import Survey
from persona_lib.text import escape_markdown

ui.page_setup()


def condition_editor(data: Survey, condition: Condition, key: str) -> Condition | None:
    """One condition's widgets, by the question's kind; None when the user removes it."""
    col = data.column(condition.question)
    label, remove = st.columns([6, 1], vertical_alignment="bottom")
    if remove.button("Remove", key=f"remove::{key}"):
        return None
    with label:
        if col.kind == Kind.numeric:
            values = data.data[col.name].dropna()
            low, high = st.columns(2)
            lo = low.number_input(f"{escape_markdown(col.label)}: from", value=condition.low, key=f"low::{key}",
                                  placeholder=f"lowest ({values.min():,.4g})" if len(values)
                                  else "")
            hi = high.number_input("to (included)", value=condition.high, key=f"high::{key}",
                                   placeholder=f"highest ({values.max():,.4g})" if len(values)
                                   else "")
            return condition.model_copy(update={"low": lo, "high": hi})
        if col.kind == Kind.text:
            text = st.text_input(f"{escape_markdown(col.label)}: mentions", value=condition.contains or "",
                                 key=f"text::{key}", max_chars=200)
            return condition.model_copy(update={"contains": text.strip() or None})
        chosen = [lv for lv in col.levels if lv in condition.answers]
        run = chosen and col.levels[col.levels.index(chosen[0]):][:len(chosen)] == chosen \
            and len(chosen) == len(condition.answers)
        if col.kind == Kind.ordinal and len(col.levels) > 2 and run:
            # A range only once answers are chosen: a new condition starts empty, never as
            # every answer (which would quietly leave out everyone who skipped the question).
            ends = st.select_slider(f"{escape_markdown(col.label)}: from … to", col.levels,
                                    value=(chosen[0], chosen[-1]), key=f"range::{key}")
            first, last = col.levels.index(ends[0]), col.levels.index(ends[1])
            return condition.model_copy(update={"answers": col.levels[first:last + 1]})
        answers = st.multiselect(f"{escape_markdown(col.label)}:", col.levels,
                                 default=[a for a in condition.answers if a in col.levels],
                                 key=f"answers::{key}", placeholder="Choose answers")
        absent = [a for a in condition.answers if a not in col.levels]
        if absent:  # kept, never dropped because this wave lacks them
            st.caption("Also kept, not in this data: " + escape_markdown(", ".join(absent)))
            answers = [*answers, *absent]
        match = condition.match
        if col.kind == Kind.multi_choice and len(answers) > 1:
            match = st.radio("Chose", ["any", "all"], index=["any", "all"].index(match),
                             horizontal=True, key=f"match::{key}",
                             format_func=lambda m: f"{m} of these")
        return condition.model_copy(update={"answers": answers, "match": match})


st.title("Segments")
data = ui.survey()
current = ui.persona()
segment = current.segment
keyed = f"{current.id}::{ui.digest(segment)}::{ui.data_key()}"  # afresh on any change
st.caption(f"The segment of **{escape_markdown(current.name)}**. Every page shows it beside "
           "everyone, and the persona card describes it.")
if ui.foreign(current):
    st.info(f"**{escape_markdown(current.name)}** is built on "
            f"**{escape_markdown(ui.built_on(current))}**, not on the survey now loaded: its "
            f"segment ({escape_markdown(rule_words(segment))}) is kept as it is and cannot be "
            "edited here. Load that survey again to edit it, or start a *New persona* in the "
            "sidebar for this survey.", icon=":material/lock:")
    st.stop()

with st.container(border=True):
    st.subheader("Who is in it")
    conditions = []
    for i, condition in enumerate(segment.conditions):
        if not data.has(condition.question):
            st.caption(f"'{escape_markdown(condition.question)}' is not in this data: this "
                       "condition is skipped.")
            conditions.append(condition)
            continue
        edited = condition_editor(data, condition, f"{i}::{keyed}")
        if edited is not None:
            conditions.append(edited)
    askable = {c.name: c.label for c in data.columns if c.kind in CHARTABLE_KINDS + (Kind.text,)}
    added = st.selectbox("Add a condition on", list(askable), format_func=askable.get,
                         index=None, placeholder="Choose a question", key=f"add::{keyed}")
    if added is not None:
        conditions.append(Condition(question=added))
    combine = segment.combine
    if len(conditions) > 1:
        combine = st.radio("Respondents must meet", ["all", "any"], horizontal=True,
                           index=["all", "any"].index(segment.combine), key=f"combine::{keyed}",
                           format_func=lambda v: f"{v} of these conditions")
    if segment.cluster is not None:
        st.info(escape_markdown(describe_segment(data, segment.model_copy(
            update={"conditions": []}))) + ": the respondents assigned to that segment. What "
                "makes them different is tested on the respondents its model was not fitted on.")
        if st.button("Use conditions only", key=f"drop_cluster::{keyed}"):
            segment = segment.model_copy(update={"cluster": None})
    wanted = segment.model_copy(update={"conditions": conditions, "combine": combine})
    if not wanted.same_rule(current.segment):
        ui.set_segment(wanted)
        st.rerun()
    mask = segment_mask(data, segment)
    n = int(mask.sum())
    st.metric("Segment size", f"{n:,}", ui.segment_share_text(n, data.n),
              delta_color="off", delta_arrow="off")
    st.caption(escape_markdown(describe_segment(data, segment)))

store = SegmentStore()
with st.expander("Saved segments", expanded=False):
    name_col, save_col = st.columns([4, 1], vertical_alignment="bottom")
    name = name_col.text_input("Name", value=segment.name if segment.name != "Everyone" else "",
                               key=f"segment_name::{keyed}", max_chars=80,
                               placeholder="e.g. Busy city professionals")
    if save_col.button("Save", key="save_segment",
                       disabled=segment.is_everyone or not name.strip()):
        store.save(data.fingerprint, segment.model_copy(update={"name": name.strip()}))
        ui.set_segment(segment.model_copy(update={"name": name.strip()}))
        ui.flash(f"Saved the segment '{escape_markdown(name.strip())}'",
                 icon=":material/bookmark:")
        st.rerun()
    saved = store.all(data.fingerprint)
    if not saved:
        st.caption("No saved segments for this survey yet.")
    for item in saved:
        text, use, drop = st.columns([5, 1, 1], vertical_alignment="center")
        size = int(segment_mask(data, item).sum())
        text.markdown(f"**{escape_markdown(item.name)}**: "
                      f"{escape_markdown(describe_segment(data, item))} (n={size:,})")
        if use.button("Use", key=f"use::{item.id}"):
            ui.set_segment(item)
            st.rerun()
        if drop.button("Delete", key=f"delete::{item.id}"):
            store.delete(data.fingerprint, item.id)
            st.rerun()

st.header("What makes them different")
if segment.is_everyone:
    st.info("Add a condition above, or use a suggested segment, to see what sets a group apart.")
    st.stop()
left, right = st.columns(2)
compare = left.radio("Compare with", ["rest", "everyone"], horizontal=True,
                     format_func={"rest": "everyone else", "everyone": "everyone"}.get,
                     key="compare_with")
min_n = right.number_input("Too few to say below n =", min_value=2, max_value=1000,
                           value=DEFAULT_MIN_N, step=1, key="min_n")
table = ui.distinctive(segment, compare, int(min_n))
st.caption(
    "Every answer of every question, most distinctive first. **In segment**: share with its 95% "
    "interval. **Difference**: percentage points with its 95% interval (Newcombe). **q**: the "
    "p-value of the segment against the rest, adjusted for testing all answers at once "
    "(Benjamini-Hochberg); *beyond noise* means q < 0.05. Ranked by how different the segment "
    "is at least (the end of the difference's interval nearest zero)."
    + (" Shares use the survey weights, intervals their effective n." if data.weights is not None
       else ""))
shown = traits_for_display(table, compare)
picked = st.dataframe(shown, hide_index=True, width="stretch", on_select="rerun",
                      selection_mode="multi-row", key=f"traits::{keyed}::{compare}::{min_n}")
answers = table[table["kind"] == "answer"].reset_index(drop=True)
rows = picked.selection.rows if picked else []
if st.button(f"Pin {len(rows)} selected to {escape_markdown(current.name)}", disabled=not rows,
             type="primary", key="pin_selected"):
    ui.pin_traits(traits_of(answers.iloc[rows]))
    st.rerun()
shifts = shifts_for_display(table)
if len(shifts):
    st.subheader("Numbers and scales as a whole")
    st.caption("Each number or scale compared with the rest as a whole distribution "
               "(Mann-Whitney test; the shift is the rank-biserial correlation, from -1 to 1).")
    st.dataframe(shifts, hide_index=True, width="stretch")
