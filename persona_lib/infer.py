"""Table of strings -> typed Survey: decide what each column is, then type it.

Rules run from the most specific (personal data, ids, dates) to the most general
(single choice, free text), so a column of emails is never charted as a choice.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

import numpy as np
import pandas as pd

from persona_lib.models import Column, Kind, Role, Topic
from persona_lib.survey import Survey

OPT_OUT = ("prefer not to say", "don't know", "dont know", "not applicable", "n/a", "no answer")

# Ordered scales, lowest first. An ordinal column's answers must all come from one of these.
SCALES: dict[str, list[str]] = {
    "agree": [
        "strongly disagree", "disagree", "somewhat disagree", "slightly disagree",
        "neither agree nor disagree", "neutral", "slightly agree", "somewhat agree",
        "agree", "strongly agree",
    ],
    "likely": [
        "extremely unlikely", "very unlikely", "unlikely", "somewhat unlikely",
        "neither likely nor unlikely", "somewhat likely", "likely", "very likely",
        "extremely likely",
    ],
    "satisfied": [
        "very dissatisfied", "dissatisfied", "somewhat dissatisfied",
        "neither satisfied nor dissatisfied", "somewhat satisfied", "satisfied",
        "very satisfied",
    ],
    "easy": [
        "very difficult", "difficult", "somewhat difficult", "neither easy nor difficult",
        "somewhat easy", "easy", "very easy",
    ],
    "important": [
        "not at all important", "not important", "slightly important", "somewhat important",
        "moderately important", "important", "very important", "extremely important",
    ],
    "quality": ["very poor", "poor", "fair", "average", "good", "very good", "excellent"],
    "often": ["never", "rarely", "sometimes", "often", "very often", "always"],
    "frequency": [
        "never", "less than once a year", "once a year", "a few times a year",
        "less than once a month", "once a month", "monthly", "a few times a month",
        "every two weeks", "twice a month", "fortnightly", "once a week", "every week",
        "weekly", "several times a week", "a few times a week", "every day", "daily",
        "several times a day",
    ],
}
# Scales whose midpoint splits negative from positive: drawn as diverging bars.
DIVERGING_SCALES = ("agree", "likely", "satisfied", "easy")

# (topic, header pattern, role); the first match wins, so the order matters.
TOPIC_RULES: list[tuple[Topic, str, Role]] = [
    (Topic.gender, r"\bgender\b|\bsex\b", Role.demographic),
    (Topic.age, r"\bage\b|how old|year of birth|age group", Role.demographic),
    (Topic.income, r"income|salary", Role.demographic),
    (Topic.household, r"household|marital|family status|children|relationship status",
     Role.demographic),
    (Topic.education, r"education|degree|qualification", Role.demographic),
    (Topic.occupation, r"occupation|\bjob\b|employment|profession", Role.demographic),
    (Topic.location, r"where do you live|\blocation\b|country|\bcity\b|region|postcode|zip code",
     Role.demographic),
    (Topic.found_us, r"first hear|how did you (hear|find|discover|learn)|found us",
     Role.behaviour),
    (Topic.channels, r"hear about new|channel|where do you (like|prefer)|social media|"
     r"contacted|reach you", Role.behaviour),
    (Topic.frequency, r"how often|frequency", Role.behaviour),
    (Topic.willingness_to_pay, r"would (you )?pay|willing(ness)? to pay|most you would",
     Role.behaviour),
    (Topic.spend, r"\bspend|\bspent\b", Role.behaviour),
    (Topic.switching, r"switch", Role.behaviour),
    (Topic.loyalty, r"another .*brand|other brands?\b|competitor|loyal", Role.behaviour),
    (Topic.frustrations, r"frustrat|annoy|\bpain|dislike", Role.attitude),
    (Topic.goals, r"\bwant\b|\bgoals?\b|hope|looking for", Role.attitude),
    (Topic.why_buy, r"why do you (buy|choose|use)|reason", Role.other),
    (Topic.expectations, r"expect", Role.other),
    (Topic.recommend, r"recommend", Role.attitude),
]
TOPIC_LABELS = {
    Topic.gender: "Gender", Topic.age: "Age", Topic.location: "Location",
    Topic.household: "Household", Topic.income: "Income", Topic.education: "Education",
    Topic.occupation: "Occupation", Topic.found_us: "Found us via",
    Topic.frequency: "Buying frequency", Topic.spend: "Monthly spend",
    Topic.willingness_to_pay: "Willingness to pay", Topic.loyalty: "Loyalty to other brands",
    Topic.switching: "Ease of switching", Topic.channels: "Channels", Topic.goals: "Goals",
    Topic.frustrations: "Frustrations", Topic.why_buy: "Why they buy",
    Topic.expectations: "Expectations", Topic.recommend: "Likelihood to recommend",
}

EMAIL = re.compile(r"^[\w.+'-]+@[\w-]+(\.[\w-]+)+$")
IPV4 = re.compile(r"^(\d{1,3}\.){3}\d{1,3}$")
PHONE = re.compile(r"^\+?[\d\s().-]{7,20}$")
DATE_LIKE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
PII_HEADER = re.compile(
    r"e-?mail|phone|mobile|telephone|\bip ?address|street|postal address|home address|"
    r"^(your |full |first |last |sur)?name\b",
    re.IGNORECASE,
)
ID_HEADER = re.compile(r"\bid\b|\buuid\b|respondent|response ?id|record ?id", re.IGNORECASE)
TIME_HEADER = re.compile(r"time|date|submitted|started|completed|created", re.IGNORECASE)
METADATA_HEADERS = {
    "status", "progress", "duration (in seconds)", "finished", "recordeddate", "recorded date",
    "distributionchannel", "userlanguage", "startdate", "enddate", "start date", "end date",
    "locationlatitude", "locationlongitude", "locationaccuracy", "externalreference",
    "network id", "user agent", "browser", "platform",
}
NUMBER = re.compile(r"^[-+]?[$£€]?\s*[-+]?\d{1,3}(?:[ ,]?\d{3})*(?:\.\d+)?\s*%?$|^[-+]?\d*\.\d+$")
BAND_NUMBER = r"[$£€]?\s*\d[\d,.]*\s*[kKmM]?"
BAND_PATTERNS = [
    (re.compile(rf"^(?:under|less than|below|up to|fewer than|<)\s*({BAND_NUMBER})", re.I), -1),
    (re.compile(rf"^({BAND_NUMBER})\s*(?:\+|or (?:more|older|over|above)|and (?:over|above|older))"
                r"(?:\s*\w+)?$", re.I), 0),
    (re.compile(rf"^(?:over|more than|above|>)\s*({BAND_NUMBER})", re.I), 0),
    (re.compile(rf"^({BAND_NUMBER})\s*(?:-|–|—|to)\s*{BAND_NUMBER}(?:\s*\w+)?$", re.I), 0),
]
MULTI_SEPARATORS = (";", ", ", "|")


def build_survey(table: pd.DataFrame, source: str = "upload", warnings: list[str] | None = None
                 ) -> Survey:
    """Infer every column of a table of strings and return the typed Survey."""
    warnings = list(warnings or ())
    columns = label_columns([_infer_or_text(name, table[name], warnings) for name in table.columns])
    data, options = typed_data(table, columns)
    return Survey(
        data=data,
        columns=tuple(columns),
        options=options,
        source=source,
        fingerprint=questions_fingerprint(columns),
        warnings=tuple(warnings),
    )


def _infer_or_text(name: str, values: pd.Series, warnings: list[str]) -> Column:
    """A column the rules cannot make sense of is kept as free text, never a crash."""
    try:
        return infer_column(name, values)
    except Exception as exc:  # noqa: BLE001 - survey answers are untrusted input
        warnings.append(f"Column '{name}' could not be analysed ({type(exc).__name__}); "
                        "it is kept as free text.")
        return Column(name=name, label=name, kind=Kind.text)


def questions_fingerprint(columns: list[Column]) -> str:
    """Identifies 'the same survey' across waves: a hash of its question texts."""
    joined = "\n".join(sorted(col.name for col in columns))
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def infer_column(name: str, values: pd.Series) -> Column:
    """Decide one column's kind, role, topic and level order from its header and answers."""
    text = values.dropna().astype(str)
    text = text[text != ""]
    header = name.strip().lower()
    kind, levels, sep = _infer_kind(name, header, text)
    topic, role = _topic_and_role(header, kind, levels)
    return Column(name=name, label=name, kind=kind, role=role, topic=topic, levels=levels,
                  separator=sep)


def _infer_kind(name: str, header: str, text: pd.Series) -> tuple[Kind, list[str], str | None]:
    if text.empty or header in METADATA_HEADERS:
        return Kind.metadata, [], None
    distinct = text.unique()
    if PII_HEADER.search(header) or _share(text, EMAIL) > 0.5 or _share(text, IPV4) > 0.5:
        return Kind.pii, [], None
    unique = len(distinct) == len(text)
    if ID_HEADER.search(name) and unique:
        return Kind.id, [], None
    if (TIME_HEADER.search(header) or _share(text, DATE_LIKE) > 0.9) and _dates_share(text) > 0.9:
        return Kind.timestamp, [], None
    numbers = parse_numbers(text)
    if numbers.notna().mean() >= 0.95:
        return _numeric_kind(header, numbers, unique)
    if _share(text, PHONE) > 0.8 and text.str.count(r"\d").min() >= 7:
        return Kind.pii, [], None
    levels = ordinal_levels(distinct)
    if levels:
        return Kind.ordinal, levels, None
    sep = multi_separator(text)
    if sep:
        options = split_options(text, sep).stack().dropna().value_counts().index.tolist()
        return Kind.multi_choice, options, sep
    n_distinct = len(distinct)
    if n_distinct == len(text) > 1 and text.str.len().mean() > 30:
        return Kind.text, [], None
    if n_distinct <= 50 and (n_distinct <= 12 or n_distinct <= 0.2 * len(text)) \
            and text.str.len().mean() <= 80:
        return Kind.single_choice, text.value_counts().index.tolist(), None
    if unique and text.str.len().max() <= 40 and not text.str.contains(" ").any():
        return Kind.id, [], None
    return Kind.text, [], None


def _numeric_kind(header: str, numbers: pd.Series, unique: bool
                  ) -> tuple[Kind, list[str], str | None]:
    values = numbers.dropna()
    whole = bool((values == values.round()).all())
    lo, hi = values.min(), values.max()
    if whole and unique and len(values) > 20 and (values.diff().dropna() == 1).all():
        return Kind.id, [], None
    scale_words = re.search(r"recommend|likely|scale|rate|rating|agree|satisf|score", header)
    if whole and scale_words and lo >= 0:
        if 7 < hi <= 10:
            return Kind.ordinal, [str(v) for v in range(0, 11)], None
        if hi <= 7:
            top = 5 if hi <= 5 else 7
            return Kind.ordinal, [str(v) for v in range(int(min(lo, 1)), top + 1)], None
    return Kind.numeric, [], None


def _topic_and_role(header: str, kind: Kind, levels: list[str]) -> tuple[Topic | None, Role]:
    if kind in (Kind.id, Kind.timestamp, Kind.pii, Kind.metadata):
        return None, Role.other
    for topic, pattern, role in TOPIC_RULES:
        if re.search(pattern, header):
            if topic in (Topic.why_buy, Topic.expectations) or kind != Kind.text:
                return topic, role
    if kind == Kind.ordinal and scale_name(levels) in DIVERGING_SCALES + ("important",):
        return None, Role.attitude
    if re.search(r"\[.+\]$", header) and kind == Kind.ordinal:
        return None, Role.attitude
    if kind == Kind.text:
        return None, Role.other
    return None, Role.behaviour


def label_columns(columns: list[Column]) -> list[Column]:
    """Give each column a short, unique label for charts and cards."""
    used: set[str] = set()
    labelled = []
    for col in columns:
        label = _short_label(col)
        if label in used:
            label = _question_label(col.name)
        while label in used:
            label += " (2)"
        used.add(label)
        labelled.append(col.model_copy(update={"label": label}))
    return labelled


def _short_label(col: Column) -> str:
    bracket = re.search(r"\[(.+)\]\s*$", col.name)
    if bracket:
        return bracket.group(1).strip()
    if col.topic is not None:
        unit = re.search(r"\((USD|EUR|GBP|[$€£]|[A-Z]{3})\)", col.name)
        return TOPIC_LABELS[col.topic] + (f" ({unit.group(1)})" if unit else "")
    return _question_label(col.name)


def _question_label(name: str) -> str:
    label = re.sub(r"\s+", " ", name).strip().rstrip("?:").strip()
    return label if len(label) <= 60 else label[:57].rstrip() + "…"


def parse_numbers(text: pd.Series) -> pd.Series:
    """Numbers written with currency symbols, thousands separators or a trailing %; else NaN."""
    text = text.astype(str).str.strip()
    ok = text.str.fullmatch(NUMBER.pattern)
    cleaned = text.str.replace(r"[$£€%\s]", "", regex=True).str.replace(",", "", regex=False)
    return pd.to_numeric(cleaned.where(ok), errors="coerce")


def ordinal_levels(distinct: np.ndarray | list[str]) -> list[str]:
    """The natural order of the answers if they form a known scale or numeric bands, else []."""
    answers = [a for a in map(str, distinct) if a.strip()]
    if len(answers) < 2:
        return []
    core = [a for a in answers if a.strip().lower() not in OPT_OUT]
    opt_out = [a for a in answers if a.strip().lower() in OPT_OUT]
    if len(core) < 2:
        return []
    lowered = {a: a.strip().lower() for a in core}
    for scale in SCALES.values():
        if all(v in scale for v in lowered.values()):
            return sorted(core, key=lambda a: scale.index(lowered[a])) + opt_out
    bounds = {a: band_lower_bound(a) for a in core}
    if all(b is not None for b in bounds.values()) and any(
        re.search(r"\d\s*[kKmM]?\s*(-|–|—|to)\s*[$£€]?\d", a) for a in core
    ):
        return sorted(core, key=lambda a: bounds[a]) + opt_out
    return []


def scale_name(levels: list[str]) -> str | None:
    lowered = [lv.lower() for lv in levels if lv.lower() not in OPT_OUT]
    for name, scale in SCALES.items():
        if lowered and all(v in scale for v in lowered):
            return name
    return None


def band_lower_bound(answer: str) -> float | None:
    """Sort key for a band like '18-24', 'Under $25k', '$150k+', '65 or older'."""
    text = answer.strip()
    for pattern, shift in BAND_PATTERNS:
        match = pattern.match(text)
        if match:
            value = _band_number(match.group(1))
            return None if value is None else value + shift * 1e-6
    return None


def _band_number(text: str) -> float | None:
    cleaned = re.sub(r"[$£€\s,]", "", text)
    scale = 1.0
    if cleaned[-1:].lower() == "k":
        cleaned, scale = cleaned[:-1], 1e3
    elif cleaned[-1:].lower() == "m":
        cleaned, scale = cleaned[:-1], 1e6
    try:
        return float(cleaned) * scale
    except ValueError:
        return None


def multi_separator(text: pd.Series) -> str | None:
    """The separator of a multi-select column, or None when the answers are not option lists.

    Option lists reuse a small vocabulary; free text that happens to contain commas does not.
    """
    for sep in MULTI_SEPARATORS:
        has_sep = text.str.contains(sep, regex=False)
        if has_sep.mean() < 0.1:
            continue
        tokens = split_options(text, sep).stack().dropna()
        counts = Counter(tokens)
        repeated = sum(c for c in counts.values() if c >= 2)
        if len(counts) <= 60 and repeated >= 0.95 * len(tokens) and len(counts) <= text.nunique():
            return sep
    return None


def split_options(text: pd.Series, sep: str) -> pd.DataFrame:
    """One row per answer, one column per position: the options each respondent chose."""
    parts = text.astype(str).str.split(sep.strip() or sep, expand=True, regex=False)
    return parts.apply(lambda s: s.str.strip()).replace("", None)


def typed_data(table: pd.DataFrame, columns: list[Column]
               ) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Convert each column to the pandas type its kind calls for."""
    data: dict[str, pd.Series] = {}
    options: dict[str, pd.DataFrame] = {}
    for col in columns:
        raw = table[col.name]
        if col.kind in (Kind.single_choice, Kind.ordinal):
            data[col.name] = pd.Categorical(
                raw.where(raw.isin(col.levels)), categories=col.levels,
                ordered=col.kind == Kind.ordinal,
            )
        elif col.kind == Kind.numeric:
            data[col.name] = parse_numbers(raw.fillna(""))
        elif col.kind == Kind.timestamp:
            data[col.name] = pd.to_datetime(raw, errors="coerce", format="mixed")
        elif col.kind == Kind.multi_choice:
            data[col.name] = raw
            options[col.name] = option_table(raw, col.levels, col.separator or ";")
        else:
            data[col.name] = raw
    return pd.DataFrame(data, index=table.index), options


def option_table(raw: pd.Series, levels: list[str], sep: str) -> pd.DataFrame:
    """Respondent x option booleans: who chose what (no answer: all False)."""
    answered = raw.notna()
    chosen = split_options(raw[answered], sep)
    table = pd.DataFrame(False, index=raw.index, columns=levels)
    for position in chosen.columns:
        picks = chosen[position].dropna()
        for option in levels:
            hit = picks.index[picks == option]
            table.loc[hit, option] = True
    return table


def _share(text: pd.Series, pattern: re.Pattern[str]) -> float:
    return float(text.str.match(pattern.pattern).mean()) if len(text) else 0.0


def _dates_share(text: pd.Series) -> float:
    sample = text.head(200)
    parsed = pd.to_datetime(sample, errors="coerce", format="mixed")
    return float(parsed.notna().mean())
