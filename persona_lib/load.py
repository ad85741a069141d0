"""Bytes -> grid of strings -> shaped Table -> Survey.

Reading is split in three steps so each can be tested alone: `read_grid` turns bytes into
rows of text cells (encoding, delimiter, XLSX sheet), `formats.shape_table` works out the
export's header rows and multi-column questions, and `infer.build_survey` decides what each
column is. Every failure is a `SurveyLoadError` whose message says what is wrong, where,
and what to do; everything that could be loaded despite a problem is loaded, with a warning.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime
import hashlib
import io
import os
import re
import unicodedata
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from persona_lib.cells import Cells, blank_rows
from persona_lib.errors import SurveyLoadError
from persona_lib.formats import NULL_MARKERS, Table, shape_table
from persona_lib.mapping import SurveyMapping
from persona_lib.survey import Survey

Source = str | Path | bytes | BinaryIO

DELIMITERS = ",;\t|"
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
MAX_COLUMNS = 5_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_XLSX_EXPANDED_BYTES = 512 * 1024 * 1024
SNIFF_CHARS = 65_536
BLOCK_BYTES = 1 << 22  # what pyarrow parses at once (tests make it small)
SLICE_BYTES = 1 << 26  # rows parsed in one call, so its buffers stay small
LINE_CHUNK = 1 << 18  # bytes compared at once: the scratch arrays stay in the CPU's cache
PARALLEL_ROWS = 500_000  # fewer respondents: columns are encoded one after another, in one
# thread, whose freed memory the next column reuses (threads each keep their own; issue 20)

ZIP_MAGIC = b"PK\x03\x04"
OTHER_BINARIES = {
    b"\xd0\xcf\x11\xe0": "an old-style Excel (.xls) or Word file: open it in Excel and save it as "
                         ".xlsx or CSV",
    b"%PDF": "a PDF document, not a data export: download the responses as CSV or XLSX",
    b"\x1f\x8b": "a gzip archive: unpack it and upload the CSV inside",
    b"\x89PNG": "a PNG image, not a data export",
    b"\xff\xd8\xff": "a JPEG image, not a data export",
    b"SQLite format 3": "a SQLite database, not a survey export",
}

__all__ = ["NULL_MARKERS", "SurveyLoadError", "Grid", "list_sheets", "load_survey", "load_table",
           "read_grid", "decode_text", "sniff_delimiter"]


@dataclass(frozen=True)
class Grid:
    """Every row of the file (blank rows dropped), one `Cells` per column."""

    columns: list[Cells]
    delimiter: str | None
    sheet: str | None
    sheets: tuple[str, ...]
    warnings: tuple[str, ...]

    def frame(self) -> pd.DataFrame:
        """The grid as text, for looking at it (tests, notebooks)."""
        return pd.DataFrame({f"c{i}": c.series() for i, c in enumerate(self.columns)})


def load_survey(source: Source, name: str | None = None, sheet: str | None = None,
                mapping: SurveyMapping | None = None) -> Survey:
    """Read a survey export (CSV/TSV/semicolon/pipe text or XLSX) into a typed Survey."""
    from persona_lib.infer import build_survey

    content, name = read_source(source, name)
    table = _table_of(content, name, sheet)
    with ThreadPoolExecutor(1) as pool:
        # hashed beside inference, which keeps one core busy (the parse keeps them all)
        hashed = pool.submit(_sha256, content)
        del content  # the bytes, as big as the file, go once hashed
        try:
            survey = build_survey(table, source=name, mapping=mapping)
        except SurveyLoadError:
            raise
        except Exception as exc:  # last resort: untrusted input must not surface as a traceback
            raise SurveyLoadError(
                f"{name} was read ({len(table.data):,} rows) but could not be analysed "
                f"({type(exc).__name__}: {exc}). Please report this file shape."
            ) from exc
        return dataclasses.replace(survey, digest=hashed.result())


def load_table(content: bytes, name: str = "upload", sheet: str | None = None,
               digest: str | None = None) -> Table:
    """Bytes -> the export's questions as named columns of text, with what the format says.
    `digest` is the content's sha256 when the caller already has it."""
    return _table_of(content, name, sheet).replace(digest=digest or _sha256(content))


def _table_of(content: bytes, name: str, sheet: str | None) -> Table:
    grid = read_grid(content, name, sheet)
    table = shape_table(grid.columns, name, decimal_comma=grid.delimiter == ";")
    return table.replace(warnings=(*grid.warnings, *table.warnings), sheet=grid.sheet,
                         sheets=grid.sheets)


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def read_source(source: Source, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, name or "upload"
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            return path.read_bytes(), name or path.name
        except OSError as exc:
            raise SurveyLoadError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    return source.read(), name or Path(getattr(source, "name", "upload")).name


def read_grid(content: bytes, name: str = "upload", sheet: str | None = None) -> Grid:
    """Every row of a text or XLSX export as cells, blank rows dropped, cells trimmed."""
    if not content or content.isspace():  # (strip() would copy a big file)
        raise SurveyLoadError(f"{name} is empty: export the responses again and upload that file.")
    if content.startswith(ZIP_MAGIC):
        return _read_xlsx(content, name, sheet)
    for magic, what in OTHER_BINARIES.items():
        if content.startswith(magic):
            raise SurveyLoadError(f"{name} is {what}.")
    data, warnings = utf8_content(content, name)
    head = data[:SNIFF_CHARS * 16].decode("utf-8", errors="replace")
    if not head.strip():
        raise SurveyLoadError(f"{name} is empty: export the responses again and upload that file.")
    stated = _SEP_LINE.match(head)
    if stated:  # its line becomes a blank row, dropped, so line numbers in warnings still hold
        data = b"\n" + data[len(stated.group(0).encode("utf-8")):]
        head = "\n" + head[stated.end():]
    delimiter = stated.group(1) if stated else sniff_delimiter(head)
    columns, more = _parse_text(data, head, delimiter, name)
    if not columns or not len(columns[0]):
        raise SurveyLoadError(f"{name} has no rows with any text in them.")
    return Grid(columns=columns, delimiter=delimiter, sheet=None, sheets=(),
                warnings=tuple(warnings + more))


# --- text -----------------------------------------------------------------------------------

# Excel's hint on a file's first line ("sep=;"), which some tools write so that Excel opens
# the file with the right delimiter; it names the delimiter and is no row of the survey.
_SEP_LINE = re.compile(r'"?sep=([^\r\n"])"?[^\S\r\n]*(?:\r\n|\r|\n)', re.IGNORECASE)


def decode_text(content: bytes, name: str = "upload") -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), else Windows-1252 or Mac
    Roman, whichever reads as text (see `legacy_codec`)."""
    data, warnings = utf8_content(content, name)
    return _text_of(data, warnings), warnings


# Characters a person types in an answer, and those that only come out of reading the wrong
# single-byte code page: an accented capital after a small letter (Mac Roman's é read as
# Windows-1252 is 'Ž', its no-break space 'Ê'), a lone letter between spaces (Windows-1252's
# dash read as Mac Roman is 'ñ'), accents and symbols on their own ('ˆ', '‡', '√').
_TYPED_MARKS = set("’‘“”„–—…•«»‹›€£¥¢°±×·§©®™\xa0")


def _plausibility(before: str, char: str, after: str) -> int:
    category = unicodedata.category(char)
    if char == "\ufffd" or category in ("Cc", "Cn", "Co"):
        return -3
    if category.startswith("L"):
        if category == "Lu" and before.isalpha() and before.islower():
            return -2
        return 1 if before.isalpha() or after.isalpha() else -1
    return 1 if char in _TYPED_MARKS else -1 if category[0] == "S" else 0


# Excel saves a CSV in the system's code page: in Korea, China, Japan and Taiwan a double-byte
# one. Each is told by the script its text is written in; Japanese first, by its kana (Korean
# read as Japanese is half-width katakana, Japanese read as Korean is rare Hangul syllables).
EAST_ASIAN_CODECS = {
    "cp932": ("Japanese (Shift-JIS)", r"[\u3040-\u30ff\u4e00-\u9fff]"),
    "cp949": ("Korean (CP949)", r"[\uac00-\ud7a3\u3131-\u318e]"),
    "gb18030": ("Chinese (GB18030)", r"[\u4e00-\u9fff]"),
    "big5": ("Chinese (Big5)", r"[\u4e00-\u9fff]"),
}


def _east_asian_codec(data: bytes, most: int = 1 << 16) -> str | None:
    """The double-byte code page in which the start of the file decodes without an error
    into text that is nine parts in ten that language's script, else None."""
    head = data[:most]
    if len(data) > most:
        head = head[: head.rfind(b"\n") + 1] or head
    for codec, (_, script) in EAST_ASIAN_CODECS.items():
        try:
            text = head.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = [ch for ch in text if ord(ch) > 0x7F]
        if len(wide) >= 20 and sum(bool(re.match(script, ch)) for ch in wide) >= 0.9 * len(wide):
            kana = sum("\u3040" <= ch <= "\u30ff" for ch in wide)
            if codec != "cp932" or kana >= 0.1 * len(wide):
                return codec
    return None


def legacy_codec(data: bytes, most: int = 4_000) -> str:
    """The code page in which a file that is not UTF-8 reads as typed text: a double-byte
    one where the text is Korean, Japanese or Chinese (see `_east_asian_codec`), else
    'cp1252' or 'mac_roman'. Excel for Windows saves CSV as Windows-1252, Excel for Mac as
    Mac Roman; both give every byte a character, so each is scored on the characters it makes
    of the file's first `most` non-ASCII bytes, in their place among their neighbours. A tie is
    Windows-1252."""
    east = _east_asian_codec(data)
    if east:
        return east
    codes = np.frombuffer(data, dtype=np.uint8)
    found: list[int] = []
    for offset in range(0, len(codes), 1 << 22):
        found += (np.flatnonzero(codes[offset:offset + (1 << 22)] >= 0x80) + offset).tolist()
        if len(found) >= most:
            break
    scores = {"cp1252": 0, "mac_roman": 0}
    for at in found[:most]:
        start = max(at - 1, 0)
        window = bytes(data[start:at + 2])
        for codec in scores:
            text = window.decode(codec, errors="replace")
            middle = at - start
            scores[codec] += _plausibility(text[middle - 1] if middle else " ", text[middle],
                                           text[middle + 1] if middle + 1 < len(text) else " ")
    return "mac_roman" if scores["mac_roman"] > scores["cp1252"] else "cp1252"


def utf8_content(content: bytes, name: str = "upload") -> tuple[bytes, list[str]]:
    """The file as UTF-8 bytes without a BOM or NUL bytes. UTF-16 is converted; anything else
    is passed on as it is (a big UTF-8 file is never decoded into Python text: the parser
    checks it, and `_parse_text` reads it as Windows-1252 or Mac Roman if it is not UTF-8)."""
    warnings: list[str] = []
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(content, "utf-16", name).encode("utf-8"), warnings
    head = content[:8192]
    if not content.startswith(codecs.BOM_UTF8) and len(head) >= 4:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            return _decode_utf16(content, "utf-16-le", name).encode("utf-8"), warnings
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            return _decode_utf16(content, "utf-16-be", name).encode("utf-8"), warnings
    controls = sum(head.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13))
    if controls > 0.02 * len(head) + 2:
        raise SurveyLoadError(
            f"{name} does not look like a text survey export (it contains binary data). "
            "Upload the CSV, TSV or XLSX file your survey tool exported."
        )
    if b"\x00" in content:
        nuls = content.count(b"\x00")
        line = content[: content.index(b"\x00")].count(b"\n") + 1
        warnings.append(f"{name} contains {nuls:,} NUL byte(s) (the first on line {line}); "
                        "they were removed.")
        content = content.replace(b"\x00", b"")
    if content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8):]
    return content, warnings


def _decode_utf16(content: bytes, codec: str, name: str) -> str:
    try:
        text = content.decode(codec)
    except UnicodeDecodeError:
        text = content.decode(codec, errors="replace")
    return text.lstrip("\ufeff").replace("\x00", "")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the most consistent, widest rows.

    Counts fields with a quote-aware reader, so commas inside quoted answers don't vote.
    """
    sample = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_score = ",", (False, 0.0, 0)
    for delim in DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delim) if r][:50]
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        # In a file of two or three records, how consistent they are says little: a cell's
        # stray line break can make them so under the wrong delimiter. The header decides.
        score = (widths[0] >= 2 or len(widths) > 3, round(count / len(widths), 2), width)
        if score > best_score:
            best, best_score = delim, score
    return best


def _parse_text(data: bytes, head: str, delimiter: str, name: str
                ) -> tuple[list[Cells], list[str]]:
    width = _header_width(head, delimiter)
    if width > MAX_COLUMNS:
        raise SurveyLoadError(_too_wide(name, width))
    warnings: list[str] = []
    invalid: list[int] = []
    try:
        table, data = _read_text(data, delimiter, width, invalid, warnings)
    except SurveyLoadError:
        table = None
    # A quote that never closes swallows the rest of the file into the last row's cell.
    # Quotes are only counted then: counting them in every big file costs a pass over it.
    if (table is None or invalid or _last_row_spans_lines(table)) and data.count(b'"') % 2:
        text, fixed = _close_stray_quote(_text_of(data, warnings), delimiter)
        warnings += [fixed] if fixed else []
        invalid.clear()
        table, data = _read_text(text.encode("utf-8"), delimiter, width, invalid, warnings)
    elif table is None:
        table, data = _read_text(data, delimiter, width, invalid, warnings)  # says what failed
    if invalid:
        return _python_rows(_text_of(data, warnings), delimiter, name, warnings)
    parsed: list[pa.ChunkedArray | None] = list(table.columns)
    table_rows = table.num_rows
    del table

    def encoded(i: int) -> Cells:
        cells = Cells.of(parsed[i])
        parsed[i] = None  # each column's parsed text is let go as soon as it is encoded
        return cells

    if table_rows < PARALLEL_ROWS:  # short columns: threads would wait on the GIL more than work
        columns = [encoded(i) for i in range(len(parsed))]
    else:
        with ThreadPoolExecutor(min(8, os.cpu_count() or 1)) as pool:  # pyarrow releases the GIL
            columns = list(pool.map(encoded, range(len(parsed))))
    return _tidy_rows(columns, name, warnings), warnings


def _too_wide(name: str, width: int) -> str:
    return (f"{name} has {width:,} columns; this app reads at most {MAX_COLUMNS:,}. Export fewer "
            "questions, or remove unused columns in a spreadsheet first.")


def _read_text(data: bytes, delimiter: str, width: int, invalid: list[int],
               warnings: list[str]) -> tuple[pa.Table, bytes]:
    try:
        return _pyarrow_rows(data, delimiter, width, invalid), data
    except _NotUtf8:
        data = _text_of(data, warnings).encode("utf-8")
        return _pyarrow_rows(data, delimiter, width, invalid), data


def _last_row_spans_lines(table: pa.Table) -> bool:
    if not table.num_rows:
        return False
    last = table.slice(table.num_rows - 1).to_pylist()[0]
    return any(isinstance(v, str) and "\n" in v for v in last.values())


EAST_ASIAN_NOTE = ("This file is not UTF-8: it was read as {} text. If the questions look wrong, "
                   "save it as \"CSV UTF-8\" and upload it again.")
MAC_ROMAN_NOTE = ("This file is not UTF-8: it was read as Mac Roman text (a CSV saved by Excel "
                  "for Mac). If accented letters look wrong, save it as \"CSV UTF-8\" and upload "
                  "it again.")


def _text_of(data: bytes, warnings: list[str] | None = None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        codec = legacy_codec(data)
        if codec == "mac_roman" and warnings is not None and MAC_ROMAN_NOTE not in warnings:
            warnings.append(MAC_ROMAN_NOTE)
        if codec in EAST_ASIAN_CODECS and warnings is not None:
            note = EAST_ASIAN_NOTE.format(EAST_ASIAN_CODECS[codec][0])
            warnings += [] if note in warnings else [note]
        return data.decode(codec, errors="replace")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _NotUtf8(Exception):
    """The parser found bytes that are not UTF-8: the file is read in a legacy code page."""


def _header_width(text: str, delimiter: str) -> int:
    reader = csv.reader(io.StringIO(text[:SNIFF_CHARS * 16], newline=""), delimiter=delimiter)
    try:
        first = next(reader, [])
    except csv.Error:
        first = text.split("\n", 1)[0].split(delimiter)
    return max(len(first), 1)


def _pyarrow_rows(data: bytes, delimiter: str, width: int, invalid: list[int]) -> pa.Table:
    """The fast path: pyarrow's multithreaded parser, every cell text. Columns whose first
    rows repeat a few answers are dictionary-encoded by the parser itself, block by block, so
    their text is never held once per respondent; the others come as plain strings.

    A big file is parsed a slice of rows at a time, so the parser's own buffers stay small,
    and each slice first the quick way, which splits blocks at any line break. That is only
    right when no quoted cell holds a line break, so each slice's rows are counted against its
    lines: from the first slice where they differ, the rest of the file is parsed the slow way,
    which tracks quotes to find where rows end."""
    names = [f"c{i}" for i in range(width)]
    text = pa.dictionary(pa.int32(), pa.string())
    types = {n: pa.string() if varied else text
             for n, varied in zip(names, _varied_columns(data, delimiter, width))}
    buffer = pa.py_buffer(data)
    edges = _row_edges(data, SLICE_BYTES)
    returns = b"\r" in data
    tables = []
    for start, end in zip(edges, edges[1:]):
        piece = buffer.slice(start, end - start)
        skipped: list[int] = []
        try:
            table = _pyarrow_slice(piece, delimiter, names, types, False, skipped, data)
        except SurveyLoadError:
            table = None
        if table is not None and table.num_rows + len(skipped) == _line_count(piece, returns):
            tables.append(table)
            invalid += skipped
            continue
        tables.append(_pyarrow_slice(buffer.slice(start), delimiter, names, types, True,
                                     invalid, data))
        break
    return pa.concat_tables(tables)


def _row_edges(data: bytes, size: int) -> list[int]:
    """Offsets that cut the file into slices of about `size` bytes at line ends. A cut may
    fall inside a quoted cell: `_pyarrow_rows` finds out, and reads on from the slice before."""
    edges = [0]
    while len(data) - edges[-1] > size:
        cut = data.rfind(b"\n", edges[-1], edges[-1] + size) + 1
        if cut <= edges[-1]:
            break  # no line end in a whole slice: read the rest at once
        edges.append(cut)
    return edges + [len(data)]


def _pyarrow_slice(buffer: pa.Buffer, delimiter: str, names: list[str],
                   types: dict[str, pa.DataType], breaks_in_quotes: bool, invalid: list[int],
                   data: bytes) -> pa.Table:
    """One slice of rows. The quick way (`breaks_in_quotes` False) keeps empty lines as blank
    rows (dropped later), so that each line of the slice is one row or one invalid row."""
    def on_invalid(row: pacsv.InvalidRow) -> str:
        invalid.append(row.actual_columns)
        return "skip"

    block = _block_size(buffer, BLOCK_BYTES)
    while True:
        try:
            return pacsv.read_csv(
                pa.BufferReader(buffer),
                read_options=pacsv.ReadOptions(column_names=names, block_size=block),
                parse_options=pacsv.ParseOptions(delimiter=delimiter,
                                                  newlines_in_values=breaks_in_quotes,
                                                  ignore_empty_lines=breaks_in_quotes,
                                                  invalid_row_handler=on_invalid),
                convert_options=pacsv.ConvertOptions(
                    column_types=types, strings_can_be_null=True,
                    quoted_strings_can_be_null=True, null_values=[""]),
            )
        except pa.ArrowInvalid as exc:
            if "UTF8" in str(exc) or not _is_utf8(data):
                raise _NotUtf8 from exc
            if "straddling" not in str(exc) or block > buffer.size:
                raise SurveyLoadError(f"The file could not be parsed: {exc}.") from exc
            block = buffer.size + 1  # one cell or row bigger than a block: read in one block


def _block_size(buffer: pa.Buffer, block: int) -> int:
    """A block size near `block` whose block ends never fall between a carriage return and its
    line feed: arrow drops such a line feed, even inside a quoted answer (apache/arrow#51368)."""
    data = np.frombuffer(buffer, dtype=np.uint8)
    while block > 2:
        ends = np.arange(block, len(data), block)
        if not ((data[ends - 1] == 13) & (data[ends] == 10)).any():
            break
        block -= 1
    return block


def _line_count(buffer: pa.Buffer, returns: bool = True) -> int:
    """Lines as pyarrow ends rows: at a line feed, a carriage return and line feed, or a lone
    carriage return (looked for only when `returns`); a last line without an end counts too."""
    data = np.frombuffer(buffer, dtype=np.uint8)
    if not len(data):
        return 0
    step = LINE_CHUNK
    feeds = sum(int(np.count_nonzero(data[s:s + step] == 10)) for s in range(0, len(data), step))
    lone_returns = 0
    if returns:
        for s in range(0, len(data), step):
            at = np.flatnonzero(data[s:s + step] == 13) + s  # few: at most one a line
            after = data[np.minimum(at + 1, len(data) - 1)]
            lone_returns += int(np.count_nonzero(after != 10))  # a last return sees itself
    return feeds + lone_returns + int(data[-1] not in (10, 13))


def _varied_columns(data: bytes, delimiter: str, width: int) -> list[bool]:
    """Per column, whether its first rows are mostly different answers (ids, free text):
    those are read as plain strings, the rest dictionary-encoded while parsing. A guess that
    only decides speed: both ways give the same cells."""
    head = data[:1 << 20]
    if len(head) < len(data):
        head = head[: head.rfind(b"\n") + 1]
    try:
        sample = pacsv.read_csv(
            io.BytesIO(head),
            read_options=pacsv.ReadOptions(column_names=[f"c{i}" for i in range(width)]),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                              invalid_row_handler=lambda row: "skip"),
            convert_options=pacsv.ConvertOptions(
                column_types={f"c{i}": pa.string() for i in range(width)}))
    except (pa.ArrowInvalid, ValueError):
        return [False] * width
    rows = max(sample.num_rows, 1)
    return [pc.count_distinct(c).as_py() > 0.5 * rows for c in sample.columns]


def _python_rows(text: str, delimiter: str, name: str, warnings: list[str]
                 ) -> tuple[list[Cells], list[str]]:
    """The careful path for ragged files: keep every row, pad short ones, say which lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                records.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise SurveyLoadError(f"{name} could not be read as a {DELIMITER_NAMES[delimiter]}-"
                              f"separated file: line {line}: {exc}. Check that line in a text "
                              "editor, or export the file again.") from exc
    if not records:
        raise SurveyLoadError(f"{name} has no rows with any text in them.")
    widths = Counter(len(r) for _, r in records[1:]) or Counter([len(records[0][1])])
    width = max(len(records[0][1]), widths.most_common(1)[0][0])
    if width > MAX_COLUMNS:
        raise SurveyLoadError(_too_wide(name, width))
    short, long_, rows = [], [], []
    for number, row in records:
        extra = [c for c in row[width:] if c.strip()]
        if extra:
            long_.append(number)
            continue
        if len(row) < width:
            short.append(number)
        rows.append((row + [""] * width)[:width])
    if long_:
        warnings.append(
            f"{_lines(long_)} of {name} {'has' if len(long_) == 1 else 'have'} more fields than "
            f"the header ({width}); {'it was' if len(long_) == 1 else 'they were'} left out. "
            f"Check {'that row' if len(long_) == 1 else 'those rows'} in a text editor: an "
            f"unquoted {DELIMITER_NAMES[delimiter]} inside an answer is the usual cause."
        )
    if short:
        warnings.append(f"{_lines(short)} of {name} {'has' if len(short) == 1 else 'have'} fewer "
                        f"fields than the header ({width}); the missing answers are blank.")
    columns = [Cells.of([r[i] for r in rows]) for i in range(width)]
    return _tidy_rows(columns, name, warnings), warnings


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:5])
    more = f" and {len(numbers) - 5:,} more" if len(numbers) > 5 else ""
    return f"Line{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _close_stray_quote(text: str, delimiter: str) -> tuple[str, str | None]:
    """A quote that opens a cell and is never closed swallows the rest of the file: leave
    that one quote out. Only called when the file's quotes don't pair up."""
    in_quotes, opened, skip = False, -1, -1
    for match in re.finditer(f'["\\n{re.escape(delimiter)}]', text):
        pos, char = match.start(), match.group()
        if pos <= skip:
            continue
        if in_quotes and char == '"':
            if text.startswith('"', pos + 1):
                skip = pos + 1
            else:
                in_quotes = False
        elif not in_quotes and char == '"' and (pos == 0 or text[pos - 1] in (delimiter, "\n")):
            in_quotes, opened = True, pos
    if not in_quotes:
        return text, None
    line = text.count("\n", 0, opened) + 1
    return text[:opened] + text[opened + 1:], (
        f"Line {line} opens a quote (\") that is never closed, which would swallow the rest of "
        "the file. That quote was left out: check that respondent's answers."
    )


def _tidy_rows(columns: list[Cells], name: str, warnings: list[str]) -> list[Cells]:
    """Drop empty rows and cut cells longer than Excel allows (cells are already trimmed)."""
    blank = blank_rows(columns)
    if blank.any():
        columns = [c.take(~blank) for c in columns]
    if not blank.size or blank.all():
        return columns
    return [_cut_long_cells(c, i, columns[i].cell(0), name, warnings)
            for i, c in enumerate(columns)]


def _cut_long_cells(cells: Cells, i: int, header: str | None, name: str, warnings: list[str]
                    ) -> Cells:
    if cells.longest_bytes() <= MAX_CELL_CHARS:  # a character is at least one byte
        return cells
    rows = np.flatnonzero(cells.rows_where(
        lambda answers: pc.greater(pc.utf8_length(answers), MAX_CELL_CHARS)))
    if not len(rows):
        return cells
    row = int(rows[0])
    named = f" ('{header[:60]}')" if row and isinstance(header, str) else ""
    warnings.append(
        f"{name}: {len(rows)} cell(s) in column {i + 1}{named} are longer than "
        f"{MAX_CELL_CHARS:,} characters (the first in row {row + 1} of the file, "
        f"{len(cells.cell(row) or ''):,} characters); they were cut to {MAX_CELL_CHARS:,}."
    )
    return cells.mapped(lambda answers: pc.utf8_slice_codeunits(answers, 0, MAX_CELL_CHARS))


# --- xlsx -----------------------------------------------------------------------------------


def list_sheets(content: bytes) -> list[str]:
    """The sheet names of an XLSX workbook, in order ([] for text files)."""
    if not content.startswith(ZIP_MAGIC):
        return []
    return list(_open_workbook(content, "workbook").sheetnames)


def _open_workbook(content: bytes, name: str):
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise SurveyLoadError(
            f"{name} is a damaged zip or Excel file ({exc}). Open it in Excel and save it again, "
            "or export CSV."
        ) from exc
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        kind = ("an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV"
                if "content.xml" in names else
                "a zip archive, not an Excel workbook: unpack it and upload the export inside")
        raise SurveyLoadError(f"{name} is {kind}.")
    expanded = sum(m.file_size for m in members)
    if expanded > MAX_XLSX_EXPANDED_BYTES:
        raise SurveyLoadError(
            f"{name} would expand to {_size(expanded)} when unzipped, more than the "
            f"{_size(MAX_XLSX_EXPANDED_BYTES)} this app reads: it is either huge or a "
            "'zip bomb'. If it is a real export, export CSV instead."
        )
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise SurveyLoadError(
            f"{name} is a zip file but not a readable Excel workbook ({type(exc).__name__}). "
            "Open it in Excel and save it again, or export CSV."
        ) from exc


def _size(n: int) -> str:
    return f"{n / 2**30:,.1f} GB" if n >= 2**30 else f"{n / 2**20:,.0f} MB"


def _read_xlsx(content: bytes, name: str, sheet: str | None) -> Grid:
    book = _open_workbook(content, name)
    try:
        sheets = tuple(book.sheetnames)
        warnings: list[str] = []
        if sheet is not None and sheet not in sheets:
            raise SurveyLoadError(f"{name} has no sheet called '{sheet}'; its sheets are "
                                  f"{', '.join(sheets)}.")
        read = {s: _sheet_rows(book[s], name) for s in ([sheet] if sheet else sheets)}
        chosen = sheet or _answers_sheet(read)
        if sheet is None and len(sheets) > 1:
            warnings.append(f"{name} has {len(sheets)} sheets; reading '{chosen}', the first "
                            "with (about) the most respondents. Pick another sheet on the Data "
                            "page if needed.")
        rows = read[chosen]
    except SurveyLoadError:
        raise
    except Exception as exc:
        raise SurveyLoadError(
            f"{name} could not be read as an Excel workbook ({type(exc).__name__}). Open it in "
            "Excel and save it again, or export CSV."
        ) from exc
    finally:
        book.close()
    if not rows:
        raise SurveyLoadError(f"Sheet '{chosen}' of {name} is empty.")
    width = max(len(r) for r in rows)
    if width > MAX_COLUMNS:
        raise SurveyLoadError(f"Sheet '{chosen}' of {name} has {width:,} columns; this app reads "
                              f"at most {MAX_COLUMNS:,}.")
    rows = [r + [None] * (width - len(r)) for r in rows]
    columns = [Cells.of([r[i] for r in rows]) for i in range(width)]
    return Grid(columns=_tidy_rows(columns, name, warnings), delimiter=None, sheet=chosen,
                sheets=sheets, warnings=tuple(warnings))


def _answers_sheet(read: dict[str, list[list[str | None]]]) -> str:
    """The first table (two columns or more) with about as many rows as the longest: the
    tool's export comes first, and a copy someone recoded next to it (skipped answers filled
    with 'no_answer') has the same respondents, though more cells filled. A KoboToolbox
    repeat group's sheet (a row per repeat, tied to its submission by `_parent_index`) is
    not the respondents, however many rows it has."""
    rows = {s: len(cells) if any(len(r) >= 2 for r in cells) and not _repeat_group(cells) else 0
            for s, cells in read.items()}
    most = max(rows.values())
    return next(s for s in read if rows[s] >= 0.9 * most)


KOBO_REPEAT_COLUMNS = {"_parent_index", "_parent_table_name", "_submission__id"}


def _repeat_group(cells: list[list[str | None]]) -> bool:
    header = next((row for row in cells if any(row)), [])
    return bool(KOBO_REPEAT_COLUMNS & {str(c).strip().lower() for c in header if c})


def _sheet_rows(worksheet, name: str) -> list[list[str | None]]:
    # A workbook re-saved by some tools states its size as 'A1' (openpyxl would then read one
    # cell of a full sheet): the rows are read for what they hold, whatever the size says.
    worksheet.reset_dimensions()
    rows = []
    for values in worksheet.iter_rows(values_only=True):
        cells = [_cell_text(v) for v in values]
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            rows.append(cells)
    return rows


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime.datetime):
        return re.sub(r" 00:00:00$", "", value.isoformat(sep=" "))
    if isinstance(value, datetime.time):  # a time of day: "14:30", as the respondent chose it
        return value.isoformat("minutes" if not (value.second or value.microsecond) else "auto")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None
