"""Property tests for the loader: what goes in as a table comes back cell for cell, and
no input produces anything but a Survey or the one SurveyLoadError."""

import csv
import io

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from persona_lib import SurveyLoadError, Survey, load_survey
from persona_lib.load import read_grid

CELL_CHARS = st.characters(
    codec="utf-8", categories=("L", "N", "P", "Zs", "S"), exclude_characters="\x00\r\n\t;|,\"",
)
cells = st.text(CELL_CHARS, min_size=0, max_size=12).map(str.strip)
quoted_cells = st.text(CELL_CHARS | st.sampled_from(list(',;|"\n')), max_size=12).map(str.strip)


@st.composite
def tables(draw, cell=cells):
    width = draw(st.integers(2, 5))
    header = draw(st.lists(st.text(st.characters(categories=("L",)), min_size=1, max_size=8),
                           min_size=width, max_size=width, unique=True))
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1,
                         max_size=8))
    rows = [r for r in rows if any(r)]
    if not rows:
        rows = [["x"] * width]
    return header, rows


def _write(header, rows, delimiter: str, quoting: int = csv.QUOTE_MINIMAL) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _cells(table: pd.DataFrame) -> list[list[str]]:
    return [["" if pd.isna(v) else v for v in row] for row in table.itertuples(index=False)]


def _read_back(content: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows as the loader's grid reader sees them (before any shape is chosen)."""
    cells = _cells(read_grid(content, "t.csv").frame())
    return cells[0], cells[1:]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from([",", ";", "\t", "|"]), st.sampled_from(["utf-8", "utf-8-sig",
                                                                          "utf-16"]))
def test_plain_tables_round_trip(table, delimiter, encoding):
    header, rows = table
    content = _write(header, rows, delimiter).encode(encoding)
    assert _read_back(content) == (header, rows)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(tables(quoted_cells), st.sampled_from([",", ";", "\t"]))
def test_quoted_cells_with_delimiters_and_newlines_round_trip(table, delimiter):
    header, rows = table
    content = _write(header, rows, delimiter, csv.QUOTE_ALL).encode()
    assert _read_back(content) == (header, rows)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_give_a_survey_or_the_load_error(content):
    try:
        survey = load_survey(content, "fuzz.csv")
    except SurveyLoadError as exc:
        assert str(exc)
    else:
        assert isinstance(survey, Survey)
        assert survey.n >= 1
