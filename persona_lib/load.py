"""Bytes -> table: find the encoding and delimiter, read every cell as text.

Everything is read as strings; deciding what a column *is* belongs to `infer.py`.
Every failure is a `SurveyLoadError` whose message a person can act on.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from persona_lib.infer import build_survey
from persona_lib.survey import Survey

Source = str | Path | bytes | BinaryIO

DELIMITERS = ",;\t|"
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


class SurveyLoadError(ValueError):
    """The one error loading raises: its message says what is wrong and what to do."""


def load_survey(source: Source, name: str | None = None) -> Survey:
    """Read a survey export (CSV/TSV/semicolon/pipe text or XLSX) into a typed Survey."""
    content, name = _read_bytes(source, name)
    table, warnings = read_table(content, name)
    try:
        return build_survey(table, source=name, warnings=warnings)
    except Exception as exc:  # last resort: untrusted input must not surface as a traceback
        raise SurveyLoadError(
            f"{name} was read ({len(table):,} rows) but could not be analysed "
            f"({type(exc).__name__}: {exc}). Please report this file shape."
        ) from exc


def read_table(content: bytes, name: str = "upload") -> tuple[pd.DataFrame, list[str]]:
    """Parse bytes into a DataFrame of strings (NaN for blank) plus warnings."""
    if not content.strip():
        raise SurveyLoadError(f"{name} is empty: export the responses again and upload that file.")
    if content.startswith(ZIP_MAGIC):
        table, warnings = _read_xlsx(content, name)
    elif content.startswith(OLE_MAGIC):
        raise SurveyLoadError(
            f"{name} is an old-style Excel (.xls) file: open it in Excel and save it as .xlsx or CSV."
        )
    else:
        table, warnings = _read_text(content, name)
    return _tidy(table, name, warnings)


def _read_bytes(source: Source, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, name or "upload"
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            return path.read_bytes(), name or path.name
        except OSError as exc:
            raise SurveyLoadError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    return source.read(), name or getattr(source, "name", "upload")


def decode_text(content: bytes, name: str = "upload") -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    if b"\x00" in content[:4096]:
        raise SurveyLoadError(
            f"{name} does not look like a text survey export (it contains binary data). "
            "Upload the CSV, TSV or XLSX file your survey tool exported."
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, equally many, fields."""
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        pass
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    best, best_score = ",", 0
    for delim in DELIMITERS:
        counts = [line.count(delim) for line in lines]
        if counts and min(counts) > 0:
            score = min(counts) * (2 if len(set(counts)) == 1 else 1)
            if score > best_score:
                best, best_score = delim, score
    return best


def _read_text(content: bytes, name: str) -> tuple[pd.DataFrame, list[str]]:
    text = decode_text(content, name)
    delimiter = sniff_delimiter(text)
    try:
        table = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=True,
        )
    except pd.errors.EmptyDataError as exc:
        raise SurveyLoadError(f"{name} has no header row or no data.") from exc
    except pd.errors.ParserError as exc:
        raise SurveyLoadError(
            f"{name} could not be read as a {DELIMITER_NAMES[delimiter]}-separated file: "
            f"{_short_parser_message(exc)}. Check that row in a text editor, or re-export the file."
        ) from exc
    return _promote_header(table), []


def _promote_header(raw: pd.DataFrame) -> pd.DataFrame:
    """First row -> column names, read as text so duplicate names survive to be reported."""
    if raw.empty:
        return raw
    table = raw.iloc[1:].copy()
    table.columns = ["" if pd.isna(v) else str(v) for v in raw.iloc[0]]
    return table


def _short_parser_message(exc: Exception) -> str:
    message = str(exc).strip().splitlines()[-1]
    return message.removeprefix("Error tokenizing data. C error: ").rstrip(".")


def _read_xlsx(content: bytes, name: str) -> tuple[pd.DataFrame, list[str]]:
    try:
        table = pd.read_excel(io.BytesIO(content), sheet_name=0, dtype=str, engine="openpyxl",
                              header=None)
    except ImportError as exc:
        raise SurveyLoadError("Reading .xlsx needs the openpyxl package: run `make run` again.") from exc
    except Exception as exc:  # openpyxl raises many types for a broken or non-Excel zip
        raise SurveyLoadError(
            f"{name} is a zip file but not a readable Excel workbook ({type(exc).__name__}). "
            "Open it in Excel and save it again, or export CSV."
        ) from exc
    return _promote_header(table), []


def _tidy(table: pd.DataFrame, name: str, warnings: list[str]) -> tuple[pd.DataFrame, list[str]]:
    table = table.dropna(how="all")
    if table.shape[1] == 0:
        raise SurveyLoadError(f"{name} has no columns.")
    if table.empty:
        raise SurveyLoadError(f"{name} has a header row but no responses.")
    names: list[str] = []
    for i, col in enumerate(map(str, table.columns)):
        header = col.strip()
        if not header:
            header = f"Column {i + 1}"
            warnings.append(f"Column {i + 1} has no name; it is called '{header}'.")
        base, k = header, 2
        while header in names:
            header = f"{base} ({k})"
            k += 1
        if header != base:
            warnings.append(f"Column name '{base}' appears more than once; column {i + 1} is "
                            f"called '{header}'.")
        names.append(header)
    table.columns = names
    if table.shape[1] == 1 and len(table) > 1:
        warnings.append(
            "Only one column was found: if this is a spreadsheet export, check its delimiter."
        )
    table = table.apply(lambda s: s.str.strip() if pd.api.types.is_string_dtype(s) else s)
    return table.reset_index(drop=True), warnings
