"""The public pages where customers answer a survey (no sign-in): by their own link or the open
link, page by page in their language, the thanks and unsubscribe pages; and the staff's preview
of them, which keeps nothing."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Mapping
from datetime import datetime, timedelta
from typing import Any, Concatenate, ParamSpec
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from centric.feedback import answers as answer_rules
from centric.feedback import selectors, services, wording
from centric.feedback.models import Question, Response, Survey, new_attempt
from centric.feedback.scales import SCALE_ENDS
from centric.people.auth import AuthedRequest


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
    suggested_in_email: bool = False,
    sent: Response | None = None,
) -> HttpResponse:
    """A page of the survey as the respondent sees it, with their ``current`` answers (or
    what they just ``posted``) and the ``errors`` in it; ``suggested``, the number chosen in
    an invitation (``suggested_in_email``) or on a page that shares the open link, is said to be
    marked and not yet kept. A respondent who ``sent`` their answers is told so. Someone asked
    about a team by their invitation is told on its first page that their answers are not
    anonymous."""
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
    suggestion = ui["suggested_in_email" if suggested_in_email else "suggested"]
    sent_on = _sent_on(survey, sent, language) if sent is not None else ""
    context = {
        "survey": survey,
        "title": survey.title_in(language),
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
        # one who rates a team by their invitation (or staff previewing it) is told their name
        # goes with their answers; the open link's answers (those of an ``attempt``) are anonymous
        "named_answers": wording.named_answers(language, survey.subject_team.name)
        if survey.subject_team is not None and not attempt and page == pages[0]
        else "",
        "sent_on": sent_on,
        # a respondent who has answered is told until when they may change their answers instead
        "answer_by": ui["answer_by"].format(day=wording.day_in_words(last_day, language))
        if (last_day := survey.last_day) and not sent_on
        else "",
        "suggested": suggestion.format(
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


def _sent_on(survey: Survey, response: Response, language: str) -> str:
    """What a respondent who sent their answers reads on coming back by their link: when they
    answered (and last changed them), and until when they may change them; "" before they sent
    them."""
    if response.submitted_at is None:
        return ""
    ui = wording.ui(language)
    zone = ZoneInfo(survey.organisation.time_zone)

    def day(moment: datetime) -> str:
        return wording.day_in_words(timezone.localtime(moment, zone).date(), language)

    said = [ui["answered_on"].format(day=day(response.submitted_at))]
    if response.edited_at is not None:
        said.append(ui["changed_on"].format(day=day(response.edited_at)))
    last_day = survey.last_day
    said.append(
        ui["may_change_until"].format(day=wording.day_in_words(last_day, language))
        if last_day
        else ui["may_change"]
    )
    return wording.sentences(language, *said)


def _not_open(request: HttpRequest, survey: Survey, language: str) -> HttpResponse:
    """A survey that takes no answers: not open yet (a draft), or closed."""
    ui = wording.ui(language)
    draft = survey.status == Survey.Status.DRAFT
    message = ui["not_open"] if draft else ui["closed"]
    return _message_page(request, survey, language, message, status=404 if draft else 410)


def _message_page(
    request: HttpRequest, survey: Survey, language: str, message: str, *, status: int = 200
) -> HttpResponse:
    """The survey's title and one thing said of it, where it takes no answer from this visitor."""
    context = {
        "survey": survey,
        "title": survey.title_in(language),
        "ui": wording.ui(language),
        "language": language,
        "message": message,
    }
    return render(request, "feedback/closed.html", context, status=status)


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
        "title": survey.title_in(language),
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
        response = services.response_for_invitation(invitation=invitation)
        following = _save_posted(request, survey, response, questions, language)
        if isinstance(following, HttpResponse):
            return following
        if following is None:
            return redirect(
                _with_language(reverse("feedback:thanks", args=[token]), request, survey)
            )
        return redirect(_with_language(request.path, request, survey, page=following))
    existing = selectors.invitation_response(invitation)
    answers = services.response_answers(existing) if existing else {}
    page = _requested_page(request, questions, answers, existing)
    answers, page, suggested = _suggestion(request, questions, answers, page)
    return _page(
        request, survey, questions, answers, language, page, {}, None,
        suggested=suggested, suggested_in_email=True, sent=existing,
    )  # fmt: skip


def _save_posted(
    request: HttpRequest,
    survey: Survey,
    response: Response,
    questions: list[Question],
    language: str,
    attempt: str = "",
) -> HttpResponse | int | None:
    """Keep the page the respondent sent: the page that follows it (None once the survey is
    done), or what to answer instead: the page before, if they went back, or this one again
    with its errors (an earlier page whose required questions are unanswered comes first)."""
    page = _posted_page(request)
    data = dict(request.POST.lists())
    if "back" in request.POST:
        previous = services.response_save_page_going_back(
            response=response, page=page, data=data, language=language, questions=questions
        )
        return redirect(_with_language(request.path, request, survey, page=previous))
    following, errors = services.response_save_page(
        response=response, page=page, data=data, language=language, questions=questions
    )
    if not errors:
        return following
    again = following or page
    posted = data if again == page else None
    current = services.response_answers(response)
    return _page(
        request, survey, questions, current, language, again, errors, posted, attempt,
        sent=response,
    )  # fmt: skip


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
    response; the session remembers the attempt, to come back to an unfinished one. A browser
    that sent its answers is thanked on coming back, not asked again, if the survey takes one
    answer per browser (it may still send a page of the attempt it sent again)."""
    survey = selectors.survey_by_open_link(public_key)
    language = _language(request, survey)
    if not survey.takes_answers:
        return _not_open(request, survey, language)
    session_key = f"survey-{survey.pk}"
    questions = selectors.survey_questions(survey)
    answered = _answered_in_this_browser(request, survey)
    if request.method == "POST":
        posted_attempt = request.POST.get("attempt", "")
        if answered is not None and posted_attempt != answered:
            return redirect(_with_language(request.path, request, survey))
        attempt = posted_attempt if ATTEMPT.fullmatch(posted_attempt) else new_attempt()
        response = services.response_for_open_link(
            survey=survey, attempt=attempt, language=language
        )
        following = _save_posted(request, survey, response, questions, language, attempt)
        if isinstance(following, HttpResponse):
            return following
        if following is None:
            request.session.pop(session_key, None)
            thanks = redirect(
                _with_language(reverse("feedback:thanks_open", args=[public_key]), request, survey)
            )
            if survey.one_answer_per_browser:
                _remember_answered(thanks, survey, attempt)
            return thanks
        if request.session.get(session_key) != attempt:
            request.session[session_key] = attempt
        return redirect(_with_language(request.path, request, survey, page=following))
    if answered is not None:
        return _message_page(request, survey, language, wording.ui(language)["already_answered"])
    started = _open_link_started(request, survey, session_key)
    attempt = started.attempt if started is not None else new_attempt()
    answers = services.response_answers(started) if started else {}
    page = _requested_page(request, questions, answers, started)
    answers, page, suggested = _suggestion(request, questions, answers, page)
    return _page(
        request, survey, questions, answers, language, page, {}, None, attempt, suggested=suggested
    )


# A browser that sent its answers through a survey's open link keeps a signed cookie saying
# which attempt it sent, sent back to that link alone, for as long as a survey usually runs.
ANSWERED_COOKIE_SALT = "centric.feedback.open-link-answered"
ANSWERED_COOKIE_AGE = timedelta(days=365)


def _answered_cookie(survey: Survey) -> str:
    return f"answered-{survey.pk}"


def _answered_in_this_browser(request: HttpRequest, survey: Survey) -> str | None:
    """The attempt this browser sent through the survey's open link, if it sent one and the
    survey takes one answer per browser."""
    if not survey.one_answer_per_browser:
        return None
    attempt = request.get_signed_cookie(
        _answered_cookie(survey), default=None, salt=ANSWERED_COOKIE_SALT
    )
    return attempt or None


def _remember_answered(reply: HttpResponse, survey: Survey, attempt: str) -> None:
    reply.set_signed_cookie(
        _answered_cookie(survey),
        attempt,
        salt=ANSWERED_COOKIE_SALT,
        max_age=ANSWERED_COOKIE_AGE,
        path=reverse("feedback:respond_open", args=[survey.public_key]),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
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
    # a number in the preview was chosen in a test invitation (``invitation_test_send``)
    return _page(
        request, survey, questions, answers, language, page, {}, None,
        preview=True, suggested=suggested, suggested_in_email=True,
    )  # fmt: skip


def _preview_page(request: HttpRequest, questions: list[Question], answers: dict[str, Any]) -> int:
    """The page asked for, if the answers so far reach it (no earlier page is missing a required
    answer, and it shows a question); else the first page still to answer. Opened anew (no page
    asked), it starts at the beginning, with the answers given so far."""
    reached = answer_rules.first_incomplete_page(questions, answers)
    asked = request.GET.get("page", "")
    if not asked:
        return answer_rules.first_page(questions, answers)
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
        "title": invitation.survey.title_in(language),
    }
    return render(request, "feedback/unsubscribe.html", context)
