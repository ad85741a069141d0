"""Survey to persona: entry point. Navigation, shared state and the segment sidebar."""

import streamlit as st

from pages import ui

st.set_page_config(page_title="Survey to persona", page_icon=":material/groups:", layout="wide")
ui.init_state()

navigation = st.navigation([
    st.Page("pages/data.py", title="Data", icon=":material/table:", default=True),
    st.Page("pages/who.py", title="Who they are", icon=":material/groups:"),
    st.Page("pages/behaviour.py", title="What they do", icon=":material/shopping_cart:"),
    st.Page("pages/persona.py", title="Persona", icon=":material/badge:"),
])
ui.segment_sidebar(ui.survey())
ui.show_flash()
navigation.run()
