"""Survey pages for staff, and the public pages where customers answer (no sign-in)."""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any, Concatenate, ParamSpec
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Min, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from centric.core import clock
from centric.core.periods import CHOSEN, PERIODS, Window, chosen_window, day_ended_by
from centric.core.permissions import require_org_wide, sees_whole_organisation
from centric.feedback import answers as answer_rules
from centric.feedback import editing, selectors, services, wording
from centric.feedback.catalog import TEMPLATES
from centric.feedback.exports import csv_lines, invitation_rows
from centric.feedback.forms import (
    LANGUAGE_NAMES,
    InviteForm,
    JourneyStageForm,
    QuestionForm,
    SurveyCreateForm,
    SurveySettingsForm,
    TouchpointForm,
)
from centric.feedback.models import Answer, Question, Response, Survey, Touchpoint, new_attempt
from centric.feedback.results import Selection, centricity_result, survey_results
from centric.feedback.scales import SCALE_ENDS
from centric.people.auth import AuthedRequest
from centric.people.models import User

INVITATIONS_SHOWN = 50


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
    wave = _wave_asked(request, [found.number for found in waves])
    window, period_error = _results_window(request)
    selection = Selection(wave=wave, window=window)
    results = survey_results(actor=user, survey=survey, selection=selection)
    context = {
        "survey": survey,
        "insights_query": _insights_query(survey, responses, window),
        "questions": questions,
        "question_rows": [
            (question, _worded(question, survey), _follow_up_of(question, asked, survey))
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
        # the period chosen, kept by the links to each wave's results
        "period_query": urlencode(
            {name: request.GET[name] for name in ("days", "from", "to") if request.GET.get(name)}
        )
        if window
        else "",
        "answered": responses.filter(submitted_at__isnull=False).exists(),
        "latest": latest,
        "partial_count": responses.filter(submitted_at__isnull=True).count(),
        "sent_count": survey.invitations.filter(sent_at__isnull=False).count(),
        "held_count": selectors.invitations_held_back(survey).count(),
        "can_manage": sees_whole_organisation(user),
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
    """The questions without wording in some of the survey's languages, the languages that
    lack the same questions together, so that one sentence names them all: "German, French and
    Italian (3 languages)"."""
    groups: dict[tuple[int, ...], dict[str, Any]] = {}
    for language, found in selectors.survey_missing_wording(survey, questions).items():
        group = groups.setdefault(
            tuple(question.pk for question in found),
            {"questions": [(q, _worded(q, survey)) for q in found], "languages": []},
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


def _worded(question: Question, survey: Survey) -> str:
    """A question as staff know it: its wording in the survey's default language (else in
    English, else any), or its key."""
    return answer_rules.localised(question.text, survey.default_language) or question.key


def _follow_up_of(question: Question, asked: Mapping[str, Question], survey: Survey) -> str:
    """When a follow-up is shown, for staff: "after “How likely …?” is 0–6"; else nothing."""
    condition = question.show_if
    if not condition:
        return ""
    source = asked.get(condition["question"])
    name = f"“{_worded(source, survey)}”" if source else condition["question"]
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


def _answers_read(answers: Iterable[Answer], survey: Survey) -> list[dict[str, str]]:
    """Each answer as staff read it, in the survey's language: the question's wording, in full
    and shortened to label the answer in a list, and the answer, a choice by its options'
    labels. A question without wording is named by its key."""
    language = survey.default_language
    ordered = sorted(answers, key=lambda answer: answer.question.position)
    read = []
    for answer in ordered:
        wording = answer_rules.localised(answer.question.text, language)
        read.append(
            {
                "label": _shortened(wording) if wording else answer.question.key,
                "question": wording or answer.question.key,
                "answer": answer_rules.display(answer.question, answer.value, language),
            }
        )
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


@require_POST
def survey_status(request: AuthedRequest, survey_id: int) -> HttpResponse:
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
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


def _wave_asked(request: HttpRequest, numbers: Collection[int]) -> int | None:
    """The wave whose results are asked for (``?wave=2``), if the survey has it; else None:
    every response."""
    asked = request.GET.get("wave", "")
    return int(asked) if asked.isdigit() and int(asked) in numbers else None


def _waves(user: User, survey: Survey) -> list[selectors.Wave]:
    """A relationship survey's waves; none for one that has asked only after cases (their
    re-surveys belong to no wave, so it has no waves to speak of)."""
    if survey.kind != Survey.Kind.RELATIONSHIP:
        return []
    waves = selectors.survey_waves(actor=user, survey=survey)
    if len(waves) == 1 and not waves[0].invited and survey.invitations.exists():
        return []
    return waves


def _invitations_asked(request: AuthedRequest, survey_id: int) -> tuple[Survey, dict[str, Any]]:
    """The survey whose invitations are asked for (admins and CX leads, who send them), and the
    wave and state asked for, if it has them: anything else asks for all."""
    user = request.user
    require_org_wide(user)
    survey = selectors.survey_access(actor=user, survey_id=survey_id)
    state = request.GET.get("state", "")
    return survey, {
        "wave": _wave_asked(request, range(1, survey.current_wave + 1)),
        "state": state if state in selectors.INVITATION_STATES else "",
    }


@require_GET
def survey_invitations(request: AuthedRequest, survey_id: int) -> HttpResponse:
    """Whom the survey invited and what became of each invitation."""
    survey, asked = _invitations_asked(request, survey_id)
    invitations = selectors.survey_invitations(survey, **asked)
    page = Paginator(invitations, INVITATIONS_SHOWN).get_page(request.GET.get("page"))
    context = {
        "survey": survey,
        "page": page,
        "waves": list(range(1, survey.current_wave + 1)) if survey.current_wave > 1 else [],
        **asked,
        "states": selectors.INVITATION_STATES,
        "query": urlencode({name: value for name, value in asked.items() if value}),
    }
    return render(request, "feedback/survey_invitations.html", context)


@require_GET
def survey_invitations_csv(request: AuthedRequest, survey_id: int) -> StreamingHttpResponse:
    """The same invitations as the page shows, every one of them, as CSV."""
    survey, asked = _invitations_asked(request, survey_id)
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
            field = form.fields.get(name)
            for error in errors:
                messages.error(request, f"{field.label}: {error}" if field else str(error))
        return _survey_page(request, survey, invite_form=form)
    created, skipped = services.invitations_create(
        actor=user,
        survey=survey,
        contacts=form.invited_contacts(),
        people=form.invited_people(),
    )
    messages.success(request, f"{len(created)} invited.")
    if skipped:
        messages.info(request, _skipped_message(skipped))
    if survey.status_now == Survey.Status.OPEN:
        services.invitations_queue(survey=survey)
    elif created and survey.past_last_day:
        stopped = selectors.survey_not_sending(survey, what="invitation")
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


@require_POST
def survey_send(request: AuthedRequest, survey_id: int) -> HttpResponse:
    require_org_wide(request.user)
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    what = "reminders" if request.POST.get("what") == "reminders" else "invitations"
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


@require_POST
def question_change(request: AuthedRequest, survey_id: int, question_id: int) -> HttpResponse:
    """Move a question up or down, or delete it."""
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    question = get_object_or_404(survey.questions, pk=question_id)
    action = request.POST.get("action", "")
    try:
        if action == "delete":
            editing.question_delete(actor=request.user, question=question)
        elif action in {"up", "down"}:
            editing.question_move(actor=request.user, question=question, up=action == "up")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(survey)


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
    stage = get_object_or_404(selectors.journey(actor=user), pk=stage_id) if stage_id else None
    form = JourneyStageForm(
        request.POST or None, instance=stage, organisation_id=user.organisation_id
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
    read = _answers_read(answers, response.survey) if response.survey else []
    return render(request, "feedback/response_detail.html", {"response": response, "answers": read})


# The respondent's pages ------------------------------------------------------------------------


def _language(request: HttpRequest, survey: Survey, preferred: str | None = None) -> str:
    return _language_among(request, survey.languages, preferred) or survey.default_language


def _language_among(
    request: HttpRequest, offered: Collection[str], preferred: str | None = None
) -> str | None:
    # an explicit choice on the page, then the contact's language, then the browser's
    browser = str(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    wanted = [request.GET.get("lang"), preferred] + [
        part.split(";")[0].strip()[:2] for part in browser.split(",")
    ]
    return next((code for code in wanted if code and code in offered), None)


def _with_language(url: str, request: HttpRequest, survey: Survey, **params: object) -> str:
    """``url`` with ``params`` and the language the respondent chose on the page, if they did,
    so the choice holds on the pages that follow."""
    chosen = request.GET.get("lang")
    query = {**params, **({"lang": chosen} if chosen in survey.languages else {})}
    return f"{url}?{urlencode(query)}" if query else url


def _page(
    request: HttpRequest,
    survey: Survey,
    questions: list[Question],
    current: Mapping[str, Any],
    language: str,
    page: int,
    errors: dict[str, str],
    posted: dict[str, list[str]] | None,
    attempt: str = "",
    *,
    preview: bool = False,
    suggested: int | None = None,
) -> HttpResponse:
    """A page of the survey as the respondent sees it, with their ``current`` answers (or
    what they just ``posted``) and the ``errors`` in it; ``suggested``, the number chosen in
    the invitation, is said to be marked and not yet kept."""
    shown = answer_rules.visible_on_page(questions, page, current)
    pages = sorted({question.page for question in questions})
    ends = SCALE_ENDS.get(language, SCALE_ENDS["en"])
    rows = []
    for question in shown:
        options = [
            {
                "value": str(item["value"]),
                "label": answer_rules.localised(item["label"], language, survey.default_language),
            }
            for item in question.options
        ]
        bounds = answer_rules.scale(question)
        if posted is not None:
            chosen = posted.get(question.key, [])
        else:
            value = current.get(question.key)
            chosen = (
                [str(item) for item in value]
                if isinstance(value, list)
                else ([] if value is None else [str(value)])
            )
        rows.append(
            {
                "question": question,
                "text": answer_rules.localised(question.text, language, survey.default_language),
                "options": options,
                "scale": list(range(bounds[0], bounds[1] + 1)) if bounds else [],
                "ends": ends.get(question.kind, ("", "")),
                "chosen": chosen,
                "error": errors.get(question.key, ""),
            }
        )
    is_last = not answer_rules.more_may_follow(questions, page, current)
    ui = wording.ui(language)
    context = {
        "survey": survey,
        "rows": rows,
        "page": page,
        "page_index": pages.index(page) + 1 if page in pages else 1,
        "page_count": len(pages),
        "is_last": is_last,
        "has_previous": answer_rules.previous_page(questions, page, current) is not None,
        "ui": ui,
        "language": language,
        "intro": answer_rules.localised(survey.intro, language, survey.default_language)
        if page == pages[0]
        else "",
        "answer_by": ui["answer_by"].format(day=wording.day_in_words(last_day, language))
        if (last_day := survey.last_day)
        else "",
        "suggested": ui["suggested"].format(
            value=suggested, button=ui["submit"] if is_last else ui["next"]
        )
        if suggested is not None
        else "",
        "suggested_value": suggested,
        "errors": errors,
        "action": _with_language(request.path, request, survey),
        "attempt": attempt,
        "languages": [(code, wording.NATIVE_NAMES.get(code, code)) for code in survey.languages],
        "preview": preview,
    }
    return render(request, "feedback/respond.html", context, status=422 if errors else 200)


def _not_open(request: HttpRequest, survey: Survey, language: str) -> HttpResponse:
    """A survey that takes no answers: not open yet (a draft), or closed."""
    ui = wording.ui(language)
    draft = survey.status == Survey.Status.DRAFT
    context = {
        "survey": survey,
        "ui": ui,
        "language": language,
        "message": ui["not_open"] if draft else ui["closed"],
    }
    return render(request, "feedback/closed.html", context, status=404 if draft else 410)


P = ParamSpec("P")


def _says_when_the_link_is_not_valid(
    view: Callable[Concatenate[HttpRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """A public page whose link leads nowhere (mistyped, or an open link the survey does not
    have) says so in the respondent's look and browser language, not with the back office's
    "Not found" and its link to sign in."""

    @functools.wraps(view)
    def page(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            language = _language_among(request, wording.SURVEY_LANGUAGES) or "en"
            context = {"ui": wording.ui(language), "language": language}
            return render(request, "feedback/link_not_valid.html", context, status=404)

    return page


@login_not_required
@_says_when_the_link_is_not_valid
def link_not_valid(request: HttpRequest) -> HttpResponse:
    raise Http404("No such survey link")


def _thanks(
    request: HttpRequest,
    survey: Survey,
    language: str,
    token: str | None,
    *,
    preview: bool = False,
) -> HttpResponse:
    context = {
        "preview": preview,
        "survey": survey,
        "ui": wording.ui(language),
        "language": language,
        "token": token,
        "edit": _with_language(reverse("feedback:respond", args=[token]), request, survey)
        if token
        else "",
        "message": answer_rules.localised(survey.thank_you, language, survey.default_language),
    }
    return render(request, "feedback/thanks.html", context)


@login_not_required
@_says_when_the_link_is_not_valid
def respond(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token)
    survey = invitation.survey
    language = _language(request, survey, invitation.language)
    if not survey.takes_answers:
        return _not_open(request, survey, language)
    questions = selectors.survey_questions(survey)
    if request.method == "POST":
        page = _posted_page(request)
        data = dict(request.POST.lists())
        response = services.response_for_invitation(invitation=invitation)
        if "back" in request.POST:
            previous = services.response_save_page_going_back(
                response=response, page=page, data=data, language=language, questions=questions
            )
            return redirect(_with_language(request.path, request, survey, page=previous))
        following, errors = services.response_save_page(
            response=response, page=page, data=data, language=language, questions=questions
        )
        if errors:
            again = following or page
            posted = data if again == page else None
            current = services.response_answers(response)
            return _page(request, survey, questions, current, language, again, errors, posted)
        if following is None:
            return redirect(
                _with_language(reverse("feedback:thanks", args=[token]), request, survey)
            )
        return redirect(_with_language(request.path, request, survey, page=following))
    existing = selectors.invitation_response(invitation)
    answers = services.response_answers(existing) if existing else {}
    page = _requested_page(request, questions, answers, existing)
    answers, page, suggested = _suggestion(request, questions, answers, page)
    return _page(request, survey, questions, answers, language, page, {}, None, suggested=suggested)


def _posted_page(request: HttpRequest) -> int:
    try:
        return max(1, int(request.POST.get("page", "1")))
    except ValueError:
        return 1


def _requested_page(
    request: HttpRequest,
    questions: list[Question],
    answers: dict[str, Any],
    response: Response | None,
) -> int:
    """A page the respondent may be on: the one asked for if already reached, else where they left off."""
    first = answer_rules.first_page(questions, answers)
    try:
        asked = int(request.GET.get("page", ""))
    except ValueError:
        asked = 0
    reached = response.page if response else first
    if (
        asked
        and asked <= max(reached, first)
        and answer_rules.visible_on_page(questions, asked, answers)
    ):
        return asked
    return first if response is None or response.submitted_at else reached


def _suggestion(
    request: HttpRequest, questions: list[Question], answers: dict[str, Any], page: int
) -> tuple[dict[str, Any], int, int | None]:
    """The answers and page to show when the link carries the number chosen in the invitation
    (``?answer=9``): that number marked on the opening question's page. It is not stored here,
    since a GET stores nothing (a mail scanner opens links too): the respondent sends it with
    the page, as any answer."""
    suggestion = answer_rules.suggested_answer(questions, request.GET.get("answer", ""))
    if suggestion is None:
        return answers, page, None
    question, value = suggestion
    return {**answers, question.key: value}, question.page, value


ATTEMPT = re.compile(r"[A-Za-z0-9_-]{16,40}")


@login_not_required
@_says_when_the_link_is_not_valid
def respond_open(request: HttpRequest, public_key: str) -> HttpResponse:
    """The open link: anyone may answer, anonymously. Each visit is one attempt at the form, with
    a random id in the form, so sending a page twice (a double click, a refresh) keeps one
    response; the session remembers the attempt, to come back to an unfinished one."""
    survey = selectors.survey_by_open_link(public_key)
    language = _language(request, survey)
    if not survey.takes_answers:
        return _not_open(request, survey, language)
    session_key = f"survey-{survey.pk}"
    questions = selectors.survey_questions(survey)
    if request.method == "POST":
        page = _posted_page(request)
        data = dict(request.POST.lists())
        posted_attempt = request.POST.get("attempt", "")
        attempt = posted_attempt if ATTEMPT.fullmatch(posted_attempt) else new_attempt()
        response = services.response_for_open_link(
            survey=survey, attempt=attempt, language=language
        )
        if "back" in request.POST:
            previous = services.response_save_page_going_back(
                response=response, page=page, data=data, language=language, questions=questions
            )
            return redirect(_with_language(request.path, request, survey, page=previous))
        following, errors = services.response_save_page(
            response=response, page=page, data=data, language=language, questions=questions
        )
        if errors:
            again = following or page
            posted = data if again == page else None
            current = services.response_answers(response)
            return _page(
                request, survey, questions, current, language, again, errors, posted, attempt
            )
        if following is None:
            request.session.pop(session_key, None)
            return redirect(
                _with_language(reverse("feedback:thanks_open", args=[public_key]), request, survey)
            )
        if request.session.get(session_key) != attempt:
            request.session[session_key] = attempt
        return redirect(_with_language(request.path, request, survey, page=following))
    started = _open_link_started(request, survey, session_key)
    attempt = started.attempt if started is not None else new_attempt()
    answers = services.response_answers(started) if started else {}
    page = _requested_page(request, questions, answers, started)
    answers, page, suggested = _suggestion(request, questions, answers, page)
    return _page(
        request, survey, questions, answers, language, page, {}, None, attempt, suggested=suggested
    )


def survey_preview(request: AuthedRequest, survey_id: int) -> HttpResponse:
    """The survey as its respondents see it, in each of its languages, page by page with its
    follow-ups and checks, before it opens or while it runs; for anyone who may read it.
    Nothing is stored: the answers given so far live in this browser's session, to go back and
    forth, and are forgotten once the last page is sent."""
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    language = _language(request, survey)
    questions = selectors.survey_questions(survey)
    key = f"survey-preview-{survey.pk}"
    kept = request.session.get(key)
    answers: dict[str, Any] = kept if isinstance(kept, dict) else {}
    if request.method == "POST":
        page = _posted_page(request)
        if "back" in request.POST:
            previous = answer_rules.previous_page(questions, page, answers) or page
            return redirect(_with_language(request.path, request, survey, page=previous))
        data = dict(request.POST.lists())
        answered = answer_rules.answer_page(questions, page, answers, data, language)
        if answered.errors:
            posted = data if answered.following == page else None
            again = answered.following or page
            return _page(
                request, survey, questions, answers, language, again, answered.errors, posted,
                preview=True,
            )  # fmt: skip
        if answered.following is None:
            request.session.pop(key, None)
            return _thanks(request, survey, language, None, preview=True)
        request.session[key] = answered.answers
        return redirect(_with_language(request.path, request, survey, page=answered.following))
    page = _preview_page(request, questions, answers)
    answers, page, suggested = _suggestion(request, questions, answers, page)
    return _page(
        request, survey, questions, answers, language, page, {}, None,
        preview=True, suggested=suggested,
    )  # fmt: skip


def _preview_page(request: HttpRequest, questions: list[Question], answers: dict[str, Any]) -> int:
    """The page asked for, if the answers so far reach it (no earlier page is missing a required
    answer, and it shows a question); else the first page still to answer."""
    reached = answer_rules.first_incomplete_page(questions, answers)
    asked = request.GET.get("page", "")
    if asked.isdigit():
        page = int(asked)
        if (reached is None or page <= reached) and answer_rules.visible_on_page(
            questions, page, answers
        ):
            return page
    return reached or answer_rules.first_page(questions, answers)


def _open_link_started(request: HttpRequest, survey: Survey, session_key: str) -> Response | None:
    """The unfinished response this browser started through the open link, if any; once it is
    sent, a new visit is a new response."""
    attempt = request.session.get(session_key)
    response = selectors.open_link_response(survey, attempt) if isinstance(attempt, str) else None
    return response if response is not None and response.submitted_at is None else None


@login_not_required
@_says_when_the_link_is_not_valid
def thanks_open(request: HttpRequest, public_key: str) -> HttpResponse:
    survey = selectors.survey_by_open_link(public_key)
    return _thanks(request, survey, _language(request, survey), None)


@login_not_required
@_says_when_the_link_is_not_valid
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token)
    survey = invitation.survey
    return _thanks(request, survey, _language(request, survey, invitation.language), token)


@login_not_required
@csrf_exempt  # a mail program's one-click unsubscribe posts no form token; the link's own
# unguessable token is what allows it, and all it can do is stop the mail
@_says_when_the_link_is_not_valid
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token)
    language = _language(request, invitation.survey, invitation.language)
    done = False
    if request.method == "POST":
        services.opt_out(invitation=invitation)
        done = True
    context = {
        "ui": wording.ui(language),
        "language": language,
        "done": done,
        "survey": invitation.survey,
    }
    return render(request, "feedback/unsubscribe.html", context)
