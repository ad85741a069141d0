"""Table of strings -> typed Survey: decide what each column is, apply the user's mapping, type it.

Rules run from the most specific (what the export format said, personal data, ids, dates)
to the most general (single choice, free text), so a column of emails is never charted as a
choice. Decisions look at each column's distinct answers with their counts, so they cost
the same for 1,000 or 1,000,000 respondents answering from the same options.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from persona_lib.formats import ColumnHint, Table
from persona_lib.mapping import (
    ColumnOverride, SurveyMapping, exclusion_masks, recode,
)
from persona_lib.models import Column, Kind, Role, Topic
from persona_lib.survey import Survey
from persona_lib.values import date_format, parse_datetimes, parse_numbers

OPT_OUT = ("prefer not to say", "prefer not to answer", "don't know", "dont know", "not sure",
           "not applicable", "n/a", "no answer", "no opinion")

# Ordered scales, lowest first. An ordinal column's answers must all come from one of these.
SCALES: dict[str, list[str]] = {
    "agree": [
        "strongly disagree", "completely disagree", "disagree", "mostly disagree",
        "tend to disagree", "somewhat disagree", "slightly disagree",
        "neither agree nor disagree", "neither agree or disagree", "neutral", "slightly agree",
        "somewhat agree", "tend to agree", "mostly agree", "agree", "strongly agree",
        "completely agree",
    ],
    "likely": [
        "not at all likely", "extremely unlikely", "very unlikely", "unlikely",
        "somewhat unlikely", "not likely", "neither likely nor unlikely", "somewhat likely",
        "likely", "very likely", "extremely likely",
    ],
    "satisfied": [
        "extremely dissatisfied", "very dissatisfied", "dissatisfied", "somewhat dissatisfied",
        "slightly dissatisfied", "neither satisfied nor dissatisfied", "slightly satisfied",
        "somewhat satisfied", "satisfied", "very satisfied", "extremely satisfied",
    ],
    "easy": [
        "very difficult", "difficult", "somewhat difficult", "neither easy nor difficult",
        "somewhat easy", "easy", "very easy",
    ],
    "important": [
        "not at all important", "not important", "slightly important", "somewhat important",
        "moderately important", "important", "very important", "extremely important",
    ],
    "quality": ["terrible", "very poor", "poor", "fair", "average", "good", "very good",
                "excellent"],
    "often": ["never", "almost never", "rarely", "occasionally", "sometimes", "often",
              "frequently", "usually", "very often", "almost always", "always"],
    "frequency": [
        "never", "less than once a year", "once a year", "a few times a year",
        "once every few months", "less than once a month", "once a month", "monthly",
        "a few times a month", "2-3 times a month", "every two weeks", "twice a month",
        "fortnightly", "once a week", "every week", "weekly", "2-3 times a week",
        "several times a week", "a few times a week", "most days", "every day", "daily",
        "once a day", "several times a day", "more than once a day",
    ],
    "skill": ["none", "beginner", "novice", "intermediate", "advanced", "expert"],
    "amount": ["none", "none at all", "a little", "some", "a moderate amount", "a lot",
               "a great deal"],
}
INTENSITY = ["not at all", "not", "slightly", "a little", "somewhat", "moderately", "fairly",
             "quite", "very", "extremely"]
# Scales whose midpoint splits negative from positive: drawn as diverging bars.
DIVERGING_SCALES = ("agree", "likely", "satisfied", "easy")

# (topic, header pattern, role); the first match wins, so the order matters.
TOPIC_RULES: list[tuple[Topic, str, Role]] = [
    (Topic.gender, r"\bgender\b|\bsex\b", Role.demographic),
    (Topic.age, r"\bage\b|how old|year of birth|age group|^age\d*$", Role.demographic),
    (Topic.income, r"income|salary|comp ?total|compensation", Role.demographic),
    (Topic.household, r"household|marital|family status|children|relationship status",
     Role.demographic),
    (Topic.education, r"education|degree|qualification|edlevel|school", Role.demographic),
    (Topic.occupation, r"occupation|\bjob\b|employment|profession|\bwork\b|industry|\brole\b",
     Role.demographic),
    (Topic.location, r"where do you live|\blocation\b|country|\bcity\b|region|postcode|"
     r"zip code|\bstate\b|province|which town", Role.demographic),
    (Topic.found_us, r"first hear|how did you (hear|find|discover|learn)|found us|"
     r"hear about us|referr", Role.behaviour),
    (Topic.channels, r"hear about new|channel|where do you (like|prefer)|social media|"
     r"contacted|reach you|apps? do you use", Role.behaviour),
    (Topic.frequency, r"how often|frequency", Role.behaviour),
    (Topic.willingness_to_pay, r"would (you )?pay|willing(ness)? to pay|most you would",
     Role.behaviour),
    (Topic.spend, r"\bspend|\bspent\b", Role.behaviour),
    (Topic.switching, r"switch", Role.behaviour),
    (Topic.loyalty, r"another .*brand|other brands?\b|competitor|loyal", Role.behaviour),
    (Topic.frustrations, r"frustrat|annoy|\bpain|dislike|problem|difficult", Role.attitude),
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
IPV6 = re.compile(r"^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$", re.IGNORECASE)
PHONE = re.compile(r"^\+?[\d\s().-]{7,20}$")
STREET = re.compile(
    r"^\d+[a-z]?,?\s+(\w+\s+){0,4}(street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|"
    r"blvd|way|court|ct|place|pl|close|crescent|terrace|strasse|straße|rue|via|calle)\b",
    re.IGNORECASE)
DATE_LIKE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
PII_HEADER = re.compile(
    r"e-?mail|phone|mobile|telephone|\bip ?address|street|postal address|home address|"
    r"^address|latitude|longitude|\bgps\b|^(your |full |first |last |sur|given |family )?name\b|"
    r"^name of|contact details",
    re.IGNORECASE,
)
ID_HEADER = re.compile(r"\bid\b|\buuid\b|respondent|response ?id|record ?id|^#$|_id$",
                       re.IGNORECASE)
TIME_HEADER = re.compile(r"time|date|submitted|started|completed|created|^start$|^end$|^today$",
                         re.IGNORECASE)
METADATA_HEADERS = {
    "status", "progress", "duration (in seconds)", "finished", "recordeddate", "recorded date",
    "distributionchannel", "userlanguage", "startdate", "enddate", "start date", "end date",
    "locationaccuracy", "externalreference", "network id", "user agent", "browser", "platform",
    "collector id", "last page", "start language", "seed", "__version__", "_uuid", "_index",
    "_validation_status", "_notes", "_status", "_tags", "_submission_time", "deviceid",
}
NUMBERED_LEVEL = re.compile(r"^(\d{1,2})(?:\s*(?:[-–=:.)(]|\s)\s*.*)?$")
BAND_NUMBER = r"[$£€]?\s*\d[\d,.]*\s*[kKmM]?"
BAND_WORDS = r"(?:\s+[a-zA-Z]+){0,3}"
BAND_PATTERNS = [
    (re.compile(rf"^(?:under|less than|below|up to|fewer than|younger than|<)\s*({BAND_NUMBER})",
                re.I), -1),
    (re.compile(rf"^({BAND_NUMBER})\s*(?:years?\s*)?(?:\+|or (?:more|older|over|above)|and "
                rf"(?:over|above|older)){BAND_WORDS}$", re.I), 0),
    (re.compile(rf"^(?:over|more than|above|older than|>)\s*({BAND_NUMBER})", re.I), 0),
    (re.compile(rf"^({BAND_NUMBER})\s*(?:-|–|—|_|to)\s*{BAND_NUMBER}{BAND_WORDS}$", re.I), 0),
]
BAND_RANGE = re.compile(r"\d\s*[kKmM]?\s*(-|–|—|_|to)\s*[$£€]?\d")
MULTI_SEPARATORS = (";", "|", ", ", ",")
MAX_DISTINCT_CHOICES = 60


def build_survey(table: Table, source: str = "upload", mapping: SurveyMapping | None = None
                 ) -> Survey:
    """Infer every column, apply the user's corrections and exclusions, return the Survey."""
    mapping = mapping or SurveyMapping(fingerprint=table.fingerprint)
    warnings = list(table.warnings)
    detected, columns, answers, split_by = [], [], {}, {}
    for name in table.data.columns:
        override = mapping.override(name)
        raw = table.data[name]
        column = _infer_or_text(name, raw, table.hint(name), table.decimal_comma, warnings)
        detected.append(column)
        if override.merge and (override.kind or column.kind) != Kind.multi_choice:
            raw = recode(raw, override.merge)
        answers[name] = raw
        final, exported_options = _apply_override(column, raw, override, table)
        columns.append(final)
        if final.kind == Kind.multi_choice:
            split_by[name] = (exported_options, override.merge)
    detected = label_columns(detected)
    columns = label_columns(columns, {n: o.label for n, o in mapping.columns.items() if o.label})
    data, options = typed_data(answers, columns, table.decimal_comma, split_by)
    masks = exclusion_masks(pd.DataFrame(answers), columns, mapping.exclude, answers)
    keep = pd.Series(True, index=data.index)
    for mask in masks.values():
        keep &= ~mask
    excluded = {reason: int(mask.sum()) for reason, mask in masks.items()}
    if not keep.any():
        warnings.append("Your exclusion rules leave out every respondent; they are ignored "
                        "until you change them on the Data page.")
        keep[:] = True
    if not keep.all():
        data = data[keep]
        options = {k: v[keep] for k, v in options.items()}
    return Survey(
        data=data, columns=tuple(columns), options=options, source=source,
        fingerprint=table.fingerprint, warnings=tuple(warnings), tool=table.tool.value,
        sheet=table.sheet, sheets=table.sheets, detected=tuple(detected),
        excluded=excluded, rows_in_file=len(table.data), mapping=mapping,
    )


def _infer_or_text(name: str, values: pd.Series, hint: ColumnHint, decimal_comma: bool,
                   warnings: list[str]) -> Column:
    """A column the rules cannot make sense of is kept as free text, never a crash."""
    try:
        return infer_column(name, values, hint, decimal_comma, warnings)
    except Exception as exc:  # noqa: BLE001 - survey answers are untrusted input
        warnings.append(f"Column '{name}' could not be analysed ({type(exc).__name__}); "
                        "it is kept as free text.")
        return Column(name=name, label=name, kind=Kind.text)


def _apply_override(column: Column, raw: pd.Series, override: ColumnOverride, table: Table
                    ) -> tuple[Column, list[str]]:
    """The column as the user corrected it, and (for a multi-select) its options as exported,
    which splitting needs when the user merged some of them."""
    if override.is_empty:
        return column, list(column.levels)
    kind = override.kind or column.kind
    update: dict[str, object] = {}
    exported = list(column.levels)
    if kind != column.kind or (override.merge and kind != Kind.multi_choice):
        forced = _forced_kind(column.name, raw, kind, table.hint(column.name))
        exported = list(forced.levels)
        update.update(kind=kind, levels=forced.levels, separator=forced.separator)
        if override.role is None:
            topic, role = _topic_and_role(column.name.lower(), kind, forced.levels)
            update.update(topic=topic, role=role)
    if kind == Kind.multi_choice and override.merge:
        update["levels"] = list(dict.fromkeys(override.merge.get(o, o) for o in exported))
    if override.role is not None:
        update["role"] = override.role
    if override.levels:
        current = list(update.get("levels", column.levels))
        ordered = [lv for lv in override.levels if lv in current]
        update["levels"] = ordered + [lv for lv in current if lv not in ordered]
    return column.model_copy(update=update), exported


def _forced_kind(name: str, raw: pd.Series, kind: Kind, hint: ColumnHint) -> Column:
    """The column read as the kind the user chose, whatever inference said."""
    counts = _counts(raw)
    levels: list[str] = []
    separator = None
    if kind == Kind.multi_choice:
        separator = hint.separator or _best_separator(counts)
        levels = list(hint.options) or (discover_options(counts, separator) or ([], None))[0]
    elif kind == Kind.ordinal:
        levels = ordinal_levels(list(counts.index)) or _numbered_or_frequency(counts)
    elif kind == Kind.single_choice:
        levels = [str(v) for v in counts.index]
    return Column(name=name, label=name, kind=kind, levels=levels, separator=separator)


def _numbered_or_frequency(counts: pd.Series) -> list[str]:
    values = [str(v) for v in counts.index]
    numbers = pd.to_numeric(pd.Series(values), errors="coerce")
    if numbers.notna().all():
        return [v for _, v in sorted(zip(numbers, values))]
    return values


def infer_column(name: str, values: pd.Series, hint: ColumnHint | None = None,
                 decimal_comma: bool = False, warnings: list[str] | None = None) -> Column:
    """Decide one column's kind, role, topic and level order from its header and answers."""
    hint = hint or ColumnHint()
    counts = _counts(values)
    header = name.strip().lower()
    kind, levels, sep = _infer_kind(header, counts, hint, decimal_comma)
    if warnings is not None:
        warnings.extend(_kind_warnings(name, kind, counts, decimal_comma))
    topic, role = _topic_and_role(header, kind, levels)
    return Column(name=name, label=name, kind=kind, role=role, topic=topic, levels=levels,
                  separator=sep, code=hint.code, system=hint.system)


def _counts(values: pd.Series) -> pd.Series:
    """Each distinct answer with how many respondents gave it, most common first."""
    counts = values.dropna().astype("str").value_counts(sort=True)
    return counts[counts.index != ""]


def _infer_kind(header: str, counts: pd.Series, hint: ColumnHint, decimal_comma: bool
                ) -> tuple[Kind, list[str], str | None]:
    if hint.kind == Kind.multi_choice:
        return Kind.multi_choice, list(hint.options), hint.separator
    if hint.kind is not None:
        return hint.kind, [], None
    total = int(counts.sum())
    if total == 0 or header in METADATA_HEADERS:
        return Kind.metadata, [], None
    distinct = counts.index.to_series(index=counts.index).astype("str")
    if PII_HEADER.search(header) or _share(distinct, counts, EMAIL) > 0.5 \
            or _share(distinct, counts, IPV4) > 0.5 or _share(distinct, counts, IPV6) > 0.5 \
            or _share(distinct, counts, STREET) > 0.5:
        return Kind.pii, [], None
    unique = len(counts) == total
    if ID_HEADER.search(header) and unique:
        return Kind.id, [], None
    if (TIME_HEADER.search(header) or _share(distinct, counts, DATE_LIKE) > 0.9) \
            and date_format(distinct.head(300)) is not None:
        return Kind.timestamp, [], None
    numbers = parse_numbers(distinct, default_comma=decimal_comma)
    if _weighted(numbers.notna(), counts) >= 0.95:
        return _numeric_kind(header, numbers, counts, unique)
    if _share(distinct, counts, PHONE) > 0.8 and distinct.str.count(r"\d").min() >= 7:
        return Kind.pii, [], None
    if len(counts) <= MAX_DISTINCT_CHOICES:
        levels = ordinal_levels(list(distinct))
        if levels:
            return Kind.ordinal, levels, None
    sep = multi_separator(counts)
    if sep:
        options, _ = discover_options(counts, sep)
        return Kind.multi_choice, options, sep
    return _choice_or_text(distinct, counts, unique)


def _choice_or_text(distinct: pd.Series, counts: pd.Series, unique: bool
                    ) -> tuple[Kind, list[str], str | None]:
    n_distinct, total = len(counts), int(counts.sum())
    lengths = distinct.str.len()
    words = distinct.str.count(r"\s+") + 1
    mean_len = float((lengths * counts.values).sum() / total)
    mean_words = float((words * counts.values).sum() / total)
    if n_distinct == total > 1 and mean_len > 30:
        return Kind.text, [], None
    short = mean_words <= 4 and lengths.max() <= 60
    if n_distinct <= MAX_DISTINCT_CHOICES and mean_len <= 80 and (
            n_distinct <= 12 or n_distinct <= 0.2 * total or (short and n_distinct <= 0.8 * total)):
        return Kind.single_choice, list(distinct), None
    if unique and lengths.max() <= 40 and not distinct.str.contains(" ").any() and total > 1:
        return Kind.id, [], None
    return Kind.text, [], None


def _numeric_kind(header: str, numbers: pd.Series, counts: pd.Series, unique: bool
                  ) -> tuple[Kind, list[str], str | None]:
    values = numbers.dropna()
    whole = bool((values == values.round()).all())
    lo, hi = values.min(), values.max()
    if whole and unique and len(values) > 20 and (values.sort_values().diff().dropna() == 1).all():
        return Kind.id, [], None
    scale_words = re.search(r"recommend|likely|scale|rate|rating|agree|satisf|score|\bnps\b|"
                            r"how (much|well|happy|easy|important)", header)
    if whole and scale_words and lo >= 0 and not re.search(r"\bhow (much|many) .*(spend|pay)",
                                                             header):
        if 7 < hi <= 10:
            return Kind.ordinal, [str(v) for v in range(0, 11)], None
        if hi <= 7:
            top = 5 if hi <= 5 else 7
            return Kind.ordinal, [str(v) for v in range(int(min(lo, 1)), top + 1)], None
    return Kind.numeric, [], None


def _kind_warnings(name: str, kind: Kind, counts: pd.Series, decimal_comma: bool) -> list[str]:
    if kind != Kind.numeric:
        return []
    distinct = counts.index.to_series(index=counts.index).astype("str")
    bad = counts[parse_numbers(distinct, default_comma=decimal_comma).isna().values]
    if bad.empty:
        return []
    examples = ", ".join(f"'{v}'" for v in bad.index[:3])
    return [f"{int(bad.sum())} answer(s) in '{name}' are not numbers and are left blank "
            f"({examples}). Change the column's kind on the Data page if that is wrong."]


def _topic_and_role(header: str, kind: Kind, levels: list[str]) -> tuple[Topic | None, Role]:
    if kind in (Kind.id, Kind.timestamp, Kind.pii, Kind.metadata):
        return None, Role.other
    for topic, pattern, role in TOPIC_RULES:
        if re.search(pattern, header, re.IGNORECASE):
            if topic in (Topic.why_buy, Topic.expectations) or kind != Kind.text:
                return topic, role
    if kind == Kind.ordinal and scale_name(levels) in DIVERGING_SCALES + ("important",):
        return None, Role.attitude
    if re.search(r"\[.+\]$| - .+$", header) and kind == Kind.ordinal:
        return None, Role.attitude
    if kind == Kind.text:
        return None, Role.other
    return None, Role.behaviour


def label_columns(columns: list[Column], chosen: dict[str, str] | None = None) -> list[Column]:
    """Give each column a short, unique label for charts and cards (the user's own first)."""
    chosen = chosen or {}
    used: set[str] = set(chosen.values())
    stems = [_item_stem(c.name) for c in columns]
    labelled = []
    for i, col in enumerate(columns):
        if col.name in chosen:
            labelled.append(col.model_copy(update={"label": chosen[col.name]}))
            continue
        in_battery = stems[i] is not None and (
            (i > 0 and stems[i - 1] == stems[i]) or (i + 1 < len(columns) and stems[i + 1] == stems[i]))
        label = _item_label(col.name) if in_battery or "[" in col.name else _short_label(col)
        if label in used:
            label = _question_label(col.name)
        base, k = label, 2
        while label in used:
            label = f"{base} ({k})"
            k += 1
        used.add(label)
        labelled.append(col.model_copy(update={"label": label}))
    return labelled


def _item_stem(name: str) -> str | None:
    """The shared question of a grid item: 'Q [item]' or 'Q - item' -> 'Q'."""
    match = re.match(r"^(.*\S)\s*\[.+\]\s*$", name) or re.match(r"^(.*\S) - .+$", name)
    return match.group(1) if match else None


def _item_label(name: str) -> str:
    match = re.search(r"\[(.+)\]\s*$", name) or re.search(r" - (.+)$", name)
    return _question_label(match.group(1)) if match else _question_label(name)


def _short_label(col: Column) -> str:
    if col.topic is not None:
        unit = re.search(r"\((USD|EUR|GBP|[$€£]|[A-Z]{3})\)", col.name)
        return TOPIC_LABELS[col.topic] + (f" ({unit.group(1)})" if unit else "")
    return _question_label(col.name)


def _question_label(name: str) -> str:
    label = re.sub(r"\s+", " ", name).replace(" - Selected Choice", "").strip()
    label = label.rstrip("?:").strip()
    return label if len(label) <= 60 else label[:57].rstrip() + "…"


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
    intensity = _intensity_order(core)
    if intensity:
        return intensity + opt_out
    numbered = {a: NUMBERED_LEVEL.match(a.strip()) for a in core}
    if all(numbered.values()) and any(not a.strip().isdigit() for a in core) \
            and all(int(m.group(1)) <= 10 for m in numbered.values() if m):
        return sorted(core, key=lambda a: int(numbered[a].group(1))) + opt_out
    bounds = {a: band_lower_bound(a) for a in core}
    if all(b is not None for b in bounds.values()) and any(BAND_RANGE.search(a) for a in core):
        return sorted(core, key=lambda a: bounds[a]) + opt_out
    return []


def _intensity_order(core: list[str]) -> list[str]:
    """'Not at all interested' < 'Slightly interested' < ... < 'Extremely interested'."""
    ranks = {}
    for answer in core:
        low = answer.strip().lower()
        word = next((w for w in sorted(INTENSITY, key=len, reverse=True)
                     if low.startswith(w + " ")), None)
        if word is None:
            return []
        ranks[answer] = (INTENSITY.index(word), low[len(word):].strip())
    if len({rest for _, rest in ranks.values()}) != 1:
        return []
    return sorted(core, key=lambda a: ranks[a][0])


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
    cleaned = re.sub(r"[$£€\s,]", "", text).rstrip(".")
    scale = 1.0
    if cleaned[-1:].lower() == "k":
        cleaned, scale = cleaned[:-1], 1e3
    elif cleaned[-1:].lower() == "m":
        cleaned, scale = cleaned[:-1], 1e6
    try:
        return float(cleaned) * scale
    except ValueError:
        return None


# --- multi-select ---------------------------------------------------------------------------


def multi_separator(counts: pd.Series) -> str | None:
    """The separator of a multi-select column, or None when the answers are not option lists.

    Option lists reuse a small vocabulary of short options; free text that happens to contain
    commas does not.
    """
    total = int(counts.sum())
    for sep in MULTI_SEPARATORS:
        has_sep = counts[counts.index.str.contains(sep, regex=False)].sum()
        if has_sep < 0.1 * total or (sep == "," and has_sep == counts[
                counts.index.str.contains(", ", regex=False)].sum()):
            continue
        found = discover_options(counts, sep)
        if found is None:
            continue
        options, covered = found
        if not options or len(options) > len(counts) or len(options) > 300:
            continue
        lengths = [len(o) for o in options]
        if max(lengths) > 100 or sum(lengths) / len(lengths) > 50:
            continue
        threshold = 0.8 if sep.strip() == "," else 0.5
        if covered >= threshold:
            return sep
    return None


def _best_separator(counts: pd.Series) -> str:
    scores = {sep: int(counts[counts.index.str.contains(sep, regex=False)].sum())
              for sep in MULTI_SEPARATORS}
    return max(scores, key=scores.get) if max(scores.values()) else ";"


def _tokens(cell: str, sep: str) -> list[str]:
    return [t.strip() for t in cell.split(sep.strip() or sep) if t.strip()]


def discover_options(counts: pd.Series, sep: str) -> tuple[list[str], float] | None:
    """The options of a multi-select and the share of picks they explain.

    Options that themselves contain the separator (Google Forms joins "Price, quality" and
    "Speed" as "Price, quality, Speed") are rebuilt from tokens that always appear together,
    the second starting in lower case. With ", " a token seen once at the end of a cell is a
    respondent's own "Other" answer, as Google Forms appends it last.
    """
    cells = [(_tokens(str(cell), sep), int(n)) for cell, n in counts.items()]
    if sep.strip() == ",":
        cells = _rejoin_split_options(cells, sep.strip() + " ")
    freq: Counter[str] = Counter()
    for tokens, n in cells:
        for token in tokens:
            freq[token] += n
    if not freq:
        return None
    others: set[str] = set()
    if sep.strip() == ",":
        for tokens, n in cells:
            while n == 1 and tokens and freq[tokens[-1]] == 1:
                others.add(tokens.pop())
    total = sum(freq.values())
    covered = sum(c for t, c in freq.items() if t not in others and (c >= 2 or sep.strip() != ","))
    options = [t for t, _ in freq.most_common() if t not in others]
    if others:
        options.append("Other")
    return options, covered / total


def _rejoin_split_options(cells: list[tuple[list[str], int]], joiner: str
                          ) -> list[tuple[list[str], int]]:
    for _ in range(5):
        freq: Counter[str] = Counter()
        pairs: Counter[tuple[str, str]] = Counter()
        for tokens, n in cells:
            for token in tokens:
                freq[token] += n
            for a, b in zip(tokens, tokens[1:]):
                pairs[(a, b)] += n
        glue = {(a, b) for (a, b), n in pairs.items()
                if n == freq[a] == freq[b] and b[:1].islower()}
        if not glue:
            return cells
        merged = []
        for tokens, n in cells:
            out: list[str] = []
            for token in tokens:
                if out and (out[-1].rsplit(joiner, 1)[-1], token) in glue:
                    out[-1] = out[-1] + joiner + token
                else:
                    out.append(token)
            merged.append((out, n))
        cells = merged
    return cells


def option_table(raw: pd.Series, levels: list[str], sep: str,
                 merge: dict[str, str] | None = None) -> pd.DataFrame:
    """Respondent x option booleans: who chose what (no answer: all False).

    Split with pyarrow and scattered into a boolean matrix, so a million rows cost one pass.
    A token that is not a known option counts as "Other" when the question has one.
    """
    merge = merge or {}
    split_on = sep.strip() or sep
    shown = list(dict.fromkeys(merge.get(o, o) for o in levels))
    text = raw.astype("str")
    protected = sorted((o for o in levels if split_on in o), key=len, reverse=True)
    vocabulary = list(levels)
    for i, option in enumerate(protected):
        marker = f"\ue000{i}\ue000"  # private use: never in answers, never trimmed
        pattern = rf"(?:(?<=^)|(?<={re.escape(split_on)})|(?<={re.escape(split_on)} )){re.escape(option)}(?=\s*{re.escape(split_on)}|$)"
        text = text.str.replace(pattern, marker, regex=True)
        vocabulary.append(marker)
    target = [shown.index(merge.get(o, o)) for o in levels] + \
        [shown.index(merge.get(o, o)) for o in protected]
    lists = pc.split_pattern(pa.array(text, type=pa.string(), from_pandas=True), split_on)
    flat = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    parents = np.asarray(pc.list_parent_indices(lists))
    codes = pc.index_in(flat, value_set=pa.array(vocabulary, type=pa.string()))
    codes = np.asarray(pc.fill_null(codes, -1))
    other = shown.index("Other") if "Other" in shown else -1
    lookup = np.asarray(target + [other], dtype=np.int64)
    mapped = lookup[codes]  # -1 (unknown) indexes the last entry: Other, or -1 again
    empty = np.asarray(pc.equal(flat, "").fill_null(True))
    keep = (mapped >= 0) & ~empty
    matrix = np.zeros((len(raw), len(shown)), dtype=bool)
    matrix[parents[keep], mapped[keep]] = True
    return pd.DataFrame(matrix, index=raw.index, columns=shown)


def split_options(text: pd.Series, sep: str) -> pd.DataFrame:
    """One row per answer, one column per position: the options each respondent chose."""
    parts = text.astype(str).str.split(sep.strip() or sep, expand=True, regex=False)
    return parts.apply(lambda s: s.str.strip()).replace("", None)


# --- typing ---------------------------------------------------------------------------------


def typed_data(answers: dict[str, pd.Series], columns: list[Column], decimal_comma: bool = False,
               split_by: dict[str, tuple[list[str], dict[str, str]]] | None = None
               ) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Convert each column to the pandas type its kind calls for. `split_by` gives each
    multi-select's options as exported and the user's merges (default: its levels, none)."""
    data: dict[str, pd.Series] = {}
    options: dict[str, pd.DataFrame] = {}
    index = next(iter(answers.values())).index if answers else pd.RangeIndex(0)
    for col in columns:
        raw = answers[col.name]
        if col.kind in (Kind.single_choice, Kind.ordinal):
            data[col.name] = pd.Categorical(raw, categories=col.levels,
                                            ordered=col.kind == Kind.ordinal)
        elif col.kind == Kind.numeric:
            data[col.name] = parse_numbers(raw, default_comma=decimal_comma)
        elif col.kind == Kind.timestamp:
            data[col.name] = parse_datetimes(raw)
        elif col.kind == Kind.multi_choice:
            data[col.name] = raw
            exported, merge = (split_by or {}).get(col.name, (list(col.levels), {}))
            table = option_table(raw, exported, col.separator or ";", merge)
            options[col.name] = table[[lv for lv in col.levels if lv in table.columns]]
        else:
            data[col.name] = raw
    return pd.DataFrame(data, index=index), options


def _share(distinct: pd.Series, counts: pd.Series, pattern: re.Pattern[str]) -> float:
    """Share of answers (weighted by how many gave each) that match the pattern."""
    if distinct.empty:
        return 0.0
    hits = distinct.head(5000).str.match(pattern.pattern, case=not pattern.flags & re.IGNORECASE)
    hits = hits.fillna(False).astype(bool)
    return _weighted(hits, counts.head(5000))


def _weighted(flags: pd.Series, counts: pd.Series) -> float:
    weights = counts.to_numpy(dtype=float)[: len(flags)]
    total = weights.sum()
    return float((np.asarray(flags, dtype=bool) * weights).sum() / total) if total else 0.0
