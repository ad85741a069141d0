"""The loaded survey: typed answers plus one `Column` per question.

A Survey is immutable once built, so it can be cached on file content and shared.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
import pandas as pd

from persona_lib.mapping import SurveyMapping
from persona_lib.models import Column, Kind, Role, System

T = TypeVar("T")


@dataclass(frozen=True)
class Survey:
    """Typed answers (one row per respondent) and what each column is.

    `data` holds choices as Categorical, numbers as float, dates as datetime, text as
    strings; multi-select columns keep their raw text in `data` and a respondent x option
    boolean table in `options`. The index is each respondent's data row in the file
    (0 = first response), kept when rows are excluded. `detected` is what inference said
    before the user's `mapping` corrected it.
    """

    data: pd.DataFrame
    columns: tuple[Column, ...]
    options: dict[str, pd.DataFrame] = field(default_factory=dict)
    source: str = "upload"
    fingerprint: str = ""
    digest: str = ""
    warnings: tuple[str, ...] = ()
    tool: str = ""
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    detected: tuple[Column, ...] = ()
    excluded: Mapping[str, int] = field(default_factory=dict)
    rows_in_file: int = 0
    mapping: SurveyMapping = field(default_factory=SurveyMapping)
    weights: pd.Series | None = None
    _derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """`make()` worked out once per survey and kept with it (the answers never change), so
        every segment compared reuses e.g. a question's answer codes. Callers must not change
        what they get back."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]

    def weight_array(self) -> np.ndarray | None:
        """Each respondent's survey weight, when the user chose a weight column."""
        return None if self.weights is None else self.weights.to_numpy(dtype=float)

    @property
    def n(self) -> int:
        return len(self.data)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    def has(self, name: str) -> bool:
        return any(col.name == name for col in self.columns)

    def select(
        self, kinds: tuple[Kind, ...] | None = None, roles: tuple[Role, ...] | None = None
    ) -> list[Column]:
        """Columns of the given kinds and roles, in file order."""
        return [
            col
            for col in self.columns
            if (kinds is None or col.kind in kinds) and (roles is None or col.role in roles)
        ]

    def answered(self, name: str) -> pd.Series:
        """Boolean per respondent: did they answer this question at all."""
        col = self.column(name)
        if col.kind == Kind.multi_choice:
            return self.options[name].any(axis=1)
        return self.data[name].notna()

    def system_column(self, system: System) -> Column | None:
        """The tool's column with this meaning (respondent id, start time...), if any."""
        return next((c for c in self.columns if c.system == system), None)

    def respondent_ids(self) -> pd.Series:
        """Each respondent's id: the tool's response id, else an id column, else the row."""
        col = self.system_column(System.respondent_id) or next(
            (c for c in self.columns if c.kind == Kind.id), None)
        if col is not None:
            return self.data[col.name].astype("str")
        return pd.Series([f"row {i + 1}" for i in self.data.index], index=self.data.index)
