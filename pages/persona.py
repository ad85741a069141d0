"""The persona card: profile, quote, goals, frustrations, channels, willingness to pay, and
the empathy map, every pinned trait with its evidence recomputed from the data now loaded;
how it moved since it was pinned, exports, undo. In presentation mode: the card alone, large."""

import hashlib

import streamlit as st

import ui
from persona_lib.drift import PersonaDrift, cause_text, drift_text, persona_drift
from persona_lib.economics import worth_lines
from persona_lib.export import (
    card_markdown, card_pdf, card_png, letters_the_pdf_lacks, personas_json, personas_pptx,
)
from persona_lib.models import EMPATHY_BOXES, Box, Evidence, Persona
from persona_lib.persona import (
    BOX_TITLES, Card, evidence_short, evidence_text, move, segment_size_text, unpin,
)
from persona_lib.segments import rule_words
from persona_lib.text import escape_markdown, wording
from persona_lib.trust import (
    Strength, evidence_age, provenance, provenance_lines, respondent_answers,
    stability_verdict, strength_rule,
)

ui.page_setup()

NOTE_PROMPTS = {
    Box.says: "What do they say?", Box.thinks: "What do they think but not say?",
    Box.does: "What do they do?", Box.feels: "What do they feel?",
    Box.pains: "What gets in their way?", Box.gains: "What would success look like?",
}


def keyed(persona: Persona) -> str:
    """Widget keys for this persona's version: fields start afresh on undo or another save."""
    return f"{persona.id}::{ui.digest(persona)}"


def edit(field: str, key: str, fallback: str = "") -> None:
    value = st.session_state[key].strip() or fallback
    ui.set_persona(ui.persona().model_copy(update={field: value}))


def save_note(box: Box, key: str) -> None:
    notes = {**ui.persona().notes, box: st.session_state[key]}
    ui.set_persona(ui.persona().model_copy(update={"notes": notes}))


BADGE_COLOURS = {Strength.strong: "green", Strength.moderate: "blue", Strength.weak: "orange",
                 Strength.too_few: "gray"}


def badge(strength: Strength) -> str:
    """The strength as a word in a coloured badge (the word carries it, not the colour)."""
    return f":{BADGE_COLOURS[strength]}-badge[{strength.value}]"


def evidence_line(label: str, evidence: Evidence, pinned: bool = False,
                  strength: Strength | None = None) -> None:
    """A trait as the card shows it: label, compact evidence, the full sentence on hover."""
    icon = ":material/push_pin: " if pinned else ""
    mark = f" {badge(strength)}" if strength else ""
    why = f"\n\nStrength: {strength.value}. {strength_rule()}" if strength else ""
    st.markdown(f"{icon}**{escape_markdown(label)}**{mark}  \n"
                f"{escape_markdown(evidence_short(evidence))}",
                help=evidence_text(evidence) + why)


def header(card: Card, persona: Persona, presenting: bool) -> None:
    avatar, title = st.columns([1, 6], vertical_alignment="center")
    avatar.image(card.avatar_svg, width=160 if presenting else 120)
    with title:
        if presenting:
            st.title(escape_markdown(card.name))
        else:
            name_col, letters_col = st.columns([5, 1])
            key = keyed(persona)
            name_col.text_input("Persona name", value=persona.name, key=f"persona_name::{key}",
                                on_change=edit, args=("name", f"persona_name::{key}",
                                                      "New persona"), max_chars=120)
            letters_col.text_input("Avatar", value=persona.avatar, key=f"avatar::{key}",
                                   max_chars=4, on_change=edit, args=("avatar", f"avatar::{key}"),
                                   help="Up to 4 letters or an emoji; empty: the initials.")
        st.markdown(f"**Segment:** {escape_markdown(card.segment_rule)}  \n"
                    f"{escape_markdown(segment_size_text(card))}")
        segment_trust(card, persona, presenting)
    if presenting:
        if persona.narrative.strip():
            st.markdown(escape_markdown(persona.narrative.strip()))
    else:
        key = keyed(persona)
        st.text_area("About them", value=persona.narrative, key=f"narrative::{key}", height=80,
                     max_chars=5_000, on_change=edit, args=("narrative", f"narrative::{key}"),
                     placeholder="A few sentences the team agrees on: their situation, what "
                                 "they are trying to do.")


def segment_trust(card: Card, persona: Persona, presenting: bool) -> None:
    """For a suggested segment, how stable it is (the size line above gives its interval);
    then the 'How this was made' switch."""
    cluster = persona.segment.cluster
    if cluster is not None:
        stability = ui.stability_if_known(cluster.model)
        if stability is not None:
            score = stability.per_segment[cluster.index]
            st.caption(f"Stability: {score:.2f} mean Jaccard over {stability.resamples} "
                       f"re-runs ({stability_verdict(score)})", help=stability.method)
            if card.traits:
                st.caption(f"Strength badges: {escape_markdown(ui.held_out_note(cluster.model))}")
        elif not presenting and st.button("Check how stable this segment is",
                                          key="card_stability", icon=":material/bolt:"):
            ui.stability(cluster.model)
            st.rerun()
    if st.toggle("How this was made", key="provenance_switch"):
        with st.container(border=True):
            made = provenance(persona, card.segment_rule,
                              {v.trait.question: v.label.split(":")[0] for v in card.traits})
            st.markdown("\n".join(f"- {escape_markdown(line)}"
                                   for line in provenance_lines(made)))


def data_notes(card: Card, drift: PersonaDrift, persona: Persona, presenting: bool) -> None:
    age = evidence_age(persona)
    if age:
        moved = len(drift.changed)
        why = cause_text(drift.causes_of_change())
        st.caption(escape_markdown(age) + (f"; {moved} pinned trait(s) changed beyond noise "
                                          f"since pinned, {why}" if moved else ""))
    if drift.status == "other survey":
        st.warning(f"This persona was built on **{escape_markdown(drift.then.source)}**, a survey "
                   "with other questions than the data now loaded: its traits may show 'not in "
                   "this data'. Upload that survey on the Data page to see its live numbers.",
                   icon=":material/swap_horiz:")
    elif drift.status == "fresh wave":
        moved = len(drift.changed) + bool(drift.segment and drift.segment.beyond_noise)
        st.info(f"Fresh data: built on **{escape_markdown(drift.then.source)}** "
                f"({drift.then.respondents:,} respondents, {drift.then.taken_at:%Y-%m-%d}); "
                f"{moved} number(s) moved beyond noise since. Each pinned trait below shows then "
                "→ now; accept the new numbers on **All personas → Fresh data**.",
                icon=":material/update:")
    for question in card.missing_questions:
        st.warning(f"The segment filters on '{escape_markdown(question)}', which this data does "
                   "not have: that filter is skipped.")
    if card.too_few:
        st.warning("Too few respondents match this segment to say anything about them. "
                   "Widen the segment in the sidebar.")
    if card.quote:
        st.markdown(f"> “{escape_markdown(card.quote)}”")
        quote_source(card, persona, presenting)


def quote_source(card: Card, persona: Persona, presenting: bool) -> None:
    """Who said it (a pseudonym), what else they answered, and another quote on demand."""
    source = card.quote_source
    who, answers, other = st.columns([3, 2, 2], vertical_alignment="center")
    who.caption(f"{escape_markdown(source.respondent)}, answering "
                f"“{escape_markdown(ui.survey().column(source.question).label)}”: a typical "
                f"answer in this segment (quote {persona.quote_pick % card.quotes_available + 1}"
                f" of {card.quotes_available}; personal data redacted).")
    if presenting:
        return
    with answers.popover("Their answers", icon=":material/person_search:"):
        st.caption(f"Everything {escape_markdown(source.respondent)} answered, without "
                   "personal data.")
        answered = respondent_answers(ui.survey(), source.row)
        st.dataframe({"Question": [q for q, _ in answered], "Answer": [a for _, a in answered]},
                     hide_index=True)
    if other.button("Another quote", icon=":material/swap_horiz:", key="swap_quote",
                    disabled=card.quotes_available < 2):
        ui.set_persona(persona.model_copy(update={"quote_pick": persona.quote_pick + 1}))
        st.rerun()


def profile(card: Card) -> None:
    who, motives, money = st.columns(3)
    with who.container(border=True):
        st.subheader("Who they are")
        for line in card.demographics:
            evidence_line(f"{line.label}: {line.answer}", line.evidence)
        for view in card.box(Box.profile):
            evidence_line(view.label, view.evidence, pinned=True, strength=view.strength)
    with motives.container(border=True):
        for title, lines in (("Goals", card.goals), ("Frustrations", card.frustrations),
                             ("Channels", card.channels)):
            st.subheader(title)
            if not lines:
                st.caption("No question about this was recognised.")
            for line in lines:
                evidence_line(line.shown, line.evidence)
    with money.container(border=True):
        st.subheader("Willingness to pay")
        wtp = card.willingness_to_pay
        for i, line in enumerate(card.willingness_to_pay_answers):
            if not i:
                st.markdown(escape_markdown(line.label),
                            help=escape_markdown(wording(line.question)))
            evidence_line(line.answer, line.evidence)
        if wtp is None and not card.willingness_to_pay_answers:
            st.caption("No willingness-to-pay question was recognised, or nobody in the "
                       "segment answered it.")
        elif wtp is not None:
            st.metric(escape_markdown(wtp.label), f"{wtp.median:,.0f}",
                      help="Median answer in the segment")
            st.markdown(escape_markdown(
                f"Middle half: {wtp.p25:,.0f}–{wtp.p75:,.0f}; range {wtp.min:,.0f}–"
                f"{wtp.max:,.0f}; n={wtp.n:,}"))
        if card.worth is not None:
            st.subheader("Worth it", help="Which questions and channel costs these use, and "
                         "how each is worked out: the **Worth it** page.")
            st.markdown("  \n".join(escape_markdown(line) for line in worth_lines(card.worth)))


def empathy_boxes(card: Card, persona: Persona, presenting: bool) -> None:
    st.header("Empathy map")
    if not card.traits and not presenting:
        st.info("Nothing pinned yet: click a bar on **Who they are** or **What they do** to "
                "pin a trait here, with its evidence.")
    for row in (EMPATHY_BOXES[:3], EMPATHY_BOXES[3:]):
        for box, cell in zip(row, st.columns(3)):
            with cell.container(border=True):
                st.subheader(BOX_TITLES[box])
                if box == Box.says and card.quote:
                    st.markdown(f"“{escape_markdown(card.quote)}”")
                for view in card.box(box):
                    evidence_line(view.label, view.evidence, pinned=True,
                                  strength=view.strength)
                note = card.notes.get(box, "")
                if presenting:
                    if note.strip():
                        st.markdown(escape_markdown(note.strip()))
                    continue
                note_key = f"note::{box.value}::{keyed(persona)}"
                st.text_area("Notes", value=note, key=note_key, height=80, max_chars=5_000,
                             on_change=save_note, args=(box, note_key),
                             placeholder=NOTE_PROMPTS[box])


def pinned_traits(card: Card, drift: PersonaDrift) -> None:
    if not card.traits:
        return
    changes = {d.trait: d for d in drift.traits if d.causes}
    st.header("Pinned traits")
    st.caption(f"How strong each trait is: {escape_markdown(strength_rule())}")
    for view in card.traits:
        ident = hashlib.sha1(view.trait.model_dump_json().encode()).hexdigest()[:10]
        label, where, action = st.columns([5, 2, 1], vertical_alignment="center")
        moved = changes.get(view.trait)
        since = (f"  \n:material/update: since pinned: {escape_markdown(drift_text(moved.change))}"
                 f" ({escape_markdown(cause_text(moved.causes))})" if moved else "")
        origin = " · suggested by the app" if view.origin == "suggested" else ""
        label.markdown(f"**{escape_markdown(view.label)}** {badge(view.strength)}  \n"
                       f"{escape_markdown(evidence_text(view.evidence))}{origin}{since}")
        boxes = list(BOX_TITLES)
        new_box = where.selectbox("Shown in", boxes, index=boxes.index(view.box),
                                  format_func=BOX_TITLES.get, key=f"box::{ident}")
        if new_box != view.box:
            ui.set_persona(move(ui.persona(), view.trait, new_box))
            st.rerun(scope="fragment")
        if action.button("Unpin", key=f"unpin::{ident}"):
            ui.set_persona(unpin(ui.persona(), view.trait))
            st.rerun()


@st.fragment
def workshop_board() -> None:
    """The empathy map and the pinned traits: notes and moves rerun only this part."""
    persona = ui.persona()
    card = ui.card(persona)
    empathy_boxes(card, persona, presenting=False)
    pinned_traits(card, ui.drift(persona))


def exports(card: Card, persona: Persona) -> None:
    st.header("Export")
    st.caption("The card as the app shows it now, every number with its evidence. Quotes are "
               "redacted of personal data; nothing else from respondents is included.")
    stem = "".join(c if c.isalnum() else "-" for c in persona.name).strip("-")[:60] or "persona"
    lacking = letters_the_pdf_lacks(card, persona)
    if lacking:
        st.warning(f"The PDF and PNG card are set in a font without some of this card's letters "
                   f"({escape_markdown(lacking[:12])}{'…' if len(lacking) > 12 else ''}): they "
                   "show a box for each. The Markdown, JSON and PowerPoint exports keep every "
                   "letter (PowerPoint draws them in a font of your computer).",
                   icon=":material/warning:")
    second = st.toggle("Add worth-it figures and 'How this was made' on a second PDF page",
                       key="pdf_second_page")
    formats = [
        ("Printable card (PDF, A4)", lambda: card_pdf(card, persona, "A4", second),
         f"{stem}-A4.pdf", "application/pdf"),
        ("Printable card (PDF, Letter)", lambda: card_pdf(card, persona, "Letter", second),
         f"{stem}-Letter.pdf", "application/pdf"),
        ("Card image (PNG, 16:9)", lambda: card_png(card, persona, "16:9"), f"{stem}-16x9.png",
         "image/png"),
        ("Card image (PNG, A4)", lambda: card_png(card, persona, "A4"), f"{stem}-A4.png",
         "image/png"),
        ("Markdown", lambda: card_markdown(card, persona), f"{stem}.md", "text/markdown"),
        ("JSON (imports again)", lambda: personas_json([persona]), f"{stem}.json",
         "application/json"),
        ("PowerPoint slide", lambda: personas_pptx([(card, persona)]), f"{stem}.pptx",
         "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ]
    columns = st.columns(3)
    for i, (label, make, file_name, mime) in enumerate(formats):
        columns[i % 3].download_button(label, make, file_name=file_name, mime=mime,
                                       on_click="ignore", icon=":material/download:",
                                       key=f"export::{i}", width="stretch")


def changes(persona: Persona) -> None:
    st.header("Changes")
    undo_col, delete_col = st.columns(2)
    if undo_col.button("Undo the last change", icon=":material/undo:", key="undo_persona",
                       disabled=ui.store() is None):
        if ui.undo(persona.id):
            ui.flash("Undone", icon=":material/undo:")
        else:
            ui.flash("Nothing earlier to go back to", icon=":material/info:")
        st.rerun()
    with delete_col.popover("Delete this persona", icon=":material/delete:"):
        st.markdown(f"Delete **{escape_markdown(persona.name)}**? *All personas → Undo delete* "
                    "brings it back.")
        if st.button("Delete", type="primary", key="delete_persona"):
            ui.delete_persona(persona.id)
            ui.flash(f"Deleted {escape_markdown(persona.name)}", icon=":material/delete:")
            st.rerun()


def other_survey_card(persona: Persona, presenting: bool) -> None:
    """A persona of another survey: shown as it was built, read-only, its segment, pins, notes
    and evidence untouched; compared with the data now loaded only when asked."""
    data, then = ui.survey(), persona.data
    st.title(escape_markdown(persona.name))
    st.info(f"Built on **{escape_markdown(then.source)}** ({then.respondents:,} respondents, "
            f"{then.taken_at:%Y-%m-%d}): read-only while **{escape_markdown(data.source)}** is "
            "loaded. Its segment, pinned traits, notes and evidence are kept as they were. Load "
            "that survey again on the Data page to edit it and see its live numbers.",
            icon=":material/lock:")
    size = persona.segment_snapshot
    st.markdown(f"**Segment:** {escape_markdown(rule_words(persona.segment))}"
                + (f"  \nn = {size.n:,} of {size.total:,} respondents when built" if size else ""))
    if persona.narrative.strip():
        st.markdown(escape_markdown(persona.narrative.strip()))
    st.header("Pinned traits, as pinned")
    if not persona.pinned:
        st.caption("Nothing pinned.")
    for item in persona.pinned:
        st.markdown(f":material/push_pin: **{escape_markdown(ui.trait_words(item))}** "
                    f"({BOX_TITLES[item.box]})  \n{escape_markdown(ui.snapshot_text(item))}")
    notes = [(box, persona.notes.get(box, "").strip()) for box in EMPATHY_BOXES]
    if any(text for _, text in notes):
        st.header("Notes")
        for box, text in notes:
            if text:
                st.markdown(f"**{BOX_TITLES[box]}:** {escape_markdown(text)}")
    if presenting:
        return
    if st.toggle("Check it against the data now loaded", key=f"check_other::{persona.id}",
                 help="Finds its questions in this data by their wording or the survey tool's "
                      "code (never by a label) and compares the numbers. Nothing is saved."):
        drift = persona_drift(data, persona, other_survey=True)
        if drift.not_found:
            st.caption("Not in this data: " + escape_markdown("; ".join(drift.not_found)))
        rows = [{"": "Segment size", "Then → now": drift_text(drift.segment)}] \
            if drift.segment else []
        rows += [{"": t.label, "Then → now": "not in this data" if t.evidence.status ==
                  "missing" else drift_text(t.change)} for t in drift.traits]
        st.dataframe(rows, hide_index=True, width="stretch")
    if st.toggle("How this was made", key="provenance_switch"):
        with st.container(border=True):
            made = provenance(persona, rule_words(persona.segment))
            st.markdown("\n".join(f"- {escape_markdown(line)}"
                                   for line in provenance_lines(made)))
    stem = "".join(c if c.isalnum() else "-" for c in persona.name).strip("-")[:60] or "persona"
    st.download_button("JSON (imports again)", lambda: personas_json([persona]),
                       file_name=f"{stem}.json", mime="application/json", on_click="ignore",
                       icon=":material/download:", key="export_other_json")


persona = ui.persona()
presenting = ui.presenting()
if ui.foreign(persona):
    other_survey_card(persona, presenting)
    st.stop()
card = ui.card(persona)
header(card, persona, presenting)
data_notes(card, ui.drift(persona), persona, presenting)
profile(card)
if presenting:
    empathy_boxes(card, persona, presenting=True)
else:
    workshop_board()
    exports(card, persona)
    changes(persona)
