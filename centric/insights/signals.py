"""``responses_analysed`` tells the apps above insights (cases routes feedback by its rules) that
new feedback has been read, once the readings are committed; receivers get ``response_ids``.
Responses without a comment are included: there was nothing to read, but their scores count.
Re-analysing history sends nothing: it is not new feedback."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.dispatch import Signal

responses_analysed = Signal()


def responses_analysed_send(*, response_ids: Sequence[int]) -> None:
    ids = list(response_ids)
    if ids:
        transaction.on_commit(lambda: responses_analysed.send(sender=None, response_ids=ids))
