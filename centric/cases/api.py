"""The JSON API for cases: the inboxes, a case with its timeline, and the owner's actions, with
the same permissions as the pages (every endpoint calls the same selector or service)."""

# No `from __future__ import annotations` here: django-ninja reads the query parameters' types
# at import time.
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import ValidationError
from ninja.pagination import paginate
from ninja.responses import Status

from centric.cases import selectors, services
from centric.cases.models import Case, CaseEvent, Priority
from centric.core.api import ErrorOut, invalid_fields
from centric.core.permissions import require_write
from centric.feedback.selectors import response_access
from centric.people.models import User

router = Router(tags=["cases"])

Inbox = Literal["mine", "team", "overdue", "soon", "unassigned", "all", "closed"]
# the services name model fields; the API names the ids it takes
FIELD_NAMES = {"owner": "owner_id", "response": "response_id"}
REFUSED: dict[int | str, Any] = {403: ErrorOut, 404: ErrorOut}


def _actor(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


@contextmanager
def _field_errors() -> Iterator[None]:
    """A service's refusal of its input becomes a 422 naming each field and the reason, as a
    schema error does."""
    try:
        yield
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise invalid_fields(error.message_dict, FIELD_NAMES) from None


class CaseOut(Schema):
    id: int
    title: str
    state: Case.State
    priority: Priority
    customer_id: int | None
    contact_id: int | None
    response_id: int | None = Field(description="The feedback that opened the case.")
    rule_id: int | None = Field(description="The rule that opened the case.")
    owner_id: int | None = Field(description="Empty while the case waits in its team's queue.")
    team_id: int | None
    tags: list[str]
    opened_at: datetime
    first_contact_due: datetime = Field(description="When the first-contact SLA runs out.")
    resolution_due: datetime = Field(description="When the resolution SLA runs out.")
    first_contacted_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    reopen_count: int
    root_cause_id: int | None
    resolution: str


class CaseEventOut(Schema):
    id: int
    kind: CaseEvent.Kind
    actor_id: int | None = Field(description="Empty for the system (rules, escalations).")
    at: datetime
    text: str
    data: dict[str, Any] = Field(
        description="What changed: {from, to} for an owner or state, {channel, outcome} for a "
        "contact attempt, {rule} for an opened case; {to, resurvey} for the closing message "
        "(`message`, its text the message), {channel, resurvey, to} for a loop closed by phone, "
        "chat or in a meeting (`loop_closed`, its text what was said)."
    )


class CaseDetailOut(CaseOut):
    watcher_ids: list[int]
    events: list[CaseEventOut] = Field(description="The case's timeline, oldest first.")

    @staticmethod
    def resolve_watcher_ids(case: Case) -> list[int]:
        return [user.pk for user in case.watchers.all()]

    @staticmethod
    def resolve_events(case: Case) -> list[CaseEvent]:
        return list(case.events.all())


class OpenIn(Schema):
    response_id: int = Field(description="The feedback the case is about; no rule opened one.")
    owner_id: int = Field(description="The person who owns the case.")
    priority: Priority = Priority.NORMAL
    note: str = Field("", max_length=20_000, description="Starts the case's timeline.")


class AssignIn(Schema):
    owner_id: int = Field(description="The person who owns the case from now on.")


class TransitionIn(Schema):
    state: Case.State = Field(
        description="new → contacted / in_progress / resolved; contacted ↔ in_progress; "
        "resolved → closed; resolved or closed → in_progress reopens. Resolving needs a root "
        "cause and a resolution."
    )
    note: str = Field("", max_length=20_000)


class CommentIn(Schema):
    text: str = Field(max_length=20_000)


class ContactAttemptIn(Schema):
    channel: CaseEvent.Channel
    outcome: CaseEvent.Outcome = Field(
        description="reached or left_message stops the first-contact clock."
    )
    note: str = Field("", max_length=20_000)


class CloseLoopIn(Schema):
    channel: Literal["phone", "chat", "meeting"] = Field(
        description="Where the loop was closed with the customer."
    )
    note: str = Field(
        min_length=1,
        max_length=2_000,
        description="What you told the customer and how they took it: the closing event on the "
        "case's timeline.",
    )
    resurvey: bool | None = Field(
        None,
        description="Email the customer the short re-survey afterwards, in their language, so "
        "that a recovery can be measured. Left out: sent when the customer has an email address.",
    )


@router.get(
    "/cases",
    response=list[CaseOut],
    summary="One inbox of cases you may see, soonest deadline first",
    description="`mine`, `team`, `soon` (an SLA runs out within 4 hours), `unassigned` and `all` "
    "hold open cases; `closed` holds resolved and closed ones. Filters narrow the inbox.",
)
@paginate
def list_cases(
    request: HttpRequest,
    inbox: Inbox = "all",
    q: str = "",
    state: Case.State | None = None,
    priority: Priority | None = None,
    owner_id: int | None = None,
    team_id: int | None = None,
) -> QuerySet[Case]:
    filters = selectors.InboxFilters(
        inbox=inbox,
        search=q.strip(),
        state=state or "",
        priority=priority or "",
        owner_id=owner_id,
        team_id=team_id,
    )
    return selectors.inbox(actor=_actor(request), filters=filters)


@router.get(
    "/cases/{case_id}",
    response={200: CaseDetailOut, 404: ErrorOut},
    summary="A case with its timeline",
)
def get_case(request: HttpRequest, case_id: int) -> Case:
    return selectors.case_access(actor=_actor(request), case_id=case_id)


def _case_to_work(request: HttpRequest, case_id: int) -> tuple[User, Case]:
    """The case (404 when out of sight) and its actor, who must be allowed to write (403)."""
    actor = _actor(request)
    case = selectors.case_access(actor=actor, case_id=case_id)
    require_write(actor)
    return actor, case


@router.post(
    "/cases/{case_id}/assign",
    response={200: CaseOut, **REFUSED},
    summary="Hand the case to one person (ownership moves, it is never shared)",
)
def assign_case(request: HttpRequest, case_id: int, payload: AssignIn) -> Case:
    actor, case = _case_to_work(request, case_id)
    owner = User.objects.filter(pk=payload.owner_id, organisation_id=actor.organisation_id).first()
    if owner is None:
        raise ValidationError(
            [
                {
                    "loc": ["body", "owner_id"],
                    "msg": "Choose an active person of your organisation.",
                    "type": "value_error",
                }
            ]
        )
    with _field_errors():
        return services.case_assign(actor=actor, case=case, owner=owner)


@router.post(
    "/cases",
    response={201: CaseOut, **REFUSED},
    summary="Open a case by hand for feedback no rule opened one for, with its owner",
)
def open_case(request: HttpRequest, payload: OpenIn) -> Status[Case]:
    actor = _actor(request)
    response = response_access(actor=actor, response_id=payload.response_id)
    require_write(actor)
    owner = User.objects.filter(pk=payload.owner_id, organisation_id=actor.organisation_id).first()
    if owner is None:
        raise invalid_fields({"owner_id": ["Choose an active person of your organisation."]})
    with _field_errors():
        case = services.case_open_by_person(
            actor=actor,
            response=response,
            owner=owner,
            priority=payload.priority,
            note=payload.note,
        )
    return Status(201, case)


@router.post(
    "/cases/{case_id}/transition",
    response={200: CaseOut, **REFUSED},
    summary="Move the case to another state, with an optional note on the timeline",
)
def transition_case(request: HttpRequest, case_id: int, payload: TransitionIn) -> Case:
    actor, case = _case_to_work(request, case_id)
    with _field_errors():
        return services.case_transition(
            actor=actor, case=case, state=payload.state, note=payload.note.strip()
        )


@router.post(
    "/cases/{case_id}/comments",
    response={201: CaseEventOut, **REFUSED},
    summary="Add a comment to the case's timeline",
)
def comment_case(request: HttpRequest, case_id: int, payload: CommentIn) -> Status[CaseEvent]:
    actor, case = _case_to_work(request, case_id)
    with _field_errors():
        return Status(201, services.case_comment(actor=actor, case=case, text=payload.text))


@router.post(
    "/cases/{case_id}/contact-attempts",
    response={201: CaseEventOut, **REFUSED},
    summary="Record an attempt to reach the customer",
    description="The first attempt that reaches the customer or leaves a message stops the "
    "first-contact clock and moves a new case to contacted.",
)
def contact_case(
    request: HttpRequest, case_id: int, payload: ContactAttemptIn
) -> Status[CaseEvent]:
    actor, case = _case_to_work(request, case_id)
    with _field_errors():
        event = services.case_contact_attempt(
            actor=actor,
            case=case,
            channel=payload.channel,
            outcome=payload.outcome,
            note=payload.note.strip(),
        )
    return Status(201, event)


@router.post(
    "/cases/{case_id}/close-loop",
    response={200: CaseOut, **REFUSED},
    summary="Record that the loop was closed by phone, chat or in a meeting, and close the case",
    description="For a resolved case. The note stands on the timeline as the closing event "
    "(`loop_closed`), and the case counts as closed in the measures like one closed with the "
    "closing message; with the re-survey, its answer counts towards the recovery rate.",
)
def close_loop(request: HttpRequest, case_id: int, payload: CloseLoopIn) -> Case:
    actor, case = _case_to_work(request, case_id)
    with _field_errors():
        return services.case_close_loop_on_channel(
            actor=actor,
            case=case,
            channel=payload.channel,
            note=payload.note,
            resurvey=payload.resurvey,
        )
