"""Links: every page's URL works as the very first request, the address bar says what is on
screen, and a link's segment that differs from the saved one is a choice, not a change."""

from __future__ import annotations

import runpy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from persona_lib.models import Persona
from persona_lib.persona import belongs_to
from persona_lib.segments import describe_segment, rule_words, segment_from_token, segment_token
from persona_lib.text import escape_markdown
from ui.presentation import presenting
from ui.session import add_persona, choose_persona, open_project, persona, set_segment, survey
from ui.state import (
    DATA_PARAM, FILE_TOKEN, LINK_CONFLICT, PERSONA_PARAM, PERSONAS, PRESENT, PROJECT,
    PROJECT_PARAM, SEGMENT_PARAM, URL_READ,
)
from ui.upload import _open_files, use_file

APP = Path(__file__).resolve().parent.parent / "app.py"
_RUN = threading.local()


@contextmanager
def app_run() -> Iterator[None]:
    """Marks that this script run came through app.py (see `page_setup`)."""
    _RUN.in_app = True
    try:
        yield
    finally:
        _RUN.in_app = False


def page_setup() -> None:
    """Every page script starts here. Opened straight by its URL before any session has run
    app.py's navigation (the first visit after the server starts), Streamlit runs the page file
    alone; then run the whole app instead, which shows this same page, and stop."""
    if not getattr(_RUN, "in_app", False):
        runpy.run_path(str(APP), run_name="__main__")
        st.stop()


def read_url() -> None:
    """Once per browser session: open the project, persona and segment a link names.
    When the link's segment differs from the saved persona's (an older link, say), nothing is
    written: `link_banner` asks whether to open it as a copy or replace the saved segment. A
    link from another machine whose persona is not here opens a new persona with that
    segment."""
    state = st.session_state
    if state.get(URL_READ):
        return
    state[URL_READ] = True
    params = st.query_params
    opened = _open_files().get(params.get(DATA_PARAM, ""))
    if opened is not None:
        use_file(*opened, token=params.get(DATA_PARAM))
    project = params.get(PROJECT_PARAM)
    if project and project != state[PROJECT]:
        open_project(project)
    wanted = params.get(PERSONA_PARAM)
    shared = segment_from_token(params.get(SEGMENT_PARAM, ""))
    if wanted in state[PERSONAS]:
        choose_persona(wanted)
        if shared is not None and not shared.same_rule(persona().segment):
            state[LINK_CONFLICT] = (wanted, shared)
    elif shared is not None:
        add_persona(Persona(name="Shared segment", segment=shared))


def write_url() -> None:
    """Keep the link in the address bar pointing at what is on screen."""
    params, current = st.query_params, persona()
    wanted = {PROJECT_PARAM: st.session_state[PROJECT], PERSONA_PARAM: current.id,
              SEGMENT_PARAM: segment_token(current.segment),
              PRESENT: "1" if presenting() else None, DATA_PARAM: st.session_state.get(FILE_TOKEN)}
    for key, value in wanted.items():
        if not value:
            params.pop(key, None)
        elif params.get(key) != value:
            params[key] = value


def link_banner() -> None:
    """A link whose segment differs from the saved persona's: the saved one is shown until the
    user chooses, as `conflict_banner` does for edits."""
    pending = st.session_state.get(LINK_CONFLICT)
    if pending is None:
        return
    persona_id, shared = pending
    saved = st.session_state[PERSONAS].get(persona_id)
    if saved is None or shared.same_rule(saved.segment):
        st.session_state.pop(LINK_CONFLICT)
        return
    data = survey()
    linked = (describe_segment(data, shared) if belongs_to(saved, data)
              else rule_words(shared))
    now = describe_segment(data, saved.segment) if belongs_to(saved, data) \
        else rule_words(saved.segment)
    with st.container(border=True):
        st.warning(f"This link shows **{escape_markdown(saved.name)}** with the segment "
                   f"*{escape_markdown(linked)}*, but its saved segment is "
                   f"*{escape_markdown(now)}* (the link is older, or was changed since). "
                   "The saved persona is shown and nothing was changed.",
                   icon=":material/link:")
        copy, replace, keep = st.columns(3)
        if copy.button("Open the link's segment as a copy", key="link_copy", type="primary"):
            st.session_state.pop(LINK_CONFLICT)
            add_persona(saved.model_copy(deep=True, update={
                "id": Persona().id, "name": f"{saved.name} (from link)"[:120],
                "segment": shared, "changes": []}))
            st.rerun()
        if replace.button("Replace the saved segment", key="link_replace",
                          disabled=not belongs_to(saved, data)):
            st.session_state.pop(LINK_CONFLICT)
            choose_persona(persona_id)
            set_segment(shared)
            st.rerun()
        if keep.button("Keep the saved segment", key="link_keep"):
            st.session_state.pop(LINK_CONFLICT)
            st.rerun()
