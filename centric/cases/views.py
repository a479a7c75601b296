"""Pages for working cases: the inboxes, the case page (the customer in full before anyone
replies) and its actions, and the person's notifications. Each view parses input, calls one
selector or service, and renders or redirects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from centric.cases import selectors, services
from centric.cases.case_forms import (
    AssignForm,
    BulkAssignForm,
    CauseForm,
    CloseLoopForm,
    CloseLoopOnChannelForm,
    CommentForm,
    ContactAttemptForm,
    OpenCaseForm,
    StateForm,
    owners_for,
)
from centric.cases.charts import sentiment_history
from centric.cases.models import Case, CaseEvent, Notification, Priority
from centric.cases.services import TRANSITIONS
from centric.core.htmx import render_page
from centric.core.permissions import can_write, require_write, sees_whole_organisation
from centric.feedback.selectors import response_access
from centric.insights.highlight import highlighted
from centric.people.auth import AuthedRequest
from centric.people.models import User
from centric.people.selectors import teams_visible_to

PAGE_SIZE = 25

# a ticked case the person may no longer see: moved to a team they are not in, or removed
NOT_YOURS = (
    "One of the cases you ticked is no longer yours to hand over: it was moved or removed "
    "meanwhile. None was handed over; tick the cases again."
)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@require_GET
def inbox(request: AuthedRequest) -> HttpResponse:
    user = request.user
    default = "mine" if can_write(user) else "team"
    filters = selectors.InboxFilters(
        inbox=request.GET.get("inbox", default)
        if request.GET.get("inbox") in selectors.INBOXES
        else default,
        search=request.GET.get("q", "").strip(),
        priority=request.GET.get("priority", ""),
        state=request.GET.get("state", ""),
        team_id=_int(request.GET.get("team")),
        owner_id=_int(request.GET.get("owner")),
    )
    cases = selectors.inbox(actor=user, filters=filters)
    counts = selectors.inbox_counts(actor=user)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "tabs": [(name, label, counts.get(name)) for name, label in selectors.INBOXES.items()],
        "priorities": Priority.choices,
        "states": Case.State.choices,
        "teams": teams_visible_to(user).order_by("name"),
        "owners": owners_for(user.organisation_id),
        "can_write": can_write(user),
        "can_configure": sees_whole_organisation(user),
        "query": request.GET.urlencode(),
    }
    return render_page(request, "cases/inbox.html", "cases/_inbox_table.html", context)


@require_POST
def bulk_reassign(request: AuthedRequest) -> HttpResponse:
    user = request.user
    require_write(user)
    back = _this_site(request, request.POST.get("next"), default=reverse("cases:inbox"))
    form = BulkAssignForm(
        request.POST,
        organisation_id=user.organisation_id,
        cases=selectors.cases_visible_to(user),
    )
    if not form.is_valid():
        for field, errors in form.errors.as_data().items():
            for error in errors:
                if field == "cases" and error.code in ("invalid_choice", "invalid_pk_value"):
                    messages.error(request, NOT_YOURS)
                else:
                    messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(back)
    owner = form.cleaned_data["owner"]
    moved = [
        services.case_assign(actor=user, case=case, owner=owner)
        for case in form.cleaned_data["cases"]
    ]
    messages.success(
        request, f"{len(moved)} case{'s' if len(moved) != 1 else ''} handed to {owner}."
    )
    return HttpResponseRedirect(back)


def _this_site(request: AuthedRequest, url: str | None, *, default: str) -> str:
    """``url`` if it is the path of a page of this site, else ``default``: a form's "next" is
    never followed to another site."""
    if (
        url
        and url.startswith("/")
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return url
    return default


@require_GET
def case_detail(request: AuthedRequest, case_id: int) -> HttpResponse:
    user = request.user
    case = selectors.case_access(actor=user, case_id=case_id)
    return render(request, "cases/case_detail.html", _case_context(request, case))


def _case_context(request: AuthedRequest, case: Case, **forms: Any) -> dict[str, Any]:
    user = request.user
    view = selectors.case_view(actor=user, case=case)
    feedback = view.feedback
    response = feedback.response if feedback else None
    analysis = feedback.analysis if feedback else None
    spans: list[dict[str, Any]] = []
    if analysis is not None:
        spans = [*analysis.care_signals, *analysis.reading.get("flags", {}).get("reasons", [])]
    # the loop is closed only once the case is resolved: the closing message is drafted then
    resolved = case.state == Case.State.RESOLVED
    draft = services.closing_draft(case=case, sender=user) if resolved else None
    # why no re-survey may go, said on the card when there is someone to write to
    refusal = services.resurvey_refusal(case) if draft else ""
    organisation_id = user.organisation_id
    return {
        "case": case,
        "view": view,
        "analysis": analysis,
        "comment": highlighted(response.comment, spans) if response else "",
        "stage": feedback.stage if feedback else "",
        "history_chart": sentiment_history(view.history),
        "can_act": selectors.case_actionable(actor=user, case=case),
        "watching": case.watchers.filter(pk=user.pk).exists(),
        "next_states": [
            (state, Case.State(state).label) for state in sorted(TRANSITIONS[case.state])
        ],
        "assign_form": forms.get("assign_form")
        or AssignForm(organisation_id=organisation_id, initial={"owner": case.owner_id}),
        "state_form": forms.get("state_form") or StateForm(),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "contact_form": forms.get("contact_form")
        or ContactAttemptForm(initial={"channel": _channel(case)}),
        "cause_form": forms.get("cause_form")
        or CauseForm(
            organisation_id=organisation_id,
            initial={"root_cause": case.root_cause_id, "resolution": case.resolution},
        ),
        "close_form": forms.get("close_form")
        or (
            CloseLoopForm(
                initial={"subject": draft.subject, "body": draft.body}, resurvey_refusal=refusal
            )
            if draft
            else None
        ),
        "recipient": draft.to if draft else "",
        "reply_to": _reply_to(case, user) if draft else "",
        "resurvey_refusal": refusal,
        "language_warning": draft.language_warning if draft else "",
        "close_by_word_form": forms.get("close_by_word_form")
        or (_close_by_word_form(request, case) if resolved else None),
        # the customer's way first: the closing message for those who prefer email, the record
        # of a call, chat or meeting for the others; the closing message only with an address
        "close_ways": (
            ("email", "word") if _channel(case) == CaseEvent.Channel.EMAIL else ("word", "email")
        )
        if draft
        else ("word",),
    }


def _reply_to(case: Case, user: User) -> str:
    """Where the customer's reply to what ``user`` sends them goes."""
    return ", ".join(services.customer_reply_to(organisation=case.organisation, sender=user))


def _close_form(request: AuthedRequest, case: Case) -> CloseLoopForm:
    return CloseLoopForm(request.POST, resurvey_refusal=services.resurvey_refusal(case))


def _close_by_word_form(
    request: AuthedRequest, case: Case, data: QueryDict | None = None
) -> CloseLoopOnChannelForm:
    """The record of a loop closed by a word, on the channel the customer prefers (by phone
    when that is email); it offers the re-survey only where one may go."""
    preferred = _channel(case)
    if preferred not in CaseEvent.LOOP_CLOSED_CHANNELS:
        preferred = CaseEvent.Channel.PHONE
    return CloseLoopOnChannelForm(
        data,
        address=services.resurvey_address(case),
        reply_to=_reply_to(case, request.user),
        initial={"channel": preferred},
    )


@require_POST
def case_open(request: AuthedRequest, response_id: int) -> HttpResponse:
    """Open a case by hand from a response's page, for feedback no rule opened one for."""
    user = request.user
    response = response_access(actor=user, response_id=response_id)
    require_write(user)
    form = OpenCaseForm(request.POST, organisation_id=user.organisation_id)
    if form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open_by_person(
                actor=user,
                response=response,
                owner=data["owner"],
                priority=data["priority"],
                note=data["note"],
            )
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, f"Case opened and handed to {case.owner}.")
            return redirect(case)
    # the form again, with what was typed and what is wrong with it, on a page of its own
    failed = FailedAction("The case was not opened", "response-case-h", _sentences(form))
    context = {"response": response, "form": form, "failed": failed}
    return render(request, "cases/case_open.html", context, status=422)


def _channel(case: Case) -> str:
    preferred = case.contact.preferred_channel if case.contact else "email"
    return {"video": "meeting", "in_person": "meeting"}.get(preferred, preferred)


@dataclass(frozen=True)
class FailedAction:
    """What the summary at the top of the case page says of an action that did not happen:
    the page opens at its top, far from the card whose form holds the mistakes."""

    heading: str
    card: str  # the id of the heading of the card the action's form is on
    errors: list[str]


def _case_action(
    form_name: str,
    build: Callable[[AuthedRequest, Case], Any],
    act: Callable[[AuthedRequest, Case, dict[str, Any]], str],
    *,
    card: str,
    failed: str,
) -> Callable[[AuthedRequest, int], HttpResponse]:
    """A POST action on the case page: validate the form, call the service, come back to the
    case with a message; on a mistake, show the page again with what the person wrote, the
    errors at the form, and a summary of them at the top that links to the form's card."""

    @require_POST
    def view(request: AuthedRequest, case_id: int) -> HttpResponse:
        case = selectors.case_access(actor=request.user, case_id=case_id)
        form = build(request, case)
        if form.is_valid():
            try:
                message = act(request, case, form.cleaned_data)
            except ValidationError as error:
                for text in error.messages:
                    form.add_error(None, text)
            else:
                messages.success(request, message)
                return redirect(case)
        context = _case_context(request, case, **{form_name: form})
        context["failed"] = FailedAction(heading=failed, card=card, errors=_sentences(form))
        return render(request, "cases/case_detail.html", context, status=422)

    return view


def _sentences(form: Form) -> list[str]:
    """Each of the form's errors as a sentence that names its field."""
    return [
        text if name == NON_FIELD_ERRORS else f"{form[name].label}: {text}"
        for name, errors in form.errors.items()
        for text in map(str, errors)
    ]


def _assign(request: AuthedRequest, case: Case, data: dict[str, Any]) -> str:
    services.case_assign(actor=request.user, case=case, owner=data["owner"])
    return f"Case handed to {data['owner']}."


def _state(request: AuthedRequest, case: Case, data: dict[str, Any]) -> str:
    services.case_transition(actor=request.user, case=case, state=data["state"], note=data["note"])
    return f"Case is now {case.get_state_display().lower()}."


def _comment(request: AuthedRequest, case: Case, data: dict[str, Any]) -> str:
    services.case_comment(actor=request.user, case=case, text=data["text"])
    return "Comment added."


def _contact(request: AuthedRequest, case: Case, data: dict[str, Any]) -> str:
    services.case_contact_attempt(
        actor=request.user,
        case=case,
        channel=data["channel"],
        outcome=data["outcome"],
        note=data["note"],
    )
    return "Contact attempt recorded."


def _cause(request: AuthedRequest, case: Case, data: dict[str, Any]) -> str:
    services.case_record_cause(
        actor=request.user, case=case, root_cause=data["root_cause"], resolution=data["resolution"]
    )
    return "Root cause and resolution saved."


def _close(request: AuthedRequest, case: Case, data: dict[str, Any]) -> str:
    services.case_close_loop(
        actor=request.user,
        case=case,
        subject=data["subject"],
        body=data["body"],
        resurvey=data.get("resurvey", False),
    )
    # the message leaves from the background: should it not go, the timeline will say so
    to = services.closing_recipient(case)[0]
    return f"Case closed, and the message is on its way to {to}. The loop is closed."


def _close_by_word(request: AuthedRequest, case: Case, data: dict[str, Any]) -> str:
    closed = services.case_close_loop_on_channel(
        actor=request.user,
        case=case,
        channel=data["channel"],
        note=data["note"],
        resurvey=data.get("resurvey", False),
    )
    said = f"Recorded: the loop was closed by {CaseEvent.Channel(data['channel']).label.lower()}"
    if closed.resurvey is None:
        return f"{said}, and the case is closed."
    return (
        f"{said}, and the case is closed. The re-survey is on its way to {closed.resurvey.email}."
    )


case_assign = _case_action(
    "assign_form",
    lambda r, _: AssignForm(r.POST, organisation_id=r.user.organisation_id),
    _assign,
    card="assign-h",
    failed="The case was not handed over",
)
case_state = _case_action(
    "state_form",
    lambda r, _: StateForm(r.POST),
    _state,
    card="state-h",
    failed="The case was not moved",
)
case_comment = _case_action(
    "comment_form",
    lambda r, _: CommentForm(r.POST),
    _comment,
    card="comment-h",
    failed="The comment was not added",
)
case_contact = _case_action(
    "contact_form",
    lambda r, _: ContactAttemptForm(r.POST),
    _contact,
    card="contact-h",
    failed="The contact attempt was not recorded",
)
case_cause = _case_action(
    "cause_form",
    lambda r, _: CauseForm(r.POST, organisation_id=r.user.organisation_id),
    _cause,
    card="cause-h",
    failed="The root cause and resolution were not saved",
)
_case_close_by_email = _case_action(
    "close_form",
    _close_form,
    _close,
    card="close-h",
    failed="The message was not sent and the case was not closed",
)
_case_close_by_word = _case_action(
    "close_by_word_form",
    lambda r, case: _close_by_word_form(r, case, r.POST),
    _close_by_word,
    card="close-by-word-h",
    failed="The closed loop was not recorded and the case was not closed",
)


@require_POST
def case_close(request: AuthedRequest, case_id: int) -> HttpResponse:
    """Both ways of closing the loop post here: the closing message, or the record of a loop
    closed by phone, chat or in a meeting, whose fields carry its form's prefix."""
    by_word = f"{CloseLoopOnChannelForm.prefix}-"
    if any(name.startswith(by_word) for name in request.POST):
        return _case_close_by_word(request, case_id)
    return _case_close_by_email(request, case_id)


@require_POST
def case_watch(request: AuthedRequest, case_id: int) -> HttpResponse:
    case = selectors.case_access(actor=request.user, case_id=case_id)
    watching = request.POST.get("watch") == "yes"
    services.case_watch(actor=request.user, case=case, watching=watching)
    messages.success(
        request, "You follow this case." if watching else "You no longer follow this case."
    )
    return redirect(case)


@require_GET
def notification_list(request: AuthedRequest) -> HttpResponse:
    notes = Notification.objects.filter(recipient=request.user).select_related("case")
    page = Paginator(notes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/notifications.html", {"page": page})


@require_POST
def notification_open(request: AuthedRequest, notification_id: int) -> HttpResponse:
    """Follow a notification to its case or page, marking it read (a POST: it changes it)."""
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    target = services.notification_open(actor=request.user, notification=notification)
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect("cases:notifications")
    return redirect(target)


@require_POST
def notifications_read(request: AuthedRequest) -> HttpResponse:
    services.notifications_read(actor=request.user)
    return redirect("cases:notifications")
