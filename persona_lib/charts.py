"""Plotly figure factories: a segment beside everyone, every bar carrying its trait.

Each bar's customdata is [question, answer, low, high], so a click on it maps back to a
Trait with `traits_from_selection`, without the page knowing how the chart was drawn.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from persona_lib.compare import Overlap
from persona_lib.distinctive import Crosstab
from persona_lib.models import Column, Kind, Role, Trait
from persona_lib.scales import DIVERGING_SCALES, is_opt_out, scale_family
from persona_lib.stats import DEFAULT_MIN_N, answer_traits, breakdown, wilson_interval
from persona_lib.survey import Survey
from persona_lib.text import escape_plotly, item_stem, percent, shortened, spoken, wrapped_plotly
from persona_lib.ticks import is_tick, ticked_answer

TITLE_WIDTH = 34  # characters a chart title's line holds before it wraps (half-width charts)
ANSWER_WIDTH = 26  # characters an answer's label holds before it wraps
PAGE_SIZE = 20  # charts a page shows at once when a survey has more

FONT_FAMILY = "Source Sans Pro, Helvetica, Arial, sans-serif"


@dataclass(frozen=True)
class ChartStyle:
    """Sizes and colours: LAPTOP for a desk, PROJECTOR for the back of a meeting room.

    Bars keep at least 3:1 contrast with the white background and are told apart by hue
    (Okabe-Ito blue against grey), which colour-blind readers see too.
    """

    text: int
    tick: int
    title: int
    segment: str
    everyone: str
    ink: str
    grid: str
    row: int  # height of one bar, px
    legend: tuple[int, int]  # px a legend's row has beside the answers: half, full width


LAPTOP = ChartStyle(text=16, tick=15, title=20, segment="#0072B2", everyone="#8C8C8C",
                    ink="#1A1A1A", grid="#E3E3E3", row=26, legend=(250, 600))
PROJECTOR = ChartStyle(text=22, tick=22, title=28, segment="#0072B2", everyone="#6E6E6E",
                       ink="#000000", grid="#C8C8C8", row=36, legend=(800, 800))
# Purple-orange diverging steps (colour-blind safe), negative side first.
DIVERGING = {
    3: ["#E66101", "#D9D9D9", "#5E3C99"],
    4: ["#E66101", "#FDB863", "#B2ABD2", "#5E3C99"],
    5: ["#E66101", "#FDB863", "#D9D9D9", "#B2ABD2", "#5E3C99"],
    6: ["#B35806", "#F1A340", "#FEE0B6", "#D8DAEB", "#998EC3", "#542788"],
    7: ["#B35806", "#F1A340", "#FEE0B6", "#D9D9D9", "#D8DAEB", "#998EC3", "#542788"],
}
# Light to dark blue steps for a one-sided scale (importance, quality, 1-5), lowest first.
SEQUENTIAL = {
    3: ["#C6DBEF", "#6BAED6", "#08519C"],
    4: ["#C6DBEF", "#6BAED6", "#2171B5", "#08306B"],
    5: ["#C6DBEF", "#9ECAE1", "#4292C6", "#2171B5", "#08306B"],
    6: ["#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08306B"],
    7: ["#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08306B"],
}


def chart_kind(column: Column) -> str | None:
    """How a column is drawn on its own: 'likert', 'bars', 'histogram', or None when it is not
    charted. `chart_groups` draws a grid's rows together ('likert', 'stacked', 'ticks')."""
    if column.kind == Kind.ordinal and scale_family(column.levels) in DIVERGING_SCALES:
        if 3 <= len(_core(column.levels)) <= 7:
            return "likert"
    if column.kind in (Kind.single_choice, Kind.multi_choice, Kind.ordinal):
        return "bars"
    if column.kind == Kind.numeric:
        return "histogram"
    return None


def chart_groups(survey: Survey, roles: tuple[Role, ...]) -> list[tuple[str, list[Column]]]:
    """Charts for a page, in file order. Likert items sharing a question stem share a chart;
    so do a checkbox question's options exported as a yes/no column each ('ticks'). A question
    everyone answered alike ('I agree' to take part) tells nothing about anyone: it goes last."""
    groups: list[tuple[str, list[Column]]] = []
    for col in survey.select(roles=roles):
        kind = chart_kind(col)
        if kind is None:
            continue
        last_kind, last = groups[-1] if groups else (None, [])
        battery = _battery_kind(col)
        if battery and last_kind in (battery, "bars") and _battery_kind(last[-1]) == battery \
                and _same_question(last[-1], col) \
                and battery_levels(last + [col]) is not None:
            groups[-1] = (battery, last + [col])
        elif kind == "bars" and last_kind in ("bars", "ticks") and is_tick(col) \
                and is_tick(last[-1]) and item_stem(last[-1].name) == item_stem(col.name):
            groups[-1] = ("ticks", last + [col])
        else:
            groups.append((kind, [col]))
    split = [part for group in groups for part in _with_a_tick(group)]
    return sorted(split, key=lambda group: all(len(c.levels) == 1 for c in group[1]))


@functools.lru_cache(maxsize=4096)
def _core_levels(levels: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(lv for lv in levels if not is_opt_out(lv))


def _core(levels: list[str]) -> tuple[str, ...]:
    """A scale's points, opt-outs aside; worked out once per list of levels, since every
    chart page's rerun asks again for every column (a grid's rows share theirs)."""
    return _core_levels(tuple(levels))


def _battery_kind(column: Column) -> str | None:
    """A grid row on a scale: 'likert' when the scale runs from one pole to its opposite
    (drawn diverging), 'stacked' when it is one-sided or unknown (importance, quality, 1-5)."""
    if column.kind != Kind.ordinal or not 2 <= len(_core(column.levels)) <= 7:
        return None
    if scale_family(column.levels) in DIVERGING_SCALES:
        return "likert"
    return "stacked" if item_stem(column.name) else None


def _same_question(a: Column, b: Column) -> bool:
    """Rows of one grid: 'Q [row]' or 'Q - row', and 'Q[code]. [row]' (LimeSurvey's codes)."""
    stem = item_stem(a.name)
    return (stem is not None and stem == item_stem(b.name)) or \
        (_stem(a.name) != a.name and _stem(a.name) == _stem(b.name))


def battery_levels(columns: list[Column]) -> list[str] | None:
    """The scale a grid's rows share, opt-outs aside: each row's answers in the order of the
    others. A row that nobody answered at one end lacks that point ('Stimme gar nicht zu'),
    so the rows are merged, not compared. None when two rows order their answers differently
    or the scale would be longer than a stacked bar can show (7 points)."""
    merged: list[str] = []
    for column in columns:
        merged = _merged_order(merged, list(_core(column.levels)))
        if merged is None:
            return None
    return merged if 3 <= len(merged) <= 7 else None


def _merged_order(a: list[str], b: list[str]) -> list[str] | None:
    """Both orders as one, or None where they disagree or cannot say which comes first."""
    merged: list[str] = []
    i = j = 0
    while i < len(a) or j < len(b):
        only_a = i < len(a) and a[i] not in b
        only_b = j < len(b) and b[j] not in a
        if only_a and only_b:
            return None
        if only_a or j == len(b):
            merged.append(a[i])
            i += 1
        elif only_b or i == len(a):
            merged.append(b[j])
            j += 1
        elif a[i] == b[j]:
            merged.append(a[i])
            i, j = i + 1, j + 1
        else:
            return None
    return merged


def _with_a_tick(group: tuple[str, list[Column]]) -> list[tuple[str, list[Column]]]:
    """Options nobody ticked cannot say what a tick looks like: drawn one by one, as read."""
    kind, columns = group
    if kind == "ticks" and ticked_answer(columns) is None:
        return [("bars", [c]) for c in columns]
    return [group]


def _stem(name: str) -> str:
    return re.sub(r"\[.*\]\s*$", "", name).strip()


TITLE_MOST = 170  # about three lines: a longer wording is shortened at a word


def group_title(columns: list[Column]) -> str:
    if len(columns) > 1:
        stem = item_stem(spoken(columns[0].name)) or _stem(spoken(columns[0].name))
        return stem.rstrip("?:") or columns[0].label
    return chart_title(columns[0])


def chart_title(column: Column) -> str:
    """The question as asked, wrapped over up to three lines, where its label had to be
    shortened; a label the user chose is used as it is."""
    if not column.label.endswith("…"):
        return column.label
    return shortened(spoken(column.name.replace(" - Selected Choice", "")), TITLE_MOST)


def figure_of(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from plain dicts, not validated property by property: that takes most of a
    chart page's rerun. Every factory's output is validated in the tests instead."""
    return go.Figure(data=data, layout=layout, _validate=False)


def _legend_rows(names: list[str], style: ChartStyle, full_width: bool = False) -> int:
    """How many rows a horizontal legend of these names takes (about: a character is 0.6 of
    the font size wide, a swatch and gap 40 px). Names that do not fit on one row are set
    out in columns as wide as the widest name, as plotly.js does."""
    widths = [len(name) * 0.6 * style.text + 40 for name in names] or [0.0]
    room = style.legend[full_width]
    if sum(widths) <= room:
        return 1
    return math.ceil(len(widths) / max(1, int(room // max(widths))))


def _layout(title: str, height: int, legend_rows: int = 1, xaxis: dict | None = None,
            yaxis: dict | None = None, style: ChartStyle = LAPTOP, **extra: Any) -> dict[str, Any]:
    """The whole layout as one dict (update_layout calls are slow). Title on the first line,
    legend below it, plot below both: no overlap."""
    title_text = wrapped_plotly(title, TITLE_WIDTH)
    title_lines = title_text.count("<br>")
    top = int(style.title * 2.8) + int(style.title * 1.3) * title_lines \
        + int(style.text * 1.75) * legend_rows
    axis = dict(automargin=True, tickfont=dict(size=style.tick), gridcolor=style.grid,
                zeroline=False, linecolor=style.ink, ticks="",
                title=dict(font=dict(size=style.text)))
    return dict(
        template={},  # no template: everything the chart needs is set here
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        title=dict(text=title_text, font=dict(size=style.title), x=0, xanchor="left",
                   yref="container", y=1, yanchor="top",
                   # plotly.js lifts a title of several lines by most of a line whatever
                   # its yanchor (plotly.js#6472): padded down by as much, it stays inside.
                   pad=dict(t=8 + (round(style.title * 0.7) if title_lines else 0))),
        font=dict(family=FONT_FAMILY, size=style.text, color=style.ink),
        height=height + top,
        margin=dict(l=10, r=20, t=top, b=int(style.text * 2.5)),
        # on the plot's top edge: placed from the top of the figure instead, under a long
        # title over a short plot, plotly.js gave up ("axis scaling") and drew nothing
        legend=dict(orientation="h", yref="paper", y=1, yanchor="bottom",
                    font=dict(size=style.text), x=0, xanchor="left", traceorder="normal"),
        clickmode="event+select",
        dragmode=False,
        hoverlabel=dict(font=dict(size=style.text)),
        xaxis=_axis(axis, xaxis),
        yaxis=_axis(axis, yaxis),
        **extra,
    )


def _axis(common: dict[str, Any], own: dict[str, Any] | None) -> dict[str, Any]:
    """An axis: the common settings and its own; a title given as text becomes
    {text, font}, the only form plotly.js 3 draws (a bare string title is silently dropped)."""
    axis = {**common, **(own or {})}
    if isinstance(axis.get("title"), str):
        axis["title"] = {**common["title"], "text": axis["title"]}
    return axis


def _rows_height(labels: list[str], bars_per_row: float, style: ChartStyle) -> int:
    """Height of a chart's answer rows. plotly.js spaces the answers evenly, so every row
    must fit the tallest answer's wrapped label (or long ones run into their neighbours)."""
    tallest = max((label.count("<br>") + 1 for label in labels), default=1)
    return len(labels) * max(int(style.row * bars_per_row), int(tallest * style.tick * 1.3) + 8)


def _rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    """A small table's rows as dicts, column by column: pandas' own row iterators cost a
    chart page most of its rerun."""
    columns = [table[c].tolist() for c in table.columns]
    return [dict(zip(table.columns, values)) for values in zip(*columns)]


def _hover(row: Mapping[str, Any], who: str, overall: bool = False) -> str:
    if overall and not row["n_overall"]:
        return f"{who}: nobody answered"
    if overall:
        return (f"{who}: {percent(row['share_overall'])} "
                f"({row['count_overall']} of {row['n_overall']})")
    if row["status"] == "too_few":
        return f"{who}: too few to say (n={row['n_segment']})"
    return (f"{who}: {percent(row['share_segment'])} "
            f"(95% CI {row['ci_low']:.0%}–{row['ci_high']:.0%}; "
            f"{row['count_segment']} of {row['n_segment']})")


def _customdata(traits: list[Trait], columns: list[Column] | None = None) -> list[list[Any]]:
    """What each bar carries back on a click; read by `traits_from_selection`. Given each
    trait's column, a bar for an answer nobody gave it carries nothing: it pins nothing."""
    return [[t.question, t.answer, t.low, t.high]
            if columns is None or t.answer in columns[i].levels else [None] * 4
            for i, t in enumerate(traits)]


def _pinned_outline(traits: list[Trait], pinned: Collection[Trait], ink: str = "#1A1A1A"
                    ) -> dict[str, Any]:
    """A dark outline on the bars whose trait is already pinned."""
    return dict(color=ink, width=[3 if t in pinned else 0 for t in traits])


MOST_BARS = 25  # answers a choice's chart draws; past that, the most given (issue: 78 countries)
DRAWN_BARS = 20


def _most_given(table: pd.DataFrame, column: Column, compare: bool
                ) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """A choice with a long tail of answers (a typed country, a city) keeps the answers most
    given, by everyone and, beside a segment, by the segment too, in their own order; the
    rest are named in a note, not drawn as a page of bars under 1%."""
    if column.kind not in (Kind.single_choice, Kind.multi_choice) or len(table) <= MOST_BARS:
        return table, None
    keep = set(table["count_overall"].nlargest(DRAWN_BARS, keep="first").index)
    if compare:
        keep |= set(table["count_segment"].nlargest(DRAWN_BARS, keep="first").index)
    kept = table.index.isin(list(keep))
    return table[kept].reset_index(drop=True), table[~kept]


def _left_out_note(left_out: pd.DataFrame, n_all: int) -> str:
    """Under the chart: how many answers were not drawn, and how many people gave them."""
    given = int(left_out["count_overall"].sum())
    share = f" ({percent(given / n_all)})" if n_all else ""
    return wrapped_plotly(f"{len(left_out)} more answers, given by {given:,} people{share}, are "
                          "not drawn; the Data page lists them all", 2 * TITLE_WIDTH)


def breakdown_figure(survey: Survey, column: Column, segment: pd.Series, segment_name: str,
                     min_n: int = DEFAULT_MIN_N, pinned: Collection[Trait] = (),
                     style: ChartStyle = LAPTOP) -> go.Figure:
    """Share of respondents giving each answer: the segment beside everyone.
    Bars whose trait is in `pinned` are outlined."""
    table = breakdown(survey, column.name, segment, min_n)
    vertical = column.kind == Kind.numeric or (
        column.kind == Kind.ordinal and all(lv.isdigit() for lv in column.levels))
    compare = not bool(segment.all())
    table, left_out = _most_given(table, column, compare)
    bars = []
    labels = [wrapped_plotly(a, ANSWER_WIDTH) for a in table["answer"]]
    asked = wrapped_plotly(spoken(column.name), TITLE_WIDTH)  # the whole wording, on every bar
    traits_shown = answer_traits(column.name, table)
    custom = _customdata(traits_shown)
    outline = _pinned_outline(traits_shown, pinned, style.ink)
    n_all = int(table["n_overall"].iloc[0]) if len(table) else 0
    traces = [("Everyone", table["share_overall"], table["count_overall"], style.everyone,
               n_all, True)]
    n_seg = int(table["n_segment"].iloc[0]) if len(table) else 0
    too_few = len(table) and table["status"].iloc[0] == "too_few"
    if compare and not too_few:
        traces.append((segment_name, table["share_segment"], table["count_segment"],
                       style.segment, n_seg, False))
    for who, shares, counts, colour, n, overall in traces:
        values = (shares.fillna(0) * 100).round(1).tolist()
        # A tiny group gets counts, not a percentage that would overstate what it shows.
        text = [f"{c} of {n}" for c in counts] if n < min_n else [
            percent(float(v)) for v in shares.fillna(0)]
        hover = [f"{asked}<br><b>{labels[i]}</b><br>{escape_plotly(_hover(row, who, overall))}"
                 for i, row in enumerate(_rows(table))]
        bars.append(dict(
            type="bar",
            name=escape_plotly(f"{who} (n={n:,})"),
            x=labels if vertical else values, y=values if vertical else labels,
            orientation="v" if vertical else "h", marker=dict(color=colour, line=outline),
            text=text, textfont=dict(size=style.text),
            textposition="outside", cliponaxis=False, customdata=custom,
            hovertext=hover, hoverinfo="text", showlegend=True,  # the legend carries n
        ))
    height = style.row * 12 if vertical else 60 + _rows_height(labels, len(traces) + 0.5, style)
    top = max([float(t[1].max()) for t in traces if t[1].notna().any()] or [0.0]) * 100
    share_axis = _share_axis(top)
    answer_axis = dict(type="category") if vertical else dict(autorange="reversed",
                                                               type="category")
    if left_out is not None:
        share_axis["title"] = f"{share_axis['title']}<br>{_left_out_note(left_out, n_all)}"
    notes = []
    if compare and too_few:
        notes.append(dict(text=escape_plotly(f"{segment_name}: too few to say (n={n_seg})"),
                          xref="paper", yref="paper", x=1, y=1.12, showarrow=False,
                          font=dict(size=style.text, color="#A13D00")))
    layout = _layout(chart_title(column), height, barmode="group", annotations=notes, style=style,
                     legend_rows=_legend_rows([b["name"] for b in bars], style),
                     xaxis=answer_axis if vertical else share_axis,
                     yaxis=share_axis if vertical else answer_axis)
    return figure_of(bars, layout)


def ticks_figure(survey: Survey, columns: list[Column], segment: pd.Series, segment_name: str,
                 min_n: int = DEFAULT_MIN_N, pinned: Collection[Trait] = (),
                 style: ChartStyle = LAPTOP) -> go.Figure:
    """A checkbox question exported as a yes/no column per option (LimeSurvey's 'Q [Option]':
    Ja / Nein / N/A), drawn as the checkbox it was: a bar per option, the share who ticked it
    of those who answered that column (n in the legend, as a range where the columns' differ),
    the segment beside everyone, most ticked first. A click pins that option's column answered
    yes, with the same evidence."""
    yes = ticked_answer(columns)
    compare = not bool(segment.all())
    rows = [_answer_row(breakdown(survey, c.name, segment, min_n), yes) for c in columns]
    order = sorted(range(len(columns)), key=lambda i: -(rows[i]["share_overall"] or 0))
    columns, rows = [columns[i] for i in order], [rows[i] for i in order]
    traits = [Trait(question=c.name, answer=yes) for c in columns]
    custom = _customdata(traits, columns)
    outline = _pinned_outline(traits, pinned, style.ink)
    labels = [wrapped_plotly(c.label, ANSWER_WIDTH) for c in columns]
    asked = wrapped_plotly(group_title(columns), TITLE_WIDTH)
    traces = [("Everyone", "share_overall", "count_overall", "n_overall", style.everyone, True)]
    if compare:
        traces.append((segment_name, "share_segment", "count_segment", "n_segment",
                       style.segment, False))
    bars, top = [], 0.0
    for who, share, count, n, colour, overall in traces:
        shown = [r[share] if overall or r["status"] != "too_few" else None for r in rows]
        top = max([top] + [s * 100 for s in shown if s is not None])
        low, high = min(r[n] for r in rows), max(r[n] for r in rows)
        text = [f"{r[count]} of {r[n]}" if s is not None and r[n] < min_n
                else percent(s) if s is not None else f"too few (n={r[n]})"
                for s, r in zip(shown, rows)]
        hover = [f"{asked}<br><b>{label}</b><br>{escape_plotly(_hover(r, who, overall))}"
                 for label, r in zip(labels, rows)]
        bars.append(dict(
            type="bar", name=escape_plotly(
                f"{who} (n={low:,})" if low == high else f"{who} (n={low:,}–{high:,})"),
            orientation="h", y=labels,
            x=[round((s or 0) * 100, 1) for s in shown], text=text,
            marker=dict(color=colour, line=outline), textfont=dict(size=style.text),
            textposition="outside", cliponaxis=False, customdata=custom, hovertext=hover,
            hoverinfo="text", showlegend=True))
    height = 60 + _rows_height(labels, len(traces) + 0.5, style)
    return figure_of(bars, _layout(
        group_title(columns), height, barmode="group", style=style,
        legend_rows=_legend_rows([b["name"] for b in bars], style),
        xaxis={**_share_axis(top), "title": f"% answering {escape_plotly(yes or '')}"},
        yaxis=dict(autorange="reversed", type="category")))


def _answer_row(table: pd.DataFrame, answer: str | None) -> dict[str, Any]:
    """The `breakdown` row of an answer; one nobody gave (a grid row without its scale's end,
    an option nobody ticked): none of those who answered."""
    found = table[table["answer"] == answer]
    if len(found):
        return _rows(found)[0]
    first = _rows(table.head(1))[0] if len(table) else {"n_overall": 0, "n_segment": 0,
                                                         "status": "too_few"}
    n_all, n_seg = int(first["n_overall"]), int(first["n_segment"])
    low, high = wilson_interval(0, n_seg) if n_seg else (None, None)
    return {"count_overall": 0, "n_overall": n_all, "share_overall": 0.0 if n_all else None,
            "count_segment": 0, "n_segment": n_seg, "share_segment": 0.0 if n_seg else None,
            "ci_low": low, "ci_high": high, "status": first["status"]}


def group_figure(survey: Survey, kind: str, columns: list[Column], segment: pd.Series,
                 segment_name: str, pinned: Collection[Trait] = (),
                 style: ChartStyle = LAPTOP) -> go.Figure:
    """The figure for one of `chart_groups`' charts."""
    if kind in ("likert", "stacked"):
        return likert_figure(survey, columns, segment, segment_name, pinned=pinned, style=style)
    if kind == "ticks":
        return ticks_figure(survey, columns, segment, segment_name, pinned=pinned, style=style)
    return breakdown_figure(survey, columns[0], segment, segment_name, pinned=pinned,
                            style=style)


def _share_axis(top: float) -> dict[str, Any]:
    """0 to a little past the longest bar, so its label ('100%') has room; ticks stop at 100."""
    end = min(120.0, max(10.0, top * 1.3))
    step = 25 if end > 60 else 10 if end > 25 else 5
    ticks = list(range(0, int(min(end, 100)) + 1, step))
    return dict(title="% who answered", range=[0, end], tickmode="array", tickvals=ticks,
                ticktext=[f"{t}%" for t in ticks])


def chart_pages(groups: list[tuple[str, list[Column]]], size: int = PAGE_SIZE
                ) -> list[tuple[str, list[tuple[str, list[Column]]]]]:
    """A long run of charts in pages of about `size`, each named for the questions it holds
    ('Questions 21-40: How often ... to Which ...'); a battery is never split."""
    pages: list[tuple[str, list[tuple[str, list[Column]]]]] = []
    start = 0
    for i in range(0, len(groups), size):
        chunk = groups[i:i + size]
        first, last = start + 1, start + sum(len(cols) for _, cols in chunk)
        start = last
        name = (f"Questions {first}–{last}: {shortened(group_title(chunk[0][1]), 32)} … "
                f"{shortened(group_title(chunk[-1][1]), 32)}")
        pages.append((name, chunk))
    return pages


def matching_groups(groups: list[tuple[str, list[Column]]], query: str
                    ) -> list[tuple[str, list[Column]]]:
    """The charts whose question, label or answers mention every word of `query`."""
    words = query.lower().split()
    if not words:
        return groups

    def text(cols: list[Column]) -> str:
        return " ".join(f"{c.name} {c.label} {' '.join(c.levels)}" for c in cols).lower()

    return [g for g in groups if all(w in text(g[1]) for w in words)]


def likert_figure(survey: Survey, columns: list[Column], segment: pd.Series, segment_name: str,
                  min_n: int = DEFAULT_MIN_N, pinned: Collection[Trait] = (),
                  style: ChartStyle = LAPTOP) -> go.Figure:
    """A grid's rows as stacked bars, one per row and group. Diverging when the scale runs
    from one pole to its opposite (disagreement left of zero, agreement right, neutral
    split); from 0 to 100% in light-to-dark steps when it is one-sided (importance, 1-5)."""
    levels = battery_levels(columns) or list(_core(columns[0].levels))
    diverging = all(_battery_kind(c) == "likert" for c in columns) and len(levels) in DIVERGING
    colours = (DIVERGING if diverging else SEQUENTIAL)[len(levels)]
    compare = not bool(segment.all())
    rows: list[tuple[str, Column, list[float], list[str]]] = []
    for col in columns:
        table = breakdown(survey, col.name, segment, min_n)
        answers = [_answer_row(table, level) for level in levels]
        label = wrapped_plotly(col.label, TITLE_WIDTH)
        n_all = int(answers[0]["n_overall"])
        rows.append((f"{label}<br>Everyone (n={n_all:,})", col,
                     [(r["share_overall"] or 0) * 100 for r in answers],
                     [_hover(r, "Everyone", overall=True) for r in answers]))
        if compare:
            n_seg = int(answers[0]["n_segment"])
            if answers[0]["status"] == "too_few":
                shares = [0.0] * len(levels)
                name = f"{label}<br>{escape_plotly(segment_name)}: too few (n={n_seg})"
            else:
                shares = [(r["share_segment"] or 0) * 100 for r in answers]
                name = f"{label}<br>{escape_plotly(segment_name)} (n={n_seg:,})"
            rows.append((name, col, shares,
                         [escape_plotly(_hover(r, segment_name)) for r in answers]))
    mid = len(levels) / 2
    bars = []
    for i, level in enumerate(levels):
        widths, bases = [], []
        for _, _, shares, _ in rows:
            neg_total = sum(shares[: int(mid)]) + (shares[int(mid)] / 2 if len(levels) % 2 else 0)
            start = (-neg_total if diverging else 0) + sum(shares[:i])
            widths.append(shares[i])
            bases.append(start)
        level_traits = [Trait(question=r[1].name, answer=level) for r in rows]
        bars.append(dict(
            type="bar",
            name=escape_plotly(level), orientation="h", y=[r[0] for r in rows], x=widths,
            base=bases,
            marker=dict(color=colours[i], line=_pinned_outline(level_traits, pinned, style.ink)),
            customdata=_customdata(level_traits, [r[1] for r in rows]),
            hovertext=[f"{escape_plotly(level)}<br>{r[3][i]}" for r in rows], hoverinfo="text",
        ))
    axis = dict(title="← negative · % of respondents · positive →", ticksuffix="%",
                range=[-100, 100], zeroline=True, zerolinecolor="#1A1A1A", zerolinewidth=2) \
        if diverging else dict(title="% of respondents, lowest answer first", ticksuffix="%",
                               range=[0, 100])
    layout = _layout(
        group_title(columns), 90 + _rows_height([r[0] for r in rows], 2.2, style),
        legend_rows=_legend_rows([b["name"] for b in bars], style, full_width=True),
        barmode="overlay", style=style, xaxis=axis,
        yaxis=dict(autorange="reversed", type="category"),
    )
    return figure_of(bars, layout)


def traits_from_selection(selection: Mapping[str, Any] | None) -> list[Trait]:
    """The traits behind the bars a user clicked (Streamlit's plotly selection state)."""
    traits: list[Trait] = []
    for point in (selection or {}).get("points", []) or []:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if not isinstance(data, (list, tuple)) or len(data) < 4 or not isinstance(data[0], str):
            continue
        question, answer, low, high = data[:4]
        trait = Trait(question=question, answer=answer) if answer is not None else \
            Trait(question=question, low=low, high=high)
        if trait not in traits:
            traits.append(trait)
    return traits


CROSSTAB_PRINTED_COLUMNS = 12  # more, and a cell is too narrow for its share: hover tells it


def crosstab_figure(table: Crosstab, row_label: str, column_label: str,
                    min_n: int = DEFAULT_MIN_N, style: ChartStyle = LAPTOP) -> go.Figure:
    """A heatmap of shares. Every share of a row (or column) has the same base, so its n is
    said once, beside that row's (or column's) answer, and a cell says only its share: with
    ten or more columns, a base in every cell overlapped its neighbours, and past
    CROSSTAB_PRINTED_COLUMNS a share alone does, so the colour and the hover tell it. A cell
    whose base is under min_n says 'too few' instead of a percentage. The side title is cut
    to the rows' height (it ran up into the chart's title); the title keeps the wording."""
    shares = np.where(table.bases >= min_n, table.shares, np.nan)
    text = [[percent(shares[i, j]) if np.isfinite(shares[i, j]) else "too few"
             for j in range(len(table.columns))] for i in range(len(table.rows))]
    printed = len(table.columns) <= CROSSTAB_PRINTED_COLUMNS  # else each share overlaps the next
    of = "row" if table.percent == "row" else "column"
    rows = [wrapped_plotly(f"{r} (n={table.bases[i, 0]:,})" if of == "row" and len(table.columns)
                           else r, ANSWER_WIDTH) for i, r in enumerate(table.rows)]
    columns = [wrapped_plotly(f"{c} (n={table.bases[0, j]:,})" if of == "column" and len(table.rows)
                              else c, ANSWER_WIDTH) for j, c in enumerate(table.columns)]
    hover = [["<br>".join(escape_plotly(line) for line in (
        f"{row_label}: {r}", f"{column_label}: {c}",
        f"{table.shares[i, j]:.0%} of the {of} ({table.counts[i, j]:,} of {table.bases[i, j]:,})"
        if np.isfinite(shares[i, j]) else f"too few to say (n={table.bases[i, j]:,})"))
        for j, c in enumerate(table.columns)] for i, r in enumerate(table.rows)]
    heat = dict(
        type="heatmap", z=(shares * 100).tolist(),
        x=columns, y=rows, text=text, texttemplate="%{text}" if printed else "",
        textfont=dict(size=style.tick), hovertext=hover, hoverinfo="text", zmin=0, zmax=100,
        colorscale=[[0, "#F7FBFF"], [1, "#4A98C9"]],  # mid blue at most: dark text stays legible
        colorbar=dict(title=dict(text=f"% of {of}", font=dict(size=style.text)), ticksuffix="%",
                      tickfont=dict(size=style.tick)), xgap=2, ygap=2,
    )
    plot = _rows_height(rows, 2, style)
    layout = _layout(f"{row_label} × {column_label}", 120 + plot, style=style,
                     xaxis=dict(title=escape_plotly(column_label), type="category", side="bottom"),
                     yaxis=dict(title=escape_plotly(shortened(row_label, int(plot / (
                         0.6 * style.text)))), type="category", autorange="reversed"))
    layout["clickmode"] = "none"
    return figure_of([heat], layout)


def overlap_figure(table: Overlap, style: ChartStyle = LAPTOP) -> go.Figure:
    """How many respondents two personas' segments share (the diagonal: each one's size), and
    their Jaccard overlap: in both / in either."""
    names = [escape_plotly(n) for n in table.names]
    text = [[f"{table.both[i, j]:,}" + ("" if i == j else f"<br>Jaccard {table.jaccard[i, j]:.0%}")
             for j in range(len(names))] for i in range(len(names))]
    heat = dict(type="heatmap", z=(table.jaccard * 100).tolist(), x=names, y=names, text=text,
                texttemplate="%{text}", textfont=dict(size=style.tick), hoverinfo="skip",
                zmin=0, zmax=100, colorscale=[[0, "#F7FBFF"], [1, "#4A98C9"]],
                colorbar=dict(title=dict(text="Jaccard", font=dict(size=style.text)),
                              ticksuffix="%", tickfont=dict(size=style.tick)),
                xgap=2, ygap=2)
    layout = _layout("Respondents in both segments", 80 + style.row * 2 * len(names), style=style,
                     xaxis=dict(type="category"), yaxis=dict(type="category",
                                                             autorange="reversed"))
    layout["clickmode"] = "none"
    return figure_of([heat], layout)
