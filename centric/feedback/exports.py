"""Responses as spreadsheet rows: one row per response, one column per survey question and one
per custom attribute, written as CSV or XLSX, both streamed: the first bytes leave at once, and
no export sits whole in memory however many responses it holds. Free text is untrusted, so no
cell can become a formula.

Each row says whether the response was submitted: a survey's results count only those, so the
figures computed from the rows marked "Submitted" are the figures of its page."""

from __future__ import annotations

import csv
import itertools
import json
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.db import connection
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from centric.feedback.answers import localised
from centric.feedback.models import Answer, Invitation, Question, Response, Survey
from centric.feedback.results import EVERY, Selection
from centric.feedback.selectors import INVITATION_STATES, responses_visible_to
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
    "status",
    "started_at (UTC)",
    "responded_at (UTC)",
    "submitted_at (UTC)",
    "score",
    "score_type",
    "comment",
    "source_ref",
    "segment",
]
# after them, for a survey that asks in waves: the wave whose invitation a response answers
WAVE_COLUMN = "wave"
# whether a response was sent, in words: the results count only the submitted ones
SUBMITTED, NOT_SUBMITTED = "Submitted", "Started, not finished"
# what a row is made of, read as plain values: building a model (and its seven related ones) for
# each response took most of the time of a large export
FIELDS = (
    "pk",
    "contact__first_name",
    "contact__last_name",
    "contact__email",
    "person__first_name",
    "person__last_name",
    "person__email",
    "customer__account__name",
    "customer__team__name",
    "channel",
    "kind",
    "survey__name",
    "stage__name",
    "touchpoint__name",
    "language",
    "created_at",
    "responded_at",
    "submitted_at",
    "score",
    "score_type",
    "comment",
    "source_ref",
    "customer__account__segment__name",
    "attributes",
    "invitation__wave",
    "invitation__follow_up",
)
CHUNK_ROWS = 2000
CHANNELS = dict(Response.Channel.choices)
# the channels of a survey's own pages, where a response is started before it is sent; an
# import or the API stores it whole, at a moment that says nothing of when it was begun
STARTED_ON_A_PAGE = {Response.Channel.EMAIL, Response.Channel.LINK}
KINDS = dict(Response.Kind.choices)
CHOICE_KINDS = {Question.Kind.SINGLE, Question.Kind.MULTIPLE}
# A spreadsheet reads a cell starting with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_LIMIT = 32_767
# an XLSX export is handed on in pieces of about this size
XLSX_PIECE = 256 * 1024
# the rows a worksheet holds, its header included
XLSX_SHEET_ROWS = 1_048_576
Cell = str | int | float | datetime | None
Rows = Iterator[list[Cell]]


def responses_for_export(
    *, actor: User, survey: Survey | None = None, selection: Selection = EVERY
) -> QuerySet[Response]:
    """The responses the actor may see — of one survey, or all feedback — oldest first; of the
    ``selection`` as a survey's page shows its results: those answering one wave's invitations,
    those given within a window of time. A response not submitted counts where it was started,
    so that the export holds the partial answers the page counts apart, marked as such."""
    responses = responses_visible_to(actor)
    if survey is not None:
        responses = responses.filter(survey=survey)
    if selection.wave is not None:
        responses = responses.filter(invitation__wave=selection.wave, invitation__follow_up=False)
    if selection.window is not None:
        responses = responses.alias(given=Coalesce("responded_at", "created_at")).filter(
            given__gte=selection.window.start, given__lt=selection.window.end
        )
    return responses.order_by("created_at", "id")


def question_column(question: Question, language: str) -> str:
    """The name of a question's column: its wording in ``language`` (else the default's, else
    English, else any) on one line, then its key in brackets, which keeps the column's name
    unique and a program reading the file able to find it:
    ``How likely are you to recommend us? [nps]``. Only the key, for a question without
    wording."""
    wording = " ".join(localised(question.text, language).split())
    return f"{wording} [{question.key}]" if wording else question.key


def export_rows(
    responses: QuerySet[Response],
    questions: Sequence[Question] = (),
    *,
    language: str = "en",
    waves: bool = False,
) -> Rows:
    """The header, then a row per response, read from the database in chunks. A question's
    column is named by its wording in ``language`` (the survey's) with its key
    (``question_column``), and a choice is written as its option's label in that language, as
    people read it on the form. With ``waves`` (a survey that asks in waves) a column says the
    wave a response answers (none for an answer by the open link or a re-survey after a case).
    After the questions comes a column for each custom attribute key the responses have, named
    "attribute: <key>" so that none can take the name of another column."""
    keys = _attribute_keys(responses)
    yield [
        *COLUMNS,
        *([WAVE_COLUMN] if waves else []),
        *(question_column(question, language) for question in questions),
        *(f"attribute: {key}" for key in keys),
    ]
    labels = {question.pk: _option_labels(question, language) for question in questions}
    values = responses.values_list(*FIELDS, named=True).iterator(chunk_size=CHUNK_ROWS)
    while chunk := list(itertools.islice(values, CHUNK_ROWS)):
        answers = _answers([row.pk for row in chunk], questions) if questions else {}
        for row in chunk:
            given = answers.get(row.pk, {})
            yield [
                row.pk,
                _respondent(row),
                row.customer__account__name or row.customer__team__name or "",
                CHANNELS.get(row.channel, row.channel),
                KINDS.get(row.kind, row.kind),
                row.survey__name or "",
                row.stage__name or "",
                row.touchpoint__name or "",
                row.language,
                SUBMITTED if row.submitted_at is not None else NOT_SUBMITTED,
                _utc(row.created_at) if row.channel in STARTED_ON_A_PAGE else None,
                _utc(row.responded_at),
                _utc(row.submitted_at),
                row.score,
                row.score_type,
                row.comment,
                row.source_ref,
                row.customer__account__segment__name or "",
                *([_wave(row)] if waves else []),
                *(_answer(given.get(question.pk), labels[question.pk]) for question in questions),
                *(_attribute(row.attributes.get(key)) for key in keys),
            ]


def _wave(row: Any) -> int | None:
    # a re-survey after a case belongs to no wave, as on the survey's page
    return None if row.invitation__follow_up in (None, True) else row.invitation__wave


def _attribute_keys(responses: QuerySet[Response]) -> list[str]:
    """The keys of the responses' custom attributes, sorted. The database lists them, in one
    query: reading every response's attributes first would hold back a large export's first
    bytes."""
    sql, params = responses.order_by().values("attributes").query.sql_with_params()
    each = "jsonb_each" if connection.vendor == "postgresql" else "json_each"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT a.key FROM ({sql}) r, {each}(r.attributes) a", params)  # noqa: S608 - the SQL is Django's
        return sorted(key for (key,) in cursor.fetchall())


def _answers(response_ids: list[int], questions: Sequence[Question]) -> dict[int, dict[int, Any]]:
    """The answers of these responses to ``questions``: response id -> question id -> value."""
    found: dict[int, dict[int, Any]] = {}
    answers = Answer.objects.filter(response_id__in=response_ids, question__in=questions)
    for response_id, question_id, number, choices, text in answers.values_list(
        "response_id", "question_id", "number", "choices", "text"
    ):
        # as Answer.value reads it
        value = number if number is not None else (choices or text)
        found.setdefault(response_id, {})[question_id] = value
    return found


def _option_labels(question: Question, language: str) -> dict[str, str] | None:
    """Each option's label in ``language`` (else English, else any), by its code; None when the
    question has no options to choose from."""
    if question.kind not in CHOICE_KINDS:
        return None
    labels: dict[str, str] = {}
    for option in question.options:
        code, label = str(option["value"]), option.get("label") or {}
        labels[code] = str(
            label.get(language) or label.get("en") or next(iter(label.values()), code)
        )
    return labels


def _attribute(value: Any) -> Cell:
    # text and whole numbers as they are; anything else (a list, true, 4.2) as JSON
    if isinstance(value, str | None) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    return json.dumps(value, ensure_ascii=False)


def _respondent(row: Any) -> str:
    if row.contact__email is not None:
        name = f"{row.contact__first_name} {row.contact__last_name}".strip()
        return f"{name} <{row.contact__email}>"
    if row.person__email is not None:
        name = f"{row.person__first_name} {row.person__last_name}".strip()
        return f"{name} <{row.person__email}>".strip()
    return ""


def _utc(moment: datetime | None) -> datetime | None:
    # spreadsheets have no time zones, so every moment is written in UTC
    return moment.astimezone(UTC).replace(tzinfo=None) if moment else None


def _answer(value: Any, labels: dict[str, str] | None) -> Cell:
    if labels is not None and value not in (None, "", []):
        # a choice no longer offered keeps its code, so the answer is not lost
        codes = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(str(code), str(code)) for code in codes)
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


def invitation_rows(invitations: Iterable[Invitation]) -> Rows:
    """A survey's invitations (``selectors.survey_invitations``), a row each: whom, for which account or team, and what became
    of it (times in UTC, as in the responses' exports)."""
    yield ["Name", "Account or team", "Email", "Language", "Wave", "Emailed (UTC)",
           "Reminded (UTC)", "What became of it"]  # fmt: skip
    for invitation in invitations:
        who = invitation.contact or invitation.person
        account = invitation.contact.account if invitation.contact else invitation.customer.team
        yield [
            str(who) if who else "",
            str(account) if account else "",
            invitation.email,
            invitation.language,
            invitation.wave,
            _utc(invitation.sent_at),
            _utc(invitation.reminded_at),
            INVITATION_STATES[invitation.state],  # type: ignore[attr-defined]
        ]


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
    if isinstance(value, int | float):
        return str(value)
    return defuse(value)


# XLSX ------------------------------------------------------------------------------------------
# The workbook is written here rather than by openpyxl, which took three times as long as the
# whole rest of an export and gives the file only once it is complete. It has the parts a
# spreadsheet needs and no more: its sheets, and one style for dates.


def xlsx_bytes(rows: Iterable[list[Cell]], *, title: str = "Responses") -> bytes:
    """The rows as an XLSX workbook, in one piece (see ``xlsx_pieces``)."""
    return b"".join(xlsx_pieces(rows, title=title))


def xlsx_pieces(
    rows: Iterable[list[Cell]], *, title: str = "Responses", sheet_rows: int = XLSX_SHEET_ROWS
) -> Iterator[bytes]:
    """The rows as an XLSX workbook, handed on as it is written. Text is always a text cell
    (an inline string), which a spreadsheet shows as it is and never runs as a formula. Rows
    beyond what a sheet holds (``sheet_rows``) go on to further sheets, each starting with the
    first row again (the header)."""
    pipe = _Pipe()
    remaining = iter(rows)
    header = next(remaining, None)
    letters: list[str] = []  # the name of each column so far: A, B, … AA
    sheets = 0
    # the fastest compression: it still makes the sheet several times smaller
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        more = True
        while more:
            sheets += 1
            with book.open(f"xl/worksheets/sheet{sheets}.xml", "w") as sheet:
                sheet.write(_SHEET_START)
                number = 1
                room = sheet_rows
                chunk = [header] if header is not None else []
                while chunk:
                    letters += [
                        _column_letters(n) for n in range(len(letters), max(map(len, chunk)))
                    ]
                    xml = "".join(
                        _xlsx_row(number + i, row, letters) for i, row in enumerate(chunk)
                    )
                    sheet.write(xml.encode("utf-8", "replace"))
                    number += len(chunk)
                    room -= len(chunk)
                    if pipe.size >= XLSX_PIECE:
                        yield pipe.take()
                    chunk = list(itertools.islice(remaining, min(500, room)))
                sheet.write(_SHEET_END)
            following = next(remaining, None)  # whether another sheet is needed
            more = following is not None
            if following is not None:
                remaining = itertools.chain([following], remaining)
        # the parts that list the sheets go last: a zip file may hold its parts in any order
        for name, part in _xlsx_parts(title, sheets).items():
            book.writestr(name, part)
    yield pipe.take()


class _Pipe:
    """Where the zip file is written, and handed on from by ``take``: a stream that cannot seek,
    which ``zipfile`` writes to in one pass."""

    def __init__(self) -> None:
        self.pieces: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.pieces.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.pieces)
        self.pieces, self.size = [], 0
        return data


def _xlsx_row(number: int, row: list[Cell], letters: list[str]) -> str:
    cells = "".join(
        _xlsx_cell(f"{letter}{number}", value) for letter, value in zip(letters, row, strict=False)
    )
    return f'<row r="{number}">{cells}</row>'


def _xlsx_cell(ref: str, value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        text = escape(ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_LIMIT])
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        # a date is a number of days since Excel's day 0, shown through the date style (1)
        return f'<c r="{ref}" s="1"><v>{(value - _EXCEL_DAY_0) / _ONE_DAY!r}</v></c>'
    if isinstance(value, float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return f'<c r="{ref}"><v>{int(value)}</v></c>'


def _sheet_name(name: str, number: int) -> str:
    """The name of the workbook's ``number``-th sheet: the title, then "Title (2)" … (31
    characters at most)."""
    return name if number == 1 else f"{name[:25].rstrip()} ({number})"


def _column_letters(index: int) -> str:
    """The name of the column at ``index`` (from 0): A … Z, AA, AB …"""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _xlsx_parts(title: str, sheets: int) -> dict[str, str]:
    # a sheet's name has at most 31 characters and none of []:*?/\
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Sheet1"
    numbers = range(1, sheets + 1)
    return {
        "[Content_Types].xml": _XML
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for n in numbers
        )
        + '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>",
        "_rels/.rels": _XML + f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
        f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": _XML + f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
        "<sheets>"
        + "".join(
            f'<sheet name={quoteattr(_sheet_name(name, n))} sheetId="{n}" r:id="rId{n}"/>'
            for n in numbers
        )
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": _XML
        + f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
        + "".join(
            f'<Relationship Id="rId{n}" Type="{_RELATIONSHIPS}/worksheet" '
            f'Target="worksheets/sheet{n}.xml"/>'
            for n in numbers
        )
        + f'<Relationship Id="rId{sheets + 1}" Type="{_RELATIONSHIPS}/styles" '
        'Target="styles.xml"/>'
        "</Relationships>",
        "xl/styles.xml": _XML + f'<styleSheet xmlns="{_MAIN}">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>",
    }


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_START = (_XML + f'<worksheet xmlns="{_MAIN}"><sheetData>').encode()
_SHEET_END = b"</sheetData></worksheet>"
_EXCEL_DAY_0 = datetime(1899, 12, 30)  # noqa: DTZ001 - a spreadsheet's moments have no zone
_ONE_DAY = timedelta(days=1)
