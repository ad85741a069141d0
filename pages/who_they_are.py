"""Who answered: demographic breakdowns, the segment beside everyone."""

import streamlit as st

from pages import ui
from persona_lib.charts import chart_groups
from persona_lib.models import Role

st.title("Who they are")
data = ui.survey()
ui.segment_caption(data)
groups = chart_groups(data, (Role.demographic,))
if not groups:
    st.info("No demographic questions were recognised in this survey. "
            "Check the detected kinds on the Data page.")
    st.stop()
ui.pin_picker(data, groups, key="pin_who")
ui.chart_grid(data, groups)
