"""What makes a segment different, and how any two questions relate.

`distinctive_traits` compares every answer of every question in a segment with the rest of the
respondents (or with everyone), with a 95% interval for the difference, lift and a p-value,
and controls the false discovery rate over all of them at once (Benjamini-Hochberg), so the
top of the list is what is different beyond noise. Numbers and scales are also compared as
whole distributions. `crosstab` gives shares of one question's answers within another's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from persona_lib.models import CHARTABLE_KINDS, Condition, Kind, Segment, Trait
from persona_lib.stats import (
    DEFAULT_MIN_N, Tally, answer_codes, answered_array, answers_of, benjamini_hochberg,
    difference_p_value, distribution_difference, newcombe_interval, value_ranks,
)
from persona_lib.survey import Survey

SIGNIFICANT = 0.05
TRAIT_COLUMNS = [
    "question", "label", "answer", "kind", "low", "high", "n_in", "count_in", "share_in",
    "ci_low", "ci_high", "n_out", "share_out", "difference", "diff_low", "diff_high", "lift",
    "effect", "p", "q", "status", "strength", "detail",
]


def questions_to_compare(survey: Survey) -> list[str]:
    """Every charted question: choices, scales, multi-selects and numbers."""
    return [c.name for c in survey.columns if c.kind in CHARTABLE_KINDS]


def questions_beside_the_rule(survey: Survey, segment: Segment) -> list[str]:
    """The questions worth comparing a built segment on: not those its rule fixes (everyone
    in 'age 18-24' is 18-24 by definition). A multi-select in the rule stays, for its other
    options (see `beside_the_rule`); with 'any' of several conditions none is fixed."""
    fixed = {c.question for c in _binding(segment) if c.is_set and survey.has(c.question)
             and survey.column(c.question).kind != Kind.multi_choice}
    return [q for q in questions_to_compare(survey) if q not in fixed]


def _binding(segment: Segment) -> list[Condition]:
    """The conditions every member meets: all of them, or none when any one will do."""
    return [] if segment.combine == "any" and len(segment.conditions) > 1 else segment.conditions


def beside_the_rule(table: pd.DataFrame, segment: Segment) -> pd.DataFrame:
    """The traits without the options a multi-select condition picked (true by definition)."""
    picked = {(c.question, a) for c in _binding(segment) for a in c.answers}
    if not picked:
        return table
    keep = [(q, a) not in picked for q, a in zip(table["question"], table["answer"])]
    return table[keep].reset_index(drop=True)


def distinctive_traits(survey: Survey, segment: pd.Series, compare: str = "rest",
                       min_n: int = DEFAULT_MIN_N, questions: list[str] | None = None,
                       among: np.ndarray | None = None,
                       by_question: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    """One row per answer (kind 'answer'), most distinctive first, then one per number or
    scale as a whole (kind 'distribution', ranked by the size of the shift among themselves).

    Tests are always the segment against the rest (the two groups are then independent). With
    compare='everyone' the shown share, difference and lift are against everyone who answered;
    the difference and its interval are the segment-vs-rest ones times the rest's share of
    those who answered that question, which is exactly how the two differ. 'strength' is the
    end of the difference's interval nearest zero (0 when the interval crosses zero): how
    different at least.

    `among` limits both groups to these respondents (e.g. those a suggested segment was not
    fitted on); `by_question` gives a question its own segment membership (e.g. computed
    without that question's answers).
    """
    base = np.ones(survey.n, dtype=bool) if among is None else np.asarray(among, dtype=bool)
    weights = survey.weight_array()
    w = np.ones(survey.n) if weights is None else weights
    rows = []
    for name in questions or questions_to_compare(survey):
        col = survey.column(name)
        member = segment.to_numpy(dtype=bool) if by_question is None or name not in by_question \
            else np.asarray(by_question[name], dtype=bool)
        inside, rest = member & base, ~member & base
        answered = answered_array(survey, name)
        codes = answer_codes(survey, name)
        ins, rests = codes.split_tallies(answered & inside, answered & rest, weights)
        everyone = rests if compare == "rest" else codes.tallies(answered & base, weights)
        answered_w = 0.0 if compare == "rest" else float(w[answered & base].sum())
        scale = 1.0 if compare == "rest" or not answered_w else \
            float(w[answered & rest].sum()) / answered_w
        bins = codes.bins or [(None, None)] * len(codes.labels)
        for answer, (low, high), a, r, b in zip(codes.labels, bins, ins, rests, everyone):
            rows.append(_answer_row(col.name, col.label, answer, low, high, a, r, b, scale,
                                    min_n))
        if col.kind in (Kind.numeric, Kind.ordinal):
            levels = (np.array([t.count for t in ins]), np.array([t.count for t in rests])) \
                if codes.labels == list(survey.data[name].dtype.categories
                                        if col.kind == Kind.ordinal else []) else None
            rows.append(_distribution_row(survey, col.name, col.label, inside & answered,
                                          rest & answered, min_n, levels))
    table = pd.DataFrame.from_records(rows, columns=TRAIT_COLUMNS)
    tested = table["status"] == "ok"
    table.loc[tested, "q"] = benjamini_hochberg(table.loc[tested, "p"].to_numpy())
    significant = tested & (table["q"] < SIGNIFICANT)
    table.loc[~significant, "strength"] = 0.0
    table = table[(table["status"] != "ok") | (table["share_in"].fillna(1) > 0)
                  | (table["share_out"].fillna(1) > 0)]
    order = pd.DataFrame({"answer": table["kind"] == "answer", "ok": table["status"] == "ok",
                          "sig": significant.loc[table.index], "strength": table["strength"],
                          "size": table["difference"].abs().fillna(table["effect"].abs())})
    ranked = order.sort_values(["answer", "ok", "sig", "strength", "size"], ascending=False,
                               kind="stable")
    return table.loc[ranked.index].reset_index(drop=True)


def _answer_row(question: str, label: str, answer: str, low: float | None, high: float | None,
                a: Tally, r: Tally, b: Tally, scale: float, min_n: int) -> dict:
    row = {"question": question, "label": label, "answer": answer, "kind": "answer",
           "low": low, "high": high, "n_in": a.n, "count_in": a.count,
           "n_out": b.n, "share_out": b.share, "status": "too_few", "strength": 0.0}
    if a.n < min_n or a.share is None or r.share is None or r.n == 0:
        return row
    ci_low, ci_high = a.interval
    d_low, d_high = newcombe_interval(a.share, a.n_eff, r.share, r.n_eff)
    d_low, d_high = d_low * scale, d_high * scale
    strength = d_low if d_low > 0 else (-d_high if d_high < 0 else 0.0)
    row.update(share_in=a.share, ci_low=ci_low, ci_high=ci_high,
               difference=(a.share - r.share) * scale, diff_low=d_low, diff_high=d_high,
               lift=a.share / b.share if b.share else None, p=difference_p_value(a, r),
               status="ok", strength=strength)
    return row


def _distribution_row(survey: Survey, question: str, label: str, inside: np.ndarray,
                      rest: np.ndarray, min_n: int,
                      level_counts: tuple[np.ndarray, np.ndarray] | None = None) -> dict:
    """A number or scale compared as a whole. `level_counts`: how many of each group gave
    each level of a scale whose categories are its levels, already tallied (the same test
    without another pass over every respondent)."""
    col = survey.column(question)
    ordinal = col.kind == Kind.ordinal
    weights = survey.weight_array()
    weighted = weights is not None and not np.all(weights == weights[0])  # equal: none
    if ordinal and level_counts is not None and not weighted:
        return _level_row(question, label, *level_counts, col.levels, min_n)
    if not ordinal and not weighted:
        return _value_row(survey, question, label, inside, rest, min_n)
    values = survey.data[question]
    if ordinal:
        codes = values.cat.codes.to_numpy()
        numbers = np.where(codes >= 0, codes, np.nan).astype(float)
    else:
        numbers = values.to_numpy(dtype=float)
    known = ~np.isnan(numbers)
    x, y = numbers[inside & known], numbers[rest & known]
    row = {"question": question, "label": label, "answer": None, "kind": "distribution",
           "n_in": len(x), "n_out": len(y), "status": "too_few", "strength": 0.0,
           "detail": _medians(x, y, col.levels if ordinal else None)}
    if len(x) < min_n or len(y) < 2:
        return row
    if weighted:
        series, w = pd.Series(numbers, index=values.index), survey.weights
        p, effect = distribution_difference(series[inside], series[rest], w[inside], w[rest])
    elif ordinal:
        levels = len(col.levels)
        p, effect = level_rank_difference(np.bincount(x.astype(int), minlength=levels),
                                          np.bincount(y.astype(int), minlength=levels))
    else:
        p, effect = rank_difference(x, y)
    row.update(effect=effect, p=p, status="ok", strength=abs(effect))
    return row


def _level_row(question: str, label: str, x_counts: np.ndarray, y_counts: np.ndarray,
               levels: list[str], min_n: int) -> dict:
    """`_distribution_row` of a scale from each group's count per level."""
    detail = "" if not x_counts.sum() or not y_counts.sum() else (
        f"median answer '{levels[_median_level(x_counts)]}' vs "
        f"'{levels[_median_level(y_counts)]}' for the rest")
    return _counted_row(question, label, x_counts, y_counts, detail, min_n)


def _counted_row(question: str, label: str, x_counts: np.ndarray, y_counts: np.ndarray,
                 detail: str, min_n: int) -> dict:
    """A distribution row from each group's count per ordered value: the Mann-Whitney test
    on those counts, or 'too few'."""
    n_in, n_out = int(x_counts.sum()), int(y_counts.sum())
    row = {"question": question, "label": label, "answer": None, "kind": "distribution",
           "n_in": n_in, "n_out": n_out, "status": "too_few", "strength": 0.0,
           "detail": detail}
    if n_in < min_n or n_out < 2:
        return row
    p, effect = level_rank_difference(x_counts, y_counts)
    row.update(effect=effect, p=p, status="ok", strength=abs(effect))
    return row


def _value_row(survey: Survey, question: str, label: str, inside: np.ndarray,
               rest: np.ndarray, min_n: int) -> dict:
    """`_distribution_row` of a number, unweighted: both groups' counts of each distinct value
    in one pass, then the same Mann-Whitney test and medians as on the sorted answers."""
    values, positions = value_ranks(survey, question)
    d = len(values)
    group = (inside.view(np.int8) + 2 * rest.view(np.int8)).astype(np.intp)
    counts = np.bincount(group * (d + 1) + (positions + 1),
                         minlength=3 * (d + 1)).reshape(3, d + 1)[:, 1:]
    x_counts, y_counts = counts[1], counts[2]
    detail = "" if not x_counts.sum() or not y_counts.sum() else (
        f"median {_median_value(values, x_counts):,.4g} vs "
        f"{_median_value(values, y_counts):,.4g} for the rest")
    return _counted_row(question, label, x_counts, y_counts, detail, min_n)


def _median_value(values: np.ndarray, counts: np.ndarray) -> float:
    """np.median of the answers these counts of each (sorted) distinct value stand for."""
    n = int(counts.sum())
    cumulative = np.cumsum(counts)
    middle = [n // 2] if n % 2 else [n // 2 - 1, n // 2]
    return float(np.mean(values[np.searchsorted(cumulative, middle, side="right")]))


def _medians(x: np.ndarray, y: np.ndarray, levels: list[str] | None) -> str:
    """'median 45 vs 30 for the rest', or the median answer of a scale."""
    if not len(x) or not len(y):
        return ""
    if levels is None:
        return f"median {np.median(x):,.4g} vs {np.median(y):,.4g} for the rest"
    mx, my = (_median_level(np.bincount(v.astype(int), minlength=len(levels))) for v in (x, y))
    return f"median answer '{levels[mx]}' vs '{levels[my]}' for the rest"


def _median_level(counts: np.ndarray) -> int:
    return int(np.searchsorted(np.cumsum(counts), counts.sum() / 2))


def level_rank_difference(x_counts: np.ndarray, y_counts: np.ndarray) -> tuple[float, float]:
    """Mann-Whitney U for answers on a scale, from how many of each group gave each level:
    the same test as `rank_difference` without sorting a million answers."""
    from scipy import stats as scipy_stats  # here, not at the top: a second at start-up

    n1, n2 = int(x_counts.sum()), int(y_counts.sum())
    if min(n1, n2) < 20:
        x = np.repeat(np.arange(len(x_counts)), x_counts).astype(float)
        y = np.repeat(np.arange(len(y_counts)), y_counts).astype(float)
        return rank_difference(x, y)
    below = np.concatenate([[0], np.cumsum(y_counts)[:-1]])
    u = float((x_counts * (below + y_counts / 2)).sum())
    totals = (x_counts + y_counts).astype(float)
    n = n1 + n2
    tie_term = float((totals ** 3 - totals).sum()) / (n * (n - 1))
    sigma = np.sqrt(n1 * n2 / 12 * ((n + 1) - tie_term))
    if sigma == 0:
        return 1.0, 0.0
    z = (abs(u - n1 * n2 / 2) - 0.5) / sigma
    return float(min(1.0, 2 * scipy_stats.norm.sf(max(z, 0.0)))), float(2 * u / (n1 * n2) - 1)


def rank_difference(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Mann-Whitney U test (two-sided, normal approximation with tie correction; exact from
    scipy for small groups) and the rank-biserial effect, from one ranking of both groups."""
    from scipy import stats as scipy_stats  # here, not at the top: a second at start-up

    x, y = x[~np.isnan(x)], y[~np.isnan(y)]
    n1, n2 = len(x), len(y)
    if min(n1, n2) < 20:
        result = scipy_stats.mannwhitneyu(x, y, alternative="two-sided")
        return float(result.pvalue), float(2 * result.statistic / (n1 * n2) - 1)
    ranks = scipy_stats.rankdata(np.concatenate([x, y]))
    u = ranks[:n1].sum() - n1 * (n1 + 1) / 2
    n = n1 + n2
    _, ties = np.unique(ranks, return_counts=True)
    tie_term = float(((ties ** 3) - ties).sum()) / (n * (n - 1))
    sigma = np.sqrt(n1 * n2 / 12 * ((n + 1) - tie_term))
    if sigma == 0:
        return 1.0, 0.0
    z = (abs(u - n1 * n2 / 2) - 0.5) / sigma
    return float(min(1.0, 2 * scipy_stats.norm.sf(max(z, 0.0)))), float(2 * u / (n1 * n2) - 1)


def traits_of(rows: pd.DataFrame) -> list[Trait]:
    """The trait behind each answer row: an answer, or a numeric bin [low, high)."""
    return [Trait(question=r.question, answer=r.answer) if pd.isna(r.low)
            else Trait(question=r.question, low=float(r.low), high=float(r.high))
            for r in rows.itertuples()]


def top_traits(table: pd.DataFrame, k: int = 5) -> list[Trait]:
    """The k most distinctive answers beyond noise, more common in the segment, as traits."""
    return traits_of(table[(table["kind"] == "answer") & (table["strength"] > 0)
                           & (table["difference"] > 0)].head(k))


@dataclass(frozen=True)
class Crosstab:
    """Shares of the column question's answers within each row answer (percent='row'), or of
    the row question's answers within each column answer (percent='column'), with counts and
    the base n of every share."""

    rows: list[str]
    columns: list[str]
    counts: np.ndarray
    shares: np.ndarray
    bases: np.ndarray
    percent: str


PERMUTATIONS = 2_000
PERMUTED_UP_TO = 20_000  # respondents; shuffling more would keep the page waiting


@dataclass(frozen=True)
class Independence:
    """Whether two questions' answers go together beyond noise: Pearson's chi-squared test on
    the crosstab's counts, or why it cannot be run."""

    p_value: float | None
    n: int
    why_not: str = ""
    weighted: bool = False  # the survey has weights; the test counts respondents unweighted
    permuted: bool = False  # p from seeded shuffles: too few expected per cell for the formula

    def sentence(self) -> str:
        if self.p_value is None:
            return f"No test of whether the two go together: {self.why_not}."
        verdict = ("they go together beyond noise" if self.p_value < 0.05
                   else "no clear sign that they go together")
        shown = "p < 0.001" if self.p_value < 0.001 else f"p = {self.p_value:.3f}"
        counted = " (counted unweighted)" if self.weighted else ""
        how = (f" (p from {PERMUTATIONS:,} seeded shuffles of the answers, as some cells expect "
               "fewer than 5)") if self.permuted else ""
        return (f"Chi-squared test of independence on the {self.n:,} respondents who answered "
                f"both{counted}: {shown}, {verdict}{how}.")


def independence(survey: Survey, table: Crosstab, row_question: str, column_question: str
                 ) -> Independence:
    """The chi-squared test of the crosstab's counts, only for two one-answer questions (a
    multi-select counts a respondent more than once). When over a fifth of the cells expect
    fewer than 5 respondents (Cochran's rule: the formula's p-value is not to be trusted
    there), p comes from seeded shuffles of one question's answers instead, up to
    PERMUTED_UP_TO respondents."""
    from scipy import stats as scipy_stats  # here, not at the top: a second at start-up

    counts = table.counts
    counts = counts[counts.sum(axis=1) > 0][:, counts.sum(axis=0) > 0]
    n = int(counts.sum())
    if any(survey.column(q).kind == Kind.multi_choice for q in (row_question, column_question)):
        return Independence(None, n, "a multi-select counts a respondent once per option")
    if min(counts.shape) < 2:
        return Independence(None, n, "one of the questions has a single answer here")
    weighted = survey.weights is not None
    expected = scipy_stats.contingency.expected_freq(counts)
    if (expected < 5).mean() <= 0.2:
        return Independence(float(scipy_stats.chi2_contingency(counts, correction=False).pvalue),
                            n, weighted=weighted)
    if n > PERMUTED_UP_TO:
        return Independence(None, n, "too few respondents per cell (over a fifth expect "
                                     "fewer than 5)")
    shuffles = scipy_stats.PermutationMethod(n_resamples=PERMUTATIONS, rng=np.random.default_rng(0))
    result = scipy_stats.chi2_contingency(counts, correction=False, method=shuffles)
    return Independence(float(result.pvalue), n, weighted=weighted, permuted=True)


def crosstab(survey: Survey, row_question: str, column_question: str, percent: str = "row",
             segment: pd.Series | None = None) -> Crosstab:
    """Any two questions against each other. A multi-select counts a respondent once per option
    chosen; shares are out of the respondents who answered both questions (weighted if the
    survey has weights)."""
    keep = np.ones(survey.n, dtype=bool) if segment is None else segment.to_numpy(dtype=bool)
    both = keep & survey.answered(row_question).to_numpy() & survey.answered(
        column_question).to_numpy()
    w = survey.weight_array()
    w = (np.ones(survey.n) if w is None else w) * both
    r = [a for a in answers_of(survey, row_question)]
    c = [a for a in answers_of(survey, column_question)]
    rmat = np.column_stack([a.has for a in r]).astype(float)
    cmat = np.column_stack([a.has for a in c]).astype(float)
    counts = (rmat * both[:, None]).T @ (cmat * both[:, None])
    weighted = (rmat * w[:, None]).T @ cmat
    if percent == "row":
        bases = (rmat * both[:, None]).sum(axis=0)[:, None].repeat(len(c), axis=1)
        totals = (rmat * w[:, None]).sum(axis=0)[:, None]
    else:
        bases = (cmat * both[:, None]).sum(axis=0)[None, :].repeat(len(r), axis=0)
        totals = (cmat * w[:, None]).sum(axis=0)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(totals > 0, weighted / totals, np.nan)
    return Crosstab([a.label for a in r], [a.label for a in c], counts.astype(int), shares,
                    bases.astype(int), percent)


def traits_for_display(table: pd.DataFrame, compare: str = "rest") -> pd.DataFrame:
    """The answers of a `distinctive_traits` table as the page shows them: every share with
    its interval and n, 'too few to say' instead of a share under the minimum n."""
    other = "Rest" if compare == "rest" else "Everyone"
    answers = table[table["kind"] == "answer"]
    rows = []
    for r in answers.itertuples():
        ok = r.status == "ok"
        rows.append({
            "Question": r.label,
            "Answer": r.answer,
            "In segment": (f"{r.share_in:.0%} [{r.ci_low:.0%}–{r.ci_high:.0%}]" if ok
                           else "too few to say"),
            "n": r.n_in,
            other: "" if pd.isna(r.share_out) else f"{r.share_out:.0%}",
            "Difference": (f"{r.difference * 100:+.0f} pts [{r.diff_low * 100:+.0f} to "
                           f"{r.diff_high * 100:+.0f}]" if ok else ""),
            "Lift": "" if not ok or pd.isna(r.lift) else f"×{r.lift:.1f}",
            "q": "" if not ok else ("< 0.001" if r.q < 0.001 else f"{r.q:.3f}"),
            "Beyond noise": "yes" if ok and r.strength > 0 else ("" if ok else "—"),
        })
    return pd.DataFrame(rows, columns=["Question", "Answer", "In segment", "n", other,
                                       "Difference", "Lift", "q", "Beyond noise"])


def shifts_for_display(table: pd.DataFrame) -> pd.DataFrame:
    """The numbers and scales of a `distinctive_traits` table, compared as a whole."""
    rows = []
    for r in table[table["kind"] == "distribution"].itertuples():
        ok = r.status == "ok"
        direction = "" if not ok else ("higher" if r.effect > 0 else "lower")
        rows.append({"Question": r.label, "In segment": r.detail or "", "n": r.n_in,
                     "Shift": f"{direction} ({r.effect:+.2f})" if ok else "too few to say",
                     "q": "" if not ok else ("< 0.001" if r.q < 0.001 else f"{r.q:.3f}"),
                     "Beyond noise": "yes" if ok and r.strength > 0 else ""})
    return pd.DataFrame(rows, columns=["Question", "In segment", "n", "Shift", "q",
                                       "Beyond noise"])
