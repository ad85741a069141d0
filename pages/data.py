"""Which survey is loaded, what each column is, and the user's corrections to it."""

import pandas as pd
import streamlit as st

import ui
from persona_lib.infer import TOPIC_LABELS, exported_answers
from persona_lib.mapping import (
    EXCLUSION_REASONS, Exclusions, MappingError, SurveyMapping, apply_answer_edits,
    apply_column_edits, durations, exclusion_masks, mapping_from_json, suggested_min_seconds,
)
from persona_lib.models import CHOICE_KINDS, Condition, Kind, Role, System
from persona_lib.text import escape_markdown, shown_answer

ui.page_setup()
if ui.presenting():  # the room sees the card, not the file
    st.switch_page("pages/persona.py")

KIND_NAMES = {k: k.value.replace("_", " ") for k in Kind}
ROLE_NAMES = {r: r.value for r in Role}
SECTION_NAMES = {None: "—", **TOPIC_LABELS}
SECTIONS = {name: (topic or "none") for topic, name in SECTION_NAMES.items()}

st.title("Data")

limit = st.get_option("server.maxUploadSize")
uploaded = st.file_uploader(
    "Upload a survey export to replace the current data", type=["csv", "tsv", "txt", "xlsx", "xls"],
    help=f"CSV, TSV, semicolon- or pipe-separated text, or an Excel .xlsx workbook, up to "
         f"{limit} MB. Exports from Google Forms, Microsoft Forms, SurveyMonkey, Qualtrics, "
         "Typeform, LimeSurvey and KoboToolbox are recognised.",
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
mapping = ui.mapping()
is_sample = st.session_state[ui.FILE_NAME] == ui.SAMPLE_PATH.name
left, right = st.columns([4, 1], vertical_alignment="center")
shape = f" · {data.tool} export" if data.tool else ""
left.subheader(escape_markdown(data.source) + (" (bundled sample)" if is_sample else shape))
if not is_sample and right.button("Back to the sample survey"):
    ui.use_file(ui.SAMPLE_PATH.read_bytes(), ui.SAMPLE_PATH.name)
    st.rerun()
if len(data.sheets) > 1:
    sheet = st.selectbox("Sheet", data.sheets, index=data.sheets.index(data.sheet),
                         key=f"sheet::{data.fingerprint}")
    if sheet != data.sheet and ui.use_file(st.session_state[ui.FILE_BYTES],
                                           st.session_state[ui.FILE_NAME], sheet):
        st.rerun()

questions = [c for c in data.columns if c.chartable]
hidden = [c for c in data.columns if c.hidden]
a, b, c, d = st.columns(4)
a.metric("Respondents", f"{data.n:,}")
b.metric("Questions charted", len(questions))
c.metric("Columns hidden", len(hidden),
         help="Personal data (emails, names, phone numbers, IP addresses) and the survey tool's "
              "own columns are not charted, and are hidden in tables unless you ask for them.")
d.metric("Respondents left out", f"{data.rows_in_file - data.n:,}",
         help="Rows of the file your exclusion rules leave out (see 'Leave out respondents').")
if data.warnings:
    with st.expander(f"{len(data.warnings)} note(s) about this file",
                     expanded=len(data.warnings) < 4):
        for warning in data.warnings:
            st.warning(escape_markdown(warning))

columns_tab, answers_tab, exclude_tab, preview_tab, settings_tab = st.tabs(
    ["Columns", "Answers", "Leave out respondents", "Preview", "Save or load settings"])

with columns_tab:
    st.caption("What each column was recognised as. Change a label, kind or role here; your "
               "changes are saved and applied again to the next export of this survey.")
    show_private = st.toggle(
        "Show personal data", value=False, key="show_private",
        help="Emails, names, phone numbers and IP addresses are hidden unless you ask for them.")
    shown = pd.DataFrame({
        "Column": [col.name for col in data.columns],
        "Label": [col.label for col in data.columns],
        "Kind": [KIND_NAMES[col.kind] for col in data.columns],
        "Role": [ROLE_NAMES[col.role] for col in data.columns],
        "Card section": [SECTION_NAMES[col.topic] for col in data.columns],
        "Answers": [
            "hidden (personal data)" if col.kind == Kind.pii and not show_private
            else ", ".join(col.levels[:6]) + (" …" if len(col.levels) > 6 else "")
            for col in data.columns
        ],
    })
    edited = st.data_editor(
        shown, hide_index=True, width="stretch", disabled=["Column", "Answers"],
        key=f"columns_editor::{ui.digest(mapping)}",
        column_config={
            "Kind": st.column_config.SelectboxColumn(options=list(KIND_NAMES.values()),
                                                     required=True),
            "Role": st.column_config.SelectboxColumn(options=list(ROLE_NAMES.values()),
                                                     required=True),
            "Card section": st.column_config.SelectboxColumn(
                options=list(SECTION_NAMES.values()), required=True,
                help="What the question is about, where the card and the Worth it page look "
                     "for it (goals, frustrations, channels, spend...). It never renames the "
                     "question."),
        },
    )
    edits = {
        row.Column: {"label": row.Label, "kind": Kind(row.Kind.replace(" ", "_")),
                     "role": Role(row.Role), "topic": SECTIONS[row[5]]}
        for row in edited.itertuples() if row.Kind and row.Role
    }
    changed = apply_column_edits(mapping, data.columns, data.detected, edits)
    weighable = [col.name for col in data.columns
                 if col.kind == Kind.numeric or col.system == System.weight]
    suggested = next((col.label for col in data.columns if col.system == System.weight), None)
    weight = st.selectbox(
        "Survey weights", [None, *weighable], key=f"weight::{ui.digest(mapping)}",
        index=([None, *weighable].index(mapping.weight) if mapping.weight in weighable else 0),
        format_func=lambda name: "None: every respondent counts once" if name is None
        else data.column(name).label,
        help="If the survey was weighted (to match a population), choose the weight column: "
             "shares, intervals and tests then use the weights and their effective n."
             + (f" '{suggested}' looks like a weight column." if suggested else ""))
    changed = changed.model_copy(update={"weight": weight})
    if changed != mapping:
        ui.set_mapping(changed)
        st.rerun()

with answers_tab:
    choices = [col for col in data.columns if col.kind in CHOICE_KINDS]
    if not choices:
        st.info("No choice or scale questions were recognised in this file.")
    else:
        st.caption("Merge answers that mean the same (give them the same 'Show as') and set "
                   "the order answers are shown in. Charts, segments and cards follow.")
        labels = {col.name: col.label for col in choices}
        name = st.selectbox("Question", list(labels), format_func=labels.get,
                            key=f"answers_question::{data.fingerprint}")
        column = data.column(name)
        detected = {col.name: col for col in data.detected}[name]
        merge = mapping.override(column.name).merge
        rows = exported_answers(ui.table(), detected)
        shown = [merge.get(answer, column.shown.get(answer, shown_answer(answer)))
                 for answer, _ in rows]
        answers = pd.DataFrame({
            "Answer as exported": [shown_answer(answer) for answer, _ in rows],
            "In the file": [n for _, n in rows],
            "Show as": shown,
            "Order": [column.levels.index(s) + 1 if s in column.levels else None
                      for s in shown],
        })
        edited = st.data_editor(
            answers, hide_index=True, width="stretch",
            disabled=["Answer as exported", "In the file"],
            key=f"answers_editor::{column.name}::{ui.digest(mapping)}",
            column_config={"Order": st.column_config.NumberColumn(min_value=1, step=1)},
        )
        changed = apply_answer_edits(mapping, column, list(zip(
            [answer for answer, _ in rows], edited["Show as"], edited["Order"])))
        if changed != mapping:
            ui.set_mapping(changed)
            st.rerun()

with exclude_tab:
    st.caption("Leave respondents out of every chart, segment and card. The file is not "
               "changed; turn a rule off to bring them back.")
    rules = mapping.exclude
    keyed = f"{data.fingerprint}::{ui.digest(rules)}"  # widgets start from the saved rules
    raw = ui.table().data
    found = exclusion_masks(raw, list(data.columns), Exclusions(incomplete=True, tests=True))
    seconds = durations(raw, list(data.columns))
    incomplete = st.checkbox(
        f"Incomplete responses ({int(found['incomplete'].sum()):,} in this file)",
        value=rules.incomplete, key=f"exclude_incomplete::{keyed}",
        help="Respondents the survey tool marks as not finished (Finished = false, progress "
             "under 100%, or no submission time).")
    tests = st.checkbox(
        f"Survey previews, tests and spam ({int(found['test'].sum()):,} in this file)",
        value=rules.tests, key=f"exclude_tests::{keyed}",
        help="Responses the survey tool marks as a preview, test or spam (Qualtrics Status).")
    min_seconds = rules.min_seconds
    if seconds is None:
        st.caption("This file has no start and end times, so speeders cannot be found.")
    else:
        suggested = suggested_min_seconds(seconds) or 60
        speeders = st.checkbox("Respondents who answered too fast", value=bool(rules.min_seconds),
                               key=f"exclude_speeders::{keyed}")
        limit_seconds = st.columns([1, 3])[0].number_input(
            "Faster than (seconds)", min_value=1, value=int(rules.min_seconds or suggested),
            key=f"exclude_seconds::{keyed}", disabled=not speeders,
            help=f"The suggestion is a third of the median time ({suggested:,.0f} s).")
        too_fast = int((seconds < limit_seconds).sum())
        st.caption(f"{too_fast:,} respondent(s) took less than {limit_seconds:,} seconds.")
        min_seconds = float(limit_seconds) if speeders else None
    st.markdown("**Leave out respondents by answer**")
    filterable = [col for col in data.columns if col.kind in CHOICE_KINDS or col.hidden]
    conditions = list(rules.answers)
    for i, condition in enumerate(conditions):
        label, remove = st.columns([5, 1], vertical_alignment="center")
        label.markdown(escape_markdown(f"{condition.question} is {' or '.join(condition.answers)}"))
        if remove.button("Remove", key=f"exclude_remove::{i}::{keyed}"):
            conditions.pop(i)
            ui.set_mapping(mapping.model_copy(update={
                "exclude": rules.model_copy(update={"answers": conditions})}))
            st.rerun()
    pick, values, add = st.columns([3, 3, 1], vertical_alignment="bottom")
    labels = {col.name: col.label for col in filterable}
    question = pick.selectbox("Question", list(labels), format_func=labels.get, index=None,
                              key=f"exclude_question::{keyed}", placeholder="Choose a question")
    options = [] if question is None else (data.column(question).levels or sorted(
        raw[question].dropna().unique().tolist())[:500])
    answers_out = values.multiselect("Answers", options, key=f"exclude_answers::{keyed}")
    if add.button("Leave out", key=f"exclude_add::{keyed}", disabled=not answers_out):
        conditions.append(Condition(question=question, answers=answers_out))
    wanted = Exclusions(incomplete=incomplete, tests=tests, min_seconds=min_seconds,
                        answers=conditions)
    if wanted != rules:
        ui.set_mapping(mapping.model_copy(update={"exclude": wanted}))
        st.rerun()
    if data.excluded:
        st.info(" · ".join(f"{n:,} {EXCLUSION_REASONS[reason]}" for reason, n in
                           data.excluded.items()) + f". {data.n:,} of {data.rows_in_file:,} "
                "respondents are used (a respondent can match several rules).")

with preview_tab:
    show = st.session_state.get("show_private", False)
    visible = [col.name for col in data.columns if show or not col.hidden]
    st.caption("The first 50 respondents used"
               + ("" if show else "; personal data and survey-tool columns hidden") + ".")
    st.dataframe(data.data[visible].head(50), hide_index=True, width="stretch",
                 placeholder="")  # a blank answer stays blank, not the word None

with settings_tab:
    st.caption("Column settings are saved on this computer for this survey and applied again "
               "whenever you load an export with the same questions. Share them as a file:")
    st.download_button("Download settings (JSON)", mapping.to_json(),
                       file_name=f"{data.source.rsplit('.', 1)[0]}-columns.json",
                       mime="application/json", icon=":material/download:")
    settings_file = st.file_uploader("Load settings from a file", type=["json"],
                                     key="mapping_upload")
    if settings_file is not None and st.session_state.get("mapping_seen") != settings_file.file_id:
        st.session_state["mapping_seen"] = settings_file.file_id
        try:
            ui.set_mapping(mapping_from_json(settings_file.getvalue(), data.fingerprint))
        except MappingError as exc:
            st.error(f"{escape_markdown(settings_file.name)}: {escape_markdown(str(exc))} "
                     "Your current settings were kept.", icon=":material/error:")
        else:
            ui.flash(f"Loaded column settings from {escape_markdown(settings_file.name)}",
                     icon=":material/check_circle:")
            st.rerun()
    if st.button("Reset to what was detected", disabled=mapping == SurveyMapping(
            fingerprint=data.fingerprint)):
        ui.set_mapping(SurveyMapping(fingerprint=data.fingerprint))
        st.rerun()
