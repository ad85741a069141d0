"""Personas side by side: how big each is, what each claims, and how much their segments
overlap (a respondent can fit several personas)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from persona_lib.models import Persona
from persona_lib.persona import evidence_short, trait_label
from persona_lib.segments import describe_segment, segment_mask
from persona_lib.stats import DEFAULT_MIN_N, trait_evidence, wilson_interval
from persona_lib.survey import Survey


@dataclass(frozen=True)
class Overlap:
    names: list[str]
    both: np.ndarray  # respondents in both segments (the diagonal: each segment's size)
    jaccard: np.ndarray  # in both / in either


def overlap(survey: Survey, personas: list[Persona]) -> Overlap:
    masks = np.column_stack([segment_mask(survey, p.segment).to_numpy() for p in personas])
    both = masks.T.astype(int) @ masks.astype(int)
    sizes = np.diag(both)
    either = sizes[:, None] + sizes[None, :] - both
    with np.errstate(invalid="ignore", divide="ignore"):
        jaccard = np.where(either > 0, both / either, 0.0)
    return Overlap([p.name for p in personas], both, jaccard)


def side_by_side(survey: Survey, personas: list[Persona], min_n: int = DEFAULT_MIN_N
                 ) -> dict[str, list[str]]:
    """Rows of a comparison table: one column of text per persona."""
    table: dict[str, list[str]] = {"Segment": [], "Size": [], "Pinned traits": []}
    for persona in personas:
        mask = segment_mask(survey, persona.segment)
        n = int(mask.sum())
        low, high = wilson_interval(n, survey.n) if survey.n else (0.0, 0.0)
        table["Segment"].append(describe_segment(survey, persona.segment))
        table["Size"].append(f"n = {n:,} ({n / survey.n:.0%}, 95% CI {low:.0%}–{high:.0%})"
                             if survey.n else "no respondents")
        table["Pinned traits"].append("\n".join(
            f"{trait_label(survey, p.trait)}: "
            f"{evidence_short(trait_evidence(survey, p.trait, mask, min_n))}"
            for p in persona.pinned) or "none pinned")
    return table
