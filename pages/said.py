"""What they say: themes in each free-text question, clickable to pin, editable by the team."""

from __future__ import annotations

import streamlit as st

import ui
from ui.state import _cache_key, _survey_for
from persona_lib.models import EMPATHY_BOXES, Box, ThemeRule
from persona_lib.persona import BOX_TITLES, evidence_short, evidence_text
from persona_lib.said import theme_rows, themes_figure, themes_from_selection
from persona_lib.store import ThemeStore
from persona_lib.stopwords import LANGUAGE_NAMES
from persona_lib.text import escape_markdown
from persona_lib.themes import (
    K_RULE, QuestionThemes, SavedThemes, ThemeEditError, merge_themes, question_themes,
    rename_theme, split_theme, text_questions,
)
from persona_lib.trust import strength_rule

BOX_KEY = "said_box"
PIN_BOXES = [b for b in EMPATHY_BOXES if b != Box.does]


@st.cache_data(show_spinner="Finding themes in the answers…", max_entries=32)
def _themes_for(key: tuple, question: str, rules_json: str | None, _content: bytes
                ) -> QuestionThemes:
    """A question's themes, cached on the file's content hash and mapping (`key`), the
    question and the team's saved rules for it."""
    data = _survey_for(*key, _content)
    rules = None if rules_json is None else [
        ThemeRule.model_validate(r) for r in SavedThemes.model_validate_json(
            rules_json).questions[question]]
    return question_themes(data, question, rules)


def themes_of(question: str, saved: SavedThemes) -> QuestionThemes:
    rules = saved.questions.get(question)
    rules_json = None if not rules else SavedThemes(questions={question: rules}).model_dump_json()
    return _themes_for(_cache_key(), question, rules_json, st.session_state[ui.FILE_BYTES])


def save_rules(question: str, rules: list[ThemeRule] | None, what: str) -> None:
    data = ui.survey()
    store = ThemeStore()
    saved = store.get(data.fingerprint)
    questions = {q: r for q, r in saved.questions.items() if q != question}
    if rules is not None:
        questions[question] = rules
    store.put(SavedThemes(fingerprint=data.fingerprint, questions=questions))
    ui.flash(what, icon=":material/edit:")


def pin_themes(traits: list, box: Box) -> None:
    data = ui.survey()
    current = ui.persona()
    if ui.foreign(current):
        ui.flash(f"{escape_markdown(current.name)} is read-only here: start a New persona to pin "
                 "themes of this survey.", icon=":material/lock:")
        return
    from persona_lib.persona import pin, trait_label

    for trait in traits:
        label = escape_markdown(trait_label(data, trait))
        if current.has_trait(trait):
            ui.flash(f"Already pinned: {label}")
            continue
        current = pin(current, data, trait, box=box)
        ui.flash(f"Pinned to {escape_markdown(current.name)} ({BOX_TITLES[box]}): {label}")
    ui.set_persona(current)


def _on_select(key: str, found: QuestionThemes) -> callable:
    def callback() -> None:
        selection = st.session_state[key].get("selection") if key in st.session_state else None
        pin_themes(themes_from_selection(selection, found), st.session_state.get(BOX_KEY,
                                                                                  Box.says))

    return callback


def edit_panel(found: QuestionThemes, ident: str) -> None:
    """Rename, merge or split; saved for this survey and used for its next wave too."""
    labels = [r.label for r in found.rules]
    with st.expander("Rename, merge or split themes"):
        st.caption("Your changes are saved for this survey and applied again when you load "
                   "its next wave (same questions), like the column settings.")
        rename, merge, split = st.tabs(["Rename", "Merge", "Split"])
        with rename:
            pick = st.selectbox("Theme", range(len(labels)), format_func=labels.__getitem__,
                                key=f"{ident}::rename_pick")
            name = st.text_input("New name", max_chars=120, key=f"{ident}::rename_name")
            if st.button("Rename", key=f"{ident}::rename"):
                _apply(found, lambda: rename_theme(found.rules, pick, name),
                       f"Theme renamed to '{name.strip()}'")
        with merge:
            picks = st.multiselect("Themes to merge", range(len(labels)),
                                   format_func=labels.__getitem__, key=f"{ident}::merge_pick")
            name = st.text_input("Name of the merged theme (optional)", max_chars=120,
                                 key=f"{ident}::merge_name")
            if st.button("Merge", key=f"{ident}::merge"):
                _apply(found, lambda: merge_themes(found.rules, picks, name.strip() or None),
                       f"{len(picks)} themes merged")
        with split:
            pick = st.selectbox("Theme", range(len(labels)), format_func=labels.__getitem__,
                                key=f"{ident}::split_pick")
            words = st.multiselect("Keywords that make a theme of their own",
                                   list(found.rules[pick].keywords),
                                   key=f"{ident}::split_words::{pick}")
            name = st.text_input("Name of the new theme (optional)", max_chars=120,
                                 key=f"{ident}::split_name")
            if st.button("Split", key=f"{ident}::split"):
                _apply(found, lambda: split_theme(found.rules, pick, words, name.strip() or None),
                       "Theme split in two")
        if found.method.startswith("your team"):
            if st.button("Find themes afresh (forget our changes)", key=f"{ident}::reset"):
                save_rules(found.question, None, "Themes found afresh in the data")
                st.rerun()


def _apply(found: QuestionThemes, edit, what: str) -> None:
    try:
        rules = edit()
    except ThemeEditError as exc:
        st.error(escape_markdown(str(exc)))
        return
    save_rules(found.question, rules, what)
    st.rerun()


def question_section(found: QuestionThemes, label: str, ident: str) -> None:
    data = ui.survey()
    mask = ui.current_mask(data)
    everyone = ui.shown_segment().is_everyone
    rows = theme_rows(data, found, mask)
    languages = ", ".join(f"{LANGUAGE_NAMES.get(k, 'unknown')} {v:,}"
                          for k, v in sorted(found.languages.items(), key=lambda kv: -kv[1]))
    if not found.rules:
        st.subheader(escape_markdown(label))
        st.info(f"No themes: {escape_markdown(found.method)} ({found.answered:,} answered).")
        return
    pinned = {p.trait.answer for p in ui.persona().pinned
              if p.trait.is_theme and p.trait.question == found.question}
    fig = themes_figure(found, rows, label, ui.persona().name, everyone, pinned,
                        ui.chart_style())
    key = f"themes::{ident}::{len(ui.persona().pinned)}"
    st.plotly_chart(fig, key=key, on_select=_on_select(key, found), selection_mode="points",
                    config={"displayModeBar": False}, width="stretch", theme=None)
    st.caption(f"{found.answered:,} answered; {found.coded:,} of them have a theme "
               f"({found.answered - found.coded:,} use none of any theme's keywords). "
               f"Languages found: {escape_markdown(languages) or 'none'}. "
               f"{escape_markdown(found.method)}.")
    if ui.presenting():
        return
    with st.expander("Keywords, evidence and example quotes"):
        for row in rows:
            quotes = "  \n".join(f"> “{escape_markdown(q)}”" for q in row.quotes)
            st.markdown(f"**{escape_markdown(row.label)}** ({row.strength.value})  \n"
                        f"Keywords: {escape_markdown(', '.join(row.keywords))}  \n"
                        f"{escape_markdown(evidence_short(row.evidence))}",
                        help=evidence_text(row.evidence))
            if quotes:
                st.markdown(quotes)
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    pick = left.selectbox("Theme to pin", range(len(rows)),
                          format_func=lambda i: rows[i].label, key=f"{ident}::pin_pick")
    if right.button("Pin", key=f"{ident}::pin", type="primary", width="stretch"):
        pin_themes([rows[pick].trait], st.session_state.get(BOX_KEY, Box.says))
        st.rerun()
    edit_panel(found, ident)


ui.page_setup()
st.title("What they say")
data = ui.survey()
ui.segment_caption(data)
questions = text_questions(data)
if not questions:
    st.info("No free-text questions were recognised in this survey. Check the detected kinds "
            "on the Data page.")
else:
    if not ui.presenting():
        st.radio("Pin a clicked theme into", PIN_BOXES, key=BOX_KEY, horizontal=True,
                 format_func=BOX_TITLES.get)
        st.caption("A theme is a set of keywords found in the answers; each answer has the "
                   "theme whose keywords it uses most, or none. Shares are of those who "
                   f"answered the question. Number of themes: {escape_markdown(K_RULE)}. "
                   f"Strength: {escape_markdown(strength_rule())}")
    saved = ui.saved_themes()
    for number, question in enumerate(questions):
        with st.container(border=True):
            question_section(themes_of(question, saved), data.column(question).label,
                             f"said{number}")
