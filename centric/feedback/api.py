"""The JSON API for feedback: the ingestion batch endpoint, and reads of feedback with the same
scopes as the pages. Surveys have their own (``survey_api``)."""

# No `from __future__ import annotations` here: django-ninja reads the query parameters' types
# at import time.
from datetime import datetime
from typing import Annotated, Any, Literal, Self

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Body, Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.params import HeaderEx, P, QueryEx
from ninja.responses import Status
from pydantic import ModelWrapValidatorHandler, PrivateAttr, WithJsonSchema, model_validator

from centric.core.api import READ_ERRORS, ErrorOut, Id, InvalidOut, Page
from centric.feedback import selectors
from centric.feedback.ingestion import MAX_COMMENT, MAX_ITEMS, MAX_KEY, feedback_ingest
from centric.feedback.models import Response
from centric.feedback.query_params import moment_query
from centric.people.models import User

router = Router(tags=["feedback"])


def _actor(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


class FeedbackItemIn(Schema):
    kind: Literal["survey", "review", "ticket", "note"]
    score: int | None = Field(
        None, description="nps 0–10, csat 1–5, ces 1–7, rating 1–5; needs score_type."
    )
    score_type: Literal["nps", "csat", "ces", "rating"] | None = None
    comment: str = Field("", max_length=MAX_COMMENT, description="Required when there is no score.")
    responded_at: datetime | None = Field(
        None,
        description="When the customer gave the feedback, with a time zone; not in the future. "
        "Defaults to now.",
    )
    customer_id: int | None = Field(
        None, description="Exactly one of customer_id, contact_email and account_external_id."
    )
    contact_email: str | None = None
    account_external_id: str | None = None
    stage: str | None = Field(
        None,
        description="The name of one of your journey stages; left out with a touchpoint, the "
        "touchpoint's stage.",
    )
    touchpoint: str | None = Field(
        None,
        description="The name of one of your touchpoints; with a stage, one of that stage's (or "
        "of none).",
    )
    language: str | None = Field(
        None,
        description="A language's code, with a region if you like (en, de, pt-BR); defaults to "
        "the contact's language.",
    )
    source_ref: str = Field(
        "",
        max_length=200,
        description="Your id for this feedback (a ticket or review id). An item whose source_ref "
        "is stored already is reported as a duplicate and not stored again.",
    )
    attributes: dict[str, Any] = Field(default_factory=dict)


class FeedbackBatchIn(Schema):
    # The schema documents the batch's shape and validates none of it: the service checks the
    # body as sent, and then each item, so that a malformed batch is refused in the same shape as
    # an invalid item, and ?partial=true can keep the valid items, each reported by its index.
    items: list[FeedbackItemIn] = Field(
        min_length=1, max_length=MAX_ITEMS, description=f"1 to {MAX_ITEMS} feedback items."
    )
    _body: Any = PrivateAttr(None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_the_body_as_sent(cls, body: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        batch = cls.model_construct()
        batch._body = body
        return batch

    def as_sent(self) -> Any:
        return self._body


class CreatedOut(Schema):
    index: int
    id: int


class DuplicateOut(Schema):
    index: int
    source_ref: str


class ItemErrorOut(Schema):
    index: int = Field(description="The item's position in the batch, from 0.")
    field: str
    reason: str


class FeedbackBatchOut(Schema):
    created: list[CreatedOut]
    duplicates: list[DuplicateOut] = Field(
        description="Items not stored because their source_ref is stored already."
    )
    errors: list[ItemErrorOut] = Field(description="With ?partial=true: the items not stored.")


class BatchRefusedOut(Schema):
    detail: str
    errors: list[ItemErrorOut]


class FeedbackOut(Schema):
    id: int
    kind: Response.Kind
    channel: Response.Channel
    survey_id: int | None
    customer_id: int | None
    contact_id: int | None
    stage: str | None
    touchpoint: str | None
    language: str
    score: int | None
    score_type: str
    comment: str
    source_ref: str
    attributes: dict[str, Any]
    responded_at: datetime | None = Field(description="When the customer gave the feedback.")
    created_at: datetime = Field(
        description="When Centric received it (for a survey's answers, when they were begun)."
    )
    submitted_at: datetime | None = Field(
        description="For a survey's answers, when the respondent sent them."
    )
    edited_at: datetime | None = Field(
        description="For a survey's answers, when the respondent last changed them after "
        "sending them."
    )

    @staticmethod
    def resolve_stage(response: Response) -> str | None:
        return response.stage.name if response.stage else None

    @staticmethod
    def resolve_touchpoint(response: Response) -> str | None:
        return response.touchpoint.name if response.touchpoint else None


@router.post(
    "/feedback",
    response={
        201: FeedbackBatchOut,
        200: FeedbackBatchOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        422: BatchRefusedOut,
    },
    summary="Send a batch of feedback: survey scores, reviews, tickets, notes",
    description=(
        "Every item is checked; if any is invalid nothing is stored and the answer (422) names "
        "each item's index, field and reason. With `?partial=true` the valid items are stored and "
        "the others reported. An item whose `source_ref` is stored already is a duplicate, not an "
        "error. Answers 201 when something was stored, 200 when nothing new was. A body that is "
        f"not an object whose `items` is a list of 1 to {MAX_ITEMS} items gets 422 saying what is "
        "wrong with it; a body that is not JSON gets 400.\n\n"
        "Send an `Idempotency-Key` header to retry safely: a retry with the same key and the same "
        "request gets the first answer again and stores nothing; the same key with a different "
        "request is refused (422). Keys belong to your organisation; a refused request does not "
        "use its key up.\n\n"
        "Without a valid token the answer is 401; a role that may not add feedback (a viewer) "
        "gets 403."
    ),
    # an empty body comes in as None, to be refused in the documented shape; it is still required
    openapi_extra={"requestBody": {"required": True}},
)
def ingest_feedback(
    request: HttpRequest,
    payload: Annotated[FeedbackBatchIn, Body(None)],
    partial: QueryEx[
        bool, P(description="Store the valid items and report the invalid ones.")
    ] = False,
    idempotency_key: HeaderEx[
        # the length is checked by the service, to be refused in the batch's shape
        Annotated[str, WithJsonSchema({"type": "string", "maxLength": MAX_KEY})] | None,
        P(
            alias="Idempotency-Key",
            description=f"Any unique string up to {MAX_KEY} characters, e.g. a UUID, per request.",
        ),
    ] = None,
) -> Status[dict[str, Any]]:
    outcome = feedback_ingest(
        actor=_actor(request),
        batch=payload.as_sent() if payload else None,
        partial=partial,
        idempotency_key=idempotency_key,
    )
    return Status(outcome.status_code, outcome.body)


class FeedbackFilters(Schema):
    """What ``GET /feedback`` narrows to."""

    kind: Response.Kind | None = None
    score_type: Response.ScoreType | None = None
    since: datetime | None = Field(
        None, description="Given (`responded_at`) on or after this moment."
    )
    received_since: datetime | None = Field(
        None,
        description="Received by Centric (`created_at`), or sent or changed by the respondent "
        "(`submitted_at`, `edited_at`), on or after this moment.",
    )
    source_ref: str | None = Field(None, description="Your id for it, as sent.")
    customer_id: Id | None = Field(None, description="One customer's.")
    contact_email: str | None = Field(
        None, description="One contact's, by their address (whatever its case)."
    )


@router.get(
    "/feedback",
    response={200: list[FeedbackOut], 401: ErrorOut, 422: InvalidOut},
    summary="Feedback you may see, newest first",
    description=(
        "Newest first by when it was given. `since` keeps to feedback given (`responded_at`) on "
        "or after a moment; to fetch what Centric has received since you last asked, whenever "
        "it was given, use `received_since` (on `created_at`, and for a survey's answers also "
        "when they were sent or changed: `submitted_at`, `edited_at`). A survey's answers begun "
        "and not yet sent are left out. `source_ref`, `customer_id` and "
        "`contact_email` are exact. An empty value (`?kind=`) is no filter; a value that is not "
        "one of a filter's is a 422 naming it."
    ),
)
@paginate(Page)
def list_feedback(request: HttpRequest, filters: Query[FeedbackFilters]) -> QuerySet[Response]:
    return selectors.feedback_list(
        actor=_actor(request),
        kind=filters.kind or "",
        score_type=filters.score_type or "",
        since=moment_query("since", filters.since),
        received_since=moment_query("received_since", filters.received_since),
        source_ref=filters.source_ref,
        customer_id=filters.customer_id,
        contact_email=filters.contact_email,
    )


@router.get(
    "/feedback/{response_id}",
    response={200: FeedbackOut, **READ_ERRORS},
    summary="One piece of feedback you may see",
)
def get_feedback(request: HttpRequest, response_id: Id) -> Response:
    return selectors.response_access(actor=_actor(request), response_id=response_id)
