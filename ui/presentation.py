"""Presentation mode: large type for a projector, editing chrome hidden (the slideshow
itself is ui.slideshow)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from persona_lib.charts import LAPTOP, PROJECTOR, ChartStyle
from ui.state import PRESENT

CSS = Path(__file__).resolve().parent.parent / "assets" / "presentation.css"


def presenting() -> bool:
    """Presentation mode: large type, editing chrome hidden. `?present=1` opens it; it is kept
    in the session too, since moving between pages clears a URL's parameters."""
    if st.query_params.get(PRESENT) == "1":
        st.session_state[PRESENT] = True
    return bool(st.session_state.get(PRESENT))


def set_presenting(on: bool) -> None:
    st.session_state[PRESENT] = on
    if on:
        st.query_params[PRESENT] = "1"
    else:
        st.query_params.pop(PRESENT, None)


def chart_style() -> ChartStyle:
    return PROJECTOR if presenting() else LAPTOP


def presentation_styles() -> None:
    if presenting():
        st.html(CSS)
