"""Read a feedback export (CSV, XLSX or JSON Lines) into a frame of text columns.

Every column comes back as ``pl.String`` (empty cells as null), whatever the source: the
column guesser decides what is a number or a date, the same way for every format. CSV may
be UTF-8 with or without a byte-order mark, UTF-16, or Latin-1 / Windows-1252, with any
of the usual delimiters and quoted newlines.

Exports often open with a title or a line saying who exported them, above the table: the
header is the first row that fills more than half as many cells as the rows below it
usually do, and the caller is told which row that was.

Text saved from web forms often holds HTML entities (``doesn&#39;t``): they are read once, here,
as the characters they stand for, so that the engine reads words and the report, which escapes
everything it shows, shows them as written.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import itertools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

FORMATS = ("csv", "xlsx", "jsonl")

_DELIMITERS = ",;\t|"
_HEADER_SEARCH = 30  # rows looked at to find the header
# a character reference with its semicolon: "&c." or "AT&T" are left as they are
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


class SourceError(ValueError):
    """The file cannot be read as a feedback export; the message says why."""


@dataclass(frozen=True)
class Source:
    """A file's rows, and the row of the file (from 1) that named its columns."""

    frame: pl.DataFrame
    header_row: int = 1
    named: bool = False  # the caller chose the header row
    skipped: int = 0  # rows with something in them above the header, left out

    @property
    def note(self) -> str | None:
        """What to tell the reader about the header, when it is not simply the first row."""
        if self.named:
            return f"header: row {self.header_row} (named with --header-row)"
        if self.skipped:
            above = (
                "the row above it reads as a title and is"
                if self.skipped == 1
                else f"the {self.skipped} rows above it read as a title and are"
            )
            return f"header: row {self.header_row} ({above} left out)"
        return None


def read_table(path: Path, *, header_row: int | None = None) -> pl.DataFrame:
    """The rows of ``path`` with one ``pl.String`` column per field, in file order."""
    return read_source(path, header_row=header_row).frame


def read_source(path: Path, *, header_row: int | None = None) -> Source:
    """``path`` read as in ``read_table``, saying where its header was; ``header_row`` (from
    1, blank rows counted) names it for a CSV or a sheet instead of finding it."""
    kind = source_format(path)
    if kind == "xlsx":
        source = _read_xlsx(path, header_row)
    elif kind == "jsonl":
        source = Source(_read_jsonl(path))
    else:
        source = _read_csv(path.read_bytes(), header_row)
    frame = source.frame
    if frame.width == 0:
        raise SourceError(f"{path} has no columns.")
    if frame.height == 0:
        raise SourceError("the file has a header but no rows.")
    frame = frame.with_columns(
        pl.when(pl.col(c).str.strip_chars() == "").then(None).otherwise(pl.col(c)).alias(c)
        for c in frame.columns
    )
    frame = frame.with_columns(
        pl.col(c).map_elements(_unescaped, return_dtype=pl.String)
        for c in frame.columns
        if frame.get_column(c).str.contains(_ENTITY.pattern).any()
    )
    return Source(frame, source.header_row, source.named, source.skipped)


def _unescaped(text: str) -> str:
    return _ENTITY.sub(lambda entity: html.unescape(entity.group()), text)


def header_index(rows: Sequence[Sequence[object]]) -> int:
    """Which of a file's first ``rows`` names the columns: the first that fills more than
    half as many cells as most rows do (a title fills one or two), 0 when none does."""
    filled = [sum(v is not None and str(v).strip() != "" for v in row) for row in rows]
    counts = sorted(n for n in filled if n)
    if not counts:
        return 0
    typical = counts[len(counts) // 2]
    return next(i for i, n in enumerate(filled) if 2 * n > typical)


def source_format(path: Path) -> str:
    """``csv``, ``xlsx`` or ``jsonl``, from the file name."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".csv", ".tsv", ".txt", ""):
        return "csv"
    raise SourceError(f"{path.name}: expected a .csv, .xlsx or .jsonl file.")


def decode(data: bytes) -> str:
    """Text from bytes in the encodings exports arrive in, trying the strictest first."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    head = data[:4096]
    # UTF-16 without a byte-order mark: every other byte of ASCII text is NUL.
    if head and head.count(0) > len(head) // 4:
        return data.decode("utf-16-le" if head[1:2] == b"\0" else "utf-16-be")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # never fails: every byte is a character


def _read_csv(data: bytes, header_row: int | None) -> Source:
    text = decode(data)
    if not text.strip():
        raise SourceError("the file is empty.")
    delimiter = _delimiter(text[:65536])
    head = list(
        itertools.islice(csv.reader(io.StringIO(text), delimiter=delimiter), _searched(header_row))
    )
    index = _chosen_row(head, header_row)
    try:
        frame = pl.read_csv(
            io.BytesIO(text.encode("utf-8")),
            separator=delimiter,
            infer_schema=False,
            truncate_ragged_lines=True,
            skip_rows=index,  # title lines above the header hold no quoted newlines
        )
    except pl.exceptions.PolarsError as error:
        raise SourceError(f"not a readable CSV file: {error}") from error
    return _source(frame, head, index, header_row)


def _delimiter(head: str) -> str:
    """The delimiter of the table in ``head``; title lines above it can hide it from a sniff."""
    lines = head.splitlines()
    for skip in range(min(len(lines), _HEADER_SEARCH)):
        try:
            return csv.Sniffer().sniff("\n".join(lines[skip:]), delimiters=_DELIMITERS).delimiter
        except csv.Error:
            continue
    return ","


def _read_xlsx(path: Path, header_row: int | None) -> Source:
    from openpyxl import load_workbook  # only the XLSX path pays for importing it

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = (
            [_cell_text(value) for value in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        )
        head = list(itertools.islice(rows, _searched(header_row)))
        if not any(v is not None for row in head for v in row):
            raise SourceError(f"{path.name}: the first sheet is empty.")
        index = _chosen_row(head, header_row)
        frame = _frame(_column_names(head[index]), itertools.chain(head[index + 1 :], rows))
        return _source(frame, head, index, header_row)
    finally:
        workbook.close()


def _searched(header_row: int | None) -> int:
    """How many rows to read to find the header, or to reach the one named."""
    return max(_HEADER_SEARCH, header_row or 0)


def _chosen_row(head: Sequence[Sequence[object]], header_row: int | None) -> int:
    if header_row is None:
        return header_index(head)
    if header_row > len(head):
        rows = f"{len(head)} row{'' if len(head) == 1 else 's'}"
        raise SourceError(f"no header on row {header_row}: the file has only {rows}.")
    return header_row - 1


def _source(
    frame: pl.DataFrame, head: Sequence[Sequence[object]], index: int, header_row: int | None
) -> Source:
    skipped = sum(any(v not in (None, "") for v in row) for row in head[:index])
    return Source(frame, index + 1, named=header_row is not None, skipped=skipped)


def _read_jsonl(path: Path) -> pl.DataFrame:
    records: list[dict[str, object]] = []
    text = decode(path.read_bytes())
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise SourceError(f"line {number} is not JSON: {error.msg}.") from error
        if not isinstance(record, dict):
            raise SourceError(f"line {number} is not a JSON object.")
        records.append(_flat(record))
    names = list(dict.fromkeys(key for record in records for key in record))
    return _frame(names, ([_cell_text(r.get(name)) for name in names] for r in records))


def _flat(record: dict[str, object], prefix: str = "") -> dict[str, object]:
    """Nested objects as dotted columns: ``{"feedback": {"text": …}}`` gives ``feedback.text``."""
    flat: dict[str, object] = {}
    for key, value in record.items():
        if isinstance(value, dict) and value:
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _frame(names: list[str], rows: Iterable[list[str | None]]) -> pl.DataFrame:
    columns: list[list[str | None]] = [[] for _ in names]
    for row in rows:
        if not any(v is not None for v in row):
            continue
        for index, column in enumerate(columns):
            column.append(row[index] if index < len(row) else None)
    return pl.DataFrame(
        {
            name: pl.Series(name, values, dtype=pl.String)
            for name, values in zip(names, columns, strict=True)
        }
    )


def _column_names(header: list[str | None]) -> list[str]:
    names: list[str] = []
    for index, name in enumerate(header, start=1):
        candidate = (name or "").strip() or f"column_{index}"
        while candidate in names:
            candidate += "_"
        names.append(candidate)
    return names


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
