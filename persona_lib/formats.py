"""Export shapes: which rows are headers, which columns are one question, what the tool added.

Survey tools write the same survey in different shapes: Qualtrics puts three header rows on
top, SurveyMonkey two, and several tools spread a multi-select over one column per option.
`shape_table` turns any of them into one column per question, named by the question text,
and records what the export format itself tells us (`ColumnHint`), so inference does not
have to guess what the tool already said.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from persona_lib.cells import Cells, blank_rows, without_list_markers
from persona_lib.errors import SurveyLoadError
from persona_lib.models import Kind, System
from persona_lib.text import clipped, redact_personal_data, wording

RESPONSE_CELLS = ("Response", "Open-Ended Response")  # SurveyMonkey's row 2 under one-column questions
OTHER_SPECIFY = re.compile(r"please specify|^other\b.*\(|^other$|^other \(", re.IGNORECASE)
# Answers that mean "no answer" in exports from R, SPSS, databases and the Stack Overflow survey.
NULL_MARKERS = ("NA", "#N/A", "NULL", "NaN", "nan", "-", "--")  # "-": a cell left empty on purpose
TRUE_WORDS = {"1", "1.0", "y", "yes", "x", "checked", "true", "selected", "✓", "✔", "on"}
FALSE_WORDS = {"0", "0.0", "n", "no", "unchecked", "false", "not selected", "off"}
# Qualtrics names a picture choice by its graphic's id ("IM_6ro6G3R8qpOI1b7"), bare or inside
# the <img> tag it exported; an alt or title text, where the survey gave one, names it better.
IMAGE_ID = r"IM_[A-Za-z0-9]{10,}"
IMAGE_SHORT = re.compile(r"\bImage [A-Za-z0-9]{6}\b")
IMAGE_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
IMAGE_ALT = re.compile(r"""\b(?:alt|title)\s*=\s*["']([^"']*\w[^"']*)["']""", re.IGNORECASE)
OPTION_NAME = [
    re.compile(r"^(?P<stem>.*\S)\s*\[(?P<option>[^\[\]]+)\]$"),
    re.compile(r"^(?P<stem>.*?\S) - Selected Choice - (?P<option>.+)$"),  # Qualtrics
    re.compile(r"^(?P<stem>.*\S) - (?P<option>.+)$"),
    re.compile(r"^(?P<stem>.*[^/\s])/(?P<option>[^/]+)$"),
]


class Tool(str, Enum):
    generic = ""
    qualtrics = "Qualtrics"
    qualtrics_legacy = "Qualtrics (legacy export)"
    surveymonkey = "SurveyMonkey"
    google_forms = "Google Forms"
    microsoft_forms = "Microsoft Forms"
    typeform = "Typeform"
    limesurvey = "LimeSurvey"
    kobo = "KoboToolbox"


M, P = Kind.metadata, Kind.pii
# What each tool adds besides the questions: lower-cased header (or Qualtrics code) ->
# (its meaning for exclusions and CRM exports, its kind).
# Google Forms' first column, in English, Spanish, Portuguese, German, French, Dutch, Italian
GOOGLE_TIMESTAMPS = ("timestamp", "marca temporal", "carimbo de data/hora", "zeitstempel",
                     "horodateur", "tijdstempel", "informazioni cronologiche")
SYSTEM_COLUMNS: dict[Tool, dict[str, tuple[System | None, Kind]]] = {
    Tool.qualtrics: {
        "startdate": (System.started, M), "enddate": (System.ended, M),
        "status": (System.status, M), "ipaddress": (None, P), "progress": (System.progress, M),
        "duration (in seconds)": (System.duration, M), "finished": (System.finished, M),
        "recordeddate": (None, M), "responseid": (System.respondent_id, M),
        "recipientlastname": (None, P), "recipientfirstname": (None, P),
        "recipientemail": (None, P),
        "locationlatitude": (None, P), "locationlongitude": (None, P),
        "locationaccuracy": (None, M), "distributionchannel": (None, M),
        "userlanguage": (None, M), "q_recaptchascore": (None, M),
        "externaldatareference": (None, M),
        "q_relevantidduplicate": (None, M), "q_relevantidduplicatescore": (None, M),
        "q_relevantidfraudscore": (None, M), "q_relevantidlaststartdate": (None, M),
        # the same columns by the label Qualtrics gives them in its second header row
        "start date": (System.started, M), "end date": (System.ended, M),
        "response type": (System.status, M), "ip address": (None, P),
        "recorded date": (None, M), "response id": (System.respondent_id, M),
        "recipient last name": (None, P), "recipient first name": (None, P),
        "recipient email": (None, P), "external data reference": (None, M),
        "location latitude": (None, P), "location longitude": (None, P),
        "location accuracy": (None, M), "distribution channel": (None, M),
        "user language": (None, M),
    },
    Tool.qualtrics_legacy: {
        "responseid": (System.respondent_id, M), "responseset": (None, M), "name": (None, P),
        "externaldatareference": (None, M), "emailaddress": (None, P), "ipaddress": (None, P),
        "status": (System.status, M), "startdate": (System.started, M),
        "enddate": (System.ended, M), "finished": (System.finished, M),
        "locationlatitude": (None, P), "locationlongitude": (None, P),
        "locationaccuracy": (None, M),
    },
    Tool.surveymonkey: {
        "respondent id": (System.respondent_id, M), "collector id": (None, M),
        "start date": (System.started, M), "end date": (System.ended, M),
        "ip address": (None, P), "email address": (None, P), "first name": (None, P),
        "last name": (None, P),
    },
    Tool.google_forms: {  # as Forms names them in English and in its other languages
        **dict.fromkeys(GOOGLE_TIMESTAMPS, (System.ended, M)),
        **dict.fromkeys(("email address", "dirección de correo electrónico", "endereço de e-mail",
                         "e-mail-adresse", "adresse e-mail", "e-mailadres", "indirizzo email"),
                        (None, P)),
        **dict.fromkeys(("score", "puntuación", "pontuação", "punktzahl", "punteggio"),
                        (None, M)),
    },
    Tool.microsoft_forms: {
        "id": (System.respondent_id, M), "start time": (System.started, M),
        "completion time": (System.ended, M), "last modified time": (None, M),
        "email": (None, P), "name": (None, P), "total points": (None, M),
        "quiz feedback": (None, M),
    },
    Tool.typeform: {
        "#": (System.respondent_id, M), "response id": (System.respondent_id, M),
        "response type": (System.status, M),
        "start date (utc)": (System.started, M), "stage date (utc)": (None, M),
        "submit date (utc)": (System.ended, M), "network id": (None, M), "tags": (None, M),
        "ending": (None, M),
    },
    Tool.limesurvey: {
        "response id": (System.respondent_id, M), "date submitted": (System.ended, M),
        "last page": (None, M), "start language": (None, M), "seed": (None, M),
        "date started": (System.started, M), "date last action": (None, M),
        "referrer url": (None, M), "ip address": (None, P), "token": (None, M),
        "total time": (System.duration, M), "submitdate": (System.ended, M),
        "lastpage": (None, M), "startlanguage": (None, M), "startdate": (System.started, M),
        "datestamp": (None, M), "ipaddr": (None, P), "refurl": (None, M),
        "interviewtime": (System.duration, M),
    },
    Tool.kobo: {
        "start": (System.started, M), "end": (System.ended, M), "today": (None, M),
        "deviceid": (None, M), "subscriberid": (None, M), "simserial": (None, M),
        "phonenumber": (None, P), "username": (None, P), "audit": (None, M),
        "audit_url": (None, M), "_id": (System.respondent_id, M), "_uuid": (None, M),
        "_submission_time": (None, M), "_validation_status": (None, M), "_notes": (None, M),
        "_status": (None, M), "_submitted_by": (None, M), "__version__": (None, M),
        "_version_": (None, M), "_tags": (None, M), "_index": (None, M),
        "meta/instanceid": (None, M), "meta/rootuuid": (None, M), "meta/deprecatedid": (None, M),
        "_attachments": (None, M), "_geolocation": (None, P),
    },
}
QUALTRICS_LABELS = {"start date", "end date", "response type", "progress", "duration (in seconds)",
                    "finished", "recorded date", "response id", "ip address",
                    "distribution channel", "user language", "external data reference"}


@dataclass(frozen=True)
class ColumnHint:
    """What the export format says about a column, before anyone looks at its answers."""

    kind: Kind | None = None
    options: tuple[str, ...] = ()
    separator: str | None = None
    code: str | None = None
    system: System | None = None
    sources: tuple[str, ...] = ()
    question_id: str | None = None  # the tool's own id of the question (Qualtrics' ImportId)
    choice_names: bool = False  # Kobo / ODK: a pick is written as its choice's name (often a code)

    @property
    def coded(self) -> bool:
        """A closed question whose answers the export may write as numeric codes."""
        return bool(self.question_id and QUALTRICS_CLOSED.match(self.question_id))

    @property
    def matrix_row(self) -> bool:
        return self.coded and bool(re.search(r"QID\d+_\d+", self.question_id or ""))


@dataclass(frozen=True)
class Table:
    """One column of text per question, named by its question text, plus format hints."""

    cells: Mapping[str, Cells]
    tool: Tool = Tool.generic
    header_rows: int = 1
    hints: Mapping[str, ColumnHint] = field(default_factory=dict)
    decimal_comma: bool = False
    warnings: tuple[str, ...] = ()
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    digest: str = ""  # of the file's bytes: tells two waves of one survey apart

    def replace(self, **changes: object) -> Table:
        return dataclasses.replace(self, **changes)

    def hint(self, name: str) -> ColumnHint:
        return self.hints.get(name, ColumnHint())

    @cached_property
    def data(self) -> pd.DataFrame:
        """The answers as pandas text: categorical where answers repeat, plain text where not."""
        return pd.DataFrame({name: c.series() for name, c in self.cells.items()})

    @property
    def n(self) -> int:
        return len(next(iter(self.cells.values()))) if self.cells else 0

    def answer_counts(self, name: str) -> pd.Series:
        """Each answer to one question with how many gave it, most common first."""
        return self.cells[name].answer_counts()

    @property
    def fingerprint(self) -> str:
        return questions_fingerprint(list(self.cells))


def questions_fingerprint(names: list[str]) -> str:
    """Identifies 'the same survey' across waves: a hash of its question texts."""
    return hashlib.sha256("\n".join(sorted(names)).encode()).hexdigest()[:16]


def shape_table(grid: list[Cells], name: str = "upload", decimal_comma: bool = False) -> Table:
    """Choose the header rows, name each column by its question, merge one-hot option columns."""
    titles = _title_rows(grid)
    cells = [[c.cell(i) for c in grid] for i in range(titles, min(titles + 3, len(grid[0])))]
    header = _header_shape(cells)
    data = _without_null_markers([without_list_markers(c.take(slice(titles + header.rows, None)))
                                  for c in grid])
    if not data or not len(data[0]):
        raise SurveyLoadError(f"{name} has a header row but no responses.")
    warnings: list[str] = []
    if titles:
        said = "; ".join(f"'{clipped(redact_personal_data(grid[0].cell(i) or ''))}'"
                         for i in range(titles))
        warnings.append(f"The first {'row' if titles == 1 else f'{titles} rows'} ({said}) "
                        "had text in the first cell only: read as a title above the questions, "
                        "not as a question or an answer.")
    keep = [i for i, n in enumerate(header.names) if n.strip() or not data[i].blank().all()]
    names = _unique_names([header.names[i] for i in keep], warnings,
                          [header.codes[i] for i in keep])
    columns = {n: data[i] for n, i in zip(names, keep)}
    tool = header.tool if header.tool != Tool.generic else _single_header_tool(names)
    hints = {}
    for n, i in zip(names, keep):
        code, kind = header.codes[i], header.kinds[i]
        question_id = header.question_ids[i] if header.question_ids else None
        if (code and code != n) or kind or question_id:
            hints[n] = ColumnHint(code=code if code != n else None, kind=kind,
                                  question_id=question_id)
    hints.update(_system_hints(tool, names, [header.codes[i] for i in keep], hints))
    if tool == Tool.kobo:
        hints.update({n: dataclasses.replace(hints.get(n, ColumnHint()), choice_names=True)
                      for n in names if hints.get(n, ColumnHint()).kind is None})
    columns, hints = _merge_option_columns(columns, hints, warnings)
    columns = _readable_images(columns, warnings)
    if len(columns) == 1 and len(data[0]) > 1:
        warnings.append("Only one column was found: if this is a spreadsheet export, check its "
                        "delimiter.")
    return Table(cells=columns, tool=tool, header_rows=header.rows, hints=hints,
                 decimal_comma=decimal_comma, warnings=tuple(warnings))


def _readable_images(columns: dict[str, Cells], warnings: list[str]) -> dict[str, Cells]:
    """Picture choices named by their alt text, else "Image" and the start of their id: the
    same picture keeps the same name in every wave, so a renamed answer stays renamed.
    Pictures are choices: a plain column (its answers mostly different) is not looked at."""
    by_id = []
    for name, cells in columns.items():
        if cells.plain or not cells.may_contain("IM_") or \
                not cells.rows_where(lambda answers: pc.match_substring(answers, "IM_")).any():
            continue
        texts = cells.values.to_pylist()
        readable = [_image_text(t) for t in texts]
        if readable != texts:
            columns[name] = cells.renamed(pa.array(readable, type=pa.string()))
        if any(IMAGE_SHORT.search(r) for r, t in zip(readable, texts) if r != t):
            by_id.append(name)
    if by_id:
        warnings.append(
            f"{_listed(by_id)}: the answers are pictures that Qualtrics exported as image ids, "
            "shown as \"Image\" and the start of the id. Give them names on the Data page "
            "(Show as).")
    return columns


def _image_text(text: str) -> str:
    """One answer with each picture in it replaced by its alt text or a short id."""
    def tag(match: re.Match) -> str:
        alt = IMAGE_ALT.search(match.group(0))
        if alt:
            return alt.group(1).strip()
        image = re.search(IMAGE_ID, match.group(0))
        return f"Image {image.group(0)[3:9]}" if image else match.group(0)
    text = IMAGE_TAG.sub(tag, text)
    return re.sub(rf"\b{IMAGE_ID}\b", lambda m: f"Image {m.group(0)[3:9]}", text).strip()


def _listed(names: list[str], most: int = 3) -> str:
    shown = ", ".join(f"\"{n}\"" for n in names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


@dataclass(frozen=True)
class _Header:
    tool: Tool
    rows: int
    names: list[str]
    codes: list[str | None]
    kinds: list[Kind | None]
    question_ids: list[str | None] = field(default_factory=list)  # Qualtrics' ImportId


def _without_null_markers(data: list[Cells]) -> list[Cells]:
    """"NA", "NULL"... blanked, then rows left with no answer at all dropped."""
    markers = pa.array(NULL_MARKERS)
    longest = max(len(m.encode()) for m in NULL_MARKERS)

    def blanked(answers: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
        return pc.if_else(pc.is_in(answers, markers), pa.scalar(None, answers.type), answers)

    data = [c.mapped(blanked) if c.shortest_bytes() <= longest else c for c in data]
    blank = blank_rows(data)
    return [c.take(~blank) for c in data] if blank.any() else data


# What pandas writes for a blank header when a table passes through it ("Unnamed: 13").
PANDAS_BLANK_HEADER = re.compile(r"Unnamed: \d+(_level_\d+)?")


MAX_TITLE_ROWS = 5


def _title_rows(grid: list[Cells]) -> int:
    """Rows above the header with text in the first cell only: a report's title or export
    date, which a spreadsheet saved above the questions. A header names most columns."""
    width = len(grid)
    if width < 3:
        return 0
    for row in range(min(MAX_TITLE_ROWS, len(grid[0]) - 2)):
        filled = sum(bool((c.cell(row) or "").strip()) for c in grid)
        if filled >= max(2, 0.5 * width):
            return row if row and not _answers_recur(grid, row) else 0
        if filled != 1 or not (grid[0].cell(row) or "").strip():
            return 0
    return 0


def _answers_recur(grid: list[Cells], row: int, below: int = 50) -> bool:
    """Whether a row reads as answers: a fifth of its cells recur in their column's next
    rows, as choices do; a question's wording is not given again as an answer."""
    cells = [(c.cell(row) or "").strip() for c in grid]
    recur = sum(bool(cell) and cell in {(c.cell(r) or "").strip()
                                        for r in range(row + 1, min(row + 1 + below, len(c)))}
                for cell, c in zip(cells, grid))
    return recur >= 0.2 * sum(map(bool, cells))


def _header_shape(cells: list[list[str | None]]) -> _Header:
    """Which of the first rows are headers, and what they say about each column."""
    first = [None if c and PANDAS_BLANK_HEADER.fullmatch(c.strip()) else c for c in cells[0]]
    cells = [first, *cells[1:]]
    width = len(first)
    none: list = [None] * width
    if len(cells) >= 3:
        import_ids = [_import_id(c) for c in cells[2]]
        if sum(i is not None for i in import_ids) >= 0.5 * sum(c is not None for c in cells[2]) > 0:
            names = [re.sub(r" - Selected Choice$", "", cells[1][i] or first[i] or "")
                     for i in range(width)]
            return _Header(Tool.qualtrics, 3, names, list(first),
                           [_qualtrics_kind(i) for i in import_ids], import_ids)
    if len(cells) >= 2 and _qualtrics_labels_below(first, cells[1]):
        names = [re.sub(r" - Selected Choice$", "", cells[1][i] or first[i] or "")
                 for i in range(width)]
        return _Header(Tool.qualtrics, 2, names, list(first), none)
    if len(cells) >= 2:
        v_codes = [c for c in first if c and re.fullmatch(r"V\d+", c)]
        if first[0] == "V1" and len(v_codes) >= 5:
            return _Header(Tool.qualtrics_legacy, 2, [c or "" for c in cells[1]], list(first), none)
        second = cells[1]
        filled = [c for c in second if c and c.strip()]
        responses = sum(c.strip() in RESPONSE_CELLS for c in filled)
        unnamed_first = not (first[0] or "").strip()  # a row number or index: not an answer
        # a copy edited in a spreadsheet may repeat 'Respondent ID', 'Start Date' in row 2
        echoes = sum(bool(a and b and a.strip() == b.strip()) for a, b in zip(first, second))
        if responses and (not second[0] or unnamed_first or echoes >= 2
                          or responses >= 0.5 * len(filled)):
            kinds = [Kind.text if s_ and (s_ == "Open-Ended Response" or OTHER_SPECIFY.search(s_))
                     else None for s_ in second]
            return _Header(Tool.surveymonkey, 2, _spanned_names(first, second), none, kinds)
    if len(cells) >= 2 and _spans_over_subheaders(first, cells[1]):
        return _Header(Tool.typeform if (cells[1][0] or "").strip() == "#" else Tool.generic, 2,
                       _spanned_names(first, cells[1], own_questions_end_spans=True), none, none)
    return _Header(Tool.generic, 1, [c or "" for c in first], none, none)


def _qualtrics_labels_below(first: list[str | None], second: list[str | None]) -> bool:
    """Qualtrics' export without its ImportId row (removed, or never asked for): its own
    columns' labels ('Start Date', 'Response Type', 'Duration (in seconds)'...) fill the second
    row under codes or names of the author's choosing, and the questions' wording sits beside
    them. No answer reads like that, and SurveyMonkey's second row only echoes the first."""
    labels = sum((b or "").strip().lower() in QUALTRICS_LABELS
                 and (a or "").strip().lower() != (b or "").strip().lower()
                 for a, b in zip(first, second))
    return labels >= 3


def _spans_over_subheaders(first: list[str | None], second: list[str | None]) -> bool:
    """Two header rows, Typeform's and others': questions in the first row, each over the
    blank cells of the columns it spans; an option or sub-question in every cell of the
    second. A first response is never that full, that varied and that empty above."""
    width = len(first)
    blank_above = sum(not (c or "").strip() for c in first) / width
    filled = [c.strip() for c in second if c and c.strip()]
    return (width >= 4 and blank_above >= 0.3 and len(filled) >= 0.9 * width
            and len(set(filled)) >= 0.8 * len(filled)
            and sum(not re.fullmatch(r"[\d.,:/ -]+", c) for c in filled) >= 0.9 * len(filled))


# Qualtrics' ImportId says what a column is: QID12_TEXT a text box, QID12_PAGE_SUBMIT a timer,
# QID12_BROWSER the browser meta-info question.
QUALTRICS_TEXT = re.compile(r"_TEXT$")
QUALTRICS_CLOSED = re.compile(r"^(\d+_)?QID\d+(_\d+)*$")  # a choice, or one row of a matrix
QUALTRICS_BOOKKEEPING = re.compile(r"_(FIRST_CLICK|LAST_CLICK|PAGE_SUBMIT|CLICK_COUNT|BROWSER|"
                                   r"VERSION|OS|RESOLUTION)$")


def _qualtrics_kind(import_id: str | None) -> Kind | None:
    if import_id and QUALTRICS_BOOKKEEPING.search(import_id):
        return Kind.metadata
    if import_id and QUALTRICS_TEXT.search(import_id):
        return Kind.text
    return None


def _import_id(cell: str | None) -> str | None:
    match = re.search(r'"ImportId"\s*:\s*"([^"]*)"', cell or "")
    return match.group(1) if match else None


def _spanned_names(questions: list[str | None], subs: list[str | None],
                   own_questions_end_spans: bool = False) -> list[str]:
    """Row 1 holds each question once, over the columns it spans; row 2 what each column is
    ('Question - option'). SurveyMonkey writes "Response" under a question of one column.
    Typeform leaves row 1 blank over a question of its own, asked in row 2: with
    `own_questions_end_spans`, such a cell ends the span and names its column alone."""
    names, question, first_of_span = [], "", True
    for q, sub in zip(questions, subs):
        q, sub = (q or "").strip(), (sub or "").strip()
        if q:
            question, first_of_span = q, True
        elif own_questions_end_spans and sub.endswith("?"):
            question = ""
        if not sub or sub == question or (sub in RESPONSE_CELLS and first_of_span):
            names.append(question or sub)
        else:
            names.append(f"{question} - {sub}" if question else sub)
        first_of_span = False
    return names


def _unique_names(names: list[str], warnings: list[str],
                  codes: list[str | None] | None = None) -> list[str]:
    """Headers as names, each unique. A repeated header (a repeated block, a loop, a timer on
    every page) is told apart by the column's own code where the export has one, else by a
    number; one warning lists them all."""
    codes = codes or [None] * len(names)
    unique: list[str] = []
    taken: set[str] = set()
    repeated: dict[str, list[str]] = {}
    for i, (raw, code) in enumerate(zip(names, codes)):
        header = re.sub(r"\s+", " ", raw).strip()
        if not header:
            header = f"Column {i + 1}"
            warnings.append(f"Column {i + 1} has no name; it is called '{header}'.")
        base, k = header, 2
        if header in taken and code and code != header:
            header = f"{base} ({code})"
        while header in taken:
            header = f"{base} ({k})"
            k += 1
        if header != base:
            repeated.setdefault(base, []).append(f"column {i + 1} is called '{header}'")
        taken.add(header)
        unique.append(header)
    if repeated:
        warnings.append(_repeated_names_warning(repeated))
    return unique


def _repeated_names_warning(repeated: dict[str, list[str]]) -> str:
    if len(repeated) == 1:
        (base, renamed), = repeated.items()
        return f"Column name '{base}' appears more than once; {'; '.join(renamed[:5])}" + (
            f" and {len(renamed) - 5} more." if len(renamed) > 5 else ".")
    shown = ", ".join(f"'{base}' ({len(r) + 1} times)" for base, r in list(repeated.items())[:4])
    more = f" and {len(repeated) - 4} more" if len(repeated) > 4 else ""
    total = sum(len(r) for r in repeated.values())
    return (f"{len(repeated)} column names appear more than once: {shown}{more}. The {total} "
            "repeats are told apart by their column code or a number; rename them on the Data "
            "page if you like.")


def _single_header_tool(names: list[str]) -> Tool:
    lower = [n.lower() for n in names]
    present = set(lower)
    if present & {"_uuid", "_submission_time", "_index", "_validation_status", "__version__"}:
        return Tool.kobo
    if "response id" in present and present & {"date submitted", "last page", "start language"}:
        return Tool.limesurvey
    if len(present & {"submitdate", "lastpage", "startlanguage", "seed", "refurl"}) >= 2:
        return Tool.limesurvey  # exported with question codes as headers
    if present & {"network id", "submit date (utc)", "start date (utc)"}:
        return Tool.typeform
    if lower[:3] == ["id", "start time", "completion time"]:
        return Tool.microsoft_forms
    if len(present & {"startdate", "enddate", "responseid", "recordeddate",
                      "distributionchannel", "userlanguage"}) >= 3:
        return Tool.qualtrics  # exported with one header row, its codes
    if {"respondent id", "collector id"} <= present:
        return Tool.surveymonkey
    if lower[0] in GOOGLE_TIMESTAMPS:
        return Tool.google_forms
    return Tool.generic


# Kobo writes a geopoint question `q` as `q` plus `_q_latitude`, `_q_longitude`...; LimeSurvey
# times each page and question in `groupTime12`, `q3Time`, `interviewtime`.
TOOL_PATTERNS: dict[Tool, list[tuple[re.Pattern[str], tuple[System | None, Kind]]]] = {
    Tool.kobo: [(re.compile(r"^_.+_(latitude|longitude|altitude)$"), (None, P)),
                (re.compile(r"^_.+_precision$"), (None, M))],
    Tool.limesurvey: [(re.compile(r"^(interviewtime|groupTime\d+|\w+Time)$"), (None, M))],
    # Qualtrics' display order of a randomised question, option or block: 'Q5_DO_3', 'FL_12_DO'
    Tool.qualtrics: [(re.compile(r"^\w+_DO(?:_\w+)?$"), (None, M))],
}
# LimeSurvey's timings, headed in the survey's language when exported with full question text
# ('Group time: Section 1', 'Tiempo del grupo: Sección 1', 'Tiempo total'); found whatever tool
# the other headers suggest, the total only beside the group or question times.
GPS_PART = re.compile(r"^(.*?)[:_/.\s-]*(latitude|longitude|altitude|accuracy|precision)$",
                      re.IGNORECASE)
PART_TIME = re.compile(r"^(?:group time|question time|tiempo del grupo|tiempo de (?:la )?pregunta|"
                       r"gruppenzeit|fragenzeit|temps (?:du|de la) (?:groupe|question)|"
                       r"tempo (?:do grupo|da pergunta|del gruppo|della domanda)|groepstijd|"
                       r"vraagtijd)\s*:", re.IGNORECASE)
TOTAL_TIME = re.compile(r"^(?:total time|tiempo total|gesamtzeit|temps total|tempo total(?:e)?|"
                        r"totale tijd)$", re.IGNORECASE)


def _system_hints(tool: Tool, names: list[str], codes: list[str | None],
                  hints: Mapping[str, ColumnHint]) -> dict[str, ColumnHint]:
    known = SYSTEM_COLUMNS.get(tool, {})
    found = {}
    for name, code in zip(names, codes):
        key = (code if tool == Tool.qualtrics and code and code.lower() in known else name).lower()
        pattern_hit = next((v for p, v in TOOL_PATTERNS.get(tool, []) if p.match(
            key if tool == Tool.kobo else name) or (code and p.match(code))), None)
        if key in known or pattern_hit:
            system, kind = known.get(key) or pattern_hit
            found[name] = dataclasses.replace(hints.get(name, ColumnHint()), kind=kind,
                                              system=system)
    parts = {n: (m.group(1), m.group(2).lower()) for n in names if (m := GPS_PART.match(n))}
    points = {point for point, part in parts.values() if part == "latitude"}
    for name, (point, part) in parts.items():  # 'gps:Altitude' beside 'gps:Latitude'
        if point in points and name not in found:
            found[name] = dataclasses.replace(
                hints.get(name, ColumnHint()), kind=M if part in ("accuracy", "precision") else P)
    if any(PART_TIME.match(name) for name in names):
        for name in names:
            total = TOTAL_TIME.match(name.strip()) is not None
            if total or PART_TIME.match(name):
                found[name] = dataclasses.replace(
                    found.get(name, hints.get(name, ColumnHint())), kind=M,
                    system=System.duration if total else None)
    return found


@dataclass(frozen=True)
class _Option:
    column: str
    option: str
    filled: bool = False  # an "Other (please specify)" column: chosen when not blank
    stem: str | None = None  # the question, where the header is the question then the option


def _merge_option_columns(data: dict[str, Cells], hints: dict[str, ColumnHint],
                          warnings: list[str]) -> tuple[dict[str, Cells], dict[str, ColumnHint]]:
    """Columns that are one option each of a multi-select become one multi-choice column.

    A run of adjacent columns `Stem [Option]` / `Stem - Option` / `stem/option` whose cells are
    only blank, a yes/no word or the option itself is one question; so is a run of columns
    whose cells are only their own header (Typeform's choice columns). Grids with real answers
    (Likert rows) stay as they are. An "Other (please specify)" column in the run adds the
    option "Other" and stays as a free-text column of its own.
    """
    columns = list(data)
    placement: dict[str, list[_Option]] = {}
    members: set[str] = set()
    named: set[str] = set()
    for group in _option_groups(data, columns):
        merged = _group_name(group)
        if merged in named:  # a second run of the same question (broken by an odd column)
            continue
        named.add(merged)
        flags = [o.column for o in group if not o.filled]
        summary = merged in columns and merged not in flags  # Kobo's space-separated column
        placement[merged if summary else flags[0]] = group
        members.update(flags)
        if summary:
            warnings.append(f"'{merged}' was read from its {len(flags)} option columns.")
    out: dict[str, Cells] = {}
    new_hints = {k: v for k, v in hints.items() if k not in members}
    for col in columns:
        if col in placement:
            group = placement[col]
            merged = _group_name(group)
            ticked = [o for o in group if o.option]  # (a typed 'Other' beside its tick: none)
            options = [o.option for o in ticked]
            sep = next(s for s in ("; ", " | ", "\x1f") if not any(s.strip() in o for o in options))
            out[merged] = _joined_options(data, ticked, sep)
            new_hints[merged] = ColumnHint(kind=Kind.multi_choice, options=tuple(options),
                                           separator=sep, sources=tuple(o.column for o in group))
            for other in (o.column for o in group if o.filled):  # the typed "Other" answer
                new_hints[other] = dataclasses.replace(hints.get(other, ColumnHint()),
                                                       kind=Kind.text)
        if col not in members and not (col in placement and _group_name(placement[col]) == col):
            out[col] = data[col]
    return out, new_hints


def _option_groups(data: dict[str, Cells], columns: list[str]) -> list[list[_Option]]:
    split = [_option_name(c) for c in columns]
    distinct = {c: _distinct(data[c]) for c in columns}
    tails = {c: _tail_option(c, distinct[c]) for c in columns}
    names = set(columns)
    groups: list[list[_Option]] = []
    i = 0
    while i < len(columns):
        stem = split[i][0]
        j = i
        while j < len(columns) and stem is not None and split[j][0] == stem:
            j += 1
        run = [_Option(columns[k], split[k][1]) for k in range(i, j)]
        flags = [o for o in run if _is_option_column(distinct[o.column], o.option)]
        while len(run) > 2 and run[-1] not in flags and not OTHER_SPECIFY.search(run[-1].option):
            run.pop()  # a column added after the options ('Recode'): not one of them
            j -= 1
        others = [o for o in run if o not in flags]
        if len(flags) >= 2 and all(OTHER_SPECIFY.search(o.option) for o in others) \
                and _has_blank(data, distinct, flags) and _chosen_somewhere(distinct, flags):
            groups.append(flags + [_Option(o.column, "Other", filled=True) for o in others])
            i = j
            continue
        j = i
        while j < len(columns) and (distinct[columns[j]] == {columns[j]} or (
                j > i and not distinct[columns[j]])):  # an option nobody chose is all blank
            j += 1
        while j > i and not distinct[columns[j - 1]]:
            j -= 1
        run = [_Option(columns[k], columns[k]) for k in range(i, j)]
        if len(run) >= 2 and _has_blank(data, distinct, run):
            groups.append(run)
            i = j
            continue
        run = _tail_run(columns, i, tails, distinct, names)
        ticks = [o for o in run if not o.filled]
        if run and _has_blank(data, distinct, ticks) and _chosen_somewhere(distinct, ticks):
            groups.append(run)
            i += len(run)
            continue
        i += 1
    return groups


def _tail_run(columns: list[str], i: int, tails: dict[str, tuple[str, str] | None],
              distinct: dict[str, set[str]], names: set[str]) -> list[_Option]:
    """A checkbox question exported as a column per option headed '<question> <option>', each
    cell that option or blank (a web form's export; no brackets or dash between the two):
    adjacent columns, from the i-th, whose one answer is the end of their header, after the
    same question. An option nobody ticked, and the column where 'Other' was typed, are in the
    run when their header starts with that question."""
    first = tails[columns[i]]
    if first is None or first[0] in names:
        return []
    stem, run = first[0], []
    for column in columns[i:]:
        found = tails[column]
        if found and found[0] == stem:
            run.append(_Option(column, found[1], stem=stem))
            continue
        header = wording(column)
        rest = re.sub(r"^[\s\-–—|]+", "", header[len(stem):]) \
            if header.startswith(stem + " ") else ""
        if rest and not distinct[column]:
            run.append(_Option(column, rest, stem=stem))
        elif rest and len(distinct[column]) == 1 and rest.startswith(min(distinct[column])):
            run.append(_Option(column, min(distinct[column]), stem=stem))  # 'Other'
        elif rest and not found and OTHER_SPECIFY.search(rest):
            run.append(_Option(column, "Other", filled=True, stem=stem))
        else:
            break
    ticks = [o for o in run if not o.filled]
    if any(OTHER_SPECIFY.search(o.option) for o in ticks):  # 'Other' was ticked apart
        run = [dataclasses.replace(o, option="") if o.filled else o for o in run]
    return run if len(ticks) >= 2 else []


REPEAT_NUMBER = re.compile(r" \(\d+\)$")  # what `_unique_names` adds to a repeated header


def _tail_option(column: str, distinct: set[str]) -> tuple[str, str] | None:
    """(question, option) when a column's one answer is the end of its header."""
    if len(distinct) != 1:
        return None
    answer, worded = " ".join(next(iter(distinct)).split()), wording(column)
    for header in (worded, REPEAT_NUMBER.sub("", worded)):
        if len(header) > len(answer) + 1 and header.endswith(" " + answer):
            stem = re.sub(r"[\s\-–—|]+$", "", header[:-len(answer)])  # 'Household Income -'
            return (stem, answer) if stem else None
    return None


def _has_blank(data: dict[str, Cells], distinct: dict[str, set[str]], group: list[_Option]
               ) -> bool:
    """Someone left an option unticked: a run of always-ticked columns is not a multi-select."""
    return any(bool(data[o.column].blank().any()) for o in group) or any(
        v.lower() in FALSE_WORDS for o in group for v in distinct[o.column])


def _option_name(column: str) -> tuple[str | None, str]:
    for pattern in OPTION_NAME:
        match = pattern.match(column)
        if match:
            return match.group("stem").strip(), match.group("option").strip()
    return None, column


def _distinct(cells: Cells, most: int = 50) -> set[str]:
    """The distinct answers, or a set of more than `most` when there are many (enough to tell
    an option column, which has two or three, from anything else)."""
    return set(cells.first_answers(most + 1))


def _is_option_column(distinct: set[str], option: str) -> bool:
    """Only blanks, yes/no words or the option itself (an option nobody chose is all blank)."""
    return all(_same_words(v, option) or v.lower() in TRUE_WORDS or v.lower() in FALSE_WORDS
               for v in distinct)


def _same_words(answer: str, option: str) -> bool:
    """The option as its header names it, whose spaces were made plain ('Assessing\xa0or')."""
    return answer == option or " ".join(answer.split()) == option


def _chosen_somewhere(distinct: dict[str, set[str]], group: list[_Option]) -> bool:
    return any(_same_words(v, o.option) or v.lower() in TRUE_WORDS
               for o in group for v in distinct[o.column])


def _group_name(group: list[_Option]) -> str:
    first = group[0]
    if first.stem:
        return first.stem
    stem = _option_name(first.column)[0]
    if stem is None or first.column == first.option:
        return " / ".join(o.option for o in group)
    return stem


def _joined_options(data: dict[str, Cells], group: list[_Option], sep: str) -> Cells:
    """One cell per respondent listing the options they ticked, built per distinct pattern of
    ticks rather than per respondent."""
    rows = len(data[group[0].column])
    picks = np.zeros((rows, len(group)), dtype=bool)
    for j, item in enumerate(group):
        cells = data[item.column]
        if item.filled:
            chosen = np.ones(len(cells.values), dtype=bool)
        else:
            plain = pc.utf8_trim_whitespace(
                pc.replace_substring_regex(cells.values, r"[\s\p{Z}]+", " "))
            chosen = np.asarray(pc.fill_null(pc.or_(
                pc.or_(pc.equal(cells.values, item.option), pc.equal(plain, item.option)),
                pc.is_in(pc.utf8_lower(cells.values), pa.array(sorted(TRUE_WORDS)))), False))
        picks[:, j] = np.append(chosen, False)[cells.codes]
    if len(group) <= 62:
        keys = picks @ (np.int64(1) << np.arange(len(group), dtype=np.int64))
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        patterns = picks[first]
    else:
        patterns, inverse = np.unique(picks, axis=0, return_inverse=True)
    texts = [sep.join(o.option for o, p in zip(group, row) if p) or None for row in patterns]
    joined = Cells.of(texts)
    return Cells(joined.values, joined.codes[inverse.ravel()])
