"""Pydantic models for everything that crosses a boundary: pages, storage, JSON.

The survey data itself is a DataFrame held by `Survey` (see `survey.py`); these models
describe it (Column), select from it (Segment), and say what a persona claims about it
(Trait, Evidence, Persona).
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timezone
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Kind(str, Enum):
    single_choice = "single_choice"
    multi_choice = "multi_choice"
    ordinal = "ordinal"
    numeric = "numeric"
    text = "text"
    id = "id"
    timestamp = "timestamp"
    pii = "pii"
    metadata = "metadata"


CHARTABLE_KINDS = (Kind.single_choice, Kind.multi_choice, Kind.ordinal, Kind.numeric)
CHOICE_KINDS = (Kind.single_choice, Kind.multi_choice, Kind.ordinal)
HIDDEN_KINDS = (Kind.pii, Kind.metadata)


class Role(str, Enum):
    demographic = "demographic"
    behaviour = "behaviour"
    attitude = "attitude"
    other = "other"


class System(str, Enum):
    """What a survey tool's own column means, where the app uses it (exclusions, CRM export)."""

    respondent_id = "respondent_id"
    started = "started"
    ended = "ended"
    duration = "duration"
    finished = "finished"
    progress = "progress"
    status = "status"
    weight = "weight"


class Topic(str, Enum):
    """What a question is about, where it feeds a named part of the card."""

    gender = "gender"
    age = "age"
    location = "location"
    household = "household"
    income = "income"
    education = "education"
    occupation = "occupation"
    found_us = "found_us"
    frequency = "frequency"
    spend = "spend"
    willingness_to_pay = "willingness_to_pay"
    loyalty = "loyalty"
    switching = "switching"
    channels = "channels"
    goals = "goals"
    frustrations = "frustrations"
    why_buy = "why_buy"
    expectations = "expectations"
    recommend = "recommend"


class Column(BaseModel):
    """One exported column: what it is and how to show it."""

    name: str = Field(description="The header as exported; the key everywhere.")
    label: str = Field(description="Short label for charts and cards.")
    kind: Kind
    role: Role = Role.other
    topic: Topic | None = None
    levels: list[str] = Field(
        default_factory=list,
        description="Answers in display order: scale order for ordinal, frequency for choices.",
    )
    separator: str | None = Field(default=None, description="How a multi-select joins options.")
    code: str | None = Field(default=None, description="The tool's own code (Qualtrics QID...).")
    system: System | None = Field(default=None, description="What a tool-added column means.")
    sources: list[str] = Field(
        default_factory=list,
        description="The file's own columns this question was read from, when it spans several "
                    "(one column per option of a multi-select).")
    shown: dict[str, str] = Field(
        default_factory=dict,
        description="Answers shown as another unless the user merged them: one-off answers "
                    "typed into an 'Other' box as 'Other', e-mail addresses hidden.")
    other_of: str | None = Field(
        default=None,
        description="Not a column of the file: the words typed in this question's 'Other' box, "
                    "which its chart counts as one 'Other' bar.")

    @property
    def hidden(self) -> bool:
        return self.kind in HIDDEN_KINDS

    @property
    def chartable(self) -> bool:
        return self.kind in CHARTABLE_KINDS


class Condition(BaseModel):
    """One rule on one question; which fields apply depends on the question's kind.

    Choices and scales: the answer is one of `answers` (an ordinal range is its levels from one
    end to the other). Multi-select: chose any, or all, of `answers` (`match`). Numbers: between
    `low` and `high`, both included. Free text: contains `contains` (case ignored).
    """

    question: str
    answers: list[str] = Field(default_factory=list)
    match: Literal["any", "all"] = "any"
    low: float | None = None
    high: float | None = None
    contains: str | None = Field(default=None, max_length=200)

    @property
    def is_set(self) -> bool:
        return bool(self.answers) or self.low is not None or self.high is not None \
            or bool(self.contains)


class FeatureSpec(BaseModel):
    """How one question is turned into answers for grouping respondents (see clusters.py)."""

    question: str
    kind: Kind
    levels: list[str] = Field(default_factory=list)
    fill: list[float] = Field(default_factory=list, description="Used where nobody answered.")
    ranks: list[float] = Field(default_factory=list, description="Numeric: sorted values seen.")
    edges: list[float] = Field(default_factory=list,
                               description="Numeric, latent classes: the bands' edges.")


class Stability(BaseModel):
    """How consistently respondents stay together when the grouping is re-run."""

    method: str
    resamples: int
    per_segment: list[float]
    neighbours: dict[int, list[float]]


KMEANS = "k-means on principal components of the encoded answers"
LATENT_CLASSES = "latent class analysis"


class ClusterModel(BaseModel):
    """A fitted grouping, so any respondent of this survey (or of a fresh wave of it) can be
    assigned to a segment. k-means (older personas): its coding, projection and centres.
    Latent classes: class sizes and answer probabilities (`weights`, `theta`), the verdict
    on whether the answers have groups at all, which respondents it was fitted on (a seeded
    random subset of the file with `fit_digest`) and its stability."""

    method: str = KMEANS
    features: list[FeatureSpec]
    mean: list[float] = Field(default_factory=list)
    components: list[list[float]] = Field(default_factory=list)
    centroids: list[list[float]] = Field(default_factory=list)
    k: int
    seed: int
    criterion: str
    scores: dict[int, float] = Field(default_factory=dict)
    fingerprint: str = ""
    weights: list[float] = Field(default_factory=list)
    theta: list[list[float]] = Field(default_factory=list)
    structure: Literal["clear", "weak", "none"] | None = None
    verdict: str = ""
    fit_digest: str = ""
    fit_rows: int = 0
    respondents: int = 0
    min_membership: float = 0.5
    stability: Stability | None = None


class ClusterRef(BaseModel):
    model: ClusterModel
    index: int = Field(ge=0)


class Segment(BaseModel):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex[:10])
    name: str = "Everyone"
    conditions: list[Condition] = Field(default_factory=list)
    combine: str = Field(default="all", pattern="^(all|any)$")
    cluster: ClusterRef | None = None

    @property
    def is_everyone(self) -> bool:
        return self.cluster is None and not any(c.is_set for c in self.conditions)

    def same_rule(self, other: Segment) -> bool:
        """Who it selects is the same (names and ids aside)."""
        return (self.conditions, self.combine, self.cluster) == (
            other.conditions, other.combine, other.cluster)

    def rule_key(self) -> str:
        """A short hash of who it selects, kept with evidence so a later change of the segment
        can be told apart from a change in the data."""
        rule = self.model_dump_json(include={"conditions", "combine", "cluster"})
        return hashlib.sha256(rule.encode()).hexdigest()[:16]


class ThemeRule(BaseModel):
    """One theme of a free-text question: its label and its keywords with their weights
    (the top keyword weighs 1). An answer's theme is the one whose keywords, weighted, it uses
    most (persona_lib.themes)."""

    model_config = ConfigDict(frozen=True)

    label: str = Field(min_length=1, max_length=120)
    keywords: tuple[str, ...] = Field(min_length=1, max_length=60)
    weights: tuple[float, ...] = Field(min_length=1, max_length=60)

    @model_validator(mode="after")
    def _one_weight_per_keyword(self) -> ThemeRule:
        if len(self.keywords) != len(self.weights):
            raise ValueError("a theme needs one weight per keyword")
        if any(not w >= 0 for w in self.weights):
            raise ValueError("keyword weights are not negative")
        return self


class Trait(BaseModel):
    """One answer to one question, or a numeric range [low, high), or a theme of a free-text
    question (`answer` is the theme's label, `themes` all of the question's theme rules, so
    who said it can be worked out again on reloaded data). A value: hashable."""

    model_config = ConfigDict(frozen=True)

    question: str
    answer: str | None = None
    low: float | None = None
    high: float | None = None
    themes: tuple[ThemeRule, ...] | None = Field(default=None, max_length=20)

    @property
    def is_theme(self) -> bool:
        return self.themes is not None

    @property
    def is_range(self) -> bool:
        return self.answer is None


class Evidence(BaseModel):
    """How common a trait is in a segment compared with everyone who answered."""

    status: str = Field(pattern="^(ok|too_few|missing)$")
    count_segment: int = 0
    n_segment: int = 0
    share_segment: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    count_overall: int = 0
    n_overall: int = 0
    share_overall: float | None = None
    lift: float | None = None
    n_effective: float | None = Field(default=None,
                                      description="Kish effective n when weights are used.")
    p_rest: float | None = Field(default=None, description="p-value of the segment against "
                                 "the rest (weighted test with effective n when weighted).")


class Box(str, Enum):
    """Where a pinned trait shows on the card: the profile, or one of the empathy-map boxes."""

    profile = "profile"
    says = "says"
    thinks = "thinks"
    does = "does"
    feels = "feels"
    pains = "pains"
    gains = "gains"


EMPATHY_BOXES = (Box.says, Box.thinks, Box.does, Box.feels, Box.pains, Box.gains)


def _now() -> datetime:
    return datetime.now(timezone.utc)


class DataRef(BaseModel):
    """Which data a number came from: the file, its question set and its exact content."""

    source: str = Field(default="", max_length=300)
    fingerprint: str = Field(default="", max_length=64, description="Its questions.")
    digest: str = Field(default="", max_length=64, description="Its exact content.")
    respondents: int = Field(default=0, ge=0)
    taken_at: datetime = Field(default_factory=_now)
    codes: dict[str, str] = Field(default_factory=dict, max_length=500,
                                  description="The survey tool's code of each question the "
                                              "persona uses, to find it again in another export.")


class Snapshot(BaseModel):
    """Evidence as it was when taken, so a fresh wave can be compared with it."""

    status: str = Field(pattern="^(ok|too_few|missing)$")
    share: float | None = Field(default=None, ge=0, le=1)
    count: int = Field(default=0, ge=0)
    n: int = Field(default=0, ge=0)
    share_overall: float | None = Field(default=None, ge=0, le=1)
    taken_at: datetime = Field(default_factory=_now)
    segment: str = Field(default="", max_length=64,
                         description="`Segment.rule_key` of the segment it was taken in.")


class PinnedTrait(BaseModel):
    trait: Trait
    box: Box
    pinned_at: datetime = Field(default_factory=_now)
    snapshot: Snapshot | None = None
    origin: Literal["by hand", "suggested"] = Field(
        default="by hand", description="Pinned by a person, or suggested by the app (a drafted "
                                       "persona's top distinctive traits).")


class Change(BaseModel):
    """One saved change: when, who made it, and what changed.

    `actor` says whether a person did it or the app did it on its own (then `reason` says
    why), so the log never blames the user for the app's work. `by` is a name only the user
    chose (PERSONA_EDITOR or the app's field), never the computer's account: records saved
    before `actor` existed may hold the account name, so it is dropped when they are read.
    """

    at: datetime = Field(default_factory=_now)
    by: str = Field(default="", max_length=100)
    what: list[str] = Field(default_factory=list, max_length=20)
    actor: Literal["user", "app"] = "user"
    reason: str = Field(default="", max_length=200)

    @model_validator(mode="before")
    @classmethod
    def _no_account_names(cls, data: object) -> object:
        if isinstance(data, dict) and "actor" not in data and data.get("by"):
            data = {**data, "by": ""}
        return data


class SegmentSnapshot(BaseModel):
    n: int = Field(ge=0)
    total: int = Field(ge=0)
    segment: str = Field(default="", max_length=64,
                         description="`Segment.rule_key` of the segment it was taken in.")


PERSONA_SCHEMA = 2
CHANGES_KEPT = 50


class Persona(BaseModel):
    """A segment, the traits pinned to it with their evidence when pinned, and what the team
    wrote. Version 2 added the evidence snapshots, the data reference and the narrative;
    version 1 files still load (they have no snapshots)."""

    schema_version: Literal[1, 2] = PERSONA_SCHEMA
    id: str = Field(default_factory=lambda: uuid.uuid4().hex[:12], pattern=r"^[0-9a-zA-Z_-]{1,40}$")
    name: str = Field(default="New persona", max_length=120)
    avatar: str = Field(default="", max_length=4, description="Shown in the circle; "
                                                              "empty: the name's initials.")
    segment: Segment = Field(default_factory=Segment)
    pinned: list[PinnedTrait] = Field(default_factory=list, max_length=200)
    notes: dict[Box, str] = Field(default_factory=dict)
    narrative: str = Field(default="", max_length=5_000)
    data: DataRef | None = None
    segment_snapshot: SegmentSnapshot | None = None
    created_at: datetime = Field(default_factory=_now)
    quote_pick: int = Field(default=0, ge=0, description="Which of the segment's typical "
                                                         "quotes the card shows (0: the most).")
    changes: list[Change] = Field(default_factory=list, max_length=CHANGES_KEPT)

    @model_validator(mode="after")
    def _current_schema(self) -> Persona:
        self.schema_version = PERSONA_SCHEMA
        return self

    def has_trait(self, trait: Trait) -> bool:
        return any(p.trait == trait for p in self.pinned)
