"""Which survey is loaded, what each column was recognised as, and a preview."""

import pandas as pd
import streamlit as st

from pages import ui
from persona_lib.models import Kind
from persona_lib.text import escape_markdown

st.title("Data")

uploaded = st.file_uploader(
    "Upload a survey export to replace the current data",
    type=["csv", "tsv", "txt", "xlsx"],
    help="CSV, TSV, semicolon- or pipe-separated text, or an Excel .xlsx workbook.",
)
if uploaded is None:
    st.session_state.pop(ui.LOAD_ERROR, None)
elif st.session_state.get(ui.UPLOAD_SEEN) != uploaded.file_id:
    st.session_state[ui.UPLOAD_SEEN] = uploaded.file_id
    if ui.use_file(uploaded.getvalue(), uploaded.name):
        ui.flash(f"Loaded {escape_markdown(uploaded.name)}", icon=":material/check_circle:")
        st.rerun()  # the sidebar was drawn from the previous file this run
if ui.LOAD_ERROR in st.session_state:
    st.error(
        f"{escape_markdown(st.session_state[ui.LOAD_ERROR])}\n\n"
        f"Still using **{escape_markdown(st.session_state[ui.FILE_NAME])}**: nothing you loaded "
        "or pinned was lost.",
        icon=":material/error:",
    )

data = ui.survey()
is_sample = st.session_state[ui.FILE_NAME] == ui.SAMPLE_PATH.name
left, right = st.columns([4, 1], vertical_alignment="center")
left.subheader(escape_markdown(data.source) + (" (bundled sample)" if is_sample else ""))
if not is_sample and right.button("Back to the sample survey"):
    ui.use_file(ui.SAMPLE_PATH.read_bytes(), ui.SAMPLE_PATH.name)
    st.rerun()

questions = [c for c in data.columns if c.chartable]
hidden = [c for c in data.columns if c.hidden]
a, b, c = st.columns(3)
a.metric("Respondents", f"{data.n:,}")
b.metric("Questions charted", len(questions))
c.metric("Personal data / metadata columns hidden", len(hidden))
for warning in data.warnings:
    st.warning(escape_markdown(warning))

show_private = st.toggle(
    "Show personal data columns", value=False,
    help="Emails, names, phone numbers and IP addresses are hidden unless you ask for them.",
)

st.subheader("Detected columns")
st.dataframe(
    pd.DataFrame({
        "Column": [col.name for col in data.columns],
        "Label": [col.label for col in data.columns],
        "Kind": [col.kind.value.replace("_", " ") for col in data.columns],
        "Role": [col.role.value for col in data.columns],
        "Answers": [
            "hidden (personal data)" if col.kind == Kind.pii and not show_private
            else ", ".join(col.levels[:6]) + (" …" if len(col.levels) > 6 else "")
            for col in data.columns
        ],
    }),
    hide_index=True,
    width="stretch",
)

st.subheader("Preview")
visible = [col.name for col in data.columns if show_private or not col.hidden]
st.dataframe(data.data[visible].head(50), hide_index=True, width="stretch")
