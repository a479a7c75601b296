"""Every organisation starts with the seed's journey (shop → dispose), which it can then edit.

``feedback_received`` announces new feedback to the apps above this one (insights analyses it).
Feedback may not import them — insights sits above feedback in the layers — so it tells whoever
listens instead; receivers get ``organisation_id`` and ``response_ids``.

``survey_closed_told``: people were told a survey closed by itself on its last day (cases puts
it among their notifications); receivers get ``user_ids``, a one-line ``message`` and the
``link`` (a path) to the survey.

``response_changed``: a respondent changed the answers of a response they had sent; receivers
get ``organisation_id``, ``response_id``, and what it said ``before`` and says ``after`` (each a
``GivenAnswers``), once the change commits: a case opened on the response says on its timeline
that the customer changed their score from 3 to 9."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from centric.core.models import Organisation
from centric.feedback.models import GivenAnswers, Response

feedback_received = Signal()
survey_closed_told = Signal()
response_changed = Signal()


def feedback_received_send(*, organisation_id: int, response_ids: Sequence[int]) -> None:
    """Send ``feedback_received`` once the caller's transaction commits (at once outside one)."""
    ids = list(response_ids)
    if ids:
        transaction.on_commit(
            lambda: feedback_received.send(
                sender=Response, organisation_id=organisation_id, response_ids=ids
            )
        )


def response_changed_send(response: Response, before: GivenAnswers, after: GivenAnswers) -> None:
    """Send ``response_changed`` once the caller's transaction commits."""
    organisation_id, response_id = response.organisation_id, response.pk
    transaction.on_commit(
        lambda: response_changed.send(
            sender=Response,
            organisation_id=organisation_id,
            response_id=response_id,
            before=before,
            after=after,
        )
    )


def survey_closed_told_send(*, user_ids: Sequence[int], message: str, link: str) -> None:
    ids = list(user_ids)
    if ids:
        transaction.on_commit(
            lambda: survey_closed_told.send(sender=None, user_ids=ids, message=message, link=link)
        )


@receiver(post_save, sender=Organisation, dispatch_uid="journey_for_new_organisation")
def _journey_for_new_organisation(
    sender: type[Organisation], instance: Organisation, created: bool, **kwargs: Any
) -> None:
    # imported here so that services may import this module for ``feedback_received_send``
    from centric.feedback.services import journey_stages_ensure

    if created:
        journey_stages_ensure(organisation_id=instance.pk)
