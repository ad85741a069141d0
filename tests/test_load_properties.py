"""Property tests for the loader: what goes in as a table comes back cell for cell, and
no input produces anything but a Survey or the one SurveyLoadError, in time that grows with
its size."""

import csv
import io
import time

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from persona_lib import SurveyLoadError, Survey, load_survey
from persona_lib.load import read_grid
from persona_lib.values import parse_datetimes

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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(quoted_cells | st.sampled_from(["a\r\nb", "x\ry", "\n"])),
       st.sampled_from(["\n", "\r\n", "\r"]), st.integers(16, 200), st.integers(16, 400),
       st.booleans())
def test_rows_are_the_same_whatever_blocks_slices_and_line_ends(table, ending, block, rows,
                                                                plain):
    """Line breaks inside quotes anywhere (across blocks and slices), blank lines and any line
    end: the grid is what Python's csv module reads, however the file is cut for parsing and
    whether columns whose answers mostly differ are kept plain or encoded."""
    from unittest import mock

    header, rows_ = table
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator=ending)
    writer.writerow(header)
    for i, row in enumerate(rows_):
        writer.writerow(row)
        if i % 3 == 1:
            out.write(ending)  # a blank line
    text = out.getvalue()
    expected = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    with mock.patch("persona_lib.load.BLOCK_BYTES", block), \
            mock.patch("persona_lib.load.SLICE_BYTES", rows), \
            mock.patch("persona_lib.cells.PLAIN_ROWS", 1 if plain else 10**9):
        got = _cells(read_grid(text.encode(), "t.csv").frame())
    width = len(header)  # (a lone \r unquoted ends a row in both readers: the rest is padded)
    assert got == [[c.strip() for c in r] + [""] * (width - len(r)) for r in expected]


@given(st.lists(st.lists(st.one_of(st.none(), st.text(max_size=3)), max_size=6), max_size=6),
       st.data())
def test_rows_taken_chunk_by_chunk_are_the_rows_taken_at_once(chunks, data):
    """Sampling a parsed column's rows reads them chunk by chunk (see `_taken_in_order`)."""
    import numpy as np
    import pyarrow as pa

    from persona_lib.cells import _taken_in_order

    array = pa.chunked_array([pa.array(c, pa.string()) for c in chunks], pa.string())
    rows = np.array(sorted(data.draw(st.lists(st.integers(0, max(len(array) - 1, 0)),
                                              max_size=8 if len(array) else 0))), dtype=np.int64)
    assert _taken_in_order(array, rows).to_pylist() == array.take(pa.array(rows)).to_pylist()


@given(st.text(st.sampled_from("ab\r\n"), max_size=40), st.integers(1, 6))
def test_lines_are_counted_as_a_plain_loop_counts_them_whatever_the_chunk(text, step):
    """Line ends are counted in chunks (see `_line_count`); a return at a chunk's edge or at
    the end of the data still sees what follows it."""
    from unittest import mock

    import pyarrow as pa

    from persona_lib import load

    data = text.encode()
    ends = sum(1 for i, b in enumerate(data)
               if b == 10 or (b == 13 and data[i + 1:i + 2] != b"\n"))
    expected = ends + (bool(data) and data[-1:] not in (b"\n", b"\r"))
    with mock.patch("persona_lib.load.LINE_CHUNK", step):
        assert load._line_count(pa.py_buffer(data)) == expected


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


# Not a speed goal (those live in benchmarks/): a guard against work that grows faster than the
# file (regex backtracking, quadratic quote scanning, a retry per bad line). Detection costs
# about 10 ms per column whatever the column holds, so a tiny file can be wide and slow: the
# budget has a per-byte and a per-column part, each about 5 to 20 times what it takes on a
# 2-core laptop, so only a pathological slowdown fails.
BASE_SECONDS, SECONDS_PER_MB, SECONDS_PER_COLUMN = 3.0, 20.0, 0.05
PIECES = [b'"', b",", b";", b"\t", b"|", b"\n", b"\r\n", b"\r", b"a", b"1", b" ", b"\x00",
          b"\xff", b"=", b"<b>", b"\xef\xbb\xbf", b"\\", b"'", b"PK\x03\x04"]


def _within_budget(content: bytes) -> None:
    start = time.perf_counter()
    try:
        columns = len(load_survey(content, "fuzz.csv").columns)
    except SurveyLoadError:
        columns = 0
    took = time.perf_counter() - start
    budget = BASE_SECONDS + SECONDS_PER_MB * len(content) / 2**20 + SECONDS_PER_COLUMN * columns
    assert took < budget, (len(content), columns, took)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=1_500).map(b"".join))
def test_any_mix_of_separators_quotes_and_junk_loads_or_fails_in_time(content):
    _within_budget(content)


@pytest.mark.parametrize("piece", [b'"', b'a,"', b",", b";\t|", b"\n", b'"a""', b"\r", b"a" * 50])
def test_a_megabyte_of_one_pathological_pattern_loads_or_fails_in_time(piece):
    _within_budget(b"q1,q2\n" + piece * (2**20 // len(piece)))


@pytest.mark.parametrize("stamp", [
    "2019/07/26 10:06:06 p. m. GMT-5", "2562/07/26 10:06:06 หลังเที่ยง GMT+7",
    "2019/07/26 10:06:06 午後 GMT+9", "2019/07/26 10:06:06 nachm. GMT+2"])
def test_google_forms_timestamps_in_other_locales_are_read_as_the_same_time(stamp):
    parsed = parse_datetimes(pd.Series([stamp, "2019/07/27 9:00:00 PM GMT+7"]))
    assert parsed.iloc[0] == pd.Timestamp("2019-07-26 22:06:06")


EDGE = st.text(st.sampled_from([" ", "\u00a0", "\ufeff", "\u200b"]), max_size=3)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.data())
def test_spaces_and_invisible_marks_at_a_cells_edges_are_trimmed(table, data):
    """A byte-order mark or zero-width space pasted at an answer's edge ('\\ufeff1 (None at
    all)' in a LimeSurvey export) is trimmed like a space, so the answer is the scale's '1'."""
    header, rows = table
    padded = [[data.draw(EDGE) + cell + data.draw(EDGE) if cell else cell for cell in row]
              for row in rows]
    assert _read_back(_write(header, padded, ",").encode()) == (header, rows)


@given(st.lists(st.sampled_from(["Europe", "north", " america", "/", " ", "-", ".", "asia"]),
                max_size=6).map("".join) | st.text(max_size=30))
def test_telling_a_place_never_fails_whatever_the_answer(answer):
    """A slash at an answer's end ('AR/VR/') once raised inside the place check, and the
    whole multi-select it was an option of fell back to free text."""
    from persona_lib.places import is_country, is_region

    assert isinstance(is_region(answer), bool) and isinstance(is_country(answer), bool)


@st.composite
def option_columns(draw):
    """Columns that look like a checkbox's, headed '<question> <option>' or 'Q [option]': each
    ticks its own option (or an odd other answer), says yes/no, or holds typed answers."""
    stems = ["1) Which?", "1) Which? Other", "Q2:"]
    options = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Other (please specify)"]
    width = draw(st.integers(2, 10))
    block, bracket = draw(st.sampled_from(stems)), draw(st.booleans())  # mostly one question
    columns = draw(st.lists(st.tuples(
        st.sampled_from([block] * 6 + stems), st.sampled_from(options), st.just(bracket),
        st.sampled_from(["tick"] * 4 + ["odd", "yes/no", "typed"])),
        min_size=width, max_size=width))
    header = [f"{stem} [{option}]" if bracket else f"{stem} {option}"
              for stem, option, bracket, _ in columns]
    answers = {"tick": lambda o, i: o, "odd": lambda o, i: o if i % 5 else "Autre",
               "yes/no": lambda o, i: "Yes" if i % 2 else "0", "typed": lambda o, i: f"t{i}"}
    ticked = draw(st.lists(st.lists(st.booleans(), min_size=width, max_size=width),
                           min_size=2, max_size=40))
    rows = [[answers[how](option, i) if on else ""
             for on, (_, option, _, how) in zip(row, columns)] for i, row in enumerate(ticked)]
    return ["id", *header], [[str(i), *row] for i, row in enumerate(rows)]


SPLIT_RUN = (["id", *(f"Q2: {o}" for o in ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"])],
             [[str(i), *(o if (i + j) % 3 else "" for j, o in enumerate(
                 ["Alpha", "Beta", "Gamma" if i % 5 else "Autre", "Delta", "Epsilon"]))]
              for i in range(30)])  # one odd answer splits the question's run in two


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(option_columns())
@example(SPLIT_RUN)
def test_option_columns_merged_or_not_every_column_of_the_file_is_kept(table):
    """Whichever runs of option columns become one question, each column of the file is a
    question or one of a question's sources: none is dropped or replaced by another run."""
    from persona_lib.formats import _unique_names

    header, rows = table
    survey = load_survey(_write(header, rows, ",").encode(), "options.csv")
    kept = {c.name for c in survey.columns} | {s for c in survey.columns for s in c.sources}
    assert set(_unique_names(header, [])) <= kept
