"""Survey to persona: entry point. Navigation, shared state, the sidebar or presentation bar."""

from pathlib import Path

import streamlit as st

import ui
from ui import slideshow

# A local favicon: a :material: page icon would be fetched from a font CDN.
st.set_page_config(page_title="Survey to persona", layout="wide",
                   page_icon=str(Path(__file__).parent / "assets" / "favicon.png"))
ui.init_state()
ui.read_url()
presenting = ui.presenting()

# Each page's URL path is its file name in pages/ (the default). Until a session has run
# st.navigation, Streamlit maps such a URL straight to that file; every page then calls
# ui.page_setup(), which runs this script instead, so a deep link works from the first visit.
PAGES = [
    st.Page("pages/data.py", title="Data", icon=":material/table:", default=True,
            visibility="hidden" if presenting else "visible"),
    st.Page("pages/who.py", title="Who they are", icon=":material/groups:"),
    st.Page("pages/behaviour.py", title="What they do", icon=":material/shopping_cart:"),
    st.Page("pages/said.py", title="What they say", icon=":material/forum:"),
    st.Page("pages/segment.py", title="Segments", icon=":material/filter_alt:"),
    st.Page("pages/suggestions.py", title="Suggested segments", icon=":material/scatter_plot:"),
    st.Page("pages/crosstabs.py", title="Crosstab", icon=":material/grid_on:"),
    st.Page("pages/persona.py", title="Persona", icon=":material/badge:"),
    st.Page("pages/personas.py", title="All personas", icon=":material/groups_3:"),
    st.Page("pages/worth.py", title="Worth it", icon=":material/savings:"),
]
# .streamlit/config.toml hides Streamlit's own list of the files in pages/; this list is ours.
st.set_option("client.showSidebarNavigation", True)
if presenting:
    # What a room looks at: a slideshow (the persona, then the charts pinned from), no sidebar,
    # no navigation; any page's link opens it, and leaving it goes back to that page.
    navigation = st.navigation(PAGES, position="hidden")
    ui.presentation_styles()
else:
    navigation = st.navigation(PAGES)
    ui.persona_sidebar()
    ui.segment_sidebar(ui.survey())
    if navigation.title != "Persona":  # the card itself is that page
        ui.pinned_sidebar(ui.survey())
ui.show_flash()
ui.conflict_banner()
ui.link_banner()
ui.write_url()
if presenting:
    slideshow.show()
else:
    with ui.app_run():
        navigation.run()
