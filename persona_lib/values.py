"""Reading numbers and dates as people and survey tools write them.

"$1,250.00", "1.250,00 €", "12,5", "45%"; "2024/03/05 10:15:32 AM GMT+1", "05.03.2024 10:15".
Both parsers decide the convention once per column (from the values that are unambiguous)
and then parse the whole column with it, vectorised.
"""

from __future__ import annotations

import re

import pandas as pd

CURRENCY = r"(?:[$£€¥₹]|\b(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|SEK|NOK|DKK|kr)\b)"
_NOISE = re.compile(rf"\s*{CURRENCY}\s*|\s*%$|^\s+|\s+$", re.IGNORECASE)
_SPACE_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?:\D|$))")
_US = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)$")
_EU = re.compile(r"^[-+]?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|,\d+)$")

TZ_SUFFIX = re.compile(r"\s+(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?$|\s+\([^)]*\)$")
DATE_FORMATS = (
    "ISO8601", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %I:%M:%S %p", "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M:%S %p", "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M",
    "%m/%d/%Y %I:%M %p", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y/%m/%d %H:%M",
    "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d",
    "%d-%m-%Y", "%b %d, %Y %I:%M %p", "%b %d, %Y",
)


def _bare(text: pd.Series) -> pd.Series:
    """Without currency, percent sign, outer spaces and space thousands separators."""
    return text.str.replace(_NOISE, "", regex=True).str.replace(_SPACE_THOUSANDS, "", regex=True)


def decimal_comma_style(text: pd.Series, default: bool = False) -> bool:
    """True when the column writes 12,5 for twelve and a half (decided by unambiguous values)."""
    cleaned = _bare(text.dropna().astype("str"))
    us = cleaned.str.fullmatch(_US.pattern)
    eu = cleaned.str.fullmatch(_EU.pattern)
    only_us, only_eu = int((us & ~eu).sum()), int((eu & ~us).sum())
    if only_eu != only_us:
        return only_eu > only_us
    return default


def parse_numbers(text: pd.Series, decimal_comma: bool | None = None,
                  default_comma: bool = False) -> pd.Series:
    """Numbers with currency symbols or codes, thousands separators, decimal comma or %;
    NaN where the answer is not a number."""
    cleaned = _bare(text.astype("str"))
    comma = decimal_comma_style(cleaned, default_comma) if decimal_comma is None else decimal_comma
    if comma:
        ok = cleaned.str.fullmatch(_EU.pattern)
        cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        ok = cleaned.str.fullmatch(_US.pattern)
        cleaned = cleaned.str.replace(",", "", regex=False)
    ok = ok.fillna(False).astype(bool)
    return pd.to_numeric(cleaned.where(ok), errors="coerce").astype(float)


def date_format(sample: pd.Series) -> str | None:
    """The first format that reads at least 95% of the sample, or None."""
    sample = strip_timezone(sample.dropna().astype(str).head(300))
    if sample.empty:
        return None
    for fmt in DATE_FORMATS:
        try:
            parsed = pd.to_datetime(sample, format=fmt, errors="coerce", utc=True)
        except (ValueError, OverflowError):
            continue
        if parsed.notna().mean() >= 0.95:
            return fmt
    return None


def strip_timezone(text: pd.Series) -> pd.Series:
    return text.str.replace(TZ_SUFFIX, "", regex=True)


def parse_datetimes(text: pd.Series) -> pd.Series:
    """Dates and times in the column's own format (found on a sample), as naive datetimes."""
    values = strip_timezone(text.astype("str"))
    fmt = date_format(values)
    try:
        parsed = pd.to_datetime(values, errors="coerce", format=fmt or "mixed", utc=True)
    except (ValueError, OverflowError):
        parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns, UTC]")
    return parsed.dt.tz_localize(None)
