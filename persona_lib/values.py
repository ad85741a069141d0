"""Reading numbers and dates as people and survey tools write them.

"$1,250.00", "1.250,00 €", "12,5", "45%"; "2024/03/05 10:15:32 AM GMT+1", "05.03.2024 10:15".
Both parsers decide the convention once per column (from the values that are unambiguous)
and then parse the whole column with it, vectorised in pyarrow (RE2 patterns, no Python loop),
so a million answers cost about as much as reading them.
"""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from persona_lib.cells import per_answer

CURRENCY = (r"R\$|[$£€¥₹₺₩₱₦₫]|\bzł|\b(?:USD|EUR|GBP|CHF|CAD|AUD|NZD|JPY|CNY|RMB|HKD|SGD|INR|"
            r"IDR|BRL|MXN|ZAR|PLN|TRY|SEK|NOK|DKK|kr|Rp|Rs|TL)\b\.?")
# Currencies whose amounts are written 1.234,50: a column of '50.000' in them is fifty thousand.
DOT_THOUSANDS = r"R\$|₺|₫|\bzł|\b(?:Rp|IDR|BRL|PLN|TRY|TL)\b"
_NOISE = rf"(?i)\s*(?:{CURRENCY})\s*|\s*%$|^\s+|\s+$"
_SPACE_THOUSANDS = r"(\d)[ \x{00a0}\x{202f}'’](\d{3})(\D|$)"  # '1 234', Swiss '1'234'
_US = r"^[-+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)$"
_EU = r"^[-+]?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|,\d+)$"
SAMPLE = 2_000

TZ_SUFFIX = (r"\s+(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?$|\s+\([^)]*\)$|"
             r"\s+(?:[ECMPA][SD]T|AK[SD]T|HST|CES?T|EES?T|WES?T|BST|IST|AES?T|AEDT|JST|KST)$")
# Morning and afternoon as spreadsheets write them in other locales (Google Forms' timestamp
# follows the sheet's): Spanish, German, Japanese, Chinese, Korean, Thai, Greek.
MORNING = r"\s+(?:a\.\s?m\.|vorm\.|午前|上午|오전|ก่อนเที่ยง|π\.?μ\.?)$"
AFTERNOON = r"\s+(?:p\.\s?m\.|nachm\.|午後|下午|오후|หลังเที่ยง|μ\.?μ\.?)$"
BUDDHIST_YEAR = re.compile(r"^(25\d\d)([-/.])")  # Thai dates count from 543 BC
DATE_FORMATS = (
    "ISO8601", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %I:%M:%S %p", "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M:%S %p", "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M",
    "%m/%d/%Y %I:%M %p", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y/%m/%d %H:%M",
    "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d",
    "%d-%m-%Y", "%b %d, %Y %I:%M %p", "%b %d, %Y", "%m/%d/%y %H:%M", "%d/%m/%y %H:%M",
    "%m/%d/%y %I:%M %p", "%m/%d/%y %H:%M:%S", "%d.%m.%y %H:%M", "%m/%d/%y", "%d/%m/%y",
    "%d.%m.%y", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%A, %B %d, %Y", "%A, %d %B %Y",
    "%B %d, %Y %I:%M %p", "%d %B %Y %H:%M",
)


def _arrow(text: pd.Series) -> pa.Array:
    return pa.array(text.astype("str"), type=pa.string(), from_pandas=True)


def _bare(values: pa.Array) -> pa.Array:
    """Without currency, percent sign, outer spaces and space thousands separators."""
    values = pc.replace_substring_regex(values, _NOISE, "")
    for _ in range(3):  # "1 234 567": each pass joins every other group
        values = pc.replace_substring_regex(values, _SPACE_THOUSANDS, r"\1\2\3")
    return values


def _flags(values: pa.Array, pattern: str) -> pa.Array:
    return pc.fill_null(pc.match_substring_regex(values, pattern), False)


def _first_answers(text: pd.Series, most: int) -> pd.Series:
    """The first `most` answers given, looking past blanks without copying a long column."""
    head = text.head(2 * most).dropna()
    return head.head(most) if len(head) >= most or len(text) <= 2 * most \
        else text.dropna().head(most)


def decimal_comma_style(text: pd.Series, default: bool = False) -> bool:
    """True when the column writes 12,5 for twelve and a half (decided by unambiguous values,
    among its first SAMPLE * 10 answers; of encoded answers, each distinct one is read once
    and counted as often as it was given)."""
    head = _first_answers(text, SAMPLE * 10)
    if isinstance(head.dtype, pd.CategoricalDtype):
        given_counts = head.value_counts(sort=False)
        given_counts = given_counts[given_counts > 0]
        given = _arrow(pd.Series(given_counts.index.astype(str)))
        weights = pa.array(given_counts.to_numpy(dtype="int64"))
    else:
        given, weights = _arrow(head), pa.scalar(1, pa.int64())
    values = _bare(given)
    us, eu = _flags(values, _US), _flags(values, _EU)

    def weighted(flags: pa.Array) -> int:
        return pc.sum(pc.multiply(pc.cast(flags, pa.int64()), weights)).as_py() or 0

    only_us = weighted(pc.and_(us, pc.invert(eu)))
    only_eu = weighted(pc.and_(eu, pc.invert(us)))
    if only_eu != only_us:
        return only_eu > only_us
    return default or pc.any(pc.match_substring_regex(given, DOT_THOUSANDS)).as_py()


def parse_numbers(text: pd.Series, decimal_comma: bool | None = None,
                  default_comma: bool = False) -> pd.Series:
    """Numbers with currency symbols or codes, thousands separators, decimal comma or %;
    NaN where the answer is not a number."""
    if decimal_comma is None:
        decimal_comma = decimal_comma_style(text, default_comma)
    if isinstance(text.dtype, pd.CategoricalDtype):
        return per_answer(text, lambda d: parse_numbers(d, decimal_comma)).astype(float)
    values = _bare(_arrow(text))
    if decimal_comma:
        ok = _flags(values, _EU)
        values = pc.replace_substring(pc.replace_substring(values, ".", ""), ",", ".")
    else:
        ok = _flags(values, _US)
        values = pc.replace_substring(values, ",", "")
    numbers = pc.cast(pc.if_else(ok, values, pa.scalar(None, pa.string())), pa.float64())
    # digits past a float's range ('31415926535...' typed as an age) are not a number: inf
    # would stretch every histogram and mean
    numbers = pc.if_else(pc.is_finite(numbers), numbers, pa.scalar(None, pa.float64()))
    return pd.Series(numbers.to_numpy(zero_copy_only=False), index=text.index, dtype=float)


def strip_timezone(text: pd.Series) -> pd.Series:
    """Date text as pandas can read it: no time zone, AM/PM in English, years from AD 1."""
    stripped = pc.replace_substring_regex(_arrow(text), TZ_SUFFIX, "")
    stripped = pc.replace_substring_regex(stripped, MORNING, " AM")
    stripped = pc.replace_substring_regex(stripped, AFTERNOON, " PM")
    if pc.any(pc.match_substring_regex(stripped, BUDDHIST_YEAR.pattern)).as_py():
        stripped = pa.array([None if t is None else BUDDHIST_YEAR.sub(
            lambda m: f"{int(m.group(1)) - 543}{m.group(2)}", t) for t in stripped.to_pylist()],
            pa.string())
    # values, not a Series: a Series would be aligned on text's index (all NaN unless 0..n-1)
    return pd.Series(stripped.to_numpy(zero_copy_only=False), index=text.index, dtype="str")


def date_format(sample: pd.Series) -> str | None:
    """The first format that reads at least 95% of the sample, or None."""
    sample = strip_timezone(sample.dropna().astype("str").head(300))
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


EXCEL_DAYS = (20_000, 80_000)  # a spreadsheet's day numbers from 1954 to 2119


def parse_datetimes(text: pd.Series) -> pd.Series:
    """Dates and times in the column's own format (found on a sample), as naive datetimes."""
    if isinstance(text.dtype, pd.CategoricalDtype):  # (answers nobody gave are no evidence)
        return per_answer(text.cat.remove_unused_categories(), parse_datetimes)
    values = strip_timezone(text)
    days = pd.to_numeric(values, errors="coerce")
    if days.notna().any() and days.dropna().between(*EXCEL_DAYS).all() \
            and days.notna().sum() >= 0.9 * values.notna().sum():  # a spreadsheet's day numbers
        return pd.to_datetime(days, unit="D", origin="1899-12-30")
    fmt = date_format(values)
    try:
        parsed = pd.to_datetime(values, errors="coerce", format=fmt or "mixed", utc=True)
    except (ValueError, OverflowError):
        parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns, UTC]")
    return parsed.dt.tz_localize(None)
