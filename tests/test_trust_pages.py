"""The trust features through AppTest: badges, the 'How this was made' switch, quote swap and
source, stability on Suggested segments and the card, coverage on All personas. Expected values
come from persona_lib, not from the app."""

from __future__ import annotations

import pandas as pd

from persona_lib.models import Trait
from persona_lib.persona import quote_candidates
from persona_lib.segments import segment_mask
from persona_lib.stats import trait_evidence
from persona_lib.trust import coverage, pseudonym, trait_strength
from tests.test_app import (
    AGE, assert_ran, current_persona, go, metric, pin_with_keyboard, start, unescape,
)


def _button(at, key):
    return next(b for b in at.button if b.key == key)


def test_card_badges_provenance_and_quote_swap(sample):
    at = pin_with_keyboard(start("Who they are"), "pin_who", sample.column(AGE), "25-34")
    go(at, "Persona")
    everyone = pd.Series(True, index=sample.data.index)
    strength = trait_strength(trait_evidence(sample, Trait(question=AGE, answer="25-34"),
                                             everyone))
    lines = [m.value for m in at.markdown if "How old are you" in m.value and "badge[" in m.value]
    assert lines and all(f"-badge[{strength.value}]" in line for line in lines)

    quotes = quote_candidates(sample, everyone)
    said = [unescape(m.value) for m in at.markdown if m.value.startswith("> ")]
    assert said == [f"> “{quotes[0].text}”"]
    assert any(quotes[0].respondent in c.value for c in at.caption)
    _button(at, "swap_quote").click().run()
    assert_ran(at)
    assert [unescape(m.value) for m in at.markdown if m.value.startswith("> ")] == [
        f"> “{quotes[1].text}”"]
    assert current_persona(at).quote_pick == 1
    assert quotes[1].respondent == pseudonym(sample, sample.data.index[quotes[1].row])

    assert not [m for m in at.markdown if "Pinned by hand" in m.value]
    at.toggle(key="provenance_switch").set_value(True).run()
    made = [unescape(m.value) for m in at.markdown if "Pinned by hand" in m.value]
    assert len(made) == 1 and "Pinned by hand: How old are you: 25-34" in made[0]
    assert "pinned '25-34'" in made[0] and "quote swapped" in made[0]  # the change log


def test_stability_and_coverage(sample):
    at = start("Suggested segments")
    at.selectbox(key="cluster_k").set_value(3)
    _button(at, "cluster_run").click().run()
    assert_ran(at)  # stability comes with the segments, without asking
    scores = [m.value for m in at.markdown if m.value.startswith("**Stability ")]
    assert len(scores) == 3 and all("mean Jaccard over 20 re-fits" in s for s in scores)
    next(b for b in at.button if b.key and b.key.startswith("draft::")).click().run()
    assert_ran(at)
    assert any(c.value.startswith("Stability: ") for c in at.caption)  # on the card, cached

    go(at, "All personas")
    personas = list(at.session_state["personas"].values())
    report, _ = coverage(sample, {p.name: segment_mask(sample, p.segment) for p in personas})
    assert metric(at, "Match at least one persona") == f"{report.covered:,}"
    assert metric(at, "Not represented by any persona") == f"{report.uncovered:,}"
