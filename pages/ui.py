"""What every page shares: session-state names, cached loading, the segment sidebar, pinning.

Session state is small and named here only: the current file (bytes, name, content hash,
sheet), the column mapping for it, the persona being built, the last load error, the last
upload handled, and toasts waiting to be shown. Everything else is derived from those each run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st
from pydantic import BaseModel

from persona_lib import charts
from persona_lib.formats import Table
from persona_lib.infer import build_survey
from persona_lib.load import SurveyLoadError, load_table
from persona_lib.mapping import SurveyMapping
from persona_lib.models import CHOICE_KINDS, Condition, Persona, Role, Segment, Trait
from persona_lib.persona import pin, trait_label
from persona_lib.segments import describe_segment, segment_mask
from persona_lib.stats import answer_traits, breakdown
from persona_lib.store import MappingStore
from persona_lib.survey import Survey
from persona_lib.text import escape_markdown

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "sample_data" / "brewbox_survey.csv"

FILE_BYTES = "file_bytes"
FILE_NAME = "file_name"
FILE_DIGEST = "file_digest"
FILE_SHEET = "file_sheet"
MAPPING = "mapping"
PERSONA = "persona"
LOAD_ERROR = "load_error"
UPLOAD_SEEN = "upload_seen"
FLASH = "flash"


def init_state() -> None:
    st.session_state.setdefault(FLASH, [])
    if FILE_BYTES not in st.session_state:
        use_file(SAMPLE_PATH.read_bytes(), SAMPLE_PATH.name)
    st.session_state.setdefault(PERSONA, Persona())


@st.cache_data(show_spinner="Reading the file…", max_entries=8)
def _table_for(digest: str, name: str, sheet: str | None, _content: bytes) -> Table:
    """Keyed on a hash of the content, not the bytes themselves (hashing big args is slow)."""
    return load_table(_content, name, sheet)


@st.cache_data(show_spinner="Working out what each column is…", max_entries=16)
def _survey_for(digest: str, name: str, sheet: str | None, mapping_json: str,
                _content: bytes) -> Survey:
    table = _table_for(digest, name, sheet, _content)
    return build_survey(table, source=name, mapping=SurveyMapping.model_validate_json(mapping_json))


def table() -> Table:
    """The current file's questions as exported, before inference and the user's mapping."""
    init_state()
    state = st.session_state
    return _table_for(state[FILE_DIGEST], state[FILE_NAME], state[FILE_SHEET], state[FILE_BYTES])


def survey() -> Survey:
    init_state()
    state = st.session_state
    try:
        return _survey_for(state[FILE_DIGEST], state[FILE_NAME], state[FILE_SHEET],
                           state[MAPPING].model_dump_json(), state[FILE_BYTES])
    except Exception as exc:  # noqa: BLE001 - a saved mapping must never lock the user out
        flash(f"Your column settings could not be applied ({escape_markdown(str(exc))}); "
              "showing the columns as detected.", icon=":material/warning:")
        state[MAPPING] = SurveyMapping(fingerprint=state[MAPPING].fingerprint)
        return _survey_for(state[FILE_DIGEST], state[FILE_NAME], state[FILE_SHEET],
                           state[MAPPING].model_dump_json(), state[FILE_BYTES])


def use_file(content: bytes, name: str, sheet: str | None = None) -> bool:
    """Switch to a new file (or sheet); on failure keep the current one and remember why.
    A mapping saved for the same survey (same questions) is applied again."""
    digest = hashlib.sha256(content).hexdigest()
    try:
        loaded = _table_for(digest, name, sheet, content)
    except SurveyLoadError as exc:
        st.session_state[LOAD_ERROR] = str(exc)
        return False
    saved = mapping_store().get(loaded.fingerprint)
    if saved is not None and name != SAMPLE_PATH.name:
        flash("Applied the column settings you saved for this survey.",
              icon=":material/settings_backup_restore:")
    state = st.session_state
    state[FILE_BYTES], state[FILE_NAME], state[FILE_DIGEST] = content, name, digest
    state[FILE_SHEET] = loaded.sheet
    state[MAPPING] = saved or SurveyMapping(fingerprint=loaded.fingerprint)
    state.pop(LOAD_ERROR, None)
    return True


def digest(model: BaseModel) -> str:
    """A short content hash, for widget keys that must start afresh when the model changes."""
    return hashlib.sha1(model.model_dump_json().encode()).hexdigest()[:10]


def mapping_store() -> MappingStore:
    return MappingStore()


def mapping() -> SurveyMapping:
    init_state()
    return st.session_state[MAPPING]


def set_mapping(value: SurveyMapping) -> None:
    """Use this mapping now and save it for the next export of the same survey."""
    st.session_state[MAPPING] = value
    try:
        mapping_store().put(value)
    except OSError as exc:
        flash(f"Could not save your column settings ({escape_markdown(str(exc))}); they apply "
              "until you close this tab.", icon=":material/warning:")


def persona() -> Persona:
    init_state()
    return st.session_state[PERSONA]


def set_persona(value: Persona) -> None:
    st.session_state[PERSONA] = value


def flash(message: str, icon: str = ":material/push_pin:") -> None:
    """A toast shown on the next run: callbacks and reruns happen before the page is drawn."""
    st.session_state[FLASH].append((message, icon))


def show_flash() -> None:
    while st.session_state[FLASH]:
        message, icon = st.session_state[FLASH].pop(0)
        st.toast(message, icon=icon)


def current_mask(data: Survey) -> pd.Series:
    return segment_mask(data, persona().segment)


def segment_sidebar(data: Survey) -> None:
    """The persona's segment as sidebar filters; it applies on every page."""
    current = persona()
    st.sidebar.subheader("Segment")
    filterable = [c for c in data.columns if c.kind in CHOICE_KINDS]
    labels = {c.name: c.label for c in filterable}
    chosen = [c.question for c in current.segment.conditions]
    missing = [q for q in chosen if q not in labels]
    picked = st.sidebar.multiselect(
        "Filter respondents by",
        [c.name for c in filterable] + missing,
        default=chosen,
        format_func=lambda q: labels.get(q, f"{q} (not in this data)"),
        key=f"segment_questions::{data.fingerprint}",
        placeholder="Everyone: choose questions",
    )
    conditions = []
    for question in picked:
        before = next((c.answers for c in current.segment.conditions if c.question == question), [])
        if question in labels:
            levels = data.column(question).levels
            digest = hashlib.sha1("\n".join(levels).encode()).hexdigest()[:8]
            answers = st.sidebar.multiselect(
                escape_markdown(labels[question]), levels, default=[a for a in before if a in levels],
                key=f"segment_answers::{question}::{digest}",
            )
        else:
            st.sidebar.caption(f"'{escape_markdown(question)}' is not in this data: "
                               "this filter is skipped.")
            answers = before
        conditions.append(Condition(question=question, answers=answers))
    combine = "all"
    if len(picked) > 1:
        combine = st.sidebar.radio(
            "Respondents must match", ["all", "any"], horizontal=True,
            index=0 if current.segment.combine == "all" else 1,
            format_func=lambda v: f"{v} filters", key="segment_combine",
        )
    segment = Segment(name=current.name, conditions=conditions, combine=combine)
    if segment.conditions != current.segment.conditions or segment.combine != current.segment.combine:
        set_persona(current.model_copy(update={"segment": segment}))
    mask = current_mask(data)
    n = int(mask.sum())
    share = n / data.n if data.n else 0
    st.sidebar.metric("Respondents in segment", f"{n:,}", f"{share:.0%} of {data.n:,}",
                      delta_color="off", delta_arrow="off")
    if 0 < n < 10:
        st.sidebar.warning(f"Only {n} respondents match: too few to say much about them.")
    elif n == 0:
        st.sidebar.error("No respondents match these filters.")


def segment_caption(data: Survey) -> None:
    if persona().segment.is_everyone:
        st.caption(f"Showing all {data.n:,} respondents. Filter a segment in the sidebar to see "
                   "it beside everyone. Click a bar to pin that trait to the persona.")
        return
    rule = describe_segment(data, persona().segment)
    st.caption(
        f"Showing **{escape_markdown(persona().name)}** ({escape_markdown(rule)}; "
        f"n={int(current_mask(data).sum()):,}) beside everyone (n={data.n:,}). "
        "Click a bar to pin that trait to the persona."
    )


def pin_traits(traits: list[Trait]) -> None:
    data = survey()
    current = persona()
    for trait in traits:
        if current.has_trait(trait):
            flash(f"Already pinned: {escape_markdown(trait_label(data, trait))}")
            continue
        current = pin(current, data, trait)
        flash(f"Pinned to {escape_markdown(current.name)}: "
              f"{escape_markdown(trait_label(data, trait))}")
    set_persona(current)


def _on_chart_select(key: str) -> Callable[[], None]:
    def callback() -> None:
        selection = st.session_state[key].get("selection") if key in st.session_state else None
        pin_traits(charts.traits_from_selection(selection))

    return callback


def breakdown_page(roles: tuple[Role, ...], pin_key: str, nothing: str) -> None:
    """A chart page: who is shown, the keyboard pin row, then one clickable chart per question."""
    data = survey()
    segment_caption(data)
    groups = charts.chart_groups(data, roles)
    if not groups:
        st.info(f"No {nothing} questions were recognised in this survey. "
                "Check the detected kinds on the Data page.")
        return
    pin_picker(data, groups, key=pin_key)
    chart_grid(data, groups)


def chart_grid(data: Survey, groups: list[tuple[str, list]], columns: int = 2) -> None:
    """Each question's chart, clickable: a click on a bar pins that answer as a trait.
    Bar charts fill a grid row by row; Likert batteries take a full row of their own."""
    mask = current_mask(data)
    name = persona().name
    pinned = [p.trait for p in persona().pinned]
    cells: list = []
    for kind, cols in groups:
        if kind == "likert":
            fig = charts.likert_figure(data, cols, mask, name, pinned=pinned)
            place = st.container()
            cells = []
        else:
            fig = charts.breakdown_figure(data, cols[0], mask, name, pinned=pinned)
            if not cells:
                cells = list(st.columns(columns))
            place = cells.pop(0)
        # A new key after each pin clears plotly's selection, so the next click always counts.
        key = f"chart::{'|'.join(c.name for c in cols)}::{len(pinned)}"
        with place:
            st.plotly_chart(
                fig, key=key, on_select=_on_chart_select(key), selection_mode="points",
                config={"displayModeBar": False}, width="stretch", theme=None,
            )


def pin_picker(data: Survey, groups: list[tuple[str, list]], key: str) -> None:
    """The keyboard path to pinning: pick a question and an answer, press Pin."""
    questions = [c for _, cols in groups for c in cols]
    with st.container(border=True):
        left, middle, right = st.columns([3, 3, 1], vertical_alignment="bottom")
        question = left.selectbox("Question", questions, format_func=lambda c: c.label,
                                  key=f"{key}::question")
        table = breakdown(data, question.name, current_mask(data))
        traits = dict(zip(table["answer"], answer_traits(question.name, table)))
        answer = middle.selectbox("Answer", list(traits), key=f"{key}::answer::{question.name}")
        if right.button("Pin", key=f"{key}::pin", type="primary", width="stretch"):
            pin_traits([traits[answer]])
            st.rerun()
