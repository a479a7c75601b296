"""Read a feedback export (CSV, XLSX or JSON Lines) into a frame of text columns.

Every column comes back as ``pl.String`` (empty cells as null), whatever the source: the
column guesser decides what is a number or a date, the same way for every format. CSV may
be UTF-8 with or without a byte-order mark, UTF-16, or Latin-1 / Windows-1252, with any
of the usual delimiters and quoted newlines.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from pathlib import Path

import polars as pl

FORMATS = ("csv", "xlsx", "jsonl")

_DELIMITERS = ",;\t|"


class SourceError(ValueError):
    """The file cannot be read as a feedback export; the message says why."""


def read_table(path: Path) -> pl.DataFrame:
    """The rows of ``path`` with one ``pl.String`` column per field, in file order."""
    kind = source_format(path)
    if kind == "xlsx":
        frame = _read_xlsx(path)
    elif kind == "jsonl":
        frame = _read_jsonl(path)
    else:
        frame = _read_csv(path.read_bytes())
    if frame.width == 0:
        raise SourceError(f"{path} has no columns.")
    return frame.with_columns(
        pl.when(pl.col(c).str.strip_chars() == "").then(None).otherwise(pl.col(c)).alias(c)
        for c in frame.columns
    )


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


def _read_csv(data: bytes) -> pl.DataFrame:
    text = decode(data)
    if not text.strip():
        raise SourceError("the file is empty.")
    try:
        delimiter = csv.Sniffer().sniff(text[:65536], delimiters=_DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    try:
        return pl.read_csv(
            io.BytesIO(text.encode("utf-8")),
            separator=delimiter,
            infer_schema=False,
            truncate_ragged_lines=True,
        )
    except pl.exceptions.PolarsError as error:
        raise SourceError(f"not a readable CSV file: {error}") from error


def _read_xlsx(path: Path) -> pl.DataFrame:
    from openpyxl import load_workbook  # only the XLSX path pays for importing it

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = (
            [_cell_text(value) for value in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        )
        header = next((r for r in rows if any(v is not None for v in r)), None)
        if header is None:
            raise SourceError(f"{path.name}: the first sheet is empty.")
        return _frame(_column_names(header), rows)
    finally:
        workbook.close()


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
