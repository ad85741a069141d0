"""The sidebar: which persona is being built, its segment with its size always in view, and
what is pinned to it so far."""

from __future__ import annotations

import hashlib

import streamlit as st

from persona_lib.models import CHOICE_KINDS, Condition, Persona, PinnedTrait
from persona_lib.persona import evidence_short, evidence_text, trait_label
from persona_lib.segments import condition_text, describe_segment, rule_words
from persona_lib.stats import trait_evidence, wilson_interval
from persona_lib.survey import Survey
from persona_lib.text import escape_markdown
from ui.analysis import current_mask
from ui.presentation import set_presenting
from ui.session import (
    add_persona, built_on, choose_persona, foreign, persona, personas, set_segment,
)
from ui.state import SEGMENT_TOUCHED, data_key, digest


def names_key(names: dict[str, str]) -> str:
    return hashlib.sha1("\n".join(names.values()).encode()).hexdigest()[:10]


def persona_names() -> dict[str, str]:
    """Each persona's name for a picker; one of another survey says which."""
    return {p.id: p.name + (f" (built on {built_on(p)})" if foreign(p) else "")
            for p in personas()}


def persona_sidebar() -> None:
    """Which persona is being built, and a new one. The picker's key carries the names, so a
    rename shows at once (a picker keeps its choice by the text it showed)."""
    everyone = personas()
    names = persona_names()
    current = persona()
    chosen = st.sidebar.selectbox("Persona", list(names), index=list(names).index(current.id),
                                  format_func=names.get,
                                  key=f"persona_choice::{current.id}::{names_key(names)}")
    if chosen != current.id:
        choose_persona(chosen)
        st.rerun()
    new, present = st.sidebar.columns(2)
    if new.button("New persona", icon=":material/person_add:", key="new_persona"):
        add_persona(Persona(name=f"Persona {len(everyone) + 1}"))
        st.rerun()
    if present.button("Present", icon=":material/slideshow:", key="start_present",
                      help="Presentation mode: large type for a projector, editing hidden. "
                           "Links with ?present=1 open in it."):
        set_presenting(True)
        st.rerun()


def _touch_segment() -> None:
    st.session_state[SEGMENT_TOUCHED] = True


def segment_sidebar(data: Survey) -> None:
    """The persona's segment: quick filters on choice questions, its size always in view.
    Conditions made on the Segments page (numbers, text, multi-select 'all', suggested
    segments) are kept as they are and listed. Only the user's own change of a widget saves
    the segment; a persona of another survey is shown read-only."""
    current = persona()
    segment = current.segment
    touched = st.session_state.pop(SEGMENT_TOUCHED, False)
    st.sidebar.subheader("Segment")
    if foreign(current):
        st.sidebar.info(f"**{escape_markdown(current.name)}** is built on "
                        f"**{escape_markdown(built_on(current))}**: read-only while "
                        f"{escape_markdown(data.source)} is loaded. Load that survey again to "
                        "edit it, or start a *New persona* for this one.",
                        icon=":material/lock:")
        st.sidebar.caption(f":material/filter_alt: {escape_markdown(rule_words(segment))}")
        if current.segment_snapshot is not None:
            st.sidebar.caption(f"n = {current.segment_snapshot.n:,} of "
                               f"{current.segment_snapshot.total:,} respondents when built")
        return
    keyed = f"{current.id}::{digest(segment)}::{data_key()}"  # fresh widgets on any change
    filterable = [c for c in data.columns if c.kind in CHOICE_KINDS]
    labels = {c.name: c.label for c in filterable}
    quick = [c for c in segment.conditions
             if (c.question in labels and not c.contains and c.match == "any") or
             not data.has(c.question)]
    other = [c for c in segment.conditions if c not in quick]
    if segment.cluster is not None or other:
        for line in ([describe_segment(data, segment.model_copy(update={"conditions": []}))]
                     if segment.cluster is not None else []) + [
                condition_text(data, c) for c in other if c.is_set and data.has(c.question)]:
            st.sidebar.caption(f":material/filter_alt: {escape_markdown(line)}")
    picked = st.sidebar.multiselect(
        "Filter respondents by", [c.name for c in filterable] + [
            c.question for c in quick if c.question not in labels],
        default=[c.question for c in quick],
        format_func=lambda q: labels.get(q, f"{q} (not in this data)"),
        key=f"segment_questions::{keyed}", placeholder="Everyone: choose questions",
        on_change=_touch_segment,
    )
    conditions = []
    for question in picked:
        before = next((c.answers for c in quick if c.question == question), [])
        if question in labels:
            column = data.column(question)
            levels = column.levels
            before = list(dict.fromkeys(column.shown.get(a, a) for a in before))  # '1' is 'Yes'
            answers = st.sidebar.multiselect(
                escape_markdown(labels[question]), levels,
                default=[a for a in before if a in levels],
                key=f"segment_answers::{question}::{keyed}", on_change=_touch_segment)
            absent = [a for a in before if a not in levels]
            if absent:
                st.sidebar.caption("Also kept, not in this data: "
                                   + escape_markdown(", ".join(absent)))
            answers = [*answers, *absent]
        else:
            st.sidebar.caption(f"'{escape_markdown(question)}' is not in this data: "
                               "this filter is skipped.")
            answers = before
        conditions.append(Condition(question=question, answers=answers))
    conditions += other
    combine = segment.combine
    if len(conditions) > 1:
        combine = st.sidebar.radio(
            "Respondents must match", ["all", "any"], horizontal=True,
            index=0 if segment.combine == "all" else 1,
            format_func=lambda v: f"{v} filters", key=f"segment_combine::{keyed}",
            on_change=_touch_segment)
    if touched and (conditions != segment.conditions or combine != segment.combine):
        set_segment(segment.model_copy(update={"conditions": conditions, "combine": combine}))
        st.rerun()
    mask = current_mask(data)
    n = int(mask.sum())
    st.sidebar.metric("Respondents in segment", f"{n:,}", segment_share_text(n, data.n),
                      delta_color="off", delta_arrow="off")
    if 0 < n < 10:
        st.sidebar.warning(f"Only {n} respondents match: too few to say much about them.")
    elif n == 0:
        st.sidebar.error("No respondents match these filters.")


def pinned_sidebar(data: Survey) -> None:
    """The card as it grows: every pinned trait with its evidence in the segment now, so a
    click on a bar shows up here at once, on the page where it was made. A persona of another
    survey shows its evidence as pinned."""
    current = persona()
    st.sidebar.subheader(f"Pinned to {escape_markdown(current.name)}")
    if not current.pinned:
        st.sidebar.caption("Nothing yet: click a bar to pin that answer.")
    if foreign(current):
        for item in current.pinned:
            st.sidebar.markdown(f":material/push_pin: **{escape_markdown(trait_words(item))}**"
                                f"  \n{escape_markdown(snapshot_text(item))}")
    else:
        mask = current_mask(data)
        for item in current.pinned:
            evidence = trait_evidence(data, item.trait, mask)
            label = escape_markdown(trait_label(data, item.trait))
            st.sidebar.markdown(f":material/push_pin: **{label}**  \n"
                                f"{escape_markdown(evidence_short(evidence))}",
                                help=evidence_text(evidence))
    st.sidebar.page_link("pages/persona.py", label="Open the persona card", icon=":material/badge:")


def trait_words(item: PinnedTrait) -> str:
    """A pinned trait by its question's wording, for when its survey is not loaded."""
    return trait_label(None, item.trait)


def snapshot_text(item: PinnedTrait) -> str:
    """Its evidence as kept when it was pinned."""
    snap = item.snapshot
    if snap is None or snap.status != "ok" or snap.share is None:
        return "no evidence kept from when it was pinned"
    overall = (f" · everyone {snap.share_overall:.0%}" if snap.share_overall is not None
               else "")
    return f"{snap.share:.0%} of n={snap.n:,} when pinned ({snap.taken_at:%Y-%m-%d}){overall}"


def segment_share_text(n: int, total: int) -> str:
    if not total:
        return "no respondents"
    if n == total:
        return f"all {total:,}"
    low, high = wilson_interval(n, total)
    return f"{n / total:.0%} of {total:,} (95% CI {low:.0%}–{high:.0%})"
