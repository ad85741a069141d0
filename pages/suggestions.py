"""Suggested segments: first whether the answers have groups at all, then the groups, each
with what sets it apart (tested on respondents the model was not fitted on) and how stable it
is, and a persona drafted from each."""

import streamlit as st

import ui
from persona_lib.clusters import CRITERION, default_questions, suggested_segments
from persona_lib.distinctive import traits_for_display
from persona_lib.models import CHARTABLE_KINDS
from persona_lib.persona import draft_persona
from persona_lib.text import escape_markdown
from persona_lib.trust import stability_verdict

ui.page_setup()

st.title("Suggested segments")
data = ui.survey()
st.caption("Groups of respondents who answered alike, found by latent class analysis. Choose "
           "the questions that should define them; the app first checks whether the answers "
           "have groups at all (one group of everyone is always a candidate), and finds how many "
           "unless you set it.")
choices = {c.name: c.label for c in data.columns if c.kind in CHARTABLE_KINDS}
questions = st.multiselect("Questions", list(choices), default=default_questions(data),
                           format_func=choices.get, key=f"cluster_questions::{data.fingerprint}")
left, middle, right = st.columns(3)
k = left.selectbox("Number of segments", [None, *range(2, 9)], key="cluster_k",
                   format_func=lambda v: "Find it (1–8)" if v is None else str(v),
                   help="A number set here is fitted, but never changes the verdict on whether "
                        "the answers have groups.")
seed = middle.number_input("Seed", min_value=0, max_value=10_000, value=0, step=1,
                           key="cluster_seed", help="The same seed gives the same segments.")
run = right.button("Find segments", type="primary", disabled=not questions,
                   icon=":material/scatter_plot:", key="cluster_run")
if run:
    bar = st.progress(0.0, text="Starting")
    try:
        ui.suggested(questions, k, int(seed), lambda f, message: bar.progress(f, text=message))
    except ValueError as exc:
        st.error(escape_markdown(str(exc)))
        st.stop()
    bar.empty()
    st.session_state[ui.SEARCH] = (tuple(questions), k, int(seed))
search = st.session_state.get(ui.SEARCH)
if search is None:
    st.info("Press **Find segments** to look for groups in this survey.")
    st.stop()
if search[0] != tuple(questions) or search[1:] != (k, int(seed)):
    st.caption("The settings changed since the last search: press **Find segments** again.")
model, labels = ui.suggested(list(search[0]), search[1], search[2])
verdict = escape_markdown(model.verdict)
if model.structure == "none":
    st.warning(verdict.replace("No distinct groups:", "**No distinct groups:**", 1),
               icon=":material/block:")
    st.page_link("pages/segment.py", label="Build a segment by hand",
                 icon=":material/filter_alt:")
elif model.structure == "weak":
    st.warning(verdict, icon=":material/help:")
else:
    st.success(verdict, icon=":material/check_circle:")
st.caption(f"How groups were compared: {CRITERION}; BIC by number of groups (lower is better): "
           + ", ".join(f"{c}: {s:,.0f}" for c, s in model.scores.items()))
if model.k == 1:
    st.stop()
if search[1]:
    st.caption(f"{model.k} segments, as you set; the verdict above is unchanged by it.")
between = int((labels < 0).sum())
if between:
    st.caption(f"{between:,} respondents ({between / data.n:.0%}) sit between groups (no "
               f"segment's membership probability reaches {model.min_membership:.0%}) and are "
               "in no segment.")
st.caption(ui.held_out_note(model))
stable = ui.stability_if_known(model)
if stable is not None:
    st.caption(f"Stability: {escape_markdown(stable.method)}")
for found in suggested_segments(data, model, labels):
    index = found.segment.cluster.index
    with st.container(border=True):
        title, action = st.columns([4, 1], vertical_alignment="center")
        title.subheader(f"{escape_markdown(found.segment.name)}: n = {found.size:,}")
        title.caption(ui.segment_share_text(found.size, data.n))
        if stable is not None:
            score = stable.per_segment[index]
            others = "; ".join(f"with {c} segments {v[index]:.2f}"
                               for c, v in stable.neighbours.items())
            title.markdown(f"**Stability {score:.2f}**: {stability_verdict(score)} (mean "
                           f"Jaccard over {stable.resamples} re-fits"
                           + (f"; {others})" if others else ")"))
        table = ui.distinctive(found.segment)
        top = traits_for_display(table).head(5)
        st.dataframe(top, hide_index=True, width="stretch")
        if model.structure != "none" and action.button(
                "Draft persona", key=f"draft::{index}", icon=":material/person_add:"):
            persona = draft_persona(data, found)
            ui.add_persona(persona)
            ui.flash(f"Drafted {escape_markdown(persona.name)} with "
                     f"{len(persona.pinned)} pinned traits", icon=":material/person_add:")
            st.switch_page("pages/persona.py")
