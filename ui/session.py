"""What this browser session has open: the file and its column mapping (the sample until
another is loaded), the project and its personas, each saved on every change."""

from __future__ import annotations

import streamlit as st

from persona_lib.formats import Table
from persona_lib.mapping import SurveyMapping
from persona_lib.models import Persona, Segment
from persona_lib.persona import belongs_to, claim
from persona_lib.store import PreferenceStore, Preferences, VersionConflict, editor_name
from persona_lib.survey import Survey
from persona_lib.text import escape_markdown
from persona_lib.trust import with_change
from ui.state import (
    CONFLICT, CURRENT, DELETED, EDITOR, FILE_BYTES, FILE_DIGEST, FILE_NAME, FILE_SHEET, FLASH,
    MAPPING, PERSONAS, PROJECT, SAMPLE_PATH, VERSIONS, _survey_for, _table_for, flash,
    mapping_store, store,
)
from ui.upload import use_file


def init_state() -> None:
    st.session_state.setdefault(FLASH, [])
    if FILE_BYTES not in st.session_state:
        use_file(SAMPLE_PATH.read_bytes(), SAMPLE_PATH.name)
    if PERSONAS not in st.session_state:
        open_project(None)


def table() -> Table:
    """The current file's questions as exported, before inference and the user's mapping."""
    init_state()
    state = st.session_state
    return _table_for(state[FILE_DIGEST], state[FILE_NAME], state[FILE_SHEET], state[FILE_BYTES])


def survey() -> Survey:
    init_state()
    state = st.session_state
    try:
        return _survey_for(state[FILE_DIGEST], state[FILE_NAME], state[FILE_SHEET],
                           state[MAPPING].model_dump_json(), state[FILE_BYTES])
    except Exception as exc:  # noqa: BLE001 - a saved mapping must never lock the user out
        flash(f"Your column settings could not be applied ({escape_markdown(str(exc))}); "
              "showing the columns as detected.", icon=":material/warning:")
        state[MAPPING] = SurveyMapping(fingerprint=state[MAPPING].fingerprint)
        return _survey_for(state[FILE_DIGEST], state[FILE_NAME], state[FILE_SHEET],
                           state[MAPPING].model_dump_json(), state[FILE_BYTES])


def mapping() -> SurveyMapping:
    init_state()
    return st.session_state[MAPPING]


def set_mapping(value: SurveyMapping) -> None:
    """Use this mapping now and save it for the next export of the same survey."""
    st.session_state[MAPPING] = value
    try:
        mapping_store().put(value)
    except OSError as exc:
        flash(f"Could not save your column settings ({escape_markdown(str(exc))}); they apply "
              "until you close this tab.", icon=":material/warning:")


def open_project(project_id: str | None) -> None:
    """Load a project's saved personas (the first project if None); start one if it has none."""
    state = st.session_state
    db = store()
    if db is None:
        first = Persona()
        state[PROJECT], state[PERSONAS], state[VERSIONS] = "", {first.id: first}, {}
        state[CURRENT] = first.id
        return
    project = next((p for p in db.projects() if p.id == project_id), None) or db.default_project()
    saved = db.personas(project.id)
    state[PROJECT] = project.id
    state[PERSONAS] = {s.persona.id: s.persona for s in saved}
    state[VERSIONS] = {s.persona.id: s.version for s in saved}
    state.pop(CONFLICT, None)
    if not saved:
        first = Persona()
        state[PERSONAS][first.id] = first
        _save(first)
    state[CURRENT] = next(iter(state[PERSONAS]))


def _save(value: Persona) -> bool:
    """Autosave: write this version, based on the one this tab last saw. Someone else's newer
    save is never overwritten silently: the page asks which to keep (see `conflict_banner`)."""
    db, state = store(), st.session_state
    if db is None:
        return True
    try:
        state[VERSIONS][value.id] = db.save(state[PROJECT], value,
                                            state[VERSIONS].get(value.id))
        return True
    except VersionConflict as exc:
        state[CONFLICT] = (value, exc.current)
        return False
    except Exception as exc:  # noqa: BLE001 - a full disk must not lose the work on screen
        flash(f"Could not save ({escape_markdown(type(exc).__name__)}); your changes stay in "
              "this tab.", icon=":material/warning:")
        return False


def personas() -> list[Persona]:
    init_state()
    return list(st.session_state[PERSONAS].values())


def persona() -> Persona:
    """The persona being built: the one whose segment every page shows."""
    init_state()
    return st.session_state[PERSONAS][st.session_state[CURRENT]]


def editor() -> str:
    """The name the user chose for change logs (this app's field, else PERSONA_EDITOR);
    empty unless they chose one: never the computer's account."""
    state = st.session_state
    if EDITOR not in state:
        state[EDITOR] = PreferenceStore().get().editor
    return editor_name(state[EDITOR])


def set_editor(name: str) -> None:
    st.session_state[EDITOR] = name.strip()[:100]
    try:
        PreferenceStore().put(Preferences(editor=st.session_state[EDITOR]))
    except OSError as exc:
        flash(f"Could not save your name ({escape_markdown(str(exc))}); it applies until you "
              "close this tab.", icon=":material/warning:")


def set_persona(value: Persona) -> None:
    """Change a persona: kept in this tab, its change log noted, and saved at once. A persona
    of the survey now loaded (or of none yet) is tied to it (see `persona.claim`)."""
    if belongs_to(value, survey()):
        value = claim(value, survey())
    value = with_change(st.session_state[PERSONAS].get(value.id), value, editor())
    st.session_state[PERSONAS][value.id] = value
    _save(value)


def foreign(value: Persona | None = None) -> bool:
    """The persona was built on another survey than the one loaded: shown read-only, never
    reinterpreted on this data (checked against it only when the user asks)."""
    return not belongs_to(value or persona(), survey())


def built_on(value: Persona) -> str:
    return value.data.source if value.data else "another survey"


def add_persona(value: Persona) -> None:
    """Keep this persona too and make it the one being built."""
    set_persona(value)
    st.session_state[CURRENT] = value.id


def choose_persona(persona_id: str) -> None:
    if persona_id in st.session_state[PERSONAS]:
        st.session_state[CURRENT] = persona_id


def delete_persona(persona_id: str) -> None:
    """Delete a persona (Undo on the Personas page brings it back)."""
    state, db = st.session_state, store()
    if db is not None and persona_id in state[VERSIONS]:
        try:
            state[VERSIONS][persona_id] = db.delete(persona_id, state[VERSIONS][persona_id])
        except VersionConflict as exc:
            state[CONFLICT] = (state[PERSONAS][persona_id], exc.current)
            return
    state[PERSONAS].pop(persona_id, None)
    state.setdefault(DELETED, []).append(persona_id)
    if not state[PERSONAS]:
        add_persona(Persona())
    if state[CURRENT] not in state[PERSONAS]:
        state[CURRENT] = next(iter(state[PERSONAS]))


def undo(persona_id: str) -> bool:
    """Go back one saved change of this persona; False when there is nothing to go back to."""
    db, state = store(), st.session_state
    restored = db.undo(persona_id) if db is not None else None
    if restored is None:
        return False
    state[VERSIONS][persona_id] = restored.version
    if restored.deleted:
        state[PERSONAS].pop(persona_id, None)
    else:
        state[PERSONAS][persona_id] = restored.persona
        if persona_id in state.get(DELETED, []):
            state[DELETED].remove(persona_id)
    if state[CURRENT] not in state[PERSONAS]:
        state[CURRENT] = next(iter(state[PERSONAS]))
    return True


def set_segment(segment: Segment) -> None:
    """Give the persona being built this segment (the charts follow)."""
    set_persona(persona().model_copy(update={"segment": segment}))


def conflict_banner() -> None:
    """When another tab or person saved a persona this tab also changed: choose which stays."""
    pending = st.session_state.get(CONFLICT)
    if pending is None:
        return
    mine, theirs = pending
    with st.container(border=True):
        st.warning(f"**{escape_markdown(mine.name)}** was changed somewhere else (another tab or "
                   "another person) after you opened it. Your last change is not saved yet.",
                   icon=":material/sync_problem:")
        keep, take = st.columns(2)
        if keep.button("Keep my version", key="conflict_keep", type="primary"):
            st.session_state[VERSIONS][mine.id] = theirs.version if theirs else None
            st.session_state.pop(CONFLICT)
            set_persona(mine)
            st.rerun()
        if take.button("Use the saved version", key="conflict_take"):
            st.session_state.pop(CONFLICT)
            if theirs is not None and not theirs.deleted:
                st.session_state[PERSONAS][mine.id] = theirs.persona
                st.session_state[VERSIONS][mine.id] = theirs.version
            else:
                st.session_state[PERSONAS].pop(mine.id, None)
                if not st.session_state[PERSONAS]:
                    add_persona(Persona())
                st.session_state[CURRENT] = next(iter(st.session_state[PERSONAS]))
            st.rerun()
