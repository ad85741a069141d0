"""A checkbox question exported as a column per option, each saying yes or no (LimeSurvey's
'Y', Qualtrics' 1, 'Sí' / 'No' / 'N/A'): which columns are such options, which answer means
ticked, and which options belong to one question."""

from __future__ import annotations

from persona_lib.models import Column, Kind
from persona_lib.scales import NO_WORDS, YES_WORDS, is_opt_out
from persona_lib.text import item_stem


def is_tick(column: Column) -> bool:
    """One option's column of a checkbox question: yes or no (or not asked) in each row."""
    return column.kind == Kind.single_choice and item_stem(column.name) is not None \
        and says_yes_or_no(column.levels)


def says_yes_or_no(levels: list[str]) -> bool:
    """Answers that are yes or no (or not asked): 'Ja' / 'Nein' / 'N/A', 'Y', 'TRUE'."""
    words = [lv.casefold() for lv in levels]
    return any(w in YES_WORDS or w in NO_WORDS for w in words) and all(
        w in YES_WORDS or w in NO_WORDS or is_opt_out(lv) for w, lv in zip(words, levels))


def ticked_answer(columns: list[Column]) -> str | None:
    """The answer that means ticked in a group of option columns ('Ja', 'Y', 'TRUE')."""
    return next((lv for c in columns for lv in c.levels if lv.casefold() in YES_WORDS), None)


def tick_groups(columns: list[Column]) -> list[list[Column]]:
    """`columns` in order, each run of one question's option columns together, the rest
    alone (as the charts group them)."""
    groups: list[list[Column]] = []
    for col in columns:
        last = groups[-1][-1] if groups else None
        if last is not None and is_tick(col) and is_tick(last) \
                and item_stem(last.name) == item_stem(col.name):
            groups[-1].append(col)
        else:
            groups.append([col])
    return groups
