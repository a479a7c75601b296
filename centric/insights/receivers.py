"""New feedback is analysed in the background, moments after it is stored."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from centric.insights.tasks import analyse_responses


def analyse_received_feedback(
    sender: object, *, organisation_id: int, response_ids: Sequence[int], **kwargs: Any
) -> None:
    ids = list(response_ids)
    transaction.on_commit(lambda: analyse_responses.delay(ids))
