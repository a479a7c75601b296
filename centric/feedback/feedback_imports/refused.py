"""The rows a check refused, as the file has them, for people to fix in a spreadsheet and import
again: the line each starts on and why it was refused, then every column of the file.

Made from what an import keeps — its file, read again, and the problems it stored (the first
``services.MAX_ERRORS_KEPT``) — so it holds the rows of the problems kept. A row the file cannot
give back (one that could not be read, or any row once the file is gone) has its line and reasons
alone. Imports no Django."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import polars as pl

from centric.feedback.feedback_imports.reading import FileProblem, cell_name

LINE = "Line in the file"
REASONS = "Why it was refused"
RefusedRow = list[str | int]


def refused_lines(errors: Iterable[dict[str, Any]]) -> list[int]:
    """The lines of the refused rows, in order; a problem of the whole file (line 0) is no row."""
    return sorted({error["line"] for error in errors if error["line"]})


def refused_rows(
    columns: list[str], errors: list[dict[str, Any]], batches: Iterator[pl.DataFrame]
) -> Iterator[RefusedRow]:
    """The header, then a row for each line of ``errors`` (``RowError.as_dict``), its cells found
    in ``batches`` (the file read again by ``reading``). A file downloaded from here before has
    a line and reasons of its own already: those columns are left out, so that it imports again."""
    kept = [position for position, name in enumerate(columns) if name not in (LINE, REASONS)]
    yield [LINE, REASONS, *(columns[position] for position in kept)]
    reasons = _reasons_by_line(errors)
    pending = refused_lines(errors)
    done = 0
    try:
        for batch in batches if pending else ():
            last = int(batch["line"][-1])  # a batch's rows come in the file's order
            wanted = [line for line in pending[done:] if line <= last]
            if not wanted:
                continue
            found = batch.filter(pl.col("line").is_in(wanted)).select(
                "line", *(cell_name(position) for position in kept), "overflow"
            )
            # a row of more fields than the header has them after its columns, as in the file
            cells = {
                row[0]: ["" if cell is None else cell for cell in row[1:-1]] + (row[-1] or [])
                for row in found.rows()
            }
            for line in wanted:
                yield [line, reasons[line], *cells.get(line, [""] * len(kept))]
            done += len(wanted)
            if done == len(pending):
                return  # the rest of the file is not read
    except FileProblem:
        pass  # the file stops being readable: the rows from here on are given by their problems
    for line in pending[done:]:
        yield [line, reasons[line], *[""] * len(kept)]


def _reasons_by_line(errors: Iterable[dict[str, Any]]) -> dict[int, str]:
    """Each line's problems in one cell, each after the column it is in."""
    reasons: dict[int, list[str]] = {}
    for error in errors:
        column, message = error["column"], error["message"]
        reasons.setdefault(error["line"], []).append(f"{column}: {message}" if column else message)
    return {line: " ".join(messages) for line, messages in reasons.items()}
