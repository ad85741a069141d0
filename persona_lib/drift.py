"""How a persona's evidence moved between the wave it was built on and a fresh wave.

Every pinned trait keeps a snapshot of its evidence. On a fresh export of the same survey
(same questions, different answers), each trait's share then and now is compared as two
independent samples: the difference with its 95% Newcombe interval and a test, controlled
for the persona's traits together (Benjamini-Hochberg). "Beyond noise" means q < 0.05; the
user then accepts the new evidence or keeps the old snapshot.

Each change names its cause: the data changed (another wave), the segment changed since the
snapshot was taken, or both, so a changed segment is never blamed on the data. A persona of
another survey is only compared when asked (`other_survey=True`), its questions found by
their wording or tool code (`persona_in`), never by label.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from persona_lib.models import DataRef, Evidence, Persona, SegmentSnapshot, Snapshot, Trait
from persona_lib.persona import data_ref, persona_in, trait_label
from persona_lib.segments import segment_mask
from persona_lib.stats import (
    DEFAULT_MIN_N, Tally, benjamini_hochberg, difference_p_value, newcombe_interval,
    trait_evidence,
)
from persona_lib.survey import Survey

SIGNIFICANT = 0.05


class Change(BaseModel):
    """A share then and now, and whether it moved beyond noise."""

    then: float | None
    now: float | None
    n_then: int
    n_now: int
    difference: float | None = None
    low: float | None = None
    high: float | None = None
    p: float | None = None
    q: float | None = None

    @property
    def beyond_noise(self) -> bool:
        return self.q is not None and self.q < SIGNIFICANT


DATA, SEGMENT = "the data changed", "the segment changed"


class TraitDrift(BaseModel):
    trait: Trait
    label: str
    change: Change
    evidence: Evidence
    causes: list[str] = Field(default_factory=list, description="DATA and/or SEGMENT.")


class PersonaDrift(BaseModel):
    status: str  # "fresh wave", "same data", "other survey", "no snapshot"
    then: DataRef | None
    now: DataRef
    segment: Change | None = None
    segment_causes: list[str] = Field(default_factory=list)
    traits: list[TraitDrift] = []
    compared: bool = Field(default=False, description="Numbers were computed (an other "
                                                      "survey only when asked).")
    not_found: list[str] = Field(default_factory=list,
                                 description="Its questions this data does not ask.")

    @property
    def changed(self) -> list[TraitDrift]:
        return [t for t in self.traits if t.change.beyond_noise]

    def causes_of_change(self) -> list[str]:
        """Why the numbers that moved beyond noise moved."""
        moved = [t.causes for t in self.changed]
        if self.segment is not None and self.segment.beyond_noise:
            moved.append(self.segment_causes)
        return [c for c in (DATA, SEGMENT) if any(c in m for m in moved)]


def _change(then: float | None, n_then: int, now: float | None, n_now: int) -> Change:
    change = Change(then=then, now=now, n_then=n_then, n_now=n_now)
    if then is None or now is None or not n_then or not n_now:
        return change
    low, high = newcombe_interval(now, n_now, then, n_then)
    p = difference_p_value(Tally(round(now * n_now), n_now, now, float(n_now)),
                           Tally(round(then * n_then), n_then, then, float(n_then)))
    return change.model_copy(update={"difference": now - then, "low": low, "high": high,
                                     "p": p})


def trait_change(snapshot: Snapshot | None, evidence: Evidence) -> Change:
    if snapshot is None:
        return Change(then=None, now=evidence.share_segment, n_then=0, n_now=evidence.n_segment)
    return _change(snapshot.share if snapshot.status == "ok" else None, snapshot.n,
                   evidence.share_segment, evidence.n_segment)


def segment_change(then: SegmentSnapshot | None, n_now: int, total_now: int) -> Change | None:
    if then is None:
        return None
    return _change(then.n / then.total if then.total else None, then.total,
                   n_now / total_now if total_now else None, total_now)


def _causes(data_changed: bool, taken_in: str, segment_now: str) -> list[str]:
    return ([DATA] if data_changed else []) + (
        [SEGMENT] if taken_in and taken_in != segment_now else [])


def persona_drift(survey: Survey, persona: Persona, min_n: int = DEFAULT_MIN_N,
                  other_survey: bool = False) -> PersonaDrift:
    """Then and now for the persona's segment and every pinned trait. A persona built on
    another survey is only compared when `other_survey` is asked for."""
    now = data_ref(survey)
    then = persona.data
    if then is None:
        return PersonaDrift(status="no snapshot", then=None, now=now)
    other = then.fingerprint != survey.fingerprint
    if other and not other_survey:
        return PersonaDrift(status="other survey", then=then, now=now)
    status = "other survey" if other else "same data" if then.digest == survey.digest \
        else "fresh wave"
    view = persona_in(survey, persona) if other else persona
    data_changed = then.digest != survey.digest
    key = persona.segment.rule_key()
    mask = segment_mask(survey, view.segment)
    segment = segment_change(persona.segment_snapshot, int(mask.sum()), survey.n)
    segment_causes = _causes(data_changed, persona.segment_snapshot.segment
                             if persona.segment_snapshot else "", key)
    traits = []
    for pinned in view.pinned:
        evidence = trait_evidence(survey, pinned.trait, mask, min_n)
        traits.append(TraitDrift(
            trait=pinned.trait, label=trait_label(survey, pinned.trait),
            change=trait_change(pinned.snapshot, evidence), evidence=evidence,
            causes=_causes(data_changed, pinned.snapshot.segment if pinned.snapshot else "",
                           key)))
    tested = [c for c in [segment, *(t.change for t in traits)]
              if c is not None and c.p is not None]
    for change, q in zip(tested, benjamini_hochberg([c.p for c in tested])):
        change.q = float(q)
    asked = [c.question for c in view.segment.conditions] + [p.trait.question
                                                             for p in view.pinned]
    return PersonaDrift(status=status, then=then, now=now, segment=segment,
                        segment_causes=segment_causes, traits=traits, compared=True,
                        not_found=[q for q in dict.fromkeys(asked) if not survey.has(q)])


def drift_text(change: Change) -> str:
    """'34% → 41% (+7 pts, 95% CI +2 to +12): beyond noise'."""
    if change.then is None or change.now is None:
        return "no earlier number to compare" if change.then is None else "too few to say now"
    text = f"{change.then:.0%} → {change.now:.0%}"
    if change.difference is None:
        return text
    text += (f" ({change.difference * 100:+.0f} pts, 95% CI {change.low * 100:+.0f} to "
             f"{change.high * 100:+.0f})")
    return text + (": beyond noise" if change.beyond_noise else ": within noise")


def cause_text(causes: list[str]) -> str:
    """'because the data changed', 'because the segment changed', or both."""
    return "because " + " and ".join(causes) if causes else ""
