"""The user's corrections to what inference decided, saved once per survey.

A `SurveyMapping` is keyed by the survey's fingerprint (its question set), so a fresh export of
the same survey gets the same corrections. It says, per column, the kind, role, label, level
order and which answers mean the same; and which respondents to leave out (incomplete, test,
too fast, or matching a rule). It is plain JSON, exportable and importable.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Literal

import pandas as pd
from pydantic import BaseModel, Field, ValidationError

from persona_lib.cells import per_answer, recoded
from persona_lib.models import Column, Condition, Kind, Role, System, Topic
from persona_lib.text import shown_answer
from persona_lib.values import parse_datetimes, parse_numbers

MAX_MAPPING_BYTES = 2_000_000
TEST_STATUSES = {"1", "2", "8", "9", "12", "17", "survey preview", "survey test", "spam",
                 "survey preview spam", "imported spam", "preview", "test"}
FALSE_ANSWERS = {"0", "false", "no", "n", "incomplete"}
EXCLUSION_REASONS = {
    "incomplete": "incomplete responses",
    "test": "survey previews, tests and spam",
    "speeder": "answered too fast",
    "answer": "matching your exclusion rules",
}


class MappingError(ValueError):
    """A mapping file that cannot be used; the message says why."""


class ColumnOverride(BaseModel):
    """What the user changed about one column; None means 'as detected'."""

    kind: Kind | None = None
    role: Role | None = None
    topic: Topic | Literal["none"] | None = Field(
        default=None, description="The part of the card the question feeds; 'none' for none.")
    label: str | None = Field(default=None, max_length=200)
    levels: list[str] | None = Field(default=None, max_length=2_000)
    merge: dict[str, str] = Field(default_factory=dict,
                                  description="Answer as exported -> answer shown.")

    @property
    def is_empty(self) -> bool:
        return self == ColumnOverride()


class Exclusions(BaseModel):
    incomplete: bool = False
    tests: bool = False
    min_seconds: float | None = Field(default=None, ge=0,
                                      description="Leave out respondents faster than this.")
    answers: list[Condition] = Field(default_factory=list, max_length=200)


class SurveyMapping(BaseModel):
    schema_version: Literal[1] = 1
    fingerprint: str = ""
    columns: dict[str, ColumnOverride] = Field(default_factory=dict)
    exclude: Exclusions = Field(default_factory=Exclusions)
    weight: str | None = Field(default=None, description="The column of survey weights to use.")

    def override(self, name: str) -> ColumnOverride:
        return self.columns.get(name, ColumnOverride())

    def with_override(self, name: str, **changes: object) -> SurveyMapping:
        """This mapping with one column's override changed (emptied overrides are dropped)."""
        updated = self.override(name).model_copy(update=changes)
        columns = {k: v for k, v in self.columns.items() if k != name}
        if not updated.is_empty:
            columns[name] = updated
        return self.model_copy(update={"columns": columns})

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, exclude_defaults=False)


def mapping_from_json(text: str | bytes, fingerprint: str | None = None) -> SurveyMapping:
    """A mapping read from JSON, with one clear message for anything unusable."""
    if len(text) > MAX_MAPPING_BYTES:
        raise MappingError(f"This mapping file is {len(text):,} bytes; a mapping is at most "
                           f"{MAX_MAPPING_BYTES:,}.")
    try:
        mapping = SurveyMapping.model_validate(json.loads(text))
    except json.JSONDecodeError as exc:
        raise MappingError(f"This is not a JSON file (line {exc.lineno}: {exc.msg}).") from exc
    except (ValidationError, RecursionError) as exc:
        first = exc.errors()[0] if isinstance(exc, ValidationError) else {"loc": (), "msg": "too deep"}
        where = ".".join(str(p) for p in first["loc"]) or "the file"
        raise MappingError(f"This is not a column mapping from this app ({where}: "
                           f"{first['msg']}).") from exc
    if fingerprint and mapping.fingerprint and mapping.fingerprint != fingerprint:
        raise MappingError("This mapping was saved for a different survey (its questions differ).")
    return mapping.model_copy(update={"fingerprint": fingerprint or mapping.fingerprint})


def recode(values: pd.Series, merge: dict[str, str]) -> pd.Series:
    """Answers that mean the same shown as one ("USA", "us" -> "United States")."""
    return recoded(values, merge)


def durations(data: pd.DataFrame, columns: list[Column]) -> pd.Series | None:
    """Seconds each respondent took: the tool's duration, else end minus start."""
    by_system = {c.system: c.name for c in columns if c.system is not None}
    if System.duration in by_system:
        return parse_numbers(data[by_system[System.duration]])
    if System.started in by_system and System.ended in by_system:
        start = parse_datetimes(data[by_system[System.started]])
        end = parse_datetimes(data[by_system[System.ended]])
        return (end - start).dt.total_seconds()
    return None


def suggested_min_seconds(seconds: pd.Series | None) -> float | None:
    """A third of the median time: a common rule of thumb for 'too fast to have read it'."""
    if seconds is None or seconds.dropna().empty:
        return None
    return round(float(seconds.dropna().median()) / 3)


def exclusion_masks(data: pd.DataFrame, columns: list[Column], rules: Exclusions,
                    answered: dict[str, pd.Series] | None = None) -> dict[str, pd.Series]:
    """Reason -> which respondents that rule leaves out (each rule on its own)."""
    masks: dict[str, pd.Series] = {}
    if rules.incomplete:
        masks["incomplete"] = incomplete_rows(data, columns)
    if rules.tests:
        masks["test"] = test_rows(data, columns)
    if rules.min_seconds:
        seconds = durations(data, columns)
        if seconds is not None:
            masks["speeder"] = (seconds < rules.min_seconds).fillna(False).astype(bool)
    if rules.answers:
        hit = pd.Series(False, index=data.index)
        names = {c.name for c in columns}
        for condition in rules.answers:
            if condition.question in names and condition.answers:
                source = (answered or {}).get(condition.question)
                values = source if source is not None else data[condition.question]
                hit |= per_answer(values, lambda d, a=condition.answers: d.isin(a))
        masks["answer"] = hit
    return masks


def incomplete_rows(data: pd.DataFrame, columns: list[Column]) -> pd.Series:
    out = pd.Series(False, index=data.index)
    for col in columns:
        if col.system not in (System.finished, System.progress, System.status, System.ended):
            continue
        values = per_answer(data[col.name], lambda d: d.str.strip().str.lower())
        if col.system == System.finished:
            out |= values.isin(FALSE_ANSWERS).fillna(False).astype(bool)
        elif col.system == System.progress:
            out |= (parse_numbers(values) < 100).fillna(False).astype(bool)
        elif col.system == System.status:
            out |= values.eq("partial").fillna(False).astype(bool)
        elif col.system == System.ended and values.notna().any():
            out |= values.isna()
    return out


def test_rows(data: pd.DataFrame, columns: list[Column]) -> pd.Series:
    out = pd.Series(False, index=data.index)
    for col in columns:
        if col.system == System.status:
            out |= per_answer(data[col.name], lambda d: d.str.strip().str.lower().isin(
                TEST_STATUSES))
    return out


def apply_column_edits(mapping: SurveyMapping, current: Sequence[Column],
                       detected: Sequence[Column], edits: Mapping[str, Mapping[str, object]]
                       ) -> SurveyMapping:
    """The mapping after the user edited the columns table.

    `edits` is column name -> {"label", "kind", "role", "topic"} as the table now shows them. Only what
    differs from what is shown now changes; a value set back to what was detected drops the
    override, so a mapping only ever holds real corrections.
    """
    now = {c.name: c for c in current}
    found = {c.name: c for c in detected}
    for name, fields in edits.items():
        if name not in now:
            continue
        changes: dict[str, object] = {}
        for field, value in fields.items():
            if value is None or value == "":
                continue
            shown, first = getattr(now[name], field), getattr(found[name], field)
            if field == "topic":  # "none" is how the table says "no topic"
                shown, first = shown or "none", first or "none"
            if value == shown:
                continue
            changes[field] = None if value == first else value
        if changes:
            mapping = mapping.with_override(name, **changes)
    return mapping


def apply_answer_edits(mapping: SurveyMapping, column: Column,
                       rows: Sequence[tuple[str, str | None, float | None]]) -> SurveyMapping:
    """The mapping after the user edited one column's answers table.

    Each row is (answer as exported, shown as, position). Answers shown as the same text are
    merged; positions order the answers shown (ties keep the current order).
    """
    def auto(answer: str) -> str:  # how the app shows it unless merged
        return column.shown.get(answer, shown_answer(answer))

    merge = {answer: shown.strip() for answer, shown, _ in rows
             if shown and shown.strip() and shown.strip() not in (answer, auto(answer))}
    position: dict[str, float] = {}
    for answer, shown, order in rows:
        label = merge.get(answer, auto(answer))
        if label not in column.levels and answer not in merge and (order is None or order != order):
            continue  # an answer off the scale ('Software Developer' typed as years), left off
        current = column.levels.index(label) + 1 if label in column.levels else len(position) + 1
        value = float(order) if order is not None and order == order else float(current)
        position[label] = min(position.get(label, value), value)
    levels = sorted(position, key=lambda lv: (position[lv], column.levels.index(lv)
                                              if lv in column.levels else len(column.levels)))
    changes: dict[str, object] = {"merge": merge}
    if levels != [lv for lv in column.levels if lv in position]:
        changes["levels"] = levels
    return mapping.with_override(column.name, **changes)


def survey_weights(data: pd.DataFrame, column: str | None, warnings: list[str]
                   ) -> pd.Series | None:
    """The chosen weight column as numbers; missing, negative or non-number weights count 0."""
    if not column:
        return None
    if column not in data.columns:
        warnings.append(f"The weight column '{column}' is not in this file; no weights are used.")
        return None
    weights = parse_numbers(data[column])
    bad = weights.isna() | (weights < 0)
    if bad.all():
        warnings.append(f"'{column}' holds no usable weights; no weights are used.")
        return None
    if bad.any():
        warnings.append(f"{int(bad.sum()):,} respondent(s) have no usable weight in '{column}'; "
                        "they count with weight 0.")
    return weights.where(~bad, 0.0)
