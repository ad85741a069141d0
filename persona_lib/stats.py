"""Shares with honest uncertainty: counts, n, Wilson intervals, lift, too-few-to-say.

A share's denominator is the respondents who answered that question (for a
multi-select: who chose at least one option), within the group being described.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from persona_lib.models import Evidence, Kind, Trait
from persona_lib.survey import Survey

Z95 = 1.959963984540054
DEFAULT_MIN_N = 10

BREAKDOWN_COLUMNS = [
    "answer", "low", "high", "count_segment", "n_segment", "share_segment", "ci_low",
    "ci_high", "count_overall", "n_overall", "share_overall", "lift", "status", "evidence",
]


def wilson_interval(count: int, n: int, z: float = Z95) -> tuple[float, float]:
    """95% Wilson score interval for count/n: sensible at 0, at n and for small n."""
    if n <= 0:
        return (0.0, 1.0)
    p = count / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if count == 0 else max(0.0, min(p, centre - half))
    high = 1.0 if count == n else min(1.0, max(p, centre + half))
    return (low, high)


def evidence_from_counts(count_segment: int, n_segment: int, count_overall: int,
                         n_overall: int, min_n: int = DEFAULT_MIN_N) -> Evidence:
    """Evidence for one trait; a segment with fewer than min_n answers is too few to say."""
    share_overall = count_overall / n_overall if n_overall else None
    if n_segment < min_n:
        return Evidence(status="too_few", count_segment=count_segment, n_segment=n_segment,
                        count_overall=count_overall, n_overall=n_overall,
                        share_overall=share_overall)
    share = count_segment / n_segment
    low, high = wilson_interval(count_segment, n_segment)
    lift = share / share_overall if share_overall else None
    return Evidence(status="ok", count_segment=count_segment, n_segment=n_segment,
                    share_segment=share, ci_low=low, ci_high=high, count_overall=count_overall,
                    n_overall=n_overall, share_overall=share_overall, lift=lift)


def trait_mask(survey: Survey, trait: Trait) -> pd.Series | None:
    """Who has this trait, or None when the question or answer is not in this data."""
    if not survey.has(trait.question):
        return None
    col = survey.column(trait.question)
    if trait.is_range:
        if col.kind != Kind.numeric:
            return None
        values = survey.data[col.name]
        low = -np.inf if trait.low is None else trait.low
        high = np.inf if trait.high is None else trait.high
        return (values >= low) & (values < high)
    if col.kind == Kind.multi_choice:
        table = survey.options[col.name]
        return table[trait.answer] if trait.answer in table.columns else None
    if col.kind in (Kind.single_choice, Kind.ordinal) and trait.answer in col.levels:
        return survey.data[col.name] == trait.answer
    return None


def trait_evidence(survey: Survey, trait: Trait, segment: pd.Series,
                   min_n: int = DEFAULT_MIN_N) -> Evidence:
    """Evidence for a trait in the segment (a boolean mask over respondents)."""
    has = trait_mask(survey, trait)
    if has is None:
        return Evidence(status="missing")
    answered = survey.answered(trait.question)
    has = has.fillna(False).astype(bool) & answered
    in_segment = answered & segment
    return evidence_from_counts(int((has & segment).sum()), int(in_segment.sum()),
                                int(has.sum()), int(answered.sum()), min_n)


def breakdown(survey: Survey, question: str, segment: pd.Series,
              min_n: int = DEFAULT_MIN_N) -> pd.DataFrame:
    """One row per answer (or numeric bin) with its evidence in the segment and overall,
    as columns for drawing and as the Evidence model itself (column 'evidence')."""
    col = survey.column(question)
    answered = survey.answered(question)
    in_segment = answered & segment
    n_seg, n_all = int(in_segment.sum()), int(answered.sum())
    if col.kind == Kind.multi_choice:
        hits = survey.options[question]
        rows = [(opt, None, None, hits[opt]) for opt in col.levels]
    elif col.kind == Kind.numeric:
        values = survey.data[question]
        edges = numeric_bin_edges(values.dropna().to_numpy())
        rows = [(bin_label(lo, hi), lo, hi, (values >= lo) & (values < hi))
                for lo, hi in zip(edges[:-1], edges[1:])]
    elif col.kind in (Kind.single_choice, Kind.ordinal):
        values = survey.data[question]
        rows = [(level, None, None, values == level) for level in col.levels]
    else:
        raise ValueError(f"'{col.label}' is {col.kind.value}: it has no answers to break down.")
    records = []
    for answer, lo, hi, has in rows:
        has = has.fillna(False).astype(bool)
        ev = evidence_from_counts(int((has & in_segment).sum()), n_seg, int((has & answered).sum()),
                                  n_all, min_n)
        records.append({"answer": answer, "low": lo, "high": hi, **ev.model_dump(),
                        "evidence": ev})
    return pd.DataFrame.from_records(records, columns=BREAKDOWN_COLUMNS)


def answer_traits(question: str, table: pd.DataFrame) -> list[Trait]:
    """The trait behind each row of a `breakdown` table: an answer, or a numeric bin."""
    return [Trait(question=question, answer=r.answer) if pd.isna(r.low)
            else Trait(question=question, low=float(r.low), high=float(r.high))
            for r in table.itertuples()]


def numeric_bin_edges(values: np.ndarray, max_bins: int = 12) -> np.ndarray:
    """Round-numbered bin edges [a, b) covering every value, at most max_bins bins."""
    if values.size == 0:
        return np.array([0.0, 1.0])
    lo, hi = float(values.min()), float(values.max())
    span = hi - lo
    if span == 0:
        return np.array([lo, lo + 1.0])
    raw_step = span / max_bins
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    first, last = math.floor(lo / step), math.floor(hi / step) + 1
    edges = np.arange(first, last + 1) * step
    if edges[0] > lo:
        edges = np.concatenate([[lo], edges])
    if edges[-1] <= hi:
        edges = np.concatenate([edges, [edges[-1] + step]])
    return edges


def bin_label(low: float, high: float) -> str:
    return f"{low:g}–{high:g}"


def median_and_range(values: pd.Series) -> dict[str, float] | None:
    """Median, quartiles and extremes of a numeric answer, or None when nobody answered."""
    clean = values.dropna()
    if clean.empty:
        return None
    q = clean.quantile([0.25, 0.5, 0.75])
    return {"n": int(clean.size), "median": float(q[0.5]), "p25": float(q[0.25]),
            "p75": float(q[0.75]), "min": float(clean.min()), "max": float(clean.max())}
