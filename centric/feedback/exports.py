"""Responses as spreadsheet rows: one row per response, one column per survey question, written
as CSV (streamed) or XLSX. Free text is untrusted, so no cell can become a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell

from centric.feedback.models import Question, Response, Survey
from centric.feedback.selectors import responses_visible_to
from centric.people.models import User

COLUMNS = [
    "id",
    "respondent",
    "customer",
    "channel",
    "kind",
    "survey",
    "stage",
    "touchpoint",
    "language",
    "responded_at (UTC)",
    "submitted_at (UTC)",
    "score",
    "score_type",
    "comment",
    "source_ref",
]
# A spreadsheet reads a cell starting with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32_767
Cell = str | int | datetime | None
Rows = Iterator[list[Cell]]


def responses_for_export(*, actor: User, survey: Survey | None = None) -> QuerySet[Response]:
    """The responses the actor may see — of one survey, or all feedback — oldest first."""
    responses = responses_visible_to(actor)
    if survey is not None:
        responses = responses.filter(survey=survey)
    return responses.select_related(
        "customer__account", "customer__team", "contact", "person", "survey", "stage", "touchpoint"
    ).order_by("created_at", "id")


def export_rows(responses: QuerySet[Response], questions: Sequence[Question] = ()) -> Rows:
    """The header, then a row per response, read from the database in chunks."""
    yield [*COLUMNS, *(question.key for question in questions)]
    if questions:
        responses = responses.prefetch_related("answers__question")
    for response in responses.iterator(chunk_size=500):
        answers = (
            {answer.question_id: answer.value for answer in response.answers.all()}
            if questions
            else {}
        )
        yield [
            response.pk,
            _respondent(response),
            response.customer.name if response.customer else "",
            response.get_channel_display(),
            response.get_kind_display(),
            response.survey.name if response.survey else "",
            response.stage.name if response.stage else "",
            response.touchpoint.name if response.touchpoint else "",
            response.language,
            _utc(response.responded_at),
            _utc(response.submitted_at),
            response.score,
            response.score_type,
            response.comment,
            response.source_ref,
            *(_answer(answers.get(question.pk)) for question in questions),
        ]


def _respondent(response: Response) -> str:
    if response.contact:
        return f"{response.contact} <{response.contact.email}>"
    if response.person:
        return f"{response.person.get_full_name()} <{response.person.email}>".strip()
    return ""


def _utc(moment: datetime | None) -> datetime | None:
    # spreadsheets have no time zones, so every moment is written in UTC
    return moment.astimezone(UTC).replace(tzinfo=None) if moment else None


def _answer(value: Any) -> Cell:
    if isinstance(value, list):
        return "; ".join(str(choice) for choice in value)
    return value  # type: ignore[no-any-return]


def defuse(text: str) -> str:
    """The text, made inert for a spreadsheet: a leading apostrophe keeps a would-be formula
    as text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file-like object that hands back what is written to it, for streaming CSV."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[Cell]]) -> Iterator[str]:
    """The rows as CSV lines, starting with a byte-order mark so that Excel reads UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([_csv_cell(value) for value in row])


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, int):
        return str(value)
    return defuse(value)


def xlsx_bytes(rows: Iterable[list[Cell]], *, title: str = "Responses") -> bytes:
    """The rows as an XLSX workbook. Text is always written as text, never as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet: Any, value: Cell) -> Any:
    if not isinstance(value, str):
        cell = WriteOnlyCell(sheet, value)
        if isinstance(value, datetime):
            cell.number_format = "yyyy-mm-dd hh:mm:ss"
        return cell
    text = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_LIMIT]
    cell = WriteOnlyCell(sheet, text)
    # openpyxl would store "=…" as a formula; a string cell is shown exactly as typed
    cell.data_type = "s"
    return cell
