"""Survey pages for staff: the list, building a survey, sending it, its results and waves, the
journey. The pages where customers answer are in ``respond_views``."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Max, Min, QuerySet
from django.db.models.functions import Coalesce
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst, get_text_list
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from centric.core import clock
from centric.core.periods import CHOSEN, PERIODS, Window, chosen_window, day_ended_by
from centric.core.permissions import require_org_wide, sees_whole_organisation
from centric.feedback import answers as answer_rules
from centric.feedback import editing, selectors, services
from centric.feedback.catalog import TEMPLATES
from centric.feedback.exports import csv_lines, invitation_rows
from centric.feedback.feedback_imports.mapping import TARGETS
from centric.feedback.forms import (
    LANGUAGE_NAMES,
    InviteForm,
    JourneyStageForm,
    QuestionForm,
    SurveyCreateForm,
    SurveySettingsForm,
    TouchpointForm,
)
from centric.feedback.models import Answer, Question, Response, Survey, Touchpoint
from centric.feedback.results import Selection, centricity_result, survey_results
from centric.people.auth import AuthedRequest
from centric.people.models import User

INVITATIONS_SHOWN = 50
# the words of a survey written per language besides its questions, as its page names them
SURVEY_PARTS = {
    "title": "the title respondents read",
    "intro": "the introduction",
    "thank_you": "the thank-you message",
}
# the attributes an import fills from a field of its mapping rather than from a column kept as
# it is, named as the mapping names them
MAPPED_ATTRIBUTES = {key: TARGETS[key] for key in ("segment", "channel")}


def survey_list(request: AuthedRequest) -> HttpResponse:
    surveys = list(selectors.survey_list(actor=request.user))
    headlines = selectors.survey_headlines(actor=request.user, surveys=surveys)
    zone = ZoneInfo(request.user.organisation.time_zone)
    context = {
        "rows": [
            (survey, headlines.get(survey.pk), day_ended_by(survey.closes_at, zone))
            for survey in surveys
        ],
        "can_add": sees_whole_organisation(request.user),
    }
    return render(request, "feedback/survey_list.html", context)


def survey_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    form = SurveyCreateForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create_from_template(
                actor=user, template=form.cleaned_data["template"], values=form.values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Survey “{survey}” created as a draft. Open it when you are ready."
            )
            return redirect(survey)
    previews = _template_previews()
    choices = [(choice, previews[choice.data["value"]]) for choice in form["template"]]
    return render(request, "feedback/survey_create.html", {"form": form, "choices": choices})


def _template_previews() -> dict[str, list[tuple[str, str]]]:
    """Each template's questions as the new-survey page previews them: the English wording,
    and how it is asked ("Free text, optional, after a score of 0–6")."""
    kinds = dict(Question.Kind.choices)
    previews = {}
    for slug, template in TEMPLATES.items():
        rows = []
        for question in template.questions:
            how = [kinds[question.kind]]
            if question.scale:
                how[0] += " ({}–{})".format(*question.scale)
            if not question.required:
                how.append("optional")
            if {"min", "max"} <= question.show_if.keys():
                how.append(f"after a score of {question.show_if['min']}–{question.show_if['max']}")
            rows.append((question.text["en"], ", ".join(how)))
        previews[slug] = rows
    return previews


def survey_edit(request: AuthedRequest, survey_id: int) -> HttpResponse:
    user = request.user
    survey = selectors.survey_access(actor=user, survey_id=survey_id)
    require_org_wide(user)
    form = SurveySettingsForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(actor=user, survey=survey, values=form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Settings of “{survey}” saved.")
            return redirect(survey)
    return render(request, "feedback/survey_edit.html", {"form": form, "survey": survey})


def survey_detail(request: AuthedRequest, survey_id: int) -> HttpResponse:
    return _survey_page(request, selectors.survey_access(actor=request.user, survey_id=survey_id))


def _survey_page(
    request: AuthedRequest, survey: Survey, invite_form: InviteForm | None = None
) -> HttpResponse:
    """The survey's page; with the invitation form as it was sent, when it was refused."""
    user = request.user
    responses = selectors.response_list(actor=user, survey=survey)
    # by when each was given (an imported answer by its file's date), or last changed if not yet
    newest = responses.order_by(Coalesce("responded_at", "updated_at").desc(), "-pk")
    latest = [
        {"response": response, "answers": _answers_read(response.answers.all(), survey)}
        for response in newest[:50]
    ]
    questions = list(survey.questions.order_by("page", "position"))
    asked = {question.key: question for question in questions}
    waves = _waves(user, survey)
    wave, wave_error = _wave_asked(request, [found.number for found in waves])
    window, period_error = _results_window(request)
    selection = Selection(wave=wave, window=window)
    results = survey_results(actor=user, survey=survey, selection=selection)
    # the period chosen, kept by the links to each wave's results and by the exports
    period_query = (
        urlencode(
            {name: request.GET[name] for name in ("days", "from", "to") if request.GET.get(name)}
        )
        if window
        else ""
    )
    context = {
        "survey": survey,
        "insights_query": _insights_query(survey, responses, window),
        "questions": questions,
        "question_rows": [
            (question, editing.worded(question, survey), _follow_up_of(question, asked, survey))
            for question in questions
        ],
        "languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in survey.languages],
        "default_language_name": LANGUAGE_NAMES.get(
            survey.default_language, survey.default_language
        ),
        "missing_wording": _missing_wording(survey, questions),
        # a question written before its default language was chosen may lack it
        "default_wording_missing": any(
            not question.text.get(survey.default_language) for question in questions
        ),
        "results": results,
        "centricity": centricity_result(actor=user, survey=survey, selection=selection),
        "selection": selection,
        "periods": PERIODS,
        "period_error": period_error,
        "wave_error": wave_error,
        "period_query": period_query,
        # the exports hold what the results read: of the wave and the period shown
        "export_query": "&".join(
            part for part in (urlencode({"wave": wave}) if wave else "", period_query) if part
        ),
        "answered": responses.filter(submitted_at__isnull=False).exists(),
        "latest": latest,
        "partial_count": responses.filter(submitted_at__isnull=True).count(),
        "sent_count": survey.invitations.filter(sent_at__isnull=False).count(),
        "held_count": selectors.invitations_held_back(survey).count(),
        "can_manage": sees_whole_organisation(user),
        # a team's ratings are its own: the page says so to whoever else opens it
        "ratings_hidden": survey.subject_team_id is not None
        and not selectors.sees_ratings_of(actor=user, team_id=survey.subject_team_id),
        # opening asks first when it would email anyone
        "emailed_on_opening": selectors.invitations_on_opening(survey)[0]
        if survey.status != Survey.Status.OPEN and sees_whole_organisation(user)
        else 0,
        "waves": waves,
        "wave": wave,
        "next_wave": _next_wave(survey, waves),
        "reminder_days": selectors.REMINDER_AFTER.days,
        "reminder": _reminder(survey),
        "invite_form": invite_form
        or InviteForm(organisation_id=user.organisation_id, survey=survey),
        **(_open_link(survey) if survey.open_link else {}),
    }
    return render(request, "feedback/survey_detail.html", context)


def _missing_wording(survey: Survey, questions: Sequence[Question]) -> list[dict[str, Any]]:
    """What has no wording in some of the survey's languages (questions, options, the
    introduction and the thank-you message), the languages that lack the same together, so
    that one sentence names them all: "German, French and Italian (3 languages)"."""
    groups: dict[selectors.MissingWording, dict[str, Any]] = {}
    for language, missing in selectors.survey_missing_wording(survey, questions).items():
        group = groups.setdefault(
            missing,
            {
                "questions": [(q, editing.worded(q, survey)) for q in missing.questions],
                "options": [(q, label, editing.worded(q, survey)) for q, label in missing.options],
                "parts": get_text_list([SURVEY_PARTS[part] for part in missing.parts], "and"),
                "parts_count": len(missing.parts),
                "languages": [],
            },
        )
        group["languages"].append(LANGUAGE_NAMES.get(language, language))
    for group in groups.values():
        names = group["languages"]
        group["named"] = get_text_list(names, "and")
        if len(names) > 2:
            group["named"] += f" ({len(names)} languages)"
    return list(groups.values())


def _reminder(survey: Survey) -> dict[str, Any]:
    """Whether the page offers the one reminder: when ``survey_send`` has someone to send it
    to (invitations emailed ``REMINDER_AFTER`` ago, not answered nor reminded); else, for an
    open survey whose emailed invitations wait for it, when the first will be due, on the
    organisation's clock; past its last day, why none is sent (``stopped``)."""
    if survey.past_last_day and survey.status != Survey.Status.DRAFT:
        stopped = selectors.survey_not_sending(survey, what="reminder")
        return {"due": 0, "from": None, "stopped": stopped}
    if survey.status != Survey.Status.OPEN:
        return {"due": 0, "from": None}
    due = selectors.invitations_due_reminder(survey.pk).count()
    if due:
        return {"due": due, "from": None}
    waiting = selectors.invitations_due_reminder(survey.pk, after=timedelta(0))
    first = waiting.aggregate(first=Min("sent_at"))["first"]
    if first is None:
        return {"due": 0, "from": None}
    zone = ZoneInfo(survey.organisation.time_zone)
    return {"due": 0, "from": timezone.make_naive(first + selectors.REMINDER_AFTER, zone)}


def _next_wave(survey: Survey, waves: Sequence[selectors.Wave]) -> dict[str, Any]:
    """When the page offers the next wave, as ``services.survey_wave_start`` starts it: once
    the current wave has run its time (``ready``); before then, from when (on the
    organisation's clock; None while nobody in it has been emailed), and how many of it have
    not answered or were not emailed, for the confirmation that starts it sooner."""
    if not waves:
        return {}
    current = waves[-1]
    starts = current.next_wave_from
    zone = ZoneInfo(survey.organisation.time_zone)
    return {
        "ready": current.has_run(clock.now()),
        "from": timezone.make_naive(starts, zone) if starts else None,
        "unanswered": current.invited - current.answered,
        "unsent": current.invited - current.emailed,
    }


def _open_link(survey: Survey) -> dict[str, Any]:
    """The open link as the survey's page shares it: the link, and for each of the survey's
    languages (its default first) the HTML that asks its opening score question in it on
    another page or in a newsletter, its links opening the survey in that language (none if
    the survey opens otherwise)."""
    link = survey.open_link_url()
    questions = selectors.survey_questions(survey)
    default = survey.default_language
    languages = [default, *(code for code in survey.languages if code != default)]
    snippets = []
    for language in languages:
        target = f"{link}?{urlencode({'lang': language})}" if len(languages) > 1 else link
        opening = answer_rules.opening_links(questions, language, default, target)
        if opening is None:
            break
        html = render_to_string("feedback/email/_opening.html", {"opening": opening}).strip()
        snippets.append((language, LANGUAGE_NAMES.get(language, language), html))
    return {"open_link": link, "open_link_snippets": snippets}


@require_GET
def survey_open_link_qr(request: AuthedRequest, survey_id: int, kind: str) -> HttpResponse:
    """The open link as a QR code (SVG or PNG), to print where customers meet the touchpoint."""
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    if not survey.open_link:
        raise Http404("This survey has no open link")
    link = survey.open_link_url()
    code = segno.make(link, error="m")
    out = io.BytesIO()
    if kind == "svg":
        code.save(out, kind="svg", scale=4, border=2, dark="#1b1f24", title=survey.name)
        content_type = "image/svg+xml"
    else:
        code.save(out, kind="png", scale=12, border=2)
        content_type = "image/png"
    response = HttpResponse(out.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="survey-{survey.pk}-open-link.{kind}"'
    return response


def _follow_up_of(question: Question, asked: Mapping[str, Question], survey: Survey) -> str:
    """When a follow-up is shown, for staff: "after “How likely …?” is 0–6"; else nothing."""
    condition = question.show_if
    if not condition:
        return ""
    source = asked.get(condition["question"])
    name = f"“{editing.worded(source, survey)}”" if source else condition["question"]
    if "in" in condition:
        language = survey.default_language
        labels = answer_rules.display(source, condition["in"], language) if source else ""
        return f"after {name} is {labels or ', '.join(map(str, condition['in']))}"
    low, high = condition.get("min"), condition.get("max")
    if low is not None and high is not None:
        return f"after {name} is {low}–{high}"
    return (
        f"after {name} is at least {low}" if low is not None else f"after {name} is at most {high}"
    )


# a label ending in one of these already leads into what follows it: "Why?", "An example:"
LEADS_IN = ("?", "？", ":", "：", "…", "!", "！", ".", "。")


def _leading_in(label: str) -> str:
    """``label`` as it stands before its answer in a line: with a colon, unless it ends in a
    mark that leads in already ("good or bad:" is not given a second)."""
    return label if label.endswith(LEADS_IN) else f"{label}:"


def _answers_read(answers: Iterable[Answer], survey: Survey) -> list[dict[str, str]]:
    """Each answer as staff read it, in the survey's language: the question's wording, in full
    and shortened to label the answer in a list (``lead``: followed by a colon where it needs
    one), and the answer, a choice by its options' labels. A question without wording is named
    by its key. ``kind`` is the question's: a free text is in the respondent's language."""
    language = survey.default_language
    ordered = sorted(answers, key=lambda answer: answer.question.position)
    read = []
    for answer in ordered:
        wording = answer_rules.localised(answer.question.text, language)
        label = _shortened(wording) if wording else answer.question.key
        read.append(
            {
                "label": label,
                "lead": _leading_in(label),
                "question": wording or answer.question.key,
                "answer": answer_rules.display(answer.question, answer.value, language),
                "kind": answer.question.kind,
            }
        )
    return read


def _earlier_read(response: Response) -> list[tuple[datetime, list[dict[str, str]]]]:
    """What a sent response said before each change its respondent made, newest first, each
    answer read as ``_answers_read`` reads the current ones (a question since deleted by its
    key)."""
    if response.survey is None or not response.earlier_answers:
        return []
    questions = {question.key: question for question in response.survey.questions.all()}
    language = response.survey.default_language
    read = []
    for given in reversed(response.answer_history):
        rows = []
        for key, value in sorted(
            given.answers.items(),
            key=lambda item: questions[item[0]].position if item[0] in questions else 1_000,
        ):
            question = questions.get(key)
            wording = answer_rules.localised(question.text, language) if question else ""
            rows.append(
                {
                    "question": wording or key,
                    "answer": answer_rules.display(question, value, language)
                    if question
                    else str(value),
                    "kind": question.kind if question else "",
                }
            )
        read.append((given.given_at, rows))
    return read


def _shortened(text: str, limit: int = 48) -> str:
    """``text`` cut after its last whole word within ``limit`` characters, with "…"; a text
    without spaces there (Japanese, a long word) is cut at the limit."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if text[limit] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–-") + "…"


@require_POST
def survey_copy(request: AuthedRequest, survey_id: int) -> HttpResponse:
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    try:
        copy = services.survey_copy(
            actor=request.user, survey=survey, name=request.POST.get("name", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(survey)
    messages.success(
        request, f"“{copy}” is a draft with the questions of “{survey}”: change it, then open it."
    )
    return redirect(copy)


@require_http_methods(["GET", "POST"])
def survey_status(request: AuthedRequest, survey_id: int) -> HttpResponse:
    """Open or close the survey: asked first (GET ``?status=open``, which changes nothing), with
    whom opening emails and what closing stops; changed on POST."""
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    if request.method == "GET":
        return _status_confirmation(request, survey, request.GET.get("status", ""))
    try:
        services.survey_set_status(
            actor=request.user, survey=survey, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(survey)
    messages.success(request, f"The survey is now {survey.get_status_display().lower()}.")
    if survey.status == Survey.Status.OPEN:
        ready = selectors.invitations_ready(survey).count()
        waiting = _waiting_for_the_window(survey)
        if ready:
            messages.info(
                request, f"Emailing {_people(ready)} their invitation in the background.{waiting}"
            )
        elif waiting:
            messages.info(request, f"No invitation is emailed now:{waiting}")
    return redirect(survey)


def _status_confirmation(request: AuthedRequest, survey: Survey, status: str) -> HttpResponse:
    """The page that asks before the survey opens or closes; the survey's page for a change it
    does not offer (any, past its last day: it takes no answers until it has a later one)."""
    require_org_wide(request.user)
    opening = status == Survey.Status.OPEN and survey.status != Survey.Status.OPEN
    closing = status == Survey.Status.CLOSED and survey.status == Survey.Status.OPEN
    if survey.past_last_day or not (opening or closing):
        return redirect(survey)
    context: dict[str, Any] = {"survey": survey, "status": status}
    if opening:
        context["emailed"], context["held"] = selectors.invitations_on_opening(survey)
    else:
        context["unanswered"] = (
            survey.invitations.filter(sent_at__isnull=False)
            .exclude(response__submitted_at__isnull=False)
            .count()
        )
        context["partial"] = survey.responses.filter(submitted_at__isnull=True).count()
    return render(request, "feedback/survey_status.html", context)


def _insights_query(survey: Survey, responses: QuerySet[Response], window: Window | None) -> str:
    """The Insights pages' filters for the survey's responses: of the ``window`` its results
    read, or from the day of its first answer to today (the last 365 days if it has none), so
    they count what its results count."""
    if window is not None and window.days:
        return urlencode({"survey": survey.pk, "days": window.days})
    if window is not None:
        since, until = window.first.isoformat(), window.last_day.isoformat()
        return urlencode({"survey": survey.pk, "days": CHOSEN, "from": since, "to": until})
    first = responses.filter(submitted_at__isnull=False).aggregate(first=Min("responded_at"))
    day = timezone.localdate(first["first"]) if first["first"] else None
    if day is None or day > timezone.localdate():
        return urlencode({"survey": survey.pk, "days": 365})
    return urlencode({"survey": survey.pk, "days": CHOSEN, "from": day.isoformat()})


def _results_window(request: HttpRequest) -> tuple[Window | None, str]:
    """The answers' period the results are asked for: the last 30, 90 or 365 days
    (``?days=90``), chosen dates (``?days=dates&from=…&to=…``), or None: any time; and what is
    wrong with the dates asked for, if anything (every answer is shown then)."""
    days = request.GET.get("days", "")
    if days.isdigit() and int(days) in PERIODS:
        return Window.last(int(days)), ""
    return chosen_window(request.GET)


def selection_asked(request: HttpRequest, waves: Sequence[int]) -> tuple[Selection, str]:
    """The responses a survey's results, and its exports, are asked for: of one of its
    ``waves`` (``?wave=2``), of a period (``_results_window``), or both; and what is wrong with
    what was asked, if anything (every response is read then)."""
    wave, wave_error = _wave_asked(request, waves)
    window, period_error = _results_window(request)
    return Selection(wave=wave, window=window), " ".join(filter(None, (wave_error, period_error)))


def _wave_asked(request: HttpRequest, numbers: Sequence[int]) -> tuple[int | None, str]:
    """The wave whose results are asked for (``?wave=2``), if the survey has it, else None:
    every response; and, when one it does not have was asked for, a sentence saying so, as the
    API refuses it."""
    asked = request.GET.get("wave", "").strip()
    if not asked:
        return None, ""
    if asked.isdigit() and int(asked) in numbers:
        return int(asked), ""
    if not numbers:
        return None, "This survey asks in no waves: only a relationship survey does."
    has = f"wave {numbers[0]}" if len(numbers) == 1 else f"waves {numbers[0]} to {numbers[-1]}"
    return None, f"This survey has no wave “{asked}”: it has {has}."


def _waves(user: User, survey: Survey) -> list[selectors.Wave]:
    """The survey's waves, with their counts and scores, if it speaks of any
    (``selectors.survey_wave_numbers``)."""
    if not selectors.survey_wave_numbers(survey):
        return []
    return selectors.survey_waves(actor=user, survey=survey)


def _invitations_asked(
    request: AuthedRequest, survey_id: int
) -> tuple[Survey, dict[str, Any], str]:
    """The survey whose invitations are asked for (admins and CX leads, who send them), and the
    wave and state asked for, if it has them: anything else asks for all; and, for a wave it
    does not have, a sentence saying so."""
    user = request.user
    require_org_wide(user)
    survey = selectors.survey_access(actor=user, survey_id=survey_id)
    state = request.GET.get("state", "")
    wave, wave_error = _wave_asked(request, range(1, survey.current_wave + 1))
    asked = {"wave": wave, "state": state if state in selectors.INVITATION_STATES else ""}
    return survey, asked, wave_error


@require_GET
def survey_invitations(request: AuthedRequest, survey_id: int) -> HttpResponse:
    """Whom the survey invited and what became of each invitation."""
    survey, asked, wave_error = _invitations_asked(request, survey_id)
    invitations = selectors.survey_invitations(survey, **asked)
    page = Paginator(invitations, INVITATIONS_SHOWN).get_page(request.GET.get("page"))
    context = {
        "survey": survey,
        "page": page,
        "waves": list(range(1, survey.current_wave + 1)) if survey.current_wave > 1 else [],
        **asked,
        "wave_error": wave_error,
        "states": selectors.INVITATION_STATES,
        "query": urlencode({name: value for name, value in asked.items() if value}),
    }
    return render(request, "feedback/survey_invitations.html", context)


@require_GET
def survey_invitations_csv(request: AuthedRequest, survey_id: int) -> HttpResponseBase:
    """The same invitations as the page shows, every one of them, as CSV; a wave the survey
    does not have is refused, as a file would not say that it holds every wave instead."""
    survey, asked, wave_error = _invitations_asked(request, survey_id)
    if wave_error:
        return HttpResponseBadRequest(wave_error, content_type="text/plain; charset=utf-8")
    invitations = selectors.survey_invitations(survey, **asked)
    return StreamingHttpResponse(
        csv_lines(invitation_rows(invitations.iterator(chunk_size=2000))),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="survey-{survey.pk}-invitations.csv"'
        },
    )


@require_POST
def survey_wave_start(request: AuthedRequest, survey_id: int) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    survey = selectors.survey_access(actor=user, survey_id=survey_id)
    try:
        survey = services.survey_wave_start(
            actor=user, survey=survey, early=request.POST.get("early") == "1"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Wave {survey.current_wave} started: the people you invite now are invited to it, "
            "those of earlier waves too, and their answers count in it.",
        )
    return redirect(survey)


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _waiting_for_the_window(survey: Survey) -> str:
    """A sentence, with a space before it, on the invitations the fatigue window holds back; empty
    when there are none."""
    held = selectors.invitations_held_back(survey).count()
    if not held:
        return ""
    return (
        f" {_people(held)} asked by another survey in the last {survey.fatigue_days} days will "
        "be emailed once that window has passed."
    )


@require_POST
def survey_invite(request: AuthedRequest, survey_id: int) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    survey = selectors.survey_access(actor=user, survey_id=survey_id)
    form = InviteForm(request.POST, organisation_id=user.organisation_id, survey=survey)
    if not form.is_valid():
        # said at the top, and beside each field of the form, which keeps what was given
        for name, errors in form.errors.items():
            # a field's label as the form shows it, said even where none was written
            label = form[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
        return _survey_page(request, survey, invite_form=form)
    created, skipped = services.invitations_create(
        actor=user,
        survey=survey,
        contacts=form.invited_contacts(),
        teams=form.invited_teams(),
    )
    messages.success(request, f"{len(created)} invited.")
    if skipped:
        messages.info(request, _skipped_message(skipped))
    stopped = selectors.survey_not_sending(survey, what="invitation")
    if not stopped:
        services.invitations_queue(survey=survey)
    elif created and survey.past_last_day:
        messages.info(request, f"{stopped} Choose a later last day in its settings to send them.")
    return redirect(survey)


def _skipped_message(skipped: Sequence[services.Skipped]) -> str:
    """How many were not invited, for each reason, with a few of their addresses."""
    reasons: dict[str, list[services.Skipped]] = {}
    for item in skipped:
        reasons.setdefault(item.reason, []).append(item)
    parts = [
        f"{len(items)} {items[0].reason_of(len(items))} "
        f"({', '.join(item.email for item in items[:3])}{', …' if len(items) > 3 else ''})"
        for items in reasons.values()
    ]
    return f"{len(skipped)} not invited: " + "; ".join(parts) + "."


@require_http_methods(["GET", "POST"])
def survey_send(request: AuthedRequest, survey_id: int) -> HttpResponse:
    """Email the invitations not sent yet, or the one reminder (``what=reminders``): asked first
    (GET, which sends nothing), saying to how many people; sent on POST."""
    require_org_wide(request.user)
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    asked = request.POST if request.method == "POST" else request.GET
    what = "reminders" if asked.get("what") == "reminders" else "invitations"
    if request.method == "GET":
        return _send_confirmation(request, survey, what)
    try:
        count = services.survey_send(actor=request.user, survey=survey, what=what)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(survey)
    if what == "reminders":
        done = f"Sending a reminder to {_people(count)} in the background."
        nobody = (
            "Nobody needs a reminder: one goes once to those invited at least "
            f"{selectors.REMINDER_AFTER.days} days ago who have not answered."
        )
    else:
        waiting = _waiting_for_the_window(survey)
        done = f"Emailing {_people(count)} their invitation in the background.{waiting}"
        nobody = f"Every invitation has been emailed already.{waiting}"
    if count:
        messages.success(request, done)
    else:
        messages.info(request, nobody)
    return redirect(survey)


def _send_confirmation(request: AuthedRequest, survey: Survey, what: str) -> HttpResponse:
    """The page that asks before the invitations or reminders go: to how many people, or why
    none would."""
    reminders = what == "reminders"
    if reminders:
        count = selectors.invitations_due_reminder(survey.pk).count()
        held = 0
    else:
        count = selectors.invitations_ready(survey).count()
        held = selectors.invitations_held_back(survey).count()
    context = {
        "survey": survey,
        "what": what,
        "count": count,
        "held": held,
        "refused": selectors.survey_not_sending(
            survey, what="reminder" if reminders else "invitation"
        ),
        "reminder_days": selectors.REMINDER_AFTER.days,
    }
    return render(request, "feedback/survey_send.html", context)


@require_POST
def survey_test_invitation(request: AuthedRequest, survey_id: int) -> HttpResponse:
    """Email the signed-in admin or CX lead the survey's invitation, as its invitees get it."""
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    language = request.POST.get("language", "")
    try:
        services.invitation_test_send(actor=request.user, survey=survey, language=language)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = LANGUAGE_NAMES.get(language, language)
        messages.success(
            request,
            f"A test invitation in {name} is on its way to {request.user.email}: its links open "
            "the survey's preview, which keeps nothing.",
        )
    return redirect(survey)


def question_edit(
    request: AuthedRequest, survey_id: int, question_id: int | None = None
) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    survey = selectors.survey_access(actor=user, survey_id=survey_id)
    question = get_object_or_404(survey.questions, pk=question_id) if question_id else None
    form = QuestionForm(request.POST or None, survey=survey, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            editing.question_save(
                actor=user, survey=survey, values=form.values(), question=question
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Question saved.")
            return redirect(survey)
    context = {
        "form": form,
        "survey": survey,
        "title": f"Edit a question of {survey}" if question else f"Add a question to {survey}",
        "default_language_name": LANGUAGE_NAMES.get(
            survey.default_language, survey.default_language
        ),
    }
    return render(request, "feedback/question_form.html", context)


@require_http_methods(["GET", "POST"])
def question_change(request: AuthedRequest, survey_id: int, question_id: int) -> HttpResponse:
    """Move a question up or down, or delete it: deleting is asked first (GET
    ``?action=delete``, which changes nothing), and refused while other questions follow up on
    it, naming them."""
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    question = get_object_or_404(survey.questions, pk=question_id)
    if request.method == "GET":
        return _delete_confirmation(request, survey, question)
    action = request.POST.get("action", "")
    try:
        if action == "delete":
            editing.question_delete(actor=request.user, question=question)
            messages.success(
                request, f"The question “{editing.worded(question, survey)}” is deleted."
            )
        elif action in {"up", "down"}:
            editing.question_move(actor=request.user, question=question, up=action == "up")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(survey)


def _delete_confirmation(
    request: AuthedRequest, survey: Survey, question: Question
) -> HttpResponse:
    """The page that asks before a question is deleted, or says which questions keep it (those
    that follow up on it); the survey's page for anything else asked."""
    require_org_wide(request.user)
    if request.GET.get("action") != "delete" or survey.status != Survey.Status.DRAFT:
        return redirect(survey)
    follow_ups = selectors.question_follow_ups(question)
    context = {
        "survey": survey,
        "question": question,
        "worded": editing.worded(question, survey),
        "follow_ups": [(item, editing.worded(item, survey)) for item in follow_ups],
        "refused": editing.followed_up(question, follow_ups, survey) if follow_ups else "",
        "answers": question.answers.count(),
    }
    return render(request, "feedback/question_delete.html", context)


def journey(request: AuthedRequest) -> HttpResponse:
    """The organisation's journey: its stages in order and the touchpoints at each."""
    user = request.user
    context = {
        "stages": selectors.journey(actor=user),
        "can_edit": sees_whole_organisation(user),
    }
    return render(request, "feedback/journey.html", context)


def journey_stage_edit(request: AuthedRequest, stage_id: int | None = None) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    stages = selectors.journey(actor=user)
    stage = get_object_or_404(stages, pk=stage_id) if stage_id else None
    # a new stage comes last unless placed elsewhere, as through the API
    last = stages.aggregate(last=Max("position"))["last"] if stage is None else None
    form = JourneyStageForm(
        request.POST or None,
        instance=stage,
        initial={"position": 0 if last is None else last + 1} if stage is None else None,
        organisation_id=user.organisation_id,
    )
    if request.method == "POST" and form.is_valid():
        services.journey_stage_save(actor=user, values=form.changed_values(), stage=stage)
        messages.success(request, "Journey saved.")
        return redirect("feedback:journey")
    title = f"Edit the stage {stage}" if stage else "New journey stage"
    return render(
        request, "form.html", {"form": form, "title": title, "back": reverse("feedback:journey")}
    )


def touchpoint_edit(request: AuthedRequest, touchpoint_id: int | None = None) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    touchpoints = Touchpoint.objects.filter(organisation_id=user.organisation_id)
    touchpoint = get_object_or_404(touchpoints, pk=touchpoint_id) if touchpoint_id else None
    form = TouchpointForm(
        request.POST or None, instance=touchpoint, organisation_id=user.organisation_id
    )
    if request.method == "POST" and form.is_valid():
        services.touchpoint_save(actor=user, values=form.changed_values(), touchpoint=touchpoint)
        messages.success(request, "Touchpoint saved.")
        return redirect("feedback:journey")
    title = f"Edit the touchpoint {touchpoint}" if touchpoint else "New touchpoint"
    return render(
        request, "form.html", {"form": form, "title": title, "back": reverse("feedback:journey")}
    )


def response_detail(request: AuthedRequest, response_id: int) -> HttpResponse:
    response = selectors.response_access(actor=request.user, response_id=response_id)
    answers = list(response.answers.select_related("question"))
    imported = response.feedback_import
    fields, custom = _attributes_read(response.attributes)
    context = {
        "response": response,
        "answers": _answers_read(answers, response.survey) if response.survey else [],
        "earlier": _earlier_read(response),
        "language": LANGUAGE_NAMES.get(response.language, response.language),
        "fields": fields,
        "custom": custom,
        # each person sees only the imports they uploaded (``feedback_imports.selectors``)
        "import_visible": imported is not None and imported.created_by_id == request.user.pk,
    }
    return render(request, "feedback/response_detail.html", context)


def _attributes_read(attributes: Mapping[str, Any]) -> tuple[list[tuple[str, str]], list[str]]:
    """A response's attributes as staff read them: those filled from a field an import maps
    (its segment, its channel as the source names it) by the field's name, and the custom ones
    (a file's columns kept as they were, or the API's) as "Name: value"; by name, as PostgreSQL
    keeps a JSON object's keys in an order of its own."""
    fields, custom = [], []
    for key, value in sorted(attributes.items()):
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        if key in MAPPED_ATTRIBUTES:
            fields.append((MAPPED_ATTRIBUTES[key], shown))
        else:
            custom.append(f"{capfirst(str(key).replace('_', ' '))}: {shown}")
    return fields, custom
