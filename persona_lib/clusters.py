"""Suggested segments: are there groups in the answers at all, and if so, which?

Latent class analysis (`persona_lib.latent`) models the choice, scale and multi-select answers
directly: a choice or a scale is one categorical answer, each option of a multi-select is
chosen or not, a number falls in one of five bands (its quintiles). It is fitted with k = 1 to
8 classes on a seeded random half of the respondents (at most MAX_FIT of them) and k is the
one with the lowest BIC (the search stops once two more classes than the best have not
lowered it). One class, everyone alike, is always a candidate, so the answer can
be "no distinct groups". The verdict (`structure`) is made before any segment is offered:

- none: BIC prefers one group, or the chosen classes do not predict the other half's answers
  better than one group does;
- clear: several groups, and respondents of the other half sit clearly in one (entropy R2 at
  least CLEAR_ENTROPY);
- weak: several groups, but many respondents sit between them.

Everyone is then assigned by their membership probabilities; below MIN_MEMBERSHIP a respondent
is "between groups", in no segment. A k set by the user is fitted as well, but the verdict is
always the one above.

Traits of a suggested segment are tested only on respondents the model was not fitted on, and
for each question with the membership computed without that question's answers
(`held_out_labels`): the group is then not defined by the answer being tested, so on answers
with no groups nothing comes out beyond noise (sample splitting, plus leaving the tested
question out, which latent classes make exact and cheap).

Older personas carry k-means models (`KMEANS`); `assign` still places respondents in them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from pydantic import BaseModel

from persona_lib import latent
from persona_lib.distinctive import distinctive_traits, questions_to_compare
from persona_lib.models import (
    CHARTABLE_KINDS, KMEANS, LATENT_CLASSES, ClusterModel, ClusterRef, Column, FeatureSpec, Kind,
    Role, Segment, Stability,
)
from persona_lib.stats import DEFAULT_MIN_N
from persona_lib.survey import Survey

K_RANGE = range(1, 9)
MAX_FIT = 5_000
BANDS = 5
MIN_MEMBERSHIP = 0.5
CLEAR_ENTROPY = 0.8
RARE_SHARE = 0.02  # answers given by fewer of a question's respondents are not grouped on
RESAMPLES = 20
CRITERION = ("lowest BIC of latent class models with 1 to 8 groups, fitted on a random half "
             "of the respondents (answers fewer than 2% of a question's respondents gave are "
             "left out)")
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
    """What the groups are found on: each question's answers, those given by fewer than
    RARE_SHARE of its respondents left out of a choice or a multi-select (counted as no
    answer). A real survey's long tails (76 countries, 190 tools typed in 'Other') made a
    group cost so many parameters that BIC never found one (the data visualisation
    community's 1,359 answers, holdout 21)."""
    specs = []
    for name in questions:
        col = survey.column(name)
        if col.kind not in CHARTABLE_KINDS:
            continue
        levels = list(col.levels)
        if col.kind in (Kind.single_choice, Kind.multi_choice):
            levels = _common_answers(survey, col)
            if len(levels) < (1 if col.kind == Kind.multi_choice else 2):
                continue
        spec = FeatureSpec(question=name, kind=col.kind, levels=levels)
        if col.kind == Kind.numeric:
            values = survey.data[name].dropna().to_numpy(dtype=float)
            inner = np.unique(np.quantile(values, np.linspace(0, 1, BANDS + 1)[1:-1])) \
                if values.size else np.array([])
            spec = spec.model_copy(update={"edges": [float(v) for v in inner]})
        specs.append(spec)
    return specs


def _common_answers(survey: Survey, column: Column) -> list[str]:
    """The column's answers (options) given by at least RARE_SHARE of those who answered."""
    answered = int(survey.answered(column.name).sum())
    if column.kind == Kind.multi_choice:
        counts = survey.options[column.name].sum()
    else:
        counts = survey.data[column.name].value_counts()
    return [lv for lv in column.levels if counts.get(lv, 0) >= RARE_SHARE * answered]


def indicators(specs: list[FeatureSpec]) -> tuple[tuple[int, ...], list[int]]:
    """How many answers each indicator has, and which question (spec) each belongs to."""
    levels, owner = [], []
    for i, spec in enumerate(specs):
        if spec.kind == Kind.multi_choice:
            levels += [2] * len(spec.levels)
            owner += [i] * len(spec.levels)
        elif spec.kind == Kind.numeric:
            levels.append(len(spec.edges) + 1)
            owner.append(i)
        else:
            levels.append(max(1, len(spec.levels)))
            owner.append(i)
    return tuple(levels), owner


def answer_matrix(survey: Survey, specs: list[FeatureSpec]) -> np.ndarray:
    """Respondents x indicators: the code of the answer given, -1 where none."""
    blocks = []
    for spec in specs:
        width = len(spec.levels) if spec.kind == Kind.multi_choice else 1
        if not survey.has(spec.question):
            blocks.append(np.full((survey.n, width), -1, dtype=np.int32))
            continue
        values = survey.data[spec.question]
        if spec.kind == Kind.multi_choice:
            table = survey.options[spec.question].reindex(columns=spec.levels, fill_value=False)
            codes = table.to_numpy(dtype=np.int32, copy=True)
            codes[~survey.answered(spec.question).to_numpy()] = -1
        elif spec.kind == Kind.numeric:
            numbers = values.to_numpy(dtype=float)
            codes = np.searchsorted(np.asarray(spec.edges), numbers, side="right")
            codes = np.where(np.isnan(numbers), -1, codes).astype(np.int32)[:, None]
        elif isinstance(values.dtype, pd.CategoricalDtype):  # map category codes, not text
            categories = list(values.cat.categories)
            lookup = np.array([spec.levels.index(c) if c in spec.levels else -1
                               for c in categories] + [-1], dtype=np.int32)
            codes = lookup[values.cat.codes.to_numpy()][:, None]  # code -1 reads the last
        else:
            codes = pd.Categorical(values.astype("str"), categories=spec.levels).codes
            codes = codes.astype(np.int32)[:, None]
        blocks.append(codes)
    return np.hstack(blocks) if blocks else np.zeros((survey.n, 0), dtype=np.int32)


def fit_positions(n: int, seed: int) -> np.ndarray:
    """The respondents (by position) a model is fitted on: a seeded random half, at most
    MAX_FIT. The others are the held-out half that traits are tested on."""
    return np.sort(np.random.default_rng(seed).permutation(n)[:min(MAX_FIT, n // 2)])


def held_out(survey: Survey, model: ClusterModel) -> np.ndarray:
    """Respondents the model was not fitted on: all of them on other data (a fresh wave)."""
    out = np.ones(survey.n, dtype=bool)
    if model.fit_digest and model.fit_digest == survey.digest and model.respondents == survey.n:
        out[fit_positions(survey.n, model.seed)] = False
    return out


def _classes(model: ClusterModel) -> latent.LatentClasses:
    levels, _ = indicators(model.features)
    return latent.LatentClasses(np.asarray(model.weights), np.asarray(model.theta), levels,
                                0.0, 0, 0)


def _labels(post: np.ndarray, min_membership: float) -> np.ndarray:
    top = post.argmax(axis=1)
    return np.where(post.max(axis=1) >= min_membership, top, -1)


def membership(survey: Survey, model: ClusterModel) -> np.ndarray:
    """Each respondent's probability of each segment (respondents x k)."""
    fitted = _classes(model)
    return latent.posterior(answer_matrix(survey, model.features), fitted.weights,
                            fitted.theta, fitted.levels)


def assign(survey: Survey, model: ClusterModel) -> np.ndarray:
    """Each respondent's segment (works on a fresh wave of the same survey); -1 for someone
    between groups (no membership probability reaches MIN_MEMBERSHIP)."""
    if model.method == KMEANS:
        return _kmeans_assign(survey, model)
    return _labels(membership(survey, model), model.min_membership)


def held_out_labels(survey: Survey, model: ClusterModel, questions: list[str]
                    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Who the model was not fitted on, and for each question every respondent's segment
    computed without that question's answers (-1: between groups). A question the model
    does not use gets the ordinary segment."""
    base = held_out(survey, model)
    if model.method == KMEANS:
        labels = _kmeans_assign(survey, model)
        return base, {q: labels for q in questions}
    fitted = _classes(model)
    codes = answer_matrix(survey, model.features)
    joint = latent.joint_log(codes, fitted.weights, fitted.theta, fitted.levels)
    full = _labels(latent.normalise(joint), model.min_membership)
    _, owner = indicators(model.features)
    names = [f.question for f in model.features]
    out = {}
    for q in questions:
        if q not in names:
            out[q] = full
            continue
        spec = names.index(q)
        dropped = [j for j, o in enumerate(owner) if o == spec]
        reduced = joint - latent.contributions(codes, fitted.theta, fitted.levels, dropped)
        out[q] = _labels(latent.normalise(reduced), model.min_membership)
    return base, out


def segment_traits(survey: Survey, model: ClusterModel, index: int,
                   min_n: int = DEFAULT_MIN_N, questions: list[str] | None = None,
                   compare: str = "rest", rule: np.ndarray | None = None) -> pd.DataFrame:
    """What sets suggested segment `index` apart (ANDed with `rule`, a segment's conditions),
    tested on the respondents the model was not fitted on, each question with membership
    that ignores its own answers."""
    questions = questions or questions_to_compare(survey)
    base, labels = held_out_labels(survey, model, questions)
    rule = np.ones(survey.n, dtype=bool) if rule is None else np.asarray(rule, dtype=bool)
    full = pd.Series((assign(survey, model) == index) & rule, index=survey.data.index)
    return distinctive_traits(survey, full, compare=compare, min_n=min_n, questions=questions,
                              among=base,
                              by_question={q: (v == index) & rule for q, v in labels.items()})


def _verdict_words(structure: str, best: int, bic: dict[int, float], entropy: float,
                   gain: float) -> str:
    lower = bic[1] - bic[best]
    if structure == "none":
        if best == 1:
            second = min((c for c in bic if c > 1), key=bic.get, default=None)
            more = (f" (the best split, into {second}, scores {bic[second] - bic[1]:,.0f} "
                    "worse on BIC)") if second else ""
            return ("No distinct groups: one group of everyone explains the answers best"
                    f"{more}. Build segments by hand on the Segments page instead.")
        return (f"No distinct groups: {best} groups fit the half they were found on, but do "
                "not predict the other half's answers better than one group. Build segments "
                "by hand on the Segments page instead.")
    clearly = (f"{entropy:.0%} certainty of membership (1 = each respondent surely in one "
               "group)")
    if structure == "clear":
        return (f"Clear groups: {best} groups explain the answers far better than one "
                f"(BIC {lower:,.0f} lower) and predict the other half's answers better "
                f"({gain:.2f} log-likelihood per respondent); respondents mostly sit clearly "
                f"in one group: {clearly}.")
    return (f"Weak groups: {best} groups explain the answers better than one (BIC "
            f"{lower:,.0f} lower), but many respondents sit between them: {clearly} (clear "
            f"needs {CLEAR_ENTROPY:.0%}). Treat these segments as a starting point.")


def find_segments(survey: Survey, questions: list[str] | None = None, k: int | None = None,
                  seed: int = 0, progress: Progress | None = None
                  ) -> tuple[ClusterModel, np.ndarray]:
    """Decide whether the answers have groups and find them; returns the fitted model and
    each respondent's segment index (-1: between groups). With no groups and no k set, the
    model has one segment: everyone."""
    report = progress or (lambda fraction, message: None)
    specs = feature_specs(survey, questions or default_questions(survey))
    if not specs:
        raise ValueError("Choose at least one question to find segments on.")
    if survey.n < 20:
        raise ValueError(f"Finding segments needs more respondents than {survey.n}.")
    report(0.02, "Coding the answers")
    codes = answer_matrix(survey, specs)
    levels, _ = indicators(specs)
    fit_rows = fit_positions(survey.n, seed)
    rest = np.ones(survey.n, dtype=bool)
    rest[fit_rows] = False
    fits: dict[int, latent.LatentClasses] = {}
    for c in K_RANGE:  # stop once two more groups than the best so far have not lowered BIC
        if fits and c >= min(fits, key=lambda d: fits[d].bic) + 3:
            break
        report(0.05 + 0.55 * (c - 1) / len(K_RANGE), f"Trying {c} group{'s' * (c > 1)}")
        fits[c] = latent.fit(codes[fit_rows], levels, c, seed=seed)
    bic = {c: float(f.bic) for c, f in fits.items()}
    best = min(bic, key=lambda c: (bic[c], c))
    for c in {k, best + 1} - set(fits) - {None}:
        if c in K_RANGE:
            fits[c] = latent.fit(codes[fit_rows], levels, c, seed=seed)
    report(0.62, "Checking the groups on the other half")
    held = codes[rest]
    gain = (latent.log_likelihood(held, fits[best]) - latent.log_likelihood(held, fits[1])) \
        / max(1, len(held))
    post_held = latent.posterior(held, fits[best].weights, fits[best].theta, levels)
    entropy = latent.entropy_r2(post_held)
    structure = "none" if best == 1 or gain <= 0 else (
        "clear" if entropy >= CLEAR_ENTROPY else "weak")
    chosen_k = k or (1 if structure == "none" else best)
    chosen = fits[chosen_k]
    order = np.argsort(-chosen.weights, kind="stable")  # largest segment first
    weights, theta = chosen.weights[order], chosen.theta[order]
    model = ClusterModel(
        method=LATENT_CLASSES, features=specs, k=chosen_k, seed=seed,
        criterion="set by you" if k else CRITERION, scores=bic, fingerprint=survey.fingerprint,
        weights=[float(v) for v in weights], theta=[[float(v) for v in row] for row in theta],
        structure=structure,
        verdict=_verdict_words(structure, best, bic, entropy, gain),
        fit_digest=survey.digest, fit_rows=len(fit_rows), respondents=survey.n,
        min_membership=MIN_MEMBERSHIP)
    labels = _labels(latent.posterior(codes, weights, theta, levels), MIN_MEMBERSHIP)
    if chosen_k > 1:
        neighbours = {c: fits[c] for c in (chosen_k - 1, chosen_k + 1) if c in fits and c > 1}
        stability = _stability(codes[fit_rows], levels, weights, theta, neighbours, seed,
                               lambda f, m: report(0.65 + 0.34 * f, m))
        model = model.model_copy(update={"stability": stability})
    report(1.0, f"Found {chosen_k} segment{'s' * (chosen_k > 1)}")
    return model, labels


STABILITY_METHOD = (
    "latent classes re-fitted on {resamples} bootstrap resamples of the respondents they were "
    "fitted on (same questions, same k); for each segment, the Jaccard overlap with its "
    "best-matching segment in each re-fit (respondents in both / in either), averaged. Also "
    "the best match with one segment fewer or more. Above 0.85: stable; 0.75-0.85: fairly "
    "stable; 0.6-0.75: doubtful; below 0.6: the segment does not hold together."
)


def best_jaccard(old: np.ndarray, new: np.ndarray, k: int) -> np.ndarray:
    """For each old segment, its Jaccard overlap with the most similar new segment."""
    best = np.zeros(k)
    for c in range(k):
        inside = old == c
        if not inside.any():
            continue
        for d in np.unique(new):
            other = new == d
            union = np.count_nonzero(inside | other)
            best[c] = max(best[c], np.count_nonzero(inside & other) / union if union else 0)
    return best


def _stability(codes: np.ndarray, levels: tuple[int, ...], weights: np.ndarray,
               theta: np.ndarray, neighbours: dict[int, latent.LatentClasses], seed: int,
               report: Progress, resamples: int = RESAMPLES) -> Stability:
    """Bootstrap stability (Hennig's clusterboot) of the chosen classes, on the fit half."""
    k = len(weights)
    labels = latent.posterior(codes, weights, theta, levels).argmax(axis=1)
    rng = np.random.default_rng(seed + 1)
    scores = np.zeros((resamples, k))
    for b in range(resamples):
        report(b / resamples, f"Checking stability: re-fit {b + 1} of {resamples}")
        drawn = rng.choice(len(codes), size=len(codes), replace=True)
        refit = latent.fit(codes[drawn], levels, k, seed=seed + b + 1, starts=4, max_iter=100)
        kept = np.unique(drawn)
        again = latent.posterior(codes[kept], refit.weights, refit.theta, levels).argmax(axis=1)
        scores[b] = best_jaccard(labels[kept], again, k)
    near = {c: [float(v) for v in best_jaccard(
        labels, latent.posterior(codes, f.weights, f.theta, levels).argmax(axis=1), k)]
        for c, f in neighbours.items()}
    return Stability(method=STABILITY_METHOD.format(resamples=resamples), resamples=resamples,
                     per_segment=[float(v) for v in scores.mean(axis=0)], neighbours=near)


def latent_stability(survey: Survey, model: ClusterModel, resamples: int = RESAMPLES,
                     progress: Progress | None = None) -> Stability:
    """Bootstrap stability of a latent class model, re-fitted on the respondents it was fitted
    on (all of them on other data), with its neighbours k - 1 and k + 1 fitted afresh."""
    report = progress or (lambda fraction, message: None)
    levels, _ = indicators(model.features)
    fitted_on = ~held_out(survey, model)
    codes = answer_matrix(survey, model.features)
    codes = codes[fitted_on] if fitted_on.any() else codes
    neighbours = {c: latent.fit(codes, levels, c, seed=model.seed)
                  for c in (model.k - 1, model.k + 1) if 2 <= c <= max(K_RANGE)}
    return _stability(codes, levels, np.asarray(model.weights), np.asarray(model.theta),
                      neighbours, model.seed, report, resamples)


def suggested_segments(survey: Survey, model: ClusterModel, labels: np.ndarray | None = None
                       ) -> list[SuggestedSegment]:
    """Each segment with its size (respondents between groups are in none)."""
    labels = assign(survey, model) if labels is None else labels
    found = []
    for i in range(model.k):
        size = int((labels == i).sum())
        segment = Segment(name=f"Suggested segment {i + 1}",
                          cluster=ClusterRef(model=model, index=i))
        found.append(SuggestedSegment(segment=segment, size=size,
                                      share=size / survey.n if survey.n else 0.0))
    return found


# --- k-means models of older personas ---------------------------------------------------------


def _encode_kmeans(survey: Survey, spec: FeatureSpec) -> np.ndarray:
    """One question as k-means saw it: one-hot/sqrt(2), 0/1 options, scale position, number
    percentile; the fill value where unanswered."""
    width = 1 if spec.kind in (Kind.ordinal, Kind.numeric) else max(1, len(spec.levels))
    if not survey.has(spec.question):
        out = np.full((survey.n, width), np.nan)
    elif spec.kind == Kind.multi_choice:
        table = survey.options[spec.question].reindex(columns=spec.levels, fill_value=False)
        out = table.to_numpy(dtype=float, copy=True)
        out[~survey.answered(spec.question).to_numpy()] = np.nan
    elif spec.kind == Kind.numeric:
        numbers = survey.data[spec.question].to_numpy(dtype=float)
        ranks = spec.ranks or [0.0, 1.0]
        out = np.interp(numbers, ranks, np.linspace(0, 1, len(ranks)))[:, None]
    else:
        position = pd.Categorical(survey.data[spec.question].astype("str"),
                                  categories=spec.levels).codes.astype(float)
        position[position < 0] = np.nan
        if spec.kind == Kind.ordinal:
            out = (position / max(1, len(spec.levels) - 1))[:, None]
        else:
            out = np.zeros((survey.n, len(spec.levels)))
            known = ~np.isnan(position)
            out[np.flatnonzero(known), position[known].astype(int)] = 1 / np.sqrt(2)
            out[~known] = np.nan
    fill = np.asarray(spec.fill if len(spec.fill) == out.shape[1] else np.zeros(out.shape[1]))
    return np.where(np.isnan(out), fill, out)


def kmeans_projection(survey: Survey, model: ClusterModel) -> np.ndarray:
    coded = np.hstack([_encode_kmeans(survey, s) for s in model.features])
    return (coded - np.asarray(model.mean)) @ np.asarray(model.components).T


def _kmeans_assign(survey: Survey, model: ClusterModel) -> np.ndarray:
    projected = kmeans_projection(survey, model)
    centres = np.asarray(model.centroids)
    return ((projected[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
