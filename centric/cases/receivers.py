"""Analysed feedback is routed by the rules moments later, in the background."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from centric.cases.tasks import route_responses


def route_analysed_feedback(sender: object, *, response_ids: Sequence[int], **kwargs: Any) -> None:
    ids = list(response_ids)
    transaction.on_commit(lambda: route_responses.delay(ids))
