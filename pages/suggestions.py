"""Suggested segments: groups the data itself points to, and a persona drafted from each."""

import streamlit as st

from pages import ui
from persona_lib.clusters import CRITERION, default_questions, draft_persona, suggested_segments
from persona_lib.distinctive import traits_for_display
from persona_lib.models import CHARTABLE_KINDS
from persona_lib.text import escape_markdown
from persona_lib.trust import STABILITY_METHOD, stability_verdict

ui.page_setup()

st.title("Suggested segments")
data = ui.survey()
st.caption("Groups of respondents who answered alike, found by clustering. Choose the questions "
           "that should define them; the app finds the number of groups unless you set it.")
choices = {c.name: c.label for c in data.columns if c.kind in CHARTABLE_KINDS}
questions = st.multiselect("Questions", list(choices), default=default_questions(data),
                           format_func=choices.get, key=f"cluster_questions::{data.fingerprint}")
left, middle, right = st.columns(3)
k = left.selectbox("Number of segments", [None, *range(2, 9)], key="cluster_k",
                   format_func=lambda v: "Find it (2–8)" if v is None else str(v))
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
st.caption(f"{model.k} segments from {len(model.features)} questions. How k was chosen: "
           f"{'set by you' if search[1] else CRITERION}. "
           + ("Silhouette by k: " + ", ".join(f"{c}: {s:.3f}" for c, s in model.scores.items())
              if len(model.scores) > 1 else ""))
stable = ui.stability_if_known(model)
if stable is None:
    if st.button("Check how stable these segments are", icon=":material/bolt:",
                 key="cluster_stability", help=STABILITY_METHOD.format(resamples=20)):
        stable = ui.stability(model)
else:
    st.caption(f"Stability: {escape_markdown(stable.method)}")
for found in suggested_segments(data, model, labels):
    with st.container(border=True):
        title, action = st.columns([4, 1], vertical_alignment="center")
        title.subheader(f"{escape_markdown(found.segment.name)}: n = {found.size:,}")
        title.caption(ui.segment_share_text(found.size, data.n))
        if stable is not None:
            score = stable.per_segment[found.segment.cluster.index]
            others = "; ".join(f"with {k} segments {v[found.segment.cluster.index]:.2f}"
                               for k, v in stable.neighbours.items())
            title.markdown(f"**Stability {score:.2f}**: {stability_verdict(score)} (mean "
                           f"Jaccard over {stable.resamples} re-runs; {others})")
        table = ui.distinctive(found.segment)
        top = traits_for_display(table).head(5)
        st.dataframe(top, hide_index=True, width="stretch")
        if action.button("Draft persona", key=f"draft::{found.segment.cluster.index}",
                         icon=":material/person_add:"):
            persona = draft_persona(data, found)
            ui.add_persona(persona)
            ui.flash(f"Drafted {escape_markdown(persona.name)} with "
                     f"{len(persona.pinned)} pinned traits", icon=":material/person_add:")
            st.switch_page("pages/persona.py")
