"""Analysed feedback is routed by the rules moments later, in the background."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from centric.cases.models import Notification
from centric.cases.tasks import route_responses
from centric.people.models import User


def route_analysed_feedback(sender: object, *, response_ids: Sequence[int], **kwargs: Any) -> None:
    ids = list(response_ids)
    transaction.on_commit(lambda: route_responses.delay(ids))


def notify_told(
    sender: object, *, user_ids: Sequence[int], message: str, link: str, **kwargs: Any
) -> None:
    """What another app told people of — a spike or shift in Insights, a survey that closed by
    itself — joins their notifications (the mail, for those who take it, went with it)."""
    Notification.objects.bulk_create(
        Notification(
            organisation_id=person.organisation_id, recipient=person, message=message, link=link
        )
        for person in User.objects.filter(pk__in=user_ids)
    )
