"""Downloads of responses as CSV or XLSX, holding only what the signed-in person may see. Both are
streamed: a large export starts downloading at once and never sits whole in memory.

An export holds what the page it is taken from shows: the survey page's wave and period
(``?wave=2&days=90``, as its results read them), and its file's name says so."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from centric.core.periods import Window
from centric.feedback import exports, selectors
from centric.feedback.views import selection_asked
from centric.people.auth import AuthedRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# the most of a file's name a survey's name may take
FILE_NAME_PART = 60


@require_GET
def survey_export_csv(request: AuthedRequest, survey_id: int) -> HttpResponseBase:
    return _survey_export(request, survey_id, "csv")


@require_GET
def survey_export_xlsx(request: AuthedRequest, survey_id: int) -> HttpResponseBase:
    return _survey_export(request, survey_id, "xlsx")


@require_GET
def feedback_export_csv(request: AuthedRequest) -> HttpResponseBase:
    return _feedback_export(request, "csv")


@require_GET
def feedback_export_xlsx(request: AuthedRequest) -> HttpResponseBase:
    return _feedback_export(request, "xlsx")


def _survey_export(request: AuthedRequest, survey_id: int, kind: str) -> HttpResponseBase:
    """The survey's responses of the wave and period asked for; a wave the survey does not
    have, or dates that are no period, are refused (400) rather than read as every response,
    which a file would not say."""
    user = request.user
    survey = selectors.survey_access(actor=user, survey_id=survey_id)
    waves = selectors.survey_wave_numbers(survey)
    selection, problem = selection_asked(request, waves)
    if problem:
        return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
    responses = exports.responses_for_export(actor=user, survey=survey, selection=selection)
    questions = list(survey.questions.order_by("page", "position"))
    rows = exports.export_rows(
        responses, questions, language=survey.default_language, waves=bool(waves)
    )
    named = [slugify(survey.name) or f"survey-{survey.pk}"]
    if selection.wave is not None:
        named.append(f"wave-{selection.wave}")
    return _download(rows, _file_name("responses", named, selection.window), kind)


def _feedback_export(request: AuthedRequest, kind: str) -> HttpResponseBase:
    """Every piece of feedback the person may see, of the period asked for, if any."""
    selection, problem = selection_asked(request, [])
    if problem:
        return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
    responses = exports.responses_for_export(actor=request.user, selection=selection)
    return _download(
        exports.export_rows(responses), _file_name("feedback", [], selection.window), kind
    )


def _file_name(what: str, named: Sequence[str], window: Window | None) -> str:
    """An export's file name says what it holds, what narrows it, its period and the day it
    was taken, as the Insights exports' do: ``responses-pulse-wave-2-90-days-2026-12-03``,
    ``feedback-2026-07-01-to-2026-09-30-2026-12-03``; no period, for answers given at any
    time. Each part is a slug (nothing a file system or a header could mistake), cut short."""
    period = ""
    if window is not None:
        period = f"{window.days}-days" if window.days else f"{window.first}-to-{window.last_day}"
    parts = [what, *(part[:FILE_NAME_PART].strip("-") for part in named), period]
    return "-".join(part for part in (*parts, str(timezone.localdate())) if part)


def _download(rows: exports.Rows, name: str, kind: str) -> StreamingHttpResponse:
    if kind == "xlsx":
        return _streamed(exports.xlsx_pieces(rows), XLSX, f"{name}.xlsx")
    return _streamed(exports.csv_lines(rows), "text/csv; charset=utf-8", f"{name}.csv")


def _streamed(
    content: Iterator[bytes] | Iterator[str], content_type: str, file_name: str
) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )
