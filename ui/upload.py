"""Opening a file: an upload (or the sample) becomes the current file, and uploads stay open
under a token the link carries."""

from __future__ import annotations

import hashlib
import secrets
from collections import OrderedDict

import streamlit as st

from persona_lib.load import SurveyLoadError
from persona_lib.mapping import SurveyMapping
from ui.state import (
    FILE_BYTES, FILE_DIGEST, FILE_NAME, FILE_SHEET, FILE_TOKEN, LOAD_ERROR, MAPPING, SAMPLE_PATH,
    _table_for, flash, mapping_store,
)

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
