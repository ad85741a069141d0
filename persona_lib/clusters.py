"""Suggested segments: groups of respondents who answered alike, found by clustering.

Each chosen question becomes numbers so that two respondents who gave different answers to
one question are one unit apart on it: a choice is one-hot coded and scaled by 1/sqrt(2), each
option of a multi-select is 0/1, a scale is its position from 0 to 1, and a number its
percentile rank from 0 to 1 (so outliers do not dominate). Unanswered questions take the
average. The coded answers are projected on their first principal components (at most 10),
which removes noise, and k-means runs there. k is the one from 2 to 8 with the highest mean
silhouette (how much closer respondents are to their own group than to the next), computed on
up to 5,000 respondents; or the user sets k. The same seed gives the same segments.
Above 20,000 respondents each candidate k is fitted with mini-batch k-means (every respondent,
in batches) and the chosen one is then refined by full k-means from those centres, so a
million respondents cost seconds, not minutes; every respondent is used for every fit.

The fitted `ClusterModel` keeps the coding, projection and centres, so a fresh wave of the same
survey can be assigned to the same segments.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from pydantic import BaseModel
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

from persona_lib.distinctive import distinctive_traits, top_traits
from persona_lib.models import (
    CHARTABLE_KINDS, ClusterModel, ClusterRef, FeatureSpec, Kind, Persona, Role, Segment,
)
from persona_lib.persona import pin, working_name
from persona_lib.survey import Survey

K_RANGE = range(2, 9)
MAX_COMPONENTS = 10
SILHOUETTE_SAMPLE = 5_000
FULL_KMEANS_UP_TO = 20_000
CRITERION = ("highest mean silhouette for k from 2 to 8 (on up to 5,000 respondents), "
             "k-means on at most 10 principal components")
Progress = Callable[[float, str], None]


class SuggestedSegment(BaseModel):
    segment: Segment
    size: int
    share: float


def default_questions(survey: Survey) -> list[str]:
    """What respondents said about themselves and their behaviour: every charted question."""
    return [c.name for c in survey.columns if c.kind in CHARTABLE_KINDS
            and c.role in (Role.demographic, Role.behaviour, Role.attitude)]


def feature_specs(survey: Survey, questions: list[str]) -> list[FeatureSpec]:
    specs = []
    for name in questions:
        col = survey.column(name)
        if col.kind not in CHARTABLE_KINDS:
            continue
        spec = FeatureSpec(question=name, kind=col.kind, levels=list(col.levels))
        columns = _encode_one(survey, spec)
        fill = np.nanmean(columns, axis=0) if np.isfinite(columns).any() else np.zeros(
            columns.shape[1])
        update: dict = {"fill": [float(v) if np.isfinite(v) else 0.0 for v in np.atleast_1d(fill)]}
        if col.kind == Kind.numeric:
            values = survey.data[name].dropna().to_numpy(dtype=float)
            update["ranks"] = [float(v) for v in np.quantile(values, np.linspace(0, 1, 101))] \
                if values.size else [0.0, 1.0]
        specs.append(spec.model_copy(update=update))
    return specs


def _encode_one(survey: Survey, spec: FeatureSpec) -> np.ndarray:
    """One question as columns of numbers, NaN where the respondent did not answer."""
    if not survey.has(spec.question):
        width = 1 if spec.kind in (Kind.ordinal, Kind.numeric) else max(1, len(spec.levels))
        return np.full((survey.n, width), np.nan)
    values = survey.data[spec.question]
    if spec.kind == Kind.multi_choice:
        table = survey.options[spec.question].reindex(columns=spec.levels, fill_value=False)
        out = table.to_numpy(dtype=float, copy=True)
        out[~survey.answered(spec.question).to_numpy()] = np.nan
        return out
    if spec.kind == Kind.numeric:
        numbers = values.to_numpy(dtype=float)
        if spec.ranks:
            return (np.interp(numbers, spec.ranks, np.linspace(0, 1, len(spec.ranks))))[:, None]
        return pd.Series(numbers).rank(pct=True).to_numpy()[:, None]
    position = pd.Categorical(values.astype("str"), categories=spec.levels).codes.astype(float)
    position[position < 0] = np.nan
    if spec.kind == Kind.ordinal:
        return (position / max(1, len(spec.levels) - 1))[:, None]
    out = np.zeros((survey.n, len(spec.levels)))
    known = ~np.isnan(position)
    out[np.flatnonzero(known), position[known].astype(int)] = 1 / np.sqrt(2)
    out[~known] = np.nan
    return out


def encode(survey: Survey, specs: list[FeatureSpec]) -> np.ndarray:
    """Every respondent as a row of numbers, unanswered questions filled with the average."""
    blocks = []
    for spec in specs:
        columns = _encode_one(survey, spec)
        fill = np.asarray(spec.fill if len(spec.fill) == columns.shape[1] else
                          np.zeros(columns.shape[1]))
        blocks.append(np.where(np.isnan(columns), fill, columns))
    return np.hstack(blocks) if blocks else np.zeros((survey.n, 0))


def find_segments(survey: Survey, questions: list[str] | None = None, k: int | None = None,
                  seed: int = 0, progress: Progress | None = None
                  ) -> tuple[ClusterModel, np.ndarray]:
    """Cluster the respondents; returns the fitted model and each respondent's segment index."""
    report = progress or (lambda fraction, message: None)
    specs = feature_specs(survey, questions or default_questions(survey))
    if not specs:
        raise ValueError("Choose at least one question to find segments on.")
    if survey.n < 2 * min(K_RANGE):
        raise ValueError(f"Finding segments needs more respondents than {survey.n}.")
    report(0.05, "Coding the answers")
    coded = encode(survey, specs)
    components = min(MAX_COMPONENTS, coded.shape[1], survey.n - 1)
    pca = PCA(n_components=components, random_state=seed).fit(coded)
    projected = pca.transform(coded)
    candidates = [k] if k else [c for c in K_RANGE if c < survey.n]
    rng = np.random.default_rng(seed)
    sample = rng.choice(survey.n, size=min(SILHOUETTE_SAMPLE, survey.n), replace=False)
    scores: dict[int, float] = {}
    fits: dict[int, KMeans | MiniBatchKMeans] = {}
    for i, c in enumerate(candidates):
        report(0.1 + 0.8 * i / len(candidates), f"Trying {c} segments")
        if survey.n <= FULL_KMEANS_UP_TO:
            fitted = KMeans(n_clusters=c, n_init=4, random_state=seed).fit(projected)
        else:
            fitted = MiniBatchKMeans(n_clusters=c, n_init=4, batch_size=4096,
                                     random_state=seed).fit(projected)
        fits[c] = fitted
        labels = fitted.labels_[sample]
        scores[c] = float(silhouette_score(projected[sample], labels)) \
            if len(set(labels)) > 1 else -1.0
    best = k or max(scores, key=lambda c: (scores[c], -c))
    chosen = fits[best]
    if isinstance(chosen, MiniBatchKMeans):
        report(0.92, f"Refining {best} segments")
        chosen = KMeans(n_clusters=best, init=chosen.cluster_centers_, n_init=1,
                        random_state=seed).fit(projected)
    order = np.argsort(-np.bincount(chosen.labels_, minlength=best))  # largest segment first
    relabel = np.empty(best, dtype=int)
    relabel[order] = np.arange(best)
    report(1.0, f"Found {best} segments")
    model = ClusterModel(
        features=specs, mean=[float(v) for v in pca.mean_],
        components=[[float(v) for v in row] for row in pca.components_],
        centroids=[[float(v) for v in chosen.cluster_centers_[i]] for i in order],
        k=best, seed=seed, criterion="set by you" if k else CRITERION, scores=scores,
        fingerprint=survey.fingerprint,
    )
    return model, relabel[chosen.labels_]


def assign(survey: Survey, model: ClusterModel) -> np.ndarray:
    """Each respondent's nearest segment centre (works on a fresh wave of the same survey)."""
    coded = encode(survey, model.features)
    projected = (coded - np.asarray(model.mean)) @ np.asarray(model.components).T
    centres = np.asarray(model.centroids)
    distances = ((projected[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    return distances.argmin(axis=1)


def suggested_segments(survey: Survey, model: ClusterModel, labels: np.ndarray | None = None
                       ) -> list[SuggestedSegment]:
    labels = assign(survey, model) if labels is None else labels
    found = []
    for i in range(model.k):
        size = int((labels == i).sum())
        segment = Segment(name=f"Suggested segment {i + 1}",
                          cluster=ClusterRef(model=model, index=i))
        found.append(SuggestedSegment(segment=segment, size=size,
                                      share=size / survey.n if survey.n else 0.0))
    return found


def draft_persona(survey: Survey, suggested: SuggestedSegment, traits: int = 5,
                  name: str | None = None) -> Persona:
    """A persona for a suggested segment, its top distinctive answers already pinned."""
    mask = pd.Series(assign(survey, suggested.segment.cluster.model)
                     == suggested.segment.cluster.index, index=survey.data.index)
    top = top_traits(distinctive_traits(survey, mask), traits)
    name = name or working_name(top)
    persona = Persona(name=name, segment=suggested.segment.model_copy(update={"name": name}))
    for trait in top:
        persona = pin(persona, survey, trait, origin="suggested")
    return persona
