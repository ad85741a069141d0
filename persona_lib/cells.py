"""A column of answers as its distinct texts plus, per respondent, which one they gave.

Survey answers repeat: a million respondents choose among a handful of options. Everything
that looks at the text of an answer (trimming, parsing numbers and dates, splitting
multi-selects, recoding) is done once per distinct text and spread back over respondents by
an integer take, so its cost follows the number of distinct answers, not of respondents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from persona_lib.text import LIST_MARKER

# More distinct answers than this and a column stays plain (Arrow-backed) text: a category
# per free-text answer costs more than it saves.
CATEGORY_LIMIT = 50_000
SHARED_DTYPE_LIMIT = 100  # categoricals with at most this many answers share cached dtypes
PLAIN_ROWS = 50_000  # a column at least this long whose answers mostly differ stays plain text
PLAIN_SAMPLE = 2_000  # rows looked at to tell whether they mostly differ


class Cells:
    """One column. Encoded: `values` are distinct, trimmed and never blank; `codes[i]` is the
    index of row i's value, or -1 for a blank cell. Plain (`Cells.of` picks it for a long
    column whose answers mostly differ: ids, emails, free text): `text` holds each row's
    trimmed answer, null when blank, and values and codes are only worked out if something
    asks for them. Hashing a million different answers cost more than the rest of a load,
    and such a column is typed and shown as text anyway (issue 20)."""

    def __init__(self, values: pa.Array | None = None, codes: np.ndarray | None = None, *,
                 text: pa.ChunkedArray | None = None) -> None:
        self.text = text
        if text is None:
            self.__dict__.update(values=values, codes=codes)

    @classmethod
    def of(cls, array: pa.Array | pa.ChunkedArray | Iterable[str | None]) -> Cells:
        """Encode text cells: whitespace trimmed, blank -> -1, equal texts share one code."""
        if not isinstance(array, (pa.Array, pa.ChunkedArray)):
            array = pa.array(list(array), type=pa.string())
        if isinstance(array, pa.Array):
            array = pa.chunked_array([array])
        if pa.types.is_dictionary(array.type):
            values, codes = _unified(array)
        elif _mostly_different(array):
            return cls(text=array).mapped(_trimmed)
        else:
            values, codes = _encoded(array)
        return cls(values, codes).renamed(_trimmed(values))

    @property
    def plain(self) -> bool:
        return self.text is not None

    def encoded(self) -> Cells:
        """The same cells, encoded (see `Cells`)."""
        return Cells(self.values, self.codes) if self.plain else self

    @cached_property
    def values(self) -> pa.Array:
        return self._encoding[0]

    @cached_property
    def codes(self) -> np.ndarray:
        return self._encoding[1]

    @cached_property
    def _encoding(self) -> tuple[pa.Array, np.ndarray]:
        return _encoded(self.text)  # already trimmed, blanks already null

    def renamed(self, values: pa.Array) -> Cells:
        """The same cells with each distinct value replaced (one for one): values that become
        equal merge, values that become blank or null become blank."""
        values = _empty_as_null(values)
        if values.null_count == 0 and (values is self.values or values.equals(self.values)):
            return self  # the usual case: nothing to trim, nothing blank
        encoded = pc.dictionary_encode(values)
        lookup = np.append(np.asarray(encoded.indices.fill_null(-1), dtype=np.int32), -1)
        return Cells(encoded.dictionary, lookup[self.codes])

    def mapped(self, change: Callable[[pa.Array | pa.ChunkedArray], pa.Array | pa.ChunkedArray]
               ) -> Cells:
        """The same cells with `change`, a vectorised function of the answers, applied to
        each: once per distinct answer when encoded, per row when plain. Answers it makes blank
        or null become blank."""
        if not self.plain:
            return self.renamed(change(self.values))
        text = change(self.text)
        return self if text is self.text else Cells(text=_empty_as_null(text))

    def __len__(self) -> int:
        return len(self.text) if self.plain else len(self.codes)

    def cell(self, row: int) -> str | None:
        if self.plain:
            return self.text[row].as_py()
        code = int(self.codes[row])
        return None if code < 0 else self.values[code].as_py()

    def take(self, rows: slice | np.ndarray) -> Cells:
        if not self.plain:
            return Cells(self.values, self.codes[rows])
        if isinstance(rows, slice):
            start, stop, step = rows.indices(len(self.text))
            if step == 1:
                return Cells(text=self.text.slice(start, max(stop - start, 0)))
            rows = np.arange(start, stop, step)
        rows = np.asarray(rows)
        return Cells(text=self.text.filter(pa.array(rows)) if rows.dtype == bool else
                     self.text.take(pa.array(rows)))

    def blank(self) -> np.ndarray:
        """Per row, whether it holds no answer."""
        if self.plain:
            return np.asarray(self.text.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        return self.codes < 0

    def rows_where(self, test: Callable[[pa.Array | pa.ChunkedArray], pa.Array | pa.ChunkedArray]
                   ) -> np.ndarray:
        """Per row, whether its answer passes `test` (a vectorised check of answers; a blank
        never does)."""
        if self.plain:
            return np.asarray(test(self.text).fill_null(False).to_numpy(zero_copy_only=False),
                              dtype=bool)
        passed = np.asarray(test(self.values).fill_null(False).to_numpy(zero_copy_only=False),
                            dtype=bool)
        return np.append(passed, False)[self.codes]

    def shortest_bytes(self) -> int:
        """The length in bytes of the shortest answer (a bound that spares looking closer)."""
        return self._byte_lengths()[0]

    def longest_bytes(self) -> int:
        return self._byte_lengths()[1]

    def _byte_lengths(self) -> tuple[int, int]:
        if self.plain:
            ends = pc.min_max(pc.binary_length(self.text)).as_py()
            return ends["min"] or 0, ends["max"] or 0
        starts, ends = byte_offsets(self.values)
        return (int((ends - starts).min()), int((ends - starts).max())) if len(starts) else (0, 0)

    def may_contain(self, text: str) -> bool:
        """Whether some answer may contain `text` (False is certain; see `may_contain`)."""
        arrays = self.text.chunks if self.plain else [self.values]
        return any(may_contain(a, text) for a in arrays)

    @cached_property
    def counts(self) -> np.ndarray:
        """How many rows hold each value (aligned with `values`)."""
        return np.bincount(self.codes[self.codes >= 0], minlength=len(self.values))

    def present(self) -> set[str]:
        """The distinct answers some row actually holds."""
        return set(self.values.filter(pa.array(self.counts > 0)).to_pylist())

    def first_answers(self, most: int) -> list[str]:
        """Up to `most` distinct answers, in the order rows first give them."""
        if not self.plain:
            present = np.flatnonzero(self.counts)
            return self.values.take(pa.array(present[:most])).to_pylist()
        rows = 4 * most
        while True:  # a plain column's answers mostly differ: the first rows hold enough
            found = pc.unique(self.text.slice(0, rows).drop_null())
            if len(found) >= most or rows >= len(self.text):
                return found.to_pylist()[:most]
            rows *= 4

    def answer_counts(self, rows: int | None = None) -> pd.Series:
        """Each answer with how many gave it, most common first (ties in order of appearance).
        With `rows`, a plain column's answers are counted on that many rows spread evenly over
        it: enough to tell what kind of column it is, without hashing every answer."""
        if self.plain and rows is not None and len(self.text) > rows:
            spread = np.linspace(0, len(self.text) - 1, rows, dtype=np.int64)
            counted = pc.value_counts(_taken_in_order(self.text, spread).drop_null())
            return _ranked(counted.field("values"), np.asarray(counted.field("counts")))
        return _ranked(self.values, self.counts)

    def series(self, index: pd.Index | None = None) -> pd.Series:
        """As pandas: categorical while there are few distinct answers, else plain text."""
        if self.plain:
            return pd.Series(pd.array(self.text, dtype="str"), index=index)
        if len(self.values) <= CATEGORY_LIMIT:
            if len(self.values) <= SHARED_DTYPE_LIMIT:  # a grid's columns share one dtype
                dtype = categories_dtype(tuple(self.values.to_pylist()))
            else:
                dtype = pd.CategoricalDtype(pd.Index(pd.array(self.values, dtype="str")))
            values = pd.Categorical.from_codes(self.codes, dtype=dtype,
                                               validate=False)  # codes are valid by construction
            return pd.Series(values, index=index)
        taken = self.values.take(pa.array(self.codes, mask=self.codes < 0))
        return pd.Series(taken.to_pandas(), index=index, dtype="str")


def blank_rows(columns: list[Cells]) -> np.ndarray:
    """Per row, whether every column is blank there (looked at until no row is left)."""
    blank = np.ones(len(columns[0]) if columns else 0, dtype=bool)
    for cells in columns:
        blank &= cells.blank()
        if not blank.any():
            break
    return blank


def _empty_as_null(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    if not pc.any(pc.equal(values, "")).as_py():
        return values
    return pc.if_else(pc.equal(values, ""), pa.scalar(None, values.type), values)


def _ranked(values: pa.Array, counts: np.ndarray) -> pd.Series:
    order = np.argsort(-counts, kind="stable")
    order = order[counts[order] > 0]
    in_order = len(order) == len(counts) and not (order != np.arange(len(order))).any()
    values = values if in_order else values.take(pa.array(order))
    return pd.Series(counts[order], index=pd.Index(pd.array(values, dtype="str")),
                     dtype="int64")


def _mostly_different(array: pa.ChunkedArray) -> bool:
    """Whether a column is long and most of its answers differ (judged on a spread sample of
    rows): such a column is kept as plain text (see `Cells`)."""
    if len(array) < PLAIN_ROWS:
        return False
    rows = np.linspace(0, len(array) - 1, min(PLAIN_SAMPLE, len(array)), dtype=np.int64)
    sample = _taken_in_order(array, rows).drop_null()
    return len(sample) > 0 and pc.count_distinct(sample).as_py() > 0.5 * len(sample)


def _taken_in_order(array: pa.ChunkedArray, rows: np.ndarray) -> pa.ChunkedArray:
    """`array.take(rows)` for rows in ascending order, chunk by chunk: a chunked array's
    own `take` first joins its chunks, copying the whole column to read a few rows."""
    ends = np.cumsum([len(chunk) for chunk in array.chunks])
    cuts = np.searchsorted(rows, ends)
    return pa.chunked_array([chunk.take(pa.array(rows[start:stop] - (end - len(chunk))))
                             for chunk, end, start, stop
                             in zip(array.chunks, ends, np.r_[0, cuts[:-1]], cuts)],
                            array.type)


def _encoded(array: pa.ChunkedArray) -> tuple[pa.Array, np.ndarray]:
    if array.nbytes > 2**30:
        array = array.cast(pa.large_string())
    # chunk by chunk: encoding a chunked array shares one dictionary across its chunks,
    # and skips copying the text into one array first
    encoded = pc.dictionary_encode(array)
    values = encoded.chunk(0).dictionary if encoded.num_chunks else pa.array([], array.type)
    return values, _joined_indices([c.indices for c in encoded.chunks], len(array))


INVISIBLE = "\ufeff\u200b"  # a byte-order mark or a zero-width space at an answer's edge
WHITE_SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
               "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
               )  # what utf8_trim_whitespace trims


def _trimmed(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """The answers without edge spaces or invisible marks ('\\ufeff1 (None at all)' in a
    LimeSurvey export); the same object when none has any: copying the text to trim it is
    only done when needed."""
    chunks = values.chunks if isinstance(values, pa.ChunkedArray) else [values]
    if not any(_edge_spaces(c) for c in chunks):
        return values
    return pc.utf8_trim(values, WHITE_SPACE + INVISIBLE)


_MARKER_BYTES = np.isin(np.arange(256), [ord("o"), ord("*"), ord("-"), 0xC2, 0xE2])  # first bytes


def without_list_markers(cells: Cells) -> Cells:
    """The answers without list markers (`LIST_MARKER`) at the start of an answer and then of
    each of its lines; the same cells when no answer starts with one."""
    array = cells.text if cells.plain else pa.chunked_array([cells.values])
    if not any(_starts_with_marker(chunk) for chunk in array.chunks):
        return cells
    return cells.mapped(lambda answers: _trimmed(
        pc.replace_substring_regex(answers, "(?m)^" + LIST_MARKER, "")))


def _starts_with_marker(values: pa.Array) -> bool:
    """Looks at each answer's first byte; only those that may start a marker are read."""
    if not len(values) or values.buffers()[2] is None:
        return False
    starts, ends = byte_offsets(values)
    data = np.frombuffer(values.buffers()[2], dtype=np.uint8)
    maybe = np.zeros(len(values), dtype=bool)
    filled = ends > starts
    maybe[filled] = _MARKER_BYTES[data[starts[filled]]]
    return maybe.any() and pc.any(pc.match_substring_regex(
        values.filter(pa.array(maybe)), "^" + LIST_MARKER)).as_py()


@lru_cache(maxsize=4096)
def categories_dtype(levels: tuple[str, ...], ordered: bool = False) -> pd.CategoricalDtype:
    """One (immutable) dtype per list of answers: building it checks every category, and the
    columns of a grid or scale share theirs."""
    return pd.CategoricalDtype(pd.Index(list(levels), dtype="str"), ordered=ordered)


def _edge_spaces(values: pa.Array) -> bool:
    """Whether any value starts or ends with whitespace or an invisible mark (`_trimmed`).
    Looks at the first and last byte of each value; only values that start or end with a
    control, a space or a non-ASCII byte (a Unicode space may be one) are looked at closer."""
    if not len(values):
        return False
    starts, ends = byte_offsets(values)
    filled = ends > starts
    if not filled.any():
        return False
    data = np.frombuffer(values.buffers()[2], dtype=np.uint8)
    first, last = data[starts[filled]], data[ends[filled] - 1]
    unsure = np.zeros(len(values), dtype=bool)
    unsure[filled] = (first <= 32) | (first >= 128) | (last <= 32) | (last >= 128)
    if not unsure.any():
        return False
    closer = values.filter(pa.array(unsure))
    edges = (pc.utf8_slice_codeunits(closer, 0, 1), pc.utf8_slice_codeunits(closer, -1))
    invisible = pa.array(list(INVISIBLE))
    return any(pc.any(pc.or_(pc.utf8_is_space(edge), pc.is_in(edge, invisible))).as_py()
               for edge in edges)


def byte_offsets(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Where each value of a string array starts and ends in its data buffer (for looking at
    bytes without copying the text)."""
    width = np.int64 if pa.types.is_large_string(values.type) else np.int32
    offsets = np.frombuffer(values.buffers()[1], dtype=width)[
        values.offset:values.offset + len(values) + 1]
    return offsets[:-1], offsets[1:]


def may_contain(values: pa.Array, text: str) -> bool:
    """Whether some value may contain `text`, from one search of the values' bytes: False is
    certain, True only says to look (the match may straddle two values)."""
    if not len(values):
        return False
    starts, ends = byte_offsets(values)
    data = values.buffers()[2]
    found = re.compile(re.escape(text.encode())).search  # (scans a buffer without copying it)
    return data is not None and found(memoryview(data)[int(starts[0]):int(ends[-1])]) is not None


def _joined_indices(chunks: list[pa.Array], length: int) -> np.ndarray:
    """Dictionary indices of consecutive chunks as one int32 array, null -> -1."""
    codes = np.empty(length, dtype=np.int32)
    start = 0
    for chunk in chunks:
        codes[start:start + len(chunk)] = np.asarray(chunk.fill_null(-1))
        start += len(chunk)
    return codes


def _unified(array: pa.ChunkedArray) -> tuple[pa.Array, np.ndarray]:
    """A dictionary column whose chunks each have their own dictionary (as the CSV reader
    writes them) as one dictionary, in order of first appearance, and codes into it."""
    if not array.num_chunks:
        return pa.array([], array.type.value_type), np.full(len(array), -1, dtype=np.int32)
    unified = array.unify_dictionaries()  # each new answer appended as its chunk first has it
    indices = pa.concat_arrays([c.indices for c in unified.chunks]).fill_null(-1)
    return unified.chunk(0).dictionary, np.asarray(indices, dtype=np.int32)


def distinct_codes(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """A column's distinct answers as text and, per respondent, which one (-1: no answer).
    Categorical columns already know theirs; plain text counts every row as its own."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = values.cat.categories
        return pd.Series(categories.astype("str"), dtype="str"), np.asarray(values.array.codes)
    text = values.astype("str").reset_index(drop=True)
    codes = np.arange(len(text))
    codes[text.isna().to_numpy()] = -1
    return text, codes


def per_answer(values: pd.Series, compute: Callable[[pd.Series], pd.Series | np.ndarray]
               ) -> pd.Series:
    """`compute` applied to each distinct answer once, spread back over respondents (no
    answer: missing, or False for a yes/no result)."""
    distinct, codes = distinct_codes(values)
    result = pd.Series(compute(distinct)).reset_index(drop=True)
    if result.dtype.kind in "iu":
        result = result.astype(float)
    missing = False if result.dtype == bool else None
    padded = pd.concat([result, pd.Series([missing], dtype=result.dtype)], ignore_index=True)
    taken = padded.take(np.where(codes < 0, len(result), codes))
    taken.index = values.index
    return taken


def answer_counts(values: pd.Series) -> pd.Series:
    """Each distinct answer with how many respondents gave it, most common first."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = np.asarray(values.cat.codes)
        counts = np.bincount(codes[codes >= 0], minlength=len(values.cat.categories))
        order = np.argsort(-counts, kind="stable")
        order = order[counts[order] > 0]
        index = pd.Index(values.cat.categories.astype("str")[order], dtype="str")
        return pd.Series(counts[order], index=index, dtype="int64")
    counts = values.dropna().astype("str").value_counts(sort=True)
    return counts[counts.index != ""]


def recoded(values: pd.Series, merge: Mapping[str, str]) -> pd.Series:
    """Answers that mean the same shown as one ("USA", "us" -> "United States")."""
    if not merge:
        return values
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = [str(c) for c in values.cat.categories]
        renamed = [merge.get(c, c) for c in categories]
        target = list(dict.fromkeys(renamed))
        lookup = np.append(np.array([target.index(r) for r in renamed], dtype=np.int64), -1)
        codes = lookup[np.asarray(values.cat.codes)]
        dtype = pd.CategoricalDtype(pd.Index(target, dtype="str"))
        return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype), index=values.index)
    return values.replace(dict(merge))


_WHOLE_NUMBER = re.compile(r"\s*([+-]?\d{1,15})(?:[.,]0+)?\s*")
_NUMBERED_LABEL = re.compile(r"[\s\ufeff]*(\d{1,3})\s*(?:[-–=:.)]\s*|\()\D")


def level_index(answer: str, position: Mapping[str, int]) -> int:
    """Which of the levels an answer is (-1: none). A scale's "4" may be written "4.0" (Google
    Sheets and some tools' exports write every whole number of a linear scale that way), and
    its ends labelled: "10 (All my time)" is the level "10"."""
    if answer in position:
        return position[answer]
    whole = _WHOLE_NUMBER.fullmatch(answer) or _NUMBERED_LABEL.match(answer)
    return position.get(str(int(whole.group(1))), -1) if whole else -1


def with_levels(values: pd.Series, levels: list[str], ordered: bool = False) -> pd.Series:
    """The answers as a categorical over exactly `levels`; any other answer is missing."""
    dtype = categories_dtype(tuple(levels), ordered)
    position = {lv: i for i, lv in enumerate(levels)}
    if isinstance(values.dtype, pd.CategoricalDtype):  # the usual case, without a Series
        distinct = values.cat.categories.astype("str").tolist()
        codes = np.asarray(values.array.codes)
    else:
        text, codes = distinct_codes(values)
        distinct = text.fillna("").tolist()
    lookup = np.array([level_index(v, position) for v in distinct] + [-1], dtype=np.int64)
    codes = lookup[codes]  # -1 (no answer) reads the last entry: -1 again
    return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype, validate=False),
                     index=values.index)
