"""Reading feedback files as a stream of records, never the whole file at once.

``open_table`` gives the column names and an iterator of ``(line, record)``: a record is a list of
cells (CSV, XLSX) or an object (JSON Lines), and ``line`` is where it starts in the file — the
physical line for CSV (a quoted field may span lines) and JSON Lines, the row for XLSX. A record
that cannot be read at all (a JSON Lines line that is not an object) comes as ``Unreadable``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

CSV, XLSX, JSONL = "csv", "xlsx", "jsonl"
CHUNK = 1024 * 1024
PREVIEW_ROWS = 10
# JSON Lines has no header: its columns are the keys of the first objects in the file
JSONL_COLUMN_SCAN = 1000

csv.field_size_limit(10 * 1024 * 1024)


class FileProblem(Exception):
    """The file as a whole cannot be read (``line`` 0) or stops being readable at ``line``."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


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
    records: Iterator[tuple[int, Record]]
    progress: Callable[[], float]  # the share of the file read so far, 0 to 1
    # whether text cells may hold undecodable bytes (as lone surrogates) to be reported per row
    check_text: bool = False
    close: Callable[[], None] = field(default=lambda: None)

    def key(self, column: str) -> int | str:
        """How to find ``column`` in a record: its position, or its name in a JSON object."""
        return column if self.file_format == JSONL else self.columns.index(column)


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
    correctly anywhere: then Latin-1. A UTF-8 file with a few broken lines stays UTF-8, so those
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
                return encoding if used_non_ascii else "latin-1"
            used_non_ascii = used_non_ascii or not chunk.isascii()
        return encoding
    finally:
        stream.seek(0)


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
        records = _jsonl_records(text)
    else:
        columns, records = _csv_records(text)
    return Table(
        file_format=file_format,
        encoding=encoding,
        columns=columns,
        records=records,
        progress=progress,
        check_text=encoding.startswith("utf-8"),
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


def _csv_records(text: io.TextIOWrapper) -> tuple[list[str], Iterator[tuple[int, Record]]]:
    try:
        first = text.readline()
    except UnicodeDecodeError:
        raise FileProblem(1, f"Line 1 is not valid {text.encoding} text.") from None
    if not first.strip():
        raise FileProblem(0, "The file is empty, or its first line (the header) is blank.")
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(_chain_first(first, text), delimiter=delimiter)
    try:
        columns = _unique_columns(next(reader))
    except csv.Error as exc:
        raise FileProblem(1, f"The header row cannot be read: {exc}.") from None

    def records() -> Iterator[tuple[int, Record]]:
        last_line = reader.line_num
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise FileProblem(
                    last_line + 1, f"Line {last_line + 1} is not valid {text.encoding} text."
                ) from None
            except csv.Error as exc:
                raise FileProblem(
                    last_line + 1, f"Line {last_line + 1} cannot be read: {exc}."
                ) from None
            start, last_line = last_line + 1, reader.line_num
            if any(fields):
                yield start, fields

    return columns, records()


def _chain_first(first: str, rest: io.TextIOWrapper) -> Iterator[str]:
    yield first
    yield from rest


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
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        book.close()
        raise FileProblem(0, "The first sheet of the workbook is empty.")
    columns = _unique_columns(["" if value is None else str(value) for value in header])
    expected = sheet.max_row or 0
    position = [1]

    def records() -> Iterator[tuple[int, Record]]:
        for number, values in enumerate(rows, start=2):
            position[0] = number
            if any(value not in (None, "") for value in values):
                yield number, list(values)

    def progress() -> float:
        return min(1.0, position[0] / expected) if expected else 0.0

    return Table(
        file_format=XLSX,
        encoding="",
        columns=columns,
        records=records(),
        progress=progress,
        close=book.close,
    )


def preview(table: Table, rows: int = PREVIEW_ROWS) -> list[list[str]]:
    """The first ``rows`` records as text, one cell per column, for people to look at."""
    shown: list[list[str]] = []
    for _, record in table.records:
        if len(shown) >= rows:
            break
        if isinstance(record, Unreadable):
            shown.append([record.message] + [""] * (len(table.columns) - 1))
        elif isinstance(record, dict):
            shown.append([_as_text(record.get(column)) for column in table.columns])
        else:
            cells = [_as_text(value) for value in record[: len(table.columns)]]
            shown.append(cells + [""] * (len(table.columns) - len(cells)))
    return shown


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
