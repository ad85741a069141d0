"""Reading files: delimiters, encodings, XLSX, and one clear error type for bad input."""

import io

import pandas as pd
import pytest

from persona_lib import Kind, SurveyLoadError, load_survey
from persona_lib.load import MAC_ROMAN_NOTE, legacy_codec, load_table, sniff_delimiter

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


def test_in_a_tiny_file_the_header_decides_the_delimiter():
    """One answer row broken by a stray line break (found by hypothesis): under '|' the two
    pieces agree with each other, under ',' nothing agrees; the header splits only on ','."""
    assert sniff_delimiter("A,B,C,AA\r,|,\n,|\r") == ","
    assert sniff_delimiter("Survey export\nid\tq1\tq2\n1\ta\tb\n2\tc\td\n3\te\tf\n") == "\t"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings(encoding):
    table = load_table(_text(",").encode(encoding), "f").data
    assert list(table.columns) == ROWS[0]
    assert table.iloc[1, 2] == "Crème brûlée flavour"


ANSWERS_WITH_ACCENTS = [
    "Nom,Boisson\nAnne,Café crème\nLéa,Thé à la menthe\nZoë,Crème brûlée\n",
    "Q,A\n1,Don’t know\n2,“Great” – really\n3,I’m not sure…\n",
    "P,R\n1,Sí claro\n2,Mañana más\n3,Niño pequeño\n",
    "F,A\n1,Größe über\n2,Schön süß\n3,Bücher Äpfel\n",
    "Q,Price\n1,€50\n2,£20 – £30\n",
    "Q,A\n1,naïve façade\n2,Ça va\n",
]


@pytest.mark.parametrize("codec", ["cp1252", "mac_roman"])
@pytest.mark.parametrize("text", ANSWERS_WITH_ACCENTS)
def test_a_file_that_is_not_utf8_is_read_in_the_code_page_it_was_saved_in(codec, text):
    """Excel for Windows saves CSV as Windows-1252, Excel for Mac as Mac Roman: read in the
    other, 'Café' becomes 'CafŽ' or 'CafÈ' and no answer matches its scale."""
    data = text.encode(codec)
    assert legacy_codec(data) == codec
    table = load_table(data, "f.csv")
    rows = [line.split(",", 1) for line in text.splitlines()]
    assert table.data.iloc[:, 1].tolist() == [answer for _, answer in rows[1:]]
    assert (MAC_ROMAN_NOTE in table.warnings) == (codec == "mac_roman")


def test_a_mac_excel_export_reads_its_no_break_spaces_as_spaces():
    """FiveThirtyEight's SurveyMonkey export: byte 0xCA, Mac Roman's no-break space, read as
    Windows-1252 was 'Not muchÊ', which no scale of interest holds."""
    path = "tests/fixtures/real_holdout4/files/smonkey_foodcup_2014.csv"
    survey = load_survey(path)
    interest = next(c for c in survey.columns if c.name.startswith("How much, if at all"))
    assert interest.kind == Kind.ordinal
    assert [level.strip() for level in interest.levels] == [
        "Not at all", "Not much", "Some", "A lot"]
    assert MAC_ROMAN_NOTE in survey.warnings


def test_xlsx_first_sheet(tmp_path):
    frame = pd.DataFrame(ROWS[1:], columns=ROWS[0])
    path = tmp_path / "export.xlsx"
    frame.to_excel(path, index=False)
    survey = load_survey(path)
    assert survey.n == 3
    assert survey.column("How old are you?").kind == Kind.ordinal
    assert survey.source == "export.xlsx"


def test_xlsx_dates_and_times_of_day_read_as_written(tmp_path):
    """A time of day in a workbook cell (openpyxl gives a `datetime.time`) made the whole
    workbook unreadable."""
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    rows = [("When do you usually shop?", "Signed up", "Answered"),
            (datetime.time(9, 30), datetime.date(2024, 5, 1), datetime.datetime(2024, 5, 1, 10)),
            (datetime.time(18, 0), datetime.date(2024, 5, 2), datetime.datetime(2024, 5, 2)),
            (datetime.time(9, 30, 15), None, datetime.datetime(2024, 5, 3, 8, 15, 30))]
    for row in rows:
        book.active.append(row)
    path = tmp_path / "times.xlsx"
    book.save(path)
    table = load_table(path.read_bytes(), "times.xlsx").data
    assert table["When do you usually shop?"].tolist() == ["09:30", "18:00", "09:30:15"]
    assert table["Signed up"].tolist()[:2] == ["2024-05-01", "2024-05-02"]
    assert table["Answered"].tolist() == ["2024-05-01 10:00:00", "2024-05-02",
                                          "2024-05-03 08:15:30"]


def test_a_workbook_whose_stated_size_is_one_cell_is_read_whole(tmp_path):
    """Holdout 38: a Kobo workbook re-saved by its owners states its size as 'A1'; openpyxl
    trusts that in read-only mode, and the app said it had a header but no responses."""
    import re
    import zipfile

    import openpyxl

    from persona_lib import load_survey

    book = openpyxl.Workbook()
    book.active.append(["date_assessment", "b1_food", "b2_fuel"])
    for i in range(30):
        book.active.append([str(45026 + i % 3), ["fully_available", "limited_availability",
                                                 "not_available"][i % 3], str(i % 4)])
    whole = tmp_path / "whole.xlsx"
    book.save(whole)
    stated = tmp_path / "stated.xlsx"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(stated, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1"/>', data)
            out.writestr(item, data)
    survey = load_survey(stated)
    assert survey.n == 30
    assert survey.column("date_assessment").kind.value == "timestamp"  # Excel's day numbers
    assert str(survey.data["date_assessment"].iloc[0].date()) == "2023-04-10"
    assert survey.column("b1_food").levels == ["not_available", "limited_availability",
                                               "fully_available"]


def test_a_kobo_workbook_is_read_from_its_submissions_not_a_repeat_groups_sheet(tmp_path):
    """Holdout 36: a KoboToolbox XLSX with a repeat group has a sheet of submissions and a
    sheet with a row per repeat ('_parent_index'), here longer; the respondents are the
    submissions."""
    import openpyxl

    from persona_lib import load_survey

    book = openpyxl.Workbook()
    main = book.active
    main.title = "Form 2025"
    main.append(["start", "pais", "_id", "_uuid", "_submission_time"])
    for i in range(40):
        main.append([f"2025-03-0{1 + i % 9}T10:00:00", ["México", "Chile"][i % 2], i, f"u{i}",
                     "2025-03-10T10:00:00"])
    repeat = book.create_sheet("actividades")
    repeat.append(["actividad_fecha", "_index", "_parent_table_name", "_parent_index",
                   "_submission__id"])
    for i in range(45):
        repeat.append(["2025-03-08", i, "Form 2025", i % 40, i % 40])
    path = tmp_path / "kobo.xlsx"
    book.save(path)
    survey = load_survey(path)
    assert survey.sheet == "Form 2025" and survey.n == 40


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
    assert len(sample.columns) == 28
    assert sample.source == "brewbox_survey.csv"


def test_headers_equal_after_trimming_are_renamed_and_reported():
    survey = load_survey(b"Age,Age ,Age\n18-24,25-34,35-44\n25-34,18-24,18-24\n", "dup.csv")
    assert [c.name for c in survey.columns] == ["Age", "Age (2)", "Age (3)"]
    assert survey.data["Age (2)"].tolist() == ["25-34", "18-24"]
    assert len(survey.warnings) == 1  # one warning for the repeated header, naming each copy
    assert "'Age (2)'" in survey.warnings[0] and "'Age (3)'" in survey.warnings[0]


def test_a_header_repeated_on_every_page_gives_one_warning_and_keeps_the_column_codes():
    header = ",".join(f"q{i}_t" for i in range(30)) + "\n" + ",".join(["Timing - Page Submit"] * 30)
    ids = ",".join(f'"{{""ImportId"":""QID{i}_PAGE_SUBMIT""}}"' for i in range(30))
    survey = load_survey(f"{header}\n{ids}\n".encode() + b"1.5," * 29 + b"2\n", "q.csv")
    assert len(survey.columns) == 30
    assert "Timing - Page Submit (q7_t)" in {c.name for c in survey.columns}
    assert {c.kind for c in survey.columns} == {Kind.metadata}
    assert len([w for w in survey.warnings if "more than once" in w]) == 1


# --- what real files get wrong ------------------------------------------------------------


def test_ragged_rows_load_what_can_be_loaded_and_say_which_lines():
    table = load_table(b"a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12,\n13,14,15\n", "r.csv")
    assert table.data.astype("str").fillna("-").values.tolist() == [
        ["1", "2", "3"], ["4", "5", "-"], ["10", "11", "12"], ["13", "14", "15"]]
    assert any(w.startswith("Line 4 of r.csv has more fields") for w in table.warnings)
    assert any(w.startswith("Line 3 of r.csv has fewer fields") for w in table.warnings)


def test_a_quote_that_never_closes_does_not_swallow_the_file():
    table = load_table(b'a,b,c\n1,"oops,3\n4,5,6\n7,8,9\n', "q.csv")
    assert len(table.data) == 3
    assert table.data["c"].tolist() == ["3", "6", "9"]
    assert any("Line 2 opens a quote" in w for w in table.warnings)


def test_a_quote_that_never_closes_is_found_even_when_the_row_looks_whole():
    table = load_table(b'a,b\n1,"x\n2,3\n4,5\n', "q.csv")
    assert table.data["b"].tolist() == ["x", "3", "5"]
    assert any("Line 2 opens a quote" in w for w in table.warnings)


def test_quotes_inside_a_cell_are_kept():
    table = load_table(b'a,b\n1,27" screen\n2,"said ""hi"""\n', "q.csv")
    assert table.data["b"].tolist() == ['27" screen', 'said "hi"']
    assert table.warnings == ()


def test_utf16_without_bom_and_nul_bytes():
    text = "a\tb\r\n1\tcafé\r\n2\tZürich\r\n"
    assert load_table(text.encode("utf-16-le"), "u.txt").data["b"].tolist() == ["café", "Zürich"]
    table = load_table(b"a,b\n1,2\x00\n3,4\n", "n.csv")
    assert table.data["b"].tolist() == ["2", "4"]
    assert any("NUL" in w and "line 2" in w for w in table.warnings)


def test_multi_megabyte_cell_is_cut_to_excels_limit_with_a_warning():
    table = load_table(b"a,b\n1," + b"x" * 3_000_000 + b"\n2,y\n", "big.csv")
    assert table.data["b"].str.len().tolist() == [32_767, 1]
    assert any("column 2 ('b')" in w and "row 2 of the file, 3,000,000 characters" in w
               for w in table.warnings)


def test_thousands_of_columns_are_read_and_too_many_refused():
    wide = ",".join(f"q{i}" for i in range(3000)) + "\n" + ",".join("1" for _ in range(3000))
    assert load_table(wide.encode(), "wide.csv").data.shape == (1, 3000)
    too_wide = ",".join(f"q{i}" for i in range(6000)) + "\n" + ",".join("1" for _ in range(6000))
    with pytest.raises(SurveyLoadError, match="6,000 columns; this app reads at most 5,000"):
        load_table(too_wide.encode(), "wider.csv")


def test_null_markers_are_blank():
    table = load_table(b"a,b\n1,NA\n2,#N/A\n3,n/a\n4,-\n5,--\n6,-5\n7,a - b\n", "na.csv")
    assert table.data["b"].isna().tolist() == [True, True, False, True, True, False, False]


def test_a_dash_for_not_answered_leaves_a_scale_and_bands_ordered():
    """SurveyMonkey data re-shared with '-' in every unanswered cell (holdout 8): the dash is
    no answer, not an answer that breaks the order."""
    rows = [("Very likely", "18 - 29"), ("Somewhat likely", "-"), ("-", "30 - 44"),
            ("Somewhat unlikely", "45 - 59"), ("Very unlikely", "60+")] * 8
    text = "How likely are you to check the weather?,Age\n" + "".join(
        f"{a},{b}\n" for a, b in rows)
    survey = load_survey(text.encode(), "dash.csv")
    likely, age = survey.columns
    assert likely.kind == age.kind == Kind.ordinal
    assert age.levels == ["18 - 29", "30 - 44", "45 - 59", "60+"]
    assert survey.data[likely.name].isna().sum() == survey.data[age.name].isna().sum() == 8


def test_xlsx_picks_the_sheet_with_the_answers_and_can_be_told_which(tmp_path):
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"Info": ["Exported 2024"]}).to_excel(writer, sheet_name="About", index=False)
        pd.DataFrame(ROWS[1:], columns=ROWS[0]).to_excel(writer, sheet_name="Answers", index=False)
    survey = load_survey(path)
    assert (survey.sheet, survey.sheets, survey.n) == ("Answers", ("About", "Answers"), 3)
    assert any("2 sheets; reading 'Answers'" in w for w in survey.warnings)
    assert load_survey(path, sheet="About").n == 1
    with pytest.raises(SurveyLoadError, match="no sheet called 'Nope'"):
        load_survey(path, sheet="Nope")


def test_xlsx_that_would_expand_past_the_limit_is_refused(tmp_path, monkeypatch):
    import zipfile

    from persona_lib import load as load_module

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 20_000_000)
    assert path.stat().st_size < 100_000
    monkeypatch.setattr(load_module, "MAX_XLSX_EXPANDED_BYTES", 10 * 2**20)
    with pytest.raises(SurveyLoadError, match="expand to 19 MB .*10 MB this app reads.*zip bomb"):
        load_survey(path)


@pytest.mark.parametrize(("content", "fragment"), [
    (b"%PDF-1.7 whatever", "a PDF document"),
    (b"\x1f\x8b\x08\x00" + b"x" * 50, "gzip archive"),
])
def test_other_file_types_are_named(content, fragment):
    with pytest.raises(SurveyLoadError, match=fragment):
        load_survey(content, "x.csv")


def test_ods_and_plain_zip_are_named(tmp_path):
    import zipfile

    for members, fragment in (({"mimetype": "x", "content.xml": "<x/>"}, "OpenDocument"),
                              ({"survey.csv": "a,b\n1,2\n"}, "zip archive, not an Excel")):
        path = tmp_path / "x.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for name, text in members.items():
                archive.writestr(name, text)
        with pytest.raises(SurveyLoadError, match=fragment):
            load_survey(path)


# --- the fast reader: blocks, line breaks in quotes, dictionary-encoded columns --------------


def _csv_rows(text: str) -> list[list[str | None]]:
    """What the csv module reads, as the grid holds it: cells trimmed, blank -> None."""
    import csv

    return [[c.strip() or None for c in row]
            for row in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in row)]


def _grid_rows(content: bytes) -> list[list[str | None]]:
    from persona_lib.load import read_grid

    frame = read_grid(content, "b.csv").frame().astype(object)
    return [[None if pd.isna(v) else v for v in row] for row in frame.values.tolist()]


@pytest.mark.parametrize("block, rows", [(64, 300), (200, 1000), (4096, 1 << 26),
                                         (1 << 22, 1 << 26)])
@pytest.mark.parametrize("breaks", [True, False])
@pytest.mark.parametrize("threads", [True, False])
@pytest.mark.parametrize("plain", [True, False])
def test_cells_are_the_same_whatever_blocks_the_parser_reads(monkeypatch, block, rows, breaks,
                                                             threads, plain):
    """Line breaks inside quotes that straddle a block (or none), answers repeated early and
    varied late (and the reverse), blanks and spaces: every block and slice size reads the
    same cells, with columns encoded in threads or one after another, and columns whose
    answers mostly differ kept plain or encoded."""
    import persona_lib.cells as cells
    import persona_lib.load as load

    monkeypatch.setattr(load, "BLOCK_BYTES", block)
    monkeypatch.setattr(load, "SLICE_BYTES", rows)
    monkeypatch.setattr(load, "PARALLEL_ROWS", 0 if threads else 10**9)
    monkeypatch.setattr(cells, "PLAIN_ROWS", 1 if plain else 10**9)
    lines = ["id,choice,comment,late,early"]
    for i in range(400):
        comment = (f'"line one{chr(10) if breaks else " -"} line two, {i}"' if i % 3 == 0 else
                   ("" if i % 3 == 1 else " ok "))
        late = "same" if i < 200 else f"answer {i}"
        early = f"answer {i}" if i < 200 else "same"
        lines.append(f"r{i},{['Yes', 'No', ' Yes', ''][i % 4]},{comment},{late},{early}")
    text = "\n".join(lines) + "\n"
    assert _grid_rows(text.encode()) == _csv_rows(text)


@pytest.mark.parametrize("block", [64, 1 << 22])
def test_a_stray_quote_is_found_whatever_blocks_the_parser_reads(monkeypatch, block):
    import persona_lib.load as load

    monkeypatch.setattr(load, "BLOCK_BYTES", block)
    rows = "".join(f"{i},x{i % 3}\n" for i in range(50))
    table = load_table(b"a,b\n" + rows.encode() + b'50,"oops\n' + rows.encode(), "q.csv")
    assert len(table.data) == 101
    assert any("Line 52 opens a quote" in w for w in table.warnings)


@pytest.mark.parametrize("text, lines", [
    (b"a,b\n1,2\n", 2), (b"a,b\n1,2", 2), (b"a\r\nb\r\n", 2), (b"a\rb", 2), (b"a\r", 1),
    (b"a\n\nb\n", 3), (b"\r\n\r\n", 2), (b"a\r\rb\r\n", 3), (b"a", 1)])
def test_lines_are_counted_where_the_parser_ends_rows(text, lines):
    import pyarrow as pa

    from persona_lib.load import _line_count

    assert _line_count(pa.py_buffer(text), b"\r" in text) == lines


def test_only_slices_from_the_first_line_break_in_quotes_on_are_parsed_the_slow_way(monkeypatch):
    """Quick slices are checked row for row against their lines; the slow parser (quotes
    tracked) reads on from the first slice that holds a line break inside quotes."""
    import persona_lib.load as load

    calls: list[bool] = []
    slow_or_quick = load._pyarrow_slice
    monkeypatch.setattr(load, "_pyarrow_slice",
                        lambda *a: calls.append(a[4]) or slow_or_quick(*a))
    monkeypatch.setattr(load, "SLICE_BYTES", 400)
    rows = [f"r{i},{'Yes' if i % 2 else 'No'},fine" for i in range(200)]
    plain = "id,choice,comment\n" + "\n".join(rows) + "\n"
    assert _grid_rows(plain.encode()) == _csv_rows(plain)
    assert calls and not any(calls)
    calls.clear()
    rows[150] = 'r150,Yes,"two\nlines"'
    broken = "id,choice,comment\n" + "\n".join(rows) + "\n"
    assert _grid_rows(broken.encode()) == _csv_rows(broken)
    assert calls[-1] and not any(calls[:-1]) and len(calls) > 2


def test_the_digest_is_the_files_sha256_however_it_is_loaded(tmp_path):
    """It tells two waves of a survey apart: load_survey hashes beside inference, load_table
    takes the caller's digest or hashes."""
    import hashlib

    content = _text(",").encode()
    expected = hashlib.sha256(content).hexdigest()
    (tmp_path / "f.csv").write_bytes(content)
    assert load_survey(tmp_path / "f.csv").digest == expected
    assert load_survey(content, "f.csv").digest == expected
    assert load_table(content, "f").digest == expected
    assert load_table(content, "f", digest="given").digest == "given"
    assert load_survey(content + b"r4,18-24,Later\n", "f.csv").digest != expected


def test_xlsx_reads_the_export_before_a_recoded_copy_with_more_cells_filled(tmp_path):
    """A workbook with the tool's answers first and the owners' recoded copy next to it, its
    skipped answers filled with 'no_answer' (holdout 11): the same respondents, so the export
    is read, not the copy with more filled cells."""
    path = tmp_path / "book.xlsx"
    raw = pd.DataFrame({"Timestamp": ["2024-03-05 10:00:00"] * 6,
                        "Which do you use?": ["A", None, "B", None, "A", "B"],
                        "Why?": [None, "Cost", None, None, "Speed", None]})
    coded = pd.DataFrame({"respondent_id": range(6), "Q01": ["a", "no_answer", "b", "no_answer",
                                                              "a", "b"],
                          "Q02": ["no_answer", "cost", "no_answer", "no_answer", "speed",
                                  "no_answer"], "Q03": ["x"] * 6})
    with pd.ExcelWriter(path) as writer:
        raw.to_excel(writer, sheet_name="rawdata", index=False)
        coded.to_excel(writer, sheet_name="finalized", index=False)
    assert load_survey(path).sheet == "rawdata"


@pytest.mark.parametrize("line", ["sep=;\r\n", '"sep=;"\n', "SEP=;\n", "\ufeffsep=;\n"])
def test_excels_sep_line_names_the_delimiter_and_is_no_row(line):
    """Excel reads a first line "sep=;" as the delimiter to use; tools that write it mean
    the file to be read that way, whatever a sniffer would guess."""
    text = line + "Name;Price;Comment\nA;3,5;ok, fine\nB;4;\nC;5,25;good, thanks\n"
    table = load_table(text.encode("utf-8"), "f.csv")
    assert list(table.data.columns) == ["Name", "Price", "Comment"]
    assert table.data["Comment"].tolist()[0] == "ok, fine"
    assert len(table.data) == 3


def test_after_a_sep_line_warnings_name_the_files_own_line_numbers():
    table = load_table(b"sep=,\nQ1,Q2,Q3\na,b,c\nd,e\nf,g,h\n", "f.csv")
    assert any("Line 4" in w for w in table.warnings), table.warnings


@pytest.mark.parametrize(("codec", "question", "answers", "said"), [
    ("cp949", "귀하의 성별을 선택해주세요.", ["남성", "여성"], "Korean (CP949)"),
    ("cp932", "あなたの年齢を選んでください", ["20代", "30代", "40代"], "Japanese (Shift-JIS)"),
    ("gb18030", "您多久购买一次咖啡？", ["每天", "每周", "每月"], "Chinese (GB18030)"),
])
def test_a_csv_saved_in_an_east_asian_code_page_reads_in_its_own_script(codec, question,
                                                                        answers, said):
    """Holdout 40: Excel in Korea saved a Google Form's answers as CP949; the file was read as
    Windows-1252, every question and answer mojibake ('±ÍÇÏÀÇ ¼ºº°À»')."""
    from persona_lib import load_survey

    rows = [f'"{question}",Score'] + [f"{answers[i % len(answers)]},{i % 5}" for i in range(40)]
    survey = load_survey(("\r\n".join(rows)).encode(codec), "survey.csv")
    assert survey.columns[0].name == question
    assert set(survey.data[question].dropna()) == set(answers)
    assert any(said in w for w in survey.warnings)
