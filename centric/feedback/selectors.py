"""Reads: surveys are visible to everyone in the organisation; responses follow the customers a
person may see (their accounts' contacts, their teams' internal customers)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from centric.core.permissions import sees_whole_organisation
from centric.customers.selectors import customers_visible_to
from centric.feedback.models import Invitation, JourneyStage, Response, Survey
from centric.people.models import User


def survey_list(*, actor: User) -> QuerySet[Survey]:
    return Survey.objects.filter(organisation_id=actor.organisation_id).annotate(
        invited=Count("invitations", distinct=True),
        answered=Count("responses", filter=Q(responses__submitted_at__isnull=False), distinct=True),
    )


def survey_access(*, actor: User, survey_id: int) -> Survey:
    try:
        return (
            survey_list(actor=actor)
            .select_related("stage", "touchpoint", "subject_team")
            .get(pk=survey_id)
        )
    except Survey.DoesNotExist:
        raise Http404("No such survey") from None


def responses_visible_to(actor: User) -> QuerySet[Response]:
    responses = Response.objects.filter(organisation_id=actor.organisation_id)
    if sees_whole_organisation(actor):
        return responses
    return responses.filter(customer__in=customers_visible_to(actor))


def feedback_list(
    *, actor: User, kind: str = "", score_type: str = "", since: datetime | None = None
) -> QuerySet[Response]:
    """Every kind of feedback the actor may see, newest first."""
    responses = responses_visible_to(actor).select_related("stage", "touchpoint")
    if kind:
        responses = responses.filter(kind=kind)
    if score_type:
        responses = responses.filter(score_type=score_type)
    if since:
        responses = responses.filter(responded_at__gte=since)
    return responses.order_by("-responded_at", "-id")


def response_list(*, actor: User, survey: Survey) -> QuerySet[Response]:
    return (
        responses_visible_to(actor)
        .filter(survey=survey)
        .select_related("customer__account", "customer__team", "contact", "person")
        .prefetch_related("answers__question")
    )


def response_access(*, actor: User, response_id: int) -> Response:
    try:
        return (
            responses_visible_to(actor)
            .select_related("survey", "contact", "person", "customer")
            .get(pk=response_id)
        )
    except Response.DoesNotExist:
        raise Http404("No such response") from None


def journey(*, actor: User) -> QuerySet[JourneyStage]:
    """The organisation's journey stages in order, with their touchpoints."""
    return JourneyStage.objects.filter(organisation_id=actor.organisation_id).prefetch_related(
        "touchpoints"
    )


def invitation_by_token(token: str) -> Invitation:
    try:
        return Invitation.objects.select_related("survey").get(token=token)
    except Invitation.DoesNotExist:
        raise Http404("This link is not valid.") from None
