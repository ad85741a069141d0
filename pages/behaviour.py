"""How they behave and what they think: behaviour, multi-selects, Likert batteries, numbers."""

import streamlit as st

import ui
from persona_lib.models import Role

ui.page_setup()

st.title("What they do")
ui.breakdown_page((Role.behaviour, Role.attitude), pin_key="pin_behaviour",
                  nothing="behaviour or attitude")
