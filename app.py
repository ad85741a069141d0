"""Survey to persona: entry point. Navigation, shared state and the segment sidebar."""

from pathlib import Path

import streamlit as st

from pages import ui

# A local favicon: a :material: page icon would be fetched from a font CDN.
st.set_page_config(page_title="Survey to persona", layout="wide",
                   page_icon=str(Path(__file__).parent / "assets" / "favicon.png"))
ui.init_state()

# URL paths differ from the file names on purpose: until a session has run st.navigation,
# Streamlit maps a URL that names a file in pages/ straight to that file (the legacy pages/
# folder mode), skipping this script. A deep link opened first after start-up must land here.
navigation = st.navigation([
    st.Page("pages/load_data.py", title="Data", icon=":material/table:", url_path="data",
            default=True),
    st.Page("pages/who_they_are.py", title="Who they are", icon=":material/groups:",
            url_path="who"),
    st.Page("pages/what_they_do.py", title="What they do", icon=":material/shopping_cart:",
            url_path="behaviour"),
    st.Page("pages/segments.py", title="Segments", icon=":material/filter_alt:",
            url_path="segment"),
    st.Page("pages/suggest.py", title="Suggested segments", icon=":material/scatter_plot:",
            url_path="suggestions"),
    st.Page("pages/crosstab.py", title="Crosstab", icon=":material/grid_on:",
            url_path="crosstabs"),
    st.Page("pages/persona_card.py", title="Persona", icon=":material/badge:",
            url_path="persona"),
    st.Page("pages/library.py", title="All personas", icon=":material/groups_3:",
            url_path="personas"),
])
ui.persona_sidebar()
ui.segment_sidebar(ui.survey())
ui.show_flash()
ui.conflict_banner()
navigation.run()
