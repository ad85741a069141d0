"""Reading files: delimiters, encodings, XLSX, and one clear error type for bad input."""

import io

import pandas as pd
import pytest

from persona_lib import Kind, SurveyLoadError, load_survey
from persona_lib.load import load_table, sniff_delimiter

ROWS = [
    ["Respondent", "How old are you?", "Comment"],
    ["r1", "18-24", "Fine"],
    ["r2", "25-34", "Crème brûlée flavour"],
    ["r3", "18-24", ""],
]


def _text(delim: str) -> str:
    return "\n".join(delim.join(row) for row in ROWS) + "\n"


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_every_delimiter_reads_the_same_table(delim):
    table = load_table(_text(delim).encode(), "f").data
    assert list(table.columns) == ROWS[0]
    assert table.shape == (3, 3)
    assert table.iloc[1, 2] == "Crème brûlée flavour"
    assert pd.isna(table.iloc[2, 2])


def test_sniffer_prefers_the_consistent_delimiter():
    assert sniff_delimiter("a;b;c\n1,5;2;3\n4;5,5;6\n") == ";"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings(encoding):
    table = load_table(_text(",").encode(encoding), "f").data
    assert list(table.columns) == ROWS[0]
    assert table.iloc[1, 2] == "Crème brûlée flavour"


def test_xlsx_first_sheet(tmp_path):
    frame = pd.DataFrame(ROWS[1:], columns=ROWS[0])
    path = tmp_path / "export.xlsx"
    frame.to_excel(path, index=False)
    survey = load_survey(path)
    assert survey.n == 3
    assert survey.column("How old are you?").kind == Kind.ordinal
    assert survey.source == "export.xlsx"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"a,b,c\n", "header row but no responses"),
        (b"\x00\x01\x02binary\x00junk" * 20, "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old-style Excel"),
        (b"PK\x03\x04not really a zip", "damaged zip"),
    ],
)
def test_bad_input_gives_one_clear_error(content, fragment):
    with pytest.raises(SurveyLoadError, match=fragment):
        load_survey(content, "bad.csv")


def test_missing_path_is_a_load_error(tmp_path):
    with pytest.raises(SurveyLoadError, match="Cannot read"):
        load_survey(tmp_path / "nope.csv")


def test_blank_column_names_are_renamed_and_reported():
    table = load_table(b"a,,c\n1,2,3\n", "f")
    assert list(table.data.columns) == ["a", "Column 2", "c"]
    assert any("Column 2" in w for w in table.warnings)


def test_file_like_and_bytes_give_the_same_survey():
    content = _text(",").encode()
    a = load_survey(content, "x.csv")
    b = load_survey(io.BytesIO(content), "x.csv")
    assert a.fingerprint == b.fingerprint
    pd.testing.assert_frame_equal(a.data, b.data)


def test_sample_loads_every_row(sample):
    assert sample.n == 1800
    assert len(sample.columns) == 26
    assert sample.source == "brewbox_survey.csv"


def test_headers_equal_after_trimming_are_renamed_and_reported():
    survey = load_survey(b"Age,Age ,Age\n18-24,25-34,35-44\n25-34,18-24,18-24\n", "dup.csv")
    assert [c.name for c in survey.columns] == ["Age", "Age (2)", "Age (3)"]
    assert survey.data["Age (2)"].tolist() == ["25-34", "18-24"]
    assert len(survey.warnings) == 2
