"""What every page shares: session-state names, cached loading, the segment sidebar, pinning.

Session state is small and named here only: the current file (bytes, name, content hash,
sheet), the column mapping for it, the project, its personas with the version of each this
tab last saved, which one is being built, a save conflict waiting for a choice, the last load
error, the last upload handled, the last segment search, and toasts waiting to be shown.
Everything else is derived from those each run. Personas are saved on every change
(persona_lib.store), so a refresh or a restart loses nothing.
"""

from __future__ import annotations

import hashlib
import runpy
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pydantic import BaseModel

from persona_lib import charts
from persona_lib.clusters import Progress, find_segments, held_out, segment_traits
from persona_lib.distinctive import distinctive_traits
from persona_lib.economics import WorthSettings
from persona_lib.formats import Table
from persona_lib.infer import build_survey
from persona_lib.load import SurveyLoadError, load_table
from persona_lib.mapping import SurveyMapping
from persona_lib.models import (
    CHOICE_KINDS, ClusterModel, Condition, Persona, PinnedTrait, Role, Segment, Trait,
)
from persona_lib.persona import (
    Card, belongs_to, build_card, claim, evidence_short, evidence_text, pin, trait_label,
)
from persona_lib.charts import LAPTOP, PROJECTOR, ChartStyle
from persona_lib.segments import (
    condition_text, describe_segment, rule_words, segment_from_token,
    segment_mask, segment_token,
)
from persona_lib.stats import (
    DEFAULT_MIN_N, answer_traits, breakdown, trait_evidence, wilson_interval,
)
from persona_lib.store import (
    CostStore, MappingStore, PersonaStore, PreferenceStore, Preferences, VersionConflict,
    editor_name,
)
from persona_lib.survey import Survey
from persona_lib.text import escape_markdown
from persona_lib.trust import Stability, cluster_stability, with_change

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "sample_data" / "brewbox_survey.csv"

FILE_BYTES = "file_bytes"
FILE_NAME = "file_name"
FILE_DIGEST = "file_digest"
FILE_SHEET = "file_sheet"
FILE_TOKEN = "file_token"
MAPPING = "mapping"
PERSONAS = "personas"
CURRENT = "persona_id"
PROJECT = "project_id"
VERSIONS = "persona_versions"
CONFLICT = "save_conflict"
DELETED = "deleted_personas"
STORE_ERROR = "store_error"
SEARCH = "segment_search"
URL_READ = "url_read"
LINK_CONFLICT = "link_conflict"
EDITOR = "editor"
SEGMENT_TOUCHED = "segment_touched"

# What a link carries (st.query_params): the page is in the path; these say the rest.
PRESENT, PROJECT_PARAM, PERSONA_PARAM, SEGMENT_PARAM = "present", "project", "persona", "segment"
DATA_PARAM = "data"
# (PRESENT also names the session-state flag behind it: see `presenting`.)
CSS = Path(__file__).resolve().parent.parent / "assets" / "presentation.css"
LOAD_ERROR = "load_error"
UPLOAD_SEEN = "upload_seen"
FLASH = "flash"


APP = Path(__file__).resolve().parent.parent / "app.py"
_RUN = threading.local()


@contextmanager
def app_run() -> Iterator[None]:
    """Marks that this script run came through app.py (see `page_setup`)."""
    _RUN.in_app = True
    try:
        yield
    finally:
        _RUN.in_app = False


def page_setup() -> None:
    """Every page script starts here. Opened straight by its URL before any session has run
    app.py's navigation (the first visit after the server starts), Streamlit runs the page file
    alone; then run the whole app instead, which shows this same page, and stop."""
    if not getattr(_RUN, "in_app", False):
        runpy.run_path(str(APP), run_name="__main__")
        st.stop()


def init_state() -> None:
    st.session_state.setdefault(FLASH, [])
    if FILE_BYTES not in st.session_state:
        use_file(SAMPLE_PATH.read_bytes(), SAMPLE_PATH.name)
    if PERSONAS not in st.session_state:
        open_project(None)


# Tables and surveys are shared, never copied: st.cache_data would unpickle a fresh copy of a
# million-row survey on every rerun. Nothing may change them in place (the library never does).
@st.cache_resource(show_spinner="Reading the file…", max_entries=4)
def _table_for(digest: str, name: str, sheet: str | None, _content: bytes) -> Table:
    """Keyed on a hash of the content, not the bytes themselves (hashing big args is slow)."""
    return load_table(_content, name, sheet, digest=digest)


@st.cache_resource(show_spinner="Working out what each column is…", max_entries=8)
def _survey_for(digest: str, name: str, sheet: str | None, mapping_json: str,
                _content: bytes) -> Survey:
    table = _table_for(digest, name, sheet, _content)
    return build_survey(table, source=name, mapping=SurveyMapping.model_validate_json(mapping_json))


def _cache_key() -> tuple[str, str, str | None, str]:
    state = st.session_state
    return state[FILE_DIGEST], state[FILE_NAME], state[FILE_SHEET], state[MAPPING].model_dump_json()


@st.cache_data(show_spinner="Comparing the segment with the rest…", max_entries=32)
def _traits_for(key: tuple, segment_json: str, compare: str, min_n: int, _content: bytes
                ) -> pd.DataFrame:
    data = _survey_for(*key, _content)
    segment = Segment.model_validate_json(segment_json)
    if segment.cluster is not None:  # tested on respondents its model was not fitted on
        rule = segment_mask(data, segment.model_copy(update={"cluster": None})).to_numpy()
        return segment_traits(data, segment.cluster.model, segment.cluster.index, min_n,
                              compare=compare, rule=rule)
    return distinctive_traits(data, segment_mask(data, segment), compare=compare, min_n=min_n)


def distinctive(segment: Segment, compare: str = "rest", min_n: int = DEFAULT_MIN_N
                ) -> pd.DataFrame:
    """What sets this segment apart, cached on the file, the mapping and the segment rule."""
    rule = segment.model_copy(update={"id": "", "name": ""}).model_dump_json()
    return _traits_for(_cache_key(), rule, compare, min_n, st.session_state[FILE_BYTES])


@st.cache_data(show_spinner=False, max_entries=64)
def _card_for(key: tuple, persona_json: str, worth_json: str, _content: bytes) -> Card:
    return build_card(_survey_for(*key, _content), Persona.model_validate_json(persona_json),
                      worth=WorthSettings.model_validate_json(worth_json))


def worth_settings() -> WorthSettings:
    """The worth-it questions and channel costs saved for this survey (the Worth it page)."""
    data = survey()
    return CostStore().get(data.fingerprint).settings(data)


def card(value: Persona) -> Card:
    """The persona's card on the current data, built once per version of the persona."""
    return _card_for(_cache_key(), value.model_dump_json(), worth_settings().model_dump_json(),
                     st.session_state[FILE_BYTES])


@st.cache_resource
def _cluster_results() -> OrderedDict:
    """Clustering results keyed on file content and settings, shared like st.cache_data.
    Not st.cache_data itself: that would replay the progress bar the search draws."""
    return OrderedDict()


def suggested(questions: list[str], k: int | None, seed: int, progress: Progress | None = None
              ) -> tuple[ClusterModel, np.ndarray]:
    """Suggested segments, cached on the file, mapping, questions, k and seed."""
    key = (*_cache_key(), tuple(questions), k, seed)
    results = _cluster_results()
    if key not in results:
        data = _survey_for(*_cache_key(), st.session_state[FILE_BYTES])
        results[key] = find_segments(data, list(questions), k, seed, progress)
        while len(results) > 8:
            results.popitem(last=False)
    results.move_to_end(key)
    return results[key]


def _stability_key(model: ClusterModel) -> tuple:
    return (*_cache_key(), hashlib.sha1(model.model_dump_json().encode()).hexdigest())


def stability_if_known(model: ClusterModel) -> Stability | None:
    """The segments' stability: kept with a latent class model (computed once, when it was
    found), else if it was checked on this data already (k-means of older personas)."""
    return model.stability or _cluster_results().get(_stability_key(model))


def held_out_note(model: ClusterModel) -> str:
    """Which respondents a suggested segment's traits and badges were tested on."""
    data = survey()
    n = int(held_out(data, model).sum())
    if n == data.n:
        return (f"Traits tested on all {n:,} respondents: none of them was used to find the "
                "segments.")
    return (f"Traits tested on the {n:,} respondents the segments were not fitted on (the other "
            f"{data.n - n:,} found them), each question with membership worked out without "
            "that question's answers, so a segment cannot vouch for the answers it was made of.")


def stability(model: ClusterModel) -> Stability:
    """Re-run the clustering on bootstrap resamples, with a progress bar; cached like the
    clustering itself."""
    key = _stability_key(model)
    results = _cluster_results()
    if key not in results:
        bar = st.progress(0.0, "Checking stability")
        data = _survey_for(*_cache_key(), st.session_state[FILE_BYTES])
        results[key] = cluster_stability(data, model, progress=lambda f, m: bar.progress(f, m))
        bar.empty()
        while len(results) > 16:
            results.popitem(last=False)
    return results[key]


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


OPEN_FILES_BYTES = 400 * 2**20


@st.cache_resource
def _open_files() -> OrderedDict:
    """Uploaded files held in this server's memory only (never written to disk), each under a
    random token that the page's link carries: a refresh, or the link opened again on this
    machine, finds the same data. The oldest go first beyond OPEN_FILES_BYTES."""
    return OrderedDict()


def _keep_open(content: bytes, name: str, sheet: str | None, token: str | None) -> str:
    files = _open_files()
    token = token or secrets.token_urlsafe(16)
    files[token] = (content, name, sheet)
    files.move_to_end(token)
    while len(files) > 1 and sum(len(f[0]) for f in files.values()) > OPEN_FILES_BYTES:
        files.popitem(last=False)
    return token


def use_file(content: bytes, name: str, sheet: str | None = None,
             token: str | None = None) -> bool:
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
    state[FILE_TOKEN] = None if name == SAMPLE_PATH.name and content == SAMPLE_PATH.read_bytes() \
        else _keep_open(content, name, loaded.sheet, token)
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


@st.cache_resource
def store() -> PersonaStore | None:
    """One connection pool for the whole app; None when the database cannot be opened."""
    try:
        return PersonaStore()
    except Exception as exc:  # noqa: BLE001 - the app must still work, in this tab only
        st.session_state[STORE_ERROR] = f"{type(exc).__name__}: {exc}"
        return None


def open_project(project_id: str | None) -> None:
    """Load a project's saved personas (the first project if None); start one if it has none."""
    state = st.session_state
    db = store()
    if db is None:
        first = Persona()
        state[PROJECT], state[PERSONAS], state[VERSIONS] = "", {first.id: first}, {}
        state[CURRENT] = first.id
        return
    project = next((p for p in db.projects() if p.id == project_id), None) or db.default_project()
    saved = db.personas(project.id)
    state[PROJECT] = project.id
    state[PERSONAS] = {s.persona.id: s.persona for s in saved}
    state[VERSIONS] = {s.persona.id: s.version for s in saved}
    state.pop(CONFLICT, None)
    if not saved:
        first = Persona()
        state[PERSONAS][first.id] = first
        _save(first)
    state[CURRENT] = next(iter(state[PERSONAS]))


def _save(value: Persona) -> bool:
    """Autosave: write this version, based on the one this tab last saw. Someone else's newer
    save is never overwritten silently: the page asks which to keep (see `conflict_banner`)."""
    db, state = store(), st.session_state
    if db is None:
        return True
    try:
        state[VERSIONS][value.id] = db.save(state[PROJECT], value,
                                            state[VERSIONS].get(value.id))
        return True
    except VersionConflict as exc:
        state[CONFLICT] = (value, exc.current)
        return False
    except Exception as exc:  # noqa: BLE001 - a full disk must not lose the work on screen
        flash(f"Could not save ({escape_markdown(type(exc).__name__)}); your changes stay in "
              "this tab.", icon=":material/warning:")
        return False


def personas() -> list[Persona]:
    init_state()
    return list(st.session_state[PERSONAS].values())


def persona() -> Persona:
    """The persona being built: the one whose segment every page shows."""
    init_state()
    return st.session_state[PERSONAS][st.session_state[CURRENT]]


def editor() -> str:
    """The name the user chose for change logs (this app's field, else PERSONA_EDITOR);
    empty unless they chose one: never the computer's account."""
    state = st.session_state
    if EDITOR not in state:
        state[EDITOR] = PreferenceStore().get().editor
    return editor_name(state[EDITOR])


def set_editor(name: str) -> None:
    st.session_state[EDITOR] = name.strip()[:100]
    try:
        PreferenceStore().put(Preferences(editor=st.session_state[EDITOR]))
    except OSError as exc:
        flash(f"Could not save your name ({escape_markdown(str(exc))}); it applies until you "
              "close this tab.", icon=":material/warning:")


def set_persona(value: Persona) -> None:
    """Change a persona: kept in this tab, its change log noted, and saved at once. A persona
    of the survey now loaded (or of none yet) is tied to it (see `persona.claim`)."""
    if belongs_to(value, survey()):
        value = claim(value, survey())
    value = with_change(st.session_state[PERSONAS].get(value.id), value, editor())
    st.session_state[PERSONAS][value.id] = value
    _save(value)


def foreign(value: Persona | None = None) -> bool:
    """The persona was built on another survey than the one loaded: shown read-only, never
    reinterpreted on this data (checked against it only when the user asks)."""
    return not belongs_to(value or persona(), survey())


def built_on(value: Persona) -> str:
    return value.data.source if value.data else "another survey"


def add_persona(value: Persona) -> None:
    """Keep this persona too and make it the one being built."""
    set_persona(value)
    st.session_state[CURRENT] = value.id


def choose_persona(persona_id: str) -> None:
    if persona_id in st.session_state[PERSONAS]:
        st.session_state[CURRENT] = persona_id


def delete_persona(persona_id: str) -> None:
    """Delete a persona (Undo on the Personas page brings it back)."""
    state, db = st.session_state, store()
    if db is not None and persona_id in state[VERSIONS]:
        try:
            state[VERSIONS][persona_id] = db.delete(persona_id, state[VERSIONS][persona_id])
        except VersionConflict as exc:
            state[CONFLICT] = (state[PERSONAS][persona_id], exc.current)
            return
    state[PERSONAS].pop(persona_id, None)
    state.setdefault(DELETED, []).append(persona_id)
    if not state[PERSONAS]:
        add_persona(Persona())
    if state[CURRENT] not in state[PERSONAS]:
        state[CURRENT] = next(iter(state[PERSONAS]))


def undo(persona_id: str) -> bool:
    """Go back one saved change of this persona; False when there is nothing to go back to."""
    db, state = store(), st.session_state
    restored = db.undo(persona_id) if db is not None else None
    if restored is None:
        return False
    state[VERSIONS][persona_id] = restored.version
    if restored.deleted:
        state[PERSONAS].pop(persona_id, None)
    else:
        state[PERSONAS][persona_id] = restored.persona
        if persona_id in state.get(DELETED, []):
            state[DELETED].remove(persona_id)
    if state[CURRENT] not in state[PERSONAS]:
        state[CURRENT] = next(iter(state[PERSONAS]))
    return True


def conflict_banner() -> None:
    """When another tab or person saved a persona this tab also changed: choose which stays."""
    pending = st.session_state.get(CONFLICT)
    if pending is None:
        return
    mine, theirs = pending
    with st.container(border=True):
        st.warning(f"**{escape_markdown(mine.name)}** was changed somewhere else (another tab or "
                   "another person) after you opened it. Your last change is not saved yet.",
                   icon=":material/sync_problem:")
        keep, take = st.columns(2)
        if keep.button("Keep my version", key="conflict_keep", type="primary"):
            st.session_state[VERSIONS][mine.id] = theirs.version if theirs else None
            st.session_state.pop(CONFLICT)
            set_persona(mine)
            st.rerun()
        if take.button("Use the saved version", key="conflict_take"):
            st.session_state.pop(CONFLICT)
            if theirs is not None and not theirs.deleted:
                st.session_state[PERSONAS][mine.id] = theirs.persona
                st.session_state[VERSIONS][mine.id] = theirs.version
            else:
                st.session_state[PERSONAS].pop(mine.id, None)
                if not st.session_state[PERSONAS]:
                    add_persona(Persona())
                st.session_state[CURRENT] = next(iter(st.session_state[PERSONAS]))
            st.rerun()


def link_banner() -> None:
    """A link whose segment differs from the saved persona's: the saved one is shown until the
    user chooses, as `conflict_banner` does for edits."""
    pending = st.session_state.get(LINK_CONFLICT)
    if pending is None:
        return
    persona_id, shared = pending
    saved = st.session_state[PERSONAS].get(persona_id)
    if saved is None or shared.same_rule(saved.segment):
        st.session_state.pop(LINK_CONFLICT)
        return
    data = survey()
    linked = (describe_segment(data, shared) if belongs_to(saved, data)
              else rule_words(shared))
    now = describe_segment(data, saved.segment) if belongs_to(saved, data) \
        else rule_words(saved.segment)
    with st.container(border=True):
        st.warning(f"This link shows **{escape_markdown(saved.name)}** with the segment "
                   f"*{escape_markdown(linked)}*, but its saved segment is "
                   f"*{escape_markdown(now)}* (the link is older, or was changed since). "
                   "The saved persona is shown and nothing was changed.",
                   icon=":material/link:")
        copy, replace, keep = st.columns(3)
        if copy.button("Open the link's segment as a copy", key="link_copy", type="primary"):
            st.session_state.pop(LINK_CONFLICT)
            add_persona(saved.model_copy(deep=True, update={
                "id": Persona().id, "name": f"{saved.name} (from link)"[:120],
                "segment": shared, "changes": []}))
            st.rerun()
        if replace.button("Replace the saved segment", key="link_replace",
                          disabled=not belongs_to(saved, data)):
            st.session_state.pop(LINK_CONFLICT)
            choose_persona(persona_id)
            set_segment(shared)
            st.rerun()
        if keep.button("Keep the saved segment", key="link_keep"):
            st.session_state.pop(LINK_CONFLICT)
            st.rerun()


def set_segment(segment: Segment) -> None:
    """Give the persona being built this segment (the charts follow)."""
    set_persona(persona().model_copy(update={"segment": segment}))


def flash(message: str, icon: str = ":material/push_pin:") -> None:
    """A toast shown on the next run: callbacks and reruns happen before the page is drawn."""
    st.session_state[FLASH].append((message, icon))


def show_flash() -> None:
    while st.session_state[FLASH]:
        message, icon = st.session_state[FLASH].pop(0)
        st.toast(message, icon=icon)


@st.cache_resource(max_entries=16, show_spinner=False)
def _mask_for(key: tuple, segment_json: str, _content: bytes) -> pd.Series:
    return segment_mask(_survey_for(*key, _content), Segment.model_validate_json(segment_json))


def current_mask(data: Survey) -> pd.Series:
    """Who is in the persona's segment: computed once per file, mapping and segment (shared,
    so never changed in place)."""
    if data is not survey():
        return segment_mask(data, shown_segment())
    return _mask_for(_cache_key(), _segment_rule(), st.session_state[FILE_BYTES])


def shown_segment() -> Segment:
    """The segment the pages show: the persona's, or everyone while a persona of another
    survey is selected (its rule means nothing on this data)."""
    return Segment() if foreign() else persona().segment


def _segment_rule() -> str:
    """The shown segment as a cache key: who is in it, not what it is called."""
    return shown_segment().model_copy(update={"id": "", "name": ""}).model_dump_json()


@st.cache_resource(max_entries=600, show_spinner=False)
def _figure_for(key: tuple, kind: str, questions: tuple[str, ...], segment_json: str,
                name: str, pinned_json: tuple[str, ...], presenting: bool, _content: bytes,
                _mask: pd.Series) -> go.Figure:
    """One chart, kept until something it shows changes: after a pin only the chart with the
    pinned bar is drawn again. `_mask` is the segment that `segment_json` describes."""
    data = _survey_for(*key, _content)
    cols = [data.column(q) for q in questions]
    pinned = [Trait.model_validate_json(t) for t in pinned_json]
    style = PROJECTOR if presenting else LAPTOP
    if kind == "likert":
        return charts.likert_figure(data, cols, _mask, name, pinned=pinned, style=style)
    return charts.breakdown_figure(data, cols[0], _mask, name, pinned=pinned, style=style)


def presenting() -> bool:
    """Presentation mode: large type, editing chrome hidden. `?present=1` opens it; it is kept
    in the session too, since moving between pages clears a URL's parameters."""
    if st.query_params.get(PRESENT) == "1":
        st.session_state[PRESENT] = True
    return bool(st.session_state.get(PRESENT))


def set_presenting(on: bool) -> None:
    st.session_state[PRESENT] = on
    if on:
        st.query_params[PRESENT] = "1"
    else:
        st.query_params.pop(PRESENT, None)


def chart_style() -> ChartStyle:
    return PROJECTOR if presenting() else LAPTOP


def presentation_styles() -> None:
    if presenting():
        st.html(CSS)


def read_url() -> None:
    """Once per browser session: open the project, persona and segment a link names.
    When the link's segment differs from the saved persona's (an older link, say), nothing is
    written: `link_banner` asks whether to open it as a copy or replace the saved segment. A
    link from another machine whose persona is not here opens a new persona with that
    segment."""
    state = st.session_state
    if state.get(URL_READ):
        return
    state[URL_READ] = True
    params = st.query_params
    opened = _open_files().get(params.get(DATA_PARAM, ""))
    if opened is not None:
        use_file(*opened, token=params.get(DATA_PARAM))
    project = params.get(PROJECT_PARAM)
    if project and project != state[PROJECT]:
        open_project(project)
    wanted = params.get(PERSONA_PARAM)
    shared = segment_from_token(params.get(SEGMENT_PARAM, ""))
    if wanted in state[PERSONAS]:
        choose_persona(wanted)
        if shared is not None and not shared.same_rule(persona().segment):
            state[LINK_CONFLICT] = (wanted, shared)
    elif shared is not None:
        add_persona(Persona(name="Shared segment", segment=shared))


def write_url() -> None:
    """Keep the link in the address bar pointing at what is on screen."""
    params, current = st.query_params, persona()
    wanted = {PROJECT_PARAM: st.session_state[PROJECT], PERSONA_PARAM: current.id,
              SEGMENT_PARAM: segment_token(current.segment),
              PRESENT: "1" if presenting() else None, DATA_PARAM: st.session_state.get(FILE_TOKEN)}
    for key, value in wanted.items():
        if not value:
            params.pop(key, None)
        elif params.get(key) != value:
            params[key] = value


def names_key(names: dict[str, str]) -> str:
    return hashlib.sha1("\n".join(names.values()).encode()).hexdigest()[:10]


def presentation_bar() -> None:
    """In presentation mode the only controls: which persona, and the way out."""
    names = persona_names()
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    chosen = left.selectbox("Persona", list(names), index=list(names).index(persona().id),
                            format_func=names.get,
                            key=f"present_persona::{persona().id}::{names_key(names)}",
                            label_visibility="collapsed")
    if chosen != persona().id:
        choose_persona(chosen)
        st.rerun()
    if right.button("Exit presentation", icon=":material/close_fullscreen:", key="exit_present",
                    width="stretch"):
        set_presenting(False)
        st.rerun()


def persona_names() -> dict[str, str]:
    """Each persona's name for a picker; one of another survey says which."""
    return {p.id: p.name + (f" (built on {built_on(p)})" if foreign(p) else "")
            for p in personas()}


def persona_sidebar() -> None:
    """Which persona is being built, and a new one. The picker's key carries the names, so a
    rename shows at once (a picker keeps its choice by the text it showed)."""
    everyone = personas()
    names = persona_names()
    current = persona()
    chosen = st.sidebar.selectbox("Persona", list(names), index=list(names).index(current.id),
                                  format_func=names.get,
                                  key=f"persona_choice::{current.id}::{names_key(names)}")
    if chosen != current.id:
        choose_persona(chosen)
        st.rerun()
    new, present = st.sidebar.columns(2)
    if new.button("New persona", icon=":material/person_add:", key="new_persona"):
        add_persona(Persona(name=f"Persona {len(everyone) + 1}"))
        st.rerun()
    if present.button("Present", icon=":material/slideshow:", key="start_present",
                      help="Presentation mode: large type for a projector, editing hidden. "
                           "Links with ?present=1 open in it."):
        set_presenting(True)
        st.rerun()


def _touch_segment() -> None:
    st.session_state[SEGMENT_TOUCHED] = True


def data_key() -> str:
    """Changes with the file, its sheet and the column settings (labels included): widgets
    keyed on it start afresh on other data. A widget keeps its value by the text it showed,
    so one kept across a file or a relabel would pick another question that shows the same
    label ("Location"), or lose its tag."""
    return hashlib.sha1(repr(_cache_key()).encode()).hexdigest()[:10]


def segment_sidebar(data: Survey) -> None:
    """The persona's segment: quick filters on choice questions, its size always in view.
    Conditions made on the Segments page (numbers, text, multi-select 'all', suggested
    segments) are kept as they are and listed. Only the user's own change of a widget saves
    the segment; a persona of another survey is shown read-only."""
    current = persona()
    segment = current.segment
    touched = st.session_state.pop(SEGMENT_TOUCHED, False)
    st.sidebar.subheader("Segment")
    if foreign(current):
        st.sidebar.info(f"**{escape_markdown(current.name)}** is built on "
                        f"**{escape_markdown(built_on(current))}**: read-only while "
                        f"{escape_markdown(data.source)} is loaded. Load that survey again to "
                        "edit it, or start a *New persona* for this one.",
                        icon=":material/lock:")
        st.sidebar.caption(f":material/filter_alt: {escape_markdown(rule_words(segment))}")
        if current.segment_snapshot is not None:
            st.sidebar.caption(f"n = {current.segment_snapshot.n:,} of "
                               f"{current.segment_snapshot.total:,} respondents when built")
        return
    keyed = f"{current.id}::{digest(segment)}::{data_key()}"  # fresh widgets on any change
    filterable = [c for c in data.columns if c.kind in CHOICE_KINDS]
    labels = {c.name: c.label for c in filterable}
    quick = [c for c in segment.conditions
             if (c.question in labels and not c.contains and c.match == "any") or
             not data.has(c.question)]
    other = [c for c in segment.conditions if c not in quick]
    if segment.cluster is not None or other:
        for line in ([describe_segment(data, segment.model_copy(update={"conditions": []}))]
                     if segment.cluster is not None else []) + [
                condition_text(data, c) for c in other if c.is_set and data.has(c.question)]:
            st.sidebar.caption(f":material/filter_alt: {escape_markdown(line)}")
    picked = st.sidebar.multiselect(
        "Filter respondents by", [c.name for c in filterable] + [
            c.question for c in quick if c.question not in labels],
        default=[c.question for c in quick],
        format_func=lambda q: labels.get(q, f"{q} (not in this data)"),
        key=f"segment_questions::{keyed}", placeholder="Everyone: choose questions",
        on_change=_touch_segment,
    )
    conditions = []
    for question in picked:
        before = next((c.answers for c in quick if c.question == question), [])
        if question in labels:
            levels = data.column(question).levels
            answers = st.sidebar.multiselect(
                escape_markdown(labels[question]), levels,
                default=[a for a in before if a in levels],
                key=f"segment_answers::{question}::{keyed}", on_change=_touch_segment)
            absent = [a for a in before if a not in levels]
            if absent:
                st.sidebar.caption("Also kept, not in this data: "
                                   + escape_markdown(", ".join(absent)))
            answers = [*answers, *absent]
        else:
            st.sidebar.caption(f"'{escape_markdown(question)}' is not in this data: "
                               "this filter is skipped.")
            answers = before
        conditions.append(Condition(question=question, answers=answers))
    conditions += other
    combine = segment.combine
    if len(conditions) > 1:
        combine = st.sidebar.radio(
            "Respondents must match", ["all", "any"], horizontal=True,
            index=0 if segment.combine == "all" else 1,
            format_func=lambda v: f"{v} filters", key=f"segment_combine::{keyed}",
            on_change=_touch_segment)
    if touched and (conditions != segment.conditions or combine != segment.combine):
        set_segment(segment.model_copy(update={"conditions": conditions, "combine": combine}))
        st.rerun()
    mask = current_mask(data)
    n = int(mask.sum())
    st.sidebar.metric("Respondents in segment", f"{n:,}", segment_share_text(n, data.n),
                      delta_color="off", delta_arrow="off")
    if 0 < n < 10:
        st.sidebar.warning(f"Only {n} respondents match: too few to say much about them.")
    elif n == 0:
        st.sidebar.error("No respondents match these filters.")


def pinned_sidebar(data: Survey) -> None:
    """The card as it grows: every pinned trait with its evidence in the segment now, so a
    click on a bar shows up here at once, on the page where it was made. A persona of another
    survey shows its evidence as pinned."""
    current = persona()
    st.sidebar.subheader(f"Pinned to {escape_markdown(current.name)}")
    if not current.pinned:
        st.sidebar.caption("Nothing yet: click a bar to pin that answer.")
    if foreign(current):
        for item in current.pinned:
            st.sidebar.markdown(f":material/push_pin: **{escape_markdown(trait_words(item))}**"
                                f"  \n{escape_markdown(snapshot_text(item))}")
    else:
        mask = current_mask(data)
        for item in current.pinned:
            evidence = trait_evidence(data, item.trait, mask)
            label = escape_markdown(trait_label(data, item.trait))
            st.sidebar.markdown(f":material/push_pin: **{label}**  \n"
                                f"{escape_markdown(evidence_short(evidence))}",
                                help=evidence_text(evidence))
    st.sidebar.page_link("pages/persona.py", label="Open the persona card", icon=":material/badge:")


def trait_words(item: PinnedTrait) -> str:
    """A pinned trait by its question's wording, for when its survey is not loaded."""
    return trait_label(None, item.trait)


def snapshot_text(item: PinnedTrait) -> str:
    """Its evidence as kept when it was pinned."""
    snap = item.snapshot
    if snap is None or snap.status != "ok" or snap.share is None:
        return "no evidence kept from when it was pinned"
    overall = (f" · everyone {snap.share_overall:.0%}" if snap.share_overall is not None
               else "")
    return f"{snap.share:.0%} of n={snap.n:,} when pinned ({snap.taken_at:%Y-%m-%d}){overall}"


def segment_share_text(n: int, total: int) -> str:
    if not total:
        return "no respondents"
    if n == total:
        return f"all {total:,}"
    low, high = wilson_interval(n, total)
    return f"{n / total:.0%} of {total:,} (95% CI {low:.0%}–{high:.0%})"


def segment_caption(data: Survey) -> None:
    if foreign():
        st.caption(f"Showing all {data.n:,} respondents. **{escape_markdown(persona().name)}** "
                   f"is built on {escape_markdown(built_on(persona()))} and is read-only here; "
                   "start a *New persona* in the sidebar to build one on this survey.")
        return
    if persona().segment.is_everyone:
        st.caption(f"Showing all {data.n:,} respondents." + ("" if presenting() else
                   " Filter a segment in the sidebar to see it beside everyone. Click a bar to "
                   "pin that trait to the persona."))
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
    if foreign(current):
        flash(f"{escape_markdown(current.name)} is built on {escape_markdown(built_on(current))}"
              " and is read-only here: start a New persona to pin traits of this survey.",
              icon=":material/lock:")
        return
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
    if not presenting():
        pin_picker(data, groups, key=pin_key)
    if len(groups) > charts.PAGE_SIZE:
        groups = one_page_of(groups, key=pin_key)
    chart_grid(data, groups, columns=1 if presenting() else 2)


def one_page_of(groups: list[tuple[str, list]], key: str) -> list[tuple[str, list]]:
    """A wide survey's charts a page at a time, with a search over questions and answers."""
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    query = left.text_input("Find a question", key=f"{key}::find",
                            placeholder="a word from a question or its answers")
    found = charts.matching_groups(groups, query)
    if not found:
        st.info("No question or answer mentions that. Try another word.")
        return []
    pages = charts.chart_pages(found)
    if len(pages) == 1:
        return pages[0][1]
    names = [name for name, _ in pages]
    chosen = right.selectbox(f"{len(found)} charts, {len(pages)} pages", names,
                             key=f"{key}::page::{query}")
    return dict(pages)[chosen]


def chart_grid(data: Survey, groups: list[tuple[str, list]], columns: int = 2) -> None:
    """Each question's chart, clickable: a click on a bar pins that answer as a trait.
    Bar charts fill a grid row by row; Likert batteries take a full row of their own."""
    mask = current_mask(data)
    name = persona().name
    pinned = [p.trait for p in persona().pinned]
    data_key, rule, content = _cache_key(), _segment_rule(), st.session_state[FILE_BYTES]
    cells: list = []
    for kind, cols in groups:
        questions = tuple(c.name for c in cols)
        shown = tuple(sorted(t.model_dump_json() for t in pinned if t.question in questions))
        fig = _figure_for(data_key, kind, questions, rule, name, shown, presenting(), content,
                          mask)
        if kind == "likert":
            place = st.container()
            cells = []
        else:
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
