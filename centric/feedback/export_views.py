"""Downloads of responses as CSV (streamed, so a large survey never sits in memory) or XLSX,
holding only what the signed-in person may see."""

from __future__ import annotations

from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from centric.feedback import exports, selectors
from centric.people.auth import AuthedRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def survey_export_csv(request: AuthedRequest, survey_id: int) -> StreamingHttpResponse:
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    responses = exports.responses_for_export(actor=request.user, survey=survey)
    rows = exports.export_rows(responses, list(survey.questions.all()))
    return _csv(rows, f"survey-{survey.pk}-responses.csv")


@require_GET
def survey_export_xlsx(request: AuthedRequest, survey_id: int) -> HttpResponse:
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    responses = exports.responses_for_export(actor=request.user, survey=survey)
    rows = exports.export_rows(responses, list(survey.questions.all()))
    return _xlsx(exports.xlsx_bytes(rows), f"survey-{survey.pk}-responses.xlsx")


@require_GET
def feedback_export_csv(request: AuthedRequest) -> StreamingHttpResponse:
    rows = exports.export_rows(exports.responses_for_export(actor=request.user))
    return _csv(rows, "feedback.csv")


@require_GET
def feedback_export_xlsx(request: AuthedRequest) -> HttpResponse:
    rows = exports.export_rows(exports.responses_for_export(actor=request.user))
    return _xlsx(exports.xlsx_bytes(rows), "feedback.xlsx")


def _csv(rows: exports.Rows, file_name: str) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        exports.csv_lines(rows),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )


def _xlsx(content: bytes, file_name: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )
