"""Every persona of the project: open, compare, check against fresh data, import, export."""

import pandas as pd
import streamlit as st

import ui
from persona_lib.charts import overlap_figure
from persona_lib.compare import overlap, side_by_side
from persona_lib.drift import cause_text, drift_text, persona_drift
from persona_lib.export import (
    ExportError, cards_for, crm_csv, crm_xlsx, key_columns, personas_from_json, personas_json,
    personas_pptx, respondent_personas,
)
from persona_lib.persona import with_current_evidence
from persona_lib.segments import describe_segment, rule_words, segment_mask
from persona_lib.distinctive import distinctive_traits, traits_for_display
from persona_lib.stats import DEFAULT_MIN_N
from persona_lib.text import escape_markdown
from persona_lib.trust import coverage

ui.page_setup()

st.title("All personas")
data = ui.survey()
everyone = [p for p in ui.personas() if not ui.foreign(p)]  # those of the survey loaded
elsewhere = [p for p in ui.personas() if ui.foreign(p)]
db = ui.store()
if db is None:
    st.warning("Personas cannot be saved on this computer right now ("
               f"{escape_markdown(st.session_state.get(ui.STORE_ERROR, 'no database'))}): they "
               "last until this tab is closed. Export them to keep them.",
               icon=":material/cloud_off:")

listing, comparing, covered, fresh, files = st.tabs(
    ["Personas", "Compare", "Coverage", "Fresh data", "Import and export"])

with listing:
    if db is not None:
        projects = {p.id: p.name for p in db.projects()}
        left, right = st.columns([3, 2], vertical_alignment="bottom")
        project = left.selectbox("Project", list(projects), format_func=projects.get,
                                 index=list(projects).index(st.session_state[ui.PROJECT]),
                                 key="project_choice")
        if project != st.session_state[ui.PROJECT]:
            ui.open_project(project)
            st.rerun()
        with right.popover("New project", icon=":material/create_new_folder:"):
            name = st.text_input("Name", key="new_project_name", max_chars=200)
            if st.button("Create", key="create_project", disabled=not name.strip()):
                ui.open_project(db.create_project(name).id)
                st.rerun()
        st.caption("Personas are saved on every change, on this computer (or on your team's "
                   "server when PERSONA_DB_URL is set).")
    editor = st.text_input(
        "Your name in change logs (optional)", value=ui.editor(), max_chars=100,
        key="editor_name", placeholder="Nobody is named unless you type a name here",
        help="Shown in each persona's change log, its provenance and its exports. Empty: "
             "changes are not signed (PERSONA_EDITOR sets a default for a shared server). "
             "The computer's account name is never used.")
    if editor.strip() != ui.editor():
        ui.set_editor(editor)
        st.rerun()
    for persona in everyone + elsewhere:
        with st.container(border=True):
            text, actions = st.columns([5, 1], vertical_alignment="center")
            if ui.foreign(persona):
                size = persona.segment_snapshot
                text.markdown(f"**{escape_markdown(persona.name)}** · built on "
                              f"{escape_markdown(ui.built_on(persona))} (read-only while this "
                              f"survey is loaded)  \n{escape_markdown(rule_words(persona.segment))}"
                              + (f" · n = {size.n:,} when built" if size else "")
                              + f" · {len(persona.pinned)} pinned trait(s)")
            else:
                n = int(segment_mask(data, persona.segment).sum())
                text.markdown(f"**{escape_markdown(persona.name)}**  \n"
                              f"{escape_markdown(describe_segment(data, persona.segment))}"
                              f" · n = {n:,} · "
                              f"{len(persona.pinned)} pinned trait(s)")
            if actions.button("Open", key=f"open::{persona.id}"):
                ui.choose_persona(persona.id)
                st.switch_page("pages/persona.py")
    for persona_id in list(st.session_state.get(ui.DELETED, [])):
        if st.button("Undo delete", key=f"undelete::{persona_id}", icon=":material/undo:"):
            ui.undo(persona_id)
            st.rerun()

def other_surveys_note() -> None:
    if elsewhere:
        st.caption(f"{len(elsewhere)} persona(s) built on another survey are left out here: "
                   "their segments mean nothing on this data.")


with covered:
    other_surveys_note()
    report, nobody = coverage(data, {p.name: segment_mask(data, p.segment) for p in everyone})
    st.caption("Who the personas speak for: respondents who match at least one persona's "
               "segment, and those no persona represents.")
    one, none, both = st.columns(3)
    one.metric("Match at least one persona", f"{report.covered:,}",
               ui.segment_share_text(report.covered, report.total), delta_color="off")
    none.metric("Not represented by any persona", f"{report.uncovered:,}",
                ui.segment_share_text(report.uncovered, report.total), delta_color="off")
    both.metric("In two personas or more", f"{report.in_several:,}",
                help="Respondents whose answers fit more than one persona's segment; "
                     "**Compare** shows the overlap of each pair.")
    st.subheader("Who no persona represents")
    if report.uncovered < DEFAULT_MIN_N:
        st.caption(f"{report.uncovered} respondent(s): too few to say who they are.")
    else:
        st.caption("What is most distinctive about them, compared with everyone.")
        st.dataframe(traits_for_display(distinctive_traits(data, nobody, "everyone")).head(8),
                     hide_index=True, width="stretch")

with comparing:
    names = {p.id: p.name for p in everyone}
    chosen = st.multiselect("Personas to compare (2 to 4)", list(names), format_func=names.get,
                            default=list(names)[:2] if len(names) >= 2 else [], max_selections=4,
                            key="compare_choice")
    picked = [p for p in everyone if p.id in chosen]
    other_surveys_note()
    if len(picked) < 2:
        st.info("Choose at least two personas.")
    else:
        table = side_by_side(data, picked)
        for i, column in enumerate(st.columns(len(picked))):  # wraps: no sideways scrolling
            with column.container(border=True):
                st.markdown(f"**{escape_markdown(picked[i].name)}**")
                for row, values in table.items():
                    lines = values[i].split("\n")
                    st.markdown(f"*{row}:*  \n" + "  \n".join(escape_markdown(x)
                                                               for x in lines))
        st.caption("The overlap of two segments is their Jaccard index: respondents in both "
                   "divided by respondents in either (the diagonal shows each one's size).")
        st.plotly_chart(overlap_figure(overlap(data, picked)), config={"displayModeBar": False},
                        width="stretch", theme=None, key=f"overlap::{'|'.join(chosen)}")

with fresh:
    st.caption("When you load a fresh export of the same survey, each persona's numbers then "
               "(when pinned) and now are compared; a change is beyond noise when its 95% "
               "interval leaves out zero after controlling for all of the persona's numbers "
               "(q < 0.05).")
    for persona in everyone + elsewhere:
        drift = ui.drift(persona)
        with st.container(border=True):
            st.subheader(escape_markdown(persona.name))
            if drift.status == "no snapshot":
                st.caption("Nothing pinned yet, so there is nothing to compare.")
                continue
            if drift.status == "other survey":
                st.caption(f"Built on {escape_markdown(drift.then.source)}, a different survey "
                           "from the one loaded: read-only here. Its questions can be found in "
                           "this data by their wording or the survey tool's code (never by a "
                           "label); nothing is saved.")
                if st.toggle("Check it against this data", key=f"fresh_other::{persona.id}"):
                    drift = persona_drift(data, persona, other_survey=True)
                    if drift.not_found:
                        st.caption("Not in this data: "
                                   + escape_markdown("; ".join(drift.not_found)))
                    rows = [{"": "Segment size", "Then → now": drift_text(drift.segment)}] \
                        if drift.segment else []
                    rows += [{"": t.label, "Then → now": "not in this data"
                              if t.evidence.status == "missing" else drift_text(t.change)}
                             for t in drift.traits]
                    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
                continue
            if drift.status == "same data":
                st.caption(f"Built on this same data ({escape_markdown(drift.then.source)}).")
                continue
            st.markdown(f"Built on **{escape_markdown(drift.then.source)}** "
                        f"({drift.then.respondents:,} respondents, {drift.then.taken_at:%Y-%m-%d})"
                        f"; now **{escape_markdown(drift.now.source)}** "
                        f"({drift.now.respondents:,}).")
            rows = [{"": "Segment size", "Then → now": drift_text(drift.segment),
                     "Why": cause_text(drift.segment_causes)}] if drift.segment else []
            rows += [{"": t.label, "Then → now": drift_text(t.change),
                      "Why": cause_text(t.causes)} for t in drift.traits]
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
            accept, keep = st.columns(2)
            if accept.button("Accept the new numbers", key=f"accept::{persona.id}",
                             type="primary"):
                ui.set_persona(with_current_evidence(persona, data))
                ui.flash(f"{escape_markdown(persona.name)} now holds the fresh numbers",
                         icon=":material/update:")
                st.rerun()
            keep.caption("Or keep the old snapshot: nothing changes until you accept.")

with files:
    st.subheader("Export")
    cards = lambda: cards_for(data, everyone, ui.worth_settings(),  # noqa: E731 - on click
                              ui.saved_themes().questions)
    left, right = st.columns(2)
    left.download_button("All personas (JSON)", lambda: personas_json(everyone + elsewhere),
                         file_name="personas.json", mime="application/json", on_click="ignore",
                         icon=":material/download:", key="export_json")
    right.download_button("All personas (PowerPoint)", lambda: personas_pptx(cards()),
                          file_name="personas.pptx", on_click="ignore",
                          mime="application/vnd.openxmlformats-officedocument."
                               "presentationml.presentation",
                          icon=":material/download:", key="export_pptx")
    if elsewhere:
        st.caption(f"The deck and the CRM table hold the {len(everyone)} persona(s) of this "
                   f"survey; the JSON holds all {len(everyone) + len(elsewhere)}.")
    st.markdown("**Respondents and their personas, for a CRM**")
    private = st.toggle("Include personal data", value=False, key="crm_private",
                        help="Lets you key the table by a personal-data column (an email, "
                             "say) to match your CRM. Off, the table holds no personal data.")
    keys = key_columns(data, include_personal_data=private)
    key = st.selectbox("Key", [None, *keys], key="crm_key",
                       format_func=lambda k: "Respondent id (or row number)" if k is None
                       else data.column(k).label)
    table = lambda: respondent_personas(data, everyone, key)  # noqa: E731
    left, right = st.columns(2)
    left.download_button("Respondents → personas (CSV)", lambda: crm_csv(table()),
                         file_name="respondent-personas.csv", mime="text/csv", on_click="ignore",
                         icon=":material/download:", key="export_crm_csv")
    right.download_button("Respondents → personas (Excel)", lambda: crm_xlsx(table()),
                          file_name="respondent-personas.xlsx", on_click="ignore",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          icon=":material/download:", key="export_crm_xlsx")
    st.subheader("Import")
    upload = st.file_uploader("Personas exported from this app (JSON)", type=["json"],
                              key="import_personas")
    if upload is not None and st.session_state.get("import_seen") != upload.file_id:
        st.session_state["import_seen"] = upload.file_id
        try:
            incoming = personas_from_json(upload.getvalue())
            added = db.add_all(st.session_state[ui.PROJECT], incoming) if db else incoming
        except ExportError as exc:
            st.error(f"{escape_markdown(upload.name)}: {escape_markdown(str(exc))} Nothing was "
                     "imported and your personas are unchanged.", icon=":material/error:")
        else:
            if db is not None:
                ui.open_project(st.session_state[ui.PROJECT])
            else:
                for persona in added:
                    ui.add_persona(persona)
            ui.flash(f"Imported {len(added)} persona(s) from {escape_markdown(upload.name)}",
                     icon=":material/upload:")
            st.rerun()
