"""The What they say view's content: each theme's evidence in the segment and its chart.

Kept apart from themes.py (finding and applying themes) so that the command line does not
load plotly. A theme's evidence is `stats.trait_evidence` of its trait, the same function a
pinned theme's evidence comes from, so the chart and the card can never disagree.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from pydantic import BaseModel

from persona_lib.charts import LAPTOP, ChartStyle, _layout, figure_of
from persona_lib.models import Evidence, Trait
from persona_lib.stats import DEFAULT_MIN_N, trait_evidence, wilson_interval
from persona_lib.survey import Survey
from persona_lib.text import clipped, escape_plotly
from persona_lib.themes import QuestionThemes, theme_quotes
from persona_lib.trust import Strength, trait_strength



class ThemeRow(BaseModel):
    index: int
    label: str
    keywords: list[str]
    trait: Trait
    evidence: Evidence
    strength: Strength
    quotes: list[str]


def theme_rows(survey: Survey, found: QuestionThemes, segment: pd.Series,
               min_n: int = DEFAULT_MIN_N) -> list[ThemeRow]:
    """Each theme's evidence in the segment beside everyone (share of those who answered the
    question, 95% interval, n, lift, strength), with three example quotes from the segment
    (everyone's when the segment has none)."""
    rows = []
    for theme in found.themes:
        trait = found.trait(theme.index)
        evidence = trait_evidence(survey, trait, segment, min_n)
        quotes = theme_quotes(survey, found.question, found.rules, theme.index, segment) \
            or theme.quotes
        rows.append(ThemeRow(index=theme.index, label=theme.label, keywords=theme.keywords,
                             trait=trait, evidence=evidence, strength=trait_strength(evidence),
                             quotes=quotes))
    return rows


def themes_figure(found: QuestionThemes, rows: list[ThemeRow], title: str, segment_name: str,
                  everyone: bool, pinned: Collection[str] = (), style: ChartStyle = LAPTOP
                  ) -> go.Figure:
    """Share of those who answered that said each theme: the segment beside everyone, with
    95% intervals. Each bar carries [question, theme index] back on a click; pinned themes
    (by label) are outlined."""
    labels = [escape_plotly(clipped(r.label, 40)) for r in rows]
    custom = [[found.question, r.index] for r in rows]
    outline = dict(color="#1A1A1A", width=[3 if r.label in pinned else 0 for r in rows])
    bars: list[dict[str, Any]] = []
    if not everyone:
        bars += _bars(rows, labels, custom, outline, escape_plotly(clipped(segment_name, 40)),
                      style.segment, segment=True, ink=style.ink, size=style.text)
    bars += _bars(rows, labels, custom, outline if everyone else {}, "Everyone",
                  style.everyone, segment=False, ink=style.ink, size=style.text)
    per_row = style.row * (2 if not everyone else 1) + 12
    layout = _layout(clipped(title, 90), max(len(rows), 1) * per_row + 40, style=style,
                     barmode="group", scattermode="group", showlegend=not everyone,
                     xaxis=dict(title=dict(text="% of those who answered"), range=[0, 115],
                                ticksuffix="%"),
                     yaxis=dict(autorange="reversed", type="category"))
    return figure_of(bars, layout)


def _bars(rows: list[ThemeRow], labels: list[str], custom: list[list[Any]],
          outline: dict[str, Any], name: str, colour: str, segment: bool, ink: str, size: int
          ) -> list[dict[str, Any]]:
    """One group's bars with their 95% intervals, and their labels as text just past each
    interval's upper end (a bar's own text would sit under the interval's whisker). The hover
    names the theme, so the bar under the pointer is the one a click pins."""
    shares, lows, highs, texts, hovers = [], [], [], [], []
    for r, label in zip(rows, labels):
        ev = r.evidence
        if segment:
            share, low, high = ev.share_segment, ev.ci_low, ev.ci_high
            count, n = ev.count_segment, ev.n_segment
        else:
            share = ev.share_overall
            count, n = ev.count_overall, ev.n_overall
            low, high = wilson_interval(count, n) if n else (None, None)
        if share is None:
            shares.append(0)
            lows.append(0)
            highs.append(0)
            texts.append(f"too few (n={n})")
        else:
            shares.append(share * 100)
            lows.append((share - low) * 100)
            highs.append((high - share) * 100)
            texts.append(f"{share:.0%} (n={n:,})")
        hovers.append(f"<b>{label}</b><br>{name}: {texts[-1]}; {count:,} of {n:,}" + (
            f"<br>95% CI {low:.0%}–{high:.0%}" if share is not None else ""))
    group = "segment" if segment else "everyone"
    return [
        dict(type="bar", orientation="h", name=name, y=labels, x=shares, offsetgroup=group,
             marker=dict(color=colour, line=outline), customdata=custom, hovertext=hovers,
             hoverinfo="text", error_x=dict(type="data", symmetric=False, array=highs,
                                            arrayminus=lows, color="#1A1A1A", thickness=1.2)),
        dict(type="scatter", mode="text", orientation="h", y=labels, text=texts,
             x=[x + h + 1 for x, h in zip(shares, highs)],  # a point past the whisker's cap
             textposition="middle right", offsetgroup=group, cliponaxis=False,
             textfont=dict(color=ink, size=size), hoverinfo="skip", showlegend=False),
    ]


def themes_from_selection(selection: Mapping[str, Any] | None,
                          found: QuestionThemes) -> list[Trait]:
    """The theme traits behind the bars a user clicked (Streamlit's plotly selection state)."""
    traits: list[Trait] = []
    for point in (selection or {}).get("points", []) or []:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if (not isinstance(data, (list, tuple)) or len(data) < 2 or data[0] != found.question
                or not isinstance(data[1], int) or not 0 <= data[1] < len(found.rules)):
            continue
        trait = found.trait(data[1])
        if trait not in traits:
            traits.append(trait)
    return traits
