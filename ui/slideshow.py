"""Presentation mode as a slideshow: the persona on one slide, then one slide per chart the
facilitator pinned from. Arrow keys, Page Up/Down and the buttons move; Escape leaves. Every
slide fits the screen (persona_lib.slides lays it out); nothing to edit, nothing to scroll."""

from __future__ import annotations

import streamlit as st

import ui
from persona_lib import charts
from persona_lib.slides import STANDARD, WIDE, persona_slide, slide_charts, slide_html
from persona_lib.text import escape_markdown

CHART_HEIGHT = 600  # px; plotly here does not stretch to the screen (see README, Not yet)
SLIDE = "slide"  # session state and the link: which slide, from 1
# The only script: keys press the slideshow's own buttons (found by their keys); the second
# line puts the slide at its top. Nothing from the data goes into it.
KEYS_JS = """<script>
(() => {
  if (!window.__personaSlideKeys) {
    window.__personaSlideKeys = true;
    const keys = {ArrowRight: "slide_next", ArrowDown: "slide_next", PageDown: "slide_next",
                  ArrowLeft: "slide_prev", ArrowUp: "slide_prev", PageUp: "slide_prev",
                  Escape: "exit_present"};
    document.addEventListener("keydown", (event) => {
      const target = event.target;
      if (target && (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)
                     || target.isContentEditable)) return;
      const button = keys[event.key] && document.querySelector(`.st-key-${keys[event.key]} button`);
      if (!button || button.disabled) return;
      event.preventDefault();
      button.click();
    });
  }
  const main = document.querySelector('[data-testid="stMain"]');
  if (main) main.scrollTop = 0;
  window.scrollTo(0, 0);
})();
/* slide %d */
</script>"""
CSS = """<style>
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.4rem 1rem 0 1rem !important; }
[data-testid="stMain"] { overflow: hidden; }
.st-key-slide_controls { position: fixed; right: 0.6rem; bottom: 0.25rem; z-index: 10;
  width: auto !important; }
.st-key-slide_controls, .st-key-slide_controls * { font-size: 18px !important; }
.st-key-slide_controls button { min-height: 0; padding: 2px 12px; }
.st-key-slide_controls [data-testid="stSelectbox"] { width: 16rem; }
.st-key-slide_controls [data-baseweb="select"] > div { min-height: 0 !important; }
.st-key-slide_keys { display: none; }
</style>"""


def show() -> None:
    """The slide the session is on, and the controls; the index follows the link."""
    data, persona = ui.survey(), ui.persona()
    groups = [] if ui.foreign(persona) else slide_charts(data, persona)
    total = 1 + len(groups)
    wanted = st.query_params.get(SLIDE)
    if wanted and wanted.isdigit():
        st.session_state[SLIDE] = int(wanted) - 1
    index = min(max(st.session_state.get(SLIDE, 0), 0), total - 1)
    st.session_state[SLIDE] = index
    st.query_params[SLIDE] = str(index + 1)
    st.html(CSS)
    # The controls sit on the white slide: give them the theme's own background, so the dark
    # theme's light text stays readable.
    dark = "dark" in (st.get_option("theme.base"), getattr(st.context.theme, "type", None))
    st.html(f"<style>.st-key-slide_controls {{ background: {'#0E1117' if dark else '#FFFFFF'};"
            " padding: 4px 8px; border-radius: 8px; }</style>")
    if index == 0:
        persona_slide_view(persona)
    else:
        chart_slide(data, *groups[index - 1])
    controls(index, total)
    with st.container(key="slide_keys"):
        st.html(KEYS_JS % index, unsafe_allow_javascript=True)


def persona_slide_view(persona) -> None:
    if ui.foreign(persona):
        st.info(f"**{escape_markdown(persona.name)}** is built on "
                f"**{escape_markdown(ui.built_on(persona))}**; load that survey to present it.")
        return
    card = ui.card(persona)
    letters, key = persona.avatar, persona.id
    st.html(slide_html(persona_slide(card, letters, key, WIDE),
                       persona_slide(card, letters, key, STANDARD)))


def chart_slide(data, kind: str, columns: list) -> None:
    """One chart filling the screen above the controls, at projector sizes; not clickable."""
    mask = ui.current_mask(data)
    name = ui.persona().name
    pinned = [p.trait for p in ui.persona().pinned]
    fig = charts.group_figure(data, kind, columns, mask, name, pinned=pinned,
                              style=charts.PROJECTOR)
    fig.layout.height = CHART_HEIGHT  # the tallest that fits 720 px under the controls
    with st.container(key="slide_chart"):
        st.plotly_chart(fig, key=f"slide_chart::{'|'.join(c.name for c in columns)}",
                        width="stretch", theme=None,
                        config={"displayModeBar": False, "staticPlot": True,
                                "responsive": True})


def controls(index: int, total: int) -> None:
    """Persona, previous, where we are, next, and the way out."""
    names = ui.persona_names()
    current = ui.persona().id
    with st.container(key="slide_controls", horizontal=True, vertical_alignment="center",
                      gap="small"):
        chosen = st.selectbox("Persona", list(names), index=list(names).index(current),
                              format_func=names.get, label_visibility="collapsed",
                              key=f"present_persona::{current}::{ui.names_key(names)}")
        if st.button("Previous", icon=":material/arrow_back:", key="slide_prev",
                     disabled=index == 0):
            st.session_state[SLIDE] = index - 1
            st.query_params[SLIDE] = str(index)
            st.rerun()
        st.markdown(f"{index + 1} / {total}")
        if st.button("Next", icon=":material/arrow_forward:", key="slide_next",
                     disabled=index == total - 1):
            st.session_state[SLIDE] = index + 1
            st.query_params[SLIDE] = str(index + 2)
            st.rerun()
        if st.button("Exit", icon=":material/close_fullscreen:", key="exit_present"):
            ui.set_presenting(False)
            st.session_state.pop(SLIDE, None)
            st.query_params.pop(SLIDE, None)
            st.rerun()
    if chosen != current:
        ui.choose_persona(chosen)
        st.session_state[SLIDE] = 0
        st.query_params[SLIDE] = "1"
        st.rerun()
