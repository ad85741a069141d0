"""Segments: named rules over answers (or a suggested cluster), applied to a Survey to give a
set of respondents."""

from __future__ import annotations

import base64
import json
import re
import zlib

import pandas as pd
from pydantic import ValidationError

from persona_lib.cells import per_answer
from persona_lib.clusters import assign
from persona_lib.models import Condition, Kind, Segment
from persona_lib.survey import Survey

MAX_TOKEN = 4_000


def condition_mask(survey: Survey, condition: Condition) -> pd.Series:
    """Who meets one condition; a respondent who did not answer never does."""
    col = survey.column(condition.question)
    index = survey.data.index
    if col.kind == Kind.multi_choice:
        table = survey.options[col.name]
        present = [a for a in condition.answers if a in table.columns]
        if condition.match == "all":
            if len(present) < len(condition.answers) or not present:
                return pd.Series(False, index=index)
            return table[present].all(axis=1)
        return table[present].any(axis=1) if present else pd.Series(False, index=index)
    values = survey.data[col.name]
    if col.kind == Kind.numeric:
        low = -float("inf") if condition.low is None else condition.low
        high = float("inf") if condition.high is None else condition.high
        return ((values >= low) & (values <= high)).fillna(False).astype(bool)
    if condition.contains:
        return per_answer(values, lambda d: d.str.contains(
            condition.contains, case=False, regex=False).fillna(False).astype(bool))
    # an answer saved before the app showed it as another ('1' now shown as 'Yes') still counts
    answers = {*condition.answers, *(col.shown[a] for a in condition.answers if a in col.shown)}
    return per_answer(values, lambda d: d.isin(answers))


def segment_mask(survey: Survey, segment: Segment) -> pd.Series:
    """Boolean per respondent. Conditions on questions this data lacks are skipped (see
    `missing_questions`), so a segment built on one wave still applies to the next. A suggested
    segment's members are the respondents assigned to it (not those between groups), ANDed with
    any conditions."""
    masks = [condition_mask(survey, c) for c in segment.conditions
             if c.is_set and survey.has(c.question)]
    everyone = pd.Series(True, index=survey.data.index)
    combined = everyone
    if masks:
        combined = masks[0]
        for mask in masks[1:]:
            combined = (combined & mask) if segment.combine == "all" else (combined | mask)
    if segment.cluster is not None:
        labels = assign(survey, segment.cluster.model)
        combined = combined & pd.Series(labels == segment.cluster.index, index=survey.data.index)
    return combined.astype(bool)


def missing_questions(survey: Survey, segment: Segment) -> list[str]:
    return [c.question for c in segment.conditions if c.is_set and not survey.has(c.question)]


def wording(text: str) -> str:
    """A question's wording for comparison, case, spacing and punctuation aside."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def match_question(survey: Survey, question: str, code: str | None = None) -> str | None:
    """The column of `survey` that asks `question` (a column of another export), or None.

    The same header first, then the same wording (case, spacing and punctuation aside), then
    the survey tool's own code for the question (a Qualtrics QID survives a reworded
    question). Never the label: labels are names the app generated or the user typed, and two
    different questions can share one ("Location" for "Where do you live?" and "Which
    country do you live in?"). Ambiguous matches count as no match.
    """
    if survey.has(question):
        return question
    same = [c.name for c in survey.columns if wording(c.name) == wording(question)]
    if len(same) == 1:
        return same[0]
    coded = [c.name for c in survey.columns if code and c.code == code]
    return coded[0] if len(coded) == 1 else None


def segment_in(survey: Survey, segment: Segment, codes: dict[str, str] | None = None
               ) -> Segment:
    """The segment with each condition pointed at the column of `survey` that asks the same
    question (`match_question`). A condition whose question is not found is kept as it is, so
    it shows as 'not in this data', never replaced by another question."""
    codes = codes or {}
    conditions = []
    for c in segment.conditions:
        found = match_question(survey, c.question, codes.get(c.question))
        conditions.append(c if found is None else c.model_copy(update={"question": found}))
    return segment.model_copy(update={"conditions": conditions})


def condition_words(condition: Condition) -> str:
    """A condition in words from its question's own wording, for when its survey is not
    loaded: 'Where do you live? is Big city'."""
    q = condition.question
    if condition.low is not None or condition.high is not None:
        low = "" if condition.low is None else f"{condition.low:g}"
        high = "" if condition.high is None else f"{condition.high:g}"
        return f"{q} from {low or 'any'} to {high or 'any'}"
    if condition.contains:
        return f"{q} mentions “{condition.contains}”"
    if condition.match == "all" and len(condition.answers) > 1:
        return f"{q} includes all of {' and '.join(condition.answers)}"
    return f"{q} is {' or '.join(condition.answers)}"


def rule_words(segment: Segment) -> str:
    """The whole rule in words without its survey (see `condition_words`)."""
    parts = [condition_words(c) for c in segment.conditions if c.is_set]
    rule = (" and " if segment.combine == "all" else " or ").join(parts)
    if segment.cluster is not None:
        found = f"Suggested segment {segment.cluster.index + 1} of {segment.cluster.model.k}"
        return found + (f", where {rule}" if rule else "")
    return rule or "All respondents"


def condition_text(survey: Survey, condition: Condition) -> str:
    """'Age is 25-34 or 35-44', 'Channels includes all of Email, Podcasts', 'Spend 20-40'."""
    col = survey.column(condition.question)
    if col.kind == Kind.numeric:
        if condition.low is not None and condition.high is not None:
            return f"{col.label} from {condition.low:g} to {condition.high:g}"
        if condition.low is not None:
            return f"{col.label} at least {condition.low:g}"
        if condition.high is not None:
            return f"{col.label} at most {condition.high:g}"
        return f"{col.label}: any number"
    if condition.contains:
        return f"{col.label} mentions “{condition.contains}”"
    if col.kind == Kind.multi_choice:
        joiner = " and " if condition.match == "all" else " or "
        verb = "includes all of" if condition.match == "all" and len(condition.answers) > 1 \
            else "includes"
        return f"{col.label} {verb} {joiner.join(condition.answers)}"
    return f"{col.label} is {' or '.join(condition.answers)}"


def describe_segment(survey: Survey, segment: Segment) -> str:
    """Plain-language rule: 'Age is 25-34 or 35-44 and Location is Big city'.
    Conditions on questions this data lacks are left out, as `segment_mask` skips them."""
    parts = [condition_text(survey, c) for c in segment.conditions
             if c.is_set and survey.has(c.question)]
    rule = (" and " if segment.combine == "all" else " or ").join(parts)
    if segment.cluster is not None:
        model = segment.cluster.model
        found = (f"Suggested segment {segment.cluster.index + 1} of {model.k} "
                 f"({len(model.features)} questions)")
        return found + (f", where {rule}" if rule else "")
    return rule or "All respondents"


def segment_token(segment: Segment) -> str | None:
    """A rule segment packed for a URL (compressed JSON, URL-safe base64); None for everyone
    or a suggested segment, whose centres are too big for a link (the persona carries it)."""
    if segment.cluster is not None or segment.is_everyone:
        return None
    rule = segment.model_dump(include={"conditions", "combine"}, exclude_defaults=True)
    packed = zlib.compress(json.dumps(rule, separators=(",", ":")).encode(), 9)
    token = base64.urlsafe_b64encode(packed).decode().rstrip("=")
    return token if len(token) <= MAX_TOKEN else None


def segment_from_token(token: str) -> Segment | None:
    """The segment a link carries, or None if the token is not one (never an exception)."""
    if not token or len(token) > MAX_TOKEN:
        return None
    try:
        packed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        unpacker = zlib.decompressobj()
        raw = unpacker.decompress(packed, 100_000)
        if unpacker.unconsumed_tail:
            return None
        return Segment.model_validate({**json.loads(raw), "cluster": None})
    except (ValueError, zlib.error, ValidationError, RecursionError, TypeError):
        return None
