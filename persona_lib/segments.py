"""Segments: named rules over answers, applied to a Survey to give a set of respondents."""

from __future__ import annotations

import pandas as pd

from persona_lib.models import Condition, Kind, Segment
from persona_lib.survey import Survey


def condition_mask(survey: Survey, condition: Condition) -> pd.Series:
    """Respondents whose answer is any of the condition's answers (multi-select: chose any)."""
    col = survey.column(condition.question)
    if col.kind == Kind.multi_choice:
        table = survey.options[col.name]
        present = [a for a in condition.answers if a in table.columns]
        return table[present].any(axis=1) if present else pd.Series(False, index=table.index)
    return survey.data[col.name].astype("string").isin(condition.answers).fillna(False)


def segment_mask(survey: Survey, segment: Segment) -> pd.Series:
    """Boolean per respondent. Conditions on questions this data lacks are skipped (see
    `missing_questions`), so a segment built on one wave still applies to the next."""
    masks = [
        condition_mask(survey, c)
        for c in segment.conditions
        if c.answers and survey.has(c.question)
    ]
    everyone = pd.Series(True, index=survey.data.index)
    if not masks:
        return everyone
    combined = masks[0]
    for mask in masks[1:]:
        combined = (combined & mask) if segment.combine == "all" else (combined | mask)
    return combined.astype(bool)


def missing_questions(survey: Survey, segment: Segment) -> list[str]:
    return [c.question for c in segment.conditions if c.answers and not survey.has(c.question)]


def describe_segment(survey: Survey, segment: Segment) -> str:
    """Plain-language rule: 'Age is 25-34 or 35-44 and Location is Big city'.
    Conditions on questions this data lacks are left out, as `segment_mask` skips them."""
    parts = []
    for c in segment.conditions:
        if not c.answers or not survey.has(c.question):
            continue
        col = survey.column(c.question)
        verb = "includes" if col.kind == Kind.multi_choice else "is"
        parts.append(f"{col.label} {verb} {' or '.join(c.answers)}")
    if not parts:
        return "All respondents"
    return (" and " if segment.combine == "all" else " or ").join(parts)
