"""Feedback and rules for the cases tests: real responses, read by the real text engine."""

from __future__ import annotations

from typing import Any

from centric.cases.models import Rule
from centric.core import clock
from centric.customers.models import Contact, Customer
from centric.feedback.models import Response
from centric.insights.services import responses_analyse
from centric.people.models import User

DETRACTORS = [
    {"field": "score", "op": "lte", "value": 6},
    {"field": "score_type", "op": "in", "value": ["nps"]},
]


def feedback(
    *,
    customer: Customer,
    score: int | None = 3,
    comment: str = "The invoice was wrong again and nobody called me back.",
    contact: Contact | None = None,
    person: User | None = None,
    **values: Any,
) -> Response:
    """A submitted NPS response of ``customer``, analysed like new feedback is."""
    now = clock.now()
    response = Response.objects.create(
        organisation_id=customer.organisation_id,
        customer=customer,
        contact=contact,
        person=person,
        kind=values.pop("kind", Response.Kind.SURVEY),
        channel=values.pop("channel", Response.Channel.EMAIL),
        score=score,
        score_type=values.pop("score_type", "nps" if score is not None else ""),
        comment=comment,
        submitted_at=values.pop("submitted_at", now),
        responded_at=values.pop("responded_at", now),
        **values,
    )
    responses_analyse(response_ids=[response.pk])
    return response


def detractor_rule(organisation_id: int, **values: Any) -> Rule:
    return Rule.objects.create(
        organisation_id=organisation_id,
        name=values.pop("name", "Detractors"),
        conditions_all=values.pop("conditions_all", DETRACTORS),
        **values,
    )
