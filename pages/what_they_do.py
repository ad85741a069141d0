"""How they behave and what they think: behaviour, multi-selects, Likert batteries, numbers."""

import streamlit as st

from pages import ui
from persona_lib.charts import chart_groups
from persona_lib.models import Role

st.title("What they do")
data = ui.survey()
ui.segment_caption(data)
groups = chart_groups(data, (Role.behaviour, Role.attitude))
if not groups:
    st.info("No behaviour or attitude questions were recognised in this survey. "
            "Check the detected kinds on the Data page.")
    st.stop()
ui.pin_picker(data, groups, key="pin_behaviour")
ui.chart_grid(data, groups)
