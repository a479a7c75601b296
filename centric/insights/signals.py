"""What insights tells the apps above it, once its writes are committed.

``responses_analysed``: new feedback has been read (cases routes it by its rules); receivers get
``response_ids``. Responses without a comment are included: there was nothing to read, but
their scores count. Re-analysing history sends nothing: it is not new feedback.

``spike_alerted``: a spike or sentiment shift was told of (cases puts it among the notifications
of those told); receivers get ``user_ids``, a one-line ``message`` and the ``link`` (a path) to
the comments behind it."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.dispatch import Signal

responses_analysed = Signal()
spike_alerted = Signal()


def responses_analysed_send(*, response_ids: Sequence[int]) -> None:
    ids = list(response_ids)
    if ids:
        transaction.on_commit(lambda: responses_analysed.send(sender=None, response_ids=ids))


def spike_alerted_send(*, user_ids: Sequence[int], message: str, link: str) -> None:
    ids = list(user_ids)
    if ids:
        transaction.on_commit(
            lambda: spike_alerted.send(sender=None, user_ids=ids, message=message, link=link)
        )
