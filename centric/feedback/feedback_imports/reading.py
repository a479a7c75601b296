"""Reading feedback files a batch of records at a time, never the whole file at once.

``open_table`` gives the column names and ``Table.batches``: Polars frames of up to ``size``
records with the columns ``line`` (where the record starts in the file — the physical line for CSV,
where a quoted field may span lines, and JSON Lines; the row for XLSX), ``problem`` and
``problem_column`` (why the record cannot be read at all: a JSON Lines line that is not an object,
a wrong number of fields, text that is not valid in the file's encoding; null when readable) and one
text column per column of the file, named ``cell_name(position)``. Cells are text as the file has
them (numbers and dates from XLSX and JSON written out); empty cells are ``""`` or null.

A CSV quote that is never closed would swallow every line after it into one field, so such a field
stops the reading with a ``FileProblem`` at the line where the quote opens: one that runs to the end
of the file, past ``MAX_FIELD_CHARS`` or over more than ``MAX_RECORD_LINES`` lines.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import IO, Any

import polars as pl

CSV, XLSX, JSONL = "csv", "xlsx", "jsonl"
CHUNK = 1024 * 1024
PREVIEW_ROWS = 10
# JSON Lines has no header: its columns are the keys of the first objects in the file
JSONL_COLUMN_SCAN = 1000
# how far down a sheet its header is looked for, below a title or notes
XLSX_HEADER_SCAN = 20
BATCH_COLUMNS = ["line", "problem", "problem_column", "overflow"]
# a lone surrogate stands for a byte that was not valid UTF-8; PostgreSQL refuses NUL characters;
# a C1 control character is invisible and meant as text by no file (read as Latin-1, it is a
# byte that Windows-1252 leaves undefined, or one of a file in yet another encoding)
BAD_TEXT = re.compile("[\x00\x80-\x9f\udc80-\udcff]")
C1_CONTROL = re.compile("[\x80-\x9f]")
# the bytes Windows-1252 leaves undefined: a file with one of them is read as Latin-1
CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
# what the csv module counts as the end of a line
LINE_BREAK = re.compile("\r\n|\r|\n")
# A legitimate field is far smaller and shorter: one this big, or a row over this many lines,
# is almost always a stray quote that swallowed the rows after it.
MAX_FIELD_CHARS = 1024 * 1024
MAX_RECORD_LINES = 1000
# Read after the file's last line: a record of its own when every quote was closed, else the end
# of the field a quote left open (the csv module quietly ends such a field at the end of the input).
END_OF_FILE = "\ufdd0end of file\ufdd0"
CLOSE_THE_QUOTE = 'Close the quote, or write a quote that is part of the text as two quotes ("").'

csv.field_size_limit(MAX_FIELD_CHARS)

BatchReader = Callable[[int], Iterator[pl.DataFrame]]


class FileProblem(Exception):
    """The file as a whole cannot be read (``line`` 0) or stops being readable at ``line``, in
    ``column`` when it is known."""

    def __init__(self, line: int, message: str, column: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.column = column


@dataclass(frozen=True)
class Unreadable:
    message: str


Record = list[Any] | dict[str, Any] | Unreadable


class CountingReader(io.RawIOBase):
    """A binary stream that counts the bytes read through it, for the progress bar."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


@dataclass
class Table:
    file_format: str
    encoding: str
    columns: list[str]
    read_batches: BatchReader
    progress: Callable[[], float]  # the share of the file read so far, 0 to 1
    close: Callable[[], None] = field(default=lambda: None)

    def batches(self, size: int) -> Iterator[pl.DataFrame]:
        return self.read_batches(size)


def cell_name(position: int) -> str:
    """The name of the frame column that holds the file's column at ``position``."""
    return f"cell {position}"


def has_bad_text(value: str) -> bool:
    # text that is all ASCII has no lone surrogate, and Python knows that of a string for free
    return "\x00" in value or (not value.isascii() and BAD_TEXT.search(value) is not None)


def bad_text_reason(value: str) -> str:
    if "\x00" in value:
        return "The text contains a NUL character, which cannot be stored."
    if control := C1_CONTROL.search(value):
        return (
            f"The text contains the control character U+{ord(control.group()):04X}, which is "
            "not text (bad encoding); save the file as UTF-8."
        )
    return "The text is not valid UTF-8 (bad encoding); save the file as UTF-8."


ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (with byte-order mark)",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (little-endian, without byte-order mark)",
    "utf-16-be": "UTF-16 (big-endian, without byte-order mark)",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
}


def encoding_label(encoding: str) -> str:
    """The encoding as people know it, not as Python names it."""
    return ENCODING_LABELS.get(encoding, encoding.upper())


def detect_format(file_name: str, head: bytes) -> str:
    name = file_name.lower()
    if name.endswith(".xlsx") or head.startswith(b"PK\x03\x04"):
        return XLSX
    if name.endswith((".jsonl", ".ndjson", ".json")) or head.lstrip().startswith(b"{"):
        return JSONL
    return CSV


def detect_encoding(stream: IO[bytes]) -> str:
    """UTF-16 when the file says so (a byte-order mark, or the zero bytes of mostly ASCII text),
    else UTF-8 (with or without a byte-order mark) unless the file breaks UTF-8 before it uses it
    correctly anywhere: then Windows-1252 (what Excel on Windows writes), or Latin-1 when a byte
    is not a character in Windows-1252. A UTF-8 file with a few broken lines stays UTF-8, so those
    lines are reported rather than every other line garbled. Leaves the stream at the start."""
    stream.seek(0)
    head = stream.read(4096)
    try:
        if head[:3] == codecs.BOM_UTF8:
            encoding = "utf-8-sig"
        elif head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16"
        elif head and head[1::2].count(0) > len(head) // 4:
            return "utf-16-le"
        elif head and head[0::2].count(0) > len(head) // 4:
            return "utf-16-be"
        else:
            encoding = "utf-8"
        stream.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        used_non_ascii = False
        while chunk := stream.read(CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                used_non_ascii = used_non_ascii or not chunk[: max(exc.start - 3, 0)].isascii()
                return encoding if used_non_ascii else _single_byte_encoding(stream)
            used_non_ascii = used_non_ascii or not chunk.isascii()
        return encoding
    finally:
        stream.seek(0)


def _single_byte_encoding(stream: IO[bytes]) -> str:
    """Windows-1252 when every byte of the file is a character in it, else Latin-1, in which
    every byte is one. Most bytes mean the same in both; 0x80–0x9F are “curly quotes”, dashes and
    the euro sign in Windows-1252 but invisible control characters in Latin-1."""
    stream.seek(0)
    while chunk := stream.read(CHUNK):
        if any(byte in chunk for byte in CP1252_UNDEFINED):
            return "latin-1"
    return "cp1252"


def open_table(stream: IO[bytes], *, file_format: str, encoding: str = "") -> Table:
    """The file's columns and records. ``encoding`` (CSV and JSON Lines) is detected when empty."""
    if file_format == XLSX:
        return _xlsx_table(stream)
    encoding = encoding or detect_encoding(stream)
    columns = _jsonl_columns(stream, encoding) if file_format == JSONL else []
    counting = CountingReader(stream)
    size = _size(stream)
    text = io.TextIOWrapper(
        io.BufferedReader(counting, CHUNK),
        encoding=encoding,
        # undecodable bytes become lone surrogates, reported on the row they are in
        errors="surrogateescape" if encoding.startswith("utf-8") else "strict",
        newline="",
    )

    def progress() -> float:
        return min(1.0, counting.count / size) if size else 1.0

    if file_format == JSONL:
        read_batches = _record_batches(_jsonl_records(text), columns)
    else:
        columns, read_batches = _csv_batches(text)
    return Table(
        file_format=file_format,
        encoding=encoding,
        columns=columns,
        read_batches=read_batches,
        progress=progress,
    )


def _size(stream: IO[bytes]) -> int:
    position = stream.tell()
    size = stream.seek(0, io.SEEK_END)
    stream.seek(position)
    return size


def _unique_columns(names: list[str]) -> list[str]:
    columns: list[str] = []
    for position, raw in enumerate(names, start=1):
        name = raw.strip() or f"Column {position}"
        if name in columns:
            raise FileProblem(1, f"The header names the column “{name}” twice.")
        columns.append(name)
    return columns


def _csv_batches(text: io.TextIOWrapper) -> tuple[list[str], BatchReader]:
    try:
        first = text.readline()
    except UnicodeDecodeError:
        raise FileProblem(1, f"Line 1 is not valid {text.encoding} text.") from None
    if not first.strip():
        raise FileProblem(0, "The file is empty, or its first line (the header) is blank.")
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(itertools.chain((first,), text, (END_OF_FILE,)), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise _csv_problem(exc, 1) from None
    if header[-1].endswith(END_OF_FILE):
        raise FileProblem(1, f"A quoted field of the header is never closed. {CLOSE_THE_QUOTE}")
    columns = _unique_columns(header)

    def batches(size: int) -> Iterator[pl.DataFrame]:
        line = reader.line_num + 1
        while True:
            rows: list[list[str]] = []
            # the csv module reads a whole batch in C; the lines are counted afterwards. Rows are
            # added one by one, so those before a record that cannot be read are kept.
            try:
                rows.extend(itertools.islice(reader, size))
            except UnicodeDecodeError:
                bad = reader.line_num + 1
                raise FileProblem(bad, f"Line {bad} is not valid {text.encoding} text.") from None
            except csv.Error as exc:
                raise _csv_problem(exc, line + _lines_of(rows)) from None
            if rows and rows[-1] and rows[-1][-1].endswith(END_OF_FILE):
                last = rows.pop()
                if last != [END_OF_FILE]:
                    raise _unclosed_quote(last, columns, line + _lines_of(rows))
            if not rows:
                return
            frame, line = _csv_frame(rows, columns, line)
            yield frame

    return columns, batches


def _breaks(cell: str) -> int:
    return cell.count("\n") + cell.count("\r") - cell.count("\r\n")


def _lines_of(rows: list[list[str]]) -> int:
    """How many lines ``rows`` take in the file: one each, plus the breaks in quoted fields."""
    return len(rows) + sum(_breaks(cell) for row in rows for cell in row)


def _unclosed_quote(record: list[str], columns: list[str], line: int) -> FileProblem:
    """The problem of ``record``, starting on ``line``, whose last field ran to the end of the
    file: its quote opens on the line after the breaks of the fields before it."""
    opens = line + sum(_breaks(cell) for cell in record[:-1])
    column = columns[len(record) - 1] if len(record) <= len(columns) else ""
    return FileProblem(
        opens,
        f"A quoted field opens on line {opens} and is never closed, so the rest of the file "
        f"cannot be read. {CLOSE_THE_QUOTE}",
        column,
    )


def _csv_problem(error: csv.Error, line: int) -> FileProblem:
    """The problem of the record starting on ``line`` that the csv module could not read."""
    if "field larger than field limit" in str(error):
        return FileProblem(
            line,
            f"A quoted field in the row on line {line} runs on for more than "
            f"{MAX_FIELD_CHARS // (1024 * 1024)} MB, so its closing quote is probably missing and "
            f"the rest of the file cannot be read. {CLOSE_THE_QUOTE}",
        )
    if line == 1:
        return FileProblem(1, f"The header row cannot be read: {error}.")
    return FileProblem(line, f"Line {line} cannot be read: {error}.")


def _csv_frame(rows: list[list[str]], columns: list[str], line: int) -> tuple[pl.DataFrame, int]:
    """A batch of CSV records as a frame, and the line after it. Each record takes one line plus
    the line breaks inside its quoted fields; blank records take their line and are dropped."""
    width = len(columns)
    problems: dict[int, tuple[str, str]] = {}  # row -> (column, reason)
    extra_breaks = [0] * len(rows)

    def set_aside(index: int) -> None:
        extra_breaks[index] = sum(_breaks(cell) for cell in rows[index])
        rows[index] = [""] * width

    # a row of more fields than the header: those past the header's, for the download of the
    # refused rows to give the row back whole (its other fields stay in their columns)
    overflow: list[list[str] | None] = [None] * len(rows)
    for index, row in enumerate(rows):
        if len(row) != width:
            if not any(row):
                set_aside(index)
                continue
            reason = f"The row has {len(row)} fields but the header has {width}."
            spans = sum(_breaks(cell) for cell in row) + 1
            if spans > 1:
                reason += f" It runs over {spans} lines, so a quote may not be closed."
            problems[index] = ("", reason)
            if len(row) > width:
                overflow[index] = row[width:]
                extra_breaks[index] = sum(_breaks(cell) for cell in row[width:])
            rows[index] = (row + [""] * width)[:width]
    by_column = list(zip(*rows, strict=True))
    misshapen = len(problems)
    for position, cells in enumerate(by_column):
        if has_bad_text("\x1f".join(cells)):
            for index, cell in enumerate(cells):
                if index not in problems and BAD_TEXT.search(cell):
                    problems[index] = (columns[position], bad_text_reason(cell))
                    set_aside(index)
    if len(problems) > misshapen:  # rows with bad text were set aside (blanked) since
        by_column = list(zip(*rows, strict=True))
    frame = pl.DataFrame(
        {cell_name(position): list(cells) for position, cells in enumerate(by_column)},
        schema={cell_name(position): pl.String for position in range(width)},
    )
    frame = frame.with_columns(
        *_problem_columns(problems, len(rows)),
        pl.Series("overflow", overflow, dtype=pl.List(pl.String)),
        breaks=pl.sum_horizontal(pl.all().str.count_matches(LINE_BREAK.pattern)).cast(pl.Int64)
        + pl.Series(extra_breaks, dtype=pl.Int64),
    )
    lines = (pl.col("breaks") + 1).cum_sum() - pl.col("breaks") - 1 + line
    frame = frame.with_columns(lines.alias("line"))
    too_long = frame.filter(pl.col("breaks") >= MAX_RECORD_LINES)
    if not too_long.is_empty():
        start = int(too_long["line"][0])
        raise FileProblem(
            start,
            f"The row on line {start} runs on over more than {MAX_RECORD_LINES:,} lines, so a "
            f"quote in it is probably not closed where it should be. {CLOSE_THE_QUOTE}",
        )
    next_line = line + len(rows) + int(frame["breaks"].sum())
    readable = pl.any_horizontal(pl.col(cell_name(position)) != "" for position in range(width))
    frame = frame.filter(pl.col("problem").is_not_null() | readable)
    return frame.select(BATCH_COLUMNS + [cell_name(p) for p in range(width)]), next_line


def _problem_columns(problems: dict[int, tuple[str, str]], rows: int) -> list[pl.Series]:
    problem: list[str | None] = [None] * rows
    column: list[str | None] = [None] * rows
    for index, (name, reason) in problems.items():
        problem[index], column[index] = reason, name
    return [
        pl.Series("problem", problem, dtype=pl.String),
        pl.Series("problem_column", column, dtype=pl.String),
    ]


def _jsonl_columns(stream: IO[bytes], encoding: str) -> list[str]:
    """The keys of the first objects, in the order they first appear; leaves the stream at 0."""
    columns: dict[str, None] = {}
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    try:
        for number, line in enumerate(text):
            if number >= JSONL_COLUMN_SCAN:
                break
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if isinstance(item, dict):
                columns.update(dict.fromkeys(str(key) for key in item))
    finally:
        text.detach()
        stream.seek(0)
    if not columns:
        raise FileProblem(0, "No line of the file is a JSON object, so there is nothing to map.")
    return list(columns)


def _jsonl_records(text: io.TextIOWrapper) -> Iterator[tuple[int, Record]]:
    line = 0
    while True:
        try:
            raw = text.readline()
        except UnicodeDecodeError:
            raise FileProblem(
                line + 1, f"Line {line + 1} is not valid {text.encoding} text."
            ) from None
        if not raw:
            return
        line += 1
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except ValueError as exc:
            yield line, Unreadable(f"The line is not valid JSON: {exc}.")
            continue
        if not isinstance(item, dict):
            yield line, Unreadable("The line is valid JSON but not an object ({…}).")
            continue
        yield line, {str(key): value for key, value in item.items()}


def _xlsx_table(stream: IO[bytes]) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken or mislabelled file
        raise FileProblem(0, f"The file cannot be opened as an Excel workbook: {exc}.") from None
    sheet = book.worksheets[0]
    header_number, header, rows = _xlsx_header(sheet.iter_rows(values_only=True))
    if header is None:
        book.close()
        raise FileProblem(0, "The first sheet of the workbook is empty.")
    columns = _unique_columns(["" if value is None else str(value) for value in header])
    expected = sheet.max_row or 0
    position = [header_number]

    def records() -> Iterator[tuple[int, Record]]:
        for number, values in enumerate(rows, start=header_number + 1):
            position[0] = number
            if any(value not in (None, "") for value in values):
                yield number, list(values)

    def progress() -> float:
        return min(1.0, position[0] / expected) if expected else 0.0

    return Table(
        file_format=XLSX,
        encoding="",
        columns=columns,
        read_batches=_record_batches(records(), columns),
        progress=progress,
        close=book.close,
    )


def _xlsx_header(
    rows: Iterator[tuple[Any, ...]],
) -> tuple[int, tuple[Any, ...] | None, Iterator[tuple[Any, ...]]]:
    """The header row, its number and the rows after it. The header is the first row with two
    cells filled or more, so that a title, a note or blank rows above it are skipped; in a sheet
    of one column, the first row with anything in it."""
    scanned: list[tuple[Any, ...]] = []
    for values in itertools.islice(rows, XLSX_HEADER_SCAN):
        scanned.append(values)
        if sum(value not in (None, "") for value in values) >= 2:
            return len(scanned), values, rows
    for number, values in enumerate(scanned, start=1):
        if any(value not in (None, "") for value in values):
            return number, values, itertools.chain(scanned[number:], rows)
    return 0, None, rows


def _record_batches(records: Iterator[tuple[int, Record]], columns: list[str]) -> BatchReader:
    """Batches of XLSX rows or JSON Lines objects, whose cells are turned into text one by one."""

    def batches(size: int) -> Iterator[pl.DataFrame]:
        while chunk := list(itertools.islice(records, size)):
            lines: list[int] = []
            problems: dict[int, tuple[str, str]] = {}
            cells: list[list[str | None]] = [[] for _ in columns]
            for index, (line, record) in enumerate(chunk):
                lines.append(line)
                if isinstance(record, Unreadable):
                    problems[index] = ("", record.message)
                    values: list[Any] = [None] * len(columns)
                elif isinstance(record, dict):
                    values = [record.get(column) for column in columns]
                else:
                    values = (record + [None] * len(columns))[: len(columns)]
                texts = [_cell_text(value) for value in values]
                for column, text in zip(columns, texts, strict=True):
                    if text is not None and index not in problems and has_bad_text(text):
                        problems[index] = (column, bad_text_reason(text))
                if index in problems:
                    texts = [None] * len(columns)
                for position, text in enumerate(texts):
                    cells[position].append(text)
            frame = pl.DataFrame(
                {cell_name(position): values for position, values in enumerate(cells)},
                schema={cell_name(position): pl.String for position in range(len(columns))},
            )
            yield frame.with_columns(
                pl.Series("line", lines, dtype=pl.Int64),
                *_problem_columns(problems, len(chunk)),
                pl.lit(None, dtype=pl.List(pl.String)).alias("overflow"),
            ).select(BATCH_COLUMNS + [cell_name(p) for p in range(len(columns))])

    return batches


def _cell_text(value: Any) -> str | None:
    """A cell of an XLSX row or a JSON object as the text a CSV file would have."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def preview(table: Table, rows: int = PREVIEW_ROWS) -> list[list[str]]:
    """The first ``rows`` records as text, one cell per column, for people to look at."""
    first = next(table.batches(rows), None)
    if first is None:
        return []
    shown: list[list[str]] = []
    for record in first.iter_rows():
        problem, cells = record[1], record[len(BATCH_COLUMNS) :]
        if problem is not None:
            shown.append([problem] + [""] * (len(cells) - 1))
        else:
            shown.append(["" if cell is None else cell for cell in cells])
    return shown
