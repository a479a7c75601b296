"""Survey pages for staff, and the public pages where customers answer (no sign-in)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from centric.core.permissions import require_org_wide, sees_whole_organisation
from centric.customers.models import Contact
from centric.feedback import answers as answer_rules
from centric.feedback import editing, selectors, services
from centric.feedback.catalog import TEMPLATES
from centric.feedback.forms import (
    InviteForm,
    JourneyStageForm,
    QuestionForm,
    SurveyCreateForm,
    TouchpointForm,
)
from centric.feedback.models import Question, Response, Survey, Touchpoint
from centric.feedback.tasks import send_invitations, send_reminders
from centric.people.auth import AuthedRequest
from centric.people.models import User

# The few words of the respondent's pages, in the languages surveys are written in.
UI = {
    "en": {
        "next": "Next",
        "submit": "Send my answers",
        "closed": "This survey is closed.",
        "thanks": "Thank you",
        "edit": "Change my answers",
        "page": "Page",
        "of": "of",
        "required": "required",
        "errors": "Please check the answers marked below.",
        "unsubscribe": "Stop receiving surveys",
        "unsubscribed": "You will not receive surveys from us again.",
        "unsubscribe_ask": "Stop receiving surveys from us?",
        "low": "Not at all likely",
        "high": "Extremely likely",
    },
    "de": {
        "next": "Weiter",
        "submit": "Antworten senden",
        "closed": "Diese Umfrage ist geschlossen.",
        "thanks": "Vielen Dank",
        "edit": "Antworten ändern",
        "page": "Seite",
        "of": "von",
        "required": "Pflichtfrage",
        "errors": "Bitte prüfen Sie die markierten Antworten.",
        "unsubscribe": "Keine Umfragen mehr erhalten",
        "unsubscribed": "Sie erhalten keine Umfragen mehr von uns.",
        "unsubscribe_ask": "Keine Umfragen mehr von uns erhalten?",
        "low": "Äußerst unwahrscheinlich",
        "high": "Äußerst wahrscheinlich",
    },
}


def survey_list(request: AuthedRequest) -> HttpResponse:
    context = {
        "surveys": selectors.survey_list(actor=request.user),
        "can_add": sees_whole_organisation(request.user),
    }
    return render(request, "feedback/survey_list.html", context)


def survey_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    form = SurveyCreateForm(request.POST or None, organisation_id=user.organisation_id)
    if request.method == "POST" and form.is_valid():
        values = {name: value for name, value in form.cleaned_data.items() if name != "template"}
        try:
            survey = services.survey_create_from_template(
                actor=user, template=form.cleaned_data["template"], values=values
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Survey “{survey}” created as a draft. Open it when you are ready."
            )
            return redirect(survey)
    return render(request, "feedback/survey_create.html", {"form": form, "templates": TEMPLATES})


def survey_detail(request: AuthedRequest, survey_id: int) -> HttpResponse:
    user = request.user
    survey = selectors.survey_access(actor=user, survey_id=survey_id)
    responses = selectors.response_list(actor=user, survey=survey)
    context = {
        "survey": survey,
        "questions": survey.questions.all(),
        "responses": responses[:50],
        "response_count": responses.filter(submitted_at__isnull=False).count(),
        "partial_count": responses.filter(submitted_at__isnull=True).count(),
        "sent_count": survey.invitations.filter(sent_at__isnull=False).count(),
        "can_manage": sees_whole_organisation(user),
        "invite_form": InviteForm(organisation_id=user.organisation_id),
        "open_link": request.build_absolute_uri(
            reverse("feedback:respond_open", args=[survey.public_key])
        ),
    }
    return render(request, "feedback/survey_detail.html", context)


@require_POST
def survey_status(request: AuthedRequest, survey_id: int) -> HttpResponse:
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    services.survey_set_status(
        actor=request.user, survey=survey, status=request.POST.get("status", "")
    )
    messages.success(request, f"The survey is now {survey.get_status_display().lower()}.")
    return redirect(survey)


@require_POST
def survey_invite(request: AuthedRequest, survey_id: int) -> HttpResponse:
    user = request.user
    require_org_wide(user)
    survey = selectors.survey_access(actor=user, survey_id=survey_id)
    form = InviteForm(request.POST, organisation_id=user.organisation_id)
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, str(error))
        return redirect(survey)
    contacts = Contact.objects.filter(account__in=form.cleaned_data["accounts"])
    people = User.objects.filter(teams__in=form.cleaned_data["teams"], is_active=True).distinct()
    created, skipped = services.invitations_create(
        actor=user, survey=survey, contacts=contacts, people=people
    )
    messages.success(request, f"{len(created)} invited.")
    if skipped:
        messages.info(
            request,
            f"{len(skipped)} skipped: "
            + "; ".join(f"{item.email} {item.reason}" for item in skipped[:5]),
        )
    if survey.status == Survey.Status.OPEN:
        transaction.on_commit(lambda: send_invitations.delay(survey.pk))
    return redirect(survey)


@require_POST
def survey_send(request: AuthedRequest, survey_id: int) -> HttpResponse:
    require_org_wide(request.user)
    survey = selectors.survey_access(actor=request.user, survey_id=survey_id)
    if survey.status != Survey.Status.OPEN:
        raise PermissionDenied("Open the survey before sending invitations.")
    task = send_reminders if request.POST.get("what") == "reminders" else send_invitations
    transaction.on_commit(lambda: task.delay(survey.pk))
    messages.success(request, "Sending in the background.")
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
    title = f"Edit a question of {survey}" if question else f"Add a question to {survey}"
    return render(request, "form.html", {"form": form, "title": title, "cancel": survey})


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
    answers = response.answers.select_related("question").order_by("question__position")
    return render(
        request, "feedback/response_detail.html", {"response": response, "answers": answers}
    )


# The respondent's pages ------------------------------------------------------------------------


def _language(request: HttpRequest, survey: Survey, preferred: str | None = None) -> str:
    # an explicit choice on the page, then the contact's language, then the browser's
    browser = str(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    wanted = [request.GET.get("lang"), preferred] + [
        part.split(";")[0].strip()[:2] for part in browser.split(",")
    ]
    for code in wanted:
        if code and code in survey.languages:
            return code
    return survey.default_language


def _localised(value: dict[str, str], language: str, fallback: str) -> str:
    return str(value.get(language) or value.get(fallback) or next(iter(value.values()), ""))


def _page(
    request: HttpRequest,
    survey: Survey,
    questions: list[Question],
    response: Response | None,
    language: str,
    page: int,
    errors: dict[str, str],
    posted: dict[str, list[str]] | None,
) -> HttpResponse:
    current = services.response_answers(response) if response else {}
    shown = answer_rules.visible_on_page(questions, page, current)
    pages = sorted({question.page for question in questions})
    rows = []
    for question in shown:
        options = [
            {
                "value": str(item["value"]),
                "label": _localised(item["label"], language, survey.default_language),
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
                "text": _localised(question.text, language, survey.default_language),
                "options": options,
                "scale": list(range(bounds[0], bounds[1] + 1)) if bounds else [],
                "chosen": chosen,
                "error": errors.get(question.key, ""),
            }
        )
    is_last = answer_rules.next_page(questions, page, {**current}) is None
    context = {
        "survey": survey,
        "rows": rows,
        "page": page,
        "page_index": pages.index(page) + 1 if page in pages else 1,
        "page_count": len(pages),
        "is_last": is_last,
        "ui": UI.get(language, UI["en"]),
        "language": language,
        "intro": _localised(survey.intro, language, survey.default_language)
        if page == pages[0]
        else "",
        "errors": errors,
        "action": request.path,
        "languages": survey.languages,
    }
    return render(request, "feedback/respond.html", context, status=422 if errors else 200)


def _closed(request: HttpRequest, survey: Survey, language: str) -> HttpResponse:
    return render(
        request,
        "feedback/closed.html",
        {"survey": survey, "ui": UI.get(language, UI["en"]), "language": language},
        status=410,
    )


@login_not_required
def respond(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token)
    survey = invitation.survey
    language = _language(request, survey, invitation.language)
    if survey.status != Survey.Status.OPEN:
        return _closed(request, survey, language)
    questions = selectors.survey_questions(survey)
    if request.method == "POST":
        page = _posted_page(request)
        data = dict(request.POST.lists())
        response = services.response_for_invitation(invitation=invitation)
        following, errors = services.response_save_page(
            response=response, page=page, data=data, questions=questions
        )
        if errors:
            return _page(request, survey, questions, response, language, page, errors, data)
        if following is None:
            return redirect("feedback:thanks", token=token)
        return redirect(f"{request.path}?page={following}")
    existing = selectors.invitation_response(invitation)
    answers = services.response_answers(existing) if existing else {}
    page = _requested_page(request, questions, answers, existing)
    return _page(request, survey, questions, existing, language, page, {}, None)


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


@login_not_required
def respond_open(request: HttpRequest, public_key: str) -> HttpResponse:
    """The open link: anyone may answer, anonymously. Progress is kept in their session."""
    survey = get_object_or_404(Survey, public_key=public_key, open_link=True)
    language = _language(request, survey)
    if survey.status != Survey.Status.OPEN:
        return _closed(request, survey, language)
    session_key = f"survey-{survey.pk}"
    started = request.session.get(session_key)
    response = (
        Response.objects.filter(pk=started, survey=survey, submitted_at__isnull=True).first()
        if isinstance(started, int)
        else None
    )
    questions = selectors.survey_questions(survey)
    if request.method == "POST":
        page = _posted_page(request)
        data = dict(request.POST.lists())
        if response is None:  # stored only once its first page is valid
            response = services.response_for_open_link(survey=survey, language=language)
        following, errors = services.response_save_page(
            response=response, page=page, data=data, questions=questions
        )
        if errors:
            return _page(request, survey, questions, response, language, page, errors, data)
        if following is None:
            request.session.pop(session_key, None)
            return render(
                request,
                "feedback/thanks.html",
                {
                    "survey": survey,
                    "ui": UI.get(language, UI["en"]),
                    "language": language,
                    "token": None,
                    "message": _localised(survey.thank_you, language, survey.default_language),
                },
            )
        if started != response.pk:
            request.session[session_key] = response.pk
        return redirect(f"{request.path}?page={following}")
    answers = services.response_answers(response) if response else {}
    page = _requested_page(request, questions, answers, response)
    return _page(request, survey, questions, response, language, page, {}, None)


@login_not_required
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token)
    survey = invitation.survey
    language = _language(request, survey, invitation.language)
    context = {
        "survey": survey,
        "ui": UI.get(language, UI["en"]),
        "language": language,
        "token": token,
        "message": _localised(survey.thank_you, language, survey.default_language),
    }
    return render(request, "feedback/thanks.html", context)


@login_not_required
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token)
    language = _language(request, invitation.survey, invitation.language)
    done = False
    if request.method == "POST":
        services.opt_out(invitation=invitation)
        done = True
    context = {
        "ui": UI.get(language, UI["en"]),
        "language": language,
        "done": done,
        "survey": invitation.survey,
    }
    return render(request, "feedback/unsubscribe.html", context)
