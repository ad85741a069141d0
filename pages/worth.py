"""Which persona is worth it: each persona's lifecycle stages, how it found us and what that
cost, its yearly value and its risk of switching, side by side with the n behind every figure."""

import pandas as pd
import streamlit as st

import ui
from persona_lib.economics import (
    QUESTION_ROLES, RISK_RULE, STAGE_RULE, VALUE_METHOD, stage_frame, worth_frame, worth_table,
)
from persona_lib.export import crm_csv, crm_xlsx
from persona_lib.models import Kind
from persona_lib.segments import segment_mask
from persona_lib.store import CostStore
from persona_lib.text import escape_markdown

ui.page_setup()
st.title("Worth it")
data = ui.survey()
st.caption("Which customers to attract, keep and grow: every persona by size, yearly value, "
           "cost to acquire and risk of switching. Each figure rests on the respondents named "
           "beside it; fewer than 10 give no figure.")

askable = {c.name: c.label for c in data.columns
           if c.kind in (Kind.ordinal, Kind.numeric, Kind.single_choice)}
ROLES = {"tenure": "How long they have been customers", "last_purchase": "When they last bought",
         "frequency": "How often they buy", "switching": "How easy switching would be",
         "recommend": "How likely they are to recommend (NPS when 0-10)",
         "spend": "How much they spend", "channel": "How they found us"}


costs_store = CostStore()
saved = costs_store.get(data.fingerprint)
start = saved.settings(data)


def question_picker(role: str, column) -> str | None:
    options = [None, *askable]
    default = getattr(start, role)
    return column.selectbox(ROLES[role], options,
                            index=options.index(default) if default in options else 0,
                            format_func=lambda q: "(none)" if q is None else askable[q],
                            key=f"worth::{role}::{data.fingerprint}")


with st.expander("Which questions answer what", expanded=not ui.presenting()):
    st.caption("Picked by their wording; change any that is wrong. Your choice is saved for "
               "this survey and used on the persona cards too.")
    left, right = st.columns(2)
    chosen = {role: question_picker(role, (left, right)[i % 2])
              for i, role in enumerate(QUESTION_ROLES)}
missing = [ROLES[role][0].lower() + ROLES[role][1:]
           for role in QUESTION_ROLES if chosen[role] is None]
if missing and not ui.presenting():
    st.info("No question clearly asks " + "; ".join(missing) + ". Pick one under *Which "
            "questions answer what* if your survey has it; until then those figures are left "
            "out rather than guessed.")
unchanged = chosen == {role: getattr(start, role) for role in QUESTION_ROLES}
entered = saved.model_copy(update={"questions": saved.questions if unchanged else chosen})
if chosen["channel"]:
    st.subheader("What a customer costs, by channel")
    st.caption("Enter a cost per acquired customer, or what you spent and how many customers it "
               "won. Saved for this survey on this computer.")
    channels = [str(v) for v in data.column(chosen["channel"]).levels]
    table = pd.DataFrame({"Channel": channels,
                          "Cost per customer": [saved.cost.get(c) for c in channels],
                          "Spend": [saved.spend.get(c) for c in channels],
                          "Customers won": [saved.won.get(c) for c in channels]})
    edited = st.data_editor(table, hide_index=True, disabled=["Channel"],
                            key=f"worth_costs::{data.fingerprint}", width="stretch",
                            column_config={c: st.column_config.NumberColumn(min_value=0)
                                           for c in ("Cost per customer", "Spend",
                                                     "Customers won")})

    def column(name: str) -> dict[str, float]:
        return {c: float(v) for c, v in zip(edited["Channel"], edited[name]) if pd.notna(v)}

    entered = entered.model_copy(update={"cost": column("Cost per customer"),
                                         "spend": column("Spend"),
                                         "won": column("Customers won")})
if entered != saved:
    costs_store.put(data.fingerprint, entered)

groups = {"Everyone": pd.Series(True, index=data.data.index)}
groups.update({p.name: segment_mask(data, p.segment) for p in ui.personas()
               if not ui.foreign(p)})  # another survey's segments mean nothing here
settings = entered.settings(data)  # as the persona cards read it
rows = worth_table(data, groups, settings)
frame = worth_frame(rows)

st.subheader("Side by side")
st.caption("Click a column header to sort. " + escape_markdown(VALUE_METHOD))
st.dataframe(frame, hide_index=True, width="stretch", placeholder="—", column_config={
    "Yearly value (median)": st.column_config.NumberColumn(format="%,.0f"),
    "Acquisition cost": st.column_config.NumberColumn(format="%,.2f")})
st.caption(escape_markdown(RISK_RULE))
missing = sorted({c for r in rows if r.acquisition for c in r.acquisition.without_cost})
if missing and settings.costs:
    st.caption("Channels without a cost, left out of the blended cost: "
               + escape_markdown(", ".join(missing)))

st.subheader("Lifecycle")
st.caption(escape_markdown(STAGE_RULE))
st.dataframe(stage_frame(rows), hide_index=True, width="stretch", placeholder="—")

if not ui.presenting():
    left, right = st.columns(2)
    left.download_button("Worth-it table (CSV)", crm_csv(frame), "worth-it.csv", "text/csv",
                         icon=":material/download:", on_click="ignore", key="worth_csv")
    right.download_button("Worth-it table (XLSX)", crm_xlsx(frame), "worth-it.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          icon=":material/download:", on_click="ignore", key="worth_xlsx")
