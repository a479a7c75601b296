"""Downloads of responses as CSV or XLSX, holding only what the signed-in person may see. Both are
streamed: a large export starts downloading at once and never sits whole in memory."""

from __future__ import annotations

from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.views.decorators.http import require_GET

from centric.feedback import exports, selectors
from centric.people.auth import AuthedRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def survey_export_csv(request: AuthedRequest, survey_id: int) -> StreamingHttpResponse:
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    responses = exports.responses_for_export(actor=request.user, survey=survey)
    rows = exports.export_rows(
        responses, list(survey.questions.all()), language=survey.default_language
    )
    return _csv(rows, f"survey-{survey.pk}-responses.csv")


@require_GET
def survey_export_xlsx(request: AuthedRequest, survey_id: int) -> StreamingHttpResponse:
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    responses = exports.responses_for_export(actor=request.user, survey=survey)
    rows = exports.export_rows(
        responses, list(survey.questions.all()), language=survey.default_language
    )
    return _xlsx(exports.xlsx_pieces(rows), f"survey-{survey.pk}-responses.xlsx")


@require_GET
def feedback_export_csv(request: AuthedRequest) -> StreamingHttpResponse:
    rows = exports.export_rows(exports.responses_for_export(actor=request.user))
    return _csv(rows, "feedback.csv")


@require_GET
def feedback_export_xlsx(request: AuthedRequest) -> StreamingHttpResponse:
    rows = exports.export_rows(exports.responses_for_export(actor=request.user))
    return _xlsx(exports.xlsx_pieces(rows), "feedback.xlsx")


def _csv(rows: exports.Rows, file_name: str) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        exports.csv_lines(rows),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )


def _xlsx(pieces: Iterator[bytes], file_name: str) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        pieces,
        content_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )
