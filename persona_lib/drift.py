"""How a persona's evidence moved between the wave it was built on and a fresh wave.

Every pinned trait keeps a snapshot of its evidence. On a fresh export of the same survey
(same questions, different answers), each trait's share then and now is compared as two
independent samples: the difference with its 95% Newcombe interval and a test, controlled
for the persona's traits together (Benjamini-Hochberg). "Beyond noise" means q < 0.05; the
user then accepts the new evidence or keeps the old snapshot.
"""

from __future__ import annotations

from pydantic import BaseModel

from persona_lib.models import DataRef, Evidence, Persona, SegmentSnapshot, Snapshot, Trait
from persona_lib.persona import data_ref, trait_label
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


class TraitDrift(BaseModel):
    trait: Trait
    label: str
    change: Change
    evidence: Evidence


class PersonaDrift(BaseModel):
    status: str  # "fresh wave", "same data", "other survey", "no snapshot"
    then: DataRef | None
    now: DataRef
    segment: Change | None = None
    traits: list[TraitDrift] = []

    @property
    def changed(self) -> list[TraitDrift]:
        return [t for t in self.traits if t.change.beyond_noise]


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


def persona_drift(survey: Survey, persona: Persona, min_n: int = DEFAULT_MIN_N) -> PersonaDrift:
    """Then and now for the persona's segment and every pinned trait."""
    now = data_ref(survey)
    then = persona.data
    if then is None:
        return PersonaDrift(status="no snapshot", then=None, now=now)
    if then.fingerprint != survey.fingerprint:
        return PersonaDrift(status="other survey", then=then, now=now)
    status = "same data" if then.digest == survey.digest else "fresh wave"
    mask = segment_mask(survey, persona.segment)
    segment = segment_change(persona.segment_snapshot, int(mask.sum()), survey.n)
    traits = []
    for pinned in persona.pinned:
        evidence = trait_evidence(survey, pinned.trait, mask, min_n)
        traits.append(TraitDrift(trait=pinned.trait, label=trait_label(survey, pinned.trait),
                                 change=trait_change(pinned.snapshot, evidence),
                                 evidence=evidence))
    tested = [c for c in [segment, *(t.change for t in traits)]
              if c is not None and c.p is not None]
    for change, q in zip(tested, benjamini_hochberg([c.p for c in tested])):
        change.q = float(q)
    return PersonaDrift(status=status, then=then, now=now, segment=segment, traits=traits)


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
