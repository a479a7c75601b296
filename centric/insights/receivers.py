"""New feedback is analysed in the background, moments after it is stored; a new organisation
starts with the default taxonomy, which it can then edit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from centric.core.models import Organisation
from centric.insights.services import themes_ensure
from centric.insights.tasks import analyse_responses


def analyse_received_feedback(
    sender: object, *, organisation_id: int, response_ids: Sequence[int], **kwargs: Any
) -> None:
    ids = list(response_ids)
    transaction.on_commit(lambda: analyse_responses.delay(ids))


def themes_for_new_organisation(
    sender: type[Organisation], instance: Organisation, created: bool, **kwargs: Any
) -> None:
    if created and not kwargs.get("raw"):
        themes_ensure(organisation_id=instance.pk)
