"""Session state named in one place, and the cached reading of the current file.

Session state is small and named here only: the current file (bytes, name, content hash,
sheet), the column mapping for it, the project, its personas with the version of each this
tab last saved, which one is being built, a save conflict waiting for a choice, the last load
error, the last upload handled, the last segment search, and toasts waiting to be shown.
Everything else is derived from those each run. Personas are saved on every change
(persona_lib.store), so a refresh or a restart loses nothing.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pydantic
import streamlit as st
from pydantic import BaseModel

import persona_lib
from persona_lib.formats import Table
from persona_lib.infer import build_survey
from persona_lib.load import load_table
from persona_lib.mapping import SurveyMapping
from persona_lib.store import MappingStore, PersonaStore
from persona_lib.survey import Survey

T = TypeVar("T")
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
LOAD_ERROR = "load_error"
UPLOAD_SEEN = "upload_seen"
FLASH = "flash"

# What a link carries (st.query_params): the page is in the path; these say the rest.
PRESENT, PROJECT_PARAM, PERSONA_PARAM, SEGMENT_PARAM = "present", "project", "persona", "segment"
DATA_PARAM = "data"
# (PRESENT also names the session-state flag behind it: see `ui.presentation.presenting`.)


# Tables and surveys are shared, never copied: st.cache_data would unpickle a fresh copy of a
# million-row survey on every rerun. Nothing may change them in place (the library never does).
@st.cache_resource(show_spinner="Reading the file…", max_entries=4)
def _table_for(digest: str, name: str, sheet: str | None, _content: bytes) -> Table:
    """Keyed on a hash of the content, not the bytes themselves (hashing big args is slow)."""
    return _sample_kept(digest, ("table", name, sheet),
                        lambda: load_table(_content, name, sheet, digest=digest))


@st.cache_resource(show_spinner="Working out what each column is…", max_entries=8)
def _survey_for(digest: str, name: str, sheet: str | None, mapping_json: str,
                _content: bytes) -> Survey:
    def build() -> Survey:
        table = _table_for(digest, name, sheet, _content)
        return build_survey(table, source=name,
                            mapping=SurveyMapping.model_validate_json(mapping_json))

    return _sample_kept(digest, ("survey", name, sheet, mapping_json), build)


# The bundled sample as read and inferred on an earlier start, so a fresh server's first page
# skips that work. Kept beside the sample, in the app's own folder (a pickle is code to
# whoever can write it: never in the data folder, which may be shared). Uploads are never
# written to disk.
SAMPLE_KEPT = SAMPLE_PATH.parent / ".cache"


@functools.cache
def _sample_digest() -> str:
    return hashlib.sha256(SAMPLE_PATH.read_bytes()).hexdigest()


@functools.cache
def _code_version() -> str:
    """Changes with any change to the library's code or to the libraries its results hold."""
    code = hashlib.sha256(f"{sys.version} {np.__version__} {pd.__version__} {pa.__version__} "
                          f"{pydantic.VERSION}".encode())
    for path in sorted(Path(persona_lib.__file__).parent.glob("*.py")):
        code.update(path.name.encode() + path.read_bytes())
    return code.hexdigest()


def _sample_kept(digest: str, call: tuple, build: Callable[[], T]) -> T:
    """`build()`, read back from SAMPLE_KEPT when it is the sample's and this code wrote it
    before; anything else is built every time."""
    if digest != _sample_digest():
        return build()
    version = _code_version()[:16]
    key = hashlib.sha256(repr((digest, call)).encode()).hexdigest()[:32]
    path = SAMPLE_KEPT / f"{version}-{key}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - none kept yet, or unreadable: build it again
        pass
    value = build()
    try:
        SAMPLE_KEPT.mkdir(exist_ok=True)
        for old in SAMPLE_KEPT.glob("*.pickle"):  # written by other code
            if not old.name.startswith(version):
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=SAMPLE_KEPT, suffix=".tmp")
    except OSError:  # a read-only install: built on every start
        return value
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - keeping a copy must never break the page
        Path(tmp).unlink(missing_ok=True)
    return value


def _cache_key() -> tuple[str, str, str | None, str]:
    state = st.session_state
    return state[FILE_DIGEST], state[FILE_NAME], state[FILE_SHEET], state[MAPPING].model_dump_json()


def data_key() -> str:
    """Changes with the file, its sheet and the column settings (labels included): widgets
    keyed on it start afresh on other data. A widget keeps its value by the text it showed,
    so one kept across a file or a relabel would pick another question that shows the same
    label ("Location"), or lose its tag."""
    return hashlib.sha1(repr(_cache_key()).encode()).hexdigest()[:10]


def digest(model: BaseModel) -> str:
    """A short content hash, for widget keys that must start afresh when the model changes."""
    return hashlib.sha1(model.model_dump_json().encode()).hexdigest()[:10]


def mapping_store() -> MappingStore:
    return MappingStore()


@st.cache_resource
def store() -> PersonaStore | None:
    """One connection pool for the whole app; None when the database cannot be opened."""
    try:
        return PersonaStore()
    except Exception as exc:  # noqa: BLE001 - the app must still work, in this tab only
        st.session_state[STORE_ERROR] = f"{type(exc).__name__}: {exc}"
        return None


def flash(message: str, icon: str = ":material/push_pin:") -> None:
    """A toast shown on the next run: callbacks and reruns happen before the page is drawn."""
    st.session_state[FLASH].append((message, icon))


def show_flash() -> None:
    while st.session_state[FLASH]:
        message, icon = st.session_state[FLASH].pop(0)
        st.toast(message, icon=icon)
