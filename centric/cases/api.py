"""The JSON API for cases: the inboxes, a case with its timeline and the feedback it is about,
the owner's actions, and the root causes and rules those refer to, with the same permissions as
the pages (every endpoint calls the same selector or service)."""

# No `from __future__ import annotations` here: django-ninja reads the query parameters' types
# at import time.
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import Field, Router, Schema
from ninja.errors import ValidationError
from ninja.pagination import paginate
from ninja.params import HeaderEx, P
from ninja.responses import NinjaJSONEncoder, Status

from centric.cases import configuration, selectors, services
from centric.cases.case_forms import CauseForm
from centric.cases.models import Case, CaseEvent, Priority, RootCause, Rule
from centric.core.api import (
    READ_ERRORS,
    WRITE_ERRORS,
    Body,
    ErrorOut,
    Id,
    InvalidOut,
    Page,
    invalid_fields,
    require_valid,
)
from centric.core.permissions import require_write
from centric.customers.models import Contact, Customer, Influence
from centric.feedback.ingestion import key_claim, key_problem, stored_answer
from centric.feedback.models import Response
from centric.feedback.selectors import response_access
from centric.insights.models import ResponseAnalysis
from centric.people.models import User

router = Router(tags=["cases"])

Inbox = Literal["mine", "team", "overdue", "soon", "unassigned", "all", "closed"]
# the services and forms name model fields; the API names the ids it takes
FIELD_NAMES = {"owner": "owner_id", "response": "response_id", "root_cause": "root_cause_id"}
# what the endpoints answer besides success: 401 without credentials and 422 for input they
# refuse (a query, a path or a body); 404 for a case or rule out of sight, 403 for a write the
# person may not make. A list has nothing to find, and opening a case names its feedback in
# the body (422 when it is unknown).
LISTED: dict[int, Any] = {401: ErrorOut, 422: InvalidOut}
FOUND: dict[int, Any] = READ_ERRORS
REFUSED: dict[int, Any] = WRITE_ERRORS


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


# The ids beside the names in an event's data, by kind. Events recorded before the ids were
# stored name people alone: their ids are null (the person who opened a case by hand is its
# event's actor, so that one is known).
EVENT_IDS: dict[str, tuple[str, ...]] = {
    CaseEvent.Kind.ASSIGNED: ("from_id", "to_id"),
    CaseEvent.Kind.ROOT_CAUSE: ("root_cause_id",),
    CaseEvent.Kind.ESCALATED: ("to_ids",),
}


class CaseEventOut(Schema):
    id: int
    kind: CaseEvent.Kind
    actor_id: int | None = Field(description="Empty for the system (rules, escalations).")
    at: datetime
    text: str
    data: dict[str, Any] = Field(
        description="What changed. People and records are named for reading and referred to by "
        "id: {from, from_id, to, to_id} for a new owner (`assigned`; `from_id` null when the "
        "case had none); {from, to} for a state; {rule, rule_id} for a case a rule opened, "
        "{by, by_id} for one opened by hand (`opened`); {root_cause, root_cause_id}; {clock, "
        "level, to, to_ids} for an escalation, in the order notified; {channel, outcome} for a "
        "contact attempt; {to, resurvey} for the closing message (`message`, its text the "
        "message), {channel, resurvey, to} for a loop closed by phone, chat or in a meeting "
        "(`loop_closed`, its text what was said), `to` being an email address there; {score, "
        "score_type, comment}, each score and comment [before, after], for answers the customer "
        "changed (`answers`); {to, subject, error} for an email to the customer that could not "
        "be sent, however often it was tried (`mail_failed`, its text what to do). Events "
        "recorded before ids were stored name people only: their ids are null."
    )

    @staticmethod
    def resolve_data(event: CaseEvent) -> dict[str, Any]:
        data = dict(event.data)
        if event.kind == CaseEvent.Kind.OPENED:
            if "by" in data:
                data.setdefault("by_id", event.actor_id)
            elif "rule" in data:
                data.setdefault("rule_id", None)
        for name in EVENT_IDS.get(event.kind, ()):
            data.setdefault(name, None)
        return data


class ThemeOut(Schema):
    theme: str
    sentiment: ResponseAnalysis.Label = Field(alias="sentiment_label")
    confidence: float


class CareSignalOut(Schema):
    kind: str = Field(description="What the words signal: a reason for urgency or churn risk, …")
    phrase: str = Field(description="The customer's words that signal it.")


class CaseAnswerOut(Schema):
    """One of the feedback's answers besides its comment, as the case page shows it."""

    key: str = Field(description="The question's key in its survey.")
    question: str = Field(description="The question's wording, in the survey's language.")
    kind: str = Field(description="nps, csat, ces, rating, single or multiple.")
    answer: str = Field(description="As staff read it: a score as it is, a choice by its label.")
    score: int | None = Field(description="The number answered; null for a choice.")
    low: int | None = Field(description="The lowest a score could be; null for a choice.")
    high: int | None = Field(description="The highest a score could be; null for a choice.")


class CaseFeedbackOut(Schema):
    """What the case page shows of the feedback that opened the case, to whoever may see the
    case: its owner works the case from this even where `GET /api/feedback/{id}` is out of
    their sight."""

    # read through the feedback (`response`) and what its words were read to say (`analysis`)
    id: int = Field(alias="response.id")
    kind: Response.Kind = Field(alias="response.kind")
    channel: Response.Channel = Field(alias="response.channel", description="How it reached us.")
    survey_id: int | None = Field(alias="response.survey_id")
    survey: str | None = Field(description="The survey's name.")
    given_at: datetime = Field(description="When the customer gave it (else, when it was stored).")
    score: int | None = Field(alias="response.score")
    score_type: str = Field(
        alias="response.score_type", description="nps, csat, ces or rating; empty without a score."
    )
    comment: str = Field(alias="response.comment")
    language: str = Field(alias="response.language")
    stage: str = Field(
        description="The journey stage it speaks of: its own, else the one its words were read "
        "to speak of; empty when neither is known."
    )
    person_id: int | None = Field(
        alias="response.person_id", description="For an internal customer: who gave it."
    )
    rated_team_id: int | None = Field(
        description="For an internal customer's say on a team (an internal-customer survey): "
        "the team rated, which looks after the case; null otherwise."
    )
    rated_team: str | None = Field(description="The rated team's name.")
    answers: list[CaseAnswerOut] = Field(
        description="Its answers besides the comment, in the survey's order (the six "
        "behaviours an internal customer rates a team on, say); empty when they would say no "
        "more than `score`."
    )
    sentiment: ResponseAnalysis.Label | None = Field(description="Null until it has been read.")
    sentiment_score: float | None = Field(description="−1 to 1; null until it has been read.")
    urgent: bool
    churn_risk: bool
    praise: bool
    themes: list[ThemeOut]
    care_signals: list[CareSignalOut]

    @staticmethod
    def resolve_given_at(feedback: selectors.CaseFeedback) -> datetime:
        return feedback.response.responded_at or feedback.response.created_at

    @staticmethod
    def resolve_survey(feedback: selectors.CaseFeedback) -> str | None:
        survey = feedback.response.survey
        return survey.name if survey else None

    @staticmethod
    def resolve_rated_team_id(feedback: selectors.CaseFeedback) -> int | None:
        return feedback.rated_team.pk if feedback.rated_team else None

    @staticmethod
    def resolve_rated_team(feedback: selectors.CaseFeedback) -> str | None:
        return feedback.rated_team.name if feedback.rated_team else None

    @staticmethod
    def resolve_sentiment(feedback: selectors.CaseFeedback) -> str | None:
        return feedback.analysis.sentiment_label if feedback.analysis else None

    @staticmethod
    def resolve_sentiment_score(feedback: selectors.CaseFeedback) -> float | None:
        return feedback.analysis.sentiment_score if feedback.analysis else None

    @staticmethod
    def resolve_urgent(feedback: selectors.CaseFeedback) -> bool:
        return bool(feedback.analysis and feedback.analysis.urgent)

    @staticmethod
    def resolve_churn_risk(feedback: selectors.CaseFeedback) -> bool:
        return bool(feedback.analysis and feedback.analysis.churn_risk)

    @staticmethod
    def resolve_praise(feedback: selectors.CaseFeedback) -> bool:
        return bool(feedback.analysis and feedback.analysis.praise)

    @staticmethod
    def resolve_care_signals(feedback: selectors.CaseFeedback) -> list[dict[str, Any]]:
        return list(feedback.analysis.care_signals) if feedback.analysis else []


class CaseCustomerOut(Schema):
    """Who the customer is, as the case page shows it."""

    id: int
    name: str
    kind: Customer.Kind
    account_id: int | None
    team_id: int | None = Field(description="For an internal customer: the team it is.")
    segment: str | None
    tier: str | None
    account_owner_id: int | None

    @staticmethod
    def resolve_segment(customer: Customer) -> str | None:
        account = customer.account
        return account.segment.name if account and account.segment else None

    @staticmethod
    def resolve_tier(customer: Customer) -> str | None:
        return customer.account.tier if customer.account else None

    @staticmethod
    def resolve_account_owner_id(customer: Customer) -> int | None:
        return customer.account.owner_id if customer.account else None


class CaseContactOut(Schema):
    """The person at the customer the case is about, and how they like to be reached."""

    id: int
    name: str
    job_title: str
    influence: Influence
    preferred_channel: str
    language: str
    time_zone: str

    @staticmethod
    def resolve_name(contact: Contact) -> str:
        return str(contact)


class CaseDetailOut(CaseOut):
    watcher_ids: list[int]
    feedback: CaseFeedbackOut | None = Field(
        description="The feedback the case is about, as the case page shows it; null for a case "
        "whose feedback was removed."
    )
    customer: CaseCustomerOut | None
    contact: CaseContactOut | None
    events: list[CaseEventOut] = Field(description="The case's timeline, oldest first.")

    @staticmethod
    def resolve_watcher_ids(case: Case) -> list[int]:
        return [user.pk for user in case.watchers.all()]

    @staticmethod
    def resolve_feedback(case: Case) -> selectors.CaseFeedback | None:
        return selectors.case_feedback(case=case)

    @staticmethod
    def resolve_events(case: Case) -> list[CaseEvent]:
        return list(case.events.all())


class RootCauseOut(Schema):
    id: int
    name: str
    description: str
    parent_id: int | None = Field(description="The broader root cause this one is part of.")
    active: bool = Field(
        description="Offered to record on a case; a retired one stays on the cases that have it."
    )


class RuleOut(Schema):
    """A rule as the rules page shows it to everyone in the organisation."""

    id: int
    name: str
    active: bool = Field(description="Runs on new feedback; a paused rule does not.")
    position: int = Field(description="The rules are tried in this order, lowest first.")
    conditions_all: list[dict[str, Any]] = Field(
        description="Feedback must meet every one of these: each `{field, op, value}`."
    )
    conditions_any: list[dict[str, Any]] = Field(
        description="…and, when there are any, at least one of these."
    )
    owner_strategy: Rule.OwnerStrategy = Field(
        description="Who owns the cases it opens: the customer's owner (else `team_id`), round "
        "robin in `team_id`, or `person_id`."
    )
    team_id: int | None
    person_id: int | None
    priority: Priority
    tags: list[str] = Field(description="Given to the cases it opens.")
    case_count: int = Field(description="The cases it has opened.")

    @staticmethod
    def resolve_case_count(rule: Rule) -> int:
        counted: int | None = getattr(rule, "case_count", None)  # the list counts them at once
        return rule.cases.count() if counted is None else counted


class OpenIn(Body):
    response_id: Id = Field(description="The feedback the case is about; no rule opened one.")
    owner_id: Id = Field(description="The person who owns the case.")
    priority: Priority = Priority.NORMAL
    note: str = Field("", max_length=20_000, description="Starts the case's timeline.")


class AssignIn(Body):
    owner_id: Id = Field(description="The person who owns the case from now on.")


class TransitionIn(Body):
    state: Case.State = Field(
        description="new → contacted / in_progress / resolved; contacted ↔ in_progress; "
        "resolved → closed; resolved or closed → in_progress reopens. Resolving needs a root "
        "cause and a resolution (`POST /api/cases/{id}/cause`)."
    )
    note: str = Field("", max_length=20_000)


class CommentIn(Body):
    text: str = Field(max_length=20_000)


class ContactAttemptIn(Body):
    channel: CaseEvent.Channel
    outcome: CaseEvent.Outcome = Field(
        description="reached or left_message stops the first-contact clock."
    )
    note: str = Field("", max_length=20_000)


class CauseIn(Body):
    root_cause_id: Id = Field(
        description="One of the root causes offered (`active` in `GET /api/cases/root-causes`)."
    )
    resolution: str = Field(
        max_length=20_000,
        description="What was done about it, in words for the customer: the closing message "
        "to them quotes it.",
    )


class CloseLoopIn(Body):
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
        "that a recovery can be measured; never to an address that asked to receive no more "
        "surveys (unsubscribed). Left out: sent when one may go, else not. True when none may go "
        "(no address, or one that unsubscribed) is refused: a 422 naming `resurvey`, and why.",
    )


class WatchOut(Schema):
    watching: bool = Field(description="Whether you follow the case now.")
    watcher_ids: list[int]


# --- retrying a write safely ------------------------------------------------------------------

# (django-ninja changes a header parameter it is given, so each endpoint takes its own)
KEY_HELP = (
    "Any unique string up to 200 characters, e.g. a UUID, per request: a retry with the same key "
    "gets the first answer again and writes nothing."
)
KEY = ["header", "Idempotency-Key"]


def _refuse_key(message: str) -> ValidationError:
    return ValidationError([{"loc": KEY, "msg": message, "type": "value_error"}])


def _once(
    request: HttpRequest,
    key: str | None,
    payload: Schema,
    write: Callable[[], tuple[int, Schema]],
) -> HttpResponse:
    """Answer ``write()`` once per ``Idempotency-Key``, as `POST /api/feedback` does and with its
    pieces (``ingestion.key_problem``, ``key_claim``, ``stored_answer``): a retry with the same
    key and the same request (path, body and person) gets the first answer again and writes
    nothing; the key with another request is refused (422). A refused request (``write``
    raising) leaves the key unused. The key's row is the lock: a twin sent at the same moment
    waits on it until this one commits, then gets its answer."""
    if key is None:
        status_code, body = write()
        return JsonResponse(_rendered(body), status=status_code)
    problem = key_problem(key)
    if problem:
        raise _refuse_key(problem)
    actor = _actor(request)
    sent = {"path": request.path, "person": actor.pk, "body": payload.model_dump(mode="json")}
    digest = hashlib.sha256(json.dumps(sent, sort_keys=True).encode()).hexdigest()
    with transaction.atomic():
        claim = key_claim(actor, key, digest)
        if claim is None:
            return _replay(actor, key, digest)
        status_code, body = write()
        claim.status_code, claim.response_body = status_code, _rendered(body)
        claim.save(update_fields=["status_code", "response_body", "updated_at"])
    return JsonResponse(claim.response_body, status=status_code)


def _rendered(body: Schema) -> Any:
    """``body`` as the API renders an answer (dates and times as every other answer has them),
    to keep and to give again."""
    return json.loads(json.dumps(body.model_dump(), cls=NinjaJSONEncoder))


def _replay(actor: User, key: str, digest: str) -> HttpResponse:
    stored = stored_answer(actor, key)
    assert stored is not None  # its claim failed: it is there
    if stored.body_digest != digest:
        raise _refuse_key(
            "This Idempotency-Key was already used for a different request. Send a new key "
            "with a new request."
        )
    return JsonResponse(stored.response_body, status=stored.status_code)


# --- reading ----------------------------------------------------------------------------------


@router.get(
    "/cases",
    response={200: list[CaseOut], **LISTED},
    summary="One inbox of cases you may see, soonest deadline first",
    description="`mine`, `team`, `soon` (an SLA runs out within 4 hours), `unassigned` and `all` "
    "hold open cases; `closed` holds resolved and closed ones. Filters narrow the inbox.",
)
@paginate(Page)
def list_cases(
    request: HttpRequest,
    inbox: Inbox = "all",
    q: str = "",
    state: Case.State | None = None,
    priority: Priority | None = None,
    owner_id: Id | None = None,
    team_id: Id | None = None,
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


# before `/cases/{case_id}`, which would otherwise take their names for a case's id
@router.get(
    "/cases/root-causes",
    response={200: list[RootCauseOut], **LISTED},
    summary="Your organisation's root causes, those offered first",
    description="Everyone in the organisation reads them: a case's `root_cause_id` is one of "
    "these, and `POST /api/cases/{id}/cause` takes one that is `active`.",
)
@paginate(Page)
def list_root_causes(request: HttpRequest, active: bool | None = None) -> QuerySet[RootCause]:
    causes = selectors.root_causes(actor=_actor(request))
    return causes if active is None else causes.filter(active=active)


@router.get(
    "/cases/rules",
    response={200: list[RuleOut], **LISTED},
    summary="The rules that open cases, in the order they are tried",
    description="Everyone in the organisation reads them, as on the rules page; admins and CX "
    "leads change them there. A case's `rule_id` is one of these.",
)
@paginate(Page)
def list_rules(request: HttpRequest) -> QuerySet[Rule]:
    return configuration.rule_list(actor=_actor(request))


@router.get(
    "/cases/rules/{rule_id}",
    response={200: RuleOut, **FOUND},
    summary="One rule that opens cases",
)
def get_rule(request: HttpRequest, rule_id: Id) -> Rule:
    return configuration.rule_access(actor=_actor(request), rule_id=rule_id)


@router.get(
    "/cases/{case_id}",
    response={200: CaseDetailOut, **FOUND},
    summary="A case with the feedback it is about and its timeline",
    description="`feedback`, `customer` and `contact` hold what the case page shows of them, "
    "for whoever may see the case, even where the feedback itself is out of their sight.",
)
def get_case(request: HttpRequest, case_id: Id) -> Case:
    return selectors.case_access(actor=_actor(request), case_id=case_id)


# --- working a case ---------------------------------------------------------------------------


def _case_to_work(request: HttpRequest, case_id: int) -> tuple[User, Case]:
    """The case (404 when out of sight) and its actor, who must be allowed to write (403)."""
    actor = _actor(request)
    case = selectors.case_access(actor=actor, case_id=case_id)
    require_write(actor)
    return actor, case


def _person(actor: User, owner_id: int) -> User:
    """The person of the actor's organisation an ``owner_id`` names (422 naming it if none)."""
    owner = User.objects.filter(pk=owner_id, organisation_id=actor.organisation_id).first()
    if owner is None:
        raise invalid_fields({"owner_id": ["Choose an active person of your organisation."]})
    return owner


def _feedback(actor: User, response_id: int) -> Response:
    """The feedback a ``response_id`` names, if the actor may see it (422 naming it if not)."""
    try:
        return response_access(actor=actor, response_id=response_id)
    except Http404:
        message = "There is no feedback you may see with this id."
        raise invalid_fields({"response_id": [message]}) from None


@router.post(
    "/cases",
    response={201: CaseOut, 401: ErrorOut, 403: ErrorOut, 422: InvalidOut},
    summary="Open a case by hand for feedback no rule opened one for, with its owner",
    description="Send an `Idempotency-Key` header to retry safely: a retry with the same key "
    "and body gets the first answer again and opens nothing.",
)
def open_case(
    request: HttpRequest,
    payload: OpenIn,
    idempotency_key: HeaderEx[str | None, P(alias="Idempotency-Key", description=KEY_HELP)] = None,
) -> HttpResponse:
    actor = _actor(request)
    require_write(actor)

    def open_() -> tuple[int, Schema]:
        response = _feedback(actor, payload.response_id)
        owner = _person(actor, payload.owner_id)
        with _field_errors():
            case = services.case_open_by_person(
                actor=actor,
                response=response,
                owner=owner,
                priority=payload.priority,
                note=payload.note,
            )
        return 201, CaseOut.from_orm(case)

    return _once(request, idempotency_key, payload, open_)


@router.post(
    "/cases/{case_id}/assign",
    response={200: CaseOut, **REFUSED},
    summary="Hand the case to one person (ownership moves, it is never shared)",
)
def assign_case(request: HttpRequest, case_id: Id, payload: AssignIn) -> Case:
    actor, case = _case_to_work(request, case_id)
    owner = _person(actor, payload.owner_id)
    with _field_errors():
        return services.case_assign(actor=actor, case=case, owner=owner)


@router.post(
    "/cases/{case_id}/transition",
    response={200: CaseOut, **REFUSED},
    summary="Move the case to another state, with an optional note on the timeline",
)
def transition_case(request: HttpRequest, case_id: Id, payload: TransitionIn) -> Case:
    actor, case = _case_to_work(request, case_id)
    with _field_errors():
        return services.case_transition(
            actor=actor, case=case, state=payload.state, note=payload.note.strip()
        )


@router.post(
    "/cases/{case_id}/cause",
    response={200: CaseOut, **REFUSED},
    summary="Record the case's root cause and resolution, which resolving it needs",
    description="As on the case page: one of the root causes offered (`GET "
    "/api/cases/root-causes`, `active`), and what was done about it. Recording them again "
    "replaces them; each change lands on the timeline (`root_cause`).",
)
def record_cause(request: HttpRequest, case_id: Id, payload: CauseIn) -> Case:
    actor, case = _case_to_work(request, case_id)
    form = CauseForm(
        {"root_cause": payload.root_cause_id, "resolution": payload.resolution},
        organisation_id=actor.organisation_id,
    )
    require_valid(form, FIELD_NAMES)
    with _field_errors():
        return services.case_record_cause(
            actor=actor,
            case=case,
            root_cause=form.cleaned_data["root_cause"],
            resolution=form.cleaned_data["resolution"],
        )


@router.post(
    "/cases/{case_id}/comments",
    response={201: CaseEventOut, **REFUSED},
    summary="Add a comment to the case's timeline",
    description="Send an `Idempotency-Key` header to retry safely: a retry with the same key "
    "and body gets the first answer again and adds nothing.",
)
def comment_case(
    request: HttpRequest,
    case_id: Id,
    payload: CommentIn,
    idempotency_key: HeaderEx[str | None, P(alias="Idempotency-Key", description=KEY_HELP)] = None,
) -> HttpResponse:
    actor, case = _case_to_work(request, case_id)

    def comment() -> tuple[int, Schema]:
        with _field_errors():
            event = services.case_comment(actor=actor, case=case, text=payload.text)
        return 201, CaseEventOut.from_orm(event)

    return _once(request, idempotency_key, payload, comment)


@router.post(
    "/cases/{case_id}/contact-attempts",
    response={201: CaseEventOut, **REFUSED},
    summary="Record an attempt to reach the customer",
    description="The first attempt that reaches the customer or leaves a message stops the "
    "first-contact clock and moves a new case to contacted.",
)
def contact_case(request: HttpRequest, case_id: Id, payload: ContactAttemptIn) -> Status[CaseEvent]:
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
def close_loop(request: HttpRequest, case_id: Id, payload: CloseLoopIn) -> Case:
    actor, case = _case_to_work(request, case_id)
    with _field_errors():
        return services.case_close_loop_on_channel(
            actor=actor,
            case=case,
            channel=payload.channel,
            note=payload.note,
            resurvey=payload.resurvey,
        )


def _watch(request: HttpRequest, case_id: int, *, watching: bool) -> WatchOut:
    actor = _actor(request)
    case = selectors.case_access(actor=actor, case_id=case_id)
    services.case_watch(actor=actor, case=case, watching=watching)
    return WatchOut(watching=watching, watcher_ids=[user.pk for user in case.watchers.all()])


@router.post(
    "/cases/{case_id}/watch",
    response={200: WatchOut, **FOUND},
    summary="Follow a case: hear of every change of its state, in the app",
    description="Anyone who may see the case may follow it, viewers too: following changes "
    "nothing about the case. Following a case you follow already changes nothing.",
)
def watch_case(request: HttpRequest, case_id: Id) -> WatchOut:
    return _watch(request, case_id, watching=True)


@router.delete(
    "/cases/{case_id}/watch",
    response={200: WatchOut, **FOUND},
    summary="Stop following a case",
)
def unwatch_case(request: HttpRequest, case_id: Id) -> WatchOut:
    return _watch(request, case_id, watching=False)
