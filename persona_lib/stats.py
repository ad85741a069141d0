"""Shares with honest uncertainty: counts, n, Wilson intervals, lift, too-few-to-say, and
the tests that say whether two groups really differ.

A share's denominator is the respondents who answered that question (for a multi-select:
who chose at least one option), within the group being described. With survey weights a
share is the weighted share, and intervals and tests use the Kish effective sample size
(sum of weights squared over the sum of squared weights) instead of the head count; "too few
to say" always counts real respondents.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass

import numpy as np
import pandas as pd

from persona_lib.models import Evidence, Kind, Trait
from persona_lib.survey import Survey

Z95 = 1.959963984540054
DEFAULT_MIN_N = 10
OUTLIER_MIN_N = 20  # answers a histogram needs before its top 1% can be called far out

BREAKDOWN_COLUMNS = [
    "answer", "low", "high", "count_segment", "n_segment", "share_segment", "ci_low",
    "ci_high", "count_overall", "n_overall", "share_overall", "lift", "status", "n_effective",
    "evidence",
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


def kish_n(w: np.ndarray, total: float | None = None) -> float:
    """Kish effective sample size; exactly the head count when all weights are equal, so equal
    weights behave like no weights (Fisher's test for small counts included)."""
    total = float(w.sum()) if total is None else total
    if w.size and np.all(w == w[0]):
        return float(w.size)
    return total ** 2 / float((w ** 2).sum())


@dataclass(frozen=True)
class Tally:
    """How many in a group have a trait: head counts, and the (weighted) share with its
    effective n. Without weights, share = count / n and n_eff = n."""

    count: int
    n: int
    share: float | None
    n_eff: float

    @classmethod
    def of(cls, has: np.ndarray, base: np.ndarray, weights: np.ndarray | None = None) -> Tally:
        has = has & base
        count, n = int(has.sum()), int(base.sum())
        if weights is None:
            return cls(count, n, count / n if n else None, float(n))
        w = weights[base]
        total = float(w.sum())
        if total <= 0:
            return cls(count, n, None, 0.0)
        return cls(count, n, float(weights[has].sum()) / total, kish_n(w, total))

    @property
    def interval(self) -> tuple[float, float]:
        if self.share is None:
            return (0.0, 1.0)
        return wilson_interval(self.share * self.n_eff, self.n_eff)


def evidence_from_counts(count_segment: int, n_segment: int, count_overall: int,
                         n_overall: int, min_n: int = DEFAULT_MIN_N) -> Evidence:
    """Evidence for one trait from head counts (no weights)."""
    return evidence_from_tallies(
        Tally(count_segment, n_segment, count_segment / n_segment if n_segment else None,
              float(n_segment)),
        Tally(count_overall, n_overall, count_overall / n_overall if n_overall else None,
              float(n_overall)), min_n)


def evidence_from_tallies(segment: Tally, overall: Tally, min_n: int = DEFAULT_MIN_N,
                          rest: Tally | None = None) -> Evidence:
    """Evidence for one trait; a segment with fewer than min_n answers is too few to say.
    With the rest's tally, the p-value of the segment against the rest is kept (the same test
    as the Segments table, weighted with effective n when the survey is)."""
    if segment.n < min_n or segment.share is None:
        return Evidence(status="too_few", count_segment=segment.count, n_segment=segment.n,
                        count_overall=overall.count, n_overall=overall.n,
                        share_overall=overall.share)
    low, high = segment.interval
    lift = segment.share / overall.share if overall.share else None
    weighted = not math.isclose(segment.n_eff, segment.n, rel_tol=1e-9)
    return Evidence(status="ok", count_segment=segment.count, n_segment=segment.n,
                    share_segment=segment.share, ci_low=low, ci_high=high,
                    count_overall=overall.count, n_overall=overall.n,
                    share_overall=overall.share, lift=lift,
                    n_effective=segment.n_eff if weighted else None,
                    p_rest=None if rest is None or rest.n == 0 else difference_p_value(segment,
                                                                                      rest))


def newcombe_interval(p1: float, n1: float, p2: float, n2: float, z: float = Z95
                      ) -> tuple[float, float]:
    """95% interval for the difference p1 - p2 of two independent shares (Newcombe's hybrid
    score method, from each share's Wilson interval); n may be an effective n."""
    l1, u1 = wilson_interval(p1 * n1, n1, z)
    l2, u2 = wilson_interval(p2 * n2, n2, z)
    d = p1 - p2
    return (d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2))


def difference_p_value(a: Tally, b: Tally) -> float:
    """Two-sided p-value that two groups' shares differ: Fisher's exact test for small head
    counts (any expected cell under 5, no weights), else the pooled two-proportion z-test
    (with effective n when weighted)."""
    from scipy import stats as scipy_stats  # here, not at the top: a second at start-up

    if a.share is None or b.share is None or a.n_eff <= 0 or b.n_eff <= 0:
        return 1.0
    weighted = not (math.isclose(a.n_eff, a.n, rel_tol=1e-9)
                    and math.isclose(b.n_eff, b.n, rel_tol=1e-9))
    if not weighted:
        table = [[a.count, a.n - a.count], [b.count, b.n - b.count]]
        pooled = (a.count + b.count) / (a.n + b.n)
        expected = min(a.n, b.n) * min(pooled, 1 - pooled)
        if expected < 5:
            return float(scipy_stats.fisher_exact(table).pvalue)
    pooled = (a.share * a.n_eff + b.share * b.n_eff) / (a.n_eff + b.n_eff)
    se = math.sqrt(pooled * (1 - pooled) * (1 / a.n_eff + 1 / b.n_eff))
    if se == 0:
        return 1.0
    return float(2 * scipy_stats.norm.sf(abs(a.share - b.share) / se))


def benjamini_hochberg(p_values: np.ndarray | list[float]) -> np.ndarray:
    """q-values controlling the false discovery rate over a family of tests (BH, 1995)."""
    p = np.asarray(p_values, dtype=float)
    if p.size == 0:
        return p
    order = np.argsort(p)
    ranked = p[order] * p.size / np.arange(1, p.size + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty_like(q)
    out[order] = np.minimum(q, 1.0)
    return out


def distribution_difference(inside: pd.Series, outside: pd.Series,
                            w_in: pd.Series | None = None, w_out: pd.Series | None = None
                            ) -> tuple[float, float]:
    """(p-value, effect) for two groups' numbers or scale positions.

    Unweighted: Mann-Whitney U, effect = rank-biserial correlation (-1..1, positive when the
    group tends higher). Weighted: difference of weighted means over their pooled standard
    deviation, tested with effective n.
    """
    from scipy import stats as scipy_stats  # here, not at the top: a second at start-up

    x, y = inside.dropna(), outside.dropna()
    if len(x) < 2 or len(y) < 2:
        return 1.0, 0.0
    if w_in is None or w_out is None:
        result = scipy_stats.mannwhitneyu(x, y, alternative="two-sided")
        effect = 2 * result.statistic / (len(x) * len(y)) - 1
        return float(result.pvalue), float(effect)
    wx, wy = w_in.reindex(x.index).fillna(0), w_out.reindex(y.index).fillna(0)
    mx, my = np.average(x, weights=wx), np.average(y, weights=wy)
    vx = np.average((x - mx) ** 2, weights=wx)
    vy = np.average((y - my) ** 2, weights=wy)
    nx, ny = wx.sum() ** 2 / (wx ** 2).sum(), wy.sum() ** 2 / (wy ** 2).sum()
    se = math.sqrt(vx / nx + vy / ny)
    sd = math.sqrt((vx + vy) / 2)
    if se == 0 or sd == 0:
        return 1.0, 0.0
    return float(2 * scipy_stats.norm.sf(abs(mx - my) / se)), float((mx - my) / sd)


def trait_mask(survey: Survey, trait: Trait) -> pd.Series | None:
    """Who has this trait, or None when the question or answer is not in this data."""
    if not survey.has(trait.question):
        return None
    if trait.is_theme:
        from persona_lib.themes import theme_mask  # themes uses this module's intervals

        return theme_mask(survey, trait)
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
    answer = col.shown.get(trait.answer, trait.answer)  # pinned before it was shown so
    if col.kind in (Kind.single_choice, Kind.ordinal) and answer in col.levels:
        return survey.data[col.name] == answer
    return None


def trait_evidence(survey: Survey, trait: Trait, segment: pd.Series,
                   min_n: int = DEFAULT_MIN_N, among: np.ndarray | None = None) -> Evidence:
    """Evidence for a trait in the segment (a boolean mask over respondents), compared with
    everyone; `among` limits both to these respondents."""
    has = trait_mask(survey, trait)
    if has is None:
        return Evidence(status="missing")
    answered = survey.answered(trait.question).to_numpy()
    if among is not None:
        answered = answered & among
    has = has.fillna(False).astype(bool).to_numpy()
    inside = np.asarray(segment, dtype=bool)
    weights = survey.weight_array()
    return evidence_from_tallies(Tally.of(has, answered & inside, weights),
                                 Tally.of(has, answered, weights), min_n,
                                 Tally.of(has, answered & ~inside, weights))


@dataclass(frozen=True)
class Answer:
    """One answer of a question (or one numeric bin [low, high)) and who gave it."""

    label: str
    has: np.ndarray
    low: float | None = None
    high: float | None = None

    @property
    def trait_of(self) -> tuple[str | None, float | None, float | None]:
        return (self.label, None, None) if self.low is None else (None, self.low, self.high)


@dataclass(frozen=True)
class AnswerCodes:
    """Every answer of a question and who gave it, in a form that tallies all answers in one
    pass: a code per respondent (-1: no answer) for single answers and numeric bins, or a
    respondent x option matrix for a multi-select."""

    labels: list[str]
    bins: list[tuple[float, float]] | None = None
    codes: np.ndarray | None = None
    matrix: np.ndarray | None = None

    def has(self, i: int) -> np.ndarray:
        return self.matrix[:, i] if self.matrix is not None else self.codes == i

    def answers(self) -> list[Answer]:
        bins = self.bins or [(None, None)] * len(self.labels)
        return [Answer(label, self.has(i), lo, hi)
                for i, (label, (lo, hi)) in enumerate(zip(self.labels, bins))]

    def tallies(self, base: np.ndarray, weights: np.ndarray | None = None) -> list[Tally]:
        """Each answer's Tally among the `base` respondents (as `Tally.of` per answer)."""
        k = len(self.labels)
        n = int(base.sum())
        w = None if weights is None else weights[base]
        if self.matrix is not None:
            chosen = self.matrix[base]
            counts = chosen.sum(axis=0)
            weighted = None if w is None else w @ chosen
        else:
            picked = self.codes[base]
            valid = picked >= 0
            counts = np.bincount(picked[valid], minlength=k)[:k]
            weighted = None if w is None else np.bincount(picked[valid], weights=w[valid],
                                                          minlength=k)[:k]
        if w is None:
            return [Tally(int(c), n, int(c) / n if n else None, float(n)) for c in counts]
        total = float(w.sum())
        if total <= 0:
            return [Tally(int(c), n, None, 0.0) for c in counts]
        n_eff = kish_n(w, total)
        return [Tally(int(c), n, float(x) / total, n_eff) for c, x in zip(counts, weighted)]

    def split_tallies(self, inside: np.ndarray, rest: np.ndarray,
                      weights: np.ndarray | None = None) -> tuple[list[Tally], list[Tally]]:
        """`tallies` of two disjoint groups at once: without weights one np.bincount over
        group x answer codes (a multi-select: one per option), no copy of either group."""
        if weights is not None:
            return self.tallies(inside, weights), self.tallies(rest, weights)
        k = len(self.labels)
        group = inside.view(np.int8) + 2 * rest.view(np.int8)  # 1 inside, 2 rest
        if self.matrix is not None:
            sizes = np.bincount(group, minlength=3)
            counts = np.column_stack([np.bincount(group * 2 + self.matrix[:, i].view(np.int8),
                                                  minlength=6).reshape(3, 2)[:, 1]
                                      for i in range(k)]) if k else np.zeros((3, 0), np.intp)
        else:
            small = np.int8 if 3 * (k + 1) <= 127 else (np.int16 if k < 10_000 else np.intp)
            cell = self.codes.astype(small, copy=True)  # 0..3k+2: (group, code + 1)
            cell += 1
            cell += group.astype(small, copy=False) * small(k + 1)
            full = np.bincount(cell, minlength=3 * (k + 1)).reshape(3, k + 1)
            sizes, counts = full.sum(axis=1), full[:, 1:]  # sizes include code -1
        return tuple([Tally(int(c), int(sizes[g]), int(c) / int(sizes[g]) if sizes[g] else None,
                            float(sizes[g])) for c in counts[g]] for g in (1, 2))


def answer_codes(survey: Survey, question: str) -> AnswerCodes:
    """Every answer of a choice, scale or multi-select question, or the bins of a number;
    worked out once per survey and question (codes as int8 where they fit)."""
    return survey.derived(("answer_codes", question), lambda: _answer_codes(survey, question))


def answered_array(survey: Survey, question: str) -> np.ndarray:
    """`survey.answered` as a numpy array, worked out once per survey and question."""
    return survey.derived(("answered", question),
                          lambda: survey.answered(question).to_numpy(dtype=bool))


def value_ranks(survey: Survey, question: str) -> tuple[np.ndarray, np.ndarray]:
    """A number question's distinct values (sorted) and each respondent's position among them
    (-1: no answer), worked out once: comparing two groups' ranks is then a count per
    value, not a sort of every answer for every segment."""
    def make() -> tuple[np.ndarray, np.ndarray]:
        numbers = survey.data[question].to_numpy(dtype=float)
        known = ~np.isnan(numbers)
        values, inverse = np.unique(numbers[known], return_inverse=True)
        positions = np.full(len(numbers), -1, dtype=np.int32)
        positions[known] = inverse
        return values, positions
    return survey.derived(("value_ranks", question), make)


def _small_codes(codes: np.ndarray, k: int) -> np.ndarray:
    return codes.astype(np.int8 if k < np.iinfo(np.int8).max else np.int32)


def _answer_codes(survey: Survey, question: str) -> AnswerCodes:
    col = survey.column(question)
    if col.kind == Kind.multi_choice:
        table = survey.options[question]
        return AnswerCodes(list(col.levels), matrix=table[list(col.levels)].to_numpy(dtype=bool))
    values = survey.data[question]
    if col.kind == Kind.numeric:
        numbers = values.to_numpy(dtype=float)
        edges = numeric_bin_edges(numbers[~np.isnan(numbers)])
        codes = np.searchsorted(edges, numbers, side="right") - 1
        codes[np.isnan(numbers) | (codes >= len(edges) - 1)] = -1
        bins = [(float(lo), float(hi)) for lo, hi in zip(edges[:-1], edges[1:])]
        return AnswerCodes([bin_label(lo, hi) for lo, hi in bins], bins,
                           codes=_small_codes(codes, len(bins)))
    if col.kind in (Kind.single_choice, Kind.ordinal):
        categories = list(values.cat.categories)
        keep = [i for i, level in enumerate(categories) if level in col.levels]
        lookup = np.full(len(categories) + 1, -1)
        lookup[keep] = np.arange(len(keep))
        codes = lookup[values.cat.codes.to_numpy()]  # -1 (missing) reads the last entry: -1
        return AnswerCodes([categories[i] for i in keep], codes=_small_codes(codes, len(keep)))
    raise ValueError(f"'{col.label}' is {col.kind.value}: it has no answers to break down.")


def answers_of(survey: Survey, question: str) -> list[Answer]:
    """Every answer of a choice, scale or multi-select question, or the bins of a number."""
    return answer_codes(survey, question).answers()


def breakdown(survey: Survey, question: str, segment: pd.Series,
              min_n: int = DEFAULT_MIN_N) -> pd.DataFrame:
    """One row per answer (or numeric bin) with its evidence in the segment and overall,
    as columns for drawing and as the Evidence model itself (column 'evidence')."""
    answered = answered_array(survey, question)
    in_segment = answered & segment.to_numpy()
    weights = survey.weight_array()
    codes = answer_codes(survey, question)
    bins = codes.bins or [(None, None)] * len(codes.labels)
    everyone = survey.derived(("tallies", question), lambda: codes.tallies(answered, weights))
    records = []
    for label, (low, high), inside, overall in zip(
            codes.labels, bins, codes.tallies(in_segment, weights), everyone):
        ev = evidence_from_tallies(inside, overall, min_n)
        records.append({"answer": label, "low": low, "high": high, **ev.model_dump(),
                        "evidence": ev})
    return pd.DataFrame.from_records(records, columns=BREAKDOWN_COLUMNS)


def answer_traits(question: str, table: pd.DataFrame) -> list[Trait]:
    """The trait behind each row of a `breakdown` table: an answer, or a numeric bin."""
    return [Trait(question=question, answer=answer) if pd.isna(low)
            else Trait(question=question, low=float(low), high=float(high))
            for answer, low, high in zip(table["answer"].tolist(), table["low"].tolist(),
                                         table["high"].tolist())]


def numeric_bin_edges(values: np.ndarray, max_bins: int = 12) -> np.ndarray:
    """Round-numbered bin edges [a, b) covering every value, at most max_bins bins. A few
    answers far beyond the rest (1e34 typed as hours a week) get the last bin to themselves
    rather than squeezing everyone else into the first."""
    if values.size >= OUTLIER_MIN_N:
        typical = float(np.quantile(values, 0.99))
        beyond = values > typical
        top = float(values.max())
        if top > 10 * max(abs(typical), 1.0) and (~beyond).any():
            core = _round_edges(values[~beyond], max_bins - 1)
            if core[-1] <= top:
                return np.append(core, np.nextafter(top, np.inf))
    return _round_edges(values, max_bins)


def _round_edges(values: np.ndarray, max_bins: int) -> np.ndarray:
    if values.size == 0:
        return np.array([0.0, 1.0])
    lo, hi = float(values.min()), float(values.max())
    span = hi - lo
    if span == 0:  # (beyond 2 ** 53, lo + 1 is lo)
        return np.array([lo, max(lo + 1.0, np.nextafter(lo, np.inf))])
    raw_step = span / max_bins
    if raw_step < sys.float_info.min:  # a span so small that a twelfth of it underflows
        return np.array([lo, np.nextafter(hi, np.inf)])
    magnitude = 10.0 ** math.floor(math.log10(raw_step))  # a float: 10 ** 33 overflows int64
    for m in (1, 2, 2.5, 5, 10, 20, 25, 50, 100):
        step = m * magnitude
        if step < raw_step:
            continue
        # whole steps from the one at or below the lowest value past the highest: a value
        # just below a round number ('-1e-300') can need one bin more than span/step, and
        # one a hair below zero ('-5e-324') divides to zero
        first, last = math.floor(lo / step), math.floor(hi / step) + 1
        first -= first * step > lo
        last += last * step <= hi
        edges = np.arange(first, last + 1, dtype=float) * step
        # (steps below a value's precision round to the same edge)
        if len(edges) - 1 <= max_bins and edges[0] <= lo < hi < edges[-1] \
                and (np.diff(edges) > 0).all():
            return edges
    return np.array([lo, max(hi + raw_step, np.nextafter(hi, np.inf))])


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
