"""Any two questions against each other: a heatmap of shares, each with its n."""

import streamlit as st

import ui
from persona_lib.charts import CROSSTAB_PRINTED_COLUMNS, crosstab_figure
from persona_lib.distinctive import crosstab
from persona_lib.models import CHARTABLE_KINDS
from persona_lib.stats import DEFAULT_MIN_N
from persona_lib.text import escape_markdown

ui.page_setup()

st.title("Crosstab")
data = ui.survey()
questions = {c.name: c.label for c in data.columns if c.kind in CHARTABLE_KINDS}
if len(questions) < 2:
    st.info("This survey needs at least two charted questions for a crosstab.")
    st.stop()
names = list(questions)


def swap() -> None:
    state = st.session_state
    state["crosstab_rows"], state["crosstab_columns"] = (state["crosstab_columns"],
                                                         state["crosstab_rows"])


left, right, how, turn = st.columns([4, 4, 3, 2], vertical_alignment="bottom")
rows = left.selectbox("Rows", names, format_func=questions.get, key="crosstab_rows")
columns = right.selectbox("Columns", [n for n in names if n != rows], format_func=questions.get,
                          key="crosstab_columns")
percent = how.radio("Percent of each", ["row", "column"], horizontal=True, key="crosstab_percent")
turn.button("Swap", icon=":material/swap_horiz:", on_click=swap, key="crosstab_swap",
            help="Rows become columns and columns rows", width="stretch")
within = st.toggle(f"Only the segment of {escape_markdown(ui.persona().name)}", value=False,
                   disabled=ui.persona().segment.is_everyone, key="crosstab_segment")
segment = ui.current_mask(data) if within else None
table = crosstab(data, rows, columns, percent, segment)
st.caption(
    f"Each cell: the share of the {percent} that gave both answers. Each {percent}'s n, beside "
    f"its answer, is the respondents who answered both questions. Under n={DEFAULT_MIN_N} a cell "
    "says 'too few'. "
    "A multi-select counts a respondent once for each option they chose." + (
        f" With more than {CROSSTAB_PRINTED_COLUMNS} columns a cell is too narrow to print its "
        "share: its colour and its hover tell it, or swap rows and columns."
        if len(table.columns) > CROSSTAB_PRINTED_COLUMNS else ""))
figure = crosstab_figure(table, questions[rows], questions[columns], style=ui.chart_style())
st.plotly_chart(figure, config={"displayModeBar": False}, width="stretch", theme=None,
                key=f"crosstab::{rows}::{columns}::{percent}::{within}")
st.markdown(escape_markdown(ui.independence_sentence(table, rows, columns)))
