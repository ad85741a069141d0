"""Who answered: demographic breakdowns, the segment beside everyone."""

import streamlit as st

import ui
from persona_lib.models import Role

ui.page_setup()

st.title("Who they are")
ui.breakdown_page((Role.demographic,), pin_key="pin_who", nothing="demographic")
