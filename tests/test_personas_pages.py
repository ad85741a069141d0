"""Personas that last: saved on every change, there after a refresh and a restart, never
overwritten by another tab without asking; undo, delete, import, compare and fresh data,
through AppTest. Expected values come from persona_lib, not from the app."""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from persona_lib.export import personas_json
from persona_lib.models import Persona
from persona_lib.store import PersonaStore
from tests.test_app import (
    AGE, APP, TIMEOUT, assert_ran, current_persona, go, name_input, pin_with_keyboard, start,
    unescape, upload,
)
from tests.test_drift import wave_two


def rename(at: AppTest, name: str) -> AppTest:
    go(at, "Persona")
    name_input(at).input(name).run()
    assert_ran(at)
    return at


def names(at: AppTest) -> list[str]:
    return sorted(p.name for p in at.session_state["personas"].values())


def new_persona(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "New persona").click().run()
    assert_ran(at)
    return at


def test_two_personas_survive_a_refresh_and_a_restart():
    at = rename(start(), "Busy Beth")
    rename(new_persona(at), "Budget Bob")
    refreshed = start()  # a new browser session
    assert names(refreshed) == ["Budget Bob", "Busy Beth"]
    st.cache_resource.clear()  # the app process restarts
    restarted = start("All personas")
    assert names(restarted) == ["Budget Bob", "Busy Beth"]
    shown = [m.value for m in restarted.markdown if "pinned trait" in m.value]
    assert len(shown) == 2


def test_another_tab_s_save_is_never_overwritten_silently():
    first = rename(start(), "Original")
    second = start("Persona")
    rename(first, "Changed in tab one")
    rename(second, "Changed in tab two")
    assert any("was changed somewhere else" in w.value for w in second.warning)
    saved = PersonaStore().personas(PersonaStore().default_project().id)[0]
    assert saved.persona.name == "Changed in tab one"
    second.button(key="conflict_keep").click().run()
    assert_ran(second)
    saved = PersonaStore().get(saved.persona.id)
    assert saved.persona.name == "Changed in tab two"
    rename(first, "Tab one again")
    first.button(key="conflict_take").click().run()
    assert_ran(first)
    assert current_persona(first).name == "Changed in tab two"


def test_undo_and_delete():
    at = rename(rename(start(), "One"), "Two")
    at.button(key="undo_persona").click().run()
    assert_ran(at)
    assert current_persona(at).name == "One"
    rename(new_persona(at), "Keep me")
    go(at, "Persona")
    at.button(key="delete_persona").click().run()
    assert_ran(at)
    assert names(at) == ["One"]
    go(at, "All personas")
    deleted = next(b for b in at.button if b.label == "Undo delete")
    deleted.click().run()
    assert_ran(at)
    assert names(at) == ["Keep me", "One"]


def test_import_adds_personas_and_a_bad_file_changes_nothing():
    at = start("All personas")
    before = names(at)
    bundle = personas_json([Persona(name="Imported A"), Persona(name="Imported B")])
    at.file_uploader(key="import_personas").set_value(
        ("p.json", bundle.encode(), "application/json")).run()
    assert_ran(at)
    assert names(at) == sorted(before + ["Imported A", "Imported B"])
    at.file_uploader(key="import_personas").set_value(
        ("bad.json", b'{"personas": [{"name": "x", "pinned": 5}]}', "application/json")).run()
    assert_ran(at)
    assert any("bad.json" in unescape(e.value) and "Nothing was imported" in e.value
               for e in at.error)
    assert names(at) == sorted(before + ["Imported A", "Imported B"])


def test_compare_shows_the_overlap_of_two_segments(sample):
    at = start()
    new_persona(at)
    go(at, "All personas")
    assert at.multiselect(key="compare_choice").value
    chart = [c for c in at.get("plotly_chart") if "overlap" in (c.proto.id or "")]
    assert len(chart) == 1


def test_a_fresh_wave_shows_the_drift_and_the_new_numbers_can_be_accepted(sample, raw):
    at = pin_with_keyboard(start("Who they are"), "pin_who", sample.column(AGE), "25-34")
    upload(at, "wave-2.csv", wave_two(raw))
    go(at, "Persona")
    assert any("Fresh data" in i.value for i in at.info)
    go(at, "All personas")
    persona_id = current_persona(at).id
    at.button(key=f"accept::{persona_id}").click().run()
    assert_ran(at)
    assert current_persona(at).data.source == "wave-2.csv"
    go(at, "Persona")
    assert not any("Fresh data" in i.value for i in at.info)


def test_the_app_still_works_when_the_database_cannot_be_opened(monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PERSONA_DB_URL", f"sqlite:///{blocker}/personas.db")
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert_ran(at)
    go(at, "All personas")
    assert any("cannot be saved" in w.value for w in at.warning)
    rename(at, "Still editable")
    assert current_persona(at).name == "Still editable"


def test_the_persona_page_says_when_the_pdf_font_lacks_the_cards_letters():
    """Holdout 40's Korean survey: the PDF and PNG card drew a box for every Korean letter,
    the persona's name among them, and nothing said so."""
    at = rename(start("Persona"), "김민지 Kiosk")
    assert any("show a box for each" in w.value and "김민지" in w.value for w in at.warning)
    at = rename(at, "Zoë Nguyễn Dvořák")  # the font draws these since it is DejaVu Sans
    assert not any("show a box for each" in w.value for w in at.warning)
