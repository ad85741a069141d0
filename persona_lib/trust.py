"""How far a persona can be trusted: how strong each pinned trait is, how stable its segment
is, who no persona covers, how the persona was made, and how old its evidence is.

Personas are criticised for being made up, going stale and hiding how strong each claim is;
every rule here is simple enough to state on screen next to its result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timezone
from enum import Enum

import numpy as np
import pandas as pd
from pydantic import BaseModel

from persona_lib.clusters import best_jaccard, kmeans_projection, latent_stability
from persona_lib.models import (
    CHANGES_KEPT, LATENT_CLASSES, Change, ClusterModel, Evidence, Kind, Persona, Role, Stability,
)
from persona_lib.stats import DEFAULT_MIN_N, Tally, difference_p_value
from persona_lib.survey import Survey
from persona_lib.text import clipped, redact_personal_data

Progress = Callable[[float, str], None]


# --- strength of a trait ---------------------------------------------------------------------


class Strength(str, Enum):
    strong = "strong"
    moderate = "moderate"
    weak = "weak"
    too_few = "too few to say"


STRENGTH_RULE = (
    "Strong: the 95% interval of the share is narrower than 20 points and the segment differs "
    "from the rest (p < 0.01). Moderate: the interval is narrower than 30 points and the "
    "segment differs from the rest (p < 0.05). Weak: anything else, a wide interval or no clear "
    "difference from the rest. Too few to say: fewer than {min_n} in the segment answered. When "
    "the segment is everyone there is no rest, and the interval alone decides (strong under 10 "
    "points, moderate under 20)."
)


def strength_rule(min_n: int = DEFAULT_MIN_N) -> str:
    return STRENGTH_RULE.format(min_n=min_n)


def difference_from_rest(evidence: Evidence) -> float | None:
    """p-value that the segment's share differs from the rest's, or None when there is no rest
    to compare with: the one the evidence keeps (weighted test with effective n when the
    survey is weighted, as in the Segments table), else from head counts."""
    if evidence.share_segment is None:
        return None
    if evidence.p_rest is not None:
        return evidence.p_rest
    rest_n = evidence.n_overall - evidence.n_segment
    rest_count = evidence.count_overall - evidence.count_segment
    if rest_n <= 0 or rest_count < 0:
        return None
    inside = Tally(evidence.count_segment, evidence.n_segment,
                   evidence.count_segment / evidence.n_segment, evidence.n_segment)
    rest = Tally(rest_count, rest_n, rest_count / rest_n, rest_n)
    return difference_p_value(inside, rest)


def trait_strength(evidence: Evidence) -> Strength:
    """The badge on a pinned trait (see STRENGTH_RULE)."""
    if evidence.status != "ok" or evidence.ci_low is None or evidence.ci_high is None:
        return Strength.too_few
    width = evidence.ci_high - evidence.ci_low
    p = difference_from_rest(evidence)
    if p is None:
        return (Strength.strong if width < 0.10 else Strength.moderate if width < 0.20
                else Strength.weak)
    if width < 0.20 and p < 0.01:
        return Strength.strong
    if width < 0.30 and p < 0.05:
        return Strength.moderate
    return Strength.weak


def row_strength(row) -> Strength:
    """The badge for a row of a `distinctive_traits` table, by the same rule, with the row's
    q-value (adjusted for every answer tested at once) as its p-value: a trait picked as the
    most distinctive of many must be beyond noise after that choice."""
    return trait_strength(Evidence(
        status=row.status, n_segment=row.n_in, share_segment=row.share_in, ci_low=row.ci_low,
        ci_high=row.ci_high, n_overall=row.n_in + row.n_out,
        p_rest=None if row.status != "ok" else float(row.q)))


# --- stability of a segment ------------------------------------------------------------------


STABILITY_METHOD = (
    "k-means re-run on {resamples} bootstrap resamples of the respondents (same questions, "
    "same k); for each segment, the Jaccard overlap with its best-matching segment in each "
    "re-run (respondents in both / in either), averaged. Also the best match when the survey "
    "is split into one segment fewer or more. Above 0.85: stable; 0.75-0.85: fairly stable; "
    "0.6-0.75: doubtful; below 0.6: the segment does not hold together."
)


def stability_verdict(jaccard: float) -> str:
    if jaccard >= 0.85:
        return "stable"
    if jaccard >= 0.75:
        return "fairly stable"
    if jaccard >= 0.6:
        return "doubtful"
    return "does not hold together"


_best_jaccard = best_jaccard


def _kmeans(k: int, seed: int, n: int):
    from sklearn.cluster import KMeans, MiniBatchKMeans  # here: scikit-learn is slow to import

    if n <= 20_000:
        return KMeans(n_clusters=k, n_init=2, random_state=seed)
    return MiniBatchKMeans(n_clusters=k, n_init=2, batch_size=4096, random_state=seed)


def cluster_stability(survey: Survey, model: ClusterModel, resamples: int = 20, seed: int = 0,
                      progress: Progress | None = None) -> Stability:
    """Bootstrap stability of suggested segments (Hennig's clusterboot). Latent classes are
    re-fitted on resamples of the respondents they were fitted on (`find_segments` already
    keeps this with the model); k-means models of older personas are re-run."""
    report = progress or (lambda fraction, message: None)
    if model.method == LATENT_CLASSES:
        return latent_stability(survey, model, resamples, report)
    projected = kmeans_projection(survey, model)
    centres = np.asarray(model.centroids)
    labels = ((projected[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    n, k = len(projected), model.k
    rng = np.random.default_rng(seed)
    scores = np.zeros((resamples, k))
    for b in range(resamples):
        report(b / (resamples + 2), f"Re-running the clustering: resample {b + 1} of {resamples}")
        drawn = rng.choice(n, size=n, replace=True)
        fitted = _kmeans(k, seed + b + 1, n).fit(projected[drawn])
        kept = np.unique(drawn)
        scores[b] = best_jaccard(labels[kept], fitted.predict(projected[kept]), k)
    neighbours = {}
    for i, other in enumerate((k - 1, k + 1)):
        report((resamples + i) / (resamples + 2), f"Trying {other} segments")
        if 2 <= other < n:
            fitted = _kmeans(other, seed, n).fit(projected)
            neighbours[other] = [float(v) for v in best_jaccard(labels, fitted.labels_, k)]
    report(1.0, "Done")
    return Stability(method=STABILITY_METHOD.format(resamples=resamples), resamples=resamples,
                     per_segment=[float(v) for v in scores.mean(axis=0)], neighbours=neighbours)


# --- coverage --------------------------------------------------------------------------------


class Coverage(BaseModel):
    total: int
    covered: int
    uncovered: int
    in_several: int


def coverage(survey: Survey, masks: dict[str, pd.Series]) -> tuple[Coverage, pd.Series]:
    """Who matches at least one persona, who matches none (returned as a mask, to describe
    them), and how many fit two personas or more (pairwise overlaps: `compare.overlap`)."""
    index = survey.data.index
    matches = pd.Series(0, index=index)
    for mask in masks.values():
        matches += mask.reindex(index, fill_value=False).astype(int)
    report = Coverage(total=survey.n, covered=int((matches > 0).sum()),
                      uncovered=int((matches == 0).sum()), in_several=int((matches > 1).sum()))
    return report, matches == 0


# --- quotes with their source ----------------------------------------------------------------


class Quote(BaseModel):
    text: str
    respondent: str
    row: int
    question: str


def pseudonym(survey: Survey, row: object) -> str:
    """A stable name for a respondent that reveals nothing about them."""
    digest = hashlib.sha256(f"{survey.fingerprint}:{row}".encode()).hexdigest()[:6]
    return f"Respondent {digest.upper()}"


def respondent_answers(survey: Survey, position: int) -> list[tuple[str, str]]:
    """What one respondent (by position in the data) answered, without personal data, ids or
    survey-tool metadata."""
    hidden = (Kind.pii, Kind.id, Kind.metadata, Kind.timestamp)
    out = []
    for col in survey.columns:
        if col.kind in hidden or col.system is not None or (
                col.role == Role.other and col.kind != Kind.text):
            continue
        value = survey.data[col.name].iloc[position]
        if isinstance(value, (list, tuple, set, np.ndarray)):
            value = ", ".join(map(str, value))
        if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = redact_personal_data(str(value)) if col.kind == Kind.text else str(value)
        out.append((col.label, clipped(text, 300)))
    return out


# --- provenance and change log ---------------------------------------------------------------


def changes_between(old: Persona | None, new: Persona) -> list[str]:
    """What a save changed, in words."""
    if old is None:
        return ["created"]
    what = []
    if old.name != new.name:
        what.append(f"renamed to '{clipped(new.name, 40)}'")
    if old.avatar != new.avatar:
        what.append("avatar changed")
    if not old.segment.same_rule(new.segment):
        what.append("segment changed")
    before = {p.trait: p for p in old.pinned}
    after = {p.trait: p for p in new.pinned}
    what += [f"pinned {_trait_words(t)}" for t in after if t not in before]
    what += [f"unpinned {_trait_words(t)}" for t in before if t not in after]
    what += [f"moved {_trait_words(t)} to {after[t].box.value}" for t in after
             if t in before and before[t].box != after[t].box]
    if old.narrative != new.narrative:
        what.append("description edited")
    what += [f"{box.value} note edited" for box in {*old.notes, *new.notes}
             if old.notes.get(box, "") != new.notes.get(box, "")]
    if old.data is not None and new.data is not None and (
            old.data.digest, old.data.taken_at) != (new.data.digest, new.data.taken_at):
        what.append("evidence updated to fresh data")
    if old.quote_pick != new.quote_pick:
        what.append("quote swapped")
    return what


def _trait_words(trait) -> str:
    if trait.is_range:
        return f"'{clipped(trait.question, 40)}' range"
    return f"'{clipped(trait.answer, 40)}'"


def with_change(old: Persona | None, new: Persona, by: str = "",
                at: datetime | None = None, app_reason: str | None = None) -> Persona:
    """`new` with this save recorded in its change log (the last CHANGES_KEPT kept). `by` is
    the name the user chose, if any. A change the app made on its own passes `app_reason`, and
    is logged as the app's with that reason, never as the user's."""
    what = changes_between(old, new)[:20]
    if not what:
        return new
    change = Change(at=at or datetime.now(timezone.utc), what=what,
                    by="" if app_reason is not None else clipped(by, 100),
                    actor="user" if app_reason is None else "app",
                    reason=clipped(app_reason or "", 200))
    return new.model_copy(update={"changes": [*new.changes, change][-CHANGES_KEPT:]})


def change_text(change: Change) -> str:
    """One log line: who (a name only if the user set one; 'the app' with its reason for the
    app's own changes) and what."""
    when = f"{change.at:%Y-%m-%d %H:%M}"
    if change.actor == "app":
        why = f" ({change.reason})" if change.reason else ""
        return f"{when} the app{why}: " + ", ".join(change.what)
    return f"{when} {change.by or 'someone'}: " + ", ".join(change.what)


class Provenance(BaseModel):
    source: str
    taken_at: datetime | None
    respondents: int
    segment_rule: str
    method: str
    suggested: list[str]
    by_hand: list[str]
    changes: list[Change]


def provenance(persona: Persona, segment_rule: str, labels: dict[str, str] | None = None
               ) -> Provenance:
    """How this persona was made: data, segment, which traits the app suggested and which a
    person pinned, and its change log. `labels` maps a trait's question to its short label."""
    labels = labels or {}

    def label(p) -> str:
        question = labels.get(p.trait.question, p.trait.question)
        answer = "range" if p.trait.is_range else p.trait.answer
        return f"{question}: {answer} (pinned {p.pinned_at:%Y-%m-%d})"

    cluster = persona.segment.cluster
    if cluster is not None:
        m = cluster.model
        verdict = (f"; groups in the answers: {m.structure}; traits tested on respondents "
                   f"it was not fitted on ({m.fit_rows:,} of {m.respondents:,} fitted)"
                   if m.structure else "")
        method = (f"Suggested segment {cluster.index + 1} of {m.k}: {m.method}{verdict}; k "
                  f"chosen by {m.criterion}; seed {m.seed}; {len(m.features)} questions: "
                  + ", ".join(clipped(f.question, 40) for f in m.features))
    elif persona.segment.is_everyone:
        method = "Everyone who answered (no segment rule)."
    else:
        method = "Rule-based segment built by hand: " + segment_rule
    data = persona.data
    return Provenance(
        source=data.source if data else "", taken_at=data.taken_at if data else None,
        respondents=data.respondents if data else 0, segment_rule=segment_rule, method=method,
        suggested=[label(p) for p in persona.pinned if p.origin == "suggested"],
        by_hand=[label(p) for p in persona.pinned if p.origin == "by hand"],
        changes=persona.changes)


def provenance_lines(prov: Provenance, last_changes: int = 8) -> list[str]:
    """The provenance as short lines, for the card's switch and the exports."""
    lines = [f"Data: {prov.source or 'no traits pinned yet'}"
             + (f", {prov.respondents:,} respondents, evidence taken "
                f"{prov.taken_at:%Y-%m-%d %H:%M} UTC" if prov.taken_at else ""),
             f"Segment: {prov.method}"]
    if prov.suggested:
        lines.append("Suggested by the app: " + "; ".join(prov.suggested))
    if prov.by_hand:
        lines.append("Pinned by hand: " + "; ".join(prov.by_hand))
    for change in prov.changes[-last_changes:][::-1]:
        lines.append(change_text(change))
    return lines


# --- staleness -------------------------------------------------------------------------------


def evidence_age(persona: Persona, now: datetime | None = None) -> str | None:
    """How old the persona's evidence is, in words; None before anything was pinned."""
    if persona.data is None:
        return None
    now = now or datetime.now(timezone.utc)
    taken = persona.data.taken_at
    if taken.tzinfo is None:
        taken = taken.replace(tzinfo=timezone.utc)
    days = (now - taken).days
    age = ("today" if days < 1 else "1 day ago" if days == 1 else f"{days} days ago"
           if days < 60 else f"{days // 30} months ago")
    return f"Evidence from {persona.data.source}, taken {taken:%Y-%m-%d} ({age})"
