"""Which persona is worth it: lifecycle stage, acquisition channel and cost, yearly value and
switching risk per persona, each figure with the n behind it.

Survey answers are bands and scales, not ledgers, so every rule here works on an answer's
position on its scale (first third, last third) and is stated in `STAGE_RULE`, `VALUE_METHOD`
and `RISK_RULE` for the page to show next to the numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field

from persona_lib.cells import per_answer
from persona_lib.infer import TOPIC_PATTERNS
from persona_lib.models import Kind, Topic
from persona_lib.scales import band_amount, frequency_rate, is_opt_out
from persona_lib.stats import DEFAULT_MIN_N, wilson_interval
from persona_lib.survey import Survey

STAGES = ("not a customer", "new", "active", "loyal", "at risk", "lapsed")
NOT_A_CUSTOMER = re.compile(r"not a (?:customer|client|member|user)|never (?:ordered|bought|"
                            r"purchased|used)", re.IGNORECASE)
WORDINGS = {
    "tenure": re.compile(r"how long.*(customer|member|using|with us|subscrib|(shopping|buying|"
                         r"ordering) (at|with|from))|customer since", re.IGNORECASE),
    "frequency": re.compile(r"(how often|how frequently|how many times).*\b(buy|bought|order|"
                            r"purchas|shop|subscri|spend|use (our|the|this|your) (app|service|"
                            r"product|store|shop|website|site))", re.IGNORECASE),
    "last_purchase": re.compile(r"\b(last|most recent)\b.*\b(order|buy|bought|purchas|shop)",
                                re.IGNORECASE),
    "switching": re.compile(TOPIC_PATTERNS[Topic.switching], re.IGNORECASE),
    # would recommend, likely to: not an assistant that recommended something
    # (nor whether something would make them more likely to: a hypothetical, not their stance)
    "recommend": re.compile(r"^(?!.*\b(more|less) likely\b)"
                            r".*\b(would|will|likely|likelihood)\b[^?]*\brecommend(?!ations?\b)|"
                            r"\brecommend\b.*\bto (a |your )?(friends?|colleagues?|others|family)|"
                            r"^\W*(likely ?to ?)?recommend\W*$", re.IGNORECASE),
    "spend": re.compile(r"^(?!.*\b(time|hours?|minutes?|days?|weeks? in|how long)\b)"
                        r"(?!.*\b(would|willing|"
                        r"most)\b.*\bpay\b).*\b(spend|spent|pay|paid)\b.*(\$|€|£|\b(usd|eur|gbp|"
                        r"dollars?|euros?|pounds?|money|budget|price|on (\w+ ){0,3}"
                        r"(coffee|food|products?|services?|subscriptions?|groceries|clothes|"
                        r"[a-z]+s))\b|per (month|week|year|order|purchase|visit|trip)|"
                        r"a (month|week|year)|each (month|week|order|visit|trip))", re.IGNORECASE),
    "channel": re.compile(r"hear about|find out about|found us|discover", re.IGNORECASE),
}
STAGE_RULE = (
    "Not a customer: answered 'not a customer yet' or 'never ordered'. Lapsed: last order in the "
    "oldest third of its scale. At risk: would not recommend (0-6 of 10), or would find "
    "switching easy (top third of the ease scale) and is no promoter (under 9; see the risk "
    "rule for scales other than 0 to 10). New: tenure "
    "below the first third of its scale (the shortest answers). Loyal: tenure in the longest "
    "third and buys at least as often as the middle of the frequency scale, or a promoter "
    "(9-10). Active: everyone else who answered. Checked in that order; no answer to any of "
    "these questions: no stage."
)
VALUE_METHOD = (
    "Yearly value = the spend answer times 12 when the question asks per month (52 per week, "
    "365 per day, 1 per year); a spend per purchase is multiplied by the purchases a year the "
    "frequency answer means ('every week' = 52). A spend asked in bands counts as the band's "
    "middle ('1,000-2,500' = 1,750; 'Less than 1,000' = 500; 'More than 10,000' = 10,000). "
    "Median with a distribution-free 95% interval from order statistics (binomial ranks)."
)
RISK_RULE = (
    "At risk of switching: would not recommend (0-6 of 10; on any other scale, below its "
    "middle), or would find switching easy (top third of the ease scale) and is no promoter "
    "(under 9 of 10; elsewhere, below the top point). NPS = % promoters (9-10) minus % "
    "detractors (0-6), given only when the question was asked from 0 to 10."
)


class LifecycleRules(BaseModel):
    """Which question answers which lifecycle question; None where the survey has none."""

    tenure: str | None = None
    frequency: str | None = None
    last_purchase: str | None = None
    switching: str | None = None
    recommend: str | None = None


def default_question(survey: Survey, role: str) -> str | None:
    """The first question whose wording fits (see WORDINGS), among scales, numbers and choices."""
    kinds = (Kind.ordinal, Kind.numeric, Kind.single_choice)
    return next((c.name for c in survey.columns
                 if c.kind in kinds and WORDINGS[role].search(c.name)), None)


class WorthSettings(LifecycleRules):
    """Everything the worth-it figures of a card need: the lifecycle questions, the spend and
    channel questions, and a cost per acquired customer for each channel that has one."""

    spend: str | None = None
    channel: str | None = None
    costs: dict[str, float] = Field(default_factory=dict)

    def asks_anything(self) -> bool:
        return any(getattr(self, role) for role in QUESTION_ROLES)


QUESTION_ROLES = ("tenure", "last_purchase", "frequency", "switching", "recommend", "spend",
                  "channel")


def worth_settings(survey: Survey, chosen: dict[str, str | None] | None = None,
                   costs: dict[str, float] | None = None) -> WorthSettings:
    """The questions the user chose where they still exist in this survey, else the ones whose
    wording fits (an explicit None, "no such question", is kept)."""
    chosen = chosen or {}
    questions = {}
    for role in QUESTION_ROLES:
        if role in chosen and (chosen[role] is None or survey.has(chosen[role])):
            questions[role] = chosen[role]
        else:
            questions[role] = default_question(survey, role)
    return WorthSettings(**questions, costs=costs or {})


def _each(value_of: Callable[[str], float | None]) -> Callable[[pd.Series], pd.Series]:
    """`value_of` as a float for every distinct answer (None: NaN), for `cells.per_answer`."""
    return lambda answers: answers.map(
        lambda a: np.nan if (v := value_of(a)) is None else float(v)).astype(float)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def numbers_of(values: pd.Series) -> pd.Series:
    """A column as floats: numbers as they are, text answers that are numbers parsed."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return pd.Series(values.to_numpy(dtype=float, na_value=np.nan), index=values.index)
    return per_answer(values, _each(_number))


def scale_position(survey: Survey, question: str | None) -> pd.Series:
    """Each answer's place on its scale from 0 (first level) to 1 (last); opt-outs and blanks
    NaN. Numbers: their value scaled by the 0-10 range when they reach 9 or 10, by their own
    range from 0 or 1 when they fit a shorter one (1 to 5), else percentile rank."""
    index = survey.data.index
    if not question or not survey.has(question):
        return pd.Series(np.nan, index=index)
    col = survey.column(question)
    values = survey.data[question]
    if col.kind == Kind.numeric or all(str(lv).isdigit() for lv in col.levels if str(lv)):
        numbers = numbers_of(values)
        if numbers.dropna().between(0, 10).all():
            points = _points(col)
            if points and not _reaches_10(points) and max(points) > min(points):  # 1 to 5
                return (numbers - min(points)) / (max(points) - min(points))
            return numbers / 10
        return numbers.rank(pct=True)
    core = [lv for lv in col.levels if not is_opt_out(str(lv))]
    if len(core) < 2:
        return pd.Series(np.nan, index=index)
    place = {lv: i / (len(core) - 1) for i, lv in enumerate(core)}
    return per_answer(values, _each(place.get))


def _said_not_customer(survey: Survey, rules: LifecycleRules) -> pd.Series:
    out = pd.Series(False, index=survey.data.index)
    for question in (rules.tenure, rules.last_purchase):
        if question and survey.has(question):
            out |= per_answer(survey.data[question],
                              lambda answers: answers.str.contains(NOT_A_CUSTOMER))
    return out


def _points(col) -> list[float]:
    """A scale's points when its levels are numbers ('1' ... '5'); [] for typed numbers."""
    if col.kind != Kind.ordinal:
        return []
    return [float(lv) for lv in col.levels if str(lv).isdigit()]


def _reaches_10(points: list[float]) -> bool:
    """A 0-10 scale, even where nobody chose its top (0 to 8 given is 0 to 10 asked)."""
    return max(points) >= 9 or (min(points) == 0 and max(points) >= 7)


def on_0_to_10(survey: Survey, question: str | None) -> bool:
    """Whether a recommend question was asked from 0 (or 1) to 10, the scale NPS is defined
    on: typed numbers within 0-10, or a scale whose points reach 9 or 10."""
    if not question or not survey.has(question):
        return False
    col = survey.column(question)
    if col.kind != Kind.numeric and not all(str(lv).isdigit() for lv in col.levels if str(lv)):
        return False
    numbers = numbers_of(survey.data[question]).dropna()
    points = _points(col)
    return bool(len(numbers)) and numbers.between(0, 10).all() and (
        not points or _reaches_10(points))


def recommend_groups(survey: Survey, question: str | None) -> tuple[pd.Series, pd.Series]:
    """Who would not recommend (detractors) and who would (promoters): 0-6 and 9-10 of 10;
    on any other scale, below its middle and its top point."""
    place = scale_position(survey, question)
    if on_0_to_10(survey, question):
        return place <= 0.6, place >= 0.9
    return place < 0.5, place >= 1


def lifecycle_stages(survey: Survey, rules: LifecycleRules) -> pd.Series:
    """Each respondent's stage (see STAGE_RULE); NA where none of the questions was answered."""
    tenure = scale_position(survey, rules.tenure)
    frequency = scale_position(survey, rules.frequency)
    last = scale_position(survey, rules.last_purchase)
    ease = scale_position(survey, rules.switching)
    recommend = scale_position(survey, rules.recommend)
    answered = pd.concat([tenure, frequency, last, ease, recommend], axis=1).notna().any(axis=1)
    not_customer = _said_not_customer(survey, rules)
    answered |= not_customer
    detractor, promoter = recommend_groups(survey, rules.recommend)
    conditions = [
        not_customer,
        last >= 2 / 3,
        detractor | ((ease >= 2 / 3) & ~promoter),
        tenure < 1 / 3,
        ((tenure >= 2 / 3) & (frequency >= 0.5)) | promoter,
    ]
    stages = np.select([c.fillna(False).to_numpy(dtype=bool) for c in conditions],
                       ["not a customer", "lapsed", "at risk", "new", "loyal"], "active")
    return pd.Series(stages, index=survey.data.index, dtype="object").where(answered, None)


class Share(BaseModel):
    """A share of the group with its count, n and Wilson 95% interval."""

    label: str
    count: int
    n: int
    share: float | None
    low: float | None
    high: float | None


def _share(label: str, count: int, n: int) -> Share:
    if n == 0:
        return Share(label=label, count=0, n=0, share=None, low=None, high=None)
    low, high = wilson_interval(count, n)
    return Share(label=label, count=count, n=n, share=count / n, low=low, high=high)


def shares_of(values: pd.Series, mask: pd.Series, order: list[str] | None = None) -> list[Share]:
    """How the answered values in the group split, each share with its interval."""
    inside = values[mask.reindex(values.index, fill_value=False)].dropna()
    counts = inside.astype(str).value_counts()
    labels = order if order is not None else list(counts.index)
    return [_share(label, int(counts.get(label, 0)), len(inside)) for label in labels]


def stage_mix(stages: pd.Series, mask: pd.Series) -> list[Share]:
    return shares_of(stages, mask, list(STAGES))


# --- acquisition -----------------------------------------------------------------------------


def channel_mix(survey: Survey, question: str, mask: pd.Series) -> list[Share]:
    """How the group found the product: each channel's share of those who answered."""
    return shares_of(survey.data[question].astype("object"), mask)


def cost_per_customer(spend: float, customers_won: float) -> float | None:
    """Acquisition cost per customer from a channel's spend and the customers it won."""
    return spend / customers_won if customers_won > 0 else None


class AcquisitionCost(BaseModel):
    cost: float | None = Field(description="Blended cost per acquired customer.")
    covered: float = Field(description="Share of the group whose channel has a cost.")
    n: int
    without_cost: list[str]


def blended_cost(mix: list[Share], costs: dict[str, float]) -> AcquisitionCost:
    """The group's average acquisition cost, its channels weighted by how many came through
    each; channels without a cost are left out of the average and named, never taken as 0."""
    known = [s for s in mix if s.share and costs.get(s.label) is not None]
    covered = sum(s.share for s in known)
    cost = sum(s.share * costs[s.label] for s in known) / covered if covered else None
    return AcquisitionCost(cost=cost, covered=covered, n=mix[0].n if mix else 0,
                           without_cost=[s.label for s in mix if s.share and s not in known])


# --- value -----------------------------------------------------------------------------------


PER_PERIOD = [(r"\bper day\b|\ba day\b|\bdaily\b", 365.0), (r"\bweek", 52.0),
              (r"\bmonth", 12.0), (r"\byear|\bannual", 1.0)]


def yearly_value(survey: Survey, spend: str, frequency: str | None = None) -> pd.Series:
    """Each respondent's yearly spend (see VALUE_METHOD); NaN where it cannot be told."""
    amount = numbers_of(survey.data[spend])
    if survey.column(spend).kind == Kind.ordinal:  # asked in bands ('Rs. 1,000-2,500')
        amount = per_answer(survey.data[spend], _each(band_amount))
    factor = next((f for pattern, f in PER_PERIOD if re.search(pattern, spend, re.I)), None)
    if factor is not None:
        return amount * factor
    if frequency and survey.has(frequency):
        return amount * per_answer(survey.data[frequency], _each(frequency_rate))
    return pd.Series(np.nan, index=survey.data.index)


class ValueSummary(BaseModel):
    n: int
    too_few: bool
    median: float | None = None
    low: float | None = None
    high: float | None = None
    mean: float | None = None
    method: str = VALUE_METHOD


def median_interval(values: np.ndarray) -> tuple[float, float]:
    """Distribution-free 95% interval for the median: the order statistics at the binomial
    ranks n/2 -/+ 1.96 sqrt(n)/2 (1-based, rounded outwards)."""
    ordered = np.sort(values)
    n = len(ordered)
    half = 1.959963984540054 * math.sqrt(n) / 2
    lower = max(1, math.floor(n / 2 - half))
    upper = min(n, math.ceil(n / 2 + 1 + half))
    return float(ordered[lower - 1]), float(ordered[upper - 1])


def value_summary(values: pd.Series, mask: pd.Series, min_n: int = DEFAULT_MIN_N
                  ) -> ValueSummary:
    inside = values[mask.reindex(values.index, fill_value=False)].dropna().to_numpy(float)
    if len(inside) < min_n:
        return ValueSummary(n=len(inside), too_few=True)
    low, high = median_interval(inside)
    return ValueSummary(n=len(inside), too_few=False, median=float(np.median(inside)),
                        low=low, high=high, mean=float(inside.mean()))


# --- switching risk --------------------------------------------------------------------------


class Risk(BaseModel):
    at_risk: Share
    nps: float | None
    nps_n: int


def switching_risk(survey: Survey, rules: LifecycleRules, mask: pd.Series) -> Risk:
    """Who might leave (see RISK_RULE), and the group's net promoter score (None unless the
    recommend question was asked from 0 to 10: a 1-5 agreement is no NPS)."""
    ease = scale_position(survey, rules.switching)
    recommend = scale_position(survey, rules.recommend)
    inside = mask.reindex(survey.data.index, fill_value=False)
    known = (ease.notna() | recommend.notna()) & inside
    detractor, promoter = (flags.fillna(False).astype(bool)
                           for flags in recommend_groups(survey, rules.recommend))
    risky = (detractor | ((ease >= 2 / 3).fillna(False) & ~promoter)) & known
    answered = recommend[inside].notna()
    nps = None
    if on_0_to_10(survey, rules.recommend) and answered.any():
        n = int(answered.sum())
        nps = float(promoter[inside][answered].sum() - detractor[inside][answered].sum()) / n * 100
    return Risk(at_risk=_share("at risk", int(risky.sum()), int(known.sum())), nps=nps,
                nps_n=int(answered.sum()) if nps is not None else 0)


# --- the worth-it view -----------------------------------------------------------------------


class WorthRow(BaseModel):
    """One persona's figures, each with the n it rests on."""

    name: str
    size: Share
    value: ValueSummary | None
    acquisition: AcquisitionCost | None
    risk: Risk
    stages: list[Share]


def worth_table(survey: Survey, groups: dict[str, pd.Series], settings: WorthSettings,
                min_n: int = DEFAULT_MIN_N) -> list[WorthRow]:
    """The personas side by side by size, yearly value, acquisition cost, risk and stage mix."""
    values = (yearly_value(survey, settings.spend, settings.frequency) if settings.spend
              else None)
    stages = lifecycle_stages(survey, settings)
    rows = []
    for name, mask in groups.items():
        mask = mask.reindex(survey.data.index, fill_value=False)
        rows.append(WorthRow(
            name=name, size=_share("size", int(mask.sum()), survey.n),
            value=value_summary(values, mask, min_n) if values is not None else None,
            acquisition=blended_cost(channel_mix(survey, settings.channel, mask),
                                     settings.costs) if settings.channel else None,
            risk=switching_risk(survey, settings, mask), stages=stage_mix(stages, mask)))
    return rows


def _pct_with_interval(s: Share) -> str:
    return f"{s.share:.0%} (95% CI {s.low:.0%}–{s.high:.0%})"


def worth_lines(row: WorthRow, min_n: int = DEFAULT_MIN_N) -> list[str]:
    """The persona's worth-it figures as sentences for the card and its exports, each with the
    n it rests on; under min_n a figure reads 'too few to say'."""
    def few(n: int) -> str:
        return f"too few to say (n={n:,})"

    lines = []
    v = row.value
    if v is not None:
        lines.append("Yearly value: " + (few(v.n) if v.too_few else
                     f"median {v.median:,.0f} (95% CI {v.low:,.0f}–{v.high:,.0f}), n={v.n:,}"))
    a = row.acquisition
    if a is not None and a.cost is not None:
        named = ", ".join(a.without_cost[:3]) + (f" and {len(a.without_cost) - 3} more"
                                                 if len(a.without_cost) > 3 else "")
        missing = f"; none for {named}" if a.without_cost else ""
        lines.append(f"Acquisition cost: {a.cost:,.2f} per customer (channels with a cost: "
                     f"{a.covered:.0%} of n={a.n:,}{missing})")
    risk = row.risk.at_risk
    if risk.n:
        lines.append("At risk of switching: " + (few(risk.n) if risk.n < min_n else
                     f"{_pct_with_interval(risk)}, n={risk.n:,}"))
    if row.risk.nps_n:
        lines.append("NPS: " + (few(row.risk.nps_n) if row.risk.nps_n < min_n else
                     f"{row.risk.nps:+.0f}, n={row.risk.nps_n:,}"))
    n = row.stages[0].n if row.stages else 0
    if n:
        mix = [s for s in row.stages if s.count]
        lines.append("Lifecycle: " + (few(n) if n < min_n else
                     "; ".join(f"{s.label} {s.share:.0%}" for s in mix) + f"; n={n:,}"))
    return lines


def worth_frame(rows: list[WorthRow]) -> pd.DataFrame:
    """The worth-it table as plain columns, for a sortable table and CSV/XLSX export."""
    def pct(share: float | None) -> float | None:
        return None if share is None else round(share * 100, 1)

    records = []
    for r in rows:
        v, a = r.value, r.acquisition
        records.append({
            "Persona": r.name, "Respondents": r.size.count, "Share %": pct(r.size.share),
            "Yearly value (median)": None if not v or v.too_few else round(v.median, 2),
            "Value 95% CI": None if not v or v.too_few else f"{v.low:,.0f}–{v.high:,.0f}",
            "Value n": v.n if v else None,
            "Acquisition cost": None if not a or a.cost is None else round(a.cost, 2),
            "Channels with a cost %": pct(a.covered) if a else None,
            "Acquisition cost n": a.n if a else None,
            "At risk %": pct(r.risk.at_risk.share) if r.risk.at_risk.n >= DEFAULT_MIN_N
            else None,
            "At risk n": r.risk.at_risk.n,
            "NPS": None if r.risk.nps is None or r.risk.nps_n < DEFAULT_MIN_N
            else round(r.risk.nps, 1),
            "NPS n": r.risk.nps_n,
        })
    return pd.DataFrame(records)


def stage_frame(rows: list[WorthRow], min_n: int = DEFAULT_MIN_N) -> pd.DataFrame:
    """Each persona's stage mix as 'share [interval]' cells, 'too few' under min_n."""
    records = []
    for r in rows:
        n = r.stages[0].n if r.stages else 0
        cells = {s.label: "too few" if n < min_n else f"{s.share:.0%} [{s.low:.0%}–{s.high:.0%}]"
                 for s in r.stages}
        records.append({"Persona": r.name, "n": n, **{s: cells.get(s, "") for s in STAGES}})
    return pd.DataFrame(records)
