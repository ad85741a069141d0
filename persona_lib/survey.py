"""The loaded survey: typed answers plus one `Column` per question.

A Survey is immutable once built, so it can be cached on file content and shared.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from persona_lib.models import Column, Kind, Role


@dataclass(frozen=True)
class Survey:
    """Typed answers (one row per respondent) and what each column is.

    `data` holds choices as Categorical, numbers as float, dates as datetime, text as
    strings; multi-select columns keep their raw text in `data` and a respondent x option
    boolean table in `options`.
    """

    data: pd.DataFrame
    columns: tuple[Column, ...]
    options: dict[str, pd.DataFrame] = field(default_factory=dict)
    source: str = "upload"
    fingerprint: str = ""
    warnings: tuple[str, ...] = ()

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
