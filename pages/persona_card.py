"""The persona card: profile, quote, goals, frustrations, channels, willingness to pay, and
the empathy map, every pinned trait with its evidence recomputed from the data now loaded."""

import hashlib

import streamlit as st

from pages import ui
from persona_lib.models import EMPATHY_BOXES, Box, Evidence
from persona_lib.persona import (
    BOX_TITLES, build_card, evidence_short, evidence_text, move, segment_size_text, unpin,
)
from persona_lib.text import escape_markdown

NOTE_PROMPTS = {
    Box.says: "What do they say?", Box.thinks: "What do they think but not say?",
    Box.does: "What do they do?", Box.feels: "What do they feel?",
    Box.pains: "What gets in their way?", Box.gains: "What would success look like?",
}

data = ui.survey()
persona = ui.persona()
card = build_card(data, persona)


def _rename() -> None:
    name = st.session_state["persona_name"].strip() or "New persona"
    ui.set_persona(ui.persona().model_copy(update={"name": name}))


def _save_note(box: Box) -> None:
    notes = {**ui.persona().notes, box: st.session_state[f"note::{box.value}"]}
    ui.set_persona(ui.persona().model_copy(update={"notes": notes}))


def _evidence_line(label: str, evidence: Evidence, pinned: bool = False) -> None:
    """A trait as the card shows it: label, compact evidence, the full sentence on hover."""
    icon = ":material/push_pin: " if pinned else ""
    st.markdown(f"{icon}**{escape_markdown(label)}**  \n{escape_markdown(evidence_short(evidence))}",
                help=evidence_text(evidence))


avatar, header = st.columns([1, 6], vertical_alignment="center")
avatar.image(card.avatar_svg, width=120)
header.text_input("Persona name", value=persona.name, key="persona_name", on_change=_rename)
header.markdown(
    f"**Segment:** {escape_markdown(card.segment_rule)}  \n{escape_markdown(segment_size_text(card))}"
)
for question in card.missing_questions:
    st.warning(f"The segment filters on '{escape_markdown(question)}', which this data does not have: "
               "that filter is skipped.")
if card.too_few:
    st.warning("Too few respondents match this segment to say anything about them. "
               "Widen the segment in the sidebar.")
if card.quote:
    st.markdown(f"> “{escape_markdown(card.quote)}”")
    st.caption("A typical free-text answer from this segment (personal data redacted).")

profile, motives, money = st.columns(3)
with profile.container(border=True):
    st.subheader("Who they are")
    for line in card.demographics:
        _evidence_line(f"{line.label}: {line.answer}", line.evidence)
    for view in card.box(Box.profile):
        _evidence_line(view.label, view.evidence, pinned=True)
with motives.container(border=True):
    for title, lines in (("Goals", card.goals), ("Frustrations", card.frustrations),
                         ("Channels", card.channels)):
        st.subheader(title)
        if not lines:
            st.caption("No question about this was recognised.")
        for line in lines:
            _evidence_line(line.answer, line.evidence)
with money.container(border=True):
    st.subheader("Willingness to pay")
    wtp = card.willingness_to_pay
    if wtp is None:
        st.caption("No willingness-to-pay question was recognised, or nobody in the segment "
                   "answered it.")
    else:
        st.metric(escape_markdown(wtp.label), f"{wtp.median:,.0f}", help="Median answer in the segment")
        st.markdown(escape_markdown(
            f"Middle half: {wtp.p25:,.0f}–{wtp.p75:,.0f}; range {wtp.min:,.0f}–{wtp.max:,.0f}; "
            f"n={wtp.n:,}"
        ))

st.header("Empathy map")
if not card.traits:
    st.info("Nothing pinned yet: click a bar on **Who they are** or **What they do** to pin a "
            "trait here, with its evidence.")
for row in (EMPATHY_BOXES[:3], EMPATHY_BOXES[3:]):
    for box, cell in zip(row, st.columns(3)):
        with cell.container(border=True):
            st.subheader(BOX_TITLES[box])
            if box == Box.says and card.quote:
                st.markdown(f"“{escape_markdown(card.quote)}”")
            for view in card.box(box):
                _evidence_line(view.label, view.evidence, pinned=True)
            st.text_area("Notes", value=card.notes.get(box, ""), key=f"note::{box.value}",
                         on_change=_save_note, args=(box,), height=80,
                         placeholder=NOTE_PROMPTS[box])

if card.traits:
    st.header("Pinned traits")
    for view in card.traits:
        ident = hashlib.sha1(view.trait.model_dump_json().encode()).hexdigest()[:10]
        label, where, action = st.columns([5, 2, 1], vertical_alignment="center")
        with label:
            st.markdown(f"**{escape_markdown(view.label)}**  \n"
                        f"{escape_markdown(evidence_text(view.evidence))}")
        boxes = list(BOX_TITLES)
        new_box = where.selectbox("Shown in", boxes, index=boxes.index(view.box),
                                  format_func=BOX_TITLES.get, key=f"box::{ident}")
        if new_box != view.box:
            ui.set_persona(move(ui.persona(), view.trait, new_box))
            st.rerun()
        if action.button("Unpin", key=f"unpin::{ident}"):
            ui.set_persona(unpin(ui.persona(), view.trait))
            st.rerun()
