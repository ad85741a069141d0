"""What the pages compute from the survey, cached on the file, the mapping and the segment:
who is in the segment, what sets it apart, the persona's card, suggested segments and how
stable they are."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

import numpy as np
import pandas as pd
import streamlit as st

from persona_lib.clusters import Progress, find_segments, held_out, segment_traits
from persona_lib.distinctive import (
    Crosstab, beside_the_rule, distinctive_traits, independence, questions_beside_the_rule,
)
from persona_lib.drift import PersonaDrift, persona_drift
from persona_lib.economics import WorthSettings
from persona_lib.models import ClusterModel, Persona, Segment
from persona_lib.persona import Card, build_card
from persona_lib.segments import segment_mask
from persona_lib.stats import DEFAULT_MIN_N
from persona_lib.store import CostStore, ThemeStore
from persona_lib.survey import Survey
from persona_lib.themes import SavedThemes
from persona_lib.trust import Stability, cluster_stability
from ui.session import foreign, persona, survey
from ui.state import FILE_BYTES, _cache_key, _survey_for


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


@st.cache_data(show_spinner="Comparing the segment with the rest…", max_entries=32)
def _traits_for(key: tuple, segment_json: str, compare: str, min_n: int, _content: bytes
                ) -> pd.DataFrame:
    data = _survey_for(*key, _content)
    segment = Segment.model_validate_json(segment_json)
    if segment.cluster is not None:  # tested on respondents its model was not fitted on
        rule = segment_mask(data, segment.model_copy(update={"cluster": None})).to_numpy()
        return segment_traits(data, segment.cluster.model, segment.cluster.index, min_n,
                              compare=compare, rule=rule)
    return beside_the_rule(distinctive_traits(
        data, segment_mask(data, segment), compare=compare, min_n=min_n,
        questions=questions_beside_the_rule(data, segment)), segment)


def distinctive(segment: Segment, compare: str = "rest", min_n: int = DEFAULT_MIN_N
                ) -> pd.DataFrame:
    """What sets this segment apart, cached on the file, the mapping and the segment rule."""
    rule = segment.model_copy(update={"id": "", "name": ""}).model_dump_json()
    return _traits_for(_cache_key(), rule, compare, min_n, st.session_state[FILE_BYTES])


@st.cache_data(show_spinner=False, max_entries=64)
def _independence_for(key: tuple, rows: str, columns: str, counts: np.ndarray, _content: bytes,
                      _table: Crosstab) -> str:
    return independence(_survey_for(*key, _content), _table, rows, columns).sentence()


def independence_sentence(table: Crosstab, rows: str, columns: str) -> str:
    """Whether the two questions go together, cached on the crosstab's counts: its shuffles
    (a sparse table) take a fifth of a second, and switching row and column percentages, or
    coming back to the page, leaves the counts as they were."""
    return _independence_for(_cache_key(), rows, columns, table.counts,
                             st.session_state[FILE_BYTES], table)


@st.cache_data(show_spinner=False, max_entries=64)
def _card_for(key: tuple, persona_json: str, worth_json: str, themes_json: str, _content: bytes
              ) -> Card:
    return build_card(_survey_for(*key, _content), Persona.model_validate_json(persona_json),
                      worth=WorthSettings.model_validate_json(worth_json),
                      themes=SavedThemes.model_validate_json(themes_json).questions)


def worth_settings() -> WorthSettings:
    """The worth-it questions and channel costs saved for this survey (the Worth it page)."""
    data = survey()
    return CostStore().get(data.fingerprint).settings(data)


def saved_themes() -> SavedThemes:
    """The themes the team edited on What they say for this survey (the card uses them too)."""
    return ThemeStore().get(survey().fingerprint)


def card(value: Persona) -> Card:
    """The persona's card on the current data, built once per version of the persona."""
    return _card_for(_cache_key(), value.model_dump_json(), worth_settings().model_dump_json(),
                     saved_themes().model_dump_json(), st.session_state[FILE_BYTES])


@st.cache_data(show_spinner=False, max_entries=64)
def _drift_for(key: tuple, persona_json: str, _content: bytes) -> PersonaDrift:
    return persona_drift(_survey_for(*key, _content), Persona.model_validate_json(persona_json))


def drift(value: Persona) -> PersonaDrift:
    """Then and now for the persona on the current data, worked out once per version of it."""
    return _drift_for(_cache_key(), value.model_dump_json(), st.session_state[FILE_BYTES])


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
